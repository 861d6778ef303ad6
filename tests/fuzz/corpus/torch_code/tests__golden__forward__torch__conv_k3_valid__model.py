# golden forward case 'conv_k3_valid': input (C, H, W) = (2, 7, 7)
import torch
import torch.nn as nn

model = nn.Sequential(
    nn.Conv2d(2, 4, 3),
)
