# VGG for ConvLens: the project's own definitions, written to match the architectures of torchvision 0.14's
# vgg11/13/16/19 and their _bn variants exactly (same module tree, so the same state_dict keys and shapes, the
# same torch.fx node names and the same parameter counts). torchvision is BSD-3-Clause; this file is not a copy
# of its source. It has no weight initialisation and no weight loading: `weights`, `pretrained`, `progress` and
# `init_weights` are accepted and ignored. Checked by tests/golden/modules/check_applications.py.
import torch
import torch.nn as nn

# Numbers are 3x3 convolutions (output channels), 'M' a 2x2 max pool.
cfgs = {
    'A': [64, 'M', 128, 'M', 256, 256, 'M', 512, 512, 'M', 512, 512, 'M'],
    'B': [64, 64, 'M', 128, 128, 'M', 256, 256, 'M', 512, 512, 'M', 512, 512, 'M'],
    'D': [64, 64, 'M', 128, 128, 'M', 256, 256, 256, 'M', 512, 512, 512, 'M', 512, 512, 512, 'M'],
    'E': [64, 64, 'M', 128, 128, 'M', 256, 256, 256, 256, 'M', 512, 512, 512, 512, 'M', 512, 512, 512, 512, 'M'],
}


def make_layers(cfg, batch_norm=False):
    layers = []
    in_channels = 3
    for v in cfg:
        if v == 'M':
            layers += [nn.MaxPool2d(kernel_size=2, stride=2)]
        else:
            conv2d = nn.Conv2d(in_channels, v, kernel_size=3, padding=1)
            if batch_norm:
                layers += [conv2d, nn.BatchNorm2d(v), nn.ReLU(inplace=True)]
            else:
                layers += [conv2d, nn.ReLU(inplace=True)]
            in_channels = v
    return nn.Sequential(*layers)


class VGG(nn.Module):
    def __init__(self, features, num_classes=1000, init_weights=True, dropout=0.5):
        super().__init__()
        self.features = features
        self.avgpool = nn.AdaptiveAvgPool2d((7, 7))
        self.classifier = nn.Sequential(
            nn.Linear(512 * 7 * 7, 4096),
            nn.ReLU(True),
            nn.Dropout(p=dropout),
            nn.Linear(4096, 4096),
            nn.ReLU(True),
            nn.Dropout(p=dropout),
            nn.Linear(4096, num_classes),
        )

    def forward(self, x):
        x = self.features(x)
        x = self.avgpool(x)
        x = torch.flatten(x, 1)
        x = self.classifier(x)
        return x


def vgg11(weights=None, progress=True, num_classes=1000, pretrained=False, **kwargs):
    """VGG-11 (configuration A): 132,863,336 parameters for 1000 classes."""
    return VGG(make_layers(cfgs['A']), num_classes=num_classes, **kwargs)


def vgg11_bn(weights=None, progress=True, num_classes=1000, pretrained=False, **kwargs):
    """VGG-11 with batch normalisation: 132,868,840 parameters for 1000 classes."""
    return VGG(make_layers(cfgs['A'], batch_norm=True), num_classes=num_classes, **kwargs)


def vgg13(weights=None, progress=True, num_classes=1000, pretrained=False, **kwargs):
    """VGG-13 (configuration B): 133,047,848 parameters for 1000 classes."""
    return VGG(make_layers(cfgs['B']), num_classes=num_classes, **kwargs)


def vgg13_bn(weights=None, progress=True, num_classes=1000, pretrained=False, **kwargs):
    """VGG-13 with batch normalisation: 133,053,736 parameters for 1000 classes."""
    return VGG(make_layers(cfgs['B'], batch_norm=True), num_classes=num_classes, **kwargs)


def vgg16(weights=None, progress=True, num_classes=1000, pretrained=False, **kwargs):
    """VGG-16 (configuration D): 138,357,544 parameters for 1000 classes."""
    return VGG(make_layers(cfgs['D']), num_classes=num_classes, **kwargs)


def vgg16_bn(weights=None, progress=True, num_classes=1000, pretrained=False, **kwargs):
    """VGG-16 with batch normalisation: 138,365,992 parameters for 1000 classes."""
    return VGG(make_layers(cfgs['D'], batch_norm=True), num_classes=num_classes, **kwargs)


def vgg19(weights=None, progress=True, num_classes=1000, pretrained=False, **kwargs):
    """VGG-19 (configuration E): 143,667,240 parameters for 1000 classes."""
    return VGG(make_layers(cfgs['E']), num_classes=num_classes, **kwargs)


def vgg19_bn(weights=None, progress=True, num_classes=1000, pretrained=False, **kwargs):
    """VGG-19 with batch normalisation: 143,678,248 parameters for 1000 classes."""
    return VGG(make_layers(cfgs['E'], batch_norm=True), num_classes=num_classes, **kwargs)
