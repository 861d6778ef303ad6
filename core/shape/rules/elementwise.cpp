// elementwise.cpp — layers that act on each value by itself: activations (and softmax along an axis) and dropout.
#include "shape/rules/rules.h"

namespace convlens::rules {

void inferActivation(const LayerCtx &cx, const Shape &inShape)
{
    ResolvedLayer &sp = cx.r.spec;
    const std::string &t = cx.layer.type;
    if (cx.keras()) {
        if (t == "Activation") {
            sp.activation = activationFromName(cx.text("activation"));
            sp.alpha = traits(sp.activation).kerasAlpha;
        } else if (t == "LeakyReLU") {
            sp.activation = Act::LeakyRelu;
            sp.alpha = cx.number("alpha");
        } else if (t == "Softmax") {
            sp.activation = Act::Softmax;
        } else { // ReLU(max_value, negative_slope, threshold)
            const ParamValue mv = cx.p("max_value");
            const double slope = cx.number("negative_slope");
            if (cx.number("threshold") != 0.0)
                refuse("ReLU threshold other than 0 is not supported by ConvLens yet",
                       tx(QT_TRANSLATE_NOOP("convlens::core", "use threshold=0")));
            if (!mv.isNone() && mv.asNumber() < 0.0)
                refuse("max_value of a ReLU layer cannot be a negative value. Received: " + num(mv.asNumber()),
                       tx(QT_TRANSLATE_NOOP("convlens::core", "use max_value ≥ 0 or None")));
            if (slope < 0.0)
                refuse("negative_slope of a ReLU layer cannot be a negative value. Received: " + num(slope),
                       tx(QT_TRANSLATE_NOOP("convlens::core", "use negative_slope ≥ 0")));
            sp.activation = mv.isNone()                             ? (slope != 0.0 ? Act::LeakyRelu : Act::Relu)
                            : mv.asNumber() == 6.0 && slope == 0.0 ? Act::Relu6
                                                                    : Act::ReluClip;
            sp.alpha = slope;
            if (sp.activation == Act::ReluClip)
                sp.beta = mv.asNumber();
        }
        if (sp.activation == Act::Softmax)
            sp.axis = t == "Softmax" ? resolveAxis(cx, cx.p("axis").asInt(), inShape.size(), "axis")
                                     : i64(inShape.size()) - 1;
    } else {
        sp.activation = activationFromTorchModule(t).value_or(Act::Linear);
        if (t == "LeakyReLU")
            sp.alpha = cx.number("negative_slope");
        if (t == "ELU" || t == "CELU")
            sp.alpha = cx.number("alpha");
        if (t == "CELU" && sp.alpha == 0.0)
            refuse("ZeroDivisionError: float division by zero (CELU with alpha=0)",
                   tx(QT_TRANSLATE_NOOP("convlens::core", "use alpha ≠ 0")));
        if (t == "GELU" && cx.text("approximate") == "tanh")
            sp.activation = Act::GeluTanh;
        if (t == "Softplus") {
            sp.alpha = cx.number("beta");
            sp.beta = cx.number("threshold");
            if (sp.alpha == 0.0)
                refuse("Softplus with beta=0 divides by zero", tx(QT_TRANSLATE_NOOP("convlens::core", "use beta ≠ 0")));
        }
        if (t == "Hardtanh") {
            sp.alpha = cx.number("min_val");
            sp.beta = cx.number("max_val");
            if (!(sp.beta > sp.alpha)) // torch: assert self.max_val > self.min_val
                refuse("Hardtanh: max_val (" + num(sp.beta) + ") must be greater than min_val (" + num(sp.alpha) + ")",
                       tx(QT_TRANSLATE_NOOP("convlens::core", "swap or widen the bounds")));
        }
        if (t == "Softmax" || t == "LogSoftmax") {
            const ParamValue dim = cx.p("dim");
            // torch's implicit dim (_get_softmax_dim): batched ranks 0, 1, 3 → 0, otherwise 1.
            const i64 batchedRank = i64(inShape.size()) + 1;
            const i64 d = dim.isNone() ? ((batchedRank == 0 || batchedRank == 1 || batchedRank == 3) ? 0 : 1)
                                       : dim.asInt();
            sp.axis = resolveAxis(cx, d, inShape.size(), "dim");
        }
    }
    cx.r.output = inShape;
    cx.r.formula = tx(QT_TRANSLATE_NOOP("convlens::core", "same shape"));
}

// PReLU(num_parameters, init): max(0, x) + weight · min(0, x), the weight per channel (dim 1 of the batched tensor)
// or one for all; num_parameters weights.
void inferPReLU(const LayerCtx &cx, const Shape &inShape)
{
    ResolvedLayer &sp = cx.r.spec;
    const i64 n = cx.positiveInt("num_parameters");
    const i64 c = inShape.empty() ? 1 : inShape[0];
    if (n != 1 && n != c)
        refuse("Mismatch of parameter numbers and input channel size. Found parameter numbers = " + str(n) +
                   " and channel size = " + str(c) + ".",
               tx(QT_TRANSLATE_NOOP("convlens::core", "use num_parameters=1 or %1"), {str(c)}));
    sp.outChannels = n;
    sp.inChannels = c;
    sp.alpha = cx.number("init");
    cx.r.trainableParams = cx.r.params = n;
    cx.r.output = inShape;
    cx.r.formula = n == 1 ? tx(QT_TRANSLATE_NOOP("convlens::core", "same shape; params = 1 (one slope for all channels)"))
                          : tx(QT_TRANSLATE_NOOP("convlens::core", "same shape; params = %1 (one slope per channel)"),
                               {str(n)});
}

void inferDropout(const LayerCtx &cx, const Shape &inShape)
{
    if (cx.keras() && !findParam(cx.kind, "rate")) { // augmentation and noise: random only while training
        cx.r.output = inShape;
        cx.r.formula = tx(
            QT_TRANSLATE_NOOP("convlens::core", "same shape (identity at inference: %1 is random only while training)"),
            {cx.layer.type});
        return;
    }
    const double rate = cx.keras() ? cx.number("rate") : cx.number("p");
    if (rate < 0.0 || rate > 1.0)
        refuse(cx.keras() ? "Invalid value received for argument `rate`. Expected a float value between 0 and 1. "
                            "Received: rate=" +
                                num(rate)
                          : "dropout probability has to be between 0 and 1, but got " + num(rate),
               tx(QT_TRANSLATE_NOOP("convlens::core", "use a rate between 0 and 1")));
    cx.r.spec.rate = rate;
    cx.r.output = inShape;
    cx.r.formula = tx(QT_TRANSLATE_NOOP("convlens::core", "same shape (identity at inference)"));
}

} // namespace convlens::rules
