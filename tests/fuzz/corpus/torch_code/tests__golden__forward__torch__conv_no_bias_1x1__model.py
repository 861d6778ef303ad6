# golden forward case 'conv_no_bias_1x1': input (C, H, W) = (5, 4, 4)
import torch
import torch.nn as nn

model = nn.Sequential(
    nn.Conv2d(5, 2, 1, bias=False),
)
