# golden forward case 'groupnorm_groups': input (C, H, W) = (8, 4, 5)
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.l0 = nn.GroupNorm(2, 8)
        self.l1 = nn.Conv2d(8, 8, 1)
        self.l2 = nn.GroupNorm(8, 8)
        self.l3 = nn.Conv2d(8, 8, 1)
        self.l4 = nn.GroupNorm(1, 8, eps=0.01)

    def forward(self, x):
        x = self.l0(x)
        x = self.l1(x)
        x = self.l2(x)
        x = self.l3(x)
        x = self.l4(x)
        return x


model = Net()
