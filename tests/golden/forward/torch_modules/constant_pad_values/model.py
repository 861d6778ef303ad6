# golden forward case 'constant_pad_values': input (C, H, W) = (2, 4, 5)
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.l0 = nn.ConstantPad2d(2, 0.5)
        self.l1 = nn.ConstantPad2d((3, 0, 1, 1), -1.25)

    def forward(self, x):
        x = self.l0(x)
        x = self.l1(x)
        return x


model = Net()
