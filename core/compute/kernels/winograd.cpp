// winograd.cpp — Winograd convolution: which variant a layer runs, and the portable F(2×2, 3×3).
//
// For 3×3 stride-1 convolutions with many channels (why: F(2×2, 3×3) does 16 multiplies per 2×2 output tile instead
// of 36, F(4×4, 3×3) 36 per 4×4 tile instead of 144; the transforms cost O(C + O) per tile against O(C·O) for the
// products, so they only pay off with enough channels). Y = Aᵀ [(G g Gᵀ) ⊙ (Bᵀ d B)] A per input patch d; the
// element-wise products over channels become α² GEMMs M[ξ] = U[ξ] (O × C) · V[ξ] (C × tiles).
// With AVX-512, winograd_avx512.cpp runs F(4×4) (maps over 16×16) or F(2×2) on its own packed GEMM; elsewhere the
// F(2×2) below runs on Eigen GEMMs. F(2, 3) keeps float32 errors near 1e-6 relative, F(4, 3) near 1e-5 (the
// kernels' tests measure both against 1e-4).
#include "compute/kernels/kernels.h"

#include <algorithm>
#include <cstring>

namespace convlens::kernels {

namespace {

std::vector<float> eigenWeights(const std::vector<float> &w, i64 O, i64 C)
{
    std::vector<float> U(size_t(16 * O * C));
    for (i64 o = 0; o < O; ++o)
        for (i64 c = 0; c < C; ++c) {
            const float *k = w.data() + (o * C + c) * 9;
            double t[4][3], u[4][4];
            for (int j = 0; j < 3; ++j) { // G g
                t[0][j] = k[j];
                t[1][j] = 0.5 * (double(k[j]) + k[3 + j] + k[6 + j]);
                t[2][j] = 0.5 * (double(k[j]) - k[3 + j] + k[6 + j]);
                t[3][j] = k[6 + j];
            }
            for (int i = 0; i < 4; ++i) { // (G g) Gᵀ
                u[i][0] = t[i][0];
                u[i][1] = 0.5 * (t[i][0] + t[i][1] + t[i][2]);
                u[i][2] = 0.5 * (t[i][0] - t[i][1] + t[i][2]);
                u[i][3] = t[i][2];
            }
            for (int xi = 0; xi < 16; ++xi)
                U[size_t((xi * O + o) * C + c)] = float(u[xi / 4][xi % 4]);
        }
    return U;
}

void convWinogradEigen(const float *in, const ConvGeom &g, const float *U, const float *bias, Act act, double alpha,
                       float *out, const ExecContext &ctx, i64 blockBytes)
{
    const i64 TH = ceilDiv(g.OH, 2), TW = ceilDiv(g.OW, 2);
    const i64 Hp = 2 * TH + 2, Wp = 2 * TW + 2, plane = Hp * Wp, ON = g.OH * g.OW;
    thread_local std::vector<float> padded;
    if (padded.size() < size_t(g.C * plane))
        padded.resize(size_t(g.C * plane));
    float *pad = padded.data();
    ctx.parallelFor(g.C, g.C * plane, [&](i64 c) {
        float *dst = pad + c * plane;
        std::fill(dst, dst + plane, 0.0f);
        const float *src = in + c * g.H * g.W;
        for (i64 y = 0; y < g.H && y + g.pt < Hp; ++y) {
            const i64 n = std::min(g.W, Wp - g.pl);
            if (n > 0)
                std::memcpy(dst + (y + g.pt) * Wp + g.pl, src + y * g.W, size_t(n) * sizeof(float));
        }
    });
    // Blocks of whole tile rows: V and M of one block take ≤ ~8 MiB, or all tiles when the map is small (a deep
    // 16×16 layer then packs each U[ξ] once). Whole rows let both transforms run as vector loops along a tile row.
    const i64 rowsPerBlock = std::clamp<i64>(blockBytes / (16 * 4 * (g.C + g.O)) / TW, 1, TH);
    const i64 TB = rowsPerBlock * TW;
    thread_local std::vector<float> Vbuf, Mbuf;
    if (Vbuf.size() < size_t(16 * g.C * TB))
        Vbuf.resize(size_t(16 * g.C * TB));
    if (Mbuf.size() < size_t(16 * g.O * TB))
        Mbuf.resize(size_t(16 * g.O * TB));
    float *V = Vbuf.data(), *M = Mbuf.data();
    for (i64 ty0 = 0; ty0 < TH; ty0 += rowsPerBlock) {
        if (ctx.cancelled())
            return;
        const i64 rows = std::min(rowsPerBlock, TH - ty0), tb = rows * TW;
        // V[ξ][c][t] = (Bᵀ d B)[ξ]: Bᵀ on whole padded rows (contiguous), then B along each tile row.
        ctx.parallelFor(g.C, g.C * tb * 48, [&](i64 c) {
            std::vector<float> mrow(size_t(4 * Wp));
            float *m0 = mrow.data(), *m1 = m0 + Wp, *m2 = m1 + Wp, *m3 = m2 + Wp;
            for (i64 r = 0; r < rows; ++r) {
                const float *r0 = pad + c * plane + 2 * (ty0 + r) * Wp, *r1 = r0 + Wp, *r2 = r1 + Wp, *r3 = r2 + Wp;
                for (i64 x = 0; x < Wp; ++x) {
                    m0[x] = r0[x] - r2[x];
                    m1[x] = r1[x] + r2[x];
                    m2[x] = r2[x] - r1[x];
                    m3[x] = r1[x] - r3[x];
                }
                const float *mi[4] = {m0, m1, m2, m3};
                for (int i = 0; i < 4; ++i) {
                    const float *mm = mi[i];
                    float *v0 = V + ((4 * i + 0) * g.C + c) * tb + r * TW, *v1 = v0 + g.C * tb;
                    float *v2 = v1 + g.C * tb, *v3 = v2 + g.C * tb;
                    for (i64 tx = 0; tx < TW; ++tx) {
                        const float a = mm[2 * tx], b = mm[2 * tx + 1], cc = mm[2 * tx + 2], d = mm[2 * tx + 3];
                        v0[tx] = a - cc;
                        v1[tx] = b + cc;
                        v2[tx] = cc - b;
                        v3[tx] = b - d;
                    }
                }
            }
        });
        ctx.parallelFor(16, 16 * g.O * g.C * tb, [&](i64 xi) { // M[ξ] = U[ξ] · V[ξ]
            if (ctx.cancelled())
                return;
            Eigen::Map<const RowMat> Um(U + xi * g.O * g.C, g.O, g.C);
            Eigen::Map<const RowMat> Vm(V + xi * g.C * tb, g.C, tb);
            Eigen::Map<RowMat> Mm(M + xi * g.O * tb, g.O, tb);
            Mm.noalias() = Um * Vm;
        });
        ctx.parallelFor(g.O, g.O * tb * 40, [&](i64 o) { // Y = Aᵀ M A + bias, along each tile row
            const float bo = bias ? bias[o] : 0.0f;
            std::vector<float> yrow(size_t(4 * TW + 4));
            float *y0 = yrow.data(), *y1 = y0 + 2 * TW + 2;
            for (i64 r = 0; r < rows; ++r) {
                const float *m[16];
                for (int xi = 0; xi < 16; ++xi)
                    m[xi] = M + (xi * g.O + o) * tb + r * TW;
                for (i64 tx = 0; tx < TW; ++tx) {
                    float a0[4], a1[4];
                    for (int j = 0; j < 4; ++j) {
                        a0[j] = m[j][tx] + m[4 + j][tx] + m[8 + j][tx];
                        a1[j] = m[4 + j][tx] - m[8 + j][tx] - m[12 + j][tx];
                    }
                    y0[2 * tx] = a0[0] + a0[1] + a0[2] + bo;
                    y0[2 * tx + 1] = a0[1] - a0[2] - a0[3] + bo;
                    y1[2 * tx] = a1[0] + a1[1] + a1[2] + bo;
                    y1[2 * tx + 1] = a1[1] - a1[2] - a1[3] + bo;
                }
                const i64 oy = 2 * (ty0 + r);
                float *dst = out + o * ON + oy * g.OW;
                std::memcpy(dst, y0, size_t(g.OW) * sizeof(float));
                if (oy + 1 < g.OH)
                    std::memcpy(dst + g.OW, y1, size_t(g.OW) * sizeof(float));
            }
        });
    }
    if (act != Act::Linear && isElementwise(act))
        ctx.parallelFor(g.O, g.O * ON, [&](i64 o) { applyActivation(act, alpha, out + o * ON, ON); });
}

} // namespace

WinogradKind winogradKind(const ConvGeom &g)
{
    if (!(g.kh == 3 && g.kw == 3 && g.sh == 1 && g.sw == 1 && g.dh == 1 && g.dw == 1 && g.groups == 1))
        return WinogradKind::None;
    // Measured (bench_compute_conv): 32→32 on a 20×20 map is faster direct; on maps of ≤ 16×16 the larger tiles of
    // F(4×4) waste more of the map and its 2.25× larger U (read once per layer: 151 MB for 1024→1024) costs more
    // memory traffic than its fewer multiplications save.
    if (haveWinogradAvx512() && g.C * g.O >= 64 * 64)
        return g.OH * g.OW <= 16 * 16 ? WinogradKind::F2Packed : WinogradKind::F4Packed;
    if (g.C >= 32 && g.O >= 32 && g.C * g.O >= 64 * 128) // measured: 64→64 is a tie with the direct kernel
        return WinogradKind::F2Eigen;
    return WinogradKind::None;
}

std::vector<float> winogradWeights(const std::vector<float> &w, const ConvGeom &g, WinogradKind kind)
{
    switch (kind) {
    case WinogradKind::None:
        return {};
    case WinogradKind::F2Eigen:
        return eigenWeights(w, g.O, g.C);
    case WinogradKind::F2Packed:
        return winogradWeightsPacked(w, g.O, g.C, 2);
    case WinogradKind::F4Packed:
        return winogradWeightsPacked(w, g.O, g.C, 4);
    }
    return {};
}

size_t winogradWeightCount(const ConvGeom &g, WinogradKind kind)
{
    const i64 O8 = ceilDiv(g.O, 8) * 8;
    switch (kind) {
    case WinogradKind::None:
        return 0;
    case WinogradKind::F2Eigen:
        return size_t(16 * g.O * g.C);
    case WinogradKind::F2Packed:
        return size_t(16 * O8 * g.C);
    case WinogradKind::F4Packed:
        return size_t(36 * O8 * g.C);
    }
    return 0;
}

i64 winogradWorkspaceBytes(const ConvGeom &g, WinogradKind kind)
{
    const i64 m = kind == WinogradKind::F4Packed ? 4 : 2, points = (m + 2) * (m + 2);
    const i64 TH = ceilDiv(g.OH, m), TW = ceilDiv(g.OW, m);
    const bool packed = kind != WinogradKind::F2Eigen;
    const i64 padded = 4 * g.C * (m * TH + 2) * (packed ? m * ceilDiv(TW, 16) * 16 + 16 : m * TW + 2);
    const i64 oneRow = 4 * points * (g.C + ceilDiv(g.O, 8) * 8) * (ceilDiv(TW, 16) + 1) * 16;
    return kind == WinogradKind::None ? 0 : padded + std::max(kWinogradBlockBytes, oneRow);
}

void convWinograd(const float *in, const ConvGeom &g, WinogradKind kind, const float *U, const float *bias, Act act,
                  double alpha, float *out, const ExecContext &ctx, i64 blockBytes)
{
    switch (kind) {
    case WinogradKind::None:
        break;
    case WinogradKind::F2Eigen:
        convWinogradEigen(in, g, U, bias, act, alpha, out, ctx, blockBytes);
        break;
    case WinogradKind::F2Packed:
        convWinogradPacked(in, g, 2, U, bias, act, alpha, out, ctx, blockBytes);
        break;
    case WinogradKind::F4Packed:
        convWinogradPacked(in, g, 4, U, bias, act, alpha, out, ctx, blockBytes);
        break;
    }
}

} // namespace convlens::kernels
