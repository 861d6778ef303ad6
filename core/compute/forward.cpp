// forward.cpp — the forward pass of one layer: weights rearranged once for the kernels (prepareLayer), the scratch a
// layer needs (workspaceBytes), and the one dispatch from Op to the family's kernel (compute/kernels/). Also the
// execution context: buffer recycling and the parallel-for threshold.
#include "compute/forward.h"

#include "compute/kernels/kernels.h"
#include "tensor/kernel_layout.h"
#include "tensor/weights.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace convlens {

void ExecContext::parallelFor(std::int64_t tasks, std::int64_t work, const std::function<void(std::int64_t)> &fn) const
{
    if (pool && work >= (std::int64_t(1) << 18))
        pool->parallelFor(tasks, fn);
    else
        for (std::int64_t i = 0; i < tasks; ++i)
            fn(i);
}

std::vector<float> BufferPool::take(std::size_t n)
{
    {
        std::lock_guard lock(mutex_);
        auto it = free_.find(n);
        if (it != free_.end()) {
            std::vector<float> v = std::move(it->second);
            free_.erase(it);
            bytes_ -= std::int64_t(v.capacity() * sizeof(float));
            return v;
        }
    }
    return std::vector<float>(n);
}

void BufferPool::give(std::vector<float> &&v)
{
    if (v.empty())
        return;
    const std::int64_t b = std::int64_t(v.capacity() * sizeof(float));
    std::lock_guard lock(mutex_);
    if (bytes_ + b > maxBytes_)
        return; // dropped: freed when v goes out of scope
    bytes_ += b;
    free_.emplace(v.size(), std::move(v));
}

void BufferPool::clear()
{
    std::lock_guard lock(mutex_);
    free_.clear();
    bytes_ = 0;
}

void BufferPool::setMaxBytes(std::int64_t b)
{
    std::lock_guard lock(mutex_);
    maxBytes_ = b;
    while (bytes_ > maxBytes_ && !free_.empty()) {
        bytes_ -= std::int64_t(free_.begin()->second.capacity() * sizeof(float));
        free_.erase(free_.begin());
    }
}

Tensor ExecContext::newTensor(Framework f, Shape s, bool zero) const
{
    if (!buffers)
        return Tensor::zeros(f, std::move(s));
    Tensor t;
    t.framework = f;
    t.data = buffers->take(size_t(elementCount(s)));
    t.shape = std::move(s);
    if (zero)
        std::fill(t.data.begin(), t.data.end(), 0.0f);
    return t;
}

bool countsAsGemm(Op op)
{
    return traits(op).gemmLike;
}

using namespace kernels;

namespace {

const NdArray &needWeight(const LayerReport &l, const LayerWeights *w, const std::string &name, const Shape &shape)
{
    if (!w)
        throw ComputeError("layer '" + l.name + "' has no weights (expected " + name + " " + shapeTuple(shape) +
                           ")");
    auto it = w->find(name);
    if (it == w->end())
        throw ComputeError("layer '" + l.name + "' lacks its weight '" + name + "' (expected shape " +
                           shapeTuple(shape) + ")");
    if (it->second.shape != shape)
        throw ComputeError(l.name + "." + name + ": expected shape " + shapeTuple(shape) + ", found " +
                           shapeTuple(it->second.shape));
    return it->second;
}

const WeightSpec *findSpec(const std::vector<WeightSpec> &specs, const std::string &name)
{
    for (const auto &s : specs)
        if (s.name == name)
            return &s;
    return nullptr;
}

// torch Conv2d with padding_mode 'reflect', 'replicate' or 'circular' pads its input with F.pad(mode) and then
// convolves without padding: the Pad layer of the first step, and the convolution of the second.
LayerReport padStep(const LayerReport &l, Framework f)
{
    LayerReport p = l;
    p.op = p.spec.op = Op::Pad;
    Shape in = l.inputShapes.at(0);
    const Dims3 d = dims3(f, in);
    const i64 h = d.h + l.spec.pad.top + l.spec.pad.bottom, w = d.w + l.spec.pad.left + l.spec.pad.right;
    p.output = f == Framework::Keras ? Shape{h, w, d.c} : Shape{d.c, h, w};
    return p;
}
LayerReport convStep(const LayerReport &l, Framework f)
{
    LayerReport c = l;
    c.inputShapes[0] = *padStep(l, f).output;
    c.spec.pad = {};
    c.spec.padMode = PadMode::Constant;
    return c;
}
bool padsFirst(const LayerReport &l)
{
    return l.op == Op::Conv && l.spec.padMode != PadMode::Constant && l.inputShapes.size() == 1 &&
           l.inputShapes[0].size() == 3;
}

} // namespace

// ================================================================================================ prepare
PreparedLayer prepareLayer(const LayerReport &l, Framework f, const LayerWeights *w)
{
    PreparedLayer p;
    const auto specs = expectedWeights(l, f);
    if (specs.empty())
        return p;
    const bool keras = f == Framework::Keras;
    auto bias = [&](const char *name) {
        if (const WeightSpec *s = findSpec(specs, name))
            p.bias = needWeight(l, w, name, s->shape).data;
    };
    switch (l.op) {
    case Op::Conv:
    case Op::DepthwiseConv: {
        const bool depthwise = l.op == Op::DepthwiseConv;
        const char *kname = keras ? (depthwise ? "depthwise_kernel" : "kernel") : "weight";
        const WeightSpec &ks = *findSpec(specs, kname);
        const NdArray &k = needWeight(l, w, kname, ks.shape);
        // → [O × Cg·kh·kw], rows o (depthwise o = c·M + m), columns (c, ky, kx); torch OIHW already is that.
        if (keras) {
            const KernelLayout layout = kernelLayout(l.op, f);
            const i64 kh = ks.shape[0], kw = ks.shape[1];
            const i64 O = depthwise ? ks.shape[2] * ks.shape[3] : ks.shape[3], Cg = depthwise ? 1 : ks.shape[2];
            p.w.resize(size_t(O * Cg * kh * kw));
            for (i64 o = 0; o < O; ++o)
                for (i64 c = 0; c < Cg; ++c)
                    for (i64 y = 0; y < kh; ++y)
                        for (i64 x = 0; x < kw; ++x)
                            p.w[size_t(((o * Cg + c) * kh + y) * kw + x)] = k.data[tapIndex(layout, ks.shape, o, c, y, x)];
        } else {
            p.w = k.data;
        }
        bias("bias");
        if (!depthwise && l.output && l.inputShapes.size() == 1 && l.inputShapes[0].size() == 3) {
            const LayerReport cl = padsFirst(l) ? convStep(l, f) : l;
            const Dims3 in = dims3(f, cl.inputShapes[0]), od = dims3(f, *l.output);
            const ConvGeom g = convGeom(cl, f, in.c, od.c, std::max<i64>(1, l.spec.groups));
            if (const WinogradKind kind = winogradKind(g); kind != WinogradKind::None) {
                p.wWinograd = winogradWeights(p.w, g, kind);
                p.winograd = std::uint8_t(kind);
                p.w = {}; // one prepared copy is enough (a U-Net's weights are 120 MiB)
            } else if (directEligible(g)) {
                p.wDirect = blockWeightsForDirect(p.w, g.O, g.C, g.kh * g.kw);
                p.w = {};
            }
        }
        break;
    }
    case Op::SeparableConv: {
        const WeightSpec &ds = *findSpec(specs, "depthwise_kernel");
        const WeightSpec &ps = *findSpec(specs, "pointwise_kernel");
        const NdArray &dk = needWeight(l, w, "depthwise_kernel", ds.shape);
        const NdArray &pk = needWeight(l, w, "pointwise_kernel", ps.shape);
        const i64 kh = ds.shape[0], kw = ds.shape[1], C = ds.shape[2], M = ds.shape[3], F = ps.shape[3];
        p.w.resize(size_t(C * M * kh * kw));
        for (i64 o = 0; o < C * M; ++o)
            for (i64 y = 0; y < kh; ++y)
                for (i64 x = 0; x < kw; ++x)
                    p.w[size_t((o * kh + y) * kw + x)] = dk.data[tapIndex(KernelLayout::HWCM, ds.shape, o, 0, y, x)];
        p.w2.resize(size_t(F * C * M));
        for (i64 j = 0; j < C * M; ++j)
            for (i64 o = 0; o < F; ++o)
                p.w2[size_t(o * C * M + j)] = pk.data[tapIndex(KernelLayout::HWIO, ps.shape, o, j, 0, 0)];
        bias("bias");
        break;
    }
    case Op::ConvTranspose: {
        const char *kname = keras ? "kernel" : "weight";
        const WeightSpec &ks = *findSpec(specs, kname);
        const NdArray &k = needWeight(l, w, kname, ks.shape);
        const i64 groups = std::max<i64>(1, l.spec.groups);
        // → per group, [(o, ky, kx) × Cg]: GEMM rows are the group's output taps, columns its input channels.
        const KernelLayout layout = kernelLayout(Op::ConvTranspose, f);
        const i64 kh = l.spec.kernel[0], kw = l.spec.kernel[1];
        const i64 I = keras ? ks.shape[3] : ks.shape[0], O = keras ? ks.shape[2] : ks.shape[1] * groups;
        const i64 Cg = I / groups;
        p.w.resize(size_t(O * kh * kw * Cg));
        for (i64 o = 0; o < O; ++o)
            for (i64 y = 0; y < kh; ++y)
                for (i64 x = 0; x < kw; ++x)
                    for (i64 c = 0; c < Cg; ++c)
                        p.w[size_t((o * kh * kw + y * kw + x) * Cg + c)] =
                            k.data[tapIndex(layout, ks.shape, o, c, y, x, groups)];
        bias("bias");
        break;
    }
    case Op::Dense: {
        const char *kname = keras ? "kernel" : "weight";
        const WeightSpec &ks = *findSpec(specs, kname);
        const NdArray &k = needWeight(l, w, kname, ks.shape);
        if (keras) {
            const i64 in = ks.shape[0], units = ks.shape[1];
            p.w.resize(size_t(in * units));
            for (i64 i = 0; i < in; ++i)
                for (i64 u = 0; u < units; ++u)
                    p.w[size_t(u * in + i)] = k.data[size_t(i * units + u)];
        } else {
            p.w = k.data;
        }
        bias("bias");
        break;
    }
    case Op::BatchNorm: {
        const char *gname = keras ? "gamma" : "weight", *bname = keras ? "beta" : "bias";
        const char *mname = keras ? "moving_mean" : "running_mean", *vname = keras ? "moving_variance" : "running_var";
        const Shape cs = findSpec(specs, mname)->shape;
        const auto &mean = needWeight(l, w, mname, cs).data;
        const auto &var = needWeight(l, w, vname, cs).data;
        const std::vector<float> *gamma = findSpec(specs, gname) ? &needWeight(l, w, gname, cs).data : nullptr;
        const std::vector<float> *beta = findSpec(specs, bname) ? &needWeight(l, w, bname, cs).data : nullptr;
        p.scale.resize(size_t(cs[0]));
        p.shift.resize(size_t(cs[0]));
        for (size_t c = 0; c < size_t(cs[0]); ++c) {
            const double inv = 1.0 / std::sqrt(double(var[c]) + l.spec.epsilon) * (gamma ? double((*gamma)[c]) : 1.0);
            p.scale[c] = float(inv);
            p.shift[c] = float((beta ? double((*beta)[c]) : 0.0) - double(mean[c]) * inv);
        }
        break;
    }
    case Op::GroupNorm: {
        // per channel: the affine weight and bias, or with running statistics scale and shift as for batch norm
        const i64 C = l.spec.inChannels;
        const Shape cs{C};
        const std::vector<float> *gamma = findSpec(specs, "weight") ? &needWeight(l, w, "weight", cs).data : nullptr;
        const std::vector<float> *beta = findSpec(specs, "bias") ? &needWeight(l, w, "bias", cs).data : nullptr;
        if (l.spec.runningStats) {
            const auto &mean = needWeight(l, w, "running_mean", cs).data;
            const auto &var = needWeight(l, w, "running_var", cs).data;
            p.scale.resize(size_t(C));
            p.shift.resize(size_t(C));
            for (size_t c = 0; c < size_t(C); ++c) {
                const double inv = 1.0 / std::sqrt(double(var[c]) + l.spec.epsilon) * (gamma ? double((*gamma)[c]) : 1.0);
                p.scale[c] = float(inv);
                p.shift[c] = float((beta ? double((*beta)[c]) : 0.0) - double(mean[c]) * inv);
            }
        } else {
            if (gamma)
                p.scale = *gamma;
            if (beta)
                p.shift = *beta;
        }
        break;
    }
    case Op::PReLU:
        p.scale = needWeight(l, w, "weight", Shape{l.spec.outChannels}).data;
        break;
    case Op::LayerNorm:
        if (const WeightSpec *ws = findSpec(specs, "weight")) {
            p.scale = needWeight(l, w, "weight", ws->shape).data;
            p.shift = needWeight(l, w, "bias", ws->shape).data;
        }
        break;
    case Op::LocalResponseNorm:
    case Op::ChannelShuffle:
        break;
    case Op::Arith:
        if (l.spec.arithFn == ArithFn::Standardize &&
            l.spec.statMean.empty()) { // Normalization's adapt() statistics
            const Shape cs{l.output->back()};
            p.shift = needWeight(l, w, "mean", cs).data;
            p.scale = needWeight(l, w, "variance", cs).data;
            for (float &v : p.scale) // tf.keras: maximum(sqrt(variance), epsilon)
                v = std::max(std::sqrt(v), 1e-7f);
        }
        break;
    case Op::Reduce:
    case Op::Permute:
    case Op::Slice:
    case Op::PixelShuffle:
    case Op::Input: // no arrays to prepare (model/ops.h hasWeights)
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
    return p;
}

std::int64_t workspaceBytes(const LayerReport &l, Framework f, int threads)
{
    if (!l.ok() || !l.output || l.inputShapes.empty())
        return 0;
    const auto &s = l.spec;
    try {
        switch (l.op) {
        case Op::Conv: {
            const Dims3 in = dims3(f, l.inputShapes[0]), out = dims3(f, *l.output);
            const i64 K = in.c / std::max<i64>(1, s.groups) * s.kernel[0] * s.kernel[1];
            // In 128 bits, saturating: an estimate must never wrap below the budget (issue 13).
            __extension__ using i128 = __int128;
            const i128 padded = i128(4) * in.c * (i128(in.h) + s.pad.top + s.pad.bottom + 1) *
                                (i128(in.w) + s.pad.left + s.pad.right + 1);
            const ConvGeom g = convGeom(l, f, in.c, out.c, std::max<i64>(1, s.groups));
            const i128 winograd = winogradWorkspaceBytes(g, winogradKind(g));
            const i128 cols = i128(4) * threads * K * convTile(K, out.h * out.w, threads);
            const i128 most = std::max({cols, padded, winograd});
            return most > std::numeric_limits<i64>::max() ? std::numeric_limits<i64>::max() : i64(most);
        }
        case Op::SeparableConv: {
            const Dims3 in = dims3(f, l.inputShapes[0]), out = dims3(f, *l.output);
            return 4 * in.c * std::max<i64>(1, s.depthMultiplier) * out.h * out.w;
        }
        case Op::ConvTranspose:
            return 4 * threads * kColBudget;
        case Op::DepthwiseConv: // write straight into the output
        case Op::Input:
        case Op::MaxPool:
        case Op::AvgPool:
        case Op::GlobalMaxPool:
        case Op::GlobalAvgPool:
        case Op::AdaptiveAvgPool:
        case Op::AdaptiveMaxPool:
        case Op::Upsample:
        case Op::Pad:
        case Op::Crop:
        case Op::BatchNorm:
        case Op::Dropout:
        case Op::Activation:
        case Op::Flatten:
        case Op::Dense:
        case Op::Reshape:
        case Op::Concat:
        case Op::Add:
        case Op::GroupNorm:
            return 0;
        case Op::Arith: // framework-order copies of the operands and the result
        case Op::Reduce:
        case Op::Permute:
        case Op::Slice:
        case Op::PixelShuffle:
        case Op::PReLU:
        case Op::LayerNorm:
        case Op::LocalResponseNorm:
        case Op::ChannelShuffle: {
            i64 bytes = 4 * elementCount(*l.output);
            for (const Shape &in : l.inputShapes)
                bytes += 4 * elementCount(in);
            return bytes;
        }
        }
        return 0;
    } catch (const ComputeError &) {
        return 0;
    }
}

// ================================================================================================ forward
Tensor forwardLayer(const LayerReport &l, Framework f, std::span<const Tensor *const> inputs, const PreparedLayer &p,
                    const ExecContext &ctx)
{
    if (!l.ok() || !l.output)
        throw ComputeError("layer '" + l.name + "' has no resolved shape");
    if (inputs.empty() || !inputs[0])
        throw ComputeError("layer '" + l.name + "' got no input");
    const auto &s = l.spec;
    const Tensor &x = *inputs[0];
    const Shape &outShape = *l.output;
    const float *bias = p.bias.empty() ? nullptr : p.bias.data();

    switch (l.op) {
    case Op::Input:
        if (elementCount(x.shape) != elementCount(outShape))
            throw ComputeError("the input has shape " + shapeTuple(x.shape) + " but layer '" + l.name +
                               "' expects " + shapeTuple(outShape));
        return relayout(x, f, outShape);
    case Op::Dropout: {
        Tensor y = ctx.newTensor(f, x.shape, false);
        std::copy(x.data.begin(), x.data.end(), y.data.begin());
        return y;
    }
    case Op::Flatten:
    case Op::Reshape:
        return relayout(x, f, outShape);
    case Op::Conv:
    case Op::DepthwiseConv: {
        if (padsFirst(l)) {
            const LayerReport pl = padStep(l, f);
            Tensor padded = ctx.newTensor(f, *pl.output, false);
            padOrCrop(pl, f, x, padded, ctx);
            const Tensor *in[] = {&padded};
            return forwardLayer(convStep(l, f), f, in, p, ctx);
        }
        Tensor y = ctx.newTensor(f, outShape, false);
        const Dims3 in = dims3(f, l.inputShapes.at(0)), od = dims3(f, outShape);
        const i64 groups = l.op == Op::DepthwiseConv ? in.c : std::max<i64>(1, s.groups);
        const ConvGeom g = convGeom(l, f, in.c, od.c, groups);
        const size_t taps = size_t(g.O * (g.C / g.groups) * g.kh * g.kw);
        const auto wkind = WinogradKind(p.winograd);
        const bool wino = !p.wWinograd.empty() && wkind != WinogradKind::None;
        const bool direct = !wino && !p.wDirect.empty() && directEligible(g);
        if (wino ? p.wWinograd.size() != winogradWeightCount(g, wkind)
                 : direct ? p.wDirect.size() < taps : p.w.size() != taps)
            throw ComputeError("layer '" + l.name + "': prepared weights do not match its shape");
        if (wino)
            convWinograd(x.data.data(), g, wkind, p.wWinograd.data(), bias, s.activation, s.alpha, y.data.data(),
                         ctx);
        else if (direct)
            convDirect(x.data.data(), g, p.wDirect.data(), bias, s.activation, s.alpha, y.data.data(), ctx);
        else
            convGemm(x.data.data(), g, p.w.data(), bias, s.activation, s.alpha, y.data.data(), ctx);
        if (s.activation == Act::Softmax) // fused softmax: the last framework axis, as Keras applies it
            applyLayerActivation(y, s.activation, s.alpha, -1);
        return y;
    }
    case Op::SeparableConv: {
        const Dims3 in = dims3(f, l.inputShapes.at(0)), od = dims3(f, outShape);
        const i64 M = std::max<i64>(1, s.depthMultiplier);
        ConvGeom g = convGeom(l, f, in.c, in.c * M, in.c);
        std::vector<float> mid = ctx.buffers ? ctx.buffers->take(size_t(g.O * od.h * od.w))
                                             : std::vector<float>(size_t(g.O * od.h * od.w));
        convGemm(x.data.data(), g, p.w.data(), nullptr, Act::Linear, 0.0, mid.data(), ctx);
        ConvGeom pw{in.c * M, od.h, od.w, od.c, od.h, od.w, 1, 1, 1, 1, 1, 1, 0, 0, 1};
        Tensor y = ctx.newTensor(f, outShape, false);
        convGemm(mid.data(), pw, p.w2.data(), bias, s.activation, s.alpha, y.data.data(), ctx);
        if (s.activation == Act::Softmax)
            applyLayerActivation(y, s.activation, s.alpha, -1);
        if (ctx.buffers)
            ctx.buffers->give(std::move(mid));
        return y;
    }
    case Op::ConvTranspose: {
        Tensor y = ctx.newTensor(f, outShape, false);
        const Dims3 in = dims3(f, l.inputShapes.at(0)), od = dims3(f, outShape);
        const ConvGeom g = convGeom(l, f, in.c, od.c, std::max<i64>(1, s.groups));
        convTranspose(x.data.data(), g, p.w.data(), bias, s.activation, s.alpha, y.data.data(), ctx);
        if (s.activation == Act::Softmax)
            applyLayerActivation(y, s.activation, s.alpha, -1);
        return y;
    }
    case Op::MaxPool:
    case Op::AvgPool: {
        Tensor y = ctx.newTensor(f, outShape, false);
        pool2d(l, f, x.data.data(), y.data.data(), ctx);
        return y;
    }
    case Op::GlobalMaxPool:
    case Op::GlobalAvgPool: {
        Tensor y = ctx.newTensor(f, outShape, false);
        globalPool(l, f, x, y, ctx);
        return y;
    }
    case Op::AdaptiveAvgPool:
    case Op::AdaptiveMaxPool: {
        Tensor y = ctx.newTensor(f, outShape, false);
        adaptivePool(l, f, x, y, ctx);
        return y;
    }
    case Op::Upsample: {
        Tensor y = ctx.newTensor(f, outShape, false);
        upsample(l, f, x.data.data(), y.data.data(), ctx);
        return y;
    }
    case Op::Pad:
    case Op::Crop: {
        Tensor y = ctx.newTensor(f, outShape, false); // every cell is written
        padOrCrop(l, f, x, y, ctx);
        return y;
    }
    case Op::BatchNorm: {
        Tensor y = ctx.newTensor(f, x.shape, false);
        std::copy(x.data.begin(), x.data.end(), y.data.begin());
        batchNorm(l, p, y, ctx);
        return y;
    }
    case Op::Activation: {
        Tensor y = ctx.newTensor(f, x.shape, false);
        std::copy(x.data.begin(), x.data.end(), y.data.begin());
        applyLayerActivation(y, s.activation, s.alpha, s.axis, s.beta);
        return y;
    }
    case Op::Dense: {
        Tensor y = ctx.newTensor(f, outShape, false);
        dense(l, f, x, p, y, ctx);
        return y;
    }
    case Op::Concat: {
        Tensor y = ctx.newTensor(f, outShape, false);
        concat(l, inputs, y);
        return y;
    }
    case Op::Add: {
        Tensor y = ctx.newTensor(f, outShape, false);
        add(l, inputs, y);
        return y;
    }
    case Op::Arith: {
        const ArithFn fn = s.arithFn;
        const bool unary = fn == ArithFn::Abs || fn == ArithFn::Rescale || fn == ArithFn::Standardize ||
                           fn == ArithFn::L2Normalize;
        if (!s.hasScalar && !unary && (inputs.size() < 2 || !inputs[1]))
            throw ComputeError("layer '" + l.name + "' got one input, it needs two");
        for (const Tensor *t : inputs)
            if (!t)
                throw ComputeError("layer '" + l.name + "' is missing an input");
        if (fn == ArithFn::Standardize && s.statMean.empty()) {
            LayerReport withStats = l; // the statistics prepared from the weights `mean` and `variance`
            withStats.spec.statMean.assign(p.shift.begin(), p.shift.end());
            withStats.spec.statDenom.assign(p.scale.begin(), p.scale.end());
            return arithmetic(withStats, f, inputs);
        }
        return arithmetic(l, f, inputs);
    }
    case Op::Reduce:
        return reduce(l, f, x);
    case Op::Permute:
        return permute(l, f, x);
    case Op::Slice:
        return slice(l, f, x);
    case Op::PixelShuffle:
        return pixelShuffle(l, f, x);
    case Op::GroupNorm: {
        if (f != Framework::PyTorch)
            throw ComputeError("layer '" + l.name + "': GroupNorm runs on PyTorch (C, …) tensors only");
        Tensor y = ctx.newTensor(f, x.shape, false);
        std::copy(x.data.begin(), x.data.end(), y.data.begin());
        groupNorm(l, p, y);
        return y;
    }
    case Op::PReLU:
        return prelu(l, f, x, p);
    case Op::LayerNorm:
        return layerNorm(l, f, x, p);
    case Op::LocalResponseNorm:
        return localResponseNorm(l, f, x);
    case Op::ChannelShuffle:
        return channelShuffle(l, f, x);
    }
    throw ComputeError("layer '" + l.name + "': no forward kernel for this kind");
}

} // namespace convlens
