# golden forward case 'conv_dilation2_stride2': input (C, H, W) = (2, 11, 10)
import torch
import torch.nn as nn

model = nn.Sequential(
    nn.Conv2d(2, 3, 3, stride=2, dilation=2, padding=2),
)
