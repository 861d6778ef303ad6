// forward.h — the fast forward pass of one layer, on compute/'s channels-major tensors: im2col + Eigen GEMM for
// convolutions and dense layers, direct loops for depthwise convolution, pooling and resampling, all spread over a
// ThreadPool and cancellable. Shapes, padding and every other number come from the layer's report (shape/infer):
// nothing here re-derives a shape rule. The test oracle for all of it is reference.h.
#pragma once

#include "tensor/tensor.h"
#include "compute/thread_pool.h"
#include "shape/report.h"

#include <atomic>
#include <map>
#include <mutex>
#include <span>
#include <stdexcept>
#include <string>

namespace convlens {

// A forward pass cannot run: missing or wrongly shaped weights, an unsupported layer configuration.
class ComputeError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Recycled tensor storage (why: a fresh multi-megabyte output costs a page fault per 4 KiB and a zero fill, which for
// the large feature maps of a U-Net adds up to more than the pooling and concatenation themselves). Thread-safe.
class BufferPool {
public:
    explicit BufferPool(std::int64_t maxBytes = std::int64_t(1) << 30) : maxBytes_(maxBytes) {}
    std::vector<float> take(std::size_t n); // size n, contents unspecified
    void give(std::vector<float> &&v);      // keeps it for reuse while under the size limit
    void clear();
    void setMaxBytes(std::int64_t b);

private:
    std::mutex mutex_;
    std::multimap<std::size_t, std::vector<float>> free_;
    std::int64_t bytes_ = 0, maxBytes_;
};

struct ExecContext {
    ThreadPool *pool = nullptr;                 // nullptr: everything on the calling thread
    const std::atomic<bool> *cancel = nullptr;  // checked between work items; a cancelled layer's output is garbage
    BufferPool *buffers = nullptr;              // nullptr: plain allocations
    // An output tensor: zero-filled if `zero`, otherwise with unspecified contents the kernel overwrites.
    Tensor newTensor(Framework f, Shape s, bool zero) const;
    bool cancelled() const { return cancel && cancel->load(std::memory_order_relaxed); }
    int threads() const { return pool ? pool->size() : 1; }
    // `work` is a rough operation count of the whole loop: below 2^18 the loop runs inline, since handing it to the
    // pool costs more than it saves (a layer that small takes ~10 µs on one core; the handover and the wait for the
    // other thread cost about as much on a quiet machine, and far more when the other core is busy).
    void parallelFor(std::int64_t tasks, std::int64_t work, const std::function<void(std::int64_t)> &fn) const;
};

// A layer's weights rearranged once for the kernels (GEMM-ready matrices, folded batch norm).
struct PreparedLayer {
    std::vector<float> w;      // Conv/Depthwise: [O × Cg·kh·kw]; ConvTranspose: groups × [Og·kh·kw × Cg];
                               // Separable: the depthwise part [C·M × kh·kw]; Dense: [units × in]
    std::vector<float> w2;     // Separable: pointwise [F × C·M]
    std::vector<float> bias;   // per output channel / unit; empty = none
    std::vector<float> scale, shift; // BatchNorm: y = x·scale + shift per channel
    std::vector<float> wDirect; // Conv eligible for the direct kernel (stride 1, groups 1, kernel > 1×1):
                                // [⌈O/OB⌉ × C × kh × kw × OB], OB output channels interleaved
    std::vector<float> wWinograd; // 3×3 stride-1 convolution with many channels: G·g·Gᵀ in the layout of
                                  // `winograd` (kernels.h WinogradKind: F(2×2) [16 × O × C], packed F(4×4)/F(2×2))
    std::uint8_t winograd = 0;    // kernels::WinogradKind of wWinograd
};

// Rearranges the framework-layout weights of `layer` (see io/weights.h expectedWeights for names and shapes).
// Throws ComputeError naming the layer and weight when one is missing or has the wrong shape.
PreparedLayer prepareLayer(const LayerReport &layer, Framework f, const LayerWeights *weights);

// Runs one layer. `inputs` in the order of layer.inputs (the Input layer takes its tensor as inputs[0]); the layer
// must be Ok in the report. Returns the output in compute/'s layout with layer.output as its shape.
Tensor forwardLayer(const LayerReport &layer, Framework f, std::span<const Tensor *const> inputs,
                    const PreparedLayer &weights, const ExecContext &ctx);

// Scratch memory the layer's kernel allocates besides its output (im2col buffers, intermediate tensors), bytes.
std::int64_t workspaceBytes(const LayerReport &layer, Framework f, int threads);

// 2 × MACs of the layers whose arithmetic is a convolution or a dense product (bench's GFLOP/s numerator).
bool countsAsGemm(Op op);

} // namespace convlens
