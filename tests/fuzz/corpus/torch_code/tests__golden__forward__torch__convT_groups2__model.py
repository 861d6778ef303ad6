# golden forward case 'convT_groups2': input (C, H, W) = (4, 3, 4)
import torch
import torch.nn as nn

model = nn.Sequential(
    nn.ConvTranspose2d(4, 6, 3, stride=2, groups=2),
)
