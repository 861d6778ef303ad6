// kernels.h — internal to compute/: the fast kernels, one file per family (model/ops.h Family), on channels-major
// (C, H, W) float32 planes. forward.cpp prepares weights and dispatches; every number (padding, strides, sizes) comes
// from the layer's report, none is re-derived here. The oracle for all of it is compute/reference/.
#pragma once

#include "compute/activation.h"
#include "compute/forward.h"
#include "shape/dims.h"

// GCC 12 reports -Wmaybe-uninitialized inside its own AVX-512 intrinsics when Eigen instantiates them.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <Eigen/Core>

#include <cstdint>
#include <span>
#include <vector>

namespace convlens::kernels {

using i64 = std::int64_t;
using RowMat = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using OStride = Eigen::OuterStride<>;
using dims::ceilDiv; // every numerator in the kernels is ≥ 0
using dims::floorDiv;

// Column-buffer budget per thread, in floats (4 MiB): big enough for GEMM efficiency, small enough for L2/L3.
inline constexpr i64 kColBudget = i64(1) << 20;

// ------------------------------------------------------------------------------------------------ common.cpp
struct Dims3 {
    i64 c, h, w;
};
Dims3 dims3(Framework f, const Shape &s); // (C, H, W) of a rank-3 framework-layout shape; throws ComputeError
// The valid range [lo, hi] of t in 0..n-1 such that 0 ≤ base + t·step < limit (empty when lo > hi).
// Inline: it sits in the kernels' inner loops.
inline void validRange(i64 base, i64 step, i64 limit, i64 n, i64 &lo, i64 &hi)
{
    lo = base >= 0 ? 0 : ceilDiv(-base, step);
    hi = std::min(n - 1, floorDiv(limit - 1 - base, step));
}
// Bias per row and an element-wise activation, on `count` rows of `len` values `stride` apart.
void finishRows(float *rows, i64 count, i64 len, i64 stride, const float *bias, Act act, double alpha);
// Outer/axis/inner extents of a storage-order axis.
void axisExtents(const Shape &dims, int axis, i64 &outer, i64 &len, i64 &inner);
int normalisedAxis(i64 axis, size_t rank);
// A whole layer's activation: element-wise, or softmax along a framework axis.
void applyLayerActivation(Tensor &t, Act act, double alpha, i64 axis, double beta = 0.0);
// The same values in another framework-layout shape (Flatten, Reshape, the Input).
Tensor relayout(const Tensor &in, Framework f, const Shape &out);

// ------------------------------------------------------------------------------------------------ convolutions
struct ConvGeom {
    i64 C, H, W, O, OH, OW;
    i64 kh, kw, sh, sw, dh, dw, pt, pl;
    i64 groups;
};
ConvGeom convGeom(const LayerReport &l, Framework f, i64 inC, i64 outC, i64 groups);

// conv_gemm.cpp: im2col + Eigen GEMM, and the depthwise loop. w is [O × Cg·kh·kw].
i64 convTile(i64 K, i64 N, int threads);
void convGemm(const float *in, const ConvGeom &g, const float *w, const float *bias, Act act, double alpha,
              float *out, const ExecContext &ctx);
void convDepthwise(const float *in, const ConvGeom &g, const float *w, const float *bias, Act act, double alpha,
                   float *out, const ExecContext &ctx);
// conv_direct.cpp: stride-1 convolution on a zero-padded copy, AVX-512/AVX2 micro-kernels.
bool directEligible(const ConvGeom &g);
std::vector<float> blockWeightsForDirect(const std::vector<float> &w, i64 O, i64 C, i64 taps);
void convDirect(const float *in, const ConvGeom &g, const float *wBlocked, const float *bias, Act act, double alpha,
                float *out, const ExecContext &ctx);
// winograd.cpp: Winograd F(m×m, 3×3) for 3×3 stride-1 convolutions with enough channels — with AVX-512 F(4×4) or
// F(2×2) on packed GEMMs (winograd_avx512.cpp), otherwise F(2×2) on Eigen GEMMs. The kind is chosen from the layer's
// geometry alone, once when the weights are prepared.
enum class WinogradKind : std::uint8_t { None, F2Eigen, F2Packed, F4Packed };
WinogradKind winogradKind(const ConvGeom &g);
std::vector<float> winogradWeights(const std::vector<float> &w, const ConvGeom &g, WinogradKind kind);
size_t winogradWeightCount(const ConvGeom &g, WinogradKind kind);
// blockBytes: the V and M buffers of one block of tile rows (tests make it small to exercise the blocking).
inline constexpr i64 kWinogradBlockBytes = i64(8) << 20;
void convWinograd(const float *in, const ConvGeom &g, WinogradKind kind, const float *U, const float *bias, Act act,
                  double alpha, float *out, const ExecContext &ctx, i64 blockBytes = kWinogradBlockBytes);
// Scratch bytes of convWinograd: the padded input, and V and M for one block of tile rows.
i64 winogradWorkspaceBytes(const ConvGeom &g, WinogradKind kind);
// winograd_avx512.cpp (empty without AVX-512): tile = 4 or 2; U = winogradWeightsPacked.
bool haveWinogradAvx512();
std::vector<float> winogradWeightsPacked(const std::vector<float> &w, i64 O, i64 C, int tile);
void convWinogradPacked(const float *in, const ConvGeom &g, int tile, const float *U, const float *bias, Act act,
                        double alpha, float *out, const ExecContext &ctx, i64 blockBytes);
// conv_transpose.cpp: GEMM then col2im, each thread owning a block of output channels.
void convTranspose(const float *in, const ConvGeom &g, const float *wt, const float *bias, Act act, double alpha,
                   float *out, const ExecContext &ctx);

// ------------------------------------------------------------------------------------------------ the other families
void pool2d(const LayerReport &l, Framework f, const float *in, float *out, const ExecContext &ctx);       // pool.cpp
void globalPool(const LayerReport &l, Framework f, const Tensor &x, Tensor &y, const ExecContext &ctx);
void adaptivePool(const LayerReport &l, Framework f, const Tensor &x, Tensor &y, const ExecContext &ctx);
void upsample(const LayerReport &l, Framework f, const float *in, float *out, const ExecContext &ctx);     // resample.cpp
void padOrCrop(const LayerReport &l, Framework f, const Tensor &x, Tensor &y, const ExecContext &ctx);    // pad.cpp
void batchNorm(const LayerReport &l, const PreparedLayer &p, Tensor &y, const ExecContext &ctx);         // norm.cpp
void dense(const LayerReport &l, Framework f, const Tensor &x, const PreparedLayer &p, Tensor &y,        // dense.cpp
           const ExecContext &ctx);
void concat(const LayerReport &l, std::span<const Tensor *const> inputs, Tensor &y);                     // merge.cpp
void add(const LayerReport &l, std::span<const Tensor *const> inputs, Tensor &y);

// ------------------------------------------------------------------------------------------------ tensor_ops.cpp
// The tensor operations of forward() (PyTorch layout): Op::Arith, Reduce, Permute, Slice, PixelShuffle, and
// GroupNorm in place (p.scale/p.shift: weight and bias, or the running statistics folded as for batch norm).
Tensor arithmetic(const LayerReport &l, Framework f, std::span<const Tensor *const> inputs);
Tensor reduce(const LayerReport &l, Framework f, const Tensor &x);
Tensor permute(const LayerReport &l, Framework f, const Tensor &x);
Tensor slice(const LayerReport &l, Framework f, const Tensor &x);
Tensor pixelShuffle(const LayerReport &l, Framework f, const Tensor &x);
void groupNorm(const LayerReport &l, const PreparedLayer &p, Tensor &y);
// PReLU (p.scale: the slopes), LayerNorm (p.scale/p.shift: weight and bias, or empty), LocalResponseNorm and
// ChannelShuffle, on the (C, …) framework order.
Tensor prelu(const LayerReport &l, Framework f, const Tensor &x, const PreparedLayer &p);
Tensor layerNorm(const LayerReport &l, Framework f, const Tensor &x, const PreparedLayer &p);
Tensor localResponseNorm(const LayerReport &l, Framework f, const Tensor &x);
Tensor channelShuffle(const LayerReport &l, Framework f, const Tensor &x);

} // namespace convlens::kernels
