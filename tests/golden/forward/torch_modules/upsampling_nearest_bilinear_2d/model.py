# golden forward case 'upsampling_nearest_bilinear_2d': input (C, H, W) = (2, 3, 3)
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.l0 = nn.UpsamplingNearest2d(scale_factor=2)
        self.l1 = nn.UpsamplingBilinear2d(size=(8, 9))

    def forward(self, x):
        x = self.l0(x)
        x = self.l1(x)
        return x


model = Net()
