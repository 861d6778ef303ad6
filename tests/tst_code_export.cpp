// tst_code_export.cpp — Keras and PyTorch code export (core/export) as a round trip: every bundled example and every
// model of the golden corpora (tests/golden/shapes, tests/golden/modules) that resolves is exported to Keras code
// and to PyTorch code, the code is imported back with ConvLens's own importer, and the model it builds must be the
// exported one: same layers in the same order, wired the same way, with the same kinds, output shapes and parameter
// counts (Keras: the same names too). Cross-framework exports go through model/translate, which may refuse a layer
// the other framework has no counterpart for: the refusal must name that layer. Then the code itself: a chain is a
// Sequential, anything else the functional API or an nn.Module class; Keras 'same' with stride 2 becomes an explicit
// asymmetric nn.ZeroPad2d with a comment saying why. Finally torch 1.13 (when /usr/bin/python3 has it) runs every
// PyTorch export and must agree on the output shape and parameter count.
#include "export/code_export.h"
#include "formats/model_file.h"
#include "importers/python_code.h"
#include "shape/infer.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace convlens;

Q_DECLARE_METATYPE(Framework)

namespace {

struct Source {
    std::string id;
    std::string code; // empty: `path` is a file
    std::string path;
    LoadOptions opts;
};

std::vector<Source> examples()
{
    std::vector<Source> out;
    const QDir dir(QStringLiteral(CONVLENS_SOURCE_DIR "/resources/examples"));
    for (const QString &f : dir.entryList({QStringLiteral("*.py")}, QDir::Files, QDir::Name))
        out.push_back({"example/" + f.toStdString(), {}, dir.filePath(f).toStdString(), {}});
    return out;
}

std::vector<Source> corpus(const char *file)
{
    QFile f(QStringLiteral(CONVLENS_GOLDEN_DIR "/") + QLatin1String(file));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot open golden corpus %s", qPrintable(f.fileName()));
    std::vector<Source> out;
    const QJsonArray cases = QJsonDocument::fromJson(f.readAll()).object().value(QLatin1String("cases")).toArray();
    for (const auto &c : cases) {
        const QJsonObject o = c.toObject();
        if (!o.value(QLatin1String("ok")).toBool())
            continue;
        Source s;
        s.id = std::string(file) + "/" + o.value(QLatin1String("id")).toString().toStdString();
        s.code = o.value(QLatin1String("code")).toString().toStdString();
        s.opts.framework = o.value(QLatin1String("framework")).toString() == QLatin1String("pytorch")
                               ? Framework::PyTorch
                               : Framework::Keras;
        if (const QJsonArray shape = o.value(QLatin1String("input_shape")).toArray(); !shape.isEmpty()) {
            Shape sh;
            for (const auto &d : shape)
                sh.push_back(d.toInteger());
            s.opts.inputShape = sh;
        }
        if (const QJsonValue call = o.value(QLatin1String("call")); call.isString())
            s.opts.call = call.toString().toStdString();
        out.push_back(std::move(s));
    }
    return out;
}

std::vector<Source> allSources()
{
    std::vector<Source> all = examples();
    for (const char *f : {"shapes/keras_cases.json", "shapes/torch_cases.json", "modules/keras_modules.json",
                          "modules/torch_modules.json"})
        for (auto &s : corpus(f))
            all.push_back(std::move(s));
    return all;
}

LoadResult load(const Source &s)
{
    return s.code.empty() ? loadModelFile(s.path, s.opts) : importPythonCode(s.code, s.id, s.opts);
}

// Layer i as the round trip must keep it: kind, producers, output shape, parameters. `byName`: the layer and its
// producers by name (Keras: names come back as written, but tf.keras lists a functional model's layers by depth, not
// in the order the code calls them; a Sequential's input has no name in the code, so a single input is "<input>");
// otherwise producers by position
// (PyTorch: rows come back in the order forward() computes them, named by their attributes).
std::string describe(const Graph &g, const ShapeReport &r, size_t i, bool byName)
{
    const Layer &l = g.layers[i];
    const bool oneInput =
        std::count_if(g.layers.begin(), g.layers.end(), [](const Layer &k) { return k.inputs.empty(); }) == 1;
    const auto nameOf = [&](const Layer &k) {
        return k.implicitInput || (oneInput && k.inputs.empty()) ? std::string("<input>") : k.name;
    };
    std::string d = (byName ? nameOf(l) + " " : std::string()) + l.type + " <-";
    for (const auto &in : l.inputs)
        d += byName ? " " + nameOf(*g.find(in)) : " #" + std::to_string(g.indexOf(in));
    const LayerReport &lr = r.layers[i];
    d += " → " + (lr.output ? shapeTuple(*lr.output) : "refused: " + lr.error);
    d += " params " + std::to_string(lr.params);
    return d;
}

// What a failed round trip prints: the code, so the failure can be read without rerunning anything.
std::string withCode(const std::string &why, const CodeExport &e)
{
    return why + "\n----- exported code -----\n" + e.code;
}

struct Exported {
    std::string id;
    std::string code;
    Shape input;       // C, H, W
    Shape output;      // the model output shape ConvLens gives, without the batch dimension
    std::int64_t params = 0;
};

} // namespace

class TestCodeExport : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void corpusCoverage(); // after roundTrip: counts what it did
    void sequentialAndFunctional();
    void kerasSameStride2BecomesExplicitZeroPad();
    void unexpressibleLayerIsRefusedByName();
    void kerasReflectionPaddingIsRefused();
    void unresolvedModelIsRefused();
    void torchRunsEveryPyTorchExport();

private:
    std::vector<Exported> m_torchExports; // filled by roundTrip, run by torchRunsEveryPyTorchExport
    int m_resolved = 0, m_written = 0, m_refused = 0; // exports roundTrip tried on models that resolve
};

void TestCodeExport::roundTrip_data()
{
    QTest::addColumn<int>("index");
    QTest::addColumn<Framework>("to");
    const auto all = allSources();
    for (size_t i = 0; i < all.size(); ++i)
        for (Framework to : {Framework::Keras, Framework::PyTorch})
            QTest::addRow("%s → %s", all[i].id.c_str(), std::string(frameworkName(to)).c_str()) << int(i) << to;
}

void TestCodeExport::roundTrip()
{
    static const std::vector<Source> all = allSources();
    QFETCH(int, index);
    QFETCH(Framework, to);
    const Source &src = all[size_t(index)];
    LoadResult loaded = load(src);
    if (!loaded.ok()) // the importer's gaps are tst_golden_modules' business; corpusCoverage bounds how many
        QSKIP(("ConvLens cannot read this model yet: " + loaded.error->toString()).c_str());
    Graph graph = *loaded.graph;
    const ShapeReport report = infer(graph);
    if (!report.ok)
        QSKIP("ConvLens refuses this model itself (a known gap of the importer, tested elsewhere)");

    ++m_resolved;
    const CodeExport e = exportCode(graph, report, to, src.id);
    ++(e.ok() ? m_written : m_refused);
    if (!e.ok()) {
        // It must say which layer.
        // Only a translation, a tensor operation the PyTorch writer does not spell yet, a backend operation of a
        // Lambda or weights shared by two rows (which the Keras writer does not write yet) may refuse
        QVERIFY2(graph.framework != to || e.error.find("tensor operation in forward()") != std::string::npos ||
                     e.error.find("backend operation inside a Lambda") != std::string::npos ||
                     e.error.find("keras.layers has no ReflectionPadding2D") != std::string::npos ||
                     e.error.find("shares its weights with") != std::string::npos,
                 ("same-framework export refused: " + e.error).c_str());
        bool named = false;
        for (const Layer &l : graph.layers)
            named = named || e.error.find("'" + l.name + "'") != std::string::npos;
        QVERIFY2(named, ("the refusal names no layer: " + e.error).c_str());
        QVERIFY(e.code.empty());
        return;
    }
    QVERIFY(!e.code.empty());
    const ShapeReport exportedReport = infer(e.graph);
    QVERIFY(exportedReport.ok);

    const auto inputs = std::count_if(e.graph.layers.begin(), e.graph.layers.end(),
                                      [](const Layer &l) { return l.inputs.empty(); });
    if (to == Framework::PyTorch && inputs > 1) {
        // ConvLens reads PyTorch code with one --input-shape: the code is checked by its forward signature only.
        QVERIFY2(e.code.find("    def forward(self, ") != std::string::npos, e.code.c_str());
        return;
    }
    LoadOptions back;
    back.framework = to;
    if (to == Framework::PyTorch)
        back.inputShape = e.inputShape;
    LoadResult reread = importPythonCode(e.code, "exported.py", back);
    QVERIFY2(reread.ok(), withCode(reread.error ? reread.error->toString() : "", e).c_str());
    const ShapeReport rereadReport = infer(*reread.graph);
    const Graph &g = *reread.graph;
    QVERIFY2(rereadReport.ok, withCode("the exported code does not resolve", e).c_str());
    QCOMPARE(g.framework, to);
    const bool byName = to == Framework::Keras;
    std::vector<std::string> was, is;
    for (size_t i = 0; i < e.graph.layers.size(); ++i)
        was.push_back(describe(e.graph, exportedReport, i, byName));
    for (size_t i = 0; i < g.layers.size(); ++i)
        is.push_back(describe(g, rereadReport, i, byName));
    if (byName) {
        std::sort(was.begin(), was.end());
        std::sort(is.begin(), is.end());
    }
    for (size_t i = 0; i < std::min(was.size(), is.size()); ++i)
        QVERIFY2(was[i] == is[i], withCode("layer " + std::to_string(i) + ":\n  exported  " + was[i] +
                                               "\n  imported  " + is[i], e)
                                      .c_str());
    QCOMPARE(is.size(), was.size());
    QCOMPARE(rereadReport.totalParams, exportedReport.totalParams);
    QCOMPARE(rereadReport.outputs.size(), exportedReport.outputs.size());
    for (size_t i = 0; i < rereadReport.outputs.size(); ++i)
        QCOMPARE(byName ? rereadReport.outputs[i] : std::to_string(g.indexOf(rereadReport.outputs[i])),
                 byName ? exportedReport.outputs[i] : std::to_string(e.graph.indexOf(exportedReport.outputs[i])));

    // The exported model computes what the source does: same output shape (in the target's layout), and, within
    // one framework, the same parameter count.
    const auto outShape = [](const ShapeReport &r) { return *r.layers[size_t(r.indexOf(r.outputs.front()))].output; };
    Shape expected = outShape(report);
    if (graph.framework != to && expected.size() == 3)
        expected = to == Framework::PyTorch ? Shape{expected[2], expected[0], expected[1]}
                                            : Shape{expected[1], expected[2], expected[0]};
    QCOMPARE(outShape(rereadReport), expected);
    if (graph.framework == to)
        QCOMPARE(rereadReport.totalParams, report.totalParams);

    if (to == Framework::PyTorch && rereadReport.outputs.size() == 1)
        m_torchExports.push_back({src.id, e.code, e.inputShape, outShape(rereadReport), rereadReport.totalParams});
}

// The round trip above skips nothing silently: most of the corpus must export both ways.
void TestCodeExport::corpusCoverage()
{
    qInfo("%d exports of models that resolve: %d written, %d refused (a layer the other framework cannot express)",
          m_resolved, m_written, m_refused);
    QVERIFY2(m_resolved >= 2000, "roundTrip tried too few models (run the whole test, not one function)");
    QVERIFY2(m_written >= m_resolved * 85 / 100, "fewer than 85 % of the exports are written");
}

void TestCodeExport::sequentialAndFunctional()
{
    const auto exportFile = [](const char *example, Framework to) {
        LoadResult r = loadModelFile(CONVLENS_SOURCE_DIR "/resources/examples/" + std::string(example));
        if (!r.ok())
            qFatal("cannot load %s", example);
        const ShapeReport rep = infer(*r.graph);
        return exportCode(*r.graph, rep, to, example);
    };
    const CodeExport lenetKeras = exportFile("lenet5.py", Framework::Keras);
    QVERIFY2(lenetKeras.code.find("model = keras.Sequential([\n    keras.Input(shape=(32, 32, 1)),\n"
                                  "    layers.Conv2D(6, (5, 5), strides=(1, 1), activation='tanh'),\n") !=
                 std::string::npos,
             lenetKeras.code.c_str());
    const CodeExport lenetTorch = exportFile("lenet5.py", Framework::PyTorch);
    QVERIFY2(lenetTorch.code.find("model = nn.Sequential(\n    nn.Conv2d(1, 6, 5, padding=0),\n    nn.Tanh(),\n") !=
                 std::string::npos,
             lenetTorch.code.c_str());
    QVERIFY2(lenetTorch.code.find("# Input: a batch of shape (N, 1, 32, 32)") != std::string::npos,
             lenetTorch.code.c_str());
    const CodeExport unetKeras = exportFile("unet_same.py", Framework::Keras);
    QVERIFY2(unetKeras.code.find("inputs = keras.Input(shape=(256, 256, 1))\n") != std::string::npos &&
                 unetKeras.code.find("layers.Concatenate(axis=3)([") != std::string::npos &&
                 unetKeras.code.find("model = keras.Model(inputs=inputs, outputs=") != std::string::npos,
             unetKeras.code.c_str());
    const CodeExport unetTorch = exportFile("unet_same.py", Framework::PyTorch);
    QVERIFY2(unetTorch.code.find("class UnetSame(nn.Module):\n    def __init__(self):\n        super().__init__()\n"
                                 "        self.conv2d = nn.Conv2d(1, 64, 3, padding=1)\n") != std::string::npos &&
                 unetTorch.code.find("    def forward(self, x):\n        x = self.conv2d(x)\n") != std::string::npos &&
                 unetTorch.code.find("torch.cat([") != std::string::npos &&
                 unetTorch.code.find("model = UnetSame()\n") != std::string::npos,
             unetTorch.code.c_str());
}

void TestCodeExport::kerasSameStride2BecomesExplicitZeroPad()
{
    const char *code = "import keras\nfrom keras import layers\n\n"
                       "model = keras.Sequential([\n"
                       "    keras.Input(shape=(28, 28, 1)),\n"
                       "    layers.Conv2D(8, 3, strides=2, padding='same'),\n"
                       "])\n";
    LoadResult r = importPythonCode(code, "same.py");
    QVERIFY(r.ok());
    const ShapeReport rep = infer(*r.graph);
    QVERIFY(rep.ok);
    const CodeExport e = exportCode(*r.graph, rep, Framework::PyTorch);
    QVERIFY2(e.ok(), e.error.c_str());
    // 28 → ⌈28/2⌉ = 14 needs 1 row of padding in total: TensorFlow puts it at the bottom (and right), which
    // Conv2d's symmetric padding= cannot say.
    const std::string expected = "    # Keras padding='same' pads 0 top, 1 bottom, 0 left, 1 right for 'conv2d' (the "
                                 "extra row/column goes at\n    # the bottom/right); PyTorch's padding= pads both "
                                 "sides equally, so the padding is explicit here and the\n    # layer pads nothing "
                                 "itself.\n    nn.ZeroPad2d((0, 1, 0, 1)),\n    nn.Conv2d(1, 8, 3, stride=2, "
                                 "padding=0),\n";
    QVERIFY2(e.code.find(expected) != std::string::npos, e.code.c_str());
    LoadOptions back;
    back.inputShape = e.inputShape;
    QCOMPARE(e.inputShape, (Shape{1, 28, 28}));
    LoadResult again = importPythonCode(e.code, "same_torch.py", back);
    QVERIFY(again.ok());
    const ShapeReport againRep = infer(*again.graph);
    QCOMPARE(*againRep.layers.back().output, (Shape{8, 14, 14}));
    QCOMPARE(againRep.layers.back().params, 80);
}

void TestCodeExport::unexpressibleLayerIsRefusedByName()
{
    const char *code = "import torch.nn as nn\n\nmodel = nn.Sequential(nn.Conv2d(3, 4, 3), nn.ReflectionPad2d(2))\n";
    LoadOptions opts;
    opts.inputShape = Shape{3, 16, 16};
    LoadResult r = importPythonCode(code, "reflect.py", opts);
    QVERIFY(r.ok());
    const ShapeReport rep = infer(*r.graph);
    QVERIFY(rep.ok);
    const CodeExport e = exportCode(*r.graph, rep, Framework::Keras);
    QVERIFY(!e.ok());
    QVERIFY(e.code.empty());
    QVERIFY2(e.error.find("'1' (ReflectionPad2d)") != std::string::npos, e.error.c_str());
    QVERIFY2(e.error.find("mirror") != std::string::npos, e.error.c_str());
    QVERIFY(exportCode(*r.graph, rep, Framework::PyTorch).ok()); // PyTorch itself can say it
}

// keras-io's custom ReflectionPadding2D (tf.pad mode="REFLECT") is read into a kind keras.layers does not have: the
// Keras writer refuses it by name instead of writing layers.ReflectionPadding2D(…), which would not run.
void TestCodeExport::kerasReflectionPaddingIsRefused()
{
    const char *code = "import tensorflow as tf\nfrom tensorflow import keras\nfrom tensorflow.keras import layers\n\n"
                       "class ReflectionPadding2D(layers.Layer):\n"
                       "    def __init__(self, padding=(1, 1), **kwargs):\n"
                       "        self.padding = tuple(padding)\n"
                       "        super().__init__(**kwargs)\n\n"
                       "    def call(self, x):\n"
                       "        w, h = self.padding\n"
                       "        return tf.pad(x, [[0, 0], [h, h], [w, w], [0, 0]], mode=\"REFLECT\")\n\n"
                       "inputs = keras.Input((8, 8, 3))\n"
                       "x = ReflectionPadding2D(padding=(2, 2))(inputs)\n"
                       "x = layers.Conv2D(4, 5)(x)\n"
                       "model = keras.Model(inputs, x)\n";
    LoadResult r = importPythonCode(code, "cyclegan_pad.py");
    QVERIFY2(r.ok(), r.error ? r.error->toString().c_str() : "");
    const ShapeReport rep = infer(*r.graph);
    QVERIFY(rep.ok);
    bool reflects = false;
    for (const LayerReport &l : rep.layers)
        reflects = reflects || (l.op == Op::Pad && l.spec.padMode == PadMode::Reflect);
    QVERIFY(reflects);
    const CodeExport e = exportCode(*r.graph, rep, Framework::Keras);
    QVERIFY(!e.ok());
    QVERIFY(e.code.empty());
    QVERIFY2(e.error.find("(ReflectionPadding2D)") != std::string::npos, e.error.c_str());
    QVERIFY2(e.error.find("keras.layers has no ReflectionPadding2D") != std::string::npos, e.error.c_str());
    QVERIFY(e.code.find("layers.ReflectionPadding2D") == std::string::npos);
}

void TestCodeExport::unresolvedModelIsRefused()
{
    const char *code = "import keras\nfrom keras import layers\n\n"
                       "model = keras.Sequential([keras.Input(shape=(4, 4, 1)), layers.Conv2D(2, 5)])\n";
    LoadResult r = importPythonCode(code, "small.py");
    QVERIFY(r.ok());
    const ShapeReport rep = infer(*r.graph);
    QVERIFY(!rep.ok);
    for (Framework to : {Framework::Keras, Framework::PyTorch}) {
        const CodeExport e = exportCode(*r.graph, rep, to);
        QVERIFY(!e.ok());
        QVERIFY2(e.error.find("'conv2d' (Conv2D) is refused") != std::string::npos, e.error.c_str());
    }
}

// torch 1.13 builds every PyTorch export, runs it on zeros and reports the output shape and parameter count, which
// must be what ConvLens says. Skipped (with the reason) when /usr/bin/python3 has no torch.
void TestCodeExport::torchRunsEveryPyTorchExport()
{
    const QString python = QStringLiteral("/usr/bin/python3");
    QProcess probe;
    probe.start(python, {QStringLiteral("-c"), QStringLiteral("import torch")});
    if (!probe.waitForFinished(120000) || probe.exitStatus() != QProcess::NormalExit || probe.exitCode() != 0)
        QSKIP("/usr/bin/python3 has no torch: the exported PyTorch code is not run (install python3-torch)");
    QVERIFY2(m_torchExports.size() >= 500, "roundTrip exported too few PyTorch models");

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QJsonArray list;
    for (size_t i = 0; i < m_torchExports.size(); ++i) {
        const Exported &x = m_torchExports[i];
        const QString file = dir.filePath(QStringLiteral("export_%1.py").arg(i));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(x.code.data(), qint64(x.code.size()));
        f.close();
        QJsonArray in;
        for (auto d : x.input)
            in.append(qint64(d));
        list.append(QJsonObject{{QStringLiteral("file"), file}, {QStringLiteral("input"), in}});
    }
    const QString listFile = dir.filePath(QStringLiteral("exports.json"));
    QFile lf(listFile);
    QVERIFY(lf.open(QIODevice::WriteOnly));
    lf.write(QJsonDocument(list).toJson());
    lf.close();

    QProcess run;
    run.start(python, {QStringLiteral(CONVLENS_GOLDEN_DIR "/export/run_torch_exports.py"), listFile});
    QVERIFY(run.waitForFinished(900000));
    QVERIFY2(run.exitCode() == 0, run.readAllStandardError().constData());
    const QJsonArray results = QJsonDocument::fromJson(run.readAllStandardOutput()).array();
    QCOMPARE(qsizetype(results.size()), qsizetype(m_torchExports.size()));
    for (size_t i = 0; i < m_torchExports.size(); ++i) {
        const Exported &x = m_torchExports[i];
        const QJsonObject r = results[qsizetype(i)].toObject();
        const std::string err = r.value(QLatin1String("error")).toString().toStdString();
        QVERIFY2(err.empty(), (x.id + ": torch refuses the exported code: " + err + "\n" + x.code).c_str());
        Shape out;
        for (const auto &d : r.value(QLatin1String("output_shape")).toArray())
            out.push_back(d.toInteger());
        QVERIFY2(out == x.output, (x.id + ": torch gives " + shapeTuple(out) + ", ConvLens " + shapeTuple(x.output) +
                                   "\n" + x.code)
                                      .c_str());
        QVERIFY2(r.value(QLatin1String("params")).toInteger() == x.params,
                 (x.id + ": torch counts " + std::to_string(r.value(QLatin1String("params")).toInteger()) +
                  " parameters, ConvLens " + std::to_string(x.params))
                     .c_str());
    }
    qInfo("torch ran %zu exported PyTorch models", m_torchExports.size());
}

QTEST_GUILESS_MAIN(TestCodeExport)
#include "tst_code_export.moc"
