// merge.cpp — merges: Concatenate/cat along an axis and Add with broadcasting.
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
