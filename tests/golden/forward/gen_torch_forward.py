#!/usr/bin/python3
"""Golden forward data from PyTorch (Debian python3-torch 1.13): for every case, the nn.Sequential code as ConvLens
imports it, seeded weights (state_dict as .npy), a seeded input and every child's output.

    cd tests/golden/forward && /usr/bin/python3 gen_torch_forward.py

Writes torch/<case>/{model.py, input.npy, weights/<state_dict key>.npy, expected/<child index>.npy} and the torch
part of cases.json. Deterministic (fixed seeds; single thread)."""
import json
import os
import shutil
import sys

import numpy as np
import torch
import torch.nn as nn

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "torch")
torch.set_num_threads(1)

# (name, input shape (C, H, W), layers as written inside nn.Sequential(...))
CASES = [
    # --- convolution: padding, stride on even/odd sizes, dilation, groups
    ("conv_k3_valid", (2, 7, 7), ["nn.Conv2d(2, 4, 3)"]),
    ("conv_k3_s2_p1_even", (3, 8, 8), ["nn.Conv2d(3, 4, 3, stride=2, padding=1)"]),
    ("conv_k3_s2_p1_odd", (3, 9, 9), ["nn.Conv2d(3, 4, 3, stride=2, padding=1)"]),
    ("conv_same_k3", (2, 6, 7), ["nn.Conv2d(2, 3, 3, padding='same')"]),
    ("conv_same_k4_even_kernel", (2, 6, 6), ["nn.Conv2d(2, 3, 4, padding='same')"]),
    ("conv_same_dilation2", (2, 9, 8), ["nn.Conv2d(2, 3, 3, padding='same', dilation=2)"]),
    ("conv_valid_string", (2, 6, 6), ["nn.Conv2d(2, 3, 3, padding='valid')"]),
    ("conv_dilation2_stride2", (2, 11, 10), ["nn.Conv2d(2, 3, 3, stride=2, dilation=2, padding=2)"]),
    ("conv_groups2", (4, 6, 6), ["nn.Conv2d(4, 6, 3, padding=1, groups=2)"]),
    ("conv_groups4_depthwise_x2", (4, 7, 7), ["nn.Conv2d(4, 8, 3, stride=2, groups=4)"]),
    ("conv_depthwise", (3, 8, 8), ["nn.Conv2d(3, 3, 5, padding=2, groups=3, bias=False)"]),
    ("conv_rect_kernel", (2, 9, 8), ["nn.Conv2d(2, 3, (3, 1), stride=(2, 1), padding=(1, 0))"]),
    ("conv_no_bias_1x1", (5, 4, 4), ["nn.Conv2d(5, 2, 1, bias=False)"]),
    ("conv_k5_s3_p2", (1, 12, 11), ["nn.Conv2d(1, 2, 5, stride=3, padding=2)"]),
    # many channels: ConvLens' Winograd F(2x2, 3x3) path
    ("conv_k3_c64_o128_winograd", (64, 5, 6), ["nn.Conv2d(64, 128, 3, padding=1)", "nn.ReLU()"]),
    # --- transposed convolution
    ("convT_k3_s2_p1_op1", (3, 4, 5), ["nn.ConvTranspose2d(3, 2, 3, stride=2, padding=1, output_padding=1)"]),
    ("convT_k2_s2", (4, 4, 4), ["nn.ConvTranspose2d(4, 3, 2, stride=2)"]),
    ("convT_k4_s2_p1", (2, 5, 4), ["nn.ConvTranspose2d(2, 3, 4, stride=2, padding=1)"]),
    ("convT_dilation2", (2, 4, 4), ["nn.ConvTranspose2d(2, 3, 3, dilation=2)"]),
    ("convT_groups2", (4, 3, 4), ["nn.ConvTranspose2d(4, 6, 3, stride=2, groups=2)"]),
    ("convT_k3_s3_op2", (2, 3, 3), ["nn.ConvTranspose2d(2, 2, 3, stride=3, output_padding=2)"]),
    ("convT_k1_s2", (2, 3, 3), ["nn.ConvTranspose2d(2, 2, 1, stride=2)"]),
    # --- pooling: padding, both divisors, ceil_mode, dilation
    ("maxpool_2", (2, 8, 7), ["nn.MaxPool2d(2)"]),
    ("maxpool_3_s2_p1", (2, 8, 9), ["nn.MaxPool2d(3, 2, padding=1)"]),
    ("maxpool_ceil_drop_last", (2, 5, 5), ["nn.MaxPool2d(2, 2, padding=1, ceil_mode=True)"]),
    ("maxpool_ceil_3_s2", (2, 8, 8), ["nn.MaxPool2d(3, 2, ceil_mode=True)"]),
    ("maxpool_dilation2", (2, 9, 9), ["nn.MaxPool2d(3, 1, padding=1, dilation=2)"]),
    ("maxpool_ceil_kernel_larger", (1, 25, 25), ["nn.MaxPool2d(26, 3, ceil_mode=True)"]),
    ("avgpool_3_s2_p1_counted", (2, 8, 7), ["nn.AvgPool2d(3, 2, padding=1)"]),
    ("avgpool_3_s2_p1_excluded", (2, 8, 7), ["nn.AvgPool2d(3, 2, padding=1, count_include_pad=False)"]),
    ("avgpool_ceil_clip_divisor", (2, 5, 5), ["nn.AvgPool2d(2, 2, padding=1, ceil_mode=True)"]),
    ("avgpool_ceil_3_s2_p1", (2, 6, 6), ["nn.AvgPool2d(3, 2, padding=1, ceil_mode=True)"]),
    ("avgpool_ceil_excluded", (2, 7, 6), ["nn.AvgPool2d(3, 2, padding=1, ceil_mode=True, count_include_pad=False)"]),
    ("avgpool_divisor_override", (2, 6, 6), ["nn.AvgPool2d(3, divisor_override=4)"]),
    ("adaptive_avg_3", (3, 7, 8), ["nn.AdaptiveAvgPool2d((3, 3))"]),
    ("adaptive_avg_1", (3, 5, 6), ["nn.AdaptiveAvgPool2d(1)", "nn.Flatten()", "nn.Linear(3, 2)"]),
    ("adaptive_max_3x2", (3, 7, 5), ["nn.AdaptiveMaxPool2d((3, 2))"]),
    ("adaptive_max_none", (2, 5, 6), ["nn.AdaptiveMaxPool2d((None, 4))"]),
    # --- upsampling
    ("upsample_nearest_2", (2, 3, 4), ["nn.Upsample(scale_factor=2)"]),
    ("upsample_nearest_1_5", (2, 4, 5), ["nn.Upsample(scale_factor=1.5, mode='nearest')"]),
    ("upsample_nearest_size", (2, 3, 3), ["nn.Upsample(size=(5, 7))"]),
    ("upsample_bilinear_2", (2, 3, 4), ["nn.Upsample(scale_factor=2, mode='bilinear', align_corners=False)"]),
    ("upsample_bilinear_align", (2, 3, 4), ["nn.Upsample(scale_factor=2, mode='bilinear', align_corners=True)"]),
    ("upsample_bilinear_size", (2, 4, 3), ["nn.Upsample(size=(7, 9), mode='bilinear')"]),
    ("upsample_bilinear_1_5", (2, 4, 4), ["nn.Upsample(scale_factor=1.5, mode='bilinear')"]),
    ("upsample_bilinear_3x2", (1, 3, 3), ["nn.Upsample(scale_factor=(3, 2), mode='bilinear')"]),
    # --- padding, normalisation, activations
    ("zeropad_lrtb", (2, 4, 5), ["nn.ZeroPad2d((1, 2, 0, 3))", "nn.Conv2d(2, 2, 3)"]),
    ("batchnorm", (3, 5, 5), ["nn.Conv2d(3, 4, 3, padding=1)", "nn.BatchNorm2d(4)", "nn.ReLU()"]),
    ("batchnorm_no_affine", (3, 4, 4), ["nn.BatchNorm2d(3, affine=False)"]),
    ("batchnorm_eps", (2, 4, 4), ["nn.BatchNorm2d(2, eps=0.1)"]),
    ("activations_1", (2, 4, 4), ["nn.Conv2d(2, 3, 3, padding=1)", "nn.ReLU6()", "nn.Conv2d(3, 3, 1)",
                                  "nn.LeakyReLU(0.1)", "nn.Sigmoid()"]),
    ("activations_2", (2, 4, 4), ["nn.Conv2d(2, 3, 3, padding=1)", "nn.Tanh()", "nn.Identity()", "nn.Dropout(0.3)",
                                  "nn.LeakyReLU()", "nn.Dropout2d()"]),
    ("softmax_dim1", (4, 3, 3), ["nn.Softmax(dim=1)"]),
    ("softmax_dim3", (2, 3, 4), ["nn.Softmax(dim=3)"]),
    ("softmax_dim_neg3", (3, 2, 2), ["nn.Softmax(dim=-3)"]),
    # --- flatten / linear in torch's (C, H, W) order
    ("flatten_linear", (3, 4, 5), ["nn.Flatten()", "nn.Linear(60, 7)", "nn.ReLU()", "nn.Linear(7, 3)",
                                   "nn.Softmax(dim=1)"]),
    ("linear_on_last_axis", (2, 3, 5), ["nn.Linear(5, 4)"]),
    ("flatten_start2_linear", (3, 4, 5), ["nn.Flatten(2)", "nn.Linear(20, 6, bias=False)"]),
    ("unflatten", (2, 3, 4), ["nn.Flatten()", "nn.Linear(24, 18)", "nn.Unflatten(1, (2, 3, 3))",
                              "nn.Conv2d(2, 2, 2)"]),
    # --- small real networks
    ("lenet5", (1, 28, 28), ["nn.Conv2d(1, 6, 5, padding=2)", "nn.Tanh()", "nn.AvgPool2d(2, 2)",
                             "nn.Conv2d(6, 16, 5)", "nn.Tanh()", "nn.AvgPool2d(2, 2)", "nn.Flatten()",
                             "nn.Linear(400, 120)", "nn.Tanh()", "nn.Linear(120, 84)", "nn.Tanh()",
                             "nn.Linear(84, 10)"]),
    ("vgg_block", (3, 12, 12), ["nn.Conv2d(3, 8, 3, padding=1)", "nn.BatchNorm2d(8)", "nn.ReLU(inplace=True)",
                                "nn.Conv2d(8, 8, 3, padding=1)", "nn.ReLU(inplace=True)", "nn.MaxPool2d(2, 2)",
                                "nn.AdaptiveAvgPool2d((2, 2))", "nn.Flatten()", "nn.Linear(32, 5)"]),
    ("autoencoder", (1, 12, 12), ["nn.Conv2d(1, 4, 3, stride=2, padding=1)", "nn.ReLU()",
                                  "nn.Conv2d(4, 8, 3, stride=2, padding=1)", "nn.ReLU()",
                                  "nn.ConvTranspose2d(8, 4, 3, stride=2, padding=1, output_padding=1)", "nn.ReLU()",
                                  "nn.ConvTranspose2d(4, 1, 3, stride=2, padding=1, output_padding=1)",
                                  "nn.Sigmoid()"]),
    ("decoder_upsample", (4, 3, 3), ["nn.Upsample(scale_factor=2, mode='bilinear')", "nn.Conv2d(4, 3, 3, padding=1)",
                                     "nn.ReLU()", "nn.Upsample(scale_factor=2)", "nn.Conv2d(3, 1, 3, padding=1)"]),
]


def code_for(layers):
    body = "".join(f"    {l},\n" for l in layers)
    return "import torch\nimport torch.nn as nn\n\nmodel = nn.Sequential(\n" + body + ")\n"


def randomise(model, gen):
    """Seeded, non-default values everywhere: nothing passes by accident of zeros and ones."""
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, (nn.Conv2d, nn.ConvTranspose2d, nn.Linear)):
                fan = m.weight[0].numel()
                bound = (3.0 / fan) ** 0.5
                m.weight.copy_((torch.rand(m.weight.shape, generator=gen) * 2 - 1) * bound)
                if m.bias is not None:
                    m.bias.copy_((torch.rand(m.bias.shape, generator=gen) * 2 - 1) * 0.3)
            if isinstance(m, nn.BatchNorm2d):
                c = m.num_features
                m.running_mean.copy_((torch.rand(c, generator=gen) * 2 - 1) * 0.5)
                m.running_var.copy_(torch.rand(c, generator=gen) + 0.5)
                if m.affine:
                    m.weight.copy_(torch.rand(c, generator=gen) + 0.5)
                    m.bias.copy_((torch.rand(c, generator=gen) * 2 - 1) * 0.3)


def save(path, array):
    np.save(path, np.ascontiguousarray(array))


def main():
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    manifest = []
    for index, (name, shape, layers) in enumerate(CASES):
        code = code_for(layers)
        ns = {}
        exec(code, ns)
        model = ns["model"].eval()
        gen = torch.Generator().manual_seed(1000 + index)
        randomise(model, gen)
        x = (torch.rand((1,) + tuple(shape), generator=gen) * 2 - 1).float()
        d = os.path.join(OUT, name)
        os.makedirs(os.path.join(d, "weights"))
        os.makedirs(os.path.join(d, "expected"))
        with open(os.path.join(d, "model.py"), "w") as f:
            f.write(f"# golden forward case '{name}': input (C, H, W) = {tuple(shape)}\n" + code)
        save(os.path.join(d, "input.npy"), x.numpy())
        for k, v in model.state_dict().items():
            save(os.path.join(d, "weights", k + ".npy"), v.numpy())
        names = []
        with torch.no_grad():
            y = x
            for child_name, child in model.named_children():
                y = child(y)
                save(os.path.join(d, "expected", child_name + ".npy"), y.numpy().astype(np.float32))
                names.append(child_name)
        manifest.append({"name": "torch/" + name, "framework": "pytorch", "dir": "torch/" + name,
                         "input_shape": list(shape), "layers": names})
    with open(os.path.join(HERE, "cases_torch.json"), "w") as f:
        json.dump(manifest, f, indent=1)
        f.write("\n")
    print(f"{len(manifest)} torch cases, torch {torch.__version__}", file=sys.stderr)


if __name__ == "__main__":
    main()
