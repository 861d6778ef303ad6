// tst_cli_solve.cpp — `convlens-cli solve` as scripts see it: the DESIGN.md JSON object (keys in contract order, Keras
// and PyTorch spellings of padding), the notes where the frameworks differ, the bounds options, and exit status 2 for
// bad arguments. The list itself is checked against the shape engine in tst_solver.
#include "cli_test_support.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

class TstCliSolve : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void kerasJson();
    void pytorchJson();
    void text();
    void badArguments_data();
    void badArguments();
};

namespace {

QJsonObject solveJson(const QStringList &args)
{
    const clitest::CliResult r = clitest::runCli(QStringList{u"solve"_s} + args + QStringList{u"--json"_s});
    if (r.exitCode != 0)
        qFatal("solve failed: %s", r.err.constData());
    QJsonParseError e;
    const QJsonDocument d = QJsonDocument::fromJson(r.out, &e);
    if (e.error != QJsonParseError::NoError)
        qFatal("not JSON: %s", qPrintable(e.errorString()));
    return d.object();
}

QJsonObject findSolution(const QJsonObject &o, const QString &layer, int kernel, int stride, const QJsonValue &padding)
{
    for (const QJsonValue &v : o[u"solutions"_s].toArray()) {
        const QJsonObject s = v.toObject();
        if (s[u"layer"_s].toString() == layer && s[u"kernel"_s].toInt() == kernel && s[u"stride"_s].toInt() == stride &&
            s[u"padding"_s] == padding && s[u"dilation"_s].toInt() == 1 && !s[u"ceil_mode"_s].toBool())
            return s;
    }
    return {};
}

} // namespace

void TstCliSolve::kerasJson()
{
    const clitest::CliResult raw = clitest::runCli({u"solve"_s, u"--from"_s, u"28"_s, u"--to"_s, u"14"_s, u"--json"_s});
    QCOMPARE(raw.exitCode, 0);
    // Contract keys first, in the documented order.
    QVERIFY(raw.out.startsWith(R"({"framework": "keras", "from": 28, "to": 14, "solutions": [)"));
    QVERIFY(raw.out.contains(R"({"layer": "Conv2D", "kernel": 3, "stride": 2, "padding": "same", "dilation": 1, "formula": )"));
    const QJsonObject o = QJsonDocument::fromJson(raw.out).object();
    const QJsonObject same = findSolution(o, u"Conv2D"_s, 3, 2, u"same"_s);
    QVERIFY(!same.isEmpty());
    QCOMPARE(same[u"formula"_s].toString(), u"out = ⌈28 / 2⌉ = 14 — padding='same' adds 0 top/left, 1 bottom/right"_s);
    QVERIFY(same[u"note"_s].toString().contains(u"nn.ZeroPad2d((0, 1, 0, 1))"_s));
    QCOMPARE(same[u"sides"_s].toArray(), QJsonArray({0, 1}));
    const QJsonObject valid = findSolution(o, u"Conv2D"_s, 2, 2, u"valid"_s);
    QVERIFY(valid[u"note"_s].isNull());
    const QJsonObject pool = findSolution(o, u"MaxPooling2D"_s, 2, 2, u"valid"_s);
    QCOMPARE(pool[u"code"_s].toString(), u"MaxPooling2D(2)"_s);
    for (const QJsonValue &v : o[u"solutions"_s].toArray()) {
        const QJsonObject s = v.toObject();
        QVERIFY(s[u"padding"_s].isString()); // Keras spells padding as a word
        QVERIFY(s[u"formula"_s].toString().contains(u"= 14"_s));
    }
}

void TstCliSolve::pytorchJson()
{
    const QJsonObject o = solveJson({u"--from"_s, u"7"_s, u"--to"_s, u"14"_s, u"--framework"_s, u"pytorch"_s});
    QCOMPARE(o[u"framework"_s].toString(), u"pytorch"_s);
    QJsonObject t;
    for (const QJsonValue &v : o[u"solutions"_s].toArray())
        if (v[u"layer"_s] == u"ConvTranspose2d"_s && v[u"kernel"_s] == 3 && v[u"stride"_s] == 2 && v[u"padding"_s] == 1)
            t = v.toObject();
    QCOMPARE(t[u"output_padding"_s].toInt(), 1);
    QVERIFY(t[u"note"_s].toString().contains(u"shifted by one pixel"_s));
    // Bounds: kernel ≤ 2, convolutions only.
    const QJsonObject small = solveJson({u"--from"_s, u"28"_s, u"--to"_s, u"14"_s, u"--framework"_s, u"pytorch"_s,
                                         u"--max-kernel"_s, u"2"_s, u"--layers"_s, u"conv"_s});
    QVERIFY(!small[u"solutions"_s].toArray().isEmpty());
    for (const QJsonValue &v : small[u"solutions"_s].toArray()) {
        QCOMPARE(v[u"layer"_s].toString(), u"Conv2d"_s);
        QVERIFY(v[u"kernel"_s].toInt() <= 2);
        QVERIFY(v[u"padding"_s].isDouble() || v[u"padding"_s] == u"same"_s);
    }
    QCOMPARE(small[u"bounds"_s][u"max_kernel"_s].toInt(), 2);
}

void TstCliSolve::text()
{
    const clitest::CliResult r = clitest::runCli({u"solve"_s, u"--from"_s, u"7"_s, u"--to"_s, u"4"_s});
    QCOMPARE(r.exitCode, 0);
    const QString out = QString::fromUtf8(r.out);
    QVERIFY(out.startsWith(u"7 → 4 in Keras/TensorFlow: "_s));
    QVERIFY(out.contains(u"MaxPooling2D(2, padding='same')"_s));
    QVERIFY(out.contains(u"ceil_mode=True"_s));
}

void TstCliSolve::badArguments_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addRow("no --to") << QStringList{u"--from"_s, u"28"_s};
    QTest::addRow("zero") << QStringList{u"--from"_s, u"0"_s, u"--to"_s, u"3"_s};
    QTest::addRow("not a number") << QStringList{u"--from"_s, u"x"_s, u"--to"_s, u"3"_s};
    QTest::addRow("framework") << QStringList{u"--from"_s, u"3"_s, u"--to"_s, u"3"_s, u"--framework"_s, u"jax"_s};
    QTest::addRow("bound") << QStringList{u"--from"_s, u"3"_s, u"--to"_s, u"3"_s, u"--max-kernel"_s, u"99"_s};
    QTest::addRow("layers") << QStringList{u"--from"_s, u"3"_s, u"--to"_s, u"3"_s, u"--layers"_s, u"dense"_s};
    QTest::addRow("unknown") << QStringList{u"--from"_s, u"3"_s, u"--to"_s, u"3"_s, u"--fast"_s, u"1"_s};
    QTest::addRow("missing value") << QStringList{u"--from"_s};
}

void TstCliSolve::badArguments()
{
    QFETCH(QStringList, args);
    const clitest::CliResult r = clitest::runCli(QStringList{u"solve"_s} + args);
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.out.isEmpty());
    QVERIFY(r.err.startsWith("convlens-cli solve: "));
}

QTEST_GUILESS_MAIN(TstCliSolve)
#include "tst_cli_solve.moc"
