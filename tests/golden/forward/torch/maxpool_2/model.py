# golden forward case 'maxpool_2': input (C, H, W) = (2, 8, 7)
import torch
import torch.nn as nn

model = nn.Sequential(
    nn.MaxPool2d(2),
)
