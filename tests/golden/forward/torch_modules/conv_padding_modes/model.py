# golden forward case 'conv_padding_modes': input (C, H, W) = (3, 6, 7)
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.l0 = nn.Conv2d(3, 4, 3, padding=1, padding_mode='reflect')
        self.l1 = nn.Conv2d(4, 4, 3, padding=2, padding_mode='replicate')
        self.l2 = nn.Conv2d(4, 4, 5, stride=2, padding=(2, 3), padding_mode='circular')
        self.l3 = nn.Conv2d(4, 2, 3, padding='same', padding_mode='reflect', groups=2)

    def forward(self, x):
        x = self.l0(x)
        x = self.l1(x)
        x = self.l2(x)
        x = self.l3(x)
        return x


model = Net()
