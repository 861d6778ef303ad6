# golden forward case 'upsample_nearest_fractional': input (C, H, W) = (2, 4, 5)
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.l0 = nn.Upsample(scale_factor=1.5)
        self.l1 = nn.Upsample(scale_factor=(2, 1.5), mode="nearest")

    def forward(self, x):
        x = self.l0(x)
        x = self.l1(x)
        return x


model = Net()
