#!/usr/bin/python3
"""Generates tests/golden/shapes/torch_cases.json: PyTorch nn.Sequential layer output shapes and parameter
counts, computed by running the real torch modules (CPU, eval mode, batch of 1, zeros).

    cd tests/golden && /usr/bin/python3 gen_torch_shapes.py

Deterministic (random.Random with a fixed seed, choices made in a fixed order). See README.md for the format.
Every case's "code" is executed as well, and must build the same modules (or raise the same error) as the
per-layer construction used to record shapes.
"""
import json
import math
import os
import random
import sys

import torch
import torch.nn as nn

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, 'shapes', 'torch_cases.json')
R = random.Random(20240613)

SIG = {
    'Conv2d': ['in_channels', 'out_channels', 'kernel_size', 'stride', 'padding', 'dilation', 'groups', 'bias'],
    'ConvTranspose2d': ['in_channels', 'out_channels', 'kernel_size', 'stride', 'padding', 'output_padding', 'groups', 'bias', 'dilation'],
    'MaxPool2d': ['kernel_size', 'stride', 'padding', 'dilation', 'return_indices', 'ceil_mode'],
    'AvgPool2d': ['kernel_size', 'stride', 'padding', 'ceil_mode', 'count_include_pad', 'divisor_override'],
    'ZeroPad2d': ['padding'],
    'Upsample': ['size', 'scale_factor', 'mode', 'align_corners'],
    'BatchNorm2d': ['num_features', 'eps', 'momentum'],
    'Dropout': ['p', 'inplace'],
    'Dropout2d': ['p', 'inplace'],
    'ReLU': ['inplace'],
    'LeakyReLU': ['negative_slope', 'inplace'],
    'Sigmoid': [], 'Tanh': [], 'Identity': [],
    'Softmax': ['dim'],
    'Flatten': ['start_dim', 'end_dim'],
    'Linear': ['in_features', 'out_features', 'bias'],
    'AdaptiveAvgPool2d': ['output_size'],
    'AdaptiveMaxPool2d': ['output_size'],
}


class Spec:
    """One module: class name, ordered (name, value) arguments, how many are written positionally."""

    def __init__(self, cls, args=(), npos=0):
        self.cls = cls
        self.args = [(k, v) for k, v in args if v is not None or k == 'stride_none']
        order = SIG[cls]
        maxpos = 0
        while maxpos < len(self.args) and self.args[maxpos][0] == order[maxpos]:
            maxpos += 1
        self.npos = min(npos, maxpos)

    def text(self, prefix='nn.'):
        parts = []
        for i, (k, v) in enumerate(self.args):
            parts.append(repr(v) if i < self.npos else f'{k}={v!r}')
        return f"{prefix}{self.cls}({', '.join(parts)})"


def conv(cin, cout, k, s=None, p=None, d=None, g=None, bias=None, npos=None):
    args = [('in_channels', cin), ('out_channels', cout), ('kernel_size', k), ('stride', s), ('padding', p),
            ('dilation', d), ('groups', g), ('bias', bias)]
    return Spec('Conv2d', args, R.choice([2, 3, 3, 4, 5]) if npos is None else npos)


def convT(cin, cout, k, s=None, p=None, op=None, g=None, bias=None, d=None, npos=None):
    args = [('in_channels', cin), ('out_channels', cout), ('kernel_size', k), ('stride', s), ('padding', p),
            ('output_padding', op), ('groups', g), ('bias', bias), ('dilation', d)]
    return Spec('ConvTranspose2d', args, R.choice([2, 3, 4]) if npos is None else npos)


def maxpool(k, s=None, p=None, ceil=None, d=None, npos=None):
    args = [('kernel_size', k), ('stride', s), ('padding', p), ('dilation', d), ('ceil_mode', ceil)]
    return Spec('MaxPool2d', args, R.choice([0, 1, 1, 2, 3]) if npos is None else npos)


def avgpool(k, s=None, p=None, ceil=None, cip=None, npos=None):
    args = [('kernel_size', k), ('stride', s), ('padding', p), ('ceil_mode', ceil), ('count_include_pad', cip)]
    return Spec('AvgPool2d', args, R.choice([0, 1, 1, 2, 3]) if npos is None else npos)


def simple(cls, *vals, npos=None, **kw):
    order = SIG[cls]
    args = list(zip(order, vals)) + list(kw.items())
    return Spec(cls, args, len(vals) if npos is None else npos)


# ------------------------------------------------------------------------------------------------------------
IMPORT_STYLES = [
    ('import torch.nn as nn', 'nn.'),
    ('import torch.nn as nn', 'nn.'),
    ('import torch\nimport torch.nn as nn', 'nn.'),
    ('from torch import nn', 'nn.'),
    ('import torch', 'torch.nn.'),
]

cases = []
ids = set()
formula_mismatches = []
style_counter = [0]


def design_formula(spec, in_shape):
    """DESIGN.md's formulas, used only to cross-check torch (disagreements are reported)."""
    a = dict(spec.args)
    if len(in_shape) != 3:
        return None
    C, H, W = in_shape
    t2 = lambda v: tuple(v) if isinstance(v, (tuple, list)) else (v, v)
    if spec.cls in ('Conv2d', 'MaxPool2d', 'AvgPool2d'):
        k = t2(a['kernel_size'])
        if spec.cls == 'Conv2d':
            s = t2(a.get('stride') or 1)
        else:
            s = t2(a['stride'] if a.get('stride') is not None else a['kernel_size'])
        d = t2(a.get('dilation') or 1)
        p = a.get('padding') or 0
        out = []
        for ax, i in enumerate((H, W)):
            ke = d[ax] * (k[ax] - 1) + 1
            if p == 'valid':
                pb = pa = 0
            elif p == 'same':
                tot = ke - 1
                pb, pa = tot // 2, tot - tot // 2
            else:
                pb = pa = t2(p)[ax]
            if spec.cls != 'Conv2d' and a.get('ceil_mode'):
                o = math.ceil((i + pb + pa - ke) / s[ax]) + 1
                if (o - 1) * s[ax] >= i + pb:
                    o -= 1
            else:
                o = (i + pb + pa - ke) // s[ax] + 1
            out.append(o)
        oc = a['out_channels'] if spec.cls == 'Conv2d' else C
        return [oc] + out
    if spec.cls == 'ConvTranspose2d':
        k, s, d = t2(a['kernel_size']), t2(a.get('stride') or 1), t2(a.get('dilation') or 1)
        p, op = t2(a.get('padding') or 0), t2(a.get('output_padding') or 0)
        return [a['out_channels']] + [(i - 1) * s[ax] - 2 * p[ax] + d[ax] * (k[ax] - 1) + 1 + op[ax] for ax, i in enumerate((H, W))]
    if spec.cls == 'ZeroPad2d':
        p = a['padding']
        l, r, t, b = (p, p, p, p) if isinstance(p, int) else p
        return [C, H + t + b, W + l + r]
    return None


def run_case(cid, in_shape, specs, note=None):
    """Builds each module from its own text, runs them in order on zeros, records shapes/params or the refusal."""
    if cid in ids:
        raise SystemExit(f'duplicate id {cid}')
    ids.add(cid)
    imp, prefix = IMPORT_STYLES[style_counter[0] % len(IMPORT_STYLES)]
    style_counter[0] += 1
    texts = [s.text(prefix) for s in specs]
    code = imp + '\n\nmodel = nn.Sequential(\n' if prefix == 'nn.' else imp + '\n\nmodel = torch.nn.Sequential(\n'
    code += ''.join(f'    {t},\n' for t in texts) + ')\n'
    ns = {'nn': nn, 'torch': torch}
    layers = []
    error_layer = None
    error = None
    x = torch.zeros(1, *in_shape)
    modules = []
    notes = [note] if note else []
    with torch.no_grad():
        for i, (spec, t) in enumerate(zip(specs, texts)):
            try:
                m = eval(t, ns)
                m.eval()
                modules.append(m)
                y = m(x)
            except Exception as e:  # the framework refuses this layer
                error_layer, error = i, str(e).strip()
                break
            shape = list(y.shape[1:])
            params = sum(p.numel() for p in m.parameters())
            f = design_formula(spec, list(x.shape[1:]))
            if f is not None and f != shape:
                formula_mismatches.append(f'{cid} layer {i} {t} on {list(x.shape[1:])}: DESIGN.md {f} vs torch {shape}')
                notes.append(f'layer {i}: DESIGN.md formula gives {f}, torch gives {shape}')
            if spec.cls in ('MaxPool2d', 'AvgPool2d') and dict(spec.args).get('ceil_mode'):
                a = dict(spec.args)
                t2 = lambda v: tuple(v) if isinstance(v, (tuple, list)) else (v, v)
                k = t2(a['kernel_size']); s = t2(a['stride'] if a.get('stride') is not None else a['kernel_size'])
                p = t2(a.get('padding') or 0)
                for ax, n in enumerate(x.shape[2:]):
                    naive = math.ceil((n + 2 * p[ax] - k[ax]) / s[ax]) + 1
                    if naive != shape[1 + ax]:
                        notes.append(f'layer {i}: ceil_mode drops the last window on axis {"HW"[ax]} (it would start in the right padding): {naive} -> {shape[1 + ax]}')
            layers.append({'output_shape': shape, 'params': params})
            x = y
    while len(layers) < len(specs):
        layers.append({'output_shape': None, 'params': None})
    # The code as a whole must behave the same: it builds (and its modules match) or raises the same error.
    try:
        ns2 = {}
        exec(code, ns2)
        model = ns2['model']
        built = [type(m).__name__ for m in model]
        if error is not None and len(built) == len(specs) and error_layer is not None:
            # construction succeeded; the error must then come from running the model
            with torch.no_grad():
                try:
                    model.eval()
                    model(torch.zeros(1, *in_shape))
                    raise SystemExit(f'{cid}: whole model ran but layer {error_layer} failed alone')
                except SystemExit:
                    raise
                except Exception as e:
                    if str(e).strip() != error:
                        raise SystemExit(f'{cid}: whole-model error differs: {e} vs {error}')
        elif error is None:
            if built != [s.cls for s in specs]:
                raise SystemExit(f'{cid}: code builds {built}')
            with torch.no_grad():
                model.eval()
                y = model(torch.zeros(1, *in_shape))
            if list(y.shape[1:]) != layers[-1]['output_shape']:
                raise SystemExit(f'{cid}: whole model output {list(y.shape)}')
    except SystemExit:
        raise
    except Exception as e:
        if error is None or str(e).strip() != error:
            raise SystemExit(f'{cid}: code raised {e!r}, per-layer error {error!r}')
    c = {'id': cid, 'framework': 'pytorch', 'code': code, 'input_shape': list(in_shape), 'ok': error is None,
         'layers': layers, 'error_layer': error_layer, 'error': error}
    if notes:
        c['note'] = ' | '.join(notes)
    cases.append(c)
    return c


def cur_shape(in_shape, specs):
    """Output shape after specs (used by the random generators to choose valid follow-ups)."""
    x = torch.zeros(1, *in_shape)
    with torch.no_grad():
        for s in specs:
            m = eval(s.text(), {'nn': nn})
            m.eval()
            x = m(x)
    return list(x.shape[1:])


def dim(v):
    return f'{v[0]}x{v[1]}' if isinstance(v, tuple) else str(v)


SIZES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 19, 20, 21, 23, 24, 25, 27, 28, 29, 31, 32, 33, 37, 41, 43, 47, 49, 53, 59, 61]
rk = lambda: R.randint(1, 7) if R.random() < 0.65 else (R.randint(1, 7), R.randint(1, 7))
rs = lambda: None if R.random() < 0.4 else (R.randint(1, 4) if R.random() < 0.6 else (R.randint(1, 4), R.randint(1, 4)))

# ------------------------------------------------------------------------------------------------------------
# 1. Conv2d sweep
for n in range(60):
    H = R.choice(SIZES); W = H if R.random() < 0.6 else R.choice(SIZES); C = R.choice([1, 2, 3, 4, 6, 8])
    k, s = rk(), rs()
    r = R.random()
    if r < 0.2:
        p = None
    elif r < 0.55:
        p = R.randint(0, 3)
    elif r < 0.75:
        p = (R.randint(0, 3), R.randint(0, 3))
    elif r < 0.88:
        p = 'same' if s in (None, 1, (1, 1)) else R.randint(0, 2)
    else:
        p = 'valid'
    d = None if R.random() < 0.6 else (R.randint(1, 3) if R.random() < 0.7 else (R.randint(1, 3), R.randint(1, 3)))
    g = None
    cout = R.choice([1, 4, 8, 16, 6, 12])
    if R.random() < 0.2:
        g = R.choice([gg for gg in (1, 2, 3, 4, 6, 8) if C % gg == 0 and cout % gg == 0])
    bias = False if R.random() < 0.15 else None
    run_case(f'conv2d_c{C}_o{cout}_k{dim(k)}_s{dim(s or 1)}_p{dim(p) if p is not None else 0}_d{dim(d or 1)}{"_g" + str(g) if g else ""}_i{H}x{W}_{n}',
             (C, H, W), [conv(C, cout, k, s, p, d, g, bias)])

# 2. MaxPool2d / AvgPool2d sweep (padding <= k/2, ceil_mode, count_include_pad)
for n in range(55):
    H = R.choice(SIZES); W = H if R.random() < 0.6 else R.choice(SIZES); C = R.choice([1, 3, 4])
    k = R.randint(1, 5) if R.random() < 0.7 else (R.randint(1, 5), R.randint(1, 5))
    s = None if R.random() < 0.4 else (R.randint(1, 4) if R.random() < 0.7 else (R.randint(1, 3), R.randint(1, 3)))
    kk = k if isinstance(k, tuple) else (k, k)
    p = None if R.random() < 0.4 else (R.randint(0, min(kk) // 2) if R.random() < 0.7 else (R.randint(0, kk[0] // 2), R.randint(0, kk[1] // 2)))
    ceil = R.choice([None, None, True, False, True])
    if R.random() < 0.5:
        spec = maxpool(k, s, p, ceil)
        name = 'maxpool'
    else:
        spec = avgpool(k, s, p, ceil, R.choice([None, None, False, True]))
        name = 'avgpool'
    run_case(f'{name}_k{dim(k)}_s{dim(s) if s is not None else "none"}_p{dim(p) if p is not None else 0}{"_ceil" if ceil else ""}_i{H}x{W}_{n}', (C, H, W), [spec])

# 3. ConvTranspose2d sweep (output_padding < max(stride, dilation))
for n in range(35):
    H = R.choice(SIZES[:26]); W = H if R.random() < 0.6 else R.choice(SIZES[:26]); C = R.choice([1, 3, 4, 8])
    k, s = rk(), rs()
    ss = s if isinstance(s, tuple) else (s or 1, s or 1)
    d = None if R.random() < 0.7 else R.randint(1, 3)
    dd = (d or 1, d or 1)
    kk = k if isinstance(k, tuple) else (k, k)
    p = None if R.random() < 0.4 else R.randint(0, min(kk) // 2)
    maxop = [max(ss[i], dd[i]) - 1 for i in range(2)]
    op = None if R.random() < 0.5 or max(maxop) == 0 else (R.randint(0, min(maxop)) if R.random() < 0.7 else (R.randint(0, maxop[0]), R.randint(0, maxop[1])))
    cout = R.choice([1, 2, 8])
    g = 2 if C % 2 == 0 and cout % 2 == 0 and R.random() < 0.2 else None
    run_case(f'convtranspose2d_c{C}_o{cout}_k{dim(k)}_s{dim(s or 1)}_p{p or 0}_op{dim(op) if op is not None else 0}_d{d or 1}{"_g2" if g else ""}_i{H}x{W}_{n}',
             (C, H, W), [convT(C, cout, k, s, p, op, g, None, d)])

# 4. ZeroPad2d (int and 4-tuple), Upsample (scale_factor, size, nearest / bilinear), adaptive pools
for n in range(14):
    H = R.choice(SIZES); W = R.choice(SIZES)
    pad = R.randint(0, 3) if n % 2 == 0 else tuple(R.randint(0, 3) for _ in range(4))
    run_case(f'zeropad2d_{dim(pad) if isinstance(pad, int) else "_".join(map(str, pad))}_i{H}x{W}_{n}', (2, H, W), [simple('ZeroPad2d', pad, npos=R.choice([0, 1]))])
for n in range(16):
    H = R.choice(SIZES[:25]); W = R.choice(SIZES[:25])
    mode = R.choice([None, 'nearest', 'bilinear'])
    r = R.random()
    if r < 0.55:
        sf = R.choice([2, 3, 2.0, 1.5, (2, 3), (2.0, 1.0)])
        args = [('scale_factor', sf), ('mode', mode)]
        tag = f'sf{sf}'
    else:
        sz = R.choice([(8, 8), 16, (5, 9)])
        args = [('size', sz), ('mode', mode)]
        tag = f'size{sz}'
    if mode == 'bilinear' and R.random() < 0.6:
        args.append(('align_corners', R.choice([False, True])))
    run_case(f'upsample_{tag}_{mode or "default"}_i{H}x{W}_{n}'.replace(' ', '').replace(',', '_').replace('(', '').replace(')', ''),
             (3, H, W), [Spec('Upsample', args, 0)])
for n, (cls, osz, H, W) in enumerate([('AdaptiveAvgPool2d', 1, 7, 7), ('AdaptiveAvgPool2d', (1, 1), 13, 9), ('AdaptiveAvgPool2d', 7, 14, 14),
                                     ('AdaptiveAvgPool2d', (7, 7), 224, 224), ('AdaptiveAvgPool2d', 6, 13, 13), ('AdaptiveAvgPool2d', (3, 5), 10, 11),
                                     ('AdaptiveAvgPool2d', 5, 3, 3), ('AdaptiveMaxPool2d', 2, 5, 7), ('AdaptiveMaxPool2d', (4, 4), 9, 9),
                                     ('AdaptiveAvgPool2d', (None, 3), 6, 8)]):
    run_case(f'{cls.lower()}_{dim(osz)}_i{H}x{W}', (4, H, W), [simple(cls, osz, npos=R.choice([0, 1]))])

# ------------------------------------------------------------------------------------------------------------
# 5. Hand-picked edge cases
E = run_case
# ceil_mode quirks
E('edge_maxpool_k2_s2_p1_ceil_i5', (1, 5, 5), [maxpool(2, 2, 1, True, npos=3)])
E('edge_maxpool_k2_s2_p1_floor_i5', (1, 5, 5), [maxpool(2, 2, 1, False, npos=3)])
E('edge_maxpool_k26_s3_ceil_i25', (1, 25, 25), [maxpool(26, 3, None, True, npos=2)])
E('edge_maxpool_k26_s3_floor_i25_refused', (1, 25, 25), [maxpool(26, 3, npos=2)])
E('edge_avgpool_k3_s2_ceil_i6', (2, 6, 6), [avgpool(3, 2, None, True, npos=2)])
E('edge_avgpool_k3_s2_p1_ceil_i6_nocip', (2, 6, 6), [avgpool(3, 2, 1, True, False, npos=3)])
E('edge_maxpool_k3_s2_ceil_i7', (2, 7, 7), [maxpool(3, 2, None, True, npos=2)])
E('edge_maxpool_k3_s2_p1_ceil_i8', (2, 8, 8), [maxpool(3, 2, 1, True, npos=3)])
E('edge_maxpool_k2_ceil_i1', (3, 1, 1), [maxpool(2, None, None, True, npos=1)])
E('edge_maxpool_k2_i1_refused', (3, 1, 1), [maxpool(2, npos=1)])
E('edge_maxpool_k3_s3_p1_ceil_i10', (1, 10, 10), [maxpool(3, 3, 1, True, npos=3)])
E('edge_avgpool_k2_s2_p1_ceil_i4', (1, 4, 4), [avgpool(2, 2, 1, True, npos=4)])
# pooling padding > kernel/2
E('edge_maxpool_k3_p2_refused', (1, 9, 9), [maxpool(3, 1, 2, npos=3)])
E('edge_avgpool_k2_p2_refused', (1, 9, 9), [avgpool(2, 2, 2, npos=3)])
E('edge_maxpool_k4_p2_ok', (1, 9, 9), [maxpool(4, 2, 2, npos=3)])
E('edge_avgpool_k2x4_p1x2_ok', (1, 9, 9), [avgpool((2, 4), (1, 2), (1, 2), npos=3)])
# kernel larger than (padded) input
E('edge_conv2d_k5_i3_refused', (1, 3, 3), [conv(1, 4, 5, npos=3)])
E('edge_conv2d_k5_p1_i3_ok', (1, 3, 3), [conv(1, 4, 5, None, 1, npos=3)])
E('edge_conv2d_k3_d2_i4_refused', (1, 4, 4), [conv(1, 4, 3, None, None, 2, npos=3)])
E('edge_conv2d_k1x7_i5x5_refused', (2, 5, 5), [conv(2, 2, (1, 7), npos=3)])
E('edge_avgpool_k4_i3_refused', (2, 3, 3), [avgpool(4, npos=1)])
# padding strings
E('edge_conv2d_same_k4_i7', (3, 7, 7), [conv(3, 8, 4, p='same', npos=2)])
E('edge_conv2d_same_k4_d2_i7', (3, 7, 7), [conv(3, 8, 4, p='same', d=2, npos=2)])
E('edge_conv2d_same_k2x5_i6x9', (3, 6, 9), [conv(3, 8, (2, 5), p='same', npos=2)])
E('edge_conv2d_same_stride1_explicit', (3, 6, 9), [conv(3, 8, 3, s=1, p='same', npos=3)])
E('edge_conv2d_same_stride2_refused', (3, 16, 16), [conv(3, 8, 3, s=2, p='same', npos=2)])
E('edge_conv2d_same_stride2x1_refused', (3, 16, 16), [conv(3, 8, 3, s=(2, 1), p='same', npos=2)])
E('edge_conv2d_valid_k3_i5', (3, 5, 5), [conv(3, 8, 3, p='valid', npos=2)])
E('edge_conv2d_valid_k5_i4_refused', (3, 4, 4), [conv(3, 8, 5, p='valid', npos=2)])
# the 224/225 'same'-like explicit padding and strided convs
for i in (224, 225, 572, 227):
    E(f'edge_conv2d_k7_s2_p3_i{i}', (3, i, i), [conv(3, 8, 7, 2, 3, npos=5)])
    E(f'edge_maxpool_k3_s2_p1_i{i}', (3, i, i), [maxpool(3, 2, 1, npos=3)])
E('edge_conv2d_k11_s4_p2_i224_alexnet', (3, 224, 224), [conv(3, 64, 11, 4, 2, npos=3)])
E('edge_conv2d_k11_s4_i227', (3, 227, 227), [conv(3, 96, 11, 4, npos=3)])
# transposed conv
E('edge_convtranspose2d_k3_s2_p1_op1_i4', (4, 4, 4), [convT(4, 2, 3, 2, 1, 1, npos=6)])
E('edge_convtranspose2d_k3_s2_p1_i4', (4, 4, 4), [convT(4, 2, 3, 2, 1, npos=5)])
E('edge_convtranspose2d_k2_s2_i7', (4, 7, 7), [convT(4, 2, 2, 2, npos=4)])
E('edge_convtranspose2d_k4_s2_p1_i16', (8, 16, 16), [convT(8, 4, 4, 2, 1, npos=5)])
E('edge_convtranspose2d_op2_s2_refused', (4, 4, 4), [convT(4, 2, 3, 2, 1, 2, npos=6)])
E('edge_convtranspose2d_op1_s1_refused', (4, 4, 4), [convT(4, 2, 3, 1, 0, 1, npos=6)])
E('edge_convtranspose2d_op1_s1_d2_ok', (4, 4, 4), [convT(4, 2, 3, 1, 0, 1, None, None, 2, npos=6)])
E('edge_convtranspose2d_op2_s2_d3_ok', (4, 4, 4), [convT(4, 2, 3, 2, 0, 2, None, None, 3, npos=6)])
E('edge_convtranspose2d_op3_s2_d3_refused', (4, 4, 4), [convT(4, 2, 3, 2, 0, 3, None, None, 3, npos=6)])
E('edge_convtranspose2d_p_too_big_refused', (4, 2, 2), [convT(4, 2, 3, 1, 3, npos=5)])
E('edge_convtranspose2d_groups2', (4, 5, 5), [convT(4, 6, 3, 2, 1, 1, 2, npos=7)])
E('edge_convtranspose2d_groups3_in4_refused', (4, 5, 5), [convT(4, 6, 3, 2, g=3, npos=4)])
E('edge_convtranspose2d_k3x1_s3x2_op2x1_i3x4', (2, 3, 4), [convT(2, 2, (3, 1), (3, 2), 0, (2, 1), npos=6)])
# groups
E('edge_conv2d_groups2_in3_refused', (3, 8, 8), [conv(3, 8, 3, g=2, npos=2)])
E('edge_conv2d_groups3_out8_refused', (6, 8, 8), [conv(6, 8, 3, g=3, npos=2)])
E('edge_conv2d_depthwise_groups_eq_c', (8, 9, 9), [conv(8, 8, 3, 1, 1, 1, 8, npos=7)])
E('edge_conv2d_depthwise_mult2', (4, 9, 9), [conv(4, 8, 3, 1, 1, g=4, npos=5)])
E('edge_conv2d_groups4_bias_false', (8, 9, 9), [conv(8, 16, 3, g=4, bias=False, npos=2)])
# channel mismatch
E('edge_conv2d_in_channels_mismatch_refused', (4, 10, 10), [conv(3, 8, 3, npos=2)])
E('edge_conv2d_second_in_channels_mismatch_refused', (3, 10, 10), [conv(3, 8, 3, npos=2), simple('ReLU'), conv(16, 8, 3, npos=2)])
E('edge_batchnorm_mismatch_refused', (3, 10, 10), [conv(3, 8, 3, npos=2), simple('BatchNorm2d', 16)])
# Linear
E('edge_linear_on_chw_acts_on_w', (3, 5, 7), [simple('Linear', 7, 4)])
E('edge_linear_on_chw_mismatch_refused', (3, 5, 7), [simple('Linear', 5, 4)])
E('edge_flatten_linear_ok', (3, 5, 7), [simple('Flatten'), simple('Linear', 105, 10)])
E('edge_flatten_linear_mismatch_refused', (3, 5, 7), [simple('Flatten'), simple('Linear', 100, 10)])
E('edge_flatten_start_dim_2', (3, 5, 7), [simple('Flatten', 2)])
E('edge_linear_no_bias', (3, 4, 4), [simple('Flatten'), simple('Linear', 48, 10, bias=False, npos=2)])
# BatchNorm2d: 2*C parameters (running stats are buffers)
for C in (1, 3, 16, 64):
    E(f'edge_batchnorm2d_c{C}', (C, 6, 6), [simple('BatchNorm2d', C)])
# activations and misc
E('edge_activations_chain', (3, 8, 8), [simple('ReLU', True), simple('LeakyReLU', 0.2), simple('Sigmoid'), simple('Tanh'), simple('Softmax', dim=1), simple('Identity'), simple('Dropout', 0.5), simple('Dropout2d', 0.25)])
E('edge_zeropad_then_conv', (1, 5, 5), [simple('ZeroPad2d', (1, 2, 0, 3)), conv(1, 2, 3, npos=3)])
E('edge_upsample_sf1_5_i5', (1, 5, 5), [Spec('Upsample', [('scale_factor', 1.5)], 0)])
E('edge_upsample_sf2_bilinear_align', (1, 5, 7), [Spec('Upsample', [('scale_factor', 2), ('mode', 'bilinear'), ('align_corners', True)], 0)])

# ------------------------------------------------------------------------------------------------------------
# 6. Random chains (3-8 layers) with valid channel bookkeeping
def rand_layer(shape, allow_refuse):
    C, H, W = shape
    m = min(H, W)
    r = R.random()
    fit = lambda: R.randint(1, min(5, m)) if R.random() < 0.7 else (R.randint(1, min(5, H)), R.randint(1, min(5, W)))
    if r < 0.30:
        k = fit()
        kk = k if isinstance(k, tuple) else (k, k)
        cout = R.choice([4, 8, 16, 12])
        s = rs()
        p = R.choice([None, 0, 1, min(kk) // 2, 'same' if s in (None, 1) else 1, (kk[0] // 2, kk[1] // 2)])
        d = 2 if R.random() < 0.15 and m >= 2 * max(kk) else None
        g = R.choice([gg for gg in (2, 4) if C % gg == 0 and cout % gg == 0] or [None]) if R.random() < 0.15 else None
        cin = C if not allow_refuse or R.random() < 0.7 else C + 1
        return conv(cin, cout, k, s, p, d, g)
    if r < 0.45:
        k = R.choice([2, 2, 3, (2, 1), (3, 2)])
        kk = k if isinstance(k, tuple) else (k, k)
        s = R.choice([None, None, 1, 2, (2, 1)])
        p = R.choice([None, None, 0, min(kk) // 2])
        if m < max(kk):
            p = min(kk) // 2 if min(kk) // 2 else None
        ceil = R.choice([None, None, True])
        return maxpool(k, s, p, ceil) if R.random() < 0.5 else avgpool(k, s, p, ceil, R.choice([None, False]))
    if r < 0.52 and H * W < 400:
        k = R.choice([2, 3, 4, (2, 3)])
        s = R.choice([1, 2, 2, (2, 1)])
        kk = k if isinstance(k, tuple) else (k, k)
        p = R.choice([None, 0, min(kk) // 2])
        ss = s if isinstance(s, tuple) else (s, s)
        op = R.choice([None, 0, 1]) if min(ss) > 1 else None
        return convT(C, R.choice([4, 8]), k, s, p, op)
    if r < 0.58:
        return simple('ZeroPad2d', R.choice([1, 2, (1, 0, 2, 1), (0, 3, 1, 0)]), npos=R.choice([0, 1]))
    if r < 0.63 and H * W < 300:
        return Spec('Upsample', [('scale_factor', R.choice([2, 2.0, (2, 1)])), ('mode', R.choice([None, 'nearest', 'bilinear']))], 0)
    if r < 0.72:
        return simple('BatchNorm2d', C)
    if r < 0.77:
        return simple(R.choice(['Dropout', 'Dropout2d']), R.choice([0.1, 0.25, 0.5]))
    if r < 0.90:
        return R.choice([simple('ReLU'), simple('ReLU', True), simple('ReLU', inplace=True), simple('LeakyReLU', 0.1), simple('LeakyReLU'),
                         simple('Sigmoid'), simple('Tanh'), simple('Identity'), simple('Softmax', dim=1)])
    return None


def rand_head(shape, specs, allow_refuse):
    r = R.random()
    n = math.prod(shape)
    if r < 0.4:
        specs.append(simple('Flatten'))
        specs.append(simple('Linear', n if not allow_refuse or R.random() < 0.6 else n + R.choice([-1, 1, 7]), R.choice([10, 32, 64])))
        if R.random() < 0.5:
            specs.append(simple('ReLU'))
            specs.append(simple('Linear', specs[-2].args[1][1], 10))
    elif r < 0.6:
        specs.append(simple(R.choice(['AdaptiveAvgPool2d', 'AdaptiveMaxPool2d']), R.choice([1, (1, 1)])))
        specs.append(simple('Flatten'))
        specs.append(simple('Linear', shape[0], 10))
    elif r < 0.7:
        specs.append(simple('Linear', shape[2], R.choice([5, 16])))
    elif r < 0.8:
        specs.append(simple('Flatten'))
        specs.append(simple('Dropout', 0.5))
        specs.append(simple('Linear', n, 10))
        specs.append(simple('Softmax', dim=1))


for n in range(110):
    H = R.choice(SIZES[5:] + [64, 96, 100, 224, 225]); W = H if R.random() < 0.7 else R.choice(SIZES[5:]); C = R.choice([1, 3, 3, 4])
    if H > 100:
        C = 1
    allow_refuse = n % 8 == 5
    specs = []
    shape = [C, H, W]
    nl = R.randint(3, 8)
    guard = 0
    if H > 100:
        specs.append(conv(C, 4, 3, 2, R.choice([0, 1])))
        shape = cur_shape((C, H, W), specs)
    while len(specs) < nl and guard < 100:
        guard += 1
        refuse_now = allow_refuse and len(specs) >= 2 and R.random() < 0.5
        sp = rand_layer(shape, refuse_now)
        if refuse_now and sp is not None and sp.cls != 'Conv2d':
            sp = R.choice([maxpool(3, 1, 2, npos=3), conv(shape[0], 4, max(shape[1], shape[2]) + 2, npos=3), conv(shape[0] + 2, 8, 1, npos=2)])
        if sp is None:
            if len(specs) >= 3:
                break
            continue
        try:
            shape2 = cur_shape((C, H, W), specs + [sp])
        except Exception:
            if refuse_now:
                specs.append(sp)
                specs.extend(R.sample([simple('ReLU'), simple('BatchNorm2d', 8), simple('Flatten')], R.randint(0, 2)))
                break
            continue
        if len(shape2) != 3 or min(shape2) <= 0:
            continue
        specs.append(sp)
        shape = shape2
    else:
        pass
    refused_already = False
    try:
        cur_shape((C, H, W), specs)
    except Exception:
        refused_already = True
    if not refused_already and R.random() < 0.65:
        rand_head(shape, specs, allow_refuse)
    run_case(f'chain_{n}_i{C}x{H}x{W}{"_mayrefuse" if allow_refuse else ""}', (C, H, W), specs)

# ------------------------------------------------------------------------------------------------------------
# 7. Classic models people paste
run_case('model_lenet5_c1x28x28', (1, 28, 28), [conv(1, 6, 5, p=2, npos=3), simple('Tanh'), avgpool(2, 2, npos=2), conv(6, 16, 5, npos=3), simple('Tanh'),
                                               avgpool(2, 2, npos=2), simple('Flatten'), simple('Linear', 400, 120), simple('Tanh'), simple('Linear', 120, 84), simple('Tanh'), simple('Linear', 84, 10)])
run_case('model_alexnet_features_c3x224x224', (3, 224, 224), [conv(3, 64, 11, 4, 2, npos=2), simple('ReLU', inplace=True), maxpool(3, 2, npos=2),
                                                             conv(64, 192, 5, p=2, npos=2), simple('ReLU', inplace=True), maxpool(3, 2, npos=2),
                                                             conv(192, 384, 3, p=1, npos=2), simple('ReLU', inplace=True), conv(384, 256, 3, p=1, npos=2), simple('ReLU', inplace=True),
                                                             conv(256, 256, 3, p=1, npos=2), simple('ReLU', inplace=True), maxpool(3, 2, npos=2), simple('AdaptiveAvgPool2d', (6, 6)),
                                                             simple('Flatten'), simple('Dropout', 0.5), simple('Linear', 9216, 4096), simple('ReLU', inplace=True), simple('Linear', 4096, 1000)])
run_case('model_dcgan_generator_c100x1x1', (100, 1, 1), [convT(100, 64 * 8, 4, 1, 0, bias=False, npos=5), simple('BatchNorm2d', 512), simple('ReLU', True),
                                                        convT(512, 256, 4, 2, 1, bias=False, npos=5), simple('BatchNorm2d', 256), simple('ReLU', True),
                                                        convT(256, 128, 4, 2, 1, bias=False, npos=5), simple('BatchNorm2d', 128), simple('ReLU', True),
                                                        convT(128, 64, 4, 2, 1, bias=False, npos=5), simple('BatchNorm2d', 64), simple('ReLU', True),
                                                        convT(64, 3, 4, 2, 1, bias=False, npos=5), simple('Tanh')])
run_case('model_resnet_stem_c3x224x224', (3, 224, 224), [conv(3, 64, 7, 2, 3, bias=False, npos=2), simple('BatchNorm2d', 64), simple('ReLU', inplace=True),
                                                        maxpool(3, 2, 1, npos=0)])
run_case('model_mnist_cnn_c1x28x28', (1, 28, 28), [conv(1, 32, 3, 1, npos=4), simple('ReLU'), conv(32, 64, 3, 1, npos=4), simple('ReLU'), maxpool(2, npos=1),
                                                  simple('Dropout', 0.25), simple('Flatten'), simple('Linear', 9216, 128), simple('ReLU'), simple('Dropout', 0.5),
                                                  simple('Linear', 128, 10)])

# ------------------------------------------------------------------------------------------------------------
if formula_mismatches:
    print('DESIGN.md formula disagreements:', file=sys.stderr)
    for m in formula_mismatches:
        print('  ' + m, file=sys.stderr)

os.makedirs(os.path.dirname(OUT), exist_ok=True)
doc = {
    'generator': 'gen_torch_shapes.py',
    'reference': f'torch {torch.__version__} (Debian python3-torch 1.13.1)',
    'regenerate': 'cd tests/golden && /usr/bin/python3 gen_torch_shapes.py',
    'cases': cases,
}
with open(OUT, 'w') as f:
    json.dump(doc, f, indent=1)
    f.write('\n')
n_ok = sum(c['ok'] for c in cases)
print(f'wrote {OUT}: {len(cases)} cases ({n_ok} ok, {len(cases) - n_ok} refused), {len(formula_mismatches)} DESIGN.md formula disagreements')
