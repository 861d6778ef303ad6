// reference.cpp — one loop nest per layer kind, in the framework's own layout and weight layout, read straight off
// the framework documentation. Deliberately slow and simple; nothing here is shared with forward.cpp.
#include "compute/reference/reference.h"

#include "compute/activation.h"
#include "compute/forward.h"
#include "compute/reference/cells.h"
#include "shape/dims.h"
#include "shape/resize.h"
#include "tensor/kernel_layout.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <tuple>
#include <utility>

namespace convlens {

namespace {

using i64 = std::int64_t;

// A rank-3 framework-layout array addressed as (channel, row, column) whatever the framework.
struct Planes {
    Framework f;
    i64 C = 0, H = 0, W = 0;
    size_t index(i64 c, i64 y, i64 x) const
    {
        return f == Framework::Keras ? size_t((y * W + x) * C + c) : size_t((c * H + y) * W + x);
    }
};

Planes planes(Framework f, const Shape &s)
{
    if (s.size() != 3)
        throw ComputeError("reference: expected a rank-3 tensor");
    return f == Framework::Keras ? Planes{f, s[2], s[0], s[1]} : Planes{f, s[0], s[1], s[2]};
}

const NdArray &weight(const LayerReport &l, const LayerWeights *w, const std::string &name)
{
    if (!w || !w->count(name))
        throw ComputeError("reference: layer '" + l.name + "' lacks weight '" + name + "'");
    return w->at(name);
}

const NdArray *optionalWeight(const LayerWeights *w, const std::string &name)
{
    return w && w->count(name) ? &w->at(name) : nullptr;
}

NdArray zerosLike(const Shape &s)
{
    return NdArray{s, std::vector<float>(size_t(elementCount(s)), 0.0f)};
}

void activateAll(NdArray &a, Act act, double alpha, i64 axis, double beta = 0.0)
{
    if (act == Act::Linear)
        return;
    if (isElementwise(act)) {
        for (auto &v : a.data)
            v = float(activateReference(act, alpha, v, beta));
        return;
    }
    const bool log = act == Act::LogSoftmax;
    const i64 rank = i64(a.shape.size());
    i64 ax = axis < 0 ? axis + rank : axis;
    if (ax < 0 || ax >= rank)
        ax = rank - 1;
    i64 outer = 1, inner = 1;
    for (i64 i = 0; i < ax; ++i)
        outer *= a.shape[size_t(i)];
    for (i64 i = ax + 1; i < rank; ++i)
        inner *= a.shape[size_t(i)];
    const i64 len = a.shape[size_t(ax)];
    for (i64 o = 0; o < outer; ++o)
        for (i64 i = 0; i < inner; ++i) {
            double m = -std::numeric_limits<double>::infinity();
            for (i64 k = 0; k < len; ++k)
                m = std::max(m, double(a.data[size_t((o * len + k) * inner + i)]));
            double sum = 0;
            for (i64 k = 0; k < len; ++k)
                sum += std::exp(double(a.data[size_t((o * len + k) * inner + i)]) - m);
            for (i64 k = 0; k < len; ++k) {
                float &v = a.data[size_t((o * len + k) * inner + i)];
                v = float(log ? double(v) - m - std::log(sum) : std::exp(double(v) - m) / sum);
            }
        }
}

NdArray conv(const LayerReport &l, Framework f, const NdArray &in, const LayerWeights *w)
{
    const auto &s = l.spec;
    const Planes ip = planes(f, in.shape);
    NdArray out = zerosLike(*l.output);
    const Planes op = planes(f, out.shape);
    const bool depthwise = l.op == Op::DepthwiseConv;
    const NdArray &k = weight(l, w, f == Framework::Keras ? (depthwise ? "depthwise_kernel" : "kernel") : "weight");
    const NdArray *bias = optionalWeight(w, "bias");
    const i64 groups = depthwise ? ip.C : s.groups, Cg = ip.C / groups, Og = op.C / groups;
    for (i64 o = 0; o < op.C; ++o) {
        const i64 g = o / Og;
        for (i64 oy = 0; oy < op.H; ++oy)
            for (i64 ox = 0; ox < op.W; ++ox) {
                double acc = bias ? bias->data[size_t(o)] : 0.0;
                for (i64 c = 0; c < Cg; ++c)
                    acc += ref::convCellChannel(
                        s, ip.H, ip.W, oy, ox, [&](i64 iy, i64 ix) { return in.data[ip.index(g * Cg + c, iy, ix)]; },
                        [&](i64 ky, i64 kx) { return k.data[tapIndex(kernelLayout(l.op, f), k.shape, o, c, ky, kx)]; });
                out.data[op.index(o, oy, ox)] = float(acc);
            }
    }
    activateAll(out, s.activation, l.spec.alpha, -1);
    return out;
}

NdArray separable(const LayerReport &l, Framework f, const NdArray &in, const LayerWeights *w)
{
    const auto &s = l.spec;
    const Planes ip = planes(f, in.shape);
    NdArray out = zerosLike(*l.output);
    const Planes op = planes(f, out.shape);
    const NdArray &dk = weight(l, w, "depthwise_kernel"), &pk = weight(l, w, "pointwise_kernel");
    const NdArray *bias = optionalWeight(w, "bias");
    const i64 M = dk.shape[3], F = pk.shape[3];
    for (i64 oy = 0; oy < op.H; ++oy)
        for (i64 ox = 0; ox < op.W; ++ox) {
            std::vector<double> mid(size_t(ip.C * M), 0.0);
            for (i64 c = 0; c < ip.C; ++c)
                for (i64 m = 0; m < M; ++m)
                    for (i64 ky = 0; ky < s.kernel[0]; ++ky)
                        for (i64 kx = 0; kx < s.kernel[1]; ++kx) {
                            const i64 iy = oy * s.stride[0] - s.pad.top + ky * s.dilation[0];
                            const i64 ix = ox * s.stride[1] - s.pad.left + kx * s.dilation[1];
                            if (iy < 0 || iy >= ip.H || ix < 0 || ix >= ip.W)
                                continue;
                            mid[size_t(c * M + m)] +=
                                double(dk.data[tapIndex(KernelLayout::HWCM, dk.shape, c * M + m, 0, ky, kx)]) *
                                in.data[ip.index(c, iy, ix)];
                        }
            for (i64 o = 0; o < F; ++o) {
                double acc = bias ? bias->data[size_t(o)] : 0.0;
                for (i64 j = 0; j < ip.C * M; ++j)
                    acc += mid[size_t(j)] * pk.data[tapIndex(KernelLayout::HWIO, pk.shape, o, j, 0, 0)];
                out.data[op.index(o, oy, ox)] = float(acc);
            }
        }
    activateAll(out, s.activation, l.spec.alpha, -1);
    return out;
}

// Scatter form: input cell (iy, ix) of channel c adds x·w to output (iy·s + ky·d − pad_top, ix·s + kx·d − pad_left).
NdArray convTranspose(const LayerReport &l, Framework f, const NdArray &in, const LayerWeights *w)
{
    const auto &s = l.spec;
    const Planes ip = planes(f, in.shape);
    const Shape &os = *l.output;
    const Planes op = planes(f, os);
    const NdArray &k = weight(l, w, f == Framework::Keras ? "kernel" : "weight");
    const NdArray *bias = optionalWeight(w, "bias");
    const i64 groups = f == Framework::Keras ? 1 : s.groups, Cg = ip.C / groups, Og = op.C / groups;
    std::vector<double> acc(size_t(elementCount(os)), 0.0);
    for (i64 c = 0; c < ip.C; ++c) {
        const i64 g = c / Cg;
        for (i64 iy = 0; iy < ip.H; ++iy)
            for (i64 ix = 0; ix < ip.W; ++ix) {
                const double x = in.data[ip.index(c, iy, ix)];
                for (i64 og = 0; og < Og; ++og)
                    for (i64 ky = 0; ky < s.kernel[0]; ++ky)
                        for (i64 kx = 0; kx < s.kernel[1]; ++kx) {
                            const i64 oy = iy * s.stride[0] + ky * s.dilation[0] - s.transposedCrop.top;
                            const i64 ox = ix * s.stride[1] + kx * s.dilation[1] - s.transposedCrop.left;
                            if (oy < 0 || oy >= op.H || ox < 0 || ox >= op.W)
                                continue;
                            const i64 o = g * Og + og;
                            const double tap =
                                k.data[tapIndex(kernelLayout(Op::ConvTranspose, f), k.shape, o, c - g * Cg, ky, kx, groups)];
                            acc[op.index(o, oy, ox)] += x * tap;
                        }
            }
    }
    NdArray out = zerosLike(os);
    for (i64 o = 0; o < op.C; ++o)
        for (i64 y = 0; y < op.H; ++y)
            for (i64 x = 0; x < op.W; ++x)
                out.data[op.index(o, y, x)] = float(acc[op.index(o, y, x)] + (bias ? bias->data[size_t(o)] : 0.0));
    activateAll(out, s.activation, l.spec.alpha, -1);
    return out;
}

NdArray pool(const LayerReport &l, Framework f, const NdArray &in)
{
    const auto &s = l.spec;
    const Planes ip = planes(f, in.shape);
    NdArray out = zerosLike(*l.output);
    const Planes op = planes(f, out.shape);
    for (i64 c = 0; c < ip.C; ++c)
        for (i64 oy = 0; oy < op.H; ++oy)
            for (i64 ox = 0; ox < op.W; ++ox)
                out.data[op.index(c, oy, ox)] = float(ref::poolCell(
                    l.op, s, ip.H, ip.W, oy, ox, [&](i64 iy, i64 ix) { return double(in.data[ip.index(c, iy, ix)]); }));
    return out;
}

NdArray upsample(const LayerReport &l, Framework f, const NdArray &in)
{
    const auto &s = l.spec;
    const Planes ip = planes(f, in.shape);
    NdArray out = zerosLike(*l.output);
    const Planes op = planes(f, out.shape);
    for (i64 c = 0; c < ip.C; ++c)
        for (i64 oy = 0; oy < op.H; ++oy)
            for (i64 ox = 0; ox < op.W; ++ox) {
                double v;
                if (s.interpolation == Interp::Nearest) {
                    v = in.data[ip.index(c, dims::nearestSourceOf(l, 0, ip.H, op.H, oy),
                                         dims::nearestSourceOf(l, 1, ip.W, op.W, ox))];
                } else {
                    const double sy = dims::bilinearSource<double>(ip.H, op.H, oy, s.scale[0], s.alignCorners);
                    const double sx = dims::bilinearSource<double>(ip.W, op.W, ox, s.scale[1], s.alignCorners);
                    const i64 y0 = std::min<i64>(i64(sy), ip.H - 1), x0 = std::min<i64>(i64(sx), ip.W - 1);
                    const i64 y1 = std::min(y0 + 1, ip.H - 1), x1 = std::min(x0 + 1, ip.W - 1);
                    const double ly = sy - double(y0), lx = sx - double(x0);
                    auto at = [&](i64 y, i64 x) { return double(in.data[ip.index(c, y, x)]); };
                    v = (1 - ly) * ((1 - lx) * at(y0, x0) + lx * at(y0, x1)) + ly * ((1 - lx) * at(y1, x0) + lx * at(y1, x1));
                }
                out.data[op.index(c, oy, ox)] = float(v);
            }
    return out;
}

NdArray batchNorm(const LayerReport &l, Framework f, const NdArray &in, const LayerWeights *w)
{
    const auto &s = l.spec;
    const bool keras = f == Framework::Keras;
    const i64 rank = i64(in.shape.size());
    i64 axis = keras ? (s.axis < 0 ? s.axis + rank : s.axis) : 0; // torch BatchNorm2d: channels (C, H, W)
    if (axis < 0 || axis >= rank)
        axis = rank - 1;
    const NdArray &mean = weight(l, w, keras ? "moving_mean" : "running_mean");
    const NdArray &var = weight(l, w, keras ? "moving_variance" : "running_var");
    const NdArray *gamma = optionalWeight(w, keras ? "gamma" : "weight");
    const NdArray *beta = optionalWeight(w, keras ? "beta" : "bias");
    i64 inner = 1;
    for (i64 i = axis + 1; i < rank; ++i)
        inner *= in.shape[size_t(i)];
    const i64 len = in.shape[size_t(axis)];
    NdArray out = in;
    for (size_t i = 0; i < out.data.size(); ++i) {
        const size_t c = size_t((i64(i) / inner) % len);
        double y = (double(in.data[i]) - mean.data[c]) / std::sqrt(double(var.data[c]) + s.epsilon);
        if (gamma)
            y *= gamma->data[c];
        if (beta)
            y += beta->data[c];
        out.data[i] = float(y);
    }
    return out;
}

NdArray dense(const LayerReport &l, Framework f, const NdArray &in, const LayerWeights *w)
{
    const auto &s = l.spec;
    const NdArray &k = weight(l, w, f == Framework::Keras ? "kernel" : "weight");
    const NdArray *bias = optionalWeight(w, "bias");
    const i64 n = in.shape.back(), units = l.output->back(), rows = elementCount(in.shape) / n;
    NdArray out = zerosLike(*l.output);
    for (i64 r = 0; r < rows; ++r)
        for (i64 u = 0; u < units; ++u) {
            double acc = bias ? bias->data[size_t(u)] : 0.0;
            for (i64 i = 0; i < n; ++i) {
                const double wv = f == Framework::Keras ? k.data[size_t(i * units + u)] // (in, units)
                                                        : k.data[size_t(u * n + i)];     // (units, in)
                acc += wv * in.data[size_t(r * n + i)];
            }
            out.data[size_t(r * units + u)] = float(acc);
        }
    activateAll(out, s.activation, l.spec.alpha, -1);
    return out;
}

NdArray concat(const LayerReport &l, std::span<const NdArray *const> inputs)
{
    const Shape &os = *l.output;
    const i64 rank = i64(os.size());
    i64 axis = l.spec.axis < 0 ? l.spec.axis + rank : l.spec.axis;
    if (axis < 0 || axis >= rank)
        axis = rank - 1;
    NdArray out = zerosLike(os);
    // Walk the output in row-major order; find which input and which of its cells each output cell comes from.
    std::vector<i64> idx(size_t(rank), 0);
    for (size_t flat = 0; flat < out.data.size(); ++flat) {
        i64 rem = i64(flat);
        for (i64 d = rank - 1; d >= 0; --d) {
            idx[size_t(d)] = rem % os[size_t(d)];
            rem /= os[size_t(d)];
        }
        i64 a = idx[size_t(axis)];
        for (const NdArray *t : inputs) {
            const i64 len = t->shape[size_t(axis)];
            if (a < len) {
                i64 src = 0;
                for (i64 d = 0; d < rank; ++d)
                    src = src * t->shape[size_t(d)] + (d == axis ? a : idx[size_t(d)]);
                out.data[flat] = t->data[size_t(src)];
                break;
            }
            a -= len;
        }
    }
    return out;
}

// The multi-index of a row-major flat index.
std::vector<i64> unflatten(i64 flat, const Shape &shape)
{
    std::vector<i64> idx(shape.size());
    for (size_t d = shape.size(); d-- > 0;) {
        idx[d] = flat % shape[d];
        flat /= shape[d];
    }
    return idx;
}

i64 flatIndex(const std::vector<i64> &idx, const Shape &shape)
{
    i64 flat = 0;
    for (size_t d = 0; d < shape.size(); ++d)
        flat = flat * shape[d] + idx[d];
    return flat;
}

// a − b, a · b, max(a, b, c), …: every output cell reads each operand at its own index, 0 on an axis where it has
// size 1, and folds them left to right in double; Abs, Rescale and Standardize read the one operand.
NdArray arithmetic(const LayerReport &l, std::span<const NdArray *const> inputs, const LayerWeights *w)
{
    const auto &s = l.spec;
    const ArithFn fn = s.arithFn;
    NdArray out = zerosLike(*l.output);
    // Standardize's statistics: given in the code, or adapt()'s from the weights `mean` and `variance`
    std::vector<double> statMean = s.statMean, statDenom = s.statDenom;
    if (fn == ArithFn::Standardize) {
        if (statMean.empty()) {
            const NdArray *mean = optionalWeight(w, "mean"), *var = optionalWeight(w, "variance");
            if (!mean || !var || mean->data.size() != var->data.size() || mean->data.empty())
                throw ComputeError("reference: layer '" + l.name + "' needs its mean and variance (adapt() on data)");
            for (size_t c = 0; c < mean->data.size(); ++c) {
                statMean.push_back(double(mean->data[c]));
                statDenom.push_back(std::max(std::sqrt(double(var->data[c])), 1e-7));
            }
        }
    }
    const auto apply = [&](double a, double b) {
        switch (fn) {
        case ArithFn::Max: return std::isnan(a) || a > b ? a : b;
        case ArithFn::Min: return std::isnan(a) || a < b ? a : b;
        case ArithFn::Mean: return a + b;
        case ArithFn::Pow: return std::pow(a, b);
        case ArithFn::Expand: return a;
        case ArithFn::L2Normalize: return a * b; // b: 1 / √max(Σ x², epsilon) of the cell's group
        case ArithFn::Abs: return std::fabs(a);
        case ArithFn::Rescale: return a * s.scalar + s.offset;
        case ArithFn::Standardize: { // b: the index on the last axis
            const size_t c = statMean.size() == 1 ? 0 : size_t(b);
            return s.scalarFirst ? statMean.at(c) + a * statDenom.at(c) : (a - statMean.at(c)) / statDenom.at(c);
        }
        case ArithFn::Plain:
            break;
        }
        switch (s.arith) {
        case ArithOp::Add: return a + b;
        case ArithOp::Sub: return a - b;
        case ArithOp::Mul: return a * b;
        case ArithOp::Div: return a / b;
        }
        return a;
    };
    for (i64 i = 0; i < i64(out.data.size()); ++i) {
        const std::vector<i64> idx = unflatten(i, out.shape);
        const auto at = [&](const NdArray &t) {
            std::vector<i64> j = idx;
            for (size_t d = 0; d < j.size(); ++d)
                if (t.shape[d] == 1)
                    j[d] = 0;
            return double(t.data[size_t(flatIndex(j, t.shape))]);
        };
        double v = at(*inputs[0]);
        if (fn == ArithFn::L2Normalize) { // Σ x² over the cells that differ from this one only on `dims`
            double sum = 0;
            for (i64 j = 0; j < i64(out.data.size()); ++j) {
                const std::vector<i64> other = unflatten(j, out.shape);
                bool same = true;
                for (size_t d = 0; d < other.size() && same; ++d)
                    same = std::find(s.dims.begin(), s.dims.end(), i64(d)) != s.dims.end() || other[d] == idx[d];
                if (same)
                    sum += double(inputs[0]->data[size_t(j)]) * double(inputs[0]->data[size_t(j)]);
            }
            v = apply(v, 1.0 / std::sqrt(std::max(sum, s.epsilon)));
        } else if (fn == ArithFn::Abs || fn == ArithFn::Rescale)
            v = apply(v, 0.0);
        else if (fn == ArithFn::Standardize)
            v = apply(v, idx.empty() ? 0.0 : double(idx.back()));
        else if (s.hasScalar)
            v = s.scalarFirst ? apply(s.scalar, v) : apply(v, s.scalar);
        else {
            for (size_t k = 1; k < inputs.size(); ++k)
                v = apply(v, at(*inputs[k]));
            if (fn == ArithFn::Mean)
                v /= double(inputs.size());
        }
        out.data[size_t(i)] = float(v);
    }
    return out;
}

// mean / sum / max / min: every output cell gathers the input cells whose kept axes match its index.
NdArray reduce(const LayerReport &l, const NdArray &x)
{
    const auto &s = l.spec;
    std::vector<bool> reduced(x.shape.size(), false);
    for (i64 d : s.dims)
        reduced[size_t(d)] = true;
    Shape kept;
    for (size_t d = 0; d < x.shape.size(); ++d)
        if (!reduced[d])
            kept.push_back(x.shape[d]);
    NdArray out{*l.output, std::vector<float>(size_t(elementCount(kept)), 0.0f)};
    for (i64 o = 0; o < elementCount(kept); ++o) {
        const std::vector<i64> k = unflatten(o, kept);
        const bool arg = s.argIndex; // the index of the first Max / Min
        double acc = s.reduce == ReduceOp::Max ? -INFINITY : s.reduce == ReduceOp::Min ? INFINITY : 0.0;
        i64 n = 0, best = 0;
        bool nan = false;
        for (i64 i = 0; i < i64(x.data.size()); ++i) {
            const std::vector<i64> idx = unflatten(i, x.shape);
            bool match = true;
            for (size_t d = 0, kk = 0; d < idx.size(); ++d)
                if (!reduced[d] && idx[d] != k[kk++])
                    match = false;
            if (!match)
                continue;
            const double v = x.data[size_t(i)];
            if (arg) { // the position along the one reduced axis of the first extreme (or the first NaN)
                i64 along = 0;
                for (size_t d = 0; d < idx.size(); ++d)
                    if (reduced[d])
                        along = idx[d];
                if (!nan && (std::isnan(v) || (s.reduce == ReduceOp::Max ? v > acc : v < acc))) {
                    nan = std::isnan(v);
                    acc = v;
                    best = along;
                }
                continue;
            }
            nan = nan || std::isnan(v);
            acc = s.reduce == ReduceOp::Max ? std::max(acc, v) : s.reduce == ReduceOp::Min ? std::min(acc, v) : acc + v;
            ++n;
        }
        out.data[size_t(o)] = arg   ? float(best)
                              : nan ? std::numeric_limits<float>::quiet_NaN()
                                    : float(s.reduce == ReduceOp::Mean ? acc / double(n) : acc);
    }
    return out;
}

// out[i0, i1, …] = in[the same indices, put back in the input's order].
NdArray permute(const LayerReport &l, const NdArray &x)
{
    NdArray out = zerosLike(*l.output);
    for (i64 i = 0; i < i64(out.data.size()); ++i) {
        const std::vector<i64> o = unflatten(i, out.shape);
        std::vector<i64> src(o.size());
        for (size_t d = 0; d < o.size(); ++d)
            src[size_t(l.spec.dims[d])] = o[d];
        out.data[size_t(i)] = x.data[size_t(flatIndex(src, x.shape))];
    }
    return out;
}

NdArray slice(const LayerReport &l, const NdArray &x)
{
    NdArray out = zerosLike(*l.output);
    for (i64 i = 0; i < i64(out.data.size()); ++i) {
        std::vector<i64> idx = unflatten(i, out.shape);
        idx[size_t(l.spec.axis)] = l.spec.sliceStart + idx[size_t(l.spec.axis)] * l.spec.sliceStep;
        out.data[size_t(i)] = x.data[size_t(flatIndex(idx, x.shape))];
    }
    return out;
}

// torch's documentation: PixelShuffle out[c, h·r + i, w·r + j] = in[c·r² + i·r + j, h, w]; PixelUnshuffle inverts it.
NdArray pixelShuffle(const LayerReport &l, const NdArray &x)
{
    NdArray out = zerosLike(*l.output);
    if (l.spec.depthToSpace) { // tf.nn.depth_to_space on (H, W, C), DCR: the block's cell (i, j) reads channel (i·r + j)·C + c
        const i64 r = l.spec.shuffle, C = out.shape[2];
        for (i64 y = 0; y < out.shape[0]; ++y)
            for (i64 xx = 0; xx < out.shape[1]; ++xx)
                for (i64 c = 0; c < C; ++c)
                    out.data[size_t(flatIndex({y, xx, c}, out.shape))] =
                        x.data[size_t(flatIndex({y / r, xx / r, ((y % r) * r + xx % r) * C + c}, x.shape))];
        return out;
    }
    const bool up = l.spec.shuffle > 0;
    const i64 r = up ? l.spec.shuffle : -l.spec.shuffle;
    const Shape &big = up ? out.shape : x.shape; // the (C, H·r, W·r) side
    for (i64 c = 0; c < big[0]; ++c)
        for (i64 y = 0; y < big[1]; ++y)
            for (i64 xx = 0; xx < big[2]; ++xx) {
                const std::vector<i64> spread{c, y, xx};
                const std::vector<i64> packed{c * r * r + (y % r) * r + xx % r, y / r, xx / r};
                const Shape &small = up ? x.shape : out.shape;
                if (up)
                    out.data[size_t(flatIndex(spread, big))] = x.data[size_t(flatIndex(packed, small))];
                else
                    out.data[size_t(flatIndex(packed, small))] = x.data[size_t(flatIndex(spread, big))];
            }
    return out;
}

// The mean and the biased variance of n values from `first` (GroupNorm's group, LayerNorm's normalised axes).
std::pair<double, double> meanAndVariance(const NdArray &x, i64 first, i64 n)
{
    double mean = 0, var = 0;
    for (i64 i = 0; i < n; ++i)
        mean += x.data[size_t(first + i)];
    mean /= double(n);
    for (i64 i = 0; i < n; ++i)
        var += (x.data[size_t(first + i)] - mean) * (x.data[size_t(first + i)] - mean);
    return {mean, var / double(n)};
}

// GroupNorm: (x − mean of the sample's group) / √(variance + eps) · weight + bias; InstanceNorm2d with running
// statistics: (x − running_mean) / √(running_var + eps) · weight + bias.
NdArray groupNorm(const LayerReport &l, const NdArray &x, const LayerWeights *w)
{
    const auto &s = l.spec;
    const NdArray *gamma = optionalWeight(w, "weight"), *beta = optionalWeight(w, "bias");
    const i64 C = x.shape[0], per = i64(x.data.size()) / C, G = s.groups, cg = C / G;
    NdArray out = x;
    for (i64 c = 0; c < C; ++c) {
        double mean = 0, var = 0;
        if (s.runningStats) {
            mean = weight(l, w, "running_mean").data[size_t(c)];
            var = weight(l, w, "running_var").data[size_t(c)];
        } else {
            std::tie(mean, var) = meanAndVariance(x, c / cg * cg * per, cg * per);
        }
        for (i64 i = 0; i < per; ++i) {
            double y = (double(x.data[size_t(c * per + i)]) - mean) / std::sqrt(var + s.epsilon);
            if (gamma)
                y *= gamma->data[size_t(c)];
            if (beta)
                y += beta->data[size_t(c)];
            out.data[size_t(c * per + i)] = float(y);
        }
    }
    return out;
}

// torch's documentation: PReLU(x) = max(0, x) + a · min(0, x), a the slope of x's channel (dim 1 of the batched
// tensor) or the one slope.
NdArray prelu(const LayerReport &l, const NdArray &x, const LayerWeights *w)
{
    const NdArray &a = weight(l, w, "weight");
    NdArray out = x;
    const i64 C = x.shape.empty() ? 1 : x.shape[0], per = i64(x.data.size()) / C;
    for (i64 i = 0; i < i64(x.data.size()); ++i) {
        const double v = x.data[size_t(i)], slope = a.data.at(a.data.size() == 1 ? 0 : size_t(i / per));
        out.data[size_t(i)] = float(v > 0 ? v : slope * v);
    }
    return out;
}

// LayerNorm: (x − E[x]) / √(Var[x] + eps) · weight + bias, E and the biased Var over the normalised last axes.
NdArray layerNorm(const LayerReport &l, const NdArray &x, const LayerWeights *w)
{
    const auto &s = l.spec;
    const NdArray *gamma = optionalWeight(w, "weight"), *beta = optionalWeight(w, "bias");
    i64 n = 1;
    for (i64 d : s.dims)
        n *= x.shape[size_t(d)];
    NdArray out = x;
    for (i64 first = 0; first < i64(x.data.size()); first += n) {
        const auto [mean, var] = meanAndVariance(x, first, n);
        for (i64 i = 0; i < n; ++i) {
            double y = (double(x.data[size_t(first + i)]) - mean) / std::sqrt(var + s.epsilon);
            if (gamma)
                y *= gamma->data.at(size_t(i));
            if (beta)
                y += beta->data.at(size_t(i));
            out.data[size_t(first + i)] = float(y);
        }
    }
    return out;
}

// torch's documentation: b_c = a_c · (k + alpha/n · Σ_{c'=max(0, c−n/2)}^{min(C−1, c+n/2)} a_c'²)^−beta, with the
// window of F.local_response_norm: ⌊n/2⌋ channels before c and ⌊(n−1)/2⌋ after.
NdArray localResponseNorm(const LayerReport &l, const NdArray &x)
{
    const auto &s = l.spec;
    NdArray out = x;
    const i64 C = x.shape[0], per = i64(x.data.size()) / C;
    for (i64 c = 0; c < C; ++c)
        for (i64 i = 0; i < per; ++i) {
            double sum = 0;
            for (i64 k = c - s.lrnSize / 2; k <= c + (s.lrnSize - 1) / 2; ++k)
                if (k >= 0 && k < C)
                    sum += double(x.data[size_t(k * per + i)]) * double(x.data[size_t(k * per + i)]);
            out.data[size_t(c * per + i)] =
                float(double(x.data[size_t(c * per + i)]) * std::pow(s.lrnK + s.alpha / double(s.lrnSize) * sum, -s.beta));
        }
    return out;
}

// torch's channel_shuffle: x.view(g, C/g, …).transpose(0, 1).reshape(C, …).
NdArray channelShuffle(const LayerReport &l, const NdArray &x)
{
    NdArray out = x;
    const i64 C = x.shape[0], per = i64(x.data.size()) / C, g = l.spec.groups, cg = C / g;
    for (i64 c = 0; c < C; ++c) {
        const i64 i = c / g, j = c % g; // out[i, j] of the (C/g, g) view is in[j, i] of the (g, C/g) view
        for (i64 e = 0; e < per; ++e)
            out.data[size_t(c * per + e)] = x.data[size_t((j * cg + i) * per + e)];
    }
    return out;
}

} // namespace

NdArray referenceForward(const LayerReport &l, Framework f, std::span<const NdArray *const> inputs,
                         const LayerWeights *w)
{
    if (!l.output || inputs.empty() || !inputs[0])
        throw ComputeError("reference: layer '" + l.name + "' has no shape or input");
    const NdArray &x = *inputs[0];
    const auto &s = l.spec;
    switch (l.op) {
    case Op::Input:
    case Op::Dropout:
    case Op::Flatten:
    case Op::Reshape:
        // Same values in the same (framework) order; only the shape changes.
        return NdArray{*l.output, x.data};
    case Op::Conv:
    case Op::DepthwiseConv:
        return conv(l, f, x, w);
    case Op::SeparableConv:
        return separable(l, f, x, w);
    case Op::ConvTranspose:
        return convTranspose(l, f, x, w);
    case Op::MaxPool:
    case Op::AvgPool:
        return pool(l, f, x);
    case Op::GlobalMaxPool:
    case Op::GlobalAvgPool: {
        const Planes ip = planes(f, x.shape);
        NdArray out = zerosLike(*l.output);
        for (i64 c = 0; c < ip.C; ++c) {
            double sum = 0, best = -std::numeric_limits<double>::infinity();
            bool nan = false;
            for (i64 y = 0; y < ip.H; ++y)
                for (i64 xx = 0; xx < ip.W; ++xx) {
                    const double v = x.data[ip.index(c, y, xx)];
                    sum += v;
                    best = std::max(best, v);
                    nan = nan || std::isnan(v);
                }
            out.data[size_t(c)] = float(l.op == Op::GlobalAvgPool ? sum / double(ip.H * ip.W)
                                        : nan                     ? std::numeric_limits<double>::quiet_NaN()
                                                                  : best);
        }
        return out;
    }
    case Op::AdaptiveAvgPool:
    case Op::AdaptiveMaxPool: {
        const Planes ip = planes(f, x.shape);
        NdArray out = zerosLike(*l.output);
        const Planes op = planes(f, out.shape);
        for (i64 c = 0; c < ip.C; ++c)
            for (i64 oy = 0; oy < op.H; ++oy)
                for (i64 ox = 0; ox < op.W; ++ox) {
                    // torch: start = ⌊o·in/out⌋, end = ⌈(o+1)·in/out⌉
                    const i64 y0 = i64(std::floor(double(oy * ip.H) / double(op.H)));
                    const i64 y1 = i64(std::ceil(double((oy + 1) * ip.H) / double(op.H)));
                    const i64 x0 = i64(std::floor(double(ox * ip.W) / double(op.W)));
                    const i64 x1 = i64(std::ceil(double((ox + 1) * ip.W) / double(op.W)));
                    double sum = 0, best = -std::numeric_limits<double>::infinity();
                    bool nan = false;
                    for (i64 y = y0; y < y1; ++y)
                        for (i64 xx = x0; xx < x1; ++xx) {
                            const double v = x.data[ip.index(c, y, xx)];
                            sum += v;
                            best = std::max(best, v);
                            nan = nan || std::isnan(v);
                        }
                    out.data[op.index(c, oy, ox)] =
                        float(l.op == Op::AdaptiveAvgPool ? sum / double((y1 - y0) * (x1 - x0))
                              : nan                       ? std::numeric_limits<double>::quiet_NaN()
                                                          : best);
                }
        return out;
    }
    case Op::Upsample:
        return upsample(l, f, x);
    case Op::Pad:
    case Op::Crop: {
        const Planes ip = planes(f, x.shape);
        NdArray out = zerosLike(*l.output);
        const Planes op = planes(f, out.shape);
        for (i64 c = 0; c < op.C; ++c)
            for (i64 oy = 0; oy < op.H; ++oy)
                for (i64 ox = 0; ox < op.W; ++ox) {
                    i64 iy = l.op == Op::Pad ? oy - s.pad.top : oy + s.crop.top;
                    i64 ix = l.op == Op::Pad ? ox - s.pad.left : ox + s.crop.left;
                    const bool inside = iy >= 0 && iy < ip.H && ix >= 0 && ix < ip.W;
                    if (l.op == Op::Pad && s.padMode == PadMode::Reflect) { // torch ReflectionPad2d
                        iy = dims::reflectIndex(iy, ip.H);
                        ix = dims::reflectIndex(ix, ip.W);
                    } else if (l.op == Op::Pad && s.padMode == PadMode::Replicate) { // torch ReplicationPad2d
                        iy = dims::replicateIndex(iy, ip.H);
                        ix = dims::replicateIndex(ix, ip.W);
                    } else if (l.op == Op::Pad && s.padMode == PadMode::Circular) { // torch F.pad 'circular'
                        iy = dims::circularIndex(iy, ip.H);
                        ix = dims::circularIndex(ix, ip.W);
                    } else if (l.op == Op::Pad && s.padMode == PadMode::Symmetric) { // tf.pad 'SYMMETRIC'
                        iy = dims::symmetricIndex(iy, ip.H);
                        ix = dims::symmetricIndex(ix, ip.W);
                    } else if (!inside) {
                        out.data[op.index(c, oy, ox)] = l.op == Op::Pad ? float(s.padValue) : 0.0f;
                        continue;
                    }
                    out.data[op.index(c, oy, ox)] = x.data[ip.index(c, iy, ix)];
                }
        return out;
    }
    case Op::BatchNorm:
        return batchNorm(l, f, x, w);
    case Op::Activation: {
        NdArray out = x;
        activateAll(out, s.activation, l.spec.alpha, s.axis, s.beta);
        return out;
    }
    case Op::Dense:
        return dense(l, f, x, w);
    case Op::Concat:
        return concat(l, inputs);
    case Op::Arith:
        if (!s.hasScalar && s.arithFn != ArithFn::Abs && s.arithFn != ArithFn::Rescale &&
            s.arithFn != ArithFn::Standardize && s.arithFn != ArithFn::L2Normalize && (inputs.size() < 2 || !inputs[1]))
            throw ComputeError("reference: layer '" + l.name + "' needs two inputs");
        for (const NdArray *t : inputs)
            if (!t)
                throw ComputeError("reference: layer '" + l.name + "' is missing an input");
        return arithmetic(l, inputs, w);
    case Op::Reduce:
        return reduce(l, x);
    case Op::Permute:
        return permute(l, x);
    case Op::Slice:
        return slice(l, x);
    case Op::PixelShuffle:
        return pixelShuffle(l, x);
    case Op::GroupNorm:
        return groupNorm(l, x, w);
    case Op::PReLU:
        return prelu(l, x, w);
    case Op::LayerNorm:
        return layerNorm(l, x, w);
    case Op::LocalResponseNorm:
        return localResponseNorm(l, x);
    case Op::ChannelShuffle:
        return channelShuffle(l, x);
    case Op::Add: { // Σ of the inputs, each read at the output's index (0 on an axis where it has size 1)
        NdArray out = zerosLike(*l.output);
        for (i64 i = 0; i < i64(out.data.size()); ++i) {
            const std::vector<i64> idx = unflatten(i, out.shape);
            double sum = 0;
            for (const NdArray *t : inputs) {
                if (!t || t->shape.size() != idx.size())
                    throw ComputeError("reference: layer '" + l.name + "' adds an input of another rank");
                std::vector<i64> j = idx;
                for (size_t d = 0; d < j.size(); ++d)
                    if (t->shape[d] == 1)
                        j[d] = 0;
                sum += double(t->data[size_t(flatIndex(j, t->shape))]);
            }
            out.data[size_t(i)] = float(sum);
        }
        return out;
    }
    }
    throw ComputeError("reference: no kernel for layer '" + l.name + "'");
}

} // namespace convlens
