# golden forward case 'F_relu_family': input (C, H, W) = (3, 5, 5)
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 3, padding=1)

    def forward(self, x):
        x = self.conv(x)
        a = F.relu(x)
        b = F.relu6(x * 4)
        c = F.leaky_relu(x, 0.1)
        d = F.elu(x)
        e = F.leaky_relu(x)
        return a, b, c, d, e


model = Net()
