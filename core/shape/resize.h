// resize.h — the nearest source cell of an upsampling layer, by the rule of its framework and mode:
//  - torch 'nearest' and Keras UpSampling2D: ⌊o·scale⌋ (dims::nearestSource);
//  - Keras Resizing (tf.image.resize in TF2): half-pixel centres ⌊(o + ½)·in/out⌋ in double, as tfjs;
//  - torch 'nearest-exact' (ResolvedLayer::nearestExact): half-pixel centres ⌊(o + ½)·scale⌋ with torch's float scale.
// The two half-pixel rules differ in rounding for a few sizes (14 → 23: cell 11's source (11 + ½)·14/23 is 7
// exactly; tf takes 7, torch's float scale 6), so each keeps its own. The fast kernel, the reference and the receptive field all ask nearestSourceOf.
#pragma once

#include "shape/dims.h"
#include "shape/report.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string_view>

namespace convlens::dims {

// Whether a layer of this type samples the nearest cell at half-pixel centres as TensorFlow does.
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

// torch 'nearest-exact' (1.13, nearest_neighbor_exact_compute_source_index): the scale is float(1 / scale_factor)
// when a factor was given (factor > 0), else float(in) / float(out); floorf((o + 0.5)·scale) rounds the double
// product to float before the floor, clamped to the input. Checked against torch for every in < 80, out < 200.
inline std::int64_t nearestSourceExact(std::int64_t in, std::int64_t out, std::int64_t o, double factor)
{
    const float scale = factor > 0 ? float(1.0 / factor) : float(in) / float(out);
    return std::min<std::int64_t>(std::int64_t(std::floor(float((double(o) + 0.5) * double(scale)))), in - 1);
}

// ONNX Resize with mode 'nearest' and nearest_mode 'floor', as onnxruntime computes it (upsamplebase.h): in float,
// x = o / scale ('asymmetric') or (o + ½) / scale ('tf_half_pixel_for_nn'), floored and clamped, where scale is the
// axis' float scale: the `scales` input, or float(out) / float(in) from `sizes`. A Resize whose output shape equals
// its input's copies it (pass scale 1); otherwise every axis follows the formula, even one whose size is kept:
// scales (1, 1, 1.1, 2) on a 2 × 4 map read row 0 twice ('asymmetric'). Checked against onnxruntime-node 1.30 for
// every in < 80 and out < 200, and 16 factors.
inline std::int64_t onnxNearestFloorSource(bool halfPixel, std::int64_t in, std::int64_t o, float scale)
{
    const float x = halfPixel ? (float(o) + 0.5f) / scale : float(o) / scale;
    return std::clamp<std::int64_t>(std::int64_t(std::floor(x)), 0, in - 1);
}

// The source cell of output cell o on axis 0 (rows) or 1 (columns) of an upsampling layer with `in` → `out` cells.
inline std::int64_t nearestSourceOf(const LayerReport &l, int axis, std::int64_t in, std::int64_t out, std::int64_t o)
{
    const ResolvedLayer &s = l.spec;
    if (s.nearestExact) // a size gives torch no factor: the scale is in / out
        return nearestSourceExact(in, out, o, s.target.empty() ? s.scale[size_t(axis)] : 0.0);
    if (halfPixelNearest(l.type))
        return nearestSourceHalfPixel(in, out, o);
    // torch given a size scales by float(in) / float(out) even for a whole multiple (2 → 82: row 41 reads row 0)
    return nearestSource(in, out, o, s.target.empty() ? s.scale[size_t(axis)] : 0.0);
}

} // namespace convlens::dims
