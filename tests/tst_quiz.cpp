// tst_quiz.cpp — core's "predict the shape" (teach/quiz.h): right answers are right whatever the framework's layout;
// each common mistake, typed as a student would, gets the term it missed; padding answers in both frameworks; the
// quiz survives a project file round trip, renames and deletions; and the random quiz's models (seeds 0–299) have odd
// inputs, stride 2 and 'same', resolve in both frameworks, agree on every shape and ask about every layer.
#include "formats/model_file.h"
#include "model/edit.h"
#include "shape/infer.h"
#include "teach/quiz.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace convlens;
using namespace convlens::teach;

namespace {

// One layer after an input of `input` (framework layout), named "x".
Graph oneLayer(Framework fw, Shape input, const std::string &type, std::map<std::string, ParamValue> params)
{
    Graph g;
    g.framework = fw;
    Layer in;
    in.type = fw == Framework::Keras ? "InputLayer" : "Input";
    in.name = "in";
    in.implicitInput = fw == Framework::PyTorch;
    ParamList dims;
    for (auto d : input)
        dims.emplace_back(d);
    in.params["shape"] = ParamValue(dims);
    g.layers.push_back(in);
    Layer l;
    l.name = "x";
    l.type = type;
    l.params = std::move(params);
    l.inputs = {"in"};
    g.layers.push_back(l);
    if (!validateAndOrder(g).empty())
        qFatal("invalid test graph");
    return g;
}

std::string joined(const std::vector<std::string> &v)
{
    std::string s;
    for (const auto &x : v)
        s += x + " | ";
    return s;
}

} // namespace

class TstQuiz : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void shapes_data();
    void shapes();
    void padding_data();
    void padding();
    void refusesWhatItCannotJudge();
    void projectFileKeepsTheQuiz();
    void editsFollowTheQuiz();
    void randomQuiz();
};

void TstQuiz::shapes_data()
{
    QTest::addColumn<int>("framework");
    QTest::addColumn<QList<qint64>>("input"); // framework layout
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("params"); // k=v;k=v (ints, or quoted strings)
    QTest::addColumn<QList<qint64>>("answer"); // H, W, C
    QTest::addColumn<bool>("right");
    QTest::addColumn<QString>("missed"); // a part of the diagnosis; empty: none expected

    const int K = int(Framework::Keras), T = int(Framework::PyTorch);
    // Keras MaxPooling2D(3) on 25: strides default to 3 → ⌊(25 − 3)/3⌋ + 1 = 8.
    QTest::addRow("keras pool right") << K << QList<qint64>{25, 25, 4} << "MaxPooling2D" << "pool_size=3"
                                      << QList<qint64>{8, 8, 4} << true << "";
    QTest::addRow("keras pool stride 1") << K << QList<qint64>{25, 25, 4} << "MaxPooling2D" << "pool_size=3"
                                         << QList<qint64>{23, 23, 4} << false << "strides default to pool_size";
    QTest::addRow("keras pool channels") << K << QList<qint64>{25, 25, 4} << "MaxPooling2D" << "pool_size=3"
                                         << QList<qint64>{8, 8, 3} << false << "keeps the channels: C = 4";
    // Conv2D(8, 3, strides=2, padding='same') on 27 → ⌈27/2⌉ = 14.
    QTest::addRow("keras same right") << K << QList<qint64>{27, 27, 3} << "Conv2D"
                                      << "filters=8;kernel_size=3;strides=2;padding='same'" << QList<qint64>{14, 14, 8}
                                      << true << "";
    QTest::addRow("keras same as valid") << K << QList<qint64>{27, 27, 3} << "Conv2D"
                                         << "filters=8;kernel_size=3;strides=2;padding='same'"
                                         << QList<qint64>{13, 13, 8} << false << "the kernel size does not enter";
    QTest::addRow("keras same floored") << K << QList<qint64>{29, 29, 3} << "Conv2D"
                                        << "filters=8;kernel_size=1;strides=2;padding='same'"
                                        << QList<qint64>{14, 14, 8} << false << "'same' rounds up";
    QTest::addRow("keras filters") << K << QList<qint64>{27, 27, 3} << "Conv2D"
                                   << "filters=8;kernel_size=3;strides=2;padding='same'" << QList<qint64>{14, 14, 3}
                                   << false << "filters=8";
    // valid: ⌊(27 − 5)/2⌋ + 1 = 12
    QTest::addRow("keras valid no +1") << K << QList<qint64>{27, 27, 1} << "Conv2D"
                                       << "filters=4;kernel_size=5;strides=2" << QList<qint64>{11, 11, 4} << false
                                       << "the + 1";
    QTest::addRow("keras valid as same") << K << QList<qint64>{27, 27, 1} << "Conv2D"
                                         << "filters=4;kernel_size=5;strides=2" << QList<qint64>{14, 14, 4} << false
                                         << "'valid' adds no padding";
    // dilation 2, k 3 → k' 5: 27 − 5 + 1 = 23; ignoring dilation gives 25.
    QTest::addRow("keras dilation") << K << QList<qint64>{27, 27, 1} << "Conv2D"
                                    << "filters=4;kernel_size=3;dilation_rate=2" << QList<qint64>{25, 25, 4} << false
                                    << "k' = d·(k − 1) + 1 = 5";
    QTest::addRow("keras one axis wrong") << K << QList<qint64>{27, 31, 1} << "Conv2D"
                                          << "filters=4;kernel_size=5;strides=2" << QList<qint64>{12, 13, 4} << false
                                          << "the + 1";
    // PyTorch Conv2d(3, 8, 3, stride=2, padding=1) on 27: ⌊(27 + 2 − 3)/2⌋ + 1 = 14; layout C, H, W.
    QTest::addRow("torch conv right") << T << QList<qint64>{3, 27, 27} << "Conv2d"
                                      << "in_channels=3;out_channels=8;kernel_size=3;stride=2;padding=1"
                                      << QList<qint64>{14, 14, 8} << true << "";
    QTest::addRow("torch pad once") << T << QList<qint64>{3, 28, 28} << "Conv2d"
                                    << "in_channels=3;out_channels=8;kernel_size=4;stride=2;padding=2"
                                    << QList<qint64>{14, 14, 8} << false << "added on both sides";
    QTest::addRow("torch no pad") << T << QList<qint64>{3, 27, 27} << "Conv2d"
                                  << "in_channels=3;out_channels=8;kernel_size=3;stride=2;padding=1"
                                  << QList<qint64>{13, 13, 8} << false << "padding=1";
    QTest::addRow("torch out_channels") << T << QList<qint64>{3, 27, 27} << "Conv2d"
                                        << "in_channels=3;out_channels=8;kernel_size=3;stride=2;padding=1"
                                        << QList<qint64>{14, 14, 3} << false << "out_channels=8";
    // MaxPool2d(2) on 25: ⌊(25 − 2)/2⌋ + 1 = 12; ceil would give 13.
    QTest::addRow("torch pool ceil") << T << QList<qint64>{4, 25, 25} << "MaxPool2d" << "kernel_size=2"
                                     << QList<qint64>{13, 13, 4} << false << "rounds down";
    QTest::addRow("torch pool stride") << T << QList<qint64>{4, 25, 25} << "MaxPool2d" << "kernel_size=2"
                                       << QList<qint64>{24, 24, 4} << false << "stride defaults to kernel_size";
    QTest::addRow("torch ceil_mode") << T << QList<qint64>{4, 25, 25} << "MaxPool2d" << "kernel_size=2;ceil_mode=True"
                                     << QList<qint64>{12, 12, 4} << false << "ceil_mode=True rounds";
    // No known mistake gives 5: the formula alone.
    QTest::addRow("keras unexplained") << K << QList<qint64>{27, 27, 3} << "Conv2D"
                                       << "filters=8;kernel_size=3;strides=2;padding='same'" << QList<qint64>{5, 5, 8}
                                       << false << "";
}

namespace {

std::map<std::string, ParamValue> parseParams(const QString &text)
{
    std::map<std::string, ParamValue> p;
    for (const QString &kv : text.split(u';', Qt::SkipEmptyParts)) {
        const QString k = kv.section(u'=', 0, 0), v = kv.section(u'=', 1);
        if (v.startsWith(u'\''))
            p[k.toStdString()] = ParamValue(v.mid(1, v.size() - 2).toStdString());
        else if (v == u"True")
            p[k.toStdString()] = ParamValue(true);
        else
            p[k.toStdString()] = ParamValue(std::int64_t(v.toLongLong()));
    }
    return p;
}

} // namespace

void TstQuiz::shapes()
{
    QFETCH(int, framework);
    QFETCH(QList<qint64>, input);
    QFETCH(QString, type);
    QFETCH(QString, params);
    QFETCH(QList<qint64>, answer);
    QFETCH(bool, right);
    QFETCH(QString, missed);
    const Graph g = oneLayer(Framework(framework), Shape(input.begin(), input.end()), type.toStdString(),
                             parseParams(params));
    const ShapeReport r = infer(g);
    QVERIFY2(r.ok, r.layers.back().error.c_str());
    const QuizFeedback f = checkShape(g, r, "x", {answer[0], answer[1], answer[2]});
    QVERIFY2(f.error.empty(), f.error.c_str());
    QCOMPARE(f.right, right);
    QCOMPARE(f.fieldRight.size(), size_t(3));
    QCOMPARE(f.expected.size(), size_t(3));
    for (int i = 0; i < 3; ++i)
        QCOMPARE(f.fieldRight[size_t(i)], f.expected[size_t(i)] == answer[i]);
    QCOMPARE(f.formula, r.layers.back().formula);
    if (right || missed.isEmpty())
        QVERIFY2(f.missed.empty(), joined(f.missed).c_str());
    else
        QVERIFY2(QString::fromStdString(joined(f.missed)).contains(missed), joined(f.missed).c_str());
}

void TstQuiz::padding_data()
{
    QTest::addColumn<int>("framework");
    QTest::addColumn<QList<qint64>>("input");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("params");
    QTest::addColumn<QList<qint64>>("answer"); // top, bottom, left, right
    QTest::addColumn<bool>("right");
    QTest::addColumn<QString>("missed");
    const int K = int(Framework::Keras), T = int(Framework::PyTorch);
    // 'same', k 3, s 2 on 28: out 14, total = 13·2 + 3 − 28 = 1 → 0 top, 1 bottom. On 27: total 2 → 1/1.
    QTest::addRow("keras even right") << K << QList<qint64>{28, 28, 1} << "Conv2D"
                                      << "filters=2;kernel_size=3;strides=2;padding='same'"
                                      << QList<qint64>{0, 1, 0, 1} << true << "";
    QTest::addRow("keras swapped") << K << QList<qint64>{28, 28, 1} << "Conv2D"
                                   << "filters=2;kernel_size=3;strides=2;padding='same'" << QList<qint64>{1, 0, 1, 0}
                                   << false << "at the bottom and right";
    QTest::addRow("keras k-1") << K << QList<qint64>{28, 28, 1} << "Conv2D"
                               << "filters=2;kernel_size=3;strides=2;padding='same'" << QList<qint64>{1, 1, 1, 1}
                               << false << "max((14 − 1)·2 + 3 − 28, 0) = 1";
    QTest::addRow("keras odd right") << K << QList<qint64>{27, 27, 1} << "Conv2D"
                                     << "filters=2;kernel_size=3;strides=2;padding='same'"
                                     << QList<qint64>{1, 1, 1, 1} << true << "";
    QTest::addRow("keras valid") << K << QList<qint64>{27, 27, 1} << "MaxPooling2D" << "pool_size=2"
                                 << QList<qint64>{0, 1, 0, 1} << false << "'valid' adds no padding";
    QTest::addRow("torch right") << T << QList<qint64>{1, 28, 28} << "Conv2d"
                                 << "in_channels=1;out_channels=2;kernel_size=3;stride=2;padding=1"
                                 << QList<qint64>{1, 1, 1, 1} << true << "";
    QTest::addRow("torch tf habit") << T << QList<qint64>{1, 28, 28} << "Conv2d"
                                    << "in_channels=1;out_channels=2;kernel_size=3;stride=2;padding=1"
                                    << QList<qint64>{0, 1, 0, 1} << false << "pads symmetrically: padding=1";
}

void TstQuiz::padding()
{
    QFETCH(int, framework);
    QFETCH(QList<qint64>, input);
    QFETCH(QString, type);
    QFETCH(QString, params);
    QFETCH(QList<qint64>, answer);
    QFETCH(bool, right);
    QFETCH(QString, missed);
    const Graph g = oneLayer(Framework(framework), Shape(input.begin(), input.end()), type.toStdString(),
                             parseParams(params));
    const ShapeReport r = infer(g);
    QVERIFY2(r.ok, r.layers.back().error.c_str());
    const QuizFeedback f = checkPadding(g, r, "x", Pad4{answer[0], answer[1], answer[2], answer[3]});
    QVERIFY2(f.error.empty(), f.error.c_str());
    QCOMPARE(f.right, right);
    const Pad4 p = *r.layers.back().padding;
    QCOMPARE(f.expected, (std::vector<i64>{p.top, p.bottom, p.left, p.right}));
    if (right)
        QVERIFY(f.missed.empty());
    else
        QVERIFY2(QString::fromStdString(joined(f.missed)).contains(missed), joined(f.missed).c_str());
}

void TstQuiz::refusesWhatItCannotJudge()
{
    Graph g = oneLayer(Framework::Keras, {27, 27, 3}, "Flatten", {});
    const ShapeReport r = infer(g);
    QVERIFY(!checkShape(g, r, "x", {1, 1, 1}).error.empty());          // rank 1: no H × W × C
    QVERIFY(!checkPadding(g, r, "x", {0, 0, 0, 0}).error.empty());     // Flatten pads nothing
    QVERIFY(!checkShape(g, r, "nope", {1, 1, 1}).error.empty());
    QVERIFY(!quizzable(r.layers.front(), QuizQuestion::Ask::OutputShape)); // the input is given, not asked
}

void TstQuiz::projectFileKeepsTheQuiz()
{
    Graph g = oneLayer(Framework::Keras, {27, 27, 3}, "Conv2D",
                       parseParams(QStringLiteral("filters=8;kernel_size=3;strides=2;padding='same'")));
    g.quiz = {{"x", QuizQuestion::Ask::OutputShape}, {"x", QuizQuestion::Ask::Padding}};
    QTemporaryDir dir;
    const std::string path = dir.filePath(QStringLiteral("quiz.json")).toStdString();
    std::string error;
    QVERIFY2(saveProjectFile(g, path, &error), error.c_str());
    const LoadResult back = loadModelFile(path);
    QVERIFY2(back.graph.has_value(), back.error ? back.error->toString().c_str() : "");
    QCOMPARE(back.graph->quiz, g.quiz);

    // A file without a quiz reads as before; a quiz naming a missing layer or asking something unknown is refused
    // with a message naming the question.
    const auto load = [&](const QByteArray &json) {
        QFile f(QString::fromStdString(path));
        f.open(QIODevice::WriteOnly);
        f.write(json);
        f.close();
        return loadModelFile(path);
    };
    const QByteArray head = R"({"format": "convlens-model", "version": 1, "framework": "keras", "layers": [
        {"name": "in", "type": "InputLayer", "params": {"shape": [9, 9, 1]}}])";
    QVERIFY(load(head + "}").graph->quiz.empty());
    const LoadResult missing = load(head + R"(, "quiz": {"questions": [{"layer": "conv", "ask": "shape"}]}})");
    QVERIFY(!missing.graph);
    QVERIFY2(QString::fromStdString(missing.error->toString()).contains(QStringLiteral("quiz question 0: no layer 'conv'")),
             missing.error->toString().c_str());
    const LoadResult badAsk = load(head + R"(, "quiz": {"questions": [{"layer": "in", "ask": "colour"}]}})");
    QVERIFY(!badAsk.graph);
    QVERIFY2(QString::fromStdString(badAsk.error->toString()).contains(QStringLiteral("'shape' or 'padding'")),
             badAsk.error->toString().c_str());
    QVERIFY(!load(head + R"(, "quiz": [1]})").graph);
}

void TstQuiz::editsFollowTheQuiz()
{
    Graph g = oneLayer(Framework::Keras, {27, 27, 3}, "MaxPooling2D", {});
    g.quiz = {{"x", QuizQuestion::Ask::OutputShape}};
    std::string error;
    QVERIFY(edit::renameLayer(g, "x", "pool", &error));
    QCOMPARE(g.quiz.front().layer, std::string("pool"));
    QVERIFY(edit::removeLayers(g, {"pool"}, &error));
    QVERIFY(g.quiz.empty()); // dropped, not handed to the layer that fed it

    // PyTorch Sequential children are named by index: removing one renumbers the rest, and the quiz follows.
    Graph t = oneLayer(Framework::PyTorch, {1, 9, 9}, "ReLU", {});
    t.layers.back().name = "0";
    t.layers[0].name = "input";
    t.layers.back().inputs = {"input"};
    Layer pool;
    pool.name = "1";
    pool.type = "MaxPool2d";
    pool.params["kernel_size"] = ParamValue(std::int64_t{2});
    pool.inputs = {"0"};
    t.layers.push_back(pool);
    t.quiz = {{"1", QuizQuestion::Ask::OutputShape}};
    QVERIFY2(edit::removeLayers(t, {"0"}, &error), error.c_str());
    QCOMPARE(t.layers.back().name, std::string("0"));
    QCOMPARE(t.quiz, (std::vector<QuizQuestion>{{"0", QuizQuestion::Ask::OutputShape}}));
}

void TstQuiz::randomQuiz()
{
    for (std::uint32_t seed = 0; seed < 300; ++seed) {
        const RandomQuiz q = teach::randomQuiz(seed);
        const ShapeReport kr = infer(q.keras), tr = infer(q.pytorch);
        QVERIFY2(kr.ok && tr.ok, qPrintable(QStringLiteral("seed %1").arg(seed)));
        const Shape &in = *kr.layers.front().output;
        QCOMPARE(in[0] % 2, 1); // odd
        QCOMPARE(in[0], in[1]);
        QVERIFY(in[0] >= 15 && in[0] <= 63);
        // Every Keras layer is asked about; the PyTorch twin gives the same sizes at the end.
        int shapeQuestions = 0;
        for (const QuizQuestion &qq : q.keras.quiz) {
            QVERIFY(q.keras.find(qq.layer));
            shapeQuestions += qq.ask == QuizQuestion::Ask::OutputShape;
        }
        QCOMPARE(shapeQuestions, int(kr.layers.size()) - 1);
        QVERIFY(!q.pytorch.quiz.empty());
        const auto kOut = outputHwc(kr.layers.back(), Framework::Keras);
        const auto tOut = outputHwc(tr.layers.back(), Framework::PyTorch);
        QVERIFY(kOut && tOut);
        QCOMPARE(*kOut, *tOut);
        // Same seed, same quiz.
        QCOMPARE(teach::randomQuiz(seed).keras.quiz, q.keras.quiz);
        // Every question is answerable and the right answer is judged right.
        for (const auto &[graph, report] : {std::pair{&q.keras, &kr}, std::pair{&q.pytorch, &tr}})
            for (const QuizQuestion &qq : graph->quiz) {
                const LayerReport &l = report->layers[size_t(report->indexOf(qq.layer))];
                if (qq.ask == QuizQuestion::Ask::OutputShape) {
                    QVERIFY(checkShape(*graph, *report, qq.layer, *outputHwc(l, graph->framework)).right);
                } else {
                    QVERIFY(checkPadding(*graph, *report, qq.layer, *l.padding).right);
                }
            }
    }
    // Across seeds: stride 2 with 'same' is there, and so are pools with their default strides.
    int sameStride2 = 0, defaultPools = 0;
    for (std::uint32_t seed = 0; seed < 50; ++seed)
        for (const Layer &l : teach::randomQuiz(seed).keras.layers) {
            const auto pad = l.params.find("padding");
            const auto st = l.params.find("strides");
            sameStride2 += pad != l.params.end() && pad->second == ParamValue("same") && st != l.params.end() &&
                           st->second == ParamValue(2);
            defaultPools += l.type == "MaxPooling2D" && !l.params.count("strides");
        }
    QVERIFY(sameStride2 > 10);
    QVERIFY(defaultPools > 5);
}

QTEST_GUILESS_MAIN(TstQuiz)
#include "tst_quiz.moc"
