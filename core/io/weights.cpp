// weights.cpp — weight names, layouts, initialisers, the .npy weights directory and kernel presets.
#include "io/weights.h"

#include "io/npy.h"

#include <QDir>
#include <QFileInfo>

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
        if (keras)
            out.push_back({"kernel", {kh, kw, C / g, O}, kernelInit, rf * C / g, rf * O});
        else
            out.push_back({"weight", {O, C / g, kh, kw}, kernelInit, rf * C / g, rf * O});
        if (s.bias)
            out.push_back({"bias", {O}, biasInit, rf * C / g, 0});
        break;
    }
    case Op::DepthwiseConv: {
        if (in.size() != 3 || os.size() != 3)
            return out;
        const i64 C = channelsOf(f, in), O = channelsOf(f, os), M = O / std::max<i64>(1, C);
        out.push_back({"depthwise_kernel", {kh, kw, C, M}, kernelInit, rf * C, rf * M});
        if (s.bias)
            out.push_back({"bias", {O}, biasInit, rf, 0});
        break;
    }
    case Op::SeparableConv: {
        if (in.size() != 3 || os.size() != 3)
            return out;
        const i64 C = channelsOf(f, in), F = channelsOf(f, os), M = std::max<i64>(1, s.depthMultiplier);
        out.push_back({"depthwise_kernel", {kh, kw, C, M}, kernelInit, rf * C, rf * M});
        out.push_back({"pointwise_kernel", {1, 1, C * M, F}, kernelInit, C * M, F});
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
            out.push_back({"kernel", {kh, kw, O, C}, kernelInit, rf * O, rf * C});
        else
            out.push_back({"weight", {C, O / g, kh, kw}, kernelInit, rf * O / g, rf * C});
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
    default:
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

namespace {
bool layerMatches(const LayerWeights *have, const std::vector<WeightSpec> &specs)
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
} // namespace

std::vector<std::string> initializeMissingWeights(WeightSet &set, const ShapeReport &report, std::uint64_t seed)
{
    std::vector<std::string> changed;
    for (const LayerReport &l : report.layers) {
        const auto specs = expectedWeights(l, report.framework);
        if (specs.empty() || layerMatches(set.find(l.name), specs))
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

WeightsDirResult loadWeightsDir(const std::string &dir, const ShapeReport &report)
{
    WeightsDirResult r;
    const QDir d(QString::fromStdString(dir));
    if (!d.exists()) {
        r.errors.push_back(dir + ": no such directory");
        return r;
    }
    std::set<std::string> used;
    for (const LayerReport &l : report.layers) {
        for (const WeightSpec &s : expectedWeights(l, report.framework)) {
            const std::string file = weightFileName(l.name, s.name);
            const std::string path = d.filePath(QString::fromStdString(file)).toStdString();
            used.insert(file);
            if (!QFileInfo::exists(QString::fromStdString(path))) {
                r.errors.push_back(path + ": missing — layer '" + l.name + "' needs its '" + s.name +
                                   "' of shape " + shapeTuple(s.shape));
                continue;
            }
            std::string err;
            auto header = readNpyHeader(path, &err);
            if (!header) {
                r.errors.push_back(err);
                continue;
            }
            if (header->kind != 'f') {
                r.errors.push_back(path + ": layer '" + l.name + "', weight '" + s.name + "': dtype '" +
                                   header->descr + "' refused (weights must be float32 or float64)");
                continue;
            }
            if (header->fortranOrder && header->shape.size() > 1) {
                r.errors.push_back(path + ": layer '" + l.name + "', weight '" + s.name +
                                   "': Fortran-order array refused (save it in C order)");
                continue;
            }
            if (header->shape != s.shape) {
                r.errors.push_back(path + ": layer '" + l.name + "', weight '" + s.name + "': expected shape " +
                                   shapeTuple(s.shape) + ", found " + shapeTuple(header->shape));
                continue;
            }
            auto arr = readNpy(path, &err);
            if (!arr) {
                r.errors.push_back(err);
                continue;
            }
            r.weights.layers[l.name][s.name] = NdArray{arr->header.shape, std::move(arr->values)};
        }
    }
    for (const QString &name : d.entryList({QStringLiteral("*.npy")}, QDir::Files, QDir::Name))
        if (!used.count(name.toStdString()))
            r.ignored.push_back(name.toStdString());
    return r;
}

bool saveWeightsDir(const WeightSet &set, const ShapeReport &report, const std::string &dir, std::string *error)
{
    if (!QDir().mkpath(QString::fromStdString(dir))) {
        if (error)
            *error = dir + ": cannot create the directory";
        return false;
    }
    const QDir d(QString::fromStdString(dir));
    if (auto problems = checkWeights(set, report); !problems.empty()) {
        if (error)
            *error = problems.front();
        return false;
    }
    for (const LayerReport &l : report.layers) {
        const auto specs = expectedWeights(l, report.framework);
        for (const WeightSpec &s : specs) {
            const NdArray &a = set.layers.at(l.name).at(s.name);
            const std::string path = d.filePath(QString::fromStdString(weightFileName(l.name, s.name))).toStdString();
            if (!writeNpy(path, a.shape, a.data, error))
                return false;
        }
        if (report.framework == Framework::PyTorch && l.op == Op::BatchNorm && !specs.empty()) {
            const std::int64_t zero = 0;
            const std::string path =
                d.filePath(QString::fromStdString(weightFileName(l.name, "num_batches_tracked"))).toStdString();
            if (!writeNpyInt64(path, {}, std::span<const std::int64_t>(&zero, 1), error))
                return false;
        }
    }
    return true;
}

// ---------------------------------------------------------------------------------------------- presets
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
    if (!layerMatches(set.find(l.name), specs))
        set.layers[l.name] = initialLayerWeights(l, f, 0);
    LayerWeights &w = set.layers[l.name];
    const bool keras = f == Framework::Keras;
    const std::string kname = l.op == Op::DepthwiseConv || l.op == Op::SeparableConv ? "depthwise_kernel"
                              : keras                                               ? "kernel"
                                                                                    : "weight";
    NdArray &k = w.at(kname);
    const Shape &s = k.shape;
    // Index of tap (ky, kx) from group-local input channel c to output channel o, and the group's channel counts.
    i64 outCount = 0, inCount = 0;
    std::function<size_t(i64, i64, i64, i64)> at;
    if (kname == "depthwise_kernel") { // (kh, kw, C, M): output o = c·M + m reads input channel c only
        const i64 C = s[2], M = s[3];
        outCount = C * M;
        inCount = 1;
        at = [=](i64 o, i64, i64 y, i64 x) { return size_t(((y * kw + x) * C + o / M) * M + o % M); };
    } else if (l.op == Op::Conv && keras) { // (kh, kw, Cg, O)
        const i64 Cg = s[2], O = s[3];
        outCount = O;
        inCount = Cg;
        at = [=](i64 o, i64 c, i64 y, i64 x) { return size_t(((y * kw + x) * Cg + c) * O + o); };
    } else if (l.op == Op::Conv) { // (O, Cg, kh, kw)
        const i64 Cg = s[1];
        outCount = s[0];
        inCount = Cg;
        at = [=](i64 o, i64 c, i64 y, i64 x) { return size_t(((o * Cg + c) * kh + y) * kw + x); };
    } else if (keras) { // transposed (kh, kw, O, I)
        const i64 O = s[2], I = s[3];
        outCount = O;
        inCount = I;
        at = [=](i64 o, i64 c, i64 y, i64 x) { return size_t(((y * kw + x) * O + o) * I + c); };
    } else { // transposed (I, O/g, kh, kw): output o of group g reads input channels g·Cg …
        const i64 I = s[0], Og = s[1], groups = std::max<i64>(1, l.spec.groups), Cg = I / groups;
        outCount = Og * groups;
        inCount = Cg;
        at = [=](i64 o, i64 c, i64 y, i64 x) {
            return size_t((((o / Og) * Cg + c) * Og + o % Og) * kh * kw + y * kw + x);
        };
    }
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
