# golden forward case 'conv_depthwise': input (C, H, W) = (3, 8, 8)
import torch
import torch.nn as nn

model = nn.Sequential(
    nn.Conv2d(3, 3, 5, padding=2, groups=3, bias=False),
)
