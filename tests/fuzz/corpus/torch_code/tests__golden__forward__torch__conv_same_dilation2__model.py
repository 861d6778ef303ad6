# golden forward case 'conv_same_dilation2': input (C, H, W) = (2, 9, 8)
import torch
import torch.nn as nn

model = nn.Sequential(
    nn.Conv2d(2, 3, 3, padding='same', dilation=2),
)
