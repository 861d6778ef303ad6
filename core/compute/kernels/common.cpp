// common.cpp — helpers every kernel family shares: layouts, ranges, bias and activation epilogues.
#include "compute/kernels/kernels.h"

#include <algorithm>

namespace convlens::kernels {

Dims3 dims3(Framework f, const Shape &s)
{
    if (s.size() != 3)
        throw ComputeError("expected a rank-3 (spatial) tensor, got rank " + std::to_string(s.size()));
    return f == Framework::Keras ? Dims3{s[2], s[0], s[1]} : Dims3{s[0], s[1], s[2]};
}


void finishRows(float *rows, i64 count, i64 len, i64 stride, const float *bias, Act act, double alpha)
{
    for (i64 r = 0; r < count; ++r) {
        float *row = rows + r * stride;
        if (bias) {
            const float b = bias[r];
            for (i64 j = 0; j < len; ++j)
                row[j] += b;
        }
        if (act != Act::Linear && isElementwise(act))
            applyActivation(act, alpha, row, len);
    }
}


void axisExtents(const Shape &dims, int axis, i64 &outer, i64 &len, i64 &inner)
{
    outer = 1;
    inner = 1;
    for (int i = 0; i < axis; ++i)
        outer *= dims[size_t(i)];
    len = dims[size_t(axis)];
    for (size_t i = size_t(axis) + 1; i < dims.size(); ++i)
        inner *= dims[i];
}

int normalisedAxis(i64 axis, size_t rank)
{
    const i64 r = i64(rank);
    i64 a = axis < 0 ? axis + r : axis;
    if (a < 0 || a >= r)
        a = r - 1;
    return int(a);
}

void applyLayerActivation(Tensor &t, Act act, double alpha, i64 axis, double beta)
{
    if (act == Act::Linear)
        return;
    if (act == Act::Softmax || act == Act::LogSoftmax) {
        const Shape dims = t.storageDims();
        if (dims.empty())
            return;
        i64 outer, len, inner;
        axisExtents(dims, t.storageAxis(normalisedAxis(axis, t.shape.size())), outer, len, inner);
        applySoftmax(t.data.data(), outer, len, inner, act == Act::LogSoftmax);
        return;
    }
    applyActivation(act, alpha, t.data.data(), t.elements(), beta);
}

Tensor relayout(const Tensor &in, Framework f, const Shape &out)
{
    if (in.shape == out)
        return in;
    const auto flat = in.toFrameworkOrder();
    return Tensor::fromFrameworkOrder(f, out, flat);
}


ConvGeom convGeom(const LayerReport &l, Framework f, i64 inC, i64 outC, i64 groups)
{
    const Dims3 in = dims3(f, l.inputShapes.at(0)), out = dims3(f, *l.output);
    const auto &s = l.spec;
    // pt/pl: the window's padding, or for a transposed convolution what is cropped from the full result.
    const Pad4 &p = l.op == Op::ConvTranspose ? s.transposedCrop : s.pad;
    return {inC > 0 ? inC : in.c, in.h, in.w, outC > 0 ? outC : out.c, out.h, out.w,
            s.kernel[0], s.kernel[1], s.stride[0], s.stride[1], s.dilation[0], s.dilation[1], p.top, p.left,
            groups};
}

} // namespace convlens::kernels
