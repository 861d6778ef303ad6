"""Independent cross-check of the forward goldens gen_keras_modules.mjs writes for the layers whose values do not
come from a stock tfjs layer (Normalization, Resizing, CenterCrop, Lambda bodies, custom layers, bilinear
UpSampling2D, nested models): each is recomputed here with numpy / torch 1.13 from the case's input.npy, weights and
the expected output of the layer before it, and must match to 1e-5 (relative to the output's max |value|).

    /usr/bin/python3 keras_shim/check_forward.py ../forward/keras_modules      (run by gen_keras_modules.mjs)
"""
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

ROOT = sys.argv[1]
failures = []
checked = 0


def load(case, rel):
    return np.load(os.path.join(ROOT, case, rel)).astype("float64")


def inp(case):
    return load(case, "input.npy")


def exp(case, name):
    return load(case, os.path.join("expected", name + ".npy"))


def w(case, name):
    return load(case, os.path.join("weights", name + ".npy"))


def check(case, name, want):
    global checked
    got = exp(case, name)
    if got.shape != want.shape:
        failures.append(f"{case}/{name}: shape {got.shape} vs {want.shape}")
        return
    scale = max(1e-6, float(np.abs(want).max()))
    err = float(np.abs(got - want).max()) / scale
    if err > 1e-5:
        failures.append(f"{case}/{name}: relative error {err:.2e}")
    checked += 1


def resize(x, h, w_, mode):
    t = torch.from_numpy(x).permute(0, 3, 1, 2)
    if mode == "bilinear":
        y = F.interpolate(t, size=(h, w_), mode="bilinear", align_corners=False)
    else:
        y = F.interpolate(t, size=(h, w_), mode="nearest-exact")
    return y.permute(0, 2, 3, 1).numpy()


def depth_to_space(x, b):
    n, h, w_, c = x.shape
    y = x.reshape(n, h, w_, b, b, c // (b * b)).transpose(0, 1, 3, 2, 4, 5)
    return y.reshape(n, h * b, w_ * b, c // (b * b))


def norm(x, mean, var):
    return (x - mean) / np.maximum(np.sqrt(var), 1e-7)


def pad(x, t, b, l, r, mode):
    return np.pad(x, ((0, 0), (t, b), (l, r), (0, 0)), mode=mode)


c = "fwd_rescaling_1_255"
check(c, "rescaling", inp(c) / 255.0)
c = "fwd_rescaling_offset"
check(c, "rescaling", inp(c) / 127.5 - 1.0)
c = "fwd_normalization_mean_variance"
check(c, "normalization", norm(inp(c), np.array([0.1, -0.2, 0.3]), np.array([0.25, 1.0, 4.0])))
c = "fwd_normalization_scalar"
check(c, "normalization", norm(inp(c), 0.5, 0.04))
c = "fwd_normalization_adaptless_weights"
check(c, "normalization", norm(inp(c), w(c, "normalization.mean"), w(c, "normalization.variance")))
c = "fwd_normalization_invert"
check(c, "normalization", inp(c) * np.sqrt(np.array([4.0, 0.25])) + np.array([1.0, -1.0]))
check("fwd_resizing_bilinear_up", "resizing", resize(inp("fwd_resizing_bilinear_up"), 8, 11, "bilinear"))
check("fwd_resizing_bilinear_down", "resizing", resize(inp("fwd_resizing_bilinear_down"), 4, 6, "bilinear"))
check("fwd_resizing_nearest_up", "resizing", resize(inp("fwd_resizing_nearest_up"), 9, 7, "nearest"))
check("fwd_resizing_nearest_down", "resizing", resize(inp("fwd_resizing_nearest_down"), 4, 5, "nearest"))
c = "fwd_resizing_crop_to_aspect_ratio"
check(c, "resizing", resize(inp(c)[:, :, 3:13, :], 6, 6, "bilinear"))
c = "fwd_center_crop"
check(c, "center_crop", inp(c)[:, 2:7, 1:6, :])
c = "fwd_lambda_div255_relu"
check(c, "lambda", inp(c) / 255.0)
check(c, "lambda_1", np.maximum(exp(c, "conv2d"), 0))
c = "fwd_lambda_concat"
check(c, "lambda", np.concatenate([exp(c, "conv2d"), exp(c, "conv2d_1")], axis=-1))
c = "fwd_lambda_backend_mean_max"
check(c, "lambda", inp(c).mean(axis=-1, keepdims=True))
check(c, "lambda_1", inp(c).max(axis=-1, keepdims=True))
check(c, "multiply", inp(c) * exp(c, "conv2d"))
c = "fwd_lambda_image_resize_bilinear"
check(c, "lambda", resize(inp(c), 7, 9, "bilinear"))
c = "fwd_lambda_image_resize_nearest"
check(c, "lambda", resize(inp(c), 4, 10, "nearest"))
c = "fwd_lambda_depth_to_space"
check(c, "lambda", depth_to_space(exp(c, "conv2d"), 2))
c = "fwd_lambda_reflect_pad"
check(c, "lambda", pad(inp(c), 2, 1, 1, 3, "reflect"))
check(c, "lambda_1", pad(exp(c, "lambda"), 1, 1, 1, 1, "symmetric"))
c = "fwd_lambda_slice_l2_normalize"
s = inp(c)[:, 1:, :3, 1:4]
check(c, "lambda", s)
check(c, "lambda_1", s / np.sqrt(np.maximum((s * s).sum(axis=-1, keepdims=True), 1e-12)))
c = "fwd_nested_sequential_block"
check(c, "sequential", exp(c, "sequential/conv2d_1"))
c = "fwd_nested_sequential_first_layer"
check(c, "preprocess/random_flip", inp(c))
check(c, "preprocess/rescaling", inp(c) / 255.0)
check(c, "preprocess", inp(c) / 255.0)
c = "fwd_nested_functional_model"
check(c, "residual/add", inp(c) + exp(c, "residual/conv2d_1"))
check(c, "residual", exp(c, "residual/add"))
c = "fwd_custom_reflection_padding"
check(c, "reflection_padding2d", pad(inp(c), 1, 1, 2, 2, "reflect"))
c = "fwd_custom_scale_layer_weights"
check(c, "scale_layer", exp(c, "conv2d") * w(c, "scale_layer.gamma") + w(c, "scale_layer.beta"))
c = "fwd_upsampling_bilinear_decoder_loop"
x = inp(c)
check(c, "up_sampling2d", resize(x, 6, 8, "bilinear"))
check(c, "up_sampling2d_1", resize(exp(c, "conv2d"), 12, 16, "bilinear"))

if failures:
    print("forward cross-check FAILED:\n  " + "\n  ".join(failures), file=sys.stderr)
    sys.exit(1)
print(f"forward cross-check: {checked} layer outputs match numpy/torch {torch.__version__}")
