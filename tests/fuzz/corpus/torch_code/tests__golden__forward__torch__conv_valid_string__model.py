# golden forward case 'conv_valid_string': input (C, H, W) = (2, 6, 6)
import torch
import torch.nn as nn

model = nn.Sequential(
    nn.Conv2d(2, 3, 3, padding='valid'),
)
