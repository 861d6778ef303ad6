# golden forward case 'abs_pow_max_min_operators': input (C, H, W) = (4, 5, 6)
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(4, 4, 3, padding=1)

    def forward(self, x):
        y = self.conv(x)
        a = y.abs()
        b = torch.abs(x) ** 2
        c = y.pow(3) - torch.pow(x, 2)
        m = torch.max(y, 1, keepdim=True)[0]
        v, i = y.min(dim=1, keepdim=True)
        w = torch.maximum(a, b) * m + torch.min(c, v)
        n = x.max(dim=2)[0]
        return (w - i) * n.unsqueeze(2)


model = Net()
