#!/usr/bin/python3
"""Runs PyTorch code written by ConvLens's exporter (tests/tst_code_export.cpp) in real torch.

usage: /usr/bin/python3 run_torch_exports.py LIST.json
LIST.json: [{"file": "export_0.py", "input": [C, H, W]}, ...]
The forward pass runs on meta tensors (shapes without data) where torch 1.13 has meta kernels for every op, else
on zeros. Prints a JSON list, one object per file: {"output_shape": [...], "params": int} (shape without the batch
dimension, params = sum of numel over model.parameters(), as ConvLens counts PyTorch parameters), or {"error": str}
when torch refuses the code. Each file is executed as a script and must leave its model in the variable `model`.
"""
import copy
import json
import sys
import traceback

import torch


def run(entry):
    scope = {"__name__": "__convlens_export__"}
    with open(entry["file"], encoding="utf-8") as f:
        source = f.read()
    try:
        exec(compile(source, entry["file"], "exec"), scope)
        model = scope["model"].eval()
        params = sum(p.numel() for p in model.parameters())
        try:  # shapes only: meta tensors carry no data, so VGG-sized exports take no time
            out = copy.deepcopy(model).to("meta")(torch.zeros(1, *entry["input"], device="meta"))
        except (NotImplementedError, RuntimeError):  # an op without a meta kernel in torch 1.13 (channel_shuffle):
            out = model(torch.zeros(1, *entry["input"]))  # run it for real, on the weights still on the CPU
        return {"output_shape": list(out.shape[1:]), "params": params}
    except Exception:  # the test prints the reason next to the code
        return {"error": traceback.format_exc(limit=2)}


def main():
    torch.set_grad_enabled(False)
    with open(sys.argv[1], encoding="utf-8") as f:
        entries = json.load(f)
    json.dump([run(e) for e in entries], sys.stdout)


if __name__ == "__main__":
    main()
