// cells.h — one output cell of a window layer, as the framework defines it: where each tap of the kernel or pooling
// window falls on the padded input, what a tap outside the input is (the pad kind), and the pooled value. The
// reference kernels (reference.cpp) loop these over every cell; the trace (trace/) calls them for one step and keeps
// the cells and the arithmetic — so the trace is the reference plus its explanation.
#pragma once

#include "shape/dims.h"
#include "shape/report.h"

#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>

namespace convlens::ref {

using i64 = std::int64_t;

struct WindowTap {
    i64 ky = 0, kx = 0;                    // kernel tap
    i64 py = 0, px = 0;                    // padded coordinates: input cell (r, c) is at (r + pad.top, c + pad.left)
    std::optional<std::array<i64, 2>> in;  // the input cell, nullopt when the tap falls on zero padding (a torch
                                           // padding_mode other than 'zeros' reads the cell its mode names)
    bool withinPadding = true;             // inside input + padding (false: a torch ceil_mode window's overhang)
};

// The input index a border cell i of an axis of n cells reads (Pad, torch Conv2d padding_mode); -1 for a constant.
inline i64 borderIndex(PadMode mode, i64 i, i64 n)
{
    switch (mode) {
    case PadMode::Constant: return i >= 0 && i < n ? i : -1;
    case PadMode::Reflect: return dims::reflectIndex(i, n);
    case PadMode::Replicate: return dims::replicateIndex(i, n);
    case PadMode::Circular: return dims::circularIndex(i, n);
    case PadMode::Symmetric: return dims::symmetricIndex(i, n);
    }
    return -1;
}

// Calls fn(tap) for every tap of output cell (oy, ox) of an H×W input, in tap order (ky, then kx).
// A convolution's padding_mode: a tap on the border reads the input cell the mode names.
template <typename Fn> void forEachTap(const ResolvedLayer &s, i64 H, i64 W, i64 oy, i64 ox, Fn &&fn)
{
    const i64 padH = H + s.pad.top + s.pad.bottom, padW = W + s.pad.left + s.pad.right;
    for (i64 ky = 0; ky < s.kernel[0]; ++ky)
        for (i64 kx = 0; kx < s.kernel[1]; ++kx) {
            WindowTap t;
            t.ky = ky;
            t.kx = kx;
            t.py = oy * s.stride[0] + ky * s.dilation[0];
            t.px = ox * s.stride[1] + kx * s.dilation[1];
            const i64 iy = t.py - s.pad.top, ix = t.px - s.pad.left;
            if (iy >= 0 && iy < H && ix >= 0 && ix < W)
                t.in = std::array<i64, 2>{iy, ix};
            else if (s.padMode != PadMode::Constant && t.py < padH && t.px < padW)
                t.in = std::array<i64, 2>{borderIndex(s.padMode, iy, H), borderIndex(s.padMode, ix, W)};
            t.withinPadding = t.py < padH && t.px < padW;
            fn(t);
        }
}

// What a tap outside the input is: 0 for a convolution; for max pooling −∞ (ignored); for average pooling a counted
// zero (torch count_include_pad, inside the padding) or not counted (Keras, count_include_pad=False, an overhang).
inline std::optional<PadKind> tapPadKind(Op op, const ResolvedLayer &s, const WindowTap &t)
{
    if (t.in)
        return std::nullopt;
    if (op == Op::MaxPool)
        return PadKind::Ignored;
    if (op == Op::AvgPool)
        return s.padKind == PadKind::CountedZero && t.withinPadding ? PadKind::CountedZero : PadKind::Excluded;
    return PadKind::Zero;
}

// A pooling window being accumulated tap by tap: add() each real cell's value and count() every tap.
struct PoolAccumulator {
    double best = -std::numeric_limits<double>::infinity(), sum = 0;
    bool nan = false;
    i64 real = 0, withinPadding = 0;

    void count(const WindowTap &t) { withinPadding += t.withinPadding; }
    void add(double v)
    {
        nan = nan || std::isnan(v);
        best = std::max(best, v);
        sum += v;
        ++real;
    }
    i64 divisor(const ResolvedLayer &s) const
    {
        return dims::poolDivisor(real, withinPadding, s.divisorOverride, s.padKind == PadKind::CountedZero);
    }
    // Max: NaN wins, padded cells never do. Average: the sum over the framework's divisor; 0 with no real cell.
    double result(Op op, const ResolvedLayer &s) const
    {
        if (op == Op::MaxPool)
            return nan ? std::numeric_limits<double>::quiet_NaN() : best;
        return real == 0 ? 0.0 : sum / double(divisor(s));
    }
};

// The pooled value of output cell (oy, ox); at(iy, ix) reads the input channel.
template <typename At> double poolCell(Op op, const ResolvedLayer &s, i64 H, i64 W, i64 oy, i64 ox, At &&at)
{
    PoolAccumulator acc;
    forEachTap(s, H, W, oy, ox, [&](const WindowTap &t) {
        acc.count(t);
        if (t.in)
            acc.add(at((*t.in)[0], (*t.in)[1]));
    });
    return acc.result(op, s);
}

// Σ w·x of output cell (oy, ox) over one input channel's taps (a tap on the padding adds 0); at(iy, ix) reads the
// channel, weight(ky, kx) gives the tap's weight.
template <typename At, typename Weight>
double convCellChannel(const ResolvedLayer &s, i64 H, i64 W, i64 oy, i64 ox, At &&at, Weight &&weight)
{
    double acc = 0;
    forEachTap(s, H, W, oy, ox, [&](const WindowTap &t) {
        if (t.in)
            acc += double(weight(t.ky, t.kx)) * double(at((*t.in)[0], (*t.in)[1]));
    });
    return acc;
}

} // namespace convlens::ref
