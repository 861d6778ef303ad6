# golden forward case 'conv_k3_s2_p1_even': input (C, H, W) = (3, 8, 8)
import torch
import torch.nn as nn

model = nn.Sequential(
    nn.Conv2d(3, 4, 3, stride=2, padding=1),
)
