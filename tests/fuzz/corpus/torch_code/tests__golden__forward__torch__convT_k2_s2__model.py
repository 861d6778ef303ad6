# golden forward case 'convT_k2_s2': input (C, H, W) = (4, 4, 4)
import torch
import torch.nn as nn

model = nn.Sequential(
    nn.ConvTranspose2d(4, 3, 2, stride=2),
)
