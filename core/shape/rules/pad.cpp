// pad.cpp — borders: ZeroPadding2D / ZeroPad2d / ConstantPad2d / ReflectionPad2d / ReplicationPad2d and Cropping2D.
#include "shape/rules/rules.h"

namespace convlens::rules {

namespace {

Pad4 kerasPadSpec(const LayerCtx &cx, const std::string &name)
{
    const ParamValue v = cx.p(name);
    Pad4 p;
    if (v.isInt()) {
        p = {v.asInt(), v.asInt(), v.asInt(), v.asInt()};
    } else if (auto l = v.intList(); l && l->size() == 2) {
        p = {(*l)[0], (*l)[0], (*l)[1], (*l)[1]};
    } else if (v.isList() && v.asList().size() == 2) {
        const auto a = v.asList()[0].intList(), b = v.asList()[1].intList();
        if (!a || !b || a->size() != 2 || b->size() != 2)
            refuse("`" + name + "` of " + cx.who() + " should be an int, a tuple of 2 ints or a tuple of 2 tuples of 2 "
                   "ints. Received: " + v.toPython());
        p = {(*a)[0], (*a)[1], (*b)[0], (*b)[1]};
    } else {
        refuse("`" + name + "` of " + cx.who() + " should be an int, a tuple of 2 ints or a tuple of 2 tuples of 2 ints. "
               "Received: " + v.toPython());
    }
    for (i64 x : {p.top, p.bottom, p.left, p.right}) {
        if (x < 0)
            refuse("`" + name + "` of " + cx.who() + " must be ≥ 0, got " + v.toPython(),
                   tx(QT_TRANSLATE_NOOP("convlens::core", "use non-negative amounts")));
        if (x > kMaxDim)
            refuse("`" + name + "` of " + cx.who() + " is too large",
                   tx(QT_TRANSLATE_NOOP("convlens::core", "use realistic amounts")));
    }
    return p;
}

} // namespace

void inferPad(const LayerCtx &cx, const Shape &inShape, const ReceptiveField &inRf)
{
    const Hwc in = spatialOf(cx, inShape);
    Pad4 p;
    if (cx.keras()) {
        p = kerasPadSpec(cx, "padding");
        if (cx.layer.type == "ReflectionPadding2D") { // tf.pad(x, …, mode="REFLECT")
            cx.r.spec.padMode = PadMode::Reflect;
            const i64 dims[2][3] = {{p.top, p.bottom, in.h}, {p.left, p.right, in.w}};
            for (const auto &d : dims)
                if (d[0] >= d[2] || d[1] >= d[2])
                    refuse(
                        "paddings must be less than the dimension size: " + str(d[0]) + ", " + str(d[1]) +
                            " not less than " + str(d[2]) + " (tf.pad mode='REFLECT' in " + cx.who() + ")",
                        tx(QT_TRANSLATE_NOOP("convlens::core", "reflect at most %1 cells per side, or pad with zeros"),
                           {str(d[2] - 1)}));
        }
    } else {
        const ParamValue v = cx.p("padding");
        if (v.isInt()) {
            p = {v.asInt(), v.asInt(), v.asInt(), v.asInt()};
        } else {
            const auto l = *v.intList(); // (left, right, top, bottom)
            p = {l[2], l[3], l[0], l[1]};
        }
        for (i64 x : {p.top, p.bottom, p.left, p.right})
            if (x > kMaxDim || x < -kMaxDim)
                refuse("padding of " + cx.who() + " is too large",
                       tx(QT_TRANSLATE_NOOP("convlens::core", "use realistic amounts")));
        if (cx.layer.type == "ReplicationPad2d")
            cx.r.spec.padMode = PadMode::Replicate;
        if (cx.layer.type == "ConstantPad2d")
            cx.r.spec.padValue = cx.number("value");
        if (cx.layer.type == "ReflectionPad2d") {
            cx.r.spec.padMode = PadMode::Reflect;
            // torch checks the width first; the message counts dimensions of the batched input (N, C, H, W).
            const i64 dims[2][3] = {{p.left, p.right, in.w}, {p.top, p.bottom, in.h}};
            for (int a = 0; a < 2; ++a)
                if (dims[a][0] >= dims[a][2] || dims[a][1] >= dims[a][2])
                    refuse("Argument #4: Padding size should be less than the corresponding input dimension, but "
                           "got: padding (" +
                               str(dims[a][0]) + ", " + str(dims[a][1]) + ") at dimension " + str(3 - a) +
                               " of input 4",
                           a == 0 ? tx(QT_TRANSLATE_NOOP("convlens::core", "reflect at most %1 cells per side (the "
                                                                           "input is %2 wide), or pad with zeros"),
                                       {str(dims[a][2] - 1), str(dims[a][2])})
                                  : tx(QT_TRANSLATE_NOOP("convlens::core", "reflect at most %1 cells per side (the "
                                                                           "input is %2 high), or pad with zeros"),
                                       {str(dims[a][2] - 1), str(dims[a][2])}));
        }
    }
    const i64 oh = in.h + p.top + p.bottom, ow = in.w + p.left + p.right;
    if (oh < 1 || ow < 1)
        refuse("negative padding of " + cx.who() + " crops " + str(in.h) + "×" + str(in.w) + " to " + str(oh) + "×" +
                   str(ow),
               tx(QT_TRANSLATE_NOOP("convlens::core", "crop less")));
    cx.r.spec.pad = p;
    cx.r.padding = p;
    cx.r.spec.inChannels = cx.r.spec.outChannels = in.c;
    cx.r.output = makeShape(cx.fw, oh, ow, in.c);
    cx.r.formula = "out = " + axisFormula({str(in.h) + " + " + str(p.top) + " + " + str(p.bottom) + " = " + str(oh),
                                           str(in.w) + " + " + str(p.left) + " + " + str(p.right) + " = " + str(ow)});
    propagateWindowRf(cx.r, inRf, {1, 1}, {1, 1}, {1, 1}, p);
}

// Keras CenterCrop(height, width): the window starts at ⌊(input − size) / 2⌋ on each axis.
static Pad4 centerCrop(const LayerCtx &cx, const Hwc &in)
{
    const i64 h = cx.positiveInt("height"), w = cx.positiveInt("width");
    if (h > in.h || w > in.w)
        refuse("CenterCrop " + cx.who() + " to " + str(h) + "×" + str(w) + " on an input of " + str(in.h) + "×" +
                   str(in.w) +
                   ": the input is smaller, and Keras then resizes it first (smart_resize), which "
                   "ConvLens does not model",
               tx(QT_TRANSLATE_NOOP("convlens::core",
                                    "crop to at most the input's size, or put Resizing(%1, %2) before it"),
                  {str(std::max(h, in.h)), str(std::max(w, in.w))}));
    const i64 top = (in.h - h) / 2, left = (in.w - w) / 2;
    return Pad4{top, in.h - h - top, left, in.w - w - left};
}

void inferCrop(const LayerCtx &cx, const Shape &inShape, const ReceptiveField &inRf)
{
    const Hwc in = spatialOf(cx, inShape);
    const Pad4 c = cx.layer.type == "CenterCrop" ? centerCrop(cx, in) : kerasPadSpec(cx, "cropping");
    const i64 oh = in.h - c.top - c.bottom, ow = in.w - c.left - c.right;
    if (oh < 1 || ow < 1)
        refuse(cx.layer.type + " " + cx.who() + " removes " + str(c.top + c.bottom) + " rows and " +
                   str(c.left + c.right) + " columns from an input of " + str(in.h) + "×" + str(in.w) +
                   ", leaving nothing (TensorFlow: negative dimension size)",
               tx(QT_TRANSLATE_NOOP("convlens::core", "crop less than the input's size")));
    cx.r.spec.crop = c; // not reported as padding
    cx.r.spec.inChannels = cx.r.spec.outChannels = in.c;
    cx.r.output = makeShape(cx.fw, oh, ow, in.c);
    cx.r.formula = "out = " + axisFormula({str(in.h) + " − " + str(c.top) + " − " + str(c.bottom) + " = " + str(oh),
                                           str(in.w) + " − " + str(c.left) + " − " + str(c.right) + " = " + str(ow)});
    propagateWindowRf(cx.r, inRf, {1, 1}, {1, 1}, {1, 1}, Pad4{-c.top, -c.bottom, -c.left, -c.right});
}

} // namespace convlens::rules
