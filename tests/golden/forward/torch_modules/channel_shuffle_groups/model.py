# golden forward case 'channel_shuffle_groups': input (C, H, W) = (6, 4, 4)
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.l0 = nn.Conv2d(6, 6, 1, groups=2)
        self.l1 = nn.ChannelShuffle(2)
        self.l2 = nn.ChannelShuffle(3)
        self.l3 = nn.Conv2d(6, 6, 3, padding=1, groups=6)

    def forward(self, x):
        x = self.l0(x)
        x = self.l1(x)
        x = self.l2(x)
        x = self.l3(x)
        return x


model = Net()
