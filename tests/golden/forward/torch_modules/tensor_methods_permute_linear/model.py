# golden forward case 'tensor_methods_permute_linear': input (C, H, W) = (4, 3, 5)
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 6)

    def forward(self, x):
        y = x.permute(0, 2, 3, 1)
        y = self.fc(y)
        y = y.permute(0, 3, 1, 2).contiguous()
        y = y.transpose(2, 3)
        return y.reshape(y.size(0), -1)


model = Net()
