# golden forward case 'lenet5': input (C, H, W) = (1, 28, 28)
import torch
import torch.nn as nn

model = nn.Sequential(
    nn.Conv2d(1, 6, 5, padding=2),
    nn.Tanh(),
    nn.AvgPool2d(2, 2),
    nn.Conv2d(6, 16, 5),
    nn.Tanh(),
    nn.AvgPool2d(2, 2),
    nn.Flatten(),
    nn.Linear(400, 120),
    nn.Tanh(),
    nn.Linear(120, 84),
    nn.Tanh(),
    nn.Linear(84, 10),
)
