#!/usr/bin/env python3
"""make_long_chain.py OUT.json [LAYERS] — writes a Keras project of one Input and LAYERS−1 layers in a chain
(1×1 Conv2D and ReLU in turn, on an 8×8×2 input): the model of the linear-time benchmark in the README (issue 13:
100,000 layers took 31 s to summarise and 131 s to run while the layer index was a linear search).
Standard library only."""
import json
import sys

out = sys.argv[1]
count = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
layers = [{"name": "in", "type": "InputLayer", "inputs": [], "params": {"shape": [8, 8, 2]}}]
for i in range(1, count):
    if i % 2:
        layers.append({"name": f"c{i}", "type": "Conv2D", "inputs": [layers[-1]["name"]],
                       "params": {"filters": 2, "kernel_size": 1}})
    else:
        layers.append({"name": f"r{i}", "type": "ReLU", "inputs": [layers[-1]["name"]], "params": {}})
with open(out, "w") as f:
    json.dump({"format": "convlens-model", "version": 1, "framework": "keras", "layers": layers}, f)
print(f"{out}: {count} layers")
