// tensor_ops.cpp — the tensor operations of forward(): arithmetic with broadcasting, reductions over axes, permute,
// slicing, PixelShuffle/PixelUnshuffle and GroupNorm/InstanceNorm2d. They move or combine whole axes, so they work on
// the framework-layout values (the same as the storage for PyTorch) with precomputed strides; the oracle is the
// per-element multi-index loops of compute/reference/.
#include "compute/kernels/kernels.h"

#include <cmath>
#include <limits>

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

} // namespace

Tensor arithmetic(const LayerReport &l, Framework f, std::span<const Tensor *const> inputs)
{
    const auto &s = l.spec;
    const Shape &out = *l.output;
    const std::vector<float> a = inputs[0]->toFrameworkOrder();
    std::vector<float> y(a.size());
    if (s.hasScalar) {
        const float k = float(s.scalar);
        for (size_t i = 0; i < a.size(); ++i)
            y[i] = s.scalarFirst ? arith(s.arith, k, a[i]) : arith(s.arith, a[i], k);
        return Tensor::fromFrameworkOrder(f, out, y);
    }
    const std::vector<float> b = inputs[1]->toFrameworkOrder();
    const Shape &sa = inputs[0]->shape, &sb = inputs[1]->shape;
    y.resize(size_t(elementCount(out)));
    if (sa == out && sb == out) {
        for (size_t i = 0; i < y.size(); ++i)
            y[i] = arith(s.arith, a[i], b[i]);
        return Tensor::fromFrameworkOrder(f, out, y);
    }
    // broadcasting: a stride of 0 where an operand has size 1 (same rank: the shape rule requires it)
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
            dst[i] = arith(s.arith, a[size_t(ia + i * la)], b[size_t(ib + i * lb)]);
    }
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
    const bool extreme = s.reduce == ReduceOp::Max || s.reduce == ReduceOp::Min;
    std::vector<double> acc(size_t(n), extreme ? (s.reduce == ReduceOp::Max ? -INFINITY : INFINITY) : 0.0);
    std::vector<bool> nan(size_t(n), false);
    std::vector<i64> idx(in.size(), 0);
    i64 o = 0;
    for (size_t i = 0; i < v.size(); ++i) {
        const double e = v[i];
        if (std::isnan(e))
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
        y[i] = nan[i] ? std::numeric_limits<float>::quiet_NaN()
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
        float *block = d + g * n;
        double mean = 0;
        for (i64 i = 0; i < n; ++i)
            mean += block[i];
        mean /= double(n);
        double var = 0;
        for (i64 i = 0; i < n; ++i)
            var += (block[i] - mean) * (block[i] - mean);
        var /= double(n); // biased, as torch normalises
        const double inv = 1.0 / std::sqrt(var + s.epsilon);
        for (i64 c = g * cg; c < (g + 1) * cg; ++c) {
            const double a = inv * (p.scale.empty() ? 1.0 : double(p.scale[size_t(c)]));
            const double b = (p.shift.empty() ? 0.0 : double(p.shift[size_t(c)])) - mean * a;
            for (i64 i = 0; i < per; ++i)
                d[c * per + i] = float(d[c * per + i] * a + b);
        }
    }
}

} // namespace convlens::kernels
