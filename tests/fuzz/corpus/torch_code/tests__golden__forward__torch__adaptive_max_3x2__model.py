# golden forward case 'adaptive_max_3x2': input (C, H, W) = (3, 7, 5)
import torch
import torch.nn as nn

model = nn.Sequential(
    nn.AdaptiveMaxPool2d((3, 2)),
)
