// kernel_layout.h — where each tap of a convolution kernel sits in the framework's weight array. One place for the
// four layouts (plus Keras' depthwise one), used by the weight names and shapes, the forward pass's preparation, the
// reference kernels, the trace and the kernel presets — so none of them spells an index formula of its own.
#pragma once

#include "model/framework.h"
#include "model/ops.h"

#include <cstddef>
#include <cstdint>

namespace convlens {

enum class KernelLayout {
    HWIO, // Keras Conv2D and SeparableConv2D's kernels: (kh, kw, in/groups, out)
    HWCM, // Keras DepthwiseConv2D: (kh, kw, C, depth_multiplier); output channel o = c·M + m reads input c only
    OIHW, // torch Conv2d: (out, in/groups, kh, kw)
    HWOI, // Keras Conv2DTranspose: (kh, kw, out, in)
    IOHW, // torch ConvTranspose2d: (in, out/groups, kh, kw)
};

// The layout of a convolution-like layer's main kernel ("kernel", "weight" or "depthwise_kernel").
constexpr KernelLayout kernelLayout(Op op, Framework f)
{
    const bool keras = f == Framework::Keras;
    if (op == Op::DepthwiseConv)
        return KernelLayout::HWCM;
    if (op == Op::ConvTranspose)
        return keras ? KernelLayout::HWOI : KernelLayout::IOHW;
    return keras ? KernelLayout::HWIO : KernelLayout::OIHW;
}

// The array's shape for a kh×kw kernel from `in` channels per group to `out` output channels (HWCM: in = C,
// out = depth_multiplier; IOHW: in = all input channels, out = output channels per group).
inline Shape kernelShape(KernelLayout l, std::int64_t kh, std::int64_t kw, std::int64_t in, std::int64_t out)
{
    switch (l) {
    case KernelLayout::HWIO:
    case KernelLayout::HWCM: return {kh, kw, in, out};
    case KernelLayout::OIHW: return {out, in, kh, kw};
    case KernelLayout::HWOI: return {kh, kw, out, in};
    case KernelLayout::IOHW: return {in, out, kh, kw};
    }
    return {};
}

// Index of the weight from input channel `c` to output channel `o` at tap (ky, kx), in an array of `shape` in layout
// `l`. `o` counts all output channels; `c` counts within o's group (HWCM ignores it: o decides the input channel;
// HWOI has no groups). `groups` matters only for IOHW, whose first axis counts every input channel.
inline std::size_t tapIndex(KernelLayout l, const Shape &shape, std::int64_t o, std::int64_t c, std::int64_t ky,
                               std::int64_t kx, std::int64_t groups = 1)
{
    switch (l) {
    case KernelLayout::HWIO: return std::size_t(((ky * shape[1] + kx) * shape[2] + c) * shape[3] + o);
    case KernelLayout::HWCM: {
        const std::int64_t M = shape[3];
        return std::size_t(((ky * shape[1] + kx) * shape[2] + o / M) * M + o % M);
    }
    case KernelLayout::OIHW: return std::size_t(((o * shape[1] + c) * shape[2] + ky) * shape[3] + kx);
    case KernelLayout::HWOI: return std::size_t(((ky * shape[1] + kx) * shape[2] + o) * shape[3] + c);
    case KernelLayout::IOHW: {
        const std::int64_t og = shape[1], cg = shape[0] / (groups > 0 ? groups : 1);
        const std::int64_t in = (o / og) * cg + c;
        return std::size_t(((in * og + o % og) * shape[2] + ky) * shape[3] + kx);
    }
    }
    return 0;
}

} // namespace convlens
