# golden forward case 'zeropad_lrtb': input (C, H, W) = (2, 4, 5)
import torch
import torch.nn as nn

model = nn.Sequential(
    nn.ZeroPad2d((1, 2, 0, 3)),
    nn.Conv2d(2, 2, 3),
)
