# golden forward case 'avgpool_ceil_3_s2_p1': input (C, H, W) = (2, 6, 6)
import torch
import torch.nn as nn

model = nn.Sequential(
    nn.AvgPool2d(3, 2, padding=1, ceil_mode=True),
)
