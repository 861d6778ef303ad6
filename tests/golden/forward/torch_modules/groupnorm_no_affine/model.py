# golden forward case 'groupnorm_no_affine': input (C, H, W) = (6, 4, 4)
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.l0 = nn.GroupNorm(3, 6, affine=False)
        self.l1 = nn.Conv2d(6, 4, 3)
        self.l2 = nn.GroupNorm(num_groups=2, num_channels=4)

    def forward(self, x):
        x = self.l0(x)
        x = self.l1(x)
        x = self.l2(x)
        return x


model = Net()
