# golden forward case 'flatten_view_reshape': input (C, H, W) = (3, 4, 5)
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(60, 4)

    def forward(self, x):
        a = torch.flatten(x, 1)
        b = x.flatten(2)
        c = x.view(x.size(0), -1)
        d = x.reshape(x.shape[0], 3, 20)
        e = x.view(-1, 3 * 4 * 5)
        f = torch.flatten(x, 1, 2)
        return a, b, self.fc(c), d, e, f


model = Net()
