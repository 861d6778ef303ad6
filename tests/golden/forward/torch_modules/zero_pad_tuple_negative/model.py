# golden forward case 'zero_pad_tuple_negative': input (C, H, W) = (2, 5, 6)
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.l0 = nn.ZeroPad2d((1, 2, 0, 3))
        self.l1 = nn.ZeroPad2d(-1)
        self.l2 = nn.ZeroPad2d((-1, 0, 2, -2))

    def forward(self, x):
        x = self.l0(x)
        x = self.l1(x)
        x = self.l2(x)
        return x


model = Net()
