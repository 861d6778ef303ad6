// resize.h — Keras Resizing's nearest sampling (tf.image.resize in TF2: half-pixel centres), which differs from
// UpSampling2D's and torch's 'nearest' (dims::nearestSource). The kind decides it, so the fast kernel, the reference
// and the receptive field ask the layer's type.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string_view>

namespace convlens::dims {

// Whether a layer of this type samples the nearest cell at half-pixel centres.
inline bool halfPixelNearest(std::string_view type)
{
    return type == "Resizing";
}

// Nearest source index of output cell o at half-pixel centres: ⌊(o + ½)·in/out⌋ in double, clamped, as tfjs'
// resizeNearestNeighbor(…, halfPixelCenters = true) computes it (TF2's resize_nearest_neighbor likewise).
inline std::int64_t nearestSourceHalfPixel(std::int64_t in, std::int64_t out, std::int64_t o)
{
    return std::min<std::int64_t>(std::int64_t(std::floor((double(o) + 0.5) * (double(in) / double(out)))), in - 1);
}

} // namespace convlens::dims
