// tst_compute_kernels.cpp — every fast kernel (compute/forward.h) against the plain reference (compute/reference.h)
// over tables of sizes, kernels, strides, paddings, dilations, groups and both frameworks' layouts, with 1 and 3
// threads. Each row's name carries all its parameters, so a failure says exactly which configuration broke
// (as ncnn's tests/testutil.h does).
#include "compute/activation.h"
#include "compute/forward.h"
#include "compute/kernels/kernels.h"
#include "compute/reference/reference.h"
#include "tensor/weights.h"

#include <QTest>

#include <cmath>
#include <random>

using namespace convlens;
using i64 = std::int64_t;

Q_DECLARE_METATYPE(convlens::LayerReport)
Q_DECLARE_METATYPE(convlens::Framework)

namespace {

Shape spatial(Framework f, i64 c, i64 h, i64 w)
{
    return f == Framework::Keras ? Shape{h, w, c} : Shape{c, h, w};
}

LayerReport layer(Op op, Framework f, std::vector<Shape> ins, Shape out, ResolvedLayer spec)
{
    LayerReport l;
    l.name = "layer";
    l.op = op;
    spec.op = op;
    l.status = LayerReport::Status::Ok;
    l.inputShapes = std::move(ins);
    for (size_t i = 0; i < l.inputShapes.size(); ++i)
        l.inputs.push_back("in" + std::to_string(i));
    l.output = std::move(out);
    l.spec = spec;
    (void)f;
    return l;
}

const char *fw(Framework f)
{
    return f == Framework::Keras ? "keras" : "torch";
}

std::vector<float> randomValues(i64 n, std::mt19937 &rng, float lo = -1.0f, float hi = 1.0f)
{
    std::uniform_real_distribution<float> u(lo, hi);
    std::vector<float> v(static_cast<size_t>(n));
    for (auto &x : v)
        x = u(rng);
    return v;
}

// Random values in every weight array (BN variances positive), so nothing passes by accident of zeros and ones.
LayerWeights randomWeights(const LayerReport &l, Framework f, std::mt19937 &rng)
{
    LayerWeights w;
    for (const auto &s : expectedWeights(l, f)) {
        const bool positive = s.name.find("var") != std::string::npos;
        w[s.name] = NdArray{s.shape, randomValues(elementCount(s.shape), rng, positive ? 0.1f : -1.0f, 1.0f)};
    }
    return w;
}

i64 convOut(i64 i, i64 k, i64 s, i64 d, i64 before, i64 after)
{
    const i64 span = i + before + after - (d * (k - 1) + 1);
    return span < 0 ? 0 : span / s + 1;
}

// "" when `got` matches `ref` within 1e-4 × max(1, max|ref|) (NaN where NaN, equal infinities), else what differs.
QString mismatch(const std::vector<float> &got, const std::vector<float> &refData)
{
    if (got.size() != refData.size())
        return QStringLiteral("size mismatch: fast %1, reference %2").arg(got.size()).arg(refData.size());
    double maxRef = 0, maxErr = 0;
    size_t worst = 0;
    for (size_t i = 0; i < got.size(); ++i) {
        const double r = refData[i], g = got[i];
        if (std::isnan(r) != std::isnan(g))
            return QStringLiteral("NaN mismatch at %1: fast %2, reference %3").arg(i).arg(g).arg(r);
        if (std::isnan(r))
            continue;
        if (std::isinf(r) || std::isinf(g)) {
            if (r != g)
                return QStringLiteral("Inf mismatch at %1: fast %2, reference %3").arg(i).arg(g).arg(r);
            continue;
        }
        maxRef = std::max(maxRef, std::abs(r));
        if (std::abs(r - g) > maxErr) {
            maxErr = std::abs(r - g);
            worst = i;
        }
    }
    if (maxErr > 1e-4 * std::max(1.0, maxRef))
        return QStringLiteral("max abs error %1 at flat index %2 (fast %3, reference %4), max |ref| %5")
            .arg(maxErr)
            .arg(worst)
            .arg(got[worst])
            .arg(refData[worst])
            .arg(maxRef);
    return {};
}

// Runs fast and reference on the same random inputs and weights; returns "" or a description of the mismatch.
QString compare(const LayerReport &l, Framework f, int threads, std::uint32_t seed = 1,
                std::vector<std::vector<float>> presetInputs = {})
{
    std::mt19937 rng(seed);
    std::vector<NdArray> refIn;
    std::vector<Tensor> fastIn;
    for (size_t i = 0; i < l.inputShapes.size(); ++i) {
        const Shape &s = l.inputShapes[i];
        auto v = i < presetInputs.size() ? presetInputs[i] : randomValues(elementCount(s), rng, -2.0f, 2.0f);
        refIn.push_back(NdArray{s, v});
        fastIn.push_back(Tensor::fromFrameworkOrder(f, s, v));
    }
    const LayerWeights w = randomWeights(l, f, rng);
    std::vector<const NdArray *> rp;
    std::vector<const Tensor *> fp;
    for (size_t i = 0; i < refIn.size(); ++i) {
        rp.push_back(&refIn[i]);
        fp.push_back(&fastIn[i]);
    }
    const NdArray ref = referenceForward(l, f, rp, &w);
    ThreadPool pool(threads);
    ExecContext ctx{&pool, nullptr};
    const PreparedLayer prepared = prepareLayer(l, f, &w);
    const Tensor fast = forwardLayer(l, f, fp, prepared, ctx);
    if (fast.shape != *l.output)
        return QStringLiteral("fast output has the wrong shape");
    return mismatch(fast.toFrameworkOrder(), ref.data);
}

} // namespace

class TestComputeKernels : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void conv_data();
    void conv();
    void depthwiseSeparable_data();
    void depthwiseSeparable() { conv(); }
    void convTranspose_data();
    void convTranspose() { conv(); }
    void pooling_data();
    void pooling() { conv(); }
    void resampling_data();
    void resampling() { conv(); }
    void elementwise_data();
    void elementwise() { conv(); }
    void denseAndShapes_data();
    void denseAndShapes() { conv(); }
    void tensorOps_data();
    void tensorOps() { conv(); }
    void winograd_data();
    void winograd();
    void nanPropagates();
    void cancelStopsWork();
};

namespace {
void addColumns()
{
    QTest::addColumn<LayerReport>("layer");
    QTest::addColumn<Framework>("framework");
    QTest::addColumn<int>("threads");
}
void addRow(const std::string &name, const LayerReport &l, Framework f)
{
    for (int t : {1, 3})
        QTest::addRow("%s %s threads=%d", fw(f), name.c_str(), t) << l << f << t;
}
} // namespace

void TestComputeKernels::conv()
{
    QFETCH(LayerReport, layer);
    QFETCH(Framework, framework);
    QFETCH(int, threads);
    const QString problem = compare(layer, framework, threads);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void TestComputeKernels::conv_data()
{
    addColumns();
    struct Size {
        i64 h, w;
    };
    for (Framework f : {Framework::Keras, Framework::PyTorch})
        for (Size sz : {Size{1, 1}, Size{5, 5}, Size{7, 6}, Size{12, 17}})
            for (i64 k : {1, 2, 3, 5})
                for (i64 s : {1, 2, 3})
                    for (i64 d : {1, 2})
                        for (int padCase = 0; padCase < 3; ++padCase)
                            for (auto [C, O, g] : {std::tuple<i64, i64, i64>{1, 4, 1}, {3, 5, 1}, {4, 6, 2},
                                                    {4, 8, 4}, {6, 3, 3}}) {
                                // pads: none, symmetric k'/2, TF SAME-like asymmetric (extra bottom/right)
                                const i64 ke = d * (k - 1) + 1;
                                Pad4 p;
                                if (padCase == 1)
                                    p = {ke / 2, ke / 2, ke / 2, ke / 2};
                                if (padCase == 2)
                                    p = {(ke - 1) / 2, ke / 2 + (s > 1), (ke - 1) / 2 + 1, ke / 2};
                                const i64 oh = convOut(sz.h, k, s, d, p.top, p.bottom);
                                const i64 ow = convOut(sz.w, k, s, d, p.left, p.right);
                                if (oh < 1 || ow < 1)
                                    continue;
                                if ((k == 5 || sz.h == 12) && (C == 6 || g == 4) && padCase == 2)
                                    continue; // keep the table fast
                                ResolvedLayer r;
                                r.kernel = {k, k};
                                r.stride = {s, s};
                                r.dilation = {d, d};
                                r.pad = p;
                                r.groups = g;
                                r.bias = (k + s) % 2 == 0;
                                r.activation = k == 3 ? Act::Relu : Act::Linear;
                                const auto l = layer(Op::Conv, f, {spatial(f, C, sz.h, sz.w)}, spatial(f, O, oh, ow), r);
                                addRow("conv " + std::to_string(sz.h) + "x" + std::to_string(sz.w) + " C" +
                                           std::to_string(C) + " O" + std::to_string(O) + " g" + std::to_string(g) +
                                           " k" + std::to_string(k) + " s" + std::to_string(s) + " d" +
                                           std::to_string(d) + " pad(t" + std::to_string(p.top) + ",b" +
                                           std::to_string(p.bottom) + ",l" + std::to_string(p.left) + ",r" +
                                           std::to_string(p.right) + ") bias" + std::to_string(r.bias),
                                       l, f);
                            }
    // Non-square kernels and strides, and a 1×1 direct GEMM on a large plane (several column tiles).
    for (Framework f : {Framework::Keras, Framework::PyTorch}) {
        ResolvedLayer r;
        r.kernel = {3, 1};
        r.stride = {2, 1};
        r.pad = {1, 1, 0, 0};
        r.bias = true;
        addRow("conv k3x1 s2x1", layer(Op::Conv, f, {spatial(f, 2, 9, 8)}, spatial(f, 3, 5, 8), r), f);
        ResolvedLayer one;
        one.bias = true;
        one.activation = Act::Sigmoid;
        addRow("conv 1x1 70x90 C8 O9", layer(Op::Conv, f, {spatial(f, 8, 70, 90)}, spatial(f, 9, 70, 90), one), f);
        ResolvedLayer big;
        big.kernel = {3, 3};
        big.pad = {1, 1, 1, 1};
        addRow("conv 3x3 40x40 C16 O32", layer(Op::Conv, f, {spatial(f, 16, 40, 40)}, spatial(f, 32, 40, 40), big), f);
        ResolvedLayer dil = big;
        dil.dilation = {2, 2};
        dil.pad = {2, 3, 1, 2};
        dil.bias = true;
        dil.activation = Act::Elu;
        addRow("conv 3x3 d2 100x90 C8 O7 (row bands)",
               layer(Op::Conv, f, {spatial(f, 8, 100, 90)}, spatial(f, 7, 101, 89), dil), f);
        // Winograd F(2×2, 3×3) territory: 3×3, stride 1, many channels; odd and even sizes, 1×1 maps, paddings.
        for (auto [h, w, p] : {std::tuple<i64, i64, i64>{7, 9, 1}, {6, 6, 1}, {5, 4, 0}, {1, 1, 1}, {3, 5, 2}}) {
            ResolvedLayer wg;
            wg.kernel = {3, 3};
            wg.pad = {p, p, p, p};
            wg.bias = true;
            wg.activation = Act::Relu;
            const i64 oh = h + 2 * p - 2, ow = w + 2 * p - 2;
            if (oh < 1 || ow < 1)
                continue;
            addRow("conv winograd 3x3 " + std::to_string(h) + "x" + std::to_string(w) + " pad " + std::to_string(p) +
                       " C128 O136",
                   layer(Op::Conv, f, {spatial(f, 128, h, w)}, spatial(f, 136, oh, ow), wg), f);
        }
        ResolvedLayer tfSame;
        tfSame.kernel = {3, 3};
        tfSame.pad = {0, 1, 1, 1};
        addRow("conv winograd asymmetric pad C160 O128",
               layer(Op::Conv, f, {spatial(f, 160, 8, 7)}, spatial(f, 128, 7, 7), tfSame), f);
        ResolvedLayer deep = big;
        addRow("conv 3x3 4x4 C64 O64 (output-channel blocks)",
               layer(Op::Conv, f, {spatial(f, 64, 4, 4)}, spatial(f, 64, 4, 4), deep), f);
        // torch padding_mode: the fast path pads first, the reference reads each border tap through cells.h
        for (PadMode mode : {PadMode::Reflect, PadMode::Replicate, PadMode::Circular}) {
            const std::string m = mode == PadMode::Reflect ? "reflect" : mode == PadMode::Replicate ? "replicate" : "circular";
            ResolvedLayer pm = big;
            pm.padMode = mode;
            pm.bias = true;
            addRow("conv 3x3 pad 1 " + m, layer(Op::Conv, f, {spatial(f, 3, 5, 6)}, spatial(f, 4, 5, 6), pm), f);
            pm.pad = {2, 1, 0, 2};
            pm.stride = {2, 1};
            pm.groups = 3;
            addRow("conv 3x3 pads 2/1/0/2 stride 2x1 groups 3 " + m,
                   layer(Op::Conv, f, {spatial(f, 3, 5, 6)}, spatial(f, 6, 3, 6), pm), f);
            ResolvedLayer wide = big; // Winograd and direct-kernel territory
            wide.padMode = mode;
            addRow("conv 3x3 pad 1 C64 O64 " + m,
                   layer(Op::Conv, f, {spatial(f, 64, 6, 7)}, spatial(f, 64, 6, 7), wide), f);
        }
    }
    {
        ResolvedLayer r;
        r.kernel = {3, 3};
        r.bias = true;
        r.activation = Act::Softmax;
        const Framework f = Framework::Keras;
        addRow("conv fused softmax", layer(Op::Conv, f, {spatial(f, 2, 6, 6)}, spatial(f, 4, 4, 4), r), f);
    }
}

void TestComputeKernels::depthwiseSeparable_data()
{
    addColumns();
    const Framework f = Framework::Keras;
    for (i64 k : {1, 3, 4})
        for (i64 s : {1, 2})
            for (i64 d : {1, 2})
                for (i64 M : {1, 2})
                    for (bool same : {false, true}) {
                        const i64 H = 9, W = 8, C = 3, ke = d * (k - 1) + 1;
                        Pad4 p;
                        i64 oh, ow;
                        if (same) {
                            oh = (H + s - 1) / s;
                            ow = (W + s - 1) / s;
                            const i64 th = std::max<i64>((oh - 1) * s + ke - H, 0), tw = std::max<i64>((ow - 1) * s + ke - W, 0);
                            p = {th / 2, th - th / 2, tw / 2, tw - tw / 2};
                        } else {
                            oh = convOut(H, k, s, d, 0, 0);
                            ow = convOut(W, k, s, d, 0, 0);
                        }
                        ResolvedLayer r;
                        r.kernel = {k, k};
                        r.stride = {s, s};
                        r.dilation = {d, d};
                        r.pad = p;
                        r.depthMultiplier = M;
                        r.bias = true;
                        r.activation = Act::Relu6;
                        const std::string tag = " k" + std::to_string(k) + " s" + std::to_string(s) + " d" +
                                                std::to_string(d) + " M" + std::to_string(M) + (same ? " same" : " valid");
                        addRow("depthwise" + tag, layer(Op::DepthwiseConv, f, {spatial(f, C, H, W)}, spatial(f, C * M, oh, ow), r), f);
                        addRow("separable F5" + tag, layer(Op::SeparableConv, f, {spatial(f, C, H, W)}, spatial(f, 5, oh, ow), r), f);
                    }
}

void TestComputeKernels::convTranspose_data()
{
    addColumns();
    for (Framework f : {Framework::Keras, Framework::PyTorch})
        for (i64 k : {1, 2, 3, 4})
            for (i64 s : {1, 2, 3})
                for (i64 d : {1, 2})
                    for (i64 g : {1, 2})
                        for (int padCase = 0; padCase < 4; ++padCase) {
                            if (f == Framework::Keras && g > 1)
                                continue;
                            const i64 H = 5, W = 4, C = 4, O = 6, ke = d * (k - 1) + 1;
                            // crop (top, bottom): none; torch p=1; torch p=1 with output_padding 1 (bottom = p−op);
                            // Keras SAME (out = i·s: crop ⌊(k'−s)/2⌋ before, the rest after, or extend when k' < s)
                            i64 t = 0, b = 0;
                            if (padCase == 1)
                                t = b = std::min<i64>(1, (ke - 1) / 2);
                            if (padCase == 2) {
                                if (s == 1 && d == 1)
                                    continue; // output_padding < max(stride, dilation)
                                t = std::min<i64>(1, (ke - 1) / 2);
                                b = t - 1;
                            }
                            if (padCase == 3) {
                                const i64 total = ke - s; // full − i·s
                                t = std::max<i64>(total, 0) / 2;
                                b = total - t;
                            }
                            const i64 oh = (H - 1) * s + ke - t - b, ow = (W - 1) * s + ke - t - b;
                            if (oh < 1 || ow < 1)
                                continue;
                            ResolvedLayer r;
                            r.kernel = {k, k};
                            r.stride = {s, s};
                            r.dilation = {d, d};
                            r.pad = {t, b, t, b};
                            r.groups = g;
                            r.bias = true;
                            r.activation = k == 2 ? Act::Tanh : Act::Linear;
                            addRow("convT 5x4 C4 O6 k" + std::to_string(k) + " s" + std::to_string(s) + " d" +
                                       std::to_string(d) + " g" + std::to_string(g) + " crop(t" + std::to_string(t) +
                                       ",b" + std::to_string(b) + ")",
                                   layer(Op::ConvTranspose, f, {spatial(f, C, H, W)}, spatial(f, O, oh, ow), r), f);
                        }
    for (Framework f : {Framework::Keras, Framework::PyTorch}) {
        ResolvedLayer r;
        r.kernel = {2, 2};
        r.stride = {2, 2};
        r.bias = true;
        addRow("convT U-Net 2x2 s2 32x32 C32 O16",
               layer(Op::ConvTranspose, f, {spatial(f, 32, 32, 32)}, spatial(f, 16, 64, 64), r), f);
    }
}

void TestComputeKernels::pooling_data()
{
    addColumns();
    for (Framework f : {Framework::Keras, Framework::PyTorch})
        for (Op op : {Op::MaxPool, Op::AvgPool})
            for (i64 H : {4, 5, 7})
                for (i64 k : {1, 2, 3})
                    for (i64 s : {1, 2, 3})
                        for (int mode = 0; mode < 4; ++mode) {
                            // 0 valid; 1 TF SAME; 2 torch padding=k/2; 3 torch padding + ceil_mode
                            if (f == Framework::Keras && mode >= 2)
                                continue;
                            if (f == Framework::PyTorch && mode == 1)
                                continue;
                            const i64 W = H + 1;
                            Pad4 p;
                            i64 oh, ow;
                            auto same = [&](i64 i, i64 &o, i64 &a, i64 &bb) {
                                o = (i + s - 1) / s;
                                const i64 tot = std::max<i64>((o - 1) * s + k - i, 0);
                                a = tot / 2;
                                bb = tot - a;
                            };
                            if (mode == 1) {
                                same(H, oh, p.top, p.bottom);
                                same(W, ow, p.left, p.right);
                            } else {
                                const i64 pp = mode >= 2 ? k / 2 : 0;
                                p = {pp, pp, pp, pp};
                                auto out = [&](i64 i) {
                                    const i64 span = i + 2 * pp - k;
                                    if (span < 0)
                                        return i64(0);
                                    i64 o = (mode == 3 ? (span + s - 1) / s : span / s) + 1;
                                    if (mode == 3 && (o - 1) * s >= i + pp)
                                        --o; // torch drops a last window that starts in the right padding
                                    return o;
                                };
                                oh = out(H);
                                ow = out(W);
                            }
                            if (oh < 1 || ow < 1)
                                continue;
                            std::vector<std::pair<PadKind, i64>> kinds;
                            if (op == Op::MaxPool)
                                kinds = {{PadKind::Ignored, 0}};
                            else if (f == Framework::Keras)
                                kinds = {{PadKind::Excluded, 0}};
                            else
                                kinds = {{PadKind::CountedZero, 0}, {PadKind::Excluded, 0}, {PadKind::CountedZero, 3}};
                            for (auto [kind, divisor] : kinds) {
                                ResolvedLayer r;
                                r.kernel = {k, k};
                                r.stride = {s, s};
                                r.pad = p;
                                r.padKind = kind;
                                r.ceilMode = mode == 3;
                                r.divisorOverride = divisor;
                                const char *kn = kind == PadKind::Ignored    ? "ignored"
                                                 : kind == PadKind::Excluded ? "excluded"
                                                                             : "counted";
                                addRow(std::string(op == Op::MaxPool ? "max" : "avg") + " " + std::to_string(H) + "x" +
                                           std::to_string(W) + " k" + std::to_string(k) + " s" + std::to_string(s) +
                                           " mode" + std::to_string(mode) + " pad(t" + std::to_string(p.top) + ",b" +
                                           std::to_string(p.bottom) + ") " + kn + " div" + std::to_string(divisor),
                                       layer(op, f, {spatial(f, 3, H, W)}, spatial(f, 3, oh, ow), r), f);
                            }
                        }
    for (Framework f : {Framework::Keras, Framework::PyTorch}) {
        ResolvedLayer r;
        r.kernel = {2, 2};
        r.stride = {2, 2};
        r.padKind = PadKind::Ignored;
        addRow("max 2x2 large", layer(Op::MaxPool, f, {spatial(f, 16, 64, 63)}, spatial(f, 16, 32, 31), r), f);
        r.kernel = {3, 3};
        r.stride = {1, 1};
        r.pad = {1, 1, 1, 1};
        r.padKind = PadKind::Excluded;
        addRow("avg 3x3 same large", layer(Op::AvgPool, f, {spatial(f, 16, 40, 40)}, spatial(f, 16, 40, 40), r), f);
        ResolvedLayer bn;
        bn.axis = f == Framework::Keras ? 2 : 0;
        addRow("batch norm large", layer(Op::BatchNorm, f, {spatial(f, 16, 64, 64)}, spatial(f, 16, 64, 64), bn), f);
    }
    {
        const Framework f = Framework::Keras;
        ResolvedLayer r;
        r.kernel = {3, 3};
        r.pad = {1, 1, 1, 1};
        r.depthMultiplier = 2;
        r.bias = true;
        addRow("depthwise large", layer(Op::DepthwiseConv, f, {spatial(f, 8, 64, 64)}, spatial(f, 16, 64, 64), r), f);
    }
    // torch MaxPool2d dilation.
    {
        const Framework f = Framework::PyTorch;
        ResolvedLayer r;
        r.kernel = {3, 3};
        r.stride = {1, 1};
        r.dilation = {2, 2};
        r.pad = {1, 1, 1, 1};
        r.padKind = PadKind::Ignored;
        addRow("max dilation 2 pad 1", layer(Op::MaxPool, f, {spatial(f, 2, 8, 8)}, spatial(f, 2, 6, 6), r), f);
    }
    for (Framework f : {Framework::Keras, Framework::PyTorch}) {
        ResolvedLayer r;
        addRow("global avg", layer(Op::GlobalAvgPool, f, {spatial(f, 5, 6, 7)}, Shape{5}, r), f);
        addRow("global max keepdims", layer(Op::GlobalMaxPool, f, {spatial(f, 5, 6, 7)}, spatial(f, 5, 1, 1), r), f);
    }
    for (auto [ih, oh] : {std::pair<i64, i64>{7, 3}, {6, 6}, {5, 7}, {10, 1}}) {
        const Framework f = Framework::PyTorch;
        ResolvedLayer r;
        r.target = {oh, oh};
        addRow("adaptive avg " + std::to_string(ih) + "→" + std::to_string(oh),
               layer(Op::AdaptiveAvgPool, f, {spatial(f, 3, ih, ih + 1)}, spatial(f, 3, oh, oh), r), f);
        addRow("adaptive max " + std::to_string(ih) + "→" + std::to_string(oh),
               layer(Op::AdaptiveMaxPool, f, {spatial(f, 3, ih, ih + 1)}, spatial(f, 3, oh, oh), r), f);
    }
}

void TestComputeKernels::resampling_data()
{
    addColumns();
    for (Framework f : {Framework::Keras, Framework::PyTorch})
        for (Interp interp : {Interp::Nearest, Interp::Bilinear})
            for (bool align : {false, true})
                for (auto [ih, iw, sh, sw] : {std::tuple<i64, i64, double, double>{3, 4, 2, 2}, {5, 3, 3, 2}, {1, 2, 2, 3},
                                              {4, 4, 1.5, 2.5}, {6, 5, 0.5, 1}}) {
                    if (align && (interp == Interp::Nearest || f == Framework::Keras))
                        continue;
                    if (f == Framework::Keras && (sh != std::floor(sh) || sw != std::floor(sw)))
                        continue;
                    const i64 oh = i64(std::floor(double(ih) * sh)), ow = i64(std::floor(double(iw) * sw));
                    ResolvedLayer r;
                    r.scale = {sh, sw};
                    r.interpolation = interp;
                    r.alignCorners = align;
                    addRow(std::string(interp == Interp::Nearest ? "nearest" : "bilinear") + (align ? " align" : "") + " " +
                               std::to_string(ih) + "x" + std::to_string(iw) + " scale " + std::to_string(sh) + "," +
                               std::to_string(sw),
                           layer(Op::Upsample, f, {spatial(f, 2, ih, iw)}, spatial(f, 2, oh, ow), r), f);
                    // Upsample(size=…) resolves to scale = out / in
                    r.scale = {double(oh) / double(ih), double(ow) / double(iw)};
                    addRow(std::string(interp == Interp::Nearest ? "nearest" : "bilinear") + (align ? " align" : "") +
                               " size " + std::to_string(oh) + "x" + std::to_string(ow),
                           layer(Op::Upsample, f, {spatial(f, 2, ih, iw)}, spatial(f, 2, oh, ow), r), f);
                }
    for (Framework f : {Framework::Keras, Framework::PyTorch}) {
        // Large enough to go through the thread pool.
        ResolvedLayer up;
        up.scale = {2, 2};
        addRow("nearest large", layer(Op::Upsample, f, {spatial(f, 16, 40, 40)}, spatial(f, 16, 80, 80), up), f);
        up.interpolation = Interp::Bilinear;
        addRow("bilinear large", layer(Op::Upsample, f, {spatial(f, 16, 40, 40)}, spatial(f, 16, 80, 80), up), f);
        ResolvedLayer r;
        r.pad = {1, 2, 0, 3};
        addRow("zero pad", layer(Op::Pad, f, {spatial(f, 2, 4, 5)}, spatial(f, 2, 7, 8), r), f);
        addRow("crop", layer(Op::Crop, f, {spatial(f, 2, 6, 7)}, spatial(f, 2, 3, 4), r), f);
    }
}

void TestComputeKernels::elementwise_data()
{
    addColumns();
    for (Framework f : {Framework::Keras, Framework::PyTorch}) {
        for (const ActTraits &t : allActivations()) {
            const Act a = t.act;
            const bool softmax = a == Act::Softmax || a == Act::LogSoftmax;
            ResolvedLayer r;
            r.activation = a;
            r.alpha = a == Act::Hardtanh ? -0.3 : 0.1;
            r.beta = a == Act::Hardtanh ? 0.4 : 0.05; // Hardtanh's max, Softplus' threshold
            for (i64 axis : {0, 1, 2}) {
                if (!softmax && axis > 0)
                    continue;
                r.axis = softmax ? axis : -1;
                addRow("activation " + std::to_string(int(a)) + " axis " + std::to_string(axis),
                       layer(Op::Activation, f, {spatial(f, 3, 4, 5)}, spatial(f, 3, 4, 5), r), f);
            }
        }
        ResolvedLayer bn;
        bn.epsilon = 1e-3;
        bn.axis = f == Framework::Keras ? 2 : 0;
        for (bool center : {true, false}) {
            bn.bnCenter = center;
            bn.bnScale = !center;
            addRow(std::string("batch norm center") + (center ? "1" : "0"),
                   layer(Op::BatchNorm, f, {spatial(f, 4, 3, 5)}, spatial(f, 4, 3, 5), bn), f);
        }
        ResolvedLayer none;
        addRow("add 3", layer(Op::Add, f, {spatial(f, 3, 4, 4), spatial(f, 3, 4, 4), spatial(f, 3, 4, 4)}, spatial(f, 3, 4, 4), none), f);
        // size-1 broadcasting (Keras Add of (H, W, C) and (1, 1, C); torch x + y of (C, H, W) and (C, 1, 1))
        addRow("add broadcast channel vector",
               layer(Op::Add, f, {spatial(f, 3, 4, 5), spatial(f, 3, 1, 1)}, spatial(f, 3, 4, 5), none), f);
        addRow("add broadcast both ways",
               layer(Op::Add, f, {spatial(f, 3, 1, 5), spatial(f, 1, 4, 1), spatial(f, 3, 4, 5)}, spatial(f, 3, 4, 5),
                     none),
               f);
        for (i64 axis : {0, 1, 2}) {
            ResolvedLayer c;
            c.axis = axis;
            Shape a = spatial(f, 2, 3, 4), b = spatial(f, 2, 3, 4), o = spatial(f, 2, 3, 4);
            b[size_t(axis)] = 5;
            o[size_t(axis)] = a[size_t(axis)] + 5;
            addRow("concat axis " + std::to_string(axis), layer(Op::Concat, f, {a, b}, o, c), f);
        }
        ResolvedLayer c1;
        c1.axis = 0;
        addRow("concat vectors", layer(Op::Concat, f, {Shape{3}, Shape{4}}, Shape{7}, c1), f);
    }
    // Keras BatchNormalization after Dense (rank 1).
    ResolvedLayer bn;
    bn.axis = 0;
    addRow("batch norm vector", layer(Op::BatchNorm, Framework::Keras, {Shape{6}}, Shape{6}, bn), Framework::Keras);
}

void TestComputeKernels::denseAndShapes_data()
{
    addColumns();
    for (Framework f : {Framework::Keras, Framework::PyTorch}) {
        ResolvedLayer d;
        d.bias = true;
        d.activation = Act::Relu;
        addRow("dense vector", layer(Op::Dense, f, {Shape{37}}, Shape{300}, d), f);
        addRow("dense rank 2", layer(Op::Dense, f, {Shape{5, 7}}, Shape{5, 4}, d), f);
        Shape in = spatial(f, 3, 4, 5), out = in;
        out.back() = 6;
        addRow("dense on last axis of rank 3", layer(Op::Dense, f, {in}, out, d), f);
        d.activation = Act::Softmax;
        addRow("dense softmax", layer(Op::Dense, f, {Shape{9}}, Shape{10}, d), f);
        ResolvedLayer fl;
        addRow("flatten", layer(Op::Flatten, f, {spatial(f, 3, 4, 5)}, Shape{60}, fl), f);
        addRow("reshape rank 1 → 3", layer(Op::Reshape, f, {Shape{60}}, spatial(f, 3, 4, 5), fl), f);
        addRow("reshape rank 3 → 3", layer(Op::Reshape, f, {spatial(f, 3, 4, 5)}, spatial(f, 5, 6, 2), fl), f);
        addRow("dropout", layer(Op::Dropout, f, {spatial(f, 3, 4, 5)}, spatial(f, 3, 4, 5), fl), f);
    }
    ResolvedLayer fl;
    addRow("torch flatten(2)", layer(Op::Flatten, Framework::PyTorch, {Shape{3, 4, 5}}, Shape{3, 20}, fl),
           Framework::PyTorch);
}

// Every Winograd variant (kernels.h WinogradKind), called directly so that each runs whatever the dispatch would pick,
// against the reference: map sizes that leave partial tiles and partial 16-tile groups, groups straddling two
// panels, output channels not a multiple of the 8-channel micro-tile, input channels over several GEMM passes (128),
// up to 1024 channels for F(4×4)'s rounding, and tiny blocks so that a map spans many blocks of tile rows.
void TestComputeKernels::winograd_data()
{
    QTest::addColumn<LayerReport>("layer");
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("threads");
    QTest::addColumn<qint64>("blockBytes");
    using kernels::WinogradKind;
    std::vector<std::pair<WinogradKind, const char *>> kinds = {{WinogradKind::F2Eigen, "F2 eigen"}};
    if (kernels::haveWinogradAvx512()) {
        kinds.push_back({WinogradKind::F2Packed, "F2 packed"});
        kinds.push_back({WinogradKind::F4Packed, "F4 packed"});
    }
    const Framework f = Framework::PyTorch;
    struct Case {
        i64 h, w;
        Pad4 pad;
        i64 C, O;
        Act act;
        bool bias;
        qint64 block;
    };
    const Pad4 p1{1, 1, 1, 1}, p0{0, 0, 0, 0}, p2{2, 2, 2, 2}, tf{0, 1, 1, 1};
    const qint64 big = kernels::kWinogradBlockBytes, tiny = 16 << 10;
    const Case cases[] = {
        {1, 1, p1, 16, 20, Act::Relu, true, big},        {5, 4, p0, 16, 20, Act::Linear, false, big},
        {7, 9, p1, 24, 17, Act::Relu, true, big},        {6, 6, p1, 33, 8, Act::Sigmoid, true, big},
        {3, 5, p2, 16, 16, Act::Relu, false, big},       {8, 7, tf, 40, 24, Act::Linear, true, big},
        {17, 17, p1, 20, 9, Act::Relu, true, big},       {30, 30, p1, 16, 16, Act::Elu, true, tiny},
        {14, 14, p1, 300, 40, Act::Relu, true, big},     {23, 70, p1, 18, 12, Act::Relu, true, tiny},
        {64, 70, p1, 16, 8, Act::Linear, true, tiny},    {33, 66, p0, 16, 16, Act::Relu, true, tiny},
        {6, 6, p1, 1024, 8, Act::Linear, true, big},     {4, 5, p1, 130, 1030, Act::Relu, true, big},
    };
    for (const Case &c : cases) {
        ResolvedLayer r;
        r.kernel = {3, 3};
        r.pad = c.pad;
        r.bias = c.bias;
        r.activation = c.act;
        const i64 oh = c.h + c.pad.top + c.pad.bottom - 2, ow = c.w + c.pad.left + c.pad.right - 2;
        const auto l = layer(Op::Conv, f, {spatial(f, c.C, c.h, c.w)}, spatial(f, c.O, oh, ow), r);
        for (auto [kind, name] : kinds)
            for (int t : {1, 3})
                QTest::addRow("winograd %s %lldx%lld pad(t%lld,b%lld,l%lld,r%lld) C%lld O%lld act%d bias%d block%lldK "
                              "threads=%d",
                              name, (long long)c.h, (long long)c.w, (long long)c.pad.top, (long long)c.pad.bottom,
                              (long long)c.pad.left, (long long)c.pad.right, (long long)c.C, (long long)c.O,
                              int(c.act), int(c.bias), (long long)(c.block >> 10), t)
                    << l << int(kind) << t << c.block;
    }
}

void TestComputeKernels::winograd()
{
    QFETCH(LayerReport, layer);
    QFETCH(int, kind);
    QFETCH(int, threads);
    QFETCH(qint64, blockBytes);
    const Framework f = Framework::PyTorch; // OIHW weights are already the kernels' [O × C·9] matrix
    std::mt19937 rng(5);
    const auto v = randomValues(elementCount(layer.inputShapes[0]), rng, -2.0f, 2.0f);
    const NdArray refIn{layer.inputShapes[0], v};
    const Tensor x = Tensor::fromFrameworkOrder(f, layer.inputShapes[0], v);
    const LayerWeights w = randomWeights(layer, f, rng);
    const NdArray *rp[] = {&refIn};
    const NdArray ref = referenceForward(layer, f, rp, &w);
    const kernels::ConvGeom g = kernels::convGeom(layer, f, 0, 0, 1);
    const auto k = kernels::WinogradKind(kind);
    const std::vector<float> U = kernels::winogradWeights(w.at("weight").data, g, k);
    QCOMPARE(U.size(), kernels::winogradWeightCount(g, k));
    Tensor y = Tensor::zeros(f, *layer.output);
    ThreadPool pool(threads);
    ExecContext ctx{&pool, nullptr};
    const float *bias = layer.spec.bias ? w.at("bias").data.data() : nullptr;
    kernels::convWinograd(x.data.data(), g, k, U.data(), bias, layer.spec.activation, layer.spec.alpha, y.data.data(),
                          ctx, blockBytes);
    const QString problem = mismatch(y.toFrameworkOrder(), ref.data);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void TestComputeKernels::nanPropagates()
{
    // NaN/Inf in the input go through every kind without a crash, as in the frameworks.
    for (Framework f : {Framework::Keras, Framework::PyTorch}) {
        std::vector<float> v(3 * 6 * 6, 0.5f);
        v[7] = std::numeric_limits<float>::quiet_NaN();
        v[20] = std::numeric_limits<float>::infinity();
        ResolvedLayer pool;
        pool.kernel = {2, 2};
        pool.stride = {2, 2};
        pool.padKind = PadKind::Ignored;
        auto l = layer(Op::MaxPool, f, {spatial(f, 3, 6, 6)}, spatial(f, 3, 3, 3), pool);
        QVERIFY2(compare(l, f, 2, 1, {v}).isEmpty(), qPrintable(compare(l, f, 2, 1, {v})));
        ResolvedLayer conv;
        conv.kernel = {3, 3};
        conv.pad = {1, 1, 1, 1};
        l = layer(Op::Conv, f, {spatial(f, 3, 6, 6)}, spatial(f, 2, 6, 6), conv);
        QVERIFY2(compare(l, f, 2, 1, {v}).isEmpty(), qPrintable(compare(l, f, 2, 1, {v})));
        for (Act a : {Act::Relu, Act::Sigmoid, Act::HardSigmoid, Act::Softmax, Act::Relu6}) {
            ResolvedLayer act;
            act.activation = a;
            l = layer(Op::Activation, f, {spatial(f, 3, 6, 6)}, spatial(f, 3, 6, 6), act);
            QVERIFY2(compare(l, f, 2, 1, {v}).isEmpty(), qPrintable(compare(l, f, 2, 1, {v})));
        }
    }
}

void TestComputeKernels::cancelStopsWork()
{
    // A set flag makes the kernel skip its work items (the Runner then discards the output).
    const Framework f = Framework::PyTorch;
    ResolvedLayer r;
    r.kernel = {3, 3};
    r.pad = {1, 1, 1, 1};
    const auto l = layer(Op::Conv, f, {spatial(f, 8, 64, 64)}, spatial(f, 8, 64, 64), r);
    std::mt19937 rng(3);
    const LayerWeights w = randomWeights(l, f, rng);
    Tensor in = Tensor::fromFrameworkOrder(f, l.inputShapes[0], randomValues(8 * 64 * 64, rng));
    std::atomic<bool> cancel{true};
    ThreadPool pool(2);
    ExecContext ctx{&pool, &cancel};
    const Tensor *ins[] = {&in};
    const Tensor out = forwardLayer(l, f, ins, prepareLayer(l, f, &w), ctx);
    QCOMPARE(out.shape, *l.output);
    for (float v : out.data)
        QCOMPARE(v, 0.0f);
}

// The tensor operations of forward() (PyTorch layout): broadcasting arithmetic, reductions, permutations, slices,
// pixel shuffles and group norms, fast against the reference's per-element multi-index loops.
void TestComputeKernels::tensorOps_data()
{
    addColumns();
    const Framework f = Framework::PyTorch;
    for (ArithOp op : {ArithOp::Add, ArithOp::Sub, ArithOp::Mul, ArithOp::Div}) {
        const std::string n = std::to_string(int(op));
        ResolvedLayer r;
        r.arith = op;
        addRow("arith " + n + " same shape", layer(Op::Arith, f, {{3, 4, 5}, {3, 4, 5}}, {3, 4, 5}, r), f);
        addRow("arith " + n + " channel gate", layer(Op::Arith, f, {{3, 4, 5}, {3, 1, 1}}, {3, 4, 5}, r), f);
        addRow("arith " + n + " both broadcast", layer(Op::Arith, f, {{1, 4, 1}, {3, 1, 5}}, {3, 4, 5}, r), f);
        addRow("arith " + n + " vectors", layer(Op::Arith, f, {{7}, {7}}, {7}, r), f);
        r.hasScalar = true;
        r.scalar = 2.5;
        addRow("arith " + n + " x op 2.5", layer(Op::Arith, f, {{3, 4, 5}}, {3, 4, 5}, r), f);
        r.scalarFirst = true;
        addRow("arith " + n + " 2.5 op x", layer(Op::Arith, f, {{3, 4, 5}}, {3, 4, 5}, r), f);
    }
    for (ReduceOp op : {ReduceOp::Mean, ReduceOp::Sum, ReduceOp::Max, ReduceOp::Min}) {
        const std::string n = std::to_string(int(op));
        ResolvedLayer r;
        r.reduce = op;
        r.dims = {1, 2};
        addRow("reduce " + n + " spatial", layer(Op::Reduce, f, {{3, 4, 5}}, {3}, r), f);
        addRow("reduce " + n + " spatial keepdim", layer(Op::Reduce, f, {{3, 4, 5}}, {3, 1, 1}, r), f);
        r.dims = {0};
        addRow("reduce " + n + " channels", layer(Op::Reduce, f, {{3, 4, 5}}, {4, 5}, r), f);
        r.dims = {0, 2};
        addRow("reduce " + n + " channels and width", layer(Op::Reduce, f, {{3, 4, 5}}, {4}, r), f);
    }
    ResolvedLayer perm;
    perm.dims = {1, 2, 0};
    addRow("permute to channels last", layer(Op::Permute, f, {{3, 4, 5}}, {4, 5, 3}, perm), f);
    perm.dims = {0, 2, 1};
    addRow("transpose H and W", layer(Op::Permute, f, {{3, 4, 5}}, {3, 5, 4}, perm), f);
    perm.dims = {1, 0};
    addRow("transpose a matrix", layer(Op::Permute, f, {{6, 7}}, {7, 6}, perm), f);
    ResolvedLayer sl;
    sl.axis = 0;
    sl.sliceStart = 1;
    sl.sliceStep = 2;
    addRow("slice channels 1::2", layer(Op::Slice, f, {{6, 4, 5}}, {3, 4, 5}, sl), f);
    sl.axis = 2;
    sl.sliceStart = 3;
    sl.sliceStep = 1;
    addRow("slice width 3:", layer(Op::Slice, f, {{6, 4, 5}}, {6, 4, 2}, sl), f);
    ResolvedLayer ps;
    ps.shuffle = 2;
    addRow("pixel shuffle 2", layer(Op::PixelShuffle, f, {{8, 3, 4}}, {2, 6, 8}, ps), f);
    ps.shuffle = 3;
    addRow("pixel shuffle 3", layer(Op::PixelShuffle, f, {{9, 2, 3}}, {1, 6, 9}, ps), f);
    ps.shuffle = -2;
    addRow("pixel unshuffle 2", layer(Op::PixelShuffle, f, {{2, 4, 6}}, {8, 2, 3}, ps), f);
    for (i64 groups : {1, 2, 6}) {
        for (bool affine : {true, false}) {
            ResolvedLayer gn;
            gn.groups = groups;
            gn.inChannels = gn.outChannels = 6;
            gn.epsilon = 1e-5;
            gn.bnScale = gn.bnCenter = affine;
            addRow("group norm " + std::to_string(groups) + (affine ? " affine" : ""),
                   layer(Op::GroupNorm, f, {{6, 4, 5}}, {6, 4, 5}, gn), f);
        }
    }
    ResolvedLayer stats; // InstanceNorm2d(track_running_stats=True) in eval mode
    stats.groups = 6;
    stats.inChannels = stats.outChannels = 6;
    stats.epsilon = 1e-3;
    stats.bnScale = stats.bnCenter = true;
    stats.runningStats = true;
    addRow("instance norm running stats", layer(Op::GroupNorm, f, {{6, 4, 5}}, {6, 4, 5}, stats), f);
    for (i64 n : {1, 6}) {
        ResolvedLayer pr;
        pr.outChannels = n;
        pr.alpha = 0.25;
        addRow("prelu " + std::to_string(n), layer(Op::PReLU, f, {{6, 4, 5}}, {6, 4, 5}, pr), f);
    }
    for (const std::vector<i64> &axes : {std::vector<i64>{2}, {1, 2}, {0, 1, 2}}) {
        for (bool affine : {true, false}) {
            ResolvedLayer ln;
            ln.dims = axes;
            ln.epsilon = 1e-5;
            ln.bnScale = ln.bnCenter = affine;
            addRow("layer norm over " + std::to_string(axes.size()) + " axes" + (affine ? " affine" : ""),
                   layer(Op::LayerNorm, f, {{6, 4, 5}}, {6, 4, 5}, ln), f);
        }
    }
    for (i64 size : {1, 2, 3, 5, 8}) {
        ResolvedLayer lrn;
        lrn.lrnSize = size;
        lrn.alpha = 0.5;
        lrn.beta = 0.75;
        lrn.lrnK = 2.0;
        addRow("local response norm " + std::to_string(size), layer(Op::LocalResponseNorm, f, {{6, 4, 5}}, {6, 4, 5}, lrn),
               f);
    }
    for (i64 g : {1, 2, 3, 6}) {
        ResolvedLayer cs;
        cs.groups = g;
        addRow("channel shuffle " + std::to_string(g), layer(Op::ChannelShuffle, f, {{6, 4, 5}}, {6, 4, 5}, cs), f);
    }
    ResolvedLayer l2;
    l2.arithFn = ArithFn::L2Normalize;
    l2.epsilon = 1e-12;
    l2.dims = {2};
    addRow("l2 normalize last axis", layer(Op::Arith, f, {{6, 4, 5}}, {6, 4, 5}, l2), f);
    l2.dims = {0, 1};
    addRow("l2 normalize axes 0, 1", layer(Op::Arith, f, {{6, 4, 5}}, {6, 4, 5}, l2), f);
    ResolvedLayer ex;
    ex.arithFn = ArithFn::Expand;
    addRow("expand_as", layer(Op::Arith, f, {{6, 1, 1}, {6, 4, 5}}, {6, 4, 5}, ex), f);
}

QTEST_GUILESS_MAIN(TestComputeKernels)
#include "tst_compute_kernels.moc"
