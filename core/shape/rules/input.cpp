// input.cpp — the model input: its declared shape.
#include "shape/rules/rules.h"

namespace convlens::rules {

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
        refuse(cx.keras() ? "the Input " + cx.who() + " has no shape" : "PyTorch code declares no input shape",
               cx.keras() ? tx(QT_TRANSLATE_NOOP("convlens::core", "give Input(shape=(H, W, C))"))
                          : tx(QT_TRANSLATE_NOOP("convlens::core", "pass --input-shape C,H,W")));
    for (i64 d : *shape) {
        if (d <= 0)
            refuse("the input shape " + shapeTuple(*shape) + " of " + cx.who() + " has a size ≤ 0",
                   tx(QT_TRANSLATE_NOOP("convlens::core", "every size must be at least 1")));
        if (d > kMaxDim)
            refuse("the input shape " + shapeTuple(*shape) + " of " + cx.who() + " is too large",
                   tx(QT_TRANSLATE_NOOP("convlens::core", "use a realistic size")));
    }
    cx.r.output = Shape(shape->begin(), shape->end());
    product(*cx.r.output);
    cx.r.rf.valid = shape->size() == 3;
    cx.r.formula = tx(QT_TRANSLATE_NOOP("convlens::core", "input %1"), {shapeToString(*cx.r.output, cx.fw)});
}

} // namespace convlens::rules
