// common.cpp — the helpers every family's rules share (rules.h): refusals, checked arithmetic, parameter reading,
// the TF and torch window arithmetic with their formula texts, receptive-field propagation.
#include "shape/rules/rules.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace convlens::rules {

[[noreturn]] void refuse(std::string error, std::string fix)
{
    throw Refusal{std::move(error), std::move(fix)};
}

std::string str(i64 v)
{
    return std::to_string(v);
}

std::string num(double v)
{
    std::ostringstream os;
    os.precision(6);
    os << v;
    return os.str();
}

std::string pairText(const std::array<i64, 2> &p)
{
    return "(" + str(p[0]) + ", " + str(p[1]) + ")";
}

i64 mul(i64 a, i64 b, const char *what)
{
    i64 r = 0;
    if (__builtin_mul_overflow(a, b, &r) || r > (i64{1} << 62))
        refuse(std::string("the ") + what + " is too large (over 2^62)",
               tx(QT_TRANSLATE_NOOP("convlens::core", "use smaller sizes")));
    return r;
}

i64 add(i64 a, i64 b)
{
    i64 r = 0;
    if (__builtin_add_overflow(a, b, &r) || r > (i64{1} << 62))
        refuse("the parameter count is too large (over 2^62)",
               tx(QT_TRANSLATE_NOOP("convlens::core", "use smaller sizes")));
    return r;
}

i64 product(const Shape &s)
{
    i64 p = 1;
    for (i64 d : s)
        p = mul(p, d, "tensor");
    return p;
}

// ---------------------------------------------------------------- per-layer context

Hwc spatialOf(const LayerCtx &cx, const Shape &s)
{
    if (s.size() != 3) {
        if (cx.keras())
            refuse(
                "Input 0 of layer \"" + cx.layer.name +
                    "\" is incompatible with the layer: expected ndim=4, found ndim=" + str(i64(s.size()) + 1) +
                    ". Full shape received: " + shapeToString(s, cx.fw),
                tx(QT_TRANSLATE_NOOP("convlens::core", "feed it a (height, width, channels) feature map, e.g. remove "
                                                       "the Flatten/Dense before it or add a Reshape")));
        refuse("Expected 3D (unbatched) or 4D (batched) input to " + cx.layer.type +
                   ", but got input of size: " + shapeToString(s, cx.fw),
               tx(QT_TRANSLATE_NOOP("convlens::core", "feed it a (channels, height, width) feature map")));
    }
    return cx.keras() ? Hwc{s[0], s[1], s[2]} : Hwc{s[1], s[2], s[0]};
}

Shape makeShape(Framework fw, i64 h, i64 w, i64 c)
{
    return fw == Framework::Keras ? Shape{h, w, c} : Shape{c, h, w};
}

Act activationFromName(const std::string &name)
{
    return activationFromKeras(name).value_or(Act::Linear);
}

void setKerasActivation(const LayerCtx &cx)
{
    const ParamValue act = cx.p("activation");
    cx.r.spec.activation = act.isString() ? activationFromName(act.asString()) : Act::Linear;
    cx.r.spec.alpha = traits(cx.r.spec.activation).kerasAlpha;
}

std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}

std::string axisFormula(const std::array<std::string, 2> &perAxis)
{
    if (perAxis[0] == perAxis[1])
        return perAxis[0];
    return "H: " + perAxis[0] + "; W: " + perAxis[1];
}

std::string padSides(const Pad4 &p)
{
    if (p == Pad4{})
        return tx(QT_TRANSLATE_NOOP("convlens::core", "adds nothing"));
    if (p.top == p.bottom && p.left == p.right && p.top == p.left)
        return tx(QT_TRANSLATE_NOOP("convlens::core", "adds %1 on every side"), {str(p.top)});
    return tx(QT_TRANSLATE_NOOP("convlens::core", "adds %1 top, %2 bottom, %3 left, %4 right"),
              {str(p.top), str(p.bottom), str(p.left), str(p.right)});
}

std::string kEffText(i64 k, i64 d)
{
    return d == 1 ? str(k) : str(dims::effectiveKernel(k, d));
}

// ---------------------------------------------------------------- sliding windows (conv and pooling)

WindowAxis tfWindowAxis(const LayerCtx &cx, bool same, i64 i, i64 k, i64 s, i64 d, const char *axisName)
{
    const i64 kEff = dims::effectiveKernel(k, d);
    WindowAxis a;
    if (same) {
        const auto sp = dims::tfSame(i, kEff, s);
        a = {sp.out, sp.before, sp.after, "⌈" + str(i) + " / " + str(s) + "⌉ = " + str(sp.out)};
        return a;
    }
    const auto out = dims::tfValid(i, kEff, s);
    if (!out) {
        const std::string kText = d == 1 ? str(k) : str(kEff) + " (dilated from " + str(k) + ")";
        refuse("Negative dimension size caused by subtracting " + str(kEff) + " from " + str(i) + " for '" +
                   cx.layer.name + "' (" + cx.layer.type + "): its " + axisName + " window of " + kText +
                   " does not fit in an input of " + str(i) + " with padding='valid'",
               tx(QT_TRANSLATE_NOOP("convlens::core", "use padding='same', a window of at most %1, or a larger input"),
                  {str(i)}));
    }
    a.out = *out;
    a.formula = "⌊(" + str(i) + " − " + kEffText(k, d) + ") / " + str(s) + "⌋ + 1 = " + str(a.out);
    return a;
}

std::string tfPaddingNote(bool same, const Pad4 &p)
{
    return same ? " — padding='same' " + padSides(p)
                : " — " + tx(QT_TRANSLATE_NOOP("convlens::core", "padding='valid' adds nothing"));
}

bool kerasSame(const LayerCtx &cx)
{
    const std::string pad = lower(cx.text("padding"));
    if (pad != "same" && pad != "valid")
        refuse("The `padding` argument of " + cx.who() + " must be 'valid' or 'same'. Received: " +
               cx.p("padding").toPython());
    return pad == "same";
}

void refuseStrideWithDilation(const std::array<i64, 2> &s, const std::array<i64, 2> &d)
{
    if (std::max(s[0], s[1]) > 1 && std::max(d[0], d[1]) > 1)
        refuse("`strides > 1` not supported in conjunction with `dilation_rate > 1`. Received: strides=" + pairText(s) +
                   " and dilation_rate=" + pairText(d),
               tx(QT_TRANSLATE_NOOP("convlens::core", "use strides=1 with dilation, or dilation_rate=1 with strides")));
}

void kerasWindow(const LayerCtx &cx, Hwc in, const std::array<i64, 2> &k, const std::array<i64, 2> &s,
                 const std::array<i64, 2> &d, i64 &oh, i64 &ow)
{
    const bool same = kerasSame(cx);
    const auto ah = tfWindowAxis(cx, same, in.h, k[0], s[0], d[0], "height");
    const auto aw = tfWindowAxis(cx, same, in.w, k[1], s[1], d[1], "width");
    ResolvedLayer &sp = cx.r.spec;
    sp.kernel = k;
    sp.stride = s;
    sp.dilation = d;
    sp.pad = {ah.before, ah.after, aw.before, aw.after};
    cx.r.padding = sp.pad;
    oh = ah.out;
    ow = aw.out;
    std::string dil;
    if (d[0] > 1 || d[1] > 1)
        dil = " " + tx(QT_TRANSLATE_NOOP("convlens::core", "(dilated kernel k' = d·(k−1)+1 = %1)"),
                       {axisFormula({str(dims::effectiveKernel(k[0], d[0])), str(dims::effectiveKernel(k[1], d[1]))})});
    cx.r.formula = "out = " + axisFormula({ah.formula, aw.formula}) + tfPaddingNote(same, sp.pad) + dil;
}

TorchPad torchPadding(const LayerCtx &cx)
{
    const ParamValue v = cx.p("padding");
    TorchPad tp;
    if (v.isString()) {
        if (v.asString() == "same")
            tp.same = true;
        else if (v.asString() != "valid")
            refuse("Invalid padding string '" + v.asString() + "', should be one of {'valid', 'same'}");
        return tp;
    }
    tp.p = cx.pair("padding", 0);
    return tp;
}

// ---------------------------------------------------------------- receptive field

void propagateWindowRf(LayerReport &r, const ReceptiveField &in, const std::array<i64, 2> &k,
                       const std::array<i64, 2> &s, const std::array<i64, 2> &d, const Pad4 &pad)
{
    if (!in.valid)
        return;
    r.rf.valid = true;
    const i64 before[2] = {pad.top, pad.left};
    for (int a = 0; a < 2; ++a) {
        const i64 kEff = dims::effectiveKernel(k[size_t(a)], d[size_t(a)]);
        r.rf.size[size_t(a)] = in.size[size_t(a)] + i64(std::llround(double(kEff - 1) * in.jump[size_t(a)]));
        r.rf.jump[size_t(a)] = in.jump[size_t(a)] * double(s[size_t(a)]);
        r.rf.start[size_t(a)] = in.start[size_t(a)] + (double(kEff - 1) / 2.0 - double(before[a])) * in.jump[size_t(a)];
    }
}

// ---------------------------------------------------------------- the layer kinds

void addConvParams(LayerReport &r, i64 weights, i64 biases)
{
    r.params = add(weights, biases);
    r.trainableParams = r.params;
}

i64 resolveAxis(const LayerCtx &cx, i64 axis, size_t rank, const std::string &argName)
{
    const i64 batchedRank = i64(rank) + 1;
    const i64 a = axis < 0 ? axis + batchedRank : axis;
    if (a < 0 || a >= batchedRank)
        refuse("Dimension out of range (expected to be in range of [" + str(-batchedRank) + ", " +
                   str(batchedRank - 1) + "], but got " + str(axis) + ") for " + argName + " of " + cx.who(),
               tx(QT_TRANSLATE_NOOP("convlens::core", "use an axis within the input's rank")));
    if (a == 0)
        refuse(argName + "=" + str(axis) + " of " + cx.who() + " is the batch axis; ConvLens models one sample",
               cx.keras() ? tx(QT_TRANSLATE_NOOP("convlens::core", "use axis=-1 (channels)"))
                          : tx(QT_TRANSLATE_NOOP("convlens::core", "use dim=1 (channels)")));
    return a - 1;
}

std::vector<bool> resolveAxes(const LayerCtx &cx, const std::vector<i64> &axes, size_t rank, const std::string &word,
                              const std::string &plural)
{
    std::vector<bool> named(rank, false);
    for (i64 d : axes) {
        const i64 a = resolveAxis(cx, d, rank, word);
        if (named[size_t(a)])
            refuse(word + " " + str(a + 1) + " appears multiple times in the list of " + plural,
                   tx(QT_TRANSLATE_NOOP("convlens::core", "name each axis once")));
        named[size_t(a)] = true;
    }
    return named;
}

} // namespace convlens::rules
