# golden forward case 'replication_pad': input (C, H, W) = (2, 4, 5)
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.l0 = nn.ReplicationPad2d(1)
        self.l1 = nn.ReplicationPad2d((0, 3, 2, 1))
        self.l2 = nn.ReplicationPad2d(7)

    def forward(self, x):
        x = self.l0(x)
        x = self.l1(x)
        x = self.l2(x)
        return x


model = Net()
