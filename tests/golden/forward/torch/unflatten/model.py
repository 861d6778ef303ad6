# golden forward case 'unflatten': input (C, H, W) = (2, 3, 4)
import torch
import torch.nn as nn

model = nn.Sequential(
    nn.Flatten(),
    nn.Linear(24, 18),
    nn.Unflatten(1, (2, 3, 3)),
    nn.Conv2d(2, 2, 2),
)
