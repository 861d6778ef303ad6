# golden forward case 'decoder_upsample': input (C, H, W) = (4, 3, 3)
import torch
import torch.nn as nn

model = nn.Sequential(
    nn.Upsample(scale_factor=2, mode='bilinear'),
    nn.Conv2d(4, 3, 3, padding=1),
    nn.ReLU(),
    nn.Upsample(scale_factor=2),
    nn.Conv2d(3, 1, 3, padding=1),
)
