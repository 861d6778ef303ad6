// tst_ops.cpp — every Op through every stage (docs/adding-a-layer.md's checklist, as a test). For each Op and each
// catalogue kind that computes it, a small model is made with the editor's starter values and must: resolve in the
// shape engine; run in the fast forward pass and equal the plain reference; trace step by step where a window slides
// (every step's result = the forward output); have weight names exactly when the traits say it has weights; switch
// to the other framework or refuse with the layer's name; and have a diagram group and tag. A new Op or kind that a
// stage forgets fails here, if the compiler has not already refused it (-Wswitch-enum).
#include "compute/forward.h"
#include "compute/reference/reference.h"
#include "model/edit.h"
#include "model/translate.h"
#include "shape/infer.h"
#include "tensor/weights.h"
#include "trace/trace.h"

#include <QTest>

#include <cmath>
#include <random>

using namespace convlens;

Q_DECLARE_METATYPE(const KindDef *)

namespace {

// Input (8×9, 3 channels) → the kind, with the editor's starter values; merges take the input twice.
Graph sampleModel(const KindDef &kind)
{
    Graph g;
    g.framework = kind.framework;
    const bool keras = kind.framework == Framework::Keras;
    Layer in;
    in.name = "x";
    in.type = keras ? "InputLayer" : "Input";
    in.params["shape"] = keras ? ParamValue::ints({8, 9, 3}) : ParamValue::ints({3, 8, 9});
    if (kind.className == "BatchNorm1d") // (N, C, L): features of a sequence
        in.params["shape"] = ParamValue::ints({3, 8});
    if (kind.className == "depth_to_space") // block_size ≥ 2: channels a multiple of 4
        in.params["shape"] = ParamValue::ints({8, 9, 12});
    g.layers.push_back(in);
    if (kind.op == Op::Input)
        return g;
    const ShapeReport rep = inferGraph(g);
    Layer l = edit::makeLayer(g, rep, kind, 1);
    l.name = "layer";
    std::string error;
    if (edit::insertLayer(g, 1, l, &error).empty())
        qFatal("%s: %s", kind.className.c_str(), error.c_str());
    if (kind.minInputs >= 2)
        g.layers.back().inputs = {"x", "x"};
    return g;
}

std::vector<float> random(std::int64_t n, std::mt19937 &rng, float lo)
{
    std::uniform_real_distribution<float> u(lo, 1.0f);
    std::vector<float> v(static_cast<size_t>(n));
    for (float &x : v)
        x = u(rng);
    return v;
}

} // namespace

class TstOps : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void everyOpHasATraitRowAndAKind();
    void everyStage_data();
    void everyStage();
};

void TstOps::everyOpHasATraitRowAndAKind()
{
    int n = 0;
    for (const OpTraits &t : allOps()) {
        QCOMPARE(int(t.op), n++); // rows in enum order, one per Op
        QVERIFY2(!t.name.empty() && !t.diagramTag.empty(), t.name.data());
        QCOMPARE(t.noWindow.empty(), t.slidesWindow); // a reason exactly when the player does not apply
        bool hasKind = false;
        for (const KindDef &k : catalogue())
            hasKind = hasKind || k.op == t.op;
        QVERIFY2(hasKind, qPrintable(QStringLiteral("Op %1 has no catalogue kind").arg(QLatin1String(t.name.data()))));
    }
    QCOMPARE(n, int(kLastOp) + 1);
    int a = 0;
    for (const ActTraits &t : allActivations()) {
        QCOMPARE(int(t.act), a++);
        // a Keras name or a torch module names it, and leads back to it (GELU's tanh form is a GELU parameter)
        if (!t.keras.empty())
            QCOMPARE(activationFromKeras(t.keras), std::optional(t.act));
        if (!t.torchModule.empty())
            QCOMPARE(activationFromTorchModule(t.torchModule), std::optional(t.act));
        QVERIFY(!t.keras.empty() || !t.torchModule.empty() || t.act == Act::GeluTanh || t.act == Act::ReluClip);
    }
    QCOMPARE(a, int(kLastAct) + 1);
}

void TstOps::everyStage_data()
{
    QTest::addColumn<const KindDef *>("kind");
    for (const KindDef &k : catalogue())
        QTest::addRow("%s %s", frameworkName(k.framework).data(), k.className.c_str()) << &k;
}

void TstOps::everyStage()
{
    QFETCH(const KindDef *, kind);
    const Framework f = kind->framework;
    Graph g = sampleModel(*kind);
    const ShapeReport rep = inferGraph(g);
    const int at = rep.indexOf(g.layers.back().name); // the kind under test (PyTorch renames it by its index)
    QVERIFY(at >= 0);
    const LayerReport &l = rep.layers[size_t(at)];
    // Inference: the starter model resolves.
    QVERIFY2(rep.ok, (l.error + " — " + l.fix).c_str());
    QCOMPARE(l.op, kind->op);
    const OpTraits &t = traits(kind->op);

    // Weight names exactly when the traits say so.
    const std::vector<WeightSpec> specs = expectedWeights(l, f);
    const ParamValue affine = g.layers.back().param(*kind, "affine"); // InstanceNorm2d: none by default
    QCOMPARE(!specs.empty(), t.hasWeights && !(findParam(*kind, "affine") && affine.isBool() && !affine.asBool() &&
                                               kind->op == Op::GroupNorm && !findParam(*kind, "num_groups")));

    // Fast forward pass = reference, on random inputs and weights.
    std::mt19937 rng(7);
    LayerWeights w;
    for (const WeightSpec &s : specs)
        w[s.name] = NdArray{s.shape, random(elementCount(s.shape), rng, s.name.find("var") != std::string::npos ? 0.1f : -1.0f)};
    std::vector<NdArray> refIn;
    std::vector<Tensor> fastIn;
    const std::vector<Shape> inShapes = kind->op == Op::Input ? std::vector<Shape>{*l.output} : l.inputShapes;
    const std::vector<float> x = random(elementCount(inShapes[0]), rng, -1.0f);
    for (const Shape &s : inShapes) {
        refIn.push_back(NdArray{s, x});
        fastIn.push_back(Tensor::fromFrameworkOrder(f, s, x));
    }
    std::vector<const NdArray *> rp;
    std::vector<const Tensor *> fp;
    for (size_t i = 0; i < refIn.size(); ++i) {
        rp.push_back(&refIn[i]);
        fp.push_back(&fastIn[i]);
    }
    const NdArray ref = referenceForward(l, f, rp, &w);
    ThreadPool pool(2);
    const ExecContext ctx{&pool, nullptr};
    const Tensor fast = forwardLayer(l, f, fp, prepareLayer(l, f, &w), ctx);
    QCOMPARE(fast.shape, *l.output);
    const std::vector<float> got = fast.toFrameworkOrder();
    QCOMPARE(got.size(), ref.data.size());
    double maxRef = 0, maxErr = 0;
    for (size_t i = 0; i < got.size(); ++i) {
        maxRef = std::max(maxRef, std::fabs(double(ref.data[i])));
        maxErr = std::max(maxErr, std::fabs(double(got[i]) - double(ref.data[i])));
    }
    QVERIFY2(maxErr <= 1e-4 * std::max(1.0, maxRef), qPrintable(QString::number(maxErr)));

    // The trace where a window slides: every step equals the forward output.
    std::string why;
    QCOMPARE(traceable(l, &why), t.slidesWindow);
    if (t.slidesWindow) {
        std::string err;
        const auto tr = traceLayer(l, fastIn[0], specs.empty() ? nullptr : &w, 0, {}, &err);
        QVERIFY2(tr, err.c_str());
        const Tensor out = Tensor::fromFrameworkOrder(f, *l.output, got);
        const std::int64_t OW = out.width(), HW = out.height() * out.width();
        if (kind->op != Op::ConvTranspose)
            for (const TraceStep &s : tr->steps)
                QVERIFY(std::fabs(s.result - double(out.data[size_t(s.out[0] * OW + s.out[1])])) <= 1e-4);
        for (std::int64_t i = 0; i < HW; ++i) // channel 0 of the output, as the trace computed it
            QVERIFY(std::fabs(tr->output[size_t(i)] - double(out.data[size_t(i)])) <= 1e-4);
    } else {
        QVERIFY(!why.empty());
    }

    // Translation: the other framework's model, or a refusal that names the layer.
    const SemanticsSwitch sw = switchSemantics(g, rep, f == Framework::Keras ? Framework::PyTorch : Framework::Keras);
    if (sw.graph) {
        Graph other = *sw.graph;
        const ShapeReport otherRep = inferGraph(other);
        QVERIFY2(otherRep.ok, "the translated model does not resolve");
        QCOMPARE(otherRep.trainableParams, rep.trainableParams); // Keras BatchNormalization adds 2·C non-trainable
    } else {
        QVERIFY2(sw.error.find("'" + l.name + "'") != std::string::npos, sw.error.c_str());
    }

    // Diagram: a group and a tag.
    QVERIFY(!t.diagramTag.empty());
}

QTEST_GUILESS_MAIN(TstOps)
#include "tst_ops.moc"
