# golden forward case 'conv_same_k4_even_kernel': input (C, H, W) = (2, 6, 6)
import torch
import torch.nn as nn

model = nn.Sequential(
    nn.Conv2d(2, 3, 4, padding='same'),
)
