# golden forward case 'conv_k3_s2_p1_odd': input (C, H, W) = (3, 9, 9)
import torch
import torch.nn as nn

model = nn.Sequential(
    nn.Conv2d(3, 4, 3, stride=2, padding=1),
)
