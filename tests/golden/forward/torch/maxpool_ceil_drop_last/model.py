# golden forward case 'maxpool_ceil_drop_last': input (C, H, W) = (2, 5, 5)
import torch
import torch.nn as nn

model = nn.Sequential(
    nn.MaxPool2d(2, 2, padding=1, ceil_mode=True),
)
