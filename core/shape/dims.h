// dims.h — one small pure function per dimension rule (STYLE.md §3). 64-bit, no underflow: a window that does not
// fit is reported as std::nullopt (the caller turns it into a diagnostic), never as a zero or negative size. No
// overflow either: sums and products are taken in 128 bits and saturate at ±kHuge, which infer() refuses as "too
// large" (every output size must be ≤ kMaxDim), so a wrapped number can never pass for a size.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>

namespace convlens::dims {

using i64 = std::int64_t;

// Largest size of any one dimension we accept; larger is refused as too large before any arithmetic can overflow.
inline constexpr i64 kMaxDim = i64{1} << 31;
// What an overflowing formula gives instead of a wrapped value: far above kMaxDim, far from i64's own limits.
inline constexpr i64 kHuge = i64{1} << 62;

__extension__ using i128 = __int128; // GCC and Clang; -Wpedantic wants the __extension__
inline constexpr i64 saturate(i128 v) { return v > kHuge ? kHuge : v < -kHuge ? -kHuge : i64(v); }

inline constexpr i64 effectiveKernel(i64 k, i64 d) { return saturate(i128(d) * (k - 1) + 1); }
inline constexpr i64 ceilDiv(i64 a, i64 b) { return saturate((i128(a) + b - 1) / b); }    // a ≥ 0, b > 0
inline constexpr i64 floorDiv(i64 a, i64 b) { return a >= 0 ? a / b : -((-a + b - 1) / b); } // b > 0

struct SamePad {
    i64 out, before, after;
};

// TensorFlow 'same': out = ⌈i / s⌉, total = max((out − 1)·s + k' − i, 0), before = ⌊total / 2⌋, the rest after.
inline SamePad tfSame(i64 i, i64 kEff, i64 s)
{
    const i64 out = ceilDiv(i, s);
    const i64 total = std::max<i64>(saturate(i128(out - 1) * s + kEff - i), 0);
    return {out, total / 2, total - total / 2};
}

// TensorFlow 'valid': ⌊(i − k') / s⌋ + 1; nullopt when the window is larger than the input.
inline std::optional<i64> tfValid(i64 i, i64 kEff, i64 s)
{
    if (i < kEff)
        return std::nullopt;
    return (i - kEff) / s + 1;
}

// PyTorch convolution with explicit padding: ⌊(i + before + after − k') / s⌋ + 1; nullopt when k' > padded input.
inline std::optional<i64> torchConv(i64 i, i64 before, i64 after, i64 kEff, i64 s)
{
    const i64 padded = saturate(i128(i) + before + after);
    if (padded < kEff)
        return std::nullopt;
    return (padded - kEff) / s + 1;
}

// PyTorch pooling (pooling_output_shape in ATen): floor or ceil division; with ceil_mode a last window that would
// start in the right padding is dropped. May return < 1: the caller refuses "Output size is too small".
inline i64 torchPoolRounded(i64 i, i64 k, i64 s, i64 p, i64 d, bool ceilMode) // before the ceil_mode drop
{
    return floorDiv(saturate(i128(i) + 2 * i128(p) - i128(d) * (k - 1) - 1 + (ceilMode ? s - 1 : 0)), s) + 1;
}
inline i64 torchPool(i64 i, i64 k, i64 s, i64 p, i64 d, bool ceilMode)
{
    const i64 out = torchPoolRounded(i, k, s, p, d, ceilMode);
    return ceilMode && i128(out - 1) * s >= i128(i) + p ? out - 1 : out;
}

// PyTorch ConvTranspose2d: (i − 1)·s − 2p + k' + output_padding. May be < 1: the caller refuses.
inline i64 torchConvTranspose(i64 i, i64 kEff, i64 s, i64 p, i64 outputPadding)
{
    return saturate(i128(i - 1) * s - 2 * i128(p) + kEff + outputPadding);
}

// Keras Conv2DTranspose (deconv_output_length in tf.keras). Without output_padding: valid → i·s + max(k' − s, 0),
// same → i·s; with it: (i − 1)·s + k' − 2·pad + output_padding, pad = ⌊k'/2⌋ for same, 0 for valid.
inline i64 kerasConvTranspose(i64 i, i64 kEff, i64 s, bool same, std::optional<i64> outputPadding)
{
    if (!outputPadding)
        return saturate(same ? i128(i) * s : i128(i) * s + std::max<i64>(kEff - s, 0));
    const i64 pad = same ? kEff / 2 : 0;
    return saturate(i128(i - 1) * s + kEff - 2 * i128(pad) + *outputPadding);
}

// How TensorFlow's conv2d_transpose places a transposed-conv output of size `out` inside the full (i − 1)·s + k'
// result: the forward conv of that padding mode, from `out` back to `i`, decides the crop (SAME: ⌊total/2⌋ before).
// Returns rows cropped {before, after}; a negative `after` appends rows.
struct Crop {
    i64 before, after;
};
inline Crop tfTransposeCrop(i64 i, i64 kEff, i64 s, i64 out, bool same)
{
    const i64 full = saturate(i128(i - 1) * s + kEff);
    const i64 before = same ? std::max<i64>(full - out, 0) / 2 : 0;
    return {before, full - out - before};
}

// ---------------------------------------------------------------- per-cell rules shared by every kernel and the trace

// The input index a border cell copies, for an index i outside 0…n−1 (torch ReflectionPad2d / ReplicationPad2d):
// reflect mirrors about the edge cell without repeating it (−1 → 1, n → n − 2; needs padding < n), replicate
// repeats the edge cell.
inline i64 reflectIndex(i64 i, i64 n)
{
    if (n == 1)
        return 0;
    const i64 period = 2 * (n - 1);
    i64 m = i % period;
    if (m < 0)
        m += period;
    return m < n ? m : period - m;
}
inline i64 replicateIndex(i64 i, i64 n)
{
    return std::clamp<i64>(i, 0, n - 1);
}

// torch padding_mode='circular' / F.pad mode='circular': the other side of the axis.
inline i64 circularIndex(i64 i, i64 n)
{
    const i64 m = i % n;
    return m < 0 ? m + n : m;
}

// tf.pad mode='SYMMETRIC': the mirror image including the edge (…, 1, 0 | 0, 1, …, n−1 | n−1, n−2, …).
inline i64 symmetricIndex(i64 i, i64 n)
{
    const i64 period = 2 * n;
    i64 m = i % period;
    if (m < 0)
        m += period;
    return m < n ? m : period - 1 - m;
}

// Average pooling's divisor for one window: divisor_override when set; torch count_include_pad counts the cells of the
// window inside input + padding (a ceil_mode window's overhang beyond the padding is not counted); otherwise (Keras,
// count_include_pad=False) only the real input cells.
inline i64 poolDivisor(i64 realCells, i64 cellsWithinPadding, i64 divisorOverride, bool countPadding)
{
    if (divisorOverride > 0)
        return divisorOverride;
    return countPadding ? cellsWithinPadding : realCells;
}

// The scale from output to input coordinates along one axis, as torch computes it: 1/factor when the layer was given
// a factor and its output is ⌊in·factor⌋, otherwise in/out (a size was given; for Keras' whole factors both agree).
template <typename T> T resampleScale(i64 in, i64 out, double factor)
{
    const bool factorGiven = factor > 0 && i64(std::floor(double(in) * factor)) == out;
    return factorGiven ? T(1.0 / factor) : T(in) / T(out);
}

// Bilinear source coordinate of output cell o (torch area_pixel_compute_source_index, TF's half-pixel resize):
// align_corners maps the corner cells onto each other; otherwise half-pixel centres, clamped at 0. T is the
// precision the caller computes in (float as torch's CPU kernel, double in the reference).
template <typename T> T bilinearSource(i64 in, i64 out, i64 o, double factor, bool alignCorners)
{
    if (alignCorners)
        return out > 1 ? T(o) * T(in - 1) / T(out - 1) : T(0);
    const T src = (T(o) + T(0.5)) * resampleScale<T>(in, out, factor) - T(0.5);
    return src < T(0) ? T(0) : src;
}

// Nearest source index of output cell o: a whole factor exactly (o / factor, as Keras and TF compute it), otherwise
// ⌊o·scale⌋ in float, clamped to the input, as torch's 'nearest' computes it.
inline i64 nearestSource(i64 in, i64 out, i64 o, double factor)
{
    const bool factorGiven = factor > 0 && i64(std::floor(double(in) * factor)) == out;
    const double rounded = std::round(factor);
    if (factorGiven && std::fabs(factor - rounded) < 1e-12 && i64(rounded) * in == out)
        return o / i64(rounded);
    return std::min<i64>(i64(std::floor(float(o) * resampleScale<float>(in, out, factor))), in - 1);
}

} // namespace convlens::dims
