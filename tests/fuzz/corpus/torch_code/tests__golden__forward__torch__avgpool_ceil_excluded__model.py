# golden forward case 'avgpool_ceil_excluded': input (C, H, W) = (2, 7, 6)
import torch
import torch.nn as nn

model = nn.Sequential(
    nn.AvgPool2d(3, 2, padding=1, ceil_mode=True, count_include_pad=False),
)
