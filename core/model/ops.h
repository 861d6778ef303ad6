// ops.h — what a layer computes, independent of how a framework spells it: one `Op` per computation and one row of
// traits per Op (its family, whether it has weights, whether a window slides over its input, how the diagram draws
// it), plus one row per activation function with the names each framework gives it. Every stage that treats ops
// differently asks these rows or switches over `Op` exhaustively (no `default:`; the build has -Wswitch-enum), so a
// new kind that a stage forgets does not compile. docs/adding-a-layer.md is the checklist.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace convlens {

enum class Op {
    Input,
    Conv,           // Conv2D / Conv2d (groups)
    DepthwiseConv,  // DepthwiseConv2D
    SeparableConv,  // SeparableConv2D (depthwise then 1×1 pointwise)
    ConvTranspose,  // Conv2DTranspose / ConvTranspose2d
    MaxPool,
    AvgPool,
    GlobalMaxPool,
    GlobalAvgPool,
    AdaptiveAvgPool,
    AdaptiveMaxPool,
    Upsample,
    Pad,            // ZeroPadding2D / ZeroPad2d (PadMode says how the border is filled)
    Crop,
    BatchNorm,
    Dropout,
    Activation,     // Keras Activation/ReLU/LeakyReLU, PyTorch ReLU/Sigmoid/…/Identity
    Flatten,
    Dense,
    Reshape,
    Concat,
    Add,
    Arith,          // tensor arithmetic in forward(): a − b, a · b, a / b (broadcasting), or with a number; −x
    Reduce,         // mean / sum / amax / amin over axes (keepdim or not)
    Permute,        // permute / transpose: the axes in a new order
    Slice,          // x[:, a:b:s] along one axis
    PixelShuffle,   // PixelShuffle / PixelUnshuffle: channels ⇄ space
    GroupNorm,      // GroupNorm, InstanceNorm2d without running statistics: per-sample statistics
    PReLU,          // PReLU: max(0, x) + weight[c] · min(0, x), one weight per channel or one for all
    LayerNorm,      // LayerNorm: each sample normalised over its last axes (ResolvedLayer::dims)
    LocalResponseNorm, // LocalResponseNorm: x / (k + alpha/n · Σ x² over n neighbouring channels)^beta
    ChannelShuffle, // ChannelShuffle: (g, C/g) channel blocks transposed
};
inline constexpr Op kLastOp = Op::ChannelShuffle; // keep equal to the last enumerator: tst_ops walks Input…kLastOp

// The family decides which file of each stage holds the op's code: shape/rules/<family>.cpp,
// compute/kernels/<family>.cpp, compute/reference/<family>.cpp; and the palette's groups.
enum class Family { Input, Conv, Pool, Resample, Pad, Norm, Elementwise, Reshape, Dense, Merge };

// How the diagram colours a layer (one legend entry per group).
enum class DiagramGroup { Input, Conv, ConvTranspose, Pool, Upsample, PadCrop, NormActivation, DenseReshape, Merge };

struct OpTraits {
    Op op;
    std::string_view name;       // "Conv", "MaxPool" — for messages and tests
    Family family;
    DiagramGroup diagram;
    std::string_view diagramTag; // short label inside a diagram block: "conv", "dw", "max", …
    bool hasWeights;             // the layer owns arrays (kernels, biases, batch-norm statistics)
    bool slidesWindow;           // a kernel or pooling window slides over the input: the step player applies
    bool gemmLike;               // its arithmetic is a convolution or a dense product (bench's GFLOP/s)
    std::string_view noWindow;   // why the step player does not apply ("" when it slides a window)
};

const OpTraits &traits(Op op);
std::span<const OpTraits> allOps(); // Input … kLastOp, in enum order

// ------------------------------------------------------------------------------------------------ activations
// The torch-only ones: Hardsigmoid is relu6(x + 3) / 6 (tf.keras 2's hard_sigmoid is clip(0.2·x + 0.5)), Hardtanh
// clips to [alpha, beta], LogSoftmax is log(softmax) along an axis, GeluTanh is GELU(approximate='tanh'). Softplus
// takes torch's beta (alpha; 0 = Keras' softplus) and threshold (beta), Elu and Celu their alpha. ReluClip is Keras'
// ReLU(max_value, negative_slope): min(x, max_value = beta) above 0, alpha · x below (no activation string names it).
enum class Act { Linear, Relu, Relu6, LeakyRelu, Sigmoid, Tanh, Softmax, Elu, Selu, Softplus, Softsign, Swish, Gelu,
                 HardSigmoid, Exponential, Hardswish, TorchHardsigmoid, Mish, Hardtanh, LogSoftmax, GeluTanh, Celu,
                 Tanhshrink, LogSigmoid, ReluClip };
inline constexpr Act kLastAct = Act::ReluClip; // keep equal to the last enumerator

struct ActTraits {
    Act act;
    std::string_view keras;       // Keras activation string: "relu", "leaky_relu", "hard_sigmoid", …; "" when
                                  // tf.keras 2 has none
    std::string_view torchModule; // torch.nn module class ("ReLU", "LeakyReLU"); "" when torch has none here
    double kerasAlpha;            // the parameter the Keras *name* implies (elu: alpha 1.0, leaky_relu: 0.2)
};

const ActTraits &traits(Act act);
std::span<const ActTraits> allActivations();
// Keras activation strings, with their aliases ("silu" is "swish").
std::optional<Act> activationFromKeras(std::string_view name);
std::optional<Act> activationFromTorchModule(std::string_view cls);

} // namespace convlens
