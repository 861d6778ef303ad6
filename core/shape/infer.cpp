// infer.cpp — shape inference per layer kind, in each framework's own rules (DESIGN.md "Semantics"). A refusal is
// raised as Refusal inside one layer's resolution and recorded on that layer; everything downstream is Blocked.
#include "shape/infer.h"

#include "shape/dims.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <numeric>
#include <set>
#include <unordered_map>
#include <sstream>

namespace convlens {

using i64 = std::int64_t;
using dims::kMaxDim;

namespace {

struct Refusal {
    std::string error;
    std::string fix;
};

[[noreturn]] void refuse(std::string error, std::string fix = {})
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

// Multiplication that refuses instead of overflowing.
i64 mul(i64 a, i64 b, const char *what = "size")
{
    i64 r = 0;
    if (__builtin_mul_overflow(a, b, &r) || r > (i64{1} << 62))
        refuse(std::string("the ") + what + " is absurdly large (over 2^62)", "use smaller sizes");
    return r;
}

i64 add(i64 a, i64 b)
{
    i64 r = 0;
    if (__builtin_add_overflow(a, b, &r) || r > (i64{1} << 62))
        refuse("the parameter count is absurdly large (over 2^62)", "use smaller sizes");
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

struct LayerCtx {
    Framework fw;
    const Layer &layer;
    const KindDef &kind;
    LayerReport &r;

    bool keras() const { return fw == Framework::Keras; }
    ParamValue p(const std::string &name) const { return layer.param(kind, name); }

    std::string who() const { return "'" + layer.name + "' (" + layer.type + ")"; }

    i64 positiveInt(const std::string &name) const
    {
        const ParamValue v = p(name);
        if (!v.isInt())
            refuse(layer.type + " " + name + " must be an int, got " + v.toPython());
        const i64 x = v.asInt();
        if (x <= 0)
            refuse("Invalid value for argument `" + name + "` of " + who() +
                       ". Expected a strictly positive value. Received " + name + "=" + str(x) + ".",
                   "set " + name + " to 1 or more");
        if (x > kMaxDim)
            refuse(name + "=" + str(x) + " of " + who() + " is absurdly large", "use a realistic size");
        return x;
    }

    // An int or a pair → (h, w); every element must be ≥ minValue.
    std::array<i64, 2> pair(const std::string &name, i64 minValue = 1) const
    {
        const ParamValue v = p(name);
        std::array<i64, 2> out{};
        if (v.isInt()) {
            out = {v.asInt(), v.asInt()};
        } else if (auto l = v.intList(); l && l->size() == 2) {
            out = {(*l)[0], (*l)[1]};
        } else {
            refuse("The `" + name + "` argument of " + who() + " must be an int or a tuple of 2 integers. Received: " +
                   v.toPython());
        }
        for (i64 x : out) {
            if (x < minValue)
                refuse("The `" + name + "` argument of " + who() + " must be a tuple of 2 integers, each ≥ " +
                           str(minValue) + ". Received: " + v.toPython(),
                       "use values ≥ " + str(minValue));
            if (x > kMaxDim)
                refuse(name + "=" + v.toPython() + " of " + who() + " is absurdly large", "use a realistic size");
        }
        return out;
    }

    double number(const std::string &name) const
    {
        const ParamValue v = p(name);
        return v.isNumber() ? v.asNumber() : 0.0;
    }
    bool flag(const std::string &name) const
    {
        const ParamValue v = p(name);
        return v.isBool() && v.asBool();
    }
    std::string text(const std::string &name) const
    {
        const ParamValue v = p(name);
        return v.isString() ? v.asString() : std::string{};
    }
};

// Spatial view of a rank-3 tensor in the framework layout.
struct Hwc {
    i64 h, w, c;
};

Hwc spatialOf(const LayerCtx &cx, const Shape &s)
{
    if (s.size() != 3) {
        if (cx.keras())
            refuse("Input 0 of layer \"" + cx.layer.name + "\" is incompatible with the layer: expected ndim=4, found ndim=" +
                       str(i64(s.size()) + 1) + ". Full shape received: " + shapeToString(s, cx.fw),
                   "feed it a (height, width, channels) feature map, e.g. remove the Flatten/Dense before it or add a "
                   "Reshape");
        refuse("Expected 3D (unbatched) or 4D (batched) input to " + cx.layer.type + ", but got input of size: " +
                   shapeToString(s, cx.fw),
               "feed it a (channels, height, width) feature map");
    }
    return cx.keras() ? Hwc{s[0], s[1], s[2]} : Hwc{s[1], s[2], s[0]};
}

Shape makeShape(Framework fw, i64 h, i64 w, i64 c)
{
    return fw == Framework::Keras ? Shape{h, w, c} : Shape{c, h, w};
}

Act activationFromName(const std::string &name)
{
    static const std::map<std::string, Act> m{
        {"linear", Act::Linear},   {"relu", Act::Relu},         {"relu6", Act::Relu6},     {"sigmoid", Act::Sigmoid},
        {"softmax", Act::Softmax}, {"tanh", Act::Tanh},         {"elu", Act::Elu},         {"selu", Act::Selu},
        {"softplus", Act::Softplus}, {"softsign", Act::Softsign}, {"swish", Act::Swish},   {"silu", Act::Swish},
        {"gelu", Act::Gelu},       {"hard_sigmoid", Act::HardSigmoid}, {"exponential", Act::Exponential},
        {"leaky_relu", Act::LeakyRelu}};
    auto it = m.find(name);
    return it == m.end() ? Act::Linear : it->second;
}

// The parameter a Keras activation *name* implies (tf.keras: elu alpha=1.0, leaky_relu alpha=0.2).
double kerasActivationAlpha(Act a)
{
    return a == Act::Elu ? 1.0 : a == Act::LeakyRelu ? 0.2 : 0.0;
}

// Keras `activation=` argument of Conv/Dense layers.
void setKerasActivation(const LayerCtx &cx)
{
    const ParamValue act = cx.p("activation");
    cx.r.spec.activation = act.isString() ? activationFromName(act.asString()) : Act::Linear;
    cx.r.spec.alpha = kerasActivationAlpha(cx.r.spec.activation);
}

std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}

// Text of one axis' computation, and whether both axes read the same.
std::string axisFormula(const std::array<std::string, 2> &perAxis)
{
    if (perAxis[0] == perAxis[1])
        return perAxis[0];
    return "H: " + perAxis[0] + "; W: " + perAxis[1];
}

std::string padSides(const Pad4 &p)
{
    if (p == Pad4{})
        return "adds nothing";
    if (p.top == p.bottom && p.left == p.right && p.top == p.left)
        return "adds " + str(p.top) + " on every side";
    return "adds " + str(p.top) + " top, " + str(p.bottom) + " bottom, " + str(p.left) + " left, " + str(p.right) +
           " right";
}

std::string kEffText(i64 k, i64 d)
{
    return d == 1 ? str(k) : str(dims::effectiveKernel(k, d));
}

// ---------------------------------------------------------------- sliding windows (conv and pooling)

struct WindowAxis {
    i64 out = 0, before = 0, after = 0;
    std::string formula;
};

// Keras/TF 'same' or 'valid' for one axis. `what` names the kernel in messages ("kernel" / "pool").
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
               "use padding='same', a window of at most " + str(i) + ", or a larger input");
    }
    a.out = *out;
    a.formula = "⌊(" + str(i) + " − " + kEffText(k, d) + ") / " + str(s) + "⌋ + 1 = " + str(a.out);
    return a;
}

std::string tfPaddingNote(bool same, const Pad4 &p)
{
    return same ? " — padding='same' " + padSides(p) : " — padding='valid' adds nothing";
}

// Keras padding string, lower-cased.
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
        refuse("`strides > 1` not supported in conjunction with `dilation_rate > 1`. Received: strides=" +
                   pairText(s) + " and dilation_rate=" + pairText(d),
               "use strides=1 with dilation, or dilation_rate=1 with strides");
}

// Resolves the spatial part of a Keras conv-like layer (Conv2D, DepthwiseConv2D, SeparableConv2D, pooling).
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
        dil = " (dilated kernel k' = d·(k−1)+1 = " + axisFormula({str(dims::effectiveKernel(k[0], d[0])),
                                                                   str(dims::effectiveKernel(k[1], d[1]))}) + ")";
    cx.r.formula = "out = " + axisFormula({ah.formula, aw.formula}) + tfPaddingNote(same, sp.pad) + dil;
}

// PyTorch Conv2d / ConvTranspose2d padding argument → (ph, pw) or 'same'/'valid'.
struct TorchPad {
    bool same = false;
    std::array<i64, 2> p{0, 0};
};

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

void inferInput(const LayerCtx &cx)
{
    ParamValue v = cx.p("shape");
    if (v.isNone())
        v = cx.p("input_shape");
    std::optional<std::vector<i64>> shape;
    if (v.isInt())
        shape = std::vector<i64>{v.asInt()};
    else
        shape = v.intList();
    if (!shape && cx.keras()) {
        if (auto b = cx.p("batch_input_shape").intList(); b && b->size() >= 2)
            shape = std::vector<i64>(b->begin() + 1, b->end());
    }
    if (!shape || shape->empty())
        refuse(cx.keras() ? "the Input " + cx.who() + " has no shape"
                          : "PyTorch code declares no input shape",
               cx.keras() ? "give Input(shape=(H, W, C))" : "pass --input-shape C,H,W");
    for (i64 d : *shape) {
        if (d <= 0)
            refuse("the input shape " + shapeTuple(*shape) + " of " + cx.who() + " has a size ≤ 0",
                   "every size must be at least 1");
        if (d > kMaxDim)
            refuse("the input shape " + shapeTuple(*shape) + " of " + cx.who() + " is absurdly large",
                   "use a realistic size");
    }
    cx.r.output = Shape(shape->begin(), shape->end());
    product(*cx.r.output);
    cx.r.rf.valid = shape->size() == 3;
    cx.r.formula = "input " + shapeToString(*cx.r.output, cx.fw);
}

void addConvParams(LayerReport &r, i64 weights, i64 biases)
{
    r.params = add(weights, biases);
    r.trainableParams = r.params;
}

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
                   "use a number of filters divisible by " + str(groups));
        if (in.c % groups != 0)
            refuse("The number of input channels must be evenly divisible by the number of groups. Received groups=" +
                       str(groups) + ", but the input has " + str(in.c) + " channels (full input shape is " +
                       shapeToString(inShape, cx.fw) + ").",
                   "use groups dividing " + str(in.c));
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
            refuse("in_channels must be divisible by groups", "use in_channels divisible by " + str(groups));
        if (cout % groups != 0)
            refuse("out_channels must be divisible by groups", "use out_channels divisible by " + str(groups));
        const TorchPad tp = torchPadding(cx);
        if (tp.same && (s[0] > 1 || s[1] > 1))
            refuse("padding='same' is not supported for strided convolutions",
                   "use stride=1, or an explicit padding such as padding=" + str(dims::effectiveKernel(k[0], d[0]) / 2));
        if (cin != in.c)
            refuse("Given groups=" + str(groups) + ", weight of size [" + str(cout) + ", " + str(cin / groups) + ", " +
                       str(k[0]) + ", " + str(k[1]) + "], expected input[1, " + str(in.c) + ", " + str(in.h) + ", " +
                       str(in.w) + "] to have " + str(cin) + " channels, but got " + str(in.c) + " channels instead",
                   "set in_channels=" + str(in.c) + " (the previous layer gives " + str(in.c) + " channels)");
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
                       "add padding, use a smaller kernel or dilation, or a larger input");
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
        cx.r.formula = "out = " + axisFormula(f) +
                       (tp.same ? " — padding='same' " + padSides(pad) : " — padding " + padSides(pad));
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
                           "use output_padding smaller than the stride");
        }
        for (int a = 0; a < 2; ++a) {
            const size_t A = size_t(a);
            const i64 kEff = dims::effectiveKernel(k[A], d[A]);
            const std::optional<i64> opA = op ? std::optional<i64>((*op)[A]) : std::nullopt;
            outs[a] = dims::kerasConvTranspose(ins[a], kEff, s[A], same, opA);
            if (outs[a] < 1)
                refuse("the output of " + cx.who() + " would have size " + str(outs[a]), "use a larger input");
            const auto crop = dims::tfTransposeCrop(ins[a], kEff, s[A], outs[a], same);
            (a == 0 ? sp.pad.top : sp.pad.left) = crop.before;
            (a == 0 ? sp.pad.bottom : sp.pad.right) = crop.after;
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
            refuse("in_channels must be divisible by groups", "use in_channels divisible by " + str(groups));
        if (cout % groups != 0)
            refuse("out_channels must be divisible by groups", "use out_channels divisible by " + str(groups));
        for (int a = 0; a < 2; ++a)
            if (op[size_t(a)] >= std::max(s[size_t(a)], d[size_t(a)]))
                refuse("output padding must be smaller than either stride or dilation, but got output_padding_height: " +
                           str(op[0]) + " output_padding_width: " + str(op[1]) + " stride_height: " + str(s[0]) +
                           " stride_width: " + str(s[1]) + " dilation_height: " + str(d[0]) +
                           " dilation_width: " + str(d[1]),
                       "use output_padding < max(stride, dilation)");
        if (cin != in.c)
            refuse("Given transposed=1, weight of size [" + str(cin) + ", " + str(cout / groups) + ", " + str(k[0]) +
                       ", " + str(k[1]) + "], expected input[1, " + str(in.c) + ", " + str(in.h) + ", " + str(in.w) +
                       "] to have " + str(cin) + " channels, but got " + str(in.c) + " channels instead",
                   "set in_channels=" + str(in.c));
        for (int a = 0; a < 2; ++a) {
            const size_t A = size_t(a);
            const i64 kEff = dims::effectiveKernel(k[A], d[A]);
            outs[a] = dims::torchConvTranspose(ins[a], kEff, s[A], p[A], op[A]);
            if (outs[a] < 1)
                refuse("Given input size per channel: (" + str(in.h) + " x " + str(in.w) +
                           "). Calculated output size per channel: (" +
                           str(a == 0 ? outs[0] : dims::torchConvTranspose(in.h, dims::effectiveKernel(k[0], d[0]), s[0], p[0], op[0])) +
                           " x " + str(dims::torchConvTranspose(in.w, dims::effectiveKernel(k[1], d[1]), s[1], p[1], op[1])) +
                           "). Output size is too small",
                       "use less padding or a larger input");
            (a == 0 ? sp.pad.top : sp.pad.left) = p[A];
            (a == 0 ? sp.pad.bottom : sp.pad.right) = p[A] - op[A];
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
        cx.r.padding = Pad4{clip(sp.pad.top), clip(sp.pad.bottom), clip(sp.pad.left), clip(sp.pad.right)};
    } else {
        cx.r.padding = Pad4{sp.pad.top, sp.pad.top, sp.pad.left, sp.pad.left};
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
            const i64 before = a == 0 ? sp.pad.top : sp.pad.left;
            cx.r.rf.start[A] = inRf.start[A] + (double(before) - double(kEff - 1) / 2.0) * cx.r.rf.jump[A];
        }
    }
}

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
            cx.r.formula += " (strides=None → strides = pool_size " + pairText(k) + ")";
        if (kerasSame(cx) && !(sp.pad == Pad4{}))
            cx.r.formula += isMax ? "; padded cells are ignored (−∞)" : "; padded cells are not counted";
    } else {
        const auto k = cx.pair("kernel_size");
        const bool defaultStride = cx.p("stride").isNone();
        const auto s = defaultStride ? k : cx.pair("stride");
        const auto p = cx.pair("padding", 0);
        const auto d = isMax ? cx.pair("dilation") : std::array<i64, 2>{1, 1};
        const bool ceil = cx.flag("ceil_mode");
        if (isMax && cx.flag("return_indices"))
            refuse("return_indices=True makes MaxPool2d return (values, indices); the next layer cannot take a tuple",
                   "set return_indices=False");
        if (p[0] > k[0] / 2 || p[1] > k[1] / 2)
            refuse("pad should be smaller than or equal to half of kernel size, but got padW = " + str(p[1]) +
                       ", padH = " + str(p[0]) + ", kW = " + str(k[1]) + ", kH = " + str(k[0]),
                   "use padding ≤ " + str(std::min(k[0], k[1]) / 2));
        if (!isMax) {
            const ParamValue dov = cx.p("divisor_override");
            if (!dov.isNone()) {
                if (!dov.isInt() || dov.asInt() == 0)
                    refuse("divisor must be not zero", "use a non-zero integer divisor_override or None");
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
                   "use a smaller kernel, padding, ceil_mode=True or a larger input");
        oh = outs[0];
        ow = outs[1];
        sp.kernel = k;
        sp.stride = s;
        sp.dilation = d;
        sp.pad = {p[0], p[0], p[1], p[1]};
        sp.ceilMode = ceil;
        sp.padKind = isMax ? PadKind::Ignored : (cx.flag("count_include_pad") ? PadKind::CountedZero : PadKind::Excluded);
        cx.r.padding = sp.pad;
        cx.r.formula = "out = " + axisFormula(f) + (defaultStride ? " (stride=None → kernel_size)" : "");
        if (!(sp.pad == Pad4{}))
            cx.r.formula += isMax ? "; padded cells are ignored (−∞)"
                                  : (sp.padKind == PadKind::CountedZero ? "; padded zeros are counted (count_include_pad)"
                                                                        : "; padded cells are not counted");
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
    cx.r.formula = "one value per channel: " + str(in.h) + "×" + str(in.w) + " → 1";
}

void inferAdaptivePool(const LayerCtx &cx, const Shape &inShape)
{
    const Hwc in = spatialOf(cx, inShape);
    if (cx.kind.op == Op::AdaptiveMaxPool && cx.flag("return_indices"))
        refuse("return_indices=True makes AdaptiveMaxPool2d return (values, indices); the next layer cannot take a "
               "tuple",
               "set return_indices=False");
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
        refuse("output_size of " + cx.who() + " must be positive, got " + v.toPython(), "use an output size ≥ 1");
    cx.r.spec.target = {oh, ow};
    cx.r.spec.inChannels = cx.r.spec.outChannels = in.c;
    cx.r.output = makeShape(cx.fw, oh, ow, in.c);
    cx.r.formula = "out = output_size " + pairText({oh, ow}) + "; window i covers [⌊i·" + str(in.h) + "/" + str(oh) +
                   "⌋, ⌈(i+1)·" + str(in.h) + "/" + str(oh) + "⌉)";
}

void inferUpsample(const LayerCtx &cx, const Shape &inShape, const ReceptiveField &inRf)
{
    const Hwc in = spatialOf(cx, inShape);
    ResolvedLayer &sp = cx.r.spec;
    i64 oh = 0, ow = 0;
    if (cx.keras()) {
        const auto sz = cx.pair("size");
        const std::string interp = cx.text("interpolation");
        sp.interpolation = interp == "bilinear" ? Interp::Bilinear : Interp::Nearest;
        oh = mul(in.h, sz[0]);
        ow = mul(in.w, sz[1]);
        sp.scale = {double(sz[0]), double(sz[1])};
        cx.r.formula = "out = " + axisFormula({str(in.h) + " · " + str(sz[0]) + " = " + str(oh),
                                               str(in.w) + " · " + str(sz[1]) + " = " + str(ow)}) +
                       " (" + interp + (sp.interpolation == Interp::Bilinear ? ", half-pixel centres)" : ")");
    } else {
        const ParamValue size = cx.p("size"), scale = cx.p("scale_factor");
        if (size.isNone() == scale.isNone())
            refuse(size.isNone() ? "either size or scale_factor should be defined"
                                 : "only one of size or scale_factor should be defined",
                   "give exactly one of size= and scale_factor=");
        const std::string mode = cx.text("mode");
        sp.interpolation = mode == "bilinear" ? Interp::Bilinear : Interp::Nearest;
        const ParamValue ac = cx.p("align_corners");
        if (!ac.isNone() && sp.interpolation == Interp::Nearest)
            refuse("align_corners option can only be set with the interpolating modes: linear | bilinear | bicubic | "
                   "trilinear",
                   "remove align_corners or use mode='bilinear'");
        sp.alignCorners = ac.isBool() && ac.asBool();
        if (!size.isNone()) {
            if (size.isInt()) {
                oh = ow = size.asInt();
            } else {
                const auto &l = size.asList();
                oh = l[0].isInt() ? l[0].asInt() : in.h;
                ow = l[1].isInt() ? l[1].asInt() : in.w;
            }
            if (oh < 1 || ow < 1 || oh > kMaxDim || ow > kMaxDim)
                refuse("size of " + cx.who() + " must be positive, got " + size.toPython(), "use sizes ≥ 1");
            sp.scale = {double(oh) / double(in.h), double(ow) / double(in.w)};
            sp.target = {oh, ow};
            cx.r.formula = "out = size " + pairText({oh, ow}) + " (" + mode + ")";
        } else {
            double fh = 0, fw = 0;
            if (scale.isNumber()) {
                fh = fw = scale.asNumber();
            } else {
                fh = scale.asList()[0].asNumber();
                fw = scale.asList()[1].asNumber();
            }
            if (!(fh > 0) || !(fw > 0) || fh > 1e9 || fw > 1e9)
                refuse("scale_factor of " + cx.who() + " must be positive, got " + scale.toPython(),
                       "use a factor > 0");
            const double rh = std::floor(double(in.h) * fh), rw = std::floor(double(in.w) * fw);
            if (rh > double(kMaxDim) || rw > double(kMaxDim))
                refuse("the output of " + cx.who() + " is absurdly large", "use a smaller scale_factor");
            oh = i64(rh);
            ow = i64(rw);
            if (oh < 1 || ow < 1)
                refuse("Input and output sizes should be greater than 0, but got input (H: " + str(in.h) + ", W: " +
                           str(in.w) + ") output (H: " + str(oh) + ", W: " + str(ow) + ")",
                       "use a larger scale_factor");
            sp.scale = {fh, fw};
            cx.r.formula = "out = " + axisFormula({"⌊" + str(in.h) + " · " + num(fh) + "⌋ = " + str(oh),
                                                   "⌊" + str(in.w) + " · " + num(fw) + "⌋ = " + str(ow)}) +
                           " (" + mode + (sp.alignCorners ? ", align_corners=True)" : ")");
        }
    }
    sp.inChannels = sp.outChannels = in.c;
    cx.r.output = makeShape(cx.fw, oh, ow, in.c);
    product(*cx.r.output);
    if (inRf.valid) {
        cx.r.rf = inRf;
        cx.r.rf.jump = {inRf.jump[0] * double(in.h) / double(oh), inRf.jump[1] * double(in.w) / double(ow)};
    }
}

Pad4 kerasPadSpec(const LayerCtx &cx, const std::string &name)
{
    const ParamValue v = cx.p(name);
    Pad4 p;
    if (v.isInt()) {
        p = {v.asInt(), v.asInt(), v.asInt(), v.asInt()};
    } else if (auto l = v.intList(); l && l->size() == 2) {
        p = {(*l)[0], (*l)[0], (*l)[1], (*l)[1]};
    } else if (v.isList() && v.asList().size() == 2) {
        const auto a = v.asList()[0].intList(), b = v.asList()[1].intList();
        if (!a || !b || a->size() != 2 || b->size() != 2)
            refuse("`" + name + "` of " + cx.who() + " should be an int, a tuple of 2 ints or a tuple of 2 tuples of 2 "
                   "ints. Received: " + v.toPython());
        p = {(*a)[0], (*a)[1], (*b)[0], (*b)[1]};
    } else {
        refuse("`" + name + "` of " + cx.who() + " should be an int, a tuple of 2 ints or a tuple of 2 tuples of 2 ints. "
               "Received: " + v.toPython());
    }
    for (i64 x : {p.top, p.bottom, p.left, p.right}) {
        if (x < 0)
            refuse("`" + name + "` of " + cx.who() + " must be ≥ 0, got " + v.toPython(), "use non-negative amounts");
        if (x > kMaxDim)
            refuse("`" + name + "` of " + cx.who() + " is absurdly large", "use realistic amounts");
    }
    return p;
}

void inferZeroPad(const LayerCtx &cx, const Shape &inShape, const ReceptiveField &inRf)
{
    const Hwc in = spatialOf(cx, inShape);
    Pad4 p;
    if (cx.keras()) {
        p = kerasPadSpec(cx, "padding");
    } else {
        const ParamValue v = cx.p("padding");
        if (v.isInt()) {
            p = {v.asInt(), v.asInt(), v.asInt(), v.asInt()};
        } else {
            const auto l = *v.intList(); // (left, right, top, bottom)
            p = {l[2], l[3], l[0], l[1]};
        }
        for (i64 x : {p.top, p.bottom, p.left, p.right})
            if (x > kMaxDim || x < -kMaxDim)
                refuse("padding of " + cx.who() + " is absurdly large", "use realistic amounts");
    }
    const i64 oh = in.h + p.top + p.bottom, ow = in.w + p.left + p.right;
    if (oh < 1 || ow < 1)
        refuse("negative padding of " + cx.who() + " crops " + str(in.h) + "×" + str(in.w) + " to " + str(oh) + "×" +
                   str(ow),
               "crop less");
    cx.r.spec.pad = p;
    cx.r.padding = p;
    cx.r.spec.inChannels = cx.r.spec.outChannels = in.c;
    cx.r.output = makeShape(cx.fw, oh, ow, in.c);
    cx.r.formula = "out = " + axisFormula({str(in.h) + " + " + str(p.top) + " + " + str(p.bottom) + " = " + str(oh),
                                           str(in.w) + " + " + str(p.left) + " + " + str(p.right) + " = " + str(ow)});
    propagateWindowRf(cx.r, inRf, {1, 1}, {1, 1}, {1, 1}, p);
}

void inferCrop(const LayerCtx &cx, const Shape &inShape, const ReceptiveField &inRf)
{
    const Hwc in = spatialOf(cx, inShape);
    const Pad4 c = kerasPadSpec(cx, "cropping");
    const i64 oh = in.h - c.top - c.bottom, ow = in.w - c.left - c.right;
    if (oh < 1 || ow < 1)
        refuse("Cropping2D " + cx.who() + " removes " + str(c.top + c.bottom) + " rows and " + str(c.left + c.right) +
                   " columns from an input of " + str(in.h) + "×" + str(in.w) +
                   ", leaving nothing (TensorFlow: negative dimension size)",
               "crop less than the input's size");
    cx.r.spec.pad = c; // crop amounts; not reported as padding
    cx.r.spec.inChannels = cx.r.spec.outChannels = in.c;
    cx.r.output = makeShape(cx.fw, oh, ow, in.c);
    cx.r.formula = "out = " + axisFormula({str(in.h) + " − " + str(c.top) + " − " + str(c.bottom) + " = " + str(oh),
                                           str(in.w) + " − " + str(c.left) + " − " + str(c.right) + " = " + str(ow)});
    propagateWindowRf(cx.r, inRf, {1, 1}, {1, 1}, {1, 1}, Pad4{-c.top, -c.bottom, -c.left, -c.right});
}

// A framework axis argument → a non-negative index into the unbatched shape. `batched` = the framework counts the
// batch axis (Keras concat axis, torch dims).
i64 resolveAxis(const LayerCtx &cx, i64 axis, size_t rank, const std::string &argName)
{
    const i64 batchedRank = i64(rank) + 1;
    const i64 a = axis < 0 ? axis + batchedRank : axis;
    if (a < 0 || a >= batchedRank)
        refuse("Dimension out of range (expected to be in range of [" + str(-batchedRank) + ", " + str(batchedRank - 1) +
                   "], but got " + str(axis) + ") for " + argName + " of " + cx.who(),
               "use an axis within the input's rank");
    if (a == 0)
        refuse(argName + "=" + str(axis) + " of " + cx.who() + " is the batch axis; ConvLens models one sample",
               cx.keras() ? "use axis=-1 (channels)" : "use dim=1 (channels)");
    return a - 1;
}

void inferBatchNorm(const LayerCtx &cx, const Shape &inShape)
{
    i64 c = 0;
    if (cx.keras()) {
        const i64 axis = resolveAxis(cx, cx.p("axis").asInt(), inShape.size(), "axis");
        c = inShape[size_t(axis)];
        cx.r.spec.axis = axis;
        cx.r.spec.epsilon = cx.number("epsilon");
        cx.r.spec.bnCenter = cx.flag("center");
        cx.r.spec.bnScale = cx.flag("scale");
        cx.r.trainableParams = mul(i64(cx.r.spec.bnCenter) + i64(cx.r.spec.bnScale), c);
        cx.r.nonTrainableParams = mul(2, c);
        cx.r.formula = "same shape; params = " + std::string(cx.r.spec.bnCenter && cx.r.spec.bnScale ? "4" : "") +
                       (cx.r.spec.bnCenter && cx.r.spec.bnScale ? "·" + str(c) + " (gamma, beta trainable; moving mean, variance not)"
                                                                : "(center + scale + 2)·" + str(c));
    } else {
        if (inShape.size() != 3)
            refuse("expected 4D input (got " + str(i64(inShape.size()) + 1) + "D input)",
                   "use BatchNorm1d after Flatten, or place BatchNorm2d on a (C, H, W) map");
        c = inShape[0];
        const i64 nf = cx.positiveInt("num_features");
        if (nf != c)
            refuse("running_mean should contain " + str(c) + " elements not " + str(nf),
                   "set num_features=" + str(c));
        cx.r.spec.axis = 0;
        cx.r.spec.epsilon = cx.number("eps");
        cx.r.spec.bnCenter = cx.r.spec.bnScale = cx.flag("affine");
        cx.r.trainableParams = cx.r.spec.bnScale ? mul(2, c) : 0;
        cx.r.formula = "same shape; params = " + (cx.r.spec.bnScale ? "2·" + str(c) + " (weight, bias)" : std::string("0")) +
                       "; running mean/var are buffers";
    }
    cx.r.params = cx.r.trainableParams + cx.r.nonTrainableParams;
    cx.r.spec.inChannels = cx.r.spec.outChannels = c;
    cx.r.output = inShape;
}

void inferActivation(const LayerCtx &cx, const Shape &inShape)
{
    ResolvedLayer &sp = cx.r.spec;
    const std::string &t = cx.layer.type;
    if (cx.keras()) {
        if (t == "Activation") {
            sp.activation = activationFromName(cx.text("activation"));
            sp.alpha = kerasActivationAlpha(sp.activation);
        } else if (t == "LeakyReLU") {
            sp.activation = Act::LeakyRelu;
            sp.alpha = cx.number("alpha");
        } else { // ReLU(max_value, negative_slope, threshold)
            const ParamValue mv = cx.p("max_value");
            const double slope = cx.number("negative_slope");
            if (cx.number("threshold") != 0.0)
                refuse("ReLU threshold other than 0 is not supported by ConvLens yet", "use threshold=0");
            if (!mv.isNone() && (mv.asNumber() != 6.0 || slope != 0.0))
                refuse("ReLU max_value other than 6 (or with negative_slope) is not supported by ConvLens yet",
                       "use max_value=None or 6");
            sp.activation = !mv.isNone() ? Act::Relu6 : (slope != 0.0 ? Act::LeakyRelu : Act::Relu);
            sp.alpha = slope;
        }
        if (sp.activation == Act::Softmax)
            sp.axis = i64(inShape.size()) - 1;
    } else {
        static const std::map<std::string, Act> m{{"ReLU", Act::Relu},       {"ReLU6", Act::Relu6},
                                                  {"LeakyReLU", Act::LeakyRelu}, {"Sigmoid", Act::Sigmoid},
                                                  {"Tanh", Act::Tanh},       {"Softmax", Act::Softmax},
                                                  {"Identity", Act::Linear}};
        sp.activation = m.at(t);
        if (t == "LeakyReLU")
            sp.alpha = cx.number("negative_slope");
        if (t == "Softmax") {
            const ParamValue dim = cx.p("dim");
            // torch's implicit dim (_get_softmax_dim): batched ranks 0, 1, 3 → 0, otherwise 1.
            const i64 batchedRank = i64(inShape.size()) + 1;
            const i64 d = dim.isNone() ? ((batchedRank == 0 || batchedRank == 1 || batchedRank == 3) ? 0 : 1)
                                       : dim.asInt();
            sp.axis = resolveAxis(cx, d, inShape.size(), "dim");
        }
    }
    cx.r.output = inShape;
    cx.r.formula = "same shape";
}

void inferFlatten(const LayerCtx &cx, const Shape &inShape)
{
    if (cx.keras()) {
        cx.r.output = Shape{product(inShape)};
        std::string f;
        for (size_t i = 0; i < inShape.size(); ++i)
            f += (i ? " · " : "") + str(inShape[i]);
        cx.r.formula = "out = " + f + " = " + str((*cx.r.output)[0]) + " (H, W, C order)";
        cx.r.spec.axis = 0;
        cx.r.spec.flattenEnd = i64(inShape.size()) - 1;
        return;
    }
    const i64 start = resolveAxis(cx, cx.p("start_dim").asInt(), inShape.size(), "start_dim");
    const i64 end = resolveAxis(cx, cx.p("end_dim").asInt(), inShape.size(), "end_dim");
    if (start > end)
        refuse("flatten() has invalid args: start_dim cannot come after end_dim", "use start_dim ≤ end_dim");
    Shape out(inShape.begin(), inShape.begin() + start);
    i64 p = 1;
    std::string f;
    for (i64 i = start; i <= end; ++i) {
        p = mul(p, inShape[size_t(i)]);
        f += (i > start ? " · " : "") + str(inShape[size_t(i)]);
    }
    out.push_back(p);
    out.insert(out.end(), inShape.begin() + end + 1, inShape.end());
    cx.r.output = out;
    cx.r.spec.axis = start;
    cx.r.spec.flattenEnd = end;
    cx.r.formula = "out = " + f + " = " + str(p) + (start == 0 && end == i64(inShape.size()) - 1 ? " (C, H, W order)" : "");
}

void inferDense(const LayerCtx &cx, const Shape &inShape)
{
    const i64 last = inShape.back();
    i64 units = 0;
    bool bias = false;
    if (cx.keras()) {
        units = cx.positiveInt("units");
        bias = cx.flag("use_bias");
        setKerasActivation(cx);
    } else {
        const i64 inF = cx.positiveInt("in_features");
        units = cx.positiveInt("out_features");
        bias = cx.flag("bias");
        if (inF != last) {
            const i64 rows = product(inShape) / last;
            refuse("mat1 and mat2 shapes cannot be multiplied (" + str(rows) + "x" + str(last) + " and " + str(inF) +
                       "x" + str(units) + ")",
                   "set in_features=" + str(last) +
                       (inShape.size() > 1 ? " — or add nn.Flatten() before it: Linear acts on the last axis only"
                                           : ""));
        }
    }
    Shape out = inShape;
    out.back() = units;
    cx.r.output = out;
    cx.r.spec.inChannels = last;
    cx.r.spec.outChannels = units;
    cx.r.spec.bias = bias;
    addConvParams(cx.r, mul(last, units, "weight matrix"), bias ? units : 0);
    cx.r.macs = mul(product(inShape) / last, mul(last, units));
    cx.r.formula = "params = " + str(last) + " · " + str(units) + (bias ? " + " + str(units) : "") + " = " +
                   str(cx.r.params) + (inShape.size() > 1 ? " (acts on the last axis only)" : "");
}

void inferReshape(const LayerCtx &cx, const Shape &inShape)
{
    const i64 total = product(inShape);
    Shape out;
    if (cx.keras()) {
        const ParamValue v = cx.p("target_shape");
        std::vector<i64> t = v.isInt() ? std::vector<i64>{v.asInt()} : v.intList().value_or(std::vector<i64>{});
        int unknown = -1;
        i64 known = 1;
        for (size_t i = 0; i < t.size(); ++i) {
            if (t[i] == -1 && unknown < 0) {
                unknown = int(i);
                continue;
            }
            if (t[i] <= 0)
                refuse("target_shape " + shapeTuple(t) + " of " + cx.who() +
                           " must have positive sizes and at most one -1",
                       "use positive sizes");
            known = mul(known, t[i]);
        }
        if (unknown >= 0) {
            if (known == 0 || total % known != 0)
                refuse("total size of new array must be unchanged, input_shape = " + shapeTuple(inShape) +
                           ", output_shape = " + shapeTuple(t),
                       "choose sizes whose product divides " + str(total));
            t[size_t(unknown)] = total / known;
        } else if (known != total) {
            refuse("total size of new array must be unchanged, input_shape = " + shapeTuple(inShape) + ", output_shape = " +
                       shapeTuple(t),
                   "the product of target_shape must be " + str(total));
        }
        out = Shape(t.begin(), t.end());
    } else { // Unflatten(dim, unflattened_size)
        const i64 d = resolveAxis(cx, cx.p("dim").asInt(), inShape.size(), "dim");
        const auto sizes = cx.p("unflattened_size").intList().value_or(std::vector<i64>{});
        i64 p = 1;
        for (i64 s : sizes) {
            if (s <= 0)
                refuse("unflattened_size of " + cx.who() + " must be positive", "use positive sizes");
            p = mul(p, s);
        }
        if (p != inShape[size_t(d)])
            refuse("unflattened_size must multiply to the size of dim " + str(d + 1) + " (" + str(inShape[size_t(d)]) +
                       "), got " + shapeTuple(sizes),
                   "use sizes whose product is " + str(inShape[size_t(d)]));
        out.assign(inShape.begin(), inShape.begin() + d);
        out.insert(out.end(), sizes.begin(), sizes.end());
        out.insert(out.end(), inShape.begin() + d + 1, inShape.end());
    }
    cx.r.spec.target = out;
    cx.r.output = out;
    cx.r.formula = shapeTuple(inShape) + " → " + shapeTuple(out) + " (" + str(total) + " values)";
}

void inferConcat(const LayerCtx &cx, const std::vector<Shape> &ins)
{
    const i64 axisArg = cx.keras() ? cx.p("axis").asInt() : cx.p("dim").asInt();
    for (const Shape &s : ins)
        if (s.size() != ins[0].size())
            refuse((cx.keras() ? "A `Concatenate` layer requires inputs with matching shapes except for the "
                                 "concatenation axis. Received: input_shape="
                               : "Tensors must have same number of dimensions: got ") +
                       [&] {
                           std::string l = "[";
                           for (size_t i = 0; i < ins.size(); ++i)
                               l += (i ? ", " : "") + shapeToString(ins[i], cx.fw);
                           return l + "]";
                       }(),
                   "concatenate tensors of the same rank");
    const i64 axis = resolveAxis(cx, axisArg, ins[0].size(), cx.keras() ? "axis" : "dim");
    Shape out = ins[0];
    out[size_t(axis)] = 0;
    std::string f;
    for (size_t n = 0; n < ins.size(); ++n) {
        for (size_t a = 0; a < out.size(); ++a) {
            if (i64(a) != axis && ins[n][a] != ins[0][a]) {
                std::string list;
                for (size_t i = 0; i < ins.size(); ++i)
                    list += (i ? ", " : "") + shapeToString(ins[i], cx.fw);
                if (cx.keras())
                    refuse("A `Concatenate` layer requires inputs with matching shapes except for the concatenation "
                           "axis. Received: input_shape=[" + list + "]",
                           "make the inputs agree on every axis but the concatenation axis — e.g. crop the skip "
                           "connection with Cropping2D, or use padding='same' in the convolutions");
                refuse("Sizes of tensors must match except in dimension " + str(axis + 1) + ". Expected size " +
                           str(ins[0][a]) + " but got size " + str(ins[n][a]) + " for tensor number " + str(n) +
                           " in the list.",
                       "make the inputs agree on every axis but dim " + str(axis + 1));
            }
        }
        out[size_t(axis)] = add(out[size_t(axis)], ins[n][size_t(axis)]);
        f += (n ? " + " : "") + str(ins[n][size_t(axis)]);
    }
    cx.r.spec.axis = axis;
    cx.r.output = out;
    cx.r.formula = "axis " + str(axis + 1) + ": " + f + " = " + str(out[size_t(axis)]);
}

void inferAdd(const LayerCtx &cx, const std::vector<Shape> &ins)
{
    Shape out = ins[0];
    for (size_t n = 1; n < ins.size(); ++n) {
        const Shape &s = ins[n];
        if (s.size() != out.size()) {
            refuse("Inputs have incompatible shapes. Received shapes " + shapeTuple(ins[0]) + " and " + shapeTuple(s),
                   "add tensors of the same shape");
        }
        for (size_t a = 0; a < out.size(); ++a) {
            if (s[a] == out[a] || s[a] == 1)
                continue;
            if (out[a] == 1) {
                out[a] = s[a];
                continue;
            }
            if (cx.keras())
                refuse("Inputs have incompatible shapes. Received shapes " + shapeTuple(ins[0]) + " and " + shapeTuple(s),
                       "make both branches produce the same shape (e.g. a 1×1 Conv2D or strides on the shortcut)");
            refuse("The size of tensor a (" + str(out[a]) + ") must match the size of tensor b (" + str(s[a]) +
                       ") at non-singleton dimension " + str(i64(a) + 1),
                   "make both branches produce the same shape");
        }
    }
    cx.r.output = out;
    cx.r.formula = "element-wise sum of " + str(i64(ins.size())) + " tensors " + shapeToString(out, cx.fw);
}

void checkFrameworkOnlyArgs(const LayerCtx &cx)
{
    if (cx.keras()) {
        const ParamValue df = cx.p("data_format");
        if (df.isString() && df.asString() != "channels_last")
            refuse("data_format='" + df.asString() + "' is not supported by ConvLens", "use channels_last");
    }
    if (cx.kind.op == Op::Dropout) {
        const double rate = cx.keras() ? cx.number("rate") : cx.number("p");
        if (rate < 0.0 || rate > 1.0)
            refuse(cx.keras() ? "Invalid value received for argument `rate`. Expected a float value between 0 and 1. "
                                "Received: rate=" + num(rate)
                              : "dropout probability has to be between 0 and 1, but got " + num(rate),
                   "use a rate between 0 and 1");
        cx.r.spec.rate = rate;
    }
}

void resolveLayer(const LayerCtx &cx, const std::vector<Shape> &ins, const std::vector<ReceptiveField> &rfs)
{
    checkFrameworkOnlyArgs(cx);
    cx.r.spec.op = cx.kind.op;
    const ReceptiveField noRf;
    const ReceptiveField &rf = rfs.empty() ? noRf : rfs[0];
    switch (cx.kind.op) {
    case Op::Input:
        inferInput(cx);
        return;
    case Op::Conv:
        inferConv(cx, ins[0], rf);
        break;
    case Op::DepthwiseConv:
        inferDepthwise(cx, ins[0], rf, false);
        break;
    case Op::SeparableConv:
        inferDepthwise(cx, ins[0], rf, true);
        break;
    case Op::ConvTranspose:
        inferConvTranspose(cx, ins[0], rf);
        break;
    case Op::MaxPool:
        inferPool(cx, ins[0], rf, true);
        break;
    case Op::AvgPool:
        inferPool(cx, ins[0], rf, false);
        break;
    case Op::GlobalMaxPool:
    case Op::GlobalAvgPool:
        inferGlobalPool(cx, ins[0]);
        break;
    case Op::AdaptiveAvgPool:
    case Op::AdaptiveMaxPool:
        inferAdaptivePool(cx, ins[0]);
        break;
    case Op::Upsample:
        inferUpsample(cx, ins[0], rf);
        break;
    case Op::ZeroPad:
        inferZeroPad(cx, ins[0], rf);
        break;
    case Op::Crop:
        inferCrop(cx, ins[0], rf);
        break;
    case Op::BatchNorm:
        inferBatchNorm(cx, ins[0]);
        cx.r.rf = rf;
        break;
    case Op::Dropout:
        cx.r.output = ins[0];
        cx.r.formula = "same shape (identity at inference)";
        cx.r.rf = rf;
        break;
    case Op::Activation:
        inferActivation(cx, ins[0]);
        cx.r.rf = rf;
        break;
    case Op::Flatten:
        inferFlatten(cx, ins[0]);
        break;
    case Op::Dense:
        inferDense(cx, ins[0]);
        break;
    case Op::Reshape:
        inferReshape(cx, ins[0]);
        break;
    case Op::Concat:
        inferConcat(cx, ins);
        break;
    case Op::Add:
        inferAdd(cx, ins);
        break;
    }
    if (cx.kind.op == Op::Concat || cx.kind.op == Op::Add) {
        // The field of a merge is the envelope of its branches' fields (same grid assumed).
        bool all = true;
        for (const auto &f : rfs)
            all = all && f.valid;
        if (all && !rfs.empty() && cx.r.output && cx.r.output->size() == 3) {
            cx.r.rf = rfs[0];
            for (const auto &f : rfs)
                for (size_t a = 0; a < 2; ++a) {
                    const double lo = std::min(cx.r.rf.start[a] - double(cx.r.rf.size[a]) / 2,
                                               f.start[a] - double(f.size[a]) / 2);
                    const double hi = std::max(cx.r.rf.start[a] + double(cx.r.rf.size[a]) / 2,
                                               f.start[a] + double(f.size[a]) / 2);
                    cx.r.rf.size[a] = i64(std::llround(hi - lo));
                    cx.r.rf.start[a] = (lo + hi) / 2;
                }
        }
    }
    if (cx.r.output && cx.r.output->size() != 3)
        cx.r.rf.valid = false;
}

} // namespace

int ShapeReport::indexOf(const std::string &name) const
{
    for (size_t i = 0; i < layers.size(); ++i)
        if (layers[i].name == name)
            return int(i);
    return -1;
}

ShapeReport infer(const Graph &graph)
{
    ShapeReport rep;
    rep.framework = graph.framework;
    rep.layers.resize(graph.layers.size());
    std::unordered_map<std::string, size_t> index;
    index.reserve(graph.layers.size());
    for (size_t i = 0; i < graph.layers.size(); ++i)
        index[graph.layers[i].name] = i;

    for (size_t i = 0; i < graph.layers.size(); ++i) {
        const Layer &l = graph.layers[i];
        LayerReport &r = rep.layers[i];
        r.name = l.name;
        r.type = l.type;
        r.inputs = l.inputs;
        r.implicitInput = l.implicitInput;
        r.line = l.line;
        const KindDef *kind = findKind(graph.framework, l.type);
        if (!kind) {
            r.status = LayerReport::Status::Refused;
            r.error = "unknown layer type '" + l.type + "'";
            r.fix = "use one of the " + std::string(frameworkName(graph.framework)) + " layers";
            continue;
        }
        r.op = kind->op;
        std::vector<Shape> inShapes;
        std::vector<ReceptiveField> rfs;
        bool blocked = false;
        for (const auto &in : l.inputs) {
            auto it = index.find(in);
            if (it == index.end() || it->second >= i || !rep.layers[it->second].ok()) {
                blocked = true;
                break;
            }
            inShapes.push_back(*rep.layers[it->second].output);
            rfs.push_back(rep.layers[it->second].rf);
        }
        if (blocked) {
            r.status = LayerReport::Status::Blocked;
            continue;
        }
        r.inputShapes = inShapes;
        if (kind->op != Op::Input && (int(inShapes.size()) < kind->minInputs ||
                                      (kind->maxInputs >= 0 && int(inShapes.size()) > kind->maxInputs))) {
            r.status = LayerReport::Status::Refused;
            r.error = "layer " + l.name + " (" + l.type + ") has " + std::to_string(inShapes.size()) + " inputs";
            continue;
        }
        try {
            resolveLayer(LayerCtx{graph.framework, l, *kind, r}, inShapes, rfs);
            r.status = LayerReport::Status::Ok;
            r.outputElements = product(*r.output);
            r.activationBytes = mul(r.outputElements, 4);
        } catch (const Refusal &ref) {
            const std::string keep = r.name;
            r.status = LayerReport::Status::Refused;
            r.output.reset();
            r.padding.reset();
            r.params = r.trainableParams = r.nonTrainableParams = r.macs = 0;
            r.formula.clear();
            r.error = ref.error;
            r.fix = ref.fix;
        }
    }

    rep.ok = true;
    for (size_t i = 0; i < rep.layers.size(); ++i) {
        const LayerReport &r = rep.layers[i];
        if (r.status == LayerReport::Status::Refused && rep.firstRefused < 0)
            rep.firstRefused = int(i);
        if (!r.ok()) {
            rep.ok = false;
            continue;
        }
        rep.totalParams += r.params;
        rep.trainableParams += r.trainableParams;
        rep.nonTrainableParams += r.nonTrainableParams;
        rep.totalMacs += r.macs;
        rep.totalActivationBytes += r.activationBytes;
    }
    rep.outputs = graph.outputs;
    if (rep.outputs.empty() && !graph.layers.empty())
        rep.outputs.push_back(graph.layers.back().name);
    return rep;
}

ShapeReport inferGraph(Graph &graph)
{
    assignDefaultNames(graph);
    const auto errors = validateAndOrder(graph);
    if (errors.empty())
        return infer(graph);
    // Structural errors: report every layer as given, the offending ones refused, the rest blocked.
    ShapeReport rep;
    rep.framework = graph.framework;
    for (const Layer &l : graph.layers) {
        LayerReport r;
        r.name = l.name;
        r.type = l.type;
        r.inputs = l.inputs;
        r.line = l.line;
        r.implicitInput = l.implicitInput;
        for (const auto &e : errors)
            if (e.layer == l.name) {
                r.status = LayerReport::Status::Refused;
                r.error += (r.error.empty() ? "" : "; ") + e.message;
            }
        rep.layers.push_back(std::move(r));
    }
    for (size_t i = 0; i < rep.layers.size(); ++i)
        if (rep.layers[i].status == LayerReport::Status::Refused) {
            rep.firstRefused = int(i);
            break;
        }
    if (rep.firstRefused < 0 && !rep.layers.empty()) { // a cycle: name it on the first layer
        rep.firstRefused = 0;
        rep.layers[0].status = LayerReport::Status::Refused;
        rep.layers[0].error = errors[0].message;
    }
    return rep;
}

} // namespace convlens
