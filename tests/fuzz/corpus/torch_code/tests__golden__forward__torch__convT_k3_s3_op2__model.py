# golden forward case 'convT_k3_s3_op2': input (C, H, W) = (2, 3, 3)
import torch
import torch.nn as nn

model = nn.Sequential(
    nn.ConvTranspose2d(2, 2, 3, stride=3, output_padding=2),
)
