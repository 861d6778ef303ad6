# golden forward case 'upsample_nearest_exact_down': input (C, H, W) = (2, 9, 11)
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.l0 = nn.Upsample(size=(4, 5), mode="nearest-exact")
        self.l1 = nn.Upsample(scale_factor=1.5, mode="nearest-exact")
        self.l2 = nn.Upsample(size=7, mode="nearest-exact")

    def forward(self, x):
        x = self.l0(x)
        x = self.l1(x)
        x = self.l2(x)
        return x


model = Net()
