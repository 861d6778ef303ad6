// forward.cpp — fast kernels on channels-major (C, H, W) float32 planes.
//
// Convolution: im2col of a tile of output positions into a thread-local buffer, then one Eigen GEMM
// [O_block × Cg·kh·kw] · [Cg·kh·kw × tile] straight into the output rows; bias and element-wise activation are applied
// while the tile is still in cache. Work items are (group, column tile, output-channel block), claimed dynamically by
// the pool, so large images split over columns and small deep feature maps over output channels. A 1×1 stride-1
// unpadded convolution skips im2col (the input already is the column matrix). Depthwise (one input channel per
// group) convolution is a direct loop per channel. Transposed convolution is GEMM then col2im, each thread owning a
// block of output channels so the overlapping scatter needs no locks.
#include "compute/forward.h"

#include "compute/activation.h"
#include "tensor/weights.h"
#include "shape/dims.h"

// GCC 12 reports -Wmaybe-uninitialized inside its own AVX-512 intrinsics when Eigen instantiates them.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <Eigen/Core>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <limits>
#include <utility>

#if defined(__AVX512F__) || (defined(__AVX2__) && defined(__FMA__))
#include <immintrin.h>
#define CONVLENS_DIRECT_CONV 1
#endif

namespace convlens {

void ExecContext::parallelFor(std::int64_t tasks, std::int64_t work, const std::function<void(std::int64_t)> &fn) const
{
    if (pool && work >= 50000)
        pool->parallelFor(tasks, fn);
    else
        for (std::int64_t i = 0; i < tasks; ++i)
            fn(i);
}

std::vector<float> BufferPool::take(std::size_t n)
{
    {
        std::lock_guard lock(mutex_);
        auto it = free_.find(n);
        if (it != free_.end()) {
            std::vector<float> v = std::move(it->second);
            free_.erase(it);
            bytes_ -= std::int64_t(v.capacity() * sizeof(float));
            return v;
        }
    }
    return std::vector<float>(n);
}

void BufferPool::give(std::vector<float> &&v)
{
    if (v.empty())
        return;
    const std::int64_t b = std::int64_t(v.capacity() * sizeof(float));
    std::lock_guard lock(mutex_);
    if (bytes_ + b > maxBytes_)
        return; // dropped: freed when v goes out of scope
    bytes_ += b;
    free_.emplace(v.size(), std::move(v));
}

void BufferPool::clear()
{
    std::lock_guard lock(mutex_);
    free_.clear();
    bytes_ = 0;
}

void BufferPool::setMaxBytes(std::int64_t b)
{
    std::lock_guard lock(mutex_);
    maxBytes_ = b;
    while (bytes_ > maxBytes_ && !free_.empty()) {
        bytes_ -= std::int64_t(free_.begin()->second.capacity() * sizeof(float));
        free_.erase(free_.begin());
    }
}

Tensor ExecContext::newTensor(Framework f, Shape s, bool zero) const
{
    if (!buffers)
        return Tensor::zeros(f, std::move(s));
    Tensor t;
    t.framework = f;
    t.data = buffers->take(size_t(elementCount(s)));
    t.shape = std::move(s);
    if (zero)
        std::fill(t.data.begin(), t.data.end(), 0.0f);
    return t;
}

bool countsAsGemm(Op op)
{
    return op == Op::Conv || op == Op::DepthwiseConv || op == Op::SeparableConv || op == Op::ConvTranspose ||
           op == Op::Dense;
}

namespace {

using i64 = std::int64_t;
using RowMat = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using OStride = Eigen::OuterStride<>;

// Column-buffer budget per thread, in floats (4 MiB): big enough for GEMM efficiency, small enough for L2/L3.
constexpr i64 kColBudget = i64(1) << 20;

using dims::ceilDiv; // every numerator here is ≥ 0
using dims::floorDiv;

struct Dims3 {
    i64 c, h, w;
};
Dims3 dims3(Framework f, const Shape &s)
{
    if (s.size() != 3)
        throw ComputeError("expected a rank-3 (spatial) tensor, got rank " + std::to_string(s.size()));
    return f == Framework::Keras ? Dims3{s[2], s[0], s[1]} : Dims3{s[0], s[1], s[2]};
}

// The valid range [lo, hi] of t in 0..n-1 such that 0 ≤ base + t·step < limit (empty when lo > hi).
void validRange(i64 base, i64 step, i64 limit, i64 n, i64 &lo, i64 &hi)
{
    lo = base >= 0 ? 0 : ceilDiv(-base, step);
    hi = std::min(n - 1, floorDiv(limit - 1 - base, step));
}

void finishRows(float *rows, i64 count, i64 len, i64 stride, const float *bias, Act act, double alpha)
{
    for (i64 r = 0; r < count; ++r) {
        float *row = rows + r * stride;
        if (bias) {
            const float b = bias[r];
            for (i64 j = 0; j < len; ++j)
                row[j] += b;
        }
        if (act != Act::Linear && isElementwise(act))
            applyActivation(act, alpha, row, len);
    }
}

// ------------------------------------------------------------------------------------------------ convolution
struct ConvGeom {
    i64 C, H, W, O, OH, OW;
    i64 kh, kw, sh, sw, dh, dw, pt, pl;
    i64 groups;
};

ConvGeom convGeom(const LayerReport &l, Framework f, i64 inC, i64 outC, i64 groups)
{
    const Dims3 in = dims3(f, l.inputShapes.at(0)), out = dims3(f, *l.output);
    const auto &s = l.spec;
    return {inC > 0 ? inC : in.c, in.h, in.w, outC > 0 ? outC : out.c, out.h, out.w,
            s.kernel[0], s.kernel[1], s.stride[0], s.stride[1], s.dilation[0], s.dilation[1], s.pad.top, s.pad.left,
            groups};
}

// Rows (c, ky, kx) of Cg channels, columns = output positions n0 .. n0+nt-1, into col[K × nt].
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

// ------------------------------------------------------------------------------------------------ direct conv
// Stride-1 convolution without im2col (why: im2col writes Cg·kh·kw copies of the input, which for a 3×3 layer with
// few output channels costs about as much as the GEMM itself). The input is copied once into a zero-padded buffer;
// an output position q = oy·Wp + ox in *padded-width* coordinates then reads input q + ky·dh·Wp + kx·dw for every
// tap, so a run of consecutive q (spanning rows; the Wp − OW columns at each row end are computed and dropped) is a
// plain vector load per tap. The micro-kernel keeps OB output channels × XV vectors of q in registers and walks all
// C·kh·kw taps: one broadcast weight per channel, XV loads per tap, OB·XV FMAs.
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

bool directEligible(const ConvGeom &g)
{
    return kHaveDirect && g.groups == 1 && g.sh == 1 && g.sw == 1 && g.kh * g.kw > 1 && g.C >= 1;
}

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

// ------------------------------------------------------------------------------------------------ Winograd F(2×2, 3×3)
// For 3×3 stride-1 convolutions with many channels (why: 16 multiplies per 2×2 output tile instead of 36, so 2.25×
// fewer flops in the GEMMs; the transforms cost O(C + O) per tile against O(C·O) for the products, so they only pay
// off with enough channels). Y = Aᵀ [(G g Gᵀ) ⊙ (Bᵀ d B)] A per 4×4 input patch d; the element-wise products over
// channels become 16 GEMMs M[ξ] = U[ξ] (O × C) · V[ξ] (C × tiles). F(2, 3) keeps float32 errors near 1e-6 relative
// (F(4, 3) would not meet the golden 1e-4 comfortably).
bool winogradEligible(const ConvGeom &g)
{
    return g.kh == 3 && g.kw == 3 && g.sh == 1 && g.sw == 1 && g.dh == 1 && g.dw == 1 && g.groups == 1 &&
           g.C >= 32 && g.O >= 32 && g.C * g.O >= 64 * 128; // measured: 64→64 is a tie with the direct kernel
}

std::vector<float> winogradWeights(const std::vector<float> &w, i64 O, i64 C)
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

void convWinograd(const float *in, const ConvGeom &g, const float *U, const float *bias, Act act, double alpha,
                  float *out, const ExecContext &ctx)
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
    const i64 rowsPerBlock = std::clamp<i64>((i64(8) << 20) / (16 * 4 * (g.C + g.O)) / TW, 1, TH);
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

// ------------------------------------------------------------------------------------------------ pooling
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
                    double div;
                    if (s.divisorOverride > 0)
                        div = double(s.divisorOverride);
                    else if (s.padKind == PadKind::CountedZero)
                        div = double(padded);
                    else
                        div = double(real);
                    dst[oy * od.w + ox] = real == 0 ? 0.0f : float(sum / div);
                }
            }
        }
    });
}

// ------------------------------------------------------------------------------------------------ resampling
struct Lerp {
    i64 i0, i1;
    float w1;
};

// Source coordinate as torch's area_pixel_compute_source_index and TF's half-pixel resize compute it.
// The scale factor as torch uses it: 1/scale_factor when the layer was given one (its output is ⌊in·factor⌋),
// otherwise in/out (a size was given, or Keras' integer factors, where both agree).
double usableFactor(i64 in, i64 out, double factor)
{
    return factor > 0 && i64(std::floor(double(in) * factor)) == out ? factor : 0.0;
}

std::vector<Lerp> bilinearTable(i64 in, i64 out, double scaleFactor, bool alignCorners)
{
    scaleFactor = usableFactor(in, out, scaleFactor);
    float scale;
    if (alignCorners)
        scale = out > 1 ? float(in - 1) / float(out - 1) : 0.0f;
    else
        scale = scaleFactor > 0 ? float(1.0 / scaleFactor) : float(in) / float(out);
    std::vector<Lerp> t(static_cast<size_t>(out));
    for (i64 o = 0; o < out; ++o) {
        float src = alignCorners ? scale * float(o) : scale * (float(o) + 0.5f) - 0.5f;
        if (src < 0)
            src = 0;
        i64 i0 = std::min<i64>(i64(src), in - 1);
        const i64 i1 = i0 + (i0 < in - 1 ? 1 : 0);
        t[size_t(o)] = {i0, i1, src - float(i0)};
    }
    return t;
}

std::vector<i64> nearestTable(i64 in, i64 out, double scaleFactor)
{
    scaleFactor = usableFactor(in, out, scaleFactor);
    std::vector<i64> t(static_cast<size_t>(out));
    const double rounded = std::round(scaleFactor);
    const bool integral = scaleFactor > 0 && std::abs(scaleFactor - rounded) < 1e-12 && i64(rounded) * in == out;
    const float scale = scaleFactor > 0 ? float(1.0 / scaleFactor) : float(in) / float(out);
    for (i64 o = 0; o < out; ++o)
        t[size_t(o)] = integral ? o / i64(rounded) : std::min<i64>(i64(std::floor(float(o) * scale)), in - 1);
    return t;
}

void upsample(const LayerReport &l, Framework f, const float *in, float *out, const ExecContext &ctx)
{
    const Dims3 id = dims3(f, l.inputShapes.at(0)), od = dims3(f, *l.output);
    const auto &s = l.spec;
    const i64 HW = id.h * id.w, ON = od.h * od.w;
    if (s.interpolation == Interp::Nearest) {
        const auto ty = nearestTable(id.h, od.h, s.scale[0]), tx = nearestTable(id.w, od.w, s.scale[1]);
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

// ------------------------------------------------------------------------------------------------ helpers
const NdArray &needWeight(const LayerReport &l, const LayerWeights *w, const std::string &name, const Shape &shape)
{
    if (!w)
        throw ComputeError("layer '" + l.name + "' has no weights (expected " + name + " " + shapeTuple(shape) +
                           ")");
    auto it = w->find(name);
    if (it == w->end())
        throw ComputeError("layer '" + l.name + "' lacks its weight '" + name + "' (expected shape " +
                           shapeTuple(shape) + ")");
    if (it->second.shape != shape)
        throw ComputeError(l.name + "." + name + ": expected shape " + shapeTuple(shape) + ", found " +
                           shapeTuple(it->second.shape));
    return it->second;
}

const WeightSpec *findSpec(const std::vector<WeightSpec> &specs, const std::string &name)
{
    for (const auto &s : specs)
        if (s.name == name)
            return &s;
    return nullptr;
}

// Outer/axis/inner extents of a storage-order axis.
void axisExtents(const Shape &dims, int axis, i64 &outer, i64 &len, i64 &inner)
{
    outer = 1;
    inner = 1;
    for (int i = 0; i < axis; ++i)
        outer *= dims[size_t(i)];
    len = dims[size_t(axis)];
    for (size_t i = size_t(axis) + 1; i < dims.size(); ++i)
        inner *= dims[i];
}

int normalisedAxis(i64 axis, size_t rank)
{
    const i64 r = i64(rank);
    i64 a = axis < 0 ? axis + r : axis;
    if (a < 0 || a >= r)
        a = r - 1;
    return int(a);
}

void applyLayerActivation(Tensor &t, Act act, double alpha, i64 axis)
{
    if (act == Act::Linear)
        return;
    if (act == Act::Softmax) {
        const Shape dims = t.storageDims();
        if (dims.empty())
            return;
        i64 outer, len, inner;
        axisExtents(dims, t.storageAxis(normalisedAxis(axis, t.shape.size())), outer, len, inner);
        applySoftmax(t.data.data(), outer, len, inner);
        return;
    }
    applyActivation(act, alpha, t.data.data(), t.elements());
}

Tensor relayout(const Tensor &in, Framework f, const Shape &out)
{
    if (in.shape == out)
        return in;
    const auto flat = in.toFrameworkOrder();
    return Tensor::fromFrameworkOrder(f, out, flat);
}

} // namespace

// ================================================================================================ prepare
PreparedLayer prepareLayer(const LayerReport &l, Framework f, const LayerWeights *w)
{
    PreparedLayer p;
    const auto specs = expectedWeights(l, f);
    if (specs.empty())
        return p;
    const bool keras = f == Framework::Keras;
    auto bias = [&](const char *name) {
        if (const WeightSpec *s = findSpec(specs, name))
            p.bias = needWeight(l, w, name, s->shape).data;
    };
    switch (l.op) {
    case Op::Conv:
    case Op::DepthwiseConv: {
        const bool depthwise = l.op == Op::DepthwiseConv;
        const char *kname = keras ? (depthwise ? "depthwise_kernel" : "kernel") : "weight";
        const WeightSpec &ks = *findSpec(specs, kname);
        const NdArray &k = needWeight(l, w, kname, ks.shape);
        if (keras) {
            // HWIO (depthwise: H, W, C, M) → [O × I·kh·kw] with o = c·M + m for depthwise.
            const i64 kh = ks.shape[0], kw = ks.shape[1], I = ks.shape[2], O = ks.shape[3];
            if (depthwise) {
                p.w.resize(size_t(I * O * kh * kw));
                for (i64 c = 0; c < I; ++c)
                    for (i64 m = 0; m < O; ++m)
                        for (i64 y = 0; y < kh; ++y)
                            for (i64 x = 0; x < kw; ++x)
                                p.w[size_t(((c * O + m) * kh + y) * kw + x)] = k.data[size_t(((y * kw + x) * I + c) * O + m)];
            } else {
                p.w.resize(size_t(O * I * kh * kw));
                for (i64 o = 0; o < O; ++o)
                    for (i64 c = 0; c < I; ++c)
                        for (i64 y = 0; y < kh; ++y)
                            for (i64 x = 0; x < kw; ++x)
                                p.w[size_t(((o * I + c) * kh + y) * kw + x)] = k.data[size_t(((y * kw + x) * I + c) * O + o)];
            }
        } else {
            p.w = k.data; // OIHW is already [O × I·kh·kw]
        }
        bias("bias");
        if (!depthwise && l.output && l.inputShapes.size() == 1 && l.inputShapes[0].size() == 3) {
            const Dims3 in = dims3(f, l.inputShapes[0]), od = dims3(f, *l.output);
            const ConvGeom g = convGeom(l, f, in.c, od.c, std::max<i64>(1, l.spec.groups));
            if (winogradEligible(g)) {
                p.wWinograd = winogradWeights(p.w, g.O, g.C);
                p.w = {}; // one prepared copy is enough (a U-Net's weights are 120 MiB)
            } else if (directEligible(g)) {
                p.wDirect = blockWeightsForDirect(p.w, g.O, g.C, g.kh * g.kw);
                p.w = {};
            }
        }
        break;
    }
    case Op::SeparableConv: {
        const WeightSpec &ds = *findSpec(specs, "depthwise_kernel");
        const WeightSpec &ps = *findSpec(specs, "pointwise_kernel");
        const NdArray &dk = needWeight(l, w, "depthwise_kernel", ds.shape);
        const NdArray &pk = needWeight(l, w, "pointwise_kernel", ps.shape);
        const i64 kh = ds.shape[0], kw = ds.shape[1], C = ds.shape[2], M = ds.shape[3], F = ps.shape[3];
        p.w.resize(size_t(C * M * kh * kw));
        for (i64 c = 0; c < C; ++c)
            for (i64 m = 0; m < M; ++m)
                for (i64 y = 0; y < kh; ++y)
                    for (i64 x = 0; x < kw; ++x)
                        p.w[size_t(((c * M + m) * kh + y) * kw + x)] = dk.data[size_t(((y * kw + x) * C + c) * M + m)];
        p.w2.resize(size_t(F * C * M));
        for (i64 j = 0; j < C * M; ++j)
            for (i64 o = 0; o < F; ++o)
                p.w2[size_t(o * C * M + j)] = pk.data[size_t(j * F + o)];
        bias("bias");
        break;
    }
    case Op::ConvTranspose: {
        const char *kname = keras ? "kernel" : "weight";
        const WeightSpec &ks = *findSpec(specs, kname);
        const NdArray &k = needWeight(l, w, kname, ks.shape);
        const i64 groups = std::max<i64>(1, l.spec.groups);
        if (keras) {
            // (kh, kw, O, I) → [(o, ky, kx) × I]
            const i64 kh = ks.shape[0], kw = ks.shape[1], O = ks.shape[2], I = ks.shape[3];
            p.w.resize(size_t(O * kh * kw * I));
            for (i64 o = 0; o < O; ++o)
                for (i64 y = 0; y < kh; ++y)
                    for (i64 x = 0; x < kw; ++x)
                        for (i64 c = 0; c < I; ++c)
                            p.w[size_t(((o * kh + y) * kw + x) * I + c)] = k.data[size_t(((y * kw + x) * O + o) * I + c)];
        } else {
            // (I, O/g, kh, kw): group g's rows are a [Cg × Og·kh·kw] block; transpose each block.
            const i64 I = ks.shape[0], Og = ks.shape[1], KK = ks.shape[2] * ks.shape[3], Cg = I / groups;
            p.w.resize(size_t(I * Og * KK));
            for (i64 g = 0; g < groups; ++g)
                for (i64 c = 0; c < Cg; ++c)
                    for (i64 r = 0; r < Og * KK; ++r)
                        p.w[size_t(g * Og * KK * Cg + r * Cg + c)] = k.data[size_t((g * Cg + c) * Og * KK + r)];
        }
        bias("bias");
        break;
    }
    case Op::Dense: {
        const char *kname = keras ? "kernel" : "weight";
        const WeightSpec &ks = *findSpec(specs, kname);
        const NdArray &k = needWeight(l, w, kname, ks.shape);
        if (keras) {
            const i64 in = ks.shape[0], units = ks.shape[1];
            p.w.resize(size_t(in * units));
            for (i64 i = 0; i < in; ++i)
                for (i64 u = 0; u < units; ++u)
                    p.w[size_t(u * in + i)] = k.data[size_t(i * units + u)];
        } else {
            p.w = k.data;
        }
        bias("bias");
        break;
    }
    case Op::BatchNorm: {
        const char *gname = keras ? "gamma" : "weight", *bname = keras ? "beta" : "bias";
        const char *mname = keras ? "moving_mean" : "running_mean", *vname = keras ? "moving_variance" : "running_var";
        const Shape cs = findSpec(specs, mname)->shape;
        const auto &mean = needWeight(l, w, mname, cs).data;
        const auto &var = needWeight(l, w, vname, cs).data;
        const std::vector<float> *gamma = findSpec(specs, gname) ? &needWeight(l, w, gname, cs).data : nullptr;
        const std::vector<float> *beta = findSpec(specs, bname) ? &needWeight(l, w, bname, cs).data : nullptr;
        p.scale.resize(size_t(cs[0]));
        p.shift.resize(size_t(cs[0]));
        for (size_t c = 0; c < size_t(cs[0]); ++c) {
            const double inv = 1.0 / std::sqrt(double(var[c]) + l.spec.epsilon) * (gamma ? double((*gamma)[c]) : 1.0);
            p.scale[c] = float(inv);
            p.shift[c] = float((beta ? double((*beta)[c]) : 0.0) - double(mean[c]) * inv);
        }
        break;
    }
    default:
        break;
    }
    return p;
}

std::int64_t workspaceBytes(const LayerReport &l, Framework f, int threads)
{
    if (!l.ok() || !l.output || l.inputShapes.empty())
        return 0;
    const auto &s = l.spec;
    try {
        switch (l.op) {
        case Op::Conv: {
            const Dims3 in = dims3(f, l.inputShapes[0]), out = dims3(f, *l.output);
            const i64 K = in.c / std::max<i64>(1, s.groups) * s.kernel[0] * s.kernel[1];
            const i64 padded = 4 * in.c * (in.h + s.pad.top + s.pad.bottom + 1) * (in.w + s.pad.left + s.pad.right + 1);
            const i64 winograd = (i64(16) << 20) + padded; // V and M blocks of ≤ 8 MiB each
            return std::max({4 * threads * K * convTile(K, out.h * out.w, threads), padded, winograd});
        }
        case Op::SeparableConv: {
            const Dims3 in = dims3(f, l.inputShapes[0]), out = dims3(f, *l.output);
            return 4 * in.c * std::max<i64>(1, s.depthMultiplier) * out.h * out.w;
        }
        case Op::ConvTranspose:
            return 4 * threads * kColBudget;
        default:
            return 0;
        }
    } catch (const ComputeError &) {
        return 0;
    }
}

// ================================================================================================ forward
Tensor forwardLayer(const LayerReport &l, Framework f, std::span<const Tensor *const> inputs, const PreparedLayer &p,
                    const ExecContext &ctx)
{
    if (!l.ok() || !l.output)
        throw ComputeError("layer '" + l.name + "' has no resolved shape");
    if (inputs.empty() || !inputs[0])
        throw ComputeError("layer '" + l.name + "' got no input");
    const auto &s = l.spec;
    const Tensor &x = *inputs[0];
    const Shape &outShape = *l.output;

    switch (l.op) {
    case Op::Input:
        if (elementCount(x.shape) != elementCount(outShape))
            throw ComputeError("the input has shape " + shapeTuple(x.shape) + " but layer '" + l.name +
                               "' expects " + shapeTuple(outShape));
        return relayout(x, f, outShape);
    case Op::Dropout: {
        Tensor y = ctx.newTensor(f, x.shape, false);
        std::copy(x.data.begin(), x.data.end(), y.data.begin());
        return y;
    }
    case Op::Flatten:
    case Op::Reshape:
        return relayout(x, f, outShape);
    case Op::Conv:
    case Op::DepthwiseConv: {
        Tensor y = ctx.newTensor(f, outShape, false);
        const Dims3 in = dims3(f, l.inputShapes.at(0)), od = dims3(f, outShape);
        const i64 groups = l.op == Op::DepthwiseConv ? in.c : std::max<i64>(1, s.groups);
        const ConvGeom g = convGeom(l, f, in.c, od.c, groups);
        const size_t taps = size_t(g.O * (g.C / g.groups) * g.kh * g.kw);
        const bool wino = !p.wWinograd.empty() && winogradEligible(g);
        const bool direct = !wino && !p.wDirect.empty() && directEligible(g);
        if (wino ? p.wWinograd.size() != taps / 9 * 16 : direct ? p.wDirect.size() < taps : p.w.size() != taps)
            throw ComputeError("layer '" + l.name + "': prepared weights do not match its shape");
        if (wino)
            convWinograd(x.data.data(), g, p.wWinograd.data(), p.bias.empty() ? nullptr : p.bias.data(), s.activation,
                         l.spec.alpha, y.data.data(), ctx);
        else if (direct)
            convDirect(x.data.data(), g, p.wDirect.data(), p.bias.empty() ? nullptr : p.bias.data(), s.activation,
                       l.spec.alpha, y.data.data(), ctx);
        else
            convGemm(x.data.data(), g, p.w.data(), p.bias.empty() ? nullptr : p.bias.data(), s.activation,
                     l.spec.alpha, y.data.data(), ctx);
        if (s.activation == Act::Softmax) // fused softmax: the last framework axis, as Keras applies it
            applyLayerActivation(y, s.activation, l.spec.alpha, -1);
        return y;
    }
    case Op::SeparableConv: {
        const Dims3 in = dims3(f, l.inputShapes.at(0)), od = dims3(f, outShape);
        const i64 M = std::max<i64>(1, s.depthMultiplier);
        ConvGeom g = convGeom(l, f, in.c, in.c * M, in.c);
        std::vector<float> mid = ctx.buffers ? ctx.buffers->take(size_t(g.O * od.h * od.w))
                                             : std::vector<float>(size_t(g.O * od.h * od.w));
        convGemm(x.data.data(), g, p.w.data(), nullptr, Act::Linear, 0.0, mid.data(), ctx);
        ConvGeom pw{in.c * M, od.h, od.w, od.c, od.h, od.w, 1, 1, 1, 1, 1, 1, 0, 0, 1};
        Tensor y = ctx.newTensor(f, outShape, false);
        convGemm(mid.data(), pw, p.w2.data(), p.bias.empty() ? nullptr : p.bias.data(), s.activation, l.spec.alpha,
                 y.data.data(), ctx);
        if (s.activation == Act::Softmax) // fused softmax: the last framework axis, as Keras applies it
            applyLayerActivation(y, s.activation, l.spec.alpha, -1);
        if (ctx.buffers)
            ctx.buffers->give(std::move(mid));
        return y;
    }
    case Op::ConvTranspose: {
        Tensor y = ctx.newTensor(f, outShape, false);
        const Dims3 in = dims3(f, l.inputShapes.at(0)), od = dims3(f, outShape);
        const ConvGeom g = convGeom(l, f, in.c, od.c, std::max<i64>(1, s.groups));
        convTranspose(x.data.data(), g, p.w.data(), p.bias.empty() ? nullptr : p.bias.data(), s.activation, l.spec.alpha,
                      y.data.data(), ctx);
        if (s.activation == Act::Softmax) // fused softmax: the last framework axis, as Keras applies it
            applyLayerActivation(y, s.activation, l.spec.alpha, -1);
        return y;
    }
    case Op::MaxPool:
    case Op::AvgPool: {
        Tensor y = ctx.newTensor(f, outShape, false);
        pool2d(l, f, x.data.data(), y.data.data(), ctx);
        return y;
    }
    case Op::GlobalMaxPool:
    case Op::GlobalAvgPool: {
        const Dims3 in = dims3(f, l.inputShapes.at(0));
        Tensor y = ctx.newTensor(f, outShape, false);
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
        return y;
    }
    case Op::AdaptiveAvgPool:
    case Op::AdaptiveMaxPool: {
        const bool isMax = l.op == Op::AdaptiveMaxPool;
        const Dims3 in = dims3(f, l.inputShapes.at(0)), od = dims3(f, outShape);
        Tensor y = ctx.newTensor(f, outShape, false);
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
                    y.data[size_t((c * od.h + oy) * od.w + ox)] =
                        isMax ? m : float(sum / double((y1 - y0) * (x1 - x0)));
                }
            }
        });
        return y;
    }
    case Op::Upsample: {
        Tensor y = ctx.newTensor(f, outShape, false);
        upsample(l, f, x.data.data(), y.data.data(), ctx);
        return y;
    }
    case Op::Pad:
    case Op::Crop: {
        const Dims3 in = dims3(f, l.inputShapes.at(0)), od = dims3(f, outShape);
        Tensor y = ctx.newTensor(f, outShape, true);
        // Output cell (oy, ox) reads input (oy − top, ox − left) for padding, (oy + top, ox + left) for cropping.
        const i64 dy = l.op == Op::Pad ? -s.pad.top : s.pad.top, dx = l.op == Op::Pad ? -s.pad.left : s.pad.left;
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
        return y;
    }
    case Op::BatchNorm: {
        Tensor y = ctx.newTensor(f, x.shape, false);
        std::copy(x.data.begin(), x.data.end(), y.data.begin());
        const Shape dims = y.storageDims();
        const i64 fwAxis = normalisedAxis(s.axis, y.shape.size());
        const i64 axis = f == Framework::PyTorch && (s.axis < 0 || s.axis >= i64(y.shape.size())) ? 0 : fwAxis;
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
        return y;
    }
    case Op::Activation: {
        Tensor y = ctx.newTensor(f, x.shape, false);
        std::copy(x.data.begin(), x.data.end(), y.data.begin());
        applyLayerActivation(y, s.activation, l.spec.alpha, s.axis);
        return y;
    }
    case Op::Dense: {
        Tensor y = ctx.newTensor(f, outShape, false);
        const i64 in = x.shape.back(), units = outShape.back();
        if (p.w.size() != size_t(in * units))
            throw ComputeError("layer '" + l.name + "': prepared weights do not match its shape");
        Eigen::Map<const RowMat> Wm(p.w.data(), units, in);
        const float *bias = p.bias.empty() ? nullptr : p.bias.data();
        if (f == Framework::Keras && x.spatial()) {
            // Storage (C, H, W), acting on C: Y[U × HW] = W · X[C × HW], as a 1×1 convolution.
            const Dims3 d = dims3(f, x.shape);
            ConvGeom g{d.c, d.h, d.w, units, d.h, d.w, 1, 1, 1, 1, 1, 1, 0, 0, 1};
            convGemm(x.data.data(), g, p.w.data(), bias, s.activation, l.spec.alpha, y.data.data(), ctx);
        } else {
            // Row-major with the last axis contiguous: Y[R × U] = X[R × in] · Wᵀ, rows or units split over threads.
            const i64 R = x.elements() / in;
            const i64 chunks = std::min<i64>(ctx.threads() * 2, R > 1 ? R : std::max<i64>(1, units / 64));
            ctx.parallelFor(chunks, R * in * units, [&](i64 t) {
                if (R > 1) {
                    const i64 r0 = t * ceilDiv(R, chunks), r1 = std::min(R, r0 + ceilDiv(R, chunks));
                    if (r0 >= r1)
                        return;
                    Eigen::Map<const RowMat> X(x.data.data() + r0 * in, r1 - r0, in);
                    Eigen::Map<RowMat> Y(y.data.data() + r0 * units, r1 - r0, units);
                    Y.noalias() = X * Wm.transpose();
                } else {
                    const i64 u0 = t * ceilDiv(units, chunks), u1 = std::min(units, u0 + ceilDiv(units, chunks));
                    if (u0 >= u1)
                        return;
                    Eigen::Map<const Eigen::VectorXf> X(x.data.data(), in);
                    Eigen::Map<Eigen::VectorXf> Y(y.data.data() + u0, u1 - u0);
                    Y.noalias() = Wm.middleRows(u0, u1 - u0) * X;
                }
            });
            for (i64 r = 0; r < R; ++r) {
                float *row = y.data.data() + r * units;
                if (bias)
                    for (i64 u = 0; u < units; ++u)
                        row[u] += bias[u];
                finishRows(row, 1, units, units, nullptr, s.activation, l.spec.alpha);
            }
        }
        if (s.activation == Act::Softmax)
            applyLayerActivation(y, s.activation, l.spec.alpha, -1);
        return y;
    }
    case Op::Concat: {
        Tensor y = ctx.newTensor(f, outShape, false);
        const Shape odims = y.storageDims();
        const int axis = y.storageAxis(normalisedAxis(s.axis, outShape.size()));
        i64 outer, olen, inner;
        axisExtents(odims, axis, outer, olen, inner);
        i64 offset = 0;
        for (const Tensor *t : inputs) {
            if (!t || t->shape.size() != outShape.size())
                throw ComputeError("layer '" + l.name + "': concatenated inputs must have the output's rank");
            const Shape d = t->storageDims();
            const i64 len = d[size_t(axis)];
            for (i64 o = 0; o < outer; ++o)
                std::memcpy(y.data.data() + (o * olen + offset) * inner, t->data.data() + o * len * inner,
                            size_t(len * inner) * sizeof(float));
            offset += len;
        }
        return y;
    }
    case Op::Add: {
        Tensor y = ctx.newTensor(f, outShape, false);
        if (x.data.size() != y.data.size())
            throw ComputeError("layer '" + l.name + "': added inputs must have the output's shape");
        std::copy(x.data.begin(), x.data.end(), y.data.begin());
        for (size_t i = 1; i < inputs.size(); ++i) {
            if (!inputs[i] || inputs[i]->data.size() != y.data.size())
                throw ComputeError("layer '" + l.name + "': added inputs must have the same shape");
            Eigen::Map<Eigen::ArrayXf>(y.data.data(), y.elements()) +=
                Eigen::Map<const Eigen::ArrayXf>(inputs[i]->data.data(), y.elements());
        }
        return y;
    }
    }
    throw ComputeError("layer '" + l.name + "': no forward kernel for this kind");
}

} // namespace convlens
