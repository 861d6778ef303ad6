// winograd_avx512.cpp — Winograd F(m×m, 3×3) for m = 4 and m = 2, vectorised across 16 tiles with AVX-512, with
// its own packed GEMM.
//
// Why its own GEMM: Eigen repacks both operands on every product, and its AVX-512 kernel reaches 55–75 % of the FMA
// ceiling here; the transformed weights U are packed once (prepareLayer) in the micro-kernel's order, and the input
// transform writes V straight into the panels the micro-kernel reads, so nothing is packed at run time.
//
// Layouts (ξ = one of the α² Winograd points, α = m + 2; t = tile index within a block, row-major over tile rows):
//   U[ξ][o / 8][c][o % 8]           8 output channels per micro-tile, broadcast one at a time
//   V[ξ][t / 16][c][t % 16]         16-tile panels: one vector load per channel, consecutive channels contiguous
//   Mb[ξ][t / 16][o][t % 16]        the products, read back by the output transform
// The transforms run on 16 consecutive tiles of one tile row at a time (lane = tile): the input rows are split into
// their m column phases with two rounds of permutes, so every transform step is a plain vector operation; a group
// starting mid-panel is stored into two panels with masked stores. Bias and ReLU are applied in the output transform,
// while the tile is in registers (other element-wise activations right after each tile row, still in cache).
//
// Accuracy: F(4, 3)'s transforms multiply by up to 8 and its points are ±1, ±2, so float32 rounding grows about 10×
// against F(2, 3); tests/tst_compute_kernels.cpp checks 1e-4 × max|reference| up to 1024 channels, where the error
// measures about 2e-5.
#include "compute/kernels/kernels.h"

#if defined(__AVX512F__)
#include <immintrin.h>

#include <algorithm>
#include <cstring>

namespace convlens::kernels {

namespace {

constexpr int kMR = 8;   // output channels per micro-tile
constexpr int kNVMax = 3; // 16-tile panels per micro-tile: 8 × 3 accumulators
constexpr i64 kKC = 128;  // input channels per GEMM pass: 3 panels × 128 × 64 B = 24 KiB stay in L1

i64 roundUp(i64 x, i64 m)
{
    return ceilDiv(x, m) * m;
}

// 64-byte aligned scratch that keeps its storage between calls on the same thread.
struct Scratch {
    std::vector<float> store;
    float *get(size_t n)
    {
        if (store.size() < n + 16)
            store.resize(n + 16);
        auto p = reinterpret_cast<std::uintptr_t>(store.data());
        return store.data() + ((64 - p % 64) % 64) / sizeof(float);
    }
};

// ------------------------------------------------------------------------------------------------ 1-D transforms
// Bᵀ d (α values → α) and Aᵀ m (α → m), Lavin & Gray's matrices for the points 0, ±1, ±2 (F(4, 3)) and 0, ±1 (F(2, 3)).
template <int M> struct Transform;

template <> struct Transform<4> {
    static constexpr int A = 6;
    static void input(const __m512 d[6], __m512 v[6])
    {
        const __m512 four = _mm512_set1_ps(4.0f), five = _mm512_set1_ps(5.0f), two = _mm512_set1_ps(2.0f);
        v[0] = _mm512_fmadd_ps(four, d[0], _mm512_fnmadd_ps(five, d[2], d[4]));
        const __m512 a = _mm512_fnmadd_ps(four, d[2], d[4]), b = _mm512_fnmadd_ps(four, d[1], d[3]);
        v[1] = _mm512_add_ps(a, b);
        v[2] = _mm512_sub_ps(a, b);
        const __m512 c = _mm512_sub_ps(d[4], d[2]), e = _mm512_mul_ps(two, _mm512_sub_ps(d[3], d[1]));
        v[3] = _mm512_add_ps(c, e);
        v[4] = _mm512_sub_ps(c, e);
        v[5] = _mm512_fmadd_ps(four, d[1], _mm512_fnmadd_ps(five, d[3], d[5]));
    }
    static void output(const __m512 m[6], __m512 y[4])
    {
        const __m512 s12 = _mm512_add_ps(m[1], m[2]), d12 = _mm512_sub_ps(m[1], m[2]);
        const __m512 s34 = _mm512_add_ps(m[3], m[4]), d34 = _mm512_sub_ps(m[3], m[4]);
        y[0] = _mm512_add_ps(_mm512_add_ps(m[0], s12), s34);
        y[1] = _mm512_fmadd_ps(_mm512_set1_ps(2.0f), d34, d12);
        y[2] = _mm512_fmadd_ps(_mm512_set1_ps(4.0f), s34, s12);
        y[3] = _mm512_add_ps(_mm512_fmadd_ps(_mm512_set1_ps(8.0f), d34, d12), m[5]);
    }
    // G (6×3), exact fractions.
    static constexpr double G[6][3] = {{1.0 / 4, 0, 0},
                                       {-1.0 / 6, -1.0 / 6, -1.0 / 6},
                                       {-1.0 / 6, 1.0 / 6, -1.0 / 6},
                                       {1.0 / 24, 1.0 / 12, 1.0 / 6},
                                       {1.0 / 24, -1.0 / 12, 1.0 / 6},
                                       {0, 0, 1}};
};

template <> struct Transform<2> {
    static constexpr int A = 4;
    static void input(const __m512 d[4], __m512 v[4])
    {
        v[0] = _mm512_sub_ps(d[0], d[2]);
        v[1] = _mm512_add_ps(d[1], d[2]);
        v[2] = _mm512_sub_ps(d[2], d[1]);
        v[3] = _mm512_sub_ps(d[1], d[3]);
    }
    static void output(const __m512 m[4], __m512 y[2])
    {
        y[0] = _mm512_add_ps(_mm512_add_ps(m[0], m[1]), m[2]);
        y[1] = _mm512_sub_ps(_mm512_sub_ps(m[1], m[2]), m[3]);
    }
    static constexpr double G[4][3] = {{1, 0, 0}, {0.5, 0.5, 0.5}, {0.5, -0.5, 0.5}, {0, 0, 1}};
};

// ------------------------------------------------------------------------------------------------ lane shuffles
inline __m512i idx(int a0, int step, int b0 = -1)
{
    alignas(64) int v[16];
    for (int i = 0; i < 16; ++i)
        v[i] = a0 + step * i;
    if (b0 >= 0)
        v[15] = b0;
    return _mm512_load_si512(v);
}

struct Shuffles {
    __m512i even = idx(0, 2), odd = idx(1, 2);
    __m512i shift1 = idx(1, 1, 16), shift1b = idx(1, 1, 17); // lanes 1..15 of a, then b[0] / b[1]
    __m512i lo, hi;                                           // interleave lanes 0..7 / 8..15 of a and b
    Shuffles()
    {
        alignas(64) int l[16], h[16];
        for (int i = 0; i < 8; ++i) {
            l[2 * i] = i;
            l[2 * i + 1] = 16 + i;
            h[2 * i] = 8 + i;
            h[2 * i + 1] = 24 + i;
        }
        lo = _mm512_load_si512(l);
        hi = _mm512_load_si512(h);
    }
};

// x[0 .. 16·M + 2) (chunks of 16) → p[j][lane] = x[M·lane + j], j < M + 2.
template <int M> inline void splitPhases(const __m512 *x, const Shuffles &s, __m512 *p)
{
    if constexpr (M == 4) {
        const __m512 e01 = _mm512_permutex2var_ps(x[0], s.even, x[1]), o01 = _mm512_permutex2var_ps(x[0], s.odd, x[1]);
        const __m512 e23 = _mm512_permutex2var_ps(x[2], s.even, x[3]), o23 = _mm512_permutex2var_ps(x[2], s.odd, x[3]);
        p[0] = _mm512_permutex2var_ps(e01, s.even, e23);
        p[2] = _mm512_permutex2var_ps(e01, s.odd, e23);
        p[1] = _mm512_permutex2var_ps(o01, s.even, o23);
        p[3] = _mm512_permutex2var_ps(o01, s.odd, o23);
        p[4] = _mm512_permutex2var_ps(p[0], s.shift1, x[4]);
        p[5] = _mm512_permutex2var_ps(p[1], s.shift1b, x[4]);
    } else {
        p[0] = _mm512_permutex2var_ps(x[0], s.even, x[1]);
        p[1] = _mm512_permutex2var_ps(x[0], s.odd, x[1]);
        p[2] = _mm512_permutex2var_ps(p[0], s.shift1, x[2]);
        p[3] = _mm512_permutex2var_ps(p[1], s.shift1b, x[2]);
    }
}

// y[j][lane] → x[M·lane + j] (chunks of 16): the inverse of splitPhases without the overlap.
template <int M> inline void joinPhases(const __m512 *y, const Shuffles &s, __m512 *x)
{
    if constexpr (M == 4) {
        const __m512 e01 = _mm512_permutex2var_ps(y[0], s.lo, y[2]), e23 = _mm512_permutex2var_ps(y[0], s.hi, y[2]);
        const __m512 o01 = _mm512_permutex2var_ps(y[1], s.lo, y[3]), o23 = _mm512_permutex2var_ps(y[1], s.hi, y[3]);
        x[0] = _mm512_permutex2var_ps(e01, s.lo, o01);
        x[1] = _mm512_permutex2var_ps(e01, s.hi, o01);
        x[2] = _mm512_permutex2var_ps(e23, s.lo, o23);
        x[3] = _mm512_permutex2var_ps(e23, s.hi, o23);
    } else {
        x[0] = _mm512_permutex2var_ps(y[0], s.lo, y[1]);
        x[1] = _mm512_permutex2var_ps(y[0], s.hi, y[1]);
    }
}

inline __mmask16 lanesBelow(i64 n)
{
    return n >= 16 ? __mmask16(0xFFFF) : n <= 0 ? __mmask16(0) : __mmask16((1u << n) - 1);
}

// Tiles t .. t + n − 1 (n ≤ 16) of a panel-major buffer: lane i lives in panel (t + i) / 16 at (t + i) % 16, panels
// `panelStride` floats apart; `row` is the offset of the row within a panel.
struct PanelSpan {
    i64 first, second; // float offsets of lane 0's position in its panel, and of lane 16 − off in the next panel
    __mmask16 m1, m2;
    PanelSpan(i64 t, i64 n, i64 panelStride, i64 row)
    {
        const i64 p = t / 16, off = t % 16;
        first = p * panelStride + row * 16 + off;
        second = (p + 1) * panelStride + row * 16 - (16 - off);
        const __mmask16 all = lanesBelow(n);
        m1 = all & lanesBelow(16 - off);
        m2 = all & ~m1;
    }
    void store(float *base, __m512 v) const
    {
        _mm512_mask_storeu_ps(base + first, m1, v);
        if (m2)
            _mm512_mask_storeu_ps(base + second, m2, v);
    }
    __m512 load(const float *base) const
    {
        __m512 v = _mm512_maskz_loadu_ps(m1, base + first);
        if (m2)
            v = _mm512_mask_loadu_ps(v, m2, base + second);
        return v;
    }
};

// ------------------------------------------------------------------------------------------------ GEMM
// m[j][r][0..16) (+)= Σ_k u[k][r] · v[j][k][0..16), r < 8, j < NV: one micro-tile of one Winograd point.
template <int NV>
void microKernel(const float *u, const float *v, i64 vPanel, i64 kc, float *m, i64 mPanel, bool accumulate)
{
    __m512 c[kMR][NV];
    for (int r = 0; r < kMR; ++r)
        for (int j = 0; j < NV; ++j)
            c[r][j] = accumulate ? _mm512_load_ps(m + j * mPanel + r * 16) : _mm512_setzero_ps();
    for (i64 k = 0; k < kc; ++k) {
        __m512 b[NV];
        for (int j = 0; j < NV; ++j)
            b[j] = _mm512_load_ps(v + j * vPanel + k * 16);
        const float *uk = u + k * kMR;
#pragma GCC unroll 8
        for (int r = 0; r < kMR; ++r) {
            const __m512 a = _mm512_set1_ps(uk[r]);
            for (int j = 0; j < NV; ++j)
                c[r][j] = _mm512_fmadd_ps(a, b[j], c[r][j]);
        }
    }
    for (int r = 0; r < kMR; ++r)
        for (int j = 0; j < NV; ++j)
            _mm512_store_ps(m + j * mPanel + r * 16, c[r][j]);
}

// Mb[ξ] = U[ξ] · V[ξ] over `panels` 16-tile panels, all output channels.
void gemmPoint(const float *U, const float *V, float *Mb, i64 C, i64 O8, i64 panels)
{
    const i64 vPanel = C * 16, mPanel = O8 * 16;
    for (i64 c0 = 0; c0 < C; c0 += kKC) {
        const i64 kc = std::min(kKC, C - c0);
        for (i64 p = 0; p < panels; p += kNVMax) {
            const i64 nv = std::min<i64>(kNVMax, panels - p);
            const float *v = V + p * vPanel + c0 * 16;
            for (i64 ob = 0; ob < O8 / kMR; ++ob) {
                const float *u = U + (ob * C + c0) * kMR;
                float *m = Mb + p * mPanel + ob * kMR * 16;
                if (nv == 3)
                    microKernel<3>(u, v, vPanel, kc, m, mPanel, c0 > 0);
                else if (nv == 2)
                    microKernel<2>(u, v, vPanel, kc, m, mPanel, c0 > 0);
                else
                    microKernel<1>(u, v, vPanel, kc, m, mPanel, c0 > 0);
            }
        }
    }
}

// ------------------------------------------------------------------------------------------------ the layer
template <int M>
void run(const float *in, const ConvGeom &g, const float *U, const float *bias, Act act, double alpha, float *out,
         const ExecContext &ctx, i64 blockBytes)
{
    constexpr int A = Transform<M>::A, P = A * A;
    const i64 TH = ceilDiv(g.OH, M), TW = ceilDiv(g.OW, M), ON = g.OH * g.OW;
    const i64 O8 = roundUp(g.O, kMR);
    // Zero-padded input; the rows are long enough for the last 16-tile group's M + 1 chunk loads.
    const i64 Hp = M * TH + 2, Wpa = M * roundUp(TW, 16) + 16, plane = Hp * Wpa;
    thread_local Scratch padScratch, vScratch, mScratch;
    float *pad = padScratch.get(size_t(g.C * plane));
    ctx.parallelFor(g.C, g.C * plane, [&](i64 c) {
        float *dst = pad + c * plane;
        const float *src = in + c * g.H * g.W;
        const i64 rows = std::min(g.H, Hp - g.pt), cols = std::min(g.W, Wpa - g.pl);
        std::fill(dst, dst + g.pt * Wpa, 0.0f);
        for (i64 y = 0; y < rows; ++y) {
            float *d = dst + (y + g.pt) * Wpa;
            std::fill(d, d + g.pl, 0.0f);
            std::memcpy(d + g.pl, src + y * g.W, size_t(cols) * sizeof(float));
            std::fill(d + g.pl + cols, d + Wpa, 0.0f);
        }
        std::fill(dst + (rows + g.pt) * Wpa, dst + plane, 0.0f);
    });

    // Blocks of whole tile rows whose V and Mb (α² × (C + O) × tiles floats) stay within blockBytes (8 MiB), so they
    // live in the last-level cache between the three stages; U[ξ] is read once per block.
    const i64 perTile = i64(4) * P * (g.C + O8);
    const i64 rowsPerBlock = std::clamp<i64>(blockBytes / (perTile * TW), 1, TH);
    const i64 maxPanels = ceilDiv(rowsPerBlock * TW, 16);
    float *V = vScratch.get(size_t(P * maxPanels * g.C * 16));
    float *Mb = mScratch.get(size_t(P * maxPanels * O8 * 16));
    const Shuffles sh;
    const i64 groups = ceilDiv(TW, 16);
    const bool relu = act == Act::Relu;
    const bool otherAct = act != Act::Linear && act != Act::Relu && isElementwise(act);

    for (i64 ty0 = 0; ty0 < TH; ty0 += rowsPerBlock) {
        if (ctx.cancelled())
            return;
        const i64 rows = std::min(rowsPerBlock, TH - ty0), tiles = rows * TW, panels = ceilDiv(tiles, 16);
        const i64 vPoint = panels * g.C * 16, mPoint = panels * O8 * 16;
        // 1. V = Bᵀ d B for every tile of the block, one input channel per task.
        ctx.parallelFor(g.C, g.C * tiles * P * 8, [&](i64 c) {
            alignas(64) float comb[A][M + 1][16];
            for (i64 r = 0; r < rows; ++r)
                for (i64 gi = 0; gi < groups; ++gi) {
                    const i64 tx0 = gi * 16, n = std::min<i64>(16, TW - tx0);
                    const float *src = pad + c * plane + (M * (ty0 + r)) * Wpa + M * tx0;
                    // Bᵀ along the α input rows, chunk by chunk.
                    for (int k = 0; k <= M; ++k) {
                        __m512 d[A], v[A];
                        for (int i = 0; i < A; ++i)
                            d[i] = _mm512_loadu_ps(src + i * Wpa + 16 * k);
                        Transform<M>::input(d, v);
                        for (int i = 0; i < A; ++i)
                            _mm512_store_ps(comb[i][k], v[i]);
                    }
                    // B along each tile row, 16 tiles per vector.
                    const PanelSpan span(r * TW + tx0, n, g.C * 16, c);
                    for (int i = 0; i < A; ++i) {
                        __m512 x[M + 1], p[A], v[A];
                        for (int k = 0; k <= M; ++k)
                            x[k] = _mm512_load_ps(comb[i][k]);
                        splitPhases<M>(x, sh, p);
                        Transform<M>::input(p, v);
                        for (int j = 0; j < A; ++j)
                            span.store(V + (i * A + j) * vPoint, v[j]);
                    }
                }
            // Lanes past the last tile: zeros, so the products there stay finite.
            if (tiles % 16)
                for (int xi = 0; xi < P; ++xi)
                    std::fill_n(V + xi * vPoint + (panels - 1) * g.C * 16 + c * 16 + tiles % 16, 16 - tiles % 16, 0.0f);
        });
        if (ctx.cancelled())
            return;
        // 2. Mb[ξ] = U[ξ] · V[ξ].
        ctx.parallelFor(P, P * g.C * O8 * tiles, [&](i64 xi) {
            if (!ctx.cancelled())
                gemmPoint(U + xi * O8 * g.C, V + xi * vPoint, Mb + xi * mPoint, g.C, O8, panels);
        });
        if (ctx.cancelled())
            return;
        // 3. Y = Aᵀ Mb A + bias (and ReLU), one output channel per task.
        ctx.parallelFor(g.O, g.O * tiles * P * 4, [&](i64 o) {
            const __m512 b = _mm512_set1_ps(bias ? bias[o] : 0.0f), zero = _mm512_setzero_ps();
            for (i64 r = 0; r < rows; ++r) {
                const i64 oy = M * (ty0 + r);
                for (i64 gi = 0; gi < groups; ++gi) {
                    const i64 tx0 = gi * 16, n = std::min<i64>(16, TW - tx0);
                    const PanelSpan span(r * TW + tx0, n, O8 * 16, o);
                    __m512 s[A][M];
                    for (int i = 0; i < A; ++i) { // Aᵀ along each row of the α×α tile
                        __m512 mv[A];
                        for (int j = 0; j < A; ++j)
                            mv[j] = span.load(Mb + (i * A + j) * mPoint);
                        Transform<M>::output(mv, s[i]);
                    }
                    const i64 x0 = M * tx0, cols = std::min<i64>(M * n, g.OW - x0);
                    for (int j = 0; j < M; ++j) { // then down each column: output rows oy .. oy + M − 1
                        __m512 col[A], y[M];
                        for (int i = 0; i < A; ++i)
                            col[i] = s[i][j];
                        Transform<M>::output(col, y);
                        for (int a = 0; a < M; ++a)
                            s[a][j] = y[a]; // rows a < M of s are no longer needed: reuse them for Y
                    }
                    for (int a = 0; a < M && oy + a < g.OH; ++a) {
                        __m512 yr[M], x[M];
                        for (int j = 0; j < M; ++j) {
                            yr[j] = _mm512_add_ps(s[a][j], b);
                            if (relu)
                                yr[j] = _mm512_max_ps(yr[j], zero);
                        }
                        joinPhases<M>(yr, sh, x);
                        float *dst = out + o * ON + (oy + a) * g.OW + x0;
                        for (int k = 0; k < M; ++k)
                            _mm512_mask_storeu_ps(dst + 16 * k, lanesBelow(cols - 16 * k), x[k]);
                    }
                }
                if (otherAct) {
                    const i64 y1 = std::min(g.OH, oy + M);
                    applyActivation(act, alpha, out + o * ON + oy * g.OW, (y1 - oy) * g.OW);
                }
            }
        });
    }
}

} // namespace

bool haveWinogradAvx512()
{
    return true;
}

std::vector<float> winogradWeightsPacked(const std::vector<float> &w, i64 O, i64 C, int tile)
{
    const int A = tile + 2;
    const i64 O8 = roundUp(O, kMR);
    std::vector<float> U(size_t(A * A * O8 * C), 0.0f);
    for (i64 o = 0; o < O; ++o)
        for (i64 c = 0; c < C; ++c) {
            const float *k = w.data() + (o * C + c) * 9;
            double t[6][3], u[6][6];
            for (int i = 0; i < A; ++i) // G g
                for (int j = 0; j < 3; ++j) {
                    t[i][j] = 0;
                    for (int l = 0; l < 3; ++l)
                        t[i][j] += (tile == 4 ? Transform<4>::G[i][l] : Transform<2>::G[i][l]) * double(k[l * 3 + j]);
                }
            for (int i = 0; i < A; ++i) // (G g) Gᵀ
                for (int j = 0; j < A; ++j) {
                    u[i][j] = 0;
                    for (int l = 0; l < 3; ++l)
                        u[i][j] += t[i][l] * (tile == 4 ? Transform<4>::G[j][l] : Transform<2>::G[j][l]);
                }
            for (int xi = 0; xi < A * A; ++xi)
                U[size_t(((xi * O8 + o / kMR * kMR) * C + c * kMR) + o % kMR)] = float(u[xi / A][xi % A]);
        }
    return U;
}

void convWinogradPacked(const float *in, const ConvGeom &g, int tile, const float *U, const float *bias, Act act,
                        double alpha, float *out, const ExecContext &ctx, i64 blockBytes)
{
    if (tile == 4)
        run<4>(in, g, U, bias, act, alpha, out, ctx, blockBytes);
    else
        run<2>(in, g, U, bias, act, alpha, out, ctx, blockBytes);
}

} // namespace convlens::kernels

#else // no AVX-512: winograd.cpp uses its portable F(2×2, 3×3)

namespace convlens::kernels {

bool haveWinogradAvx512()
{
    return false;
}

std::vector<float> winogradWeightsPacked(const std::vector<float> &, i64, i64, int)
{
    return {};
}

void convWinogradPacked(const float *, const ConvGeom &, int, const float *, const float *, Act, double, float *,
                        const ExecContext &, i64)
{
}

} // namespace convlens::kernels

#endif
