// borrowed.h — what a few ops need beyond shape/report.h's ResolvedLayer fields, kept in fields those ops leave
// unused, behind accessors that name the field they borrow. report.h is included by nearly every file of the
// project: a new enumerator or field there recompiles all of it (a two-hour build on this round's shared two cores,
// for every helper working in parallel). Included only by the shape rules, the kernels, the reference and the
// weights that read these. At the next change of report.h, these become real fields and this file goes.
#pragma once

#include "shape/report.h"

#include <bit>
#include <cstdint>
#include <vector>

namespace convlens::borrowed {

// Op::Arith's functions beyond ArithOp (Add, Sub, Mul, Div), in ResolvedLayer::divisorOverride (AvgPool's field):
// Plain = `arith` on two operands or one and `scalar`; Max/Min/Mean fold any number of operands (Keras Maximum,
// Minimum, Average — the sum divided by the count, as tf.keras divides — and torch maximum/minimum); Pow is
// x ** scalar (scalarFirst: scalar ** x) or a ** b; Abs is |x|; Rescale is x · scalar + offset (Keras Rescaling,
// two float32 roundings); Standardize is (x − mean[c]) / denom[c] along the last axis, or mean[c] + x · denom[c]
// with scalarFirst (Keras Normalization, invert=True).
enum class ArithFn : std::int64_t { Plain = 0, Max, Min, Mean, Pow, Abs, Rescale, Standardize };

inline ArithFn arithFn(const ResolvedLayer &s)
{
    return s.op == Op::Arith ? ArithFn(s.divisorOverride) : ArithFn::Plain;
}
inline void setArithFn(ResolvedLayer &s, ArithFn f) { s.divisorOverride = std::int64_t(f); }

// Rescale's offset, in ResolvedLayer::beta (the activations' second parameter).
inline double rescaleOffset(const ResolvedLayer &s) { return s.beta; }
inline void setRescaleOffset(ResolvedLayer &s, double offset) { s.beta = offset; }

// Standardize's statistics per index of the last axis (one value: all of them), in ResolvedLayer::dims (Reduce's and
// Permute's axes) as the bits of doubles: n means, then n denominators max(√variance, 1e-7). Empty: they come from
// adapt() on data, so from the weights `mean` and `variance`.
struct ChannelStats {
    std::vector<double> mean, denom;
};
inline ChannelStats standardizeStats(const ResolvedLayer &s)
{
    ChannelStats c;
    const size_t n = s.dims.size() / 2;
    for (size_t i = 0; i < n; ++i) {
        c.mean.push_back(std::bit_cast<double>(s.dims[i]));
        c.denom.push_back(std::bit_cast<double>(s.dims[n + i]));
    }
    return c;
}
inline void setStandardizeStats(ResolvedLayer &s, const ChannelStats &c)
{
    s.dims.clear();
    for (double m : c.mean)
        s.dims.push_back(std::bit_cast<std::int64_t>(m));
    for (double d : c.denom)
        s.dims.push_back(std::bit_cast<std::int64_t>(d));
}

// Op::Reduce giving the index of the first extreme (torch.max(x, dim).indices, as a number) instead of the extreme
// itself (reduce Max or Min), in ResolvedLayer::alignCorners (Upsample's field).
inline bool reduceToIndex(const ResolvedLayer &s) { return s.op == Op::Reduce && s.alignCorners; }
inline void setReduceToIndex(ResolvedLayer &s) { s.alignCorners = true; }

// Op::PixelShuffle in TensorFlow's depth_to_space order on (H, W, C) — DCR: cell (i, j) of a block reads channel
// (i·r + j)·C + c; torch's PixelShuffle reads c·r² + i·r + j — in ResolvedLayer::alignCorners (Upsample's field).
inline bool depthToSpace(const ResolvedLayer &s) { return s.op == Op::PixelShuffle && s.alignCorners; }
inline void setDepthToSpace(ResolvedLayer &s) { s.alignCorners = true; }

} // namespace convlens::borrowed
