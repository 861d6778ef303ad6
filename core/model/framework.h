// framework.h — the two frameworks ConvLens speaks and how each writes a shape. Small on purpose: tensor/, formats/
// and the GUI need these without pulling in the layer catalogue.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace convlens {

enum class Framework { Keras, PyTorch };
std::string_view frameworkName(Framework f); // "keras" | "pytorch"

// Shape without the batch dimension, in the framework's own layout: Keras (H, W, C), PyTorch (C, H, W);
// rank 1 after Flatten; other ranks after Reshape/Dense on unflattened tensors.
using Shape = std::vector<std::int64_t>;
std::string shapeToString(const Shape &s, Framework f); // Keras "(None, 28, 28, 1)", PyTorch "[1, 1, 28, 28]"
std::string shapeTuple(const Shape &s);                // Python tuple: "(4, 4, 8)", "(10,)"

} // namespace convlens
