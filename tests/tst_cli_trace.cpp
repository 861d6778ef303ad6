// tst_cli_trace.cpp — `convlens-cli trace` as users' scripts see it: the `trace --json` schema of DESIGN.md on the
// autoencoder's third MaxPooling2D (7×7 → 4×4, the extra padding row and column at bottom/right), --layer by name and
// by summary position, the step results equal to `run --dump`'s output of the same layer, a transposed convolution's
// scatter, and the exit codes (0 ok, 1 a refused layer, 2 bad input or a layer without a window).
#include "formats/npy.h"

#include <QDir>
#include "cli_test_support.h"
#include "trace/trace.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QFile>
#include <QSet>
#include <QTest>

#include <cmath>

using namespace Qt::Literals::StringLiterals;

class TstCliTrace : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void autoencoderJsonSchema();
    void jsonKeysAreTheListedOnes();
    void layerByIndexAndText();
    void resultsEqualRunDump_data();
    void resultsEqualRunDump();
    void torchTransposedAndPoolPadKinds();
    void exitCodes_data();
    void exitCodes();

private:
    using Result = clitest::CliResult;
    static Result cli(const QStringList &args) { return clitest::runCli(args); }
    QString writeFile(const QString &name, const QByteArray &text);
    QString digitNpy();
    QTemporaryDir m_dir;
};

QString TstCliTrace::writeFile(const QString &name, const QByteArray &text)
{
    return clitest::writeTestFile(m_dir.filePath(name), text);
}

// A 28×28 "digit": a bright ring, so that the maps are not all zero.
QString TstCliTrace::digitNpy()
{
    std::vector<float> v(28 * 28);
    for (int y = 0; y < 28; ++y)
        for (int x = 0; x < 28; ++x) {
            const double r = std::hypot(y - 13.5, x - 13.5);
            v[size_t(y * 28 + x)] = float(std::exp(-(r - 7) * (r - 7) / 8.0));
        }
    const QString path = m_dir.filePath(u"digit.npy"_s);
    std::string err;
    if (!convlens::writeNpy(path.toStdString(), {28, 28, 1}, v, &err))
        qFatal("%s", err.c_str());
    return path;
}

static const QString kAutoencoder = QStringLiteral(CONVLENS_SOURCE_DIR "/resources/examples/autoencoder.py");

void TstCliTrace::autoencoderJsonSchema()
{
    const auto r = cli({u"trace"_s, kAutoencoder, u"--layer"_s, u"max_pooling2d_2"_s, u"--json"_s});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.err.contains("note:"), r.err.constData()); // no --input: a sample digit or a seeded random input
    QJsonParseError perr;
    const QJsonObject o = QJsonDocument::fromJson(r.out, &perr).object();
    QCOMPARE(perr.error, QJsonParseError::NoError);
    QCOMPARE(o.value(u"layer"_s).toString(), u"max_pooling2d_2"_s);
    QCOMPARE(o.value(u"type"_s).toString(), u"MaxPooling2D"_s);
    QVERIFY(o.value(u"channel"_s).isDouble());
    QCOMPARE(o.value(u"channel"_s).toInt(), 0);
    QCOMPARE(o.value(u"padding"_s).toArray(), (QJsonArray{0, 1, 0, 1}));
    QCOMPARE(o.value(u"input_hw"_s).toArray(), (QJsonArray{7, 7}));
    QCOMPARE(o.value(u"output_hw"_s).toArray(), (QJsonArray{4, 4}));
    const QJsonArray steps = o.value(u"steps"_s).toArray();
    QCOMPARE(steps.size(), 16);
    const auto isCell = [](const QJsonValue &v) {
        const QJsonArray a = v.toArray();
        return v.isArray() && a.size() == 2 && a[0].isDouble() && a[1].isDouble();
    };
    for (int i = 0; i < steps.size(); ++i) {
        const QJsonObject s = steps[i].toObject();
        for (const auto &key : {u"out"_s, u"result"_s, u"cells"_s})
            QVERIFY2(s.contains(key), qPrintable(key));
        QCOMPARE(s.value(u"out"_s).toArray(), (QJsonArray{i / 4, i % 4})); // row-major
        QVERIFY(s.value(u"result"_s).isDouble());
        const QJsonArray cells = s.value(u"cells"_s).toArray();
        QCOMPARE(cells.size(), 4);
        double best = -1e300;
        for (const auto &cv : cells) {
            const QJsonObject c = cv.toObject();
            for (const auto &key : {u"pos"_s, u"in"_s, u"value"_s, u"pad"_s})
                QVERIFY2(c.contains(key), qPrintable(key));
            QVERIFY(isCell(c.value(u"pos"_s)));
            const int py = c.value(u"pos"_s).toArray()[0].toInt(), px = c.value(u"pos"_s).toArray()[1].toInt();
            if (c.value(u"pad"_s).isNull()) {
                QVERIFY(isCell(c.value(u"in"_s)));
                QCOMPARE(c.value(u"in"_s).toArray(), (QJsonArray{py, px})); // padding top/left are 0
                QVERIFY(c.value(u"value"_s).isDouble());
                best = std::max(best, c.value(u"value"_s).toDouble());
            } else {
                QCOMPARE(c.value(u"pad"_s).toString(), u"ignored"_s);
                QVERIFY(c.value(u"in"_s).isNull());
                QVERIFY(c.value(u"value"_s).isNull());
                QVERIFY(py == 7 || px == 7); // the extra row and column, at bottom/right only
            }
        }
        QCOMPARE(s.value(u"result"_s).toDouble(), best);
        QVERIFY(s.value(u"arithmetic"_s).toString().startsWith(u"max("_s));
    }
    QVERIFY(o.value(u"formula"_s).toString().contains(u"⌈7 / 2⌉ = 4"_s));
    QCOMPARE(o.value(u"pad_kind"_s).toString(), u"ignored"_s);
}

// Every key the writer puts out is a contract key or a listed extension (trace/trace.h), and the README documents each
// extension: the list is written once, in code.
void TstCliTrace::jsonKeysAreTheListedOnes()
{
    QSet<QString> top, step, cell;
    for (const auto &k : convlens::kTraceJsonContractKeys)
        top.insert(QString::fromLatin1(k.data(), qsizetype(k.size())));
    for (const auto &k : convlens::kTraceJsonExtensionKeys)
        top.insert(QString::fromLatin1(k.data(), qsizetype(k.size())));
    for (const auto &k : convlens::kTraceJsonStepExtensionKeys)
        step.insert(QString::fromLatin1(k.data(), qsizetype(k.size())));
    for (const auto &k : convlens::kTraceJsonCellExtensionKeys)
        cell.insert(QString::fromLatin1(k.data(), qsizetype(k.size())));
    step += QSet<QString>{u"out"_s, u"result"_s, u"cells"_s};
    cell += QSet<QString>{u"pos"_s, u"in"_s, u"value"_s, u"pad"_s};
    // A convolution, a pooling with padding and a transposed convolution cover every key.
    const QString torch = writeFile(u"keys.py"_s, R"(import torch.nn as nn
model = nn.Sequential(nn.Conv2d(1, 2, 3, padding=1), nn.AvgPool2d(3, 2, padding=1), nn.ConvTranspose2d(2, 1, 2, 2))
)");
    QSet<QString> seenTop;
    for (const auto &[model, layer] : {std::pair{kAutoencoder, u"conv2d"_s}, std::pair{torch, u"1"_s},
                                       std::pair{torch, u"2"_s}}) {
        QStringList args{u"trace"_s, model, u"--layer"_s, layer, u"--json"_s};
        if (model == torch)
            args << u"--input-shape"_s << u"1,6,6"_s;
        const auto r = cli(args);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        for (const QString &k : o.keys()) {
            QVERIFY2(top.contains(k), qPrintable(u"unlisted top-level key "_s + k));
            seenTop.insert(k);
        }
        for (const auto &sv : o.value(u"steps"_s).toArray()) {
            for (const QString &k : sv.toObject().keys())
                QVERIFY2(step.contains(k), qPrintable(u"unlisted step key "_s + k));
            for (const auto &cv : sv.toObject().value(u"cells"_s).toArray())
                for (const QString &k : cv.toObject().keys())
                    QVERIFY2(cell.contains(k), qPrintable(u"unlisted cell key "_s + k));
        }
    }
    QCOMPARE(seenTop, top); // no listed key is dead
    QFile readme(QStringLiteral(CONVLENS_SOURCE_DIR "/README.md"));
    QVERIFY(readme.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(readme.readAll());
    const auto documented = [&](std::string_view k) {
        return text.contains(u'`' + QString::fromLatin1(k.data(), qsizetype(k.size())) + u'`');
    };
    for (const auto &k : convlens::kTraceJsonExtensionKeys)
        QVERIFY2(documented(k), k.data());
    for (const auto &k : convlens::kTraceJsonStepExtensionKeys)
        QVERIFY2(documented(k), k.data());
    for (const auto &k : convlens::kTraceJsonCellExtensionKeys)
        QVERIFY2(documented(k), k.data());
}

void TstCliTrace::layerByIndexAndText()
{
    // Summary order: input_1, conv2d, max_pooling2d, conv2d_1, max_pooling2d_1, conv2d_2, max_pooling2d_2 (6).
    auto r = cli({u"trace"_s, kAutoencoder, u"--layer"_s, u"6"_s, u"--json"_s, u"--channel"_s, u"5"_s});
    QCOMPARE(r.exitCode, 0);
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(o.value(u"layer"_s).toString(), u"max_pooling2d_2"_s);
    QCOMPARE(o.value(u"channel"_s).toInt(), 5);
    r = cli({u"trace"_s, kAutoencoder, u"--layer"_s, u"max_pooling2d_2"_s});
    QCOMPARE(r.exitCode, 0);
    const QList<QByteArray> lines = r.out.trimmed().split('\n');
    int steps = 0;
    for (const auto &l : lines)
        if (l.startsWith("out ("))
            ++steps;
    QCOMPARE(steps, 16);
    QVERIFY(r.out.contains("out (3, 3): max("));
    QVERIFY(r.out.contains("padding top 0, bottom 1, left 0, right 1"));
}

void TstCliTrace::resultsEqualRunDump_data()
{
    QTest::addColumn<QString>("layer");
    QTest::addColumn<int>("channel");
    QTest::addRow("conv2d_1 channel 2") << u"conv2d_1"_s << 2; // a live channel of the trained weights
    QTest::addRow("max_pooling2d_2 channel 7") << u"max_pooling2d_2"_s << 7;
    QTest::addRow("conv2d_5 (valid) channel 0") << u"conv2d_5"_s << 0;
}

void TstCliTrace::resultsEqualRunDump()
{
    QFETCH(QString, layer);
    QFETCH(int, channel);
    const QString input = digitNpy();
    const QString dump = m_dir.filePath(u"dump"_s);
    auto run = cli({u"run"_s, kAutoencoder, u"--input"_s, input, u"--dump"_s, dump});
    QCOMPARE(run.exitCode, 0);
    const QStringList files = QDir(dump).entryList({u"*_"_s + layer + u".npy"_s});
    QCOMPARE(files.size(), 1);
    std::string err;
    const auto arr = convlens::readNpy(QDir(dump).filePath(files[0]).toStdString(), &err);
    QVERIFY2(arr, err.c_str());
    QCOMPARE(arr->header.shape.size(), size_t(4)); // (1, H, W, C)
    const auto W = arr->header.shape[2], C = arr->header.shape[3];

    const auto r = cli({u"trace"_s, kAutoencoder, u"--layer"_s, layer, u"--channel"_s, QString::number(channel),
                        u"--input"_s, input, u"--json"_s});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(!r.err.contains("no --input"));
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    const QJsonArray steps = o.value(u"steps"_s).toArray();
    QCOMPARE(steps.size(), int(arr->header.shape[1] * W));
    int nonZero = 0;
    for (const auto &sv : steps) {
        const QJsonObject s = sv.toObject();
        const auto y = s.value(u"out"_s).toArray()[0].toInt(), x = s.value(u"out"_s).toArray()[1].toInt();
        const double want = arr->values[size_t((y * W + x) * C + channel)];
        const double got = s.value(u"result"_s).toDouble();
        QVERIFY2(std::fabs(got - want) <= 1e-5 * std::max(1.0, std::fabs(want)),
                 qPrintable(u"(%1, %2): trace %3, run %4"_s.arg(y).arg(x).arg(got).arg(want)));
        nonZero += want != 0;
    }
    QVERIFY(nonZero > 0);
}

void TstCliTrace::torchTransposedAndPoolPadKinds()
{
    const QString path = writeFile(u"torch.py"_s, R"(import torch.nn as nn
net = nn.Sequential(nn.ConvTranspose2d(2, 3, 3, stride=2, padding=1, output_padding=1),
                    nn.AvgPool2d(3, stride=2, padding=1, ceil_mode=True))
)");
    auto r = cli(
        {u"trace"_s, path, u"--input-shape"_s, u"2,4,4"_s, u"--layer"_s, u"0"_s, u"--channel"_s, u"2"_s, u"--json"_s});
    QCOMPARE(r.exitCode, 0);
    QJsonObject o = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(o.value(u"type"_s).toString(), u"ConvTranspose2d"_s);
    QCOMPARE(o.value(u"input_hw"_s).toArray(), (QJsonArray{4, 4}));
    QCOMPARE(o.value(u"output_hw"_s).toArray(), (QJsonArray{8, 8}));
    QCOMPARE(o.value(u"padding"_s).toArray(), (QJsonArray{1, 0, 1, 0})); // crop 1 top/left, output_padding 1
    QCOMPARE(o.value(u"steps"_s).toArray().size(), 16);                  // one per input cell
    QCOMPARE(o.value(u"input_channels"_s).toArray(), (QJsonArray{0, 1}));
    const QJsonObject s0 = o.value(u"steps"_s).toArray()[0].toObject();
    QCOMPARE(s0.value(u"cells"_s).toArray().size(), 9);
    QCOMPARE(s0.value(u"partials"_s).toArray().size(), 2);
    // Canvas row/column 0 is cropped: the cells there have no output cell.
    int cropped = 0;
    for (const auto &cv : s0.value(u"cells"_s).toArray())
        cropped += cv.toObject().value(u"in"_s).isNull();
    QCOMPARE(cropped, 5);
    QCOMPARE(o.value(u"output"_s).toArray().size(), 8);

    r = cli({u"trace"_s, path, u"--input-shape"_s, u"2,4,4"_s, u"--layer"_s, u"1"_s, u"--json"_s});
    QCOMPARE(r.exitCode, 0);
    o = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(o.value(u"output_hw"_s).toArray(), (QJsonArray{5, 5})); // ⌈(8 + 2 − 3) / 2⌉ + 1
    QCOMPARE(o.value(u"overhang"_s).toArray(), (QJsonArray{1, 1}));
    QSet<QString> kinds;
    for (const auto &sv : o.value(u"steps"_s).toArray())
        for (const auto &cv : sv.toObject().value(u"cells"_s).toArray())
            if (!cv.toObject().value(u"pad"_s).isNull())
                kinds.insert(cv.toObject().value(u"pad"_s).toString());
    QCOMPARE(kinds, (QSet<QString>{u"counted_zero"_s, u"excluded"_s}));
}

void TstCliTrace::exitCodes_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<bool>("printsTrace");
    QTest::addColumn<QString>("stderrContains");
    const QString lenet = QStringLiteral(CONVLENS_SOURCE_DIR "/resources/examples/lenet5.py");
    QTest::addRow("missing --layer") << QStringList{u"trace"_s, kAutoencoder} << 2 << false << u"--layer"_s;
    QTest::addRow("unknown layer") << QStringList{u"trace"_s, kAutoencoder, u"--layer"_s, u"conv9"_s} << 2 << false
                                   << u"max_pooling2d_2"_s;
    QTest::addRow("index out of range") << QStringList{u"trace"_s, kAutoencoder, u"--layer"_s, u"99"_s} << 2 << false
                                        << u"no layer '99'"_s;
    QTest::addRow("dense has no window") << QStringList{u"trace"_s, lenet, u"--layer"_s, u"dense"_s} << 2 << false
                                         << u"does not apply to Dense"_s;
    QTest::addRow("upsampling has no window") << QStringList{u"trace"_s, kAutoencoder, u"--layer"_s, u"up_sampling2d"_s}
                                              << 2 << false << u"no sliding window"_s;
    QTest::addRow("channel out of range")
        << QStringList{u"trace"_s, kAutoencoder, u"--layer"_s, u"conv2d"_s, u"--channel"_s, u"16"_s} << 2 << false
        << u"0 to 15"_s;
    QTest::addRow("bad channel") << QStringList{u"trace"_s,  kAutoencoder,   u"--layer"_s,
                                                u"conv2d"_s, u"--channel"_s, u"-1"_s}
                                 << 2 << false << u"--channel"_s;
    QTest::addRow("missing model") << QStringList{u"trace"_s, u"/nonexistent/model.py"_s, u"--layer"_s, u"0"_s} << 2
                                   << false << u"model.py"_s;
    QTest::addRow("unreadable input") << QStringList{u"trace"_s,  kAutoencoder, u"--layer"_s,
                                                     u"conv2d"_s, u"--input"_s, u"/nonexistent/x.png"_s}
                                      << 2 << false << u"x.png"_s;
    const QString refused = writeFile(u"refused.py"_s, R"(from tensorflow.keras.models import Sequential
from tensorflow.keras.layers import Conv2D, Flatten, Dense
model = Sequential()
model.add(Conv2D(8, 3, input_shape=(6, 6, 1)))
model.add(Conv2D(8, 5))
model.add(Flatten())
model.add(Dense(10))
)");
    QTest::addRow("refused model, resolved layer")
        << QStringList{u"trace"_s, refused, u"--layer"_s, u"conv2d"_s, u"--json"_s} << 1 << true << u"conv2d_1"_s;
    QTest::addRow("refused layer") << QStringList{u"trace"_s, refused, u"--layer"_s, u"conv2d_1"_s} << 1 << false
                                   << u"Negative dimension size"_s;
    QTest::addRow("lenet avg pool") << QStringList{u"trace"_s, lenet, u"--layer"_s, u"average_pooling2d"_s} << 0 << true
                                    << QString();
}

void TstCliTrace::exitCodes()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(bool, printsTrace);
    QFETCH(QString, stderrContains);
    const auto r = cli(args);
    QCOMPARE(r.exitCode, exitCode);
    QCOMPARE(!r.out.isEmpty(), printsTrace);
    QVERIFY2(QString::fromUtf8(r.err).contains(stderrContains), r.err.constData());
}

QTEST_GUILESS_MAIN(TstCliTrace)
#include "tst_cli_trace.moc"
