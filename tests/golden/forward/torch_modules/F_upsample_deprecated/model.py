# golden forward case 'F_upsample_deprecated': input (C, H, W) = (2, 3, 4)
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def forward(self, x):
        a = F.upsample(x, scale_factor=2)
        b = F.upsample(x, size=(5, 7), mode='bilinear', align_corners=True)
        c = F.upsample(x, scale_factor=2, mode='bilinear')
        return a, b, c


model = Net()
