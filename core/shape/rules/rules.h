// rules.h — internal to shape/: what every family's rules share. A layer's rules run inside a LayerCtx (the layer,
// its catalogue kind, the report being filled); a refusal is thrown as Refusal and recorded by infer() on that layer,
// everything downstream then Blocked. One file per family of ops (model/ops.h Family) holds the rules themselves.
#pragma once

#include "model/text.h" // tx(): fixes and formula words in the UI's language
#include "shape/dims.h"
#include "shape/report.h"

#include <array>
#include <string>
#include <vector>

namespace convlens::rules {

using i64 = std::int64_t;
using dims::kMaxDim;

struct Refusal {
    std::string error;
    std::string fix;
};

// Throws Refusal: the framework's message and what would fix it.
[[noreturn]] void refuse(std::string error, std::string fix = {});
std::string str(i64 v);
std::string num(double v);                         // 6 significant digits
std::string pairText(const std::array<i64, 2> &p); // "(3, 3)"
// Checked arithmetic: a result over 2^62 is a refusal ("too large"), never a wrapped number.
i64 mul(i64 a, i64 b, const char *what = "size");
i64 add(i64 a, i64 b);
i64 product(const Shape &s);

// One layer being resolved: its parameters (as given, else the catalogue default) and the report it fills.
struct LayerCtx {
    Framework fw;
    const Layer &layer;
    const KindDef &kind;
    LayerReport &r;

    bool keras() const { return fw == Framework::Keras; }
    ParamValue p(const std::string &name) const { return layer.param(kind, name); }

    std::string who() const { return "'" + layer.name + "' (" + layer.type + ")"; }

    i64 positiveInt(const std::string &name) const
    {
        const ParamValue v = p(name);
        if (!v.isInt())
            refuse(layer.type + " " + name + " must be an int, got " + v.toPython());
        const i64 x = v.asInt();
        if (x <= 0)
            refuse("Invalid value for argument `" + name + "` of " + who() +
                       ". Expected a strictly positive value. Received " + name + "=" + str(x) + ".",
                   tx(QT_TRANSLATE_NOOP("convlens::core", "set %1 to 1 or more"), {name}));
        if (x > kMaxDim)
            refuse(name + "=" + str(x) + " of " + who() + " is too large",
                   tx(QT_TRANSLATE_NOOP("convlens::core", "use a realistic size")));
        return x;
    }

    // An int or a pair → (h, w); every element must be ≥ minValue.
    std::array<i64, 2> pair(const std::string &name, i64 minValue = 1) const
    {
        const ParamValue v = p(name);
        std::array<i64, 2> out{};
        if (v.isInt()) {
            out = {v.asInt(), v.asInt()};
        } else if (auto l = v.intList(); l && l->size() == 2) {
            out = {(*l)[0], (*l)[1]};
        } else {
            refuse("The `" + name + "` argument of " + who() + " must be an int or a tuple of 2 integers. Received: " +
                   v.toPython());
        }
        for (i64 x : out) {
            if (x < minValue)
                refuse("The `" + name + "` argument of " + who() + " must be a tuple of 2 integers, each ≥ " +
                           str(minValue) + ". Received: " + v.toPython(),
                       tx(QT_TRANSLATE_NOOP("convlens::core", "use values ≥ %1"), {str(minValue)}));
            if (x > kMaxDim)
                refuse(name + "=" + v.toPython() + " of " + who() + " is too large",
                       tx(QT_TRANSLATE_NOOP("convlens::core", "use a realistic size")));
        }
        return out;
    }

    double number(const std::string &name) const
    {
        const ParamValue v = p(name);
        return v.isNumber() ? v.asNumber() : 0.0;
    }
    bool flag(const std::string &name) const
    {
        const ParamValue v = p(name);
        return v.isBool() && v.asBool();
    }
    std::string text(const std::string &name) const
    {
        const ParamValue v = p(name);
        return v.isString() ? v.asString() : std::string{};
    }
};

// Spatial view of a rank-3 tensor in the framework layout.
struct Hwc {
    i64 h, w, c;
};

struct WindowAxis {
    i64 out = 0, before = 0, after = 0;
    std::string formula;
};

// PyTorch Conv2d / ConvTranspose2d padding argument → (ph, pw) or 'same'/'valid'.
struct TorchPad {
    bool same = false;
    std::array<i64, 2> p{0, 0};
};

Hwc spatialOf(const LayerCtx &cx, const Shape &s);
Shape makeShape(Framework fw, i64 h, i64 w, i64 c);
Act activationFromName(const std::string &name);
// Keras `activation=` argument of Conv/Dense layers.
void setKerasActivation(const LayerCtx &cx);
std::string lower(std::string s);
// Text of one axis' computation, and whether both axes read the same.
std::string axisFormula(const std::array<std::string, 2> &perAxis);
std::string padSides(const Pad4 &p);
std::string kEffText(i64 k, i64 d);
// Keras/TF 'same' or 'valid' for one axis. `what` names the kernel in messages ("kernel" / "pool").
WindowAxis tfWindowAxis(const LayerCtx &cx, bool same, i64 i, i64 k, i64 s, i64 d, const char *axisName);
std::string tfPaddingNote(bool same, const Pad4 &p);
// Keras padding string, lower-cased.
bool kerasSame(const LayerCtx &cx);
void refuseStrideWithDilation(const std::array<i64, 2> &s, const std::array<i64, 2> &d);
// Resolves the spatial part of a Keras conv-like layer (Conv2D, DepthwiseConv2D, SeparableConv2D, pooling).
void kerasWindow(const LayerCtx &cx, Hwc in, const std::array<i64, 2> &k, const std::array<i64, 2> &s,
                 const std::array<i64, 2> &d, i64 &oh, i64 &ow);
TorchPad torchPadding(const LayerCtx &cx);
void propagateWindowRf(LayerReport &r, const ReceptiveField &in, const std::array<i64, 2> &k,
                       const std::array<i64, 2> &s, const std::array<i64, 2> &d, const Pad4 &pad);
void addConvParams(LayerReport &r, i64 weights, i64 biases);
// A framework axis argument → a non-negative index into the unbatched shape. `batched` = the framework counts the
// batch axis (Keras concat axis, torch dims).
i64 resolveAxis(const LayerCtx &cx, i64 axis, size_t rank, const std::string &argName);
// Several axes (batch = 0) resolved as resolveAxis does: which of the rank axes without the batch they name, each
// at most once ("dim 2 appears multiple times in the list of dims").
std::vector<bool> resolveAxes(const LayerCtx &cx, const std::vector<i64> &axes, size_t rank, const std::string &word,
                              const std::string &plural);

// ---------------------------------------------------------------- the families (one file each)
void inferInput(const LayerCtx &cx);                                                   // input.cpp
void inferConv(const LayerCtx &cx, const Shape &in, const ReceptiveField &rf);          // conv.cpp
void inferDepthwise(const LayerCtx &cx, const Shape &in, const ReceptiveField &rf, bool separable);
void inferConvTranspose(const LayerCtx &cx, const Shape &in, const ReceptiveField &rf);
void inferPool(const LayerCtx &cx, const Shape &in, const ReceptiveField &rf, bool isMax); // pool.cpp
void inferGlobalPool(const LayerCtx &cx, const Shape &in);
void inferAdaptivePool(const LayerCtx &cx, const Shape &in);
void inferUpsample(const LayerCtx &cx, const Shape &in, const ReceptiveField &rf);      // resample.cpp
void inferPad(const LayerCtx &cx, const Shape &in, const ReceptiveField &rf);           // pad.cpp
void inferCrop(const LayerCtx &cx, const Shape &in, const ReceptiveField &rf);
void inferBatchNorm(const LayerCtx &cx, const Shape &in);                               // norm.cpp
void inferActivation(const LayerCtx &cx, const Shape &in);                              // elementwise.cpp
void inferDropout(const LayerCtx &cx, const Shape &in);
void inferFlatten(const LayerCtx &cx, const Shape &in);                                 // reshape.cpp
void inferReshape(const LayerCtx &cx, const Shape &in);
void inferDense(const LayerCtx &cx, const Shape &in);                                   // dense.cpp
void inferConcat(const LayerCtx &cx, const std::vector<Shape> &ins);                    // merge.cpp
void inferAdd(const LayerCtx &cx, const std::vector<Shape> &ins);
void inferArith(const LayerCtx &cx, const std::vector<Shape> &ins);                     // merge.cpp
void inferReduce(const LayerCtx &cx, const Shape &in);                                  // pool.cpp
void inferPermute(const LayerCtx &cx, const Shape &in);                                 // reshape.cpp
void inferSlice(const LayerCtx &cx, const Shape &in);
void inferPixelShuffle(const LayerCtx &cx, const Shape &in);
void inferGroupNorm(const LayerCtx &cx, const Shape &in);                               // norm.cpp
void inferLayerNorm(const LayerCtx &cx, const Shape &in);
void inferLocalResponseNorm(const LayerCtx &cx, const Shape &in);
void inferPReLU(const LayerCtx &cx, const Shape &in);                                   // elementwise.cpp
void inferChannelShuffle(const LayerCtx &cx, const Shape &in);                          // reshape.cpp
// The receptive field of a merge: the envelope of its branches' fields (same grid assumed).
void mergeRf(const LayerCtx &cx, const std::vector<ReceptiveField> &rfs);

} // namespace convlens::rules
