// tst_translate.cpp — Keras ⇄ PyTorch translation (core/model/translate) as a round trip, graph by graph: every
// bundled example goes to PyTorch and back and is the original graph again (same layers, names, inputs, resolved
// kernels, strides, padding, activations, shapes and parameter counts) — fused activations are split out on the way
// to PyTorch and fused back on the way to Keras, 'same' padding that became an explicit pad comes back as 'same' —
// and the PyTorch form survives PyTorch → Keras → PyTorch the same way.
#include "formats/model_file.h"
#include "model/translate.h"
#include "shape/infer.h"

#include <QDir>
#include <QTest>

using namespace convlens;

namespace {

struct Side {
    Graph graph;
    ShapeReport report;
};

Side translated(const Side &from, Framework to)
{
    const SemanticsSwitch s = switchSemantics(from.graph, from.report, to);
    if (!s.graph)
        qFatal("translation refused: %s", s.error.c_str());
    Side out{*s.graph, {}};
    out.report = inferGraph(out.graph);
    return out;
}

std::string describe(const LayerReport &l, Framework f)
{
    std::string d = l.name + " " + l.type + " <-";
    for (const auto &i : l.inputs)
        d += " " + i;
    d += " → " + (l.output ? shapeToString(*l.output, f) : std::string("refused: ") + l.error);
    d += " params " + std::to_string(l.params);
    const ResolvedLayer &s = l.spec;
    d += " k" + std::to_string(s.kernel[0]) + "x" + std::to_string(s.kernel[1]) + " s" + std::to_string(s.stride[0]) +
         "x" + std::to_string(s.stride[1]) + " d" + std::to_string(s.dilation[0]) + "x" + std::to_string(s.dilation[1]);
    if (l.padding)
        d += " pad " + std::to_string(l.padding->top) + "," + std::to_string(l.padding->bottom) + "," +
             std::to_string(l.padding->left) + "," + std::to_string(l.padding->right);
    d += " act " + std::to_string(int(s.activation)) + (s.bias ? " bias" : "");
    return d;
}

// The two graphs layer by layer; the first difference names both layers.
void compareGraphs(const Side &a, const Side &b)
{
    QVERIFY(a.report.ok);
    QVERIFY2(b.report.ok, b.report.firstRefused >= 0 ? b.report.layers[size_t(b.report.firstRefused)].error.c_str()
                                                      : "");
    QCOMPARE(b.graph.framework, a.graph.framework);
    const size_t n = std::min(a.report.layers.size(), b.report.layers.size());
    for (size_t i = 0; i < n; ++i) {
        const std::string da = describe(a.report.layers[i], a.graph.framework);
        const std::string db = describe(b.report.layers[i], b.graph.framework);
        QVERIFY2(da == db, ("layer " + std::to_string(i) + ":\n  was   " + da + "\n  is    " + db).c_str());
        QCOMPARE(b.graph.layers[i].implicitInput, a.graph.layers[i].implicitInput);
    }
    QCOMPARE(b.report.layers.size(), a.report.layers.size());
    QCOMPARE(b.graph.outputs, a.graph.outputs);
}

} // namespace

class TestTranslate : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void separateActivationFusesBack();
    void resizingNearestIsNearestExact();
};

void TestTranslate::roundTrip_data()
{
    QTest::addColumn<QString>("path");
    const QDir dir(QStringLiteral(CONVLENS_SOURCE_DIR "/resources/examples"));
    for (const QString &f : dir.entryList({QStringLiteral("*.py")}, QDir::Files, QDir::Name))
        QTest::addRow("%s", qPrintable(f)) << dir.filePath(f);
}

void TestTranslate::roundTrip()
{
    QFETCH(QString, path);
    const LoadResult loaded = loadModelFile(path.toStdString());
    QVERIFY(loaded.ok());
    QCOMPARE(loaded.graph->framework, Framework::Keras);
    Side keras{*loaded.graph, {}};
    keras.report = inferGraph(keras.graph);

    const Side torch = translated(keras, Framework::PyTorch);
    QVERIFY(torch.report.ok);
    const Side back = translated(torch, Framework::Keras);
    compareGraphs(keras, back);

    const Side torchAgain = translated(back, Framework::PyTorch);
    compareGraphs(torch, torchAgain);
}

void TestTranslate::separateActivationFusesBack()
{
    // PyTorch writes the activation as its own module; Keras fuses it into the layer before when nothing else reads
    // that layer, and keeps it separate when something does.
    Graph g;
    g.framework = Framework::PyTorch;
    const auto add = [&g](std::string name, std::string type, std::vector<std::string> ins,
                          std::map<std::string, ParamValue> p) {
        Layer l;
        l.name = std::move(name);
        l.type = std::move(type);
        l.inputs = std::move(ins);
        l.params = std::move(p);
        g.layers.push_back(std::move(l));
    };
    const auto conv = [](std::int64_t in, std::int64_t out) {
        return std::map<std::string, ParamValue>{{"in_channels", ParamValue(in)},
                                                 {"out_channels", ParamValue(out)},
                                                 {"kernel_size", ParamValue(std::int64_t(3))},
                                                 {"padding", ParamValue(std::int64_t(1))}};
    };
    add("input", "Input", {}, {{"shape", ParamValue::ints({1, 8, 8})}});
    g.layers.back().implicitInput = true;
    add("0", "Conv2d", {"input"}, conv(1, 4));
    add("1", "ReLU", {"0"}, {});
    add("2", "Conv2d", {"1"}, conv(4, 4));
    add("3", "Sigmoid", {"2"}, {});
    add("4", "add", {"2", "3"}, {}); // "2" is read twice: its Sigmoid stays a layer of its own
    Side torch{g, {}};
    torch.report = inferGraph(torch.graph);
    QVERIFY(torch.report.ok);
    const Side keras = translated(torch, Framework::Keras);
    QVERIFY(keras.report.ok);
    QStringList types;
    for (const Layer &l : keras.graph.layers)
        types << QString::fromStdString(l.type);
    QCOMPARE(types.join(u' '), QStringLiteral("InputLayer Conv2D Conv2D Activation Add"));
    QCOMPARE(keras.report.layers[1].spec.activation, Act::Relu);
    QCOMPARE(keras.report.layers[2].spec.activation, Act::Linear);
    compareGraphs(torch, translated(keras, Framework::PyTorch));
}


// Keras Resizing(nearest) samples at half-pixel centres as torch's 'nearest-exact' does, rounded in double where
// torch rounds in float: translated where every cell reads the same input cell, refused naming the first that does
// not (14 → 23 columns: cell 11 is (11 + ½)·14/23 = 7 exactly, torch's float scale gives 6).
void TestTranslate::resizingNearestIsNearestExact()
{
    const auto resizing = [](std::int64_t h, std::int64_t w, std::int64_t oh, std::int64_t ow) {
        Side k;
        k.graph.framework = Framework::Keras;
        Layer in;
        in.name = "input";
        in.type = "Input";
        in.params = {{"shape", ParamValue::ints({h, w, 2})}};
        Layer r;
        r.name = "resize";
        r.type = "Resizing";
        r.inputs = {"input"};
        r.params = {{"height", ParamValue(oh)}, {"width", ParamValue(ow)}, {"interpolation", ParamValue("nearest")}};
        k.graph.layers = {in, r};
        k.graph.outputs = {"resize"};
        k.report = inferGraph(k.graph);
        return k;
    };
    const Side keras = resizing(5, 7, 9, 4);
    QVERIFY(keras.report.ok);
    const Side torch = translated(keras, Framework::PyTorch);
    QVERIFY(torch.report.ok);
    const Layer &up = torch.graph.layers.back();
    QCOMPARE(up.type, std::string("Upsample"));
    QCOMPARE(up.params.at("mode"), ParamValue("nearest-exact"));
    QCOMPARE(up.params.at("size"), ParamValue::ints({9, 4}));
    QCOMPARE(*torch.report.layers.back().output, (Shape{2, 9, 4}));
    QVERIFY(torch.report.layers.back().spec.nearestExact);

    const Side rounding = resizing(3, 14, 3, 23);
    QVERIFY(rounding.report.ok);
    const SemanticsSwitch s = switchSemantics(rounding.graph, rounding.report, Framework::PyTorch);
    QVERIFY(!s.graph);
    QVERIFY2(s.error.find("'resize' (Resizing)") != std::string::npos &&
                 s.error.find("column 11 reads input 7, where nn.Upsample's 'nearest-exact' reads 6 (14 → 23)") !=
                     std::string::npos,
             s.error.c_str());
}

QTEST_GUILESS_MAIN(TestTranslate)
#include "tst_translate.moc"
