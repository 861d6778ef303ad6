// weights.h — the weights of a model: which arrays each layer has (names and layouts as the framework has them),
// seeded initial values like the framework's defaults, a weights directory of .npy files (DESIGN.md contract), and
// setting a kernel by hand from classic presets (for the GUI).
#pragma once

#include "compute/tensor.h"
#include "shape/report.h"

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace convlens {

enum class WeightInit {
    GlorotUniform,   // Keras default kernel: U(±√(6 / (fan_in + fan_out)))
    KaimingUniform,  // torch default weight: kaiming_uniform(a=√5) = U(±1/√fan_in)
    TorchBias,       // torch default bias: U(±1/√fan_in of the weight)
    Zeros,
    Ones,
};

struct WeightSpec {
    std::string name;   // "kernel", "depthwise_kernel", "bias", "gamma", … / "weight", "bias", "running_mean", …
    Shape shape;        // framework layout
    WeightInit init = WeightInit::Zeros;
    std::int64_t fanIn = 0, fanOut = 0; // as the framework computes them for this array
};

// The arrays a layer of the report has, in the order the framework lists them (Keras layer.weights order,
// torch state_dict order). Empty for layers without weights. torch BatchNorm2d's num_batches_tracked buffer is not
// listed (it does not affect inference); saveWeightsDir writes it so that load_state_dict accepts the directory.
std::vector<WeightSpec> expectedWeights(const LayerReport &layer, Framework f);

// File name of one array: "<layer>.<weight>.npy" (torch: the state_dict key + ".npy").
std::string weightFileName(const std::string &layer, const std::string &weight);

// All layers' weights: layer name → arrays.
struct WeightSet {
    std::map<std::string, LayerWeights> layers;
    const LayerWeights *find(const std::string &layer) const;
};

// Seeded initial values like the framework's defaults (same distributions, not the same random streams): Keras
// glorot_uniform kernels and zero biases, BatchNormalization gamma=1, beta=0, moving mean 0, variance 1; torch
// kaiming_uniform(a=√5) weights and U(±1/√fan_in) biases, BatchNorm2d weight 1, bias 0, running mean 0, var 1.
// Each layer draws from its own stream (seed mixed with the layer name) so editing one layer leaves the others' values.
LayerWeights initialLayerWeights(const LayerReport &layer, Framework f, std::uint64_t seed);

// n values uniform in [0, 1) from splitmix64(seed): the same on every platform and standard library. The seeded
// input of models that take no image (convlens-cli trace, the GUI).
std::vector<float> seededUniform(std::size_t n, std::uint64_t seed);

// Gives every layer of the report that has weights but none in `set` (or arrays of the wrong shape, e.g. after an
// edit changed its channels) its initial values. Returns the names of the layers (re)initialised.
std::vector<std::string> initializeMissingWeights(WeightSet &set, const ShapeReport &report, std::uint64_t seed);

// Problems that would stop a forward pass: a missing array, a wrong shape. Each message names the layer, the weight,
// the expected and the found shape, e.g. "conv2d.kernel: expected shape (3, 3, 1, 16), found (3, 3, 16, 1)".
std::vector<std::string> checkWeights(const WeightSet &set, const ShapeReport &report);

struct WeightsDirResult {
    WeightSet weights;                 // the arrays read (only the layers of the report)
    std::vector<std::string> errors;   // "dir/conv2d.kernel.npy: expected shape (3, 3, 1, 16), found (3, 3, 1)"
    std::vector<std::string> ignored;  // files of the directory nothing asked for (e.g. num_batches_tracked)
    bool ok() const { return errors.empty(); }
};

// Reads one .npy per expected array from `dir` (float32 or float64, C order; anything else is refused with the file
// name and the reason). A missing file is an error naming the file and the expected shape.
WeightsDirResult loadWeightsDir(const std::string &dir, const ShapeReport &report);

// Writes every expected array of the report as float32 .npy (creating `dir`); torch BatchNorm2d also gets
// "<layer>.num_batches_tracked.npy" (int64 0). Each file is written atomically.
bool saveWeightsDir(const WeightSet &set, const ShapeReport &report, const std::string &dir, std::string *error);

// ---------------------------------------------------------------------------------------------- hand-set kernels
enum class KernelPreset { Identity, BoxBlur, Gaussian, SobelX, SobelY, Laplacian, Sharpen };
std::string_view kernelPresetName(KernelPreset p); // "identity", "box blur", "gaussian", "sobel x", …
std::optional<KernelPreset> kernelPresetFromName(std::string_view name);

// The kh×kw taps of a preset, row-major. Identity, box blur and Gaussian (binomial) exist for any size (identity and
// Gaussian centred at ((kh−1)/2, (kw−1)/2) rounded down); Sobel for odd sizes ≥ 3 (binomial smoothing × central
// difference); Laplacian and sharpen only 3×3. Otherwise nullopt with *error saying which sizes work.
std::optional<std::vector<float>> presetKernel(KernelPreset p, std::int64_t kh, std::int64_t kw, std::string *error);

// Sets the taps from input channel `inChannel` (counted within the output channel's group; -1 = every input channel
// of the group, each getting taps / count so that a uniform input gives the same response) to output channel
// `outChannel` of a Conv / DepthwiseConv / SeparableConv (its depthwise kernel) / ConvTranspose layer, in the
// framework's layout. `zeroOthers` clears the output channel's other taps and its bias first. Creates the layer's
// weights from the initialiser when missing.
bool setKernelTaps(WeightSet &set, const LayerReport &layer, Framework f, std::int64_t outChannel,
                   std::int64_t inChannel, std::span<const float> taps, bool zeroOthers, std::string *error);

} // namespace convlens
