// solver.h — the shape solver: every square convolution, pooling or transposed-convolution layer, up to given bounds,
// that maps an input size to a target size in one framework's semantics; each with its formula in the layer's own
// numbers and a note where the other framework differs (TF 'same' puts the odd pad after, torch has ceil_mode and
// symmetric integer padding, the two transposed convolutions crop differently).
//
// The sizes come from shape/dims.h, the same pure functions the shape engine uses, over an explicit domain: tst_solver
// checks the list against shape::infer over every size 1–64, so the domain below is also the contract of that test.
// - Keras: Conv2D, MaxPooling2D, AveragePooling2D (padding 'valid'/'same'), Conv2DTranspose (output_padding None or
//   0…stride−1). Strides > 1 with dilation > 1 are refused, as Keras refuses them.
// - PyTorch: Conv2d (padding 0…maxPadding, and 'same' with stride 1; 'valid' is padding=0), MaxPool2d (with dilation)
//   and AvgPool2d (padding ≤ kernel_size/2; ceil_mode=True listed only where it changes the size), ConvTranspose2d
//   (output_padding 0 … max(stride, dilation)−1).
// - Dilation > 1 only for kernels > 1 (a 1×1 kernel has nothing to spread).
//
// The note's words go through QCoreApplication::translate (context "Solver"): the CLI installs no translator and
// stays English; the app's zh_CN translation covers them.
#pragma once

#include "model/framework.h"
#include "model/value.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace convlens::teach {

using i64 = std::int64_t;

enum class SolveKind { Conv, MaxPool, AvgPool, ConvTranspose };

struct SolverBounds {
    int maxKernel = 7, maxStride = 4, maxDilation = 3;
    int maxPadding = 3; // PyTorch integer padding (conv, transposed conv; pools also ≤ kernel_size / 2)
    bool conv = true, maxPool = true, avgPool = false, transposed = true;

    static constexpr int kLimit = 32; // larger bounds are refused (the enumeration grows with their product)
};

struct Solution {
    SolveKind kind = SolveKind::Conv;
    std::string layer; // the framework's class name: Conv2D, MaxPooling2D, Conv2d, MaxPool2d, …
    i64 kernel = 1, stride = 1, dilation = 1;
    enum class Padding { Valid, Same, Explicit };
    Padding padding = Padding::Valid;
    i64 paddingAmount = 0;            // Explicit: torch's integer padding
    bool ceilMode = false;            // torch pooling
    std::optional<i64> outputPadding; // transposed convolution (Keras: nullopt = None)
    i64 padBefore = 0, padAfter = 0;  // window layers: padding applied; transposed: rows cropped (after < 0 appends)
    i64 output = 0;
    std::string formula; // "out = ⌊(28 + 2·1 − 3) / 2⌋ + 1 = 14"
    std::string note;    // empty: the other framework spells and computes it the same way

    // The parameters to give the layer (the framework's keywords; defaults left out, so a pool with stride =
    // kernel keeps strides=None). Required channel counts are not included: the caller adds them.
    std::map<std::string, ParamValue> params(Framework fw) const;
    // "same" | "valid" | the integer, as the CLI's JSON writes it.
    std::string paddingText() const;
    // The layer as code, channels left symbolic: "Conv2D(filters, 3, strides=2, padding='same')",
    // "MaxPool2d(2, ceil_mode=True)", "ConvTranspose2d(in, out, 3, stride=2, padding=1, output_padding=1)".
    std::string code(Framework fw) const;
};

struct SolveResult {
    std::vector<Solution> solutions; // by kind, then kernel, stride, dilation, padding, ceil_mode, output_padding
    std::string error;               // bounds or sizes refused (then no solutions)
};

SolveResult solve(Framework fw, i64 from, i64 to, const SolverBounds &bounds = {});

} // namespace convlens::teach
