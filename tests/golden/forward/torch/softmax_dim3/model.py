# golden forward case 'softmax_dim3': input (C, H, W) = (2, 3, 4)
import torch
import torch.nn as nn

model = nn.Sequential(
    nn.Softmax(dim=3),
)
