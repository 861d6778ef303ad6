# golden forward case 'F_max_pool2d': input (C, H, W) = (2, 9, 8)
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def forward(self, x):
        a = F.max_pool2d(x, 2)
        b = F.max_pool2d(x, kernel_size=3, stride=2, padding=1)
        c = F.max_pool2d(x, (2, 3), ceil_mode=True)
        d = F.max_pool2d(x, 3, 1, 1, dilation=2)
        return a, b, c, d


model = Net()
