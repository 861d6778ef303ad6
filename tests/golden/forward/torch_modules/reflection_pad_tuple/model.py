# golden forward case 'reflection_pad_tuple': input (C, H, W) = (2, 5, 6)
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.l0 = nn.ReflectionPad2d((1, 0, 3, 2))
        self.l1 = nn.ReflectionPad2d((0, 2, 1, 1))

    def forward(self, x):
        x = self.l0(x)
        x = self.l1(x)
        return x


model = Net()
