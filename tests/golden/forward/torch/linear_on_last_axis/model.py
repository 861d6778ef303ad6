# golden forward case 'linear_on_last_axis': input (C, H, W) = (2, 3, 5)
import torch
import torch.nn as nn

model = nn.Sequential(
    nn.Linear(5, 4),
)
