// kernel_presets.cpp — classic hand-made kernels (identity, blur, Sobel, …) and setting them into a layer's weights.
#include "tensor/kernel_presets.h"

#include "tensor/kernel_layout.h"

#include <cmath>

namespace convlens {

namespace {
using i64 = std::int64_t;
} // namespace

std::string_view kernelPresetName(KernelPreset p)
{
    switch (p) {
    case KernelPreset::Identity: return "identity";
    case KernelPreset::BoxBlur: return "box blur";
    case KernelPreset::Gaussian: return "gaussian";
    case KernelPreset::SobelX: return "sobel x";
    case KernelPreset::SobelY: return "sobel y";
    case KernelPreset::Laplacian: return "laplacian";
    case KernelPreset::Sharpen: return "sharpen";
    }
    return {};
}

std::optional<KernelPreset> kernelPresetFromName(std::string_view name)
{
    std::string n;
    for (char c : name)
        n += (c == '_' || c == '-') ? ' ' : char(std::tolower(static_cast<unsigned char>(c)));
    for (auto p : {KernelPreset::Identity, KernelPreset::BoxBlur, KernelPreset::Gaussian, KernelPreset::SobelX,
                   KernelPreset::SobelY, KernelPreset::Laplacian, KernelPreset::Sharpen})
        if (kernelPresetName(p) == n)
            return p;
    if (n == "box" || n == "blur")
        return KernelPreset::BoxBlur;
    return std::nullopt;
}

namespace {
std::vector<double> binomial(i64 n)
{
    std::vector<double> row{1.0};
    for (i64 i = 1; i < n; ++i) {
        std::vector<double> next(row.size() + 1, 0.0);
        for (size_t j = 0; j < row.size(); ++j) {
            next[j] += row[j];
            next[j + 1] += row[j];
        }
        row = next;
    }
    return row;
}
// Central difference of binomial smoothing: binomial(n − 2) convolved with (−1, 0, 1); n odd ≥ 3.
std::vector<double> derivative(i64 n)
{
    const auto b = binomial(n - 2);
    std::vector<double> d(size_t(n), 0.0);
    for (size_t j = 0; j < b.size(); ++j) {
        d[j] -= b[j];
        d[j + 2] += b[j];
    }
    return d;
}
} // namespace

std::optional<std::vector<float>> presetKernel(KernelPreset p, i64 kh, i64 kw, std::string *error)
{
    auto refuse = [&](const std::string &why) -> std::optional<std::vector<float>> {
        if (error)
            *error = std::string(kernelPresetName(p)) + " needs " + why + "; this kernel is " + std::to_string(kh) +
                     "×" + std::to_string(kw);
        return std::nullopt;
    };
    if (kh < 1 || kw < 1)
        return refuse("a kernel of at least 1×1");
    std::vector<float> k(size_t(kh * kw), 0.0f);
    switch (p) {
    case KernelPreset::Identity:
        k[size_t(((kh - 1) / 2) * kw + (kw - 1) / 2)] = 1.0f;
        break;
    case KernelPreset::BoxBlur:
        std::fill(k.begin(), k.end(), float(1.0 / double(kh * kw)));
        break;
    case KernelPreset::Gaussian: {
        const auto by = binomial(kh), bx = binomial(kw);
        double sum = 0;
        for (double a : by)
            for (double b : bx)
                sum += a * b;
        for (i64 y = 0; y < kh; ++y)
            for (i64 x = 0; x < kw; ++x)
                k[size_t(y * kw + x)] = float(by[size_t(y)] * bx[size_t(x)] / sum);
        break;
    }
    case KernelPreset::SobelX:
    case KernelPreset::SobelY: {
        if (kh < 3 || kw < 3 || kh % 2 == 0 || kw % 2 == 0)
            return refuse("an odd kernel of at least 3×3");
        const bool x = p == KernelPreset::SobelX;
        const auto vy = x ? binomial(kh) : derivative(kh), vx = x ? derivative(kw) : binomial(kw);
        for (i64 yy = 0; yy < kh; ++yy)
            for (i64 xx = 0; xx < kw; ++xx)
                k[size_t(yy * kw + xx)] = float(vy[size_t(yy)] * vx[size_t(xx)]);
        break;
    }
    case KernelPreset::Laplacian:
        if (kh != 3 || kw != 3)
            return refuse("a 3×3 kernel");
        k = {0, 1, 0, 1, -4, 1, 0, 1, 0};
        break;
    case KernelPreset::Sharpen:
        if (kh != 3 || kw != 3)
            return refuse("a 3×3 kernel");
        k = {0, -1, 0, -1, 5, -1, 0, -1, 0};
        break;
    }
    return k;
}

bool setKernelTaps(WeightSet &set, const LayerReport &l, Framework f, i64 outChannel, i64 inChannel,
                   std::span<const float> taps, bool zeroOthers, std::string *error)
{
    auto refuse = [&](const std::string &why) {
        if (error)
            *error = "layer '" + l.name + "': " + why;
        return false;
    };
    const auto specs = expectedWeights(l, f);
    if (specs.empty() || (l.op != Op::Conv && l.op != Op::DepthwiseConv && l.op != Op::SeparableConv &&
                          l.op != Op::ConvTranspose))
        return refuse("only convolution kernels can be set by hand");
    const i64 kh = l.spec.kernel[0], kw = l.spec.kernel[1];
    if (i64(taps.size()) != kh * kw)
        return refuse("expected " + std::to_string(kh * kw) + " taps for its " + std::to_string(kh) + "×" +
                      std::to_string(kw) + " kernel, got " + std::to_string(taps.size()));
    if (!weightsMatch(set.find(l.name), specs))
        set.layers[l.name] = initialLayerWeights(l, f, 0);
    LayerWeights &w = set.layers[l.name];
    const bool keras = f == Framework::Keras;
    const std::string kname = l.op == Op::DepthwiseConv || l.op == Op::SeparableConv ? "depthwise_kernel"
                              : keras                                               ? "kernel"
                                                                                    : "weight";
    NdArray &k = w.at(kname);
    const Shape &s = k.shape;
    // The group's channel counts; taps are found by tensor/kernel_layout's index.
    const KernelLayout layout = kname == "depthwise_kernel" ? KernelLayout::HWCM : kernelLayout(l.op, f);
    const i64 groups = std::max<i64>(1, l.spec.groups);
    i64 outCount = 0, inCount = 0;
    switch (layout) {
    case KernelLayout::HWCM: outCount = s[2] * s[3]; inCount = 1; break; // output c·M + m reads input c only
    case KernelLayout::HWIO: outCount = s[3]; inCount = s[2]; break;
    case KernelLayout::OIHW: outCount = s[0]; inCount = s[1]; break;
    case KernelLayout::HWOI: outCount = s[2]; inCount = s[3]; break;
    case KernelLayout::IOHW: outCount = s[1] * groups; inCount = s[0] / groups; break;
    }
    const auto at = [&](i64 o, i64 c, i64 y, i64 x) { return tapIndex(layout, s, o, c, y, x, groups); };
    if (outChannel < 0 || outChannel >= outCount)
        return refuse("output channel " + std::to_string(outChannel) + " does not exist (it has " +
                      std::to_string(outCount) + ")");
    if (inChannel < -1 || inChannel >= inCount)
        return refuse("input channel " + std::to_string(inChannel) + " does not exist (each output channel reads " +
                      std::to_string(inCount) + ")");
    if (zeroOthers) {
        for (i64 c = 0; c < inCount; ++c)
            for (i64 y = 0; y < kh; ++y)
                for (i64 x = 0; x < kw; ++x)
                    k.data[at(outChannel, c, y, x)] = 0.0f;
        if (auto b = w.find("bias"); b != w.end() && l.op != Op::SeparableConv)
            b->second.data[size_t(outChannel)] = 0.0f;
    }
    const i64 c0 = inChannel < 0 ? 0 : inChannel, c1 = inChannel < 0 ? inCount : inChannel + 1;
    const float share = inChannel < 0 ? 1.0f / float(inCount) : 1.0f;
    for (i64 c = c0; c < c1; ++c)
        for (i64 y = 0; y < kh; ++y)
            for (i64 x = 0; x < kw; ++x)
                k.data[at(outChannel, c, y, x)] = taps[size_t(y * kw + x)] * share;
    return true;
}

} // namespace convlens
