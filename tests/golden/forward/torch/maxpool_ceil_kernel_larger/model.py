# golden forward case 'maxpool_ceil_kernel_larger': input (C, H, W) = (1, 25, 25)
import torch
import torch.nn as nn

model = nn.Sequential(
    nn.MaxPool2d(26, 3, ceil_mode=True),
)
