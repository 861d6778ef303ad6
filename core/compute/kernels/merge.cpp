// merge.cpp — concatenation (block copies along the storage axis) and element-wise addition.
#include "compute/kernels/kernels.h"

#include <algorithm>
#include <cstring>

namespace convlens::kernels {

void concat(const LayerReport &l, std::span<const Tensor *const> inputs, Tensor &y)
{
    const Shape &outShape = *l.output;
    const Shape odims = y.storageDims();
    const int axis = y.storageAxis(normalisedAxis(l.spec.axis, outShape.size()));
    i64 outer, olen, inner;
    axisExtents(odims, axis, outer, olen, inner);
    i64 offset = 0;
    for (const Tensor *t : inputs) {
        if (!t || t->shape.size() != outShape.size())
            throw ComputeError("layer '" + l.name + "': concatenated inputs must have the output's rank");
        const Shape d = t->storageDims();
        const i64 len = d[size_t(axis)];
        for (i64 o = 0; o < outer; ++o)
            std::memcpy(y.data.data() + (o * olen + offset) * inner, t->data.data() + o * len * inner,
                        size_t(len * inner) * sizeof(float));
        offset += len;
    }
}

// Inputs of the output's shape are summed in storage order; an input with size-1 axes (the broadcasting the shape
// rule allows: Keras Add of (H, W, C) and (1, 1, C), torch x + y) is read in framework order, each axis of size 1
// at index 0.
void add(const LayerReport &l, std::span<const Tensor *const> inputs, Tensor &y)
{
    for (const Tensor *t : inputs)
        if (!t || t->shape.size() != y.shape.size())
            throw ComputeError("layer '" + l.name + "': added inputs must have the output's rank");
    if (std::any_of(inputs.begin(), inputs.end(), [&](const Tensor *t) { return t->shape != y.shape; })) {
        const Shape &out = y.shape;
        std::vector<float> sum(size_t(elementCount(out)), 0.0f);
        for (const Tensor *t : inputs) {
            for (size_t a = 0; a < out.size(); ++a)
                if (t->shape[a] != out[a] && t->shape[a] != 1)
                    throw ComputeError("layer '" + l.name + "': an added input does not broadcast to the output");
            const std::vector<float> v = t->toFrameworkOrder();
            for (i64 i = 0; i < i64(sum.size()); ++i) {
                i64 rest = i, at = 0, stride = 1;
                for (size_t a = out.size(); a-- > 0;) {
                    const i64 idx = rest % out[a];
                    rest /= out[a];
                    if (t->shape[a] != 1)
                        at += idx * stride;
                    stride *= t->shape[a];
                }
                sum[size_t(i)] += v[size_t(at)];
            }
        }
        y = Tensor::fromFrameworkOrder(y.framework, out, sum);
        return;
    }
    const Tensor &x = *inputs[0];
    std::copy(x.data.begin(), x.data.end(), y.data.begin());
    for (size_t i = 1; i < inputs.size(); ++i) {
        if (inputs[i]->data.size() != y.data.size())
            throw ComputeError("layer '" + l.name + "': added inputs must have the same shape");
        Eigen::Map<Eigen::ArrayXf>(y.data.data(), y.elements()) +=
            Eigen::Map<const Eigen::ArrayXf>(inputs[i]->data.data(), y.elements());
    }
}

} // namespace convlens::kernels
