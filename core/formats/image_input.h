// image_input.h — turning a user's image or array into the model's input tensor.
//
// Policy (documented for users):
// - Images (PNG, JPEG, BMP, anything QImageReader reads): the header's size is checked first (limit kMaxImagePixels)
//   so a huge or corrupt file is refused before decoding. The image is converted to the model's channels — 1: gray
//   by ITU-R 601 luma (0.299 R + 0.587 G + 0.114 B, as PIL's convert('L')); 3: RGB; alpha is dropped — then, if
//   its size differs from the model's H×W, resized to exactly H×W ignoring the aspect ratio with Qt's smooth
//   (bilinear) filter, and finally scaled to [0, 1] (value / 255). MNIST digits are white on black: no inversion.
// - .npy arrays: float32/float64 values are used as they are; uint8 arrays are divided by 255 like images. The shape
//   must be the model's input shape in the framework layout (Keras H,W,C; torch C,H,W), optionally with a leading
//   batch dimension of 1; a single-channel model also takes a plain (H, W) array.
#pragma once

#include "tensor/tensor.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace convlens {

inline constexpr std::int64_t kMaxImagePixels = std::int64_t(1) << 26; // 64 megapixels

struct InputResult {
    std::optional<Tensor> tensor;   // in compute/'s layout, shape = the model input shape
    std::string error;              // names the file and the reason
    std::vector<std::string> notes; // "resized from 640×480 to 28×28", "converted RGB to gray"
    bool ok() const { return tensor.has_value(); }
};

// By extension: .npy → array, anything else → image. `inputShape` is the model input (framework layout).
InputResult loadInputFile(const std::string &path, Framework f, const Shape &inputShape);
InputResult loadImageInput(const std::string &path, Framework f, const Shape &inputShape);
InputResult loadNpyInput(const std::string &path, Framework f, const Shape &inputShape);
// An encoded image in memory (pasted or dropped); `name` is used in messages.
InputResult imageBytesToInput(std::span<const char> encoded, const std::string &name, Framework f,
                              const Shape &inputShape);
// Interleaved 8-bit pixels (1 = gray, 3 = RGB) already decoded, e.g. from the GUI's canvas.
InputResult pixelsToInput(std::span<const std::uint8_t> pixels, int width, int height, int channels, Framework f,
                          const Shape &inputShape, const std::string &name = "<pixels>");

} // namespace convlens
