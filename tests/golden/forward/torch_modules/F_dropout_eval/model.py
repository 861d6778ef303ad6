# golden forward case 'F_dropout_eval': input (C, H, W) = (3, 5, 5)
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 3)
        self.drop = nn.Dropout(0.5)
        self.drop2d = nn.Dropout2d(0.25)

    def forward(self, x):
        x = F.dropout(self.conv(x), p=0.3, training=self.training)
        x = self.drop(x)
        x = self.drop2d(x)
        return F.dropout2d(x, 0.2, training=False)


model = Net()
