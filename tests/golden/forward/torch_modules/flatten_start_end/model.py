# golden forward case 'flatten_start_end': input (C, H, W) = (3, 4, 5)
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.f_default = nn.Flatten()
        self.f_2 = nn.Flatten(2)
        self.f_1_2 = nn.Flatten(1, 2)
        self.f_neg = nn.Flatten(start_dim=-2, end_dim=-1)
        self.fc = nn.Linear(5, 2)

    def forward(self, x):
        a = self.f_default(x)
        b = self.f_2(x)
        c = self.fc(self.f_1_2(x))
        d = self.f_neg(x)
        return a, b, c, d


model = Net()
