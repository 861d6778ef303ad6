// tst_compute_cli.cpp — `convlens-cli run` and `convlens-cli bench` as a user calls them (DESIGN.md contract):
// dumps named NNN_<layer>.npy with the batch dimension, a weights directory reproducing the framework's output,
// --json schemas, exit status 2 with a clear message for unreadable inputs and weights, 1 for refused models.
#include "cli_test_support.h"
#include "formats/model_file.h"
#include "formats/npy.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <fstream>
#include <limits>

using namespace convlens;

namespace {

using Result = clitest::CliResult;

Result cli(const QStringList &args)
{
    return clitest::runCli(args);
}

QString src(const char *rel)
{
    return QStringLiteral(CONVLENS_SOURCE_DIR "/") + QLatin1String(rel);
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    clitest::writeTestFile(path, bytes);
}

} // namespace

class TestComputeCli : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void runDumpsEveryLayer();
    void runImplicitInputIsZero();
    void runWithWeightsMatchesFramework();
    void runUsesTrainedWeightsBesideModel();
    void runSaysWeightsAreMissing();
    void runJson();
    void runModulesPeoplePaste_data();
    void runModulesPeoplePaste();
    void badInputs_data();
    void badInputs();
    void badWeights();
    void refusedModel();
    void nonFiniteWeights();
    void bench();
};

// The app runs the bundled autoencoder on its trained autoencoder.weights/ folder; `run` on the same file must do the
// same (it used seeded random weights) and say so.
void TestComputeCli::runUsesTrainedWeightsBesideModel()
{
    const QStringList common{QStringLiteral("run"), src("resources/examples/autoencoder.py"), QStringLiteral("--input"),
                             src("resources/digits/7_0.png"), QStringLiteral("--json")};
    const Result beside = cli(common);
    QVERIFY2(beside.exitCode == 0, beside.err.constData());
    QVERIFY2(beside.err.contains("note: trained weights from autoencoder.weights"), beside.err.constData());
    const Result given = cli(common + QStringList{QStringLiteral("--weights"), src("resources/examples/autoencoder.weights")});
    QVERIFY2(given.exitCode == 0, given.err.constData());
    const QJsonObject a = QJsonDocument::fromJson(beside.out).object(), b = QJsonDocument::fromJson(given.out).object();
    QCOMPARE(a.value(QStringLiteral("weights")).toString(), QStringLiteral("trained weights from autoencoder.weights"));
    const QJsonArray va = a.value(QStringLiteral("output")).toObject().value(QStringLiteral("values")).toArray();
    const QJsonArray vb = b.value(QStringLiteral("output")).toObject().value(QStringLiteral("values")).toArray();
    QCOMPARE(va.size(), 28 * 28);
    QCOMPARE(vb.size(), 28 * 28);
    double maxDiff = 0, maxOut = 0;
    for (qsizetype i = 0; i < va.size(); ++i) {
        maxDiff = std::max(maxDiff, std::fabs(va[i].toDouble() - vb[i].toDouble()));
        maxOut = std::max(maxOut, std::fabs(vb[i].toDouble()));
    }
    QVERIFY(maxOut > 0.5); // a reconstructed digit, not seeded noise
    QVERIFY2(maxDiff <= 1e-6, qPrintable(QString::number(maxDiff)));
}

// Issue 13: a project saved with its trained weights and run without them ran on random weights, without a word.
// The project names its weights folder ("weights"); `run` says on stderr that it is missing, and uses it once back.
void TestComputeCli::runSaysWeightsAreMissing()
{
    QTemporaryDir dir;
    const LoadResult lenet = loadModelFile(src("resources/examples/lenet5.py").toStdString());
    QVERIFY(lenet.ok());
    const QString project = dir.filePath(QStringLiteral("my_lenet.json"));
    std::string error;
    QVERIFY2(saveProjectFile(*lenet.graph, project.toStdString(), &error, "my_lenet.weights"), error.c_str());
    const QStringList args{QStringLiteral("run"), project, QStringLiteral("--input"), src("resources/digits/7_0.png"),
                           QStringLiteral("--json")};
    const Result gone = cli(args);
    QVERIFY2(gone.exitCode == 0, gone.err.constData());
    const QByteArray warning = project.toUtf8() + ": warning: the trained weights " +
                               dir.filePath(QStringLiteral("my_lenet.weights")).toUtf8() +
                               " are missing; running on seeded random weights\n";
    QVERIFY2(gone.err.contains(warning), gone.err.constData());
    QCOMPARE(QJsonDocument::fromJson(gone.out).object().value(QStringLiteral("weights")).toString(),
             QStringLiteral("seeded glorot_uniform initial weights (the trained weights my_lenet.weights are missing)"));

    const QDir examples(src("resources/examples/lenet5.weights"));
    QVERIFY(QDir().mkpath(dir.filePath(QStringLiteral("my_lenet.weights"))));
    for (const QString &npy : examples.entryList({QStringLiteral("*.npy")}, QDir::Files))
        QVERIFY(QFile::copy(examples.filePath(npy), dir.filePath(QStringLiteral("my_lenet.weights/") + npy)));
    const Result back = cli(args);
    QVERIFY2(back.exitCode == 0, back.err.constData());
    QVERIFY2(!back.err.contains("warning"), back.err.constData());
    QCOMPARE(QJsonDocument::fromJson(back.out).object().value(QStringLiteral("weights")).toString(),
             QStringLiteral("trained weights from my_lenet.weights"));
    // A weights folder given explicitly is what the user asked for: no warning about the project's.
    QVERIFY(QDir(dir.filePath(QStringLiteral("my_lenet.weights"))).removeRecursively());
    const Result given = cli(args + QStringList{QStringLiteral("--weights"), examples.path()});
    QVERIFY2(given.exitCode == 0 && !given.err.contains("warning"), given.err.constData());
}

void TestComputeCli::runDumpsEveryLayer()
{
    QTemporaryDir dir;
    const Result r = cli({QStringLiteral("run"), src("resources/examples/autoencoder.py"), QStringLiteral("--input"),
                          src("resources/digits/7_0.png"), QStringLiteral("--dump"), dir.path()});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QStringList files = QDir(dir.path()).entryList({QStringLiteral("*.npy")}, QDir::Files, QDir::Name);
    QCOMPARE(files.size(), 14);
    QCOMPARE(files.first(), QStringLiteral("000_input_1.npy"));
    QCOMPARE(files[1], QStringLiteral("001_conv2d.npy"));
    QCOMPARE(files.last(), QStringLiteral("013_conv2d_6.npy"));
    std::string err;
    const auto in = readNpy(dir.filePath(files.first()).toStdString(), &err);
    QVERIFY(in);
    QCOMPARE(in->header.shape, (Shape{1, 28, 28, 1})); // batch dimension, framework layout
    QCOMPARE(in->values[7 * 28 + 14] >= 0.0f && in->values[7 * 28 + 14] <= 1.0f, true);
    const auto out = readNpy(dir.filePath(files.last()).toStdString(), &err);
    QCOMPARE(out->header.shape, (Shape{1, 28, 28, 1}));
    for (float v : out->values)
        QVERIFY(v > 0.0f && v < 1.0f); // sigmoid
}

void TestComputeCli::runImplicitInputIsZero()
{
    QTemporaryDir dir;
    const QString model = dir.filePath(QStringLiteral("m.py"));
    writeFile(model, "import torch.nn as nn\nmodel = nn.Sequential(nn.Conv2d(1, 2, 3), nn.ReLU(), nn.Flatten())\n");
    const Result r = cli({QStringLiteral("run"), model, QStringLiteral("--input-shape"), QStringLiteral("1,28,28"),
                          QStringLiteral("--input"), src("resources/digits/3_0.png"), QStringLiteral("--dump"),
                          dir.filePath(QStringLiteral("d"))});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(QDir(dir.filePath(QStringLiteral("d"))).entryList(QDir::Files, QDir::Name),
             (QStringList{QStringLiteral("000_input.npy"), QStringLiteral("001_0.npy"), QStringLiteral("002_1.npy"),
                          QStringLiteral("003_2.npy")}));
    std::string err;
    QCOMPARE(readNpy(dir.filePath(QStringLiteral("d/001_0.npy")).toStdString(), &err)->header.shape,
             (Shape{1, 2, 26, 26}));
    QCOMPARE(readNpy(dir.filePath(QStringLiteral("d/003_2.npy")).toStdString(), &err)->header.shape,
             (Shape{1, 2 * 26 * 26}));
}

void TestComputeCli::runWithWeightsMatchesFramework()
{
    // The golden LeNet: its weights directory and input give tfjs' output, through the CLI.
    const QString c = QStringLiteral(CONVLENS_GOLDEN_DIR "/forward/keras/sequential_lenet");
    QTemporaryDir dir;
    const Result r = cli({QStringLiteral("run"), c + QStringLiteral("/model.py"), QStringLiteral("--input"),
                          c + QStringLiteral("/input.npy"), QStringLiteral("--weights"), c + QStringLiteral("/weights"),
                          QStringLiteral("--dump"), dir.path()});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    std::string err;
    const auto got = readNpy(dir.filePath(QStringLiteral("007_dense_1.npy")).toStdString(), &err);
    const auto want = readNpy(QString(c + QStringLiteral("/expected/dense_1.npy")).toStdString(), &err);
    QVERIFY(got && want);
    QCOMPARE(got->header.shape, want->header.shape);
    for (size_t i = 0; i < got->values.size(); ++i)
        QVERIFY(std::abs(got->values[i] - want->values[i]) < 1e-5f);
}

void TestComputeCli::runJson()
{
    const Result r = cli({QStringLiteral("run"), src("resources/examples/lenet5.py"), QStringLiteral("--input"),
                          src("resources/digits/0_0.png"), QStringLiteral("--json")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(o.value(QLatin1String("framework")).toString(), QStringLiteral("keras"));
    QVERIFY(o.value(QLatin1String("ok")).toBool());
    const QJsonArray layers = o.value(QLatin1String("layers")).toArray();
    QVERIFY(layers.size() > 5);
    const QJsonObject first = layers.first().toObject();
    for (const char *key : {"index", "name", "type", "output_shape", "min", "max", "mean", "ms", "file"})
        QVERIFY2(first.contains(QLatin1String(key)), key);
    QCOMPARE(o.value(QLatin1String("output")).toObject().value(QLatin1String("values")).toArray().size(), 10);
}

// Issue 9's done-when models, as pasted (the code of tests/golden/modules/torch_modules.json, which holds what torch
// gives for them): the CIFAR-10 tutorial Net, a torchvision-style resnet18 class with BasicBlock/_make_layer and a
// make_layers(cfg) VGG-11 give torch's parameter count in `summary`, and `run` runs them to the framework's output
// shape.
void TestComputeCli::runModulesPeoplePaste_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("runShape"); // a smaller input for the forward pass where the model allows it
    QTest::addColumn<qint64>("totalParams");
    QTest::addColumn<int>("outputs");
    QTest::newRow("CIFAR-10 tutorial Net") << QStringLiteral("tut_cifar10_net") << QStringLiteral("3,32,32")
                                           << qint64(62006) << 10;
    QTest::newRow("resnet18 class") << QStringLiteral("tut_resnet18_torchvision_style") << QStringLiteral("3,64,64")
                                    << qint64(11689512) << 1000;
    QTest::newRow("VGG-11 make_layers") << QStringLiteral("tut_vgg11_make_layers") << QStringLiteral("3,64,64")
                                        << qint64(132863336) << 1000;
}

void TestComputeCli::runModulesPeoplePaste()
{
    QFETCH(QString, id);
    QFETCH(QString, runShape);
    QFETCH(qint64, totalParams);
    QFETCH(int, outputs);
    QFile corpus(QStringLiteral(CONVLENS_GOLDEN_DIR "/modules/torch_modules.json"));
    QVERIFY(corpus.open(QIODevice::ReadOnly));
    QJsonObject kase;
    for (const auto &c : QJsonDocument::fromJson(corpus.readAll()).object().value(QLatin1String("cases")).toArray())
        if (c.toObject().value(QLatin1String("id")).toString() == id)
            kase = c.toObject();
    QVERIFY2(!kase.isEmpty(), qPrintable(id));
    QCOMPARE(kase.value(QLatin1String("total_params")).toInteger(), totalParams); // what torch counted
    QString torchShape;
    for (const auto &d : kase.value(QLatin1String("input_shape")).toArray())
        torchShape += (torchShape.isEmpty() ? QString() : QStringLiteral(",")) + QString::number(d.toInt());

    QTemporaryDir dir;
    const QString model = dir.filePath(QStringLiteral("model.py"));
    writeFile(model, kase.value(QLatin1String("code")).toString().toUtf8());
    const Result sum = cli({QStringLiteral("summary"), model, QStringLiteral("--input-shape"), torchShape,
                            QStringLiteral("--json")});
    QVERIFY2(sum.exitCode == 0, sum.err.constData());
    QCOMPARE(QJsonDocument::fromJson(sum.out).object().value(QLatin1String("total_params")).toInteger(), totalParams);

    std::string err;
    Shape in{1};
    for (const auto &d : runShape.split(QLatin1Char(',')))
        in.push_back(d.toLongLong());
    std::vector<float> values(size_t(in[1] * in[2] * in[3]));
    for (size_t i = 0; i < values.size(); ++i)
        values[i] = float(i % 17) / 17.0f - 0.5f;
    const QString input = dir.filePath(QStringLiteral("x.npy"));
    QVERIFY2(writeNpy(input.toStdString(), in, values, &err), err.c_str());
    const Result r = cli({QStringLiteral("run"), model, QStringLiteral("--input-shape"), runShape,
                          QStringLiteral("--input"), input, QStringLiteral("--json")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    QVERIFY(o.value(QLatin1String("ok")).toBool());
    const QJsonArray got = o.value(QLatin1String("output")).toObject().value(QLatin1String("values")).toArray();
    QCOMPARE(got.size(), outputs);
    for (const auto &v : got)
        QVERIFY(std::isfinite(v.toDouble()));
}

void TestComputeCli::badInputs_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("suffix");
    QTest::addColumn<QString>("message");
    QFile png(src("resources/digits/1_0.png"));
    QVERIFY(png.open(QIODevice::ReadOnly));
    const QByteArray good = png.readAll();
    QTest::newRow("corrupt") << QByteArray("this is not an image at all") << QStringLiteral("png")
                             << QStringLiteral("not a readable image");
    QTest::newRow("truncated png") << good.left(good.size() / 2) << QStringLiteral("png")
                                   << QStringLiteral("cannot decode");
    // A valid PNG header claiming 100000 × 100000 pixels (CRC fixed up): refused from the header.
    QByteArray huge = good.left(33);
    auto put32 = [&](int at, quint32 v) {
        for (int i = 0; i < 4; ++i)
            huge[at + i] = char((v >> (24 - 8 * i)) & 0xff);
    };
    put32(16, 100000);
    put32(20, 100000);
    quint32 crc = 0xffffffffu;
    for (int i = 12; i < 29; ++i) {
        crc ^= quint8(huge[i]);
        for (int k = 0; k < 8; ++k)
            crc = (crc & 1) ? 0xedb88320u ^ (crc >> 1) : crc >> 1;
    }
    put32(29, crc ^ 0xffffffffu);
    huge += good.mid(33);
    QTest::newRow("enormous png") << huge << QStringLiteral("png") << QStringLiteral("megapixels");
    // Issue 13: a 60000 × 60000 BMP header was refused as "truncated or corrupt", not by the megapixel limit.
    QByteArray bmp(54, '\0');
    const auto le32 = [&](int at, qint32 v) {
        for (int i = 0; i < 4; ++i)
            bmp[at + i] = char((quint32(v) >> (8 * i)) & 0xff);
    };
    bmp[0] = 'B';
    bmp[1] = 'M';
    le32(2, 54);
    le32(10, 54);
    le32(14, 40);      // BITMAPINFOHEADER
    le32(18, 60000);   // width
    le32(22, -60000);  // height (top-down)
    bmp[26] = 1;       // planes
    bmp[28] = 24;      // bits per pixel
    QTest::newRow("enormous bmp") << bmp << QStringLiteral("bmp")
                                  << QStringLiteral("60000×60000 = 3600 megapixels; the limit is");
    const std::vector<char> small = encodeNpy({3, 3}, std::vector<float>(9, 0.0f));
    const std::vector<char> full = encodeNpy({28, 28}, std::vector<float>(784, 0.0f));
    QTest::newRow("npy wrong shape") << QByteArray(small.data(), qsizetype(small.size())) << QStringLiteral("npy")
                                     << QStringLiteral("the model input is (28, 28, 1)");
    QTest::newRow("npy truncated") << QByteArray(full.data(), qsizetype(full.size() / 2)) << QStringLiteral("npy")
                                   << QStringLiteral("truncated");
}

void TestComputeCli::badInputs()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, suffix);
    QFETCH(QString, message);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("in.") + suffix);
    writeFile(path, bytes);
    const Result r = cli({QStringLiteral("run"), src("resources/examples/autoencoder.py"), QStringLiteral("--input"), path});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.out.isEmpty());
    QVERIFY2(QString::fromUtf8(r.err).contains(path) && QString::fromUtf8(r.err).contains(message), r.err.constData());
}

void TestComputeCli::badWeights()
{
    QTemporaryDir dir;
    const QString c = QStringLiteral(CONVLENS_GOLDEN_DIR "/forward/keras/sequential_lenet");
    for (const QString &f : QDir(c + QStringLiteral("/weights")).entryList(QDir::Files))
        QFile::copy(c + QStringLiteral("/weights/") + f, dir.filePath(f));
    std::string err;
    QVERIFY(writeNpy(dir.filePath(QStringLiteral("dense.kernel.npy")).toStdString(), {32, 400},
                     std::vector<float>(32 * 400, 0.0f), &err));
    Result r = cli({QStringLiteral("run"), c + QStringLiteral("/model.py"), QStringLiteral("--input"),
                    c + QStringLiteral("/input.npy"), QStringLiteral("--weights"), dir.path()});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("layer 'dense', weight 'kernel': expected shape (400, 32), found (32, 400)"),
             r.err.constData());
    r = cli({QStringLiteral("run"), c + QStringLiteral("/model.py"), QStringLiteral("--input"),
             c + QStringLiteral("/input.npy")});
    QCOMPARE(r.exitCode, 0); // no --weights: seeded initial weights
    r = cli({QStringLiteral("run"), c + QStringLiteral("/model.py")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains("--input"));
}

void TestComputeCli::refusedModel()
{
    QTemporaryDir dir;
    const QString model = dir.filePath(QStringLiteral("m.py"));
    writeFile(model, "import keras\nfrom keras import layers\nmodel = keras.Sequential([keras.Input(shape=(4, 4, 1)), "
                     "layers.Conv2D(2, 5)])\n");
    const Result r = cli({QStringLiteral("run"), model, QStringLiteral("--input"), src("resources/digits/1_0.png")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("conv2d"), r.err.constData());
}

// Issue 13: weights containing NaN ran silently and printed "(argmax 0)" as a prediction.
void TestComputeCli::nonFiniteWeights()
{
    QTemporaryDir dir;
    const QString c = QStringLiteral(CONVLENS_GOLDEN_DIR "/forward/keras/sequential_lenet");
    for (const QString &f : QDir(c + QStringLiteral("/weights")).entryList(QDir::Files))
        QFile::copy(c + QStringLiteral("/weights/") + f, dir.filePath(f));
    std::vector<float> nan(400 * 32, 0.0f);
    nan[7] = std::nanf("");
    nan[9] = std::numeric_limits<float>::infinity();
    std::string err;
    QFile::remove(dir.filePath(QStringLiteral("dense.kernel.npy")));
    QVERIFY(writeNpy(dir.filePath(QStringLiteral("dense.kernel.npy")).toStdString(), {400, 32}, nan, &err));
    const Result r = cli({QStringLiteral("run"), c + QStringLiteral("/model.py"), QStringLiteral("--input"),
                          c + QStringLiteral("/input.npy"), QStringLiteral("--weights"), dir.path()});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.err.contains("layer 'dense', weight 'kernel': 2 of 12800 values are not finite (NaN or Inf)"),
             r.err.constData());
    QVERIFY2(r.err.contains("warning: the output of 'dense' has"), r.err.constData());
    QVERIFY2(r.out.contains("(prediction undefined: the output has non-finite values)"), r.out.constData());
    QVERIFY2(!r.out.contains("argmax"), r.out.constData());
    // The same weights without the NaN: a prediction again.
    nan[7] = nan[9] = 0.0f;
    QVERIFY(writeNpy(dir.filePath(QStringLiteral("dense.kernel.npy")).toStdString(), {400, 32}, nan, &err));
    const Result fine = cli({QStringLiteral("run"), c + QStringLiteral("/model.py"), QStringLiteral("--input"),
                             c + QStringLiteral("/input.npy"), QStringLiteral("--weights"), dir.path()});
    QVERIFY2(fine.exitCode == 0 && fine.out.contains("(argmax "), fine.out.constData());
    QVERIFY(!fine.err.contains("not finite"));
}

void TestComputeCli::bench()
{
    const Result r = cli({QStringLiteral("bench"), src("resources/examples/autoencoder.py"), QStringLiteral("--runs"),
                          QStringLiteral("3"), QStringLiteral("--threads"), QStringLiteral("2"), QStringLiteral("--json")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    QVERIFY(o.value(QLatin1String("median_ms")).toDouble() > 0);
    QVERIFY(o.value(QLatin1String("gflops")).toDouble() > 0);
    QCOMPARE(o.value(QLatin1String("runs")).toInt(), 3);
    QCOMPARE(o.value(QLatin1String("threads")).toInt(), 2);
    const QJsonArray layers = o.value(QLatin1String("layers")).toArray();
    QCOMPARE(layers.size(), 14);
    QCOMPARE(layers[1].toObject().value(QLatin1String("name")).toString(), QStringLiteral("conv2d"));
    QVERIFY(layers[1].toObject().contains(QLatin1String("median_ms")));
    const Result text = cli({QStringLiteral("bench"), src("resources/examples/autoencoder.py"), QStringLiteral("--runs"),
                             QStringLiteral("2")});
    QCOMPARE(text.exitCode, 0);
    QVERIFY2(text.out.contains("GFLOP/s") && text.out.contains("median"), text.out.constData());
    QCOMPARE(cli({QStringLiteral("bench"), src("resources/examples/autoencoder.py"), QStringLiteral("--runs"),
                  QStringLiteral("zero")})
                 .exitCode,
             2);
}

QTEST_GUILESS_MAIN(TestComputeCli)
#include "tst_compute_cli.moc"
