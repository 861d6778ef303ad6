# golden forward case 'activations_2': input (C, H, W) = (2, 4, 4)
import torch
import torch.nn as nn

model = nn.Sequential(
    nn.Conv2d(2, 3, 3, padding=1),
    nn.Tanh(),
    nn.Identity(),
    nn.Dropout(0.3),
    nn.LeakyReLU(),
    nn.Dropout2d(),
)
