// bench_import.cpp — how long importing a pasted model takes: a ~1,000-line PyTorch file (an nn.Module class with
// 220 conv/BN blocks written out one attribute per line, a residual add every other block) read by the static
// evaluator, traced like torch.fx and shape-inferred (goal: < 100 ms; exit status 2 above it).
// Run by hand: ./build/tests/bench/bench_import
#include "importers/python_code.h"
#include "shape/infer.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

using namespace convlens;

namespace {

std::string modelFile(int blocks)
{
    std::string s = "import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n\n\n"
                    "class Wide(nn.Module):\n    def __init__(self, channels=16):\n        super().__init__()\n"
                    "        self.stem = nn.Conv2d(3, channels, 3, padding=1)\n";
    for (int i = 0; i < blocks; ++i) {
        const std::string n = std::to_string(i);
        s += "        self.conv" + n + " = nn.Conv2d(channels, channels, kernel_size=3, padding=1, bias=False)\n";
        s += "        self.bn" + n + " = nn.BatchNorm2d(channels)\n";
    }
    s += "        self.pool = nn.AdaptiveAvgPool2d((1, 1))\n        self.fc = nn.Linear(channels, 10)\n\n"
         "    def forward(self, x):\n        x = F.relu(self.stem(x))\n";
    for (int i = 0; i < blocks; ++i) {
        const std::string n = std::to_string(i);
        if (i % 2 == 0)
            s += "        identity = x\n";
        s += "        x = self.bn" + n + "(self.conv" + n + "(x))\n";
        s += i % 2 == 1 ? "        x = F.relu(x + identity)\n" : "        x = F.relu(x)\n";
    }
    s += "        x = torch.flatten(self.pool(x), 1)\n        return self.fc(x)\n\n\nmodel = Wide()\n";
    return s;
}

} // namespace

int main()
{
    const std::string code = modelFile(220);
    const long lines = long(std::count(code.begin(), code.end(), '\n'));
    LoadOptions opts;
    opts.framework = Framework::PyTorch;
    opts.inputShape = Shape{3, 32, 32};
    std::vector<double> ms;
    std::size_t rows = 0;
    for (int run = 0; run < 30; ++run) {
        const auto t0 = std::chrono::steady_clock::now();
        const LoadResult r = importPythonCode(code, "wide.py", opts);
        if (!r.ok()) {
            std::fprintf(stderr, "import failed: %s\n", r.error ? r.error->toString().c_str() : "?");
            return 1;
        }
        const ShapeReport rep = infer(*r.graph);
        if (!rep.ok) {
            std::fprintf(stderr, "a layer is refused\n");
            return 1;
        }
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
        rows = rep.layers.size();
    }
    std::sort(ms.begin(), ms.end());
    std::printf("import + infer of a %ld-line nn.Module file (%zu rows): median %.2f ms, min %.2f ms (%zu runs; "
                "goal < 100 ms)\n",
                lines, rows, ms[ms.size() / 2], ms.front(), ms.size());
    return ms[ms.size() / 2] < 100.0 ? 0 : 2;
}
