# golden forward case 'conv_groups4_depthwise_x2': input (C, H, W) = (4, 7, 7)
import torch
import torch.nn as nn

model = nn.Sequential(
    nn.Conv2d(4, 8, 3, stride=2, groups=4),
)
