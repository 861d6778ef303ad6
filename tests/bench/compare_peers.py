#!/usr/bin/python3
"""ConvLens against PyTorch and onnxruntime on the same CPU: forward-pass time of three models, batch 1, float32.

    /usr/bin/python3 tests/bench/compare_peers.py [--build build] [--rounds 3] [--runs 11] [--threads 2] [--only U-Net]

Models: (a) the autoencoder at 28x28x1 (resources/examples/autoencoder.py), (b) the U-Net 'same' at 256x256x1
(resources/examples/unet_same.py), (c) VGG16's convolutional part at 224x224x3 (tests/bench/vgg16_conv.py). The PyTorch
definitions are compare_pytorch.py's; the ONNX files are those modules exported by torch.onnx.export (opset 13).

Peers:
- ConvLens: `convlens-cli bench MODEL --runs N --threads T --json` (two warm-up passes, then N timed).
- PyTorch (Debian python3-torch 1.13, oneDNN): torch.set_num_threads(T), eval, no_grad, 3 warm-ups, N timed, in this
  process.
- onnxruntime: the npm package onnxruntime-node (CPU execution provider; the version tests/golden/package.json pins),
  installed by this script into BUILD/peers (never into the repository), driven by ort_bench.mjs: intra-op threads T,
  graph optimisation 'all', 3 warm-ups, N timed.

The machine may be shared, so everything is interleaved: each round runs every model on every peer, the order of the
peers rotating from round to round, and measures the fp32 FMA ceiling (bench_fma_peak) between models. Reported per
model and peer: the median of the per-round medians and the fastest single pass; ratios are ConvLens time / peer time
(< 1: ConvLens is faster), from medians and from minimums. GFLOP/s = 2 x convolution MACs / median time; the fraction
of the ceiling divides that by the best ceiling of the run (Winograd layers do fewer multiplications than they are
credited with, so a model can pass 100 %). The load average is printed before and after each round: trust a run whose
load stayed below ~0.5 and whose min and median agree.

Finally the peak resident memory (/usr/bin/time -v) of `convlens-cli run` on the U-Net with a digit image, next to
onnxruntime-node's creating a session for the U-Net and running it once (and of node alone, the runtime's share).
"""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)

import torch  # noqa: E402

from compare_pytorch import MODELS, conv_macs, torch_median_ms  # noqa: E402,F401

warnings.filterwarnings("ignore")
PEERS = ["ConvLens", "PyTorch", "onnxruntime"]


def ort_version():
    with open(os.path.join(ROOT, "tests", "golden", "package.json")) as f:
        return json.load(f)["dependencies"]["onnxruntime-node"]


def ensure_ort(peers_dir):
    """npm-installs the pinned onnxruntime-node into peers_dir (once); returns its node_modules folder."""
    version = ort_version()
    modules = os.path.join(peers_dir, "node_modules")
    pkg = os.path.join(modules, "onnxruntime-node", "package.json")
    if os.path.exists(pkg) and json.load(open(pkg))["version"] == version:
        return modules
    os.makedirs(peers_dir, exist_ok=True)
    # The package's postinstall would fetch the CUDA execution provider from nuget: skip it (tests/golden/.npmrc).
    shutil.copy(os.path.join(ROOT, "tests", "golden", ".npmrc"), os.path.join(peers_dir, ".npmrc"))
    with open(os.path.join(peers_dir, "package.json"), "w") as f:
        json.dump({"name": "convlens-bench-peers", "private": True,
                   "dependencies": {"onnxruntime-node": version}}, f)
    print(f"installing onnxruntime-node {version} into {peers_dir} …", flush=True)
    env = dict(os.environ, npm_config_onnxruntime_node_install="skip")
    subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--loglevel=error"], cwd=peers_dir, env=env,
                   check=True)
    return modules


def exportable(module):
    """torch 1.13 cannot export Conv2d(padding='same') (aten::_convolution_mode): the same computation as an explicit
    ZeroPad2d (torch's split: the extra cell after) + Conv2d(padding=0), sharing the weights. onnxruntime fuses the Pad
    back into the Conv (its PadFusion pass)."""
    import copy
    module = copy.deepcopy(module)

    def fix(parent):
        for name, child in parent.named_children():
            if isinstance(child, torch.nn.Conv2d) and child.padding == "same":
                pads = []
                for k, d in zip(reversed(child.kernel_size), reversed(child.dilation)):
                    total = d * (k - 1)
                    pads += [total // 2, total - total // 2]
                conv = torch.nn.Conv2d(child.in_channels, child.out_channels, child.kernel_size, child.stride, 0,
                                       child.dilation, child.groups, child.bias is not None)
                conv.load_state_dict(child.state_dict())
                setattr(parent, name, torch.nn.Sequential(torch.nn.ZeroPad2d(tuple(pads)), conv))
            else:
                fix(child)

    fix(module)
    return module.eval()


def export_onnx(model, shape, path):
    if os.path.exists(path):
        return
    model = exportable(model)
    torch.onnx.export(model, torch.zeros(shape), path, opset_version=13, input_names=["input"],
                      output_names=["output"])


def convlens_time(cli, model_path, runs, threads):
    out = subprocess.run([cli, "bench", os.path.join(ROOT, model_path), "--runs", str(runs), "--threads",
                          str(threads), "--json"], check=True, capture_output=True, text=True).stdout
    d = json.loads(out)
    return d["median_ms"], d.get("min_ms", d["median_ms"])


def torch_time(model, shape, runs):
    x = torch.rand(shape, generator=torch.Generator().manual_seed(42))
    with torch.no_grad():
        for _ in range(3):
            model(x)
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            model(x)
            times.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(times), min(times)


def ort_time(modules, onnx_path, shape, runs, threads):
    out = subprocess.run(["node", os.path.join(HERE, "ort_bench.mjs"), modules, onnx_path, "--shape",
                          ",".join(map(str, shape)), "--runs", str(runs), "--threads", str(threads)],
                         check=True, capture_output=True, text=True).stdout
    d = json.loads(out.strip().splitlines()[-1])
    return d["median_ms"], d["min_ms"]


def fma_ceiling(exe, threads):
    d = json.loads(subprocess.run([exe, "--threads", str(threads), "--json"], check=True, capture_output=True,
                                  text=True).stdout)
    return d


def peak_rss_mib(cmd):
    res = subprocess.run(["/usr/bin/time", "-v"] + cmd, capture_output=True, text=True)
    if res.returncode != 0:
        raise RuntimeError(" ".join(cmd) + ": " + res.stderr[-2000:])
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", res.stderr)
    return int(m.group(1)) / 1024.0


def load():
    return "%.2f %.2f %.2f" % os.getloadavg()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default=os.path.join(ROOT, "build"), help="the CMake build directory")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--runs", type=int, default=11, help="timed passes per peer, model and round")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--only", default="", help="substring of the model names to run")
    ap.add_argument("--no-memory", action="store_true", help="skip the peak-memory measurement")
    args = ap.parse_args()

    cli = os.path.join(args.build, "app", "cli", "convlens-cli")
    fma = os.path.join(args.build, "tests", "bench", "bench_fma_peak")
    for exe in (cli, fma):
        if not os.access(exe, os.X_OK):
            sys.exit(f"{exe} is missing: build it first (ninja -C {args.build} convlens-cli bench_fma_peak)")
    peers_dir = os.path.join(args.build, "peers")
    modules = ensure_ort(peers_dir)
    torch.set_num_threads(args.threads)

    models = []
    for name, path, build, shape in MODELS:
        if args.only and args.only not in name:
            continue
        model = build().eval()
        onnx_path = os.path.join(peers_dir, re.sub(r"[^A-Za-z0-9]+", "_", name).strip("_") + ".onnx")
        export_onnx(model, shape, onnx_path)
        models.append(dict(name=name, path=path, model=model, shape=shape, onnx=onnx_path,
                           flops=2.0 * conv_macs(model, shape)))

    print(f"ConvLens {cli}; PyTorch {torch.__version__} (mkldnn={torch.backends.mkldnn.is_available()}); "
          f"onnxruntime-node {ort_version()} CPU EP; {args.threads} threads, batch 1, fp32, "
          f"{args.rounds} rounds x median of {args.runs}")
    results = {m["name"]: {p: [] for p in PEERS} for m in models}  # (median, min) per round
    ceilings = []
    for r in range(args.rounds):
        print(f"round {r + 1}/{args.rounds}: load average {load()}", flush=True)
        for m in models:
            order = PEERS[r % 3:] + PEERS[:r % 3]
            for peer in order:
                if peer == "ConvLens":
                    t = convlens_time(cli, m["path"], args.runs, args.threads)
                elif peer == "PyTorch":
                    t = torch_time(m["model"], m["shape"], args.runs)
                else:
                    t = ort_time(modules, m["onnx"], m["shape"], args.runs, args.threads)
                results[m["name"]][peer].append(t)
            line = "  ".join(f"{p} {results[m['name']][p][-1][0]:.2f}" for p in PEERS)
            print(f"  {m['name']:22} median ms: {line}", flush=True)
            ceilings.append(fma_ceiling(fma, args.threads))
    print(f"load average after: {load()}")

    ceiling = max(c["gflops"] for c in ceilings)
    ceiling_cpu = max(c["gflops_cpu"] for c in ceilings)
    isa = ceilings[0]["isa"]
    print(f"\nfp32 ceiling ({isa} FMA loop, {args.threads} threads): best {ceiling:.1f} GFLOP/s wall clock "
          f"(rounds: {', '.join('%.0f' % c['gflops'] for c in ceilings)}); {ceiling_cpu:.1f} per CPU-second")
    print("\ntimes in ms: median of the round medians / fastest single pass; ratios ConvLens ÷ peer")
    print(f"{'model':22} " + " ".join(f"{p:>19}" for p in PEERS) + f" {'CL/torch':>9} {'CL/ort':>7} {'min':>5}")
    rows = []
    for m in models:
        res = results[m["name"]]
        med = {p: statistics.median(t[0] for t in res[p]) for p in PEERS}
        mn = {p: min(t[1] for t in res[p]) for p in PEERS}
        rows.append((m, med))
        cells = " ".join(f"{med[p]:9.2f} / {mn[p]:7.2f}" for p in PEERS)
        print(f"{m['name']:22} {cells} {med['ConvLens'] / med['PyTorch']:9.2f} "
              f"{med['ConvLens'] / med['onnxruntime']:7.2f} {mn['ConvLens'] / mn['onnxruntime']:5.2f}")
        per_round = ", ".join(f"{a[0] / b[0]:.2f}" for a, b in zip(res["ConvLens"], res["onnxruntime"]))
        print(f"{'':22} ConvLens/onnxruntime per round: {per_round}")
    print(f"\nGFLOP/s (2 x conv MACs / median) and fraction of the {ceiling:.0f} GFLOP/s ceiling")
    print(f"{'model':22} {'GFLOP':>7} " + " ".join(f"{p:>19}" for p in PEERS))
    for m, med in rows:
        cells = " ".join(f"{m['flops'] / (med[p] * 1e-3) / 1e9:10.1f} {100 * m['flops'] / (med[p] * 1e-3) / 1e9 / ceiling:7.0f}%"
                         for p in PEERS)
        print(f"{m['name']:22} {m['flops'] / 1e9:7.2f} {cells}")

    if not args.no_memory and (not args.only or "U-Net" in args.only):
        unet = next(m for m in MODELS if m[0].startswith("U-Net"))
        onnx_path = os.path.join(peers_dir, re.sub(r"[^A-Za-z0-9]+", "_", unet[0]).strip("_") + ".onnx")
        digit = os.path.join(ROOT, "resources", "digits", "7_0.png")
        cl = peak_rss_mib([cli, "run", os.path.join(ROOT, unet[1]), "--input", digit, "--threads",
                           str(args.threads)])
        ort = peak_rss_mib(["node", os.path.join(HERE, "ort_bench.mjs"), modules, onnx_path, "--shape",
                            ",".join(map(str, unet[3])), "--threads", str(args.threads), "--once"])
        node = peak_rss_mib(["node", "-e", "0"])
        print(f"\npeak resident memory, U-Net 256x256x1, one forward pass: convlens-cli run {cl:.0f} MiB; "
              f"onnxruntime-node {ort:.0f} MiB (of which node alone {node:.0f} MiB)")


if __name__ == "__main__":
    main()
