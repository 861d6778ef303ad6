// resample.cpp — nearest and bilinear upsampling (half-pixel centres, align_corners), by per-axis tables.
#include "compute/kernels/kernels.h"
#include "shape/resize.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace convlens::kernels {

namespace {

struct Lerp {
    i64 i0, i1;
    float w1;
};

std::vector<Lerp> bilinearTable(i64 in, i64 out, double scaleFactor, bool alignCorners)
{
    std::vector<Lerp> t(static_cast<size_t>(out));
    for (i64 o = 0; o < out; ++o) {
        const float src = dims::bilinearSource<float>(in, out, o, scaleFactor, alignCorners);
        const i64 i0 = std::min<i64>(i64(src), in - 1);
        const i64 i1 = i0 + (i0 < in - 1 ? 1 : 0);
        t[size_t(o)] = {i0, i1, src - float(i0)};
    }
    return t;
}

std::vector<i64> nearestTable(const LayerReport &l, int axis, i64 in, i64 out)
{
    std::vector<i64> t(static_cast<size_t>(out));
    for (i64 o = 0; o < out; ++o)
        t[size_t(o)] = dims::nearestSourceOf(l, axis, in, out, o);
    return t;
}

} // namespace

void upsample(const LayerReport &l, Framework f, const float *in, float *out, const ExecContext &ctx)
{
    const Dims3 id = dims3(f, l.inputShapes.at(0)), od = dims3(f, *l.output);
    const auto &s = l.spec;
    const i64 HW = id.h * id.w, ON = od.h * od.w;
    if (s.interpolation == Interp::Nearest) {
        const auto ty = nearestTable(l, 0, id.h, od.h), tx = nearestTable(l, 1, id.w, od.w);
        ctx.parallelFor(id.c, id.c * ON, [&](i64 c) {
            const float *plane = in + c * HW;
            float *dst = out + c * ON;
            for (i64 oy = 0; oy < od.h; ++oy) {
                if (oy > 0 && ty[size_t(oy)] == ty[size_t(oy - 1)]) { // repeated row: copy the one just made
                    std::memcpy(dst + oy * od.w, dst + (oy - 1) * od.w, size_t(od.w) * sizeof(float));
                    continue;
                }
                const float *row = plane + ty[size_t(oy)] * id.w;
                for (i64 ox = 0; ox < od.w; ++ox)
                    dst[oy * od.w + ox] = row[tx[size_t(ox)]];
            }
        });
        return;
    }
    const auto ty = bilinearTable(id.h, od.h, s.scale[0], s.alignCorners);
    const auto tx = bilinearTable(id.w, od.w, s.scale[1], s.alignCorners);
    ctx.parallelFor(id.c, id.c * ON * 8, [&](i64 c) {
        const float *plane = in + c * HW;
        float *dst = out + c * ON;
        for (i64 oy = 0; oy < od.h; ++oy) {
            const Lerp &y = ty[size_t(oy)];
            const float *r0 = plane + y.i0 * id.w, *r1 = plane + y.i1 * id.w;
            const float wy1 = y.w1, wy0 = 1.0f - y.w1;
            for (i64 ox = 0; ox < od.w; ++ox) {
                const Lerp &x = tx[size_t(ox)];
                const float wx1 = x.w1, wx0 = 1.0f - x.w1;
                dst[oy * od.w + ox] =
                    wy0 * (wx0 * r0[x.i0] + wx1 * r0[x.i1]) + wy1 * (wx0 * r1[x.i0] + wx1 * r1[x.i1]);
            }
        }
    });
}

} // namespace convlens::kernels
