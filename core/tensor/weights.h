// weights.h — the weights of a model: which arrays each layer has (names and layouts as the framework has them),
// seeded initial values like the framework's defaults, and the checks a forward pass needs. Reading and writing them
// is formats/weights_dir.h.
#pragma once

#include "tensor/tensor.h"
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
    Constant,        // every value `value` (torch PReLU's init)
};

struct WeightSpec {
    std::string name;   // "kernel", "depthwise_kernel", "bias", "gamma", … / "weight", "bias", "running_mean", …
    Shape shape;        // framework layout
    WeightInit init = WeightInit::Zeros;
    std::int64_t fanIn = 0, fanOut = 0; // as the framework computes them for this array
    double value = 0.0; // WeightInit::Constant
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

// Whether `have` holds every array of `specs` with its shape and element count.
bool weightsMatch(const LayerWeights *have, const std::vector<WeightSpec> &specs);

// Gives every layer of the report that has weights but none in `set` (or arrays of the wrong shape, e.g. after an
// edit changed its channels) its initial values. Returns the names of the layers (re)initialised.
std::vector<std::string> initializeMissingWeights(WeightSet &set, const ShapeReport &report, std::uint64_t seed);

// Problems that would stop a forward pass: a missing array, a wrong shape. Each message names the layer, the weight,
// the expected and the found shape, e.g. "conv2d.kernel: expected shape (3, 3, 1, 16), found (3, 3, 16, 1)".
std::vector<std::string> checkWeights(const WeightSet &set, const ShapeReport &report);

} // namespace convlens
