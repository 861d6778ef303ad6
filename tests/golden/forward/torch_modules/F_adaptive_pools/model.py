# golden forward case 'F_adaptive_pools': input (C, H, W) = (3, 7, 9)
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def forward(self, x):
        a = F.adaptive_avg_pool2d(x, (3, 4))
        b = F.adaptive_max_pool2d(x, 2)
        c = F.adaptive_avg_pool2d(x, 1)
        d = F.adaptive_max_pool2d(x, (5, 4))
        return a, b, c, d


model = Net()
