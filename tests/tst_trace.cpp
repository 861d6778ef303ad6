// tst_trace.cpp — the window trace against compute/'s reference and fast forward passes over a table of layer kinds,
// sizes, kernels, strides, paddings, dilations, ceil_mode and pad semantics, in both frameworks: every step's result
// equals the layer's output, the cells sit where the framework pads (TF SAME's extra row/column at bottom/right only,
// the autoencoder's third MaxPooling2D), pad kinds are right; the receptive field of every cell of small models
// equals the brute-force one (perturb one input cell, see which outputs change).
#include "compute/activation.h"
#include "compute/forward.h"
#include "compute/reference/reference.h"
#include "compute/runner.h"
#include "formats/model_file.h"
#include "tensor/weights.h"
#include "shape/infer.h"
#include "shape/receptive_field.h"
#include "trace/trace.h"

#include <QTest>

#include <cmath>
#include <random>

using namespace convlens;
using namespace Qt::Literals::StringLiterals;

namespace {

using i64 = std::int64_t;
using Params = std::map<std::string, ParamValue>;

ParamValue pair(i64 a, i64 b)
{
    return ParamValue::ints({a, b});
}

// A graph built in code: chain() appends a layer fed by the previous one, merge() one fed by named layers.
struct Builder {
    Graph g;
    Builder(Framework f, Shape input)
    {
        g.framework = f;
        Layer in;
        in.type = f == Framework::Keras ? "InputLayer" : "Input";
        in.name = f == Framework::Keras ? "input_1" : "input";
        in.implicitInput = f == Framework::PyTorch;
        ParamList dims;
        for (auto d : input)
            dims.emplace_back(d);
        in.params["shape"] = ParamValue(dims);
        g.layers.push_back(in);
    }
    Builder &chain(const std::string &type, Params params = {}, const std::string &name = {})
    {
        return merge(type, {g.layers.back().name}, std::move(params), name);
    }
    Builder &merge(const std::string &type, std::vector<std::string> inputs, Params params = {},
                   const std::string &name = {})
    {
        Layer l;
        l.type = type;
        l.name = name;
        l.params = std::move(params);
        l.inputs = std::move(inputs);
        g.layers.push_back(l);
        assignDefaultNames(g);
        return *this;
    }
    std::string last() const { return g.layers.back().name; }
    ShapeReport report()
    {
        const auto errors = validateAndOrder(g);
        if (!errors.empty())
            qFatal("graph invalid: %s", errors[0].message.c_str());
        return infer(g);
    }
};

struct LayerCase {
    std::string name;
    Framework f;
    Shape input;
    std::string type;
    Params params;
};

std::string text(const ParamValue &v)
{
    return v.toPython();
}

std::string describe(const std::string &type, const Params &p)
{
    std::string s = type + "(";
    bool first = true;
    for (const auto &[k, v] : p) {
        s += (first ? "" : ", ") + k + "=" + text(v);
        first = false;
    }
    return s + ")";
}

// The table: every traceable kind in both semantics over sizes, kernels, strides, paddings, dilations, ceil_mode and
// pad semantics. Combinations the framework refuses are dropped when the table is built (infer decides).
const std::vector<LayerCase> &layerCases()
{
    static const std::vector<LayerCase> cases = [] {
        std::vector<LayerCase> all;
        const auto add = [&](Framework f, Shape in, const std::string &type, Params p) {
            std::string n = std::string(f == Framework::Keras ? "keras " : "torch ") + describe(type, p) + " on ";
            for (size_t i = 0; i < in.size(); ++i)
                n += (i ? "x" : "") + std::to_string(in[i]);
            all.push_back({n, f, std::move(in), type, std::move(p)});
        };
        const Framework K = Framework::Keras, T = Framework::PyTorch;
        for (auto hw : {std::array<i64, 2>{7, 7}, std::array<i64, 2>{8, 5}}) {
            for (i64 k : {1, 2, 3})
                for (i64 s : {1, 2, 3})
                    for (const char *pad : {"valid", "same"})
                        for (i64 d : {1, 2}) {
                            if (s > 1 && d > 1)
                                continue;
                            add(K, {hw[0], hw[1], 3}, "Conv2D",
                                {{"filters", 2},
                                 {"kernel_size", k},
                                 {"strides", s},
                                 {"padding", pad},
                                 {"dilation_rate", d},
                                 {"activation", k == 2 ? "relu" : "linear"}});
                        }
            add(K, {hw[0], hw[1], 4}, "Conv2D",
                {{"filters", 6}, {"kernel_size", 3}, {"padding", "same"}, {"groups", 2}, {"activation", "tanh"}});
            add(K, {hw[0], hw[1], 2}, "Conv2D",
                {{"filters", 3}, {"kernel_size", 3}, {"strides", 2}, {"padding", "same"}, {"activation", "softmax"}});
            add(K, {hw[0], hw[1], 1}, "Conv2D", {{"filters", 1}, {"kernel_size", pair(2, 3)}, {"use_bias", false}});
            for (i64 k : {2, 3})
                for (i64 s : {1, 2})
                    for (const char *pad : {"valid", "same"})
                        for (i64 d : {1, 2})
                            for (i64 dm : {1, 2}) {
                                if (s > 1 && d > 1)
                                    continue;
                                add(K, {hw[0], hw[1], 2}, "DepthwiseConv2D",
                                    {{"kernel_size", k},
                                     {"strides", s},
                                     {"padding", pad},
                                     {"dilation_rate", d},
                                     {"depth_multiplier", dm}});
                            }
            for (i64 s : {1, 2})
                for (const char *pad : {"valid", "same"})
                    for (i64 d : {1, 2})
                        for (i64 dm : {1, 2}) {
                            if (s > 1 && d > 1)
                                continue;
                            add(K, {hw[0], hw[1], 2}, "SeparableConv2D",
                                {{"filters", 3},
                                 {"kernel_size", 3},
                                 {"strides", s},
                                 {"padding", pad},
                                 {"dilation_rate", d},
                                 {"depth_multiplier", dm},
                                 {"activation", dm == 2 ? "relu" : "linear"}});
                        }
            add(K, {hw[0], hw[1], 3}, "SeparableConv2D",
                {{"filters", 4}, {"kernel_size", pair(2, 3)}, {"depth_multiplier", 2}, {"use_bias", false}});
            for (const char *type : {"MaxPooling2D", "AveragePooling2D"})
                for (i64 k : {2, 3})
                    for (int s : {0, 1, 2})
                        for (const char *pad : {"valid", "same"}) {
                            Params p{{"pool_size", k}, {"padding", pad}};
                            if (s)
                                p["strides"] = s;
                            add(K, {hw[0], hw[1], 2}, type, p);
                        }
            for (i64 k : {1, 2, 3, 4})
                for (i64 s : {1, 2, 3})
                    for (const char *pad : {"valid", "same"})
                        for (int op : {-1, 0, 1}) {
                            if (op >= s)
                                continue;
                            Params p{{"filters", 2}, {"kernel_size", k}, {"strides", s}, {"padding", pad}};
                            if (op >= 0)
                                p["output_padding"] = op;
                            add(K, {hw[0], hw[1], 2}, "Conv2DTranspose", p);
                        }
            add(K, {hw[0], hw[1], 2}, "Conv2DTranspose",
                {{"filters", 2},
                 {"kernel_size", 3},
                 {"dilation_rate", 2},
                 {"padding", "same"},
                 {"activation", "sigmoid"}});

            // PyTorch
            for (i64 k : {1, 3})
                for (i64 s : {1, 2})
                    for (int p : {0, 1, 2, -1})
                        for (i64 d : {1, 2})
                            for (i64 g : {1, 2}) {
                                Params ps{{"in_channels", 4}, {"out_channels", 4}, {"kernel_size", k}, {"stride", s},
                                          {"dilation", d},    {"groups", g},       {"bias", g == 1}};
                                ps["padding"] = p < 0 ? ParamValue("same") : ParamValue(p);
                                add(T, {4, hw[0], hw[1]}, "Conv2d", ps);
                            }
            add(T, {2, hw[0], hw[1]}, "Conv2d",
                {{"in_channels", 2}, {"out_channels", 3}, {"kernel_size", pair(3, 2)}, {"padding", pair(1, 0)}});
            for (i64 k : {2, 3})
                for (int s : {0, 1, 2})
                    for (i64 p : {0, 1})
                        for (i64 d : {1, 2})
                            for (bool ceil : {false, true}) {
                                Params ps{{"kernel_size", k}, {"padding", p}, {"dilation", d}, {"ceil_mode", ceil}};
                                if (s)
                                    ps["stride"] = s;
                                add(T, {2, hw[0], hw[1]}, "MaxPool2d", ps);
                            }
            for (i64 k : {2, 3})
                for (int s : {0, 2})
                    for (i64 p : {0, 1})
                        for (bool ceil : {false, true})
                            for (bool cip : {true, false})
                                for (int dov : {0, 3}) {
                                    Params ps{{"kernel_size", k},
                                              {"padding", p},
                                              {"ceil_mode", ceil},
                                              {"count_include_pad", cip}};
                                    if (s)
                                        ps["stride"] = s;
                                    if (dov)
                                        ps["divisor_override"] = dov;
                                    add(T, {2, hw[0], hw[1]}, "AvgPool2d", ps);
                                }
            for (i64 k : {2, 3})
                for (i64 s : {1, 2})
                    for (i64 p : {0, 1})
                        for (i64 op : {0, 1})
                            for (i64 d : {1, 2})
                                for (i64 g : {1, 2})
                                    add(T, {4, hw[0], hw[1]}, "ConvTranspose2d",
                                        {{"in_channels", 4},
                                         {"out_channels", 2},
                                         {"kernel_size", k},
                                         {"stride", s},
                                         {"padding", p},
                                         {"output_padding", op},
                                         {"dilation", d},
                                         {"groups", g},
                                         {"bias", g == 1}});
        }
        // torch ceil_mode windows that hang over the padding (k=3, s=2 on 6 → 3; the last window covers row 6).
        add(T, {1, 6, 6}, "AvgPool2d", {{"kernel_size", 3}, {"stride", 2}, {"ceil_mode", true}});
        add(T, {1, 6, 6}, "MaxPool2d", {{"kernel_size", 3}, {"stride", 2}, {"ceil_mode", true}});
        add(T, {1, 5, 5}, "MaxPool2d", {{"kernel_size", 2}, {"stride", 2}, {"padding", 1}, {"ceil_mode", true}});
        add(T, {1, 25, 25}, "AvgPool2d", {{"kernel_size", 26}, {"stride", 3}, {"ceil_mode", true}, {"padding", 0}});

        std::vector<LayerCase> ok;
        for (auto &c : all) {
            Builder b(c.f, c.input);
            b.chain(c.type, c.params);
            const ShapeReport r = b.report();
            if (r.ok)
                ok.push_back(std::move(c));
        }
        return ok;
    }();
    return cases;
}

std::vector<float> randomValues(size_t n, unsigned seed, float lo = -1.0f, float hi = 1.0f)
{
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> u(lo, hi);
    std::vector<float> v(n);
    for (auto &x : v)
        x = u(rng);
    return v;
}

// Framework-layout (channel, row, column) of a rank-3 array.
size_t at(Framework f, const Shape &s, i64 c, i64 y, i64 x)
{
    return f == Framework::Keras ? size_t((y * s[1] + x) * s[2] + c) : size_t((c * s[1] + y) * s[2] + x);
}

bool close(double a, double b, double tol = 1e-5)
{
    if (std::isnan(a) || std::isnan(b))
        return std::isnan(a) && std::isnan(b);
    return std::fabs(a - b) <= tol * std::max(1.0, std::fabs(b));
}

} // namespace

class TstTrace : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void stepsEqualForward_data();
    void stepsEqualForward();
    void autoencoderThirdMaxPool();
    void tfSameExtraPadIsBottomRight();
    void ceilModeOverhang();
    void arithmeticText();
    void transposedScatter();
    void noWindowLayersAreRefused();
    void badArguments();
    void receptiveFieldMatchesBruteForce_data();
    void receptiveFieldMatchesBruteForce();
    void receptiveFieldKnownRectangles();
};

void TstTrace::stepsEqualForward_data()
{
    QTest::addColumn<int>("index");
    const auto &cases = layerCases();
    for (size_t i = 0; i < cases.size(); ++i)
        QTest::addRow("%s", cases[i].name.c_str()) << int(i);
    QVERIFY(cases.size() > 500);
}

void TstTrace::stepsEqualForward()
{
    QFETCH(int, index);
    const LayerCase &c = layerCases()[size_t(index)];
    Builder b(c.f, c.input);
    b.chain(c.type, c.params);
    const ShapeReport rep = b.report();
    const LayerReport &l = rep.layers.back();
    QVERIFY(l.ok());
    const Framework f = c.f;

    // Seeded input and weights, biases made non-zero so that they show.
    const Shape &inShape = l.inputShapes[0];
    NdArray in{inShape, randomValues(size_t(elementCount(inShape)), unsigned(index) + 1)};
    LayerWeights w = initialLayerWeights(l, f, std::uint64_t(index));
    if (auto it = w.find("bias"); it != w.end())
        it->second.data = randomValues(it->second.data.size(), unsigned(index) + 7, -0.5f, 0.5f);
    const Tensor input = Tensor::fromFrameworkOrder(f, inShape, in.data);
    const bool pool = l.op == Op::MaxPool || l.op == Op::AvgPool;

    // The oracle: the reference forward pass and the fast kernels (SeparableConv2D: the whole layer, depthwise,
    // pointwise, bias and activation, since the trace uses the effective weights).
    NdArray ref;
    std::optional<Tensor> fast;
    const NdArray *ins[] = {&in};
    ref = referenceForward(l, f, ins, pool ? nullptr : &w);
    const Tensor *tins[] = {&input};
    fast = forwardLayer(l, f, tins, prepareLayer(l, f, pool ? nullptr : &w), ExecContext{});
    const Shape &refShape = ref.shape;
    const i64 OH = f == Framework::Keras ? refShape[0] : refShape[1];
    const i64 OW = f == Framework::Keras ? refShape[1] : refShape[2];
    const i64 H = input.height(), W = input.width();

    for (i64 ch = 0; ch < traceChannelCount(l); ++ch) {
        std::string err;
        const auto t = traceLayer(l, input, pool ? nullptr : &w, ch, {}, &err);
        QVERIFY2(t.has_value(), err.c_str());
        QCOMPARE(t->outputHw, (Cell{OH, OW}));
        QCOMPARE(t->inputHw, (Cell{H, W}));
        QCOMPARE(t->padding, l.op == Op::ConvTranspose ? l.spec.transposedCrop : l.spec.pad);
        QCOMPARE(i64(t->steps.size()), t->stepCount());
        const Pad4 &p = t->padding;
        if (f == Framework::Keras && l.op != Op::ConvTranspose) { // TF: the extra pad goes bottom/right
            QVERIFY(p.bottom - p.top == 0 || p.bottom - p.top == 1);
            QVERIFY(p.right - p.left == 0 || p.right - p.left == 1);
        }

        if (l.op == Op::ConvTranspose) {
            // The scatter: bias + every stamp's contributions, activated, is the output.
            QCOMPARE(i64(t->steps.size()), H * W);
            std::vector<double> acc(size_t(OH * OW), t->bias.value_or(0.0));
            for (size_t i = 0; i < t->steps.size(); ++i) {
                const TraceStep &s = t->steps[i];
                QCOMPARE(s.out, (Cell{i64(i) / W, i64(i) % W}));
                QVERIFY(close(s.result, in.data[at(f, inShape, t->inputChannel, s.out[0], s.out[1])]));
                QCOMPARE(i64(s.cells.size()), l.spec.kernel[0] * l.spec.kernel[1]);
                for (const TraceCell &cell : s.cells) {
                    QCOMPARE(cell.pos, (Cell{s.out[0] * l.spec.stride[0] + cell.tap[0] * l.spec.dilation[0],
                                             s.out[1] * l.spec.stride[1] + cell.tap[1] * l.spec.dilation[1]}));
                    QVERIFY(cell.value.has_value() && cell.weight.has_value());
                    if (cell.in) {
                        QCOMPARE(*cell.in, (Cell{cell.pos[0] - p.top, cell.pos[1] - p.left}));
                        acc[size_t((*cell.in)[0] * OW + (*cell.in)[1])] += *cell.value;
                    }
                }
            }
            for (i64 y = 0; y < OH; ++y)
                for (i64 x = 0; x < OW; ++x) {
                    const double want = ref.data[at(f, refShape, ch, y, x)];
                    const double sum = acc[size_t(y * OW + x)];
                    QVERIFY2(
                        close(t->output[size_t(y * OW + x)], want),
                        qPrintable(u"%1 ch %2 (%3, %4): trace %5, reference %6"_s.arg(QString::fromStdString(c.name))
                                       .arg(ch)
                                       .arg(y)
                                       .arg(x)
                                       .arg(t->output[size_t(y * OW + x)])
                                       .arg(want)));
                    if (t->activation != Act::Softmax) // softmax needs the other channels' sums
                        QVERIFY(close(activateReference(t->activation, t->alpha, sum), want));
                    QVERIFY(close(want, fast->data[size_t((ch * OH + y) * OW + x)], 1e-4));
                }
            continue;
        }

        QCOMPARE(i64(t->steps.size()), OH * OW);
        for (size_t i = 0; i < t->steps.size(); ++i) {
            const TraceStep &s = t->steps[i];
            QCOMPARE(s.out, (Cell{i64(i) / OW, i64(i) % OW}));
            const double want = ref.data[at(f, refShape, ch, s.out[0], s.out[1])];
            QVERIFY2(close(s.result, want),
                     qPrintable(u"%1 ch %2 step %3: trace %4, reference %5 (%6)"_s.arg(QString::fromStdString(c.name))
                                    .arg(ch)
                                    .arg(i)
                                    .arg(s.result)
                                    .arg(want)
                                    .arg(QString::fromStdString(s.arithmetic))));
            QVERIFY(close(t->output[i], s.result, 1e-12));
            if (fast)
                QVERIFY(close(want, fast->data[size_t((ch * OH + s.out[0]) * OW + s.out[1])], 1e-4));
            QVERIFY(!s.arithmetic.empty());
            QCOMPARE(i64(s.cells.size()), l.spec.kernel[0] * l.spec.kernel[1]);
            for (const TraceCell &cell : s.cells) {
                QCOMPARE(cell.pos, (Cell{s.windowOrigin[0] + cell.tap[0] * l.spec.dilation[0],
                                         s.windowOrigin[1] + cell.tap[1] * l.spec.dilation[1]}));
                QVERIFY(cell.pos[0] < t->paddedHw[0] && cell.pos[1] < t->paddedHw[1]);
                const i64 iy = cell.pos[0] - p.top, ix = cell.pos[1] - p.left;
                const bool inside = iy >= 0 && iy < H && ix >= 0 && ix < W;
                QCOMPARE(cell.in.has_value(), inside);
                if (inside) {
                    QCOMPARE(*cell.in, (Cell{iy, ix}));
                    QVERIFY(!cell.pad);
                    QVERIFY(close(*cell.value, in.data[at(f, inShape, t->inputChannel, iy, ix)], 1e-12));
                    continue;
                }
                const bool withinPadding = cell.pos[0] < H + p.top + p.bottom && cell.pos[1] < W + p.left + p.right;
                PadKind kind = PadKind::Zero;
                if (l.op == Op::MaxPool)
                    kind = PadKind::Ignored;
                else if (l.op == Op::AvgPool)
                    kind = l.spec.padKind == PadKind::CountedZero && withinPadding ? PadKind::CountedZero
                                                                                   : PadKind::Excluded;
                QCOMPARE(cell.pad, std::optional(kind));
                QCOMPARE(cell.value.has_value(), kind == PadKind::Zero || kind == PadKind::CountedZero);
                if (!withinPadding)
                    QVERIFY(l.spec.ceilMode); // only a ceil_mode window reaches beyond the padding
            }
            if (l.op == Op::SeparableConv) { // the effective weights: Σ_m pointwise[c·M + m, o] · depthwise[tap, c, m]
                const NdArray &dk = w.at("depthwise_kernel"), &pk = w.at("pointwise_kernel");
                const i64 kw = dk.shape[1], C = dk.shape[2], M = dk.shape[3], F = pk.shape[3], ic = t->inputChannel;
                QCOMPARE(i64(t->inputChannels.size()), C);
                for (const TraceCell &cell : s.cells) {
                    double weff = 0;
                    for (i64 m = 0; m < M; ++m)
                        weff += double(pk.data[size_t((ic * M + m) * F + ch)]) *
                                double(dk.data[size_t(((cell.tap[0] * kw + cell.tap[1]) * C + ic) * M + m)]);
                    QVERIFY(cell.weight && close(*cell.weight, weff, 1e-6));
                }
            }
            if (!pool) {
                QCOMPARE(s.partials.size(), t->inputChannels.size());
                double sum = t->bias.value_or(0.0);
                for (const auto &pt : s.partials)
                    sum += pt.value;
                QVERIFY(close(sum, s.preActivation, 1e-9));
            }
        }
    }
}

void TstTrace::autoencoderThirdMaxPool()
{
    LoadResult lr = loadModelFile(CONVLENS_SOURCE_DIR "/resources/examples/autoencoder.py");
    QVERIFY2(lr.ok(), lr.error ? lr.error->toString().c_str() : "");
    const ShapeReport rep = infer(*lr.graph);
    const int i = rep.indexOf("max_pooling2d_2");
    QVERIFY(i >= 0);
    const LayerReport &l = rep.layers[size_t(i)];
    QCOMPARE(l.inputShapes[0], (Shape{7, 7, 8}));
    const std::vector<float> v = randomValues(7 * 7 * 8, 3, 0.0f, 1.0f);
    const Tensor input = Tensor::fromFrameworkOrder(Framework::Keras, {7, 7, 8}, v);
    for (i64 ch = 0; ch < 8; ++ch) {
        const auto t = traceLayer(l, input, nullptr, ch);
        QVERIFY(t);
        QCOMPARE(t->padding, (Pad4{0, 1, 0, 1}));
        QCOMPARE(t->outputHw, (Cell{4, 4}));
        QCOMPARE(t->paddedHw, (Cell{8, 8}));
        QCOMPARE(t->steps.size(), size_t(16));
        for (const TraceStep &s : t->steps) {
            int pads = 0;
            for (const TraceCell &c : s.cells) {
                if (!c.pad)
                    continue;
                ++pads;
                QCOMPARE(c.pad, std::optional(PadKind::Ignored));
                QVERIFY(!c.value && !c.in);
                QVERIFY(c.pos[0] == 7 || c.pos[1] == 7); // the extra row and column at bottom/right only
            }
            // the last row's windows cover padded row 7, the last column's padded column 7; the corner both
            const bool lastRow = s.out[0] == 3, lastCol = s.out[1] == 3;
            const int want = lastRow && lastCol ? 3 : (lastRow || lastCol ? 2 : 0);
            QCOMPARE(pads, want);
            if (pads)
                QVERIFY(s.arithmetic.find("·") != std::string::npos);
        }
    }
}

void TstTrace::tfSameExtraPadIsBottomRight()
{
    // k=3, s=2: on 8 the total pad is 1 (0 top, 1 bottom); on 9 it is 2 (1/1).
    for (i64 n : {8, 9}) {
        Builder b(Framework::Keras, {n, n, 1});
        b.chain("Conv2D", {{"filters", 1}, {"kernel_size", 3}, {"strides", 2}, {"padding", "same"}});
        const ShapeReport rep = b.report();
        const LayerReport &l = rep.layers.back();
        const LayerWeights w = initialLayerWeights(l, Framework::Keras, 1);
        const Tensor in = Tensor::fromFrameworkOrder(Framework::Keras, {n, n, 1}, randomValues(size_t(n * n), 2));
        const auto t = traceLayer(l, in, &w, 0);
        QVERIFY(t);
        QCOMPARE(t->padding, n == 8 ? (Pad4{0, 1, 0, 1}) : (Pad4{1, 1, 1, 1}));
        for (const TraceStep &s : t->steps)
            for (const TraceCell &c : s.cells)
                if (c.pad) {
                    QCOMPARE(c.pad, std::optional(PadKind::Zero));
                    QCOMPARE(*c.value, 0.0);
                    if (n == 8)
                        QVERIFY(c.pos[0] == 8 || c.pos[1] == 8);
                }
    }
}

void TstTrace::ceilModeOverhang()
{
    // AvgPool2d(3, 2, ceil_mode=True) on 6 → 3: the last window covers rows 4, 5 and 6; row 6 is beyond the input and
    // its (zero) padding, so torch divides the corner window by 2·2 = 4 even with count_include_pad.
    Builder b(Framework::PyTorch, {1, 6, 6});
    b.chain("AvgPool2d", {{"kernel_size", 3}, {"stride", 2}, {"ceil_mode", true}});
    const ShapeReport rep = b.report();
    const LayerReport &l = rep.layers.back();
    std::vector<float> ones(36, 1.0f);
    const Tensor in = Tensor::fromFrameworkOrder(Framework::PyTorch, {1, 6, 6}, ones);
    const auto t = traceLayer(l, in, nullptr, 0);
    QVERIFY(t);
    QCOMPARE(t->outputHw, (Cell{3, 3}));
    QCOMPARE(t->overhang, (Cell{1, 1}));
    QCOMPARE(t->paddedHw, (Cell{7, 7}));
    const TraceStep &corner = t->steps.back();
    QCOMPARE(corner.divisor, i64(4));
    QCOMPARE(corner.result, 1.0);
    int excluded = 0;
    for (const TraceCell &c : corner.cells)
        excluded += c.pad == PadKind::Excluded;
    QCOMPARE(excluded, 5);
    QVERIFY2(corner.arithmetic == "(1.00 + 1.00 + · + 1.00 + 1.00 + · + · + · + ·) / 4 = 1.00",
             corner.arithmetic.c_str());
    QVERIFY(t->note.find("ceil_mode") != std::string::npos);
}

void TstTrace::arithmeticText()
{
    // Keras average pooling 'same' on 3×3 with 2×2 windows: the last column's windows have 2 real cells.
    {
        Builder b(Framework::Keras, {3, 3, 1});
        b.chain("AveragePooling2D", {{"pool_size", 2}, {"padding", "same"}});
        const ShapeReport rep = b.report();
        const Tensor in = Tensor::fromFrameworkOrder(Framework::Keras, {3, 3, 1},
                                                     std::vector<float>{0.1f, 0.2f, 0.1f, 0.3f, 0.4f, 0.5f, 0, 0, 0});
        const auto t = traceLayer(rep.layers.back(), in, nullptr, 0);
        QVERIFY(t);
        QCOMPARE(t->steps[1].arithmetic, std::string("(0.10 + · + 0.50 + ·) / 2 = 0.30"));
        QCOMPARE(t->steps[0].arithmetic, std::string("(0.10 + 0.20 + 0.30 + 0.40) / 4 = 0.25"));
    }
    // torch max pooling with padding: "·" for the ignored cells.
    {
        Builder b(Framework::PyTorch, {1, 2, 2});
        b.chain("MaxPool2d", {{"kernel_size", 2}, {"stride", 2}, {"padding", 1}});
        const ShapeReport rep = b.report();
        const Tensor in =
            Tensor::fromFrameworkOrder(Framework::PyTorch, {1, 2, 2}, std::vector<float>{0.12f, 0.8f, -1, 0});
        const auto t = traceLayer(rep.layers.back(), in, nullptr, 0);
        QVERIFY(t);
        QCOMPARE(t->steps[0].arithmetic, std::string("max(·, ·, ·, 0.12) = 0.12"));
        QCOMPARE(t->steps[1].arithmetic, std::string("max(·, ·, 0.80, ·) = 0.80"));
    }
    // Conv with a bias and relu; two input channels: the sum over C_in is spelled out.
    {
        Builder b(Framework::Keras, {2, 2, 2});
        b.chain("Conv2D", {{"filters", 1}, {"kernel_size", 2}, {"activation", "relu"}});
        const ShapeReport rep = b.report();
        const LayerReport &l = rep.layers.back();
        LayerWeights w;
        w["kernel"] = NdArray{{2, 2, 2, 1}, {1, 0, 0.5f, 0, 0, 0, 0, -1}}; // (ky, kx, c, o)
        w["bias"] = NdArray{{1}, {0.25f}};
        // (y, x, c): channel 0 = [[1, 2], [3, 4]], channel 1 = [[5, 6], [7, 8]]
        const Tensor in =
            Tensor::fromFrameworkOrder(Framework::Keras, {2, 2, 2}, std::vector<float>{1, 5, 2, 6, 3, 7, 4, 8});
        const auto t = traceLayer(l, in, &w, 0);
        QVERIFY(t);
        // ch 0: 1·1 + 0.5·2 + 0·3 + 0·4 = 2; ch 1: 0·5 + 0·6 + 0·7 + (-1)·8 = -8; 2 - 8 + 0.25 = -5.75 → relu 0
        const TraceStep &s = t->steps[0];
        QCOMPARE(s.partials.size(), size_t(2));
        QCOMPARE(s.partials[0].value, 2.0);
        QCOMPARE(s.partials[1].value, -8.0);
        QCOMPARE(s.preActivation, -5.75);
        QCOMPARE(s.result, 0.0);
        QCOMPARE(s.arithmetic, std::string("ch 0: 1.00·1.00 + 0.50·2.00 + 0·3.00 + 0·4.00 = 2.00; Σ over 2 input "
                                           "channels + b = 2.00 + (-8.00) + 0.25 = -5.75; relu(-5.75) = 0"));
        const auto t1 = traceLayer(l, in, &w, 0, TraceOptions{1});
        QVERIFY(t1);
        QCOMPARE(t1->inputChannel, i64(1));
        QCOMPARE(*t1->steps[0].cells[3].value, 8.0);
        QCOMPARE(*t1->steps[0].cells[3].weight, -1.0);
    }
    QCOMPARE(traceNumber(0), std::string("0"));
    QCOMPARE(traceNumber(0.8), std::string("0.80"));
    QCOMPARE(traceNumber(-0.00123), std::string("-0.00123"));
    QCOMPARE(traceNumber(123456), std::string("1.23e+05"));
}

void TstTrace::transposedScatter()
{
    // Keras Conv2DTranspose(1, 3, strides=2, padding='same') on 2×2 → 4×4: the full canvas is 5×5, cropped 0 top /
    // 1 bottom… (tf crops the extra at the end); every input cell stamps 9 cells.
    Builder b(Framework::Keras, {2, 2, 1});
    b.chain("Conv2DTranspose", {{"filters", 1}, {"kernel_size", 3}, {"strides", 2}, {"padding", "same"}});
    const ShapeReport rep = b.report();
    const LayerReport &l = rep.layers.back();
    const LayerWeights w = initialLayerWeights(l, Framework::Keras, 5);
    const Tensor in = Tensor::fromFrameworkOrder(Framework::Keras, {2, 2, 1}, std::vector<float>{1, 2, 3, 4});
    std::string err;
    const auto tracer = LayerTracer::create(l, in, &w, 0, {}, &err);
    QVERIFY2(tracer, err.c_str());
    const WindowTrace &h = tracer->header();
    QCOMPARE(h.paddedHw, (Cell{5, 5}));
    QCOMPARE(h.outputHw, (Cell{4, 4}));
    QCOMPARE(tracer->stepCount(), i64(4));
    QVERIFY(h.note.find("stamps") != std::string::npos);
    // stepsWriting agrees with the cells of the steps.
    for (i64 y = 0; y < 4; ++y)
        for (i64 x = 0; x < 4; ++x) {
            std::vector<i64> want;
            for (i64 i = 0; i < tracer->stepCount(); ++i)
                for (const TraceCell &c : tracer->step(i).cells)
                    if (c.in && *c.in == Cell{y, x}) {
                        want.push_back(i);
                        break;
                    }
            QCOMPARE(tracer->stepsWriting(y, x), want);
        }
    QCOMPARE(tracer->stepForOutput(0, 0), i64(-1));
    const TraceStep s = tracer->step(3);
    QCOMPARE(s.result, 4.0);
    QVERIFY(s.arithmetic.rfind("x = 4.00 stamps x·w:", 0) == 0);
    QVERIFY(s.arithmetic.find("cropped") != std::string::npos); // (4, ·) of the 5×5 canvas is cut off
}

void TstTrace::noWindowLayersAreRefused()
{
    Builder b(Framework::Keras, {8, 8, 2});
    b.chain("ZeroPadding2D", {{"padding", 1}})
        .chain("Cropping2D", {{"cropping", 1}})
        .chain("UpSampling2D", {{"size", 2}})
        .chain("BatchNormalization")
        .chain("GlobalAveragePooling2D");
    Builder b2(Framework::Keras, {8, 8, 2});
    b2.chain("Flatten").chain("Dense", {{"units", 4}});
    for (const ShapeReport &rep : {b.report(), b2.report()})
        for (const LayerReport &l : rep.layers) {
            std::string why;
            QVERIFY(!traceable(l, &why));
            QVERIFY2(why.find("does not apply to " + l.type) != std::string::npos, why.c_str());
            if (l.op != Op::Input)
                QVERIFY2(why.find("no sliding window") != std::string::npos, why.c_str());
            const Tensor in = Tensor::zeros(Framework::Keras, {8, 8, 2});
            std::string err;
            QVERIFY(!LayerTracer::create(l, in, nullptr, 0, {}, &err));
            QCOMPARE(err, why);
        }
}

void TstTrace::badArguments()
{
    Builder b(Framework::PyTorch, {4, 6, 6});
    b.chain("Conv2d", {{"in_channels", 4}, {"out_channels", 4}, {"kernel_size", 3}, {"groups", 2}});
    const ShapeReport rep = b.report();
    const LayerReport &l = rep.layers.back();
    const LayerWeights w = initialLayerWeights(l, Framework::PyTorch, 1);
    const Tensor in = Tensor::zeros(Framework::PyTorch, {4, 6, 6});
    std::string err;
    QVERIFY(!LayerTracer::create(l, in, &w, 4, {}, &err));
    QVERIFY2(err.find("out of range") != std::string::npos, err.c_str());
    QVERIFY(!LayerTracer::create(l, in, nullptr, 0, {}, &err));
    QVERIFY2(err.find("no weight 'weight'") != std::string::npos, err.c_str());
    QVERIFY(!LayerTracer::create(l, Tensor::zeros(Framework::PyTorch, {4, 7, 6}), &w, 0, {}, &err));
    QVERIFY2(err.find("[1, 4, 6, 6]") != std::string::npos, err.c_str());
    // Group 1 (output channels 2, 3) takes input channels 2 and 3.
    QVERIFY(!LayerTracer::create(l, in, &w, 2, TraceOptions{1}, &err));
    QVERIFY2(err.find("does not feed") != std::string::npos, err.c_str());
    const auto t = LayerTracer::create(l, in, &w, 3, {}, &err);
    QVERIFY(t);
    QCOMPARE(t->header().inputChannels, (std::vector<i64>{2, 3}));
    QCOMPARE(t->header().inputChannel, i64(2));
    LayerWeights bad = w;
    bad["weight"].shape = {4, 4, 3, 3};
    QVERIFY(!LayerTracer::create(l, in, &bad, 0, {}, &err));
    QVERIFY2(err.find("wrong shape") != std::string::npos, err.c_str());
}

// ------------------------------------------------------------------------------------------------ receptive field

namespace {

ShapeReport rfModel(int which)
{
    const Framework K = Framework::Keras, T = Framework::PyTorch;
    switch (which) {
    case 0: { // Keras chain: conv, max pool 'same', dilated conv, nearest upsampling, transposed conv, crop, avg pool
        Builder b(K, {11, 11, 1});
        b.chain("Conv2D", {{"filters", 2}, {"kernel_size", 3}, {"padding", "same"}})
            .chain("MaxPooling2D", {{"pool_size", 2}, {"padding", "same"}})
            .chain("Conv2D", {{"filters", 2}, {"kernel_size", 3}, {"dilation_rate", 2}, {"padding", "same"}})
            .chain("UpSampling2D", {{"size", 2}})
            .chain("Conv2DTranspose", {{"filters", 2}, {"kernel_size", 3}, {"strides", 2}, {"padding", "same"}})
            .chain("Cropping2D", {{"cropping", ParamValue(ParamList{pair(1, 2), pair(0, 3)})}})
            .chain("AveragePooling2D", {{"pool_size", 3}, {"strides", 2}, {"padding", "same"}});
        return b.report();
    }
    case 1: { // torch chain: ceil_mode max pool, dilated conv, transposed conv with output_padding, bilinear, avg pool
        Builder b(T, {1, 10, 10});
        b.chain("Conv2d", {{"in_channels", 1}, {"out_channels", 2}, {"kernel_size", 3}, {"padding", 1}})
            .chain("MaxPool2d", {{"kernel_size", 2}, {"stride", 2}, {"padding", 1}, {"ceil_mode", true}})
            .chain("Conv2d",
                   {{"in_channels", 2}, {"out_channels", 2}, {"kernel_size", 3}, {"dilation", 2}, {"padding", 2}})
            .chain("ConvTranspose2d", {{"in_channels", 2},
                                       {"out_channels", 2},
                                       {"kernel_size", 3},
                                       {"stride", 2},
                                       {"padding", 1},
                                       {"output_padding", 1}})
            .chain("Upsample", {{"scale_factor", 2}, {"mode", "bilinear"}})
            .chain("AvgPool2d", {{"kernel_size", 3}, {"stride", 2}, {"padding", 1}, {"count_include_pad", false}})
            .chain("ZeroPad2d", {{"padding", ParamValue::ints({1, 0, 2, 0})}});
        return b.report();
    }
    case 2: { // Keras merges: Add of two branches with different fields, Concatenate with a third, strided conv
        Builder b(K, {9, 9, 1});
        b.chain("Conv2D", {{"filters", 2}, {"kernel_size", 3}}, "a").chain("ZeroPadding2D", {{"padding", 1}}, "a_pad");
        b.merge("Conv2D", {"input_1"}, {{"filters", 2}, {"kernel_size", 1}}, "b");
        b.merge("Add", {"a_pad", "b"}, {}, "sum");
        b.merge("Conv2D", {"input_1"}, {{"filters", 2}, {"kernel_size", 5}, {"padding", "same"}}, "c");
        b.merge("Concatenate", {"sum", "c"}, {}, "cat");
        b.chain("Conv2D", {{"filters", 2}, {"kernel_size", 3}, {"strides", 2}, {"padding", "same"}}, "out");
        return b.report();
    }
    case 3: { // dilation near the border, twice: a bounding box carried layer to layer would overestimate
        Builder b(T, {1, 13, 13});
        b.chain("Conv2d",
                {{"in_channels", 1}, {"out_channels", 1}, {"kernel_size", 3}, {"dilation", 3}, {"padding", 2}})
            .chain("Conv2d",
                   {{"in_channels", 1}, {"out_channels", 1}, {"kernel_size", 3}, {"dilation", 3}, {"padding", 2}})
            .chain("MaxPool2d", {{"kernel_size", 3}, {"stride", 1}, {"dilation", 2}});
        return b.report();
    }
    default: { // spatial concatenation along the height (Keras axis=1), upsampling bilinear
        Builder b(K, {6, 7, 1});
        b.chain("Conv2D", {{"filters", 1}, {"kernel_size", 3}}, "top");
        b.merge("Conv2D", {"input_1"}, {{"filters", 1}, {"kernel_size", pair(1, 3)}}, "bottom");
        b.merge("Concatenate", {"top", "bottom"}, {{"axis", 1}}, "stack");
        b.chain("UpSampling2D", {{"size", pair(2, 3)}, {"interpolation", "bilinear"}}, "up");
        return b.report();
    }
    }
}

} // namespace

void TstTrace::receptiveFieldMatchesBruteForce_data()
{
    QTest::addColumn<int>("model");
    QTest::addRow("keras chain") << 0;
    QTest::addRow("torch chain") << 1;
    QTest::addRow("keras merges") << 2;
    QTest::addRow("torch dilation near borders") << 3;
    QTest::addRow("keras spatial concat, bilinear") << 4;
}

void TstTrace::receptiveFieldMatchesBruteForce()
{
    QFETCH(int, model);
    const ShapeReport rep = rfModel(model);
    QVERIFY2(rep.ok, rep.firstRefused >= 0 ? rep.layers[size_t(rep.firstRefused)].error.c_str() : "");
    const Framework f = rep.framework;
    const LayerReport &inLayer = rep.layers[0];
    const Shape inShape = *inLayer.output;
    const Tensor probe = Tensor::zeros(f, inShape);
    const i64 H = probe.height(), W = probe.width(), C = probe.channels();

    Runner runner(1);
    runner.setReport(rep);
    const std::vector<float> base = randomValues(size_t(elementCount(inShape)), 11);
    runner.setInput(Tensor::fromFrameworkOrder(f, inShape, base));
    QVERIFY(runner.run().ok);
    std::vector<std::vector<float>> baseOut;
    for (size_t i = 0; i < rep.layers.size(); ++i)
        baseOut.push_back(runner.activation(int(i))->data);

    // depends[layer][output cell] = the set of input cells (y·W + x) whose perturbation changes it.
    std::vector<std::vector<std::vector<std::uint8_t>>> depends(rep.layers.size());
    for (i64 y = 0; y < H; ++y)
        for (i64 x = 0; x < W; ++x)
            for (float delta : {1e6f, -1e6f}) { // large: a tiny weight product must still win a max
                Tensor t = Tensor::fromFrameworkOrder(f, inShape, base);
                for (i64 c = 0; c < C; ++c)
                    t.data[size_t((c * H + y) * W + x)] += delta;
                runner.setInput(std::move(t));
                QVERIFY(runner.run().ok);
                for (size_t li = 1; li < rep.layers.size(); ++li) {
                    const Tensor *a = runner.activation(int(li));
                    if (!a->spatial())
                        continue;
                    const i64 OH = a->height(), OW = a->width(), OC = a->channels();
                    auto &d = depends[li];
                    if (d.empty())
                        d.assign(size_t(OH * OW), std::vector<std::uint8_t>(size_t(H * W), 0));
                    for (i64 oc = 0; oc < OC; ++oc)
                        for (i64 p = 0; p < OH * OW; ++p)
                            // Float32 noise (a weight that is exactly 0 in the framework's formula but 1e-8 after
                            // rounding, e.g. bilinear (o + ½)·⅓ − ½) stays far below 1; real paths move ≥ 100.
                            if (std::fabs(a->data[size_t(oc * OH * OW + p)] - baseOut[li][size_t(oc * OH * OW + p)]) >
                                1.0f)
                                d[size_t(p)][size_t(y * W + x)] = 1;
                }
            }

    int checked = 0;
    for (size_t li = 1; li < rep.layers.size(); ++li) {
        if (depends[li].empty())
            continue;
        const Tensor shape = Tensor::zeros(f, *rep.layers[li].output);
        const i64 OW = shape.width();
        for (size_t p = 0; p < depends[li].size(); ++p) {
            std::string err;
            const auto regions = receptiveField(rep, int(li), i64(p) / OW, i64(p) % OW, &err);
            QVERIFY2(regions, err.c_str());
            QCOMPARE(regions->size(), size_t(1));
            const ReceptiveRegion &r = regions->front();
            QCOMPARE(r.input, inLayer.name);
            QCOMPARE(r.height, H);
            QCOMPARE(r.width, W);
            if (r.mask != depends[li][p]) {
                std::string msg = rep.layers[li].name + " cell (" + std::to_string(i64(p) / OW) + ", " +
                                  std::to_string(i64(p) % OW) + "):\n";
                for (i64 y = 0; y < H; ++y) {
                    for (i64 x = 0; x < W; ++x)
                        msg += std::to_string(int(r.mask[size_t(y * W + x)])) +
                               std::to_string(int(depends[li][p][size_t(y * W + x)])) + " ";
                    msg += "\n";
                }
                QFAIL(("receptive field (first digit) differs from brute force (second):\n" + msg).c_str());
            }
            CellRect box;
            for (i64 y = 0; y < H; ++y)
                for (i64 x = 0; x < W; ++x)
                    if (depends[li][p][size_t(y * W + x)])
                        box = box.empty() ? CellRect{y, x, y, x}
                                          : CellRect{std::min(box.top, y), std::min(box.left, x),
                                                     std::max(box.bottom, y), std::max(box.right, x)};
            QCOMPARE(r.bounds, box);
            ++checked;
        }
    }
    QVERIFY(checked > 50);
}

void TstTrace::receptiveFieldKnownRectangles()
{
    // The autoencoder: a cell of the 4×4 code sees an 18×18 patch (clipped at the image border).
    LoadResult lr = loadModelFile(CONVLENS_SOURCE_DIR "/resources/examples/autoencoder.py");
    QVERIFY(lr.ok());
    const ShapeReport rep = infer(*lr.graph);
    const int code = rep.indexOf("max_pooling2d_2");
    auto r = receptiveField(rep, code, 1, 1);
    QVERIFY(r);
    // rows: pool3 row 1 ← conv3 rows 2..3 ← pool2 1..4 ← conv2 2..9 ← pool1 1..10 ← conv1 2..21 ← input 1..22
    QCOMPARE(r->front().bounds, (CellRect{1, 1, 22, 22}));
    r = receptiveField(rep, code, 0, 0);
    QVERIFY(r);
    QCOMPARE(r->front().bounds, (CellRect{0, 0, 14, 14}));
    // A rectangle of cells: the union.
    r = receptiveField(rep, code, CellRect{0, 0, 3, 3});
    QVERIFY(r);
    QCOMPARE(r->front().bounds, (CellRect{0, 0, 27, 27}));
    // Non-spatial outputs and cells off the map are refused with a reason.
    Builder b(Framework::Keras, {8, 8, 1});
    b.chain("Flatten").chain("Dense", {{"units", 2}});
    const ShapeReport dense = b.report();
    std::string err;
    QVERIFY(!receptiveField(dense, 2, 0, 0, &err));
    QVERIFY2(err.find("no spatial map") != std::string::npos, err.c_str());
    QVERIFY(!receptiveField(rep, code, 4, 0, &err));
    QVERIFY2(err.find("outside") != std::string::npos, err.c_str());
}

QTEST_GUILESS_MAIN(TstTrace)
#include "tst_trace.moc"
