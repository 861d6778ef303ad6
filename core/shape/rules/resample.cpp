// resample.cpp — resampling: UpSampling2D and nn.Upsample / UpsamplingNearest2d / UpsamplingBilinear2d (factors,
// sizes, nearest and bilinear).
#include "shape/rules/rules.h"

#include <cmath>

namespace convlens::rules {

void inferUpsample(const LayerCtx &cx, const Shape &inShape, const ReceptiveField &inRf)
{
    const Hwc in = spatialOf(cx, inShape);
    ResolvedLayer &sp = cx.r.spec;
    i64 oh = 0, ow = 0;
    if (cx.keras() && cx.layer.type == "Resizing") { // tf.image.resize to (height, width), half-pixel centres
        oh = cx.positiveInt("height");
        ow = cx.positiveInt("width");
        const std::string interp = cx.text("interpolation");
        if (interp != "bilinear" && interp != "nearest")
            refuse("Resizing " + cx.who() + ": interpolation='" + interp +
                       "' is not modelled here (bilinear and "
                       "nearest are)",
                   tx(QT_TRANSLATE_NOOP("convlens::core", "use interpolation='bilinear' or 'nearest'")));
        if (cx.p("crop_to_aspect_ratio") == ParamValue(true) && oh * in.w != ow * in.h)
            refuse("Resizing " + cx.who() + " with crop_to_aspect_ratio=True crops the input to the aspect ratio " +
                       str(oh) + ":" + str(ow) + " before resizing (smart_resize), which ConvLens does not model",
                   tx(QT_TRANSLATE_NOOP(
                       "convlens::core",
                       "put CenterCrop to the target aspect ratio first and resize without crop_to_aspect_ratio")));
        sp.interpolation = interp == "bilinear" ? Interp::Bilinear : Interp::Nearest;
        sp.scale = {double(oh) / double(in.h), double(ow) / double(in.w)};
        sp.target = {oh, ow};
        cx.r.formula = tx(QT_TRANSLATE_NOOP("convlens::core", "out = size %1 (%2, half-pixel centres)"),
                          {pairText({oh, ow}), interp});
    } else if (cx.keras()) {
        const auto sz = cx.pair("size");
        const std::string interp = cx.text("interpolation");
        sp.interpolation = interp == "bilinear" ? Interp::Bilinear : Interp::Nearest;
        oh = mul(in.h, sz[0]);
        ow = mul(in.w, sz[1]);
        sp.scale = {double(sz[0]), double(sz[1])};
        cx.r.formula = "out = " +
                       axisFormula({str(in.h) + " · " + str(sz[0]) + " = " + str(oh),
                                    str(in.w) + " · " + str(sz[1]) + " = " + str(ow)}) +
                       " (" + interp +
                       (sp.interpolation == Interp::Bilinear
                            ? ", " + tx(QT_TRANSLATE_NOOP("convlens::core", "half-pixel centres")) + ")"
                            : ")");
    } else {
        const ParamValue size = cx.p("size"), scale = cx.p("scale_factor");
        if (size.isNone() == scale.isNone())
            refuse(size.isNone() ? "either size or scale_factor should be defined"
                                 : "only one of size or scale_factor should be defined",
                   tx(QT_TRANSLATE_NOOP("convlens::core", "give exactly one of size= and scale_factor=")));
        // UpsamplingNearest2d is Upsample(mode='nearest'); UpsamplingBilinear2d is bilinear with align_corners=True
        const std::string &t = cx.layer.type;
        const bool fixed = t == "UpsamplingNearest2d" || t == "UpsamplingBilinear2d";
        const std::string mode = t == "UpsamplingBilinear2d" ? "bilinear" : fixed ? "nearest" : cx.text("mode");
        sp.interpolation = mode == "bilinear" ? Interp::Bilinear : Interp::Nearest;
        sp.nearestExact = mode == "nearest-exact"; // half-pixel centres: ⌊(o + ½)·scale⌋
        const ParamValue ac = fixed ? ParamValue(t == "UpsamplingBilinear2d" ? ParamValue(true) : ParamValue())
                                    : cx.p("align_corners");
        if (!ac.isNone() && sp.interpolation == Interp::Nearest)
            refuse("align_corners option can only be set with the interpolating modes: linear | bilinear | bicubic | "
                   "trilinear",
                   tx(QT_TRANSLATE_NOOP("convlens::core", "remove align_corners or use mode='bilinear'")));
        sp.alignCorners = ac.isBool() && ac.asBool();
        if (!size.isNone()) {
            if (size.isInt()) {
                oh = ow = size.asInt();
            } else {
                const auto &l = size.asList();
                oh = l[0].isInt() ? l[0].asInt() : in.h;
                ow = l[1].isInt() ? l[1].asInt() : in.w;
            }
            if (oh < 1 || ow < 1 || oh > kMaxDim || ow > kMaxDim)
                refuse("size of " + cx.who() + " must be positive, got " + size.toPython(),
                       tx(QT_TRANSLATE_NOOP("convlens::core", "use sizes ≥ 1")));
            sp.scale = {double(oh) / double(in.h), double(ow) / double(in.w)};
            sp.target = {oh, ow};
            cx.r.formula = tx(QT_TRANSLATE_NOOP("convlens::core", "out = size %1 (%2)"), {pairText({oh, ow}), mode});
        } else {
            double fh = 0, fw = 0;
            if (scale.isNumber()) {
                fh = fw = scale.asNumber();
            } else {
                fh = scale.asList()[0].asNumber();
                fw = scale.asList()[1].asNumber();
            }
            if (!(fh > 0) || !(fw > 0) || fh > 1e9 || fw > 1e9)
                refuse("scale_factor of " + cx.who() + " must be positive, got " + scale.toPython(),
                       tx(QT_TRANSLATE_NOOP("convlens::core", "use a factor > 0")));
            const double rh = std::floor(double(in.h) * fh), rw = std::floor(double(in.w) * fw);
            if (rh > double(kMaxDim) || rw > double(kMaxDim))
                refuse("the output of " + cx.who() + " is too large",
                       tx(QT_TRANSLATE_NOOP("convlens::core", "use a smaller scale_factor")));
            oh = i64(rh);
            ow = i64(rw);
            if (oh < 1 || ow < 1)
                refuse("Input and output sizes should be greater than 0, but got input (H: " + str(in.h) +
                           ", W: " + str(in.w) + ") output (H: " + str(oh) + ", W: " + str(ow) + ")",
                       tx(QT_TRANSLATE_NOOP("convlens::core", "use a larger scale_factor")));
            sp.scale = {fh, fw};
            cx.r.formula = "out = " + axisFormula({"⌊" + str(in.h) + " · " + num(fh) + "⌋ = " + str(oh),
                                                   "⌊" + str(in.w) + " · " + num(fw) + "⌋ = " + str(ow)}) +
                           " (" + mode + (sp.alignCorners ? ", align_corners=True)" : ")");
        }
    }
    sp.inChannels = sp.outChannels = in.c;
    cx.r.output = makeShape(cx.fw, oh, ow, in.c);
    product(*cx.r.output);
    if (inRf.valid) {
        cx.r.rf = inRf;
        cx.r.rf.jump = {inRf.jump[0] * double(in.h) / double(oh), inRf.jump[1] * double(in.w) / double(ow)};
    }
}

} // namespace convlens::rules
