// onnx_export.cpp — a resolved model and its weights as an ONNX ModelProto (opset 13). See onnx_export.h for the
// layout choices; docs/onnx.md for the op mapping and what is refused.
#include "export/onnx_export.h"

#include "tensor/kernel_layout.h"

#include "formats/save_file.h"
#include "shape/resize.h"

#include <QIODevice>

#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <onnx/onnx_pb.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <limits>
#include <map>
#include <numbers>
#include <set>

namespace convlens {

namespace {

using i64 = std::int64_t;

constexpr int kOpset = 13;
constexpr double kSeluAlpha = 1.6732632423543772848170429916717; // compute/activation.cpp's constants
constexpr double kSeluScale = 1.0507009873554804934193349852946;

struct Refuse {
    std::string why;
};

std::string shapeText(const Shape &s)
{
    std::string t = "(";
    for (size_t i = 0; i < s.size(); ++i)
        t += (i ? ", " : "") + std::to_string(s[i]);
    return t + (s.size() == 1 ? ",)" : ")");
}

// Keras keeps (H, W, C) maps as (N, C, H, W) in the file; every other tensor keeps the framework's axis order.
bool channelsMoved(Framework f, const Shape &s)
{
    return f == Framework::Keras && s.size() == 3;
}

// The file's dimensions of a framework-layout shape (batch first).
std::vector<i64> storageDims(Framework f, const Shape &s)
{
    std::vector<i64> d{1};
    if (channelsMoved(f, s))
        d.insert(d.end(), {s[2], s[0], s[1]});
    else
        d.insert(d.end(), s.begin(), s.end());
    return d;
}

// The file's axis (batch = 0) of framework axis `a` (no batch, non-negative) of a tensor of shape `s`.
i64 storageAxis(Framework f, const Shape &s, i64 a)
{
    if (channelsMoved(f, s))
        return a == 2 ? 1 : a + 2;
    return a + 1;
}

class Writer {
public:
    Writer(const ShapeReport &r, WeightSet w) : report_(r), weights_(std::move(w)), f_(r.framework) {}
    OnnxExport run(const std::string &source);

private:
    const ShapeReport &report_;
    WeightSet weights_; // each layer's arrays are released once they are in the file's initializers
    const Framework f_;
    onnx::ModelProto model_;
    onnx::GraphProto *g_ = nullptr;
    std::set<std::string> names_;
    std::map<std::string, std::string> frameworkOrder_; // layer → its (N, H, W, C) copy, made once
    std::set<std::string> permutedFlatten_;              // Keras Flatten rows whose output is in (C, H, W) order
    i64 weightCount_ = 0;
    const LayerReport *layer_ = nullptr; // the one being written

    std::string unique(const std::string &base);
    onnx::NodeProto *node(const std::string &op, std::vector<std::string> inputs, const std::string &name);
    std::string floats(const std::string &name, std::vector<i64> dims, std::vector<float> v, bool weight);
    // The same from the little-endian bytes themselves (a large kernel written once, not copied again).
    std::string rawFloats(const std::string &name, std::vector<i64> dims, std::string raw, bool weight);
    std::string ints(const std::string &name, std::vector<i64> v);
    std::string scalar(const std::string &name, float v) { return floats(name, {}, {v}, false); }
    static void attr(onnx::NodeProto *n, const std::string &name, i64 v);
    static void attr(onnx::NodeProto *n, const std::string &name, double v);
    static void attr(onnx::NodeProto *n, const std::string &name, const std::string &v);
    static void attr(onnx::NodeProto *n, const std::string &name, const std::vector<i64> &v);

    const NdArray &array(const std::string &weight);
    std::string toFrameworkOrder(const std::string &layer, const Shape &s);
    std::string toStorage(const std::string &value, const Shape &s, const std::string &name);
    std::string activation(std::string x, Act a, double alpha, double beta, i64 softmaxAxis, const std::string &name);
    std::string windowAttrs(onnx::NodeProto *n, const ResolvedLayer &s, bool dilations);
    bool onlyDenseConsumers(const std::string &flatten) const;

    std::string writeLayer(const LayerReport &l, const std::string &name);
    std::string conv(const LayerReport &l, const std::string &name);
    std::string convTranspose(const LayerReport &l, const std::string &name);
    std::string pool(const LayerReport &l, const std::string &name);
    std::string dense(const LayerReport &l, const std::string &name);
    std::string batchNorm(const LayerReport &l, const std::string &name);
    std::string upsample(const LayerReport &l, const std::string &name);
    std::string groupNorm(const LayerReport &l, const std::string &name);
    std::string inFrameworkOrder(const LayerReport &l, const std::string &name); // Reshape, Permute, Reduce, …
};

std::string Writer::unique(const std::string &base)
{
    std::string n = base;
    for (int i = 1; names_.count(n); ++i)
        n = base + "_" + std::to_string(i);
    names_.insert(n);
    return n;
}

onnx::NodeProto *Writer::node(const std::string &op, std::vector<std::string> inputs, const std::string &name)
{
    onnx::NodeProto *n = g_->add_node();
    n->set_op_type(op);
    n->set_name(name);
    for (const auto &i : inputs)
        n->add_input(i);
    n->add_output(name);
    return n;
}

std::string Writer::floats(const std::string &base, std::vector<i64> dims, std::vector<float> v, bool weight)
{
    std::string raw(v.size() * 4, '\0'); // ONNX raw_data is little-endian, as every platform ConvLens builds on
    if (!v.empty()) // an empty vector's data() may be null, and memcpy from null is undefined even for 0 bytes
        std::memcpy(raw.data(), v.data(), raw.size());
    v = {};
    return rawFloats(base, std::move(dims), std::move(raw), weight);
}

std::string Writer::rawFloats(const std::string &base, std::vector<i64> dims, std::string raw, bool weight)
{
    const std::string name = unique(base);
    onnx::TensorProto *t = g_->add_initializer();
    t->set_name(name);
    t->set_data_type(onnx::TensorProto::FLOAT);
    for (i64 d : dims)
        t->add_dims(d);
    if (weight)
        weightCount_ += i64(raw.size() / 4);
    t->set_raw_data(std::move(raw));
    return name;
}

std::string Writer::ints(const std::string &base, std::vector<i64> v)
{
    const std::string name = unique(base);
    onnx::TensorProto *t = g_->add_initializer();
    t->set_name(name);
    t->set_data_type(onnx::TensorProto::INT64);
    t->add_dims(i64(v.size()));
    std::string raw(v.size() * 8, '\0');
    if (!v.empty())
        std::memcpy(raw.data(), v.data(), raw.size());
    t->set_raw_data(std::move(raw));
    return name;
}

void Writer::attr(onnx::NodeProto *n, const std::string &name, i64 v)
{
    auto *a = n->add_attribute();
    a->set_name(name);
    a->set_type(onnx::AttributeProto::INT);
    a->set_i(v);
}

void Writer::attr(onnx::NodeProto *n, const std::string &name, double v)
{
    auto *a = n->add_attribute();
    a->set_name(name);
    a->set_type(onnx::AttributeProto::FLOAT);
    a->set_f(float(v));
}

void Writer::attr(onnx::NodeProto *n, const std::string &name, const std::string &v)
{
    auto *a = n->add_attribute();
    a->set_name(name);
    a->set_type(onnx::AttributeProto::STRING);
    a->set_s(v);
}

void Writer::attr(onnx::NodeProto *n, const std::string &name, const std::vector<i64> &v)
{
    auto *a = n->add_attribute();
    a->set_name(name);
    a->set_type(onnx::AttributeProto::INTS);
    for (i64 x : v)
        a->add_ints(x);
}

const NdArray &Writer::array(const std::string &weight)
{
    const LayerWeights *w = weights_.find(layer_->name);
    const auto it = w ? w->find(weight) : LayerWeights::const_iterator{};
    if (!w || it == w->end())
        throw Refuse{"its weight '" + weight + "' is missing"};
    for (const WeightSpec &spec : expectedWeights(*layer_, f_))
        if (spec.name == weight && spec.shape != it->second.shape)
            throw Refuse{"its weight '" + weight + "' has shape " + shapeText(it->second.shape) + ", expected " +
                         shapeText(spec.shape)};
    return it->second;
}

// The (N, H, W, C) copy of a Keras map (the value itself for every other tensor).
std::string Writer::toFrameworkOrder(const std::string &layer, const Shape &s)
{
    if (!channelsMoved(f_, s))
        return layer;
    auto it = frameworkOrder_.find(layer);
    if (it != frameworkOrder_.end())
        return it->second;
    auto *n = node("Transpose", {layer}, unique(layer + "/to_nhwc"));
    attr(n, "perm", std::vector<i64>{0, 2, 3, 1});
    return frameworkOrder_[layer] = n->output(0);
}

// A framework-order value of shape `s` in the file's layout.
std::string Writer::toStorage(const std::string &value, const Shape &s, const std::string &name)
{
    if (!channelsMoved(f_, s))
        return value;
    auto *n = node("Transpose", {value}, name);
    attr(n, "perm", std::vector<i64>{0, 3, 1, 2});
    return name;
}

// `x` through activation `a`; the last node is called `name`. `softmaxAxis` is the file's axis.
std::string Writer::activation(std::string x, Act a, double alpha, double beta, i64 softmaxAxis,
                               const std::string &name)
{
    const auto step = [&](const std::string &what) { return unique(name + "/" + what); };
    onnx::NodeProto *n = nullptr;
    switch (a) {
    case Act::Linear: return node("Identity", {x}, name)->output(0);
    case Act::Relu: return node("Relu", {x}, name)->output(0);
    case Act::Relu6: return node("Clip", {x, scalar(name + ".min", 0.0f), scalar(name + ".max", 6.0f)}, name)->output(0);
    case Act::Hardtanh:
        return node("Clip", {x, scalar(name + ".min", float(alpha)), scalar(name + ".max", float(beta))}, name)
            ->output(0);
    case Act::LeakyRelu:
        n = node("LeakyRelu", {x}, name);
        attr(n, "alpha", alpha);
        return name;
    case Act::Sigmoid: return node("Sigmoid", {x}, name)->output(0);
    case Act::Tanh: return node("Tanh", {x}, name)->output(0);
    case Act::Softmax:
    case Act::LogSoftmax:
        n = node(a == Act::Softmax ? "Softmax" : "LogSoftmax", {x}, name);
        attr(n, "axis", softmaxAxis);
        return name;
    case Act::Elu:
        n = node("Elu", {x}, name);
        attr(n, "alpha", alpha);
        return name;
    case Act::Selu:
        n = node("Selu", {x}, name);
        attr(n, "alpha", kSeluAlpha);
        attr(n, "gamma", kSeluScale);
        return name;
    case Act::Softplus: {
        if (alpha == 0.0) // Keras: log(1 + eˣ)
            return node("Softplus", {x}, name)->output(0);
        // torch: log(1 + e^(βx)) / β, and x itself where βx > threshold
        const std::string bx = node("Mul", {x, scalar(name + ".beta", float(alpha))}, step("mul"))->output(0);
        const std::string sp = node("Softplus", {bx}, step("softplus"))->output(0);
        const std::string div = node("Div", {sp, scalar(name + ".beta", float(alpha))}, step("div"))->output(0);
        const std::string over =
            node("Greater", {bx, scalar(name + ".threshold", float(beta))}, step("over_threshold"))->output(0);
        return node("Where", {over, x, div}, name)->output(0);
    }
    case Act::Softsign: return node("Softsign", {x}, name)->output(0);
    case Act::Swish: return node("Mul", {x, node("Sigmoid", {x}, step("sigmoid"))->output(0)}, name)->output(0);
    case Act::Gelu: { // 0.5·x·(1 + erf(x/√2))
        const std::string e = node("Erf", {node("Mul", {x, scalar(name + ".inv_sqrt2", float(std::numbers::sqrt2 / 2))},
                                                step("scale"))->output(0)}, step("erf"))->output(0);
        const std::string one = node("Add", {e, scalar(name + ".one", 1.0f)}, step("add"))->output(0);
        const std::string half = node("Mul", {x, scalar(name + ".half", 0.5f)}, step("half"))->output(0);
        return node("Mul", {half, one}, name)->output(0);
    }
    case Act::GeluTanh: { // 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))
        const std::string x3 = node("Mul", {node("Mul", {x, x}, step("square"))->output(0), x}, step("cube"))->output(0);
        const std::string inner = node("Add", {x, node("Mul", {x3, scalar(name + ".c", 0.044715f)}, step("cubic"))
                                                      ->output(0)}, step("inner"))->output(0);
        const std::string t =
            node("Tanh", {node("Mul", {inner, scalar(name + ".k", float(std::sqrt(2.0 / std::numbers::pi)))},
                               step("scale"))->output(0)}, step("tanh"))->output(0);
        const std::string one = node("Add", {t, scalar(name + ".one", 1.0f)}, step("add"))->output(0);
        const std::string half = node("Mul", {x, scalar(name + ".half", 0.5f)}, step("half"))->output(0);
        return node("Mul", {half, one}, name)->output(0);
    }
    case Act::HardSigmoid: // tf.keras 2: clip(0.2·x + 0.5, 0, 1)
        n = node("HardSigmoid", {x}, name);
        attr(n, "alpha", 0.2);
        attr(n, "beta", 0.5);
        return name;
    case Act::TorchHardsigmoid: // relu6(x + 3) / 6
        n = node("HardSigmoid", {x}, name);
        attr(n, "alpha", 1.0 / 6.0);
        attr(n, "beta", 0.5);
        return name;
    case Act::Hardswish: { // HardSwish is opset 14; x · hardsigmoid(x) is torch's own opset-13 spelling
        n = node("HardSigmoid", {x}, step("hardsigmoid"));
        attr(n, "alpha", 1.0 / 6.0);
        attr(n, "beta", 0.5);
        return node("Mul", {x, n->output(0)}, name)->output(0);
    }
    case Act::Exponential: return node("Exp", {x}, name)->output(0);
    case Act::Mish: {
        const std::string sp = node("Softplus", {x}, step("softplus"))->output(0);
        return node("Mul", {x, node("Tanh", {sp}, step("tanh"))->output(0)}, name)->output(0);
    }
    case Act::Celu:
        n = node("Celu", {x}, name);
        attr(n, "alpha", alpha);
        return name;
    case Act::Tanhshrink: return node("Sub", {x, node("Tanh", {x}, step("tanh"))->output(0)}, name)->output(0);
    case Act::ReluClip: { // x < 0 ? alpha·x : min(x, max_value)
        const std::string below = node("Mul", {x, scalar(name + ".slope", float(alpha))}, step("slope"))->output(0);
        const std::string above = node("Min", {x, scalar(name + ".max_value", float(beta))}, step("clip"))->output(0);
        const std::string neg = node("Less", {x, scalar(name + ".zero", 0.0f)}, step("negative"))->output(0);
        return node("Where", {neg, below, above}, name)->output(0);
    }
    case Act::LogSigmoid: { // −softplus(−x)
        const std::string neg = node("Neg", {x}, step("neg"))->output(0);
        return node("Neg", {node("Softplus", {neg}, step("softplus"))->output(0)}, name)->output(0);
    }
    }
    throw Refuse{"its activation is not known to the ONNX export"};
}

// kernel_shape, strides, pads [top, left, bottom, right] (ONNX order: all begins, then all ends), dilations.
std::string Writer::windowAttrs(onnx::NodeProto *n, const ResolvedLayer &s, bool dilations)
{
    attr(n, "kernel_shape", std::vector<i64>{s.kernel[0], s.kernel[1]});
    attr(n, "strides", std::vector<i64>{s.stride[0], s.stride[1]});
    attr(n, "pads", std::vector<i64>{s.pad.top, s.pad.left, s.pad.bottom, s.pad.right});
    if (dilations)
        attr(n, "dilations", std::vector<i64>{s.dilation[0], s.dilation[1]});
    return n->output(0);
}

std::string Writer::conv(const LayerReport &l, const std::string &name)
{
    const auto &s = l.spec;
    if (s.padMode != PadMode::Constant) // ONNX Conv pads with zeros only
        throw Refuse{std::string("its padding_mode='") +
                     (s.padMode == PadMode::Reflect     ? "reflect"
                      : s.padMode == PadMode::Replicate ? "replicate"
                                                        : "circular") +
                     "' is not exported (ONNX Conv pads with zeros; a Pad node before it is not written yet)"};
    const Shape &in = l.inputShapes.at(0), &out = *l.output;
    const i64 C = f_ == Framework::Keras ? in[2] : in[0], O = f_ == Framework::Keras ? out[2] : out[0];
    const i64 kh = s.kernel[0], kw = s.kernel[1];
    const bool separable = l.op == Op::SeparableConv;
    // Depthwise (and separable's first half): groups = C, output o = c·M + m reads input channel c.
    const i64 groups = l.op == Op::Conv ? std::max<i64>(1, s.groups) : C;
    const i64 O1 = separable ? C * std::max<i64>(1, s.depthMultiplier) : O;
    const std::string mainWeight = l.op == Op::Conv ? (f_ == Framework::Keras ? "kernel" : "weight") : "depthwise_kernel";
    const NdArray &w = array(mainWeight);
    const KernelLayout layout = separable ? KernelLayout::HWCM : kernelLayout(l.op, f_);
    const i64 Cg = C / groups;
    std::vector<float> oihw(size_t(O1 * Cg * kh * kw));
    for (i64 o = 0; o < O1; ++o)
        for (i64 c = 0; c < Cg; ++c)
            for (i64 y = 0; y < kh; ++y)
                for (i64 x = 0; x < kw; ++x)
                    oihw[size_t(((o * Cg + c) * kh + y) * kw + x)] = w.data.at(tapIndex(layout, w.shape, o, c, y, x, groups));
    const std::string stem = separable || s.activation != Act::Linear ? unique(name + (separable ? "/depthwise" : "/conv"))
                                                                      : name;
    std::vector<std::string> ins{layer_->inputs.at(0), floats(l.name + ".weight", {O1, Cg, kh, kw}, std::move(oihw), true)};
    if (s.bias && !separable) {
        const NdArray &b = array("bias");
        ins.push_back(floats(l.name + ".bias", {O}, b.data, true));
    }
    auto *n = node("Conv", ins, stem);
    windowAttrs(n, s, true);
    attr(n, "group", groups);
    std::string y = n->output(0);
    if (separable) { // the 1×1 pointwise convolution, (1, 1, C·M, F) HWIO → (F, C·M, 1, 1)
        const NdArray &pw = array("pointwise_kernel");
        std::vector<float> p(size_t(O * O1));
        for (i64 o = 0; o < O; ++o)
            for (i64 c = 0; c < O1; ++c)
                p[size_t(o * O1 + c)] = pw.data.at(tapIndex(KernelLayout::HWIO, pw.shape, o, c, 0, 0));
        std::vector<std::string> pins{y, floats(l.name + ".pointwise_weight", {O, O1, 1, 1}, std::move(p), true)};
        if (s.bias)
            pins.push_back(floats(l.name + ".bias", {O}, array("bias").data, true));
        auto *pn = node("Conv", pins, s.activation == Act::Linear ? name : unique(name + "/pointwise"));
        attr(pn, "kernel_shape", std::vector<i64>{1, 1});
        y = pn->output(0);
    }
    if (s.activation == Act::Linear)
        return y;
    return activation(y, s.activation, s.alpha, s.beta, 1, name);
}

std::string Writer::convTranspose(const LayerReport &l, const std::string &name)
{
    const auto &s = l.spec;
    const Shape &in = l.inputShapes.at(0), &out = *l.output;
    const i64 C = f_ == Framework::Keras ? in[2] : in[0], O = f_ == Framework::Keras ? out[2] : out[0];
    const i64 kh = s.kernel[0], kw = s.kernel[1], groups = std::max<i64>(1, s.groups);
    const i64 Cg = C / groups, Og = O / groups;
    const NdArray &w = array(f_ == Framework::Keras ? "kernel" : "weight");
    const KernelLayout layout = kernelLayout(l.op, f_);
    std::vector<float> iohw(size_t(C * Og * kh * kw)); // ONNX ConvTranspose: (C, O/groups, kh, kw), as torch
    for (i64 o = 0; o < O; ++o)
        for (i64 c = 0; c < Cg; ++c) {
            const i64 ci = (o / Og) * Cg + c;
            for (i64 y = 0; y < kh; ++y)
                for (i64 x = 0; x < kw; ++x)
                    iohw[size_t(((ci * Og + o % Og) * kh + y) * kw + x)] =
                        w.data.at(tapIndex(layout, w.shape, o, c, y, x, groups));
        }
    std::vector<std::string> ins{layer_->inputs.at(0), floats(l.name + ".weight", {C, Og, kh, kw}, std::move(iohw), true)};
    if (s.bias)
        ins.push_back(floats(l.name + ".bias", {O}, array("bias").data, true));
    auto *n = node("ConvTranspose", ins, s.activation == Act::Linear ? name : unique(name + "/conv_transpose"));
    // The full (i−1)·s + k' result, cropped per side; a negative bottom/right crop appends rows no input reaches
    // (Keras valid with k < s, output_padding): ONNX's output_padding, whose cells get only the bias.
    const Pad4 &c = s.transposedCrop;
    if (c.top < 0 || c.left < 0)
        throw Refuse{"its output extends the top/left of the full transposed convolution, which ONNX cannot express"};
    attr(n, "kernel_shape", std::vector<i64>{kh, kw});
    attr(n, "strides", std::vector<i64>{s.stride[0], s.stride[1]});
    attr(n, "dilations", std::vector<i64>{s.dilation[0], s.dilation[1]});
    // A smaller crop at the end is said as torch says it: the same pads on both sides plus output_padding (every
    // output cell still gets its full sum); a larger one as pads of their own (ONNX allows it, torch cannot say it).
    const auto axis = [](i64 begin, i64 end) -> std::array<i64, 3> { // pad begin, pad end, output_padding
        if (end < 0)
            return {begin, 0, -end};
        if (end <= begin)
            return {begin, begin, begin - end};
        return {begin, end, 0};
    };
    const auto ph = axis(c.top, c.bottom), pw = axis(c.left, c.right);
    attr(n, "pads", std::vector<i64>{ph[0], pw[0], ph[1], pw[1]});
    attr(n, "output_padding", std::vector<i64>{ph[2], pw[2]});
    attr(n, "group", groups);
    if (s.activation == Act::Linear)
        return n->output(0);
    return activation(n->output(0), s.activation, s.alpha, s.beta, 1, name);
}

std::string Writer::pool(const LayerReport &l, const std::string &name)
{
    const auto &s = l.spec;
    const std::string x = layer_->inputs.at(0);
    const Shape &in = l.inputShapes.at(0), &out = *l.output;
    if (l.op == Op::GlobalMaxPool || l.op == Op::GlobalAvgPool) {
        const bool keepsMap = out.size() == 3;
        auto *n = node(l.op == Op::GlobalMaxPool ? "GlobalMaxPool" : "GlobalAveragePool", {x},
                       keepsMap ? name : unique(name + "/pool"));
        if (keepsMap)
            return n->output(0);
        auto *flat = node("Flatten", {n->output(0)}, name);
        attr(flat, "axis", i64(1));
        return name;
    }
    if (l.op == Op::AdaptiveAvgPool || l.op == Op::AdaptiveMaxPool) {
        const bool max = l.op == Op::AdaptiveMaxPool;
        const i64 ih = in[1], iw = in[2], oh = out[1], ow = out[2];
        if (oh == 1 && ow == 1)
            return node(max ? "GlobalMaxPool" : "GlobalAveragePool", {x}, name)->output(0);
        if (ih % oh != 0 || iw % ow != 0) {
            // Windows of different sizes (torch: rows ⌊i·ih/oh⌋ … ⌈(i+1)·ih/oh⌉): one Slice + Reduce per output cell,
            // concatenated along the width, then the rows along the height.
            std::vector<std::string> rows;
            for (i64 i = 0; i < oh; ++i) {
                const i64 y0 = i * ih / oh, y1 = ((i + 1) * ih + oh - 1) / oh;
                std::vector<std::string> cells;
                for (i64 j = 0; j < ow; ++j) {
                    const i64 x0 = j * iw / ow, x1 = ((j + 1) * iw + ow - 1) / ow;
                    const std::string cell = name + "/" + std::to_string(i) + "_" + std::to_string(j);
                    const std::string win = node("Slice", {x, ints(cell + ".starts", {y0, x0}), ints(cell + ".ends", {y1, x1}),
                                                           ints(cell + ".axes", {2, 3})}, unique(cell + "/window"))->output(0);
                    auto *r = node(max ? "ReduceMax" : "ReduceMean", {win}, unique(cell));
                    attr(r, "axes", std::vector<i64>{2, 3});
                    attr(r, "keepdims", i64(1));
                    cells.push_back(r->output(0));
                }
                auto *row = node("Concat", cells, oh == 1 ? name : unique(name + "/row" + std::to_string(i)));
                attr(row, "axis", i64(3));
                rows.push_back(row->output(0));
            }
            if (oh == 1)
                return name;
            auto *all = node("Concat", rows, name);
            attr(all, "axis", i64(2));
            return name;
        }
        auto *n = node(max ? "MaxPool" : "AveragePool", {x}, name);
        attr(n, "kernel_shape", std::vector<i64>{ih / oh, iw / ow});
        attr(n, "strides", std::vector<i64>{ih / oh, iw / ow});
        return name;
    }
    const bool max = l.op == Op::MaxPool;
    if (!max && (s.dilation[0] != 1 || s.dilation[1] != 1))
        throw Refuse{"ONNX AveragePool has no dilations before opset 19"};
    if (!max && s.divisorOverride != 0)
        throw Refuse{"divisor_override has no ONNX AveragePool attribute"};
    auto *n = node(max ? "MaxPool" : "AveragePool", {x}, name);
    windowAttrs(n, s, false);
    if (max && (s.dilation[0] != 1 || s.dilation[1] != 1))
        attr(n, "dilations", std::vector<i64>{s.dilation[0], s.dilation[1]});
    if (s.ceilMode)
        attr(n, "ceil_mode", i64(1));
    if (!max)
        attr(n, "count_include_pad", i64(s.padKind == PadKind::CountedZero ? 1 : 0));
    return name;
}

// Whether every user of a Keras Flatten's output, through element-wise rows, is a Dense layer (whose kernel rows
// can then be permuted instead of transposing the map before flattening).
bool Writer::onlyDenseConsumers(const std::string &flatten) const
{
    std::vector<std::string> todo{flatten};
    bool any = false;
    while (!todo.empty()) {
        const std::string v = todo.back();
        todo.pop_back();
        for (const std::string &o : report_.outputs)
            if (o == v)
                return false;
        for (const LayerReport &l : report_.layers) {
            if (std::find(l.inputs.begin(), l.inputs.end(), v) == l.inputs.end())
                continue;
            if (l.op == Op::Dense && l.inputs.size() == 1) {
                any = true;
                continue;
            }
            const bool elementwise = l.op == Op::Dropout ||
                                     (l.op == Op::Activation && l.spec.activation != Act::Softmax &&
                                      l.spec.activation != Act::LogSoftmax);
            if (!elementwise)
                return false;
            todo.push_back(l.name);
        }
    }
    return any;
}

std::string Writer::dense(const LayerReport &l, const std::string &name)
{
    const auto &s = l.spec;
    const Shape &in = l.inputShapes.at(0), &out = *l.output;
    const i64 n = in.back(), U = out.back();
    const NdArray &w = array(f_ == Framework::Keras ? "kernel" : "weight");
    // Rows of a Keras kernel that follows a Flatten of an (H, W, C) map, in the (C, H, W) order the file flattens.
    std::vector<i64> rowOf(static_cast<size_t>(n));
    for (i64 i = 0; i < n; ++i)
        rowOf[size_t(i)] = i;
    std::string src = layer_->inputs.at(0);
    for (;;) { // through element-wise rows back to the Flatten, if any
        const int k = report_.indexOf(src);
        if (k < 0)
            break;
        const LayerReport &p = report_.layers[size_t(k)];
        if (permutedFlatten_.count(p.name)) {
            const Shape &m = p.inputShapes.at(0); // (H, W, C)
            const i64 H = m[0], W = m[1], C = m[2];
            for (i64 h = 0; h < H; ++h)
                for (i64 x = 0; x < W; ++x)
                    for (i64 c = 0; c < C; ++c)
                        rowOf[size_t((c * H + h) * W + x)] = (h * W + x) * C + c;
            break;
        }
        if (p.op != Op::Dropout && p.op != Op::Activation)
            break;
        src = p.inputs.at(0);
    }
    // (U, n) as torch keeps it, for Gemm(transB=1); MatMul wants (n, U). Written straight into the file's bytes:
    // VGG16's first Dense kernel is 411 MB.
    const bool gemm = in.size() == 1;
    if (w.data.size() != size_t(U * n))
        throw std::out_of_range("kernel size");
    std::string m(size_t(U * n) * 4, '\0');
    for (i64 u = 0; u < U; ++u)
        for (i64 i = 0; i < n; ++i) {
            const i64 r = rowOf[size_t(i)];
            const float v = f_ == Framework::Keras ? w.data[size_t(r * U + u)] : w.data[size_t(u * n + r)];
            std::memcpy(m.data() + 4 * size_t(gemm ? u * n + i : i * U + u), &v, 4);
        }
    const bool act = s.activation != Act::Linear;
    std::string y;
    if (gemm) {
        std::vector<std::string> ins{layer_->inputs.at(0), rawFloats(l.name + ".weight", {U, n}, std::move(m), true)};
        if (s.bias)
            ins.push_back(floats(l.name + ".bias", {U}, array("bias").data, true));
        auto *g = node("Gemm", ins, act ? unique(name + "/gemm") : name);
        attr(g, "transB", i64(1));
        y = g->output(0);
    } else { // on the last axis of a higher-rank tensor, in framework order
        const std::string x = toFrameworkOrder(layer_->inputs.at(0), in);
        const bool moved = channelsMoved(f_, out);
        y = node("MatMul", {x, rawFloats(l.name + ".weight", {n, U}, std::move(m), true)},
                 s.bias || act || moved ? unique(name + "/matmul") : name)->output(0);
        if (s.bias)
            y = node("Add", {y, floats(l.name + ".bias", {U}, array("bias").data, true)},
                     act || moved ? unique(name + "/bias") : name)->output(0);
        y = toStorage(y, out, act ? unique(name + "/to_nchw") : name);
    }
    if (!act)
        return y;
    return activation(y, s.activation, s.alpha, s.beta, storageAxis(f_, out, i64(out.size()) - 1), name);
}

std::string Writer::batchNorm(const LayerReport &l, const std::string &name)
{
    const auto &s = l.spec;
    const Shape &in = l.inputShapes.at(0);
    const bool keras = f_ == Framework::Keras;
    i64 axis = keras ? (s.axis < 0 ? s.axis + i64(in.size()) : s.axis) : 0;
    if (axis < 0 || axis >= i64(in.size()))
        axis = keras ? i64(in.size()) - 1 : 0;
    if (storageAxis(f_, in, axis) != 1)
        throw Refuse{"it normalises axis " + std::to_string(axis) + " of " + shapeText(in) +
                     ", which is not the channel axis of ONNX BatchNormalization"};
    const i64 C = in[size_t(axis)];
    const auto get = [&](const char *kerasName, const char *torchName, float fallback, bool present) {
        return present ? array(keras ? kerasName : torchName).data : std::vector<float>(size_t(C), fallback);
    };
    const std::vector<float> gamma = get("gamma", "weight", 1.0f, s.bnScale), beta = get("beta", "bias", 0.0f, s.bnCenter);
    const std::vector<float> mean = get("moving_mean", "running_mean", 0.0f, true);
    const std::vector<float> var = get("moving_variance", "running_var", 1.0f, true);
    auto *n = node("BatchNormalization",
                   {layer_->inputs.at(0), floats(l.name + ".weight", {C}, gamma, true), floats(l.name + ".bias", {C}, beta, true),
                    floats(l.name + ".running_mean", {C}, mean, true), floats(l.name + ".running_var", {C}, var, true)},
                   name);
    attr(n, "epsilon", s.epsilon);
    return name;
}

std::string Writer::upsample(const LayerReport &l, const std::string &name)
{
    const auto &s = l.spec;
    const Shape &in = l.inputShapes.at(0), &out = *l.output;
    const bool keras = f_ == Framework::Keras;
    const i64 ih = keras ? in[0] : in[1], iw = keras ? in[1] : in[2];
    const i64 oh = keras ? out[0] : out[1], ow = keras ? out[1] : out[2];
    // Sizes, where the source coordinate o · in / out is the one the layer uses; scales only where it was given
    // factors whose product with the input is not whole (5 × 1.5 → 7), so that o / factor ≠ o · in / out.
    const auto fractional = [](i64 i, double f, i64 o) {
        return f > 0 && i64(std::floor(double(i) * f)) == o && double(i) * f != double(o);
    };
    const bool factors = fractional(ih, s.scale[0], oh) || fractional(iw, s.scale[1], ow);
    std::vector<std::string> ins{layer_->inputs.at(0), floats(name + ".roi", {0}, {}, false)};
    if (factors)
        ins.push_back(floats(name + ".scales", {4}, {1.0f, 1.0f, float(s.scale[0]), float(s.scale[1])}, false));
    else {
        ins.push_back(floats(name + ".scales", {0}, {}, false));
        ins.push_back(ints(name + ".sizes", storageDims(f_, out)));
    }
    auto *n = node("Resize", ins, name);
    if (s.interpolation == Interp::Nearest) {
        attr(n, "mode", std::string("nearest"));
        attr(n, "nearest_mode", std::string("floor"));
        // Keras Resizing and torch 'nearest-exact' sample at half-pixel centres: ⌊(o + ½)·in/out⌋, the others at
        // ⌊o·in/out⌋. onnxruntime divides by its float scale where the frameworks multiply by their own (14 → 2: its
        // o / (2/14) reads cell 6 where torch reads 7): written only where every cell agrees.
        const bool halfPixel = s.nearestExact || dims::halfPixelNearest(l.type);
        const bool same = ih == oh && iw == ow; // onnxruntime copies an unchanged shape
        const std::array<i64, 2> inHW{ih, iw}, outHW{oh, ow};
        for (int a = 0; a < 2; ++a) {
            const float scale = same      ? 1.0f
                                : factors ? float(s.scale[size_t(a)])
                                          : float(outHW[size_t(a)]) / float(inHW[size_t(a)]);
            for (i64 o = 0; o < outHW[size_t(a)]; ++o) {
                const i64 file = dims::onnxNearestFloorSource(halfPixel, inHW[size_t(a)], o, scale);
                const i64 layer = dims::nearestSourceOf(l, a, inHW[size_t(a)], outHW[size_t(a)], o);
                if (file != layer)
                    throw Refuse{"its nearest " + std::string(a == 0 ? "row " : "column ") + std::to_string(o) +
                                 " reads input " + std::to_string(layer) + " (" + std::to_string(inHW[size_t(a)]) +
                                 " → " + std::to_string(outHW[size_t(a)]) + "), where ONNX Resize (" +
                                 (halfPixel ? "tf_half_pixel_for_nn" : "asymmetric") + ", floor) reads " +
                                 std::to_string(file)};
            }
        }
        attr(n, "coordinate_transformation_mode", std::string(halfPixel ? "tf_half_pixel_for_nn" : "asymmetric"));
    } else {
        attr(n, "mode", std::string("linear"));
        attr(n, "coordinate_transformation_mode", std::string(s.alignCorners ? "align_corners" : "half_pixel"));
    }
    return name;
}

std::string Writer::groupNorm(const LayerReport &l, const std::string &name)
{
    const auto &s = l.spec;
    const Shape &in = l.inputShapes.at(0);
    const i64 C = in.at(0);
    const std::vector<float> w = s.bnScale ? array("weight").data : std::vector<float>(size_t(C), 1.0f);
    const std::vector<float> b = s.bnCenter ? array("bias").data : std::vector<float>(size_t(C), 0.0f);
    std::vector<i64> bcast{C};
    for (size_t i = 1; i < in.size(); ++i)
        bcast.push_back(1);
    if (s.runningStats) { // InstanceNorm2d(track_running_stats=True) in eval mode: the running statistics
        if (in.size() < 2)
            throw Refuse{"ONNX BatchNormalization needs a (C, …) input"};
        auto *n = node("BatchNormalization",
                       {layer_->inputs.at(0), floats(l.name + ".weight", {C}, w, true), floats(l.name + ".bias", {C}, b, true),
                        floats(l.name + ".running_mean", {C}, array("running_mean").data, true),
                        floats(l.name + ".running_var", {C}, array("running_var").data, true)},
                       name);
        attr(n, "epsilon", s.epsilon);
        return name;
    }
    // Per sample and group: (N, G, rest) through InstanceNormalization, back to the input's shape, then the affine.
    const i64 G = std::max<i64>(1, s.groups);
    std::vector<i64> back{-1};
    back.insert(back.end(), in.begin(), in.end());
    const std::string grouped =
        node("Reshape", {layer_->inputs.at(0), ints(name + ".groups", {0, G, -1})}, unique(name + "/group"))->output(0);
    auto *norm = node("InstanceNormalization",
                      {grouped, floats(name + ".ones", {G}, std::vector<float>(size_t(G), 1.0f), false),
                       floats(name + ".zeros", {G}, std::vector<float>(size_t(G), 0.0f), false)},
                      unique(name + "/normalize"));
    attr(norm, "epsilon", s.epsilon);
    const std::string shaped = node("Reshape", {norm->output(0), ints(name + ".shape", back)}, unique(name + "/ungroup"))
                                   ->output(0);
    const std::string scaled =
        node("Mul", {shaped, floats(l.name + ".weight", bcast, w, s.bnScale)}, unique(name + "/scale"))->output(0);
    return node("Add", {scaled, floats(l.name + ".bias", bcast, b, s.bnCenter)}, name)->output(0);
}

// Reshape, Permute, Reduce, Slice, Arith, PixelShuffle: on framework-order operands (a Keras map transposed to
// (N, H, W, C) first), so every axis number is the framework's plus the batch; the result goes back to the file's
// layout.
std::string Writer::inFrameworkOrder(const LayerReport &l, const std::string &name)
{
    const auto &s = l.spec;
    const Shape &out = *l.output;
    std::vector<std::string> xs;
    for (size_t i = 0; i < layer_->inputs.size(); ++i)
        xs.push_back(toFrameworkOrder(layer_->inputs[i], l.inputShapes.at(i)));
    const bool moved = channelsMoved(f_, out);
    const std::string last = moved ? unique(name + "/" + std::string(traits(l.op).name)) : name;
    std::vector<i64> outDims{-1};
    outDims.insert(outDims.end(), out.begin(), out.end());
    std::string y;
    if (l.op == Op::Reshape || l.op == Op::Flatten) {
        y = node("Reshape", {xs[0], ints(name + ".shape", outDims)}, last)->output(0);
    } else if (l.op == Op::Permute) {
        std::vector<i64> perm{0};
        for (i64 d : s.dims)
            perm.push_back(d + 1);
        auto *n = node("Transpose", {xs[0]}, last);
        attr(n, "perm", perm);
        y = last;
    } else if (l.op == Op::Reduce) {
        if (s.argIndex) // torch.max(x, dim)'s indices: ArgMax would give int64
            throw Refuse{"the indices of a max/min over a dim are not exported"};
        const Shape &in = l.inputShapes.at(0);
        std::vector<i64> axes;
        for (i64 d : s.dims)
            axes.push_back(d + 1);
        const bool keep = out.size() == in.size();
        onnx::NodeProto *n = nullptr;
        switch (s.reduce) {
        case ReduceOp::Sum: // ReduceSum takes its axes as an input from opset 13
            n = node("ReduceSum", {xs[0], ints(name + ".axes", axes)}, last);
            break;
        case ReduceOp::Mean: n = node("ReduceMean", {xs[0]}, last); break;
        case ReduceOp::Max: n = node("ReduceMax", {xs[0]}, last); break;
        case ReduceOp::Min: n = node("ReduceMin", {xs[0]}, last); break;
        }
        if (s.reduce != ReduceOp::Sum)
            attr(n, "axes", axes);
        attr(n, "keepdims", i64(keep ? 1 : 0));
        y = last;
    } else if (l.op == Op::Slice) {
        const i64 axis = s.axis + 1, len = out.at(size_t(s.axis));
        if (s.sliceStep <= 0)
            throw Refuse{"a slice with step " + std::to_string(s.sliceStep) + " is not exported"};
        const i64 end = s.sliceStart + (len - 1) * s.sliceStep + 1;
        y = node("Slice", {xs[0], ints(name + ".starts", {s.sliceStart}), ints(name + ".ends", {end}),
                           ints(name + ".axes", {axis}), ints(name + ".steps", {s.sliceStep})},
                 last)->output(0);
    } else if (l.op == Op::Arith) {
        if (s.arithFn != ArithFn::Plain) // maximum, abs, pow, Rescaling, Normalization, …
            throw Refuse{"the element-wise function of " + l.type + " is not exported to ONNX yet"};
        static const char *const kOps[] = {"Add", "Sub", "Mul", "Div"};
        const char *op = kOps[int(s.arith)];
        if (s.hasScalar) {
            const std::string c = scalar(name + ".scalar", float(s.scalar));
            y = node(op, s.scalarFirst ? std::vector<std::string>{c, xs[0]} : std::vector<std::string>{xs[0], c}, last)
                    ->output(0);
        } else if (xs.size() == 1 && s.arith == ArithOp::Sub) { // −x
            y = node("Neg", {xs[0]}, last)->output(0);
        } else {
            if (xs.size() != 2)
                throw Refuse{"it has " + std::to_string(xs.size()) + " operands"};
            y = node(op, {xs[0], xs[1]}, last)->output(0);
        }
    } else if (l.op == Op::PixelShuffle && s.depthToSpace) {
        throw Refuse{"tf.nn.depth_to_space (DCR order) is not exported to ONNX yet"};
    } else if (l.op == Op::PixelShuffle) { // torch channel order c·r² + i·r + j (not ONNX SpaceToDepth's) for the unshuffle
        const Shape &in = l.inputShapes.at(0);
        if (in.size() != 3)
            throw Refuse{"pixel shuffle of a rank-" + std::to_string(in.size()) + " tensor is not exported"};
        const i64 C = in[0], H = in[1], W = in[2];
        if (s.shuffle > 0) {
            auto *n = node("DepthToSpace", {xs[0]}, last);
            attr(n, "blocksize", s.shuffle);
            attr(n, "mode", std::string("CRD"));
            y = last;
        } else {
            const i64 r = -s.shuffle;
            const std::string a = node("Reshape", {xs[0], ints(name + ".split", {-1, C, H / r, r, W / r, r})},
                                       unique(name + "/split"))->output(0);
            auto *t = node("Transpose", {a}, unique(name + "/transpose"));
            attr(t, "perm", std::vector<i64>{0, 1, 3, 5, 2, 4});
            y = node("Reshape", {t->output(0), ints(name + ".shape", outDims)}, last)->output(0);
        }
    } else {
        throw Refuse{"internal: not a framework-order row"};
    }
    return toStorage(y, out, name);
}

std::string Writer::writeLayer(const LayerReport &l, const std::string &name)
{
    const auto &s = l.spec;
    const Shape &out = *l.output;
    switch (l.op) {
    case Op::Input: return l.name; // the graph input itself
    case Op::Conv:
    case Op::DepthwiseConv:
    case Op::SeparableConv: return conv(l, name);
    case Op::ConvTranspose: return convTranspose(l, name);
    case Op::MaxPool:
    case Op::AvgPool:
    case Op::GlobalMaxPool:
    case Op::GlobalAvgPool:
    case Op::AdaptiveAvgPool:
    case Op::AdaptiveMaxPool: return pool(l, name);
    case Op::Upsample: return upsample(l, name);
    case Op::Pad: {
        const Shape &in = l.inputShapes.at(0);
        if (in.size() != 3)
            throw Refuse{"padding a rank-" + std::to_string(in.size()) + " tensor is not exported"};
        const Pad4 &p = s.pad;
        const auto pos = [](i64 v) { return std::max<i64>(v, 0); };
        // torch's negative padding crops that side: the positive sides padded first, then a Slice.
        const bool crops = p.top < 0 || p.bottom < 0 || p.left < 0 || p.right < 0;
        std::string x = layer_->inputs.at(0);
        if (p.top > 0 || p.bottom > 0 || p.left > 0 || p.right > 0) {
            std::vector<std::string> ins{x, ints(name + ".pads", {0, 0, pos(p.top), pos(p.left), 0, 0, pos(p.bottom),
                                                                  pos(p.right)})};
            if (s.padMode == PadMode::Circular || s.padMode == PadMode::Symmetric) // 'wrap' is opset 19
                throw Refuse{std::string("ONNX Pad has no ") +
                             (s.padMode == PadMode::Circular ? "circular" : "symmetric") + " mode in opset 13"};
            if (s.padMode == PadMode::Constant)
                ins.push_back(scalar(name + ".value", float(s.padValue)));
            auto *n = node("Pad", ins, crops ? unique(name + "/pad") : name);
            attr(n, "mode", std::string(s.padMode == PadMode::Constant  ? "constant"
                                        : s.padMode == PadMode::Reflect ? "reflect"
                                                                        : "edge"));
            x = n->output(0);
        }
        if (!crops)
            return x;
        const std::vector<i64> d = storageDims(f_, in);
        const i64 h = d[2] + pos(p.top) + pos(p.bottom), w = d[3] + pos(p.left) + pos(p.right);
        return node("Slice", {x, ints(name + ".starts", {pos(-p.top), pos(-p.left)}),
                              ints(name + ".ends", {h - pos(-p.bottom), w - pos(-p.right)}), ints(name + ".axes", {2, 3})},
                    name)->output(0);
    }
    case Op::Crop: {
        const Shape &in = l.inputShapes.at(0);
        const std::vector<i64> d = storageDims(f_, in);
        const Pad4 &c = s.crop;
        return node("Slice", {layer_->inputs.at(0), ints(name + ".starts", {c.top, c.left}),
                              ints(name + ".ends", {d[2] - c.bottom, d[3] - c.right}), ints(name + ".axes", {2, 3})},
                    name)->output(0);
    }
    case Op::BatchNorm: return batchNorm(l, name);
    case Op::GroupNorm: return groupNorm(l, name);
    case Op::PReLU:
    case Op::LayerNorm:
    case Op::LocalResponseNorm:
    case Op::ChannelShuffle:
        throw Refuse{"the ONNX export does not write " + l.type + " yet"};
    case Op::Dropout: return node("Identity", {layer_->inputs.at(0)}, name)->output(0);
    case Op::Activation: {
        const Shape &in = l.inputShapes.at(0);
        const i64 axis = s.axis < 0 ? i64(in.size()) - 1 : std::min<i64>(s.axis, i64(in.size()) - 1);
        return activation(layer_->inputs.at(0), s.activation, s.alpha, s.beta, storageAxis(f_, in, axis), name);
    }
    case Op::Flatten: {
        const Shape &in = l.inputShapes.at(0);
        if (out.size() == 1 && channelsMoved(f_, in) && onlyDenseConsumers(l.name)) {
            permutedFlatten_.insert(l.name); // the Dense kernels after it take the (C, H, W) order
            auto *n = node("Flatten", {layer_->inputs.at(0)}, name);
            attr(n, "axis", i64(1));
            return name;
        }
        if (out.size() == 1 && !channelsMoved(f_, in)) {
            auto *n = node("Flatten", {layer_->inputs.at(0)}, name);
            attr(n, "axis", i64(1));
            return name;
        }
        return inFrameworkOrder(l, name);
    }
    case Op::Dense: return dense(l, name);
    case Op::Reshape:
    case Op::Permute:
    case Op::Reduce:
    case Op::Slice:
    case Op::Arith:
    case Op::PixelShuffle: return inFrameworkOrder(l, name);
    case Op::Concat: {
        std::vector<std::string> ins = layer_->inputs;
        const i64 axis = s.axis < 0 ? i64(out.size()) - 1 : s.axis;
        auto *n = node("Concat", ins, name);
        attr(n, "axis", storageAxis(f_, out, axis));
        return name;
    }
    case Op::Add: {
        if (layer_->inputs.size() < 2)
            return node("Identity", {layer_->inputs.at(0)}, name)->output(0);
        const bool act = s.activation != Act::Linear;
        std::string acc = layer_->inputs[0];
        for (size_t i = 1; i < layer_->inputs.size(); ++i) {
            const bool last = i + 1 == layer_->inputs.size() && !act;
            acc = node("Add", {acc, layer_->inputs[i]}, last ? name : unique(name + "/add"))->output(0);
        }
        if (!act)
            return acc;
        return activation(acc, s.activation, s.alpha, s.beta, 1, name);
    }
    }
    throw Refuse{"its kind is not known to the ONNX export"};
}

OnnxExport Writer::run(const std::string &source)
{
    OnnxExport res;
    if (!report_.ok) {
        const int k = report_.firstRefused;
        if (k < 0) {
            res.error = "the model does not resolve";
            return res;
        }
        const LayerReport &bad = report_.layers[size_t(k)];
        res.error = "layer '" + bad.name + "' (" + bad.type + ") is refused: " + bad.error +
                    (bad.fix.empty() ? "" : " — " + bad.fix);
        return res;
    }
    model_.set_ir_version(7); // the IR of opset 13 (ONNX 1.8), as torch.onnx.export writes it
    model_.set_producer_name("ConvLens");
    model_.set_producer_version("1");
    model_.set_doc_string(source.empty() ? std::string("exported by ConvLens") : "exported by ConvLens from " + source);
    auto *opset = model_.add_opset_import();
    opset->set_domain("");
    opset->set_version(kOpset);
    g_ = model_.mutable_graph();
    g_->set_name(source.empty() ? std::string("convlens") : source);
    for (const LayerReport &l : report_.layers)
        names_.insert(l.name); // a layer's final value is called as the layer; helpers take other names

    const auto declare = [&](onnx::ValueInfoProto *v, const std::string &name, const Shape &s) {
        v->set_name(name);
        auto *t = v->mutable_type()->mutable_tensor_type();
        t->set_elem_type(onnx::TensorProto::FLOAT);
        const std::vector<i64> d = storageDims(f_, s);
        for (size_t i = 0; i < d.size(); ++i) {
            auto *dim = t->mutable_shape()->add_dim();
            if (i == 0)
                dim->set_dim_param("N");
            else
                dim->set_dim_value(d[i]);
        }
    };
    for (const LayerReport &l : report_.layers) {
        if (l.op == Op::Input) {
            declare(g_->add_input(), l.name, *l.output);
            continue;
        }
        layer_ = &l;
        try {
            const std::string y = writeLayer(l, l.name);
            if (y != l.name) // a row that passes its input through unchanged (none today): name it
                node("Identity", {y}, l.name);
            weights_.layers.erase(l.name); // a VGG16 is 528 MB: the file's copy is the only one kept
        } catch (const Refuse &r) {
            res.error = "layer '" + l.name + "' (" + l.type + ") cannot be exported to ONNX: " + r.why;
            return res;
        } catch (const std::out_of_range &) {
            res.error = "layer '" + l.name + "' (" + l.type + ") cannot be exported to ONNX: its weights do not have "
                        "the shapes its report gives";
            return res;
        }
    }
    for (const std::string &o : report_.outputs) {
        const int k = report_.indexOf(o);
        if (k < 0)
            continue;
        const LayerReport &l = report_.layers[size_t(k)];
        if (l.op == Op::Input) { // an input that is also an output: ONNX names must differ
            node("Identity", {l.name}, unique(l.name + "/output"));
            declare(g_->add_output(), g_->node(g_->node_size() - 1).output(0), *l.output);
            continue;
        }
        declare(g_->add_output(), l.name, *l.output);
    }
    if (f_ == Framework::Keras)
        for (const LayerReport &l : report_.layers)
            if ((l.op == Op::Input || std::count(report_.outputs.begin(), report_.outputs.end(), l.name)) &&
                l.output && channelsMoved(f_, *l.output)) {
                res.notes.push_back("the Keras (H, W, C) maps are declared channels first, (N, C, H, W), as ONNX "
                                    "files are: transpose the input with x.transpose(0, 3, 1, 2)");
                break;
            }
    res.nodes = g_->node_size();
    res.weights = weightCount_;
    if (model_.ByteSizeLong() > size_t(std::numeric_limits<int>::max())) {
        res.error = "the model is too large for one ONNX protobuf (2 GiB)";
        return res;
    }
    auto model = std::make_shared<onnx::ModelProto>();
    model->Swap(&model_);
    res.model = std::move(model);
    return res;
}

// Hands protobuf's output to a device in 1 MiB pieces.
class DeviceStream final : public google::protobuf::io::CopyingOutputStream {
public:
    explicit DeviceStream(QIODevice &device) : device_(device) {}
    bool Write(const void *buffer, int size) override
    {
        return device_.write(static_cast<const char *>(buffer), size) == size;
    }

private:
    QIODevice &device_;
};

} // namespace

bool OnnxExport::save(const std::string &path, std::string *saveError) const
{
    if (!model) {
        if (saveError)
            *saveError = "cannot save " + path + ": nothing was exported";
        return false;
    }
    std::string reason;
    if (writeAtomically(
            path,
            [this](QIODevice &device, std::string *) {
                DeviceStream stream(device);
                google::protobuf::io::CopyingOutputStreamAdaptor out(&stream, 1 << 20);
                return model->SerializeToZeroCopyStream(&out) && out.Flush();
            },
            &reason))
        return true;
    if (saveError)
        *saveError = "cannot save " + path + ": " + reason;
    return false;
}

std::string OnnxExport::serialize() const
{
    std::string bytes;
    if (model)
        model->SerializeToString(&bytes);
    return bytes;
}

OnnxExport exportOnnx(const ShapeReport &report, WeightSet weights, const std::string &source)
{
    Writer w(report, std::move(weights));
    return w.run(source);
}

} // namespace convlens
