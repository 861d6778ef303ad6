# golden forward case 'convT_k4_s2_p1': input (C, H, W) = (2, 5, 4)
import torch
import torch.nn as nn

model = nn.Sequential(
    nn.ConvTranspose2d(2, 3, 4, stride=2, padding=1),
)
