// tensor.h — the float32 activation tensor, and its conversion to and from the framework layout.
//
// Internal layout (why): a rank-3 activation is stored channels-major, (C, H, W), in BOTH frameworks. That is the
// layout the im2col + GEMM convolution, the pooling and the resampling kernels want (each channel a contiguous plane),
// so Keras tensors are transposed once at the boundary (input, dumps) instead of in every layer. Every other rank
// (after Flatten, Dense on a vector, Reshape to rank 1/2/4…) is stored row-major in the framework's own axis order.
// `shape` is always the framework layout, exactly as the ShapeReport prints it (Keras H,W,C; PyTorch C,H,W).
#pragma once

#include "model/framework.h"

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <vector>

namespace convlens {

struct Tensor {
    Framework framework = Framework::Keras;
    Shape shape;              // framework layout, no batch dimension
    std::vector<float> data;  // internal layout (see above)

    static Tensor zeros(Framework f, Shape s);
    // From / to row-major data in the framework layout (what .npy files and the frameworks hold).
    static Tensor fromFrameworkOrder(Framework f, Shape s, std::span<const float> rowMajor);
    std::vector<float> toFrameworkOrder() const;

    std::int64_t elements() const { return std::int64_t(data.size()); }
    bool spatial() const { return shape.size() == 3; }
    // Spatial tensors only.
    std::int64_t channels() const { return framework == Framework::Keras ? shape[2] : shape[0]; }
    std::int64_t height() const { return framework == Framework::Keras ? shape[0] : shape[1]; }
    std::int64_t width() const { return framework == Framework::Keras ? shape[1] : shape[2]; }

    // Dimensions in storage order, and where a framework axis (0-based, no batch) sits among them.
    Shape storageDims() const;
    int storageAxis(std::int64_t frameworkAxis) const;
};

std::int64_t elementCount(const Shape &s); // product, 1 for rank 0

// Storage-order dimensions of a framework-layout shape (Keras rank 3: (H,W,C) → (C,H,W); otherwise unchanged).
Shape storageDimsOf(Framework f, const Shape &s);

} // namespace convlens

namespace convlens {

// A row-major array in the framework layout: what a .npy file, a framework's weight or a reference result holds.
struct NdArray {
    Shape shape;
    std::vector<float> data;
};

// One layer's weights by the framework's name ("kernel", "bias", "gamma"… / "weight", "bias", "running_mean"…),
// each in the framework's own layout.
using LayerWeights = std::map<std::string, NdArray>;

} // namespace convlens
