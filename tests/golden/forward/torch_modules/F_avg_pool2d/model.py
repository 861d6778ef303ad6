# golden forward case 'F_avg_pool2d': input (C, H, W) = (2, 9, 8)
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def forward(self, x):
        a = F.avg_pool2d(x, 2)
        b = F.avg_pool2d(x, 3, stride=2, padding=1)
        c = F.avg_pool2d(x, 3, stride=2, padding=1, count_include_pad=False)
        d = F.avg_pool2d(x, 2, 2, 1, ceil_mode=True)
        return a, b, c, d


model = Net()
