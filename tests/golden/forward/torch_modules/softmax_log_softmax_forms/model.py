# golden forward case 'softmax_log_softmax_forms': input (C, H, W) = (4, 3, 3)
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(4, 4, 1)
        self.fc = nn.Linear(36, 6)

    def forward(self, x):
        x = self.conv(x)
        a = F.softmax(x, dim=1)
        b = F.log_softmax(x, dim=-1)
        c = torch.softmax(x, 2)
        d = torch.log_softmax(x, dim=1)
        e = x.softmax(dim=3)
        f = x.log_softmax(1)
        g = F.softmax(x)
        h = self.fc(torch.flatten(x, 1))
        i = F.log_softmax(h, dim=1)
        j = F.log_softmax(h)
        return a, b, c, d, e, f, g, i, j


model = Net()
