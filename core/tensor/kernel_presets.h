// kernel_presets.h — classic hand-made kernels (identity, box blur, Gaussian, Sobel, Laplacian, sharpen) and
// setting one into a convolution's weights, for showing what a known filter does to a feature map.
#pragma once

#include "tensor/weights.h"

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace convlens {

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
