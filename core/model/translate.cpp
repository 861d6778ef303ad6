// semantics_switch.cpp — layer-by-layer translation between the Keras and PyTorch catalogues (see the header).
#include "model/translate.h"
#include "shape/resize.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace convlens {

namespace {

ParamValue pairValue(std::int64_t h, std::int64_t w, bool intIfEqual)
{
    if (intIfEqual && h == w)
        return ParamValue(h);
    return ParamValue::ints({h, w});
}

ParamValue pairValue(const std::array<std::int64_t, 2> &a, bool intIfEqual)
{
    return pairValue(a[0], a[1], intIfEqual);
}

struct Builder {
    Graph out;
    std::map<std::string, std::string> tail; // old layer name → new layer producing the same tensor
    std::map<std::string, std::string> inputNames; // new input layer → the name it had (kept across the switch)
    std::map<std::string, int> readers;            // old layer name → how many layers read it (model outputs count)
    const ShapeReport *src = nullptr;              // the model being translated
    std::vector<std::string> notes;
    std::map<std::string, std::string> why; // new layer (temporary name) → why it is written that way
    std::string error;
    int counter = 0;

    // Appends a layer reading `inputs` (new names); returns its temporary name.
    std::string add(std::string type, std::map<std::string, ParamValue> params, std::vector<std::string> inputs)
    {
        Layer l;
        l.name = "\x02" + std::to_string(counter++);
        l.type = std::move(type);
        l.params = std::move(params);
        l.inputs = std::move(inputs);
        out.layers.push_back(l);
        return l.name;
    }
    // Records why the layer `name` (a temporary name from add) is written the way it is; returns `name`.
    std::string explain(const std::string &name, std::string text)
    {
        why[name] = std::move(text);
        return name;
    }
    void noteOnce(const std::string &n)
    {
        for (const auto &e : notes)
            if (e == n)
                return;
        notes.push_back(n);
    }
};

// The torch.nn module of an activation; nullptr when torch has no module for it here.
const char *torchActivation(Act a)
{
    return traits(a).torchModule.empty() ? nullptr : traits(a).torchModule.data();
}

// The Keras activation string of a torch activation layer, when Keras' function is the same (LeakyReLU has its
// own layer; ELU only with alpha 1, Softplus only with beta 1); nullptr when Keras has none.
const char *kerasActivationName(const LayerReport &r)
{
    const Act a = r.spec.activation;
    if (a == Act::LeakyRelu || traits(a).keras.empty() || (a == Act::Elu && r.spec.alpha != 1.0) ||
        (a == Act::Softplus && r.spec.alpha != 1.0))
        return nullptr;
    return traits(a).keras.data();
}

// Whether torch pooling with padding (top, left) on both sides and ceil_mode=True gives the layer's output size:
// ceil_mode adds the last window Keras' extra bottom/right pad makes room for only where the division rounds (never
// at stride 1), and drops a last window that would start in the right padding.
bool ceilModeGives(const LayerReport &r, const Pad4 &pad)
{
    const Shape &in = r.inputShapes.front(), &out = *r.output;
    if (in.size() != 3 || out.size() != 3)
        return false;
    for (size_t a = 0; a < 2; ++a) {
        const std::int64_t i = in[a], o = out[a], p = a == 0 ? pad.top : pad.left;
        const std::int64_t k = r.spec.dilation[a] * (r.spec.kernel[a] - 1) + 1, s = r.spec.stride[a];
        const std::int64_t span = i + 2 * p - k;
        if (span < 0)
            return false;
        std::int64_t n = (span + s - 1) / s + 1;
        if ((n - 1) * s >= i + p)
            --n;
        if (n != o)
            return false;
    }
    return true;
}

// ---------------------------------------------------------------- Keras → PyTorch
bool kerasLayerToTorch(Builder &b, const Layer &l, const LayerReport &r)
{
    const ResolvedLayer &s = r.spec;
    std::vector<std::string> ins;
    for (const auto &i : l.inputs)
        ins.push_back(b.tail.at(i));
    const Pad4 pad = r.padding.value_or(Pad4{});
    std::string last;
    const auto act = [&](const std::string &from) -> std::string {
        if (s.activation == Act::Linear)
            return from;
        const char *t = torchActivation(s.activation);
        if (!t) {
            b.error = "'" + l.name + "' uses an activation PyTorch's catalogue here has no layer for";
            return {};
        }
        std::map<std::string, ParamValue> p;
        if (s.activation == Act::LeakyRelu)
            p["negative_slope"] = s.alpha;
        if (s.activation == Act::Elu)
            p["alpha"] = s.alpha;
        if (s.activation == Act::Softmax)
            p["dim"] = 1;
        return b.add(t, p, {from});
    };
    // Conv padding: symmetric per axis → padding=(t, l); otherwise an explicit ZeroPad2d in front.
    const auto convPadding = [&](std::vector<std::string> &in) -> ParamValue {
        if (pad.top == pad.bottom && pad.left == pad.right)
            return pairValue(pad.top, pad.left, true);
        in = {b.explain(b.add("ZeroPad2d", {{"padding", ParamValue::ints({pad.left, pad.right, pad.top, pad.bottom})}}, in),
                        "Keras padding='same' pads " + std::to_string(pad.top) + " top, " +
                            std::to_string(pad.bottom) + " bottom, " + std::to_string(pad.left) + " left, " +
                            std::to_string(pad.right) + " right for '" + l.name +
                            "' (the extra row/column goes at the bottom/right); PyTorch's padding= pads both sides "
                            "equally, so the padding is explicit here and the layer pads nothing itself.")};
        b.noteOnce("Keras 'same' padding with the extra row/column at the bottom/right became a ZeroPad2d before "
                   "the layer, since PyTorch pads both sides equally.");
        return 0;
    };
    switch (r.op) {
    case Op::Input: {
        const Shape &sh = *r.output;
        Shape t = sh;
        if (sh.size() == 3)
            t = {sh[2], sh[0], sh[1]};
        ParamList dims;
        for (auto d : t)
            dims.emplace_back(d);
        Layer in;
        in.name = "\x02" + std::to_string(b.counter++);
        in.type = "Input";
        in.params["shape"] = ParamValue(dims);
        in.implicitInput = true;
        b.out.layers.push_back(in);
        b.inputNames[in.name] = l.name;
        last = in.name;
        break;
    }
    case Op::Conv:
    case Op::DepthwiseConv: {
        const bool dw = r.op == Op::DepthwiseConv;
        const std::int64_t out = dw ? s.inChannels * s.depthMultiplier : s.outChannels;
        std::map<std::string, ParamValue> p{{"in_channels", s.inChannels}, {"out_channels", out},
                                            {"kernel_size", pairValue(s.kernel, true)}};
        if (s.stride != std::array<std::int64_t, 2>{1, 1})
            p["stride"] = pairValue(s.stride, true);
        p["padding"] = convPadding(ins);
        if (s.dilation != std::array<std::int64_t, 2>{1, 1})
            p["dilation"] = pairValue(s.dilation, true);
        const std::int64_t groups = dw ? s.inChannels : s.groups;
        if (groups != 1)
            p["groups"] = groups;
        if (!s.bias)
            p["bias"] = false;
        last = act(b.add("Conv2d", p, ins));
        break;
    }
    case Op::SeparableConv: {
        const std::int64_t mid = s.inChannels * s.depthMultiplier;
        std::map<std::string, ParamValue> p{{"in_channels", s.inChannels}, {"out_channels", mid},
                                            {"kernel_size", pairValue(s.kernel, true)}, {"groups", s.inChannels},
                                            {"bias", false}};
        if (s.stride != std::array<std::int64_t, 2>{1, 1})
            p["stride"] = pairValue(s.stride, true);
        p["padding"] = convPadding(ins);
        if (s.dilation != std::array<std::int64_t, 2>{1, 1})
            p["dilation"] = pairValue(s.dilation, true);
        const std::string depthwise = b.explain(
            b.add("Conv2d", p, ins), "Keras SeparableConv2D '" + l.name +
                                         "': a depthwise Conv2d (groups = in_channels), then the 1×1 Conv2d below.");
        std::map<std::string, ParamValue> q{{"in_channels", mid}, {"out_channels", s.outChannels}, {"kernel_size", 1}};
        if (!s.bias)
            q["bias"] = false;
        last = act(b.add("Conv2d", q, {depthwise}));
        b.noteOnce("SeparableConv2D became a depthwise Conv2d (groups = in_channels) followed by a 1×1 Conv2d.");
        break;
    }
    case Op::ConvTranspose: {
        // Keras crops `top` rows before and `bottom` after the full result (negative: appends). PyTorch crops
        // `padding` on both sides, then appends `output_padding`: same size when 2p − op = top + bottom.
        std::array<std::int64_t, 2> p{}, op{};
        const Pad4 &tc = s.transposedCrop;
        const std::array<std::int64_t, 2> crop{tc.top + tc.bottom, tc.left + tc.right};
        const std::array<std::int64_t, 2> before{tc.top, tc.left};
        bool shifted = false;
        for (int a = 0; a < 2; ++a) {
            p[size_t(a)] = crop[size_t(a)] > 0 ? (crop[size_t(a)] + 1) / 2 : 0;
            op[size_t(a)] = 2 * p[size_t(a)] - crop[size_t(a)];
            if (op[size_t(a)] >= std::max(s.stride[size_t(a)], s.dilation[size_t(a)])) {
                b.error = "'" + l.name + "' crops in a way ConvTranspose2d cannot express";
                return false;
            }
            shifted = shifted || p[size_t(a)] != before[size_t(a)];
            if (p[size_t(a)] != before[size_t(a)])
                b.noteOnce("'" + l.name + "': ConvTranspose2d gives the same size as Keras but its output is shifted "
                           "by one pixel (PyTorch crops the padding from the start).");
        }
        std::map<std::string, ParamValue> q{{"in_channels", s.inChannels}, {"out_channels", s.outChannels},
                                            {"kernel_size", pairValue(s.kernel, true)}};
        if (s.stride != std::array<std::int64_t, 2>{1, 1})
            q["stride"] = pairValue(s.stride, true);
        if (p != std::array<std::int64_t, 2>{0, 0})
            q["padding"] = pairValue(p, true);
        if (op != std::array<std::int64_t, 2>{0, 0})
            q["output_padding"] = pairValue(op, true);
        if (s.dilation != std::array<std::int64_t, 2>{1, 1})
            q["dilation"] = pairValue(s.dilation, true);
        if (!s.bias)
            q["bias"] = false;
        const std::string t = b.add("ConvTranspose2d", q, ins);
        if (shifted)
            b.explain(t, "same size as Keras' '" + l.name + "', but shifted by one pixel: PyTorch crops the padding "
                         "from both sides, Keras puts the extra row/column at the end.");
        last = act(t);
        break;
    }
    case Op::MaxPool:
    case Op::AvgPool: {
        const bool avg = r.op == Op::AvgPool;
        std::string poolWhy;
        std::map<std::string, ParamValue> q{{"kernel_size", pairValue(s.kernel, true)},
                                            {"stride", pairValue(s.stride, true)}};
        const bool symmetric = pad.top == pad.bottom && pad.left == pad.right;
        if (symmetric && (pad.top || pad.left)) {
            q["padding"] = pairValue(pad.top, pad.left, true);
        } else if (!symmetric && pad.top <= pad.bottom && pad.left <= pad.right &&
                   pad.bottom - pad.top <= 1 && pad.right - pad.left <= 1 && ceilModeGives(r, pad)) {
            // The extra row/column at the end is what ceil_mode adds.
            if (pad.top || pad.left)
                q["padding"] = pairValue(pad.top, pad.left, true);
            q["ceil_mode"] = true;
            poolWhy = "Keras padding='same' puts the extra row/column at the end for '" + l.name +
                      "': ceil_mode=True adds the same last window.";
            b.noteOnce("Keras 'same' pooling with an extra row/column at the end became ceil_mode=True.");
        } else if (!symmetric) {
            ins = {b.explain(b.add("ZeroPad2d",
                                   {{"padding", ParamValue::ints({pad.left, pad.right, pad.top, pad.bottom})}}, ins),
                             "uneven padding of '" + l.name +
                                 "', which PyTorch pooling cannot express: zeros here, where Keras ignores the "
                                 "padded cells.")};
            b.noteOnce("Uneven pooling padding became a ZeroPad2d (zeros, where Keras ignores the padded cells).");
        }
        if (avg && (pad.top || pad.bottom || pad.left || pad.right))
            q["count_include_pad"] = false;
        last = b.add(avg ? "AvgPool2d" : "MaxPool2d", q, ins);
        if (!poolWhy.empty())
            b.explain(last, poolWhy);
        break;
    }
    case Op::GlobalAvgPool:
    case Op::GlobalMaxPool: {
        const Shape &in = r.inputShapes.front();
        std::string g = r.op == Op::GlobalAvgPool
                            ? b.add("AdaptiveAvgPool2d", {{"output_size", 1}}, ins)
                            : b.add("MaxPool2d", {{"kernel_size", pairValue(in[0], in[1], true)}}, ins);
        const bool keep = l.param(*findKind(Framework::Keras, l.type), "keepdims") == ParamValue(true);
        last = keep ? g : b.add("Flatten", {}, {g});
        break;
    }
    case Op::Upsample: {
        std::map<std::string, ParamValue> q;
        if (s.interpolation == Interp::Nearest && dims::halfPixelNearest(l.type)) {
            // tf's half-pixel nearest is torch's 'nearest-exact' but for rounding: tf takes in/out in double, torch in
            // float, so the same cell can differ where (o + ½)·in/out is whole (14 → 23). Written only when every cell
            // agrees.
            const Shape &in = r.inputShapes.front(), &out = *r.output; // (H, W, C)
            for (int axis = 0; axis < 2; ++axis)
                for (std::int64_t o = 0; o < out[size_t(axis)]; ++o) {
                    const std::int64_t tf = dims::nearestSourceHalfPixel(in[size_t(axis)], out[size_t(axis)], o);
                    const std::int64_t torch = dims::nearestSourceExact(in[size_t(axis)], out[size_t(axis)], o, 0.0);
                    if (tf != torch) {
                        b.error = "'" + l.name + "' (" + l.type + ") samples the nearest cell at half-pixel centres as "
                                  "TensorFlow rounds them: its " + std::string(axis == 0 ? "row " : "column ") +
                                  std::to_string(o) + " reads input " + std::to_string(tf) + ", where nn.Upsample's "
                                  "'nearest-exact' reads " + std::to_string(torch) + " (" +
                                  std::to_string(in[size_t(axis)]) + " → " + std::to_string(out[size_t(axis)]) +
                                  "), so it has no PyTorch layer here";
                        return false;
                    }
                }
            q["mode"] = "nearest-exact";
        }
        if (!s.target.empty()) // Resizing: a size, not a factor
            q["size"] = ParamValue::ints({s.target[0], s.target[1]});
        else
            q["scale_factor"] = s.scale[0] == s.scale[1] ? ParamValue(s.scale[0])
                                                         : ParamValue(ParamList{ParamValue(s.scale[0]),
                                                                                ParamValue(s.scale[1])});
        if (s.interpolation == Interp::Bilinear) {
            q["mode"] = "bilinear";
            q["align_corners"] = false;
        }
        last = b.add("Upsample", q, ins);
        break;
    }
    case Op::Pad:
        if (s.padMode == PadMode::Symmetric || s.padMode == PadMode::Circular ||
            (s.padMode == PadMode::Constant && s.padValue != 0.0)) {
            b.error = "'" + l.name + "' (" + l.type + ") pads with " +
                      (s.padMode == PadMode::Symmetric  ? std::string("the mirror image including the edge")
                       : s.padMode == PadMode::Circular ? std::string("the other side of the map")
                                                        : "the value " + std::to_string(s.padValue)) +
                      ": no PyTorch padding layer here does that";
            return false;
        }
        last = b.add(s.padMode == PadMode::Reflect     ? "ReflectionPad2d"
                     : s.padMode == PadMode::Replicate ? "ReplicationPad2d"
                                                       : "ZeroPad2d",
                     {{"padding", ParamValue::ints({s.pad.left, s.pad.right, s.pad.top, s.pad.bottom})}}, ins);
        break;
    case Op::Crop:
        last = b.explain(
            b.add("ZeroPad2d",
                  {{"padding", ParamValue::ints({-s.crop.left, -s.crop.right, -s.crop.top, -s.crop.bottom})}}, ins),
            "Keras Cropping2D '" + l.name + "': negative padding is how PyTorch crops.");
        b.noteOnce("Cropping2D became ZeroPad2d with negative padding (PyTorch crops that way).");
        break;
    case Op::BatchNorm: {
        std::map<std::string, ParamValue> q{{"num_features", s.inChannels ? s.inChannels : r.output->back()}};
        if (s.epsilon != 1e-5)
            q["eps"] = s.epsilon;
        if (!s.bnCenter || !s.bnScale)
            q["affine"] = false;
        last = b.add("BatchNorm2d", q, ins);
        b.noteOnce("BatchNorm2d counts 2·C parameters where Keras BatchNormalization counts 4·C (its moving "
                   "statistics are buffers in PyTorch).");
        break;
    }
    case Op::Dropout:
        last = b.add("Dropout", {{"p", s.rate}}, ins);
        break;
    case Op::Activation:
        if (s.activation == Act::Linear) {
            last = b.add("Identity", {}, ins);
        } else {
            last = act(ins.front());
        }
        break;
    case Op::Flatten:
        last = b.explain(b.add("Flatten", {}, ins), "PyTorch flattens in C, H, W order, Keras in H, W, C: the "
                                                    "same size, but trained Keras weights after it need reordering.");
        b.noteOnce("Flatten orders values C, H, W in PyTorch and H, W, C in Keras: same size, different order.");
        break;
    case Op::Dense: {
        const Shape &in = r.inputShapes.front();
        if (in.size() == 3) { // Keras Dense on a (H, W, C) map mixes the channels of each cell: a 1×1 convolution
            std::map<std::string, ParamValue> q{{"in_channels", in.back()}, {"out_channels", s.outChannels},
                                                {"kernel_size", 1}};
            if (!s.bias)
                q["bias"] = false;
            last = act(b.explain(b.add("Conv2d", q, ins),
                                 "Keras Dense '" + l.name + "' on a feature map acts on its channels: a 1×1 Conv2d "
                                 "(Linear would act on the width)."));
            b.noteOnce("'" + l.name + "': Dense on a feature map acts on its channels; in PyTorch that is a 1×1 "
                       "Conv2d (Linear would act on the width).");
            break;
        }
        std::map<std::string, ParamValue> q{{"in_features", in.back()}, {"out_features", s.outChannels}};
        if (!s.bias)
            q["bias"] = false;
        last = act(b.add("Linear", q, ins));
        break;
    }
    case Op::Concat: {
        const size_t rank = r.output->size();
        std::int64_t dim = 1;
        if (rank == 3)
            dim = s.axis == 2 ? 1 : s.axis + 2;
        else if (rank == 1)
            dim = 1;
        else {
            b.error = "'" + l.name + "' concatenates rank-" + std::to_string(rank) + " tensors";
            return false;
        }
        last = b.add("cat", {{"dim", dim}}, ins);
        break;
    }
    case Op::Add:
        last = b.add("add", {}, ins);
        break;
    case Op::AdaptiveAvgPool: // PyTorch-only kinds: never in a Keras graph
    case Op::AdaptiveMaxPool:
    case Op::Reshape:
    case Op::Arith:
    case Op::Reduce:
    case Op::Permute:
    case Op::Slice:
    case Op::PixelShuffle:
    case Op::GroupNorm:
    case Op::PReLU:
    case Op::LayerNorm:
    case Op::LocalResponseNorm:
    case Op::ChannelShuffle:
        b.error = "'" + l.name + "' (" + l.type + ") has no counterpart in PyTorch's catalogue here";
        return false;
    }
    if (last.empty())
        return false;
    b.tail[l.name] = last;
    return true;
}

// ---------------------------------------------------------------- PyTorch → Keras
bool torchLayerToKeras(Builder &b, const Layer &l, const LayerReport &r)
{
    const ResolvedLayer &s = r.spec;
    std::vector<std::string> ins;
    for (const auto &i : l.inputs)
        ins.push_back(b.tail.at(i));
    const Pad4 pad = r.padding.value_or(Pad4{});
    const bool anyPad = pad.top || pad.bottom || pad.left || pad.right;
    const auto zeroPad = [&](const Pad4 &p) {
        return b.add("ZeroPadding2D",
                     {{"padding", ParamValue(ParamList{ParamValue::ints({p.top, p.bottom}),
                                                       ParamValue::ints({p.left, p.right})})}},
                     ins);
    };
    std::string last;
    switch (r.op) {
    case Op::Input: {
        const Shape &sh = *r.output;
        Shape t = sh;
        if (sh.size() == 3)
            t = {sh[1], sh[2], sh[0]};
        ParamList dims;
        for (auto d : t)
            dims.emplace_back(d);
        last = b.add("InputLayer", {{"shape", ParamValue(dims)}}, {});
        b.inputNames[last] = l.name;
        // "input" is the name of an input the code never wrote (a Keras Sequential's input_shape=, PyTorch's
        // Sequential): it stays unwritten, out of the summary; a named Input(...) stays a layer of its own.
        b.out.layers.back().implicitInput = l.name == "input";
        break;
    }
    case Op::Conv:
    case Op::ConvTranspose: {
        const bool transposed = r.op == Op::ConvTranspose;
        std::map<std::string, ParamValue> q{{"filters", s.outChannels}, {"kernel_size", pairValue(s.kernel, false)}};
        if (s.stride != std::array<std::int64_t, 2>{1, 1})
            q["strides"] = pairValue(s.stride, false);
        if (s.dilation != std::array<std::int64_t, 2>{1, 1})
            q["dilation_rate"] = pairValue(s.dilation, false);
        if (!s.bias)
            q["use_bias"] = false;
        if (transposed) {
            // PyTorch crops `padding` from both sides, then appends `output_padding`: top = p, bottom = p − op.
            const Pad4 &tc = s.transposedCrop;
            const std::array<std::int64_t, 2> p{tc.top, tc.left};
            const std::array<std::int64_t, 2> op{tc.top - tc.bottom, tc.left - tc.right};
            // Keras: 'valid' crops nothing, 'same' crops ⌊k'/2⌋ (then output_padding is appended).
            const std::array<std::int64_t, 2> half{(s.dilation[0] * (s.kernel[0] - 1) + 1) / 2,
                                                   (s.dilation[1] * (s.kernel[1] - 1) + 1) / 2};
            // output_padding only where it changes Keras' own size: 'valid' gives i·s + max(k' − s, 0), i.e.
            // output_padding max(s − k', 0); 'same' gives i·s, i.e. output_padding s − k' + 2·pad.
            const auto implied = [&](bool same) {
                std::array<std::int64_t, 2> o{};
                for (size_t a = 0; a < 2; ++a) {
                    const std::int64_t k = s.dilation[a] * (s.kernel[a] - 1) + 1;
                    o[a] = same ? s.stride[a] - k + 2 * half[a] : std::max<std::int64_t>(s.stride[a] - k, 0);
                }
                return o;
            };
            if (p == std::array<std::int64_t, 2>{0, 0}) {
                if (op != implied(false))
                    q["output_padding"] = pairValue(op, false);
            } else if (p == half) {
                q["padding"] = "same";
                if (op != implied(true))
                    q["output_padding"] = pairValue(op, false);
            } else {
                b.error = "'" + l.name + "' uses a ConvTranspose2d padding Keras cannot express (only 0 or k/2)";
                return false;
            }
            last = b.add("Conv2DTranspose", q, ins);
            break;
        }
        if (s.groups != 1)
            q["groups"] = s.groups;
        // Keras 'same' pads max((out − 1)·s + k' − i, 0) per axis, the extra at the end. PyTorch writes that as
        // symmetric padding (odd k', stride 1) or as a ZeroPad2d in front (how Keras → PyTorch wrote an uneven one):
        // when the two together are exactly Keras' 'same', the layer says so and the ZeroPad2d goes.
        Pad4 total = pad;
        const LayerReport *zp = nullptr;
        if (const int zi = l.inputs.empty() ? -1 : b.src->indexOf(l.inputs.front()); zi >= 0) {
            const LayerReport &z = b.src->layers[size_t(zi)];
            if (z.op == Op::Pad && z.padding && b.readers[z.name] == 1 && z.padding->top >= 0 &&
                z.padding->bottom >= 0 && z.padding->left >= 0 && z.padding->right >= 0)
                zp = &z;
        }
        const Shape &in = zp ? zp->inputShapes.front() : r.inputShapes.front();
        if (zp) {
            total.top += zp->padding->top;
            total.bottom += zp->padding->bottom;
            total.left += zp->padding->left;
            total.right += zp->padding->right;
        }
        bool same = in.size() == 3 && r.output->size() == 3;
        for (size_t a = 0; same && a < 2; ++a) {
            const std::int64_t i = in[a + 1], o = (*r.output)[a + 1], st = s.stride[a];
            const std::int64_t k = s.dilation[a] * (s.kernel[a] - 1) + 1;
            const std::int64_t sum = std::max<std::int64_t>((o - 1) * st + k - i, 0);
            const std::int64_t before = a == 0 ? total.top : total.left, after = a == 0 ? total.bottom : total.right;
            same = o == (i + st - 1) / st && before == sum / 2 && after == sum - sum / 2;
        }
        if (same && (anyPad || zp)) {
            q["padding"] = "same";
            if (zp) { // the ZeroPadding2D written for it is only read here
                const auto it = std::find_if(b.out.layers.begin(), b.out.layers.end(),
                                             [&](const Layer &k) { return k.name == ins.front(); });
                ins = it->inputs;
                b.out.layers.erase(it);
            }
        } else if (anyPad) {
            ins = {b.explain(zeroPad(pad), "PyTorch's padding of '" + l.name + "' (" + std::to_string(pad.top) +
                                               " top/bottom, " + std::to_string(pad.left) +
                                               " left/right) is not Keras' 'same' here, so it is explicit.")};
        }
        last = b.add("Conv2D", q, ins);
        break;
    }
    case Op::MaxPool:
    case Op::AvgPool: {
        const bool avg = r.op == Op::AvgPool;
        if (s.dilation != std::array<std::int64_t, 2>{1, 1}) {
            b.error = "'" + l.name + "' uses a dilated pooling window; Keras has none";
            return false;
        }
        std::map<std::string, ParamValue> q{{"pool_size", pairValue(s.kernel, false)},
                                            {"strides", pairValue(s.stride, false)}};
        if (s.ceilMode) {
            // ceil_mode without padding, windows as wide as their step: out = ⌈i / s⌉, which is Keras 'same'.
            const Shape &in = r.inputShapes.front(), &o = *r.output;
            const auto ceilDiv = [](std::int64_t a, std::int64_t d) { return (a + d - 1) / d; };
            const bool same = !anyPad && s.kernel == s.stride && in.size() == 3 && o.size() == 3 &&
                              o[1] == ceilDiv(in[1], s.stride[0]) && o[2] == ceilDiv(in[2], s.stride[1]);
            if (!same) {
                b.error = "'" + l.name + "' uses ceil_mode=True in a way Keras pooling cannot express";
                return false;
            }
            q["padding"] = "same";
            b.noteOnce("ceil_mode=True pooling became padding='same' (same size; Keras may pad the top/left too).");
        } else if (anyPad) {
            ins = {b.explain(zeroPad(pad), avg ? "PyTorch pools '" + l.name + "' with implicit zero padding; Keras "
                                                 "pooling pads only for 'same', so the zeros are explicit."
                                               : "PyTorch pads '" + l.name + "' with −∞; Keras pooling pads only "
                                                 "for 'same', so zeros are explicit (equal after a ReLU).")};
            if (!avg)
                b.noteOnce("MaxPool2d padding became ZeroPadding2D: zeros where PyTorch pads with −∞ (equal after "
                           "a ReLU).");
            if (avg && s.padKind == PadKind::Excluded)
                b.noteOnce("'" + l.name + "': count_include_pad=False has no Keras equivalent once padding is "
                           "explicit; border averages differ.");
        }
        last = b.add(avg ? "AveragePooling2D" : "MaxPooling2D", q, ins);
        break;
    }
    case Op::AdaptiveAvgPool: {
        const Shape &in = r.inputShapes.front();
        const Shape &o = *r.output;
        if (o.size() == 3 && o[1] == 1 && o[2] == 1) {
            last = b.add("GlobalAveragePooling2D", {{"keepdims", true}}, ins);
        } else if (o.size() == 3 && in[1] % o[1] == 0 && in[2] % o[2] == 0) {
            last = b.add("AveragePooling2D", {{"pool_size", ParamValue::ints({in[1] / o[1], in[2] / o[2]})}}, ins);
        } else {
            b.error = "'" + l.name + "' pools to a size that does not divide its input; Keras has no adaptive pooling";
            return false;
        }
        break;
    }
    case Op::Upsample: {
        const double sh = s.scale[0], sw = s.scale[1];
        if (sh != std::floor(sh) || sw != std::floor(sw) || s.alignCorners) {
            b.error = "'" + l.name + "' upsamples by a non-integer factor or with align_corners; UpSampling2D cannot";
            return false;
        }
        std::map<std::string, ParamValue> q{{"size", ParamValue::ints({std::int64_t(sh), std::int64_t(sw)})}};
        if (s.interpolation == Interp::Bilinear)
            q["interpolation"] = "bilinear";
        last = b.add("UpSampling2D", q, ins);
        break;
    }
    case Op::Pad: {
        if (s.padMode != PadMode::Constant || s.padValue != 0.0) {
            b.error = "'" + l.name + "' (" + l.type + ") pads with " +
                      (s.padMode == PadMode::Reflect     ? std::string("the mirror image of the border")
                       : s.padMode == PadMode::Replicate ? std::string("copies of the edge")
                       : s.padMode == PadMode::Circular  ? std::string("the other side of the map")
                       : s.padMode == PadMode::Symmetric ? std::string("the mirror image including the edge")
                                                         : "the value " + std::to_string(s.padValue)) +
                      "; Keras' ZeroPadding2D pads with zeros only: no counterpart";
            return false;
        }
        const Pad4 &p = s.pad;
        if (p.top >= 0 && p.bottom >= 0 && p.left >= 0 && p.right >= 0) {
            last = zeroPad(p);
        } else if (p.top <= 0 && p.bottom <= 0 && p.left <= 0 && p.right <= 0) {
            last = b.add("Cropping2D",
                         {{"cropping", ParamValue(ParamList{ParamValue::ints({-p.top, -p.bottom}),
                                                            ParamValue::ints({-p.left, -p.right})})}},
                         ins);
        } else {
            b.error = "'" + l.name + "' both pads and crops; split it in two to convert";
            return false;
        }
        break;
    }
    case Op::BatchNorm: {
        if (r.inputShapes.front().size() == 2) { // BatchNorm1d on (C, L): Keras would see (L, C)
            b.error = "'" + l.name + "' (" + l.type + ") normalises the features C of a (C, L) sequence; Keras' "
                      "BatchNormalization would act on its last axis (L): no counterpart here";
            return false;
        }
        std::map<std::string, ParamValue> q{{"epsilon", s.epsilon}};
        if (!s.bnCenter || !s.bnScale) {
            q["center"] = false;
            q["scale"] = false;
        }
        last = b.add("BatchNormalization", q, ins);
        b.noteOnce("Keras BatchNormalization counts 4·C parameters (2·C trainable), BatchNorm2d 2·C.");
        break;
    }
    case Op::Dropout:
        last = b.add("Dropout", {{"rate", s.rate}}, ins);
        break;
    case Op::Activation: {
        // An activation that is the only reader of a convolution or Dense layer goes back into it (Keras'
        // activation=), undoing the split of the way to PyTorch; one applied to anything else stays a layer.
        const std::string producer = l.inputs.empty() ? std::string() : l.inputs.front();
        Layer *fused = nullptr;
        if (const char *a = kerasActivationName(r); a && std::string(a) != "linear" && b.readers[producer] == 1 &&
                                                       (l.type != "Softmax" || s.axis == 0))
            for (Layer &k : b.out.layers)
                if (k.name == ins.front() &&
                    (k.type == "Conv2D" || k.type == "Conv2DTranspose" || k.type == "Dense") &&
                    !k.params.count("activation"))
                    fused = &k;
        if (fused) {
            fused->params["activation"] = kerasActivationName(r);
            last = fused->name;
        } else if (l.type == "LeakyReLU") {
            last = b.add("LeakyReLU", {{"alpha", s.alpha}}, ins);
        } else if (const char *a = kerasActivationName(r)) {
            last = b.add("Activation", {{"activation", a}}, ins);
            if (l.type == "Softmax")
                b.noteOnce("Softmax became Activation('softmax'), which acts on the channel axis.");
        } else {
            b.error = "'" + l.name + "' (" + l.type + ") has no Keras activation here";
            return false;
        }
        break;
    }
    case Op::Flatten:
        last = b.add("Flatten", {}, ins);
        b.noteOnce("Flatten orders values H, W, C in Keras and C, H, W in PyTorch: same size, different order.");
        break;
    case Op::Dense: {
        if (r.inputShapes.front().size() == 3) {
            b.error = "'" + l.name + "' (Linear) acts on the width of a (C, H, W) map; Keras Dense would act on the "
                      "channels: no counterpart (flatten first, or use a 1×1 Conv2d)";
            return false;
        }
        std::map<std::string, ParamValue> q{{"units", s.outChannels}};
        if (!s.bias)
            q["use_bias"] = false;
        last = b.add("Dense", q, ins);
        break;
    }
    case Op::Reshape: {
        const Shape &o = *r.output;
        Shape t = o;
        if (o.size() == 3)
            t = {o[1], o[2], o[0]};
        ParamList dims;
        for (auto d : t)
            dims.emplace_back(d);
        last = b.explain(b.add("Reshape", {{"target_shape", ParamValue(dims)}}, ins),
                         "PyTorch's Unflatten '" + l.name + "' in the Keras layout: the values land in a different "
                         "order.");
        b.noteOnce("Unflatten became Reshape to the Keras layout; the values land in a different order.");
        break;
    }
    case Op::Concat: {
        const size_t rank = r.output->size();
        std::int64_t axis = -1;
        if (rank == 3)
            axis = s.axis == 0 ? -1 : s.axis; // (C,H,W) axis 1 = H → Keras axis 1 (H in (None,H,W,C)), 2 = W → 2
        last = b.add("Concatenate", {{"axis", axis}}, ins);
        break;
    }
    case Op::Add:
        last = b.add("Add", {}, ins);
        break;
    case Op::DepthwiseConv: // Keras-only kinds: never in a PyTorch graph
    case Op::SeparableConv:
    case Op::GlobalMaxPool:
    case Op::GlobalAvgPool:
    case Op::Crop:
    case Op::AdaptiveMaxPool:
        b.error = "'" + l.name + "' (" + l.type + ") has no counterpart in Keras's catalogue here";
        return false;
    case Op::Arith: // tensor operations of forward(): Keras would need Lambda layers or other axes (channels last)
    case Op::Reduce:
    case Op::Permute:
    case Op::Slice:
    case Op::PixelShuffle:
    case Op::GroupNorm:
    case Op::PReLU:
    case Op::LayerNorm:
    case Op::LocalResponseNorm:
    case Op::ChannelShuffle:
        b.error = "'" + l.name + "' (" + l.type + ") has no counterpart in Keras's catalogue here (it acts on "
                  "PyTorch's (C, H, W) axes; Keras would need a Lambda or a layer ConvLens does not have)";
        return false;
    }
    if (last.empty())
        return false;
    b.tail[l.name] = last;
    return true;
}

} // namespace

SemanticsSwitch switchSemantics(const Graph &graph, const ShapeReport &report, Framework to)
{
    SemanticsSwitch result;
    if (graph.framework == to) {
        result.graph = graph;
        return result;
    }
    if (!report.ok || report.layers.size() != graph.layers.size()) {
        result.error = "the model must resolve before it can be rewritten for the other framework (a layer is "
                       "refused: fix it first)";
        return result;
    }
    Builder b;
    b.out.framework = to;
    b.src = &report;
    for (const Layer &l : graph.layers)
        for (const auto &in : l.inputs)
            ++b.readers[in];
    for (const auto &o : report.outputs)
        ++b.readers[o];
    std::map<std::string, std::string> sourceOf; // temporary name → source layer
    for (size_t i = 0; i < graph.layers.size(); ++i) {
        const Layer &l = graph.layers[i];
        const LayerReport &r = report.layers[i];
        const bool ok = to == Framework::PyTorch ? kerasLayerToTorch(b, l, r) : torchLayerToKeras(b, l, r);
        if (!ok) {
            result.error = b.error.empty() ? "'" + l.name + "' cannot be converted" : b.error;
            return result;
        }
        for (auto it = b.out.layers.rbegin(); it != b.out.layers.rend() && !sourceOf.count(it->name); ++it)
            sourceOf[it->name] = l.name;
    }
    for (const auto &o : graph.outputs)
        b.out.outputs.push_back(b.tail.at(o));
    // Framework-style names: tf.keras auto names / PyTorch Sequential indices, references rewritten.
    // The inputs keep their names (a PyTorch Sequential has no place for them, so they survive the way back).
    Graph named = b.out;
    for (auto &l : named.layers) {
        const auto kept = b.inputNames.find(l.name);
        l.name = kept == b.inputNames.end() ? std::string() : kept->second;
    }
    assignDefaultNames(named);
    std::map<std::string, std::string> rename;
    for (size_t i = 0; i < named.layers.size(); ++i)
        rename[b.out.layers[i].name] = named.layers[i].name;
    for (auto &l : named.layers) {
        const size_t i = size_t(&l - named.layers.data());
        l.inputs = b.out.layers[i].inputs;
        for (auto &in : l.inputs)
            in = rename.at(in);
    }
    for (auto &o : named.outputs)
        o = rename.at(o);
    result.graph = std::move(named);
    result.notes = std::move(b.notes);
    for (const auto &[tmp, src] : sourceOf)
        if (const auto it = rename.find(tmp); it != rename.end())
            result.sourceOf[it->second] = src;
    for (const auto &[src, tmp] : b.tail) // a ZeroPadding2D folded into the next layer's 'same' has none
        if (const auto it = rename.find(tmp); it != rename.end())
            result.tailOf[src] = it->second;
    for (const auto &[tmp, text] : b.why)
        if (const auto it = rename.find(tmp); it != rename.end())
            result.layerNotes[it->second] = text;
    return result;
}

} // namespace convlens
