// merge.cpp — merges: Concatenate/cat along an axis, Add with broadcasting, and the tensor arithmetic of forward().
#include "shape/rules/rules.h"

#include <algorithm>
#include <cmath>

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

void inferArith(const LayerCtx &cx, const std::vector<Shape> &ins)
{
    ResolvedLayer &sp = cx.r.spec;
    const std::string &t = cx.layer.type;
    static const char *const symbols[] = {"+", "−", "·", "/"};
    if (t == "neg") {
        sp.arith = ArithOp::Mul;
        sp.hasScalar = true;
        sp.scalar = -1.0;
        cx.r.output = ins[0];
        cx.r.formula = "−x: " + tx(QT_TRANSLATE_NOOP("convlens::core", "same shape"));
        return;
    }
    sp.arith = t == "add_scalar" ? ArithOp::Add : t == "sub" ? ArithOp::Sub : t == "mul" ? ArithOp::Mul : ArithOp::Div;
    const ParamValue other = cx.p("other");
    const std::string sym = symbols[int(sp.arith)];
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
