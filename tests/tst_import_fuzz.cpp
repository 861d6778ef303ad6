// tst_import_fuzz.cpp — bad input never crashes, hangs or allocates hugely: seeded random bytes, every truncated
// prefix of realistic Keras/PyTorch code and project files, random token deletions and duplications, and hostile
// programs (deep nesting, exponential recursion, huge repetition). Each import must return a graph or an error with
// a message (syntax errors with a line). Bounded: the whole run stays within seconds even under ASan.
#include "formats/model_file.h"
#include "importers/python_code.h"

#include <QElapsedTimer>
#include <QTest>

#include <random>

using namespace convlens;

namespace {

const char *const kKerasFunctional = R"py(
"""U-Net, as in the tutorials."""
from keras.models import *
from keras.layers import *
from keras.optimizers import *

def unet(pretrained_weights=None, input_size=(64, 64, 1)):
    inputs = Input(input_size)
    conv1 = Conv2D(16, 3, activation='relu', padding='same', kernel_initializer='he_normal')(inputs)
    conv1 = BatchNormalization()(conv1)
    pool1 = MaxPooling2D(pool_size=(2, 2))(conv1)
    conv2 = Conv2D(32, (3, 3), activation='relu', padding='same')(pool1)
    drop2 = Dropout(0.5)(conv2)
    up3 = Conv2D(16, 2, activation='relu', padding='same')(UpSampling2D(size=(2, 2))(drop2))
    merge3 = concatenate([conv1, up3], axis=3)
    added = Add()([merge3, Concatenate(axis=-1)([conv1, conv1])])
    conv4 = Conv2D(1, 1, activation='sigmoid', name="mask")(added)
    model = Model(input=inputs, output=conv4)
    model.compile(optimizer=Adam(lr=1e-4), loss='binary_crossentropy', metrics=['accuracy'])
    if pretrained_weights:
        model.load_weights(pretrained_weights)
    return model

model = unet()
model.summary()
)py";

const char *const kKerasSequential = R"py(
import tensorflow as tf
from tensorflow.keras import layers
n = 8
size = (3, 3)
model = tf.keras.Sequential([
    layers.Conv2D(n, size, strides=2, padding="same", activation=tf.nn.relu, input_shape=(28, 28, 1)),
    layers.DepthwiseConv2D(3, depth_multiplier=2),
    layers.ZeroPadding2D(padding=((1, 0), (0, 1))),
    layers.AveragePooling2D(pool_size=2, strides=None),
    layers.Flatten(),
    layers.Dense(n * 4 // 2, activation='relu'),
    layers.Dense(10, activation='softmax'),
])
for layer in model.layers:
    print(layer.name)
model.add(layers.Reshape((5, 2)))
history = model.fit(x_train, y_train, epochs=5)
)py";

const char *const kTorch = R"py(
import torch
import torch.nn as nn
from collections import OrderedDict

features = nn.Sequential(OrderedDict([
    ('conv1', nn.Conv2d(1, 8, kernel_size=3, stride=1, padding=1)),
    ('bn1', nn.BatchNorm2d(8)),
    ('relu1', nn.ReLU(inplace=True)),
    ('pool1', nn.MaxPool2d(2, 2, ceil_mode=True)),
    ('up', nn.Upsample(scale_factor=2, mode='nearest')),
    ('flat', nn.Flatten()),
    ('fc', nn.Linear(8 * 28 * 28, 10)),
]))
model = features.to('cpu')
print(model(torch.randn(1, 1, 28, 28)).shape)
)py";

// Splits code into pieces: runs of name characters, single punctuation, and whitespace (kept apart so that a
// mutation deletes or duplicates a token, not the layout).
std::vector<std::string> pieces(const std::string &s)
{
    std::vector<std::string> out;
    const auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.'; };
    for (size_t i = 0; i < s.size();) {
        size_t j = i + 1;
        if (word(s[i]))
            while (j < s.size() && word(s[j]))
                ++j;
        else if (s[i] == ' ')
            while (j < s.size() && s[j] == ' ')
                ++j;
        out.push_back(s.substr(i, j - i));
        i = j;
    }
    return out;
}

struct Checker {
    int calls = 0, graphs = 0, errors = 0;

    void code(const std::string &text, std::mt19937 &rng)
    {
        LoadOptions o;
        switch (rng() % 4) {
        case 0: break;
        case 1: o.framework = Framework::Keras; break;
        case 2: o.framework = Framework::PyTorch; break;
        default: break;
        }
        if (rng() % 2)
            o.inputShape = Shape{1, 28, 28};
        check(importPythonCode(text, "fuzz.py", o), text);
    }

    void json(const std::string &text) { check(loadProjectJson(text, "fuzz.json"), text); }

    void check(const LoadResult &r, const std::string &input)
    {
        ++calls;
        if (r.ok() == r.error.has_value())
            QFAIL(("a graph and an error at once, or neither, for:\n" + input).c_str());
        if (r.ok()) {
            ++graphs;
            if (r.graph->layers.empty())
                QFAIL(("an empty graph for:\n" + input).c_str());
            for (const auto &l : r.graph->layers)
                if (l.name.empty())
                    QFAIL(("an unnamed layer for:\n" + input).c_str());
            return;
        }
        ++errors;
        if (r.error->message.empty())
            QFAIL(("an error without a message for:\n" + input).c_str());
        if (r.error->message.rfind("syntax error", 0) == 0 && r.error->line <= 0)
            QFAIL(("a syntax error without a line for:\n" + input).c_str());
    }
};

} // namespace

class TestImportFuzz : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void samplesImport();
    void randomBytes();
    void truncatedPrefixes();
    void tokenMutations();
    void projectFiles();
    void hostile_data();
    void hostile();
};

void TestImportFuzz::samplesImport()
{
    // the fuzz seeds themselves are valid models
    LoadOptions torch;
    torch.inputShape = Shape{1, 28, 28};
    for (const char *s : {kKerasFunctional, kKerasSequential, kTorch}) {
        const LoadResult r = importPythonCode(s, "sample.py", torch);
        QVERIFY2(r.ok(), r.error ? r.error->toString().c_str() : "");
    }
}

void TestImportFuzz::randomBytes()
{
    std::mt19937 rng(20240611);
    Checker c;
    const std::string alphabet = "abcdefxyz_ 0123456789()[]{}:,.=+-*/'\"#\\\n\n\t    ConvDense2dInputnn.Sequential";
    for (int i = 0; i < 600; ++i) {
        std::string s(rng() % 300, ' ');
        for (auto &ch : s)
            ch = rng() % 4 == 0 ? char(rng() % 256) : alphabet[rng() % alphabet.size()];
        c.code(s, rng);
    }
    QCOMPARE(c.calls, 600);
}

void TestImportFuzz::truncatedPrefixes()
{
    std::mt19937 rng(7);
    Checker c;
    for (const char *sample : {kKerasFunctional, kKerasSequential, kTorch}) {
        const std::string s = sample;
        for (size_t n = 0; n <= s.size(); ++n)
            c.code(s.substr(0, n), rng);
    }
    QVERIFY(c.graphs > 0);
    QVERIFY(c.errors > 0);
}

void TestImportFuzz::tokenMutations()
{
    std::mt19937 rng(99);
    Checker c;
    for (const char *sample : {kKerasFunctional, kKerasSequential, kTorch}) {
        const auto base = pieces(sample);
        for (int round = 0; round < 250; ++round) {
            auto p = base;
            const int edits = 1 + int(rng() % 3);
            for (int e = 0; e < edits && !p.empty(); ++e) {
                const size_t at = rng() % p.size();
                switch (rng() % 3) {
                case 0: p.erase(p.begin() + long(at)); break;
                case 1: p.insert(p.begin() + long(at), p[at]); break;
                default: std::swap(p[at], p[rng() % p.size()]); break;
                }
            }
            std::string text;
            for (const auto &x : p)
                text += x;
            c.code(text, rng);
        }
    }
    QCOMPARE(c.calls, 750);
    QVERIFY(c.graphs > 0);
}

void TestImportFuzz::projectFiles()
{
    LoadOptions torch;
    torch.inputShape = Shape{1, 28, 28};
    const LoadResult keras = importPythonCode(kKerasFunctional, "k.py");
    const LoadResult pt = importPythonCode(kTorch, "t.py", torch);
    QVERIFY(keras.ok() && pt.ok());
    std::mt19937 rng(3);
    Checker c;
    for (const Graph *g : {&*keras.graph, &*pt.graph}) {
        const std::string json = projectToJson(*g);
        for (size_t n = 0; n <= json.size(); n += 3)
            c.json(json.substr(0, n));
        const auto base = pieces(json);
        for (int round = 0; round < 300; ++round) {
            auto p = base;
            const size_t at = rng() % p.size();
            if (rng() % 2)
                p.erase(p.begin() + long(at));
            else
                p.insert(p.begin() + long(at), p[rng() % p.size()]);
            std::string text;
            for (const auto &x : p)
                text += x;
            c.json(text);
        }
    }
    QVERIFY(c.graphs > 0);
    QVERIFY(c.errors > 0);
}

void TestImportFuzz::hostile_data()
{
    QTest::addColumn<QByteArray>("code");
    const auto rep = [](const char *s, int n) { return QByteArray(s).repeated(n); };
    QTest::addRow("deep brackets") << QByteArray("x = " + rep("(", 5000) + rep(")", 5000));
    QTest::addRow("deep unary") << QByteArray("x = " + rep("-", 100000) + "1");
    QTest::addRow("deep not") << QByteArray("x = " + rep("not ", 20000) + "1");
    QTest::addRow("long sum") << QByteArray("x = 1" + rep(" + 1", 50000));
    QTest::addRow("long attribute chain") << QByteArray("x = a" + rep(".b", 50000));
    QTest::addRow("long call chain") << QByteArray("x = f" + rep("()", 50000));
    QTest::addRow("deep indentation") << []() -> QByteArray {
        QByteArray s;
        for (int i = 0; i < 300; ++i)
            s += QByteArray(i, ' ') + "if x:\n";
        return s + QByteArray(300, ' ') + "pass\n";
    }();
    QTest::addRow("exponential recursion") << QByteArray("def f(n):\n    if n > 0:\n        f(n - 1)\n        f(n - 1)\n"
                                                         "f(60)\n");
    QTest::addRow("deep recursion") << QByteArray("def f():\n    return f()\nf()\n");
    QTest::addRow("huge string") << QByteArray("s = 'a' * 10 ** 12\nt = s + s\n");
    QTest::addRow("huge list") << QByteArray("l = [0] * 10 ** 12\nm = [0] * 10 ** 5\nn = m * 1000\n");
    QTest::addRow("doubling") << QByteArray(QByteArray("a = [1]\n") + rep("a = [a, a]\n", 200) +
                                            "from keras.layers import *\nx = Input(a)\n");
    QTest::addRow("doubling strings") << QByteArray(QByteArray("s = 'ab'\n") + rep("s = s + s\n", 200));
    QTest::addRow("self append") << QByteArray(QByteArray("a = [1]\n") + rep("a.append(a)\n", 200) + "b = str(a)\n");
    QTest::addRow("nesting by append") << QByteArray(QByteArray("a = []\n") + rep("a = [a]\n", 1000) + "b = a == a\n");
    QTest::addRow("big ints") << QByteArray("x = 2 ** 63\ny = -9223372036854775807 - 1\nz = y // -1\nw = y % 0\n"
                                            "v = 1 << 64\nu = -y\nt = abs(y)\ns = int('99999999999999999999')\n");
    QTest::addRow("empty repeated") << QByteArray("s = '' * 10 ** 18\nl = [] * 10 ** 18\nt = () * 10 ** 18\n");
    QTest::addRow("huge slice step") << QByteArray("a = [1, 2, 3]\nb = a[1::9223372036854775807]\nc = 'abc'[1::9223372036854775807]\n"
                                                   "d = a[::-9223372036854775807 - 1]\n");
    QTest::addRow("huge range") << QByteArray("r = list(range(10 ** 15))\nq = len(range(10 ** 9))\n");
    QTest::addRow("many layers") << QByteArray("from keras.layers import *\nx = Input((4,))\n" + rep("x = Dense(2)(x)\n", 2000));
    QTest::addRow("more layers than allowed") << QByteArray("import torch.nn as nn\nm = nn.Sequential(*([nn.ReLU()] * 200000))\n");
    QTest::addRow("many statements") << rep("a = 1\n", 130000);
    QTest::addRow("many notes") << rep("print(1)\n", 3000);
    QTest::addRow("huge f-string width") << QByteArray("x = 3\ns = f'{x:0999999999d}'\n");
    QTest::addRow("slices") << QByteArray("a = [1, 2, 3]\nb = a[::-1]\nc = a[-9223372036854775807:9223372036854775807:-3]\n"
                                          "d = 'abc'[::-2]\ne = a[::0]\n");
    QTest::addRow("nul bytes") << QByteArray("x = 1\0\0\0y = 2\n", 15);
    QTest::addRow("lone surrogate-ish bytes") << QByteArray("x = '\xed\xa0\x80'\n\xff\xfe = 3\n");
}

void TestImportFuzz::hostile()
{
    QFETCH(QByteArray, code);
    QElapsedTimer t;
    t.start();
    std::mt19937 rng(1);
    Checker c;
    c.code(code.toStdString(), rng);
    c.json(code.toStdString());
    QVERIFY2(t.elapsed() < 5000, qPrintable(QString::number(t.elapsed())));
}

QTEST_GUILESS_MAIN(TestImportFuzz)
#include "tst_import_fuzz.moc"
