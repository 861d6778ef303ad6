// pool.cpp — max and average pooling windows (Keras SAME, torch padding and ceil_mode, every divisor), global and
// adaptive pooling.
#include "compute/kernels/kernels.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace convlens::kernels {

void pool2d(const LayerReport &l, Framework f, const float *in, float *out, const ExecContext &ctx)
{
    const Dims3 id = dims3(f, l.inputShapes.at(0)), od = dims3(f, *l.output);
    const auto &s = l.spec;
    const i64 kh = s.kernel[0], kw = s.kernel[1], sh = s.stride[0], sw = s.stride[1];
    const i64 dh = s.dilation[0], dw = s.dilation[1], pt = s.pad.top, pl = s.pad.left;
    const bool isMax = l.op == Op::MaxPool;
    const i64 HW = id.h * id.w, ON = od.h * od.w;
    const i64 H = id.h, W = id.w, padH2 = s.pad.bottom, padW2 = s.pad.right;
    ctx.parallelFor(id.c, id.c * ON * kh * kw, [&](i64 c) {
        if (ctx.cancelled())
            return;
        const float *plane = in + c * HW;
        float *dst = out + c * ON;
        for (i64 oy = 0; oy < od.h; ++oy) {
            const i64 ys = oy * sh - pt;
            const bool rowInside = ys >= 0 && ys + (kh - 1) * dh < H;
            // Interior columns: the whole window is inside the input, so no bounds checks and a fixed divisor.
            i64 xLo = od.w, xHi = -1;
            if (rowInside) {
                validRange(-pl, sw, W, od.w, xLo, xHi);                           // window start ≥ 0
                xHi = std::min(xHi, floorDiv(W - 1 - (kw - 1) * dw + pl, sw));    // window end < W
            }
            if (rowInside && xLo <= xHi) {
                float *drow = dst + oy * od.w;
                if (isMax && kh == 2 && kw == 2 && sw == 2 && dh == 1 && dw == 1) {
                    // The common 2×2 / stride-2 case, vectorisable; NaN-propagating like torch.
                    const float *r0 = plane + ys * W - pl, *r1 = r0 + W;
                    const auto mx = [](float a, float b) { return (a > b || a != a) ? a : b; };
                    for (i64 ox = xLo; ox <= xHi; ++ox)
                        drow[ox] = mx(mx(r0[2 * ox], r0[2 * ox + 1]), mx(r1[2 * ox], r1[2 * ox + 1]));
                } else {
                    const float inv = s.divisorOverride > 0 ? 1.0f / float(s.divisorOverride) : 1.0f / float(kh * kw);
                    for (i64 ox = xLo; ox <= xHi; ++ox) {
                        const float *w0 = plane + ys * W + ox * sw - pl;
                        float acc = isMax ? -std::numeric_limits<float>::infinity() : 0.0f;
                        for (i64 ky = 0; ky < kh; ++ky) {
                            const float *row = w0 + ky * dh * W;
                            for (i64 kx = 0; kx < kw; ++kx) {
                                const float v = row[kx * dw];
                                if (isMax)
                                    acc = (v > acc || v != v) ? v : acc;
                                else
                                    acc += v;
                            }
                        }
                        drow[ox] = isMax ? acc : acc * inv;
                    }
                }
            }
            for (i64 ox = 0; ox < od.w; ++ox) {
                if (ox >= xLo && ox <= xHi)
                    ox = xHi + 1;
                if (ox >= od.w)
                    break;
                const i64 xs = ox * sw - pl;
                if (isMax) {
                    float m = -std::numeric_limits<float>::infinity();
                    for (i64 ky = 0; ky < kh; ++ky) {
                        const i64 iy = ys + ky * dh;
                        if (iy < 0 || iy >= H)
                            continue;
                        const float *row = plane + iy * W;
                        for (i64 kx = 0; kx < kw; ++kx) {
                            const i64 ix = xs + kx * dw;
                            if (ix < 0 || ix >= W)
                                continue;
                            const float v = row[ix];
                            if (v > m || std::isnan(v))
                                m = v;
                            if (std::isnan(m))
                                break;
                        }
                    }
                    dst[oy * od.w + ox] = m;
                } else {
                    // Window clipped to input + padding (torch's divisor for count_include_pad), then to the input.
                    const i64 ye = std::min(ys + kh, H + padH2), xe = std::min(xs + kw, W + padW2);
                    const i64 padded = (ye - ys) * (xe - xs);
                    const i64 y0 = std::max<i64>(ys, 0), x0 = std::max<i64>(xs, 0);
                    const i64 y1 = std::min(ye, H), x1 = std::min(xe, W);
                    double sum = 0.0;
                    for (i64 iy = y0; iy < y1; ++iy)
                        for (i64 ix = x0; ix < x1; ++ix)
                            sum += plane[iy * W + ix];
                    const i64 real = std::max<i64>(0, y1 - y0) * std::max<i64>(0, x1 - x0);
                    const double div = double(
                        dims::poolDivisor(real, padded, s.divisorOverride, s.padKind == PadKind::CountedZero));
                    dst[oy * od.w + ox] = real == 0 ? 0.0f : float(sum / div);
                }
            }
        }
    });
}

void globalPool(const LayerReport &l, Framework f, const Tensor &x, Tensor &y, const ExecContext &ctx)
{
    const Dims3 in = dims3(f, l.inputShapes.at(0));
    if (y.elements() != in.c)
        throw ComputeError("layer '" + l.name + "': global pooling output must have one value per channel");
    const i64 HW = in.h * in.w;
    ctx.parallelFor(in.c, in.c * HW, [&](i64 c) {
        const float *plane = x.data.data() + c * HW;
        if (l.op == Op::GlobalAvgPool) {
            double sum = 0;
            for (i64 i = 0; i < HW; ++i)
                sum += plane[i];
            y.data[size_t(c)] = float(sum / double(HW));
        } else {
            float m = -std::numeric_limits<float>::infinity();
            for (i64 i = 0; i < HW; ++i)
                if (plane[i] > m || std::isnan(plane[i]))
                    m = plane[i];
            y.data[size_t(c)] = m;
        }
    });
}

void adaptivePool(const LayerReport &l, Framework f, const Tensor &x, Tensor &y, const ExecContext &ctx)
{
    const bool isMax = l.op == Op::AdaptiveMaxPool;
    const Dims3 in = dims3(f, l.inputShapes.at(0)), od = dims3(f, *l.output);
    ctx.parallelFor(in.c, in.c * in.h * in.w, [&](i64 c) {
        const float *plane = x.data.data() + c * in.h * in.w;
        for (i64 oy = 0; oy < od.h; ++oy) {
            const i64 y0 = oy * in.h / od.h, y1 = ceilDiv((oy + 1) * in.h, od.h);
            for (i64 ox = 0; ox < od.w; ++ox) {
                const i64 x0 = ox * in.w / od.w, x1 = ceilDiv((ox + 1) * in.w, od.w);
                double sum = 0;
                float m = -std::numeric_limits<float>::infinity();
                for (i64 iy = y0; iy < y1; ++iy)
                    for (i64 ix = x0; ix < x1; ++ix) {
                        const float v = plane[iy * in.w + ix];
                        sum += v;
                        m = (v > m || v != v) ? v : m;
                    }
                y.data[size_t((c * od.h + oy) * od.w + ox)] = isMax ? m : float(sum / double((y1 - y0) * (x1 - x0)));
            }
        }
    });
}

} // namespace convlens::kernels
