# golden forward case 'conv_rect_kernel': input (C, H, W) = (2, 9, 8)
import torch
import torch.nn as nn

model = nn.Sequential(
    nn.Conv2d(2, 3, (3, 1), stride=(2, 1), padding=(1, 0)),
)
