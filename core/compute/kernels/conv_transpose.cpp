// conv_transpose.cpp — transposed convolution: GEMM then col2im.
#include "compute/kernels/kernels.h"

#include <algorithm>

namespace convlens::kernels {

// Transposed convolution. pt/pl are the rows/columns cropped from the top/left of the full scatter
// (i−1)·s + k' (+ output padding); output cells nothing writes to keep the bias.
void convTranspose(const float *in, const ConvGeom &g, const float *wt, const float *bias, Act act, double alpha,
                   float *out, const ExecContext &ctx)
{
    const i64 Cg = g.C / g.groups, Og = g.O / g.groups, KK = g.kh * g.kw, N = g.H * g.W, ON = g.OH * g.OW;
    const int threads = ctx.threads();
    const i64 obSize = ceilDiv(Og, std::max<i64>(1, ceilDiv(2 * threads, g.groups)));
    const i64 oBlocks = ceilDiv(Og, obSize);
    ctx.parallelFor(g.groups * oBlocks, g.O * Cg * KK * N, [&](i64 task) {
        if (ctx.cancelled())
            return;
        const i64 gi = task / oBlocks, o0 = (task % oBlocks) * obSize, o1 = std::min(Og, o0 + obSize);
        if (o0 >= o1)
            return;
        const i64 rows = (o1 - o0) * KK;
        for (i64 o = o0; o < o1; ++o)
            std::fill(out + (gi * Og + o) * ON, out + (gi * Og + o + 1) * ON, bias ? bias[gi * Og + o] : 0.0f);
        const i64 nt = std::min(N, std::max<i64>(g.W, kColBudget / std::max<i64>(rows, 1) / g.W * g.W));
        thread_local std::vector<float> colBuf;
        if (colBuf.size() < size_t(rows * nt))
            colBuf.resize(size_t(rows * nt));
        Eigen::Map<const RowMat> A(wt + (gi * Og * KK + o0 * KK) * Cg, rows, Cg);
        for (i64 n0 = 0; n0 < N; n0 += nt) {
            if (ctx.cancelled())
                return;
            const i64 ntt = std::min(nt, N - n0);
            Eigen::Map<const RowMat, 0, OStride> B(in + gi * Cg * N + n0, Cg, ntt, OStride(N));
            Eigen::Map<RowMat> col(colBuf.data(), rows, ntt);
            col.noalias() = A * B;
            // Tiles are whole input rows (nt is a multiple of W, or all of N).
            const i64 iyFirst = n0 / g.W, iyCount = ntt / g.W;
            for (i64 o = o0; o < o1; ++o) {
                float *dst = out + (gi * Og + o) * ON;
                for (i64 ky = 0; ky < g.kh; ++ky)
                    for (i64 kx = 0; kx < g.kw; ++kx) {
                        const float *crow = colBuf.data() + (((o - o0) * g.kh + ky) * g.kw + kx) * ntt;
                        const i64 ox0 = kx * g.dw - g.pl; // ox = ix·sw + ox0
                        i64 lo, hi;
                        validRange(ox0, g.sw, g.OW, g.W, lo, hi);
                        if (lo > hi)
                            continue;
                        for (i64 r = 0; r < iyCount; ++r) {
                            const i64 oy = (iyFirst + r) * g.sh + ky * g.dh - g.pt;
                            if (oy < 0 || oy >= g.OH)
                                continue;
                            float *drow = dst + oy * g.OW + ox0;
                            const float *srow = crow + r * g.W;
                            if (g.sw == 1)
                                for (i64 ix = lo; ix <= hi; ++ix)
                                    drow[ix] += srow[ix];
                            else
                                for (i64 ix = lo; ix <= hi; ++ix)
                                    drow[ix * g.sw] += srow[ix];
                        }
                    }
            }
        }
        if (act != Act::Linear && isElementwise(act))
            applyActivation(act, alpha, out + (gi * Og + o0) * ON, (o1 - o0) * ON);
    });
}

} // namespace convlens::kernels
