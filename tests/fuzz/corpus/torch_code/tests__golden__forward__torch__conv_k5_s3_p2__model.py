# golden forward case 'conv_k5_s3_p2': input (C, H, W) = (1, 12, 11)
import torch
import torch.nn as nn

model = nn.Sequential(
    nn.Conv2d(1, 2, 5, stride=3, padding=2),
)
