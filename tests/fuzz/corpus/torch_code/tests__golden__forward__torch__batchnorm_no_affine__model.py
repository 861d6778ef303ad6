# golden forward case 'batchnorm_no_affine': input (C, H, W) = (3, 4, 4)
import torch
import torch.nn as nn

model = nn.Sequential(
    nn.BatchNorm2d(3, affine=False),
)
