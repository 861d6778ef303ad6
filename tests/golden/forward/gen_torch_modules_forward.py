#!/usr/bin/python3
"""Golden forward data from PyTorch (Debian python3-torch 1.13) for nn.Module class code: the layer kinds, F.*
functions, tensor methods and operators that `nn.Module` models use, and a few whole small models. For every
case: the code as ConvLens imports it (it ends with `model = ...`), seeded weights (the state_dict as .npy), a
seeded input and the output of every row, named by its torch.fx node name.

    cd tests/golden/forward && /usr/bin/python3 gen_torch_modules_forward.py

Writes torch_modules/<case>/{model.py, input.npy, weights/<state_dict key>.npy, expected/<fx node name>.npy} and
cases_torch_modules.json. The rows and their names come from the tracers of ../modules/gen_torch_modules.py
(torch.fx symbolic_trace when it can trace the model, else the concrete tracer; for fx-traceable cases both
are run and must agree on names, shapes and values). Deterministic (fixed seeds; single thread).
"""
import json
import os
import shutil
import sys
import textwrap

import numpy as np
import torch
import torch.nn as nn

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, 'torch_modules')
sys.dont_write_bytecode = True      # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(HERE, '..', 'modules'))
import gen_torch_modules as tracer  # noqa: E402  (the fx and concrete tracers)

torch.set_num_threads(1)
HEAD = 'import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n\n\n'

# (name, input shape (C, H, W), code ending with `model = ...`, input scale)
CASES = []


def case(name, shape, code, scale=1.0):
    CASES.append((name, tuple(shape), HEAD + textwrap.dedent(code).strip('\n') + '\n', scale))


def seq(name, shape, *layers, scale=1.0):
    """A class whose forward runs the given layers in order (as attributes l0, l1, ...)."""
    init = ''.join(f'        self.l{i} = {l}\n' for i, l in enumerate(layers))
    fwd = ''.join(f'        x = self.l{i}(x)\n' for i in range(len(layers)))
    case(name, shape, f'''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
{init}
    def forward(self, x):
{fwd}        return x


model = Net()
''', scale)


# --- padding ----------------------------------------------------------------------------------------------------
seq('reflection_pad_int', (2, 5, 6), 'nn.ReflectionPad2d(2)', 'nn.Conv2d(2, 3, 3)')
seq('reflection_pad_tuple', (2, 5, 6), 'nn.ReflectionPad2d((1, 0, 3, 2))', 'nn.ReflectionPad2d((0, 2, 1, 1))')
seq('replication_pad', (2, 4, 5), 'nn.ReplicationPad2d(1)', 'nn.ReplicationPad2d((0, 3, 2, 1))',
    'nn.ReplicationPad2d(7)')
seq('zero_pad_tuple_negative', (2, 5, 6), 'nn.ZeroPad2d((1, 2, 0, 3))', 'nn.ZeroPad2d(-1)',
    'nn.ZeroPad2d((-1, 0, 2, -2))')
seq('constant_pad_values', (2, 4, 5), 'nn.ConstantPad2d(2, 0.5)', 'nn.ConstantPad2d((3, 0, 1, 1), -1.25)')

# --- softmax, identity, pixel shuffle, upsampling, flatten ------------------------------------------------------
seq('softmax_dims', (4, 3, 5), 'nn.Softmax(dim=1)', 'nn.Conv2d(4, 4, 1)', 'nn.Softmax(-1)', 'nn.Conv2d(4, 3, 1)',
    'nn.Softmax(dim=2)', 'nn.Conv2d(3, 3, 1)', 'nn.Softmax()', scale=3.0)
seq('log_softmax_dims', (4, 3, 3), 'nn.LogSoftmax(dim=1)', 'nn.Conv2d(4, 4, 1)', 'nn.LogSoftmax(dim=-1)',
    'nn.Flatten()', 'nn.Linear(36, 5)', 'nn.LogSoftmax(dim=1)', scale=3.0)
seq('identity_modules', (3, 5, 5), 'nn.Identity()', 'nn.Conv2d(3, 2, 3)', 'nn.Identity(7, ignored=True)')
seq('pixel_shuffle_2', (8, 3, 4), 'nn.PixelShuffle(2)', 'nn.Conv2d(2, 4, 3, padding=1)')
seq('pixel_shuffle_3_unshuffle', (9, 2, 4), 'nn.PixelShuffle(upscale_factor=3)', 'nn.PixelUnshuffle(2)')
seq('upsample_nearest', (2, 3, 4), 'nn.Upsample(scale_factor=2)', 'nn.Upsample(size=(9, 11))',
    'nn.Upsample(scale_factor=0.5, mode="nearest")')
seq('upsample_nearest_fractional', (2, 4, 5), 'nn.Upsample(scale_factor=1.5)',
    'nn.Upsample(scale_factor=(2, 1.5), mode="nearest")')
seq('upsample_bilinear', (2, 3, 4), 'nn.Upsample(scale_factor=2, mode="bilinear", align_corners=False)',
    'nn.Upsample(size=(7, 5), mode="bilinear", align_corners=True)',
    'nn.Upsample(scale_factor=1.5, mode="bilinear")')
seq('upsampling_nearest_bilinear_2d', (2, 3, 3), 'nn.UpsamplingNearest2d(scale_factor=2)',
    'nn.UpsamplingBilinear2d(size=(8, 9))')
case('flatten_start_end', (3, 4, 5), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.f_default = nn.Flatten()
        self.f_2 = nn.Flatten(2)
        self.f_1_2 = nn.Flatten(1, 2)
        self.f_neg = nn.Flatten(start_dim=-2, end_dim=-1)
        self.fc = nn.Linear(5, 2)

    def forward(self, x):
        a = self.f_default(x)
        b = self.f_2(x)
        c = self.fc(self.f_1_2(x))
        d = self.f_neg(x)
        return a, b, c, d


model = Net()
''')

# --- normalisation ----------------------------------------------------------------------------------------------
seq('instancenorm_plain', (3, 5, 6), 'nn.Conv2d(3, 4, 3, padding=1)', 'nn.InstanceNorm2d(4)')
seq('instancenorm_affine', (3, 5, 6), 'nn.Conv2d(3, 4, 3, padding=1)', 'nn.InstanceNorm2d(4, affine=True)')
seq('instancenorm_running_stats', (3, 5, 6), 'nn.Conv2d(3, 4, 3, padding=1)',
    'nn.InstanceNorm2d(4, track_running_stats=True)')
seq('instancenorm_affine_running_stats_eps', (4, 4, 4),
    'nn.InstanceNorm2d(4, eps=0.1, momentum=0.2, affine=True, track_running_stats=True)')
seq('groupnorm_groups', (8, 4, 5), 'nn.GroupNorm(2, 8)', 'nn.Conv2d(8, 8, 1)', 'nn.GroupNorm(8, 8)',
    'nn.Conv2d(8, 8, 1)', 'nn.GroupNorm(1, 8, eps=0.01)')
seq('groupnorm_no_affine', (6, 4, 4), 'nn.GroupNorm(3, 6, affine=False)', 'nn.Conv2d(6, 4, 3)',
    'nn.GroupNorm(num_groups=2, num_channels=4)')

# --- activations ------------------------------------------------------------------------------------------------
seq('silu_gelu', (3, 5, 5), 'nn.Conv2d(3, 4, 3, padding=1)', 'nn.SiLU()', 'nn.Conv2d(4, 4, 1)', 'nn.GELU()',
    'nn.Conv2d(4, 4, 1)', 'nn.GELU(approximate="tanh")', scale=3.0)
seq('hardswish_hardsigmoid', (3, 5, 5), 'nn.Conv2d(3, 4, 3, padding=1)', 'nn.Hardswish()', 'nn.Conv2d(4, 4, 1)',
    'nn.Hardsigmoid()', scale=6.0)
seq('mish', (3, 5, 5), 'nn.Conv2d(3, 4, 3, padding=1)', 'nn.Mish()', scale=4.0)
seq('softplus_beta_threshold', (3, 5, 5), 'nn.Conv2d(3, 4, 3, padding=1)', 'nn.Softplus()',
    'nn.Conv2d(4, 4, 1)', 'nn.Softplus(beta=2, threshold=1)', 'nn.Conv2d(4, 4, 1)',
    'nn.Softplus(beta=0.5, threshold=3)', scale=6.0)
seq('classic_activations_prelu', (3, 5, 5), 'nn.Conv2d(3, 4, 3, padding=1)', 'nn.ELU(alpha=0.7)',
    'nn.Conv2d(4, 4, 1)', 'nn.PReLU()', 'nn.Conv2d(4, 4, 1)', 'nn.PReLU(4)', 'nn.Hardtanh(-0.5, 0.5)',
    scale=3.0)

# --- F.* functions, torch.* forms and tensor methods in forward -------------------------------------------------
case('F_relu_family', (3, 5, 5), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 3, padding=1)

    def forward(self, x):
        x = self.conv(x)
        a = F.relu(x)
        b = F.relu6(x * 4)
        c = F.leaky_relu(x, 0.1)
        d = F.elu(x)
        e = F.leaky_relu(x)
        return a, b, c, d, e


model = Net()
''', scale=3.0)

case('F_gelu_sigmoid_tanh', (3, 5, 5), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 3, padding=1)

    def forward(self, x):
        x = self.conv(x)
        a = F.gelu(x)
        b = F.sigmoid(x)
        c = F.tanh(x)
        d = torch.sigmoid(x)
        e = torch.tanh(x)
        f = torch.relu(x)
        g = x.sigmoid() + x.tanh() + x.relu()
        return a, b, c, d, e, f, g


model = Net()
''', scale=3.0)

case('softmax_log_softmax_forms', (4, 3, 3), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(4, 4, 1)
        self.fc = nn.Linear(36, 6)

    def forward(self, x):
        x = self.conv(x)
        a = F.softmax(x, dim=1)
        b = F.log_softmax(x, dim=-1)
        c = torch.softmax(x, 2)
        d = torch.log_softmax(x, dim=1)
        e = x.softmax(dim=3)
        f = x.log_softmax(1)
        g = F.softmax(x)
        h = self.fc(torch.flatten(x, 1))
        i = F.log_softmax(h, dim=1)
        j = F.log_softmax(h)
        return a, b, c, d, e, f, g, i, j


model = Net()
''', scale=3.0)

case('F_max_pool2d', (2, 9, 8), '''
class Net(nn.Module):
    def forward(self, x):
        a = F.max_pool2d(x, 2)
        b = F.max_pool2d(x, kernel_size=3, stride=2, padding=1)
        c = F.max_pool2d(x, (2, 3), ceil_mode=True)
        d = F.max_pool2d(x, 3, 1, 1, dilation=2)
        return a, b, c, d


model = Net()
''')

case('F_avg_pool2d', (2, 9, 8), '''
class Net(nn.Module):
    def forward(self, x):
        a = F.avg_pool2d(x, 2)
        b = F.avg_pool2d(x, 3, stride=2, padding=1)
        c = F.avg_pool2d(x, 3, stride=2, padding=1, count_include_pad=False)
        d = F.avg_pool2d(x, 2, 2, 1, ceil_mode=True)
        return a, b, c, d


model = Net()
''')

case('F_adaptive_pools', (3, 7, 9), '''
class Net(nn.Module):
    def forward(self, x):
        a = F.adaptive_avg_pool2d(x, (3, 4))
        b = F.adaptive_max_pool2d(x, 2)
        c = F.adaptive_avg_pool2d(x, 1)
        d = F.adaptive_max_pool2d(x, (5, 4))
        return a, b, c, d


model = Net()
''')

case('F_interpolate', (2, 4, 5), '''
class Net(nn.Module):
    def forward(self, x):
        a = F.interpolate(x, scale_factor=2)
        b = F.interpolate(x, scale_factor=2, mode='bilinear', align_corners=False)
        c = F.interpolate(x, size=(7, 9), mode='bilinear', align_corners=True)
        d = F.interpolate(x, size=(6, 8))
        e = F.interpolate(x, scale_factor=1.5, mode='bilinear')
        f = F.interpolate(x, scale_factor=0.5)
        return a, b, c, d, e, f


model = Net()
''')

case('F_upsample_deprecated', (2, 3, 4), '''
class Net(nn.Module):
    def forward(self, x):
        a = F.upsample(x, scale_factor=2)
        b = F.upsample(x, size=(5, 7), mode='bilinear', align_corners=True)
        c = F.upsample(x, scale_factor=2, mode='bilinear')
        return a, b, c


model = Net()
''')

case('F_pad_modes', (2, 4, 5), '''
class Net(nn.Module):
    def forward(self, x):
        a = F.pad(x, (1, 1))
        b = F.pad(x, (1, 2, 3, 0))
        c = F.pad(x, [2, 1, 2, 3], mode='reflect')
        d = F.pad(x, (1, 0, 2, 4), mode='replicate')
        e = F.pad(x, (1, 1, 1, 1), 'constant', 0.75)
        f = F.pad(x, (-1, 0, 1, -2))
        return a, b, c, d, e, f


model = Net()
''')

case('F_dropout_eval', (3, 5, 5), '''
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
''')

case('flatten_view_reshape', (3, 4, 5), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(60, 4)

    def forward(self, x):
        a = torch.flatten(x, 1)
        b = x.flatten(2)
        c = x.view(x.size(0), -1)
        d = x.reshape(x.shape[0], 3, 20)
        e = x.view(-1, 3 * 4 * 5)
        f = torch.flatten(x, 1, 2)
        return a, b, self.fc(c), d, e, f


model = Net()
''')

case('mean_keepdim', (3, 4, 5), '''
class Net(nn.Module):
    def forward(self, x):
        a = x.mean(dim=(2, 3))
        b = x.mean((2, 3), keepdim=True)
        c = x.mean(-1)
        d = torch.mean(x, dim=1, keepdim=True)
        e = x.mean([1, 3])
        return a, b, c, d, e


model = Net()
''')

case('cat_dims', (2, 3, 4), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = nn.Conv2d(2, 3, 3, padding=1)
        self.b = nn.Conv2d(2, 1, 1)

    def forward(self, x):
        a = self.a(x)
        b = self.b(x)
        return torch.cat([a, b], dim=1), torch.cat((a, a), 2), torch.cat([b, 2 * b, b], -1), torch.cat([x, a, b], 1)


model = Net()
''')

case('add_iadd_mul_operators', (3, 5, 5), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(3, 3, 3, padding=1)
        self.c2 = nn.Conv2d(3, 3, 1)

    def forward(self, x):
        a = self.c1(x)
        b = self.c2(x)
        y = a + b
        y += x
        y = y * torch.sigmoid(b)
        y = y - 0.5 * a
        y = 2 * y + 1
        y = y / 4
        y *= 3
        z = -y
        w = z.add(x).mul(b)
        return w


model = Net()
''')

case('module_called_twice', (3, 12, 12), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 4, 3, padding=1)
        self.conv2 = nn.Conv2d(4, 4, 3, padding=1)
        self.pool = nn.MaxPool2d(2, 2)

    def forward(self, x):
        x = self.pool(F.relu(self.conv1(x)))
        x = self.pool(F.relu(self.conv2(x)))
        x = self.pool(F.relu(self.conv2(x)))
        return x


model = Net()
''')

case('tensor_methods_permute_linear', (4, 3, 5), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 6)

    def forward(self, x):
        y = x.permute(0, 2, 3, 1)
        y = self.fc(y)
        y = y.permute(0, 3, 1, 2).contiguous()
        y = y.transpose(2, 3)
        return y.reshape(y.size(0), -1)


model = Net()
''')

# --- whole small models -----------------------------------------------------------------------------------------
case('cifar_net', (3, 32, 32), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 6, 5)
        self.pool = nn.MaxPool2d(2, 2)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):
        x = self.pool(F.relu(self.conv1(x)))
        x = self.pool(F.relu(self.conv2(x)))
        x = torch.flatten(x, 1)
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        x = self.fc3(x)
        return x


model = Net()
''')

case('lenet_num_flat_features', (1, 32, 32), '''
class Net(nn.Module):
    def __init__(self):
        super(Net, self).__init__()
        self.conv1 = nn.Conv2d(1, 6, 5)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), (2, 2))
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = x.view(-1, self.num_flat_features(x))
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        x = self.fc3(x)
        return F.log_softmax(x, dim=1)

    def num_flat_features(self, x):
        size = x.size()[1:]
        num_features = 1
        for s in size:
            num_features *= s
        return num_features


model = Net()
''')

case('mini_resnet', (3, 16, 16), '''
class BasicBlock(nn.Module):
    expansion = 1

    def __init__(self, inplanes, planes, stride=1, downsample=None):
        super(BasicBlock, self).__init__()
        self.conv1 = nn.Conv2d(inplanes, planes, 3, stride=stride, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.relu = nn.ReLU(inplace=True)
        self.conv2 = nn.Conv2d(planes, planes, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.downsample = downsample

    def forward(self, x):
        identity = x
        out = self.conv1(x)
        out = self.bn1(out)
        out = self.relu(out)
        out = self.conv2(out)
        out = self.bn2(out)
        if self.downsample is not None:
            identity = self.downsample(x)
        out += identity
        out = self.relu(out)
        return out


class MiniResNet(nn.Module):
    def __init__(self, num_classes=5):
        super().__init__()
        self.inplanes = 8
        self.conv1 = nn.Conv2d(3, 8, 3, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(8)
        self.relu = nn.ReLU(inplace=True)
        self.layer1 = self._make_layer(8, 1)
        self.layer2 = self._make_layer(16, 1, stride=2)
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        self.fc = nn.Linear(16, num_classes)

    def _make_layer(self, planes, blocks, stride=1):
        downsample = None
        if stride != 1 or self.inplanes != planes:
            downsample = nn.Sequential(
                nn.Conv2d(self.inplanes, planes, 1, stride=stride, bias=False),
                nn.BatchNorm2d(planes),
            )
        layers = [BasicBlock(self.inplanes, planes, stride, downsample)]
        self.inplanes = planes
        for _ in range(1, blocks):
            layers.append(BasicBlock(self.inplanes, planes))
        return nn.Sequential(*layers)

    def forward(self, x):
        x = self.relu(self.bn1(self.conv1(x)))
        x = self.layer1(x)
        x = self.layer2(x)
        x = self.avgpool(x)
        x = torch.flatten(x, 1)
        return self.fc(x)


model = MiniResNet()
''')

case('mini_vgg_make_layers', (3, 16, 16), '''
cfg = [8, 'M', 16, 16, 'M', 16, 'M']


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
    def __init__(self, features, num_classes=4):
        super().__init__()
        self.features = features
        self.avgpool = nn.AdaptiveAvgPool2d((2, 2))
        self.classifier = nn.Sequential(
            nn.Linear(16 * 2 * 2, 32), nn.ReLU(True), nn.Dropout(),
            nn.Linear(32, num_classes),
        )

    def forward(self, x):
        x = self.features(x)
        x = self.avgpool(x)
        x = torch.flatten(x, 1)
        return self.classifier(x)


model = VGG(make_layers(cfg, batch_norm=True))
''')

case('tiny_unet', (3, 16, 16), '''
class DoubleConv(nn.Module):
    def __init__(self, in_ch, out_ch):
        super().__init__()
        self.net = nn.Sequential(
            nn.Conv2d(in_ch, out_ch, 3, padding=1, bias=False), nn.BatchNorm2d(out_ch), nn.ReLU(),
            nn.Conv2d(out_ch, out_ch, 3, padding=1, bias=False), nn.BatchNorm2d(out_ch), nn.ReLU(),
        )

    def forward(self, x):
        return self.net(x)


class TinyUNet(nn.Module):
    def __init__(self, in_ch=3, n_classes=2, base=4):
        super().__init__()
        self.inc = DoubleConv(in_ch, base)
        self.pool = nn.MaxPool2d(2)
        self.down1 = DoubleConv(base, base * 2)
        self.down2 = DoubleConv(base * 2, base * 4)
        self.up1 = nn.ConvTranspose2d(base * 4, base * 2, 2, stride=2)
        self.conv1 = DoubleConv(base * 4, base * 2)
        self.up2 = nn.ConvTranspose2d(base * 2, base, 2, stride=2)
        self.conv2 = DoubleConv(base * 2, base)
        self.outc = nn.Conv2d(base, n_classes, 1)

    def forward(self, x):
        x1 = self.inc(x)
        x2 = self.down1(self.pool(x1))
        x3 = self.down2(self.pool(x2))
        y = self.conv1(torch.cat([x2, self.up1(x3)], dim=1))
        y = self.conv2(torch.cat([x1, self.up2(y)], dim=1))
        return torch.sigmoid(self.outc(y))


model = TinyUNet()
''')

case('unet_up_pad_size_arithmetic', (2, 11, 13), '''
class Up(nn.Module):
    def __init__(self, in_channels, out_channels):
        super().__init__()
        self.up = nn.ConvTranspose2d(in_channels, in_channels // 2, kernel_size=2, stride=2)
        self.conv = nn.Conv2d(in_channels, out_channels, 3, padding=1)

    def forward(self, x1, x2):
        x1 = self.up(x1)
        diffY = x2.size()[2] - x1.size()[2]
        diffX = x2.size()[3] - x1.size()[3]
        x1 = F.pad(x1, [diffX // 2, diffX - diffX // 2, diffY // 2, diffY - diffY // 2])
        x = torch.cat([x2, x1], dim=1)
        return self.conv(x)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.inc = nn.Conv2d(2, 4, 3, padding=1)
        self.down = nn.Sequential(nn.MaxPool2d(2), nn.Conv2d(4, 8, 3, padding=1))
        self.up = Up(8, 4)

    def forward(self, x):
        x1 = self.inc(x)
        x2 = self.down(x1)
        return self.up(x2, x1)


model = Net()
''')

case('style_transfer_blocks', (3, 12, 12), '''
class ConvLayer(nn.Module):
    def __init__(self, in_channels, out_channels, kernel_size, stride):
        super(ConvLayer, self).__init__()
        self.reflection_pad = nn.ReflectionPad2d(kernel_size // 2)
        self.conv2d = nn.Conv2d(in_channels, out_channels, kernel_size, stride)

    def forward(self, x):
        return self.conv2d(self.reflection_pad(x))


class ResidualBlock(nn.Module):
    def __init__(self, channels):
        super(ResidualBlock, self).__init__()
        self.conv1 = ConvLayer(channels, channels, kernel_size=3, stride=1)
        self.in1 = nn.InstanceNorm2d(channels, affine=True)
        self.conv2 = ConvLayer(channels, channels, kernel_size=3, stride=1)
        self.in2 = nn.InstanceNorm2d(channels, affine=True)
        self.relu = nn.ReLU()

    def forward(self, x):
        residual = x
        out = self.relu(self.in1(self.conv1(x)))
        out = self.in2(self.conv2(out))
        return out + residual


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = ConvLayer(3, 4, kernel_size=5, stride=1)
        self.in1 = nn.InstanceNorm2d(4, affine=True)
        self.conv2 = ConvLayer(4, 8, kernel_size=3, stride=2)
        self.in2 = nn.InstanceNorm2d(8, affine=True)
        self.res = ResidualBlock(8)
        self.up_conv = ConvLayer(8, 4, kernel_size=3, stride=1)
        self.in3 = nn.InstanceNorm2d(4, affine=True)
        self.out = ConvLayer(4, 3, kernel_size=5, stride=1)
        self.relu = nn.ReLU()

    def forward(self, x):
        y = self.relu(self.in1(self.conv1(x)))
        y = self.relu(self.in2(self.conv2(y)))
        y = self.res(y)
        y = F.interpolate(y, mode='nearest', scale_factor=2)
        y = self.relu(self.in3(self.up_conv(y)))
        return self.out(y)


model = Net()
''')

case('mobilenet_inverted_residual', (4, 8, 8), '''
class ConvBNReLU(nn.Sequential):
    def __init__(self, in_planes, out_planes, kernel_size=3, stride=1, groups=1):
        padding = (kernel_size - 1) // 2
        super(ConvBNReLU, self).__init__(
            nn.Conv2d(in_planes, out_planes, kernel_size, stride, padding, groups=groups, bias=False),
            nn.BatchNorm2d(out_planes),
            nn.ReLU6(inplace=True)
        )


class InvertedResidual(nn.Module):
    def __init__(self, inp, oup, stride, expand_ratio):
        super(InvertedResidual, self).__init__()
        hidden_dim = int(round(inp * expand_ratio))
        self.use_res_connect = stride == 1 and inp == oup
        layers = []
        if expand_ratio != 1:
            layers.append(ConvBNReLU(inp, hidden_dim, kernel_size=1))
        layers.extend([
            ConvBNReLU(hidden_dim, hidden_dim, stride=stride, groups=hidden_dim),
            nn.Conv2d(hidden_dim, oup, 1, 1, 0, bias=False),
            nn.BatchNorm2d(oup),
        ])
        self.conv = nn.Sequential(*layers)

    def forward(self, x):
        if self.use_res_connect:
            return x + self.conv(x)
        else:
            return self.conv(x)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.blocks = nn.Sequential(
            InvertedResidual(4, 4, 1, expand_ratio=1),
            InvertedResidual(4, 6, 2, expand_ratio=3),
            InvertedResidual(6, 6, 1, expand_ratio=2),
        )

    def forward(self, x):
        x = self.blocks(x)
        return x.mean([2, 3])


model = Net()
''', scale=3.0)

case('espcn_pixel_shuffle', (1, 6, 7), '''
class ESPCN(nn.Module):
    def __init__(self, scale_factor=3, num_channels=1):
        super(ESPCN, self).__init__()
        self.first_part = nn.Sequential(
            nn.Conv2d(num_channels, 8, kernel_size=5, padding=5 // 2),
            nn.Tanh(),
            nn.Conv2d(8, 4, kernel_size=3, padding=3 // 2),
            nn.Tanh(),
        )
        self.last_part = nn.Sequential(
            nn.Conv2d(4, num_channels * (scale_factor ** 2), kernel_size=3, padding=3 // 2),
            nn.PixelShuffle(scale_factor)
        )

    def forward(self, x):
        return self.last_part(self.first_part(x))


model = ESPCN()
''')

case('se_block_expand_as', (8, 4, 4), '''
class SELayer(nn.Module):
    def __init__(self, channel, reduction=2):
        super(SELayer, self).__init__()
        self.avg_pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Sequential(
            nn.Linear(channel, channel // reduction, bias=False),
            nn.ReLU(inplace=True),
            nn.Linear(channel // reduction, channel, bias=False),
            nn.Sigmoid()
        )

    def forward(self, x):
        b, c, _, _ = x.size()
        y = self.avg_pool(x).view(b, c)
        y = self.fc(y).view(b, c, 1, 1)
        return x * y.expand_as(x)


model = SELayer(8)
''', scale=2.0)

case('dcgan_generator_small', (8, 1, 1), '''
nz, ngf, nc = 8, 4, 3


class Generator(nn.Module):
    def __init__(self):
        super(Generator, self).__init__()
        self.main = nn.Sequential(
            nn.ConvTranspose2d(nz, ngf * 4, 4, 1, 0, bias=False),
            nn.BatchNorm2d(ngf * 4),
            nn.ReLU(True),
            nn.ConvTranspose2d(ngf * 4, ngf * 2, 4, 2, 1, bias=False),
            nn.BatchNorm2d(ngf * 2),
            nn.ReLU(True),
            nn.ConvTranspose2d(ngf * 2, nc, 4, 2, 1, bias=False),
            nn.Tanh()
        )

    def forward(self, input):
        return self.main(input)


model = Generator()
''', scale=2.0)

case('autoencoder_sequential_children', (1, 12, 12), '''
class Autoencoder(nn.Module):
    def __init__(self):
        super(Autoencoder, self).__init__()
        self.encoder = nn.Sequential(
            nn.Conv2d(1, 4, 3, stride=2, padding=1),
            nn.ReLU(True),
            nn.Conv2d(4, 8, 3, stride=2, padding=1),
            nn.ReLU(True),
            nn.Conv2d(8, 8, 3)
        )
        self.decoder = nn.Sequential(
            nn.ConvTranspose2d(8, 8, 3),
            nn.ReLU(True),
            nn.ConvTranspose2d(8, 4, 3, stride=2, padding=1, output_padding=1),
            nn.ReLU(True),
            nn.ConvTranspose2d(4, 1, 3, stride=2, padding=1, output_padding=1),
            nn.Sigmoid()
        )

    def forward(self, x):
        return self.decoder(self.encoder(x))


model = Autoencoder()
''')

case('inception_branches', (4, 8, 8), '''
class Inception(nn.Module):
    def __init__(self, in_channels, c1, c2, c3, c4, **kwargs):
        super(Inception, self).__init__(**kwargs)
        self.p1_1 = nn.Conv2d(in_channels, c1, kernel_size=1)
        self.p2_1 = nn.Conv2d(in_channels, c2[0], kernel_size=1)
        self.p2_2 = nn.Conv2d(c2[0], c2[1], kernel_size=3, padding=1)
        self.p3_1 = nn.Conv2d(in_channels, c3[0], kernel_size=1)
        self.p3_2 = nn.Conv2d(c3[0], c3[1], kernel_size=5, padding=2)
        self.p4_1 = nn.MaxPool2d(kernel_size=3, stride=1, padding=1)
        self.p4_2 = nn.Conv2d(in_channels, c4, kernel_size=1)

    def forward(self, x):
        p1 = F.relu(self.p1_1(x))
        p2 = F.relu(self.p2_2(F.relu(self.p2_1(x))))
        p3 = F.relu(self.p3_2(F.relu(self.p3_1(x))))
        p4 = F.relu(self.p4_2(self.p4_1(x)))
        return torch.cat((p1, p2, p3, p4), dim=1)


model = nn.Sequential(Inception(4, 2, (3, 4), (2, 2), 2), nn.AdaptiveAvgPool2d((1, 1)), nn.Flatten())
''')


# --- issue 9's last tensor operations: abs, pow / **, max(dim) and min(dim) with their indices, maximum, min(a, b) --
case('abs_pow_max_min_operators', (4, 5, 6), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(4, 4, 3, padding=1)

    def forward(self, x):
        y = self.conv(x)
        a = y.abs()
        b = torch.abs(x) ** 2
        c = y.pow(3) - torch.pow(x, 2)
        m = torch.max(y, 1, keepdim=True)[0]
        v, i = y.min(dim=1, keepdim=True)
        w = torch.maximum(a, b) * m + torch.min(c, v)
        n = x.max(dim=2)[0]
        return (w - i) * n.unsqueeze(2)


model = Net()
''')


# --- round 4: PReLU is above; LayerNorm, LocalResponseNorm, ChannelShuffle, Conv2d padding_mode (appended: the seeds
# of the cases above stay as they were) ----------------------------------------------------------------------------
seq('layer_norm_lrn', (6, 5, 5), 'nn.LayerNorm([6, 5, 5])', 'nn.Conv2d(6, 6, 1)',
    'nn.LayerNorm(5, elementwise_affine=False)', 'nn.LocalResponseNorm(3)', 'nn.Conv2d(6, 6, 1)',
    'nn.LocalResponseNorm(4, alpha=0.01, beta=0.5, k=2.0)', 'nn.LayerNorm([5, 5], eps=1e-3)', scale=3.0)
seq('channel_shuffle_groups', (6, 4, 4), 'nn.Conv2d(6, 6, 1, groups=2)', 'nn.ChannelShuffle(2)',
    'nn.ChannelShuffle(3)', 'nn.Conv2d(6, 6, 3, padding=1, groups=6)')
seq('conv_padding_modes', (3, 6, 7), "nn.Conv2d(3, 4, 3, padding=1, padding_mode='reflect')",
    "nn.Conv2d(4, 4, 3, padding=2, padding_mode='replicate')",
    "nn.Conv2d(4, 4, 5, stride=2, padding=(2, 3), padding_mode='circular')",
    "nn.Conv2d(4, 2, 3, padding='same', padding_mode='reflect', groups=2)")
case('F_norms_shuffle', (6, 4, 5), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(6, 6, 1)

    def forward(self, x):
        x = F.layer_norm(self.conv(x), (4, 5))
        x = F.local_response_norm(x, 2, alpha=0.1)
        return F.channel_shuffle(x, 3)


model = Net()
''', scale=2.0)


# --- round 6: mode='nearest-exact' (half-pixel centres; appended) -------------------------------------------------
# Odd sizes, up and down, whole and fractional factors, and 14 -> 23 columns, where torch's float scale makes cell 11
# read input 6 (tf.image.resize's double one reads 7).
seq('upsample_nearest_exact', (2, 5, 7), 'nn.Upsample(scale_factor=2, mode="nearest-exact")',
    'nn.Upsample(size=(13, 23), mode="nearest-exact")', 'nn.Upsample(scale_factor=0.5, mode="nearest-exact")',
    'nn.Upsample(scale_factor=(1.7, 0.6), mode="nearest-exact")')
seq('upsample_nearest_exact_down', (2, 9, 11), 'nn.Upsample(size=(4, 5), mode="nearest-exact")',
    'nn.Upsample(scale_factor=1.5, mode="nearest-exact")', 'nn.Upsample(size=7, mode="nearest-exact")')
case('F_interpolate_nearest_exact', (3, 6, 5), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 3, 3, padding=1)

    def forward(self, x):
        a = F.interpolate(self.conv(x), scale_factor=2.5, mode='nearest-exact')
        b = F.interpolate(a, size=(7, 9), mode='nearest-exact')
        return F.interpolate(b, scale_factor=(0.75, 1.3), mode='nearest-exact')


model = Net()
''')

# --- round 6: nearest with size= (appended) ------------------------------------------------------------------------
# torch scales by float(in) / float(out) when a size is given, even a whole multiple: 2 -> 82 rows puts output row 41
# on input row 0 (41 · float32(2/82) < 1), not on 41 // 41 = 1 as a whole factor would.
seq('upsample_nearest_size_float_scale', (1, 2, 3), 'nn.Upsample(size=(82, 123))', 'nn.Conv2d(1, 2, 3)')


def randomise(model, gen):
    """Seeded, non-default values everywhere (weights, biases, running statistics): nothing passes by accident of
    zeros and ones. num_batches_tracked keeps its saved value."""
    def uni(shape, lo, hi):
        return torch.rand(shape, generator=gen) * (hi - lo) + lo

    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d, nn.Linear, nn.Bilinear)):
                fan = m.weight[0].numel()
                bound = (3.0 / fan) ** 0.5
                m.weight.copy_(uni(m.weight.shape, -bound, bound))
                if m.bias is not None:
                    m.bias.copy_(uni(m.bias.shape, -0.3, 0.3))
            elif isinstance(m, (nn.BatchNorm2d, nn.BatchNorm1d, nn.InstanceNorm2d)):
                c = m.num_features
                if m.track_running_stats:
                    m.running_mean.copy_(uni(c, -0.5, 0.5))
                    m.running_var.copy_(uni(c, 0.5, 1.5))
                if m.affine:
                    m.weight.copy_(uni(c, 0.5, 1.5))
                    m.bias.copy_(uni(c, -0.3, 0.3))
            elif isinstance(m, (nn.GroupNorm, nn.LayerNorm)):
                if getattr(m, 'affine', getattr(m, 'elementwise_affine', False)):
                    m.weight.copy_(uni(m.weight.shape, 0.5, 1.5))
                    m.bias.copy_(uni(m.bias.shape, -0.3, 0.3))
            elif isinstance(m, nn.PReLU):
                m.weight.copy_(uni(m.weight.shape, 0.05, 0.4))


def save(path, array):
    np.save(path, np.ascontiguousarray(array))


def main():
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    names = [c[0] for c in CASES]
    assert len(names) == len(set(names)), 'duplicate case names'
    manifest = []
    counts = {'fx': 0, 'concrete': 0}
    for index, (name, shape, code, scale) in enumerate(CASES):
        torch.manual_seed(index)
        ns, model, var = tracer.run_code(code, name)
        model.eval()
        gen = torch.Generator().manual_seed(2000 + index)
        randomise(model, gen)
        x = ((torch.rand((1,) + shape, generator=gen) * 2 - 1) * scale).float()
        r = tracer.trace_model(model, shape, keep_outputs=True, x=x.clone())
        if r['error'] is not None:
            sys.exit(f'{name}: torch refused the model: {r["error"]}')
        counts[r['trace']] += 1
        d = os.path.join(OUT, name)
        os.makedirs(os.path.join(d, 'weights'))
        os.makedirs(os.path.join(d, 'expected'))
        with open(os.path.join(d, 'model.py'), 'w') as f:
            f.write(f"# golden forward case '{name}': input (C, H, W) = {shape}\n" + code)
        save(os.path.join(d, 'input.npy'), x.numpy())
        for k, v in model.state_dict().items():
            save(os.path.join(d, 'weights', k + '.npy'), v.numpy())
        layers = []
        for row in r['rows']:
            out = r['outputs'][row['name']]
            if not out.is_floating_point() and out.dtype != torch.int64:  # int64: max/min(dim) indices
                sys.exit(f'{name}: row {row["name"]} is not a float or index tensor')
            save(os.path.join(d, 'expected', row['name'] + '.npy'), out.numpy().astype(np.float32))
            layers.append(row['name'])
        manifest.append({'name': 'torch_modules/' + name, 'framework': 'pytorch', 'dir': 'torch_modules/' + name,
                         'input_shape': list(shape), 'model_var': var, 'trace': r['trace'], 'layers': layers})
    with open(os.path.join(HERE, 'cases_torch_modules.json'), 'w') as f:
        json.dump(manifest, f, indent=1)
        f.write('\n')
    print(f'{len(manifest)} torch module cases ({counts["fx"]} fx, {counts["concrete"]} concrete), '
          f'torch {torch.__version__}', file=sys.stderr)


if __name__ == '__main__':
    main()
