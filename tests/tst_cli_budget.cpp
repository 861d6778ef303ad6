// tst_cli_budget.cpp — issue 13's memory reproducers through convlens-cli: a model over the memory budget is a
// refusal (exit 1, the same for run, trace and bench) made before anything is allocated, also when the sizes overflow
// 64 bits; and with the address space limited (RLIMIT_AS) the CLI refuses instead of dying of bad_alloc.
#include "cli_test_support.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <sys/resource.h>

using namespace Qt::Literals::StringLiterals;

#if defined(__SANITIZE_ADDRESS__)
#define CONVLENS_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CONVLENS_ASAN 1
#endif
#endif

namespace {

struct Limited {
    int exitCode = -1; // -1: killed by a signal (an abort on bad_alloc) or timed out
    QByteArray out, err;
};

// Runs convlens-cli with its address space limited to `bytes`: an allocation the budget failed to stop would throw
// bad_alloc and abort. `discardOutput`: stdout goes to /dev/null (a long trace).
Limited runLimited(const QStringList &args, rlim_t bytes, bool discardOutput = false)
{
    QProcess p;
    if (discardOutput)
        p.setStandardOutputFile(QProcess::nullDevice());
    // glibc reserves 64 MiB of address space per malloc arena, up to 8 per core: keep that independent of the machine.
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"MALLOC_ARENA_MAX"_s, u"2"_s);
    p.setProcessEnvironment(env);
    p.setChildProcessModifier([bytes] {
        const rlimit lim{bytes, bytes};
        setrlimit(RLIMIT_AS, &lim);
    });
    p.start(QStringLiteral(CONVLENS_CLI), args);
    if (!p.waitForFinished(120000)) {
        p.kill();
        p.waitForFinished();
        return {};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

const QByteArray kHuge = R"(import keras
from keras import layers
model = keras.Sequential([keras.Input(shape=(100000, 100000, 3)), layers.Conv2D(1, 3)])
)";

// Two outputs of 2^62 bytes each: their sum wrapped to a negative estimate, which passed the budget.
const QByteArray kWrappingSum = R"(import keras
from keras import layers
model = keras.Sequential([keras.Input(shape=(1073741824, 1073741824, 1)), layers.ReLU()])
)";

const QByteArray kWrappingConv = R"(import keras
from keras import layers
model = keras.Sequential([keras.Input(shape=(1073741824, 1073741824, 1)), layers.Conv2D(1, 1)])
)";

} // namespace

class TstCliBudget : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void overBudgetIsARefusal_data();
    void overBudgetIsARefusal();
    void overflowingSizesAreTooLarge_data();
    void overflowingSizesAreTooLarge();
    void underAddressSpaceLimit();

private:
    QString write(const QString &name, const QByteArray &text)
    {
        return clitest::writeTestFile(m_dir.filePath(name), text);
    }
    QTemporaryDir m_dir;
};

void TstCliBudget::overBudgetIsARefusal_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("model");
    QTest::addRow("run") << QStringList{u"run"_s, u"--input"_s, u"" CONVLENS_SOURCE_DIR "/resources/digits/1_0.png"_s}
                         << kHuge;
    QTest::addRow("trace") << QStringList{u"trace"_s, u"--layer"_s, u"conv2d"_s} << kHuge;
    QTest::addRow("trace --json") << QStringList{u"trace"_s, u"--layer"_s, u"conv2d"_s, u"--json"_s} << kHuge;
    QTest::addRow("bench") << QStringList{u"bench"_s, u"--runs"_s, u"1"_s} << kHuge;
    QTest::addRow("bench: wrapping sum") << QStringList{u"bench"_s, u"--runs"_s, u"1"_s} << kWrappingSum;
    QTest::addRow("trace: wrapping sum") << QStringList{u"trace"_s, u"--layer"_s, u"conv2d"_s} << kWrappingConv;
}

void TstCliBudget::overBudgetIsARefusal()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, model);
    args.insert(1, write(u"m.py"_s, model));
    const auto r = clitest::runCli(args);
    QVERIFY2(r.exitCode == 1, qPrintable(u"exit "_s + QString::number(r.exitCode) + u": "_s + QString::fromUtf8(r.err)));
    QVERIFY2(r.err.contains("more than the budget of 2.0 GiB"), r.err.constData());
    QVERIFY(r.out.isEmpty());
}

void TstCliBudget::overflowingSizesAreTooLarge_data()
{
    QTest::addColumn<QByteArray>("model");
    QTest::addColumn<QByteArray>("message");
    QTest::addRow("Conv2DTranspose") << QByteArray(R"(import keras
from keras import layers
model = keras.Sequential([keras.Input(shape=(2147483648, 1, 1)),
                          layers.Conv2DTranspose(1, (2147483648, 1), strides=(2147483648, 1), dilation_rate=1)])
)") << QByteArray("is too large");
    QTest::addRow("UpSampling2D twice") << QByteArray(R"(import keras
from keras import layers
model = keras.Sequential([keras.Input(shape=(2147483648, 1, 1)), layers.UpSampling2D((2147483648, 1)),
                          layers.UpSampling2D((4, 1))])
)") << QByteArray("is too large");
    QTest::addRow("ConvTranspose2d") << QByteArray(R"(import torch.nn as nn
model = nn.Sequential(nn.ConvTranspose2d(1, 1, (2147483648, 1), stride=(2147483648, 1), dilation=(2147483648, 1)))
)") << QByteArray("is too large");
}

void TstCliBudget::overflowingSizesAreTooLarge()
{
    QFETCH(QByteArray, model);
    QFETCH(QByteArray, message);
    const QString path = write(u"o.py"_s, model);
    const auto r = clitest::runCli({u"summary"_s, path, u"--json"_s, u"--input-shape"_s,
                                    model.contains("torch") ? u"1,2147483648,1"_s : u"2147483648,1,1"_s});
    QVERIFY2(r.exitCode == 1, qPrintable(u"exit "_s + QString::number(r.exitCode) + u": "_s + QString::fromUtf8(r.err)));
    QVERIFY2(r.out.contains(message), r.out.constData());
    QVERIFY2(!r.out.contains("size 0") && !r.out.contains("size -"), r.out.constData());
}

void TstCliBudget::underAddressSpaceLimit()
{
#ifdef CONVLENS_ASAN
    QSKIP("AddressSanitizer reserves terabytes of address space: RLIMIT_AS cannot be tested under it");
#else
    const QString huge = write(u"h.py"_s, kHuge);
    const QString wraps = write(u"w.py"_s, kWrappingSum);
    const rlim_t limit = rlim_t(3) << 30; // above the 2 GiB budget, far below what the models ask for
    for (const QStringList &args :
         {QStringList{u"trace"_s, huge, u"--layer"_s, u"conv2d"_s}, QStringList{u"bench"_s, huge, u"--runs"_s, u"1"_s},
          QStringList{u"bench"_s, wraps, u"--runs"_s, u"1"_s},
          QStringList{u"run"_s, huge, u"--input"_s, u"" CONVLENS_SOURCE_DIR "/resources/digits/1_0.png"_s}}) {
        const Limited r = runLimited(args, limit);
        QVERIFY2(r.exitCode == 1, qPrintable(args.join(u' ') + u": exit "_s + QString::number(r.exitCode) + u" "_s +
                                                 QString::fromUtf8(r.err)));
        QVERIFY2(!r.err.contains("bad_alloc"), r.err.constData());
    }
    // trace --json streams: a 512×512 map is 262,144 steps (about 300 MB held in memory when every step was kept;
    // a 4096×4096 one grew past 15 GB); it now runs in a 256 MiB address space (peak RSS about 33 MB).
    const QString big = write(u"big.py"_s, R"(import keras
from keras import layers
model = keras.Sequential([keras.Input(shape=(512, 512, 1)), layers.Conv2D(1, 3, padding='same')])
)");
    const Limited streamed = runLimited({u"trace"_s, big, u"--layer"_s, u"conv2d"_s, u"--json"_s}, rlim_t(256) << 20, true);
    QVERIFY2(streamed.exitCode == 0, streamed.err.constData());
    // A model within the budget still runs under the limit.
    const Limited ok = runLimited({u"run"_s, u"" CONVLENS_SOURCE_DIR "/resources/examples/autoencoder.py"_s,
                                   u"--input"_s, u"" CONVLENS_SOURCE_DIR "/resources/digits/1_0.png"_s},
                                  limit);
    QVERIFY2(ok.exitCode == 0, ok.err.constData());
#endif
}

QTEST_GUILESS_MAIN(TstCliBudget)
#include "tst_cli_budget.moc"
