# golden forward case 'F_interpolate': input (C, H, W) = (2, 4, 5)
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def forward(self, x):
        a = F.interpolate(x, scale_factor=2)
        b = F.interpolate(x, scale_factor=2, mode='bilinear', align_corners=False)
        c = F.interpolate(x, size=(7, 9), mode='bilinear', align_corners=True)
        d = F.interpolate(x, size=(6, 8))
        e = F.interpolate(x, scale_factor=1.5, mode='bilinear')
        f = F.interpolate(x, scale_factor=0.5)
        return a, b, c, d, e, f


model = Net()
