"""Recording stand-in for tf.keras 2: layers, Input, Model, Sequential.

Nothing here computes a shape. Every layer call is sent to the Node side (gen_keras_modules.mjs), which builds
the same layer in @tensorflow/tfjs and answers with the output shape or the refusal; the Python code being
recorded sees those shapes (x.shape, K.int_shape, model.output_shape). Names follow tf.keras 2: a per-session
counter per snake_case class name, taken when the layer object is constructed ("conv2d", "conv2d_1", ...),
"input_1", "input_2", ... for InputLayers, "model"/"sequential" for models.
"""
import re
from collections import defaultdict

from . import trace as _trace


class ShimError(Exception):
    """The case uses something the shim does not model: a generator problem, never a golden result."""


# ------------------------------------------------------------------------------------------------ session
class _Session:
    def __init__(self, channel):
        self.channel = channel
        self.uids = defaultdict(int)
        self.input_uid = 0
        self.next_id = 0
        self.models = []  # every Model/Sequential constructed, in order

    def new_id(self):
        self.next_id += 1
        return self.next_id

    def unique_name(self, base):
        n = self.uids[base]
        self.uids[base] += 1
        return base if n == 0 else f"{base}_{n}"

    def input_name(self):
        self.input_uid += 1
        return f"input_{self.input_uid}"

    def request(self, msg):
        return self.channel.request(msg)


S = None  # the current session


def begin_session(channel):
    global S
    S = _Session(channel)
    return S


def clear_session():
    """tf.keras.backend.clear_session(): the name counters start again."""
    S.uids.clear()
    S.input_uid = 0


def to_snake_case(name):
    # tf.keras 2 keras/utils/generic_utils.py to_snake_case (the rule behind every automatic layer name)
    intermediate = re.sub("(.)([A-Z][a-z0-9]+)", r"\1_\2", name)
    insecure = re.sub("([a-z])([A-Z])", r"\1_\2", intermediate).lower()
    if insecure[0] != "_":
        return insecure
    return "private" + insecure


# ------------------------------------------------------------------------------------------------ shapes, tensors
class TensorShape(tuple):
    def as_list(self):
        return list(self)

    @property
    def rank(self):
        return len(self)

    ndims = rank

    def __getitem__(self, k):
        r = tuple.__getitem__(self, k)
        return TensorShape(r) if isinstance(k, slice) else r

    def __repr__(self):
        return "TensorShape(" + repr(list(self)).replace("None", "None") + ")"


class KerasTensor:
    """A symbolic tensor of the functional graph (what keras.Input and layer calls return)."""

    def __init__(self, shape, layer, node_index=0, tensor_index=0):
        self._id = S.new_id()
        self._shape = None if shape is None else TensorShape([None] + list(shape))
        self._layer = layer
        self._node_index = node_index
        self._tensor_index = tensor_index

    @property
    def dead(self):
        return self._shape is None

    @property
    def shape(self):
        if self._shape is None:
            raise ShimError("the code reads the shape of a tensor that comes after a refused layer")
        return self._shape

    def get_shape(self):
        return self.shape

    @property
    def dtype(self):
        return "float32"

    @property
    def name(self):
        return f"{self._layer.name}/output_{self._tensor_index}"

    @property
    def node(self):
        return self._layer

    def __repr__(self):
        return f"<KerasTensor shape={None if self._shape is None else tuple(self._shape)} from {self._layer.name}>"

    def _tfop(self, *a, **k):
        raise ShimError("a TensorFlow op applied to a Keras tensor outside a Lambda (tf.keras 2 would insert a "
                        "TFOpLambda layer); the shim does not model TFOpLambda")

    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = __truediv__ = __rtruediv__ = _tfop
    __neg__ = __pow__ = __matmul__ = __getitem__ = _tfop

    def __iter__(self):
        raise ShimError("iterating over a Keras tensor")

    def __bool__(self):
        raise TypeError("Using a symbolic KerasTensor as a Python `bool` is not allowed.")

    def __hash__(self):
        return id(self)


def _flatten_tensors(x):
    if isinstance(x, (list, tuple)):
        out = []
        for e in x:
            out.extend(_flatten_tensors(e))
        return out
    if isinstance(x, dict):
        raise ShimError("dict inputs are not modelled")
    return [x]


def _is_keras(x):
    return isinstance(x, KerasTensor)


# ------------------------------------------------------------------------------------------------ layers
_BASE_KWARGS = {"input_shape", "batch_input_shape", "input_dim", "batch_size", "weights", "activity_regularizer",
                "autocast", "dtype", "trainable", "name", "dynamic", "input_length"}


class Layer:
    """keras.layers.Layer. User subclasses are recorded by tracing their call() (see trace.py)."""

    _builtin = None  # Keras class name of a built-in layer (None for user subclasses)

    def __init__(self, trainable=True, name=None, dtype=None, dynamic=False, **kwargs):
        for k in kwargs:
            if k not in _BASE_KWARGS:
                raise TypeError(f"Keyword argument not understood: {k}")
        if "_shim_id" in self.__dict__:
            return  # __init__ run twice (a subclass calling both bases)
        self._shim_id = S.new_id()
        if name is None:
            self._name = S.unique_name(to_snake_case(type(self).__name__))
        else:
            self._name = name
        self._trainable = trainable
        self._declared_shape = None
        if "batch_input_shape" in kwargs and kwargs["batch_input_shape"] is not None:
            self._declared_shape = list(kwargs["batch_input_shape"])[1:]
        elif "input_shape" in kwargs and kwargs["input_shape"] is not None:
            self._declared_shape = list(kwargs["input_shape"])
        elif "input_dim" in kwargs and kwargs["input_dim"] is not None:
            self._declared_shape = [kwargs["input_dim"]]
        self._calls = []  # [(inputs, outputs)]
        self._weight_specs = []
        self._trace_graph = None
        self.built = False
        self._refused = False

    # -- Keras attributes
    @property
    def name(self):
        return self._name

    @property
    def trainable(self):
        return self._trainable

    @trainable.setter
    def trainable(self, v):
        self._trainable = bool(v)
        S.request({"op": "set_trainable", "layer": self._shim_id, "value": bool(v)})

    def _shim_class(self):
        return type(self).__name__

    def _only_call(self, what):
        if not self._calls:
            raise AttributeError(f"Layer {self.name} has no inbound nodes ({what}).")
        return self._calls[0]

    @property
    def output(self):
        outs = self._only_call("output")[1]
        return outs[0] if len(outs) == 1 else outs

    @property
    def input(self):
        ins = self._only_call("input")[0]
        return ins[0] if len(ins) == 1 else ins

    @property
    def output_shape(self):
        outs = self._only_call("output_shape")[1]
        shapes = [o.shape for o in outs]
        return tuple(shapes[0]) if len(shapes) == 1 else [tuple(s) for s in shapes]

    @property
    def input_shape(self):
        ins = self._only_call("input_shape")[0]
        shapes = [i.shape for i in ins]
        return tuple(shapes[0]) if len(shapes) == 1 else [tuple(s) for s in shapes]

    def count_params(self):
        r = S.request({"op": "count_params", "layer": self._shim_id})
        return r["count"]

    def get_config(self):
        return {"name": self.name, "trainable": self._trainable}

    @property
    def weights(self):
        raise ShimError("layer.weights is not modelled")

    # -- the user-facing hooks of a custom layer
    def build(self, input_shape):
        self.built = True

    def add_weight(self, name=None, shape=None, dtype=None, initializer=None, regularizer=None, trainable=True,
                   constraint=None, **kwargs):
        if shape is None:
            shape = ()
        shape = [int(d) for d in shape]
        if trainable is None:
            trainable = True
        spec = {"name": name or f"weight_{len(self._weight_specs)}", "shape": shape, "trainable": bool(trainable),
                "initializer": initializer if isinstance(initializer, str) else None}
        self._weight_specs.append(spec)
        return _trace.weight_ref(self, len(self._weight_specs) - 1, shape)

    add_variable = add_weight

    def call(self, inputs, *args, **kwargs):
        return inputs

    def compute_output_shape(self, input_shape):
        raise NotImplementedError

    # -- calling
    def __call__(self, inputs, *args, **kwargs):
        flat = _flatten_tensors(inputs)
        if any(_trace.is_trace(t) for t in flat):
            return _trace.layer_in_trace(self, inputs, args, kwargs)
        if not flat or not all(_is_keras(t) for t in flat):
            raise ShimError(f"layer {self.name} called on something that is not a Keras tensor: {inputs!r}")
        kwargs.pop("training", None)
        kwargs.pop("mask", None)
        return self._functional_call(inputs, flat, args, kwargs)

    def _describe(self, inputs, flat, args, kwargs):
        """What the Node side needs to build this layer: built-ins by config, the rest by a traced graph."""
        if self._builtin is not None and type(self).call is Layer.call:
            return {"kind": "builtin", "cls": self._builtin, "config": self._config}
        # a user subclass (or a built-in whose call() was overridden): trace it
        if args or kwargs:
            raise ShimError(f"extra call arguments for {self.name}: {args} {kwargs}")
        if any(t.dead for t in flat):
            return {"kind": "traced", "graph": None}
        shapes = [list(t.shape) for t in flat]
        if not self.built:
            shp = TensorShape(shapes[0]) if not isinstance(inputs, (list, tuple)) else [TensorShape(s) for s in shapes]
            self.build(shp)
            self.built = True
        graph = _trace.trace_call(self, inputs, shapes)
        return {"kind": "traced", "graph": graph, "weights": self._weight_specs}

    def _functional_call(self, inputs, flat, args, kwargs):
        desc = self._describe(inputs, flat, args, kwargs)
        msg = {"op": "call", "layer": self._shim_id, "name": self.name, "type": self._shim_class(),
               "inputs": [t._id for t in flat], "list_input": isinstance(inputs, (list, tuple)),
               "trainable": self._trainable}
        msg.update(desc)
        r = S.request(msg)
        node_index = len(self._calls)
        if "shapes" in r:
            outs = [KerasTensor(s, self, node_index, i) for i, s in enumerate(r["shapes"])]
        else:
            self._refused = True
            n = r.get("n_outputs", 1)
            outs = [KerasTensor(None, self, node_index, i) for i in range(n)]
        msg_ids = [o._id for o in outs]
        S.request({"op": "bind", "layer": self._shim_id, "node": node_index, "tensors": msg_ids})
        self._calls.append((flat, outs))
        if r.get("multi"):
            return outs
        return outs[0]

    def __repr__(self):
        return f"<{self._shim_class()} name={self.name}>"


def _norm_value(v):
    """Constructor arguments as JSON (tuples -> lists, numpy -> lists, callables -> their Keras name)."""
    try:
        import numpy as np
        if isinstance(v, np.ndarray):
            return v.tolist()
        if isinstance(v, np.generic):
            return v.item()
    except ImportError:
        pass
    if isinstance(v, (list, tuple)):
        return [_norm_value(e) for e in v]
    if isinstance(v, (str, int, float, bool)) or v is None:
        return v
    if callable(v) and getattr(v, "_keras_name", None):
        return v._keras_name
    if isinstance(v, _Opaque):
        return {"opaque": v._what}
    if isinstance(v, Layer):
        raise ShimError("a layer object passed as a constructor argument (e.g. activation=LeakyReLU()) is not modelled")
    if callable(v):
        raise ShimError(f"callable argument {v!r} is not modelled")
    raise ShimError(f"argument value {v!r} is not modelled")


class _Opaque:
    """Regularizers, initializers, constraints, optimizers...: accepted, recorded by name, never used."""

    def __init__(self, what, *args, **kwargs):
        self._what = what

    def __call__(self, *a, **k):
        return self

    def __repr__(self):
        return f"<{self._what}>"


# Built-in layers: Keras class name -> positional parameter names (Keras 2 signatures) + other keywords.
_INIT = ["kernel_initializer", "bias_initializer", "kernel_regularizer", "bias_regularizer", "activity_regularizer",
         "kernel_constraint", "bias_constraint", "data_format"]
_BN_INIT = ["beta_initializer", "gamma_initializer", "moving_mean_initializer", "moving_variance_initializer",
            "beta_regularizer", "gamma_regularizer", "beta_constraint", "gamma_constraint", "synchronized",
            "renorm", "renorm_clipping", "renorm_momentum", "fused", "virtual_batch_size", "adjustment"]
_DW_INIT = ["depthwise_initializer", "depthwise_regularizer", "depthwise_constraint"]
_PW_INIT = ["pointwise_initializer", "pointwise_regularizer", "pointwise_constraint"]
_AUG = ["fill_mode", "interpolation", "seed", "fill_value", "value_range"]

BUILTINS = {
    "Conv2D": (["filters", "kernel_size", "strides", "padding", "data_format", "dilation_rate", "groups",
                "activation", "use_bias"], _INIT),
    "Conv2DTranspose": (["filters", "kernel_size", "strides", "padding", "output_padding", "data_format",
                         "dilation_rate", "activation", "use_bias"], _INIT),
    "SeparableConv2D": (["filters", "kernel_size", "strides", "padding", "data_format", "dilation_rate",
                         "depth_multiplier", "activation", "use_bias"], _INIT + _DW_INIT + _PW_INIT),
    "DepthwiseConv2D": (["kernel_size", "strides", "padding", "depth_multiplier", "data_format", "dilation_rate",
                         "activation", "use_bias"], _INIT + _DW_INIT),
    "MaxPooling2D": (["pool_size", "strides", "padding", "data_format"], []),
    "AveragePooling2D": (["pool_size", "strides", "padding", "data_format"], []),
    "GlobalAveragePooling2D": (["data_format", "keepdims"], []),
    "GlobalMaxPooling2D": (["data_format", "keepdims"], []),
    "Dense": (["units", "activation", "use_bias"], _INIT),
    "Flatten": (["data_format"], []),
    "Reshape": (["target_shape"], []),
    "Dropout": (["rate", "noise_shape", "seed"], []),
    "SpatialDropout2D": (["rate", "data_format"], ["seed"]),
    "GaussianNoise": (["stddev", "seed"], []),
    "GaussianDropout": (["rate", "seed"], []),
    "Activation": (["activation"], []),
    "ReLU": (["max_value", "negative_slope", "threshold"], []),
    "LeakyReLU": (["alpha"], ["negative_slope"]),
    "PReLU": (["alpha_initializer", "alpha_regularizer", "alpha_constraint", "shared_axes"], []),
    "ELU": (["alpha"], []),
    "Softmax": (["axis"], []),
    "BatchNormalization": (["axis", "momentum", "epsilon", "center", "scale"], _BN_INIT),
    "LayerNormalization": (["axis", "epsilon", "center", "scale"], _BN_INIT[:2] + _BN_INIT[4:8]),
    "ZeroPadding2D": (["padding", "data_format"], []),
    "Cropping2D": (["cropping", "data_format"], []),
    "UpSampling2D": (["size", "data_format", "interpolation"], []),
    "Concatenate": (["axis"], []),
    "Add": ([], []),
    "Multiply": ([], []),
    "Average": ([], []),
    "Maximum": ([], []),
    "Minimum": ([], []),
    "Subtract": ([], []),
    "Permute": (["dims"], []),
    "RepeatVector": (["n"], []),
    "Rescaling": (["scale", "offset"], []),
    "Normalization": (["axis", "mean", "variance", "invert"], []),
    "Resizing": (["height", "width", "interpolation", "crop_to_aspect_ratio"], ["data_format"]),
    "CenterCrop": (["height", "width"], ["data_format"]),
    "RandomFlip": (["mode", "seed"], []),
    "RandomRotation": (["factor"] + _AUG, []),
    "RandomZoom": (["height_factor", "width_factor"] + _AUG, []),
    "RandomTranslation": (["height_factor", "width_factor"] + _AUG, []),
    "RandomContrast": (["factor", "seed"], []),
    "RandomBrightness": (["factor", "value_range", "seed"], []),
}
ALIASES = {"MaxPool2D": "MaxPooling2D", "AvgPool2D": "AveragePooling2D",
           "GlobalAvgPool2D": "GlobalAveragePooling2D", "GlobalMaxPool2D": "GlobalMaxPooling2D"}


def _make_builtin(cls_name):
    positional, extra = BUILTINS[cls_name]
    allowed = set(positional) | set(extra)

    def __init__(self, *args, **kwargs):
        if len(args) > len(positional):
            raise TypeError(f"{cls_name}() takes at most {len(positional)} positional arguments")
        cfg = {}
        for n, v in zip(positional, args):
            cfg[n] = v
        base = {}
        for k, v in kwargs.items():
            if k in cfg:
                raise TypeError(f"{cls_name}() got multiple values for argument '{k}'")
            if k in allowed:
                cfg[k] = v
            elif k in _BASE_KWARGS:
                base[k] = v
            else:
                raise TypeError(f"Keyword argument not understood: {k}")
        Layer.__init__(self, **base)
        self._config = {k: _norm_value(v) for k, v in cfg.items()}

    def get_config(self):
        d = Layer.get_config(self)
        d.update(self._config)
        return d

    return type(cls_name, (Layer,), {"__init__": __init__, "_builtin": cls_name, "get_config": get_config,
                                     "__module__": "keras.layers"})


LAYER_CLASSES = {n: _make_builtin(n) for n in BUILTINS}
for _a, _c in ALIASES.items():
    LAYER_CLASSES[_a] = LAYER_CLASSES[_c]


class Lambda(Layer):
    def __init__(self, function, output_shape=None, mask=None, arguments=None, **kwargs):
        Layer.__init__(self, **kwargs)
        self.function = function
        self.arguments = arguments or {}
        self._output_shape_arg = output_shape

    def call(self, inputs):
        return self.function(inputs, **self.arguments)


LAYER_CLASSES["Lambda"] = Lambda


# ------------------------------------------------------------------------------------------------ Input
class InputLayer(Layer):
    def __init__(self, input_shape=None, batch_size=None, dtype=None, input_tensor=None, sparse=None, name=None,
                 ragged=None, type_spec=None, shape=None, batch_shape=None, **kwargs):
        if name is None:
            name = S.input_name()
        Layer.__init__(self, name=name)
        if batch_shape is not None:
            shape = list(batch_shape)[1:]
        if shape is None:
            shape = input_shape
        if shape is None:
            raise ShimError("Input without a shape")
        if isinstance(shape, int):
            shape = (shape,)
        shape = [None if d is None else int(d) for d in shape]
        r = S.request({"op": "input", "layer": self._shim_id, "name": self._name, "shape": shape})
        t = KerasTensor(r["shape"], self, 0, 0)
        S.request({"op": "bind", "layer": self._shim_id, "node": 0, "tensors": [t._id]})
        self._calls.append(([], [t]))
        self._declared_shape = shape

    def _shim_class(self):
        return "InputLayer"

    def __call__(self, *a, **k):
        raise ShimError("calling an InputLayer")


def Input(shape=None, batch_size=None, name=None, dtype=None, sparse=None, tensor=None, ragged=None,
          type_spec=None, batch_shape=None, **kwargs):
    if tensor is not None:
        raise ShimError("Input(tensor=...) is not modelled")
    if shape is None and batch_shape is None and "input_shape" in kwargs:
        shape = kwargs.pop("input_shape")
    if kwargs:
        raise TypeError(f"Input() got unexpected keyword arguments {sorted(kwargs)}")
    layer = InputLayer(shape=shape, batch_shape=batch_shape, name=name)
    return layer.output


LAYER_CLASSES["InputLayer"] = InputLayer


# ------------------------------------------------------------------------------------------------ models
class Model(Layer):
    """Functional model (keras.Model(inputs, outputs)); usable as a layer."""

    def __init__(self, *args, **kwargs):
        if type(self) is not Model and type(self) is not Functional:
            raise ShimError("subclassed keras.Model (a call() method) is not modelled")
        inputs = kwargs.pop("inputs", None)
        outputs = kwargs.pop("outputs", None)
        if args:
            if len(args) >= 1 and inputs is None:
                inputs = args[0]
            if len(args) >= 2 and outputs is None:
                outputs = args[1]
        if inputs is None or outputs is None:
            raise ShimError("Model() without inputs/outputs")
        name = kwargs.pop("name", None)
        trainable = kwargs.pop("trainable", True)
        if kwargs:
            raise TypeError(f"Model() got unexpected keyword arguments {sorted(kwargs)}")
        if name is None:
            # tf.keras 2: Model(inputs, outputs) is a Functional named "model", "model_1", ...
            name = S.unique_name("model")
        Layer.__init__(self, name=name, trainable=trainable)
        self._multi_in = isinstance(inputs, (list, tuple))
        self._multi_out = isinstance(outputs, (list, tuple))
        self.inputs = list(inputs) if self._multi_in else [inputs]
        self.outputs = list(outputs) if self._multi_out else [outputs]
        for t in self.inputs + self.outputs:
            if not _is_keras(t):
                raise ShimError(f"Model inputs/outputs must be Keras tensors, got {t!r}")
        r = S.request({"op": "model", "model": self._shim_id, "kind": "functional", "name": self._name,
                       "inputs": [t._id for t in self.inputs], "outputs": [t._id for t in self.outputs],
                       "trainable": trainable})
        self._layer_ids = r["layers"]
        self.built = True
        S.models.append(self)

    def _shim_class(self):
        return "Functional"

    @property
    def layers(self):
        return [_BY_ID[i] for i in self._layer_ids]

    @property
    def input(self):
        return self.inputs if self._multi_in else self.inputs[0]

    @property
    def output(self):
        return self.outputs if self._multi_out else self.outputs[0]

    @property
    def output_shape(self):
        s = [tuple(o.shape) for o in self.outputs]
        return s if self._multi_out else s[0]

    @property
    def input_shape(self):
        s = [tuple(i.shape) for i in self.inputs]
        return s if self._multi_in else s[0]

    def get_layer(self, name=None, index=None):
        if index is not None:
            return self.layers[index]
        for l in self.layers:
            if l.name == name:
                return l
        raise ValueError(f"No such layer: {name}. Existing layers are: {[l.name for l in self.layers]}.")

    @Layer.trainable.setter
    def trainable(self, v):
        self._trainable = bool(v)
        S.request({"op": "set_trainable", "layer": self._shim_id, "value": bool(v), "recursive": True})
        for l in self.layers:
            l._trainable = bool(v)

    def _describe(self, inputs, flat, args, kwargs):
        self._finalize()
        return {"kind": "model", "model": self._shim_id, "multi": self._multi_out}

    def _functional_call(self, inputs, flat, args, kwargs):
        if args or kwargs:
            raise ShimError(f"extra call arguments for model {self.name}: {args} {kwargs}")
        out = Layer._functional_call(self, inputs, flat, args, kwargs)
        if self._multi_out and not isinstance(out, list):
            out = [out]
        return out

    def _finalize(self):
        pass

    # training API: accepted and ignored
    def compile(self, *a, **k):
        pass

    def fit(self, *a, **k):
        return _Opaque("History")

    def evaluate(self, *a, **k):
        return None

    def predict(self, *a, **k):
        raise ShimError("model.predict is not modelled")

    def summary(self, *a, **k):
        pass

    def save(self, *a, **k):
        pass

    def save_weights(self, *a, **k):
        pass

    def load_weights(self, *a, **k):
        pass

    def to_json(self, *a, **k):
        return "{}"

    def count_params(self):
        self._finalize()
        return S.request({"op": "count_params", "layer": self._shim_id})["count"]


Functional = Model


class Sequential(Model):
    def __init__(self, layers=None, name=None, trainable=True, **kwargs):
        if kwargs:
            raise TypeError(f"Sequential() got unexpected keyword arguments {sorted(kwargs)}")
        if name is None:
            name = S.unique_name("sequential")
        Layer.__init__(self, name=name, trainable=trainable)
        self._seq = []  # the layers, in order (InputLayer excluded)
        self._in = None  # the input tensor once the model is built
        self._out = None
        self._final = False
        self._multi_in = self._multi_out = False
        S.models.append(self)
        for l in (layers or []):
            self.add(l)

    def _shim_class(self):
        return "Sequential"

    def add(self, layer):
        if self._final:
            raise ShimError("Sequential.add after the model was used")
        if _is_keras(layer):  # keras.Input(...) as the first element
            if self._seq or self._in is not None:
                raise ShimError("Input in the middle of a Sequential")
            self._in = layer
            self._out = layer
            return
        if isinstance(layer, InputLayer):
            if self._seq or self._in is not None:
                raise ShimError("InputLayer in the middle of a Sequential")
            self._in = layer.output
            self._out = self._in
            return
        if not isinstance(layer, Layer):
            raise TypeError(f"The added layer must be an instance of class Layer. Received: layer={layer!r}")
        self._seq.append(layer)
        if self._in is None and len(self._seq) == 1:
            shape = None
            if isinstance(layer, Sequential) and layer._in is not None:
                shape = list(layer._in.shape)[1:]
            elif isinstance(layer, Model) and not isinstance(layer, Sequential):
                shape = list(layer.inputs[0].shape)[1:]
            elif layer._declared_shape is not None:
                shape = layer._declared_shape
            if shape is not None:
                self._in = self._hidden_input(shape, layer.name + "_input")
                self._out = self._in
        if self._in is not None:
            if len(self._seq) == 1 and self._out is self._in:
                self._out = layer(self._in)
            else:
                self._out = layer(self._out)
            if isinstance(self._out, list):
                raise ShimError("a multi-output layer inside a Sequential")

    def _hidden_input(self, shape, name):
        lid = S.new_id()
        r = S.request({"op": "input", "layer": lid, "name": name, "shape": list(shape), "hidden": True})
        holder = _HiddenInput(lid, name)
        t = KerasTensor(r["shape"], holder, 0, 0)
        S.request({"op": "bind", "layer": lid, "node": 0, "tensors": [t._id]})
        return t

    def pop(self):
        raise ShimError("Sequential.pop is not modelled")

    def build(self, input_shape=None):
        if self._in is not None:
            return
        if input_shape is None:
            raise ShimError("Sequential.build() without a shape")
        shape = list(input_shape)[1:]
        self._build_on(shape)

    def _build_on(self, shape):
        if not self._seq:
            raise ShimError("empty Sequential")
        self._in = self._hidden_input(shape, self._seq[0].name + "_input")
        x = self._in
        for l in self._seq:
            x = l(x)
        self._out = x

    def _finalize(self):
        if self._final:
            return
        if self._in is None:
            raise ShimError(f"Sequential {self.name} is never built (no input shape)")
        self._final = True
        r = S.request({"op": "model", "model": self._shim_id, "kind": "sequential", "name": self._name,
                       "inputs": [self._in._id], "outputs": [self._out._id],
                       "seq_layers": [l._shim_id for l in self._seq], "trainable": self._trainable})
        self._layer_ids = r["layers"]

    def _functional_call(self, inputs, flat, args, kwargs):
        if self._in is None and len(flat) == 1 and not flat[0].dead:
            self._build_on(list(flat[0].shape)[1:])
        return Model._functional_call(self, inputs, flat, args, kwargs)

    @property
    def layers(self):
        return list(self._seq)

    @property
    def inputs(self):
        return [self._in] if self._in is not None else []

    @property
    def outputs(self):
        return [self._out] if self._out is not None else []

    @inputs.setter
    def inputs(self, v):
        pass

    @outputs.setter
    def outputs(self, v):
        pass

    @property
    def input(self):
        return self._in

    @property
    def output(self):
        return self._out

    @property
    def output_shape(self):
        if self._out is None:
            raise AttributeError("The model has not been built yet")
        return tuple(self._out.shape)

    @property
    def input_shape(self):
        if self._in is None:
            raise AttributeError("The model has not been built yet")
        return tuple(self._in.shape)

    @Layer.trainable.setter
    def trainable(self, v):
        self._trainable = bool(v)
        S.request({"op": "set_trainable", "layer": self._shim_id, "value": bool(v), "recursive": True})
        for l in self._seq:
            l._trainable = bool(v)


class _HiddenInput:
    """The InputLayer tf.keras 2 creates for a Sequential ("<first layer>_input"); not a summary row."""

    def __init__(self, lid, name):
        self._shim_id = lid
        self.name = name


# every layer object by id, for model.layers
class _Registry(dict):
    pass


_BY_ID = _Registry()
_orig_layer_init = Layer.__init__


def _registering_init(self, *a, **k):
    _orig_layer_init(self, *a, **k)
    _BY_ID[self._shim_id] = self


Layer.__init__ = _registering_init


def reset_registry():
    _BY_ID.clear()
