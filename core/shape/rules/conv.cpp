// conv.cpp — convolutions (Conv2D/Conv2d with groups, DepthwiseConv2D, SeparableConv2D, Conv2DTranspose/ConvTranspose2d): each
// framework's output size, padding per side, parameter count, MACs and receptive field.
#include "shape/rules/rules.h"

#include <algorithm>
#include <cmath>

namespace convlens::rules {

void inferConv(const LayerCtx &cx, const Shape &inShape, const ReceptiveField &inRf)
{
    const Hwc in = spatialOf(cx, inShape);
    ResolvedLayer &sp = cx.r.spec;
    i64 oh = 0, ow = 0, cout = 0, groups = 1;
    if (cx.keras()) {
        cout = cx.positiveInt("filters");
        const auto k = cx.pair("kernel_size");
        const auto s = cx.pair("strides");
        const auto d = cx.pair("dilation_rate");
        groups = cx.positiveInt("groups");
        refuseStrideWithDilation(s, d);
        if (cout % groups != 0)
            refuse("The number of filters must be evenly divisible by the number of groups. Received: groups=" +
                       str(groups) + ", filters=" + str(cout) + ".",
                   tx(QT_TRANSLATE_NOOP("convlens::core", "use a number of filters divisible by %1"), {str(groups)}));
        if (in.c % groups != 0)
            refuse("The number of input channels must be evenly divisible by the number of groups. Received groups=" +
                       str(groups) + ", but the input has " + str(in.c) + " channels (full input shape is " +
                       shapeToString(inShape, cx.fw) + ").",
                   tx(QT_TRANSLATE_NOOP("convlens::core", "use groups dividing %1"), {str(in.c)}));
        kerasWindow(cx, in, k, s, d, oh, ow);
        sp.bias = cx.flag("use_bias");
        setKerasActivation(cx);
    } else {
        const i64 cin = cx.positiveInt("in_channels");
        cout = cx.positiveInt("out_channels");
        const auto k = cx.pair("kernel_size");
        const auto s = cx.pair("stride");
        const auto d = cx.pair("dilation");
        groups = cx.positiveInt("groups");
        if (cin % groups != 0)
            refuse("in_channels must be divisible by groups",
                   tx(QT_TRANSLATE_NOOP("convlens::core", "use in_channels divisible by %1"), {str(groups)}));
        if (cout % groups != 0)
            refuse("out_channels must be divisible by groups",
                   tx(QT_TRANSLATE_NOOP("convlens::core", "use out_channels divisible by %1"), {str(groups)}));
        const TorchPad tp = torchPadding(cx);
        if (tp.same && (s[0] > 1 || s[1] > 1))
            refuse("padding='same' is not supported for strided convolutions",
                   tx(QT_TRANSLATE_NOOP("convlens::core", "use stride=1, or an explicit padding such as padding=%1"),
                      {str(dims::effectiveKernel(k[0], d[0]) / 2)}));
        if (cin != in.c)
            refuse("Given groups=" + str(groups) + ", weight of size [" + str(cout) + ", " + str(cin / groups) + ", " +
                       str(k[0]) + ", " + str(k[1]) + "], expected input[1, " + str(in.c) + ", " + str(in.h) + ", " +
                       str(in.w) + "] to have " + str(cin) + " channels, but got " + str(in.c) + " channels instead",
                   tx(QT_TRANSLATE_NOOP("convlens::core", "set in_channels=%1 (the previous layer gives %2 channels)"),
                      {str(in.c), str(in.c)}));
        Pad4 pad;
        std::array<std::string, 2> f;
        const i64 ins[2] = {in.h, in.w};
        i64 outs[2] = {0, 0};
        for (int a = 0; a < 2; ++a) {
            const size_t A = size_t(a);
            const i64 kEff = dims::effectiveKernel(k[A], d[A]);
            i64 before = tp.p[A], after = tp.p[A];
            if (tp.same) {
                const i64 total = kEff - 1;
                before = total / 2;
                after = total - before;
            }
            const auto o = dims::torchConv(ins[a], before, after, kEff, s[A]);
            if (!o)
                refuse("Calculated padded input size per channel: (" + str(in.h + (a == 0 ? before + after : 0)) +
                           " x " + str(in.w + (a == 1 ? before + after : 0)) + "). Kernel size: (" +
                           str(dims::effectiveKernel(k[0], d[0])) + " x " + str(dims::effectiveKernel(k[1], d[1])) +
                           "). Kernel size can't be greater than actual input size",
                       tx(QT_TRANSLATE_NOOP("convlens::core",
                                            "add padding, use a smaller kernel or dilation, or a larger input")));
            outs[a] = *o;
            (a == 0 ? pad.top : pad.left) = before;
            (a == 0 ? pad.bottom : pad.right) = after;
            const std::string padText = before == after ? "2·" + str(before) : str(before) + " + " + str(after);
            f[A] = "⌊(" + str(ins[a]) + " + " + padText + " − " + kEffText(k[A], d[A]) + ") / " + str(s[A]) +
                   "⌋ + 1 = " + str(*o);
        }
        oh = outs[0];
        ow = outs[1];
        sp.kernel = k;
        sp.stride = s;
        sp.dilation = d;
        sp.pad = pad;
        cx.r.padding = pad;
        // padding_mode: torch pads the input with F.pad(mode) first, then convolves without padding
        const std::string mode = cx.text("padding_mode");
        sp.padMode = mode == "reflect"     ? PadMode::Reflect
                     : mode == "replicate" ? PadMode::Replicate
                     : mode == "circular"  ? PadMode::Circular
                                           : PadMode::Constant;
        const bool wide[2] = {std::max(pad.top, pad.bottom) >= in.h, std::max(pad.left, pad.right) >= in.w};
        if (sp.padMode == PadMode::Reflect && (wide[0] || wide[1]))
            refuse("Argument #4: Padding size should be less than the corresponding input dimension, but got: padding (" +
                       (wide[1] ? str(pad.left) + ", " + str(pad.right) + ") at dimension 3"
                                : str(pad.top) + ", " + str(pad.bottom) + ") at dimension 2") +
                       " of input 4",
                   tx(QT_TRANSLATE_NOOP("convlens::core", "reflect padding must be smaller than the input")));
        if (sp.padMode == PadMode::Circular &&
            (std::max(pad.top, pad.bottom) > in.h || std::max(pad.left, pad.right) > in.w))
            refuse("Padding value causes wrapping around more than once.",
                   tx(QT_TRANSLATE_NOOP("convlens::core", "circular padding can be at most the input size")));
        cx.r.formula = "out = " + axisFormula(f) +
                       (tp.same ? " — padding='same' " + padSides(pad) : " — padding " + padSides(pad)) +
                       (sp.padMode == PadMode::Constant ? std::string() : ", padding_mode='" + mode + "'");
        sp.bias = cx.flag("bias");
    }
    sp.op = Op::Conv;
    sp.inChannels = in.c;
    sp.outChannels = cout;
    sp.groups = groups;
    cx.r.output = makeShape(cx.fw, oh, ow, cout);
    const i64 weights = mul(mul(mul(sp.kernel[0], sp.kernel[1], "kernel"), in.c / groups, "kernel"), cout, "kernel");
    addConvParams(cx.r, weights, sp.bias ? cout : 0);
    cx.r.macs = mul(mul(oh, ow), weights);
    propagateWindowRf(cx.r, inRf, sp.kernel, sp.stride, sp.dilation, sp.pad);
}

void inferDepthwise(const LayerCtx &cx, const Shape &inShape, const ReceptiveField &inRf, bool separable)
{
    const Hwc in = spatialOf(cx, inShape);
    ResolvedLayer &sp = cx.r.spec;
    const i64 filters = separable ? cx.positiveInt("filters") : 0;
    const auto k = cx.pair("kernel_size");
    const auto s = cx.pair("strides");
    const auto d = cx.pair("dilation_rate");
    const i64 dm = cx.positiveInt("depth_multiplier");
    refuseStrideWithDilation(s, d);
    i64 oh = 0, ow = 0;
    kerasWindow(cx, in, k, s, d, oh, ow);
    sp.op = separable ? Op::SeparableConv : Op::DepthwiseConv;
    sp.inChannels = in.c;
    sp.depthMultiplier = dm;
    sp.groups = in.c;
    sp.bias = cx.flag("use_bias");
    setKerasActivation(cx);
    const i64 mid = mul(in.c, dm, "channel count");
    const i64 dwWeights = mul(mul(k[0], k[1], "kernel"), mid, "kernel");
    if (separable) {
        sp.outChannels = filters;
        const i64 pwWeights = mul(mid, filters, "kernel");
        addConvParams(cx.r, add(dwWeights, pwWeights), sp.bias ? filters : 0);
        cx.r.output = makeShape(cx.fw, oh, ow, filters);
        cx.r.macs = add(mul(mul(oh, ow), dwWeights), mul(mul(oh, ow), pwWeights));
    } else {
        sp.outChannels = mid;
        addConvParams(cx.r, dwWeights, sp.bias ? mid : 0);
        cx.r.output = makeShape(cx.fw, oh, ow, mid);
        cx.r.macs = mul(mul(oh, ow), dwWeights);
    }
    propagateWindowRf(cx.r, inRf, k, s, d, sp.pad);
}

void inferConvTranspose(const LayerCtx &cx, const Shape &inShape, const ReceptiveField &inRf)
{
    const Hwc in = spatialOf(cx, inShape);
    ResolvedLayer &sp = cx.r.spec;
    const i64 ins[2] = {in.h, in.w};
    i64 outs[2] = {0, 0};
    std::array<std::string, 2> f;
    i64 cout = 0, groups = 1;
    std::array<i64, 2> k{}, s{}, d{};
    if (cx.keras()) {
        cout = cx.positiveInt("filters");
        k = cx.pair("kernel_size");
        s = cx.pair("strides");
        d = cx.pair("dilation_rate");
        refuseStrideWithDilation(s, d);
        const bool same = kerasSame(cx);
        const ParamValue opv = cx.p("output_padding");
        std::optional<std::array<i64, 2>> op;
        if (!opv.isNone()) {
            op = cx.pair("output_padding", 0);
            for (int a = 0; a < 2; ++a)
                if ((*op)[size_t(a)] >= s[size_t(a)])
                    refuse("Strides " + pairText(s) + " must be greater than output padding " + pairText(*op),
                           tx(QT_TRANSLATE_NOOP("convlens::core", "use output_padding smaller than the stride")));
        }
        for (int a = 0; a < 2; ++a) {
            const size_t A = size_t(a);
            const i64 kEff = dims::effectiveKernel(k[A], d[A]);
            const std::optional<i64> opA = op ? std::optional<i64>((*op)[A]) : std::nullopt;
            outs[a] = dims::kerasConvTranspose(ins[a], kEff, s[A], same, opA);
            if (outs[a] < 1)
                refuse("the output of " + cx.who() + " would have size " + str(outs[a]),
                       tx(QT_TRANSLATE_NOOP("convlens::core", "use a larger input")));
            const auto crop = dims::tfTransposeCrop(ins[a], kEff, s[A], outs[a], same);
            (a == 0 ? sp.transposedCrop.top : sp.transposedCrop.left) = crop.before;
            (a == 0 ? sp.transposedCrop.bottom : sp.transposedCrop.right) = crop.after;
            if (!op)
                f[A] = same ? str(ins[a]) + " · " + str(s[A]) + " = " + str(outs[a])
                            : str(ins[a]) + " · " + str(s[A]) + " + max(" + kEffText(k[A], d[A]) + " − " + str(s[A]) +
                                  ", 0) = " + str(outs[a]);
            else
                f[A] = "(" + str(ins[a]) + " − 1) · " + str(s[A]) + " + " + kEffText(k[A], d[A]) + " − 2·" +
                       str(same ? kEff / 2 : 0) + " + " + str((*op)[A]) + " = " + str(outs[a]);
            sp.outputPadding[A] = opA.value_or(0);
        }
        sp.bias = cx.flag("use_bias");
        setKerasActivation(cx);
        cx.r.formula = "out = " + axisFormula(f) + (same ? " — padding='same'" : " — padding='valid'");
    } else {
        const i64 cin = cx.positiveInt("in_channels");
        cout = cx.positiveInt("out_channels");
        k = cx.pair("kernel_size");
        s = cx.pair("stride");
        d = cx.pair("dilation");
        groups = cx.positiveInt("groups");
        const auto p = cx.pair("padding", 0);
        const auto op = cx.pair("output_padding", 0);
        if (cin % groups != 0)
            refuse("in_channels must be divisible by groups",
                   tx(QT_TRANSLATE_NOOP("convlens::core", "use in_channels divisible by %1"), {str(groups)}));
        if (cout % groups != 0)
            refuse("out_channels must be divisible by groups",
                   tx(QT_TRANSLATE_NOOP("convlens::core", "use out_channels divisible by %1"), {str(groups)}));
        for (int a = 0; a < 2; ++a)
            if (op[size_t(a)] >= std::max(s[size_t(a)], d[size_t(a)]))
                refuse(
                    "output padding must be smaller than either stride or dilation, but got output_padding_height: " +
                        str(op[0]) + " output_padding_width: " + str(op[1]) + " stride_height: " + str(s[0]) +
                        " stride_width: " + str(s[1]) + " dilation_height: " + str(d[0]) +
                        " dilation_width: " + str(d[1]),
                    tx(QT_TRANSLATE_NOOP("convlens::core", "use output_padding < max(stride, dilation)")));
        if (cin != in.c)
            refuse("Given transposed=1, weight of size [" + str(cin) + ", " + str(cout / groups) + ", " + str(k[0]) +
                       ", " + str(k[1]) + "], expected input[1, " + str(in.c) + ", " + str(in.h) + ", " + str(in.w) +
                       "] to have " + str(cin) + " channels, but got " + str(in.c) + " channels instead",
                   tx(QT_TRANSLATE_NOOP("convlens::core", "set in_channels=%1"), {str(in.c)}));
        for (int a = 0; a < 2; ++a) {
            const size_t A = size_t(a);
            const i64 kEff = dims::effectiveKernel(k[A], d[A]);
            outs[a] = dims::torchConvTranspose(ins[a], kEff, s[A], p[A], op[A]);
            if (outs[a] < 1)
                refuse("Given input size per channel: (" + str(in.h) + " x " + str(in.w) +
                           "). Calculated output size per channel: (" +
                           str(a == 0 ? outs[0]
                                      : dims::torchConvTranspose(in.h, dims::effectiveKernel(k[0], d[0]), s[0], p[0],
                                                                 op[0])) +
                           " x " +
                           str(dims::torchConvTranspose(in.w, dims::effectiveKernel(k[1], d[1]), s[1], p[1], op[1])) +
                           "). Output size is too small",
                       tx(QT_TRANSLATE_NOOP("convlens::core", "use less padding or a larger input")));
            (a == 0 ? sp.transposedCrop.top : sp.transposedCrop.left) = p[A];
            (a == 0 ? sp.transposedCrop.bottom : sp.transposedCrop.right) = p[A] - op[A];
            f[A] = "(" + str(ins[a]) + " − 1) · " + str(s[A]) + " − 2·" + str(p[A]) + " + " + kEffText(k[A], d[A]) +
                   " + " + str(op[A]) + " = " + str(outs[a]);
            sp.outputPadding[A] = op[A];
        }
        sp.bias = cx.flag("bias");
        cx.r.formula = "out = " + axisFormula(f);
    }
    sp.op = Op::ConvTranspose;
    sp.kernel = k;
    sp.stride = s;
    sp.dilation = d;
    sp.inChannels = in.c;
    sp.outChannels = cout;
    sp.groups = groups;
    // Reported padding: PyTorch's own `padding` argument; for Keras the rows/columns TensorFlow crops from each side
    // of the full (i − 1)·s + k' result (appended rows from output_padding are not padding: they show as 0).
    if (cx.keras()) {
        const auto clip = [](i64 v) { return std::max<i64>(v, 0); };
        cx.r.padding = Pad4{clip(sp.transposedCrop.top), clip(sp.transposedCrop.bottom), clip(sp.transposedCrop.left), clip(sp.transposedCrop.right)};
    } else {
        cx.r.padding = Pad4{sp.transposedCrop.top, sp.transposedCrop.top, sp.transposedCrop.left, sp.transposedCrop.left};
    }
    cx.r.output = makeShape(cx.fw, outs[0], outs[1], cout);
    const i64 weights = mul(mul(mul(k[0], k[1], "kernel"), in.c, "kernel"), cout / groups, "kernel");
    addConvParams(cx.r, weights, sp.bias ? cout : 0);
    cx.r.macs = mul(mul(in.h, in.w), weights);
    if (inRf.valid) {
        cx.r.rf.valid = true;
        for (int a = 0; a < 2; ++a) {
            const size_t A = size_t(a);
            const i64 kEff = dims::effectiveKernel(k[A], d[A]);
            const i64 taps = dims::ceilDiv(kEff, s[A]);
            cx.r.rf.jump[A] = inRf.jump[A] / double(s[A]);
            cx.r.rf.size[A] = inRf.size[A] + i64(std::llround(double(taps - 1) * inRf.jump[A]));
            const i64 before = a == 0 ? sp.transposedCrop.top : sp.transposedCrop.left;
            cx.r.rf.start[A] = inRf.start[A] + (double(before) - double(kEff - 1) / 2.0) * cx.r.rf.jump[A];
        }
    }
}

} // namespace convlens::rules
