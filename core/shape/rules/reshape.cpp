// reshape.cpp — layers that only rearrange values: Flatten (Keras H,W,C; torch start_dim…end_dim) and Reshape/Unflatten.
#include "shape/rules/rules.h"

namespace convlens::rules {

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

} // namespace convlens::rules
