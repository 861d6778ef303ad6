# golden forward case 'convT_dilation2': input (C, H, W) = (2, 4, 4)
import torch
import torch.nn as nn

model = nn.Sequential(
    nn.ConvTranspose2d(2, 3, 3, dilation=2),
)
