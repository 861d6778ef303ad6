# golden forward case 'convT_k3_s2_p1_op1': input (C, H, W) = (3, 4, 5)
import torch
import torch.nn as nn

model = nn.Sequential(
    nn.ConvTranspose2d(3, 2, 3, stride=2, padding=1, output_padding=1),
)
