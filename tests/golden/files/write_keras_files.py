#!/usr/bin/python3
"""Golden Keras model files, part 2 of 2: turns the cases built by gen_keras_files.mjs into the files Keras writes.

    cd tests/golden && npm ci && cd files && /usr/bin/python3 write_keras_files.py

(runs `node gen_keras_files.mjs WORK` first, in a temporary WORK folder, unless a WORK folder is given as argument).
Needs /usr/bin/python3 with h5py and numpy (Debian python3-h5py, python3-numpy).

For every case in keras/ it writes
  <case>.json          tf.keras 2.12 `model.to_json()` (legacy spelling; the same config as the .h5 model_config)
  <case>.h5            tf.keras 2.12 `model.save('x.h5')` (legacy HDF5: root attrs, model_weights/<layer>/<layer>/kernel:0)
  <case>.weights.h5    tf.keras 2.12 `model.save_weights('x.weights.h5')` (legacy weights-only HDF5, no model_config)
  <case>.keras         Keras 3.15 `model.save('x.keras')` (zip: metadata.json, config.json, model.weights.h5)
and for a few cases also
  <case>.keras3.json          Keras 3 `model.to_json()` (= the .keras config.json)
  <case>.keras3.weights.h5    Keras 3 `model.save_weights('x.weights.h5')` (= the .keras model.weights.h5)
  <case>.keras_3_5.keras      the layout of Keras 3.0-3.5 (no empty `vars` groups, no `name` attributes)
  <case>.tf215.h5             tf.keras 2.13-2.15 `model.save('x.h5')` (initializers in the new {module, ...} spelling)
plus keras/index.json, the bad files in bad/ and their README lines. Layouts and their sources: README.md.

Deterministic: HDF5 object times are not stored (track_times off, no creation order), zip entries carry a fixed date.
"""
import copy
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

import h5py
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
KERAS = os.path.join(HERE, "keras")
TFJS = os.path.join(HERE, "tfjs")
BAD = os.path.join(HERE, "bad")

K2_VERSION = "2.12.0"        # tf.keras version whose files are emulated (keras/src/... paths in README.md)
K3_VERSION = "3.15.1"
DATE_SAVED = "2026-01-01@00:00:00"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
HDF5_OBJECT_HEADER_LIMIT = 64512

KERAS3_JSON_CASES = {"seq_conv_pool_dense", "func_mini_unet", "func_nested_sequential", "func_shared_conv",
                     "func_two_inputs_two_outputs", "autoencoder_trained", "seq_batchnorm_no_center"}
KERAS35_CASES = {"func_mini_unet", "seq_batchnorm"}
TF215_CASES = {"func_resnet_block", "seq_separable_same_m2"}
H5PY2_CASES = {"seq_conv_pool_dense", "func_inception"}
# legacy weights-only files for a subset (the same layout as the .h5 model_weights group, at the root)
WEIGHTS_ONLY_CASES = {"seq_conv_pool_dense", "seq_batchnorm", "seq_batchnorm_no_center", "seq_depthwise_same_s2_m2",
                      "seq_separable_same_m2", "seq_conv2dtranspose_same_s2", "func_resnet_block", "func_nested_sequential",
                      "func_shared_conv", "func_two_inputs_two_outputs", "autoencoder_trained", "chunked_layer_names"}
# only the legacy .h5 (+ weights-only) for these: see the README (size)
H5_ONLY_CASES = {"lenet5_trained", "chunked_layer_names"}


# ------------------------------------------------------------------------------------------------ configs
def pair(v):
    return [v, v] if isinstance(v, int) else list(v)


def pads2(v):
    if isinstance(v, int):
        return [[v, v], [v, v]]
    if isinstance(v[0], int):
        return [[v[0], v[0]], [v[1], v[1]]]
    return [list(v[0]), list(v[1])]


class Flavor:
    """k2: tf.keras 2.12 legacy spelling; k215: tf.keras 2.13-2.15 .h5 spelling (new-style initializers);
    k3: Keras 3.15."""

    def __init__(self, kind):
        self.kind = kind

    def init(self, cls, cfg=None):
        cfg = {} if cfg is None else cfg
        if self.kind == "k2":
            return {"class_name": cls, "config": cfg}
        return {"module": "keras.initializers", "class_name": cls, "config": cfg, "registered_name": None}

    def glorot(self):
        return self.init("GlorotUniform", {"seed": None})

    def act(self, a):
        a = a or "linear"
        if self.kind == "k3" and a == "swish":
            return "silu"          # Keras 3 serializes the function object, whose name is silu
        return a

    def base(self, name, bis=None):
        if self.kind == "k3":
            return {"name": name, "trainable": True,
                    "dtype": {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"}, "registered_name": None}}
        c = {"name": name, "trainable": True, "dtype": "float32"}
        if bis is not None:
            c["batch_input_shape"] = bis
        return c


def layer_config(f, cls, a, name, bis=None):
    """The layer's get_config() in flavor f. a = the Keras arguments of the case (snake_case)."""
    k3 = f.kind == "k3"
    c = f.base(name, None if k3 else bis)
    conv_common = lambda: {
        "kernel_size": pair(a["kernel_size"]), "strides": pair(a.get("strides", 1)), "padding": a.get("padding", "valid"),
        "data_format": "channels_last", "dilation_rate": pair(a.get("dilation_rate", 1))}
    if cls == "Conv2D":
        c.update({"filters": a["filters"], **conv_common(), "groups": 1, "activation": f.act(a.get("activation")),
                  "use_bias": a.get("use_bias", True), "kernel_initializer": f.glorot(), "bias_initializer": f.init("Zeros"),
                  "kernel_regularizer": None, "bias_regularizer": None, "activity_regularizer": None,
                  "kernel_constraint": None, "bias_constraint": None})
    elif cls == "Conv2DTranspose":
        if k3:
            cc = conv_common()
            c.update({"filters": a["filters"], "kernel_size": cc["kernel_size"], "strides": cc["strides"], "padding": cc["padding"],
                      "output_padding": None, "data_format": cc["data_format"], "dilation_rate": cc["dilation_rate"],
                      "activation": f.act(a.get("activation")), "use_bias": a.get("use_bias", True),
                      "kernel_initializer": f.glorot(), "bias_initializer": f.init("Zeros"), "kernel_regularizer": None,
                      "bias_regularizer": None, "activity_regularizer": None, "kernel_constraint": None, "bias_constraint": None})
        else:
            c = layer_config(f, "Conv2D", a, name, bis)
            c["output_padding"] = None
    elif cls == "DepthwiseConv2D":
        if k3:
            c.update({"depth_multiplier": a.get("depth_multiplier", 1), **conv_common(), "activation": f.act(a.get("activation")),
                      "use_bias": a.get("use_bias", True), "depthwise_initializer": f.glorot(), "bias_initializer": f.init("Zeros"),
                      "depthwise_regularizer": None, "bias_regularizer": None, "activity_regularizer": None,
                      "depthwise_constraint": None, "bias_constraint": None})
        else:   # Conv.get_config() minus filters/kernel_*, plus the depthwise_* keys (keras/layers/convolutional/base_depthwise_conv.py)
            c = layer_config(f, "Conv2D", {**a, "filters": None}, name, bis)
            for k in ("filters", "kernel_initializer", "kernel_regularizer", "kernel_constraint"):
                c.pop(k)
            c.update({"depth_multiplier": a.get("depth_multiplier", 1), "depthwise_initializer": f.glorot(),
                      "depthwise_regularizer": None, "depthwise_constraint": None})
    elif cls == "SeparableConv2D":
        if k3:
            c.update({"depth_multiplier": a.get("depth_multiplier", 1), "filters": a["filters"], **conv_common(),
                      "activation": f.act(a.get("activation")), "use_bias": a.get("use_bias", True),
                      "depthwise_initializer": f.glorot(), "pointwise_initializer": f.glorot(), "bias_initializer": f.init("Zeros"),
                      "depthwise_regularizer": None, "pointwise_regularizer": None, "bias_regularizer": None,
                      "activity_regularizer": None, "depthwise_constraint": None, "pointwise_constraint": None, "bias_constraint": None})
        else:   # dict(Conv.get_config() + own keys): Conv's keys keep their places, new keys follow
            c = layer_config(f, "Conv2D", a, name, bis)
            c.update({"depth_multiplier": a.get("depth_multiplier", 1), "depthwise_initializer": f.glorot(),
                      "pointwise_initializer": f.glorot(), "depthwise_regularizer": None, "pointwise_regularizer": None,
                      "depthwise_constraint": None, "pointwise_constraint": None})
    elif cls in ("MaxPooling2D", "AveragePooling2D"):
        ps = pair(a.get("pool_size", 2))
        c.update({"pool_size": ps, "padding": a.get("padding", "valid"),
                  "strides": pair(a["strides"]) if a.get("strides") is not None else ps, "data_format": "channels_last"})
    elif cls in ("GlobalAveragePooling2D", "GlobalMaxPooling2D"):
        c.update({"data_format": "channels_last", "keepdims": False})
    elif cls == "BatchNormalization":
        c.update({"axis": -1 if k3 else [3], "momentum": a.get("momentum", 0.99), "epsilon": a.get("epsilon", 0.001),
                  "center": a.get("center", True), "scale": a.get("scale", True),
                  "beta_initializer": f.init("Zeros"), "gamma_initializer": f.init("Ones"),
                  "moving_mean_initializer": f.init("Zeros"), "moving_variance_initializer": f.init("Ones"),
                  "beta_regularizer": None, "gamma_regularizer": None, "beta_constraint": None, "gamma_constraint": None})
        if k3:
            c.update({"synchronized": False, "renorm": False, "renorm_clipping": None, "renorm_momentum": 0.99})
    elif cls == "Dense":
        c.update({"units": a["units"], "activation": f.act(a.get("activation")), "use_bias": a.get("use_bias", True),
                  "kernel_initializer": f.glorot(), "bias_initializer": f.init("Zeros"), "kernel_regularizer": None,
                  "bias_regularizer": None})
        if not k3:
            c["activity_regularizer"] = None
        c.update({"kernel_constraint": None, "bias_constraint": None})
        if k3:
            c["quantization_config"] = None
    elif cls == "Dropout":
        c.update({"rate": a["rate"], "seed": None, "noise_shape": None} if k3 else {"rate": a["rate"], "noise_shape": None, "seed": None})
    elif cls == "Flatten":
        c["data_format"] = "channels_last"
    elif cls == "Reshape":
        c["target_shape"] = list(a["target_shape"])
    elif cls == "Concatenate":
        c["axis"] = a.get("axis", -1)
    elif cls == "Add":
        pass
    elif cls == "UpSampling2D":
        c.update({"size": pair(a.get("size", 2)), "data_format": "channels_last", "interpolation": a.get("interpolation", "nearest")})
    elif cls == "ZeroPadding2D":
        c.update({"padding": pads2(a.get("padding", 1)), "data_format": "channels_last"})
    elif cls == "Cropping2D":
        c.update({"cropping": pads2(a.get("cropping", 0)), "data_format": "channels_last"})
    elif cls == "Activation":
        c["activation"] = f.act(a["activation"])
    elif cls == "ReLU":
        mv = a.get("max_value")
        c.update({"max_value": (float(mv) if mv is not None else None) if not k3 else mv, "negative_slope": 0.0, "threshold": 0.0})
    elif cls == "LeakyReLU":
        if k3:
            c["negative_slope"] = a.get("alpha", 0.3)
        else:
            c["alpha"] = float(np.float32(a.get("alpha", 0.3)))
    elif cls == "Softmax":
        c["axis"] = a.get("axis", -1)
    else:
        raise ValueError(cls)
    return c


HAS_BUILD = {"Conv2D", "Conv2DTranspose", "DepthwiseConv2D", "SeparableConv2D", "BatchNormalization", "Dense",
             "Concatenate", "Add", "Sequential"}


def k3_names(spec):
    """tf.keras 2 auto-names -> Keras 3 auto-names (only InputLayers and models differ)."""
    m = {}
    if spec["style"] == "functional":
        for i in range(len(spec["input_shapes"])):
            m[f"input_{i + 1}"] = "input_layer" if i == 0 else f"input_layer_{i}"
        m["model"] = "functional"
    return m


def k3_layer_entry(f, cls, a, name, build_shape):
    e = {"module": "keras.layers", "class_name": cls, "config": layer_config(f, cls, a, name), "registered_name": None}
    if cls in HAS_BUILD and build_shape is not None:
        e["build_config"] = {"input_shape": build_shape}
    return e


def k3_input_entry(name, shape):
    return {"module": "keras.layers", "class_name": "InputLayer",
            "config": {"batch_shape": [None] + list(shape), "dtype": "float32", "sparse": False, "ragged": False,
                       "name": name, "optional": False}, "registered_name": None}


def k2_input_entry(name, shape):
    return {"class_name": "InputLayer", "config": {"batch_input_shape": [None] + list(shape), "dtype": "float32",
                                                    "sparse": False, "ragged": False, "name": name}}


def sequential_config(f, name, layers, input_shape, input_name, nested_names=None):
    """layers: list of (cls, args, name, input_shape_of_layer)."""
    if f.kind == "k3":
        entries = [k3_input_entry(input_name, input_shape)]
        for cls, a, lname, ishape in layers:
            entries.append(k3_layer_entry(f, cls, a, lname, [None] + list(ishape)))
        cfg = layer_config_base_k3(name)
        cfg["layers"] = entries
        cfg["build_input_shape"] = [None] + list(input_shape)
        return {"module": "keras", "class_name": "Sequential", "config": cfg, "registered_name": None,
                "build_config": {"input_shape": [None] + list(input_shape)}}
    entries = [k2_input_entry(input_name, input_shape)]
    for i, (cls, a, lname, ishape) in enumerate(layers):
        entries.append({"class_name": cls, "config": layer_config(f, cls, a, lname, [None] + list(input_shape) if i == 0 else None)})
    return {"class_name": "Sequential", "config": {"name": name, "layers": entries}}


def layer_config_base_k3(name):
    return {"name": name, "trainable": True,
            "dtype": {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"}, "registered_name": None}}


def seq_layers(spec_layers, input_shape):
    out, shape = [], input_shape
    for s in spec_layers:
        a = {k: v for k, v in (s.get("args") or {}).items() if k not in ("input_shape", "name")}
        out.append((s["class_name"], a, s["name"], shape))
        shape = s["output_shape"]
    return out


def model_config(spec, f):
    """The model's serialized config in flavor f (without to_json's keras_version/backend keys)."""
    nm = k3_names(spec) if f.kind == "k3" else {}
    r = lambda n: nm.get(n, n)
    if spec["style"] == "sequential":
        layers = seq_layers(spec["layers"], spec["input_shapes"][0])
        first = spec["layers"][0]["name"]
        in_name = "input_layer" if f.kind == "k3" else f"{first}_input"
        return sequential_config(f, "sequential", layers, spec["input_shapes"][0], in_name)
    # functional
    shapes = {}          # (name, node) -> output shape without batch
    for i, shp in enumerate(spec["input_shapes"]):
        shapes[(f"input_{i + 1}", 0)] = shp
    for s in spec["layers"]:
        shapes[(s["name"], s["node_index"])] = s["output_shape"]
    entries = {}
    order = []
    for i, shp in enumerate(spec["input_shapes"]):
        n = f"input_{i + 1}"
        e = k3_input_entry(r(n), shp) if f.kind == "k3" else k2_input_entry(n, shp)
        e["name"] = r(n)
        e["inbound_nodes"] = []
        entries[n] = e
        order.append(n)
    for s in spec["layers"]:
        n = s["name"]
        ins = s["inbound"]
        in_shapes = [[None] + list(shapes[(a, k)]) for a, k, _ in ins]
        if s.get("shared_call_of"):
            e = entries[n]
        else:
            cls = s["class_name"]
            a = {k: v for k, v in (s.get("args") or {}).items() if k != "name"}
            if cls == "Sequential":
                inner_in = [x for x in s["layers"][0]["args"]["input_shape"]]
                inner = []
                shape = inner_in
                # inner output shapes: run the chain of output shapes recorded for the outer layer is not enough;
                # use the nested layer specs' own output shapes (recorded by the JS side when present)
                for il in s["layers"]:
                    ia = {k: v for k, v in il["args"].items() if k not in ("input_shape", "name")}
                    inner.append((il["class_name"], ia, il["name"], shape))
                    shape = il.get("output_shape", shape)
                in_name = "input_layer_1" if f.kind == "k3" else f"{s['layers'][0]['name']}_input"
                e = sequential_config(f, n, inner, inner_in, in_name)
            elif f.kind == "k3":
                e = k3_layer_entry(f, cls, a, n, in_shapes[0] if len(in_shapes) == 1 else in_shapes)
            else:
                e = {"class_name": cls, "config": layer_config(f, cls, a, n)}
            e["name"] = n
            e["inbound_nodes"] = []
            entries[n] = e
            order.append(n)
        if f.kind == "k3":
            def kt(a, k):
                # Keras 3: node indices count only this model's nodes; a nested Sequential has no node of its own
                return {"class_name": "__keras_tensor__", "config": {"shape": [None] + list(shapes[(a, k)]), "dtype": "float32",
                                                                     "keras_history": [r(a), k, 0]}}
            args = [kt(a, k) for a, k, _ in ins]
            e["inbound_nodes"].append({"args": args if len(args) == 1 else [args], "kwargs": {}})
        else:
            # tf.keras 2: a nested Sequential is a Functional subclass whose own node 0 is kept, so calls count from 1
            e["inbound_nodes"].append([[a, k + nested_offset(spec, a), 0, {}] for a, k, _ in ins])
    outs = spec["outputs"]
    if f.kind == "k3":
        ol = [[r(a), k, t] for a, k, t in outs]
        il = [[r(f"input_{i + 1}"), 0, 0] for i in range(len(spec["input_shapes"]))]
        cfg = {"name": "functional", "trainable": True, "layers": [entries[n] for n in order],
               "input_layers": il[0] if len(il) == 1 else il, "output_layers": ol[0] if len(ol) == 1 else ol}
        return {"module": "keras.src.models.functional", "class_name": "Functional", "config": cfg,
                "registered_name": "Functional", "build_config": {"input_shape": None}}
    ol = [[a, k + nested_offset(spec, a), t] for a, k, t in outs]
    il = [[f"input_{i + 1}", 0, 0] for i in range(len(spec["input_shapes"]))]
    cfg = {"name": "model", "trainable": True, "layers": [entries[n] for n in order], "input_layers": il, "output_layers": ol}
    return {"class_name": "Functional", "config": cfg}


def nested_offset(spec, name):
    return 1 if any(s["name"] == name and s["class_name"] == "Sequential" for s in spec["layers"]) else 0


# ------------------------------------------------------------------------------------------------ weights
def load_w(work, case, w):
    return np.load(os.path.join(work, case + ".w", w["file"])).astype(np.float32)


def model_layers(spec):
    """model.layers in tf.keras 2 order: InputLayers first for functional models (they are layers there), shared
    layers once. Each item: (name, class, [weight dicts]) with nested Sequential weights flattened."""
    out = []
    if spec["style"] == "functional":
        for i in range(len(spec["input_shapes"])):
            out.append((f"input_{i + 1}", "InputLayer", [], None))
    for s in spec["layers"]:
        if s.get("shared_call_of"):
            continue
        if s["class_name"] == "Sequential":
            out.append((s["name"], "Sequential", None, s["layers"]))
        else:
            out.append((s["name"], s["class_name"], s["weights"], None))
    return out


def legacy_weight_list(work, case, name, weights, inner):
    """[(weight_name, array)] in _legacy_weights order: trainable first, then non-trainable."""
    if inner is None:
        items = [(f"{name}/{w['name']}:0", load_w(work, case, w), w["trainable"]) for w in weights]
    else:
        items = [(f"{il['name']}/{w['name']}:0", load_w(work, case, w), w["trainable"]) for il in inner for w in il["weights"]]
    return [(n, a) for n, a, t in items if t] + [(n, a) for n, a, t in items if not t]


def new_group(parent, name):
    """create_group without object times (HDF5 stores times unless told not to), for byte-identical files."""
    gcpl = h5py.h5p.create(h5py.h5p.GROUP_CREATE)
    gcpl.set_obj_track_times(False)
    parts = name.split("/")
    g = parent
    for p in parts:
        if p in g:
            g = g[p]
            continue
        gid = h5py.h5g.create(g.id, p.encode(), gcpl=gcpl)
        g = h5py.Group(gid)
    return g


def new_dataset(group, name, arr):
    parts = name.split("/")
    g = new_group(group, "/".join(parts[:-1])) if len(parts) > 1 else group
    d = g.create_dataset(parts[-1], arr.shape, dtype=arr.dtype, track_times=False)
    if arr.shape:
        d[:] = arr
    else:
        d[()] = arr
    return d


FIXED_LENGTH_STRINGS = False   # True: write strings the way h5py 2.x did (fixed-length |S), see write_legacy_h5


def save_attributes(group, name, data):
    """keras/saving/legacy/hdf5_format.py save_attributes_to_hdf5_group: chunks past 64512 bytes."""
    if FIXED_LENGTH_STRINGS and len(data):
        data = np.asarray(data)
    data_npy = np.asarray(data)
    num_chunks = 1
    chunked = np.array_split(data_npy, num_chunks)
    while any(x.nbytes > HDF5_OBJECT_HEADER_LIMIT for x in chunked):
        num_chunks += 1
        chunked = np.array_split(data_npy, num_chunks)
    if num_chunks > 1:
        for i, chunk in enumerate(chunked):
            group.attrs["%s%d" % (name, i)] = chunk
    else:
        group.attrs[name] = data


def bytes_attr(s):
    return np.bytes_(s.encode("utf8")) if FIXED_LENGTH_STRINGS else s.encode("utf8")


def save_weights_to_group(f, spec, work):
    """hdf5_format.save_weights_to_hdf5_group (tf.keras 2.12)."""
    layers = model_layers(spec)
    save_attributes(f, "layer_names", [n.encode("utf8") for n, _, _, _ in layers])
    f.attrs["backend"] = bytes_attr("tensorflow")
    f.attrs["keras_version"] = bytes_attr(K2_VERSION)
    for n, cls, weights, inner in sorted(layers, key=lambda x: x[0]):
        g = new_group(f, n)
        wl = [] if cls == "InputLayer" else legacy_weight_list(work, spec["case"], n, weights or [], inner)
        save_attributes(g, "weight_names", [w.encode("utf8") for w, _ in wl])
        for w, a in wl:
            new_dataset(g, w, a)
    g = new_group(f, "top_level_model_weights")
    save_attributes(g, "weight_names", [])


def h5_file(path_or_io):
    return h5py.File(path_or_io, "w", track_order=False)


def write_legacy_h5(path, spec, work, flavor, fixed_length_strings=False):
    global FIXED_LENGTH_STRINGS
    FIXED_LENGTH_STRINGS = fixed_length_strings
    cfg = model_config(spec, flavor)
    with h5_file(path) as f:
        version = K2_VERSION if flavor.kind == "k2" else "2.15.0"
        f.attrs["keras_version"] = np.bytes_(version.encode()) if fixed_length_strings else version
        f.attrs["backend"] = np.bytes_(b"tensorflow") if fixed_length_strings else "tensorflow"
        f.attrs["model_config"] = bytes_attr(json.dumps(cfg))
        save_weights_to_group(new_group(f, "model_weights"), spec, work)
        if flavor.kind != "k2":
            f["model_weights"].attrs["keras_version"] = b"2.15.0"
    FIXED_LENGTH_STRINGS = False


def write_legacy_weights(path, spec, work):
    with h5_file(path) as f:
        save_weights_to_group(f, spec, work)


def k3_weight_store(bio, spec, work, with_empty_groups=True):
    """saving_lib._save_state with H5IOStore: vars/<i> per layer, layers addressed by their class in snake_case."""
    f = h5py.File(bio, "w", track_order=False)
    nm = k3_names(spec)
    model_name = "sequential" if spec["style"] == "sequential" else "functional"

    def make(path, name, arrays):
        if not arrays and not with_empty_groups:
            return
        g = new_group(f, (path + "/vars") if path else "vars")
        if with_empty_groups:
            g.attrs["name"] = name
        for i, a in enumerate(arrays):
            g.create_dataset(str(i), data=a, track_times=False)

    def ordered(weights):
        return [load_w(work, spec["case"], w) for w in weights if w["trainable"]] + \
               [load_w(work, spec["case"], w) for w in weights if not w["trainable"]]

    make("", model_name, [])
    used = {}
    entries = []
    if spec["style"] == "functional":
        for i in range(len(spec["input_shapes"])):
            entries.append(("InputLayer", nm[f"input_{i + 1}"], [], None))
    for s in spec["layers"]:
        if s.get("shared_call_of"):
            continue
        entries.append((s["class_name"], s["name"], s.get("weights") or [], s.get("layers")))
    for cls, name, weights, inner in entries:
        key = unique(snake(cls), used)
        if cls == "Sequential":
            make(f"layers/{key}", name, [])
            iu = {}
            for il in inner:
                make(f"layers/{key}/layers/{unique(snake(il['class_name']), iu)}", il["name"], ordered(il["weights"]))
        else:
            make(f"layers/{key}", name, ordered(weights))
    f.close()


def snake(name):      # keras/src/utils/naming.py to_snake_case
    name = re.sub(r"\W+", "", name)
    name = re.sub("(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub("([a-z])([A-Z])", r"\1_\2", name).lower()


def unique(name, used):   # saving_lib._get_unique_name
    if name in used:
        used[name] += 1
        return f"{name}_{used[name]}"
    used[name] = 0
    return name


def zinfo(name):
    zi = zipfile.ZipInfo(name, date_time=ZIP_DATE)
    zi.external_attr = 0o600 << 16
    zi.compress_type = zipfile.ZIP_STORED
    return zi


def write_keras(path, spec, work, with_empty_groups=True, version=K3_VERSION):
    config_json = json.dumps(model_config(spec, Flavor("k3")))
    metadata_json = json.dumps({"keras_version": version, "date_saved": DATE_SAVED})
    bio = io.BytesIO()
    k3_weight_store(bio, spec, work, with_empty_groups)
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(zinfo("metadata.json"), metadata_json.encode())
        zf.writestr(zinfo("config.json"), config_json.encode())
        zf.writestr(zinfo("model.weights.h5"), bio.getvalue())
    return config_json, bio.getvalue()


# ------------------------------------------------------------------------------------------------ checks
def check_case(spec, work):
    """Reads the written files back with h5py/zipfile and checks every weight array against the case's weights."""
    case = spec["case"]
    want = {}
    for n, cls, weights, inner in model_layers(spec):
        if cls != "InputLayer":
            want[n] = legacy_weight_list(work, case, n, weights or [], inner)
    with h5py.File(os.path.join(KERAS, case + ".h5"), "r") as f:
        json.loads(f.attrs["model_config"])
        mw = f["model_weights"]
        for n, wl in want.items():
            names = [x.decode() if isinstance(x, bytes) else x for x in mw[n].attrs["weight_names"]]
            assert names == [w for w, _ in wl], (case, n, names)
            for w, a in wl:
                assert np.array_equal(mw[n][w][()], a), (case, n, w)
    kp = os.path.join(KERAS, case + ".keras")
    with zipfile.ZipFile(kp if os.path.exists(kp) else os.path.join(work, case + ".keras")) as zf:
        json.loads(zf.read("config.json"))
        with h5py.File(io.BytesIO(zf.read("model.weights.h5")), "r") as f:
            total = 0
            f.visititems(lambda k, v: None)
            def count(k, v):
                nonlocal total
                if isinstance(v, h5py.Dataset):
                    total += v.size
            f.visititems(count)
    expected_total = sum(a.size for wl in want.values() for _, a in wl)
    assert total == expected_total, (case, total, expected_total)


# ------------------------------------------------------------------------------------------------ bad files
def write_bad(work):
    os.makedirs(BAD, exist_ok=True)
    src = os.path.join(KERAS, "seq_conv_pool_dense.h5")
    data = open(src, "rb").read()
    open(os.path.join(BAD, "keras_truncated.h5"), "wb").write(data[: len(data) // 2])
    # model_config is not JSON
    shutil.copy(src, os.path.join(BAD, "keras_model_config_not_json.h5"))
    with h5py.File(os.path.join(BAD, "keras_model_config_not_json.h5"), "a") as f:
        f.attrs["model_config"] = b'{"class_name": "Sequential", "config": {"name": "sequential", "layers": [ this is not JSON'
    # a kernel dataset whose shape disagrees with the config (filters 4 in the config, 5 in the file)
    spec = json.load(open(os.path.join(work, "seq_conv_pool_dense.spec.json")))
    with h5_file(os.path.join(BAD, "keras_dataset_shape_mismatch.h5")) as f:
        f.attrs["keras_version"] = K2_VERSION
        f.attrs["backend"] = "tensorflow"
        f.attrs["model_config"] = json.dumps(model_config(spec, Flavor("k2"))).encode()
        mw = new_group(f, "model_weights")
        save_weights_to_group(mw, spec, work)
        g = mw["conv2d"]["conv2d"]
        del g["kernel:0"]
        g.create_dataset("kernel:0", data=np.zeros((3, 3, 3, 5), np.float32), track_times=False)
    # weight_names naming a dataset that is not there
    shutil.copy(src, os.path.join(BAD, "keras_weight_name_missing_dataset.h5"))
    with h5py.File(os.path.join(BAD, "keras_weight_name_missing_dataset.h5"), "a") as f:
        del f["model_weights/dense/dense/bias:0"]
    vlen_length_lie(src, os.path.join(BAD, "keras_vlen_length_claims_1gib.h5"))
    # .keras without model.weights.h5
    ks = os.path.join(KERAS, "seq_conv_pool_dense.keras")
    with zipfile.ZipFile(ks) as zin, zipfile.ZipFile(os.path.join(BAD, "keras_missing_weights.keras"), "w") as zout:
        for n in ("metadata.json", "config.json"):
            zout.writestr(zinfo(n), zin.read(n))
    # .keras whose config.json inflates to 256 MiB from 255 KB (deflate of zeros); the > 4 GiB one is 4.2 MB
    # (deflate cannot beat ~1032:1), so it is made on demand: write_keras_files.py --zip-bomb-4gib OUT.keras
    zip_bomb(os.path.join(BAD, "keras_zip_bomb_256mib.keras"), 4)
    zip64_size_claim(os.path.join(BAD, "keras_zip64_claims_6gib.keras"))
    # tfjs model.json whose shard is shorter than the manifest says
    src_dir = os.path.join(TFJS, "seq_conv_pool_dense")
    dst = os.path.join(BAD, "tfjs_short_shard")
    shutil.rmtree(dst, ignore_errors=True)
    os.makedirs(dst)
    shutil.copy(os.path.join(src_dir, "model.json"), os.path.join(dst, "model.json"))
    shard = open(os.path.join(src_dir, "group1-shard1of1.bin"), "rb").read()
    open(os.path.join(dst, "group1-shard1of1.bin"), "wb").write(shard[: len(shard) - 100])
    # tfjs manifest naming a shard that does not exist
    dst2 = os.path.join(BAD, "tfjs_missing_shard")
    shutil.rmtree(dst2, ignore_errors=True)
    os.makedirs(dst2)
    mj = json.load(open(os.path.join(src_dir, "model.json")))
    mj["weightsManifest"][0]["paths"] = ["group1-shard1of2.bin", "group1-shard2of2.bin"]
    json.dump(mj, open(os.path.join(dst2, "model.json"), "w"))
    open(os.path.join(dst2, "group1-shard1of2.bin"), "wb").write(shard[:1000])


def vlen_length_lie(src, path):
    """src with the variable-length string attribute model_config claiming 1 GiB: on disk the attribute's element is
    (length u32, global heap address, heap index u32); libhdf5 1.10 allocates and zero-fills the claimed length before
    it reads the string, so a reader that hands it the file as it is touches 1 GiB."""
    import struct
    data = bytearray(open(src, "rb").read())
    with h5py.File(src, "r") as f:
        length = len(f.attrs["model_config"])
    at = [i for i in range(len(data) - 16)
          if struct.unpack_from("<I", data, i)[0] == length and 0 < struct.unpack_from("<Q", data, i + 4)[0] < len(data)
          and 0 < struct.unpack_from("<I", data, i + 12)[0] < 1000]
    assert len(at) == 1, at
    struct.pack_into("<I", data, at[0], 1 << 30)
    open(path, "wb").write(data)


def zip_bomb(path, pieces):
    """config.json = pieces x 64 MiB of zeros + '{}', deflated, zip64; streamed, never held in memory."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr(zinfo("metadata.json"), json.dumps({"keras_version": K3_VERSION, "date_saved": DATE_SAVED}))
        zi = zipfile.ZipInfo("config.json", date_time=ZIP_DATE)
        zi.compress_type = zipfile.ZIP_DEFLATED
        zi.external_attr = 0o600 << 16
        piece = b"\0" * (64 << 20)
        with zf.open(zi, "w", force_zip64=True) as w:
            for _ in range(pieces):
                w.write(piece)
            w.write(b"{}")


def zip64_size_claim(path):
    """metadata.json (normal) + a stored 2-byte config.json whose zip64 extra fields, in the local header and in the
    central directory, claim 6 GiB uncompressed: a reader that trusts or allocates the claimed size is caught."""
    import struct
    import zlib
    dos_time, dos_date = 0, (0 << 9) | (1 << 5) | 1          # 1980-01-01 00:00
    out = bytearray()
    central = bytearray()
    entries = [("metadata.json", json.dumps({"keras_version": K3_VERSION, "date_saved": DATE_SAVED}).encode(), None),
               ("config.json", b"{}", 6 << 30)]
    for name, data, claim in entries:
        crc = zlib.crc32(data)
        offset = len(out)
        if claim is None:
            out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 0, dos_time, dos_date, crc, len(data), len(data), len(name), 0)
            out += name.encode() + data
            central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 0x0314, 20, 0, 0, dos_time, dos_date, crc, len(data),
                                   len(data), len(name), 0, 0, 0, 0, 0o600 << 16, offset) + name.encode()
        else:
            extra = struct.pack("<HHQQ", 0x0001, 16, claim, len(data))
            out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 45, 0, 0, dos_time, dos_date, crc, 0xFFFFFFFF, 0xFFFFFFFF,
                               len(name), len(extra))
            out += name.encode() + extra + data
            cextra = struct.pack("<HHQQ", 0x0001, 16, claim, len(data))
            central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 0x032D, 45, 0, 0, dos_time, dos_date, crc, 0xFFFFFFFF,
                                   0xFFFFFFFF, len(name), len(cextra), 0, 0, 0, 0o600 << 16, offset) + name.encode() + cextra
    cd_offset = len(out)
    out += central
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(central), cd_offset, 0)
    open(path, "wb").write(bytes(out))


# ------------------------------------------------------------------------------------------------ main
def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--zip-bomb-4gib":
        zip_bomb(sys.argv[2], 64)        # 64 x 64 MiB = 4 GiB (+2 bytes) of zeros: 4.2 MB, ~15 s
        return
    work = sys.argv[1] if len(sys.argv) > 1 else None
    tmp = None
    if work is None:
        tmp = work = tempfile.mkdtemp(prefix="convlens_keras_")
        subprocess.run([os.environ.get("NODE", "node"), os.path.join(HERE, "gen_keras_files.mjs"), work], check=True)
    specs = [json.load(open(os.path.join(work, n))) for n in sorted(os.listdir(work)) if n.endswith(".spec.json")]
    index = {"generator": "tests/golden/files/gen_keras_files.mjs + write_keras_files.py",
             "truth": "@tensorflow/tfjs 4.22.0 (CPU backend)", "emulated": {"tf.keras": K2_VERSION, "keras": K3_VERSION},
             "h5py": h5py.__version__, "hdf5": h5py.version.hdf5_version, "cases": []}
    for spec in specs:
        case = spec["case"]
        k2 = model_config(spec, Flavor("k2"))
        files = [case + ".h5"]
        write_legacy_h5(os.path.join(KERAS, case + ".h5"), spec, work, Flavor("k2"))
        if case in WEIGHTS_ONLY_CASES:
            write_legacy_weights(os.path.join(KERAS, case + ".weights.h5"), spec, work)
            files.append(case + ".weights.h5")
        keras_path = os.path.join(KERAS, case + ".keras") if case not in H5_ONLY_CASES else os.path.join(work, case + ".keras")
        config_json, weights_h5 = write_keras(keras_path, spec, work)
        if case not in H5_ONLY_CASES:
            with open(os.path.join(KERAS, case + ".json"), "w") as fj:
                fj.write(json.dumps({**k2, "keras_version": K2_VERSION, "backend": "tensorflow"}))
            files += [case + ".json", case + ".keras"]
        if case in KERAS3_JSON_CASES:
            open(os.path.join(KERAS, case + ".keras3.json"), "w").write(config_json)
            open(os.path.join(KERAS, case + ".keras3.weights.h5"), "wb").write(weights_h5)
            files += [case + ".keras3.json", case + ".keras3.weights.h5"]
        if case in KERAS35_CASES:
            write_keras(os.path.join(KERAS, case + ".keras_3_5.keras"), spec, work, with_empty_groups=False, version="3.5.0")
            files.append(case + ".keras_3_5.keras")
        if case in TF215_CASES:
            write_legacy_h5(os.path.join(KERAS, case + ".tf215.h5"), spec, work, Flavor("k215"))
            files.append(case + ".tf215.h5")
        if case in H5PY2_CASES:
            write_legacy_h5(os.path.join(KERAS, case + ".h5py2.h5"), spec, work, Flavor("k2"), fixed_length_strings=True)
            files.append(case + ".h5py2.h5")
        check_case(spec, work)
        exp = json.load(open(os.path.join(KERAS, case + ".expected.json")))
        index["cases"].append({"case": case, "style": spec["style"], "files": files, "tfjs": exp["tfjs"],
                               "expected": case + ".expected.json", "keras3_renamed": k3_names(spec),
                               "layers": len(exp["layers"]), "total_params": exp["total_params"]})
    with open(os.path.join(KERAS, "index.json"), "w") as f:
        json.dump(index, f, indent=1)
        f.write("\n")
    write_bad(work)
    if tmp:
        shutil.rmtree(tmp)
    print(f"{len(specs)} Keras cases written", file=sys.stderr)


if __name__ == "__main__":
    main()
