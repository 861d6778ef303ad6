# golden forward case 'mean_keepdim': input (C, H, W) = (3, 4, 5)
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def forward(self, x):
        a = x.mean(dim=(2, 3))
        b = x.mean((2, 3), keepdim=True)
        c = x.mean(-1)
        d = torch.mean(x, dim=1, keepdim=True)
        e = x.mean([1, 3])
        return a, b, c, d, e


model = Net()
