// conv_gemm.cpp — im2col + GEMM convolution and the depthwise loop.
//
// Convolution: im2col of a tile of output positions into a thread-local buffer, then one Eigen GEMM
// [O_block × Cg·kh·kw] · [Cg·kh·kw × tile] straight into the output rows; bias and element-wise activation are applied
// while the tile is still in cache. Work items are (group, column tile, output-channel block), claimed dynamically by
// the pool, so large images split over columns and small deep feature maps over output channels. A 1×1 stride-1
// unpadded convolution skips im2col (the input already is the column matrix). Depthwise (one input channel per
// group) convolution is a direct loop per channel.
#include "compute/kernels/kernels.h"

#include <algorithm>

namespace convlens::kernels {

// Rows (c, ky, kx) of Cg channels, columns = output positions n0 .. n0+nt-1, into col[K × nt].
namespace {

void im2col(const float *in, const ConvGeom &g, i64 Cg, i64 n0, i64 nt, float *col)
{
    const i64 HW = g.H * g.W;
    for (i64 c = 0; c < Cg; ++c) {
        const float *plane = in + c * HW;
        for (i64 ky = 0; ky < g.kh; ++ky)
            for (i64 kx = 0; kx < g.kw; ++kx) {
                float *row = col + ((c * g.kh + ky) * g.kw + kx) * nt;
                i64 oy = n0 / g.OW, ox = n0 % g.OW, j = 0;
                while (j < nt) {
                    const i64 run = std::min(g.OW - ox, nt - j);
                    const i64 iy = oy * g.sh - g.pt + ky * g.dh;
                    float *dst = row + j;
                    if (iy < 0 || iy >= g.H) {
                        std::fill(dst, dst + run, 0.0f);
                    } else {
                        const float *src = plane + iy * g.W;
                        const i64 ix0 = ox * g.sw - g.pl + kx * g.dw;
                        i64 lo, hi;
                        validRange(ix0, g.sw, g.W, run, lo, hi);
                        if (lo > hi) {
                            std::fill(dst, dst + run, 0.0f);
                        } else {
                            std::fill(dst, dst + lo, 0.0f);
                            if (g.sw == 1)
                                std::memcpy(dst + lo, src + ix0 + lo, size_t(hi - lo + 1) * sizeof(float));
                            else
                                for (i64 t = lo; t <= hi; ++t)
                                    dst[t] = src[ix0 + t * g.sw];
                            std::fill(dst + hi + 1, dst + run, 0.0f);
                        }
                    }
                    j += run;
                    ox = 0;
                    ++oy;
                }
            }
    }
}

} // namespace

i64 convTile(i64 K, i64 N, int threads)
{
    i64 nt = std::clamp<i64>(kColBudget / std::max<i64>(K, 1), 64, 4096);
    nt = std::min(nt, std::max<i64>(16, ceilDiv(N, threads)));
    nt = std::max<i64>(16, nt / 16 * 16);
    return std::min(nt, N);
}

// Depthwise: every group has one input channel (Cg = 1); output channel o reads input channel o / Og.
void convDepthwise(const float *in, const ConvGeom &g, const float *w, const float *bias, Act act, double alpha,
                   float *out, const ExecContext &ctx)
{
    const i64 Og = g.O / g.groups, HW = g.H * g.W, ON = g.OH * g.OW, KK = g.kh * g.kw;
    // Split rows too when there are few channels (a single-channel image still uses every thread).
    const i64 rowChunks = g.O >= 4 * ctx.threads() ? 1 : std::min(g.OH, ceilDiv(4 * ctx.threads(), g.O));
    const i64 rowsPer = ceilDiv(g.OH, rowChunks);
    ctx.parallelFor(g.O * rowChunks, ON * g.O * KK, [&](i64 task) {
        if (ctx.cancelled())
            return;
        const i64 o = task / rowChunks, oy0 = (task % rowChunks) * rowsPer, oy1 = std::min(g.OH, oy0 + rowsPer);
        if (oy0 >= oy1)
            return;
        const float *plane = in + (o / Og) * HW;
        const float *wo = w + o * KK;
        float *dst = out + o * ON;
        std::fill(dst + oy0 * g.OW, dst + oy1 * g.OW, bias ? bias[o] : 0.0f);
        for (i64 kx = 0; kx < g.kw; ++kx) {
            const i64 ix0 = kx * g.dw - g.pl;
            i64 lo, hi;
            validRange(ix0, g.sw, g.W, g.OW, lo, hi);
            if (lo > hi)
                continue;
            for (i64 oy = oy0; oy < oy1; ++oy) {
                float *drow = dst + oy * g.OW;
                for (i64 ky = 0; ky < g.kh; ++ky) {
                    const i64 iy = oy * g.sh - g.pt + ky * g.dh;
                    if (iy < 0 || iy >= g.H)
                        continue;
                    const float *srow = plane + iy * g.W + ix0;
                    const float wv = wo[ky * g.kw + kx];
                    if (g.sw == 1)
                        for (i64 ox = lo; ox <= hi; ++ox)
                            drow[ox] += wv * srow[ox];
                    else
                        for (i64 ox = lo; ox <= hi; ++ox)
                            drow[ox] += wv * srow[ox * g.sw];
                }
            }
        }
        if (act != Act::Linear && isElementwise(act))
            applyActivation(act, alpha, dst + oy0 * g.OW, (oy1 - oy0) * g.OW);
    });
}

void convGemm(const float *in, const ConvGeom &g, const float *w, const float *bias, Act act, double alpha,
              float *out, const ExecContext &ctx)
{
    const i64 Cg = g.C / g.groups, Og = g.O / g.groups, K = Cg * g.kh * g.kw, N = g.OH * g.OW, HW = g.H * g.W;
    if (Cg == 1 && g.kh * g.kw > 1) {
        convDepthwise(in, g, w, bias, act, alpha, out, ctx);
        return;
    }
    const bool direct = g.kh == 1 && g.kw == 1 && g.sh == 1 && g.sw == 1 && g.pt == 0 && g.pl == 0 &&
                        g.OH == g.H && g.OW == g.W;
    const int threads = ctx.threads();
    const i64 nt = convTile(K, N, threads);
    const i64 tilesN = ceilDiv(N, nt);
    i64 oBlocks = 1;
    if (tilesN * g.groups < threads)
        oBlocks = std::min(ceilDiv(threads, tilesN * g.groups), std::max<i64>(1, Og / 16));
    const i64 obSize = ceilDiv(Og, oBlocks);
    oBlocks = ceilDiv(Og, obSize);
    ctx.parallelFor(g.groups * tilesN * oBlocks, g.O * K * N, [&](i64 task) {
        if (ctx.cancelled())
            return;
        const i64 gi = task / (tilesN * oBlocks), rem = task % (tilesN * oBlocks);
        const i64 tile = rem / oBlocks, ob = rem % oBlocks;
        const i64 n0 = tile * nt, ntt = std::min(nt, N - n0);
        const i64 o0 = ob * obSize, o1 = std::min(Og, o0 + obSize);
        if (o0 >= o1)
            return;
        const float *B;
        i64 ldb;
        thread_local std::vector<float> colBuf;
        if (direct) {
            B = in + gi * Cg * HW + n0;
            ldb = HW;
        } else {
            if (colBuf.size() < size_t(K * ntt))
                colBuf.resize(size_t(K * ntt));
            im2col(in + gi * Cg * HW, g, Cg, n0, ntt, colBuf.data());
            B = colBuf.data();
            ldb = ntt;
        }
        const i64 oFirst = gi * Og + o0;
        Eigen::Map<const RowMat> A(w + oFirst * K, o1 - o0, K);
        Eigen::Map<const RowMat, 0, OStride> Bm(B, K, ntt, OStride(ldb));
        Eigen::Map<RowMat, 0, OStride> Cm(out + oFirst * N + n0, o1 - o0, ntt, OStride(N));
        Cm.noalias() = A * Bm;
        finishRows(out + oFirst * N + n0, o1 - o0, ntt, N, bias ? bias + oFirst : nullptr, act, alpha);
    });
}

} // namespace convlens::kernels
