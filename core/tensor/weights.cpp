// weights.cpp — weight names, layouts, initialisers and checks.
#include "tensor/weights.h"

#include "tensor/kernel_layout.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <functional>
#include <set>

namespace convlens {

namespace {

using i64 = std::int64_t;

// splitmix64: a tiny, platform-independent generator (std distributions differ between standard libraries).
struct SplitMix {
    std::uint64_t state;
    std::uint64_t next()
    {
        std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    double uniform() { return double(next() >> 11) * (1.0 / 9007199254740992.0); } // [0, 1)
};

std::uint64_t hashName(std::uint64_t seed, const std::string &a, const std::string &b)
{
    std::uint64_t h = 1469598103934665603ull ^ seed;
    for (const std::string *s : {&a, &b}) {
        for (unsigned char c : *s)
            h = (h ^ c) * 1099511628211ull;
        h = (h ^ 0xff) * 1099511628211ull;
    }
    return h;
}

i64 channelsOf(Framework f, const Shape &s)
{
    return f == Framework::Keras ? s.back() : s.front();
}

} // namespace

std::vector<float> seededUniform(std::size_t n, std::uint64_t seed)
{
    std::vector<float> v(n);
    SplitMix rng{seed};
    for (float &x : v)
        x = float(rng.uniform());
    return v;
}

std::string weightFileName(const std::string &layer, const std::string &weight)
{
    return layer + "." + weight + ".npy";
}

const LayerWeights *WeightSet::find(const std::string &layer) const
{
    auto it = layers.find(layer);
    return it == layers.end() ? nullptr : &it->second;
}

std::vector<WeightSpec> expectedWeights(const LayerReport &l, Framework f)
{
    std::vector<WeightSpec> out;
    if (!l.ok() || !l.output || l.inputShapes.empty() || l.inputShapes[0].empty())
        return out;
    const bool keras = f == Framework::Keras;
    const Shape &in = l.inputShapes[0], &os = *l.output;
    const auto &s = l.spec;
    const i64 kh = s.kernel[0], kw = s.kernel[1], rf = kh * kw;
    const WeightInit kernelInit = keras ? WeightInit::GlorotUniform : WeightInit::KaimingUniform;
    const WeightInit biasInit = keras ? WeightInit::Zeros : WeightInit::TorchBias;
    switch (l.op) {
    case Op::Conv: {
        if (in.size() != 3 || os.size() != 3)
            return out;
        const i64 C = channelsOf(f, in), O = channelsOf(f, os), g = std::max<i64>(1, s.groups);
        out.push_back({keras ? "kernel" : "weight", kernelShape(kernelLayout(l.op, f), kh, kw, C / g, O), kernelInit,
                       rf * C / g, rf * O});
        if (s.bias)
            out.push_back({"bias", {O}, biasInit, rf * C / g, 0});
        break;
    }
    case Op::DepthwiseConv: {
        if (in.size() != 3 || os.size() != 3)
            return out;
        const i64 C = channelsOf(f, in), O = channelsOf(f, os), M = O / std::max<i64>(1, C);
        out.push_back({"depthwise_kernel", kernelShape(KernelLayout::HWCM, kh, kw, C, M), kernelInit, rf * C, rf * M});
        if (s.bias)
            out.push_back({"bias", {O}, biasInit, rf, 0});
        break;
    }
    case Op::SeparableConv: {
        if (in.size() != 3 || os.size() != 3)
            return out;
        const i64 C = channelsOf(f, in), F = channelsOf(f, os), M = std::max<i64>(1, s.depthMultiplier);
        out.push_back({"depthwise_kernel", kernelShape(KernelLayout::HWCM, kh, kw, C, M), kernelInit, rf * C, rf * M});
        out.push_back({"pointwise_kernel", kernelShape(KernelLayout::HWIO, 1, 1, C * M, F), kernelInit, C * M, F});
        if (s.bias)
            out.push_back({"bias", {F}, biasInit, C * M, 0});
        break;
    }
    case Op::ConvTranspose: {
        if (in.size() != 3 || os.size() != 3)
            return out;
        const i64 C = channelsOf(f, in), O = channelsOf(f, os), g = std::max<i64>(1, s.groups);
        // Keras (kh, kw, O, I): its fans count shape[-2] = O as "in"; torch (I, O/g, kh, kw): fan_in = O/g·kh·kw.
        if (keras)
            out.push_back({"kernel", kernelShape(KernelLayout::HWOI, kh, kw, C, O), kernelInit, rf * O, rf * C});
        else
            out.push_back({"weight", kernelShape(KernelLayout::IOHW, kh, kw, C, O / g), kernelInit, rf * O / g, rf * C});
        if (s.bias)
            out.push_back({"bias", {O}, biasInit, keras ? 0 : rf * O / g, 0});
        break;
    }
    case Op::BatchNorm: {
        i64 axis = keras ? (s.axis < 0 ? s.axis + i64(in.size()) : s.axis) : 0;
        if (axis < 0 || axis >= i64(in.size()))
            axis = keras ? i64(in.size()) - 1 : 0;
        const i64 C = in[size_t(axis)];
        if (keras) {
            if (s.bnScale)
                out.push_back({"gamma", {C}, WeightInit::Ones});
            if (s.bnCenter)
                out.push_back({"beta", {C}, WeightInit::Zeros});
            out.push_back({"moving_mean", {C}, WeightInit::Zeros});
            out.push_back({"moving_variance", {C}, WeightInit::Ones});
        } else {
            if (s.bnScale)
                out.push_back({"weight", {C}, WeightInit::Ones});
            if (s.bnCenter)
                out.push_back({"bias", {C}, WeightInit::Zeros});
            out.push_back({"running_mean", {C}, WeightInit::Zeros});
            out.push_back({"running_var", {C}, WeightInit::Ones});
        }
        break;
    }
    case Op::Dense: {
        const i64 n = in.back(), U = os.back();
        if (keras)
            out.push_back({"kernel", {n, U}, kernelInit, n, U});
        else
            out.push_back({"weight", {U, n}, kernelInit, n, U});
        if (s.bias)
            out.push_back({"bias", {U}, biasInit, n, 0});
        break;
    }
    case Op::GroupNorm: { // torch names; InstanceNorm2d's running statistics are buffers, in the state_dict
        const i64 C = in.empty() ? 0 : in[0];
        if (s.bnScale)
            out.push_back({"weight", {C}, WeightInit::Ones});
        if (s.bnCenter)
            out.push_back({"bias", {C}, WeightInit::Zeros});
        if (s.runningStats) {
            out.push_back({"running_mean", {C}, WeightInit::Zeros});
            out.push_back({"running_var", {C}, WeightInit::Ones});
        }
        break;
    }
    case Op::PReLU: // one slope per channel, or one for all
        out.push_back({"weight", {s.outChannels}, WeightInit::Constant, 0, 0, s.alpha});
        break;
    case Op::LayerNorm: // elementwise_affine: weight and bias of the normalized shape
        if (s.bnScale) {
            Shape ns;
            for (i64 d : s.dims)
                ns.push_back(in[size_t(d)]);
            out.push_back({"weight", ns, WeightInit::Ones});
            out.push_back({"bias", ns, WeightInit::Zeros});
        }
        break;
    case Op::Arith:
        // Keras Normalization without mean= and variance=: adapt() learns them (and a count inference does not
        // read); unseeded they are the identity's 0 and 1, or come from a weights folder.
        if (s.arithFn == ArithFn::Standardize && s.statMean.empty() &&
            !os.empty()) {
            out.push_back({"mean", {os.back()}, WeightInit::Zeros});
            out.push_back({"variance", {os.back()}, WeightInit::Ones});
        }
        break;
    case Op::Reduce:
    case Op::Permute:
    case Op::Slice:
    case Op::PixelShuffle:
    case Op::LocalResponseNorm:
    case Op::ChannelShuffle:
    case Op::Input: // no arrays (model/ops.h: hasWeights is false)
    case Op::MaxPool:
    case Op::AvgPool:
    case Op::GlobalMaxPool:
    case Op::GlobalAvgPool:
    case Op::AdaptiveAvgPool:
    case Op::AdaptiveMaxPool:
    case Op::Upsample:
    case Op::Pad:
    case Op::Crop:
    case Op::Dropout:
    case Op::Activation:
    case Op::Flatten:
    case Op::Reshape:
    case Op::Concat:
    case Op::Add:
        break;
    }
    return out;
}

LayerWeights initialLayerWeights(const LayerReport &l, Framework f, std::uint64_t seed)
{
    LayerWeights w;
    for (const WeightSpec &s : expectedWeights(l, f)) {
        NdArray a{s.shape, std::vector<float>(size_t(elementCount(s.shape)), 0.0f)};
        SplitMix rng{hashName(seed, l.name, s.name)};
        double bound = 0;
        switch (s.init) {
        case WeightInit::GlorotUniform:
            bound = std::sqrt(6.0 / double(std::max<i64>(1, s.fanIn + s.fanOut)));
            break;
        case WeightInit::KaimingUniform: // gain √(2/(1+5)) · √3 / √fan_in = 1/√fan_in
        case WeightInit::TorchBias:
            bound = s.fanIn > 0 ? 1.0 / std::sqrt(double(s.fanIn)) : 0.0;
            break;
        case WeightInit::Ones:
            std::fill(a.data.begin(), a.data.end(), 1.0f);
            break;
        case WeightInit::Constant:
            std::fill(a.data.begin(), a.data.end(), float(s.value));
            break;
        case WeightInit::Zeros:
            break;
        }
        if (bound > 0)
            for (auto &v : a.data)
                v = float((2.0 * rng.uniform() - 1.0) * bound);
        w.emplace(s.name, std::move(a));
    }
    return w;
}

bool weightsMatch(const LayerWeights *have, const std::vector<WeightSpec> &specs)
{
    if (!have)
        return false;
    for (const auto &s : specs) {
        auto it = have->find(s.name);
        if (it == have->end() || it->second.shape != s.shape ||
            i64(it->second.data.size()) != elementCount(s.shape))
            return false;
    }
    return true;
}

std::vector<std::string> initializeMissingWeights(WeightSet &set, const ShapeReport &report, std::uint64_t seed)
{
    std::vector<std::string> changed;
    for (const LayerReport &l : report.layers) {
        const auto specs = expectedWeights(l, report.framework);
        if (specs.empty() || weightsMatch(set.find(l.name), specs))
            continue;
        set.layers[l.name] = initialLayerWeights(l, report.framework, seed);
        changed.push_back(l.name);
    }
    return changed;
}

std::vector<std::string> checkWeights(const WeightSet &set, const ShapeReport &report)
{
    std::vector<std::string> errors;
    for (const LayerReport &l : report.layers) {
        const auto specs = expectedWeights(l, report.framework);
        const LayerWeights *have = set.find(l.name);
        for (const auto &s : specs) {
            const NdArray *a = nullptr;
            if (have)
                if (auto it = have->find(s.name); it != have->end())
                    a = &it->second;
            if (!a)
                errors.push_back("layer '" + l.name + "' has no weight '" + s.name + "' (expected shape " +
                                 shapeTuple(s.shape) + ")");
            else if (a->shape != s.shape)
                errors.push_back("layer '" + l.name + "', weight '" + s.name + "': expected shape " +
                                 shapeTuple(s.shape) + ", found " + shapeTuple(a->shape));
        }
    }
    return errors;
}

} // namespace convlens
