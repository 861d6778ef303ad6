"""Tracing of Lambda functions and custom-layer call() bodies.

Inside a Lambda or a custom layer's call(), tensors are TraceTensors: every TensorFlow / Keras-backend op applied
to them is recorded as a node of a small graph (JSON), which the Node side evaluates with the equivalent tfjs ops
(gen_keras_modules.mjs, evalGraph). The shapes computed here only serve the traced Python code itself
(x.shape inside the body); the Node side recomputes every node with tfjs and aborts the generator when a shape
differs. Built-in layers called inside a body become "layer" nodes, whose output shape is asked from tfjs.
"""
import math

_G = None  # the graph being recorded


class TraceError(Exception):
    pass


def _core():
    from . import core
    return core


class BatchDim:
    """tf.shape(x)[0]: the run-time batch size."""

    def __repr__(self):
        return "<batch>"

    def _bad(self, *a):
        raise _core().ShimError("arithmetic on the run-time batch size")

    __add__ = __radd__ = __mul__ = __rmul__ = __floordiv__ = __truediv__ = __sub__ = __rsub__ = _bad


BATCH = BatchDim()


class Graph:
    def __init__(self):
        self.nodes = []
        self.sublayers = {}
        self.weights = {}  # owner layer id -> [specs]
        self._wcache = {}

    def add(self, op, shape, **attrs):
        node = {"op": op, "shape": None if shape is None else [None if d is None else int(d) for d in shape]}
        node.update(attrs)
        self.nodes.append(node)
        return TraceTensor(self, len(self.nodes) - 1, node["shape"])

    def weight_node(self, ref):
        key = (ref.owner._shim_id, ref.index)
        if key not in self._wcache:
            self.weights[str(ref.owner._shim_id)] = {"name": ref.owner.name, "specs": ref.owner._weight_specs}
            self._wcache[key] = self.add("weight", ref.shape, owner=ref.owner._shim_id, index=ref.index)
        return self._wcache[key]

    def to_json(self, out):
        return {"nodes": self.nodes, "out": out.idx, "sublayers": self.sublayers, "weights": self.weights}


def _shape_of(x):
    if isinstance(x, TraceTensor):
        if x._shape is None:
            raise _core().ShimError("the traced code reads a shape the tracer could not compute")
        return x._shape
    return []


def _bcast(a, b):
    if a is None or b is None:
        return None
    n = max(len(a), len(b))
    a = [1] * (n - len(a)) + list(a)
    b = [1] * (n - len(b)) + list(b)
    out = []
    for x, y in zip(a, b):
        if x == 1:
            out.append(y)
        elif y == 1:
            out.append(x)
        elif x is None or y is None:
            out.append(x if y is None else y) if (x is None) != (y is None) else out.append(None)
        elif x == y:
            out.append(x)
        else:
            return None  # tfjs decides (the refusal comes from there)
    return out


def _operand(x):
    g = _G
    if isinstance(x, WeightRef):
        return {"t": g.weight_node(x).idx}, x.shape
    if isinstance(x, TraceTensor):
        return {"t": x.idx}, x._shape
    if isinstance(x, bool):
        return {"c": float(x)}, []
    if isinstance(x, (int, float)):
        return {"c": float(x)}, []
    try:
        import numpy as np
        if isinstance(x, (np.generic,)):
            return {"c": float(x)}, []
        if isinstance(x, np.ndarray):
            return {"a": x.astype("float64").tolist(), "ashape": list(x.shape)}, list(x.shape)
    except ImportError:
        pass
    if isinstance(x, (list, tuple)) and all(isinstance(e, (int, float)) for e in x):
        return {"a": [float(e) for e in x], "ashape": [len(x)]}, [len(x)]
    if isinstance(x, _core().KerasTensor):
        x._tfop()
    raise _core().ShimError(f"unsupported operand in a traced body: {x!r}")


def _binary(op, a, b):
    oa, sa = _operand(a)
    ob, sb = _operand(b)
    return _G.add(op, _bcast(sa, sb), a=oa, b=ob)


class TraceTensor:
    def __init__(self, graph, idx, shape):
        self.graph = graph
        self.idx = idx
        self._shape = shape

    @property
    def shape(self):
        s = self._shape
        if s is None:
            raise _core().ShimError("the traced code reads a shape the tracer could not compute")
        return _core().TensorShape(s)

    def get_shape(self):
        return self.shape

    @property
    def dtype(self):
        return "float32"

    @property
    def ndim(self):
        return len(self.shape)

    def __add__(self, o): return _binary("add", self, o)
    def __radd__(self, o): return _binary("add", o, self)
    def __sub__(self, o): return _binary("sub", self, o)
    def __rsub__(self, o): return _binary("sub", o, self)
    def __mul__(self, o): return _binary("mul", self, o)
    def __rmul__(self, o): return _binary("mul", o, self)
    def __truediv__(self, o): return _binary("div", self, o)
    def __rtruediv__(self, o): return _binary("div", o, self)
    def __pow__(self, o): return _binary("pow", self, o)
    def __neg__(self): return unary("neg", self)
    def __abs__(self): return unary("abs", self)
    def __matmul__(self, o): return matmul(self, o)

    def __getitem__(self, key):
        return _slice(self, key)

    def __iter__(self):
        raise _core().ShimError("iterating over a traced tensor")

    def __bool__(self):
        raise TypeError("Using a symbolic tensor as a Python `bool` is not allowed.")

    def __hash__(self):
        return id(self)


class WeightRef:
    """What add_weight returns: becomes a "weight" node when a traced body uses it."""

    def __init__(self, owner, index, shape):
        self.owner = owner
        self.index = index
        self.shape = list(shape)

    def _t(self):
        return _G.weight_node(self)

    def __add__(self, o): return self._t() + o
    def __radd__(self, o): return o + self._t()
    def __sub__(self, o): return self._t() - o
    def __rsub__(self, o): return o - self._t()
    def __mul__(self, o): return self._t() * o
    def __rmul__(self, o): return o * self._t()
    def __truediv__(self, o): return self._t() / o
    def __rtruediv__(self, o): return o / self._t()
    def __neg__(self): return -self._t()


def weight_ref(owner, index, shape):
    return WeightRef(owner, index, shape)


def is_trace(x):
    return isinstance(x, (TraceTensor, WeightRef))


def _t(x):
    if isinstance(x, WeightRef):
        return x._t()
    if not isinstance(x, TraceTensor):
        if isinstance(x, _core().KerasTensor):
            x._tfop()
        raise _core().ShimError(f"expected a traced tensor, got {x!r}")
    return x


def _axis(axis, rank):
    if axis is None:
        return None
    if isinstance(axis, (list, tuple)):
        return [a % rank for a in axis]
    return axis % rank


# ------------------------------------------------------------------------------------------------ ops
def unary(op, x, **attrs):
    x = _t(x)
    return _G.add(op, x._shape, x={"t": x.idx}, **attrs)


def softmax(x, axis=-1):
    x = _t(x)
    return _G.add("softmax", x._shape, x={"t": x.idx}, axis=_axis(axis, len(x._shape)))


def leaky_relu(x, alpha=0.2):
    return unary("leaky_relu", x, alpha=float(alpha))


def clip(x, lo, hi):
    return unary("clip", x, lo=float(lo), hi=float(hi))


def l2_normalize(x, axis=None, epsilon=1e-12, **kw):
    x = _t(x)
    ax = _axis(axis, len(x._shape))
    return _G.add("l2_normalize", x._shape, x={"t": x.idx}, axis=ax, epsilon=float(epsilon))


def concat(values, axis=-1):
    values = [_t(v) for v in values]
    rank = len(values[0]._shape)
    ax = axis % rank
    shapes = [v._shape for v in values]
    out = list(shapes[0])
    ok = all(len(s) == rank for s in shapes)
    if ok:
        for i in range(rank):
            if i == ax:
                continue
            if any(s[i] != out[i] for s in shapes):
                ok = False
        out[ax] = None if any(s[ax] is None for s in shapes) else sum(s[ax] for s in shapes)
    return _G.add("concat", out if ok else None, xs=[{"t": v.idx} for v in values], axis=ax)


def stack(values, axis=0):
    values = [_t(v) for v in values]
    s = list(values[0]._shape)
    ax = axis % (len(s) + 1)
    out = s[:ax] + [len(values)] + s[ax:]
    return _G.add("stack", out, xs=[{"t": v.idx} for v in values], axis=ax)


def reduce(kind, x, axis=None, keepdims=False):
    x = _t(x)
    rank = len(x._shape)
    if axis is None:
        axes = list(range(rank))
    elif isinstance(axis, (list, tuple)):
        axes = [a % rank for a in axis]
    else:
        axes = [axis % rank]
    out = []
    for i, d in enumerate(x._shape):
        if i in axes:
            if keepdims:
                out.append(1)
        else:
            out.append(d)
    return _G.add("reduce", out, x={"t": x.idx}, kind=kind, axes=axes, keepdims=bool(keepdims))


def reshape(x, shape):
    x = _t(x)
    tgt = list(shape)
    src = x._shape
    n = 1
    for d in src[1:]:
        n *= d
    rest = tgt[1:]
    first = tgt[0]
    if not (first is BATCH or first == -1 or first is None):
        raise _core().ShimError("tf.reshape that folds the batch dimension into other dimensions")
    if any(d is BATCH for d in rest):
        raise _core().ShimError("batch size used inside a reshape target")
    unknown = [i for i, d in enumerate(rest) if d == -1 or d is None]
    rest = [int(d) if not (d == -1 or d is None) else -1 for d in rest]
    out_rest = list(rest)
    if len(unknown) == 1:
        known = 1
        for d in rest:
            if d != -1:
                known *= d
        out_rest[unknown[0]] = n // known if known and n % known == 0 else None
    elif len(unknown) > 1:
        raise _core().ShimError("reshape with two unknown dimensions")
    shp = [None] + out_rest if None not in out_rest else None
    return _G.add("reshape", shp, x={"t": x.idx}, target=rest)


def transpose(x, perm):
    x = _t(x)
    perm = [int(p) for p in perm]
    if perm[0] != 0:
        raise _core().ShimError("transpose that moves the batch dimension")
    return _G.add("transpose", [x._shape[p] for p in perm], x={"t": x.idx}, perm=perm)


def expand_dims(x, axis):
    x = _t(x)
    s = list(x._shape)
    ax = axis % (len(s) + 1)
    return _G.add("expand_dims", s[:ax] + [1] + s[ax:], x={"t": x.idx}, axis=ax)


def squeeze(x, axis=None):
    x = _t(x)
    s = list(x._shape)
    if axis is None:
        axes = [i for i, d in enumerate(s) if d == 1]
    else:
        axes = [a % len(s) for a in (axis if isinstance(axis, (list, tuple)) else [axis])]
    return _G.add("squeeze", [d for i, d in enumerate(s) if i not in axes], x={"t": x.idx}, axes=axes)


def split(x, num_or_size_splits, axis=0):
    x = _t(x)
    s = list(x._shape)
    ax = axis % len(s)
    if isinstance(num_or_size_splits, int):
        sizes = [s[ax] // num_or_size_splits] * num_or_size_splits
    else:
        sizes = [int(v) for v in num_or_size_splits]
    outs = []
    begin = 0
    for sz in sizes:
        o = list(s)
        o[ax] = sz
        outs.append(_G.add("narrow", o, x={"t": x.idx}, axis=ax, begin=begin, size=sz))
        begin += sz
    return outs


def pad(x, paddings, mode="CONSTANT", constant_values=0, name=None):
    x = _t(x)
    p = [[int(a), int(b)] for a, b in paddings]
    out = [None if d is None else d + a + b for d, (a, b) in zip(x._shape, p)]
    return _G.add("pad", out, x={"t": x.idx}, paddings=p, mode=mode.upper(), value=float(constant_values))


def resize(x, size, method="bilinear", preserve_aspect_ratio=False, antialias=False, name=None):
    x = _t(x)
    if preserve_aspect_ratio or antialias:
        raise _core().ShimError("tf.image.resize(preserve_aspect_ratio/antialias) is not modelled")
    method = getattr(method, "value", method)
    h, w = int(size[0]), int(size[1])
    s = list(x._shape)
    return _G.add("resize", [s[0], h, w, s[3]], x={"t": x.idx}, size=[h, w], method=str(method))


def resize_images(x, height_factor, width_factor, data_format=None, interpolation="nearest"):
    x = _t(x)
    s = list(x._shape)
    return resize(x, (s[1] * height_factor, s[2] * width_factor), method=interpolation)


def depth_to_space(x, block_size, data_format="NHWC", name=None):
    x = _t(x)
    b = int(block_size)
    n, h, w, c = x._shape
    return _G.add("depth_to_space", [n, h * b, w * b, c // (b * b)], x={"t": x.idx}, block=b)


def space_to_depth(x, block_size, data_format="NHWC", name=None):
    x = _t(x)
    b = int(block_size)
    n, h, w, c = x._shape
    return _G.add("space_to_depth", [n, h // b, w // b, c * b * b], x={"t": x.idx}, block=b)


def matmul(a, b, transpose_a=False, transpose_b=False):
    oa, sa = _operand(a)
    ob, sb = _operand(b)
    if transpose_a or transpose_b:
        raise _core().ShimError("matmul transposes are not modelled")
    out = list(sa[:-1]) + [sb[-1]] if len(sa) >= 2 and len(sb) == 2 else None
    return _G.add("matmul", out, a=oa, b=ob)


def random_normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None):
    shp = []
    for d in shape:
        shp.append(None if d is BATCH else int(d))
    return _G.add("random_normal", shp, dims=["batch" if d is None else d for d in shp], mean=float(mean),
                  stddev=float(stddev))


class TraceShape:
    def __init__(self, t):
        self.t = t

    def __getitem__(self, i):
        s = self.t._shape
        if isinstance(i, slice):
            return [BATCH if d is None else d for d in s[i]]
        d = s[i]
        return BATCH if d is None else d

    def __len__(self):
        return len(self.t._shape)


def dyn_shape(x):
    return TraceShape(_t(x))


def _slice(x, key):
    x = _t(x)
    s = list(x._shape)
    if not isinstance(key, tuple):
        key = (key,)
    # expand the Ellipsis
    n_real = sum(1 for k in key if k is not Ellipsis and k is not None)
    out_key = []
    for k in key:
        if k is Ellipsis:
            out_key.extend([slice(None)] * (len(s) - n_real))
        else:
            out_key.append(k)
    while len(out_key) < len(s):
        out_key.append(slice(None))
    begin, size, shrink, out = [], [], [], []
    for ax, (k, d) in enumerate(zip(out_key, s)):
        if k is None:
            raise _core().ShimError("tf.newaxis in a slice is not modelled")
        if isinstance(k, slice):
            if ax == 0:
                if k != slice(None):
                    raise _core().ShimError("slicing the batch dimension")
                begin.append(0)
                size.append(-1)
                out.append(None)
                continue
            if k.step not in (None, 1):
                raise _core().ShimError("strided slices are not modelled")
            rng = range(d)[k]
            begin.append(rng.start if len(rng) else 0)
            size.append(len(rng))
            out.append(len(rng))
        else:
            if ax == 0:
                raise _core().ShimError("indexing the batch dimension")
            i = int(k) % d
            begin.append(i)
            size.append(1)
            shrink.append(ax)
    return _G.add("slice", out, x={"t": x.idx}, begin=begin, size=size, shrink=shrink)


# ------------------------------------------------------------------------------------------------ entry points
def trace_call(layer, inputs, shapes):
    """Trace layer.call on placeholders of the given shapes; return the JSON graph."""
    global _G
    prev = _G
    _G = Graph()
    try:
        ph = [_G.add("input", s, index=i) for i, s in enumerate(shapes)]
        arg = ph if isinstance(inputs, (list, tuple)) else ph[0]
        out = layer.call(arg)
        if isinstance(out, WeightRef):
            out = out._t()
        if not isinstance(out, TraceTensor):
            raise _core().ShimError(f"{layer.name}: call() returned {out!r}, not a single tensor")
        return _G.to_json(out)
    finally:
        _G = prev


def layer_in_trace(layer, inputs, args, kwargs):
    core = _core()
    kwargs.pop("training", None)
    if args or kwargs:
        raise core.ShimError(f"extra call arguments for {layer.name} inside a traced body")
    if isinstance(layer, core.Model):
        raise core.ShimError("a model called inside a Lambda/custom layer is not modelled")
    flat = core._flatten_tensors(inputs)
    flat = [_t(t) for t in flat]
    if layer._builtin is not None and type(layer).call is core.Layer.call:
        desc = {"cls": layer._builtin, "config": layer._config, "name": layer.name, "trainable": layer._trainable}
        r = core.S.request({"op": "probe", "layer": layer._shim_id, "inputs": [t._shape for t in flat],
                            "list_input": isinstance(inputs, (list, tuple)), **desc})
        if "error" in r:
            shape = None
        else:
            shape = r["shapes"][0]
        _G.sublayers[str(layer._shim_id)] = desc
        return _G.add("layer", shape, layer=layer._shim_id, xs=[{"t": t.idx} for t in flat],
                      list_input=isinstance(inputs, (list, tuple)))
    # a custom layer (or Lambda) inside a custom layer: inline its body
    if not layer.built:
        shp = core.TensorShape(flat[0]._shape) if not isinstance(inputs, (list, tuple)) else \
            [core.TensorShape(t._shape) for t in flat]
        layer.build(shp)
        layer.built = True
    out = layer.call(inputs)
    return out
