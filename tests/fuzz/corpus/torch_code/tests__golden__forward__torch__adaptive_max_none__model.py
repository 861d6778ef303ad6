# golden forward case 'adaptive_max_none': input (C, H, W) = (2, 5, 6)
import torch
import torch.nn as nn

model = nn.Sequential(
    nn.AdaptiveMaxPool2d((None, 4)),
)
