// conv_direct.cpp — the direct stride-1 convolution.
//
// Stride-1 convolution without im2col (why: im2col writes Cg·kh·kw copies of the input, which for a 3×3 layer with
// few output channels costs about as much as the GEMM itself). The input is copied once into a zero-padded buffer;
// an output position q = oy·Wp + ox in *padded-width* coordinates then reads input q + ky·dh·Wp + kx·dw for every
// tap, so a run of consecutive q (spanning rows; the Wp − OW columns at each row end are computed and dropped) is a
// plain vector load per tap. The micro-kernel keeps OB output channels × XV vectors of q in registers and walks all
// C·kh·kw taps: one broadcast weight per channel, XV loads per tap, OB·XV FMAs.
#include "compute/kernels/kernels.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <utility>

#if defined(__AVX512F__) || (defined(__AVX2__) && defined(__FMA__))
#include <immintrin.h>
#define CONVLENS_DIRECT_CONV 1
#endif

namespace convlens::kernels {

namespace {

#if CONVLENS_DIRECT_CONV
#if defined(__AVX512F__)
using Vec = __m512;
constexpr int kVW = 16, kOB = 6, kXV = 4;
inline Vec vload(const float *p) { return _mm512_loadu_ps(p); }
inline void vstore(float *p, Vec v) { _mm512_storeu_ps(p, v); }
inline Vec vset1(float s) { return _mm512_set1_ps(s); }
inline Vec vzero() { return _mm512_setzero_ps(); }
inline Vec vfma(Vec a, Vec b, Vec c) { return _mm512_fmadd_ps(a, b, c); }
#else
using Vec = __m256;
constexpr int kVW = 8, kOB = 4, kXV = 3;
inline Vec vload(const float *p) { return _mm256_loadu_ps(p); }
inline void vstore(float *p, Vec v) { _mm256_storeu_ps(p, v); }
inline Vec vset1(float s) { return _mm256_set1_ps(s); }
inline Vec vzero() { return _mm256_setzero_ps(); }
inline Vec vfma(Vec a, Vec b, Vec c) { return _mm256_fmadd_ps(a, b, c); }
#endif
constexpr i64 kQ = i64(kVW) * kXV; // output positions per micro-tile
constexpr bool kHaveDirect = true;
#else
constexpr int kOB = 4;
constexpr bool kHaveDirect = false;
#endif

} // namespace

bool directEligible(const ConvGeom &g)
{
    return kHaveDirect && g.groups == 1 && g.sh == 1 && g.sw == 1 && g.kh * g.kw > 1 && g.C >= 1;
}

namespace {

#if CONVLENS_DIRECT_CONV
// tile[OB][kQ] (+)= Σ_c Σ_taps w · in over C input channels, for `in` already offset by q0 and blocked weights
// starting at the first of those channels (stride kOB per tap). OB < kOB for the last block of a layer whose channel
// count is not a multiple of kOB (a 2-channel output computes 2 channels, not 6). `accumulate`: add to the tile.
template <int OB, int XV>
void directMicroKernel(const float *in, i64 planeStride, i64 C, const i64 *tapOffsets, i64 taps, const float *w,
                       float *tile, bool accumulate)
{
    Vec acc[OB][XV];
    for (int o = 0; o < OB; ++o)
        for (int v = 0; v < XV; ++v)
            acc[o][v] = accumulate ? vload(tile + o * kQ + v * kVW) : vzero();
    for (i64 c = 0; c < C; ++c) {
        const float *ic = in + c * planeStride;
        const float *wc = w + c * taps * kOB;
        for (i64 t = 0; t < taps; ++t) {
            const float *ip = ic + tapOffsets[t];
            Vec x[XV];
#pragma GCC unroll 8
            for (int v = 0; v < XV; ++v)
                x[v] = vload(ip + v * kVW);
#pragma GCC unroll 8
            for (int o = 0; o < OB; ++o) {
                const Vec wv = vset1(wc[t * kOB + o]);
#pragma GCC unroll 8
                for (int v = 0; v < XV; ++v)
                    acc[o][v] = vfma(wv, x[v], acc[o][v]);
            }
        }
    }
    for (int o = 0; o < OB; ++o)
        for (int v = 0; v < XV; ++v)
            vstore(tile + o * kQ + v * kVW, acc[o][v]);
}

using MicroKernel = void (*)(const float *, i64, i64, const i64 *, i64, const float *, float *, bool);
template <int OB, int... XV> constexpr std::array<MicroKernel, sizeof...(XV)> kernelsForOB(std::integer_sequence<int, XV...>)
{
    return {&directMicroKernel<OB, XV + 1>...};
}
template <int... OB>
constexpr std::array<std::array<MicroKernel, kXV>, sizeof...(OB)> microKernels(std::integer_sequence<int, OB...>)
{
    return {kernelsForOB<OB + 1>(std::make_integer_sequence<int, kXV>{})...};
}
// kMicroKernels[n − 1][v − 1] computes n output channels × v vectors of q (the last q-chunk of a band is often short:
// 14 columns + 2 of padding per row leave 222 q in a 14×14 map, 4 full chunks would compute 256).
constexpr auto kMicroKernels = microKernels(std::make_integer_sequence<int, kOB>{});
#endif

} // namespace

void convDirect(const float *in, const ConvGeom &g, const float *wBlocked, const float *bias, Act act, double alpha,
                float *out, const ExecContext &ctx)
{
#if CONVLENS_DIRECT_CONV
    const i64 pb = (g.OH - 1) + dims::effectiveKernel(g.kh, g.dh) - g.H - g.pt; // bottom/right padding actually read
    const i64 pr = (g.OW - 1) + dims::effectiveKernel(g.kw, g.dw) - g.W - g.pl;
    const i64 Hp = g.H + g.pt + std::max<i64>(pb, 0), Wp = g.W + g.pl + std::max<i64>(pr, 0);
    const i64 plane = Hp * Wp, taps = g.kh * g.kw, ON = g.OH * g.OW;
    // Zero-padded copy, with slack after the last plane for the over-reading last micro-tile.
    thread_local std::vector<float> padded;
    const size_t need = size_t(g.C * plane + kQ + Wp + 64);
    if (padded.size() < need)
        padded.resize(need);
    float *pad = padded.data();
    ctx.parallelFor(g.C, g.C * plane, [&](i64 c) {
        float *dst = pad + c * plane;
        std::fill(dst, dst + plane, 0.0f);
        const float *src = in + c * g.H * g.W;
        for (i64 y = 0; y < g.H; ++y)
            std::memcpy(dst + (y + g.pt) * Wp + g.pl, src + y * g.W, size_t(g.W) * sizeof(float));
    });
    std::fill(pad + g.C * plane, pad + need, 0.0f);
    std::vector<i64> tapOffsets(static_cast<size_t>(taps));
    for (i64 ky = 0; ky < g.kh; ++ky)
        for (i64 kx = 0; kx < g.kw; ++kx)
            tapOffsets[size_t(ky * g.kw + kx)] = ky * g.dh * Wp + kx * g.dw;

    // Blocking (why: the micro-kernel runs near peak only from L1). Input channels go in slices of cb; for one slice
    // the band's input rows (cb × (rows + halo) × Wp floats) are sized to stay in L1 while every output block of the
    // task and every q-chunk of the band use them, and one block's weights for the slice (cb·taps·OB floats) stay
    // in L1 across the q-chunks. Partial sums of all (block, q-chunk) tiles of the task live in a buffer in L2.
    const i64 oBlocks = ceilDiv(g.O, kOB);
    const i64 cb = std::min<i64>(g.C, 16);
    const i64 halo = (g.kh - 1) * g.dh;
    const i64 rowsFit = (i64(128) << 10) / (4 * cb * Wp) - halo; // L1 + part of L2: measured best
    const i64 rowsPerBand = std::clamp<i64>(rowsFit, 1, g.OH);
    const i64 bands = ceilDiv(g.OH, rowsPerBand);
    const int threads = ctx.threads();
    // Split output blocks into groups only as much as needed for ≥ 2 tasks per thread.
    const i64 groups = std::min(oBlocks, std::max<i64>(1, ceilDiv(2 * threads, bands)));
    const i64 blocksPerGroup = ceilDiv(oBlocks, groups);
    ctx.parallelFor(groups * bands, g.O * g.C * taps * ON, [&](i64 task) {
        if (ctx.cancelled())
            return;
        const i64 grp = task / bands, band = task % bands;
        const i64 oy0 = band * rowsPerBand, oy1 = std::min(g.OH, oy0 + rowsPerBand);
        const i64 b0 = grp * blocksPerGroup, b1 = std::min(oBlocks, b0 + blocksPerGroup);
        if (oy0 >= oy1 || b0 >= b1)
            return;
        const i64 qBegin = oy0 * Wp, qEnd = (oy1 - 1) * Wp + g.OW;
        const i64 nq = ceilDiv(qEnd - qBegin, kQ), nb = b1 - b0;
        thread_local std::vector<float> tiles;
        if (tiles.size() < size_t(nb * nq * kOB * kQ))
            tiles.resize(size_t(nb * nq * kOB * kQ));
        for (i64 c0 = 0; c0 < g.C; c0 += cb) {
            const i64 cn = std::min(cb, g.C - c0);
            for (i64 b = b0; b < b1; ++b) {
                const float *wb = wBlocked + (b * g.C + c0) * taps * kOB;
                const auto &kernels = kMicroKernels[size_t(std::min<i64>(kOB, g.O - b * kOB) - 1)];
                for (i64 j = 0; j < nq; ++j) {
                    const i64 vecs = std::min<i64>(kXV, ceilDiv(qEnd - (qBegin + j * kQ), kVW));
                    kernels[size_t(vecs - 1)](pad + c0 * plane + qBegin + j * kQ, plane, cn, tapOffsets.data(), taps,
                                              wb, tiles.data() + ((b - b0) * nq + j) * kOB * kQ, c0 > 0);
                }
            }
        }
        for (i64 b = b0; b < b1; ++b) {
            const int oCount = int(std::min<i64>(kOB, g.O - b * kOB));
            for (i64 j = 0; j < nq; ++j) {
                const i64 q0 = qBegin + j * kQ, qn = std::min(kQ, qEnd - q0);
                const float *tile = tiles.data() + ((b - b0) * nq + j) * kOB * kQ;
                for (int o = 0; o < oCount; ++o) {
                    float *dst = out + (b * kOB + o) * ON;
                    const float *src = tile + o * kQ;
                    // Copy the valid columns of each padded-width row segment in [q0, q0 + qn).
                    i64 q = q0;
                    while (q < q0 + qn) {
                        const i64 oy = q / Wp, ox = q % Wp;
                        const i64 segEnd = std::min(q0 + qn, oy * Wp + Wp);
                        if (ox < g.OW) {
                            const i64 n = std::min(segEnd, oy * Wp + g.OW) - q;
                            std::memcpy(dst + oy * g.OW + ox, src + (q - q0), size_t(n) * sizeof(float));
                        }
                        q = segEnd;
                    }
                }
            }
            for (i64 o = b * kOB; o < std::min(g.O, (b + 1) * kOB); ++o)
                finishRows(out + o * ON + oy0 * g.OW, 1, (oy1 - oy0) * g.OW, 0, bias ? bias + o : nullptr, act,
                           alpha);
        }
    });
#else
    (void)in, (void)g, (void)wBlocked, (void)bias, (void)act, (void)alpha, (void)out, (void)ctx;
#endif
}

std::vector<float> blockWeightsForDirect(const std::vector<float> &w, i64 O, i64 C, i64 taps)
{
    const i64 oBlocks = ceilDiv(O, kOB);
    std::vector<float> b(size_t(oBlocks * C * taps * kOB), 0.0f);
    for (i64 o = 0; o < O; ++o)
        for (i64 c = 0; c < C; ++c)
            for (i64 t = 0; t < taps; ++t)
                b[size_t((((o / kOB) * C + c) * taps + t) * kOB + o % kOB)] = w[size_t((o * C + c) * taps + t)];
    return b;
}

} // namespace convlens::kernels
