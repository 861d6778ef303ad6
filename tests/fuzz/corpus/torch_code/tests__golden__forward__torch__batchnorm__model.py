# golden forward case 'batchnorm': input (C, H, W) = (3, 5, 5)
import torch
import torch.nn as nn

model = nn.Sequential(
    nn.Conv2d(3, 4, 3, padding=1),
    nn.BatchNorm2d(4),
    nn.ReLU(),
)
