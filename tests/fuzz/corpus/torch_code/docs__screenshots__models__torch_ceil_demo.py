# Screenshot model for the step player in PyTorch semantics: symmetric padding, and a ceil_mode max pooling whose last
# window hangs one cell over the bottom/right edge (12x12 -> 7x7 with kernel 3, stride 2, padding 1). The project
# file torch_ceil_demo.json is this code imported with input shape (1, 28, 28).
import torch.nn as nn

model = nn.Sequential(
    nn.Conv2d(1, 4, 3, padding=1),
    nn.ReLU(),
    nn.MaxPool2d(2),
    nn.Conv2d(4, 4, 3),
    nn.MaxPool2d(3, stride=2, padding=1, ceil_mode=True),
)
