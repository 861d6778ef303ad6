#!/usr/bin/env python3
"""make_corpus.py — (re)builds the seed corpora of tests/fuzz/corpus/<target>/ from the repository's own examples and
golden data (plus a few hand-written project files covering every layer family). Deterministic; standard library
only. Run from anywhere: python3 tests/fuzz/make_corpus.py. The regression inputs (regressions/) are never touched."""
import json
import pathlib
import shutil
import struct

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "fuzz" / "corpus"
MAX_BYTES = 64 * 1024


def reset(target):
    d = OUT / target
    if d.exists():
        shutil.rmtree(d)
    d.mkdir(parents=True)
    return d


def copy_small(paths, target, limit=40):
    d = reset(target)
    n = 0
    for p in sorted(paths):
        if n >= limit:
            break
        if p.stat().st_size > MAX_BYTES:
            continue
        rel = p.relative_to(ROOT).as_posix().replace("/", "__")
        shutil.copyfile(p, d / rel)
        n += 1
    return d


def framework_of(code):
    return "pytorch" if "torch" in code else "keras"


# ---------------------------------------------------------------- Python code
code_files = list((ROOT / "resources" / "examples").glob("*.py")) + list((ROOT / "docs" / "screenshots" / "models").glob("*.py"))
code_files += sorted((ROOT / "tests" / "golden" / "forward" / "keras").glob("*/model.py"))
code_files += sorted((ROOT / "tests" / "golden" / "forward" / "torch").glob("*/model.py"))
keras = [p for p in code_files if framework_of(p.read_text()) == "keras"]
torch = [p for p in code_files if framework_of(p.read_text()) == "pytorch"]
copy_small(keras, "keras_code")
copy_small(torch, "torch_code")


# ---------------------------------------------------------------- project files
def layer(name, type_, inputs=(), **params):
    return {"name": name, "type": type_, "inputs": list(inputs), "params": params}


def project(framework, layers, outputs=None):
    p = {"format": "convlens-model", "version": 1, "framework": framework, "layers": layers}
    if outputs:
        p["outputs"] = outputs
    return p


projects = {
    "keras_lenet": project("keras", [
        layer("in", "InputLayer", shape=[28, 28, 1]),
        layer("c1", "Conv2D", ["in"], filters=6, kernel_size=5, padding="same", activation="tanh"),
        layer("p1", "AveragePooling2D", ["c1"]),
        layer("c2", "Conv2D", ["p1"], filters=16, kernel_size=[5, 5], activation="relu"),
        layer("p2", "MaxPooling2D", ["c2"], pool_size=2, strides=2, padding="same"),
        layer("f", "Flatten", ["p2"]),
        layer("d", "Dense", ["f"], units=10, activation="softmax"),
    ]),
    "keras_dag": project("keras", [
        layer("in", "InputLayer", shape=[16, 16, 3]),
        layer("a", "Conv2D", ["in"], filters=4, kernel_size=3, padding="same"),
        layer("b", "DepthwiseConv2D", ["in"], kernel_size=3, padding="same", depth_multiplier=1),
        layer("bn", "BatchNormalization", ["b"], epsilon=0.001),
        layer("sep", "SeparableConv2D", ["bn"], filters=4, kernel_size=3, padding="same"),
        layer("add", "Add", ["a", "sep"]),
        layer("cat", "Concatenate", ["add", "in"], axis=-1),
        layer("t", "Conv2DTranspose", ["cat"], filters=2, kernel_size=3, strides=2, padding="same"),
        layer("u", "UpSampling2D", ["t"], size=[2, 2], interpolation="bilinear"),
        layer("pad", "ZeroPadding2D", ["u"], padding=[[1, 2], [0, 3]]),
        layer("crop", "Cropping2D", ["pad"], cropping=1),
        layer("g", "GlobalAveragePooling2D", ["crop"]),
        layer("drop", "Dropout", ["g"], rate=0.5),
        layer("r", "Reshape", ["drop"], target_shape=[1, 2]),
    ], outputs=["r", "cat"]),
    "torch_chain": project("pytorch", [
        layer("x", "Input", shape=[3, 20, 20]),
        layer("0", "Conv2d", ["x"], in_channels=3, out_channels=4, kernel_size=3, stride=2, padding=1),
        layer("1", "BatchNorm2d", ["0"], num_features=4),
        layer("2", "ReLU", ["1"]),
        layer("3", "MaxPool2d", ["2"], kernel_size=3, stride=2, padding=1, ceil_mode=True),
        layer("4", "ConvTranspose2d", ["3"], in_channels=4, out_channels=2, kernel_size=3, stride=2, padding=1,
              output_padding=1),
        layer("5", "Upsample", ["4"], scale_factor=2, mode="nearest"),
        layer("6", "ZeroPad2d", ["5"], padding=[1, 0, 2, 1]),
        layer("7", "AdaptiveAvgPool2d", ["6"], output_size=[3, 3]),
        layer("8", "Flatten", ["7"]),
        layer("9", "Linear", ["8"], in_features=18, out_features=5),
        layer("10", "Unflatten", ["9"], dim=0, unflattened_size=[5, 1]),
    ]),
}
for target in ("project_json", "pipeline"):
    d = reset(target)
    for name, p in projects.items():
        (d / (name + ".json")).write_text(json.dumps(p, indent=1))
    for extra in (ROOT / "docs" / "screenshots" / "models").glob("*.json"):
        shutil.copyfile(extra, d / extra.name)


# ---------------------------------------------------------------- arrays and images
def npy(shape, values, descr="<f4"):
    header = "{'descr': '%s', 'fortran_order': False, 'shape': (%s), }" % (
        descr, "".join("%d, " % s for s in shape) if len(shape) != 1 else "%d," % shape[0])
    header += " " * ((64 - (10 + len(header) + 1) % 64) % 64) + "\n"
    fmt = {"<f4": "<%df", "<f8": "<%dd", "<i8": "<%dq"}[descr]
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode() + struct.pack(fmt % len(values), *values)


npys = sorted((ROOT / "tests" / "golden" / "forward").glob("*/*/input.npy"))
d = copy_small(npys, "npy", limit=12)
(d / "f8_2x2.npy").write_bytes(npy([2, 2], [1.0, -2.0, 0.5, 4.0], "<f8"))
(d / "i8_3.npy").write_bytes(npy([3], [1, 2, 3], "<i8"))
(d / "scalar.npy").write_bytes(npy([], [7.0]))

d = copy_small(sorted((ROOT / "resources" / "digits").glob("*.png")), "image", limit=4)
try:
    from PIL import Image  # optional: other formats from the same digit
    img = Image.open(sorted((ROOT / "resources" / "digits").glob("*.png"))[0])
    img.convert("RGB").save(d / "digit.bmp")
    img.convert("RGB").save(d / "digit.jpg", quality=80)
    img.save(d / "digit.gif")
except ImportError:
    pass

# weights_dir records: [name index][length, 2 bytes LE][bytes] (fuzz_weights_dir.cpp lists the names).
names = ["conv2d.kernel.npy", "conv2d.bias.npy", "batch_normalization.gamma.npy", "batch_normalization.beta.npy",
         "batch_normalization.moving_mean.npy", "batch_normalization.moving_variance.npy", "dense.kernel.npy"]
shapes = [[3, 3, 1, 2], [2], [2], [2], [2], [2], [32, 3]]
record = b""
for i, (n, s) in enumerate(zip(names, shapes)):
    count = 1
    for x in s:
        count *= x
    data = npy(s, [0.01 * (k % 7) for k in range(count)])
    record += bytes([i]) + struct.pack("<H", len(data)) + data
d = reset("weights_dir")
(d / "complete").write_bytes(record)
(d / "first_three").write_bytes(record[: len(record) // 3])
print("corpora written to", OUT)
