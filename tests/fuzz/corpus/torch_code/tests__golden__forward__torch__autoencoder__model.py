# golden forward case 'autoencoder': input (C, H, W) = (1, 12, 12)
import torch
import torch.nn as nn

model = nn.Sequential(
    nn.Conv2d(1, 4, 3, stride=2, padding=1),
    nn.ReLU(),
    nn.Conv2d(4, 8, 3, stride=2, padding=1),
    nn.ReLU(),
    nn.ConvTranspose2d(8, 4, 3, stride=2, padding=1, output_padding=1),
    nn.ReLU(),
    nn.ConvTranspose2d(4, 1, 3, stride=2, padding=1, output_padding=1),
    nn.Sigmoid(),
)
