# golden forward case 'maxpool_ceil_3_s2': input (C, H, W) = (2, 8, 8)
import torch
import torch.nn as nn

model = nn.Sequential(
    nn.MaxPool2d(3, 2, ceil_mode=True),
)
