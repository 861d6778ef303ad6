// report.h — what shape inference says about each layer: the resolved numeric spec (what compute/ runs), the output
// shape, padding per side, parameter counts, MACs, receptive field, the formula with the layer's own numbers, or the
// diagnostic that refuses it. Plain values, handed whole to the CLI, the GUI's item models and the Runner.
#pragma once

#include "model/graph.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace convlens {

struct Pad4 {
    std::int64_t top = 0, bottom = 0, left = 0, right = 0;
    bool operator==(const Pad4 &) const = default;
};

// How a pooling window treats cells outside the input.
enum class PadKind {
    Zero,         // convolution: padded cells are 0
    Ignored,      // max pooling: −∞, never chosen
    Excluded,     // Keras average pooling / torch count_include_pad=False: not counted in the divisor
    CountedZero,  // torch average pooling, count_include_pad=True: 0, counted in the divisor
};

enum class Interp { Nearest, Bilinear };
// How Op::Pad (and Op::Conv's padding, torch padding_mode) fills the border: a constant (ZeroPadding2D, ZeroPad2d,
// ConstantPad2d), the mirror image without the edge (ReflectionPad2d, 'reflect'), copies of the edge
// (ReplicationPad2d, 'replicate'), the other side of the map ('circular'), or the mirror image with the edge
// (tf.pad mode='SYMMETRIC').
enum class PadMode { Constant, Reflect, Replicate, Circular, Symmetric };

// Op::Arith's operation and Op::Reduce's function.
enum class ArithOp { Add, Sub, Mul, Div };
// Op::Arith's functions beyond ArithOp: Plain = `arith` on two operands or one and `scalar`; Max/Min/Mean fold any
// number of operands (Keras Maximum, Minimum, Average — the sum divided by the count, as tf.keras divides — and torch
// maximum/minimum); Pow is x ** scalar (scalarFirst: scalar ** x) or a ** b; Abs is |x|; Rescale is x · scalar +
// offset (Keras Rescaling, two float32 roundings); Standardize is (x − statMean[c]) / statDenom[c] along the last
// axis, or statMean[c] + x · statDenom[c] with scalarFirst (Keras Normalization, invert=True); L2Normalize is
// x / √max(Σ x², epsilon) over `dims` (tf.math.l2_normalize); Expand is the first operand broadcast to the second's
// shape (torch expand_as).
enum class ArithFn { Plain, Max, Min, Mean, Pow, Abs, Rescale, Standardize, L2Normalize, Expand };
enum class ReduceOp { Mean, Sum, Max, Min };

// The trace contract's pad kinds: "zero", "ignored", "excluded", "counted_zero".
std::string_view padKindName(PadKind k);

// Everything compute/ needs to run a layer, resolved from the parameters and the input shapes. Spatial fields are
// (height, width) pairs. Unused fields keep their defaults.
struct ResolvedLayer {
    Op op = Op::Input;
    std::array<std::int64_t, 2> kernel{1, 1}, stride{1, 1}, dilation{1, 1};
    Pad4 pad;                       // conv/pool padding (a window's padded coordinates start at −pad), Pad amounts
    PadMode padMode = PadMode::Constant; // Pad, Conv (torch padding_mode): how the border is filled
    double padValue = 0.0;          // Pad with PadMode::Constant: the value of the border cells
    std::array<std::int64_t, 2> padChannels{0, 0}; // Pad: channels added before and after (torch F.pad, 6 amounts)
    Pad4 crop;                      // Crop: rows/columns removed from each side
    Pad4 transposedCrop;            // ConvTranspose: rows/columns cropped from each side of the full (i−1)·s + k'
                                    // result; a negative bottom/right appends that many zero-input rows/columns
                                    // (output_padding, Keras valid with k < s)
    PadKind padKind = PadKind::Zero;
    bool ceilMode = false;
    std::int64_t divisorOverride = 0; // torch AvgPool2d divisor_override (0 = none)
    double lpNorm = 0.0;            // AvgPool as torch LPPool2d: (Σ xᵖ)^(1/p) over the window (0 = an average)
    std::array<std::int64_t, 2> outputPadding{0, 0};
    std::int64_t inChannels = 0, outChannels = 0, groups = 1, depthMultiplier = 1; // PReLU: outChannels weights
                                    // (1: one shared); ChannelShuffle: groups
    bool bias = false;
    Act activation = Act::Linear;   // fused activation (Keras activation=) or the Activation layer's function
    double alpha = 0.0;             // LeakyReLU slope, ELU/CELU alpha, Hardtanh min, torch Softplus beta; LRN alpha;
                                    // PReLU init (the starter weight)
    double beta = 0.0;              // Hardtanh max, torch Softplus threshold, Keras ReLU max_value (model/ops.h's
                                    // Act); LRN beta
    std::int64_t lrnSize = 0;       // LocalResponseNorm: channels in the window (c − size/2 … c + (size−1)/2)
    double lrnK = 1.0;              // LocalResponseNorm: x / (k + alpha/size · Σ x²)^beta
    std::int64_t axis = -1;         // concat axis / softmax dim / flatten start, in framework layout, non-negative
    std::int64_t flattenEnd = -1;   // torch Flatten end_dim (non-negative after resolution)
    std::array<double, 2> scale{1.0, 1.0}; // upsampling factors (h, w)
    Interp interpolation = Interp::Nearest;
    bool nearestExact = false;      // torch mode='nearest-exact': nearest at half-pixel centres (shape/resize.h)
    bool alignCorners = false;
    double epsilon = 1e-3;          // batch norm, group/layer norm, l2_normalize
    bool bnCenter = true, bnScale = true; // Keras center/scale, torch affine / elementwise_affine (both)
    double rate = 0.0;              // dropout (inference: identity)
    Shape target;                   // Reshape target (resolved, no -1) / AdaptiveAvgPool output (h, w)
    ArithOp arith = ArithOp::Add;   // Arith: the operation (ArithFn::Plain)
    ArithFn arithFn = ArithFn::Plain; // Arith: the function
    double offset = 0.0;            // Arith Rescale: x · scalar + offset
    std::vector<double> statMean, statDenom; // Arith Standardize: per index of the last axis (one value: all of
                                    // them), the denominators max(√variance, 1e-7); empty: adapt()'s, from the
                                    // weights `mean` and `variance`
    bool hasScalar = false;         // Arith: one operand is a number (scalar), the only input the other
    bool scalarFirst = false;       // Arith: the number is the left operand (2 − x, 1 / x)
    double scalar = 0.0;
    ReduceOp reduce = ReduceOp::Mean; // Reduce: the function
    bool argIndex = false;          // Reduce Max/Min: the index of the first extreme (torch.max(x, dim).indices)
    std::vector<std::int64_t> dims; // Reduce: the reduced axes; Permute: the new order; LayerNorm: the normalised
                                    // axes; Arith L2Normalize: the summed axes (framework layout, no batch)
    std::int64_t sliceStart = 0, sliceStep = 1; // Slice along `axis` (the output's length says where it ends)
    std::int64_t shuffle = 0;       // PixelShuffle: upscale factor (> 0) or PixelUnshuffle's downscale (< 0)
    bool depthToSpace = false;      // PixelShuffle in TensorFlow's depth_to_space order on (H, W, C) — DCR: cell
                                    // (i, j) of a block reads channel (i·r + j)·C + c; torch's reads c·r² + i·r + j
    bool runningStats = false;      // GroupNorm (InstanceNorm2d track_running_stats): eval mode uses running_mean/var
};

struct ReceptiveField {           // of one output cell on the model input, per axis (h, w)
    std::array<std::int64_t, 2> size{1, 1};
    std::array<double, 2> jump{1.0, 1.0};    // distance on the input between adjacent output cells (< 1 after
                                             // upsampling)
    std::array<double, 2> start{0.0, 0.0};   // input coordinate of output cell 0's field centre
    bool valid = false;                      // false after Flatten/Dense/global pooling
};

struct LayerReport {
    std::string name;
    std::string type;                     // catalogue class name
    Op op = Op::Input;
    std::vector<std::string> inputs;
    bool implicitInput = false;
    int line = 0;
    std::string modulePath;               // Layer::modulePath: a PyTorch module's state_dict prefix

    enum class Status { Ok, Refused, Blocked }; // Blocked: an upstream layer is refused, so no shape
    Status status = Status::Blocked;
    std::optional<Shape> output;
    std::vector<Shape> inputShapes;
    ResolvedLayer spec;
    std::optional<Pad4> padding;          // conv/pool padding actually applied (also ZeroPad; Crop as amounts)
    std::int64_t params = 0, trainableParams = 0, nonTrainableParams = 0;
    std::int64_t macs = 0;                // multiply-accumulates per sample
    std::int64_t outputElements = 0;
    std::int64_t activationBytes = 0;     // float32 output
    ReceptiveField rf;
    std::string formula;                  // e.g. "out = ⌈7 / 2⌉ = 4 — padding='same' adds 0 top, 1 bottom"
    std::string error;                    // why the framework refuses it (framework-style message)
    std::string fix;                      // what would make it valid

    bool ok() const { return status == Status::Ok; }
};

struct ShapeReport {
    Framework framework = Framework::Keras;
    std::vector<LayerReport> layers;      // same order as Graph::layers (validated order)
    std::vector<std::string> outputs;     // model output layer names
    bool ok = false;                      // every layer resolved
    int firstRefused = -1;                // index into layers
    std::int64_t totalParams = 0, trainableParams = 0, nonTrainableParams = 0;
    std::int64_t totalMacs = 0, totalActivationBytes = 0;

    // Name → position in `layers`, filled by infer(). indexOf trusts an entry only when `layers` still has that name
    // there and otherwise scans, so a report edited afterwards (layers cut, reordered) still answers right. A hash
    // lookup, not a scan per call: a 100,000-layer chain was quadratic (issue 13).
    std::unordered_map<std::string, int> byName;

    int indexOf(const std::string &name) const; // -1 if absent
};

} // namespace convlens
