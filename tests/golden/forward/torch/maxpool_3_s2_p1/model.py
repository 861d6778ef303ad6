# golden forward case 'maxpool_3_s2_p1': input (C, H, W) = (2, 8, 9)
import torch
import torch.nn as nn

model = nn.Sequential(
    nn.MaxPool2d(3, 2, padding=1),
)
