// trace.h — the window trace of one layer on one channel: every step of the kernel or pooling window over the padded
// input (or, for a transposed convolution, every input cell's stamp onto the output), with the cells it covers, their
// values or pad kinds, the weights, the result and the arithmetic written out with real numbers. The step player
// draws it; `convlens-cli trace` prints it (DESIGN.md `trace --json` contract).
//
// Conventions (the player and the JSON rely on them):
// - Window layers (Conv2D/Conv2d, DepthwiseConv2D, SeparableConv2D as the convolution with its effective
//   depthwise×pointwise weights, max/average pooling): one step
//   per output cell of `channel`, row-major. `pos` is in PADDED coordinates: input cell (r, c) is at
//   (r + padding.top, c + padding.left). A step lists only the window's taps: with dilation the cells between taps
//   (the "holes") are NOT listed; the player draws the window's span from `windowOrigin` and `effectiveKernel` and
//   leaves the unlisted cells as holes.
// - A torch ceil_mode window may hang over the bottom/right padding (`overhang` cells beyond it). Overhanging cells
//   are listed with pad = Ignored (max) or Excluded (average: torch divides by the window clipped to input +
//   padding, even with count_include_pad).
// - Convolutions with several input channels: the output is the sum over the input channels of `channel`'s group;
//   the listed cells (and their weights) are those of ONE input channel (`inputChannel`), and `partials` gives the
//   Σ w·x of every input channel of the group, so the player can show "Σ over C_in".
// - Transposed convolution: one step per INPUT cell, row-major. The step's cells are the output cells its kernel
//   stamp writes; `pos` is in the uncropped canvas of (i−1)·s + k' cells per axis (output cell (r, c) is canvas cell
//   (r + padding.top, c + padding.left); `padding` holds the cropped amounts, a negative bottom/right means that
//   many rows/columns appended at the end, receiving only the bias). `in` is the output cell written, or nullopt
//   when that canvas cell is cropped away; `value` is what the step adds there (summed over the group's input
//   channels); `output` is the final map = bias + the sum of all overlapping stamps, activated.
#pragma once

#include "tensor/tensor.h"
#include "shape/report.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace convlens {

using Cell = std::array<std::int64_t, 2>; // (row, column)

struct TraceCell {
    Cell pos{0, 0};              // padded coordinates (transposed conv: uncropped canvas coordinates)
    std::optional<Cell> in;      // the input cell; nullopt for a pad cell (transposed conv: the output cell
                                 // written; nullopt when cropped away)
    std::optional<double> value; // the input value; 0 for zero / counted_zero pad cells, nullopt for ignored and
                                 // excluded ones (transposed conv: the amount added to the output cell)
    std::optional<PadKind> pad;  // nullopt: a real input cell (JSON null); otherwise what the pad cell counts as
    Cell tap{0, 0};               // kernel tap (ky, kx) that covers the cell
    std::optional<double> weight; // convolutions: the tap's weight for `inputChannel` → `channel`
};

struct ChannelTerm {
    std::int64_t channel = 0; // input channel index (of the whole input, not within the group)
    double value = 0;         // conv: Σ over the taps of w·x for that channel; transposed conv: the input value
};

struct TraceStep {
    Cell out{0, 0};                    // the output cell (transposed conv: the input cell)
    double result = 0;                 // the output value, bias and activation included (transposed conv: the input
                                       // value of `inputChannel` at `out`)
    Cell windowOrigin{0, 0};           // padded coordinates of the window's top-left tap (transposed: of the stamp)
    std::vector<TraceCell> cells;      // in tap order (ky, then kx)
    std::vector<ChannelTerm> partials; // convolutions only (see above); empty for pooling
    double preActivation = 0;          // Σ + bias before the fused activation (pooling: = result)
    std::int64_t divisor = 0;          // average pooling: what the sum was divided by
    std::string arithmetic;            // "max(0.12, 0.80, ·, ·) = 0.80", "(0.10 + 0.50 + · + ·) / 2 = 0.30", …
};

// A whole trace. Header fields are filled by LayerTracer::header(); `steps` only by traceAll()/traceLayer().
struct WindowTrace {
    std::string layer, type; // layer name, catalogue class name
    Op op = Op::Input;
    Framework framework = Framework::Keras;
    std::int64_t channel = 0;                // output channel
    std::int64_t inputChannel = 0;           // whose cells/weights the steps list
    std::vector<std::int64_t> inputChannels; // the input channels that feed `channel` (its group)
    Pad4 padding;                            // as the framework pads (transposed conv: cropped amounts, see above)
    Cell overhang{0, 0};                     // (bottom, right) cells of ceil_mode windows beyond the padding
    Cell inputHw{0, 0}, outputHw{0, 0};
    Cell paddedHw{0, 0}; // input + padding + overhang (transposed conv: the uncropped canvas)
    Cell kernel{1, 1}, stride{1, 1}, dilation{1, 1}, effectiveKernel{1, 1};
    PadKind padKind = PadKind::Zero;
    bool ceilMode = false;
    std::int64_t divisorOverride = 0;
    std::optional<double> bias;   // convolutions with a bias
    Act activation = Act::Linear; // fused activation applied after the sum
    double alpha = 0;
    std::string formula;            // the layer's shape formula with its numbers (from the report)
    std::string note;               // e.g. "SeparableConv2D: the weights shown are the effective …"
    std::vector<double> inputPlane; // inputChannel's H×W input values, row-major
    std::vector<double> output;     // channel's output map, row-major (= the steps' results for window layers)
    std::vector<TraceStep> steps;

    std::int64_t stepCount() const;
};

struct TraceOptions {
    std::int64_t inputChannel = -1; // -1: the first input channel of `channel`'s group
};

// Whether the player applies to a layer; otherwise *why says so ("the player does not apply to Dense: it has no
// sliding window — every unit sees every input value").
bool traceable(const LayerReport &layer, std::string *why = nullptr);
// How many channels `channel` may choose from (output channels; SeparableConv2D: C·depth_multiplier).
std::int64_t traceChannelCount(const LayerReport &layer);

// Computes steps lazily, so a 256×256 map with a 3×3 window costs nothing until a step is drawn. A value type: it
// copies the input and the weights it needs, so it stays valid when the Runner recomputes.
class LayerTracer {
public:
    // `input` is the layer's input activation (compute/'s layout), `weights` the layer's arrays in the framework
    // layout (io/weights.h names; nullptr for pooling). On failure returns nullopt and sets *error: a layer without
    // a window, a refused layer, a channel out of range, missing or misshapen weights, an input of the wrong shape.
    static std::optional<LayerTracer> create(const LayerReport &layer, const Tensor &input, const LayerWeights *weights,
                                             std::int64_t channel, const TraceOptions &opts, std::string *error);

    const WindowTrace &header() const { return h_; } // everything but steps; output and inputPlane included
    std::int64_t stepCount() const;
    TraceStep step(std::int64_t index) const; // 0 ≤ index < stepCount()
    // Window layers: the step that computes output cell (row, col), -1 outside. Transposed conv: see stepsWriting.
    std::int64_t stepForOutput(std::int64_t row, std::int64_t col) const;
    // Every step whose cells include output cell (row, col) (window layers: exactly one; transposed conv: every
    // input cell whose stamp overlaps it).
    std::vector<std::int64_t> stepsWriting(std::int64_t row, std::int64_t col) const;
    WindowTrace traceAll() const; // header + every step

private:
    LayerTracer() = default;
    double inputAt(std::int64_t c, std::int64_t y, std::int64_t x) const;
    double convWeight(std::int64_t o, std::int64_t c, std::int64_t ky, std::int64_t kx) const;
    double transposedWeight(std::int64_t c, std::int64_t o, std::int64_t ky, std::int64_t kx) const;
    std::vector<std::int64_t> groupChannels(std::int64_t o) const;
    std::int64_t groupFirst(std::int64_t o) const;
    double convPre(std::int64_t o, std::int64_t oy, std::int64_t ox) const;
    double finish(double pre, std::int64_t oy, std::int64_t ox) const; // fused activation (softmax across channels)
    void computeOutput();
    TraceStep windowStep(std::int64_t oy, std::int64_t ox, bool withText) const;
    TraceStep transposedStep(std::int64_t iy, std::int64_t ix) const;

    WindowTrace h_;
    LayerReport layer_;
    Tensor input_;
    NdArray kernel_;                    // "kernel" / "weight" / "depthwise_kernel" (framework layout), or
                                        // SeparableConv2D's effective kernel
    std::vector<float> bias_;           // empty: none
    std::vector<double> ownTaps_;       // window convs: `channel`'s taps, [c − first][ky][kx]
    std::vector<double> transposedPre_; // ConvTranspose + softmax: every channel's pre-activation map
    std::int64_t groupSize_ = 1;        // input channels per group
    std::int64_t outPerGroup_ = 1;      // output channels per group
};

// Convenience: the whole trace (every step). nullopt with *error as for LayerTracer::create.
std::optional<WindowTrace> traceLayer(const LayerReport &layer, const Tensor &input, const LayerWeights *weights,
                                      std::int64_t channel, const TraceOptions &opts = {},
                                      std::string *error = nullptr);

// The keys of the `trace --json` object: the DESIGN.md contract's, then the extensions convlens-cli writes after them
// (top level, per step, per cell). The one list: the writer's output and the README are checked against it.
inline constexpr std::string_view kTraceJsonContractKeys[] = {"layer", "type", "channel", "padding",
                                                              "input_hw", "output_hw", "steps"};
inline constexpr std::string_view kTraceJsonExtensionKeys[] = {
    "input_channel", "input_channels", "kernel", "stride", "dilation", "effective_kernel", "padded_hw", "overhang",
    "pad_kind", "ceil_mode", "divisor_override", "bias", "activation", "formula", "note", "output"};
inline constexpr std::string_view kTraceJsonStepExtensionKeys[] = {"window", "arithmetic", "partials", "divisor"};
inline constexpr std::string_view kTraceJsonCellExtensionKeys[] = {"tap", "w"};

// A number as the arithmetic text writes it: "0" for zero, two decimals in [0.01, 10⁴), else 3 significant digits.
std::string traceNumber(double v);

} // namespace convlens
