#!/usr/bin/python3
"""Golden ONNX files for ConvLens' ONNX reader, made by torch.onnx.export (torch 1.13) and onnx.helper (onnx 1.12).

    cd tests/golden && npm ci && cd files && /usr/bin/python3 gen_onnx.py

Writes onnx/<case>.onnx (+ .onnx.data for the external-data case), onnx/<case>.input.npy, onnx/<case>.torch.npy
(the output computed by torch: the torch module itself, or for the onnx.helper cases a torch.nn.functional / numpy
re-implementation of the ONNX semantics), and a temporary work folder with
  - <case>.all.onnx: a copy of the model in which every node output is also a graph output,
  - <case>.graph.json: the model's graph as onnx parses it,
  - cases.json: the case list.
Then it runs `node run_onnxruntime.mjs WORK` which runs onnxruntime-node on every case, asserts that onnxruntime and
torch agree (max |diff| <= 1e-4 * max |out|) and writes onnx/<case>.expected.json + onnx/<case>.values/*.npy.
Finally it writes the malformed files in bad/ (see bad/README.md).

Deterministic: fixed seeds, fixed names; running it twice gives byte-identical files.
"""
import copy
import json
import os
import shutil
import subprocess
import sys
import tempfile
import warnings

import numpy as np
import onnx
import torch
import torch.nn as nn
import torch.nn.functional as F
from onnx import TensorProto, helper, numpy_helper

warnings.filterwarnings("ignore")
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "onnx")
BAD = os.path.join(HERE, "bad")
EXAMPLES = os.path.normpath(os.path.join(HERE, "..", "..", "..", "resources", "examples"))
DIGITS = os.path.normpath(os.path.join(HERE, "..", "..", "..", "resources", "digits"))
PRODUCER = "convlens tests/golden/files/gen_onnx.py"

CASES = []


def case(name, opset, covers, desc, refuse=None):
    """Registers a builder. The builder returns ('torch', module, input, export_kwargs) or
    ('helper', ModelProto, input ndarray, reference ndarray)."""
    def deco(fn):
        CASES.append(dict(name=name, opset=opset, covers=covers, description=desc, refuse=refuse, build=fn))
        return fn
    return deco


def rand_input(shape, seed):
    g = torch.Generator().manual_seed(seed)
    return (torch.rand(shape, generator=g) * 2 - 1).float()


def trained_like(module, seed):
    """Seeded weights that look trained: default init under a fixed seed, then non-trivial BN/IN statistics."""
    torch.manual_seed(seed)
    g = torch.Generator().manual_seed(seed + 1)
    for m in module.modules():
        if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d, nn.Linear)):
            m.reset_parameters()
            if m.bias is not None:
                with torch.no_grad():
                    m.bias.copy_(torch.randn(m.bias.shape, generator=g) * 0.1)
        if isinstance(m, (nn.BatchNorm2d, nn.InstanceNorm2d)):
            with torch.no_grad():
                if m.weight is not None:
                    m.weight.copy_(1 + 0.2 * torch.randn(m.weight.shape, generator=g))
                    m.bias.copy_(0.2 * torch.randn(m.bias.shape, generator=g))
                if getattr(m, "running_mean", None) is not None:
                    m.running_mean.copy_(0.3 * torch.randn(m.running_mean.shape, generator=g))
                    m.running_var.copy_(0.5 + torch.rand(m.running_var.shape, generator=g))
    return module.eval()


# ------------------------------------------------------------------------------------------- torch-exported cases
@case("conv_pads_strides", 13, ["Conv pads", "Conv strides"], "Conv2d(3,4,3,stride=2,padding=1) on 9x9, then Relu")
def _():
    return "torch", nn.Sequential(nn.Conv2d(3, 4, 3, stride=2, padding=1), nn.ReLU()), (1, 3, 9, 9), {}


@case("conv_dilation_nobias", 11, ["Conv dilations", "Conv without bias", "Conv rect kernel + pads"],
      "Conv2d(3,4,3,dilation=2,padding=2,bias=False), Conv2d(4,2,(1,3),padding=(0,1))")
def _():
    return "torch", nn.Sequential(nn.Conv2d(3, 4, 3, dilation=2, padding=2, bias=False),
                                  nn.Conv2d(4, 2, (1, 3), padding=(0, 1))), (1, 3, 8, 8), {}


@case("conv_group_rect", 9, ["Conv group", "Conv rect strides/pads", "opset 9"],
      "Conv2d(4,6,(3,2),stride=(2,1),padding=(1,0),groups=2) on 9x8")
def _():
    return "torch", nn.Sequential(nn.Conv2d(4, 6, (3, 2), stride=(2, 1), padding=(1, 0), groups=2)), (1, 4, 9, 8), {}


@case("conv_depthwise_mult", 12, ["Conv group = C_in (depthwise, multiplier 2)"], "Conv2d(3,6,3,padding=1,groups=3)")
def _():
    return "torch", nn.Sequential(nn.Conv2d(3, 6, 3, padding=1, groups=3), nn.ReLU()), (1, 3, 7, 7), {}


@case("convtranspose_outpad", 13, ["ConvTranspose pads", "ConvTranspose output_padding", "ConvTranspose strides"],
      "ConvTranspose2d(3,4,3,stride=2,padding=1,output_padding=1) on 5x5 -> 10x10")
def _():
    return "torch", nn.Sequential(nn.ConvTranspose2d(3, 4, 3, stride=2, padding=1, output_padding=1)), (1, 3, 5, 5), {}


@case("convtranspose_dilation_group", 11, ["ConvTranspose dilations", "ConvTranspose group", "ConvTranspose output_padding"],
      "ConvTranspose2d(4,4,3,stride=2,padding=2,dilation=2,groups=2,output_padding=1, bias=False)")
def _():
    return "torch", nn.Sequential(nn.ConvTranspose2d(4, 4, 3, stride=2, padding=2, dilation=2, groups=2,
                                                     output_padding=1, bias=False)), (1, 4, 5, 6), {}


@case("convtranspose_k4_s2_opset9", 9, ["ConvTranspose opset 9", "DCGAN k4 s2 p1"], "ConvTranspose2d(2,3,4,2,1) + Tanh")
def _():
    return "torch", nn.Sequential(nn.ConvTranspose2d(2, 3, 4, 2, 1), nn.Tanh()), (1, 2, 4, 4), {}


@case("maxpool_pads_ceil", 10, ["MaxPool pads", "MaxPool ceil_mode", "opset 10"],
      "MaxPool2d(3,2,padding=1,ceil_mode=True) on 10x10 -> 6x6")
def _():
    return "torch", nn.Sequential(nn.MaxPool2d(3, 2, padding=1, ceil_mode=True)), (1, 3, 10, 10), {}


@case("maxpool_ceil_drop_last", 13, ["MaxPool ceil_mode: last window starting in the padding is dropped"],
      "MaxPool2d(2,2,padding=1,ceil_mode=True) on 5x5 -> 3x3 (not 4)")
def _():
    return "torch", nn.Sequential(nn.MaxPool2d(2, 2, padding=1, ceil_mode=True)), (1, 2, 5, 5), {}


@case("maxpool_dilation", 12, ["MaxPool dilations (opset >= 10)"], "MaxPool2d(3,stride=1,dilation=2) on 9x9")
def _():
    return "torch", nn.Sequential(nn.MaxPool2d(3, stride=1, dilation=2)), (1, 2, 9, 9), {}


@case("avgpool_pad_opset9", 9, ["AveragePool opset 9", "Pad (attribute form, opset < 11) emitted by torch for padded avg pool"],
      "AvgPool2d(3,2,padding=1) (count_include_pad=True): torch emits Pad(pads attr) + AveragePool(pads 0)")
def _():
    return "torch", nn.Sequential(nn.AvgPool2d(3, 2, padding=1)), (1, 3, 10, 10), {}


@case("avgpool_pad_opset11", 11, ["AveragePool", "Pad (input form) emitted by torch for padded avg pool"],
      "AvgPool2d(3,2,padding=1) (count_include_pad=True): torch 1.13 emits Pad(pads input) + AveragePool(pads 0)")
def _():
    return "torch", nn.Sequential(nn.AvgPool2d(3, 2, padding=1)), (1, 3, 10, 10), {}


@case("avgpool_count_include_pad_opset13", 13, ["Pad (pads from a Constant node) + AveragePool: torch's spelling of count_include_pad=True"],
      "AvgPool2d(3,2,padding=1,count_include_pad=True) at opset 13: torch 1.13 still emits Pad + AveragePool(pads 0)")
def _():
    return "torch", nn.Sequential(nn.AvgPool2d(3, 2, padding=1, count_include_pad=True)), (1, 2, 9, 9), {}


@case("avgpool_exclude_pad_ceil", 13, ["AveragePool count_include_pad=0", "AveragePool ceil_mode"],
      "AvgPool2d(3,2,padding=1,ceil_mode=True,count_include_pad=False) on 10x10")
def _():
    return "torch", nn.Sequential(nn.AvgPool2d(3, 2, padding=1, ceil_mode=True, count_include_pad=False)), (1, 3, 10, 10), {}


@case("avgpool_ceil_valid", 17, ["AveragePool ceil_mode without pads (partial last window)", "Pad with all-zero pads", "opset 17"],
      "AvgPool2d(3,2,ceil_mode=True) on 8x8 -> 4x4 (the last window holds 2 real columns); torch emits a zero Pad first")
def _():
    return "torch", nn.Sequential(nn.AvgPool2d(3, 2, ceil_mode=True)), (1, 2, 8, 8), {}


class GlobalPools(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 3)
        self.gap = nn.AdaptiveAvgPool2d(1)
        self.gmp = nn.AdaptiveMaxPool2d(1)

    def forward(self, x):
        y = self.conv(x)
        return torch.cat([self.gap(y), self.gmp(y)], 1)


@case("global_pools", 13, ["GlobalAveragePool", "MaxPool with kernel = input size (torch's AdaptiveMaxPool2d(1))", "Concat"],
      "AdaptiveAvgPool2d(1) -> GlobalAveragePool, AdaptiveMaxPool2d(1) -> MaxPool(kernel 5x4), concatenated")
def _():
    return "torch", GlobalPools(), (1, 3, 7, 6), {}


@case("linear_gemm_opset9", 9, ["Gemm (transB=1)", "Flatten"], "nn.Flatten + Linear(48,10) + Softmax(dim=1)")
def _():
    return "torch", nn.Sequential(nn.Conv2d(3, 3, 3, padding=1), nn.Flatten(), nn.Linear(48, 10), nn.Softmax(dim=1)), (1, 3, 4, 4), {}


@case("linear_matmul_add", 13, ["MatMul + Add (Linear on a 3-D tensor)"], "Linear(6,4) on (1,5,6) -> MatMul + Add")
def _():
    return "torch", nn.Sequential(nn.Linear(6, 4), nn.ReLU(), nn.Linear(4, 3)), (1, 5, 6), {}


@case("act_relu_family", 9, ["Relu", "LeakyRelu", "Elu", "Selu"], "Conv then ReLU, LeakyReLU(0.1), ELU(0.7), SELU")
def _():
    return "torch", nn.Sequential(nn.Conv2d(2, 4, 3, padding=1), nn.ReLU(), nn.Conv2d(4, 4, 1), nn.LeakyReLU(0.1),
                                  nn.Conv2d(4, 4, 1), nn.ELU(0.7), nn.Conv2d(4, 4, 1), nn.SELU()), (1, 2, 5, 5), {}


@case("act_sigmoid_family", 13, ["Sigmoid", "Tanh", "Softplus", "HardSigmoid"], "Sigmoid, Tanh, Softplus, Hardsigmoid after 1x1 convs")
def _():
    return "torch", nn.Sequential(nn.Conv2d(2, 3, 1), nn.Sigmoid(), nn.Conv2d(3, 3, 1), nn.Tanh(), nn.Conv2d(3, 3, 1),
                                  nn.Softplus(), nn.Conv2d(3, 3, 1), nn.Hardsigmoid()), (1, 2, 5, 5), {}


@case("hardswish_opset14", 14, ["HardSwish (opset 14)"], "nn.Hardswish at opset 14 -> HardSwish")
def _():
    return "torch", nn.Sequential(nn.Conv2d(2, 3, 3), nn.Hardswish()), (1, 2, 6, 6), {}


@case("hardswish_opset13", 13, ["HardSigmoid(alpha=1/6) + Mul = hardswish below opset 14"],
      "nn.Hardswish at opset 13 -> HardSigmoid(alpha=1/6, beta=0.5) then Mul")
def _():
    return "torch", nn.Sequential(nn.Conv2d(2, 3, 3), nn.Hardswish()), (1, 2, 6, 6), {}


@case("relu6_clip_opset10", 10, ["Clip attribute form (min/max attributes, opset <= 10)"], "nn.ReLU6 at opset 10")
def _():
    return "torch", nn.Sequential(nn.Conv2d(2, 3, 3), nn.ReLU6()), (1, 2, 6, 6), {}


class ClampMin(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(2, 3, 3)

    def forward(self, x):
        return torch.clamp(F.relu6(self.conv(x) * 4.0), min=0.5)


@case("relu6_clip_opset11", 11, ["Clip input form (min/max inputs, opset >= 11)", "Clip with min only (empty max input)", "Mul by a constant"],
      "ReLU6 (Clip with min and max inputs) and clamp(min=0.5) (Clip with an empty max)")
def _():
    return "torch", ClampMin(), (1, 2, 6, 6), {}


@case("gelu_erf", 13, ["GELU as torch exports it: Div, Erf, Add, Mul, Mul"], "nn.GELU() (exact, erf)")
def _():
    return "torch", nn.Sequential(nn.Conv2d(2, 3, 3), nn.GELU()), (1, 2, 6, 6), {}


@case("gelu_tanh_pow", 16, ["GELU tanh approximation: Mul/Add/Tanh chain with Constant nodes", "opset 16"],
      "nn.GELU(approximate='tanh')")
def _():
    return "torch", nn.Sequential(nn.Conv2d(2, 3, 3), nn.GELU(approximate="tanh")), (1, 2, 6, 6), {}


@case("mish_silu", 13, ["Mish as Softplus, Tanh, Mul (no Mish op before opset 18)", "SiLU as Sigmoid + Mul"], "nn.Mish, nn.SiLU")
def _():
    return "torch", nn.Sequential(nn.Conv2d(2, 3, 3), nn.Mish(), nn.Conv2d(3, 3, 1), nn.SiLU()), (1, 2, 6, 6), {}


@case("batchnorm_opset9", 9, ["BatchNormalization (opset 9) on the input (torch folds a BN that follows a Conv; this one stays)"],
      "BatchNorm2d (eval, trained-like stats) first, then Conv + ReLU")
def _():
    return "torch", nn.Sequential(nn.BatchNorm2d(3), nn.Conv2d(3, 4, 3, padding=1), nn.ReLU()), (1, 3, 6, 6), {}


@case("batchnorm_opset15", 15, ["BatchNormalization (opset 15, training_mode=0)", "opset 15"],
      "Conv(bias=False) + BatchNorm2d(eps=1e-3) + ReLU, exported with TrainingMode.PRESERVE (model in eval) so BN is kept")
def _():
    return "torch", nn.Sequential(nn.Conv2d(3, 4, 3, padding=1, bias=False), nn.BatchNorm2d(4, eps=1e-3), nn.ReLU()), (1, 3, 6, 6), \
        {"training": torch.onnx.TrainingMode.PRESERVE, "do_constant_folding": False}


@case("batchnorm_folded_into_conv", 13, ["Conv + BatchNorm2d exported in eval mode: torch folds BN into the Conv weights (no BN node)"],
      "Conv + BatchNorm2d + ReLU with the default export settings")
def _():
    return "torch", nn.Sequential(nn.Conv2d(3, 4, 3, padding=1), nn.BatchNorm2d(4), nn.ReLU()), (1, 3, 6, 6), {}


@case("instancenorm", 13, ["InstanceNormalization"], "InstanceNorm2d(4, affine=True)")
def _():
    return "torch", nn.Sequential(nn.Conv2d(3, 4, 3, padding=1), nn.InstanceNorm2d(4, affine=True)), (1, 3, 6, 6), {}


def group_norm(groups, channels, seed):
    gn = nn.GroupNorm(groups, channels)
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        gn.weight.copy_(1 + 0.2 * torch.randn(channels, generator=g))
        gn.bias.copy_(0.2 * torch.randn(channels, generator=g))
    return gn


@case("groupnorm_affine", 13, ["GroupNorm as torch exports it: Reshape, InstanceNormalization, Reshape, Mul, Add"],
      "GroupNorm(2, 4) with trained-like weight and bias, then ReLU")
def _():
    return "torch", nn.Sequential(nn.Conv2d(3, 4, 3, padding=1), group_norm(2, 4, 41), nn.ReLU()), (1, 3, 6, 6), {}


@case("groupnorm_no_affine", 13, ["GroupNorm(affine=False): torch's Mul and Add by a one-element 1 and 0"],
      "GroupNorm(3, 6, affine=False) on 7x6")
def _():
    return "torch", nn.Sequential(nn.Conv2d(2, 6, 3), nn.GroupNorm(3, 6, affine=False)), (1, 2, 9, 8), {}


@case("instancenorm_no_affine", 13, ["InstanceNormalization with constant ones and zeros (InstanceNorm2d(affine=False))"],
      "InstanceNorm2d(4) after a Conv")
def _():
    return "torch", nn.Sequential(nn.Conv2d(3, 4, 3), nn.InstanceNorm2d(4)), (1, 3, 7, 7), {}


class ConcatAddMul(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = nn.Conv2d(3, 4, 3, padding=1)
        self.b = nn.Conv2d(3, 4, 1)
        self.c = nn.Conv2d(8, 4, 1)

    def forward(self, x):
        a, b = self.a(x), self.b(x)
        y = self.c(torch.cat([a, b], dim=1))
        return (y + a) * b


@case("concat_add_mul", 11, ["Concat (axis 1)", "Add (elementwise)", "Mul (elementwise)"], "two branches concatenated, then (y + a) * b")
def _():
    return "torch", ConcatAddMul(), (1, 3, 6, 6), {}


class FlattenNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(2, 3, 3)
        self.fc = nn.Linear(3 * 4 * 4, 5)

    def forward(self, x):
        return self.fc(torch.flatten(self.conv(x), 1))


@case("flatten_opset11", 11, ["Flatten (axis 1)", "Gemm"], "torch.flatten(x, 1) + Linear")
def _():
    return "torch", FlattenNet(), (1, 2, 6, 6), {}


class ViewNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(2, 3, 3)
        self.fc = nn.Linear(3 * 4 * 4, 5)

    def forward(self, x):
        y = self.conv(x)
        return self.fc(y.view(y.size(0), -1))


@case("view_size_chain_static", 9, ["Constant -> Unsqueeze -> Concat -> Reshape chain (constant folding off)", "opset 9"],
      "x.view(x.size(0), -1) exported with do_constant_folding=False (static input: size(0) is a Constant): ConvLens must fold the chain")
def _():
    return "torch", ViewNet(), (1, 2, 6, 6), {"do_constant_folding": False}


@case("view_size_chain_dynamic", 13, ["Shape -> Gather -> Unsqueeze -> Concat -> Reshape chain (dynamic batch)", "dim_param batch"],
      "x.view(x.size(0), -1) with dynamic_axes batch: input dim 0 is the symbol 'batch'")
def _():
    return "torch", ViewNet(), (1, 2, 6, 6), {"dynamic_axes": {"input": {0: "batch"}, "output": {0: "batch"}}}


@case("view_folded", 13, ["Reshape with a constant shape (torch folds x.view(x.size(0), -1) for a static input)"],
      "x.view(x.size(0), -1) with the default constant folding: a Constant/initializer shape + Reshape")
def _():
    return "torch", ViewNet(), (1, 2, 6, 6), {}


class ReshapeTranspose(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(2, 4, 1)

    def forward(self, x):
        y = self.conv(x)                               # 1,4,4,6
        y = y.reshape(1, 2, 2, 24).permute(0, 3, 1, 2)  # 1,24,2,2
        return y.transpose(1, 3).reshape(1, -1, 6)


@case("reshape_transpose", 13, ["Reshape (constant shape, -1)", "Transpose (perm)"], "reshape + permute + transpose")
def _():
    return "torch", ReshapeTranspose(), (1, 2, 4, 6), {}


class Interp(nn.Module):
    def __init__(self, **kw):
        super().__init__()
        self.conv = nn.Conv2d(2, 2, 1)
        self.kw = kw

    def forward(self, x):
        return F.interpolate(self.conv(x), **self.kw)


@case("resize_nearest_opset11", 11, ["Resize nearest (asymmetric, floor), scales input + empty roi (opset 11)"],
      "F.interpolate(scale_factor=2, mode='nearest')")
def _():
    return "torch", Interp(scale_factor=2, mode="nearest"), (1, 2, 3, 4), {}


@case("resize_nearest_fractional", 13, ["Resize nearest with a fractional scale (output = floor(in * scale))"],
      "F.interpolate(scale_factor=1.5, mode='nearest') on 5x4 -> 7x6")
def _():
    return "torch", Interp(scale_factor=1.5, mode="nearest"), (1, 2, 5, 4), {}


@case("upsample_opset9", 9, ["Upsample (opset 9, scales input)"], "nn.Upsample(scale_factor=2) -> Upsample(mode=nearest)")
def _():
    return "torch", nn.Sequential(nn.Conv2d(2, 2, 1), nn.Upsample(scale_factor=2)), (1, 2, 3, 4), {}


@case("resize_bilinear_align_corners", 11, ["Resize linear align_corners"], "F.interpolate(scale_factor=2, mode='bilinear', align_corners=True)")
def _():
    return "torch", Interp(scale_factor=2, mode="bilinear", align_corners=True), (1, 2, 3, 4), {}


@case("resize_bilinear_half_pixel", 13, ["Resize linear half_pixel (torch 1.13 spells align_corners=False as half_pixel)"],
      "F.interpolate(scale_factor=2, mode='bilinear', align_corners=False)")
def _():
    return "torch", Interp(scale_factor=2, mode="bilinear", align_corners=False), (1, 2, 3, 4), {}


@case("resize_sizes_chain", 13, ["Resize with a sizes input computed by Shape -> Slice -> Concat (constant folding needed)"],
      "F.interpolate(size=(7,5), mode='bilinear')")
def _():
    return "torch", Interp(size=(7, 5), mode="bilinear", align_corners=False), (1, 2, 3, 4), {}


class Pads(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(2, 2, 1)

    def forward(self, x):
        y = self.conv(x)
        a = F.pad(y, (1, 2, 0, 1), mode="constant", value=0.5)
        b = F.pad(y, (1, 2, 0, 1), mode="reflect")
        c = F.pad(y, (1, 2, 0, 1), mode="replicate")
        return torch.cat([a, b, c], 1)


@case("pad_modes_opset10", 10, ["Pad attribute form (pads/mode/value attributes, opset < 11): constant, reflect, edge"],
      "F.pad constant 0.5 / reflect / replicate with (left 1, right 2, top 0, bottom 1)")
def _():
    return "torch", Pads(), (1, 2, 4, 5), {}


@case("pad_modes_opset11", 11, ["Pad input form (pads and constant_value inputs, opset >= 11): constant, reflect, edge",
                                "constant subgraphs (ConstantOfShape, Slice, Transpose, Cast, Reshape) computing pads"],
      "F.pad constant 0.5 / reflect / replicate at opset 11")
def _():
    return "torch", Pads(), (1, 2, 4, 5), {}


@case("softmax_dim1_opset11", 11, ["Softmax opset 11 (axis flattens to 2-D): torch wraps it in Transpose + Softmax(axis=3) + Transpose"],
      "nn.Softmax(dim=1) on NCHW at opset 11")
def _():
    return "torch", nn.Sequential(nn.Conv2d(2, 3, 1), nn.Softmax(dim=1)), (1, 2, 3, 4), {}


@case("softmax_dim1_opset13", 13, ["Softmax opset 13 (one axis)"], "nn.Softmax(dim=1) on NCHW at opset 13")
def _():
    return "torch", nn.Sequential(nn.Conv2d(2, 3, 1), nn.Softmax(dim=1)), (1, 2, 3, 4), {}


@case("logsoftmax", 13, ["LogSoftmax"], "Linear + LogSoftmax(dim=1)")
def _():
    return "torch", nn.Sequential(nn.Flatten(), nn.Linear(12, 5), nn.LogSoftmax(dim=1)), (1, 3, 2, 2), {}


@case("pixelshuffle_opset11", 11, ["DepthToSpace mode CRD (PixelShuffle)"], "nn.PixelShuffle(2)")
def _():
    return "torch", nn.Sequential(nn.Conv2d(2, 8, 3, padding=1), nn.PixelShuffle(2)), (1, 2, 3, 4), {}


@case("pixelshuffle_opset9", 9, ["PixelShuffle as Reshape + Transpose(6-D) + Reshape (opset 9)"], "nn.PixelShuffle(2) at opset 9")
def _():
    return "torch", nn.Sequential(nn.Conv2d(2, 8, 3, padding=1), nn.PixelShuffle(2)), (1, 2, 3, 4), {}


# --------------------------------------------------------------------------------------------- complete models
def load_keras_npy(folder, name):
    return torch.from_numpy(np.load(os.path.join(EXAMPLES, folder, name + ".npy")).astype(np.float32))


def digit_input(index_name, pad=0):
    from PIL import Image
    img = Image.open(os.path.join(DIGITS, index_name)).convert("L")
    a = np.asarray(img, dtype=np.float32) / 255.0
    if pad:
        a = np.pad(a, pad)
    return torch.from_numpy(a[None, None].copy())


class AutoencoderTorch(nn.Module):
    """resources/examples/autoencoder.py in PyTorch form. Keras 'same' 3x3 stride-1 convs = padding 1; Keras
    MaxPooling2D(2, padding='same') on 7 -> 4 = MaxPool2d(2, ceil_mode=True) (the padded cell is ignored in both)."""
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 16, 3, padding=1)
        self.pool1 = nn.MaxPool2d(2, ceil_mode=True)
        self.conv2 = nn.Conv2d(16, 8, 3, padding=1)
        self.pool2 = nn.MaxPool2d(2, ceil_mode=True)
        self.conv3 = nn.Conv2d(8, 8, 3, padding=1)
        self.pool3 = nn.MaxPool2d(2, ceil_mode=True)
        self.conv4 = nn.Conv2d(8, 8, 3, padding=1)
        self.up1 = nn.Upsample(scale_factor=2)
        self.conv5 = nn.Conv2d(8, 8, 3, padding=1)
        self.up2 = nn.Upsample(scale_factor=2)
        self.conv6 = nn.Conv2d(8, 16, 3)
        self.up3 = nn.Upsample(scale_factor=2)
        self.conv7 = nn.Conv2d(16, 1, 3, padding=1)

    def forward(self, x):
        x = self.pool1(F.relu(self.conv1(x)))
        x = self.pool2(F.relu(self.conv2(x)))
        x = self.pool3(F.relu(self.conv3(x)))
        x = self.up1(F.relu(self.conv4(x)))
        x = self.up2(F.relu(self.conv5(x)))
        x = self.up3(F.relu(self.conv6(x)))
        return torch.sigmoid(self.conv7(x))


@case("autoencoder_trained", 13, ["complete model: the trained example autoencoder (Keras weights, HWIO -> OIHW)",
                                  "MaxPool ceil_mode", "Resize nearest"],
      "resources/examples/autoencoder.py in PyTorch form with autoencoder.weights; input = resources/digits/0_0.png gray/255")
def _():
    m = AutoencoderTorch()
    convs = [m.conv1, m.conv2, m.conv3, m.conv4, m.conv5, m.conv6, m.conv7]
    with torch.no_grad():
        for i, c in enumerate(convs):
            k = "conv2d" if i == 0 else f"conv2d_{i}"
            c.weight.copy_(load_keras_npy("autoencoder.weights", k + ".kernel").permute(3, 2, 0, 1))
            c.bias.copy_(load_keras_npy("autoencoder.weights", k + ".bias"))
    return "torch", m.eval(), digit_input("0_0.png"), {"keep_weights": True}


class LeNet5(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(1, 6, 5)
        self.s2 = nn.AvgPool2d(2, 2)
        self.c3 = nn.Conv2d(6, 16, 5)
        self.s4 = nn.AvgPool2d(2, 2)
        self.f5 = nn.Linear(400, 120)
        self.f6 = nn.Linear(120, 84)
        self.out = nn.Linear(84, 10)

    def forward(self, x):
        x = self.s2(torch.tanh(self.c1(x)))
        x = self.s4(torch.tanh(self.c3(x)))
        x = torch.flatten(x, 1)
        x = torch.tanh(self.f5(x))
        x = torch.tanh(self.f6(x))
        return F.softmax(self.out(x), dim=1)


@case("lenet5_trained", 9, ["complete model: LeNet-5 with the example's Keras weights (Dense kernel rows permuted HWC -> CHW)",
                            "AveragePool", "Gemm", "Softmax opset 9 on the last axis"],
      "resources/examples/lenet5.py in PyTorch form with lenet5.weights; input = digit 1_0.png zero-padded to 32x32")
def _():
    m = LeNet5()
    W = lambda k: load_keras_npy("lenet5.weights", k)
    with torch.no_grad():
        m.c1.weight.copy_(W("conv2d.kernel").permute(3, 2, 0, 1)); m.c1.bias.copy_(W("conv2d.bias"))
        m.c3.weight.copy_(W("conv2d_1.kernel").permute(3, 2, 0, 1)); m.c3.bias.copy_(W("conv2d_1.bias"))
        k = W("dense.kernel")                            # (400 = 5*5*16 in H,W,C order, 120)
        k = k.reshape(5, 5, 16, 120).permute(2, 0, 1, 3).reshape(400, 120)   # rows in C,H,W order
        m.f5.weight.copy_(k.t()); m.f5.bias.copy_(W("dense.bias"))
        m.f6.weight.copy_(W("dense_1.kernel").t()); m.f6.bias.copy_(W("dense_1.bias"))
        m.out.weight.copy_(W("dense_2.kernel").t()); m.out.bias.copy_(W("dense_2.bias"))
    return "torch", m.eval(), digit_input("1_0.png", pad=2), {"keep_weights": True}


class MiniUNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.enc1 = nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.ReLU())
        self.pool = nn.MaxPool2d(2)
        self.enc2 = nn.Sequential(nn.Conv2d(4, 8, 3, padding=1), nn.ReLU())
        self.up = nn.ConvTranspose2d(8, 4, 2, stride=2)
        self.dec = nn.Sequential(nn.Conv2d(8, 4, 3, padding=1), nn.ReLU())
        self.head = nn.Conv2d(4, 2, 1)

    def forward(self, x):
        e1 = self.enc1(x)
        e2 = self.enc2(self.pool(e1))
        d = self.dec(torch.cat([self.up(e2), e1], dim=1))
        return self.head(d)


@case("mini_unet", 13, ["complete model: mini U-Net", "Concat (skip connection)", "ConvTranspose k2 s2"], "encoder, pool, up-conv, skip Concat, head")
def _():
    return "torch", MiniUNet(), (1, 1, 8, 8), {}


class BasicBlock(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.relu = nn.ReLU(inplace=True)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.downsample = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return self.relu(out + self.downsample(x))


@case("resnet_basic_block", 13, ["complete model: ResNet BasicBlock with downsample", "Add (residual)",
                                 "BatchNormalization folded by torch into Conv (eval export)"],
      "torchvision-style BasicBlock(4 -> 8, stride 2) in eval mode")
def _():
    return "torch", BasicBlock(4, 8, 2), (1, 4, 8, 8), {}


@case("resnet_basic_block_training_bn", 12, ["BatchNormalization kept as nodes (export with training=TrainingMode.PRESERVE, model in eval)"],
      "the same BasicBlock exported with do_constant_folding=False and TrainingMode.PRESERVE so BN is not folded")
def _():
    return "torch", BasicBlock(4, 8, 2), (1, 4, 8, 8), {"training": torch.onnx.TrainingMode.PRESERVE, "do_constant_folding": False}


@case("vgg_block", 11, ["complete model: VGG-style block", "MaxPool", "Flatten", "Gemm"], "2x(Conv3x3+ReLU), MaxPool, Flatten, Linear, ReLU, Linear")
def _():
    return "torch", nn.Sequential(nn.Conv2d(3, 8, 3, padding=1), nn.ReLU(True), nn.Conv2d(8, 8, 3, padding=1), nn.ReLU(True),
                                  nn.MaxPool2d(2, 2), nn.Flatten(), nn.Linear(8 * 4 * 4, 16), nn.ReLU(True),
                                  nn.Linear(16, 4)), (1, 3, 8, 8), {}


class LstmNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 4, 3, padding=1)
        self.lstm = nn.LSTM(4, 5, batch_first=True)

    def forward(self, x):
        y = self.conv(x).flatten(2).transpose(1, 2)   # 1, HW, 4
        out, _ = self.lstm(y)
        return out


@case("unknown_op_lstm", 13, ["an op ConvLens does not map: LSTM (the row must be refused by op type)"],
      "Conv then LSTM over the flattened positions", refuse="LSTM")
def _():
    return "torch", LstmNet(), (1, 1, 3, 3), {}


class EinsumNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(2, 3, 1)

    def forward(self, x):
        y = self.conv(x)
        return torch.einsum("nchw,nchw->nc", y, y)


@case("unknown_op_einsum", 12, ["an op ConvLens does not map: Einsum"], "Conv then einsum('nchw,nchw->nc')", refuse="Einsum")
def _():
    return "torch", EinsumNet(), (1, 2, 3, 3), {}


@case("external_data", 13, ["external data: initializers in <case>.onnx.data (location relative to the model's folder)"],
      "Conv + BN + ReLU + Conv saved with save_as_external_data=True, all_tensors_to_one_file, size_threshold=64")
def _():
    return "torch", nn.Sequential(nn.Conv2d(3, 8, 3, padding=1), nn.BatchNorm2d(8), nn.ReLU(), nn.Conv2d(8, 4, 3)), (1, 3, 6, 6), {"external": True}


# ------------------------------------------------------------------------------------------- onnx.helper cases
def tensor(name, arr):
    return numpy_helper.from_array(np.asarray(arr), name)


def make(name, opset, nodes, inputs, outputs, inits, ir=8):
    g = helper.make_graph(nodes, name, inputs, outputs, initializer=inits)
    m = helper.make_model(g, producer_name=PRODUCER, opset_imports=[helper.make_opsetid("", opset)])
    m.ir_version = ir
    return m


def vi(name, shape, elem=TensorProto.FLOAT):
    return helper.make_tensor_value_info(name, elem, shape)


def seeded(shape, seed, scale=0.5):
    return (np.random.default_rng(seed).standard_normal(shape) * scale).astype(np.float32)


def same_pads(i, k, s, d=1):
    kk = d * (k - 1) + 1
    o = -(-i // s)
    total = max((o - 1) * s + kk - i, 0)
    return total // 2, total - total // 2


def tconv(x, w, b=None, stride=1, dilation=1, pads=(0, 0, 0, 0), group=1):
    """ONNX pads order [top, left, bottom, right]; F.pad takes (left, right, top, bottom)."""
    t, l, btm, r = pads
    return F.conv2d(F.pad(x, (l, r, t, btm)), w, b, stride=stride, dilation=dilation, groups=group)


@case("autopad_same_upper", 11, ["Conv auto_pad=SAME_UPPER (extra pad bottom/right)", "MaxPool auto_pad=SAME_UPPER (pads ignored)"],
      "Conv k3 s2 SAME_UPPER on 8x8 (pads 0/1), MaxPool k2 s2 SAME_UPPER on 4x4... ")
def _():
    x = rand_input((1, 2, 8, 8), 101).numpy()
    w, b = seeded((3, 2, 3, 3), 1), seeded((3,), 2, 0.1)
    nodes = [helper.make_node("Conv", ["input", "w", "b"], ["c"], name="conv", auto_pad="SAME_UPPER", kernel_shape=[3, 3], strides=[2, 2]),
             helper.make_node("MaxPool", ["c"], ["output"], name="pool", auto_pad="SAME_UPPER", kernel_shape=[3, 3], strides=[2, 2])]
    m = make("autopad_same_upper", 11, nodes, [vi("input", [1, 2, 8, 8])], [vi("output", None)], [tensor("w", w), tensor("b", b)])
    xt = torch.from_numpy(x)
    c = tconv(xt, torch.from_numpy(w), torch.from_numpy(b), stride=2, pads=(0, 0, 1, 1))   # 8 -> 4: total 1 -> 0 / 1
    p = F.max_pool2d(F.pad(c, (0, 1, 0, 1), value=float("-inf")), 3, 2)                   # 4 -> 2: total 1 -> 0 / 1
    return "helper", m, x, p.numpy()


@case("autopad_same_lower", 11, ["Conv auto_pad=SAME_LOWER (extra pad top/left)", "AveragePool auto_pad=SAME_LOWER count_include_pad=0"],
      "Conv k4 s1 SAME_LOWER (pads 2/1) and AveragePool k2 s2 SAME_LOWER on 7x7 (pads 1/0, pads not counted)")
def _():
    x = rand_input((1, 2, 7, 7), 102).numpy()
    w, b = seeded((3, 2, 4, 4), 3), seeded((3,), 4, 0.1)
    nodes = [helper.make_node("Conv", ["input", "w", "b"], ["c"], name="conv", auto_pad="SAME_LOWER", kernel_shape=[4, 4]),
             helper.make_node("AveragePool", ["c"], ["output"], name="pool", auto_pad="SAME_LOWER", kernel_shape=[2, 2], strides=[2, 2])]
    m = make("autopad_same_lower", 11, nodes, [vi("input", [1, 2, 7, 7])], [vi("output", None)], [tensor("w", w), tensor("b", b)])
    xt = torch.from_numpy(x)
    c = tconv(xt, torch.from_numpy(w), torch.from_numpy(b), pads=(2, 2, 1, 1))
    ones = torch.ones_like(c[:, :1])
    num = F.avg_pool2d(F.pad(c, (1, 0, 1, 0)), 2, 2, divisor_override=1)
    den = F.avg_pool2d(F.pad(ones, (1, 0, 1, 0)), 2, 2, divisor_override=1)
    return "helper", m, x, (num / den).numpy()


@case("autopad_same_upper_avg_count_pad", 11, ["AveragePool auto_pad=SAME_UPPER with count_include_pad=1"],
      "AveragePool k3 s2 SAME_UPPER on 6x6 with count_include_pad=1 (padded zeros counted)")
def _():
    x = rand_input((1, 2, 6, 6), 103).numpy()
    nodes = [helper.make_node("AveragePool", ["input"], ["output"], name="pool", auto_pad="SAME_UPPER", kernel_shape=[3, 3],
                              strides=[2, 2], count_include_pad=1)]
    m = make("autopad_same_upper_avg_count_pad", 11, nodes, [vi("input", [1, 2, 6, 6])], [vi("output", None)], [])
    p = F.avg_pool2d(F.pad(torch.from_numpy(x), (0, 1, 0, 1)), 3, 2)     # 6 -> 3: total 1 -> 0 / 1
    return "helper", m, x, p.numpy()


def exclude_pad_avg(x, k, s, pads):
    """Average over the real cells of each window: pads (top, left, bottom, right) not counted."""
    t = torch.from_numpy(x)
    ones = torch.ones_like(t)
    num = F.avg_pool2d(F.pad(t, (pads[1], pads[3], pads[0], pads[2])), k, s, divisor_override=1)
    den = F.avg_pool2d(F.pad(ones, (pads[1], pads[3], pads[0], pads[2])), k, s, divisor_override=1)
    return (num / den).numpy()


@case("avgpool_same_upper_exclude_pad", 13, ["AveragePool auto_pad=SAME_UPPER count_include_pad=0 (Keras 'same'): "
                                             "AvgPool2d(ceil_mode=True, count_include_pad=False)"],
      "AveragePool k3 s2 SAME_UPPER on 6x7 (pads 0/1 and 1/1), pads not counted")
def _():
    x = rand_input((1, 2, 6, 7), 129).numpy()
    nodes = [helper.make_node("AveragePool", ["input"], ["output"], name="pool", auto_pad="SAME_UPPER", kernel_shape=[3, 3],
                              strides=[2, 2])]
    m = make("avgpool_same_upper_exclude_pad", 13, nodes, [vi("input", [1, 2, 6, 7])], [vi("output", None)], [])
    return "helper", m, x, exclude_pad_avg(x, 3, 2, (0, 1, 1, 1))


@case("avgpool_same_s1_even_kernel", 13, ["AveragePool SAME_UPPER count_include_pad=0 with stride 1 and kernel 2: "
                                          "refused (torch's ceil_mode makes one window fewer)"],
      "AveragePool k2 s1 SAME_UPPER on 5x5 (pads 0/1), pads not counted", refuse="AveragePool")
def _():
    x = rand_input((1, 2, 5, 5), 130).numpy()
    nodes = [helper.make_node("AveragePool", ["input"], ["output"], name="pool", auto_pad="SAME_UPPER", kernel_shape=[2, 2])]
    m = make("avgpool_same_s1_even_kernel", 13, nodes, [vi("input", [1, 2, 5, 5])], [vi("output", None)], [])
    return "helper", m, x, exclude_pad_avg(x, 2, 1, (0, 0, 1, 1))


@case("autopad_valid", 13, ["Conv auto_pad=VALID", "MaxPool auto_pad=VALID"], "Conv k3 s2 VALID on 8x7, MaxPool k2 VALID")
def _():
    x = rand_input((1, 2, 8, 7), 104).numpy()
    w = seeded((3, 2, 3, 3), 5)
    nodes = [helper.make_node("Conv", ["input", "w"], ["c"], name="conv", auto_pad="VALID", kernel_shape=[3, 3], strides=[2, 2]),
             helper.make_node("MaxPool", ["c"], ["output"], name="pool", auto_pad="VALID", kernel_shape=[2, 2])]
    m = make("autopad_valid", 13, nodes, [vi("input", [1, 2, 8, 7])], [vi("output", None)], [tensor("w", w)])
    c = F.conv2d(torch.from_numpy(x), torch.from_numpy(w), stride=2)
    return "helper", m, x, F.max_pool2d(c, 2, 1).numpy()


@case("autopad_notset_explicit", 13, ["auto_pad=NOTSET written explicitly, with explicit pads", "Conv without kernel_shape (taken from W)"],
      "Conv auto_pad='NOTSET' pads [1,1,1,1] (no kernel_shape attribute) + Relu")
def _():
    x = rand_input((1, 2, 5, 5), 105).numpy()
    w, b = seeded((3, 2, 3, 3), 6), seeded((3,), 7, 0.1)
    nodes = [helper.make_node("Conv", ["input", "w", "b"], ["c"], name="conv", auto_pad="NOTSET", pads=[1, 1, 1, 1]),
             helper.make_node("Relu", ["c"], ["output"], name="relu")]
    m = make("autopad_notset_explicit", 13, nodes, [vi("input", [1, 2, 5, 5])], [vi("output", None)], [tensor("w", w), tensor("b", b)])
    c = tconv(torch.from_numpy(x), torch.from_numpy(w), torch.from_numpy(b), pads=(1, 1, 1, 1))
    return "helper", m, x, F.relu(c).numpy()


@case("asymmetric_pads", 13, ["asymmetric pads in ONNX order [top, left, bottom, right] on Conv, MaxPool and AveragePool"],
      "Conv pads [0,1,2,1]; MaxPool k2 s2 pads [1,0,0,1]; AveragePool k2 s1 pads [0,0,1,1] count_include_pad=1")
def _():
    x = rand_input((1, 2, 6, 5), 106).numpy()
    w, b = seeded((3, 2, 3, 3), 8), seeded((3,), 9, 0.1)
    nodes = [helper.make_node("Conv", ["input", "w", "b"], ["c"], name="conv", kernel_shape=[3, 3], pads=[0, 1, 2, 1]),
             helper.make_node("MaxPool", ["c"], ["p"], name="maxpool", kernel_shape=[2, 2], strides=[2, 2], pads=[1, 0, 0, 1]),
             helper.make_node("AveragePool", ["p"], ["output"], name="avgpool", kernel_shape=[2, 2], pads=[0, 0, 1, 1], count_include_pad=1)]
    m = make("asymmetric_pads", 13, nodes, [vi("input", [1, 2, 6, 5])], [vi("output", None)], [tensor("w", w), tensor("b", b)])
    c = tconv(torch.from_numpy(x), torch.from_numpy(w), torch.from_numpy(b), pads=(0, 1, 2, 1))   # 6x5 -> 6x5
    p = F.max_pool2d(F.pad(c, (0, 1, 1, 0), value=float("-inf")), 2, 2)                           # 7x6 -> 3x3
    a = F.avg_pool2d(F.pad(p, (0, 1, 0, 1)), 2, 1)                                                 # 4x4 -> 3x3
    return "helper", m, x, a.numpy()


@case("maxpool_same_ceil", 13, ["MaxPool with −∞ pads on the end side only and ceil_mode (Keras 'same' pooling)"],
      "MaxPool k3 s2 pads [0,0,1,1] ceil_mode=1 on 6x6 (a ConstantPad2d of −inf in front of the pool)")
def _():
    x = rand_input((1, 2, 6, 6), 121).numpy()
    nodes = [helper.make_node("MaxPool", ["input"], ["output"], name="pool", kernel_shape=[3, 3], strides=[2, 2],
                              pads=[0, 0, 1, 1], ceil_mode=1)]
    m = make("maxpool_same_ceil", 13, nodes, [vi("input", [1, 2, 6, 6])], [vi("output", None)], [])
    p = F.max_pool2d(F.pad(torch.from_numpy(x), (0, 1, 0, 1), value=float("-inf")), 3, 2, ceil_mode=True)  # 7 -> 3
    return "helper", m, x, p.numpy()


@case("maxpool_ceil_window_in_end_pad", 13, ["MaxPool ceil_mode whose last window would start in the end padding (refused)"],
      "MaxPool k2 s2 pads [0,0,1,1] ceil_mode=1 on 4x4: onnxruntime drops the window starting at 4", refuse="MaxPool")
def _():
    x = rand_input((1, 1, 4, 4), 122).numpy()
    nodes = [helper.make_node("MaxPool", ["input"], ["output"], name="pool", kernel_shape=[2, 2], strides=[2, 2],
                              pads=[0, 0, 1, 1], ceil_mode=1)]
    m = make("maxpool_ceil_window_in_end_pad", 13, nodes, [vi("input", [1, 1, 4, 4])], [vi("output", None)], [])
    p = F.max_pool2d(torch.from_numpy(x), 2, 2)  # the window starting in the padding is dropped: 2x2
    return "helper", m, x, p.numpy()


@case("convtranspose_end_crop", 13, ["ConvTranspose pads cropping more at the end than at the start (Keras 'same' stride 2)",
                                      "ConvTranspose pads cropping more at the start (torch's padding + output_padding)"],
      "ConvTranspose k3 s2 pads [0,1,1,0] on 3x4: rows cropped 0 / 1, columns 1 / 0")
def _():
    x = rand_input((1, 2, 3, 4), 123).numpy()
    w, b = seeded((2, 3, 3, 3), 21), seeded((3,), 22, 0.1)
    nodes = [helper.make_node("ConvTranspose", ["input", "w", "b"], ["output"], name="deconv", kernel_shape=[3, 3],
                              strides=[2, 2], pads=[0, 1, 1, 0])]
    m = make("convtranspose_end_crop", 13, nodes, [vi("input", [1, 2, 3, 4])], [vi("output", None)], [tensor("w", w), tensor("b", b)])
    full = F.conv_transpose2d(torch.from_numpy(x), torch.from_numpy(w), torch.from_numpy(b), stride=2)  # 7x9
    return "helper", m, x, full[:, :, 0:6, 1:9].numpy()


@case("tensor_arith_transpose_slice_reduce", 13,
      ["Transpose of a computed tensor (permute)", "Mul/Sub/Div of two computed tensors and with one number",
       "Slice of a computed tensor on two axes with a step", "ReduceMean over one axis without keepdims",
       "DepthToSpace CRD (PixelShuffle)"],
      "Transpose [0,2,3,1], x·x, 2 − y, y / 4, Sub of tensors, Slice axes [1,2] steps [1,2], ReduceMean axis 3")
def _():
    x = rand_input((1, 4, 4, 6), 124).numpy()
    nodes = [helper.make_node("DepthToSpace", ["input"], ["d"], name="d2s", blocksize=2, mode="CRD"),
             helper.make_node("Transpose", ["d"], ["t"], name="transpose", perm=[0, 2, 3, 1]),
             helper.make_node("Mul", ["t", "t"], ["sq"], name="square"),
             helper.make_node("Sub", ["two", "sq"], ["r"], name="two_minus"),
             helper.make_node("Div", ["r", "four"], ["q"], name="quarter"),
             helper.make_node("Sub", ["q", "t"], ["dq"], name="minus_t"),
             helper.make_node("Slice", ["dq", "starts", "ends", "axes", "steps"], ["s"], name="slice"),
             helper.make_node("ReduceMean", ["s"], ["output"], name="mean", axes=[3], keepdims=0)]
    inits = [tensor("two", np.array(2.0, np.float32)), tensor("four", np.array([4.0], np.float32)),
             tensor("starts", np.array([1, 0], np.int64)), tensor("ends", np.array([-1, 100], np.int64)),
             tensor("axes", np.array([1, 2], np.int64)), tensor("steps", np.array([1, 2], np.int64))]
    m = make("tensor_arith_transpose_slice_reduce", 13, nodes, [vi("input", [1, 4, 4, 6])], [vi("output", None)], inits)
    t = F.pixel_shuffle(torch.from_numpy(x), 2).permute(0, 2, 3, 1)      # (1, 8, 12, 1)
    q = (2 - t * t) / 4 - t
    return "helper", m, x, q[:, 1:-1, 0::2, :].mean(3).numpy()


@case("mul_by_constant_tensor", 13, ["Mul of a computed tensor by a constant tensor (refused: no row holds one)"],
      "Conv then Mul by a per-channel constant of shape [3, 1, 1]", refuse="Mul")
def _():
    x = rand_input((1, 2, 4, 4), 125).numpy()
    w, k = seeded((3, 2, 3, 3), 23), seeded((3, 1, 1), 24)
    nodes = [helper.make_node("Conv", ["input", "w"], ["c"], name="conv", kernel_shape=[3, 3]),
             helper.make_node("Mul", ["c", "k"], ["output"], name="scale")]
    m = make("mul_by_constant_tensor", 13, nodes, [vi("input", [1, 2, 4, 4])], [vi("output", None)], [tensor("w", w), tensor("k", k)])
    return "helper", m, x, (F.conv2d(torch.from_numpy(x), torch.from_numpy(w)) * torch.from_numpy(k)).numpy()


def softplus_nodes(beta, divisor, threshold):
    return [helper.make_node("Conv", ["input", "w"], ["c"], name="conv", kernel_shape=[3, 3]),
            helper.make_node("Mul", ["c", "beta"], ["bx"], name="softplus/mul"),
            helper.make_node("Softplus", ["bx"], ["sp"], name="softplus/softplus"),
            helper.make_node("Div", ["sp", "divisor"], ["div"], name="softplus/div"),
            helper.make_node("Greater", ["bx", "threshold"], ["over"], name="softplus/over_threshold"),
            helper.make_node("Where", ["over", "c", "div"], ["output"], name="softplus")], \
        [tensor("beta", np.array(beta, np.float32)), tensor("divisor", np.array(divisor, np.float32)),
         tensor("threshold", np.array(threshold, np.float32))]


@case("softplus_beta_threshold", 13, ["torch Softplus(beta, threshold) as ConvLens' export writes it: Mul, Softplus, Div, "
                                      "Greater, Where"], "Conv then Softplus(beta=2, threshold=1.5): both branches taken")
def _():
    x = rand_input((1, 2, 5, 5), 126).numpy()
    w = seeded((3, 2, 3, 3), 26)
    nodes, inits = softplus_nodes(2.0, 2.0, 1.5)
    m = make("softplus_beta_threshold", 13, nodes, [vi("input", [1, 2, 5, 5])], [vi("output", None)], [tensor("w", w)] + inits)
    c = F.conv2d(torch.from_numpy(x), torch.from_numpy(w))
    return "helper", m, x, F.softplus(c, beta=2.0, threshold=1.5).numpy()


@case("softplus_two_betas", 13, ["a Softplus pattern that is not torch's (Mul by 2, Div by 3): refused at Greater"],
      "Conv then Where(Greater(2x, 1.5), x, Softplus(2x) / 3)", refuse="Greater")
def _():
    x = rand_input((1, 2, 5, 5), 127).numpy()
    w = seeded((3, 2, 3, 3), 27)
    nodes, inits = softplus_nodes(2.0, 3.0, 1.5)
    m = make("softplus_two_betas", 13, nodes, [vi("input", [1, 2, 5, 5])], [vi("output", None)], [tensor("w", w)] + inits)
    c = F.conv2d(torch.from_numpy(x), torch.from_numpy(w))
    return "helper", m, x, torch.where(2 * c > 1.5, c, F.softplus(2 * c) / 3).numpy()


@case("erf_not_gelu", 13, ["GELU's pattern with x / 2 in place of x / sqrt(2): refused at Erf"],
      "Conv then x * (1 + erf(x / 2)) * 0.5", refuse="Erf")
def _():
    x = rand_input((1, 2, 5, 5), 128).numpy()
    w = seeded((3, 2, 3, 3), 28)
    nodes = [helper.make_node("Conv", ["input", "w"], ["c"], name="conv", kernel_shape=[3, 3]),
             helper.make_node("Div", ["c", "two"], ["s"], name="gelu/div"),
             helper.make_node("Erf", ["s"], ["e"], name="gelu/erf"),
             helper.make_node("Add", ["e", "one"], ["a"], name="gelu/add"),
             helper.make_node("Mul", ["c", "a"], ["m"], name="gelu/mul"),
             helper.make_node("Mul", ["m", "half"], ["output"], name="gelu")]
    m = make("erf_not_gelu", 13, nodes, [vi("input", [1, 2, 5, 5])], [vi("output", None)],
             [tensor("w", w), tensor("two", np.array(2.0, np.float32)), tensor("one", np.array(1.0, np.float32)),
              tensor("half", np.array(0.5, np.float32))])
    c = F.conv2d(torch.from_numpy(x), torch.from_numpy(w))
    return "helper", m, x, (c * (1 + torch.erf(c / 2)) * 0.5).numpy()


def softmax_case(opset):
    x = rand_input((1, 3, 2, 2), 107).numpy()
    nodes = [helper.make_node("Softmax", ["input"], ["output"], name="softmax", axis=1)]
    m = make(f"softmax_axis1_opset{opset}", opset, nodes, [vi("input", [1, 3, 2, 2])], [vi("output", [1, 3, 2, 2])], [])
    xt = torch.from_numpy(x)
    ref = F.softmax(xt.reshape(1, -1), 1).reshape(1, 3, 2, 2) if opset < 13 else F.softmax(xt, 1)
    return "helper", m, x, ref.numpy()


@case("softmax_axis1_opset11", 11, ["Softmax opset < 13: axis=1 on 4-D = softmax over C*H*W together (coerced to 2-D)"],
      "Softmax(axis=1) on 1x3x2x2 at opset 11: one softmax over all 12 values")
def _():
    return softmax_case(11)


@case("softmax_axis1_opset13", 13, ["Softmax opset >= 13: axis=1 = softmax over C only"], "Softmax(axis=1) on 1x3x2x2 at opset 13")
def _():
    return softmax_case(13)


@case("logsoftmax_axis1_opset9", 9, ["LogSoftmax opset 9 default axis=1 on 4-D (coerced to 2-D)"], "LogSoftmax (default axis) on 1x2x2x3")
def _():
    x = rand_input((1, 2, 2, 3), 108).numpy()
    nodes = [helper.make_node("LogSoftmax", ["input"], ["output"], name="logsoftmax")]
    m = make("logsoftmax_axis1_opset9", 9, nodes, [vi("input", [1, 2, 2, 3])], [vi("output", [1, 2, 2, 3])], [])
    return "helper", m, x, F.log_softmax(torch.from_numpy(x).reshape(1, -1), 1).reshape(1, 2, 2, 3).numpy()


def linear_resize_ref(x, out_hw, mode):
    """Bilinear resize by hand (numpy) for coordinate_transformation_mode half_pixel / asymmetric / align_corners."""
    n, c, h, w = x.shape
    oh, ow = out_hw
    def coords(o, i):
        s = o / i
        res = []
        for k in range(o):
            if mode == "half_pixel":
                v = (k + 0.5) / s - 0.5
            elif mode == "asymmetric":
                v = k / s
            else:
                v = k * (i - 1) / (o - 1) if o > 1 else 0.0
            v = min(max(v, 0.0), i - 1)
            i0 = int(np.floor(v)); i1 = min(i0 + 1, i - 1)
            res.append((i0, i1, v - i0))
        return res
    ys, xs = coords(oh, h), coords(ow, w)
    out = np.zeros((n, c, oh, ow), np.float64)
    for a, (y0, y1, fy) in enumerate(ys):
        for bb, (x0, x1, fx) in enumerate(xs):
            out[:, :, a, bb] = ((1 - fy) * (1 - fx) * x[:, :, y0, x0] + (1 - fy) * fx * x[:, :, y0, x1]
                                + fy * (1 - fx) * x[:, :, y1, x0] + fy * fx * x[:, :, y1, x1])
    return out.astype(np.float32)


@case("resize_linear_half_pixel_scales", 13, ["Resize linear half_pixel with a scales initializer (roi empty)"],
      "Resize(mode=linear, half_pixel, scales=[1,1,2,1.5]) on 3x4 -> 6x6")
def _():
    x = rand_input((1, 2, 3, 4), 109).numpy()
    nodes = [helper.make_node("Resize", ["input", "", "scales"], ["output"], name="resize", mode="linear",
                              coordinate_transformation_mode="half_pixel")]
    m = make("resize_linear_half_pixel_scales", 13, nodes, [vi("input", [1, 2, 3, 4])], [vi("output", None)],
             [tensor("scales", np.array([1, 1, 2, 1.5], np.float32))])
    return "helper", m, x, linear_resize_ref(x, (6, 6), "half_pixel")


@case("resize_linear_asymmetric", 13, ["Resize linear asymmetric (x_in = x_out / scale)"], "Resize(mode=linear, asymmetric, scales=[1,1,2,2])")
def _():
    x = rand_input((1, 2, 3, 4), 110).numpy()
    nodes = [helper.make_node("Resize", ["input", "", "scales"], ["output"], name="resize", mode="linear",
                              coordinate_transformation_mode="asymmetric")]
    m = make("resize_linear_asymmetric", 13, nodes, [vi("input", [1, 2, 3, 4])], [vi("output", None)],
             [tensor("scales", np.array([1, 1, 2, 2], np.float32))])
    return "helper", m, x, linear_resize_ref(x, (6, 8), "asymmetric")


@case("resize_linear_align_corners_sizes", 11, ["Resize linear align_corners with a sizes input (opset 11: roi and scales present, empty)"],
      "Resize(roi=[], scales=[], sizes=[1,2,5,7], linear, align_corners) at opset 11")
def _():
    x = rand_input((1, 2, 3, 4), 111).numpy()
    nodes = [helper.make_node("Resize", ["input", "roi", "scales", "sizes"], ["output"], name="resize", mode="linear",
                              coordinate_transformation_mode="align_corners")]
    m = make("resize_linear_align_corners_sizes", 11, nodes, [vi("input", [1, 2, 3, 4])], [vi("output", None)],
             [tensor("roi", np.zeros((0,), np.float32)), tensor("scales", np.zeros((0,), np.float32)),
              tensor("sizes", np.array([1, 2, 5, 7], np.int64))])
    return "helper", m, x, linear_resize_ref(x, (5, 7), "align_corners")


@case("resize_nearest_sizes_half_pixel", 13, ["Resize nearest with sizes, coordinate half_pixel, nearest_mode round_prefer_ceil"],
      "Resize(sizes=[1,2,6,9], nearest, half_pixel, round_prefer_ceil) on 4x6")
def _():
    x = rand_input((1, 2, 4, 6), 112).numpy()
    nodes = [helper.make_node("Resize", ["input", "", "", "sizes"], ["output"], name="resize", mode="nearest",
                              coordinate_transformation_mode="half_pixel", nearest_mode="round_prefer_ceil")]
    m = make("resize_nearest_sizes_half_pixel", 13, nodes, [vi("input", [1, 2, 4, 6])], [vi("output", None)],
             [tensor("sizes", np.array([1, 2, 6, 9], np.int64))])
    def idx(o, i):
        s = o / i
        r = []
        for k in range(o):
            v = (k + 0.5) / s - 0.5
            f = np.floor(v)
            j = int(f + 1) if v - f >= 0.5 else int(f)     # round_prefer_ceil
            r.append(min(max(j, 0), i - 1))
        return r
    ref = x[:, :, idx(6, 4)][:, :, :, idx(9, 6)]
    return "helper", m, x, np.ascontiguousarray(ref)


def ort_nearest_floor(i, o, half_pixel, scale=None):
    """The input cell onnxruntime's Resize (nearest, floor) reads for each output cell: in float32, (k [+ 0.5]) /
    scale with scale = o / i from sizes (an unchanged shape is copied)."""
    s = np.float32(1.0) if scale is None and o == i else np.float32(scale if scale is not None else np.float32(o) / np.float32(i))
    return [min(max(int(np.floor((np.float32(k) + np.float32(0.5 if half_pixel else 0.0)) / s)), 0), i - 1)
            for k in range(o)]


@case("resize_nearest_exact_tf_half_pixel", 13, ["Resize nearest, tf_half_pixel_for_nn + floor (Keras Resizing, "
                                                 "tf.image.resize): torch's nearest-exact, sizes and scales"],
      "Resize(sizes=[1,2,13,3]) then Resize(scales=[1,1,0.5,2.5]), nearest, tf_half_pixel_for_nn, floor, on 5x7")
def _():
    x = rand_input((1, 2, 5, 7), 131).numpy()
    kw = dict(mode="nearest", coordinate_transformation_mode="tf_half_pixel_for_nn", nearest_mode="floor")
    nodes = [helper.make_node("Resize", ["input", "", "", "sizes"], ["r"], name="resize_sizes", **kw),
             helper.make_node("Resize", ["r", "", "scales"], ["output"], name="resize_scales", **kw)]
    m = make("resize_nearest_exact_tf_half_pixel", 13, nodes, [vi("input", [1, 2, 5, 7])], [vi("output", None)],
             [tensor("sizes", np.array([1, 2, 13, 3], np.int64)), tensor("scales", np.array([1, 1, 0.5, 2.5], np.float32))])
    r = F.interpolate(torch.from_numpy(x), size=(13, 3), mode="nearest-exact")
    return "helper", m, x, F.interpolate(r, scale_factor=(0.5, 2.5), mode="nearest-exact").numpy()


@case("resize_nearest_tf_half_pixel_rounding", 13, ["Resize nearest tf_half_pixel_for_nn 14 -> 23 columns: "
                                                    "onnxruntime's cell 11 reads input 7, torch's nearest-exact 6 "
                                                    "(refused, naming the cell)"],
      "Resize(sizes=[1,1,3,23], nearest, tf_half_pixel_for_nn, floor) on 3x14", refuse="Resize")
def _():
    x = rand_input((1, 1, 3, 14), 132).numpy()
    nodes = [helper.make_node("Resize", ["input", "", "", "sizes"], ["output"], name="resize", mode="nearest",
                              coordinate_transformation_mode="tf_half_pixel_for_nn", nearest_mode="floor")]
    m = make("resize_nearest_tf_half_pixel_rounding", 13, nodes, [vi("input", [1, 1, 3, 14])], [vi("output", None)],
             [tensor("sizes", np.array([1, 1, 3, 23], np.int64))])
    return "helper", m, x, np.ascontiguousarray(x[:, :, :, ort_nearest_floor(14, 23, True)])


@case("resize_nearest_asymmetric_rounding", 13, ["Resize nearest asymmetric 14 -> 2 rows: onnxruntime's row 1 reads "
                                                 "input 6 (1 / float(2/14)), torch's nearest 7 (refused, naming the row)"],
      "Resize(sizes=[1,1,2,3], nearest, asymmetric, floor) on 14x3", refuse="Resize")
def _():
    x = rand_input((1, 1, 14, 3), 133).numpy()
    nodes = [helper.make_node("Resize", ["input", "", "", "sizes"], ["output"], name="resize", mode="nearest",
                              coordinate_transformation_mode="asymmetric", nearest_mode="floor")]
    m = make("resize_nearest_asymmetric_rounding", 13, nodes, [vi("input", [1, 1, 14, 3])], [vi("output", None)],
             [tensor("sizes", np.array([1, 1, 2, 3], np.int64))])
    return "helper", m, x, np.ascontiguousarray(x[:, :, ort_nearest_floor(14, 2, False)])


@case("dropout_opset10_attr", 10, ["Dropout opset 10 (ratio attribute, 2 outputs incl. mask) is identity at inference"],
      "Conv + Dropout(ratio=0.5) + Relu")
def _():
    x = rand_input((1, 2, 4, 4), 113).numpy()
    w = seeded((2, 2, 1, 1), 10)
    nodes = [helper.make_node("Conv", ["input", "w"], ["c"], name="conv"),
             helper.make_node("Dropout", ["c"], ["d", "mask"], name="dropout", ratio=0.5),
             helper.make_node("Relu", ["d"], ["output"], name="relu")]
    m = make("dropout_opset10_attr", 10, nodes, [vi("input", [1, 2, 4, 4])], [vi("output", None)], [tensor("w", w)])
    return "helper", m, x, F.relu(F.conv2d(torch.from_numpy(x), torch.from_numpy(w))).numpy()


@case("dropout_opset12_inputs_identity", 12, ["Dropout opset 12 (ratio and training_mode inputs)", "Identity"],
      "Conv + Dropout(ratio=0.3 input, training_mode=false input) + Identity")
def _():
    x = rand_input((1, 2, 4, 4), 114).numpy()
    w = seeded((2, 2, 1, 1), 11)
    nodes = [helper.make_node("Conv", ["input", "w"], ["c"], name="conv"),
             helper.make_node("Dropout", ["c", "ratio", "training_mode"], ["d"], name="dropout"),
             helper.make_node("Identity", ["d"], ["output"], name="identity")]
    m = make("dropout_opset12_inputs_identity", 12, nodes, [vi("input", [1, 2, 4, 4])], [vi("output", None)],
             [tensor("w", w), tensor("ratio", np.array(0.3, np.float32)), tensor("training_mode", np.array(False))])
    return "helper", m, x, F.conv2d(torch.from_numpy(x), torch.from_numpy(w)).numpy()


@case("depthtospace_dcr", 13, ["DepthToSpace mode DCR (the default, TensorFlow order)"], "DepthToSpace(blocksize=2) default mode DCR on 1x8x2x3")
def _():
    x = rand_input((1, 8, 2, 3), 115).numpy()
    nodes = [helper.make_node("DepthToSpace", ["input"], ["output"], name="d2s", blocksize=2)]
    m = make("depthtospace_dcr", 13, nodes, [vi("input", [1, 8, 2, 3])], [vi("output", None)], [])
    ref = x.reshape(1, 2, 2, 2, 2, 3).transpose(0, 3, 4, 1, 5, 2).reshape(1, 2, 4, 6)
    return "helper", m, x, np.ascontiguousarray(ref)


@case("gemm_alpha_beta_trans", 13, ["Gemm transA=0 transB=0 alpha beta, C broadcast from (1, N)", "Flatten axis 1"],
      "Flatten + Gemm(alpha=0.5, beta=2, transB=0) with B (in, out) and C (1, out)")
def _():
    x = rand_input((1, 2, 2, 3), 116).numpy()
    B, C = seeded((12, 4), 12), seeded((1, 4), 13, 0.1)
    nodes = [helper.make_node("Flatten", ["input"], ["f"], name="flatten", axis=1),
             helper.make_node("Gemm", ["f", "B", "C"], ["output"], name="gemm", alpha=0.5, beta=2.0)]
    m = make("gemm_alpha_beta_trans", 13, nodes, [vi("input", [1, 2, 2, 3])], [vi("output", None)], [tensor("B", B), tensor("C", C)])
    return "helper", m, x, (0.5 * x.reshape(1, 12) @ B + 2.0 * C).astype(np.float32)


@case("opset18_mish_pad_axes", 18, ["opset 18 (onnx 1.12 cannot check it)", "Mish op (new in opset 18)", "Pad with the axes input (opset 18)"],
      "Conv, Mish, Pad(pads=[1,2,0,1] over axes [2,3], reflect)")
def _():
    x = rand_input((1, 2, 5, 5), 117).numpy()
    w, b = seeded((3, 2, 3, 3), 14), seeded((3,), 15, 0.1)
    nodes = [helper.make_node("Conv", ["input", "w", "b"], ["c"], name="conv", kernel_shape=[3, 3]),
             helper.make_node("Mish", ["c"], ["m"], name="mish"),
             helper.make_node("Pad", ["m", "pads", "", "axes"], ["output"], name="pad", mode="reflect")]
    m = make("opset18_mish_pad_axes", 18, nodes, [vi("input", [1, 2, 5, 5])], [vi("output", None)],
             [tensor("w", w), tensor("b", b), tensor("pads", np.array([1, 2, 0, 1], np.int64)), tensor("axes", np.array([2, 3], np.int64))])
    c = F.conv2d(torch.from_numpy(x), torch.from_numpy(w), torch.from_numpy(b))
    mm = c * torch.tanh(F.softplus(c))
    # pads for axes [2, 3] = [begin_h, begin_w, end_h, end_w] = [1, 2, 0, 1]; F.pad takes (left, right, top, bottom)
    return "helper", m, x, F.pad(mm, (2, 1, 1, 0), mode="reflect").numpy()


@case("opset18_resize_axes", 18, ["opset 18", "Resize with the axes attribute (scales only for H and W)", "antialias=0, keep_aspect_ratio_policy=stretch"],
      "Resize(axes=[2,3], scales=[2,2], linear, half_pixel) at opset 18")
def _():
    x = rand_input((1, 2, 3, 4), 118).numpy()
    nodes = [helper.make_node("Resize", ["input", "", "scales"], ["output"], name="resize", mode="linear",
                              coordinate_transformation_mode="half_pixel", axes=[2, 3], antialias=0,
                              keep_aspect_ratio_policy="stretch")]
    m = make("opset18_resize_axes", 18, nodes, [vi("input", [1, 2, 3, 4])], [vi("output", None)],
             [tensor("scales", np.array([2, 2], np.float32))])
    return "helper", m, x, linear_resize_ref(x, (6, 8), "half_pixel")


@case("global_max_pool", 13, ["GlobalMaxPool", "GlobalAveragePool", "Add"], "GlobalMaxPool(x) + GlobalAveragePool(x) on 1x3x5x4")
def _():
    x = rand_input((1, 3, 5, 4), 120).numpy()
    nodes = [helper.make_node("GlobalMaxPool", ["input"], ["gmp"], name="gmp"),
             helper.make_node("GlobalAveragePool", ["input"], ["gap"], name="gap"),
             helper.make_node("Add", ["gmp", "gap"], ["output"], name="add")]
    m = make("global_max_pool", 13, nodes, [vi("input", [1, 3, 5, 4])], [vi("output", [1, 3, 1, 1])], [])
    return "helper", m, x, (x.max(axis=(2, 3), keepdims=True) + x.mean(axis=(2, 3), keepdims=True)).astype(np.float32)


@case("clip_opset9_attr_and_constant_node", 9, ["Clip attribute form at opset 9", "Constant node (value attribute) as Mul's operand"],
      "Mul by a Constant node, then Clip(min=-0.25, max=0.75)")
def _():
    x = rand_input((1, 2, 3, 3), 119).numpy()
    nodes = [helper.make_node("Constant", [], ["k"], name="k", value=tensor("kval", np.array([2.0], np.float32))),
             helper.make_node("Mul", ["input", "k"], ["y"], name="mul"),
             helper.make_node("Clip", ["y"], ["output"], name="clip", min=-0.25, max=0.75)]
    m = make("clip_opset9_attr_and_constant_node", 9, nodes, [vi("input", [1, 2, 3, 3])], [vi("output", None)], [])
    return "helper", m, x, np.clip(x * 2, -0.25, 0.75).astype(np.float32)


# ------------------------------------------------------------------------------------------------------ driver
def all_outputs_copy(model, opset):
    m = copy.deepcopy(model)
    types = {}
    try:
        inf = onnx.shape_inference.infer_shapes(m)
        for v in list(inf.graph.value_info) + list(inf.graph.output) + list(inf.graph.input):
            types[v.name] = v.type.tensor_type.elem_type
    except Exception:
        pass
    existing = {o.name for o in m.graph.output}
    for n in m.graph.node:
        for o in n.output:
            if o and o not in existing:
                m.graph.output.append(helper.make_tensor_value_info(o, types.get(o, TensorProto.FLOAT), None))
                existing.add(o)
    return m


def export_torch(name, opset, module, inp, kw, work):
    external = kw.pop("external", False)
    keep = kw.pop("keep_weights", False)
    if not keep:
        trained_like(module, sum(map(ord, name)))
    module.eval()
    x = inp if isinstance(inp, torch.Tensor) else rand_input(inp, sum(map(ord, name)) + 7)
    with torch.no_grad():
        ref = module(x).detach().numpy().astype(np.float32)
    path = os.path.join(OUT, name + ".onnx")
    tmp = os.path.join(work, name + ".torch.onnx")
    kw.setdefault("input_names", ["input"])
    kw.setdefault("output_names", ["output"])
    torch.onnx.export(module, x, tmp, opset_version=opset, **kw)
    model = onnx.load(tmp)
    if external:
        for f in (path, path + ".data"):
            if os.path.exists(f):
                os.remove(f)
        onnx.save_model(copy.deepcopy(model), path, save_as_external_data=True, all_tensors_to_one_file=True,
                        location=name + ".onnx.data", size_threshold=64, convert_attribute=False)
    else:
        onnx.save_model(model, path)
    return model, x.numpy(), ref


def attr_value(a):
    v = helper.get_attribute_value(a)
    if isinstance(v, bytes):
        return v.decode()
    if isinstance(v, onnx.TensorProto):
        arr = numpy_helper.to_array(v)
        return {"tensor": {"dims": list(v.dims), "data_type": TensorProto.DataType.Name(v.data_type),
                           "values": arr.reshape(-1).tolist() if arr.size <= 16 else None}}
    if isinstance(v, list):
        return [x.decode() if isinstance(x, bytes) else x for x in v]
    if isinstance(v, float):
        return float(np.float32(v))
    return v


def value_info(v):
    t = v.type.tensor_type
    dims = None
    if t.HasField("shape"):
        dims = [d.dim_param if d.HasField("dim_param") else (d.dim_value if d.HasField("dim_value") else None) for d in t.shape.dim]
    return {"name": v.name, "elem_type": TensorProto.DataType.Name(t.elem_type) if t.elem_type else None, "shape": dims}


def describe(model):
    g = model.graph
    inits = []
    for t in g.initializer:
        e = {"name": t.name, "dims": list(t.dims), "data_type": TensorProto.DataType.Name(t.data_type)}
        if t.data_location == TensorProto.EXTERNAL:
            e["external_data"] = {kv.key: kv.value for kv in t.external_data}
        inits.append(e)
    init_names = {t.name for t in g.initializer}
    return {
        "ir_version": model.ir_version,
        "producer_name": model.producer_name, "producer_version": model.producer_version,
        "opset_import": [{"domain": o.domain, "version": o.version} for o in model.opset_import],
        "inputs": [value_info(v) for v in g.input if v.name not in init_names],
        "outputs": [value_info(v) for v in g.output],
        "initializers": inits,
        "nodes": [{"name": n.name, "op_type": n.op_type, "domain": n.domain, "inputs": list(n.input), "outputs": list(n.output),
                   "attributes": {a.name: attr_value(a) for a in n.attribute}} for n in g.node],
    }


def save_npy(path, a):
    np.save(path, np.ascontiguousarray(a))


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        p = os.path.join(OUT, f)
        shutil.rmtree(p) if os.path.isdir(p) else os.remove(p)
    work = tempfile.mkdtemp(prefix="convlens_onnx_")
    index = []
    for c in CASES:
        name, opset = c["name"], c["opset"]
        kind, *rest = c["build"]()
        if kind == "torch":
            module, inp, kw = rest
            model, x, ref = export_torch(name, opset, module, inp, dict(kw), work)
            producer = "torch.onnx.export"
        else:
            model, x, ref = rest
            out = model.graph.output[0]
            if not out.type.tensor_type.HasField("shape"):
                out.CopyFrom(vi(out.name, list(ref.shape)))
            if opset <= onnx.defs.onnx_opset_version():
                onnx.checker.check_model(model)
            onnx.save_model(model, os.path.join(OUT, name + ".onnx"))
            producer = "onnx.helper"
        save_npy(os.path.join(OUT, name + ".input.npy"), x.astype(np.float32))
        save_npy(os.path.join(OUT, name + ".torch.npy"), ref.astype(np.float32))
        onnx.save_model(all_outputs_copy(model, opset), os.path.join(work, name + ".all.onnx"))
        desc = describe(onnx.load(os.path.join(OUT, name + ".onnx"), load_external_data=False))
        with open(os.path.join(work, name + ".graph.json"), "w") as f:
            json.dump(desc, f)
        index.append({k: c[k] for k in ("name", "opset", "covers", "description", "refuse")} | {"producer": producer})
        print(f"{name}: opset {opset}, {len(model.graph.node)} nodes ({producer})", file=sys.stderr)
    with open(os.path.join(work, "cases.json"), "w") as f:
        json.dump({"torch": torch.__version__, "onnx": onnx.__version__, "cases": index}, f, indent=1)
    node = os.environ.get("NODE", "node")
    subprocess.run([node, os.path.join(HERE, "run_onnxruntime.mjs"), work], check=True)
    shutil.rmtree(work)
    import gen_bad_onnx
    gen_bad_onnx.main()


if __name__ == "__main__":
    sys.path.insert(0, HERE)
    main()
