# golden forward case 'classic_activations_prelu': input (C, H, W) = (3, 5, 5)
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.l0 = nn.Conv2d(3, 4, 3, padding=1)
        self.l1 = nn.ELU(alpha=0.7)
        self.l2 = nn.Conv2d(4, 4, 1)
        self.l3 = nn.PReLU()
        self.l4 = nn.Conv2d(4, 4, 1)
        self.l5 = nn.PReLU(4)
        self.l6 = nn.Hardtanh(-0.5, 0.5)

    def forward(self, x):
        x = self.l0(x)
        x = self.l1(x)
        x = self.l2(x)
        x = self.l3(x)
        x = self.l4(x)
        x = self.l5(x)
        x = self.l6(x)
        return x


model = Net()
