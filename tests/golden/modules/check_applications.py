#!/usr/bin/python3
"""Checks ConvLens' own application definitions (resources/applications/torchvision/*.py) against torchvision 0.14:

    cd tests/golden/modules && /usr/bin/python3 check_applications.py [--quick]

For every builder and a few num_classes values, our module must give exactly torchvision's
  - state_dict keys and shapes, in the same order;
  - parameter count (and the count its docstring states; the main ones are also pinned below);
  - torch.fx rows (node names, ops, targets, module types, output shapes, per-module params) at 3x224x224
    (3x64x64 for the extra builders, or for all with --quick);
  - forward output, once torchvision's state_dict is loaded into ours (strict), on a seeded 3x64x64 input.
It also checks that the files stay in the Python subset ConvLens evaluates: imports only torch, torch.nn as nn,
torch.nn.functional as F, math and collections.OrderedDict; no decorator but @staticmethod; no lambda, with,
try, global, yield, async or walrus. Exits with status 1 on any difference. Needs Debian's python3-torch
1.13.1 and python3-torchvision 0.14.1. Takes a few minutes (CPU; building the big models dominates).
"""
import ast
import os
import re
import sys
import time
import warnings

import torch
import torchvision

HERE = os.path.dirname(os.path.abspath(__file__))
APPS = os.path.normpath(os.path.join(HERE, '..', '..', '..', 'resources', 'applications', 'torchvision'))
sys.dont_write_bytecode = True      # no __pycache__ in the source tree
sys.path.insert(0, HERE)
import gen_torch_modules as tracer  # noqa: E402  (fx rows, as the corpus records them)

# (file, builder, num_classes values, pinned parameter count for 1000 classes or None, full 224 fx check)
BUILDERS = [
    ('alexnet', 'alexnet', (1000, 10), 61100840, True),
    ('vgg', 'vgg11', (1000, 10), 132863336, True),
    ('vgg', 'vgg16', (1000, 10), 138357544, True),
    ('vgg', 'vgg11_bn', (1000,), None, False),
    ('vgg', 'vgg13', (1000,), None, False),
    ('vgg', 'vgg13_bn', (7,), None, False),
    ('vgg', 'vgg16_bn', (1000,), None, False),
    ('vgg', 'vgg19', (1000,), None, False),
    ('vgg', 'vgg19_bn', (1000,), None, False),
    ('resnet', 'resnet18', (1000, 10), 11689512, True),
    ('resnet', 'resnet34', (1000, 10), 21797672, True),
    ('resnet', 'resnet50', (1000, 10), 25557032, True),
    ('resnet', 'resnet101', (1000,), None, False),
    ('resnet', 'resnet152', (1000,), None, False),
    ('resnet', 'resnext50_32x4d', (1000,), None, False),
    ('resnet', 'resnext101_32x8d', (1000,), None, False),
    ('resnet', 'resnext101_64x4d', (1000,), None, False),
    ('resnet', 'wide_resnet50_2', (1000,), None, False),
    ('resnet', 'wide_resnet101_2', (1000,), None, False),
    ('mobilenet_v2', 'mobilenet_v2', (1000, 10, 2), 3504872, True),
]
# extra keyword arguments torchvision accepts, checked on small inputs
EXTRA = [
    ('resnet', 'resnet50', {'replace_stride_with_dilation': [False, True, True]}),
    ('resnet', 'resnet18', {'zero_init_residual': True}),
    ('mobilenet_v2', 'mobilenet_v2', {'width_mult': 0.5}),
    ('mobilenet_v2', 'mobilenet_v2', {'width_mult': 1.4, 'dropout': 0.1}),
    ('vgg', 'vgg11', {'dropout': 0.3, 'init_weights': False}),
    ('alexnet', 'alexnet', {'dropout': 0.2}),
]
ALLOWED_IMPORTS = {('torch', None), ('torch.nn', 'nn'), ('torch.nn.functional', 'F'), ('math', None)}
FORBIDDEN_NODES = (ast.Lambda, ast.With, ast.Try, ast.Global, ast.Nonlocal, ast.Yield, ast.YieldFrom,
                   ast.AsyncFunctionDef, ast.Await, ast.NamedExpr)

failures = []


def fail(msg):
    failures.append(msg)
    print('FAIL ' + msg, file=sys.stderr)


def load(name):
    path = os.path.join(APPS, name + '.py')
    with open(path) as f:
        source = f.read()
    ns = {'__name__': 'convlens_app_' + name}
    exec(compile(source, path, 'exec'), ns)
    return source, ns


def check_subset(name, source):
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                if (a.name, a.asname) not in ALLOWED_IMPORTS:
                    fail(f'{name}.py: import {a.name} as {a.asname} is outside the allowed imports')
        elif isinstance(node, ast.ImportFrom):
            if node.module != 'collections' or [a.name for a in node.names] != ['OrderedDict']:
                fail(f'{name}.py: from {node.module} import ... is outside the allowed imports')
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            for d in node.decorator_list:
                if not (isinstance(d, ast.Name) and d.id == 'staticmethod'):
                    fail(f'{name}.py: decorator on {node.name} (only @staticmethod is allowed)')
        elif isinstance(node, FORBIDDEN_NODES):
            fail(f'{name}.py line {node.lineno}: {type(node).__name__} is outside the evaluated subset')


def docstring_params(fn):
    m = re.search(r'([\d,]+) parameters', fn.__doc__ or '')
    return int(m.group(1).replace(',', '')) if m else None


def compare_models(label, ours, theirs, shape, check_values=False):
    sd_o = [(k, list(v.shape)) for k, v in ours.state_dict().items()]
    sd_t = [(k, list(v.shape)) for k, v in theirs.state_dict().items()]
    if sd_o != sd_t:
        diff = [f'{a} / {b}' for a, b in zip(sd_o, sd_t) if a != b][:5]
        fail(f'{label}: state_dict differs ({len(sd_o)} vs {len(sd_t)} entries) {diff}')
    p_o = sum(p.numel() for p in ours.parameters())
    p_t = sum(p.numel() for p in theirs.parameters())
    if p_o != p_t:
        fail(f'{label}: {p_o} parameters, torchvision {p_t}')
    x = torch.zeros((1,) + shape)
    rows_o, err_o, _, _ = tracer.fx_trace(ours.eval(), x)
    rows_t, err_t, _, _ = tracer.fx_trace(theirs.eval(), x)
    if err_o or err_t:
        fail(f'{label}: fx run failed: {err_o} / {err_t}')
    pub_o, pub_t = tracer.public_rows(rows_o), tracer.public_rows(rows_t)
    if pub_o != pub_t:
        fail(f'{label}: fx rows differ at {shape}:\n' + tracer.row_diff(pub_t, pub_o)[:2000])
    if check_values:
        ours.load_state_dict(theirs.state_dict(), strict=True)
        g = torch.Generator().manual_seed(7)
        xi = torch.rand((1, 3, 64, 64), generator=g)
        with torch.no_grad():
            yo, yt = ours(xi), theirs(xi)
        if not torch.equal(yo, yt):
            fail(f'{label}: outputs differ after loading torchvision\'s weights (max {(yo - yt).abs().max()})')
    return p_o, len(pub_o)


def main():
    quick = '--quick' in sys.argv
    torch.set_num_threads(2)
    warnings.simplefilter('ignore')
    t0 = time.time()
    modules = {}
    for name in ('alexnet', 'vgg', 'resnet', 'mobilenet_v2'):
        source, ns = load(name)
        check_subset(name, source)
        modules[name] = ns
    n = 0
    for file, builder, classes, pinned, full in BUILDERS:
        ours_fn = modules[file][builder]
        theirs_fn = getattr(torchvision.models, builder)
        stated = docstring_params(ours_fn)
        for nc in classes:
            torch.manual_seed(0)
            ours = ours_fn(weights=None, num_classes=nc)
            torch.manual_seed(0)
            theirs = theirs_fn(weights=None, num_classes=nc)
            shape = (3, 224, 224) if full and not quick else (3, 64, 64)
            params, rows = compare_models(f'{builder}(num_classes={nc})', ours, theirs, shape,
                                          check_values=(nc == classes[0]))
            if nc == 1000 and pinned is not None and params != pinned:
                fail(f'{builder}: {params} parameters, expected {pinned}')
            if nc == 1000 and stated is not None and params != stated:
                fail(f'{builder}: docstring says {stated} parameters, the model has {params}')
            print(f'{builder}(num_classes={nc}): {params:,} params, {rows} fx rows at {shape}', file=sys.stderr)
            n += 1
        if 1000 in classes and stated is None:
            fail(f'{builder}: docstring states no parameter count')
    for file, builder, kwargs in EXTRA:
        torch.manual_seed(0)
        ours = modules[file][builder](**kwargs)
        torch.manual_seed(0)
        theirs = getattr(torchvision.models, builder)(weights=None, **kwargs)
        params, rows = compare_models(f'{builder}({kwargs})', ours, theirs, (3, 64, 64), check_values=True)
        print(f'{builder}({kwargs}): {params:,} params, {rows} fx rows', file=sys.stderr)
        n += 1
    # the ignored arguments
    for file, builder in (('resnet', 'resnet18'), ('vgg', 'vgg16'), ('alexnet', 'alexnet'),
                          ('mobilenet_v2', 'mobilenet_v2')):
        m = modules[file][builder](pretrained=False, progress=False)
        if not isinstance(m, torch.nn.Module):
            fail(f'{builder}(pretrained=False, progress=False) did not build a module')
    # torchvision's own refusals are kept
    try:
        modules['resnet']['resnet18'](groups=2)
        fail('resnet18(groups=2) should raise like torchvision')
    except ValueError:
        pass
    print(f'{n} comparisons, {len(failures)} failure(s), {time.time() - t0:.0f} s', file=sys.stderr)
    sys.exit(1 if failures else 0)


if __name__ == '__main__':
    main()
