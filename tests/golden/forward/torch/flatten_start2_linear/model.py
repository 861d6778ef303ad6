# golden forward case 'flatten_start2_linear': input (C, H, W) = (3, 4, 5)
import torch
import torch.nn as nn

model = nn.Sequential(
    nn.Flatten(2),
    nn.Linear(20, 6, bias=False),
)
