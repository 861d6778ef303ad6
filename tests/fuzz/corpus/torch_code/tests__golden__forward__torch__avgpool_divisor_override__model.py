# golden forward case 'avgpool_divisor_override': input (C, H, W) = (2, 6, 6)
import torch
import torch.nn as nn

model = nn.Sequential(
    nn.AvgPool2d(3, divisor_override=4),
)
