// tst_merge_fix.cpp — the refused merge's story and fix (core/shape/merge_fix): the original U-Net with one of its
// skip crops taken out gets exactly that crop back, named after the valid convolutions that shrank the other branch;
// odd differences crop one more row at the bottom; concatenation along a spatial axis crops only the other one;
// PyTorch gets a ZeroPad2d with negative padding and renumbered indices; channel mismatches have no crop fix.
#include "formats/model_file.h"
#include "importers/python_code.h"
#include "shape/infer.h"
#include "shape/merge_fix.h"

#include <QTest>

using namespace convlens;

namespace {

const std::string kUnetValid = CONVLENS_SOURCE_DIR "/resources/examples/unet_valid.py";

// Takes a layer out, its consumers reading its input instead.
void bypass(Graph &g, const std::string &name)
{
    const int i = g.indexOf(name);
    QVERIFY(i >= 0);
    const std::string input = g.layers[size_t(i)].inputs.front();
    g.layers.erase(g.layers.begin() + i);
    for (Layer &l : g.layers)
        for (auto &in : l.inputs)
            if (in == name)
                in = input;
}

Graph importCode(const std::string &code, LoadOptions opts = {})
{
    const LoadResult r = importPythonCode(code, "<test>", opts);
    if (!r.ok())
        qFatal("import failed: %s", r.error ? r.error->toString().c_str() : "?");
    return *r.graph;
}

std::string refusedName(const ShapeReport &r)
{
    return r.firstRefused >= 0 ? r.layers[size_t(r.firstRefused)].name : std::string();
}

} // namespace

class TestMergeFix : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void unetSkipCrops_data();
    void unetSkipCrops();
    void oddDifference();
    void concatAlongHeight();
    void pytorchCat();
    void channelMismatchHasNoCrop();
};

void TestMergeFix::unetSkipCrops_data()
{
    QTest::addColumn<QString>("crop"); // the Cropping2D taken out
    QTest::addColumn<int>("amount");
    QTest::addRow("first skip") << QStringLiteral("cropping2d") << 4;
    QTest::addRow("second skip") << QStringLiteral("cropping2d_1") << 16;
    QTest::addRow("third skip") << QStringLiteral("cropping2d_2") << 40;
    QTest::addRow("fourth skip") << QStringLiteral("cropping2d_3") << 88;
}

void TestMergeFix::unetSkipCrops()
{
    QFETCH(QString, crop);
    QFETCH(int, amount);
    const LoadResult loaded = loadModelFile(kUnetValid);
    QVERIFY(loaded.ok());
    Graph g = *loaded.graph;
    ShapeReport original = inferGraph(g);
    QVERIFY(original.ok);
    const int ci = g.indexOf(crop.toStdString());
    QVERIFY(ci >= 0);
    const std::string skip = g.layers[size_t(ci)].inputs.front();
    bypass(g, crop.toStdString());

    ShapeReport r = inferGraph(g);
    QVERIFY(!r.ok);
    const int mi = r.firstRefused;
    QCOMPARE(r.layers[size_t(mi)].op, Op::Concat);
    const std::string before = r.layers[size_t(mi)].fix;
    explainMergeRefusals(g, r);
    const std::string text = r.layers[size_t(mi)].fix;
    QVERIFY(text != before);

    const auto fix = mergeFix(g, r, mi);
    QVERIFY(fix);
    QCOMPARE(fix->text, text);
    QCOMPARE(fix->crops.size(), size_t(1));
    QCOMPARE(fix->crops[0].input, skip);
    const std::int64_t a = amount;
    QCOMPARE(fix->crops[0].crop, (Pad4{a, a, a, a}));
    // The branches part at the skip's source; valid 3×3 convolutions on the upsampling branch shrank it.
    QCOMPARE(fix->splitAt, skip);
    QVERIFY(!fix->shrunkBy.empty());
    for (const auto &n : fix->shrunkBy)
        QVERIFY2(QString::fromStdString(text).contains(QString::fromStdString("'" + n + "' (3×3)")), text.c_str());
    const std::string call = "Cropping2D(cropping=((" + std::to_string(a) + ", " + std::to_string(a) + "), (" +
                             std::to_string(a) + ", " + std::to_string(a) + ")))";
    QVERIFY2(text.find(call) != std::string::npos, text.c_str());
    QVERIFY2(text.find("by " + std::to_string(a) + " px on every side") != std::string::npos, text.c_str());

    // Applied, the model resolves again to the original output.
    std::string error;
    const auto created = applyMergeFix(g, *fix, &error);
    QVERIFY2(created.size() == 1, error.c_str());
    const ShapeReport fixed = inferGraph(g);
    QVERIFY2(fixed.ok, refusedName(fixed).c_str());
    QCOMPARE(fixed.layers.size(), original.layers.size());
    QCOMPARE(*fixed.layers.back().output, *original.layers.back().output);
}

void TestMergeFix::oddDifference()
{
    // A 4×4 valid convolution takes 3 off one branch: one row/column at the top/left, two at the bottom/right.
    Graph g = importCode("from keras import layers, Input, Model\n"
                         "inp = Input(shape=(20, 20, 3))\n"
                         "a = layers.Conv2D(8, 3, padding='same', name='stem')(inp)\n"
                         "b = layers.Conv2D(8, 4, name='narrow')(a)\n"
                         "m = layers.Add(name='sum')([a, b])\n"
                         "model = Model(inp, m)\n");
    ShapeReport r = inferGraph(g);
    QCOMPARE(refusedName(r), std::string("sum"));
    const auto fix = mergeFix(g, r, r.firstRefused);
    QVERIFY(fix);
    QCOMPARE(fix->crops.size(), size_t(1));
    QCOMPARE(fix->crops[0].input, std::string("stem"));
    QCOMPARE(fix->crops[0].crop, (Pad4{1, 2, 1, 2}));
    QCOMPARE(fix->splitAt, std::string("stem"));
    QCOMPARE(fix->shrunkBy, std::vector<std::string>{"narrow"});
    QVERIFY2(fix->text.find("'narrow' (4×4) drops a border") != std::string::npos, fix->text.c_str());
    QVERIFY2(fix->text.find("1 row at the top and 2 at the bottom") != std::string::npos, fix->text.c_str());
    std::string error;
    QCOMPARE(applyMergeFix(g, *fix, &error).size(), size_t(1));
    QVERIFY(inferGraph(g).ok);
}

void TestMergeFix::concatAlongHeight()
{
    // Joined along H (axis=1): only the widths must agree, so only columns are cropped.
    Graph g = importCode("from keras import layers, Input, Model\n"
                         "inp = Input(shape=(16, 16, 2))\n"
                         "a = layers.Conv2D(4, 3, name='valid3')(inp)\n"
                         "b = layers.Conv2D(4, 1, name='pointwise')(inp)\n"
                         "m = layers.Concatenate(axis=1, name='join')([a, b])\n"
                         "model = Model(inp, m)\n");
    ShapeReport r = inferGraph(g);
    QCOMPARE(refusedName(r), std::string("join"));
    const auto fix = mergeFix(g, r, r.firstRefused);
    QVERIFY(fix);
    QCOMPARE(fix->crops.size(), size_t(1));
    QCOMPARE(fix->crops[0].input, std::string("pointwise"));
    QCOMPARE(fix->crops[0].crop, (Pad4{0, 0, 1, 1}));
    std::string error;
    QCOMPARE(applyMergeFix(g, *fix, &error).size(), size_t(1));
    const ShapeReport fixed = inferGraph(g);
    QVERIFY(fixed.ok);
    QCOMPARE(*fixed.layers.back().output, (Shape{30, 14, 4}));
}

void TestMergeFix::pytorchCat()
{
    // A torch graph built in code (nn.Sequential cannot branch): cat of a valid 5×5 conv and its input.
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
    add("input", "Input", {}, {{"shape", ParamValue::ints({3, 12, 12})}});
    g.layers.back().implicitInput = true;
    add("0", "Conv2d", {"input"},
        {{"in_channels", ParamValue(std::int64_t(3))}, {"out_channels", ParamValue(std::int64_t(3))},
         {"kernel_size", ParamValue(std::int64_t(5))}});
    add("1", "cat", {"input", "0"}, {{"dim", ParamValue(std::int64_t(1))}});
    ShapeReport r = inferGraph(g);
    QCOMPARE(refusedName(r), std::string("1"));
    explainMergeRefusals(g, r);
    const std::string &text = r.layers[2].fix;
    QVERIFY2(text.find("nn.ZeroPad2d((-2, -2, -2, -2)) between 'input' and '1'") != std::string::npos, text.c_str());
    QVERIFY2(text.find("padding=(k − 1) / 2") != std::string::npos, text.c_str());
    const auto fix = mergeFix(g, r, 2);
    QVERIFY(fix);
    std::string error;
    const auto created = applyMergeFix(g, *fix, &error);
    QCOMPARE(created, std::vector<std::string>{"1"}); // the crop takes index 1, the cat becomes 2
    QCOMPARE(g.layers[2].type, std::string("ZeroPad2d"));
    QCOMPARE(g.layers[3].inputs, (std::vector<std::string>{"1", "0"}));
    const ShapeReport fixed = inferGraph(g);
    QVERIFY(fixed.ok);
    QCOMPARE(*fixed.layers.back().output, (Shape{6, 8, 8}));
}

void TestMergeFix::channelMismatchHasNoCrop()
{
    Graph g = importCode("from keras import layers, Input, Model\n"
                         "inp = Input(shape=(8, 8, 3))\n"
                         "a = layers.Conv2D(4, 3, padding='same')(inp)\n"
                         "b = layers.Conv2D(6, 3)(inp)\n"
                         "m = layers.Add()([a, b])\n"
                         "model = Model(inp, m)\n");
    ShapeReport r = inferGraph(g);
    QVERIFY(r.firstRefused >= 0);
    const std::string before = r.layers[size_t(r.firstRefused)].fix;
    QVERIFY(!mergeFix(g, r, r.firstRefused));
    explainMergeRefusals(g, r);
    QCOMPARE(r.layers[size_t(r.firstRefused)].fix, before);
}

QTEST_GUILESS_MAIN(TestMergeFix)
#include "tst_merge_fix.moc"
