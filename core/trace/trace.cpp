// trace.cpp — the window trace: the same arithmetic as compute/reference.cpp (double accumulation, the framework's
// weight layouts, the same pad rules), one output cell at a time, with the cells and the text kept for the player.
#include "trace/trace.h"

#include "compute/activation.h"
#include "compute/reference/cells.h"
#include "model/text.h"
#include "shape/dims.h"
#include "tensor/kernel_layout.h"
#include "tensor/weights.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace convlens {

namespace {

using i64 = std::int64_t;

bool isWindowConv(Op op)
{
    return op == Op::Conv || op == Op::DepthwiseConv || op == Op::SeparableConv;
}

// SeparableConv2D is traced as the regular convolution it equals (effective weights), not as a depthwise one.
bool isDepthwiseKind(Op op)
{
    return op == Op::DepthwiseConv;
}

// A factor in a product: negative numbers in parentheses so "0.10·(-0.30)" reads unambiguously.
std::string factor(double v)
{
    const std::string s = traceNumber(v);
    return v < 0 ? "(" + s + ")" : s;
}

// "a + b", "a - b" for the running text of a sum.
void appendTerm(std::string &out, const std::string &term, bool first)
{
    if (!first)
        out += " + ";
    out += term;
}

std::string cellText(const Cell &c)
{
    char buf[64]; // snprintf, not operator+: GCC 12 warns falsely (-Wrestrict) on the concatenation
    std::snprintf(buf, sizeof buf, "(%lld, %lld)", static_cast<long long>(c[0]), static_cast<long long>(c[1]));
    return buf;
}

std::string why(const LayerReport &l, const std::string &reason)
{
    return "the player does not apply to " + l.type + " ('" + l.name + "'): " + reason;
}

} // namespace

std::string traceNumber(double v)
{
    if (std::isnan(v))
        return "nan";
    if (std::isinf(v))
        return v > 0 ? "inf" : "-inf";
    if (v == 0)
        return "0";
    char buf[48];
    const double a = std::fabs(v);
    if (a >= 0.01 && a < 1e4)
        std::snprintf(buf, sizeof buf, "%.2f", v);
    else
        std::snprintf(buf, sizeof buf, "%.3g", v);
    return buf;
}

std::int64_t WindowTrace::stepCount() const
{
    return op == Op::ConvTranspose ? inputHw[0] * inputHw[1] : outputHw[0] * outputHw[1];
}

bool traceable(const LayerReport &l, std::string *whyNot)
{
    std::string reason;
    if (!traits(l.op).slidesWindow)
        reason = why(l, std::string(traits(l.op).noWindow));
    else if (l.ok())
        return true;
    else
        reason = "'" + l.name + "' has no shape" +
                 (l.status == LayerReport::Status::Refused ? ": " + l.error
                                                           : std::string(" (a layer above it is refused)"));
    if (whyNot)
        *whyNot = reason;
    return false;
}

std::int64_t traceChannelCount(const LayerReport &l)
{
    if (!l.ok() || !l.output || l.output->size() != 3)
        return 0;
    return l.spec.outChannels > 0 ? l.spec.outChannels : 0;
}

// ------------------------------------------------------------------------------------------------------ LayerTracer

std::optional<LayerTracer> LayerTracer::create(const LayerReport &l, const Tensor &input, const LayerWeights *weights,
                                               std::int64_t channel, const TraceOptions &opts, std::string *error)
{
    const auto fail = [&](const std::string &msg) -> std::optional<LayerTracer> {
        if (error)
            *error = msg;
        return std::nullopt;
    };
    std::string reason;
    if (!traceable(l, &reason))
        return fail(reason);
    if (l.inputShapes.empty() || l.output->size() != 3)
        return fail("'" + l.name + "' has no spatial input");
    if (!input.spatial() || input.shape != l.inputShapes[0])
        return fail("the input given for '" + l.name + "' has shape " + shapeToString(input.shape, input.framework) +
                    ", the layer expects " + shapeToString(l.inputShapes[0], input.framework));
    const i64 channels = traceChannelCount(l);
    if (channel < 0 || channel >= channels)
        return fail("channel " + std::to_string(channel) + " is out of range: '" + l.name + "' has " +
                    std::to_string(channels) + " channels (0 to " + std::to_string(channels - 1) + ")");
    const Framework f = input.framework;

    LayerTracer t;
    t.layer_ = l;
    t.input_ = input;
    const bool conv = isWindowConv(l.op) || l.op == Op::ConvTranspose;
    if (conv) {
        NdArray depthwise, pointwise;
        for (const WeightSpec &spec : expectedWeights(l, f)) {
            const NdArray *a = weights && weights->count(spec.name) ? &weights->at(spec.name) : nullptr;
            if (!a)
                return fail("'" + l.name + "' has no weight '" + spec.name + "' (expected shape " +
                            shapeToString(spec.shape, f) + "); load weights or let the Runner initialise them");
            if (a->shape != spec.shape || i64(a->data.size()) != elementCount(spec.shape))
                return fail("'" + l.name + "." + spec.name + "' has the wrong shape: expected " +
                            shapeToString(spec.shape, f) + ", found " + shapeToString(a->shape, f));
            if (spec.name == "bias")
                t.bias_ = a->data;
            else if (l.op == Op::SeparableConv && spec.name == "depthwise_kernel")
                depthwise = *a;
            else if (l.op == Op::SeparableConv && spec.name == "pointwise_kernel")
                pointwise = *a;
            else
                t.kernel_ = *a; // "kernel" / "weight" / "depthwise_kernel"
        }
        if (l.op == Op::SeparableConv) {
            // A separable convolution is exactly a regular one (groups = 1) with the effective kernel
            // W_eff[tap, c, o] = Σ_m pointwise[c·M + m, o] · depthwise[tap, c, m], in Keras layout (kh, kw, C, F):
            // depthwise (kh, kw, C, M), pointwise (1, 1, C·M, F); the depthwise stage has no bias.
            const i64 kh = depthwise.shape[0], kw = depthwise.shape[1], C = depthwise.shape[2],
                      M = depthwise.shape[3], F = pointwise.shape[3];
            t.kernel_.shape = {kh, kw, C, F};
            t.kernel_.data.assign(size_t(kh * kw * C * F), 0.0f);
            for (i64 tap = 0; tap < kh * kw; ++tap)
                for (i64 c = 0; c < C; ++c)
                    for (i64 o = 0; o < F; ++o) {
                        double sum = 0;
                        for (i64 m = 0; m < M; ++m)
                            sum += double(pointwise.data[size_t((c * M + m) * F + o)]) *
                                   double(depthwise.data[size_t((tap * C + c) * M + m)]);
                        t.kernel_.data[size_t((tap * C + c) * F + o)] = float(sum);
                    }
        }
    }

    WindowTrace &h = t.h_;
    const auto &s = l.spec;
    h.layer = l.name;
    h.type = l.type;
    h.op = l.op;
    h.framework = f;
    h.channel = channel;
    h.padding = l.op == Op::ConvTranspose ? s.transposedCrop : s.pad;
    h.inputHw = {input.height(), input.width()};
    const Tensor outShape = Tensor{f, *l.output, {}};
    h.outputHw = {outShape.height(), outShape.width()};
    h.kernel = s.kernel;
    h.stride = s.stride;
    h.dilation = s.dilation;
    h.effectiveKernel = {dims::effectiveKernel(s.kernel[0], s.dilation[0]),
                         dims::effectiveKernel(s.kernel[1], s.dilation[1])};
    h.padKind = s.padKind;
    h.ceilMode = s.ceilMode;
    h.divisorOverride = s.divisorOverride;
    h.formula = l.formula;
    if (l.op == Op::ConvTranspose) {
        h.paddedHw = {(h.inputHw[0] - 1) * s.stride[0] + h.effectiveKernel[0],
                      (h.inputHw[1] - 1) * s.stride[1] + h.effectiveKernel[1]};
    } else {
        const i64 ph = h.inputHw[0] + s.pad.top + s.pad.bottom, pw = h.inputHw[1] + s.pad.left + s.pad.right;
        // torch ceil_mode: the last window may reach past the bottom/right padding.
        h.overhang = {std::max<i64>(0, (h.outputHw[0] - 1) * s.stride[0] + h.effectiveKernel[0] - ph),
                      std::max<i64>(0, (h.outputHw[1] - 1) * s.stride[1] + h.effectiveKernel[1] - pw)};
        h.paddedHw = {ph + h.overhang[0], pw + h.overhang[1]};
    }
    if (conv) {
        h.activation = s.activation;
        h.alpha = s.alpha;
        if (!t.bias_.empty())
            h.bias = double(t.bias_[size_t(channel)]);
    }
    // Channel groups: pooling and depthwise map one input channel to each output channel; Keras Conv2DTranspose has
    // no groups (compute/reference.cpp reads it the same way).
    if (l.op == Op::MaxPool || l.op == Op::AvgPool || isDepthwiseKind(l.op)) {
        t.groupSize_ = 1;
        t.outPerGroup_ = 1;
    } else {
        const i64 groups = (l.op == Op::ConvTranspose && f == Framework::Keras) || l.op == Op::SeparableConv
                               ? 1
                               : std::max<i64>(1, s.groups);
        t.groupSize_ = input.channels() / groups;
        t.outPerGroup_ = std::max<i64>(1, s.outChannels / groups);
    }
    h.inputChannels = t.groupChannels(channel);
    if (opts.inputChannel >= 0) {
        if (std::find(h.inputChannels.begin(), h.inputChannels.end(), opts.inputChannel) == h.inputChannels.end())
            return fail("input channel " + std::to_string(opts.inputChannel) + " does not feed channel " +
                        std::to_string(channel) + " of '" + l.name + "' (it takes input channels " +
                        std::to_string(h.inputChannels.front()) + " to " + std::to_string(h.inputChannels.back()) +
                        ")");
        h.inputChannel = opts.inputChannel;
    } else {
        h.inputChannel = h.inputChannels.front();
    }
    const i64 H = h.inputHw[0], W = h.inputHw[1];
    h.inputPlane.resize(size_t(H * W));
    for (i64 y = 0; y < H; ++y)
        for (i64 x = 0; x < W; ++x)
            h.inputPlane[size_t(y * W + x)] = t.inputAt(h.inputChannel, y, x);

    const i64 M = std::max<i64>(1, s.depthMultiplier);
    const bool padded = s.pad.top + s.pad.bottom + s.pad.left + s.pad.right + h.overhang[0] + h.overhang[1] > 0;
    switch (l.op) {
    case Op::SeparableConv:
        h.note =
            tx(QT_TRANSLATE_NOOP("convlens::core",
                                 "SeparableConv2D: the weights shown are the effective depthwise×pointwise weights "
                                 "(w = Σ_m pointwise·depthwise over depth_multiplier %1); output channel %2 sums "
                                 "over %3 input channels, the cells shown are input channel %4's"),
               {std::to_string(M), std::to_string(channel), std::to_string(h.inputChannels.size()),
                std::to_string(h.inputChannel)});
        break;
    case Op::DepthwiseConv:
        h.note = tx(QT_TRANSLATE_NOOP("convlens::core", "depthwise: output channel %1 sees input channel %2 only"),
                    {std::to_string(channel), std::to_string(channel / M)});
        break;
    case Op::Conv:
    case Op::ConvTranspose:
        if (h.inputChannels.size() > 1)
            h.note = tx(QT_TRANSLATE_NOOP("convlens::core", "output channel %1 sums over %2 input channels (%3–%4); "
                                                            "the cells shown are input channel %5's"),
                        {std::to_string(channel), std::to_string(h.inputChannels.size()),
                         std::to_string(h.inputChannels.front()), std::to_string(h.inputChannels.back()),
                         std::to_string(h.inputChannel)});
        if (l.op == Op::ConvTranspose)
            h.note +=
                std::string(h.note.empty() ? "" : "; ") +
                tx(QT_TRANSLATE_NOOP(
                    "convlens::core",
                    "transposed convolution: each input cell stamps its kernel onto the output, overlaps add up"));
        break;
    case Op::MaxPool:
        if (padded)
            h.note = tx(QT_TRANSLATE_NOOP("convlens::core", "padded cells are ignored (−∞): never the maximum"));
        break;
    case Op::AvgPool:
        if (s.divisorOverride > 0)
            h.note = tx(QT_TRANSLATE_NOOP("convlens::core", "every window is divided by divisor_override = %1"),
                        {std::to_string(s.divisorOverride)});
        else if (!padded)
            break;
        else if (s.padKind == PadKind::CountedZero)
            h.note =
                tx(QT_TRANSLATE_NOOP("convlens::core", "padded cells count as 0 in the divisor (count_include_pad)"));
        else
            h.note = tx(QT_TRANSLATE_NOOP("convlens::core",
                                          "padded cells are not counted: the divisor is the number of real cells"));
        if (h.overhang[0] + h.overhang[1] > 0)
            h.note += "; " + tx(QT_TRANSLATE_NOOP("convlens::core",
                                                  "cells of a ceil_mode window beyond the padding are not counted"));
        break;
    case Op::Input: // not traceable (traceable() refused them above)
    case Op::GlobalMaxPool:
    case Op::GlobalAvgPool:
    case Op::AdaptiveAvgPool:
    case Op::AdaptiveMaxPool:
    case Op::Upsample:
    case Op::Pad:
    case Op::Crop:
    case Op::BatchNorm:
    case Op::Dropout:
    case Op::Activation:
    case Op::Flatten:
    case Op::Dense:
    case Op::Reshape:
    case Op::Concat:
    case Op::Add:
    case Op::Arith:
    case Op::Reduce:
    case Op::Permute:
    case Op::Slice:
    case Op::PixelShuffle:
    case Op::GroupNorm:
    case Op::PReLU:
    case Op::LayerNorm:
    case Op::LocalResponseNorm:
    case Op::ChannelShuffle:
        break;
    }
    t.computeOutput();
    return t;
}

double LayerTracer::inputAt(i64 c, i64 y, i64 x) const
{
    const i64 H = h_.inputHw[0], W = h_.inputHw[1];
    return double(input_.data[size_t((c * H + y) * W + x)]);
}

std::vector<std::int64_t> LayerTracer::groupChannels(i64 o) const
{
    std::vector<i64> out;
    const i64 first = groupFirst(o);
    for (i64 c = first; c < first + groupSize_; ++c)
        out.push_back(c);
    return out;
}

// First input channel of output channel o's group; arithmetic only, as it sits in the innermost loops.
std::int64_t LayerTracer::groupFirst(i64 o) const
{
    if (layer_.op == Op::MaxPool || layer_.op == Op::AvgPool)
        return o; // pooling works on each channel by itself
    if (isDepthwiseKind(layer_.op))
        return o / std::max<i64>(1, layer_.spec.depthMultiplier);
    return (o / outPerGroup_) * groupSize_;
}

double LayerTracer::convWeight(i64 o, i64 c, i64 ky, i64 kx) const
{
    // SeparableConv2D is traced with its effective kernel, a regular Keras one (kh, kw, C, F).
    const KernelLayout layout = layer_.op == Op::SeparableConv ? KernelLayout::HWIO : kernelLayout(layer_.op, h_.framework);
    return double(kernel_.data[tapIndex(layout, kernel_.shape, o, c - groupFirst(o), ky, kx)]);
}

// c counts all input channels.
double LayerTracer::transposedWeight(i64 c, i64 o, i64 ky, i64 kx) const
{
    const KernelLayout layout = kernelLayout(Op::ConvTranspose, h_.framework);
    return double(kernel_.data[tapIndex(layout, kernel_.shape, o, c - groupFirst(o), ky, kx,
                                        std::max<i64>(1, layer_.spec.groups))]);
}

// Σ over the group's input channels and the taps of w·x, plus the bias, for output channel o at (oy, ox).
double LayerTracer::convPre(i64 o, i64 oy, i64 ox) const
{
    const auto &s = layer_.spec;
    const i64 H = h_.inputHw[0], W = h_.inputHw[1];
    double acc = 0;
    if (!bias_.empty())
        acc = double(bias_[size_t(o)]);
    const bool own = o == h_.channel && !ownTaps_.empty(); // the traced channel's taps, gathered once
    const i64 first = groupFirst(o);
    for (i64 c = first; c < first + groupSize_; ++c)
        for (i64 ky = 0; ky < s.kernel[0]; ++ky)
            for (i64 kx = 0; kx < s.kernel[1]; ++kx) {
                const i64 iy = oy * s.stride[0] - s.pad.top + ky * s.dilation[0];
                const i64 ix = ox * s.stride[1] - s.pad.left + kx * s.dilation[1];
                if (iy >= 0 && iy < H && ix >= 0 && ix < W)
                    acc += (own ? ownTaps_[size_t(((c - first) * s.kernel[0] + ky) * s.kernel[1] + kx)]
                                : convWeight(o, c, ky, kx)) *
                           inputAt(c, iy, ix);
            }
    return acc;
}

double LayerTracer::finish(double pre, i64 oy, i64 ox) const
{
    if (h_.activation != Act::Softmax)
        return activateReference(h_.activation, h_.alpha, pre);
    // Softmax runs across the channels of the cell: every channel's sum is needed.
    const i64 O = layer_.spec.outChannels, OH = h_.outputHw[0], OW = h_.outputHw[1];
    std::vector<double> all(static_cast<size_t>(O));
    for (i64 o = 0; o < O; ++o)
        all[size_t(o)] =
            layer_.op == Op::ConvTranspose ? transposedPre_[size_t((o * OH + oy) * OW + ox)] : convPre(o, oy, ox);
    const double m = *std::max_element(all.begin(), all.end());
    double sum = 0;
    for (double v : all)
        sum += std::exp(v - m);
    return std::exp(pre - m) / sum;
}

void LayerTracer::computeOutput()
{
    const i64 OH = h_.outputHw[0], OW = h_.outputHw[1];
    h_.output.assign(size_t(OH * OW), 0.0);
    if (isWindowConv(layer_.op)) {
        const i64 first = groupFirst(h_.channel);
        ownTaps_.resize(size_t(groupSize_ * layer_.spec.kernel[0] * layer_.spec.kernel[1]));
        for (i64 c = first; c < first + groupSize_; ++c)
            for (i64 ky = 0; ky < layer_.spec.kernel[0]; ++ky)
                for (i64 kx = 0; kx < layer_.spec.kernel[1]; ++kx)
                    ownTaps_[size_t(((c - first) * layer_.spec.kernel[0] + ky) * layer_.spec.kernel[1] + kx)] =
                        convWeight(h_.channel, c, ky, kx);
        // The whole plane tap by tap (the GUI creates a tracer on every selection: 256×256×64 in tens of ms).
        const auto &s = layer_.spec;
        const i64 H = h_.inputHw[0], W = h_.inputHw[1];
        std::vector<double> pre(size_t(OH * OW), bias_.empty() ? 0.0 : double(bias_[size_t(h_.channel)]));
        // Output range [lo, hi) whose input index o·stride − before + k·d lies in [0, n).
        const auto range = [](i64 out, i64 n, i64 stride, i64 offset, i64 &lo, i64 &hi) {
            lo = offset >= 0 ? 0 : dims::ceilDiv(-offset, stride);
            hi = n - 1 - offset < 0 ? 0 : std::min(out, (n - 1 - offset) / stride + 1);
        };
        for (i64 c = first; c < first + groupSize_; ++c) {
            const float *plane = input_.data.data() + c * H * W;
            for (i64 ky = 0; ky < s.kernel[0]; ++ky) {
                i64 y0 = 0, y1 = 0;
                const i64 offY = ky * s.dilation[0] - s.pad.top;
                range(OH, H, s.stride[0], offY, y0, y1);
                for (i64 kx = 0; kx < s.kernel[1]; ++kx) {
                    const double w = ownTaps_[size_t(((c - first) * s.kernel[0] + ky) * s.kernel[1] + kx)];
                    i64 x0 = 0, x1 = 0;
                    const i64 offX = kx * s.dilation[1] - s.pad.left;
                    range(OW, W, s.stride[1], offX, x0, x1);
                    for (i64 oy = y0; oy < y1; ++oy) {
                        const float *row = plane + (oy * s.stride[0] + offY) * W + offX;
                        double *out = pre.data() + oy * OW;
                        for (i64 ox = x0; ox < x1; ++ox)
                            out[ox] += w * double(row[ox * s.stride[1]]);
                    }
                }
            }
        }
        for (i64 oy = 0; oy < OH; ++oy)
            for (i64 ox = 0; ox < OW; ++ox) {
                const double v = pre[size_t(oy * OW + ox)];
                h_.output[size_t(oy * OW + ox)] = finish(v, oy, ox);
            }
        return;
    }
    if (layer_.op != Op::ConvTranspose) {
        for (i64 oy = 0; oy < OH; ++oy)
            for (i64 ox = 0; ox < OW; ++ox) {
                const TraceStep st = windowStep(oy, ox, false);
                h_.output[size_t(oy * OW + ox)] = st.result;
            }
        return;
    }
    // Scatter: every input cell of the group adds x·w to the canvas; the output is the canvas cropped by `padding`.
    const auto &s = layer_.spec;
    const i64 H = h_.inputHw[0], W = h_.inputHw[1];
    const bool softmax = h_.activation == Act::Softmax;
    const i64 first = softmax ? 0 : h_.channel, last = softmax ? s.outChannels - 1 : h_.channel;
    std::vector<double> pre(size_t((last - first + 1) * OH * OW), 0.0);
    for (i64 o = first; o <= last; ++o) {
        double *plane = pre.data() + (o - first) * OH * OW;
        const double b = bias_.empty() ? 0.0 : double(bias_[size_t(o)]);
        std::fill(plane, plane + OH * OW, b);
        for (i64 c : groupChannels(o))
            for (i64 iy = 0; iy < H; ++iy)
                for (i64 ix = 0; ix < W; ++ix) {
                    const double x = inputAt(c, iy, ix);
                    for (i64 ky = 0; ky < s.kernel[0]; ++ky)
                        for (i64 kx = 0; kx < s.kernel[1]; ++kx) {
                            const i64 oy = iy * s.stride[0] + ky * s.dilation[0] - s.transposedCrop.top;
                            const i64 ox = ix * s.stride[1] + kx * s.dilation[1] - s.transposedCrop.left;
                            if (oy >= 0 && oy < OH && ox >= 0 && ox < OW)
                                plane[oy * OW + ox] += x * transposedWeight(c, o, ky, kx);
                        }
                }
    }
    if (softmax)
        transposedPre_ = pre;
    const double *mine = pre.data() + (h_.channel - first) * OH * OW;
    for (i64 oy = 0; oy < OH; ++oy)
        for (i64 ox = 0; ox < OW; ++ox)
            h_.output[size_t(oy * OW + ox)] = finish(mine[oy * OW + ox], oy, ox);
}

std::int64_t LayerTracer::stepCount() const
{
    return h_.stepCount();
}

TraceStep LayerTracer::step(std::int64_t index) const
{
    if (layer_.op == Op::ConvTranspose)
        return transposedStep(index / h_.inputHw[1], index % h_.inputHw[1]);
    return windowStep(index / h_.outputHw[1], index % h_.outputHw[1], true);
}

std::int64_t LayerTracer::stepForOutput(std::int64_t row, std::int64_t col) const
{
    if (layer_.op == Op::ConvTranspose || row < 0 || col < 0 || row >= h_.outputHw[0] || col >= h_.outputHw[1])
        return -1;
    return row * h_.outputHw[1] + col;
}

std::vector<std::int64_t> LayerTracer::stepsWriting(std::int64_t row, std::int64_t col) const
{
    std::vector<i64> out;
    if (row < 0 || col < 0 || row >= h_.outputHw[0] || col >= h_.outputHw[1])
        return out;
    if (layer_.op != Op::ConvTranspose) {
        out.push_back(stepForOutput(row, col));
        return out;
    }
    // Canvas cell p is written by input i through tap k when i·s + k·d = p.
    const auto &s = layer_.spec;
    const auto sources = [&](i64 p, int a) {
        std::vector<i64> is;
        for (i64 k = 0; k < s.kernel[size_t(a)]; ++k) {
            const i64 t = p - k * s.dilation[size_t(a)];
            if (t >= 0 && t % s.stride[size_t(a)] == 0 && t / s.stride[size_t(a)] < h_.inputHw[size_t(a)])
                is.push_back(t / s.stride[size_t(a)]);
        }
        std::sort(is.begin(), is.end());
        is.erase(std::unique(is.begin(), is.end()), is.end());
        return is;
    };
    const auto ys = sources(row + s.transposedCrop.top, 0), xs = sources(col + s.transposedCrop.left, 1);
    for (i64 y : ys)
        for (i64 x : xs)
            out.push_back(y * h_.inputHw[1] + x);
    return out;
}

WindowTrace LayerTracer::traceAll() const
{
    WindowTrace t = h_;
    const i64 n = stepCount();
    t.steps.reserve(size_t(n));
    for (i64 i = 0; i < n; ++i)
        t.steps.push_back(step(i));
    return t;
}

TraceStep LayerTracer::windowStep(i64 oy, i64 ox, bool withText) const
{
    const auto &s = layer_.spec;
    const i64 H = h_.inputHw[0], W = h_.inputHw[1];
    const bool pool = layer_.op == Op::MaxPool || layer_.op == Op::AvgPool;
    TraceStep st;
    st.out = {oy, ox};
    st.windowOrigin = {oy * s.stride[0], ox * s.stride[1]};
    st.cells.reserve(size_t(s.kernel[0] * s.kernel[1]));
    const i64 listed = h_.inputChannel;

    // Cells of the listed channel, with their pad kinds (the reference's per-cell rules, compute/reference/cells.h).
    ref::PoolAccumulator acc;
    ref::forEachTap(s, H, W, oy, ox, [&](const ref::WindowTap &t) {
        TraceCell c;
        c.tap = {t.ky, t.kx};
        c.pos = {t.py, t.px};
        c.pad = ref::tapPadKind(layer_.op, s, t);
        acc.count(t);
        if (t.in) {
            c.in = Cell{(*t.in)[0], (*t.in)[1]};
            c.value = inputAt(listed, (*t.in)[0], (*t.in)[1]);
            if (pool)
                acc.add(*c.value);
        } else if (c.pad == PadKind::Zero || c.pad == PadKind::CountedZero) {
            c.value = 0.0;
        }
        if (!pool)
            c.weight = convWeight(h_.channel, listed, t.ky, t.kx);
        st.cells.push_back(std::move(c));
    });

    std::string text;
    if (layer_.op == Op::MaxPool) {
        st.result = acc.result(layer_.op, s);
        st.preActivation = st.result;
        if (withText) {
            text = "max(";
            for (size_t i = 0; i < st.cells.size(); ++i)
                text += (i ? ", " : "") + (st.cells[i].value ? traceNumber(*st.cells[i].value) : std::string("·"));
            text += ") = " + traceNumber(st.result);
        }
    } else if (layer_.op == Op::AvgPool) {
        st.divisor = acc.divisor(s);
        st.result = acc.result(layer_.op, s);
        st.preActivation = st.result;
        if (withText) {
            text = "(";
            for (size_t i = 0; i < st.cells.size(); ++i)
                text += (i ? " + " : "") + (st.cells[i].value ? traceNumber(*st.cells[i].value) : std::string("·"));
            text += ") / " + std::to_string(st.divisor) + " = " + traceNumber(st.result);
            if (s.divisorOverride > 0)
                text += " (divisor_override)";
            else if (acc.real == 0)
                text = tx(QT_TRANSLATE_NOOP("convlens::core", "no real cell in the window → 0"));
        }
    } else {
        // Convolution: every input channel of the group, the listed one's terms written out.
        const std::vector<i64> group = groupChannels(h_.channel);
        double total = 0;
        for (i64 c : group) {
            double partial = 0;
            for (const TraceCell &cell : st.cells)
                if (cell.in)
                    partial +=
                        convWeight(h_.channel, c, cell.tap[0], cell.tap[1]) * inputAt(c, (*cell.in)[0], (*cell.in)[1]);
            st.partials.push_back({c, partial});
            total += partial;
        }
        st.preActivation = total + h_.bias.value_or(0.0);
        st.result = finish(st.preActivation, oy, ox);

        if (!withText)
            return st;
        std::string terms;
        for (size_t i = 0; i < st.cells.size(); ++i)
            appendTerm(terms, factor(*st.cells[i].weight) + "·" + factor(*st.cells[i].value), i == 0);
        const std::string b = h_.bias ? " + " + factor(*h_.bias) : std::string();
        if (group.size() == 1) {
            text = (h_.bias ? "Σ w·x + b = " : "Σ w·x = ") + terms + b + " = " + traceNumber(st.preActivation);
        } else {
            const double own = std::find_if(st.partials.begin(), st.partials.end(), [&](const ChannelTerm &p) {
                                   return p.channel == listed;
                               })->value;
            text = "ch " + std::to_string(listed) + ": " + terms + " = " + traceNumber(own) + "; " +
                   tx(QT_TRANSLATE_NOOP("convlens::core", "Σ over %1 input channels"), {std::to_string(group.size())}) +
                   (h_.bias ? " + b" : "") + " = ";
            const size_t shown = group.size() <= 16 ? group.size() : 8;
            for (size_t i = 0; i < shown; ++i)
                appendTerm(text, factor(st.partials[i].value), i == 0);
            if (shown < group.size())
                text += " + … " + tx(QT_TRANSLATE_NOOP("convlens::core", "(%1 terms)"), {std::to_string(group.size())});
            text += b + " = " + traceNumber(st.preActivation);
        }
        if (h_.activation != Act::Linear)
            text += h_.activation == Act::Softmax
                        ? "; " + tx(QT_TRANSLATE_NOOP("convlens::core", "softmax over %1 channels → %2"),
                                    {std::to_string(layer_.spec.outChannels), traceNumber(st.result)})
                        : "; " + std::string(traits(h_.activation).keras) + "(" + traceNumber(st.preActivation) +
                              ") = " + traceNumber(st.result);
    }
    st.arithmetic = std::move(text);
    return st;
}

TraceStep LayerTracer::transposedStep(i64 iy, i64 ix) const
{
    const auto &s = layer_.spec;
    const i64 OH = h_.outputHw[0], OW = h_.outputHw[1];
    const std::vector<i64> group = groupChannels(h_.channel);
    TraceStep st;
    st.out = {iy, ix};
    st.windowOrigin = {iy * s.stride[0], ix * s.stride[1]};
    for (i64 c : group)
        st.partials.push_back({c, inputAt(c, iy, ix)});
    st.result = inputAt(h_.inputChannel, iy, ix);
    st.preActivation = st.result;
    std::string text =
        group.size() == 1 ? tx(QT_TRANSLATE_NOOP("convlens::core", "x = %1 stamps x·w:"), {traceNumber(st.result)})
                          : tx(QT_TRANSLATE_NOOP("convlens::core", "Σ over %1 input channels of x·w (ch %2: x = %3):"),
                               {std::to_string(group.size()), std::to_string(h_.inputChannel), traceNumber(st.result)});
    bool first = true;
    for (i64 ky = 0; ky < s.kernel[0]; ++ky)
        for (i64 kx = 0; kx < s.kernel[1]; ++kx) {
            TraceCell c;
            c.tap = {ky, kx};
            c.pos = {st.windowOrigin[0] + ky * s.dilation[0], st.windowOrigin[1] + kx * s.dilation[1]};
            c.weight = transposedWeight(h_.inputChannel, h_.channel, ky, kx);
            double add = 0;
            for (i64 ch : group)
                add += inputAt(ch, iy, ix) * transposedWeight(ch, h_.channel, ky, kx);
            c.value = add;
            const i64 oy = c.pos[0] - s.transposedCrop.top, ox = c.pos[1] - s.transposedCrop.left;
            text += first ? " " : ", ";
            first = false;
            if (oy >= 0 && oy < OH && ox >= 0 && ox < OW) {
                c.in = Cell{oy, ox};
                text += "out" + cellText(*c.in) + " += " + traceNumber(add);
            } else {
                text += tx(QT_TRANSLATE_NOOP("convlens::core", "canvas%1 cropped"), {cellText(c.pos)});
            }
            st.cells.push_back(std::move(c));
        }
    st.arithmetic = std::move(text);
    return st;
}

std::optional<WindowTrace> traceLayer(const LayerReport &layer, const Tensor &input, const LayerWeights *weights,
                                      std::int64_t channel, const TraceOptions &opts, std::string *error)
{
    const auto t = LayerTracer::create(layer, input, weights, channel, opts, error);
    if (!t)
        return std::nullopt;
    return t->traceAll();
}

} // namespace convlens
