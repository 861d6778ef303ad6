# golden forward case 'maxpool_dilation2': input (C, H, W) = (2, 9, 9)
import torch
import torch.nn as nn

model = nn.Sequential(
    nn.MaxPool2d(3, 1, padding=1, dilation=2),
)
