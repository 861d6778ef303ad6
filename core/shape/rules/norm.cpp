// norm.cpp — normalisation: BatchNormalization (4·C params) and BatchNorm2d (2·C params + buffers).
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

} // namespace convlens::rules
