# golden forward case 'layer_norm_lrn': input (C, H, W) = (6, 5, 5)
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.l0 = nn.LayerNorm([6, 5, 5])
        self.l1 = nn.Conv2d(6, 6, 1)
        self.l2 = nn.LayerNorm(5, elementwise_affine=False)
        self.l3 = nn.LocalResponseNorm(3)
        self.l4 = nn.Conv2d(6, 6, 1)
        self.l5 = nn.LocalResponseNorm(4, alpha=0.01, beta=0.5, k=2.0)
        self.l6 = nn.LayerNorm([5, 5], eps=1e-3)

    def forward(self, x):
        x = self.l0(x)
        x = self.l1(x)
        x = self.l2(x)
        x = self.l3(x)
        x = self.l4(x)
        x = self.l5(x)
        x = self.l6(x)
        return x


model = Net()
