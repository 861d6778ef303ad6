// merge.cpp — merges: Concatenate/cat along an axis, Add with broadcasting, and the tensor arithmetic of forward().
#include "shape/rules/rules.h"

#include <algorithm>
#include <cmath>
#include <optional>

namespace convlens::rules {

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
                   tx(QT_TRANSLATE_NOOP("convlens::core", "concatenate tensors of the same rank")));
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
                           "axis. Received: input_shape=[" +
                               list + "]",
                           tx(QT_TRANSLATE_NOOP(
                               "convlens::core",
                               "make the inputs agree on every axis but the concatenation axis — e.g. crop the skip "
                               "connection with Cropping2D, or use padding='same' in the convolutions")));
                refuse("Sizes of tensors must match except in dimension " + str(axis + 1) + ". Expected size " +
                           str(ins[0][a]) + " but got size " + str(ins[n][a]) + " for tensor number " + str(n) +
                           " in the list.",
                       tx(QT_TRANSLATE_NOOP("convlens::core", "make the inputs agree on every axis but dim %1"),
                          {str(axis + 1)}));
            }
        }
        out[size_t(axis)] = add(out[size_t(axis)], ins[n][size_t(axis)]);
        f += (n ? " + " : "") + str(ins[n][size_t(axis)]);
    }
    cx.r.spec.axis = axis;
    cx.r.output = out;
    cx.r.formula =
        tx(QT_TRANSLATE_NOOP("convlens::core", "axis %1: %2 = %3"), {str(axis + 1), f, str(out[size_t(axis)])});
}

void inferAdd(const LayerCtx &cx, const std::vector<Shape> &ins)
{
    Shape out = ins[0];
    for (size_t n = 1; n < ins.size(); ++n) {
        const Shape &s = ins[n];
        if (s.size() != out.size()) {
            refuse("Inputs have incompatible shapes. Received shapes " + shapeTuple(ins[0]) + " and " + shapeTuple(s),
                   tx(QT_TRANSLATE_NOOP("convlens::core", "add tensors of the same shape")));
        }
        for (size_t a = 0; a < out.size(); ++a) {
            if (s[a] == out[a] || s[a] == 1)
                continue;
            if (out[a] == 1) {
                out[a] = s[a];
                continue;
            }
            if (cx.keras())
                refuse(
                    "Inputs have incompatible shapes. Received shapes " + shapeTuple(ins[0]) + " and " + shapeTuple(s),
                    tx(QT_TRANSLATE_NOOP(
                        "convlens::core",
                        "make both branches produce the same shape (e.g. a 1×1 Conv2D or strides on the shortcut)")));
            refuse("The size of tensor a (" + str(out[a]) + ") must match the size of tensor b (" + str(s[a]) +
                       ") at non-singleton dimension " + str(i64(a) + 1),
                   tx(QT_TRANSLATE_NOOP("convlens::core", "make both branches produce the same shape")));
        }
    }
    cx.r.output = out;
    cx.r.formula = tx(QT_TRANSLATE_NOOP("convlens::core", "element-wise sum of %1 tensors %2"),
                      {str(i64(ins.size())), shapeToString(out, cx.fw)});
}

// torch's broadcasting of two shapes (aligned at the last axis; the batch axes agree).
static Shape broadcast(const Shape &a, const Shape &b)
{
    Shape out(std::max(a.size(), b.size()), 1);
    for (size_t k = 0; k < out.size(); ++k) {
        const i64 x = k < a.size() ? a[a.size() - 1 - k] : 1, y = k < b.size() ? b[b.size() - 1 - k] : 1;
        if (x != y && x != 1 && y != 1)
            refuse("The size of tensor a (" + str(x) + ") must match the size of tensor b (" + str(y) +
                       ") at non-singleton dimension " + str(i64(out.size() - k)),
                   tx(QT_TRANSLATE_NOOP("convlens::core",
                                        "make both operands the same shape, or 1 where one should be repeated")));
        out[out.size() - 1 - k] = x == 1 ? y : x;
    }
    return out;
}

namespace {


// tf.keras 2 _Merge._compute_elemwise_op_output_shape: axes of the same rank agree or one of them is 1.
Shape kerasMergeShape(const LayerCtx &cx, const std::vector<Shape> &ins)
{
    Shape out = ins[0];
    for (size_t n = 1; n < ins.size(); ++n) {
        const Shape &s = ins[n];
        if (s.size() != out.size())
            refuse(cx.who() + ": inputs of different ranks " + shapeTuple(ins[0]) + " and " + shapeTuple(s) +
                       " are not supported by ConvLens yet",
                   "Reshape the smaller input to the same number of axes (size 1 where it repeats)");
        for (size_t a = 0; a < out.size(); ++a) {
            if (s[a] == out[a] || s[a] == 1)
                continue;
            if (out[a] != 1)
                refuse("Inputs have incompatible shapes. Received shapes " + shapeTuple(out) + " and " +
                           shapeTuple(s),
                       "make the inputs the same shape (or 1 on an axis that repeats)");
            out[a] = s[a];
        }
    }
    return out;
}

// A number or a list of numbers (Normalization's mean and variance); nullopt when it is neither.
std::optional<std::vector<double>> numbers(const ParamValue &v)
{
    if (v.isNumber())
        return std::vector<double>{v.asNumber()};
    if (!v.isList() || v.asList().empty())
        return std::nullopt;
    std::vector<double> out;
    for (const auto &e : v.asList()) {
        if (!e.isNumber())
            return std::nullopt;
        out.push_back(e.asNumber());
    }
    return out;
}

void inferKerasArith(const LayerCtx &cx, const std::vector<Shape> &ins)
{
    ResolvedLayer &sp = cx.r.spec;
    const std::string &t = cx.layer.type;
    if (t == "Rescaling") {
        sp.arithFn = ArithFn::Rescale;
        sp.scalar = cx.number("scale");
        sp.offset = cx.number("offset");
        cx.r.output = ins[0];
        cx.r.formula = "x · " + num(sp.scalar) + " + " + num(cx.number("offset")) + ": same shape";
        return;
    }
    if (t == "Normalization") {
        sp.arithFn = ArithFn::Standardize;
        sp.scalarFirst = cx.flag("invert"); // mean + x · √variance
        const ParamValue axis = cx.p("axis"), mean = cx.p("mean"), variance = cx.p("variance");
        const Shape &in = ins[0];
        i64 c = 1; // the length of the statistics
        if (!axis.isNone()) {
            const i64 a = resolveAxis(cx, axis.asInt(), in.size(), "axis");
            if (a != i64(in.size()) - 1)
                refuse(cx.who() + ": statistics along axis " + str(axis.asInt()) +
                           " (not the last one) are not supported by ConvLens yet",
                       "use axis=-1 (one mean and variance per channel)");
            c = in.back();
        }
        if (mean.isNone() != variance.isNone())
            refuse("When setting values for `mean` and `variance`, both must be set. Got mean: " + mean.toPython() +
                       " and variance: " + variance.toPython(),
                   "give both, or neither (then adapt() learns them from data)");
        cx.r.output = in;
        if (mean.isNone()) { // adapt(): three non-trainable weights (mean, variance, count) of unknown value
            cx.r.nonTrainableParams = add(mul(2, c), 1);
            cx.r.params = cx.r.nonTrainableParams;
            cx.r.formula = "same shape; params = 2·" + str(c) + " + 1 (mean, variance, count; non-trainable). "
                           "Their values come from adapt() on data, which ConvLens does not see: give mean= and "
                           "variance= to run the model";
            return;
        }
        const auto m = numbers(mean), v = numbers(variance);
        if (!m || !v)
            refuse(cx.who() + ": mean and variance must be numbers or lists of numbers, got " + mean.toPython() +
                       " and " + variance.toPython(),
                   "write them as literals, e.g. mean=[0.485, 0.456, 0.406]");
        for (const auto *list : {&*m, &*v})
            if (list->size() != 1 && i64(list->size()) != c)
                refuse(cx.who() + ": " + str(i64(list->size())) + " values for an axis of size " + str(c) +
                           " (operands could not be broadcast)",
                       "give one value, or one per index of the axis");
        const size_t n = std::max(m->size(), v->size());
        for (size_t i = 0; i < n; ++i) {
            const float mi = float((*m)[m->size() == 1 ? 0 : i]), vi = float((*v)[v->size() == 1 ? 0 : i]);
            if (vi < 0.0f)
                refuse(cx.who() + ": a negative variance (" + num(vi) + ") has no square root",
                       "give variances ≥ 0");
            // tf.keras: (inputs − mean) / maximum(sqrt(variance), backend.epsilon() = 1e-7), in float32
            sp.statMean.push_back(double(mi));
            sp.statDenom.push_back(double(std::max(std::sqrt(vi), 1e-7f)));
        }
        cx.r.formula = std::string(sp.scalarFirst ? "mean + x · max(√variance, 1e-7)" : "(x − mean) / max(√variance, 1e-7)") +
                       " per index of the last axis (" + str(i64(n)) + (n == 1 ? " value" : " values") +
                       "): same shape";
        return;
    }
    if (t == "abs" || t == "square" || t == "sqrt") { // tf.abs, tf.square (x ** 2), tf.sqrt (x ** 0.5)
        sp.arithFn = t == "abs" ? ArithFn::Abs : ArithFn::Pow;
        if (t != "abs") {
            sp.hasScalar = true;
            sp.scalar = t == "square" ? 2.0 : 0.5;
        }
        cx.r.output = ins[0];
        cx.r.formula = (t == "abs" ? "|x|" : t == "square" ? "x²" : "√x") + std::string(": same shape");
        return;
    }
    if (t == "l2_normalize") { // tf.math.l2_normalize(x, axis, epsilon): x · rsqrt(max(Σ x² over axis, epsilon))
        const ParamValue v = cx.p("axis");
        std::vector<i64> axes;
        if (v.isInt())
            axes = {v.asInt()};
        else if (auto l = v.intList())
            axes = *l;
        if (axes.empty())
            refuse(cx.who() + ": l2_normalize over every axis (axis=None) takes the batch too; ConvLens models one sample",
                   tx(QT_TRANSLATE_NOOP("convlens::core", "use axis=-1 (channels)")));
        const std::vector<bool> summed = resolveAxes(cx, axes, ins[0].size(), "axis", "axes");
        std::string over;
        sp.dims.clear();
        for (size_t a = 0; a < summed.size(); ++a)
            if (summed[a]) {
                sp.dims.push_back(i64(a));
                over += (over.empty() ? "" : ", ") + str(i64(a) + 1);
            }
        sp.arithFn = ArithFn::L2Normalize;
        sp.epsilon = cx.number("epsilon");
        if (!(sp.epsilon >= 0.0))
            refuse(cx.who() + ": epsilon must be ≥ 0, got " + num(sp.epsilon), "use the default 1e-12");
        cx.r.output = ins[0];
        cx.r.formula = "x / √max(Σ x² over axis " + over + ", " + num(sp.epsilon) + "): same shape";
        return;
    }
    if (t == "truediv") { // a / b or a / number in a Lambda
        sp.arith = ArithOp::Div;
        const ParamValue other = cx.p("other");
        if (ins.size() == 1) {
            if (!other.isNumber())
                refuse(cx.who() + " has one input and no number to divide by", "give other= a number");
            sp.hasScalar = true;
            sp.scalar = other.asNumber();
            sp.scalarFirst = cx.flag("reverse");
            cx.r.output = ins[0];
            cx.r.formula = (sp.scalarFirst ? num(sp.scalar) + " / x" : "x / " + num(sp.scalar)) + ": same shape";
            return;
        }
        cx.r.output = kerasMergeShape(cx, ins);
        cx.r.formula = "a / b, element-wise → " + shapeToString(*cx.r.output, cx.fw);
        return;
    }
    sp.arith = t == "Subtract" ? ArithOp::Sub : t == "Average" ? ArithOp::Add : ArithOp::Mul;
    sp.arithFn = t == "Average" ? ArithFn::Mean : t == "Maximum" ? ArithFn::Max
                             : t == "Minimum" ? ArithFn::Min : ArithFn::Plain;
    cx.r.output = kerasMergeShape(cx, ins);
    std::string list;
    for (const Shape &s : ins)
        list += (list.empty() ? "" : ", ") + shapeTuple(s);
    cx.r.formula = cx.kind.summary + " of " + list + " → " + shapeToString(*cx.r.output, cx.fw);
}

} // namespace

void inferArith(const LayerCtx &cx, const std::vector<Shape> &ins)
{
    ResolvedLayer &sp = cx.r.spec;
    const std::string &t = cx.layer.type;
    if (cx.keras())
        return inferKerasArith(cx, ins);
    static const char *const symbols[] = {"+", "−", "·", "/"};
    if (t == "abs") {
        sp.arithFn = ArithFn::Abs;
        cx.r.output = ins[0];
        cx.r.formula = "|x|: same shape";
        return;
    }
    if (t == "maximum" || t == "minimum") {
        sp.arithFn = t == "maximum" ? ArithFn::Max : ArithFn::Min;
        if (ins[0].size() != ins[1].size())
            refuse(cx.who() + ": broadcasting a " + str(i64(ins[0].size()) + 1) + "-D and a " +
                       str(i64(ins[1].size()) + 1) + "-D tensor is not supported by ConvLens yet",
                   "give both operands the same number of axes (view/unsqueeze)");
        cx.r.output = broadcast(ins[0], ins[1]);
        cx.r.formula = t + "(a, b), element-wise: " + shapeToString(ins[0], cx.fw) + " and " +
                       shapeToString(ins[1], cx.fw) + " → " + shapeToString(*cx.r.output, cx.fw);
        return;
    }
    if (t == "neg") {
        sp.arith = ArithOp::Mul;
        sp.hasScalar = true;
        sp.scalar = -1.0;
        cx.r.output = ins[0];
        cx.r.formula = "−x: " + tx(QT_TRANSLATE_NOOP("convlens::core", "same shape"));
        return;
    }
    sp.arith = t == "add_scalar" ? ArithOp::Add : t == "sub" ? ArithOp::Sub : t == "mul" ? ArithOp::Mul : ArithOp::Div;
    if (t == "pow")
        sp.arithFn = ArithFn::Pow;
    const ParamValue other = cx.p("other");
    const std::string sym = t == "pow" ? std::string("**") : symbols[int(sp.arith)];
    if (ins.size() == 2) {
        if (!other.isNone())
            refuse(cx.who() + " has two inputs and the number " + other.toPython() + " as well",
                   tx(QT_TRANSLATE_NOOP("convlens::core", "set other=None, or give it one input")));
        if (ins[0].size() != ins[1].size())
            refuse(
                cx.who() + ": broadcasting a " + str(i64(ins[0].size()) + 1) + "-D and a " +
                    str(i64(ins[1].size()) + 1) + "-D tensor is not supported by ConvLens yet",
                tx(QT_TRANSLATE_NOOP("convlens::core", "give both operands the same number of axes (view/unsqueeze)")));
        cx.r.output = broadcast(ins[0], ins[1]);
        cx.r.formula =
            tx(QT_TRANSLATE_NOOP("convlens::core", "a %1 b, element-wise: %2 and %3 → %4"),
               {sym, shapeToString(ins[0], cx.fw), shapeToString(ins[1], cx.fw), shapeToString(*cx.r.output, cx.fw)});
        return;
    }
    if (!other.isNumber())
        refuse(cx.who() + " has one input and no number to combine it with",
               tx(QT_TRANSLATE_NOOP("convlens::core", "give other= a number, or a second input")));
    sp.hasScalar = true;
    sp.scalar = other.asNumber();
    sp.scalarFirst = cx.flag("reverse");
    cx.r.output = ins[0];
    cx.r.formula = (sp.scalarFirst ? num(sp.scalar) + " " + sym + " x" : "x " + sym + " " + num(sp.scalar)) + ": " +
                   tx(QT_TRANSLATE_NOOP("convlens::core", "same shape"));
}

void mergeRf(const LayerCtx &cx, const std::vector<ReceptiveField> &rfs)
{
    bool all = true;
    for (const auto &f : rfs)
        all = all && f.valid;
    if (!all || rfs.empty() || !cx.r.output || cx.r.output->size() != 3)
        return;
    cx.r.rf = rfs[0];
    for (const auto &f : rfs)
        for (size_t a = 0; a < 2; ++a) {
            const double lo = std::min(cx.r.rf.start[a] - double(cx.r.rf.size[a]) / 2, f.start[a] - double(f.size[a]) / 2);
            const double hi = std::max(cx.r.rf.start[a] + double(cx.r.rf.size[a]) / 2, f.start[a] + double(f.size[a]) / 2);
            cx.r.rf.size[a] = i64(std::llround(hi - lo));
            cx.r.rf.start[a] = (lo + hi) / 2;
        }
}

} // namespace convlens::rules
