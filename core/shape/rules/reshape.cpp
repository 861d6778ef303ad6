// reshape.cpp — layers that only rearrange values: Flatten (Keras H,W,C; torch start_dim…end_dim), Reshape/Unflatten,
// permute/transpose, slicing and PixelShuffle/PixelUnshuffle.
#include "shape/rules/rules.h"

#include <algorithm>

namespace convlens::rules {

void inferFlatten(const LayerCtx &cx, const Shape &inShape)
{
    if (cx.keras()) {
        cx.r.output = Shape{product(inShape)};
        std::string f;
        for (size_t i = 0; i < inShape.size(); ++i)
            f += (i ? " · " : "") + str(inShape[i]);
        cx.r.formula = "out = " + f + " = " + str((*cx.r.output)[0]) + " " +
                       tx(QT_TRANSLATE_NOOP("convlens::core", "(H, W, C order)"));
        cx.r.spec.axis = 0;
        cx.r.spec.flattenEnd = i64(inShape.size()) - 1;
        return;
    }
    const i64 start = resolveAxis(cx, cx.p("start_dim").asInt(), inShape.size(), "start_dim");
    const i64 end = resolveAxis(cx, cx.p("end_dim").asInt(), inShape.size(), "end_dim");
    if (start > end)
        refuse("flatten() has invalid args: start_dim cannot come after end_dim",
               tx(QT_TRANSLATE_NOOP("convlens::core", "use start_dim ≤ end_dim")));
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
    cx.r.formula =
        "out = " + f + " = " + str(p) +
        (start == 0 && end == i64(inShape.size()) - 1 ? " " + tx(QT_TRANSLATE_NOOP("convlens::core", "(C, H, W order)"))
                                                      : "");
}

void inferReshape(const LayerCtx &cx, const Shape &inShape)
{
    const i64 total = product(inShape);
    Shape out;
    if (cx.keras() || cx.layer.type == "reshape") { // Keras Reshape, torch view/reshape
        const std::string expected = [&] { // torch's message counts the batch
            std::string t = "[1";
            const ParamValue v = cx.p("target_shape");
            for (i64 x : v.intList().value_or(std::vector<i64>{}))
                t += ", " + str(x);
            return t + "]";
        }();
        const auto sizeError = [&](const std::string &kerasText, const std::string &fix) {
            refuse(cx.keras() ? kerasText : "shape '" + expected + "' is invalid for input of size " + str(total), fix);
        };
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
                       tx(QT_TRANSLATE_NOOP("convlens::core", "use positive sizes")));
            known = mul(known, t[i]);
        }
        if (unknown >= 0) {
            if (known == 0 || total % known != 0)
                sizeError("total size of new array must be unchanged, input_shape = " + shapeTuple(inShape) +
                              ", output_shape = " + shapeTuple(t),
                          "choose sizes whose product divides " + str(total));
            t[size_t(unknown)] = total / known;
        } else if (known != total) {
            sizeError("total size of new array must be unchanged, input_shape = " + shapeTuple(inShape) +
                          ", output_shape = " + shapeTuple(t),
                      "the product of target_shape must be " + str(total));
        }
        out = Shape(t.begin(), t.end());
    } else { // Unflatten(dim, unflattened_size)
        const i64 d = resolveAxis(cx, cx.p("dim").asInt(), inShape.size(), "dim");
        const auto sizes = cx.p("unflattened_size").intList().value_or(std::vector<i64>{});
        i64 p = 1;
        for (i64 s : sizes) {
            if (s <= 0)
                refuse("unflattened_size of " + cx.who() + " must be positive",
                       tx(QT_TRANSLATE_NOOP("convlens::core", "use positive sizes")));
            p = mul(p, s);
        }
        if (p != inShape[size_t(d)])
            refuse("unflattened_size must multiply to the size of dim " + str(d + 1) + " (" + str(inShape[size_t(d)]) +
                       "), got " + shapeTuple(sizes),
                   tx(QT_TRANSLATE_NOOP("convlens::core", "use sizes whose product is %1"), {str(inShape[size_t(d)])}));
        out.assign(inShape.begin(), inShape.begin() + d);
        out.insert(out.end(), sizes.begin(), sizes.end());
        out.insert(out.end(), inShape.begin() + d + 1, inShape.end());
    }
    cx.r.spec.target = out;
    cx.r.output = out;
    cx.r.formula = shapeTuple(inShape) + " → " + shapeTuple(out) + " " +
                   tx(QT_TRANSLATE_NOOP("convlens::core", "(%1 values)"), {str(total)});
}

// permute(0, 2, 3, 1) / transpose(1, 2): the batch stays first; the rest in the given order.
void inferPermute(const LayerCtx &cx, const Shape &inShape)
{
    const auto perm = cx.p("dims").intList();
    const i64 rank = i64(inShape.size()) + 1;
    if (!perm || i64(perm->size()) != rank)
        refuse("permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired "
               "ordering of dimensions i.e. input.dim() = " +
                   str(rank) + " is not equal to len(dims) = " + str(perm ? i64(perm->size()) : 0),
               tx(QT_TRANSLATE_NOOP("convlens::core", "name every axis once, the batch (0) included")));
    std::vector<bool> seen(size_t(rank), false);
    std::vector<i64> p;
    for (i64 d : *perm) {
        const i64 a = d < 0 ? d + rank : d;
        if (a < 0 || a >= rank)
            refuse("Dimension out of range (expected to be in range of [" + str(-rank) + ", " + str(rank - 1) +
                   "], but got " + str(d) + ")");
        if (seen[size_t(a)])
            refuse("permute(): duplicate dims are not allowed.",
                   tx(QT_TRANSLATE_NOOP("convlens::core", "name each axis once")));
        seen[size_t(a)] = true;
        p.push_back(a);
    }
    if (p[0] != 0)
        refuse(cx.who() + " moves the batch axis: not supported by ConvLens (it models one sample)",
               tx(QT_TRANSLATE_NOOP("convlens::core", "keep dim 0 first")));
    Shape out;
    cx.r.spec.dims.clear();
    std::string order;
    for (size_t i = 1; i < p.size(); ++i) {
        cx.r.spec.dims.push_back(p[i] - 1);
        out.push_back(inShape[size_t(p[i] - 1)]);
        order += (i > 1 ? ", " : "") + str(p[i]);
    }
    cx.r.output = out;
    cx.r.formula = tx(QT_TRANSLATE_NOOP("convlens::core", "axes (%1) of %2 → %3"),
                      {order, shapeToString(inShape, cx.fw), shapeToString(out, cx.fw)});
}

// x[:, a:b:s]: Python's slice rules on one axis (bounds clamped, negative ones counted from the end).
void inferSlice(const LayerCtx &cx, const Shape &inShape)
{
    const i64 a = resolveAxis(cx, cx.p("dim").asInt(), inShape.size(), "dim");
    const i64 n = inShape[size_t(a)];
    const i64 step = cx.p("step").asInt();
    if (step <= 0)
        refuse("slice step must be positive", tx(QT_TRANSLATE_NOOP("convlens::core", "use a step of 1 or more")));
    const auto bound = [&](const ParamValue &v, i64 dflt) {
        if (v.isNone())
            return dflt;
        i64 x = v.asInt();
        if (x < 0)
            x += n;
        return std::clamp<i64>(x, 0, n);
    };
    const i64 start = bound(cx.p("start"), 0), stop = bound(cx.p("stop"), n);
    const i64 len = stop > start ? (stop - start + step - 1) / step : 0;
    if (len == 0)
        refuse(cx.who() + " keeps nothing of an axis of " + str(n) + " (an empty tensor)",
               tx(QT_TRANSLATE_NOOP("convlens::core", "keep at least one index")));
    Shape out = inShape;
    out[size_t(a)] = len;
    cx.r.spec.axis = a;
    cx.r.spec.sliceStart = start;
    cx.r.spec.sliceStep = step;
    cx.r.output = out;
    cx.r.formula = step != 1 ? tx(QT_TRANSLATE_NOOP("convlens::core", "dim %1: indices %2 to %3 step %4 → %5"),
                                  {str(a + 1), str(start), str(stop), str(step), str(len)})
                             : tx(QT_TRANSLATE_NOOP("convlens::core", "dim %1: indices %2 to %3 → %4"),
                                  {str(a + 1), str(start), str(stop), str(len)});
}

// PixelShuffle(r): (C·r², H, W) → (C, H·r, W·r); PixelUnshuffle(r) the reverse.
// ChannelShuffle(groups): the channels read as a (groups, C/groups) block, transposed: output channel i·groups + j
// is input channel j·(C/groups) + i.
void inferChannelShuffle(const LayerCtx &cx, const Shape &inShape)
{
    const ParamValue gv = cx.p("groups");
    if (!gv.isInt() || gv.asInt() <= 0)
        refuse("Number of groups to divide channels in must be positive. Value of groups:" + gv.toPython(),
               tx(QT_TRANSLATE_NOOP("convlens::core", "use groups ≥ 1")));
    if (inShape.size() < 2) {
        std::string sizes = "[1";
        for (i64 d : inShape)
            sizes += ", " + str(d);
        refuse("channel_shuffle expects input with > 2 dims, but got input with sizes " + sizes + "]",
               tx(QT_TRANSLATE_NOOP("convlens::core", "place it on a (C, H, W) map")));
    }
    const i64 g = gv.asInt(), c = inShape[0];
    if (c % g != 0)
        refuse("Number of channels must be divisible by groups. Got " + str(c) + " channels and " + str(g) + " groups.",
               tx(QT_TRANSLATE_NOOP("convlens::core", "use a divisor of %1 groups"), {str(c)}));
    cx.r.spec.groups = g;
    cx.r.spec.inChannels = cx.r.spec.outChannels = c;
    cx.r.output = inShape;
    cx.r.formula = tx(QT_TRANSLATE_NOOP("convlens::core",
                                        "same shape; channels read as %1 × %2 and transposed: output channel i·%1 + j "
                                        "is input channel j·%2 + i"),
                      {str(g), str(c / g)});
}

void inferPixelShuffle(const LayerCtx &cx, const Shape &inShape)
{
    if (cx.keras()) { // tf.nn.depth_to_space(x, block_size) on (H, W, C): channel (i·r + j)·C' + c → cell (i, j)
        if (inShape.size() != 3)
            refuse(cx.who() + " takes an (H, W, C) map, got " + shapeToString(inShape, cx.fw),
                   "place it after a convolution");
        const i64 r = cx.positiveInt("block_size");
        if (r < 2)
            refuse("Value for attr 'block_size' of " + str(r) + " must be at least minimum 2", "use block_size ≥ 2");
        const i64 h = inShape[0], w = inShape[1], c = inShape[2], rr = mul(r, r);
        if (c % rr != 0)
            refuse("Dimension size must be evenly divisible by " + str(rr) + " but is " + str(c) + " (" + cx.who() +
                       ")",
                   "give it a multiple of " + str(rr) + " channels");
        cx.r.spec.shuffle = r;
        cx.r.spec.depthToSpace = true;
        cx.r.spec.inChannels = c;
        cx.r.output = Shape{mul(h, r), mul(w, r), c / rr};
        cx.r.formula = "(" + str(h) + "·" + str(r) + ", " + str(w) + "·" + str(r) + ", " + str(c) + " / " + str(r) +
                       "²) — channel (i·" + str(r) + " + j)·" + str(c / rr) + " + c goes to cell (i, j) of each block";
        return;
    }
    if (inShape.size() != 3)
        refuse(cx.who() + " takes a (C, H, W) map, got " + shapeToString(inShape, cx.fw),
               tx(QT_TRANSLATE_NOOP("convlens::core", "place it after a convolution")));
    const bool up = cx.layer.type == "PixelShuffle";
    const i64 r = cx.positiveInt(up ? "upscale_factor" : "downscale_factor");
    const i64 c = inShape[0], h = inShape[1], w = inShape[2];
    Shape out;
    if (up) {
        const i64 rr = mul(r, r);
        if (c % rr != 0)
            refuse("pixel_shuffle expects its input's 'channel' dimension to be divisible by the square of "
                   "upscale_factor, but input.size(-3)=" +
                       str(c) + " is not divisible by " + str(rr),
                   tx(QT_TRANSLATE_NOOP("convlens::core", "give it a multiple of %1 channels"), {str(rr)}));
        out = {c / rr, mul(h, r), mul(w, r)};
        cx.r.formula = "(" + str(c) + " / " + str(r) + "², " + str(h) + "·" + str(r) + ", " + str(w) + "·" + str(r) + ")";
    } else {
        if (h % r != 0)
            refuse("pixel_unshuffle expects height to be divisible by downscale_factor, but input.size(-2)=" + str(h) +
                       " is not divisible by " + str(r),
                   tx(QT_TRANSLATE_NOOP("convlens::core", "give it a height that is a multiple of %1"), {str(r)}));
        if (w % r != 0)
            refuse("pixel_unshuffle expects width to be divisible by downscale_factor, but input.size(-1)=" + str(w) +
                       " is not divisible by " + str(r),
                   tx(QT_TRANSLATE_NOOP("convlens::core", "give it a width that is a multiple of %1"), {str(r)}));
        out = {mul(c, mul(r, r)), h / r, w / r};
        cx.r.formula = "(" + str(c) + "·" + str(r) + "², " + str(h) + " / " + str(r) + ", " + str(w) + " / " + str(r) + ")";
    }
    cx.r.spec.shuffle = up ? r : -r;
    cx.r.spec.inChannels = c;
    cx.r.spec.outChannels = out[0];
    cx.r.output = out;
}

} // namespace convlens::rules
