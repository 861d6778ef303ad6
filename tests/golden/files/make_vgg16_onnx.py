#!/usr/bin/python3
"""Benchmark input, NOT run by default and NOT committed: a full torchvision VGG16 (138,357,544 parameters,
about 528 MB of float32 weights) exported to ONNX.

    /usr/bin/python3 tests/golden/files/make_vgg16_onnx.py [OUT.onnx]      # default: build/vgg16.onnx

Needs Debian's python3-torch and python3-torchvision (torchvision 0.14). The weights are torchvision's random
initialisation under torch.manual_seed(0) (no download: this machine reaches no model hub), so the file is
deterministic apart from nothing: torch.onnx.export writes the same bytes each run. The model exceeds no protobuf
limit (< 2 GiB), so it is written as one file; pass --external to write the weights to OUT.onnx.data instead.
Opset 13, input 'input' [1, 3, 224, 224], output 'output' [1, 1000]. Takes ~30 s and ~2 GB of memory.
Use it with `convlens-cli summary/bench build/vgg16.onnx` (the reader must stream 528 MB without copying it twice).
"""
import os
import sys

import torch
import torchvision


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    here = os.path.dirname(os.path.abspath(__file__))
    out = args[0] if args else os.path.normpath(os.path.join(here, "..", "..", "..", "build", "vgg16.onnx"))
    os.makedirs(os.path.dirname(out), exist_ok=True)
    torch.manual_seed(0)
    model = torchvision.models.vgg16(weights=None).eval()
    x = torch.zeros(1, 3, 224, 224)
    torch.onnx.export(model, x, out, opset_version=13, input_names=["input"], output_names=["output"])
    if "--external" in sys.argv:
        import onnx
        m = onnx.load(out)
        onnx.save_model(m, out, save_as_external_data=True, all_tensors_to_one_file=True,
                        location=os.path.basename(out) + ".data", size_threshold=1024)
    print(out, os.path.getsize(out), "bytes")


if __name__ == "__main__":
    main()
