// merge.cpp — concatenation (block copies along the storage axis) and element-wise addition.
#include "compute/kernels/kernels.h"

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

void add(const LayerReport &l, std::span<const Tensor *const> inputs, Tensor &y)
{
    const Tensor &x = *inputs[0];
    if (x.data.size() != y.data.size())
        throw ComputeError("layer '" + l.name + "': added inputs must have the output's shape");
    std::copy(x.data.begin(), x.data.end(), y.data.begin());
    for (size_t i = 1; i < inputs.size(); ++i) {
        if (!inputs[i] || inputs[i]->data.size() != y.data.size())
            throw ComputeError("layer '" + l.name + "': added inputs must have the same shape");
        Eigen::Map<Eigen::ArrayXf>(y.data.data(), y.elements()) +=
            Eigen::Map<const Eigen::ArrayXf>(inputs[i]->data.data(), y.elements());
    }
}

} // namespace convlens::kernels
