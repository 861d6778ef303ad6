// tst_gui_units.cpp — the GUI's plain parts without a window: Python literals, chain-preserving graph edits,
// diagram geometry (resolution rows, no overlapping boxes, skips routed above), the Keras ⇄ PyTorch switch keeping
// every shape, the stack row geometry, command-line parsing, and both item models under QAbstractItemModelTester.
#include "cli_options.h"
#include "diagram_layout.h"
#include "document.h"
#include "examples.h"
#include "model/edit.h"
#include "layer_model.h"
#include "python/literal.h"
#include "palette_model.h"
#include "model/translate.h"
#include "settings.h"
#include "shape/infer.h"
#include "stack_delegate.h"
#include "stack_groups.h"
#include "undo_commands.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QMimeData>
#include <QTemporaryDir>
#include <QtTest>

using namespace convlens;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(std::vector<std::int64_t>)
Q_DECLARE_METATYPE(std::vector<int>)

namespace {

Graph chain(std::initializer_list<std::pair<const char *, const char *>> layers)
{
    // name, type; each reads the one before; Keras; Conv2D gets filters 4, kernel 3, padding same.
    Graph g;
    std::string prev;
    for (auto [name, type] : layers) {
        Layer l;
        l.name = name;
        l.type = type;
        if (std::string(type) == "InputLayer")
            l.params["shape"] = ParamValue::ints({32, 32, 3});
        if (std::string(type) == "Conv2D") {
            l.params["filters"] = 4;
            l.params["kernel_size"] = 3;
            l.params["padding"] = "same";
        }
        if (!prev.empty())
            l.inputs.push_back(prev);
        prev = name;
        g.layers.push_back(l);
    }
    return g;
}

QStringList names(const Graph &g)
{
    QStringList out;
    for (const auto &l : g.layers)
        out << QString::fromStdString(l.name);
    return out;
}

QString inputsOf(const Graph &g, const char *name)
{
    QStringList out;
    for (const auto &i : g.find(name)->inputs)
        out << QString::fromStdString(i);
    return out.join(u',');
}

Graph example(const char *id)
{
    LoadResult r = loadExample(QString::fromLatin1(id));
    if (!r.ok())
        qFatal("example %s: %s", id, r.error ? r.error->toString().c_str() : "?");
    return *r.graph;
}

} // namespace

class TestGuiUnits : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void stackGroups();
    void literal_data();
    void literal();
    void literalRejects_data();
    void literalRejects();

    void insertSplicesIntoChain();
    void removeSplicesOut();
    void removeRefusesUsedInput();
    void moveRechains();
    void moveRefusesAboveProducer();
    void duplicateAfterItself();
    void renameUpdatesReferences();
    void setInputsOnlyFromAbove();
    void torchNamesFollowIndices();

    void resolutionLevels_data();
    void resolutionLevels();
    void diagramUNetReadsAsU();
    void diagramNoOverlaps_data();
    void diagramNoOverlaps();
    void diagramHitTest();

    void switchKeepsShapes_data();
    void switchKeepsShapes();

    void changeParamMerges();
    void stackRowGeometry();
    void cliOptions_data();
    void cliOptions();
    void modelsUnderTester();
    void settingsRecentFiles();
};

void TestGuiUnits::literal_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("python");
    QTest::addRow("int") << u"3"_s << u"3"_s;
    QTest::addRow("negative") << u"-1"_s << u"-1"_s;
    QTest::addRow("float") << u"0.5"_s << u"0.5"_s;
    QTest::addRow("exp") << u"1e-3"_s << u"0.001"_s;
    QTest::addRow("none") << u"None"_s << u"None"_s;
    QTest::addRow("bool") << u"True"_s << u"True"_s;
    QTest::addRow("string") << u"'same'"_s << u"'same'"_s;
    QTest::addRow("dq string") << u"\"valid\""_s << u"'valid'"_s;
    QTest::addRow("pair") << u"(3, 3)"_s << u"(3, 3)"_s;
    QTest::addRow("list") << u"[1, 2]"_s << u"(1, 2)"_s;
    QTest::addRow("one-tuple") << u"(4,)"_s << u"(4,)"_s;
    QTest::addRow("parenthesised") << u"(4)"_s << u"4"_s;
    QTest::addRow("nested") << u"((1, 2), (0, 0))"_s << u"((1, 2), (0, 0))"_s;
    QTest::addRow("spaces") << u"  ( 28 ,28, 1 ) "_s << u"(28, 28, 1)"_s;
}

void TestGuiUnits::literal()
{
    QFETCH(QString, text);
    QFETCH(QString, python);
    QString error;
    const auto v = parsePythonLiteral(text, &error);
    QVERIFY2(v, qPrintable(error));
    QCOMPARE(toPythonText(*v), python);
}

void TestGuiUnits::literalRejects_data()
{
    QTest::addColumn<QString>("text");
    QTest::addRow("empty") << u""_s;
    QTest::addRow("name") << u"same"_s;
    QTest::addRow("unclosed") << u"(3, 3"_s;
    QTest::addRow("trailing") << u"3 4"_s;
    QTest::addRow("unterminated") << u"'abc"_s;
    QTest::addRow("expression") << u"3+4"_s;
}

void TestGuiUnits::literalRejects()
{
    QFETCH(QString, text);
    QString error;
    QVERIFY(!parsePythonLiteral(text, &error));
    QVERIFY(!error.isEmpty());
}

void TestGuiUnits::insertSplicesIntoChain()
{
    Graph g = chain({{"in", "InputLayer"}, {"a", "Conv2D"}, {"b", "Conv2D"}});
    std::string err;
    Layer pool;
    pool.type = "MaxPooling2D";
    const std::string name = edit::insertLayer(g, 2, pool, &err);
    QCOMPARE(QString::fromStdString(name), QStringLiteral("max_pooling2d"));
    QCOMPARE(names(g), (QStringList{u"in"_s, u"a"_s, u"max_pooling2d"_s, u"b"_s}));
    QCOMPARE(inputsOf(g, "max_pooling2d"), QStringLiteral("a"));
    QCOMPARE(inputsOf(g, "b"), QStringLiteral("max_pooling2d"));
    // Appending at the end after a declared output makes the new layer the output.
    g.outputs = {"b"};
    Layer relu;
    relu.type = "ReLU";
    edit::insertLayer(g, 4, relu, &err);
    QCOMPARE(QString::fromStdString(g.outputs.front()), QStringLiteral("re_lu"));
    // Nothing but an input can go first.
    Layer conv;
    conv.type = "Conv2D";
    QVERIFY(edit::insertLayer(g, 0, conv, &err).empty());
    QVERIFY(!err.empty());
    QVERIFY(edit::isWellOrdered(g));
}

void TestGuiUnits::removeSplicesOut()
{
    Graph g = chain({{"in", "InputLayer"}, {"a", "Conv2D"}, {"b", "Conv2D"}, {"c", "Conv2D"}});
    g.outputs = {"c"};
    std::string err;
    QVERIFY(edit::removeLayers(g, {"b"}, &err));
    QCOMPARE(names(g), (QStringList{u"in"_s, u"a"_s, u"c"_s}));
    QCOMPARE(inputsOf(g, "c"), QStringLiteral("a"));
    QVERIFY(edit::removeLayers(g, {"c"}, &err));
    QCOMPARE(QString::fromStdString(g.outputs.front()), QStringLiteral("a"));
}

void TestGuiUnits::removeRefusesUsedInput()
{
    Graph g = chain({{"in", "InputLayer"}, {"a", "Conv2D"}});
    std::string err;
    QVERIFY(!edit::removeLayers(g, {"in"}, &err));
    QVERIFY(QString::fromStdString(err).contains(QStringLiteral("'a'")));
    QCOMPARE(g.layers.size(), size_t(2));
    QVERIFY(edit::removeLayers(g, {"in", "a"}, &err)); // together is fine
    QVERIFY(g.layers.empty());
}

void TestGuiUnits::moveRechains()
{
    Graph g = chain({{"in", "InputLayer"}, {"a", "Conv2D"}, {"b", "MaxPooling2D"}, {"c", "Conv2D"}, {"d", "Conv2D"}});
    std::string err;
    QVERIFY2(edit::moveLayers(g, {2}, 4, &err), err.c_str()); // b before d
    QCOMPARE(names(g), (QStringList{u"in"_s, u"a"_s, u"c"_s, u"b"_s, u"d"_s}));
    QCOMPARE(inputsOf(g, "c"), QStringLiteral("a"));
    QCOMPARE(inputsOf(g, "b"), QStringLiteral("c"));
    QCOMPARE(inputsOf(g, "d"), QStringLiteral("b"));
    QVERIFY2(edit::moveLayers(g, {3}, 5, &err), err.c_str()); // b to the end
    QCOMPARE(names(g), (QStringList{u"in"_s, u"a"_s, u"c"_s, u"d"_s, u"b"_s}));
    QCOMPARE(inputsOf(g, "b"), QStringLiteral("d"));
    QVERIFY2(edit::moveLayers(g, {2, 3}, 1, &err), err.c_str()); // c, d as a block to the top
    QCOMPARE(names(g), (QStringList{u"in"_s, u"c"_s, u"d"_s, u"a"_s, u"b"_s}));
    QCOMPARE(inputsOf(g, "c"), QStringLiteral("in"));
    QCOMPARE(inputsOf(g, "d"), QStringLiteral("c"));
    QCOMPARE(inputsOf(g, "a"), QStringLiteral("d"));
    QVERIFY(!edit::moveLayers(g, {1}, 2, &err)); // onto itself: nothing to do
    QVERIFY(!edit::moveLayers(g, {0}, 3, &err)); // the input stays
    QVERIFY(edit::isWellOrdered(g));
}

void TestGuiUnits::moveRefusesAboveProducer()
{
    Graph g = chain({{"in", "InputLayer"}, {"a", "Conv2D"}, {"b", "Conv2D"}, {"c", "Conv2D"}});
    Layer cat;
    cat.name = "cat";
    cat.type = "Concatenate";
    cat.inputs = {"c", "a"};
    g.layers.push_back(cat);
    std::string err;
    // Moving `a` below the concatenation that uses it as a skip would put a consumer before its producer.
    const Graph before = g;
    QVERIFY(!edit::moveLayers(g, {1}, 5, &err));
    QVERIFY(!err.empty());
    QCOMPARE(names(g), names(before));
}

void TestGuiUnits::duplicateAfterItself()
{
    Graph g = chain({{"in", "InputLayer"}, {"conv2d", "Conv2D"}, {"b", "Conv2D"}});
    std::string err;
    const auto created = edit::duplicateLayers(g, {"conv2d"}, &err);
    QCOMPARE(created.size(), size_t(1));
    QCOMPARE(QString::fromStdString(created[0]), QStringLiteral("conv2d_1"));
    QCOMPARE(names(g), (QStringList{u"in"_s, u"conv2d"_s, u"conv2d_1"_s, u"b"_s}));
    QCOMPARE(inputsOf(g, "conv2d_1"), QStringLiteral("conv2d"));
    QCOMPARE(inputsOf(g, "b"), QStringLiteral("conv2d_1"));
    QVERIFY(g.find("conv2d_1")->params == g.find("conv2d")->params);
}

void TestGuiUnits::renameUpdatesReferences()
{
    Graph g = chain({{"in", "InputLayer"}, {"a", "Conv2D"}, {"b", "Conv2D"}});
    g.outputs = {"b"};
    std::string err;
    QVERIFY(edit::renameLayer(g, "a", "enc1", &err));
    QCOMPARE(inputsOf(g, "b"), QStringLiteral("enc1"));
    QVERIFY(!edit::renameLayer(g, "b", "enc1", &err)); // taken
    QVERIFY(!edit::renameLayer(g, "b", "", &err));
    QVERIFY(!edit::renameLayer(g, "b", "has space", &err));
    QVERIFY(edit::renameLayer(g, "b", "out", &err));
    QCOMPARE(QString::fromStdString(g.outputs.front()), QStringLiteral("out"));
}

void TestGuiUnits::setInputsOnlyFromAbove()
{
    Graph g = chain({{"in", "InputLayer"}, {"a", "Conv2D"}, {"b", "Conv2D"}});
    Layer add;
    add.name = "sum";
    add.type = "Add";
    add.inputs = {"b", "b"};
    g.layers.push_back(add);
    std::string err;
    QVERIFY(edit::setInputs(g, "sum", {"b", "a"}, &err));
    QCOMPARE(inputsOf(g, "sum"), QStringLiteral("b,a"));
    QVERIFY(!edit::setInputs(g, "a", {"b"}, &err)); // below it
    QVERIFY(!edit::setInputs(g, "sum", {"b"}, &err)); // Add needs two
}

void TestGuiUnits::torchNamesFollowIndices()
{
    Graph g;
    g.framework = Framework::PyTorch;
    Layer in;
    in.name = "input";
    in.type = "Input";
    in.params["shape"] = ParamValue::ints({1, 28, 28});
    g.layers.push_back(in);
    for (const char *t : {"ReLU", "Sigmoid"}) {
        Layer l;
        l.type = t;
        l.name = std::to_string(g.layers.size() - 1);
        l.inputs = {g.layers.back().name};
        g.layers.push_back(l);
    }
    QVERIFY(edit::hasTorchIndexNames(g));
    std::string err;
    Layer tanh;
    tanh.type = "Tanh";
    QCOMPARE(QString::fromStdString(edit::insertLayer(g, 1, tanh, &err)), QStringLiteral("0"));
    QCOMPARE(names(g), (QStringList{u"input"_s, u"0"_s, u"1"_s, u"2"_s}));
    QCOMPARE(QString::fromStdString(g.layers[1].type), QStringLiteral("Tanh"));
    QCOMPARE(inputsOf(g, "1"), QStringLiteral("0"));
    QVERIFY(edit::removeLayers(g, {"0"}, &err));
    QCOMPARE(names(g), (QStringList{u"input"_s, u"0"_s, u"1"_s}));
    QCOMPARE(QString::fromStdString(g.layers[1].type), QStringLiteral("ReLU"));
}

void TestGuiUnits::resolutionLevels_data()
{
    QTest::addColumn<std::vector<std::int64_t>>("heights");
    QTest::addColumn<std::vector<int>>("levels");
    QTest::addRow("autoencoder") << std::vector<std::int64_t>{28, 28, 14, 14, 7, 7, 4, 4, 8, 8, 16, 14, 28, 28}
                                 << std::vector<int>{0, 0, 1, 1, 2, 2, 3, 3, 2, 2, 1, 1, 0, 0};
    // The original U-Net: 572 and 388 share the top row, 284 and 196 the next, and so on down to 32.
    QTest::addRow("unet valid") << std::vector<std::int64_t>{572, 568, 284, 280, 140, 136, 68, 64, 32, 28, 56, 52,
                                                             104, 100, 200, 196, 392, 388}
                                << std::vector<int>{0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 2, 2, 1, 1, 0, 0};
    QTest::addRow("vgg") << std::vector<std::int64_t>{224, 112, 56, 28, 14, 7}
                         << std::vector<int>{0, 1, 2, 3, 4, 5};
}

void TestGuiUnits::resolutionLevels()
{
    QFETCH(std::vector<std::int64_t>, heights);
    QFETCH(std::vector<int>, levels);
    QCOMPARE(convlens::resolutionLevels(heights), levels);
}

void TestGuiUnits::diagramUNetReadsAsU()
{
    for (const char *id : {"unet_same", "unet_valid"}) {
        Graph g = example(id);
        const ShapeReport r = inferGraph(g);
        QVERIFY2(r.ok, id);
        DiagramOptions o;
        const DiagramLayout L = DiagramLayout::compute(r, o);
        QCOMPARE(L.nodes.size(), r.layers.size());
        // Down then up: the deepest row is in the middle, the first and the last maps on the top row.
        int deepest = 0;
        for (const auto &n : L.nodes)
            deepest = std::max(deepest, n.level);
        QVERIFY2(deepest >= 4, id);
        QCOMPARE(L.nodes.front().level, 0);
        int lastMap = -1;
        for (size_t i = 0; i < L.nodes.size(); ++i)
            if (L.nodes[i].kind == DiagramNode::Kind::Map)
                lastMap = int(i);
        QCOMPARE(L.nodes[size_t(lastMap)].level, 0);
        // Each concatenation joins its skip with a map of its own row, and that skip runs above both ends.
        int skips = 0;
        for (const auto &e : L.edges) {
            const auto &a = L.nodes[size_t(e.from)], &b = L.nodes[size_t(e.to)];
            if (!e.skip || b.op != Op::Concat)
                continue;
            ++skips;
            QVERIFY2(a.level == b.level, qPrintable(QStringLiteral("%1 (row %2) -> %3 (row %4)")
                                                        .arg(a.nameLabel).arg(a.level).arg(b.nameLabel).arg(b.level)));
            qreal top = e.path.front().y();
            for (const QPointF &pt : e.path)
                top = std::min(top, pt.y());
            QVERIFY(top < a.bounds.top());
            QVERIFY(top < b.bounds.top());
        }
        QCOMPARE(skips, 4);
    }
}

void TestGuiUnits::diagramNoOverlaps_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<bool>("log");
    for (const auto &e : examples()) {
        QTest::addRow("%s linear", qPrintable(e.id)) << e.id << false;
        QTest::addRow("%s log", qPrintable(e.id)) << e.id << true;
    }
}

void TestGuiUnits::diagramNoOverlaps()
{
    QFETCH(QString, id);
    QFETCH(bool, log);
    Graph g = example(qPrintable(id));
    const ShapeReport r = inferGraph(g);
    DiagramOptions o;
    o.logScale = log;
    const DiagramLayout L = DiagramLayout::compute(r, o);
    for (size_t i = 0; i < L.nodes.size(); ++i) {
        QVERIFY(L.sceneRect.contains(L.nodes[i].bounds));
        QVERIFY(L.nodes[i].face.height() >= 1 && L.nodes[i].face.width() >= 1);
        for (size_t j = i + 1; j < L.nodes.size(); ++j)
            QVERIFY2(!L.nodes[i].bounds.intersects(L.nodes[j].bounds),
                     qPrintable(QStringLiteral("%1 overlaps %2").arg(L.nodes[i].nameLabel, L.nodes[j].nameLabel)));
    }
    // Skip routes never cross a box.
    for (const auto &e : L.edges) {
        if (!e.skip)
            continue;
        for (int k = 0; k + 1 < e.path.size(); ++k) {
            const QRectF seg = QRectF(e.path[k], e.path[k + 1]).normalized().adjusted(-0.1, -0.1, 0.1, 0.1);
            for (const auto &n : L.nodes)
                if (n.row != e.from && n.row != e.to)
                    QVERIFY2(!seg.intersects(n.silhouette().boundingRect()),
                             qPrintable(QStringLiteral("skip %1→%2 crosses %3")
                                            .arg(e.from).arg(e.to).arg(n.nameLabel)));
        }
    }
}

void TestGuiUnits::diagramHitTest()
{
    Graph g = example("autoencoder");
    const ShapeReport r = inferGraph(g);
    const DiagramLayout L = DiagramLayout::compute(r, DiagramOptions{});
    for (const auto &n : L.nodes)
        QCOMPARE(L.nodeAt(n.face.center()), n.row);
    QCOMPARE(L.nodeAt(L.sceneRect.topLeft() + QPointF(1, 1)), -1);
}

void TestGuiUnits::switchKeepsShapes_data()
{
    QTest::addColumn<QString>("id");
    for (const auto &e : examples())
        QTest::addRow("%s", qPrintable(e.id)) << e.id;
}

void TestGuiUnits::switchKeepsShapes()
{
    QFETCH(QString, id);
    Graph keras = example(qPrintable(id));
    const ShapeReport kr = inferGraph(keras);
    QVERIFY(kr.ok);
    const SemanticsSwitch toTorch = switchSemantics(keras, kr, Framework::PyTorch);
    QVERIFY2(toTorch.graph, toTorch.error.c_str());
    Graph torch = *toTorch.graph;
    const ShapeReport tr = inferGraph(torch);
    QVERIFY2(tr.ok, tr.firstRefused >= 0 ? tr.layers[size_t(tr.firstRefused)].error.c_str() : "");
    // Same final shape, in the other layout; same parameter count except batch norm (Keras counts 4·C).
    const Shape &ko = *kr.layers.back().output, &to = *tr.layers.back().output;
    if (ko.size() == 3)
        QCOMPARE(to, (Shape{ko[2], ko[0], ko[1]}));
    else
        QCOMPARE(to, ko);
    const SemanticsSwitch back = switchSemantics(torch, tr, Framework::Keras);
    QVERIFY2(back.graph, back.error.c_str());
    Graph again = *back.graph;
    const ShapeReport ar = inferGraph(again);
    QVERIFY(ar.ok);
    QCOMPARE(*ar.layers.back().output, ko);
    QCOMPARE(ar.totalParams, kr.totalParams);
}

void TestGuiUnits::changeParamMerges()
{
    Document doc;
    doc.reset(example("autoencoder"), {}, QStringLiteral("t"));
    const QString conv = QString::fromStdString(doc.graph().layers[1].name);
    // One interaction (a spin-box drag 16 → 17 → 18 → 19): one undo step.
    for (int f = 17; f <= 19; ++f)
        QVERIFY(doc.setParam(conv, QStringLiteral("filters"), ParamValue(f), true));
    doc.finishInteraction();
    QCOMPARE(doc.undoStack()->count(), 1);
    QVERIFY(doc.isModified());
    QCOMPARE(doc.report().layers[1].output->back(), 19);
    // The next interaction is a new step; dragging back to where it started makes it obsolete.
    QVERIFY(doc.setParam(conv, QStringLiteral("filters"), ParamValue(20), true));
    QVERIFY(doc.setParam(conv, QStringLiteral("filters"), ParamValue(19), true));
    doc.finishInteraction();
    QCOMPARE(doc.undoStack()->count(), 1);
    doc.undoStack()->undo();
    QCOMPARE(doc.report().layers[1].output->back(), 16);
    QVERIFY(!doc.isModified());
    // Discrete edits never merge.
    QVERIFY(doc.setParam(conv, QStringLiteral("filters"), ParamValue(8)));
    QVERIFY(doc.setParam(conv, QStringLiteral("filters"), ParamValue(4)));
    QCOMPARE(doc.undoStack()->count(), 2);
}

void TestGuiUnits::stackRowGeometry()
{
    const auto g = convlens::stackRowGeometry(QRect(0, 0, 300, 40), true, 16, 100);
    QVERIFY(!g.name.intersects(g.type));
    QVERIFY(!g.type.intersects(g.shape));
    QVERIFY(!g.name.intersects(g.shape));
    QVERIFY(g.skips.top() > g.name.bottom());
    QVERIFY(QRect(0, 0, 300, 40).contains(g.shape));
    QVERIFY(convlens::stackRowGeometry(QRect(0, 0, 300, 20), false, 16, 100).skips.isNull());
}

void TestGuiUnits::cliOptions_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("example");
    QTest::addColumn<QString>("view");
    QTest::addRow("none") << QStringList{u"convlens"_s} << true << u""_s << u""_s;
    QTest::addRow("example") << QStringList{u"convlens"_s, u"--example"_s, u"unet_same"_s, u"--view"_s, u"diagram"_s} << true
                             << u"unet_same"_s << u"diagram"_s;
    QTest::addRow("all") << QStringList{u"convlens"_s, u"m.json"_s, u"--image"_s, u"d.png"_s, u"--select"_s, u"conv2d"_s, u"--view"_s,
                                        u"maps"_s, u"--screenshot"_s, u"o.png"_s}
                         << true << u""_s << u"maps"_s;
    QTest::addRow("bad view") << QStringList{u"convlens"_s, u"--view"_s, u"nope"_s} << false << u""_s << u""_s;
    QTest::addRow("two files") << QStringList{u"convlens"_s, u"a.json"_s, u"b.json"_s} << false << u""_s << u""_s;
    QTest::addRow("file and example") << QStringList{u"convlens"_s, u"a.json"_s, u"--example"_s, u"lenet5"_s} << false << u""_s
                                      << u""_s;
    QTest::addRow("unknown option") << QStringList{u"convlens"_s, u"--frobnicate"_s} << false << u""_s << u""_s;
    QTest::addRow("step and channel") << QStringList{u"convlens"_s, u"--view"_s, u"stepper"_s, u"--step"_s, u"12"_s,
                                                     u"--channel"_s, u"3"_s}
                                      << true << u""_s << u"stepper"_s;
    QTest::addRow("bad step") << QStringList{u"convlens"_s, u"--step"_s, u"-2"_s} << false << u""_s << u""_s;
    QTest::addRow("bad channel") << QStringList{u"convlens"_s, u"--channel"_s, u"x"_s} << false << u""_s << u""_s;
}

void TestGuiUnits::cliOptions()
{
    QFETCH(QStringList, args);
    QFETCH(bool, ok);
    QFETCH(QString, example);
    QFETCH(QString, view);
    QString error;
    const auto o = parseGuiOptions(args, &error);
    QCOMPARE(bool(o), ok);
    if (o) {
        QCOMPARE(o->example, example);
        QCOMPARE(o->view, view);
    } else {
        QVERIFY(!error.isEmpty());
    }
}

void TestGuiUnits::modelsUnderTester()
{
    Document doc;
    LayerModel layers(&doc);
    PaletteModel palette;
    QAbstractItemModelTester t1(&layers, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t2(&palette, QAbstractItemModelTester::FailureReportingMode::QtTest);
    connect(&doc, &Document::reportChanged, &layers, [&] {
        layers.setReport(doc.report());
        palette.setFramework(doc.framework());
    });
    for (const auto &e : examples()) {
        doc.reset(example(qPrintable(e.id)), {}, e.id);
        QCOMPARE(layers.rowCount(), int(doc.graph().layers.size()));
    }
    doc.reset(example("autoencoder"), {}, QStringLiteral("a"));
    QCOMPARE(layers.data(layers.index(11, LayerModel::OutputColumn)).toString(), QStringLiteral("(None, 14, 14, 16)"));
    QCOMPARE(layers.data(layers.index(11, LayerModel::TypeColumn)).toString(), QStringLiteral("Conv2D"));
    QCOMPARE(layers.data(layers.index(11, LayerModel::PaddingColumn)).toString(), QStringLiteral("0"));
    QCOMPARE(layers.data(layers.index(1, LayerModel::ParamsColumn)).toString(), QStringLiteral("160"));
    // Edits through the model: rename in setData, drops of kinds and of rows.
    QVERIFY(layers.setData(layers.index(1, 0), QStringLiteral("enc1")));
    QCOMPARE(layers.layerName(1), QStringLiteral("enc1"));
    QVERIFY(!layers.setData(layers.index(2, 0), QStringLiteral("enc1"))); // taken
    std::unique_ptr<QMimeData> kind(palette.mimeData({palette.index(0)}));
    QVERIFY(kind);
    const int before = layers.rowCount();
    QVERIFY(layers.dropMimeData(kind.get(), Qt::CopyAction, 2, 0, {}));
    QCOMPARE(layers.rowCount(), before + 1);
    std::unique_ptr<QMimeData> rows(layers.mimeData({layers.index(2, 0)}));
    QVERIFY(layers.dropMimeData(rows.get(), Qt::MoveAction, 5, 0, {}));
    QVERIFY(!layers.dropMimeData(rows.get(), Qt::MoveAction, 1, 0, layers.index(0, 0))); // never onto a row
    doc.undoStack()->setIndex(0);
    QCOMPARE(layers.rowCount(), before);
    QCOMPARE(layers.layerName(1), QString::fromStdString(example("autoencoder").layers[1].name));
    // PyTorch palette and a PyTorch report.
    QVERIFY(doc.switchSemantics(Framework::PyTorch));
    QCOMPARE(palette.framework(), Framework::PyTorch);
    QCOMPARE(layers.data(layers.index(layers.rowCount() - 1, LayerModel::OutputColumn)).toString(),
             QStringLiteral("[1, 1, 28, 28]"));
}

void TestGuiUnits::settingsRecentFiles()
{
    QTemporaryDir dir;
    Settings s(dir.filePath(QStringLiteral("s.ini")));
    QVERIFY(s.recentFiles().isEmpty());
    QVERIFY(!s.diagramLogScale());
    for (int i = 0; i < Settings::maxRecentFiles + 3; ++i)
        s.addRecentFile(QStringLiteral("/m/%1.json").arg(i));
    s.addRecentFile(QStringLiteral("/m/5.json"));
    const QStringList r = s.recentFiles();
    QCOMPARE(r.size(), Settings::maxRecentFiles);
    QCOMPARE(r.front(), QStringLiteral("/m/5.json"));
    QCOMPARE(r.count(QStringLiteral("/m/5.json")), 1);
    s.removeRecentFile(QStringLiteral("/m/5.json"));
    QVERIFY(!s.recentFiles().contains(QStringLiteral("/m/5.json")));
    s.setDiagramLogScale(true);
    s.sync();
    QVERIFY(Settings(dir.filePath(QStringLiteral("s.ini"))).diagramLogScale());
}

// The stack's groups (stack_groups.h): chains from Layer::scope, runs of rows, what a fold hides and draws.
void TestGuiUnits::stackGroups()
{
    QCOMPARE(scopeChain(QString()), QStringList());
    QCOMPARE(scopeChain(QStringLiteral("layer1.0")), (QStringList{QStringLiteral("layer1"), QStringLiteral("layer1.0")}));
    QCOMPARE(scopeChain(QStringLiteral("enc:Sequential/block:Functional")),
             (QStringList{QStringLiteral("enc:Sequential"), QStringLiteral("enc:Sequential/block:Functional")}));
    QCOMPARE(scopeLabel(QStringLiteral("enc:Sequential/block:Functional")), QStringLiteral("block"));
    QCOMPARE(scopeLabel(QStringLiteral("layer1.0")), QStringLiteral("layer1.0"));

    // conv1 | layer1.0 ×2 | layer1.1 ×2 | fc | layer1.0 again (a module called again later: a second run)
    const std::vector<QStringList> chains{{},
                                          scopeChain(QStringLiteral("layer1.0")),
                                          scopeChain(QStringLiteral("layer1.0")),
                                          scopeChain(QStringLiteral("layer1.1")),
                                          scopeChain(QStringLiteral("layer1.1")),
                                          {},
                                          scopeChain(QStringLiteral("layer1.0"))};
    const StackGroups g = StackGroups::compute(chains);
    QStringList runs;
    for (const StackGroup &s : g.groups)
        runs << QStringLiteral("%1 %2-%3 d%4").arg(s.key).arg(s.first).arg(s.last).arg(s.depth);
    QCOMPARE(runs, (QStringList{QStringLiteral("layer1 1-4 d0"), QStringLiteral("layer1.0 1-2 d1"),
                                QStringLiteral("layer1.1 3-4 d1"), QStringLiteral("layer1 6-6 d0"),
                                QStringLiteral("layer1.0 6-6 d1")}));
    QCOMPARE(g.depth, (std::vector<int>{0, 2, 2, 2, 2, 0, 2}));
    QCOMPARE(g.headers(1, {}), (std::vector<int>{0, 1}));
    QCOMPARE(g.headers(2, {}), std::vector<int>{});
    QCOMPARE(g.headers(3, {}), std::vector<int>{2});

    // layer1.0 folded: row 2 hidden, row 1 shows both headers but not its layer; the later run folds too (same key).
    const QSet<QString> inner{QStringLiteral("layer1.0")};
    QCOMPARE(g.hidden(2, inner), true);
    QCOMPARE(g.hidden(3, inner), false);
    QCOMPARE(g.headers(1, inner), (std::vector<int>{0, 1}));
    QCOMPARE(g.showsLayer(1, inner), false);
    QCOMPARE(g.showsLayer(3, inner), true);
    // layer1 folded: rows 2–4 hidden, row 1 is layer1's header alone.
    const QSet<QString> outer{QStringLiteral("layer1")};
    for (int r : {2, 3, 4})
        QVERIFY(g.hidden(r, outer));
    QVERIFY(!g.hidden(5, outer));
    QCOMPARE(g.headers(1, outer), std::vector<int>{0});
    QCOMPARE(g.showsLayer(1, outer), false);
    QVERIFY(g.showsLayer(0, outer));
    // What Delete acts on: a folded header stands for its whole group (the outermost folded one beginning on the row),
    // an open row for itself; both folded, layer1 wins.
    QCOMPARE(g.foldedGroup(1, inner), 1);
    QCOMPARE(g.foldedGroup(1, outer), 0);
    QCOMPARE(g.foldedGroup(3, inner), -1);
    QCOMPARE(g.editRows({1}, inner), (std::vector<int>{1, 2}));
    QCOMPARE(g.editRows({1, 5}, outer), (std::vector<int>{1, 2, 3, 4, 5}));
    QCOMPARE(g.editRows({1, 6}, inner + outer), (std::vector<int>{1, 2, 3, 4, 6}));
    QCOMPARE(g.editRows({3}, inner), std::vector<int>{3});
    QCOMPARE(g.editRows({1}, {}), std::vector<int>{1});
    // A group's parameters: the sum of its rows', a module called twice (rows 1 and 2 share "layer1.0.pool")
    // counted once; an empty path is never shared.
    const std::vector<std::int64_t> params{5, 100, 100, 7, 0, 9, 11};
    const std::vector<QString> paths{{}, QStringLiteral("layer1.0.pool"), QStringLiteral("layer1.0.pool"), {}, {},
                                     {}, QStringLiteral("layer1.0.conv")};
    QCOMPARE(groupParams(g.groups[0], params, paths), std::int64_t(107)); // layer1: rows 1–4
    QCOMPARE(groupParams(g.groups[1], params, paths), std::int64_t(100)); // layer1.0: rows 1–2, one module
    QCOMPARE(groupParams(g.groups[2], params, std::vector<QString>(7)), std::int64_t(7));
    // No scopes: no groups.
    QVERIFY(StackGroups::compute({{}, {}}).empty());
}

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    TestGuiUnits t;
    return QTest::qExec(&t, argc, argv);
}

#include "tst_gui_units.moc"
