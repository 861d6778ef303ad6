// tst_cli_summary.cpp — `convlens-cli summary` as users' scripts see it: the JSON schema of DESIGN.md, exit codes
// 0/1/2, the autoencoder's numbers from pasted tutorial code, and errors naming the file and line.
#include "cli_test_support.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

class TstCliSummary : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void autoencoderJson();
    void tableStyles();
    void refusedModelExitsOne();
    void unreadableInputExitsTwo_data();
    void unreadableInputExitsTwo();
    void pytorchNeedsInputShape();
    void projectMissingRequiredParameter_data();
    void projectMissingRequiredParameter();
    void nestedModelsAreOneRow();

private:
    using Result = clitest::CliResult;
    static Result cli(const QStringList &args) { return clitest::runCli(args); }
    QString writeFile(const QString &name, const QByteArray &text);
    QTemporaryDir m_dir;
};

QString TstCliSummary::writeFile(const QString &name, const QByteArray &text)
{
    return clitest::writeTestFile(m_dir.filePath(name), text);
}

static const QByteArray kAutoencoder = R"(import keras
from keras import layers

input_img = keras.Input(shape=(28, 28, 1))

x = layers.Conv2D(16, (3, 3), activation='relu', padding='same')(input_img)
x = layers.MaxPooling2D((2, 2), padding='same')(x)
x = layers.Conv2D(8, (3, 3), activation='relu', padding='same')(x)
x = layers.MaxPooling2D((2, 2), padding='same')(x)
x = layers.Conv2D(8, (3, 3), activation='relu', padding='same')(x)
encoded = layers.MaxPooling2D((2, 2), padding='same')(x)

# at this point the representation is (4, 4, 8) i.e. 128-dimensional

x = layers.Conv2D(8, (3, 3), activation='relu', padding='same')(encoded)
x = layers.UpSampling2D((2, 2))(x)
x = layers.Conv2D(8, (3, 3), activation='relu', padding='same')(x)
x = layers.UpSampling2D((2, 2))(x)
x = layers.Conv2D(16, (3, 3), activation='relu')(x)
x = layers.UpSampling2D((2, 2))(x)
decoded = layers.Conv2D(1, (3, 3), activation='sigmoid', padding='same')(x)

autoencoder = keras.Model(input_img, decoded)
autoencoder.compile(optimizer='adam', loss='binary_crossentropy')
)";

void TstCliSummary::autoencoderJson()
{
    const auto r = cli({u"summary"_s, writeFile(u"ae.py"_s, kAutoencoder), u"--json"_s});
    QCOMPARE(r.exitCode, 0);
    QJsonParseError err;
    const QJsonObject o = QJsonDocument::fromJson(r.out, &err).object();
    QCOMPARE(err.error, QJsonParseError::NoError);
    QCOMPARE(o.value(u"framework"_s).toString(), u"keras"_s);
    QCOMPARE(o.value(u"ok"_s).toBool(), true);
    QCOMPARE(o.value(u"total_params"_s).toInteger(), 4385);
    const QJsonArray layers = o.value(u"layers"_s).toArray();
    QCOMPARE(layers.size(), 14); // the Input layer, as model.summary() lists it, then 13 layers
    QCOMPARE(layers[0].toObject().value(u"type"_s).toString(), u"InputLayer"_s);
    const QJsonObject validConv = layers[11].toObject(); // the twelfth layer, counting the Input: Conv2D 'valid'
    const QJsonObject upAfter = layers[12].toObject();
    QCOMPARE(validConv.value(u"name"_s).toString(), u"conv2d_5"_s);
    QCOMPARE(validConv.value(u"output_shape"_s).toArray(), (QJsonArray{14, 14, 16}));
    QCOMPARE(validConv.value(u"params"_s).toInteger(), 1168);
    QCOMPARE(validConv.value(u"padding"_s).toArray(), (QJsonArray{0, 0, 0, 0}));
    QVERIFY(validConv.value(u"formula"_s).toString().contains(u"16 − 3"_s));
    QCOMPARE(upAfter.value(u"output_shape"_s).toArray(), (QJsonArray{28, 28, 16}));
    const QJsonObject pool3 = layers[6].toObject();
    QCOMPARE(pool3.value(u"name"_s).toString(), u"max_pooling2d_2"_s);
    QCOMPARE(pool3.value(u"padding"_s).toArray(), (QJsonArray{0, 1, 0, 1}));
    QCOMPARE(pool3.value(u"inputs"_s).toArray(), (QJsonArray{u"conv2d_2"_s}));
    QVERIFY(pool3.value(u"error"_s).isNull());
    for (const auto &l : layers)
        for (const auto &key : {u"name"_s, u"type"_s, u"inputs"_s, u"output_shape"_s, u"params"_s, u"padding"_s,
                                u"macs"_s, u"formula"_s, u"error"_s})
            QVERIFY2(l.toObject().contains(key), qPrintable(key));
}

void TstCliSummary::tableStyles()
{
    auto r = cli({u"summary"_s, writeFile(u"ae2.py"_s, kAutoencoder)});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains("conv2d_5 (Conv2D)"));
    QVERIFY(r.out.contains("(None, 14, 14, 16)"));
    QVERIFY(r.out.contains("Total params: 4,385"));
    const QString torch = writeFile(u"lenet.py"_s, R"(import torch.nn as nn
net = nn.Sequential(nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
                    nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                    nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10))
)");
    r = cli({u"summary"_s, torch, u"--input-shape"_s, u"1,28,28"_s});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains("├─Conv2d: 1-1"));
    QVERIFY(r.out.contains("[1, 6, 28, 28]"));
    QVERIFY(r.out.contains("Total params: 61,706"));
}

void TstCliSummary::refusedModelExitsOne()
{
    const QString path = writeFile(u"bad.py"_s, R"(from tensorflow.keras.models import Sequential
from tensorflow.keras.layers import Conv2D, MaxPooling2D, Flatten, Dense
model = Sequential()
model.add(Conv2D(8, 3, input_shape=(6, 6, 1)))
model.add(Conv2D(8, 5))
model.add(Flatten())
model.add(Dense(10))
)");
    auto r = cli({u"summary"_s, path, u"--json"_s});
    QCOMPARE(r.exitCode, 1);
    const QJsonArray layers = QJsonDocument::fromJson(r.out).object().value(u"layers"_s).toArray();
    QCOMPARE(layers.size(), 4);
    QCOMPARE(layers[0].toObject().value(u"output_shape"_s).toArray(), (QJsonArray{4, 4, 8}));
    QVERIFY(layers[1].toObject().value(u"output_shape"_s).isNull());
    QVERIFY(layers[1].toObject().value(u"error"_s).toString().contains(u"Negative dimension size"_s));
    QVERIFY(layers[2].toObject().value(u"output_shape"_s).isNull());
    QVERIFY(layers[3].toObject().value(u"error"_s).isNull());
    r = cli({u"summary"_s, path});
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.out.contains("Refused: conv2d_1 (Conv2D)"));
    QVERIFY(r.out.contains("Fix:"));
}

void TstCliSummary::unreadableInputExitsTwo_data()
{
    QTest::addColumn<QByteArray>("code");
    QTest::addColumn<QString>("stderrContains");
    QTest::addRow("syntax error") << QByteArray("from keras.layers import Conv2D\nx = Conv2D(8, (3, 3)\n")
                                  << u"syntax.py:"_s;
    QTest::addRow("unknown layer") << QByteArray("from keras.models import Sequential\nfrom keras.layers import *\n"
                                                 "model = Sequential([Conv3x(8, 3, input_shape=(8, 8, 1))])\n")
                                   << u"syntax.py:3"_s;
    QTest::addRow("wrong type") << QByteArray("from keras.models import Sequential\nfrom keras.layers import *\n"
                                              "model = Sequential([Conv2D(8, kernel_size='a', input_shape=(8, 8, 1))])\n")
                                << u"syntax.py:3"_s;
}

void TstCliSummary::unreadableInputExitsTwo()
{
    QFETCH(QByteArray, code);
    QFETCH(QString, stderrContains);
    const auto r = cli({u"summary"_s, writeFile(u"syntax.py"_s, code), u"--json"_s});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.out.isEmpty());
    QVERIFY2(QString::fromUtf8(r.err).contains(stderrContains), r.err.constData());
    const auto missing = cli({u"summary"_s, m_dir.filePath(u"does-not-exist.py"_s)});
    QCOMPARE(missing.exitCode, 2);
    QVERIFY(missing.err.contains("does-not-exist.py"));
}

// A model used as a layer is one row with its own rows inside (Keras' expand_nested); a model called twice (the
// siamese tower) is still one row and its parameters count once. Numbers from tests/golden/modules
// (nested_shared_encoder_siamese, tfjs 4.22).
void TstCliSummary::nestedModelsAreOneRow()
{
    const QString path = writeFile(u"siamese.py"_s, R"(from tensorflow.keras import layers, Model, Input, Sequential

def make_tower(shape):
    inp = Input(shape)
    x = layers.Conv2D(8, 3, activation="relu")(inp)
    x = layers.MaxPooling2D()(x)
    x = layers.Conv2D(16, 3, activation="relu")(x)
    x = layers.GlobalAveragePooling2D()(x)
    return Model(inp, layers.Dense(8)(x), name="tower")

tower = make_tower((24, 24, 1))
head = Sequential([layers.Dense(4), layers.Dense(1)])
left = Input((24, 24, 1), name="left")
right = Input((24, 24, 1), name="right")
emb_l = tower(left)
emb_r = tower(right)
diff = layers.Add()([emb_l, emb_r])
merged = layers.concatenate([emb_l, emb_r, diff])
out = head(merged)
model = Model([left, right], out)
)");
    const auto r = cli({u"summary"_s, path, u"--json"_s});
    QCOMPARE(r.exitCode, 0);
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(o.value(u"total_params"_s).toInteger(), 1384 + 100 + 5);
    const QJsonArray layers = o.value(u"layers"_s).toArray();
    QStringList names;
    for (const auto &l : layers)
        names << l.toObject().value(u"name"_s).toString();
    QCOMPARE(names, (QStringList{u"left"_s, u"right"_s, u"tower"_s, u"add"_s, u"concatenate"_s,
                                 u"sequential"_s}));
    const QJsonObject tower = layers[2].toObject();
    QCOMPARE(tower.value(u"type"_s).toString(), u"Functional"_s);
    QCOMPARE(tower.value(u"output_shape"_s).toArray(), (QJsonArray{8}));
    QCOMPARE(tower.value(u"params"_s).toInteger(), 1384);
    QCOMPARE(tower.value(u"inputs"_s).toArray(), (QJsonArray{u"left"_s, u"right"_s}));
    const QJsonArray inner = tower.value(u"inner"_s).toArray();
    QCOMPARE(inner.size(), 5); // conv2d, max_pooling2d, conv2d_1, global_average_pooling2d, dense
    QCOMPARE(inner[2].toObject().value(u"name"_s).toString(), u"conv2d_1"_s);
    QCOMPARE(inner[2].toObject().value(u"output_shape"_s).toArray(), (QJsonArray{9, 9, 16}));
    QCOMPARE(layers[3].toObject().value(u"inputs"_s).toArray(), (QJsonArray{u"tower"_s, u"tower"_s}));
    const QJsonObject head = layers[5].toObject();
    QCOMPARE(head.value(u"type"_s).toString(), u"Sequential"_s);
    QCOMPARE(head.value(u"output_shape"_s).toArray(), (QJsonArray{1}));
    QCOMPARE(head.value(u"inputs"_s).toArray(), (QJsonArray{u"concatenate"_s}));
    QVERIFY(!layers[4].toObject().contains(u"inner"_s));
}

void TstCliSummary::pytorchNeedsInputShape()
{
    const QString path = writeFile(u"t.py"_s, "import torch.nn as nn\nm = nn.Sequential(nn.Conv2d(3, 8, 3))\n");
    auto r = cli({u"summary"_s, path, u"--json"_s});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains("--input-shape"));
    r = cli({u"summary"_s, path, u"--json"_s, u"--input-shape"_s, u"3,32,32"_s});
    QCOMPARE(r.exitCode, 0);
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(o.value(u"framework"_s).toString(), u"pytorch"_s);
    const QJsonObject l0 = o.value(u"layers"_s).toArray()[0].toObject();
    QCOMPARE(l0.value(u"name"_s).toString(), u"0"_s);
    QCOMPARE(l0.value(u"output_shape"_s).toArray(), (QJsonArray{8, 30, 30}));
    QCOMPARE(l0.value(u"params"_s).toInteger(), 224);
}

// Issue 13: project files whose layers lack a required parameter killed the CLI (munmap_chunk(): invalid pointer,
// std::bad_variant_access). They are now refused on load, naming the file, the layer and the parameter; every command
// that reads a model says so the same way.
void TstCliSummary::projectMissingRequiredParameter_data()
{
    QTest::addColumn<QByteArray>("layers");
    QTest::addColumn<QString>("message");
    QTest::addRow("ZeroPad2d without padding")
        << QByteArray(R"({"name": "0", "type": "ZeroPad2d", "inputs": ["x"]})")
        << u"p.json: layer '0' (ZeroPad2d): missing required parameter 'padding'"_s;
    QTest::addRow("Unflatten without dim")
        << QByteArray(R"({"name": "0", "type": "Flatten", "inputs": ["x"]},
                         {"name": "1", "type": "Unflatten", "inputs": ["0"], "params": {"unflattened_size": [8, 8]}})")
        << u"p.json: layer '1' (Unflatten): missing required parameter 'dim'"_s;
}

void TstCliSummary::projectMissingRequiredParameter()
{
    QFETCH(QByteArray, layers);
    QFETCH(QString, message);
    const QString path = writeFile(u"p.json"_s,
                                   R"({"format": "convlens-model", "version": 1, "framework": "pytorch", "layers": [
                                      {"name": "x", "type": "Input", "params": {"shape": [1, 8, 8]}}, )" +
                                       layers + "]}");
    for (const QString &command : {u"summary"_s, u"run"_s, u"trace"_s, u"bench"_s}) {
        QStringList args{command, path};
        if (command == u"trace"_s)
            args << u"--layer"_s << u"0"_s;
        if (command == u"bench"_s)
            args << u"--runs"_s << u"1"_s;
        if (command == u"run"_s)
            args << u"--input"_s << u"" CONVLENS_SOURCE_DIR "/resources/digits/1_0.png"_s;
        const auto r = cli(args);
        QVERIFY2(r.exitCode == 2, qPrintable(command + u": exit "_s + QString::number(r.exitCode) + u" "_s +
                                                 QString::fromUtf8(r.err)));
        QVERIFY2(QString::fromUtf8(r.err).contains(message), r.err.constData());
        QVERIFY(r.out.isEmpty());
    }
}

QTEST_GUILESS_MAIN(TstCliSummary)
#include "tst_cli_summary.moc"
