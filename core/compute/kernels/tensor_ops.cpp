// tensor_ops.cpp — the tensor operations of forward(): arithmetic with broadcasting, reductions over axes, permute,
// slicing, PixelShuffle/PixelUnshuffle and GroupNorm/InstanceNorm2d. They move or combine whole axes, so they work on
// the framework-layout values (the same as the storage for PyTorch) with precomputed strides; the oracle is the
// per-element multi-index loops of compute/reference/.
#include "compute/kernels/kernels.h"

#include <cmath>
#include <limits>
#include <utility>

namespace convlens::kernels {

namespace {

std::vector<i64> stridesOf(const Shape &s)
{
    std::vector<i64> st(s.size(), 1);
    for (size_t i = s.size(); i-- > 1;)
        st[i - 1] = st[i] * s[i];
    return st;
}

float arith(ArithOp op, float a, float b)
{
    switch (op) {
    case ArithOp::Add: return a + b;
    case ArithOp::Sub: return a - b;
    case ArithOp::Mul: return a * b;
    case ArithOp::Div: return a / b;
    }
    return a;
}

// One step of Op::Arith on two operands: `arith`, or `arithFn` (Mean folds as a sum).
float combine(const ResolvedLayer &s, ArithFn fn, float a, float b)
{
    switch (fn) {
    case ArithFn::Max: return std::isnan(a) || a > b ? a : b; // tf.maximum / torch.maximum: NaN wins
    case ArithFn::Min: return std::isnan(a) || a < b ? a : b;
    case ArithFn::Mean: return a + b;
    case ArithFn::Pow: return std::pow(a, b);
    case ArithFn::Expand: return a; // the first operand, broadcast to the second's shape
    case ArithFn::Plain:
    case ArithFn::Abs:
    case ArithFn::Rescale:
    case ArithFn::Standardize:
    case ArithFn::L2Normalize:
        break;
    }
    return arith(s.arith, a, b);
}

// a ∘ b with broadcasting (same rank: the shape rule requires it; a stride of 0 where an operand has size 1).
std::vector<float> broadcastBinary(const ResolvedLayer &s, ArithFn fn, const std::vector<float> &a,
                                   const Shape &sa, const std::vector<float> &b, const Shape &sb, Shape &out)
{
    out = sa;
    for (size_t d = 0; d < out.size(); ++d)
        out[d] = sa[d] == 1 ? sb[d] : sa[d];
    std::vector<float> y(size_t(elementCount(out)));
    if (sa == out && sb == out) {
        for (size_t i = 0; i < y.size(); ++i)
            y[i] = combine(s, fn, a[i], b[i]);
        return y;
    }
    const std::vector<i64> so = stridesOf(out), ta = stridesOf(sa), tb = stridesOf(sb);
    const size_t rank = out.size();
    std::vector<i64> stepA(rank), stepB(rank);
    for (size_t d = 0; d < rank; ++d) {
        stepA[d] = sa[d] == 1 ? 0 : ta[d];
        stepB[d] = sb[d] == 1 ? 0 : tb[d];
    }
    // the last axis runs in the inner loop; the rest are decoded once per row
    const i64 inner = rank ? out[rank - 1] : 1, rows = elementCount(out) / std::max<i64>(1, inner);
    for (i64 r = 0; r < rows; ++r) {
        i64 ia = 0, ib = 0, rem = r * inner;
        for (size_t d = 0; d + 1 < rank; ++d) {
            const i64 idx = rem / so[d];
            rem %= so[d];
            ia += idx * stepA[d];
            ib += idx * stepB[d];
        }
        const i64 la = rank ? stepA[rank - 1] : 0, lb = rank ? stepB[rank - 1] : 0;
        float *dst = y.data() + r * inner;
        for (i64 i = 0; i < inner; ++i)
            dst[i] = combine(s, fn, a[size_t(ia + i * la)], b[size_t(ib + i * lb)]);
    }
    return y;
}

} // namespace

Tensor arithmetic(const LayerReport &l, Framework f, std::span<const Tensor *const> inputs)
{
    const auto &s = l.spec;
    const Shape &out = *l.output;
    const ArithFn fn = s.arithFn;
    std::vector<float> y = inputs[0]->toFrameworkOrder();
    switch (fn) {
    case ArithFn::Abs:
        for (float &v : y)
            v = std::fabs(v);
        return Tensor::fromFrameworkOrder(f, out, y);
    case ArithFn::Rescale: { // tf.keras and tfjs: inputs * scale + offset, two float32 roundings
        const float k = float(s.scalar), o = float(s.offset);
        for (float &v : y)
            v = v * k + o;
        return Tensor::fromFrameworkOrder(f, out, y);
    }
    case ArithFn::Standardize: { // tf.keras: (inputs − mean) / maximum(sqrt(variance), epsilon), in float32
        // (adapt()'s statistics: forward.cpp puts the prepared weights here first)
        const size_t n = s.statMean.size(), last = out.empty() ? 1 : size_t(out.back());
        if (n == 0 || s.statDenom.size() != n || (n != 1 && n != last))
            throw ComputeError("layer '" + l.name + "': " + std::to_string(n) + " means for a last axis of " +
                               std::to_string(last));
        for (size_t i = 0; i < y.size(); ++i) {
            const size_t c = n == 1 ? 0 : i % last;
            // invert=True (scalarFirst): mean + inputs · maximum(sqrt(variance), epsilon)
            y[i] = s.scalarFirst ? float(s.statMean[c]) + y[i] * float(s.statDenom[c])
                                 : (y[i] - float(s.statMean[c])) / float(s.statDenom[c]);
        }
        return Tensor::fromFrameworkOrder(f, out, y);
    }
    case ArithFn::L2Normalize: { // tf.math.l2_normalize: x · rsqrt(maximum(Σ x² over the axes, epsilon))
        const Shape &in = inputs[0]->shape;
        std::vector<bool> summed(in.size(), false);
        for (i64 d : s.dims)
            summed[size_t(d)] = true;
        // each element's group: its index with the summed axes set to 0
        std::vector<size_t> group(y.size());
        const std::vector<i64> st = stridesOf(in);
        for (size_t i = 0; i < y.size(); ++i) {
            i64 g = 0;
            for (size_t d = 0; d < in.size(); ++d)
                if (!summed[d])
                    g += (i64(i) / st[d] % in[d]) * st[d];
            group[i] = size_t(g);
        }
        std::vector<double> sq(y.size(), 0.0);
        for (size_t i = 0; i < y.size(); ++i)
            sq[group[i]] += double(y[i]) * y[i];
        for (size_t i = 0; i < y.size(); ++i)
            y[i] = y[i] * float(1.0 / std::sqrt(std::max(sq[group[i]], s.epsilon)));
        return Tensor::fromFrameworkOrder(f, out, y);
    }
    case ArithFn::Plain:
    case ArithFn::Max:
    case ArithFn::Min:
    case ArithFn::Mean:
    case ArithFn::Pow:
    case ArithFn::Expand:
        break;
    }
    if (s.hasScalar) {
        const float k = float(s.scalar);
        for (float &v : y)
            v = s.scalarFirst ? combine(s, fn, k, v) : combine(s, fn, v, k);
        return Tensor::fromFrameworkOrder(f, out, y);
    }
    // Keras Multiply/Maximum/…: ((a ∘ b) ∘ c) ∘ …, each step broadcasting as the shape rule did
    Shape shape = inputs[0]->shape;
    for (size_t k = 1; k < inputs.size(); ++k) {
        Shape next;
        y = broadcastBinary(s, fn, y, shape, inputs[k]->toFrameworkOrder(), inputs[k]->shape, next);
        shape = std::move(next);
    }
    if (fn == ArithFn::Mean) // tf.keras Average: the sum divided by the count
        for (float &v : y)
            v /= float(inputs.size());
    if (shape != out)
        throw ComputeError("layer '" + l.name + "': the operands broadcast to " + shapeToString(shape, f) +
                           ", not the inferred " + shapeToString(out, f));
    return Tensor::fromFrameworkOrder(f, out, y);
}

Tensor reduce(const LayerReport &l, Framework f, const Tensor &x)
{
    const auto &s = l.spec;
    const Shape &in = x.shape;
    const std::vector<float> v = x.toFrameworkOrder();
    // the output index of every input element: its kept axes, in order
    std::vector<bool> reduced(in.size(), false);
    for (i64 d : s.dims)
        reduced[size_t(d)] = true;
    Shape kept;
    for (size_t d = 0; d < in.size(); ++d)
        if (!reduced[d])
            kept.push_back(in[d]);
    const std::vector<i64> keptStrides = stridesOf(kept);
    std::vector<i64> outStep(in.size(), 0);
    for (size_t d = 0, k = 0; d < in.size(); ++d)
        if (!reduced[d])
            outStep[d] = keptStrides[k++];
    const i64 n = elementCount(kept);
    const bool arg = s.argIndex; // the index of the first Max / Min
    const bool upper = s.reduce == ReduceOp::Max;
    const bool extreme = s.reduce == ReduceOp::Max || s.reduce == ReduceOp::Min;
    std::vector<double> acc(size_t(n), extreme ? (upper ? -INFINITY : INFINITY) : 0.0);
    std::vector<bool> nan(size_t(n), false);
    std::vector<i64> seen(arg ? size_t(n) : 0, 0), best(arg ? size_t(n) : 0, 0); // Arg*: one reduced axis, visited in order
    std::vector<i64> idx(in.size(), 0);
    i64 o = 0;
    for (size_t i = 0; i < v.size(); ++i) {
        const double e = v[i];
        if (arg) { // torch.max(x, dim).indices: the first extreme; a NaN is the extreme
            const size_t u = size_t(o);
            if (!nan[u] && (std::isnan(e) || (upper ? e > acc[u] : e < acc[u]))) {
                nan[u] = std::isnan(e);
                acc[u] = e;
                best[u] = seen[u];
            }
            ++seen[u];
        } else if (std::isnan(e))
            nan[size_t(o)] = true;
        else if (s.reduce == ReduceOp::Max)
            acc[size_t(o)] = std::max(acc[size_t(o)], e);
        else if (s.reduce == ReduceOp::Min)
            acc[size_t(o)] = std::min(acc[size_t(o)], e);
        else
            acc[size_t(o)] += e;
        for (size_t d = in.size(); d-- > 0;) { // next multi-index, keeping o in step
            ++idx[d];
            o += outStep[d];
            if (idx[d] < in[d])
                break;
            o -= outStep[d] * in[d];
            idx[d] = 0;
        }
    }
    const double count = double(elementCount(in)) / double(std::max<i64>(1, n));
    std::vector<float> y(static_cast<size_t>(n));
    for (size_t i = 0; i < y.size(); ++i)
        y[i] = arg      ? float(best[i])
               : nan[i] ? std::numeric_limits<float>::quiet_NaN()
                        : float(s.reduce == ReduceOp::Mean ? acc[i] / count : acc[i]);
    return Tensor::fromFrameworkOrder(f, *l.output, y);
}

Tensor permute(const LayerReport &l, Framework f, const Tensor &x)
{
    const Shape &in = x.shape, &out = *l.output;
    const std::vector<float> v = x.toFrameworkOrder();
    const std::vector<i64> st = stridesOf(in);
    std::vector<i64> step(out.size());
    for (size_t d = 0; d < out.size(); ++d)
        step[d] = st[size_t(l.spec.dims[d])];
    std::vector<float> y(v.size());
    std::vector<i64> idx(out.size(), 0);
    i64 src = 0;
    for (size_t i = 0; i < y.size(); ++i) {
        y[i] = v[size_t(src)];
        for (size_t d = out.size(); d-- > 0;) {
            ++idx[d];
            src += step[d];
            if (idx[d] < out[d])
                break;
            src -= step[d] * out[d];
            idx[d] = 0;
        }
    }
    return Tensor::fromFrameworkOrder(f, out, y);
}

Tensor slice(const LayerReport &l, Framework f, const Tensor &x)
{
    const auto &s = l.spec;
    const Shape &in = x.shape, &out = *l.output;
    const std::vector<float> v = x.toFrameworkOrder();
    i64 outer = 1, inner = 1;
    for (i64 d = 0; d < s.axis; ++d)
        outer *= in[size_t(d)];
    for (size_t d = size_t(s.axis) + 1; d < in.size(); ++d)
        inner *= in[d];
    const i64 n = in[size_t(s.axis)], len = out[size_t(s.axis)];
    std::vector<float> y(size_t(elementCount(out)));
    for (i64 o = 0; o < outer; ++o)
        for (i64 k = 0; k < len; ++k) {
            const float *src = v.data() + (o * n + s.sliceStart + k * s.sliceStep) * inner;
            std::copy(src, src + inner, y.data() + (o * len + k) * inner);
        }
    return Tensor::fromFrameworkOrder(f, out, y);
}

Tensor pixelShuffle(const LayerReport &l, Framework f, const Tensor &x)
{
    const Shape &in = x.shape, &out = *l.output;
    const std::vector<float> v = x.toFrameworkOrder();
    std::vector<float> y(v.size());
    if (l.spec.depthToSpace) { // TensorFlow's DCR order on (H, W, C): out[h·r + i, w·r + j, c] = in[h, w, (i·r + j)·C + c]
        const i64 r = l.spec.shuffle, H = in[0], W = in[1], C = out[2];
        for (i64 h = 0; h < H; ++h)
            for (i64 w = 0; w < W; ++w)
                for (i64 i = 0; i < r; ++i)
                    for (i64 j = 0; j < r; ++j)
                        std::copy_n(v.begin() + ((h * W + w) * r * r + i * r + j) * C, C,
                                    y.begin() + ((h * r + i) * W * r + w * r + j) * C);
        return Tensor::fromFrameworkOrder(f, out, y);
    }
    const bool up = l.spec.shuffle > 0;
    const i64 r = up ? l.spec.shuffle : -l.spec.shuffle;
    // the small side: (C, H, W) with C = big C / r²; the big side (C·r², …) is indexed by (c·r + i)·r + j
    const i64 C = up ? out[0] : in[0], H = up ? in[1] : out[1], W = up ? in[2] : out[2];
    for (i64 c = 0; c < C; ++c)
        for (i64 i = 0; i < r; ++i)
            for (i64 j = 0; j < r; ++j) {
                const i64 plane = (c * r + i) * r + j;
                for (i64 h = 0; h < H; ++h)
                    for (i64 w = 0; w < W; ++w) {
                        const size_t packed = size_t((plane * H + h) * W + w);
                        const size_t spread = size_t((c * H * r + h * r + i) * W * r + w * r + j);
                        if (up)
                            y[spread] = v[packed];
                        else
                            y[packed] = v[spread];
                    }
            }
    return Tensor::fromFrameworkOrder(f, out, y);
}

namespace {
// The mean of n values and 1 / √(their biased variance + eps), as torch's GroupNorm and LayerNorm normalise.
std::pair<double, double> meanAndInvStd(const float *block, i64 n, double eps)
{
    double mean = 0;
    for (i64 i = 0; i < n; ++i)
        mean += block[i];
    mean /= double(n);
    double var = 0;
    for (i64 i = 0; i < n; ++i)
        var += (block[i] - mean) * (block[i] - mean);
    return {mean, 1.0 / std::sqrt(var / double(n) + eps)};
}
} // namespace

void groupNorm(const LayerReport &l, const PreparedLayer &p, Tensor &y)
{
    const auto &s = l.spec;
    const i64 C = y.shape[0], per = y.elements() / std::max<i64>(1, C); // framework order = storage (PyTorch)
    float *d = y.data.data();
    if (s.runningStats) { // eval mode with running statistics: scale and shift per channel, as batch norm
        for (i64 c = 0; c < C; ++c)
            for (i64 i = 0; i < per; ++i)
                d[c * per + i] = d[c * per + i] * p.scale[size_t(c)] + p.shift[size_t(c)];
        return;
    }
    const i64 G = std::max<i64>(1, s.groups), cg = C / G, n = cg * per;
    for (i64 g = 0; g < G; ++g) {
        const auto [mean, inv] = meanAndInvStd(d + g * n, n, s.epsilon);
        for (i64 c = g * cg; c < (g + 1) * cg; ++c) {
            const double a = inv * (p.scale.empty() ? 1.0 : double(p.scale[size_t(c)]));
            const double b = (p.shift.empty() ? 0.0 : double(p.shift[size_t(c)])) - mean * a;
            for (i64 i = 0; i < per; ++i)
                d[c * per + i] = float(d[c * per + i] * a + b);
        }
    }
}

Tensor prelu(const LayerReport &l, Framework f, const Tensor &x, const PreparedLayer &p)
{
    std::vector<float> v = x.toFrameworkOrder();
    const i64 C = x.shape.empty() ? 1 : x.shape[0], per = i64(v.size()) / std::max<i64>(1, C);
    const bool shared = p.scale.size() == 1;
    if (!shared && i64(p.scale.size()) != C)
        throw ComputeError("layer '" + l.name + "': " + std::to_string(p.scale.size()) + " slopes for " +
                           std::to_string(C) + " channels");
    for (i64 c = 0; c < C; ++c) {
        const float a = p.scale[shared ? 0 : size_t(c)];
        for (float *q = v.data() + c * per, *e = q + per; q != e; ++q)
            *q = *q > 0.0f ? *q : a * *q; // torch: x > 0 ? x : weight · x (NaN stays NaN)
    }
    return Tensor::fromFrameworkOrder(f, *l.output, v);
}

Tensor layerNorm(const LayerReport &l, Framework f, const Tensor &x, const PreparedLayer &p)
{
    const auto &s = l.spec;
    std::vector<float> v = x.toFrameworkOrder();
    i64 n = 1;
    for (i64 d : s.dims)
        n *= x.shape[size_t(d)];
    if (n <= 0 || (!p.scale.empty() && i64(p.scale.size()) != n) || (!p.shift.empty() && i64(p.shift.size()) != n))
        throw ComputeError("layer '" + l.name + "': its weight and bias do not match the normalized shape");
    for (float *block = v.data(), *end = v.data() + v.size(); block < end; block += n) {
        const auto [mean, inv] = meanAndInvStd(block, n, s.epsilon);
        for (i64 i = 0; i < n; ++i) {
            double y = (block[i] - mean) * inv;
            if (!p.scale.empty())
                y = y * p.scale[size_t(i)] + p.shift[size_t(i)];
            block[i] = float(y);
        }
    }
    return Tensor::fromFrameworkOrder(f, *l.output, v);
}

Tensor localResponseNorm(const LayerReport &l, Framework f, const Tensor &x)
{
    const auto &s = l.spec;
    const std::vector<float> v = x.toFrameworkOrder();
    const i64 C = x.shape[0], per = i64(v.size()) / std::max<i64>(1, C), before = s.lrnSize / 2,
              after = (s.lrnSize - 1) / 2;
    std::vector<float> y(v.size());
    std::vector<double> sq(static_cast<size_t>(per));
    for (i64 c = 0; c < C; ++c) {
        std::fill(sq.begin(), sq.end(), 0.0);
        for (i64 k = std::max<i64>(0, c - before); k <= std::min(C - 1, c + after); ++k)
            for (i64 i = 0; i < per; ++i)
                sq[size_t(i)] += double(v[size_t(k * per + i)]) * v[size_t(k * per + i)];
        for (i64 i = 0; i < per; ++i) {
            const double div = std::pow(s.lrnK + s.alpha * sq[size_t(i)] / double(s.lrnSize), s.beta);
            y[size_t(c * per + i)] = float(v[size_t(c * per + i)] / div);
        }
    }
    return Tensor::fromFrameworkOrder(f, *l.output, y);
}

Tensor channelShuffle(const LayerReport &l, Framework f, const Tensor &x)
{
    const std::vector<float> v = x.toFrameworkOrder();
    const i64 C = x.shape[0], per = i64(v.size()) / std::max<i64>(1, C), g = std::max<i64>(1, l.spec.groups),
              cg = C / g;
    std::vector<float> y(v.size());
    for (i64 i = 0; i < cg; ++i)
        for (i64 j = 0; j < g; ++j) // output channel i·g + j is input channel j·(C/g) + i
            std::copy_n(v.begin() + (j * cg + i) * per, per, y.begin() + (i * g + j) * per);
    return Tensor::fromFrameworkOrder(f, *l.output, y);
}

} // namespace convlens::kernels
