# golden forward case 'F_pad_modes': input (C, H, W) = (2, 4, 5)
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def forward(self, x):
        a = F.pad(x, (1, 1))
        b = F.pad(x, (1, 2, 3, 0))
        c = F.pad(x, [2, 1, 2, 3], mode='reflect')
        d = F.pad(x, (1, 0, 2, 4), mode='replicate')
        e = F.pad(x, (1, 1, 1, 1), 'constant', 0.75)
        f = F.pad(x, (-1, 0, 1, -2))
        return a, b, c, d, e, f


model = Net()
