# golden forward case 'flatten_linear': input (C, H, W) = (3, 4, 5)
import torch
import torch.nn as nn

model = nn.Sequential(
    nn.Flatten(),
    nn.Linear(60, 7),
    nn.ReLU(),
    nn.Linear(7, 3),
    nn.Softmax(dim=1),
)
