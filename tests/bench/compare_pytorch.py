#!/usr/bin/python3
"""ConvLens vs PyTorch on the same CPU: forward-pass time of three models, batch 1, float32.

    /usr/bin/python3 tests/bench/compare_pytorch.py [--cli build/app/cli/convlens-cli] [--runs 20] [--threads 2]

(a) the autoencoder at 28x28x1 (resources/examples/autoencoder.py), (b) the U-Net at 256x256x1
(resources/examples/unet_same.py), (c) VGG16's convolutional part at 224x224x3 (tests/bench/vgg16_conv.py).
ConvLens: `convlens-cli bench MODEL --runs N --threads T --json` (median of N after two warm-up passes).
PyTorch (Debian python3-torch): the equivalent nn.Sequential/nn.Module built here, torch.set_num_threads(T), eval mode,
no_grad, median of N timed passes after 3 warm-up passes. Prints medians, the ConvLens/PyTorch time ratio (< 1: ConvLens
is faster) and GFLOP/s (2 x conv MACs / time), then the peak resident memory of `convlens-cli run` on the U-Net
(/usr/bin/time -v). The machine may be shared: run it twice and compare, or pin with taskset.
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

import torch
import torch.nn as nn
import warnings

warnings.filterwarnings("ignore", message="Using padding=.same. with even kernel")

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


# ------------------------------------------------------------------------------------------------ torch models
def autoencoder():
    # Keras: Conv2D(..., 'same') → padding=1; MaxPooling2D((2,2), padding='same') on 7 → 4 = ceil_mode.
    r = nn.ReLU
    return nn.Sequential(
        nn.Conv2d(1, 16, 3, padding=1), r(), nn.MaxPool2d(2, ceil_mode=True),
        nn.Conv2d(16, 8, 3, padding=1), r(), nn.MaxPool2d(2, ceil_mode=True),
        nn.Conv2d(8, 8, 3, padding=1), r(), nn.MaxPool2d(2, ceil_mode=True),
        nn.Conv2d(8, 8, 3, padding=1), r(), nn.Upsample(scale_factor=2),
        nn.Conv2d(8, 8, 3, padding=1), r(), nn.Upsample(scale_factor=2),
        nn.Conv2d(8, 16, 3), r(), nn.Upsample(scale_factor=2),
        nn.Conv2d(16, 1, 3, padding=1), nn.Sigmoid())


class UNet(nn.Module):
    """resources/examples/unet_same.py: 'same' 3x3 convolutions with ReLU, 2x2 max pooling, dropout (identity in
    eval), nearest 2x upsampling + 2x2 'same' convolution, channel concatenation, 1x1 sigmoid output."""

    def __init__(self):
        super().__init__()
        c3 = lambda i, o: nn.Sequential(nn.Conv2d(i, o, 3, padding=1), nn.ReLU(inplace=True))
        self.down = nn.ModuleList([nn.Sequential(c3(i, o), c3(o, o)) for i, o in
                                   [(1, 64), (64, 128), (128, 256), (256, 512), (512, 1024)]])
        self.up = nn.ModuleList([nn.Sequential(nn.Upsample(scale_factor=2), nn.Conv2d(i, o, 2, padding="same"),
                                               nn.ReLU(inplace=True)) for i, o in
                                 [(1024, 512), (512, 256), (256, 128), (128, 64)]])
        self.merge = nn.ModuleList([nn.Sequential(c3(2 * o, o), c3(o, o)) for o in [512, 256, 128, 64]])
        self.pool = nn.MaxPool2d(2)
        self.head = nn.Sequential(c3(64, 2), nn.Conv2d(2, 1, 1), nn.Sigmoid())

    def forward(self, x):
        skips = []
        for i, block in enumerate(self.down):
            x = block(x)
            if i < 4:
                skips.append(x)
                x = self.pool(x)
        for up, merge, skip in zip(self.up, self.merge, reversed(skips)):
            x = merge(torch.cat([skip, up(x)], dim=1))
        return self.head(x)


def vgg16_conv():
    layers, c = [], 3
    for filters, convs in [(64, 2), (128, 2), (256, 3), (512, 3), (512, 3)]:
        for _ in range(convs):
            layers += [nn.Conv2d(c, filters, 3, padding=1), nn.ReLU(inplace=True)]
            c = filters
        layers.append(nn.MaxPool2d(2, 2))
    return nn.Sequential(*layers)


MODELS = [
    ("autoencoder 28x28x1", "resources/examples/autoencoder.py", autoencoder, (1, 1, 28, 28)),
    ("U-Net 256x256x1", "resources/examples/unet_same.py", UNet, (1, 1, 256, 256)),
    ("VGG16 conv 224x224x3", "tests/bench/vgg16_conv.py", vgg16_conv, (1, 3, 224, 224)),
]


def conv_macs(model, shape):
    macs = [0]

    def hook(m, inp, out):
        macs[0] += out.numel() * (m.in_channels // m.groups) * m.kernel_size[0] * m.kernel_size[1]

    hs = [m.register_forward_hook(hook) for m in model.modules() if isinstance(m, nn.Conv2d)]
    with torch.no_grad():
        model(torch.zeros(shape))
    for h in hs:
        h.remove()
    return macs[0]


def torch_median_ms(model, shape, runs):
    x = torch.rand(shape, generator=torch.Generator().manual_seed(42))
    with torch.no_grad():
        for _ in range(3):
            model(x)
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            model(x)
            times.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(times)


def convlens_bench(cli, path, runs, threads):
    out = subprocess.run([cli, "bench", os.path.join(ROOT, path), "--runs", str(runs), "--threads", str(threads),
                          "--json"], check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def peak_rss_mib(cmd):
    res = subprocess.run(["/usr/bin/time", "-v"] + cmd, capture_output=True, text=True)
    if res.returncode != 0:
        raise RuntimeError(res.stderr)
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", res.stderr)
    return int(m.group(1)) / 1024.0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", default=os.path.join(ROOT, "build", "app", "cli", "convlens-cli"))
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--only", default="", help="substring of the model names to run")
    args = ap.parse_args()
    if args.runs < 20:
        print("note: fewer than 20 runs", file=sys.stderr)
    torch.set_num_threads(args.threads)
    print(f"torch {torch.__version__}, {args.threads} threads, mkldnn={torch.backends.mkldnn.is_available()}; "
          f"ConvLens: {args.cli}")
    # A busy machine hurts torch's OpenMP barriers (and both timings); say how busy it was.
    print("load average before: %.2f %.2f %.2f" % os.getloadavg())
    print(f"{'model':24} {'ConvLens ms':>12} {'PyTorch ms':>12} {'ratio':>7} {'ConvLens GFLOP/s':>17} "
          f"{'PyTorch GFLOP/s':>16}")
    for name, path, build, shape in MODELS:
        if args.only and args.only not in name:
            continue
        model = build().eval()
        flops = 2.0 * conv_macs(model, shape)
        t_torch = torch_median_ms(model, shape, args.runs)
        cl = convlens_bench(args.cli, path, args.runs, args.threads)
        t_cl = cl["median_ms"]
        print(f"{name:24} {t_cl:12.2f} {t_torch:12.2f} {t_cl / t_torch:7.2f} {cl['gflops']:17.1f} "
              f"{flops / (t_torch * 1e-3) / 1e9:16.1f}", flush=True)
    print("load average after: %.2f %.2f %.2f" % os.getloadavg())
    if not args.only or "U-Net" in args.only:
        with tempfile.TemporaryDirectory() as tmp:
            digit = os.path.join(ROOT, "resources", "digits", "7_0.png")
            rss = peak_rss_mib([args.cli, "run", os.path.join(ROOT, "resources/examples/unet_same.py"), "--input",
                                digit, "--threads", str(args.threads)])
            print(f"peak resident memory of `convlens-cli run` on the U-Net 256x256x1: {rss:.0f} MiB")


if __name__ == "__main__":
    main()
