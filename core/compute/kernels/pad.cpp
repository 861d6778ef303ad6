// pad.cpp — borders: padding (constant, reflected or replicated, model/ops.h Op::Pad) and cropping, as a shifted copy.
#include "compute/kernels/kernels.h"

#include <algorithm>

namespace convlens::kernels {

void padOrCrop(const LayerReport &l, Framework f, const Tensor &x, Tensor &y, const ExecContext &ctx)
{
    const auto &s = l.spec;
    const Dims3 in = dims3(f, l.inputShapes.at(0)), od = dims3(f, *l.output);
    // Output cell (oy, ox) reads input (oy − top, ox − left) for padding, (oy + top, ox + left) for cropping. A
    // negative pad crops, so the source of a row or column may lie outside the input on either side.
    const bool pad = l.op == Op::Pad;
    const i64 dy = pad ? -s.pad.top : s.crop.top, dx = pad ? -s.pad.left : s.crop.left;
    const PadMode mode = pad ? s.padMode : PadMode::Constant;
    const auto source = [mode](i64 i, i64 n) -> i64 { // -1: a constant border cell
        switch (mode) {
        case PadMode::Constant: return i >= 0 && i < n ? i : -1;
        case PadMode::Reflect: return dims::reflectIndex(i, n);
        case PadMode::Replicate: return dims::replicateIndex(i, n);
        case PadMode::Circular: return dims::circularIndex(i, n);
        case PadMode::Symmetric: return dims::symmetricIndex(i, n);
        }
        return -1;
    };
    std::vector<i64> cols(static_cast<size_t>(od.w));
    for (i64 ox = 0; ox < od.w; ++ox)
        cols[size_t(ox)] = source(ox + dx, in.w);
    const float border = pad ? float(s.padValue) : 0.0f;
    ctx.parallelFor(in.c, in.c * od.h * od.w, [&](i64 c) {
        const float *plane = x.data.data() + c * in.h * in.w;
        float *dst = y.data.data() + c * od.h * od.w;
        for (i64 oy = 0; oy < od.h; ++oy) {
            const i64 iy = source(oy + dy, in.h);
            float *row = dst + oy * od.w;
            if (iy < 0) {
                std::fill(row, row + od.w, border);
                continue;
            }
            for (i64 ox = 0; ox < od.w; ++ox) {
                const i64 ix = cols[size_t(ox)];
                row[ox] = ix < 0 ? border : plane[iy * in.w + ix];
            }
        }
    });
}

} // namespace convlens::kernels
