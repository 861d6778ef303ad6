# golden forward case 'avgpool_3_s2_p1_excluded': input (C, H, W) = (2, 8, 7)
import torch
import torch.nn as nn

model = nn.Sequential(
    nn.AvgPool2d(3, 2, padding=1, count_include_pad=False),
)
