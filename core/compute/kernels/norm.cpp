// norm.cpp — batch normalisation at inference: y = x·scale + shift per channel (folded in forward.cpp's prepare).
#include "compute/kernels/kernels.h"

namespace convlens::kernels {

void batchNorm(const LayerReport &l, const PreparedLayer &p, Tensor &y, const ExecContext &ctx)
{
    const auto &s = l.spec;
    const Shape dims = y.storageDims();
    const i64 fwAxis = normalisedAxis(s.axis, y.shape.size());
    const i64 axis = y.framework == Framework::PyTorch && (s.axis < 0 || s.axis >= i64(y.shape.size())) ? 0 : fwAxis;
    i64 outer, len, inner;
    axisExtents(dims, y.storageAxis(axis), outer, len, inner);
    if (i64(p.scale.size()) != len)
        throw ComputeError("layer '" + l.name + "': batch norm has " + std::to_string(p.scale.size()) +
                           " channels but the input has " + std::to_string(len));
    ctx.parallelFor(outer * len, outer * len * inner, [&](i64 t) {
        const i64 c = t % len;
        float *row = y.data.data() + t * inner;
        const float a = p.scale[size_t(c)], b = p.shift[size_t(c)];
        for (i64 i = 0; i < inner; ++i)
            row[i] = row[i] * a + b;
    });
}

} // namespace convlens::kernels
