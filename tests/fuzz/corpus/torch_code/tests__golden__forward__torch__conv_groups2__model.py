# golden forward case 'conv_groups2': input (C, H, W) = (4, 6, 6)
import torch
import torch.nn as nn

model = nn.Sequential(
    nn.Conv2d(4, 6, 3, padding=1, groups=2),
)
