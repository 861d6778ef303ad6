// quiz.cpp — checking predictions, diagnosing the missed term, and the random quiz.
#include "teach/quiz.h"

#include "model/translate.h"
#include "shape/dims.h"
#include "shape/infer.h"

#include <QCoreApplication>
#include <QString>
#include <algorithm>
#include <random>

namespace convlens::teach {

namespace {

// The translation context of the feedback ("Quiz" in the .ts files).
class Quiz
{
    Q_DECLARE_TR_FUNCTIONS(Quiz)
};

std::string s(const QString &q)
{
    return q.toStdString();
}

bool isWindowOp(Op op)
{
    return op == Op::Conv || op == Op::DepthwiseConv || op == Op::SeparableConv || op == Op::MaxPool ||
           op == Op::AvgPool;
}

bool isPool(Op op)
{
    return op == Op::MaxPool || op == Op::AvgPool;
}

// Whether the user left the pool's stride to its default (strides=None / stride=None).
bool defaultPoolStride(const Layer &l, Framework fw)
{
    const auto it = l.params.find(fw == Framework::Keras ? "strides" : "stride");
    return it == l.params.end() || it->second.isNone();
}

// The spatial input size of a layer on `axis` (0 = height, 1 = width).
std::optional<i64> inputSize(const LayerReport &l, Framework fw, int axis)
{
    if (l.inputShapes.empty() || l.inputShapes.front().size() != 3)
        return std::nullopt;
    return l.inputShapes.front()[size_t(fw == Framework::Keras ? axis : axis + 1)];
}

bool kerasSame(const Layer &l)
{
    const auto it = l.params.find("padding");
    return it != l.params.end() && it->second.isString() && it->second.asString() == "same";
}

struct Mistake {
    std::optional<i64> value; // what the mistake gives (nullopt: the formula refuses)
    QString why;
};

// Each common mistake on one axis of a window layer, with what it gives, most specific first.
std::vector<Mistake> mistakes(const Layer &layer, const LayerReport &l, Framework fw, int axis)
{
    std::vector<Mistake> m;
    const std::optional<i64> in = inputSize(l, fw, axis);
    if (!in || !isWindowOp(l.op))
        return m;
    const i64 i = *in, k = l.spec.kernel[size_t(axis)], st = l.spec.stride[size_t(axis)],
              d = l.spec.dilation[size_t(axis)];
    const i64 kEff = dims::effectiveKernel(k, d);
    const bool pool = isPool(l.op);
    if (fw == Framework::Keras) {
        const bool same = kerasSame(layer);
        const auto out = [&](i64 kk, i64 ss, bool sm) -> std::optional<i64> {
            return sm ? dims::tfSame(i, kk, ss).out : dims::tfValid(i, kk, ss);
        };
        if (pool && defaultPoolStride(layer, fw) && st > 1)
            m.push_back({out(kEff, 1, same), Quiz::tr("strides default to pool_size: s = %1, not 1").arg(st)});
        if (d > 1)
            m.push_back({out(k, st, same), Quiz::tr("dilation_rate=%1 widens the kernel: k' = d·(k − 1) + 1 = %2")
                                                .arg(d)
                                                .arg(kEff)});
        if (same) {
            m.push_back({out(kEff, st, false),
                         Quiz::tr("padding='same' gives ⌈i / s⌉ = ⌈%1 / %2⌉ = %3: the kernel size does not enter")
                             .arg(i)
                             .arg(st)
                             .arg(dims::ceilDiv(i, st))});
            m.push_back({i / st, Quiz::tr("'same' rounds up: ⌈%1 / %2⌉, not ⌊%1 / %2⌋").arg(i).arg(st)});
        } else {
            m.push_back({dims::ceilDiv(i, st),
                         Quiz::tr("padding='valid' adds no padding: the window must fit, ⌊(i − k') / s⌋ + 1")});
            if (i >= kEff) {
                m.push_back({(i - kEff) / st, Quiz::tr("the + 1: the first window counts too")});
                m.push_back({dims::ceilDiv(i - kEff, st) + 1, Quiz::tr("the division rounds down: ⌊(%1 − %2) / %3⌋")
                                                                  .arg(i)
                                                                  .arg(kEff)
                                                                  .arg(st)});
            }
        }
        if (st > 1 && !(pool && defaultPoolStride(layer, fw)))
            m.push_back({out(kEff, 1, same), Quiz::tr("the stride divides the size: s = %1").arg(st)});
        return m;
    }
    // PyTorch: symmetric integer padding p, floor (or ceil_mode) division.
    const i64 p1 = axis == 0 ? l.spec.pad.top : l.spec.pad.left; // == bottom / right for torch window layers
    const auto torchOut = [&](i64 kk, i64 ss, i64 before, i64 after, bool ceil) -> std::optional<i64> {
        const i64 padded = i + before + after;
        if (padded < kk)
            return std::nullopt;
        return (ceil ? dims::ceilDiv(padded - kk, ss) : (padded - kk) / ss) + 1;
    };
    const bool ceil = l.spec.ceilMode;
    if (pool && defaultPoolStride(layer, fw) && st > 1)
        m.push_back({torchOut(kEff, 1, p1, p1, ceil), Quiz::tr("stride defaults to kernel_size: s = %1, not 1").arg(st)});
    if (d > 1)
        m.push_back({torchOut(k, st, p1, p1, ceil),
                     Quiz::tr("dilation=%1 widens the kernel: k' = d·(k − 1) + 1 = %2").arg(d).arg(kEff)});
    if (p1 > 0) {
        m.push_back({torchOut(kEff, st, p1, 0, ceil),
                     Quiz::tr("padding=%1 is added on both sides: i + 2·%1 = %2").arg(p1).arg(i + 2 * p1)});
        m.push_back({torchOut(kEff, st, 0, 0, ceil), Quiz::tr("padding=%1 adds %1 on each side").arg(p1)});
    }
    m.push_back({torchOut(kEff, st, p1, p1, !ceil),
                 ceil ? Quiz::tr("ceil_mode=True rounds the division up") : Quiz::tr("the division rounds down (floor)")});
    if (i + 2 * p1 >= kEff)
        m.push_back({(i + 2 * p1 - kEff) / st, Quiz::tr("the + 1: the first window counts too")});
    if (st > 1 && !(pool && defaultPoolStride(layer, fw)))
        m.push_back({torchOut(kEff, 1, p1, p1, ceil), Quiz::tr("the stride divides the size: s = %1").arg(st)});
    return m;
}

QString channelsWhy(const LayerReport &l, Framework fw, i64 expected)
{
    const i64 inC = inputSize(l, fw, 0) ? l.inputShapes.front()[fw == Framework::Keras ? 2 : 0] : 0;
    switch (l.op) {
    case Op::Conv:
    case Op::SeparableConv:
    case Op::ConvTranspose:
        return fw == Framework::Keras ? Quiz::tr("C is the number of filters: filters=%1").arg(expected)
                                      : Quiz::tr("C is out_channels=%1").arg(expected);
    case Op::DepthwiseConv:
        return Quiz::tr("a depthwise convolution gives C = C_in × depth_multiplier = %1 × %2")
            .arg(inC)
            .arg(l.spec.depthMultiplier);
    case Op::Concat:
        return Quiz::tr("concatenation adds up the channels of its inputs: C = %1").arg(expected);
    case Op::Input:
    case Op::MaxPool:
    case Op::AvgPool:
    case Op::GlobalMaxPool:
    case Op::GlobalAvgPool:
    case Op::AdaptiveAvgPool:
    case Op::AdaptiveMaxPool:
    case Op::Upsample:
    case Op::Pad:
    case Op::Crop:
    case Op::BatchNorm:
    case Op::Dropout:
    case Op::Activation:
    case Op::Flatten:
    case Op::Dense:
    case Op::Reshape:
    case Op::Add:
    case Op::Arith:
    case Op::GroupNorm:
    case Op::PReLU:
    case Op::LayerNorm:
    case Op::LocalResponseNorm:
    case Op::ChannelShuffle:
        break;
    case Op::Reduce: // these may move or change the channels: no one-line rule to name
    case Op::Permute:
    case Op::Slice:
    case Op::PixelShuffle:
        return {};
    }
    return Quiz::tr("this layer keeps the channels: C = %1").arg(expected);
}

QuizFeedback refuse(const std::string &why)
{
    QuizFeedback f;
    f.error = why;
    return f;
}

const LayerReport *findLayer(const ShapeReport &report, const std::string &name)
{
    const int i = report.indexOf(name);
    return i < 0 ? nullptr : &report.layers[size_t(i)];
}

void addUnique(std::vector<std::string> &list, const QString &text)
{
    if (text.isEmpty())
        return;
    const std::string t = s(text);
    if (std::find(list.begin(), list.end(), t) == list.end())
        list.push_back(t);
}

} // namespace

bool quizzable(const LayerReport &layer, QuizQuestion::Ask ask)
{
    if (!layer.ok() || layer.implicitInput || layer.op == Op::Input)
        return false;
    if (ask == QuizQuestion::Ask::Padding)
        return isWindowOp(layer.op) && layer.padding.has_value();
    return layer.output && layer.output->size() == 3;
}

std::optional<std::array<i64, 3>> outputHwc(const LayerReport &layer, Framework fw)
{
    if (!layer.output || layer.output->size() != 3)
        return std::nullopt;
    const Shape &o = *layer.output;
    return fw == Framework::Keras ? std::array<i64, 3>{o[0], o[1], o[2]} : std::array<i64, 3>{o[1], o[2], o[0]};
}

QuizFeedback checkShape(const Graph &g, const ShapeReport &report, const std::string &name,
                        const std::array<i64, 3> &hwc)
{
    const LayerReport *l = findLayer(report, name);
    const Layer *layer = g.find(name);
    if (!l || !layer)
        return refuse(s(Quiz::tr("no layer '%1' in the model").arg(QString::fromStdString(name))));
    if (!quizzable(*l, QuizQuestion::Ask::OutputShape))
        return refuse(s(Quiz::tr("'%1' has no height × width × channels output to predict")
                            .arg(QString::fromStdString(name))));
    QuizFeedback f;
    const std::array<i64, 3> want = *outputHwc(*l, g.framework);
    f.expected.assign(want.begin(), want.end());
    f.formula = l->formula;
    f.right = true;
    for (int a = 0; a < 3; ++a) {
        f.fieldRight.push_back(hwc[size_t(a)] == want[size_t(a)]);
        f.right = f.right && f.fieldRight.back();
    }
    for (int axis = 0; axis < 2; ++axis) {
        if (f.fieldRight[size_t(axis)])
            continue;
        for (const Mistake &m : mistakes(*layer, *l, g.framework, axis))
            if (m.value && *m.value == hwc[size_t(axis)] && *m.value != want[size_t(axis)]) {
                addUnique(f.missed, m.why);
                break;
            }
    }
    if (!f.fieldRight[2])
        addUnique(f.missed, channelsWhy(*l, g.framework, want[2]));
    return f;
}

QuizFeedback checkPadding(const Graph &g, const ShapeReport &report, const std::string &name, const Pad4 &pad)
{
    const LayerReport *l = findLayer(report, name);
    const Layer *layer = g.find(name);
    if (!l || !layer)
        return refuse(s(Quiz::tr("no layer '%1' in the model").arg(QString::fromStdString(name))));
    if (!quizzable(*l, QuizQuestion::Ask::Padding))
        return refuse(s(Quiz::tr("'%1' does not pad its input").arg(QString::fromStdString(name))));
    QuizFeedback f;
    const Pad4 want = *l->padding;
    f.expected = {want.top, want.bottom, want.left, want.right};
    const std::array<i64, 4> got{pad.top, pad.bottom, pad.left, pad.right};
    f.formula = l->formula;
    f.right = true;
    for (size_t i = 0; i < 4; ++i) {
        f.fieldRight.push_back(got[i] == f.expected[i]);
        f.right = f.right && f.fieldRight.back();
    }
    if (f.right)
        return f;
    const bool keras = g.framework == Framework::Keras;
    for (int axis = 0; axis < 2; ++axis) {
        const i64 before = f.expected[size_t(2 * axis)], after = f.expected[size_t(2 * axis + 1)];
        const i64 gb = got[size_t(2 * axis)], ga = got[size_t(2 * axis + 1)];
        if (gb == before && ga == after)
            continue;
        const std::optional<i64> in = inputSize(*l, g.framework, axis);
        const i64 total = before + after;
        if (keras && !kerasSame(*layer)) {
            addUnique(f.missed, Quiz::tr("padding='valid' adds no padding at all"));
        } else if (keras) {
            const i64 k = dims::effectiveKernel(l->spec.kernel[size_t(axis)], l->spec.dilation[size_t(axis)]);
            const i64 st = l->spec.stride[size_t(axis)];
            if (gb + ga == total && gb == after && ga == before)
                addUnique(f.missed, Quiz::tr("TensorFlow puts the odd pad cell at the bottom and right: ⌊%1 / 2⌋ = %2 "
                                             "before, %3 after")
                                        .arg(total)
                                        .arg(before)
                                        .arg(after));
            else if (in)
                addUnique(f.missed, Quiz::tr("'same' pads total = max((out − 1)·s + k' − i, 0) = max((%1 − 1)·%2 + "
                                             "%3 − %4, 0) = %5, which depends on the input size; ⌊total / 2⌋ "
                                             "before, the rest after")
                                        .arg(dims::ceilDiv(*in, st))
                                        .arg(st)
                                        .arg(k)
                                        .arg(*in)
                                        .arg(total));
        } else if (gb != ga) {
            addUnique(f.missed, Quiz::tr("PyTorch pads symmetrically: padding=%1 on each side").arg(before));
        } else {
            addUnique(f.missed, Quiz::tr("padding=%1 is what the layer adds on each side").arg(before));
        }
    }
    return f;
}

std::string layerCall(const Graph &g, const Layer &layer)
{
    std::string args;
    if (const KindDef *kind = findKind(g.framework, layer.type))
        for (const ParamDef &def : kind->params) {
            const auto it = layer.params.find(def.name);
            if (it == layer.params.end())
                continue;
            args += (args.empty() ? "" : ", ") + def.name + "=" + it->second.toPython();
        }
    return layer.type + "(" + args + ")";
}

RandomQuiz randomQuiz(std::uint32_t seed)
{
    std::mt19937 rng(seed);
    const auto pick = [&rng](i64 lo, i64 hi) { return std::uniform_int_distribution<i64>(lo, hi)(rng); };
    // A draw is thrown away when a window no longer fits what is left of the input; a few hundred draws always find
    // one (the first layer alone always fits a 15-pixel input).
    for (int attempt = 0;; ++attempt) {
        Graph g;
        g.framework = Framework::Keras;
        const i64 size = 2 * pick(7, 31) + 1; // 15 … 63, odd
        Layer in;
        in.type = "InputLayer";
        in.params["shape"] = ParamValue::ints({size, size, pick(0, 1) ? 3 : 1});
        g.layers.push_back(in);
        std::vector<std::string> kinds;
        const i64 n = attempt < 500 ? pick(2, 4) : 1;
        i64 filters = 8;
        for (i64 i = 0; i < n; ++i) {
            Layer l;
            l.inputs = {""}; // named below
            switch (pick(0, 4)) {
            case 0: // the classic: k = 3, stride 2, 'same'
            case 1:
                l.type = "Conv2D";
                l.params = {{"filters", filters}, {"kernel_size", 2 * pick(1, 2) + 1}, {"strides", 2},
                            {"padding", "same"}};
                break;
            case 2: // valid, maybe dilated
                l.type = "Conv2D";
                l.params = {{"filters", filters}, {"kernel_size", pick(0, 1) ? 3 : 5}, {"padding", "valid"}};
                if (pick(0, 1))
                    l.params["dilation_rate"] = 2;
                else
                    l.params["strides"] = 2;
                break;
            case 3: // pooling with the default strides
                l.type = "MaxPooling2D";
                l.params = {{"pool_size", pick(2, 3)}};
                if (pick(0, 1))
                    l.params["padding"] = "same";
                break;
            default:
                l.type = "AveragePooling2D";
                l.params = {{"pool_size", 2}, {"padding", "same"}};
                break;
            }
            filters *= 2;
            g.layers.push_back(l);
        }
        assignDefaultNames(g);
        for (size_t i = 1; i < g.layers.size(); ++i)
            g.layers[i].inputs = {g.layers[i - 1].name};
        if (!validateAndOrder(g).empty())
            continue;
        const ShapeReport r = infer(g);
        if (!r.ok)
            continue; // a window larger than what is left: draw again
        for (const LayerReport &l : r.layers) {
            if (quizzable(l, QuizQuestion::Ask::OutputShape))
                g.quiz.push_back({l.name, QuizQuestion::Ask::OutputShape});
            const Layer *layer = g.find(l.name);
            if (layer && kerasSame(*layer) && quizzable(l, QuizQuestion::Ask::Padding))
                g.quiz.push_back({l.name, QuizQuestion::Ask::Padding});
        }
        SemanticsSwitch sw = switchSemantics(g, r, Framework::PyTorch);
        if (!sw.graph)
            continue;
        Graph torch = std::move(*sw.graph);
        const ShapeReport tr = infer(torch);
        if (!tr.ok)
            continue;
        for (const LayerReport &l : tr.layers) {
            if (quizzable(l, QuizQuestion::Ask::OutputShape))
                torch.quiz.push_back({l.name, QuizQuestion::Ask::OutputShape});
            if (quizzable(l, QuizQuestion::Ask::Padding) && l.padding &&
                (l.padding->top > 0 || l.padding->left > 0))
                torch.quiz.push_back({l.name, QuizQuestion::Ask::Padding});
        }
        return {std::move(g), std::move(torch)};
    }
}

} // namespace convlens::teach
