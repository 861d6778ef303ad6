# golden forward case 'conv_same_k3': input (C, H, W) = (2, 6, 7)
import torch
import torch.nn as nn

model = nn.Sequential(
    nn.Conv2d(2, 3, 3, padding='same'),
)
