# golden forward case 'convT_k1_s2': input (C, H, W) = (2, 3, 3)
import torch
import torch.nn as nn

model = nn.Sequential(
    nn.ConvTranspose2d(2, 2, 1, stride=2),
)
