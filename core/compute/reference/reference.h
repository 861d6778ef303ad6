// reference.h — the plain, obviously-correct forward pass of every layer kind: framework-layout arrays in and out,
// framework-layout weights read by their framework names, one output cell at a time, double accumulation. It is the
// test oracle for forward.h (never used for real runs): every rule is written the way the framework documents it.
#pragma once

#include "tensor/tensor.h"
#include "shape/report.h"

#include <span>

namespace convlens {

// `inputs` in the order of layer.inputs (for the Input layer: the model input itself). Throws ComputeError
// (compute/forward.h) when a weight is missing.
NdArray referenceForward(const LayerReport &layer, Framework f, std::span<const NdArray *const> inputs,
                         const LayerWeights *weights);

} // namespace convlens
