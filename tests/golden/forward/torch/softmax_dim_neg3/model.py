# golden forward case 'softmax_dim_neg3': input (C, H, W) = (3, 2, 2)
import torch
import torch.nn as nn

model = nn.Sequential(
    nn.Softmax(dim=-3),
)
