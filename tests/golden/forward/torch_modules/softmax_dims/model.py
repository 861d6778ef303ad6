# golden forward case 'softmax_dims': input (C, H, W) = (4, 3, 5)
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.l0 = nn.Softmax(dim=1)
        self.l1 = nn.Conv2d(4, 4, 1)
        self.l2 = nn.Softmax(-1)
        self.l3 = nn.Conv2d(4, 3, 1)
        self.l4 = nn.Softmax(dim=2)
        self.l5 = nn.Conv2d(3, 3, 1)
        self.l6 = nn.Softmax()

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
