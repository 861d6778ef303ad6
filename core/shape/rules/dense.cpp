// dense.cpp — Dense / Linear: a product on the last axis.
#include "shape/rules/rules.h"

namespace convlens::rules {

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
                   inShape.size() > 1
                       ? tx(QT_TRANSLATE_NOOP("convlens::core", "set in_features=%1 — or add nn.Flatten() before it: "
                                                                "Linear acts on the last axis only"),
                            {str(last)})
                       : tx(QT_TRANSLATE_NOOP("convlens::core", "set in_features=%1"), {str(last)}));
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
    cx.r.formula =
        "params = " + str(last) + " · " + str(units) + (bias ? " + " + str(units) : "") + " = " + str(cx.r.params) +
        (inShape.size() > 1 ? " " + tx(QT_TRANSLATE_NOOP("convlens::core", "(acts on the last axis only)")) : "");
}

} // namespace convlens::rules
