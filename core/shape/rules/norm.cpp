// norm.cpp — normalisation: BatchNormalization (4·C params), BatchNorm1d/2d (2·C params + buffers), GroupNorm and
// InstanceNorm2d.
#include "shape/rules/rules.h"

namespace convlens::rules {

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
        cx.r.formula =
            cx.r.spec.bnCenter && cx.r.spec.bnScale
                ? tx(QT_TRANSLATE_NOOP("convlens::core",
                                       "same shape; params = 4·%1 (gamma, beta trainable; moving mean, "
                                       "variance not)"),
                     {str(c)})
                : tx(QT_TRANSLATE_NOOP("convlens::core", "same shape; params = (center + scale + 2)·%1"), {str(c)});
    } else {
        const bool oneD = cx.layer.type == "BatchNorm1d";
        if (!oneD && inShape.size() != 3)
            refuse("expected 4D input (got " + str(i64(inShape.size()) + 1) + "D input)",
                   tx(QT_TRANSLATE_NOOP("convlens::core",
                                        "use BatchNorm1d after Flatten, or place BatchNorm2d on a (C, H, W) map")));
        if (oneD && inShape.size() != 1 && inShape.size() != 2)
            refuse("expected 2D or 3D input (got " + str(i64(inShape.size()) + 1) + "D input)",
                   tx(QT_TRANSLATE_NOOP("convlens::core", "use BatchNorm2d on a (C, H, W) map")));
        c = inShape[0];
        const i64 nf = cx.positiveInt("num_features");
        if (nf != c)
            refuse("running_mean should contain " + str(c) + " elements not " + str(nf),
                   tx(QT_TRANSLATE_NOOP("convlens::core", "set num_features=%1"), {str(c)}));
        cx.r.spec.axis = 0;
        cx.r.spec.epsilon = cx.number("eps");
        cx.r.spec.bnCenter = cx.r.spec.bnScale = cx.flag("affine");
        cx.r.trainableParams = cx.r.spec.bnScale ? mul(2, c) : 0;
        cx.r.formula =
            cx.r.spec.bnScale
                ? tx(QT_TRANSLATE_NOOP("convlens::core",
                                       "same shape; params = 2·%1 (weight, bias); running mean/var are buffers"),
                     {str(c)})
                : tx(QT_TRANSLATE_NOOP("convlens::core", "same shape; params = 0; running mean/var are buffers"));
    }
    cx.r.params = cx.r.trainableParams + cx.r.nonTrainableParams;
    cx.r.spec.inChannels = cx.r.spec.outChannels = c;
    cx.r.output = inShape;
}

// GroupNorm(G, C) and InstanceNorm2d(C) (G = C): each sample's groups of channels normalised by their own mean and
// variance (InstanceNorm2d with track_running_stats: by the running statistics, as in eval mode); affine adds 2·C.
void inferGroupNorm(const LayerCtx &cx, const Shape &inShape)
{
    ResolvedLayer &sp = cx.r.spec;
    const bool instance = cx.layer.type == "InstanceNorm2d";
    if (instance && inShape.size() != 3)
        refuse("InstanceNorm2d: expected 3D or 4D input (got " + str(i64(inShape.size()) + 1) + "D input)",
               tx(QT_TRANSLATE_NOOP("convlens::core", "place it on a (C, H, W) map")));
    if (inShape.size() < 2)
        refuse(cx.who() + " takes a (C, …) input with at least one axis after the channels, got " +
                   shapeToString(inShape, cx.fw),
               tx(QT_TRANSLATE_NOOP("convlens::core", "place it on a (C, H, W) map")));
    const i64 c = inShape[0];
    std::string batched = "[1";
    for (i64 d : inShape)
        batched += ", " + str(d);
    batched += "]";
    sp.bnCenter = sp.bnScale = cx.flag("affine");
    sp.epsilon = cx.number("eps");
    if (instance) {
        const i64 nf = cx.positiveInt("num_features");
        sp.runningStats = cx.flag("track_running_stats");
        if ((sp.bnScale || sp.runningStats) && nf != c)
            refuse(std::string(sp.runningStats ? "running_mean" : "weight") + " should contain " + str(c) +
                       " elements not " + str(nf),
                   tx(QT_TRANSLATE_NOOP("convlens::core", "set num_features=%1"), {str(c)}));
        sp.groups = c;
    } else {
        const i64 g = cx.positiveInt("num_groups"), nc = cx.positiveInt("num_channels");
        if (nc % g != 0)
            refuse("num_channels must be divisible by num_groups",
                   tx(QT_TRANSLATE_NOOP("convlens::core", "use a divisor of %1 groups"), {str(nc)}));
        if (c % g != 0)
            refuse("Expected number of channels in input to be divisible by num_groups, but got input of shape " +
                       batched + " and num_groups=" + str(g),
                   tx(QT_TRANSLATE_NOOP("convlens::core", "use a divisor of %1 groups"), {str(c)}));
        if (sp.bnScale && nc != c)
            refuse("Expected weight to be a vector of size equal to the number of channels in input, but got weight "
                   "of shape [" +
                       str(nc) + "] and input of shape " + batched,
                   tx(QT_TRANSLATE_NOOP("convlens::core", "set num_channels=%1"), {str(c)}));
        sp.groups = g;
    }
    sp.axis = 0;
    sp.inChannels = sp.outChannels = c;
    cx.r.trainableParams = sp.bnScale ? mul(2, c) : 0;
    cx.r.params = cx.r.trainableParams;
    cx.r.output = inShape;
    const std::string stats = sp.runningStats
                                  ? tx(QT_TRANSLATE_NOOP("convlens::core", "running statistics per channel"))
                                  : tx(QT_TRANSLATE_NOOP("convlens::core", "%1 group(s) of %2 channel(s) per sample"),
                                       {str(sp.groups), str(c / sp.groups)});
    cx.r.formula = sp.bnScale ? tx(QT_TRANSLATE_NOOP("convlens::core", "same shape; %1; params = 2·%2 (weight, bias)"),
                                   {stats, str(c)})
                              : tx(QT_TRANSLATE_NOOP("convlens::core", "same shape; %1; params = 0"), {stats});
}

// LayerNorm(normalized_shape, eps, elementwise_affine): each sample normalised over its last len(normalized_shape)
// axes, which must equal normalized_shape; the affine weight and bias have that shape.
void inferLayerNorm(const LayerCtx &cx, const Shape &inShape)
{
    ResolvedLayer &sp = cx.r.spec;
    const ParamValue v = cx.p("normalized_shape");
    std::vector<i64> ns;
    if (v.isInt())
        ns = {v.asInt()};
    else if (auto l = v.intList())
        ns = *l;
    else
        refuse("normalized_shape of " + cx.who() + " must be an int or a list of ints, got " + v.toPython());
    std::string batched = "[1", want = "[*";
    for (i64 d : inShape)
        batched += ", " + str(d);
    batched += "]";
    for (i64 d : ns)
        want += ", " + str(d);
    want += "]";
    std::string given = "[";
    for (size_t i = 0; i < ns.size(); ++i)
        given += (i ? ", " : "") + str(ns[i]);
    given += "]";
    bool fits = !ns.empty() && ns.size() <= inShape.size() + 1;
    for (size_t i = 0; fits && i < ns.size(); ++i)
        fits = (ns.size() - i > inShape.size() ? 1 : inShape[inShape.size() - (ns.size() - i)]) == ns[i];
    if (!fits)
        refuse("Given normalized_shape=" + given + ", expected input with shape " + want + ", but got input of size" +
                   batched,
               tx(QT_TRANSLATE_NOOP("convlens::core", "normalized_shape must be the input's last sizes")));
    if (ns.size() > inShape.size())
        refuse(cx.who() + " normalises over the batch axis too (normalized_shape=" + given +
                   "): not supported by ConvLens",
               tx(QT_TRANSLATE_NOOP("convlens::core", "normalise over the axes after the batch")));
    sp.dims.clear();
    for (size_t i = inShape.size() - ns.size(); i < inShape.size(); ++i)
        sp.dims.push_back(i64(i));
    sp.epsilon = cx.number("eps");
    sp.bnCenter = sp.bnScale = cx.flag("elementwise_affine");
    const i64 n = product(ns);
    cx.r.trainableParams = cx.r.params = sp.bnScale ? mul(2, n) : 0;
    cx.r.output = inShape;
    cx.r.formula = sp.bnScale
                       ? tx(QT_TRANSLATE_NOOP("convlens::core",
                                              "same shape; each sample normalised over its last %1 axis(es); params = "
                                              "2·%2 (weight, bias)"),
                            {str(i64(ns.size())), str(n)})
                       : tx(QT_TRANSLATE_NOOP("convlens::core",
                                              "same shape; each sample normalised over its last %1 axis(es); params = 0"),
                            {str(i64(ns.size()))});
}

// LocalResponseNorm(size, alpha, beta, k): b_c = a_c / (k + alpha/size · Σ a_c'²)^beta over the channels
// c − ⌊size/2⌋ … c + ⌊(size−1)/2⌋ that exist (torch pads with zeros and divides by size).
void inferLocalResponseNorm(const LayerCtx &cx, const Shape &inShape)
{
    ResolvedLayer &sp = cx.r.spec;
    if (inShape.size() < 2)
        refuse("Expected 3D or higher dimensionality input (got " + str(i64(inShape.size()) + 1) + " dimensions)",
               tx(QT_TRANSLATE_NOOP("convlens::core", "place it on a (C, H, W) map")));
    const ParamValue size = cx.p("size");
    if (!size.isInt() || size.asInt() <= 0)
        refuse("kernel size should be greater than zero, but got kH: " + size.toPython() + " kW: 1",
               tx(QT_TRANSLATE_NOOP("convlens::core", "use size ≥ 1")));
    sp.lrnSize = std::min<i64>(size.asInt(), kMaxDim);
    sp.alpha = cx.number("alpha");
    sp.beta = cx.number("beta");
    sp.lrnK = cx.number("k");
    sp.inChannels = sp.outChannels = inShape[0];
    cx.r.output = inShape;
    cx.r.formula = tx(QT_TRANSLATE_NOOP("convlens::core",
                                        "same shape; each value divided by (k + alpha/%1 · Σ x² over %1 neighbouring "
                                        "channels)^beta; params = 0"),
                      {str(sp.lrnSize)});
}

} // namespace convlens::rules
