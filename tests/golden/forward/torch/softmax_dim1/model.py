# golden forward case 'softmax_dim1': input (C, H, W) = (4, 3, 3)
import torch
import torch.nn as nn

model = nn.Sequential(
    nn.Softmax(dim=1),
)
