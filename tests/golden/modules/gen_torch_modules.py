#!/usr/bin/python3
"""Generates tests/golden/modules/torch_modules.json: PyTorch nn.Module *class* code (tutorial and repository
style, helper classes, loops, nested containers, functional calls in forward, torchvision application calls)
with the rows torch.fx gives for it: fx node names, ops, targets, output shapes (ShapeProp on zeros, eval mode),
per-module parameter counts, the state_dict keys and shapes, and torch's exact error text for refused models.

    cd tests/golden/modules && /usr/bin/python3 gen_torch_modules.py

Needs Debian's python3-torch 1.13.1 and python3-torchvision 0.14.1 (no pip). Deterministic (torch.manual_seed(0)
before every model is built, cases in a fixed order; only shapes are recorded): running it again gives a
byte-identical file. Takes 1-2 minutes, nearly all of it in the 224x224 application models. See README.md for the
format, the two tracers (fx and the concrete one) and how they are cross-checked.

The module also exports the tracers (`trace_model`, `fx_trace`, `concrete_trace`) for
../forward/gen_torch_modules_forward.py.
"""
import ast
import contextlib
import dis
import inspect
import io
import json
import os
import sys
import textwrap
import time
import warnings

import torch
import torch.fx
import torch.fx.proxy
import torch.nn as nn
from torch.fx.graph import _Namespace, _snake_case, _is_magic
from torch.fx.passes.shape_prop import ShapeProp, TensorMetadata
from torch.overrides import TorchFunctionMode, is_tensor_method_or_property

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, 'torch_modules.json')
THIS_FILE = os.path.abspath(__file__)
TORCH_DIR = os.path.dirname(os.path.abspath(torch.__file__)) + os.sep
CASE_MODULE = 'convlens_case'      # __name__ of the namespace the case code runs in (classes' __module__)


# ------------------------------------------------------------------------------------------------------------
# Python 3.11 fix for torch 1.13's fx (which predates 3.11): Proxy.__iter__ looks up the calling instruction as
# list(dis.get_instructions(code))[f_lasti // 2], which 3.11's inline caches break (IndexError), so `b, c, h, w =
# x.size()` could not be traced. This finds the instruction by its offset instead and otherwise keeps fx's
# behaviour: tuple unpacking gives one getitem node per element, any other iteration is a TraceError.
def _instruction_at(code, offset):
    table = _INSTR_CACHE.get(code)
    if table is None:
        table = {i.offset: i for i in dis.get_instructions(code)}
        _INSTR_CACHE[code] = table
    return table.get(offset)


_INSTR_CACHE = {}


def _proxy_iter(self):
    frame = inspect.currentframe().f_back
    inst = _instruction_at(frame.f_code, frame.f_lasti)
    if inst is not None and inst.opname == 'UNPACK_SEQUENCE':
        return (self[i] for i in range(inst.argval))
    return self.tracer.iter(self)


if sys.version_info >= (3, 11):
    torch.fx.proxy.Proxy.__iter__ = _proxy_iter


def target_to_str(name):
    """torch/fx/graph.py Graph._target_to_str for a string: strip __magic__, snake_case."""
    if _is_magic(name):
        name = name[2:-2]
    return _snake_case(name)


def is_leaf_module(m):
    """fx's default Tracer.is_leaf_module."""
    return ((m.__module__.startswith('torch.nn') or m.__module__.startswith('torch.ao.nn'))
            and not isinstance(m, torch.nn.Sequential))


def module_params(m):
    return sum(p.numel() for p in m.parameters())


def _row(name, op, target, module_type, out, params):
    return {'name': name, 'op': op, 'target': target, 'module_type': module_type,
            'output_shape': list(out.shape)[1:] if isinstance(out, torch.Tensor) else None,
            'params': params, '_tensor': isinstance(out, torch.Tensor),
            '_full_shape': list(out.shape) if isinstance(out, torch.Tensor) else None}


# ------------------------------------------------------------------------------------------------------------
# fx: symbolic_trace + ShapeProp
class _ShapeProp(ShapeProp):
    """ShapeProp that remembers the node being run, so the original exception and its node can be reported
    (ShapeProp itself prints a traceback and raises a RuntimeError wrapping it)."""
    current = None

    def run_node(self, n):
        self.current = n
        r = super().run_node(n)
        self.current = None
        return r


class TraceFailed(Exception):
    pass


def fx_trace(model, x, keep_outputs=False):
    """Returns (rows, error, error_node, outputs). rows: every call_module/call_function/call_method node that ran,
    tensor or not (see row['_tensor']); outputs: {node name: tensor} when keep_outputs. Raises TraceFailed when
    symbolic_trace cannot trace the model."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            gm = torch.fx.symbolic_trace(model)
    except Exception as e:  # noqa: BLE001 - any tracing failure means: use the concrete tracer
        raise TraceFailed(f'{type(e).__name__}: {e}') from None
    gm.eval()
    sp = _ShapeProp(gm)
    error = error_node = None
    outputs = {}
    if keep_outputs:
        # ShapeProp keeps shapes only; an Interpreter pass keeps the values (same nodes, same order)
        class _Keep(torch.fx.Interpreter):
            def run_node(self, n):
                r = super().run_node(n)
                if isinstance(r, torch.Tensor):
                    outputs[n.name] = r.detach().clone()
                return r
    try:
        with torch.no_grad(), warnings.catch_warnings(), contextlib.redirect_stderr(io.StringIO()):
            warnings.simplefilter('ignore')
            sp.propagate(x.clone())
            if keep_outputs:
                _Keep(gm).run(x.clone())
    except Exception as e:  # noqa: BLE001
        original = e.__context__ if isinstance(e, RuntimeError) and str(e).startswith('ShapeProp error') else e
        error = str(original)
        error_node = sp.current.name if sp.current is not None else None
    rows = []
    for n in gm.graph.nodes:
        if n.op not in ('call_module', 'call_function', 'call_method'):
            continue
        if error_node is not None and n.name == error_node:
            break
        if n.op == 'call_module':
            sub = gm.get_submodule(n.target)
            mtype, params, target = type(sub).__name__, module_params(sub), n.target
        else:
            mtype, params = None, 0
            target = n.target if n.op == 'call_method' else n.target.__name__
        tm = n.meta.get('tensor_meta')
        if isinstance(tm, TensorMetadata):
            shape = list(tm.shape)
            rows.append({'name': n.name, 'op': n.op, 'target': target, 'module_type': mtype,
                         'output_shape': shape[1:], 'params': params, '_tensor': True, '_full_shape': shape})
        else:
            rows.append({'name': n.name, 'op': n.op, 'target': target, 'module_type': mtype,
                         'output_shape': None, 'params': params, '_tensor': False, '_full_shape': None})
    return rows, error, error_node, outputs


# ------------------------------------------------------------------------------------------------------------
# The concrete tracer: runs the model on real tensors and records, with fx's naming rules, what fx would record.
_BINARY = {'+': 'add', '-': 'sub', '*': 'mul', '/': 'truediv', '//': 'floordiv', '%': 'mod', '**': 'pow',
           '@': 'matmul', '&': 'and_', '|': 'or_', '^': 'xor', '<<': 'lshift', '>>': 'rshift'}
_COMPARE = {'<': 'lt', '>': 'gt', '==': 'eq', '!=': 'ne', '<=': 'le', '>=': 'ge'}
_UNARY = {'UNARY_NEGATIVE': 'neg', 'UNARY_POSITIVE': 'pos', 'UNARY_INVERT': 'invert'}
_MAGIC_OPS = {'add', 'sub', 'mul', 'truediv', 'div', 'floordiv', 'mod', 'pow', 'matmul', 'and', 'or', 'xor',
              'lshift', 'rshift', 'neg', 'pos', 'invert', 'getitem', 'lt', 'gt', 'eq', 'ne', 'le', 'ge'}

_ACTIVE = []   # the running ConcreteTracer (a stack of one)


def _user_frame():
    """The innermost frame of model code (not torch's own files, not this file)."""
    f = inspect.currentframe()
    while f is not None:
        fn = f.f_code.co_filename
        if not (fn.startswith(TORCH_DIR) or os.path.abspath(fn) == THIS_FILE):
            return f
        f = f.f_back
    return None


def _operator_for_call_site():
    """When a Tensor magic method runs, the bytecode instruction of the model code that triggered it says which
    Python operator was written (fx records operators as call_function operator.add, ...; x.add(y) is a
    call_method). Returns the operator name or None for an ordinary call."""
    f = _user_frame()
    if f is None:
        return None
    inst = _instruction_at(f.f_code, f.f_lasti)
    if inst is None:
        return None
    if inst.opname in ('BINARY_OP', 'BINARY_ADD', 'BINARY_SUBTRACT', 'BINARY_MULTIPLY', 'BINARY_TRUE_DIVIDE'):
        sym = inst.argrepr.rstrip('=') if inst.opname == 'BINARY_OP' else None
        return _BINARY.get(sym, 'add' if sym is None else None)
    if inst.opname in _UNARY:
        return _UNARY[inst.opname]
    if inst.opname == 'BINARY_SUBSCR':
        return 'getitem'
    if inst.opname == 'COMPARE_OP':
        return _COMPARE.get(inst.argrepr)
    return None


def _unwrap(v):
    if isinstance(v, _TNum):
        return v._plain()
    if isinstance(v, TSize):
        return tuple(int(i) for i in v)
    if isinstance(v, TTuple):
        return tuple(_unwrap(i) for i in tuple.__iter__(v))
    if isinstance(v, list):
        return [_unwrap(i) for i in v]
    if isinstance(v, tuple) and type(v) is tuple:
        return tuple(_unwrap(i) for i in v)
    if isinstance(v, dict):
        return {k: _unwrap(i) for k, i in v.items()}
    return v


def _recording():
    return bool(_ACTIVE) and _ACTIVE[-1].recording()


def _node(opname, out=None):
    """A call_function node for an operator on a Proxy-like value (sizes, tuples of results), as fx creates it."""
    _ACTIVE[-1].record(opname, 'call_function', opname, None, out)


class _TNum:
    """Mixin for ints/floats derived from tensor sizes: arithmetic on them is recorded as fx would record it
    on a Proxy (add, mul, floordiv, getitem, eq, ...)."""

    def _plain(self):
        return self._base(self)

    def _bin(self, other, opname, fn, reverse=False):
        a, b = self._plain(), _unwrap(other)
        r = fn(b, a) if reverse else fn(a, b)
        if not _recording():
            return r
        _node(opname)
        return _wrap_num(r)


def _wrap_num(r):
    if isinstance(r, bool):
        return r
    if isinstance(r, int):
        return TInt(r)
    if isinstance(r, float):
        return TFloat(r)
    return r


def _make_ops(cls):
    import operator as o
    table = {'add': o.add, 'sub': o.sub, 'mul': o.mul, 'truediv': o.truediv, 'floordiv': o.floordiv,
             'mod': o.mod, 'pow': o.pow}
    for name, fn in table.items():
        setattr(cls, f'__{name}__', (lambda n, f: lambda self, other: self._bin(other, n, f))(name, fn))
        setattr(cls, f'__r{name}__', (lambda n, f: lambda self, other: self._bin(other, n, f, True))(name, fn))
    for name, fn in {'eq': o.eq, 'ne': o.ne, 'lt': o.lt, 'gt': o.gt, 'le': o.le, 'ge': o.ge}.items():
        setattr(cls, f'__{name}__', (lambda n, f: lambda self, other: self._bin(other, n, f))(name, fn))

    def neg(self):
        r = -self._plain()
        if not _recording():
            return r
        _node('neg')
        return _wrap_num(r)
    cls.__neg__ = neg
    cls.__hash__ = lambda self: hash(self._plain())
    return cls


@_make_ops
class TInt(_TNum, int):
    _base = int


@_make_ops
class TFloat(_TNum, float):
    _base = float


class TSize(tuple):
    """A torch.Size (x.size(), x.shape) met outside leaf modules: indexing it is a getitem node, unpacking it one
    getitem node per element (fx with the 3.11 fix above). Iterating it in a loop is what fx refuses; here
    the elements are handed out without nodes."""

    def __getitem__(self, i):
        r = tuple.__getitem__(self, i)
        if not _recording():
            return r
        _node('getitem')
        return TSize(r) if isinstance(i, slice) else TInt(r)

    def __iter__(self):
        frame = inspect.currentframe().f_back
        inst = _instruction_at(frame.f_code, frame.f_lasti)
        if inst is not None and inst.opname == 'UNPACK_SEQUENCE' and _recording():
            return (self[i] for i in range(inst.argval))
        return (TInt(v) for v in tuple.__iter__(self))

    def numel(self):
        n = 1
        for v in tuple.__iter__(self):
            n *= v
        return n


class TTuple(tuple):
    """A tuple returned by a recorded call (x.max(dim) -> (values, indices), x.chunk(2) ...): fx gives a Proxy,
    so indexing it is a getitem node, `.values` a getattr node and unpacking one getitem node per element."""

    def __getitem__(self, i):
        r = tuple.__getitem__(self, i)
        if not _recording():
            return r
        _node('getitem', r)
        return TTuple(r) if isinstance(i, slice) else r

    def __iter__(self):
        frame = inspect.currentframe().f_back
        inst = _instruction_at(frame.f_code, frame.f_lasti)
        if inst is not None and inst.opname == 'UNPACK_SEQUENCE' and _recording():
            return (self[i] for i in range(inst.argval))
        return tuple.__iter__(self)

    def __getattr__(self, name):
        fields = self.__dict__.get('_fields', ())
        if name not in fields:
            raise AttributeError(name)
        r = tuple.__getitem__(self, fields.index(name))
        if _recording():
            _node('getattr', r)
        return r


_RETURN_FIELDS = ('values', 'indices')


class _Mode(TorchFunctionMode):
    def __torch_function__(self, func, types, args=(), kwargs=None):
        kwargs = kwargs or {}
        if not _recording():
            return func(*_unwrap(args), **_unwrap(kwargs))
        t = _ACTIVE[-1]
        name = getattr(func, '__name__', None)
        prop = None
        if name == '__get__':            # a Tensor property: x.shape -> fx's getattr node
            prop = getattr(getattr(func, '__self__', None), '__name__', None)
            op, target = 'call_function', 'getattr'
        elif is_tensor_method_or_property(func):
            operator_name = _operator_for_call_site()
            if operator_name is None and _is_magic(name):
                stripped = name[2:-2]
                if stripped not in _MAGIC_OPS and stripped[:1] in ('r', 'i') and stripped[1:] in _MAGIC_OPS:
                    stripped = stripped[1:]
                operator_name = 'truediv' if stripped == 'div' else stripped
            if operator_name is not None:
                op, target = 'call_function', operator_name
            else:
                op, target = 'call_method', name
        else:
            op, target = 'call_function', name
        node_name = t.new_name(target)
        t.current = node_name
        t.busy += 1
        try:
            out = func(*_unwrap(args), **_unwrap(kwargs))
        finally:
            t.busy -= 1
        t.current = None
        t.record_named(node_name, op, target, None, out)
        if prop == 'shape' or (op == 'call_method' and name == 'size'):
            if isinstance(out, torch.Size):
                return TSize(out)
            if isinstance(out, int):
                return TInt(out)
        if op == 'call_method' and name in ('dim', 'numel') and isinstance(out, int):
            return TInt(out)
        if isinstance(out, (tuple, list)) and not isinstance(out, torch.Size):
            wrapped = TTuple(out)
            wrapped._fields = tuple(f for f in _RETURN_FIELDS if hasattr(out, f))
            return wrapped
        return out


class ConcreteTracer:
    def __init__(self, root, keep_outputs=False):
        self.root = root
        self.ns = _Namespace()
        self.paths = {m: n for n, m in root.named_modules()}
        self.rows = []
        self.leaf_depth = 0
        self.busy = 0
        self.current = None
        self.keep_outputs = keep_outputs
        self.outputs = {}
        for p in inspect.signature(root.forward).parameters:
            self.ns.create_name(target_to_str(p), None)   # fx's placeholders come first

    def recording(self):
        return self.leaf_depth == 0 and self.busy == 0

    def new_name(self, candidate):
        return self.ns.create_name(target_to_str(candidate), None)

    def record(self, candidate, op, target, mtype, out):
        self.record_named(self.new_name(candidate), op, target, mtype, out)

    def record_named(self, name, op, target, mtype, out, module=None):
        self.busy += 1          # the tensor calls made here are the tracer's, not the model's
        try:
            params = module_params(module) if module is not None else 0
            self.rows.append(_row(name, op, target, mtype, out, params))
            if self.keep_outputs and isinstance(out, torch.Tensor):
                self.outputs[name] = out.detach().clone()
        finally:
            self.busy -= 1


_ORIG_CALL = nn.Module.__call__


def _patched_call(mod, *args, **kwargs):
    if not _recording() or not is_leaf_module(mod):
        return _ORIG_CALL(mod, *args, **kwargs)
    t = _ACTIVE[-1]
    path = t.paths.get(mod)
    if path is None:
        raise NameError('module is not installed as a submodule')
    name = t.new_name(path)
    t.current = name
    t.leaf_depth += 1
    try:
        out = _ORIG_CALL(mod, *_unwrap(args), **_unwrap(kwargs))
    finally:
        t.leaf_depth -= 1
    t.current = None
    t.record_named(name, 'call_module', path, type(mod).__name__, out, mod)
    return out


def concrete_trace(model, x, keep_outputs=False):
    """Returns (rows, error, error_node, outputs) like fx_trace, by running the model on x."""
    t = ConcreteTracer(model, keep_outputs)
    error = error_node = None
    _ACTIVE.append(t)
    nn.Module.__call__ = _patched_call
    try:
        with torch.no_grad(), warnings.catch_warnings(), _Mode():
            warnings.simplefilter('ignore')
            model(x)
    except Exception as e:  # noqa: BLE001
        error = str(e)
        error_node = t.current
    finally:
        nn.Module.__call__ = _ORIG_CALL
        _ACTIVE.pop()
    return t.rows, error, error_node, t.outputs


def public_rows(rows):
    return [{k: r[k] for k in ('name', 'op', 'target', 'module_type', 'output_shape', 'params')}
            for r in rows if r['_tensor']]


def row_diff(a, b):
    lines = []
    for i in range(max(len(a), len(b))):
        ra = a[i] if i < len(a) else None
        rb = b[i] if i < len(b) else None
        if ra != rb:
            lines.append(f'  #{i}: fx {ra}\n       concrete {rb}')
    return '\n'.join(lines)


def trace_model(model, input_shape, keep_outputs=False, x=None, batch_check=True):
    """Rows for a model, the way the corpus records them. Returns a dict with rows (public), error, error_node,
    trace ('fx' | 'concrete'), outputs (when keep_outputs). Raises AssertionError when the fx and concrete
    tracers disagree or the batch dimension does not scale."""
    model.eval()
    if x is None:
        x = torch.zeros((1,) + tuple(input_shape))
    try:
        fx_rows, fx_err, fx_err_node, fx_out = fx_trace(model, x, keep_outputs)
        kind = 'fx'
    except TraceFailed as e:
        fx_rows, kind, fx_reason = None, 'concrete', str(e)
    c_rows, c_err, c_err_node, c_out = concrete_trace(model, x.clone(), keep_outputs)
    if kind == 'fx':
        pa, pb = public_rows(fx_rows), public_rows(c_rows)
        if pa != pb or (fx_err is None) != (c_err is None) or fx_err_node != c_err_node:
            raise AssertionError(f'fx and concrete tracers disagree:\n{row_diff(pa, pb)}\n'
                                 f'  fx error {fx_err!r} at {fx_err_node}; concrete {c_err!r} at {c_err_node}')
        if fx_err is not None and fx_err != c_err:
            raise AssertionError(f'fx and concrete errors differ: {fx_err!r} / {c_err!r}')
        rows, outputs = fx_rows, fx_out
        if keep_outputs and fx_err is None:
            for row in pa:
                k = row['name']
                if not torch.equal(fx_out[k], c_out[k]) and \
                        not torch.allclose(fx_out[k], c_out[k], rtol=1e-5, atol=1e-6):
                    raise AssertionError(f'fx and concrete values differ at {k}')
    else:
        rows, outputs = c_rows, c_out
    error, error_node = c_err, c_err_node
    result = {'rows': public_rows(rows), 'error': error, 'error_node': error_node, 'trace': kind,
              'outputs': outputs}
    if kind == 'concrete':
        result['fx_failure'] = fx_reason
    if batch_check and error is None:
        x2 = torch.zeros((2,) + tuple(x.shape[1:]))
        r2, e2, _, _ = concrete_trace(model, x2)
        one = [r for r in rows if r['_tensor']]
        two = [r for r in r2 if r['_tensor']]
        if e2 is not None or len(one) != len(two):
            raise AssertionError(f'batch 2 run differs: {e2}')
        for a, b in zip(one, two):
            if a['name'] != b['name'] or a['_full_shape'][0] != 1 or b['_full_shape'][0] != 2 \
                    or a['_full_shape'][1:] != b['_full_shape'][1:]:
                raise AssertionError(f'batch does not scale at {a["name"]}: {a["_full_shape"]} -> '
                                     f'{b["_full_shape"]}')
    return result


# ------------------------------------------------------------------------------------------------------------
# Running a case's code
def run_code(code, case_id, call=None):
    """exec the code as a module; returns (namespace, model, model_var) - model from `call` or the last top-level
    assignment `name = ...` that binds an nn.Module."""
    ns = {'__name__': CASE_MODULE}
    compiled = compile(code, f'<case {case_id}>', 'exec')
    with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):   # print(model) in the code
        warnings.simplefilter('ignore')
        exec(compiled, ns)
        if call is not None:
            return ns, eval(call, ns), None
    for stmt in reversed(ast.parse(code).body):
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
            var = stmt.targets[0].id
            if isinstance(ns.get(var), nn.Module):
                return ns, ns[var], var
    raise ValueError(f'{case_id}: the code binds no nn.Module and has no call')


# ------------------------------------------------------------------------------------------------------------
# Cases. Ids: mod_ (module structure and Python constructs), fn_ (calls in forward), layer_ (layer kinds),
# tut_ (written in the style of tutorials and repositories), err_ (refused by torch), tv_ (torchvision
# application calls). Inputs are (C, H, W).
CASES = []
HEAD = 'import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n'


def case(case_id, input_shape, code, call=None, note=None, head=HEAD):
    code = textwrap.dedent(code).strip('\n') + '\n'
    if head:
        code = head + '\n\n' + code
    CASES.append({'id': case_id, 'input_shape': list(input_shape), 'code': code, 'call': call, 'note': note})


# --- module structure -----------------------------------------------------------------------------------------
case('mod_super_plain', (3, 16, 16), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, padding=1)
        self.bn = nn.BatchNorm2d(8)
        self.pool = nn.MaxPool2d(2)

    def forward(self, x):
        return self.pool(F.relu(self.bn(self.conv(x))))


model = Net()
''')

case('mod_super_classic', (3, 16, 16), '''
class Net(nn.Module):
    def __init__(self, num_classes=10):
        super(Net, self).__init__()
        self.conv1 = nn.Conv2d(3, 6, 3)
        self.conv2 = nn.Conv2d(6, 12, 3, stride=2)
        self.fc = nn.Linear(12 * 6 * 6, num_classes)

    def forward(self, x):
        x = F.relu(self.conv1(x))
        x = F.relu(self.conv2(x))
        x = x.view(x.size(0), -1)
        return self.fc(x)


net = Net()
''')

case('mod_module_init_self', (1, 12, 12), '''
class Net(nn.Module):
    def __init__(self, channels=4):
        nn.Module.__init__(self)
        self.conv = nn.Conv2d(1, channels, kernel_size=3)
        self.act = nn.Tanh()
        self.head = nn.Conv2d(channels, 2, kernel_size=1)

    def forward(self, x):
        return self.head(self.act(self.conv(x)))


model = Net(channels=6)
''')

case('mod_call_keyword_defaults', (3, 20, 20), '''
class Net(nn.Module):
    def __init__(self, in_channels=3, num_classes=1000, width=16, dropout=0.5):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(in_channels, width, 3, padding=1),
            nn.ReLU(inplace=True),
            nn.MaxPool2d(2),
            nn.Conv2d(width, width * 2, 3, padding=1),
            nn.ReLU(inplace=True),
            nn.AdaptiveAvgPool2d(1),
        )
        self.classifier = nn.Sequential(nn.Dropout(dropout), nn.Linear(width * 2, num_classes))

    def forward(self, x):
        x = self.features(x)
        x = torch.flatten(x, 1)
        return self.classifier(x)
''', call='Net(num_classes=7, width=8)')

case('mod_call_positional', (1, 28, 28), '''
class SmallNet(nn.Module):
    def __init__(self, in_channels, num_classes, hidden=32):
        super(SmallNet, self).__init__()
        self.conv = nn.Conv2d(in_channels, 8, 5)
        self.pool = nn.MaxPool2d(2, 2)
        self.fc1 = nn.Linear(8 * 12 * 12, hidden)
        self.fc2 = nn.Linear(hidden, num_classes)

    def forward(self, x):
        x = self.pool(F.relu(self.conv(x)))
        x = x.view(-1, 8 * 12 * 12)
        x = F.relu(self.fc1(x))
        return self.fc2(x)
''', call='SmallNet(1, 10)')

case('mod_sequential_nested_3', (3, 16, 16), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(
            nn.Sequential(
                nn.Conv2d(3, 8, 3, padding=1),
                nn.Sequential(nn.BatchNorm2d(8), nn.ReLU()),
            ),
            nn.Sequential(
                nn.Conv2d(8, 8, 3, stride=2, padding=1),
                nn.Sequential(nn.BatchNorm2d(8), nn.ReLU(), nn.Sequential(nn.Identity(), nn.MaxPool2d(2))),
            ),
        )
        self.head = nn.Conv2d(8, 4, 1)

    def forward(self, x):
        return self.head(self.body(x))


model = Net()
''')

case('mod_sequential_root', (3, 12, 12), '''
model = nn.Sequential(
    nn.Conv2d(3, 6, 3),
    nn.ReLU(),
    nn.Sequential(nn.Conv2d(6, 6, 3), nn.ReLU()),
    nn.Sequential(nn.Sequential(nn.MaxPool2d(2), nn.Flatten())),
    nn.Linear(6 * 4 * 4, 5),
)
''')

case('mod_modulelist_loop', (4, 10, 10), '''
class Net(nn.Module):
    def __init__(self, depth=3, channels=4):
        super().__init__()
        self.layers = nn.ModuleList()
        for i in range(depth):
            self.layers.append(nn.Conv2d(channels, channels, 3, padding=1))
        self.out = nn.Conv2d(channels, 1, 1)

    def forward(self, x):
        for layer in self.layers:
            x = F.relu(layer(x))
        return self.out(x)


model = Net()
''')

case('mod_modulelist_enumerate_if', (3, 16, 16), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        channels = [3, 8, 8, 16, 16]
        self.convs = nn.ModuleList([nn.Conv2d(channels[i], channels[i + 1], 3, padding=1)
                                    for i in range(len(channels) - 1)])
        self.pool = nn.MaxPool2d(2)

    def forward(self, x):
        for i, conv in enumerate(self.convs):
            x = conv(x)
            if i % 2 == 1:
                x = self.pool(x)
            else:
                x = torch.relu(x)
        return x


model = Net()
''')

case('mod_modulelist_index', (2, 9, 9), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.convs = nn.ModuleList([nn.Conv2d(2, 4, 3), nn.Conv2d(4, 4, 3), nn.Conv2d(4, 2, 1)])

    def forward(self, x):
        x = self.convs[0](x)
        x = self.convs[1](x)
        return self.convs[-1](x)


model = Net()
''')

case('mod_moduledict', (3, 12, 12), '''
class Net(nn.Module):
    def __init__(self, act='relu'):
        super().__init__()
        self.blocks = nn.ModuleDict({
            'conv': nn.Conv2d(3, 8, 3, padding=1),
            'pool': nn.MaxPool2d(2),
        })
        self.acts = nn.ModuleDict([['relu', nn.ReLU()], ['lrelu', nn.LeakyReLU(0.1)]])
        self.act = act

    def forward(self, x):
        x = self.blocks['conv'](x)
        x = self.acts[self.act](x)
        x = self.blocks['pool'](x)
        return x
''', call="Net(act='lrelu')")

case('mod_moduledict_items', (3, 12, 12), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stages = nn.ModuleDict()
        self.stages['stem'] = nn.Conv2d(3, 8, 3, padding=1)
        self.stages['down'] = nn.Conv2d(8, 16, 3, stride=2, padding=1)
        self.stages['mix'] = nn.Conv2d(16, 16, 1)

    def forward(self, x):
        for name, stage in self.stages.items():
            x = F.relu(stage(x))
        return x


model = Net()
''')

case('mod_ordereddict_sequential', (1, 28, 28), '''
from collections import OrderedDict


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(OrderedDict([
            ('conv1', nn.Conv2d(1, 6, 5)),
            ('relu1', nn.ReLU()),
            ('pool1', nn.MaxPool2d(2)),
            ('conv2', nn.Conv2d(6, 16, 5)),
            ('relu2', nn.ReLU()),
            ('pool2', nn.MaxPool2d(2)),
        ]))
        self.classifier = nn.Sequential(OrderedDict([
            ('fc1', nn.Linear(16 * 4 * 4, 120)),
            ('relu3', nn.ReLU()),
            ('fc2', nn.Linear(120, 10)),
        ]))

    def forward(self, x):
        x = self.features(x)
        x = x.view(x.size(0), -1)
        return self.classifier(x)


model = Net()
''')

case('mod_ordereddict_camel_names', (3, 8, 8), '''
from collections import OrderedDict

model = nn.Sequential(OrderedDict([
    ('convBlock', nn.Sequential(OrderedDict([('Conv', nn.Conv2d(3, 4, 3)), ('BN', nn.BatchNorm2d(4))]))),
    ('ReLU1', nn.ReLU()),
    ('myPoolLayer', nn.MaxPool2d(2)),
    ('FC_out', nn.Conv2d(4, 2, 1)),
]))
''')

case('mod_add_module_fstring', (3, 16, 16), '''
class Net(nn.Module):
    def __init__(self, n=3):
        super().__init__()
        self.n = n
        ch = 3
        for i in range(n):
            self.add_module(f'conv{i}', nn.Conv2d(ch, 8 * (i + 1), 3, padding=1))
            ch = 8 * (i + 1)
        self.add_module('pool', nn.AdaptiveAvgPool2d(1))

    def forward(self, x):
        for i in range(self.n):
            x = F.relu(getattr(self, f'conv{i}')(x))
        return self.pool(x)


model = Net()
''')

case('mod_setattr_format', (2, 3, 12), '''
class MLP(nn.Module):
    def __init__(self, sizes=(12, 24, 24, 4)):
        super().__init__()
        self.depth = len(sizes) - 1
        for i in range(self.depth):
            setattr(self, 'fc{}'.format(i + 1), nn.Linear(sizes[i], sizes[i + 1]))

    def forward(self, x):
        for i in range(1, self.depth + 1):
            x = getattr(self, 'fc%d' % i)(x)
            if i < self.depth:
                x = torch.tanh(x)
        return x


model = MLP()
''')

case('mod_helper_class', (3, 16, 16), '''
class ConvBlock(nn.Module):
    def __init__(self, in_ch, out_ch, stride=1):
        super(ConvBlock, self).__init__()
        self.conv = nn.Conv2d(in_ch, out_ch, kernel_size=3, stride=stride, padding=1, bias=False)
        self.bn = nn.BatchNorm2d(out_ch)
        self.relu = nn.ReLU(inplace=True)

    def forward(self, x):
        return self.relu(self.bn(self.conv(x)))


class Net(nn.Module):
    def __init__(self, num_classes=10):
        super(Net, self).__init__()
        self.block1 = ConvBlock(3, 16)
        self.block2 = ConvBlock(16, 32, stride=2)
        self.block3 = ConvBlock(32, 64, stride=2)
        self.gap = nn.AdaptiveAvgPool2d((1, 1))
        self.fc = nn.Linear(64, num_classes)

    def forward(self, x):
        x = self.block3(self.block2(self.block1(x)))
        x = self.gap(x)
        x = x.view(x.size(0), -1)
        return self.fc(x)


model = Net()
''')

case('mod_sequential_subclass', (3, 16, 16), '''
class ConvBNReLU(nn.Sequential):
    def __init__(self, in_planes, out_planes, kernel_size=3, stride=1):
        padding = (kernel_size - 1) // 2
        super(ConvBNReLU, self).__init__(
            nn.Conv2d(in_planes, out_planes, kernel_size, stride, padding, bias=False),
            nn.BatchNorm2d(out_planes),
            nn.ReLU6(inplace=True),
        )


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = ConvBNReLU(3, 16, stride=2)
        self.mid = ConvBNReLU(16, 16, kernel_size=1)
        self.blocks = nn.Sequential(ConvBNReLU(16, 24, stride=2), ConvBNReLU(24, 24))

    def forward(self, x):
        return self.blocks(self.mid(self.stem(x)))


model = Net()
''')

case('mod_make_layers_function', (3, 32, 32), '''
def make_layers(cfg, in_channels=3, batch_norm=False):
    layers = []
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


class Net(nn.Module):
    def __init__(self, cfg, num_classes=10):
        super().__init__()
        self.features = make_layers(cfg, batch_norm=True)
        self.classifier = nn.Linear(cfg[-2] * 4 * 4, num_classes)

    def forward(self, x):
        x = self.features(x)
        x = torch.flatten(x, 1)
        return self.classifier(x)


model = Net([8, 'M', 16, 16, 'M', 32, 'M'])
''')

case('mod_star_unpack_list', (2, 16, 16), '''
class Net(nn.Module):
    def __init__(self, channels=(2, 4, 8, 16)):
        super().__init__()
        layers = []
        for cin, cout in zip(channels[:-1], channels[1:]):
            layers.append(nn.Conv2d(cin, cout, 3, stride=2, padding=1))
            layers.append(nn.LeakyReLU(0.2))
        self.encoder = nn.Sequential(*layers)
        head = [nn.Flatten(), nn.Linear(channels[-1] * 2 * 2, 1)]
        self.head = nn.Sequential(*head, nn.Sigmoid())

    def forward(self, x):
        return self.head(self.encoder(x))


model = Net()
''')

case('mod_list_comprehension_blocks', (8, 8, 8), '''
class Net(nn.Module):
    def __init__(self, channels=8, depth=4):
        super().__init__()
        self.blocks = nn.Sequential(*[nn.Sequential(nn.Conv2d(channels, channels, 3, padding=1), nn.GELU())
                                      for _ in range(depth)])
        self.norms = nn.ModuleList([nn.GroupNorm(2, channels) for _ in range(2)])

    def forward(self, x):
        x = self.norms[0](x)
        x = self.blocks(x)
        return self.norms[1](x)


model = Net()
''')

case('mod_zip_enumerate_widths', (3, 24, 24), '''
widths = [8, 16, 32]
strides = [1, 2, 2]


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stages = nn.ModuleList()
        in_ch = 3
        for i, (w, s) in enumerate(zip(widths, strides)):
            stage = nn.Sequential()
            stage.add_module('conv', nn.Conv2d(in_ch, w, 3, stride=s, padding=1))
            stage.add_module('bn', nn.BatchNorm2d(w))
            stage.add_module('act{}'.format(i), nn.SiLU())
            self.stages.append(stage)
            in_ch = w

    def forward(self, x):
        outs = []
        for stage in self.stages:
            x = stage(x)
            outs.append(x.mean(dim=(2, 3)))
        return torch.cat(outs, dim=1)


model = Net()
''')

case('mod_if_else_init', (3, 16, 16), '''
class Net(nn.Module):
    def __init__(self, use_bn=True, activation='relu', pool='max'):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, padding=1, bias=not use_bn)
        if use_bn:
            self.norm = nn.BatchNorm2d(8)
        else:
            self.norm = nn.Identity()
        if activation == 'relu':
            self.act = nn.ReLU()
        elif activation == 'gelu':
            self.act = nn.GELU()
        else:
            self.act = nn.Hardswish()
        self.pool = nn.MaxPool2d(2) if pool == 'max' else nn.AvgPool2d(2)

    def forward(self, x):
        return self.pool(self.act(self.norm(self.conv(x))))


model = Net(use_bn=False, activation='hswish', pool='avg')
''')

case('mod_if_in_forward_flag', (3, 16, 16), '''
class Net(nn.Module):
    def __init__(self, downsample=True, residual=False):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 8, 3, padding=1)
        self.conv2 = nn.Conv2d(8, 8, 3, padding=1)
        self.pool = nn.MaxPool2d(2)
        self.downsample = downsample
        self.residual = residual

    def forward(self, x):
        y = F.relu(self.conv1(x))
        if self.residual:
            y = y + self.conv2(y)
        else:
            y = self.conv2(y)
        if self.downsample:
            y = self.pool(y)
        return y


model = Net(residual=True)
''')

case('mod_module_called_twice', (3, 32, 32), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 8, 3, padding=1)
        self.conv2 = nn.Conv2d(8, 8, 3, padding=1)
        self.pool = nn.MaxPool2d(2, 2)
        self.act = nn.ReLU()

    def forward(self, x):
        x = self.pool(self.act(self.conv1(x)))
        x = self.pool(self.act(self.conv2(x)))
        x = self.pool(self.act(self.conv2(x)))
        return x


model = Net()
''')

case('mod_shared_module_two_paths', (4, 8, 8), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.act = nn.ReLU()
        self.conv = nn.Conv2d(4, 4, 3, padding=1)
        self.branch = nn.Sequential(self.conv, self.act)
        self.tail = nn.Sequential(nn.Conv2d(4, 2, 1), self.act)

    def forward(self, x):
        x = self.branch(x)
        x = self.conv(x)
        return self.tail(x)


model = Net()
''', note='the same Conv2d and ReLU are reachable under two paths: fx names them by the first path '
          'named_modules() gives; state_dict lists the Conv2d under both paths, parameters() once')

case('mod_forward_helper_methods', (3, 16, 16), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 16, 3, padding=1)
        self.conv2 = nn.Conv2d(16, 16, 3, padding=1)
        self.fc = nn.Linear(16, 4)

    def _features(self, x):
        x = F.relu(self.conv1(x))
        x = F.max_pool2d(x, 2)
        x = F.relu(self.conv2(x))
        return x

    def _pool(self, x):
        return F.adaptive_avg_pool2d(x, 1).flatten(1)

    def forward(self, x):
        return self.fc(self._pool(self._features(x)))


model = Net()
''')

case('mod_staticmethod_builder', (3, 16, 16), '''
class Net(nn.Module):
    def __init__(self, widths=(8, 16)):
        super().__init__()
        self.stage1 = self._stage(3, widths[0])
        self.stage2 = self._stage(widths[0], widths[1])

    @staticmethod
    def _stage(cin, cout):
        return nn.Sequential(nn.Conv2d(cin, cout, 3, padding=1), nn.BatchNorm2d(cout), nn.ReLU(), nn.MaxPool2d(2))

    def forward(self, x):
        return self.stage2(self.stage1(x))


model = Net()
''')

case('mod_class_attribute_cfg', (3, 32, 32), '''
class Net(nn.Module):
    cfg = {'tiny': [8, 'M', 16, 'M'], 'small': [16, 'M', 32, 32, 'M', 64, 'M']}

    def __init__(self, name='small', num_classes=10):
        super().__init__()
        self.features = self._make_layers(self.cfg[name])
        self.classifier = nn.Linear(64 * 4 * 4, num_classes)

    def _make_layers(self, cfg):
        layers = []
        in_channels = 3
        for v in cfg:
            if v == 'M':
                layers.append(nn.MaxPool2d(2, 2))
            else:
                layers.extend([nn.Conv2d(in_channels, v, 3, padding=1), nn.ReLU(inplace=True)])
                in_channels = v
        return nn.Sequential(*layers)

    def forward(self, x):
        out = self.features(x)
        out = out.view(out.size(0), -1)
        return self.classifier(out)


model = Net()
''')

case('mod_forward_param_named_input', (3, 8, 8), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.input = nn.Conv2d(3, 4, 3)
        self.max = nn.MaxPool2d(2)
        self.list = nn.ReLU()

    def forward(self, input):
        return self.list(self.max(self.input(input)))


model = Net()
''', note='fx names never shadow builtins: the placeholder `input` becomes input_1, the modules input, max '
          'and list become input_2, max_1 and list_1')

case('mod_name_suffix_collisions', (2, 8, 8), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.relu_1 = nn.ReLU()
        self.conv_2 = nn.Conv2d(2, 2, 3, padding=1)
        self.conv = nn.Conv2d(2, 2, 3, padding=1)
        self.add = nn.Identity()

    def forward(self, x):
        x = F.relu(x)
        x = self.relu_1(x)
        x = F.relu(x)
        y = self.conv_2(x)
        z = self.conv(x)
        s = y + z
        s = self.add(s)
        return s + x


model = Net()
''')

case('mod_uppercase_attribute_names', (3, 10, 10), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.Conv1 = nn.Conv2d(3, 4, 3)
        self.BN1 = nn.BatchNorm2d(4)
        self.convBlock = nn.Sequential(nn.Conv2d(4, 4, 3), nn.ReLU())
        self.FC = nn.Conv2d(4, 2, 1)

    def forward(self, x):
        x = self.BN1(self.Conv1(x))
        x = self.convBlock(x)
        return self.FC(x)


model = Net()
''')

case('mod_sequential_slicing', (3, 16, 16), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 8, 3, padding=1), nn.ReLU(),
            nn.Conv2d(8, 8, 3, padding=1), nn.ReLU(),
            nn.MaxPool2d(2),
        )

    def forward(self, x):
        low = self.features[:2](x)
        high = self.features[2:](low)
        return torch.cat([F.max_pool2d(low, 2), high], 1)


model = Net()
''', note='concrete: a slice of a Sequential is a new, unregistered Sequential, which fx refuses to call; its '
          'layers keep the names of their registered paths (features_0 ...)')

case('mod_sequential_add_module', (3, 12, 12), '''
model = nn.Sequential()
model.add_module('conv1', nn.Conv2d(3, 8, 3))
model.add_module('relu1', nn.ReLU())
for i in range(2):
    model.add_module('conv%d' % (i + 2), nn.Conv2d(8, 8, 3))
    model.add_module('relu%d' % (i + 2), nn.ReLU())
model.add_module('gap', nn.AdaptiveAvgPool2d(1))
model.add_module('flatten', nn.Flatten())
''')

case('mod_modulelist_extend_append', (4, 8, 8), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = nn.ModuleList([nn.Conv2d(4, 4, 1)])
        self.layers.extend([nn.ReLU(), nn.Conv2d(4, 8, 3)])
        self.layers.append(nn.ELU())
        self.layers.insert(1, nn.BatchNorm2d(4))

    def forward(self, x):
        for m in self.layers:
            x = m(x)
        return x


model = Net()
''')

case('mod_deep_nesting_helpers', (3, 32, 32), '''
class Block(nn.Module):
    def __init__(self, ch):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(ch, ch, 3, padding=1), nn.BatchNorm2d(ch), nn.ReLU())

    def forward(self, x):
        return x + self.body(x)


class Stage(nn.Module):
    def __init__(self, cin, cout, n):
        super().__init__()
        self.down = nn.Conv2d(cin, cout, 3, stride=2, padding=1)
        self.blocks = nn.ModuleList([Block(cout) for _ in range(n)])

    def forward(self, x):
        x = self.down(x)
        for b in self.blocks:
            x = b(x)
        return x


class Net(nn.Module):
    def __init__(self, widths=(8, 16, 32), depths=(1, 2, 1)):
        super().__init__()
        stages = []
        cin = 3
        for w, d in zip(widths, depths):
            stages.append(Stage(cin, w, d))
            cin = w
        self.stages = nn.Sequential(*stages)

    def forward(self, x):
        return self.stages(x)


model = Net()
''')

case('mod_init_builtins_math', (3, 30, 30), '''
import math


class Net(nn.Module):
    def __init__(self, widths=[6, 10, 14], image_size=30):
        super().__init__()
        total = sum(widths)
        smallest = min(widths)
        largest = max(widths)
        self.conv1 = nn.Conv2d(3, largest, 3, stride=2, padding=1)
        self.conv2 = nn.Conv2d(largest, smallest, 1)
        self.conv3 = nn.Conv2d(smallest, int(total / 3), 3)
        side = math.ceil(image_size / 2) - 2
        pooled = math.floor(side / 2)
        self.pool = nn.MaxPool2d(2)
        self.fc = nn.Linear(int(total / 3) * pooled * pooled, len(widths))

    def forward(self, x):
        x = F.relu(self.conv1(x))
        x = F.relu(self.conv2(x))
        x = self.pool(F.relu(self.conv3(x)))
        return self.fc(x.view(x.size(0), -1))


model = Net()
''')

case('mod_fstring_moduledict_keys', (3, 16, 16), '''
class Net(nn.Module):
    def __init__(self, levels=3):
        super().__init__()
        self.levels = levels
        self.down = nn.ModuleDict({f'level_{i}': nn.Conv2d(3 if i == 0 else 4 * i, 4 * (i + 1), 3, stride=2, padding=1)
                                   for i in range(levels)})

    def forward(self, x):
        for i in range(self.levels):
            x = F.relu(self.down[f'level_{i}'](x))
        return x


model = Net()
''')

case('mod_empty_sequential_falsy', (3, 8, 8), '''
class Net(nn.Module):
    def __init__(self, extra=0):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 3, padding=1)
        self.extra = nn.Sequential(*[nn.Conv2d(4, 4, 1) for _ in range(extra)])

    def forward(self, x):
        x = self.conv(x)
        if self.extra:
            x = self.extra(x)
        return torch.sigmoid(x)


model = Net()
''', note='an empty nn.Sequential has len 0, so `if self.extra:` is false')

case('mod_unpack_size_view', (4, 6, 6), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(4, 8, 3, padding=1)
        self.fc = nn.Linear(8 * 6 * 6, 3)

    def forward(self, x):
        x = self.conv(x)
        b, c, h, w = x.size()
        x = x.view(b, c * h * w)
        return self.fc(x)


model = Net()
''', note='fx on Python 3.11 needs the Proxy.__iter__ fix described in the generator for `b, c, h, w = x.size()`')

case('mod_shape_index_reshape', (4, 6, 6), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(4, 8, 3)
        self.fc = nn.Linear(8 * 4 * 4, 3)

    def forward(self, x):
        x = self.conv(x)
        x = x.reshape(x.shape[0], -1)
        return self.fc(x)


model = Net()
''')

case('mod_size_slice_product_loop', (3, 16, 16), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 5)
        self.fc = nn.Linear(4 * 6 * 6, 2)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv(x)), 2)
        n = 1
        for d in x.size()[1:]:
            n = n * d
        x = x.view(-1, n)
        return self.fc(x)


model = Net()
''', note='concrete: fx cannot iterate a Proxy (x.size()[1:]). Non-tensor nodes (size, getitem, mul) are '
          'named as fx would name them if it could, so later names are numbered the same way')

case('mod_shape_dependent_branch', (3, 15, 15), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 3, padding=1)
        self.pool = nn.MaxPool2d(2)

    def forward(self, x):
        if x.shape[-1] % 2 == 1:
            x = F.pad(x, (0, 1, 0, 1))
        x = self.pool(self.conv(x))
        if x.size(1) > 2:
            x = x[:, :2]
        return x


model = Net()
''', note='concrete: the branches depend on sizes, which fx cannot trace (bool of a Proxy)')


# --- calls inside forward -------------------------------------------------------------------------------------
case('fn_activations_F', (4, 6, 6), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(4, 4, 3, padding=1)

    def forward(self, x):
        x = self.conv(x)
        a = F.relu(x)
        b = F.relu6(x)
        c = F.leaky_relu(x, 0.1)
        d = F.elu(x)
        e = F.gelu(x)
        f = F.sigmoid(x)
        g = F.tanh(x)
        return a + b + c + d + e + f + g


model = Net()
''')

case('fn_activations_torch', (4, 6, 6), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(4, 4, 3, padding=1)

    def forward(self, x):
        x = self.conv(x)
        a = torch.relu(x)
        b = torch.sigmoid(x)
        c = torch.tanh(x)
        d = torch.softmax(x, dim=1)
        e = torch.log_softmax(x, 1)
        return torch.cat([a, b, c, d, e], dim=1)


model = Net()
''')

case('fn_activations_methods', (4, 6, 6), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(4, 4, 3, padding=1)

    def forward(self, x):
        x = self.conv(x)
        a = x.relu()
        b = x.sigmoid()
        c = x.tanh()
        d = x.softmax(dim=1)
        e = x.log_softmax(dim=1)
        return a * b + c * d - e


model = Net()
''')

case('fn_softmax_log_softmax_F', (3, 8, 8), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 5, 3)
        self.fc = nn.Linear(5 * 6 * 6, 4)

    def forward(self, x):
        x = self.conv(x)
        s = F.softmax(x, dim=1)
        x = torch.flatten(s, 1)
        x = self.fc(x)
        return F.log_softmax(x, dim=1)


model = Net()
''')

case('fn_softmax_implicit_dim', (3, 8, 8), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 5, 3)
        self.fc = nn.Linear(5 * 6 * 6, 4)

    def forward(self, x):
        x = F.softmax(self.conv(x))
        x = x.view(x.size(0), -1)
        return F.log_softmax(self.fc(x))


model = Net()
''', note='softmax/log_softmax without dim: torch warns and picks dim 1 for 2-D and 4-D input (0 for 0-, 1- and 3-D)')

case('fn_pools_F', (3, 17, 17), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 6, 3)

    def forward(self, x):
        x = self.conv(x)
        a = F.max_pool2d(x, 2)
        b = F.max_pool2d(x, kernel_size=3, stride=2, padding=1)
        c = F.avg_pool2d(x, 2, 2)
        d = F.avg_pool2d(x, 3, stride=1, padding=1, count_include_pad=False)
        e = F.max_pool2d(x, (2, 3), ceil_mode=True)
        f = F.adaptive_avg_pool2d(x, (3, 4))
        g = F.adaptive_max_pool2d(x, 5)
        h = F.adaptive_avg_pool2d(x, 1)
        return [a, b, c, d, e, f, g, h]


model = Net()
''')

case('fn_pools_chain', (3, 32, 32), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(3, 8, 3, padding=1)
        self.c2 = nn.Conv2d(8, 16, 3, padding=1)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.c1(x)), (2, 2))
        x = F.avg_pool2d(F.relu(self.c2(x)), kernel_size=2, stride=2)
        x = F.max_pool2d(x, 3, 2, 1)
        x = F.adaptive_max_pool2d(x, (2, 2))
        return F.adaptive_avg_pool2d(x, output_size=1)


model = Net()
''')

case('fn_interpolate_modes', (4, 5, 6), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(4, 4, 1)

    def forward(self, x):
        x = self.conv(x)
        a = F.interpolate(x, scale_factor=2)
        b = F.interpolate(x, scale_factor=2, mode='bilinear', align_corners=False)
        c = F.interpolate(x, size=(10, 12), mode='bilinear', align_corners=True)
        d = F.interpolate(x, scale_factor=(2, 2), mode='nearest')
        e = F.interpolate(x, size=(10, 12))
        return a + b + c + d + e


model = Net()
''')

case('fn_interpolate_fractional', (2, 7, 9), '''
class Net(nn.Module):
    def forward(self, x):
        a = F.interpolate(x, scale_factor=1.5)
        b = F.interpolate(x, scale_factor=0.5, mode='bilinear')
        c = F.interpolate(x, scale_factor=(1.7, 2.3), mode='nearest')
        d = F.interpolate(x, size=5)
        return [a, b, c, d]


model = Net()
''', note='nearest/bilinear with a fractional scale_factor: out = floor(in * scale)')

case('fn_interpolate_size_from_skip', (3, 16, 16), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.down = nn.Conv2d(3, 8, 3, stride=2, padding=1)
        self.skip = nn.Conv2d(3, 8, 1)

    def forward(self, x):
        s = self.skip(x)
        y = self.down(x)
        y = F.interpolate(y, size=s.shape[2:], mode='bilinear', align_corners=False)
        return torch.cat([s, y], dim=1)


model = Net()
''')

case('fn_upsample_deprecated', (3, 6, 6), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 3, padding=1)

    def forward(self, x):
        x = self.conv(x)
        x = F.upsample(x, scale_factor=2, mode='nearest')
        x = F.upsample(x, size=(16, 16), mode='bilinear', align_corners=True)
        return x


model = Net()
''', note='F.upsample warns (deprecated) and calls F.interpolate, so fx records interpolate nodes')

case('fn_F_sigmoid_tanh_deprecated', (3, 6, 6), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 3, 3, padding=1)

    def forward(self, x):
        x = F.sigmoid(self.conv(x))
        return F.tanh(x) + torch.tanh(x)


model = Net()
''', note='F.sigmoid and F.tanh (deprecated) call input.sigmoid()/input.tanh(): fx records call_method nodes')

case('fn_pad_variants', (3, 6, 7), '''
class Net(nn.Module):
    def forward(self, x):
        a = F.pad(x, (1, 1))
        b = F.pad(x, (1, 2, 3, 0))
        c = F.pad(x, [2, 2, 2, 2], mode='reflect')
        d = F.pad(x, (1, 0, 1, 0), mode='replicate')
        e = F.pad(x, (1, 1, 1, 1), 'constant', 0.5)
        f = F.pad(x, (-1, -1, 0, 0))
        g = F.pad(x, (0, 0, 0, 0, 1, 1))
        return [a, b, c, d, e, f, g]


model = Net()
''', note='F.pad pads the last dimension first: (left, right, top, bottom, front, back); negative pads crop')

case('fn_dropout_forms', (3, 8, 8), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 3)
        self.fc = nn.Linear(4 * 6 * 6, 5)

    def forward(self, x):
        x = F.dropout(self.conv(x), p=0.2, training=self.training)
        x = F.dropout2d(x, 0.1, self.training)
        x = x.view(-1, 4 * 6 * 6)
        x = F.dropout(x)
        return self.fc(x)


model = Net()
''', note='F.dropout(x) defaults to training=True: it drops even in eval() (shapes are unaffected)')

case('fn_flatten_forms', (4, 3, 5), '''
class Net(nn.Module):
    def forward(self, x):
        a = torch.flatten(x, 1)
        b = torch.flatten(x, start_dim=2)
        c = x.flatten(1)
        d = x.flatten(2, 3)
        e = torch.flatten(x, 1, 2)
        return [a, b, c, d, e]


model = Net()
''')

case('fn_view_reshape_forms', (4, 6, 6), '''
class Net(nn.Module):
    def forward(self, x):
        a = x.view(x.size(0), -1)
        b = x.view(-1, 4 * 6 * 6)
        c = x.reshape(x.size(0), 4, 36)
        d = x.view(x.size(0), 2, 2, 36)
        e = x.reshape(-1, 4, 6, 6)
        f = torch.reshape(x, (-1, 144))
        g = x.view(x.size()[0], x.size(1), -1)
        return [a, b, c, d, e, f, g]


model = Net()
''')

case('fn_torch_reshape_size_tuple', (4, 6, 6), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(4, 4, 3)

    def forward(self, x):
        x = self.conv(x)
        x = torch.reshape(x, (x.shape[0], -1))
        return torch.softmax(x, -1)


model = Net()
''', note='torch.reshape(x, (x.shape[0], -1)) is not fx-traceable in torch 1.13 (a Proxy inside a tuple '
          'argument of a builtin)')

case('fn_mean_dims', (4, 5, 6), '''
class Net(nn.Module):
    def forward(self, x):
        a = x.mean(dim=(2, 3))
        b = x.mean((2, 3), keepdim=True)
        c = x.mean(-1)
        d = x.mean([-2, -1], True)
        e = torch.mean(x, dim=1, keepdim=True)
        f = x.mean(3).mean(2)
        g = x.amax(dim=(2, 3))
        h = x.sum(dim=1)
        return [a, b, c, d, e, f, g, h]


model = Net()
''')

case('fn_cat_dims', (3, 6, 6), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = nn.Conv2d(3, 4, 3, padding=1)
        self.b = nn.Conv2d(3, 2, 1)

    def forward(self, x):
        a = self.a(x)
        b = self.b(x)
        c1 = torch.cat([a, b], dim=1)
        c2 = torch.cat((a, a), 2)
        c3 = torch.cat([b, b, b], dim=-1)
        c4 = torch.cat([x, a, b], 1)
        return [c1, c2, c3, c4]


model = Net()
''')

case('fn_arithmetic', (4, 6, 6), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(4, 4, 3, padding=1)
        self.c2 = nn.Conv2d(4, 4, 1)

    def forward(self, x):
        a = self.c1(x)
        b = self.c2(x)
        y = a + b
        y += x
        y = y * torch.sigmoid(b)
        y = y - a
        y = 2 * y + 1
        y = y / 2
        y *= 0.5
        z = -y
        return z


model = Net()
''', note='`y += x` is recorded by fx as operator.add (named add_n), like `y = y + x`')

case('fn_builtin_shadowing_names', (3, 6, 6), '''
class Net(nn.Module):
    def forward(self, x):
        a = x.abs()
        b = torch.sum(a, dim=1)
        c = x.max(dim=1, keepdim=True)[0]
        d = torch.pow(x, 2)
        e = x.min(1).values
        return [a, b, c, d, e]


model = Net()
''', note='fx never names a node after a builtin: abs, sum, max, pow, min and getattr become abs_1, sum_1, max_1, '
          'pow_1, min_1, getattr_1 (getitem is not a builtin); indexing the max/min results and .values are nodes')

case('fn_tensor_methods_misc', (4, 6, 6), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 4)

    def forward(self, x):
        y = x.permute(0, 2, 3, 1)
        y = self.fc(y)
        y = y.permute(0, 3, 1, 2).contiguous()
        t = y.transpose(2, 3)
        u = t.unsqueeze(1).squeeze(1)
        v = u.clamp(min=0).abs()
        return v.reshape(v.size(0), -1)


model = Net()
''')

case('fn_add_methods_vs_operators', (3, 5, 5), '''
class Net(nn.Module):
    def forward(self, x):
        a = x.add(x)
        b = torch.add(a, x)
        c = a + b
        d = x.mul(2)
        e = torch.mul(d, c)
        f = d * e
        return f


model = Net()
''')

case('fn_size_arithmetic_pad', (3, 11, 13), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.down = nn.Conv2d(3, 4, 3, stride=2)
        self.up = nn.ConvTranspose2d(4, 3, 2, stride=2)

    def forward(self, x):
        y = self.up(self.down(x))
        diff_h = x.size(2) - y.size(2)
        diff_w = x.size(3) - y.size(3)
        y = F.pad(y, [diff_w // 2, diff_w - diff_w // 2, diff_h // 2, diff_h - diff_h // 2])
        return x + y


model = Net()
''')

case('fn_size_view_products', (4, 5, 6), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(120, 3)

    def forward(self, x):
        x = x.view(-1, x.size(1) * x.size(2) * x.size(3))
        return self.fc(x)


model = Net()
''')

case('fn_relu_inplace_functional', (3, 8, 8), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 3)
        self.bn = nn.BatchNorm2d(4)

    def forward(self, x):
        x = F.relu(self.bn(self.conv(x)), inplace=True)
        x = F.leaky_relu(x, negative_slope=0.2, inplace=True)
        x = F.hardtanh(x, -1.0, 1.0)
        x = F.silu(x)
        x = F.softplus(x, beta=2)
        x = F.hardswish(x)
        x = F.mish(x)
        return x


model = Net()
''')

case('fn_extra_forward_arg_default', (3, 8, 8), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 3, padding=1)

    def forward(self, x, scale=2):
        x = self.conv(x)
        return F.interpolate(x, scale_factor=scale)


model = Net()
''', note='fx makes a placeholder for `scale` too (default 2), which takes part in naming')


# --- layer kinds ------------------------------------------------------------------------------------------------
case('layer_reflection_pad', (3, 6, 7), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.pad1 = nn.ReflectionPad2d(2)
        self.pad2 = nn.ReflectionPad2d((1, 0, 3, 2))
        self.conv = nn.Conv2d(3, 4, 3)

    def forward(self, x):
        return self.conv(self.pad2(self.pad1(x)))


model = Net()
''')

case('layer_replication_pad', (2, 5, 5), '''
model = nn.Sequential(
    nn.ReplicationPad2d(1),
    nn.Conv2d(2, 2, 3),
    nn.ReplicationPad2d((0, 3, 2, 1)),
    nn.ReplicationPad2d(6),
)
''', note='ReplicationPad2d accepts pads larger than the input')

case('layer_zero_constant_pad', (2, 4, 6), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.zpad = nn.ZeroPad2d((1, 2, 0, 3))
        self.cpad = nn.ConstantPad2d(2, 0.5)
        self.cpad_tuple = nn.ConstantPad2d((3, 0, 1, 1), -1.0)
        self.crop = nn.ZeroPad2d(-1)

    def forward(self, x):
        return self.crop(self.cpad_tuple(self.cpad(self.zpad(x))))


model = Net()
''', note='a negative ZeroPad2d crops')

case('layer_softmax_logsoftmax', (5, 4, 4), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.sm_c = nn.Softmax(dim=1)
        self.sm_last = nn.Softmax(-1)
        self.lsm = nn.LogSoftmax(dim=1)
        self.sm_implicit = nn.Softmax()
        self.fc = nn.Linear(5 * 4 * 4, 6)

    def forward(self, x):
        x = self.sm_c(x)
        x = self.sm_last(x)
        x = self.sm_implicit(x)
        x = self.fc(torch.flatten(x, 1))
        return self.lsm(x)


model = Net()
''', note='nn.Softmax() without dim warns and uses dim 1 on 4-D input')

case('layer_identity_placeholders', (3, 8, 8), '''
class Net(nn.Module):
    def __init__(self, use_norm=False):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 3)
        self.norm = nn.BatchNorm2d(4) if use_norm else nn.Identity()
        self.head = nn.Identity(54, unused_argument='ignored')

    def forward(self, x):
        return self.head(self.norm(self.conv(x)))


model = Net()
''', note='nn.Identity accepts and ignores any arguments')

case('layer_pixel_shuffle', (18, 4, 5), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.ps3 = nn.PixelShuffle(3)
        self.conv = nn.Conv2d(2, 8, 3, padding=1)
        self.ps2 = nn.PixelShuffle(upscale_factor=2)
        self.unshuffle = nn.PixelUnshuffle(2)

    def forward(self, x):
        x = self.ps3(x)
        x = self.ps2(self.conv(x))
        return self.unshuffle(x)


model = Net()
''')

case('layer_upsample_modes', (3, 5, 6), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.up_nearest = nn.Upsample(scale_factor=2)
        self.up_bilinear = nn.Upsample(scale_factor=2, mode='bilinear', align_corners=False)
        self.up_align = nn.Upsample(scale_factor=(1, 2), mode='bilinear', align_corners=True)
        self.up_size = nn.Upsample(size=(7, 9), mode='nearest')
        self.up_frac = nn.Upsample(scale_factor=1.5)
        self.up_nn = nn.UpsamplingNearest2d(scale_factor=2)
        self.up_bl = nn.UpsamplingBilinear2d(size=(4, 4))

    def forward(self, x):
        return [self.up_nearest(x), self.up_bilinear(x), self.up_align(x), self.up_size(x), self.up_frac(x),
                self.up_nn(x), self.up_bl(x)]


model = Net()
''')

case('layer_flatten_start_end', (4, 3, 5), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.f_default = nn.Flatten()
        self.f_2 = nn.Flatten(2)
        self.f_1_2 = nn.Flatten(1, 2)
        self.f_neg = nn.Flatten(start_dim=-2, end_dim=-1)
        self.f_same = nn.Flatten(2, 2)

    def forward(self, x):
        return [self.f_default(x), self.f_2(x), self.f_1_2(x), self.f_neg(x), self.f_same(x)]


model = Net()
''')

case('layer_flatten_linear_head', (8, 4, 4), '''
model = nn.Sequential(
    nn.Conv2d(8, 8, 3, padding=1),
    nn.Flatten(start_dim=2),
    nn.Linear(16, 5),
    nn.Flatten(),
    nn.Linear(40, 3),
)
''', note='Linear after Flatten(start_dim=2) acts on the last axis')

case('layer_instancenorm_variants', (4, 6, 6), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.in_plain = nn.InstanceNorm2d(4)
        self.in_affine = nn.InstanceNorm2d(4, affine=True)
        self.in_stats = nn.InstanceNorm2d(4, track_running_stats=True)
        self.in_both = nn.InstanceNorm2d(4, eps=1e-3, momentum=0.2, affine=True, track_running_stats=True)

    def forward(self, x):
        return self.in_both(self.in_stats(self.in_affine(self.in_plain(x))))


model = Net()
''', note='InstanceNorm2d: affine adds weight+bias (2C params); track_running_stats adds running_mean, running_var '
          'and num_batches_tracked buffers (state_dict only)')

case('layer_groupnorm_variants', (8, 5, 5), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.gn2 = nn.GroupNorm(2, 8)
        self.gn8 = nn.GroupNorm(num_groups=8, num_channels=8)
        self.gn1 = nn.GroupNorm(1, 8, eps=1e-3)
        self.gn_noaffine = nn.GroupNorm(4, 8, affine=False)
        self.conv = nn.Conv2d(8, 6, 3)
        self.gn3 = nn.GroupNorm(3, 6)

    def forward(self, x):
        x = self.gn_noaffine(self.gn1(self.gn8(self.gn2(x))))
        return self.gn3(self.conv(x))


model = Net()
''')

case('layer_modern_activations', (4, 5, 5), '''
model = nn.Sequential(
    nn.Conv2d(4, 4, 3, padding=1),
    nn.SiLU(),
    nn.GELU(),
    nn.Hardswish(),
    nn.Hardsigmoid(),
    nn.Mish(),
    nn.Softplus(),
    nn.Softplus(beta=2, threshold=10),
    nn.GELU(approximate='tanh'),
    nn.SiLU(inplace=True),
)
''')

case('layer_classic_activations', (3, 6, 6), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 6, 3)
        self.acts = nn.Sequential(
            nn.ReLU(), nn.ReLU6(), nn.LeakyReLU(), nn.LeakyReLU(0.2, inplace=True), nn.ELU(alpha=0.5),
            nn.Sigmoid(), nn.Tanh(), nn.Hardtanh(-2, 2), nn.SELU(), nn.CELU(), nn.Softsign(), nn.Tanhshrink(),
            nn.LogSigmoid(),
        )
        self.prelu = nn.PReLU()
        self.prelu_c = nn.PReLU(num_parameters=6)

    def forward(self, x):
        return self.prelu_c(self.prelu(self.acts(self.conv(x))))


model = Net()
''', note='PReLU has parameters (1, or num_parameters)')

case('layer_conv_variants', (4, 15, 16), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.c_same = nn.Conv2d(4, 8, 3, padding='same')
        self.c_valid = nn.Conv2d(8, 8, 3, padding='valid', bias=False)
        self.c_dil = nn.Conv2d(8, 8, 3, dilation=2, padding=2, groups=4)
        self.c_rect = nn.Conv2d(8, 6, (1, 5), stride=(2, 1), padding=(0, 2))
        self.c_dw = nn.Conv2d(6, 6, 5, stride=2, padding=2, groups=6)
        self.c_reflect = nn.Conv2d(6, 6, 3, padding=1, padding_mode='reflect')
        self.c_circular = nn.Conv2d(6, 6, 3, padding=2, padding_mode='circular')

    def forward(self, x):
        x = self.c_valid(self.c_same(x))
        x = self.c_rect(self.c_dil(x))
        return self.c_circular(self.c_reflect(self.c_dw(x)))


model = Net()
''')

case('layer_conv_transpose_variants', (6, 5, 5), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.t1 = nn.ConvTranspose2d(6, 4, 2, stride=2)
        self.t2 = nn.ConvTranspose2d(4, 4, 3, stride=2, padding=1, output_padding=1)
        self.t3 = nn.ConvTranspose2d(4, 4, 4, stride=2, padding=1, groups=2, bias=False)
        self.t4 = nn.ConvTranspose2d(4, 2, 3, dilation=2)

    def forward(self, x):
        return self.t4(self.t3(self.t2(self.t1(x))))


model = Net()
''')

case('layer_pool_modules', (3, 19, 19), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.mp = nn.MaxPool2d(3, stride=2, padding=1)
        self.mp_ceil = nn.MaxPool2d(2, ceil_mode=True)
        self.ap = nn.AvgPool2d(3, stride=1, padding=1, count_include_pad=False)
        self.ap_ceil = nn.AvgPool2d(2, 2, ceil_mode=True)
        self.aap = nn.AdaptiveAvgPool2d((2, None))
        self.amp = nn.AdaptiveMaxPool2d(1)
        self.lp = nn.LPPool2d(2, 2)

    def forward(self, x):
        x = self.mp(x)
        x = self.mp_ceil(x)
        x = self.ap(x)
        x = self.ap_ceil(x)
        return [self.aap(x), self.amp(x), self.lp(x)]


model = Net()
''')

case('layer_norms_dropouts', (6, 7, 7), '''
model = nn.Sequential(
    nn.BatchNorm2d(6),
    nn.BatchNorm2d(6, affine=False),
    nn.BatchNorm2d(6, track_running_stats=False),
    nn.Dropout(0.3),
    nn.Dropout2d(0.2),
    nn.AlphaDropout(0.1),
    nn.LayerNorm([6, 7, 7]),
    nn.LayerNorm(7, elementwise_affine=False),
    nn.LocalResponseNorm(3),
)
''', note='BatchNorm2d(track_running_stats=False) has no buffers and normalises with batch statistics even in eval')

case('layer_linear_variants', (3, 4, 10), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc_last = nn.Linear(10, 6)
        self.fc_nobias = nn.Linear(6, 6, bias=False)
        self.bil = nn.Bilinear(6, 6, 2)
        self.unflat = nn.Unflatten(1, (3, 8))

    def forward(self, x):
        y = self.fc_nobias(self.fc_last(x))
        z = self.bil(y, y)
        return self.unflat(torch.flatten(z, 1))


model = Net()
''')

case('layer_upsample_conv_decoder', (8, 4, 4), '''
class Decoder(nn.Module):
    def __init__(self, in_ch=8, out_ch=3):
        super().__init__()
        self.block = nn.Sequential(
            nn.Upsample(scale_factor=2, mode='nearest'),
            nn.ReflectionPad2d(1),
            nn.Conv2d(in_ch, in_ch // 2, 3),
            nn.InstanceNorm2d(in_ch // 2, affine=True),
            nn.ReLU(inplace=True),
            nn.Upsample(scale_factor=2, mode='bilinear', align_corners=False),
            nn.ReplicationPad2d(1),
            nn.Conv2d(in_ch // 2, out_ch, 3),
            nn.Tanh(),
        )

    def forward(self, x):
        return self.block(x)


model = Decoder()
''')

case('layer_channel_shuffle_fold', (8, 6, 6), '''
model = nn.Sequential(
    nn.Conv2d(8, 8, 1, groups=2),
    nn.ChannelShuffle(2),
    nn.Hardswish(),
    nn.Conv2d(8, 8, 3, padding=1, groups=8),
    nn.Hardsigmoid(),
)
''')

case('layer_activation_module_params', (4, 6, 6), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(4, 4, 3, padding=1)
        self.softplus = nn.Softplus(beta=0.5, threshold=5)
        self.mish = nn.Mish()
        self.gelu = nn.GELU()
        self.silu = nn.SiLU()
        self.hswish = nn.Hardswish()
        self.hsig = nn.Hardsigmoid()

    def forward(self, x):
        x = self.conv(x)
        gate = self.hsig(x)
        return self.softplus(x) * gate + self.mish(x) + self.gelu(x) + self.silu(x) * self.hswish(x)


model = Net()
''')


# --- tutorial and repository style ------------------------------------------------------------------------------
case('tut_cifar10_net', (3, 32, 32), '''
# The CIFAR-10 classifier of the PyTorch "Training a Classifier" tutorial (current version)
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
        x = torch.flatten(x, 1)  # flatten all dimensions except batch
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        x = self.fc3(x)
        return x


net = Net()
''', head='import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\nimport torch.optim as optim\n')

case('tut_cifar10_net_view', (3, 32, 32), '''
# The same tutorial, older wording: x.view(-1, 16 * 5 * 5)
class Net(nn.Module):
    def __init__(self):
        super(Net, self).__init__()
        self.conv1 = nn.Conv2d(3, 6, 5)
        self.pool = nn.MaxPool2d(2, 2)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):
        x = self.pool(F.relu(self.conv1(x)))
        x = self.pool(F.relu(self.conv2(x)))
        x = x.view(-1, 16 * 5 * 5)
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        x = self.fc3(x)
        return x


net = Net()
''')

case('tut_lenet_num_flat_features', (1, 32, 32), '''
# The old "Neural Networks" tutorial: LeNet on 1x32x32 with the num_flat_features helper
class Net(nn.Module):

    def __init__(self):
        super(Net, self).__init__()
        # 1 input image channel, 6 output channels, 5x5 square convolution kernel
        self.conv1 = nn.Conv2d(1, 6, 5)
        self.conv2 = nn.Conv2d(6, 16, 5)
        # an affine operation: y = Wx + b
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):
        # Max pooling over a (2, 2) window
        x = F.max_pool2d(F.relu(self.conv1(x)), (2, 2))
        # If the size is a square you can only specify a single number
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = x.view(-1, self.num_flat_features(x))
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        x = self.fc3(x)
        return x

    def num_flat_features(self, x):
        size = x.size()[1:]  # all dimensions except the batch dimension
        num_features = 1
        for s in size:
            num_features *= s
        return num_features


net = Net()
print(net)
''', note='concrete: num_flat_features iterates x.size()[1:]; its size, getitem and mul nodes are numbered as fx '
          'would number them', head='import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n')

case('tut_cifar10_net_num_flat_features', (3, 32, 32), '''
class Net(nn.Module):
    def __init__(self):
        super(Net, self).__init__()
        self.conv1 = nn.Conv2d(3, 6, 5)
        self.pool = nn.MaxPool2d(2, 2)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):
        x = self.pool(F.relu(self.conv1(x)))
        x = self.pool(F.relu(self.conv2(x)))
        x = x.view(-1, self.num_flat_features(x))
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        x = self.fc3(x)
        return x

    def num_flat_features(self, x):
        size = x.size()[1:]
        num_features = 1
        for s in size:
            num_features *= s
        return num_features


net = Net()
''', note='concrete (num_flat_features)')

case('tut_mnist_examples_net', (1, 28, 28), '''
# pytorch/examples mnist/main.py (current)
class Net(nn.Module):
    def __init__(self):
        super(Net, self).__init__()
        self.conv1 = nn.Conv2d(1, 32, 3, 1)
        self.conv2 = nn.Conv2d(32, 64, 3, 1)
        self.dropout1 = nn.Dropout(0.25)
        self.dropout2 = nn.Dropout(0.5)
        self.fc1 = nn.Linear(9216, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x):
        x = self.conv1(x)
        x = F.relu(x)
        x = self.conv2(x)
        x = F.relu(x)
        x = F.max_pool2d(x, 2)
        x = self.dropout1(x)
        x = torch.flatten(x, 1)
        x = self.fc1(x)
        x = F.relu(x)
        x = self.dropout2(x)
        x = self.fc2(x)
        output = F.log_softmax(x, dim=1)
        return output


device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
model = Net().to(device)
''', head='import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\nimport torch.optim as optim\n'
          'from torch.optim.lr_scheduler import StepLR\n')

case('tut_mnist_examples_net_2017', (1, 28, 28), '''
# pytorch/examples mnist/main.py as it was for years: Dropout2d, F.dropout(training=self.training), view(-1, 320)
class Net(nn.Module):
    def __init__(self):
        super(Net, self).__init__()
        self.conv1 = nn.Conv2d(1, 10, kernel_size=5)
        self.conv2 = nn.Conv2d(10, 20, kernel_size=5)
        self.conv2_drop = nn.Dropout2d()
        self.fc1 = nn.Linear(320, 50)
        self.fc2 = nn.Linear(50, 10)

    def forward(self, x):
        x = F.relu(F.max_pool2d(self.conv1(x), 2))
        x = F.relu(F.max_pool2d(self.conv2_drop(self.conv2(x)), 2))
        x = x.view(-1, 320)
        x = F.relu(self.fc1(x))
        x = F.dropout(x, training=self.training)
        x = self.fc2(x)
        return F.log_softmax(x, dim=1)


model = Net()
''')

case('tut_build_model_flatten_stack', (1, 28, 28), '''
# The "Build the Neural Network" tutorial
device = (
    "cuda"
    if torch.cuda.is_available()
    else "cpu"
)


class NeuralNetwork(nn.Module):
    def __init__(self):
        super().__init__()
        self.flatten = nn.Flatten()
        self.linear_relu_stack = nn.Sequential(
            nn.Linear(28*28, 512),
            nn.ReLU(),
            nn.Linear(512, 512),
            nn.ReLU(),
            nn.Linear(512, 10),
        )

    def forward(self, x):
        x = self.flatten(x)
        logits = self.linear_relu_stack(x)
        return logits


model = NeuralNetwork().to(device)
''', head='import torch\nfrom torch import nn\n')

case('tut_lenet5_classic', (1, 32, 32), '''
class LeNet5(nn.Module):
    def __init__(self, n_classes=10):
        super(LeNet5, self).__init__()
        self.feature_extractor = nn.Sequential(
            nn.Conv2d(in_channels=1, out_channels=6, kernel_size=5, stride=1),
            nn.Tanh(),
            nn.AvgPool2d(kernel_size=2),
            nn.Conv2d(in_channels=6, out_channels=16, kernel_size=5, stride=1),
            nn.Tanh(),
            nn.AvgPool2d(kernel_size=2),
            nn.Conv2d(in_channels=16, out_channels=120, kernel_size=5, stride=1),
            nn.Tanh()
        )
        self.classifier = nn.Sequential(
            nn.Linear(in_features=120, out_features=84),
            nn.Tanh(),
            nn.Linear(in_features=84, out_features=n_classes),
        )

    def forward(self, x):
        x = self.feature_extractor(x)
        x = torch.flatten(x, 1)
        logits = self.classifier(x)
        probs = F.softmax(logits, dim=1)
        return logits, probs


model = LeNet5(10)
''')

case('tut_lenet_relu_maxpool_pad', (1, 28, 28), '''
class LeNet(nn.Module):
    def __init__(self):
        super(LeNet, self).__init__()
        self.conv1 = nn.Conv2d(1, 6, 5, padding=2)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(16*5*5, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):
        out = F.relu(self.conv1(x))
        out = F.max_pool2d(out, 2)
        out = F.relu(self.conv2(out))
        out = F.max_pool2d(out, 2)
        out = out.view(out.size(0), -1)
        out = F.relu(self.fc1(out))
        out = F.relu(self.fc2(out))
        out = self.fc3(out)
        return out


net = LeNet()
''')

case('tut_d2l_lenet_sequential', (1, 28, 28), '''
# d2l.ai LeNet
net = nn.Sequential(
    nn.Conv2d(1, 6, kernel_size=5, padding=2), nn.Sigmoid(),
    nn.AvgPool2d(kernel_size=2, stride=2),
    nn.Conv2d(6, 16, kernel_size=5), nn.Sigmoid(),
    nn.AvgPool2d(kernel_size=2, stride=2),
    nn.Flatten(),
    nn.Linear(16 * 5 * 5, 120), nn.Sigmoid(),
    nn.Linear(120, 84), nn.Sigmoid(),
    nn.Linear(84, 10))
''', head='import torch\nfrom torch import nn\n')

case('tut_d2l_alexnet_sequential', (1, 224, 224), '''
net = nn.Sequential(
    nn.Conv2d(1, 96, kernel_size=11, stride=4, padding=1), nn.ReLU(),
    nn.MaxPool2d(kernel_size=3, stride=2),
    nn.Conv2d(96, 256, kernel_size=5, padding=2), nn.ReLU(),
    nn.MaxPool2d(kernel_size=3, stride=2),
    nn.Conv2d(256, 384, kernel_size=3, padding=1), nn.ReLU(),
    nn.Conv2d(384, 384, kernel_size=3, padding=1), nn.ReLU(),
    nn.Conv2d(384, 256, kernel_size=3, padding=1), nn.ReLU(),
    nn.MaxPool2d(kernel_size=3, stride=2),
    nn.Flatten(),
    nn.Linear(6400, 4096), nn.ReLU(),
    nn.Dropout(p=0.5),
    nn.Linear(4096, 4096), nn.ReLU(),
    nn.Dropout(p=0.5),
    nn.Linear(4096, 10))
''', head='import torch\nfrom torch import nn\n')

case('tut_d2l_vgg_blocks', (1, 224, 224), '''
def vgg_block(num_convs, in_channels, out_channels):
    layers = []
    for _ in range(num_convs):
        layers.append(nn.Conv2d(in_channels, out_channels,
                                kernel_size=3, padding=1))
        layers.append(nn.ReLU())
        in_channels = out_channels
    layers.append(nn.MaxPool2d(kernel_size=2,stride=2))
    return nn.Sequential(*layers)


def vgg(conv_arch):
    conv_blks = []
    in_channels = 1
    for (num_convs, out_channels) in conv_arch:
        conv_blks.append(vgg_block(num_convs, in_channels, out_channels))
        in_channels = out_channels

    return nn.Sequential(
        *conv_blks, nn.Flatten(),
        nn.Linear(out_channels * 7 * 7, 4096), nn.ReLU(), nn.Dropout(0.5),
        nn.Linear(4096, 4096), nn.ReLU(), nn.Dropout(0.5),
        nn.Linear(4096, 10))


conv_arch = ((1, 64), (1, 128), (2, 256), (2, 512), (2, 512))
ratio = 4
small_conv_arch = [(pair[0], pair[1] // ratio) for pair in conv_arch]
net = vgg(small_conv_arch)
''', head='import torch\nfrom torch import nn\n')

case('tut_d2l_nin', (1, 224, 224), '''
def nin_block(in_channels, out_channels, kernel_size, strides, padding):
    return nn.Sequential(
        nn.Conv2d(in_channels, out_channels, kernel_size, strides, padding),
        nn.ReLU(),
        nn.Conv2d(out_channels, out_channels, kernel_size=1), nn.ReLU(),
        nn.Conv2d(out_channels, out_channels, kernel_size=1), nn.ReLU())


net = nn.Sequential(
    nin_block(1, 96, kernel_size=11, strides=4, padding=0),
    nn.MaxPool2d(3, stride=2),
    nin_block(96, 256, kernel_size=5, strides=1, padding=2),
    nn.MaxPool2d(3, stride=2),
    nin_block(256, 384, kernel_size=3, strides=1, padding=1),
    nn.MaxPool2d(3, stride=2),
    nn.Dropout(0.5),
    # There are 10 label classes
    nin_block(384, 10, kernel_size=3, strides=1, padding=1),
    nn.AdaptiveAvgPool2d((1, 1)),
    # Transform the four-dimensional output into two-dimensional output with a shape of (batch size, 10)
    nn.Flatten())
''', head='import torch\nfrom torch import nn\n')

case('tut_d2l_googlenet', (1, 96, 96), '''
class Inception(nn.Module):
    # c1--c4 are the number of output channels for each path
    def __init__(self, in_channels, c1, c2, c3, c4, **kwargs):
        super(Inception, self).__init__(**kwargs)
        # Path 1 is a single 1 x 1 convolutional layer
        self.p1_1 = nn.Conv2d(in_channels, c1, kernel_size=1)
        # Path 2 is a 1 x 1 convolutional layer followed by a 3 x 3 convolutional layer
        self.p2_1 = nn.Conv2d(in_channels, c2[0], kernel_size=1)
        self.p2_2 = nn.Conv2d(c2[0], c2[1], kernel_size=3, padding=1)
        # Path 3 is a 1 x 1 convolutional layer followed by a 5 x 5 convolutional layer
        self.p3_1 = nn.Conv2d(in_channels, c3[0], kernel_size=1)
        self.p3_2 = nn.Conv2d(c3[0], c3[1], kernel_size=5, padding=2)
        # Path 4 is a 3 x 3 maximum pooling layer followed by a 1 x 1 convolutional layer
        self.p4_1 = nn.MaxPool2d(kernel_size=3, stride=1, padding=1)
        self.p4_2 = nn.Conv2d(in_channels, c4, kernel_size=1)

    def forward(self, x):
        p1 = F.relu(self.p1_1(x))
        p2 = F.relu(self.p2_2(F.relu(self.p2_1(x))))
        p3 = F.relu(self.p3_2(F.relu(self.p3_1(x))))
        p4 = F.relu(self.p4_2(self.p4_1(x)))
        # Concatenate the outputs on the channel dimension
        return torch.cat((p1, p2, p3, p4), dim=1)


b1 = nn.Sequential(nn.Conv2d(1, 64, kernel_size=7, stride=2, padding=3),
                   nn.ReLU(),
                   nn.MaxPool2d(kernel_size=3, stride=2, padding=1))
b2 = nn.Sequential(nn.Conv2d(64, 64, kernel_size=1),
                   nn.ReLU(),
                   nn.Conv2d(64, 192, kernel_size=3, padding=1),
                   nn.ReLU(),
                   nn.MaxPool2d(kernel_size=3, stride=2, padding=1))
b3 = nn.Sequential(Inception(192, 64, (96, 128), (16, 32), 32),
                   Inception(256, 128, (128, 192), (32, 96), 64),
                   nn.MaxPool2d(kernel_size=3, stride=2, padding=1))
b4 = nn.Sequential(Inception(480, 192, (96, 208), (16, 48), 64),
                   Inception(512, 160, (112, 224), (24, 64), 64),
                   Inception(512, 128, (128, 256), (24, 64), 64),
                   Inception(512, 112, (144, 288), (32, 64), 64),
                   Inception(528, 256, (160, 320), (32, 128), 128),
                   nn.MaxPool2d(kernel_size=3, stride=2, padding=1))
b5 = nn.Sequential(Inception(832, 256, (160, 320), (32, 128), 128),
                   Inception(832, 384, (192, 384), (48, 128), 128),
                   nn.AdaptiveAvgPool2d((1,1)),
                   nn.Flatten())

net = nn.Sequential(b1, b2, b3, b4, b5, nn.Linear(1024, 10))
''', head='import torch\nfrom torch import nn\nfrom torch.nn import functional as F\n')

case('tut_d2l_resnet', (1, 96, 96), '''
class Residual(nn.Module):
    def __init__(self, input_channels, num_channels,
                 use_1x1conv=False, strides=1):
        super().__init__()
        self.conv1 = nn.Conv2d(input_channels, num_channels,
                               kernel_size=3, padding=1, stride=strides)
        self.conv2 = nn.Conv2d(num_channels, num_channels,
                               kernel_size=3, padding=1)
        if use_1x1conv:
            self.conv3 = nn.Conv2d(input_channels, num_channels,
                                   kernel_size=1, stride=strides)
        else:
            self.conv3 = None
        self.bn1 = nn.BatchNorm2d(num_channels)
        self.bn2 = nn.BatchNorm2d(num_channels)

    def forward(self, X):
        Y = F.relu(self.bn1(self.conv1(X)))
        Y = self.bn2(self.conv2(Y))
        if self.conv3:
            X = self.conv3(X)
        Y += X
        return F.relu(Y)


def resnet_block(input_channels, num_channels, num_residuals,
                 first_block=False):
    blk = []
    for i in range(num_residuals):
        if i == 0 and not first_block:
            blk.append(Residual(input_channels, num_channels,
                                use_1x1conv=True, strides=2))
        else:
            blk.append(Residual(num_channels, num_channels))
    return blk


b1 = nn.Sequential(nn.Conv2d(1, 64, kernel_size=7, stride=2, padding=3),
                   nn.BatchNorm2d(64), nn.ReLU(),
                   nn.MaxPool2d(kernel_size=3, stride=2, padding=1))
b2 = nn.Sequential(*resnet_block(64, 64, 2, first_block=True))
b3 = nn.Sequential(*resnet_block(64, 128, 2))
b4 = nn.Sequential(*resnet_block(128, 256, 2))
b5 = nn.Sequential(*resnet_block(256, 512, 2))

net = nn.Sequential(b1, b2, b3, b4, b5,
                    nn.AdaptiveAvgPool2d((1,1)),
                    nn.Flatten(), nn.Linear(512, 10))
''', note='forward(self, X): the placeholder is snake_cased to x; `if self.conv3:` is true for a Conv2d, '
          'false for None',
     head='import torch\nfrom torch import nn\nfrom torch.nn import functional as F\n')

case('tut_resnet18_torchvision_style', (3, 224, 224), '''
def conv3x3(in_planes, out_planes, stride=1, groups=1, dilation=1):
    """3x3 convolution with padding"""
    return nn.Conv2d(in_planes, out_planes, kernel_size=3, stride=stride,
                     padding=dilation, groups=groups, bias=False, dilation=dilation)


def conv1x1(in_planes, out_planes, stride=1):
    """1x1 convolution"""
    return nn.Conv2d(in_planes, out_planes, kernel_size=1, stride=stride, bias=False)


class BasicBlock(nn.Module):
    expansion = 1

    def __init__(self, inplanes, planes, stride=1, downsample=None):
        super(BasicBlock, self).__init__()
        self.conv1 = conv3x3(inplanes, planes, stride)
        self.bn1 = nn.BatchNorm2d(planes)
        self.relu = nn.ReLU(inplace=True)
        self.conv2 = conv3x3(planes, planes)
        self.bn2 = nn.BatchNorm2d(planes)
        self.downsample = downsample
        self.stride = stride

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


class ResNet(nn.Module):

    def __init__(self, block, layers, num_classes=1000):
        super(ResNet, self).__init__()
        self.inplanes = 64
        self.conv1 = nn.Conv2d(3, self.inplanes, kernel_size=7, stride=2, padding=3,
                               bias=False)
        self.bn1 = nn.BatchNorm2d(self.inplanes)
        self.relu = nn.ReLU(inplace=True)
        self.maxpool = nn.MaxPool2d(kernel_size=3, stride=2, padding=1)
        self.layer1 = self._make_layer(block, 64, layers[0])
        self.layer2 = self._make_layer(block, 128, layers[1], stride=2)
        self.layer3 = self._make_layer(block, 256, layers[2], stride=2)
        self.layer4 = self._make_layer(block, 512, layers[3], stride=2)
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        self.fc = nn.Linear(512 * block.expansion, num_classes)

        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, mode='fan_out', nonlinearity='relu')
            elif isinstance(m, (nn.BatchNorm2d, nn.GroupNorm)):
                nn.init.constant_(m.weight, 1)
                nn.init.constant_(m.bias, 0)

    def _make_layer(self, block, planes, blocks, stride=1):
        downsample = None
        if stride != 1 or self.inplanes != planes * block.expansion:
            downsample = nn.Sequential(
                conv1x1(self.inplanes, planes * block.expansion, stride),
                nn.BatchNorm2d(planes * block.expansion),
            )

        layers = []
        layers.append(block(self.inplanes, planes, stride, downsample))
        self.inplanes = planes * block.expansion
        for _ in range(1, blocks):
            layers.append(block(self.inplanes, planes))

        return nn.Sequential(*layers)

    def _forward_impl(self, x):
        x = self.conv1(x)
        x = self.bn1(x)
        x = self.relu(x)
        x = self.maxpool(x)

        x = self.layer1(x)
        x = self.layer2(x)
        x = self.layer3(x)
        x = self.layer4(x)

        x = self.avgpool(x)
        x = torch.flatten(x, 1)
        x = self.fc(x)

        return x

    def forward(self, x):
        return self._forward_impl(x)


def resnet18(**kwargs):
    return ResNet(BasicBlock, [2, 2, 2, 2], **kwargs)


model = resnet18()
''', note='11,689,512 parameters like torchvision resnet18; the init loop (isinstance, nn.init) changes no shape')

case('tut_resnet34_basicblock', (3, 64, 64), '''
class BasicBlock(nn.Module):
    expansion = 1

    def __init__(self, in_planes, planes, stride=1, downsample=None):
        super().__init__()
        self.conv1 = nn.Conv2d(in_planes, planes, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.relu = nn.ReLU(inplace=True)
        self.conv2 = nn.Conv2d(planes, planes, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.downsample = downsample

    def forward(self, x):
        identity = x if self.downsample is None else self.downsample(x)
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return self.relu(out + identity)


class ResNet(nn.Module):
    def __init__(self, block, layers, num_classes=1000):
        super().__init__()
        self.inplanes = 64
        self.conv1 = nn.Conv2d(3, 64, kernel_size=7, stride=2, padding=3, bias=False)
        self.bn1 = nn.BatchNorm2d(64)
        self.relu = nn.ReLU(inplace=True)
        self.maxpool = nn.MaxPool2d(kernel_size=3, stride=2, padding=1)
        widths = [64, 128, 256, 512]
        for i, (w, n) in enumerate(zip(widths, layers)):
            setattr(self, f'layer{i + 1}', self._make_layer(block, w, n, stride=1 if i == 0 else 2))
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(512 * block.expansion, num_classes)

    def _make_layer(self, block, planes, blocks, stride=1):
        downsample = None
        if stride != 1 or self.inplanes != planes * block.expansion:
            downsample = nn.Sequential(
                nn.Conv2d(self.inplanes, planes * block.expansion, 1, stride, bias=False),
                nn.BatchNorm2d(planes * block.expansion))
        layers = [block(self.inplanes, planes, stride, downsample)]
        self.inplanes = planes * block.expansion
        layers += [block(self.inplanes, planes) for _ in range(1, blocks)]
        return nn.Sequential(*layers)

    def forward(self, x):
        x = self.maxpool(self.relu(self.bn1(self.conv1(x))))
        x = self.layer4(self.layer3(self.layer2(self.layer1(x))))
        x = self.avgpool(x)
        x = x.view(x.size(0), -1)
        return self.fc(x)


model = ResNet(BasicBlock, [3, 4, 6, 3])
''', note='resnet34: 21,797,672 parameters (input 64x64 to keep the generator fast; params do not depend on it)')

case('tut_resnet50_bottleneck', (3, 64, 64), '''
class Bottleneck(nn.Module):
    expansion = 4

    def __init__(self, inplanes, planes, stride=1, downsample=None):
        super(Bottleneck, self).__init__()
        self.conv1 = nn.Conv2d(inplanes, planes, kernel_size=1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, kernel_size=3, stride=stride, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.conv3 = nn.Conv2d(planes, planes * self.expansion, kernel_size=1, bias=False)
        self.bn3 = nn.BatchNorm2d(planes * self.expansion)
        self.relu = nn.ReLU(inplace=True)
        self.downsample = downsample
        self.stride = stride

    def forward(self, x):
        residual = x

        out = self.conv1(x)
        out = self.bn1(out)
        out = self.relu(out)

        out = self.conv2(out)
        out = self.bn2(out)
        out = self.relu(out)

        out = self.conv3(out)
        out = self.bn3(out)

        if self.downsample is not None:
            residual = self.downsample(x)

        out += residual
        out = self.relu(out)

        return out


class ResNet(nn.Module):
    def __init__(self, block, layers, num_classes=1000):
        self.inplanes = 64
        super(ResNet, self).__init__()
        self.conv1 = nn.Conv2d(3, 64, kernel_size=7, stride=2, padding=3, bias=False)
        self.bn1 = nn.BatchNorm2d(64)
        self.relu = nn.ReLU(inplace=True)
        self.maxpool = nn.MaxPool2d(kernel_size=3, stride=2, padding=1)
        self.layer1 = self._make_layer(block, 64, layers[0])
        self.layer2 = self._make_layer(block, 128, layers[1], stride=2)
        self.layer3 = self._make_layer(block, 256, layers[2], stride=2)
        self.layer4 = self._make_layer(block, 512, layers[3], stride=2)
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        self.fc = nn.Linear(512 * block.expansion, num_classes)

    def _make_layer(self, block, planes, blocks, stride=1):
        downsample = None
        if stride != 1 or self.inplanes != planes * block.expansion:
            downsample = nn.Sequential(
                nn.Conv2d(self.inplanes, planes * block.expansion,
                          kernel_size=1, stride=stride, bias=False),
                nn.BatchNorm2d(planes * block.expansion),
            )

        layers = []
        layers.append(block(self.inplanes, planes, stride, downsample))
        self.inplanes = planes * block.expansion
        for i in range(1, blocks):
            layers.append(block(self.inplanes, planes))

        return nn.Sequential(*layers)

    def forward(self, x):
        x = self.conv1(x)
        x = self.bn1(x)
        x = self.relu(x)
        x = self.maxpool(x)

        x = self.layer1(x)
        x = self.layer2(x)
        x = self.layer3(x)
        x = self.layer4(x)

        x = self.avgpool(x)
        x = x.view(x.size(0), -1)
        x = self.fc(x)

        return x


model = ResNet(Bottleneck, [3, 4, 6, 3])
''', note='resnet50: 25,557,032 parameters; `self.inplanes = 64` before super().__init__() is a plain attribute')

case('tut_resnet_cifar_shortcut', (3, 32, 32), '''
# kuangliu/pytorch-cifar style: shortcut as an (possibly empty) nn.Sequential
class BasicBlock(nn.Module):
    expansion = 1

    def __init__(self, in_planes, planes, stride=1):
        super(BasicBlock, self).__init__()
        self.conv1 = nn.Conv2d(in_planes, planes, kernel_size=3, stride=stride, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, kernel_size=3, stride=1, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)

        self.shortcut = nn.Sequential()
        if stride != 1 or in_planes != self.expansion*planes:
            self.shortcut = nn.Sequential(
                nn.Conv2d(in_planes, self.expansion*planes, kernel_size=1, stride=stride, bias=False),
                nn.BatchNorm2d(self.expansion*planes)
            )

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        out += self.shortcut(x)
        out = F.relu(out)
        return out


class ResNet(nn.Module):
    def __init__(self, block, num_blocks, num_classes=10):
        super(ResNet, self).__init__()
        self.in_planes = 16

        self.conv1 = nn.Conv2d(3, 16, kernel_size=3, stride=1, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(16)
        self.layer1 = self._make_layer(block, 16, num_blocks[0], stride=1)
        self.layer2 = self._make_layer(block, 32, num_blocks[1], stride=2)
        self.layer3 = self._make_layer(block, 64, num_blocks[2], stride=2)
        self.linear = nn.Linear(64*block.expansion, num_classes)

    def _make_layer(self, block, planes, num_blocks, stride):
        strides = [stride] + [1]*(num_blocks-1)
        layers = []
        for stride in strides:
            layers.append(block(self.in_planes, planes, stride))
            self.in_planes = planes * block.expansion
        return nn.Sequential(*layers)

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.layer1(out)
        out = self.layer2(out)
        out = self.layer3(out)
        out = F.avg_pool2d(out, out.size()[3])
        out = out.view(out.size(0), -1)
        out = self.linear(out)
        return out


def ResNet20():
    return ResNet(BasicBlock, [3, 3, 3])


net = ResNet20()
''', note='an empty nn.Sequential shortcut is the identity (no row); F.avg_pool2d(out, out.size()[3])')


case('tut_vgg11_make_layers', (3, 224, 224), '''
cfgs = {
    'A': [64, 'M', 128, 'M', 256, 256, 'M', 512, 512, 'M', 512, 512, 'M'],
    'D': [64, 64, 'M', 128, 128, 'M', 256, 256, 256, 'M', 512, 512, 512, 'M', 512, 512, 512, 'M'],
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

    def __init__(self, features, num_classes=1000):
        super(VGG, self).__init__()
        self.features = features
        self.avgpool = nn.AdaptiveAvgPool2d((7, 7))
        self.classifier = nn.Sequential(
            nn.Linear(512 * 7 * 7, 4096),
            nn.ReLU(True),
            nn.Dropout(),
            nn.Linear(4096, 4096),
            nn.ReLU(True),
            nn.Dropout(),
            nn.Linear(4096, num_classes),
        )

    def forward(self, x):
        x = self.features(x)
        x = self.avgpool(x)
        x = torch.flatten(x, 1)
        x = self.classifier(x)
        return x


model = VGG(make_layers(cfgs['A']))
''', note='vgg11: 132,863,336 parameters')

case('tut_vgg16_cifar_kuangliu', (3, 32, 32), '''
cfg = {
    'VGG11': [64, 'M', 128, 'M', 256, 256, 'M', 512, 512, 'M', 512, 512, 'M'],
    'VGG16': [64, 64, 'M', 128, 128, 'M', 256, 256, 256, 'M', 512, 512, 512, 'M', 512, 512, 512, 'M'],
}


class VGG(nn.Module):
    def __init__(self, vgg_name):
        super(VGG, self).__init__()
        self.features = self._make_layers(cfg[vgg_name])
        self.classifier = nn.Linear(512, 10)

    def forward(self, x):
        out = self.features(x)
        out = out.view(out.size(0), -1)
        out = self.classifier(out)
        return out

    def _make_layers(self, cfg):
        layers = []
        in_channels = 3
        for x in cfg:
            if x == 'M':
                layers += [nn.MaxPool2d(kernel_size=2, stride=2)]
            else:
                layers += [nn.Conv2d(in_channels, x, kernel_size=3, padding=1),
                           nn.BatchNorm2d(x),
                           nn.ReLU(inplace=True)]
                in_channels = x
        layers += [nn.AvgPool2d(kernel_size=1, stride=1)]
        return nn.Sequential(*layers)


net = VGG('VGG16')
''')

case('tut_dcgan_generator', (100, 1, 1), '''
# Number of channels in the training images. For color images this is 3
nc = 3
# Size of z latent vector (i.e. size of generator input)
nz = 100
# Size of feature maps in generator
ngf = 64
ngpu = 1


class Generator(nn.Module):
    def __init__(self, ngpu):
        super(Generator, self).__init__()
        self.ngpu = ngpu
        self.main = nn.Sequential(
            # input is Z, going into a convolution
            nn.ConvTranspose2d( nz, ngf * 8, 4, 1, 0, bias=False),
            nn.BatchNorm2d(ngf * 8),
            nn.ReLU(True),
            # state size. (ngf*8) x 4 x 4
            nn.ConvTranspose2d(ngf * 8, ngf * 4, 4, 2, 1, bias=False),
            nn.BatchNorm2d(ngf * 4),
            nn.ReLU(True),
            # state size. (ngf*4) x 8 x 8
            nn.ConvTranspose2d( ngf * 4, ngf * 2, 4, 2, 1, bias=False),
            nn.BatchNorm2d(ngf * 2),
            nn.ReLU(True),
            # state size. (ngf*2) x 16 x 16
            nn.ConvTranspose2d( ngf * 2, ngf, 4, 2, 1, bias=False),
            nn.BatchNorm2d(ngf),
            nn.ReLU(True),
            # state size. (ngf) x 32 x 32
            nn.ConvTranspose2d( ngf, nc, 4, 2, 1, bias=False),
            nn.Tanh()
            # state size. (nc) x 64 x 64
        )

    def forward(self, input):
        return self.main(input)


def weights_init(m):
    classname = m.__class__.__name__
    if classname.find('Conv') != -1:
        nn.init.normal_(m.weight.data, 0.0, 0.02)
    elif classname.find('BatchNorm') != -1:
        nn.init.normal_(m.weight.data, 1.0, 0.02)
        nn.init.constant_(m.bias.data, 0)


device = torch.device("cuda:0" if (torch.cuda.is_available() and ngpu > 0) else "cpu")
netG = Generator(ngpu).to(device)
netG.apply(weights_init)
''', note='DCGAN tutorial generator; netG.apply(weights_init) changes no shape')

case('tut_dcgan_discriminator', (3, 64, 64), '''
nc = 3
ndf = 64


class Discriminator(nn.Module):
    def __init__(self, ngpu):
        super(Discriminator, self).__init__()
        self.ngpu = ngpu
        self.main = nn.Sequential(
            # input is (nc) x 64 x 64
            nn.Conv2d(nc, ndf, 4, 2, 1, bias=False),
            nn.LeakyReLU(0.2, inplace=True),
            # state size. (ndf) x 32 x 32
            nn.Conv2d(ndf, ndf * 2, 4, 2, 1, bias=False),
            nn.BatchNorm2d(ndf * 2),
            nn.LeakyReLU(0.2, inplace=True),
            # state size. (ndf*2) x 16 x 16
            nn.Conv2d(ndf * 2, ndf * 4, 4, 2, 1, bias=False),
            nn.BatchNorm2d(ndf * 4),
            nn.LeakyReLU(0.2, inplace=True),
            # state size. (ndf*4) x 8 x 8
            nn.Conv2d(ndf * 4, ndf * 8, 4, 2, 1, bias=False),
            nn.BatchNorm2d(ndf * 8),
            nn.LeakyReLU(0.2, inplace=True),
            # state size. (ndf*8) x 4 x 4
            nn.Conv2d(ndf * 8, 1, 4, 1, 0, bias=False),
            nn.Sigmoid()
        )

    def forward(self, input):
        output = self.main(input)
        return output.view(-1, 1).squeeze(1)


netD = Discriminator(1)
''', note='pytorch/examples dcgan: output.view(-1, 1).squeeze(1) leaves only the batch dimension (output_shape [])')

case('tut_unet_milesial', (3, 60, 60), '''
class DoubleConv(nn.Module):
    """(convolution => [BN] => ReLU) * 2"""

    def __init__(self, in_channels, out_channels, mid_channels=None):
        super().__init__()
        if not mid_channels:
            mid_channels = out_channels
        self.double_conv = nn.Sequential(
            nn.Conv2d(in_channels, mid_channels, kernel_size=3, padding=1, bias=False),
            nn.BatchNorm2d(mid_channels),
            nn.ReLU(inplace=True),
            nn.Conv2d(mid_channels, out_channels, kernel_size=3, padding=1, bias=False),
            nn.BatchNorm2d(out_channels),
            nn.ReLU(inplace=True)
        )

    def forward(self, x):
        return self.double_conv(x)


class Down(nn.Module):
    """Downscaling with maxpool then double conv"""

    def __init__(self, in_channels, out_channels):
        super().__init__()
        self.maxpool_conv = nn.Sequential(
            nn.MaxPool2d(2),
            DoubleConv(in_channels, out_channels)
        )

    def forward(self, x):
        return self.maxpool_conv(x)


class Up(nn.Module):
    """Upscaling then double conv"""

    def __init__(self, in_channels, out_channels, bilinear=True):
        super().__init__()
        if bilinear:
            self.up = nn.Upsample(scale_factor=2, mode='bilinear', align_corners=True)
            self.conv = DoubleConv(in_channels, out_channels, in_channels // 2)
        else:
            self.up = nn.ConvTranspose2d(in_channels, in_channels // 2, kernel_size=2, stride=2)
            self.conv = DoubleConv(in_channels, out_channels)

    def forward(self, x1, x2):
        x1 = self.up(x1)
        # input is CHW
        diffY = x2.size()[2] - x1.size()[2]
        diffX = x2.size()[3] - x1.size()[3]

        x1 = F.pad(x1, [diffX // 2, diffX - diffX // 2,
                        diffY // 2, diffY - diffY // 2])
        x = torch.cat([x2, x1], dim=1)
        return self.conv(x)


class OutConv(nn.Module):
    def __init__(self, in_channels, out_channels):
        super(OutConv, self).__init__()
        self.conv = nn.Conv2d(in_channels, out_channels, kernel_size=1)

    def forward(self, x):
        return self.conv(x)


class UNet(nn.Module):
    def __init__(self, n_channels, n_classes, bilinear=False):
        super(UNet, self).__init__()
        self.n_channels = n_channels
        self.n_classes = n_classes
        self.bilinear = bilinear

        self.inc = DoubleConv(n_channels, 64)
        self.down1 = Down(64, 128)
        self.down2 = Down(128, 256)
        self.down3 = Down(256, 512)
        factor = 2 if bilinear else 1
        self.down4 = Down(512, 1024 // factor)
        self.up1 = Up(1024, 512 // factor, bilinear)
        self.up2 = Up(512, 256 // factor, bilinear)
        self.up3 = Up(256, 128 // factor, bilinear)
        self.up4 = Up(128, 64, bilinear)
        self.outc = OutConv(64, n_classes)

    def forward(self, x):
        x1 = self.inc(x)
        x2 = self.down1(x1)
        x3 = self.down2(x2)
        x4 = self.down3(x3)
        x5 = self.down4(x4)
        x = self.up1(x5, x4)
        x = self.up2(x, x3)
        x = self.up3(x, x2)
        x = self.up4(x, x1)
        logits = self.outc(x)
        return logits


model = UNet(n_channels=3, n_classes=2)
''', note='60 -> 30 -> 15 -> 7 -> 3: the up path pads 6 -> 7 (F.pad with size arithmetic). Concrete: in torch 1.13 '
          'F.pad is a builtin that refuses a list holding fx Proxies')

case('tut_unet_milesial_bilinear', (1, 32, 48), '''
class DoubleConv(nn.Module):
    def __init__(self, in_channels, out_channels, mid_channels=None):
        super().__init__()
        if not mid_channels:
            mid_channels = out_channels
        self.double_conv = nn.Sequential(
            nn.Conv2d(in_channels, mid_channels, kernel_size=3, padding=1, bias=False),
            nn.BatchNorm2d(mid_channels),
            nn.ReLU(inplace=True),
            nn.Conv2d(mid_channels, out_channels, kernel_size=3, padding=1, bias=False),
            nn.BatchNorm2d(out_channels),
            nn.ReLU(inplace=True)
        )

    def forward(self, x):
        return self.double_conv(x)


class Down(nn.Module):
    def __init__(self, in_channels, out_channels):
        super().__init__()
        self.maxpool_conv = nn.Sequential(nn.MaxPool2d(2), DoubleConv(in_channels, out_channels))

    def forward(self, x):
        return self.maxpool_conv(x)


class Up(nn.Module):
    def __init__(self, in_channels, out_channels, bilinear=True):
        super().__init__()
        if bilinear:
            self.up = nn.Upsample(scale_factor=2, mode='bilinear', align_corners=True)
            self.conv = DoubleConv(in_channels, out_channels, in_channels // 2)
        else:
            self.up = nn.ConvTranspose2d(in_channels, in_channels // 2, kernel_size=2, stride=2)
            self.conv = DoubleConv(in_channels, out_channels)

    def forward(self, x1, x2):
        x1 = self.up(x1)
        x = torch.cat([x2, x1], dim=1)
        return self.conv(x)


class UNet(nn.Module):
    def __init__(self, n_channels, n_classes, bilinear=True, base=16):
        super(UNet, self).__init__()
        factor = 2 if bilinear else 1
        self.inc = DoubleConv(n_channels, base)
        self.down1 = Down(base, base * 2)
        self.down2 = Down(base * 2, base * 4)
        self.down3 = Down(base * 4, base * 8 // factor)
        self.up1 = Up(base * 8, base * 4 // factor, bilinear)
        self.up2 = Up(base * 4, base * 2 // factor, bilinear)
        self.up3 = Up(base * 2, base, bilinear)
        self.outc = nn.Conv2d(base, n_classes, kernel_size=1)

    def forward(self, x):
        x1 = self.inc(x)
        x2 = self.down1(x1)
        x3 = self.down2(x2)
        x4 = self.down3(x3)
        x = self.up1(x4, x3)
        x = self.up2(x, x2)
        x = self.up3(x, x1)
        return self.outc(x)


model = UNet(1, 3)
''')

case('tut_unet_simple_convtranspose', (1, 64, 64), '''
def double_conv(in_c, out_c):
    return nn.Sequential(
        nn.Conv2d(in_c, out_c, kernel_size=3, padding=1),
        nn.ReLU(inplace=True),
        nn.Conv2d(out_c, out_c, kernel_size=3, padding=1),
        nn.ReLU(inplace=True),
    )


class UNet(nn.Module):
    def __init__(self, in_channels=1, out_channels=1, features=[16, 32, 64]):
        super(UNet, self).__init__()
        self.downs = nn.ModuleList()
        self.ups = nn.ModuleList()
        self.pool = nn.MaxPool2d(kernel_size=2, stride=2)

        for feature in features:
            self.downs.append(double_conv(in_channels, feature))
            in_channels = feature

        for feature in reversed(features):
            self.ups.append(nn.ConvTranspose2d(feature * 2, feature, kernel_size=2, stride=2))
            self.ups.append(double_conv(feature * 2, feature))

        self.bottleneck = double_conv(features[-1], features[-1] * 2)
        self.final_conv = nn.Conv2d(features[0], out_channels, kernel_size=1)

    def forward(self, x):
        skip_connections = []
        for down in self.downs:
            x = down(x)
            skip_connections.append(x)
            x = self.pool(x)

        x = self.bottleneck(x)
        skip_connections = skip_connections[::-1]

        for idx in range(0, len(self.ups), 2):
            x = self.ups[idx](x)
            skip_connection = skip_connections[idx // 2]
            concat_skip = torch.cat((skip_connection, x), dim=1)
            x = self.ups[idx + 1](concat_skip)

        return torch.sigmoid(self.final_conv(x))


model = UNet(in_channels=1, out_channels=1)
''')

case('tut_alexnet_class', (3, 224, 224), '''
class AlexNet(nn.Module):
    def __init__(self, num_classes=1000, dropout=0.5):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 64, kernel_size=11, stride=4, padding=2),
            nn.ReLU(inplace=True),
            nn.MaxPool2d(kernel_size=3, stride=2),
            nn.Conv2d(64, 192, kernel_size=5, padding=2),
            nn.ReLU(inplace=True),
            nn.MaxPool2d(kernel_size=3, stride=2),
            nn.Conv2d(192, 384, kernel_size=3, padding=1),
            nn.ReLU(inplace=True),
            nn.Conv2d(384, 256, kernel_size=3, padding=1),
            nn.ReLU(inplace=True),
            nn.Conv2d(256, 256, kernel_size=3, padding=1),
            nn.ReLU(inplace=True),
            nn.MaxPool2d(kernel_size=3, stride=2),
        )
        self.avgpool = nn.AdaptiveAvgPool2d((6, 6))
        self.classifier = nn.Sequential(
            nn.Dropout(p=dropout),
            nn.Linear(256 * 6 * 6, 4096),
            nn.ReLU(inplace=True),
            nn.Dropout(p=dropout),
            nn.Linear(4096, 4096),
            nn.ReLU(inplace=True),
            nn.Linear(4096, num_classes),
        )

    def forward(self, x):
        x = self.features(x)
        x = self.avgpool(x)
        x = torch.flatten(x, 1)
        x = self.classifier(x)
        return x


model = AlexNet()
''', note='alexnet: 61,100,840 parameters')

case('tut_mobilenetv2_inverted_residual', (3, 32, 32), '''
def _make_divisible(v, divisor, min_value=None):
    if min_value is None:
        min_value = divisor
    new_v = max(min_value, int(v + divisor / 2) // divisor * divisor)
    # Make sure that round down does not go down by more than 10%.
    if new_v < 0.9 * v:
        new_v += divisor
    return new_v


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
        self.stride = stride
        assert stride in [1, 2]

        hidden_dim = int(round(inp * expand_ratio))
        self.use_res_connect = self.stride == 1 and inp == oup

        layers = []
        if expand_ratio != 1:
            # pw
            layers.append(ConvBNReLU(inp, hidden_dim, kernel_size=1))
        layers.extend([
            # dw
            ConvBNReLU(hidden_dim, hidden_dim, stride=stride, groups=hidden_dim),
            # pw-linear
            nn.Conv2d(hidden_dim, oup, 1, 1, 0, bias=False),
            nn.BatchNorm2d(oup),
        ])
        self.conv = nn.Sequential(*layers)

    def forward(self, x):
        if self.use_res_connect:
            return x + self.conv(x)
        else:
            return self.conv(x)


class TinyMobileNetV2(nn.Module):
    def __init__(self, num_classes=10, width_mult=0.5):
        super().__init__()
        input_channel = _make_divisible(32 * width_mult, 8)
        last_channel = _make_divisible(320 * width_mult, 8)
        setting = [
            # t, c, n, s
            [1, 16, 1, 1],
            [6, 24, 2, 2],
            [6, 32, 3, 2],
        ]
        features = [ConvBNReLU(3, input_channel, stride=2)]
        for t, c, n, s in setting:
            output_channel = _make_divisible(c * width_mult, 8)
            for i in range(n):
                stride = s if i == 0 else 1
                features.append(InvertedResidual(input_channel, output_channel, stride, expand_ratio=t))
                input_channel = output_channel
        features.append(ConvBNReLU(input_channel, last_channel, kernel_size=1))
        self.features = nn.Sequential(*features)
        self.classifier = nn.Sequential(nn.Dropout(0.2), nn.Linear(last_channel, num_classes))

    def forward(self, x):
        x = self.features(x)
        x = x.mean([2, 3])
        x = self.classifier(x)
        return x


model = TinyMobileNetV2()
''')

case('tut_srcnn', (1, 33, 33), '''
class SRCNN(nn.Module):
    def __init__(self, num_channels=1):
        super(SRCNN, self).__init__()
        self.conv1 = nn.Conv2d(num_channels, 64, kernel_size=9, padding=9 // 2)
        self.conv2 = nn.Conv2d(64, 32, kernel_size=5, padding=5 // 2)
        self.conv3 = nn.Conv2d(32, num_channels, kernel_size=5, padding=5 // 2)
        self.relu = nn.ReLU(inplace=True)

    def forward(self, x):
        x = self.relu(self.conv1(x))
        x = self.relu(self.conv2(x))
        x = self.conv3(x)
        return x


model = SRCNN()
''')

case('tut_super_resolution_pixelshuffle', (1, 32, 32), '''
import torch.nn.init as init


class Net(nn.Module):
    def __init__(self, upscale_factor):
        super(Net, self).__init__()

        self.relu = nn.ReLU()
        self.conv1 = nn.Conv2d(1, 64, (5, 5), (1, 1), (2, 2))
        self.conv2 = nn.Conv2d(64, 64, (3, 3), (1, 1), (1, 1))
        self.conv3 = nn.Conv2d(64, 32, (3, 3), (1, 1), (1, 1))
        self.conv4 = nn.Conv2d(32, upscale_factor ** 2, (3, 3), (1, 1), (1, 1))
        self.pixel_shuffle = nn.PixelShuffle(upscale_factor)

        self._initialize_weights()

    def forward(self, x):
        x = self.relu(self.conv1(x))
        x = self.relu(self.conv2(x))
        x = self.relu(self.conv3(x))
        x = self.pixel_shuffle(self.conv4(x))
        return x

    def _initialize_weights(self):
        init.orthogonal_(self.conv1.weight, init.calculate_gain('relu'))
        init.orthogonal_(self.conv2.weight, init.calculate_gain('relu'))
        init.orthogonal_(self.conv3.weight, init.calculate_gain('relu'))
        init.orthogonal_(self.conv4.weight)


model = Net(upscale_factor=3)
''', note='pytorch/examples super_resolution (ESPCN-like); the init calls change no shape')

case('tut_espcn_tanh', (3, 17, 17), '''
class ESPCN(nn.Module):
    def __init__(self, scale_factor, num_channels=3):
        super(ESPCN, self).__init__()
        self.first_part = nn.Sequential(
            nn.Conv2d(num_channels, 64, kernel_size=5, padding=5//2),
            nn.Tanh(),
            nn.Conv2d(64, 32, kernel_size=3, padding=3//2),
            nn.Tanh(),
        )
        self.last_part = nn.Sequential(
            nn.Conv2d(32, num_channels * (scale_factor ** 2), kernel_size=3, padding=3 // 2),
            nn.PixelShuffle(scale_factor)
        )

    def forward(self, x):
        x = self.first_part(x)
        x = self.last_part(x)
        return x


model = ESPCN(scale_factor=2)
''')

case('tut_style_transfer_net', (3, 32, 32), '''
class ConvLayer(torch.nn.Module):
    def __init__(self, in_channels, out_channels, kernel_size, stride):
        super(ConvLayer, self).__init__()
        reflection_padding = kernel_size // 2
        self.reflection_pad = torch.nn.ReflectionPad2d(reflection_padding)
        self.conv2d = torch.nn.Conv2d(in_channels, out_channels, kernel_size, stride)

    def forward(self, x):
        out = self.reflection_pad(x)
        out = self.conv2d(out)
        return out


class ResidualBlock(torch.nn.Module):
    def __init__(self, channels):
        super(ResidualBlock, self).__init__()
        self.conv1 = ConvLayer(channels, channels, kernel_size=3, stride=1)
        self.in1 = torch.nn.InstanceNorm2d(channels, affine=True)
        self.conv2 = ConvLayer(channels, channels, kernel_size=3, stride=1)
        self.in2 = torch.nn.InstanceNorm2d(channels, affine=True)
        self.relu = torch.nn.ReLU()

    def forward(self, x):
        residual = x
        out = self.relu(self.in1(self.conv1(x)))
        out = self.in2(self.conv2(out))
        out = out + residual
        return out


class UpsampleConvLayer(torch.nn.Module):
    def __init__(self, in_channels, out_channels, kernel_size, stride, upsample=None):
        super(UpsampleConvLayer, self).__init__()
        self.upsample = upsample
        reflection_padding = kernel_size // 2
        self.reflection_pad = torch.nn.ReflectionPad2d(reflection_padding)
        self.conv2d = torch.nn.Conv2d(in_channels, out_channels, kernel_size, stride)

    def forward(self, x):
        x_in = x
        if self.upsample:
            x_in = torch.nn.functional.interpolate(x_in, mode='nearest', scale_factor=self.upsample)
        out = self.reflection_pad(x_in)
        out = self.conv2d(out)
        return out


class TransformerNet(torch.nn.Module):
    def __init__(self):
        super(TransformerNet, self).__init__()
        # Initial convolution layers
        self.conv1 = ConvLayer(3, 32, kernel_size=9, stride=1)
        self.in1 = torch.nn.InstanceNorm2d(32, affine=True)
        self.conv2 = ConvLayer(32, 64, kernel_size=3, stride=2)
        self.in2 = torch.nn.InstanceNorm2d(64, affine=True)
        self.conv3 = ConvLayer(64, 128, kernel_size=3, stride=2)
        self.in3 = torch.nn.InstanceNorm2d(128, affine=True)
        # Residual layers
        self.res1 = ResidualBlock(128)
        self.res2 = ResidualBlock(128)
        self.res3 = ResidualBlock(128)
        self.res4 = ResidualBlock(128)
        self.res5 = ResidualBlock(128)
        # Upsampling Layers
        self.deconv1 = UpsampleConvLayer(128, 64, kernel_size=3, stride=1, upsample=2)
        self.in4 = torch.nn.InstanceNorm2d(64, affine=True)
        self.deconv2 = UpsampleConvLayer(64, 32, kernel_size=3, stride=1, upsample=2)
        self.in5 = torch.nn.InstanceNorm2d(32, affine=True)
        self.deconv3 = ConvLayer(32, 3, kernel_size=9, stride=1)
        # Non-linearities
        self.relu = torch.nn.ReLU()

    def forward(self, X):
        y = self.relu(self.in1(self.conv1(X)))
        y = self.relu(self.in2(self.conv2(y)))
        y = self.relu(self.in3(self.conv3(y)))
        y = self.res1(y)
        y = self.res2(y)
        y = self.res3(y)
        y = self.res4(y)
        y = self.res5(y)
        y = self.relu(self.in4(self.deconv1(y)))
        y = self.relu(self.in5(self.deconv2(y)))
        y = self.deconv3(y)
        return y


style_model = TransformerNet()
''', head='import torch\n')

case('tut_conv_autoencoder', (1, 28, 28), '''
class Autoencoder(nn.Module):
    def __init__(self):
        super(Autoencoder, self).__init__()
        self.encoder = nn.Sequential(
            nn.Conv2d(1, 16, 3, stride=2, padding=1),  # b, 16, 14, 14
            nn.ReLU(True),
            nn.Conv2d(16, 32, 3, stride=2, padding=1),  # b, 32, 7, 7
            nn.ReLU(True),
            nn.Conv2d(32, 64, 7)  # b, 64, 1, 1
        )
        self.decoder = nn.Sequential(
            nn.ConvTranspose2d(64, 32, 7),  # b, 32, 7, 7
            nn.ReLU(True),
            nn.ConvTranspose2d(32, 16, 3, stride=2, padding=1, output_padding=1),  # b, 16, 14, 14
            nn.ReLU(True),
            nn.ConvTranspose2d(16, 1, 3, stride=2, padding=1, output_padding=1),  # b, 1, 28, 28
            nn.Sigmoid()
        )

    def forward(self, x):
        x = self.encoder(x)
        x = self.decoder(x)
        return x


model = Autoencoder()
''')

case('tut_conv_autoencoder_pool_upsample', (1, 28, 28), '''
class ConvAutoencoder(nn.Module):
    def __init__(self):
        super(ConvAutoencoder, self).__init__()
        ## encoder layers ##
        self.conv1 = nn.Conv2d(1, 16, 3, padding=1)
        self.conv2 = nn.Conv2d(16, 4, 3, padding=1)
        self.pool = nn.MaxPool2d(2, 2)
        ## decoder layers ##
        self.t_conv1 = nn.ConvTranspose2d(4, 16, 2, stride=2)
        self.t_conv2 = nn.ConvTranspose2d(16, 1, 2, stride=2)

    def forward(self, x):
        x = F.relu(self.conv1(x))
        x = self.pool(x)
        x = F.relu(self.conv2(x))
        x = self.pool(x)  # compressed representation
        x = F.relu(self.t_conv1(x))
        x = F.sigmoid(self.t_conv2(x))
        return x


model = ConvAutoencoder()
print(model)
''')

case('tut_linear_autoencoder', (1, 28, 28), '''
class AE(nn.Module):
    def __init__(self, latent=16):
        super().__init__()
        self.encoder = nn.Sequential(
            nn.Linear(28 * 28, 128), nn.ReLU(),
            nn.Linear(128, 64), nn.ReLU(),
            nn.Linear(64, latent),
        )
        self.decoder = nn.Sequential(
            nn.Linear(latent, 64), nn.ReLU(),
            nn.Linear(64, 128), nn.ReLU(),
            nn.Linear(128, 28 * 28), nn.Sigmoid(),
        )

    def forward(self, x):
        x = x.view(x.size(0), -1)
        encoded = self.encoder(x)
        decoded = self.decoder(encoded)
        return decoded.view(-1, 1, 28, 28)


model = AE()
''')


case('tut_yunjey_convnet', (1, 28, 28), '''
# Hyper-parameters
num_epochs = 5
num_classes = 10
batch_size = 100
learning_rate = 0.001


# Convolutional neural network (two convolutional layers)
class ConvNet(nn.Module):
    def __init__(self, num_classes=10):
        super(ConvNet, self).__init__()
        self.layer1 = nn.Sequential(
            nn.Conv2d(1, 16, kernel_size=5, stride=1, padding=2),
            nn.BatchNorm2d(16),
            nn.ReLU(),
            nn.MaxPool2d(kernel_size=2, stride=2))
        self.layer2 = nn.Sequential(
            nn.Conv2d(16, 32, kernel_size=5, stride=1, padding=2),
            nn.BatchNorm2d(32),
            nn.ReLU(),
            nn.MaxPool2d(kernel_size=2, stride=2))
        self.fc = nn.Linear(7*7*32, num_classes)

    def forward(self, x):
        out = self.layer1(x)
        out = self.layer2(out)
        out = out.reshape(out.size(0), -1)
        out = self.fc(out)
        return out


device = torch.device('cuda' if torch.cuda.is_available() else 'cpu')
model = ConvNet(num_classes).to(device)
''')

case('tut_yunjey_resnet', (3, 32, 32), '''
# 3x3 convolution
def conv3x3(in_channels, out_channels, stride=1):
    return nn.Conv2d(in_channels, out_channels, kernel_size=3,
                     stride=stride, padding=1, bias=False)


# Residual block
class ResidualBlock(nn.Module):
    def __init__(self, in_channels, out_channels, stride=1, downsample=None):
        super(ResidualBlock, self).__init__()
        self.conv1 = conv3x3(in_channels, out_channels, stride)
        self.bn1 = nn.BatchNorm2d(out_channels)
        self.relu = nn.ReLU(inplace=True)
        self.conv2 = conv3x3(out_channels, out_channels)
        self.bn2 = nn.BatchNorm2d(out_channels)
        self.downsample = downsample

    def forward(self, x):
        residual = x
        out = self.conv1(x)
        out = self.bn1(out)
        out = self.relu(out)
        out = self.conv2(out)
        out = self.bn2(out)
        if self.downsample:
            residual = self.downsample(x)
        out += residual
        out = self.relu(out)
        return out


# ResNet
class ResNet(nn.Module):
    def __init__(self, block, layers, num_classes=10):
        super(ResNet, self).__init__()
        self.in_channels = 16
        self.conv = conv3x3(3, 16)
        self.bn = nn.BatchNorm2d(16)
        self.relu = nn.ReLU(inplace=True)
        self.layer1 = self.make_layer(block, 16, layers[0])
        self.layer2 = self.make_layer(block, 32, layers[1], 2)
        self.layer3 = self.make_layer(block, 64, layers[2], 2)
        self.avg_pool = nn.AvgPool2d(8)
        self.fc = nn.Linear(64, num_classes)

    def make_layer(self, block, out_channels, blocks, stride=1):
        downsample = None
        if (stride != 1) or (self.in_channels != out_channels):
            downsample = nn.Sequential(
                conv3x3(self.in_channels, out_channels, stride=stride),
                nn.BatchNorm2d(out_channels))
        layers = []
        layers.append(block(self.in_channels, out_channels, stride, downsample))
        self.in_channels = out_channels
        for i in range(1, blocks):
            layers.append(block(out_channels, out_channels))
        return nn.Sequential(*layers)

    def forward(self, x):
        out = self.conv(x)
        out = self.bn(out)
        out = self.relu(out)
        out = self.layer1(out)
        out = self.layer2(out)
        out = self.layer3(out)
        out = self.avg_pool(out)
        out = out.view(out.size(0), -1)
        out = self.fc(out)
        return out


model = ResNet(ResidualBlock, [2, 2, 2])
''', note='`if self.downsample:` on a non-empty nn.Sequential (len > 0) is true')

case('tut_pix2pix_unet_recursive', (3, 64, 64), '''
class UnetSkipConnectionBlock(nn.Module):
    def __init__(self, outer_nc, inner_nc, input_nc=None,
                 submodule=None, outermost=False, innermost=False, norm_layer=nn.BatchNorm2d, use_dropout=False):
        super(UnetSkipConnectionBlock, self).__init__()
        self.outermost = outermost
        use_bias = norm_layer == nn.InstanceNorm2d
        if input_nc is None:
            input_nc = outer_nc
        downconv = nn.Conv2d(input_nc, inner_nc, kernel_size=4,
                             stride=2, padding=1, bias=use_bias)
        downrelu = nn.LeakyReLU(0.2, True)
        downnorm = norm_layer(inner_nc)
        uprelu = nn.ReLU(True)
        upnorm = norm_layer(outer_nc)

        if outermost:
            upconv = nn.ConvTranspose2d(inner_nc * 2, outer_nc,
                                        kernel_size=4, stride=2,
                                        padding=1)
            down = [downconv]
            up = [uprelu, upconv, nn.Tanh()]
            model = down + [submodule] + up
        elif innermost:
            upconv = nn.ConvTranspose2d(inner_nc, outer_nc,
                                        kernel_size=4, stride=2,
                                        padding=1, bias=use_bias)
            down = [downrelu, downconv]
            up = [uprelu, upconv, upnorm]
            model = down + up
        else:
            upconv = nn.ConvTranspose2d(inner_nc * 2, outer_nc,
                                        kernel_size=4, stride=2,
                                        padding=1, bias=use_bias)
            down = [downrelu, downconv, downnorm]
            up = [uprelu, upconv, upnorm]

            if use_dropout:
                model = down + [submodule] + up + [nn.Dropout(0.5)]
            else:
                model = down + [submodule] + up

        self.model = nn.Sequential(*model)

    def forward(self, x):
        if self.outermost:
            return self.model(x)
        else:   # add skip connections
            return torch.cat([x, self.model(x)], 1)


class UnetGenerator(nn.Module):
    def __init__(self, input_nc, output_nc, num_downs, ngf=64, norm_layer=nn.BatchNorm2d, use_dropout=False):
        super(UnetGenerator, self).__init__()
        # construct unet structure
        unet_block = UnetSkipConnectionBlock(ngf * 8, ngf * 8, input_nc=None, submodule=None, norm_layer=norm_layer, innermost=True)
        for i in range(num_downs - 5):
            unet_block = UnetSkipConnectionBlock(ngf * 8, ngf * 8, input_nc=None, submodule=unet_block, norm_layer=norm_layer, use_dropout=use_dropout)
        unet_block = UnetSkipConnectionBlock(ngf * 4, ngf * 8, input_nc=None, submodule=unet_block, norm_layer=norm_layer)
        unet_block = UnetSkipConnectionBlock(ngf * 2, ngf * 4, input_nc=None, submodule=unet_block, norm_layer=norm_layer)
        unet_block = UnetSkipConnectionBlock(ngf, ngf * 2, input_nc=None, submodule=unet_block, norm_layer=norm_layer)
        self.model = UnetSkipConnectionBlock(output_nc, ngf, input_nc=input_nc, submodule=unet_block, outermost=True, norm_layer=norm_layer)

    def forward(self, input):
        return self.model(input)


netG = UnetGenerator(3, 3, 6, ngf=8, use_dropout=True)
''', note='recursive U-Net (pix2pix style): module paths nest model.model.1.model.3...; the innermost downnorm is '
          'built but never registered (not in state_dict)')

case('tut_squeezenet_fire', (3, 64, 64), '''
class Fire(nn.Module):

    def __init__(self, inplanes, squeeze_planes, expand1x1_planes, expand3x3_planes):
        super(Fire, self).__init__()
        self.inplanes = inplanes
        self.squeeze = nn.Conv2d(inplanes, squeeze_planes, kernel_size=1)
        self.squeeze_activation = nn.ReLU(inplace=True)
        self.expand1x1 = nn.Conv2d(squeeze_planes, expand1x1_planes, kernel_size=1)
        self.expand1x1_activation = nn.ReLU(inplace=True)
        self.expand3x3 = nn.Conv2d(squeeze_planes, expand3x3_planes, kernel_size=3, padding=1)
        self.expand3x3_activation = nn.ReLU(inplace=True)

    def forward(self, x):
        x = self.squeeze_activation(self.squeeze(x))
        return torch.cat([
            self.expand1x1_activation(self.expand1x1(x)),
            self.expand3x3_activation(self.expand3x3(x))
        ], 1)


class SqueezeNetLite(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 64, kernel_size=3, stride=2),
            nn.ReLU(inplace=True),
            nn.MaxPool2d(kernel_size=3, stride=2, ceil_mode=True),
            Fire(64, 16, 64, 64),
            Fire(128, 16, 64, 64),
            nn.MaxPool2d(kernel_size=3, stride=2, ceil_mode=True),
            Fire(128, 32, 128, 128),
        )
        final_conv = nn.Conv2d(256, num_classes, kernel_size=1)
        self.classifier = nn.Sequential(
            nn.Dropout(p=0.5), final_conv, nn.ReLU(inplace=True), nn.AdaptiveAvgPool2d((1, 1))
        )

    def forward(self, x):
        x = self.features(x)
        x = self.classifier(x)
        return torch.flatten(x, 1)


model = SqueezeNetLite()
''')

case('tut_densenet_block', (3, 32, 32), '''
class Bottleneck(nn.Module):
    def __init__(self, in_planes, growth_rate):
        super(Bottleneck, self).__init__()
        self.bn1 = nn.BatchNorm2d(in_planes)
        self.conv1 = nn.Conv2d(in_planes, 4*growth_rate, kernel_size=1, bias=False)
        self.bn2 = nn.BatchNorm2d(4*growth_rate)
        self.conv2 = nn.Conv2d(4*growth_rate, growth_rate, kernel_size=3, padding=1, bias=False)

    def forward(self, x):
        out = self.conv1(F.relu(self.bn1(x)))
        out = self.conv2(F.relu(self.bn2(out)))
        out = torch.cat([out,x], 1)
        return out


class Transition(nn.Module):
    def __init__(self, in_planes, out_planes):
        super(Transition, self).__init__()
        self.bn = nn.BatchNorm2d(in_planes)
        self.conv = nn.Conv2d(in_planes, out_planes, kernel_size=1, bias=False)

    def forward(self, x):
        out = self.conv(F.relu(self.bn(x)))
        out = F.avg_pool2d(out, 2)
        return out


class DenseNet(nn.Module):
    def __init__(self, block, nblocks, growth_rate=12, reduction=0.5, num_classes=10):
        super(DenseNet, self).__init__()
        self.growth_rate = growth_rate

        num_planes = 2*growth_rate
        self.conv1 = nn.Conv2d(3, num_planes, kernel_size=3, padding=1, bias=False)

        self.dense1 = self._make_dense_layers(block, num_planes, nblocks[0])
        num_planes += nblocks[0]*growth_rate
        out_planes = int(math.floor(num_planes*reduction))
        self.trans1 = Transition(num_planes, out_planes)
        num_planes = out_planes

        self.dense2 = self._make_dense_layers(block, num_planes, nblocks[1])
        num_planes += nblocks[1]*growth_rate

        self.bn = nn.BatchNorm2d(num_planes)
        self.linear = nn.Linear(num_planes, num_classes)

    def _make_dense_layers(self, block, in_planes, nblock):
        layers = []
        for i in range(nblock):
            layers.append(block(in_planes, self.growth_rate))
            in_planes += self.growth_rate
        return nn.Sequential(*layers)

    def forward(self, x):
        out = self.conv1(x)
        out = self.trans1(self.dense1(out))
        out = self.dense2(out)
        out = F.avg_pool2d(F.relu(self.bn(out)), 16)
        out = out.view(out.size(0), -1)
        out = self.linear(out)
        return out


net = DenseNet(Bottleneck, [3, 3])
''', head='import math\n\nimport torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n')

case('tut_se_block', (16, 8, 8), '''
class SELayer(nn.Module):
    def __init__(self, channel, reduction=4):
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


class SEBasicBlock(nn.Module):
    def __init__(self, planes):
        super().__init__()
        self.conv1 = nn.Conv2d(planes, planes, 3, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.se = SELayer(planes)

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.se(self.bn2(self.conv2(out)))
        return F.relu(out + x)


model = SEBasicBlock(16)
''')

case('tut_cbam_attention', (8, 10, 10), '''
class ChannelAttention(nn.Module):
    def __init__(self, in_planes, ratio=4):
        super(ChannelAttention, self).__init__()
        self.avg_pool = nn.AdaptiveAvgPool2d(1)
        self.max_pool = nn.AdaptiveMaxPool2d(1)
        self.fc1 = nn.Conv2d(in_planes, in_planes // ratio, 1, bias=False)
        self.relu1 = nn.ReLU()
        self.fc2 = nn.Conv2d(in_planes // ratio, in_planes, 1, bias=False)
        self.sigmoid = nn.Sigmoid()

    def forward(self, x):
        avg_out = self.fc2(self.relu1(self.fc1(self.avg_pool(x))))
        max_out = self.fc2(self.relu1(self.fc1(self.max_pool(x))))
        out = avg_out + max_out
        return self.sigmoid(out)


class SpatialAttention(nn.Module):
    def __init__(self, kernel_size=7):
        super(SpatialAttention, self).__init__()
        padding = 3 if kernel_size == 7 else 1
        self.conv1 = nn.Conv2d(2, 1, kernel_size, padding=padding, bias=False)
        self.sigmoid = nn.Sigmoid()

    def forward(self, x):
        avg_out = torch.mean(x, dim=1, keepdim=True)
        max_out, _ = torch.max(x, dim=1, keepdim=True)
        x = torch.cat([avg_out, max_out], dim=1)
        x = self.conv1(x)
        return self.sigmoid(x)


class CBAM(nn.Module):
    def __init__(self, planes):
        super().__init__()
        self.ca = ChannelAttention(planes)
        self.sa = SpatialAttention()

    def forward(self, x):
        x = self.ca(x) * x
        x = self.sa(x) * x
        return x


model = CBAM(8)
''', note='fc1/fc2/relu1 are called twice (fc1_1, relu1_1, fc2_1); `max_out, _ = torch.max(...)` unpacks into '
          'getitem nodes')

case('tut_gan_mlp_discriminator', (1, 28, 28), '''
img_shape = (1, 28, 28)


class Discriminator(nn.Module):
    def __init__(self):
        super(Discriminator, self).__init__()

        self.model = nn.Sequential(
            nn.Linear(int(np.prod(img_shape)), 512),
            nn.LeakyReLU(0.2, inplace=True),
            nn.Linear(512, 256),
            nn.LeakyReLU(0.2, inplace=True),
            nn.Linear(256, 1),
            nn.Sigmoid(),
        )

    def forward(self, img):
        img_flat = img.view(img.size(0), -1)
        validity = self.model(img_flat)

        return validity


discriminator = Discriminator()
''', head='import numpy as np\n\nimport torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n',
     note='uses numpy (np.prod) in __init__')

case('tut_gan_mlp_generator_star_shape', (1, 1, 100), '''
img_shape = (1, 28, 28)
latent_dim = 100


class Generator(nn.Module):
    def __init__(self):
        super(Generator, self).__init__()

        def block(in_feat, out_feat, normalize=True):
            layers = [nn.Linear(in_feat, out_feat)]
            if normalize:
                layers.append(nn.BatchNorm1d(out_feat, 0.8))
            layers.append(nn.LeakyReLU(0.2, inplace=True))
            return layers

        self.model = nn.Sequential(
            *block(latent_dim, 128, normalize=False),
            *block(128, 256),
            *block(256, 512),
            nn.Linear(512, 784),
            nn.Tanh()
        )

    def forward(self, z):
        z = z.view(z.size(0), -1)
        img = self.model(z)
        img = img.view(img.size(0), *img_shape)
        return img


generator = Generator()
''', note='a nested def inside __init__ returning lists, *unpacked twice; BatchNorm1d(out_feat, 0.8) sets eps=0.8; '
          'view(img.size(0), *img_shape). Input (1, 1, 100) is flattened by the first view')


# --- refused by torch -------------------------------------------------------------------------------------------
case('err_linear_in_features', (3, 32, 32), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 6, 5)
        self.pool = nn.MaxPool2d(2, 2)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(16 * 6 * 6, 120)
        self.fc2 = nn.Linear(120, 10)

    def forward(self, x):
        x = self.pool(F.relu(self.conv1(x)))
        x = self.pool(F.relu(self.conv2(x)))
        x = torch.flatten(x, 1)
        x = F.relu(self.fc1(x))
        return self.fc2(x)


net = Net()
''')

case('err_linear_on_4d_forgot_flatten', (3, 16, 16), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, padding=1)
        self.pool = nn.MaxPool2d(2)
        self.fc = nn.Linear(8 * 8 * 8, 10)

    def forward(self, x):
        x = self.pool(F.relu(self.conv(x)))
        return self.fc(x)


model = Net()
''', note='Linear multiplies the last axis: (1*8*8 x 8) by (512 x 10)')

case('err_cat_size_mismatch', (3, 15, 15), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.enc = nn.Conv2d(3, 8, 3, padding=1)
        self.down = nn.MaxPool2d(2)
        self.mid = nn.Conv2d(8, 8, 3, padding=1)
        self.up = nn.ConvTranspose2d(8, 8, 2, stride=2)
        self.dec = nn.Conv2d(16, 1, 1)

    def forward(self, x):
        e = F.relu(self.enc(x))
        m = F.relu(self.mid(self.down(e)))
        u = self.up(m)
        return self.dec(torch.cat([e, u], dim=1))


model = Net()
''', note='15 -> 7 -> 14: the skip and the upsampled map differ in size')

case('err_add_mismatch_no_downsample', (8, 16, 16), '''
class Block(nn.Module):
    def __init__(self, ch, stride=1):
        super().__init__()
        self.conv1 = nn.Conv2d(ch, ch, 3, stride=stride, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(ch)
        self.conv2 = nn.Conv2d(ch, ch, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(ch)

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        out += x
        return F.relu(out)


model = nn.Sequential(Block(8), Block(8, stride=2))
''', note='a strided block without a downsample path: `out += x` fails')

case('err_mul_broadcast', (4, 8, 8), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = nn.Conv2d(4, 4, 3, padding=1)
        self.b = nn.Conv2d(4, 4, 3)

    def forward(self, x):
        return self.a(x) * self.b(x)


model = Net()
''')

case('err_in_channels', (3, 28, 28), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 6, 5)
        self.conv2 = nn.Conv2d(8, 16, 5)

    def forward(self, x):
        return self.conv2(F.relu(self.conv1(x)))


model = Net()
''')

case('err_in_channels_grayscale_input', (1, 32, 32), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 6, 5)
        self.pool = nn.MaxPool2d(2, 2)

    def forward(self, x):
        return self.pool(F.relu(self.conv1(x)))


net = Net()
''')

case('err_view_invalid_size', (3, 28, 28), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 6, 5)
        self.pool = nn.MaxPool2d(2, 2)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)

    def forward(self, x):
        x = self.pool(F.relu(self.conv1(x)))
        x = self.pool(F.relu(self.conv2(x)))
        x = x.view(-1, 16 * 5 * 5)
        return self.fc1(x)


net = Net()
''', note='28x28 gives 16x4x4 = 256 features, not 400')

case('err_view_batch_times_features', (3, 32, 32), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, padding=1)

    def forward(self, x):
        x = self.conv(x)
        return x.view(x.size(0), 8, 16, 16)


model = Net()
''')

case('err_view_noncontiguous', (4, 6, 6), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 4)

    def forward(self, x):
        x = x.permute(0, 2, 3, 1)
        x = self.fc(x)
        x = x.permute(0, 3, 1, 2)
        return x.view(x.size(0), -1)


model = Net()
''')

case('err_reshape_invalid', (4, 5, 5), '''
class Net(nn.Module):
    def forward(self, x):
        return x.reshape(-1, 7)


model = Net()
''')

case('err_groups_in_channels_ctor', (6, 8, 8), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.dw = nn.Conv2d(6, 12, 3, groups=4)

    def forward(self, x):
        return self.dw(x)


model = Net()
''')

case('err_groups_out_channels_ctor', (8, 8, 8), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(8, 6, 3, groups=4)

    def forward(self, x):
        return self.conv(x)


model = Net()
''')

case('err_same_padding_strided_ctor', (3, 8, 8), '''
model = nn.Sequential(nn.Conv2d(3, 8, 3, stride=2, padding='same'))
''')

case('err_reflection_pad_too_large', (3, 6, 6), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, stride=2)
        self.pad = nn.ReflectionPad2d(3)

    def forward(self, x):
        return self.pad(self.conv(x))


model = Net()
''', note='reflection padding must be smaller than the input dimension (here 2)')

case('err_conv_kernel_larger_than_input', (3, 16, 16), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 8, 5)
        self.pool = nn.MaxPool2d(2)
        self.conv2 = nn.Conv2d(8, 16, 5)
        self.conv3 = nn.Conv2d(16, 16, 5)

    def forward(self, x):
        x = self.pool(F.relu(self.conv1(x)))
        x = F.relu(self.conv2(x))
        return self.conv3(x)


model = Net()
''')

case('err_maxpool_output_too_small', (3, 8, 8), '''
model = nn.Sequential(
    nn.Conv2d(3, 4, 3),
    nn.MaxPool2d(2),
    nn.MaxPool2d(2),
    nn.MaxPool2d(2),
)
''')

case('err_avgpool_pad_over_half', (3, 8, 8), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 3)
        self.pool = nn.AvgPool2d(2, padding=2)

    def forward(self, x):
        return self.pool(self.conv(x))


model = Net()
''')

case('err_batchnorm_channels', (3, 8, 8), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 16, 3)
        self.bn = nn.BatchNorm2d(32)

    def forward(self, x):
        return F.relu(self.bn(self.conv(x)))


model = Net()
''')

case('err_groupnorm_ctor', (16, 4, 4), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.gn = nn.GroupNorm(3, 16)

    def forward(self, x):
        return self.gn(x)


model = Net()
''')

case('err_groupnorm_channels_runtime', (6, 4, 4), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(6, 6, 1)
        self.gn = nn.GroupNorm(4, 8)

    def forward(self, x):
        return self.gn(self.conv(x))


model = Net()
''')

case('err_instancenorm_affine_channels', (4, 6, 6), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.norm = nn.InstanceNorm2d(8, affine=True)

    def forward(self, x):
        return self.norm(x)


model = Net()
''')

case('err_pixel_shuffle_channels', (3, 8, 8), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 12, 3, padding=1)
        self.ps = nn.PixelShuffle(3)

    def forward(self, x):
        return self.ps(self.conv(x))


model = Net()
''')

case('err_flatten_then_conv', (3, 8, 8), '''
model = nn.Sequential(
    nn.Conv2d(3, 4, 3),
    nn.Flatten(),
    nn.Conv2d(4, 4, 3),
)
''')

case('err_conv_transpose_output_padding', (4, 5, 5), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.up = nn.ConvTranspose2d(4, 2, 3, stride=2, output_padding=2)

    def forward(self, x):
        return self.up(x)


model = Net()
''', note='output_padding must be smaller than stride or dilation; torch checks it only when run')

case('err_softmax_dim_out_of_range', (4, 5, 5), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(100, 10)

    def forward(self, x):
        x = torch.flatten(x, 1)
        x = self.fc(x)
        return F.softmax(x, dim=2)


model = Net()
''')

case('err_mean_dim_after_flatten', (4, 5, 5), '''
class Net(nn.Module):
    def forward(self, x):
        x = x.flatten(1)
        return x.mean(dim=(2, 3))


model = Net()
''')

case('err_cat_dim_out_of_range', (2, 4, 4), '''
class Net(nn.Module):
    def forward(self, x):
        return torch.cat([x, x], dim=4)


model = Net()
''')

case('err_constant_pad_negative', (2, 4, 4), '''
model = nn.Sequential(nn.ConstantPad2d((-3, -2, 0, 0), 1.0))
''')

case('err_upsample_no_size', (2, 4, 4), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.up = nn.Upsample(mode='nearest')

    def forward(self, x):
        return self.up(x)


model = Net()
''')

case('err_interpolate_bilinear_2d', (4, 3, 3), '''
class Net(nn.Module):
    def forward(self, x):
        x = torch.flatten(x, 1)
        return F.interpolate(x, scale_factor=2, mode='bilinear')


model = Net()
''')

case('err_add_module_dotted_name', (3, 8, 8), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        for i in range(2):
            self.add_module('conv.{}'.format(i), nn.Conv2d(3, 3, 3))

    def forward(self, x):
        return x


model = Net()
''')

case('err_modulelist_called', (3, 8, 8), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = nn.ModuleList([nn.Conv2d(3, 4, 3), nn.ReLU()])

    def forward(self, x):
        return self.layers(x)


model = Net()
''', note='a ModuleList has no forward; fx records the call (ModuleList is a torch.nn leaf) and it fails when run')

case('err_missing_attribute', (3, 8, 8), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 4, 3)
        self.conv2 = nn.Conv2d(4, 4, 3)

    def forward(self, x):
        x = F.relu(self.conv1(x))
        x = F.relu(self.conv2(x))
        return self.conv3(x)


model = Net()
''', note='a Python error outside any node: error_node is null, layers lists the rows computed before it')

case('err_linear_in_features_tutorial_28', (1, 28, 28), '''
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
        return x

    def num_flat_features(self, x):
        size = x.size()[1:]
        num_features = 1
        for s in size:
            num_features *= s
        return num_features


net = Net()
''', note='the LeNet tutorial fed 28x28 instead of 32x32: 16*4*4 = 256 features reach fc1 (concrete trace)')


# --- torchvision application calls (truth from torchvision 0.14 itself) -----------------------------------------
TV = (3, 224, 224)
case('tv_resnet18_num_classes10', TV, '''
import torchvision.models as models

model = models.resnet18(num_classes=10)
''', head='import torch\n')

case('tv_resnet18_weights_none', TV, '''
import torchvision

model = torchvision.models.resnet18(weights=None)
model.eval()
''', head='import torch\n')

case('tv_resnet18_pretrained_false', TV, '''
from torchvision import models

net = models.resnet18(pretrained=False)
''', head='import torch\n', note="torchvision 0.14 warns that 'pretrained' is deprecated; pretrained=False means "
                                  "weights=None")

case('tv_resnet18_finetune_fc', TV, '''
import torchvision
from torchvision import models

model_ft = models.resnet18(weights=None)
num_ftrs = model_ft.fc.in_features
# Here the size of each output sample is set to 2.
model_ft.fc = nn.Linear(num_ftrs, 2)
''', head='import torch\nimport torch.nn as nn\n', note='transfer-learning tutorial: the replaced fc keeps its name')

case('tv_resnet18_fixed_feature_extractor', TV, '''
import torchvision

model_conv = torchvision.models.resnet18(weights=None)
for param in model_conv.parameters():
    param.requires_grad = False

# Parameters of newly constructed modules have requires_grad=True by default
num_ftrs = model_conv.fc.in_features
model_conv.fc = nn.Linear(num_ftrs, 10)
''', head='import torch\nimport torch.nn as nn\n', note='total_params counts every parameter, frozen or not')

case('tv_resnet34', TV, '''
from torchvision.models import resnet34

net = resnet34(weights=None)
''', head='import torch\n')

case('tv_resnet50', TV, '''
from torchvision import models

model = models.resnet50(weights=None)
''', head='import torch\n')

case('tv_resnet50_num_classes10', TV, '''
import torchvision.models as models

model = models.resnet50(weights=None, num_classes=10)
''', head='import torch\n')

case('tv_vgg11', TV, '''
import torchvision.models as models

model = models.vgg11(weights=None)
''', head='import torch\n')

case('tv_vgg16', TV, '''
import torchvision

vgg = torchvision.models.vgg16(weights=None)
''', head='import torch\n')

case('tv_vgg16_num_classes10', TV, '''
from torchvision.models import vgg16

model = vgg16(num_classes=10)
''', head='import torch\n')

case('tv_vgg16_replace_last_layer', TV, '''
import torchvision.models as models

model = models.vgg16(weights=None)
model.classifier[6] = nn.Linear(4096, 10)
''', head='import torch\nimport torch.nn as nn\n')

case('tv_alexnet', TV, '''
import torchvision.models as models

alexnet = models.alexnet(weights=None)
''', head='import torch\n')

case('tv_alexnet_num_classes10', TV, '''
import torchvision.models as models

model = models.alexnet(num_classes=10)
''', head='import torch\n')

case('tv_mobilenet_v2', TV, '''
import torchvision.models as models

model = models.mobilenet_v2(weights=None)
''', head='import torch\n')

case('tv_mobilenet_v2_num_classes10', TV, '''
from torchvision.models import mobilenet_v2

model = mobilenet_v2(num_classes=10)
''', head='import torch\n')

case('tv_mobilenet_v2_replace_classifier', TV, '''
import torchvision

model = torchvision.models.mobilenet_v2(weights=None)
model.classifier[1] = nn.Linear(model.last_channel, 5)
''', head='import torch\nimport torch.nn as nn\n')


# --- round 4: PReLU, LayerNorm, LocalResponseNorm, ChannelShuffle, Conv2d padding_mode, in both spellings -------
case('fn_norms_shuffle_functional', (6, 8, 8), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(6, 12, 3, padding=1)

    def forward(self, x):
        x = F.local_response_norm(self.conv(x), 5, alpha=1e-3)
        x = F.channel_shuffle(x, 3)
        x = torch.channel_shuffle(x, 4)
        x = F.alpha_dropout(x, 0.1, self.training)
        return F.layer_norm(x, x.shape[2:])


model = Net()
''', note='F.layer_norm has no weights (nn.LayerNorm has); F.channel_shuffle and torch.channel_shuffle are one op')

case('tut_vit_patch_embedding_layernorm', (3, 32, 32), '''
class PatchEmbed(nn.Module):
    def __init__(self, patch=8, in_chans=3, dim=48):
        super().__init__()
        self.proj = nn.Conv2d(in_chans, dim, kernel_size=patch, stride=patch)
        self.norm = nn.LayerNorm(dim)

    def forward(self, x):
        x = self.proj(x).flatten(2).transpose(1, 2)
        return self.norm(x)


class Net(nn.Module):
    def __init__(self, num_classes=10, dim=48):
        super().__init__()
        self.embed = PatchEmbed(dim=dim)
        self.mlp = nn.Sequential(nn.Linear(dim, dim * 2), nn.GELU(), nn.Linear(dim * 2, dim))
        self.norm = nn.LayerNorm(dim, eps=1e-6)
        self.act = nn.PReLU()
        self.head = nn.Linear(dim, num_classes)

    def forward(self, x):
        x = self.embed(x)
        x = x + self.mlp(x)
        x = self.act(self.norm(x))
        return self.head(x.mean(dim=1))


model = Net()
''', note='ViT-style: LayerNorm over the embedding of each patch; PReLU on a (tokens, dim) tensor has one slope')

case('tut_alexnet_lrn_shufflenet_unit', (3, 64, 64), '''
class ShuffleUnit(nn.Module):
    def __init__(self, channels, groups):
        super().__init__()
        mid = channels // 4
        self.gconv1 = nn.Conv2d(channels, mid, 1, groups=groups, bias=False)
        self.bn1 = nn.BatchNorm2d(mid)
        self.shuffle = nn.ChannelShuffle(groups)
        self.dw = nn.Conv2d(mid, mid, 3, padding=1, groups=mid, bias=False)
        self.bn2 = nn.BatchNorm2d(mid)
        self.gconv2 = nn.Conv2d(mid, channels, 1, groups=groups, bias=False)
        self.bn3 = nn.BatchNorm2d(channels)

    def forward(self, x):
        out = self.shuffle(F.relu(self.bn1(self.gconv1(x))))
        out = self.bn3(self.gconv2(self.bn2(self.dw(out))))
        return F.relu(x + out)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 24, kernel_size=5, stride=2, padding=2, padding_mode='reflect'),
            nn.PReLU(24),
            nn.LocalResponseNorm(size=5, alpha=1e-4, beta=0.75, k=2.0),
            nn.MaxPool2d(3, 2),
            ShuffleUnit(24, 3),
            nn.Conv2d(24, 24, 3, padding=1, padding_mode='replicate'),
            nn.Conv2d(24, 24, 3, padding=1, padding_mode='circular'),
        )

    def forward(self, x):
        return self.features(x)


model = Net()
''', note='AlexNet-style LRN after the first convolution, a ShuffleNet unit, the three padding modes')

case('err_prelu_channels', (3, 8, 8), '''
model = nn.Sequential(nn.Conv2d(3, 4, 3), nn.PReLU(num_parameters=3))
''')

case('err_layer_norm_shape', (3, 8, 8), '''
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3)
        self.norm = nn.LayerNorm([8, 8, 8])

    def forward(self, x):
        return self.norm(self.conv(x))


model = Net()
''', note='normalized_shape must be the last sizes of the input: the convolution gives (8, 6, 6)')

case('err_channel_shuffle_groups', (3, 8, 8), '''
model = nn.Sequential(nn.Conv2d(3, 10, 1), nn.ChannelShuffle(4))
''')

case('err_conv_reflect_padding_too_large', (3, 4, 4), '''
model = nn.Sequential(nn.Conv2d(3, 8, 3, padding=4, padding_mode='reflect'))
''')

case('err_lrn_after_flatten', (3, 4, 4), '''
model = nn.Sequential(nn.Flatten(), nn.LocalResponseNorm(2))
''')

# --- ConvLens' own application files (resources/applications/torchvision), called as a user would -------------
APPS = os.path.normpath(os.path.join(HERE, '..', '..', '..', 'resources', 'applications', 'torchvision'))


def app_case(case_id, file, call, input_shape=(3, 224, 224), note=None):
    with open(os.path.join(APPS, file)) as f:
        case(case_id, input_shape, f.read(), call=call, head=None,
             note=(note + '. ' if note else '') + f'code is resources/applications/torchvision/{file}')


app_case('app_alexnet', 'alexnet.py', 'alexnet()')
app_case('app_vgg11', 'vgg.py', 'vgg11(weights=None)')
app_case('app_vgg16_bn_num_classes10', 'vgg.py', 'vgg16_bn(num_classes=10)')
app_case('app_resnet18', 'resnet.py', 'resnet18()')
app_case('app_resnet34_num_classes10', 'resnet.py', 'resnet34(num_classes=10)', input_shape=(3, 96, 96))
app_case('app_resnet50', 'resnet.py', 'resnet50(weights=None)')
app_case('app_mobilenet_v2', 'mobilenet_v2.py', 'mobilenet_v2()')
app_case('app_mobilenet_v2_width_half', 'mobilenet_v2.py', 'mobilenet_v2(num_classes=10, width_mult=0.5)',
         input_shape=(3, 96, 96))


# ------------------------------------------------------------------------------------------------------------
def static_model_var(code):
    for stmt in reversed(ast.parse(code).body):
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
            return stmt.targets[0].id
    return None


def run_case(c):
    torch.manual_seed(0)
    result = {'id': c['id'], 'framework': 'pytorch', 'code': c['code'], 'call': c['call'], 'model_var': None,
              'input_shape': c['input_shape'], 'ok': False, 'trace': None, 'total_params': None, 'layers': [],
              'state_dict': None, 'error': None, 'error_node': None}
    note = c['note']
    try:
        ns, model, var = run_code(c['code'], c['id'], c['call'])
    except Exception as e:  # noqa: BLE001 - the constructor refused
        result['model_var'] = None if c['call'] else static_model_var(c['code'])
        result['error'] = str(e)
        if note:
            result['note'] = note
        return result
    result['model_var'] = var
    result['total_params'] = sum(p.numel() for p in model.parameters())
    result['state_dict'] = [[k, list(v.shape)] for k, v in model.state_dict().items()]
    r = trace_model(model, c['input_shape'])
    result['trace'] = r['trace']
    result['layers'] = r['rows']
    result['error'] = r['error']
    result['error_node'] = r['error_node']
    result['ok'] = r['error'] is None
    if r['trace'] == 'concrete':
        reason = 'symbolic_trace fails: ' + r['fx_failure'].split('\n')[0].split('. ')[0].rstrip('.')
        note = f'{note}. {reason}' if note else reason
    if note:
        result['note'] = note
    return result


def dump(doc):
    """JSON with one line per layer row and per state_dict entry (indent 1 elsewhere, like the other corpora)."""
    out = ['{']
    top = [(k, v) for k, v in doc.items() if k != 'cases']
    for k, v in top:
        out.append(f' {json.dumps(k)}: {json.dumps(v)},')
    out.append(' "cases": [')
    for ci, c in enumerate(doc['cases']):
        out.append('  {')
        keys = list(c.keys())
        for ki, k in enumerate(keys):
            v = c[k]
            comma = ',' if ki < len(keys) - 1 else ''
            if k in ('layers', 'state_dict') and v:
                out.append(f'   {json.dumps(k)}: [')
                for i, item in enumerate(v):
                    out.append('    ' + json.dumps(item) + (',' if i < len(v) - 1 else ''))
                out.append('   ]' + comma)
            else:
                out.append(f'   {json.dumps(k)}: {json.dumps(v)}{comma}')
        out.append('  }' + (',' if ci < len(doc['cases']) - 1 else ''))
    out.append(' ]')
    out.append('}')
    return '\n'.join(out) + '\n'


def main(argv):
    torch.set_num_threads(1)
    only = set(argv[1:])
    ids = [c['id'] for c in CASES]
    dup = {i for i in ids if ids.count(i) > 1}
    if dup:
        sys.exit(f'duplicate ids: {sorted(dup)}')
    results = []
    failures = 0
    t0 = time.time()
    for c in CASES:
        if only and c['id'] not in only:
            continue
        t = time.time()
        try:
            results.append(run_case(c))
        except AssertionError as e:
            failures += 1
            print(f'FAIL {c["id"]}: {e}', file=sys.stderr)
            continue
        dt = time.time() - t
        if dt > 2 or only:
            print(f'{c["id"]}: {dt:.1f} s', file=sys.stderr)
    if failures:
        sys.exit(f'{failures} case(s) failed the fx/concrete or batch cross-checks')
    if only:            # a quick look at some cases: printed, the corpus file is left alone
        print(dump({'cases': results}))
        return
    doc = {'generator': 'gen_torch_modules.py',
           'reference': f'torch 1.13.1 + torchvision 0.14.1 (Debian; torch.__version__ = {torch.__version__})',
           'regenerate': 'cd tests/golden/modules && /usr/bin/python3 gen_torch_modules.py',
           'cases': results}
    with open(OUT, 'w') as f:
        f.write(dump(doc))
    ok = sum(r['ok'] for r in results)
    ctor = sum(1 for r in results if not r['ok'] and r['error_node'] is None and r['state_dict'] is None)
    fx = sum(r['trace'] == 'fx' for r in results)
    conc = sum(r['trace'] == 'concrete' for r in results)
    cats = {}
    for r in results:
        cat = r['id'].split('_')[0]
        cats[cat] = cats.get(cat, 0) + 1
    print(f'{len(results)} cases: {ok} accepted, {len(results) - ok} refused ({ctor} by the constructor); '
          f'rows by fx {fx}, concrete {conc}; by prefix {cats}; {time.time() - t0:.1f} s', file=sys.stderr)


if __name__ == '__main__':
    main(sys.argv)
