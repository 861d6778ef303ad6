// pad.cpp — borders: zero padding and cropping, as a shifted copy.
#include "compute/kernels/kernels.h"

namespace convlens::kernels {

void padOrCrop(const LayerReport &l, Framework f, const Tensor &x, Tensor &y, const ExecContext &ctx)
{
    const auto &s = l.spec;
    const Dims3 in = dims3(f, l.inputShapes.at(0)), od = dims3(f, *l.output);
    // Output cell (oy, ox) reads input (oy − top, ox − left) for padding, (oy + top, ox + left) for cropping; y is
    // zero-filled, so cells outside the input stay 0.
    const i64 dy = l.op == Op::Pad ? -s.pad.top : s.crop.top, dx = l.op == Op::Pad ? -s.pad.left : s.crop.left;
    ctx.parallelFor(in.c, in.c * od.h * od.w, [&](i64 c) {
        const float *plane = x.data.data() + c * in.h * in.w;
        float *dst = y.data.data() + c * od.h * od.w;
        for (i64 oy = 0; oy < od.h; ++oy) {
            const i64 iy = oy + dy;
            if (iy < 0 || iy >= in.h)
                continue;
            for (i64 ox = 0; ox < od.w; ++ox) {
                const i64 ix = ox + dx;
                if (ix >= 0 && ix < in.w)
                    dst[oy * od.w + ox] = plane[iy * in.w + ix];
            }
        }
    });
}

} // namespace convlens::kernels
