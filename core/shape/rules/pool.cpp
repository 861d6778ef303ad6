// pool.cpp — pooling: max/average windows (Keras SAME/VALID, torch padding, ceil_mode, divisors), global and adaptive
// pooling.
#include "shape/rules/rules.h"

#include <algorithm>

namespace convlens::rules {

void inferPool(const LayerCtx &cx, const Shape &inShape, const ReceptiveField &inRf, bool isMax)
{
    const Hwc in = spatialOf(cx, inShape);
    ResolvedLayer &sp = cx.r.spec;
    sp.op = isMax ? Op::MaxPool : Op::AvgPool;
    i64 oh = 0, ow = 0;
    if (cx.keras()) {
        const auto k = cx.pair("pool_size");
        const bool defaultStrides = cx.p("strides").isNone();
        const auto s = defaultStrides ? k : cx.pair("strides");
        kerasWindow(cx, in, k, s, {1, 1}, oh, ow);
        sp.padKind = isMax ? PadKind::Ignored : PadKind::Excluded;
        if (defaultStrides)
            cx.r.formula +=
                " " + tx(QT_TRANSLATE_NOOP("convlens::core", "(strides=None → strides = pool_size %1)"), {pairText(k)});
        if (kerasSame(cx) && !(sp.pad == Pad4{}))
            cx.r.formula += "; " + (isMax ? tx(QT_TRANSLATE_NOOP("convlens::core", "padded cells are ignored (−∞)"))
                                          : tx(QT_TRANSLATE_NOOP("convlens::core", "padded cells are not counted")));
    } else {
        const auto k = cx.pair("kernel_size");
        const bool defaultStride = cx.p("stride").isNone();
        const auto s = defaultStride ? k : cx.pair("stride");
        const auto p = cx.pair("padding", 0);
        const auto d = isMax ? cx.pair("dilation") : std::array<i64, 2>{1, 1};
        const bool ceil = cx.flag("ceil_mode");
        if (isMax && cx.flag("return_indices"))
            refuse("return_indices=True makes MaxPool2d return (values, indices); the next layer cannot take a tuple",
                   tx(QT_TRANSLATE_NOOP("convlens::core", "set return_indices=False")));
        if (p[0] > k[0] / 2 || p[1] > k[1] / 2)
            refuse("pad should be smaller than or equal to half of kernel size, but got padW = " + str(p[1]) +
                       ", padH = " + str(p[0]) + ", kW = " + str(k[1]) + ", kH = " + str(k[0]),
                   tx(QT_TRANSLATE_NOOP("convlens::core", "use padding ≤ %1"), {str(std::min(k[0], k[1]) / 2)}));
        if (!isMax) {
            const ParamValue dov = cx.p("divisor_override");
            if (!dov.isNone()) {
                if (!dov.isInt() || dov.asInt() == 0)
                    refuse("divisor must be not zero",
                           tx(QT_TRANSLATE_NOOP("convlens::core", "use a non-zero integer divisor_override or None")));
                sp.divisorOverride = dov.asInt();
            }
        }
        const i64 ins[2] = {in.h, in.w};
        i64 outs[2];
        std::array<std::string, 2> f;
        for (int a = 0; a < 2; ++a) {
            const size_t A = size_t(a);
            outs[a] = dims::torchPool(ins[a], k[A], s[A], p[A], d[A], ceil);
            const std::string num = str(ins[a]) + " + 2·" + str(p[A]) + " − " + kEffText(k[A], d[A]);
            f[A] = (ceil ? "⌈(" : "⌊(") + num + ") / " + str(s[A]) + (ceil ? "⌉" : "⌋") + " + 1 = " + str(outs[a]);
            if (ceil) {
                if (dims::torchPoolRounded(ins[a], k[A], s[A], p[A], d[A], ceil) != outs[a])
                    f[A] += " (the last window would start in the right padding, so it is dropped)";
            }
        }
        if (outs[0] < 1 || outs[1] < 1)
            refuse("Given input size: (" + str(in.c) + "x" + str(in.h) + "x" + str(in.w) +
                       "). Calculated output size: (" + str(in.c) + "x" + str(outs[0]) + "x" + str(outs[1]) +
                       "). Output size is too small",
                   tx(QT_TRANSLATE_NOOP("convlens::core",
                                        "use a smaller kernel, padding, ceil_mode=True or a larger input")));
        oh = outs[0];
        ow = outs[1];
        sp.kernel = k;
        sp.stride = s;
        sp.dilation = d;
        sp.pad = {p[0], p[0], p[1], p[1]};
        sp.ceilMode = ceil;
        sp.padKind = isMax ? PadKind::Ignored : (cx.flag("count_include_pad") ? PadKind::CountedZero : PadKind::Excluded);
        cx.r.padding = sp.pad;
        cx.r.formula =
            "out = " + axisFormula(f) +
            (defaultStride ? " " + tx(QT_TRANSLATE_NOOP("convlens::core", "(stride=None → kernel_size)")) : "");
        if (!(sp.pad == Pad4{}))
            cx.r.formula +=
                "; " + (isMax ? tx(QT_TRANSLATE_NOOP("convlens::core", "padded cells are ignored (−∞)"))
                        : sp.padKind == PadKind::CountedZero
                            ? tx(QT_TRANSLATE_NOOP("convlens::core", "padded zeros are counted (count_include_pad)"))
                            : tx(QT_TRANSLATE_NOOP("convlens::core", "padded cells are not counted")));
    }
    sp.inChannels = sp.outChannels = in.c;
    cx.r.output = makeShape(cx.fw, oh, ow, in.c);
    propagateWindowRf(cx.r, inRf, sp.kernel, sp.stride, sp.dilation, sp.pad);
}

void inferGlobalPool(const LayerCtx &cx, const Shape &inShape)
{
    const Hwc in = spatialOf(cx, inShape);
    cx.r.spec.inChannels = cx.r.spec.outChannels = in.c;
    const bool keep = cx.keras() && cx.flag("keepdims");
    cx.r.output = keep ? makeShape(cx.fw, 1, 1, in.c) : Shape{in.c};
    cx.r.formula = tx(QT_TRANSLATE_NOOP("convlens::core", "one value per channel: %1×%2 → 1"), {str(in.h), str(in.w)});
}

void inferAdaptivePool(const LayerCtx &cx, const Shape &inShape)
{
    const Hwc in = spatialOf(cx, inShape);
    if (cx.kind.op == Op::AdaptiveMaxPool && cx.flag("return_indices"))
        refuse("return_indices=True makes AdaptiveMaxPool2d return (values, indices); the next layer cannot take a "
               "tuple",
               tx(QT_TRANSLATE_NOOP("convlens::core", "set return_indices=False")));
    const ParamValue v = cx.p("output_size");
    i64 oh = in.h, ow = in.w;
    if (v.isInt()) {
        oh = ow = v.asInt();
    } else if (v.isList() && v.asList().size() == 2) {
        if (v.asList()[0].isInt())
            oh = v.asList()[0].asInt();
        if (v.asList()[1].isInt())
            ow = v.asList()[1].asInt();
    }
    if (oh < 1 || ow < 1 || oh > kMaxDim || ow > kMaxDim)
        refuse("output_size of " + cx.who() + " must be positive, got " + v.toPython(),
               tx(QT_TRANSLATE_NOOP("convlens::core", "use an output size ≥ 1")));
    cx.r.spec.target = {oh, ow};
    cx.r.spec.inChannels = cx.r.spec.outChannels = in.c;
    cx.r.output = makeShape(cx.fw, oh, ow, in.c);
    cx.r.formula =
        tx(QT_TRANSLATE_NOOP("convlens::core", "out = output_size %1; window i covers [⌊i·%2/%3⌋, ⌈(i+1)·%2/%3⌉)"),
           {pairText({oh, ow}), str(in.h), str(oh)});
}

// mean / sum / amax / amin over axes: each dim counts the batch as 0 (which is refused: one sample); keepdim keeps
// them as size 1.
void inferReduce(const LayerCtx &cx, const Shape &inShape)
{
    const ParamValue v = cx.p(cx.keras() ? "axis" : "dim");
    std::vector<i64> dims;
    if (v.isInt())
        dims = {v.asInt()};
    else if (auto l = v.intList())
        dims = *l;
    else
        refuse((cx.keras() ? "axis of " : "dim of ") + cx.who() + " must be an int or a tuple of ints, got " +
               v.toPython());
    if (dims.empty())
        refuse(cx.who() + " over no axis (dim=()) reduces everything, the batch too: not supported by ConvLens",
               tx(QT_TRANSLATE_NOOP("convlens::core", "name the axes, e.g. dim=(2, 3)")));
    const std::vector<bool> reduced = resolveAxes(cx, dims, inShape.size(), "dim", "dims");
    const bool keep = cx.flag(cx.keras() ? "keepdims" : "keepdim");
    const std::string &t = cx.layer.type;
    cx.r.spec.reduce = t == "sum" || t == "reduce_sum"   ? ReduceOp::Sum
                       : t == "amax" || t == "reduce_max" ? ReduceOp::Max
                       : t == "amin" || t == "reduce_min" || t == "argmin" ? ReduceOp::Min
                       : t == "argmax"                                     ? ReduceOp::Max
                                                                           : ReduceOp::Mean;
    if (t == "argmax" || t == "argmin")
        cx.r.spec.argIndex = true;
    if ((t == "argmax" || t == "argmin") && dims.size() != 1)
        refuse(cx.who() + " takes one dim, got " + str(i64(dims.size())), "name one axis");
    Shape out;
    cx.r.spec.dims.clear();
    std::string over;
    for (size_t a = 0; a < inShape.size(); ++a) {
        if (!reduced[a]) {
            out.push_back(inShape[a]);
            continue;
        }
        cx.r.spec.dims.push_back(i64(a));
        over += (over.empty() ? "" : ", ") + str(i64(a) + 1);
        if (keep)
            out.push_back(1);
    }
    cx.r.output = out;
    cx.r.formula =
        keep ? tx(QT_TRANSLATE_NOOP("convlens::core", "%1 over dim %2 (kept as 1) → %3"),
                  {t, over, shapeToString(out, cx.fw)})
             : tx(QT_TRANSLATE_NOOP("convlens::core", "%1 over dim %2 → %3"), {t, over, shapeToString(out, cx.fw)});
}

} // namespace convlens::rules
