// tst_cli_model_export.cpp — `convlens-cli export MODEL --to keras|pytorch OUT`: the files it writes are the code
// core/export gives (read back through `convlens-cli summary`, same shapes and parameters), the exit codes are the
// contract's (0 written, 1 refused with the layer named and nothing written, 2 bad options / unreadable MODEL /
// unwritable OUT), and a failed write leaves the previous OUT as it was.
#include "cli_test_support.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace clitest;

namespace {

const QString kLenet = QStringLiteral(CONVLENS_SOURCE_DIR "/resources/examples/lenet5.py");
const QString kUnet = QStringLiteral(CONVLENS_SOURCE_DIR "/resources/examples/unet_same.py");

QJsonObject summary(const QStringList &args)
{
    const CliResult r = runCli(QStringList{QStringLiteral("summary")} + args + QStringList{QStringLiteral("--json")});
    if (r.exitCode != 0)
        qFatal("summary %s failed: %s", qPrintable(args.join(u' ')), r.err.constData());
    return QJsonDocument::fromJson(r.out).object();
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestCliModelExport : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void kerasToKerasReadsBackTheSame_data();
    void kerasToKerasReadsBackTheSame();
    void pytorchExportReadsBackWithItsInputShape();
    void refusedLayerExitsOneAndWritesNothing();
    void onnxExportReadsBack();
    void badOptionsExitTwo();
    void failedWriteKeepsTheOldFile();
};

void TestCliModelExport::kerasToKerasReadsBackTheSame_data()
{
    QTest::addColumn<QString>("model");
    QTest::newRow("lenet5 (Sequential)") << kLenet;
    QTest::newRow("unet_same (functional)") << kUnet;
}

void TestCliModelExport::kerasToKerasReadsBackTheSame()
{
    QFETCH(QString, model);
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("out.py"));
    const CliResult r = runCli({QStringLiteral("export"), model, QStringLiteral("--to"), QStringLiteral("keras"), out});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.out.startsWith(QByteArray(out.toUtf8() + ": Keras code, ")), r.out.constData());
    const QJsonObject a = summary({model}), b = summary({out});
    QCOMPARE(b.value(QLatin1String("total_params")), a.value(QLatin1String("total_params")));
    const QJsonArray la = a.value(QLatin1String("layers")).toArray(), lb = b.value(QLatin1String("layers")).toArray();
    QCOMPARE(lb.size(), la.size());
    for (qsizetype i = 0; i < la.size(); ++i)
        for (const char *key : {"name", "type", "output_shape", "params", "padding"})
            QCOMPARE(lb[i].toObject().value(QLatin1String(key)), la[i].toObject().value(QLatin1String(key)));
}

void TestCliModelExport::pytorchExportReadsBackWithItsInputShape()
{
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("lenet_torch.py"));
    const CliResult r = runCli({QStringLiteral("export"), kLenet, QStringLiteral("--to"), QStringLiteral("pytorch"), out});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.out.contains("read it back with --input-shape 1,32,32"), r.out.constData());
    QVERIFY2(r.err.contains("note: Flatten orders values C, H, W in PyTorch"), r.err.constData());
    const QJsonObject b = summary({out, QStringLiteral("--input-shape"), QStringLiteral("1,32,32")});
    QCOMPARE(b.value(QLatin1String("framework")).toString(), QStringLiteral("pytorch"));
    const QJsonArray layers = b.value(QLatin1String("layers")).toArray();
    QVERIFY(!layers.isEmpty());
    QCOMPARE(layers.last().toObject().value(QLatin1String("output_shape")).toArray(), QJsonArray{10});
    // LeNet-5 has 61,706 parameters in both frameworks (no batch norm)
    QCOMPARE(b.value(QLatin1String("total_params")).toInteger(), 61706);
}

void TestCliModelExport::refusedLayerExitsOneAndWritesNothing()
{
    QTemporaryDir dir;
    const QString model = writeTestFile(dir.filePath(QStringLiteral("reflect.py")),
                                        "import torch.nn as nn\n\nmodel = nn.Sequential(nn.Conv2d(3, 4, 3), "
                                        "nn.ReflectionPad2d(2))\n");
    const QString out = dir.filePath(QStringLiteral("out.py"));
    const CliResult r = runCli({QStringLiteral("export"), model, QStringLiteral("--input-shape"), QStringLiteral("3,8,8"),
                                QStringLiteral("--to"), QStringLiteral("keras"), out});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("cannot export to keras: '1' (ReflectionPad2d)"), r.err.constData());
    QVERIFY(r.out.isEmpty());
    QVERIFY(!QFile::exists(out));

    const QString small = writeTestFile(dir.filePath(QStringLiteral("small.py")),
                                        "from keras.layers import Input, Conv2D\nfrom keras.models import Model\n"
                                        "i = Input((4, 4, 1))\nmodel = Model(i, Conv2D(2, 5)(i))\n");
    const CliResult s = runCli({QStringLiteral("export"), small, QStringLiteral("--to"), QStringLiteral("pytorch"), out});
    QCOMPARE(s.exitCode, 1);
    QVERIFY2(s.err.contains("'conv2d' (Conv2D) is refused"), s.err.constData());
    QVERIFY(!QFile::exists(out));
}

// --to onnx: the trained LeNet-5 as an ONNX file that the ONNX reader reads back with the same shapes; a layer ONNX
// cannot express exits 1 naming it, and writes nothing. (Values against onnxruntime: tst_onnx_export.)
void TestCliModelExport::onnxExportReadsBack()
{
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("lenet5.onnx"));
    const CliResult r = runCli({QStringLiteral("export"), kLenet, QStringLiteral("--to"), QStringLiteral("onnx"), out});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains("ONNX opset 13") && r.out.contains("61706 weights"), r.out.constData());
    QVERIFY2(r.err.contains("trained weights from lenet5.weights"), r.err.constData());
    QVERIFY2(r.err.contains("channels first"), r.err.constData());
    const CliResult back = runCli({QStringLiteral("summary"), out, QStringLiteral("--json")});
    QCOMPARE(back.exitCode, 0);
    const QJsonObject o = QJsonDocument::fromJson(back.out).object();
    QCOMPARE(o.value(QLatin1String("total_params")).toInteger(), 61706);
    const QJsonArray layers = o.value(QLatin1String("layers")).toArray();
    QVERIFY(!layers.isEmpty());
    QCOMPARE(layers.last().toObject().value(QLatin1String("output_shape")).toArray(), QJsonArray({10}));

    const QString model = writeTestFile(dir.filePath(QStringLiteral("divisor.py")),
                                        "import torch.nn as nn\nmodel = nn.Sequential(nn.Conv2d(3, 4, 3), "
                                        "nn.AvgPool2d(2, divisor_override=3))\n");
    const QString out2 = dir.filePath(QStringLiteral("divisor.onnx"));
    const CliResult refused = runCli({QStringLiteral("export"), model, QStringLiteral("--input-shape"),
                                      QStringLiteral("3,10,9"), QStringLiteral("--to"), QStringLiteral("onnx"), out2});
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.err.contains("layer '1' (AvgPool2d) cannot be exported to ONNX: divisor_override has no ONNX "
                                  "AveragePool attribute"),
             refused.err.constData());
    QVERIFY(!QFile::exists(out2));
}

void TestCliModelExport::badOptionsExitTwo()
{
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("out.py"));
    const CliResult noTo = runCli({QStringLiteral("export"), kLenet, out});
    QCOMPARE(noTo.exitCode, 2);
    QVERIFY2(noTo.err.contains("--to must be keras, pytorch or onnx"), noTo.err.constData());
    const CliResult badTo = runCli({QStringLiteral("export"), kLenet, QStringLiteral("--to"), QStringLiteral("caffe"), out});
    QCOMPARE(badTo.exitCode, 2);
    QVERIFY2(badTo.err.contains("got 'caffe'"), badTo.err.constData());
    const CliResult weightsForCode = runCli({QStringLiteral("export"), kLenet, QStringLiteral("--to"),
                                             QStringLiteral("keras"), QStringLiteral("--weights"), dir.path(), out});
    QCOMPARE(weightsForCode.exitCode, 2);
    QVERIFY2(weightsForCode.err.contains("--weights applies to --to onnx only"), weightsForCode.err.constData());
    QVERIFY(!QFile::exists(out));
    const CliResult badWeights = runCli({QStringLiteral("export"), kLenet, QStringLiteral("--to"), QStringLiteral("onnx"),
                                         QStringLiteral("--weights"), dir.filePath(QStringLiteral("nope")), out});
    QCOMPARE(badWeights.exitCode, 2);
    QVERIFY(!QFile::exists(out));
    const CliResult noOut = runCli({QStringLiteral("export"), kLenet, QStringLiteral("--to"), QStringLiteral("keras")});
    QCOMPARE(noOut.exitCode, 2);
    QVERIFY2(noOut.err.contains("missing OUT"), noOut.err.constData());
    const CliResult missing = runCli({QStringLiteral("export"), dir.filePath(QStringLiteral("nope.py")),
                                      QStringLiteral("--to"), QStringLiteral("keras"), out});
    QCOMPARE(missing.exitCode, 2);
    QVERIFY(!QFile::exists(out));
}

void TestCliModelExport::failedWriteKeepsTheOldFile()
{
    QTemporaryDir dir;
    // OUT in a directory that does not exist: QSaveFile cannot open its temporary file.
    const QString nowhere = dir.filePath(QStringLiteral("missing/out.py"));
    const CliResult r = runCli({QStringLiteral("export"), kLenet, QStringLiteral("--to"), QStringLiteral("keras"), nowhere});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(QByteArray("cannot save " + nowhere.toUtf8())), r.err.constData());
    // A write that fails half-way (a file size limit of 512 bytes; the code is longer): the old file stays as it was.
    const QString old = writeTestFile(dir.filePath(QStringLiteral("old.py")), "# the old file\n");
    QProcess p;
    p.start(QStringLiteral("/bin/sh"),
            {QStringLiteral("-c"), QStringLiteral("ulimit -f 1; trap '' XFSZ; exec \"$0\" \"$@\""),
             QStringLiteral(CONVLENS_CLI), QStringLiteral("export"), kLenet, QStringLiteral("--to"),
             QStringLiteral("keras"), old});
    QVERIFY(p.waitForFinished(120000));
    QCOMPARE(p.exitCode(), 2);
    QVERIFY2(p.readAllStandardError().contains(QByteArray("cannot save " + old.toUtf8())), "no reason given");
    QCOMPARE(readAll(old), QByteArray("# the old file\n"));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 1); // no temporary file left behind
}

QTEST_GUILESS_MAIN(TestCliModelExport)
#include "tst_cli_model_export.moc"
