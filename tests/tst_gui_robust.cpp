// tst_gui_robust.cpp — issue 13 in the app: the forward worker refuses an input over the memory budget before making
// it (under an address-space limit, so an allocation would be fatal) and the app keeps its previous maps; crash
// recovery: an app killed with SIGKILL in the middle of editing gives its edit back on the next launch, and saving,
// undoing to the saved state or a clean quit leave no recovery file. The kill test runs this binary a second time as
// the app (`--autosave-child DIR`), since a test cannot SIGKILL itself.
#include "autosave.h"
#include "file_size_limit.h"
#include "forward_controller.h"
#include "main_window.h"
#include "diagram_view.h"
#include "feature_maps_view.h"
#include "prompts.h"

#include "importers/python_code.h"
#include "shape/infer.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <sys/resource.h>

using namespace convlens;
using namespace Qt::Literals::StringLiterals;

#if defined(__SANITIZE_ADDRESS__)
#define CONVLENS_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CONVLENS_ASAN 1
#endif
#endif

namespace {

ShapeReport reportOf(const std::string &code)
{
    LoadResult r = importPythonCode(code, "m.py");
    if (!r.ok())
        qFatal("%s", r.error->toString().c_str());
    return infer(*r.graph);
}

std::string kerasModel(const std::string &inputShape)
{
    return "import keras\nfrom keras import layers\nmodel = keras.Sequential([keras.Input(shape=" + inputShape +
           "), layers.Conv2D(2, 3)])\n";
}

// Answers every question without a dialog: discard on quit, restore (or not) after a crash.
class Answers : public Prompts {
public:
    explicit Answers(bool restore) : m_restore(restore) {}
    SaveChoice askSaveChanges(QWidget *, const QString &) override { return SaveChoice::Discard; }
    void warn(QWidget *, const QString &, const QString &) override {}
    void inform(QWidget *, const QString &, const QString &) override {}
    bool askRestore(QWidget *, const QString &what) override
    {
        asked = what;
        return m_restore;
    }
    QString asked;

private:
    bool m_restore;
};

std::optional<ParamValue> filtersOf(MainWindow &w, const std::string &layer)
{
    return w.document()->paramValue(layer, "filters");
}

QStringList recoveryFiles(const QString &dir)
{
    return QDir(dir).entryList({u"recovery-*.json"_s}, QDir::Files);
}

// The app side of the kill test: opens the autoencoder, changes conv2d's filters to 7, says when the recovery file
// holds it (and how long after the edit), then keeps editing another layer until it is killed.
int autosaveChild(const QString &dir)
{
    MainWindow w(false);
    w.setPrompts(std::make_unique<Answers>(false));
    w.startAutosave(dir);
    QElapsedTimer sinceEdit;
    QObject::connect(w.autosave(), &Autosave::written, &w, [&](const QString &path) {
        static bool said = false;
        if (said)
            return;
        said = true;
        std::printf("written %lld %s\n", static_cast<long long>(sinceEdit.elapsed()), qPrintable(path));
        std::fflush(stdout);
    });
    sinceEdit.start();
    if (!w.document()->setParam(u"conv2d"_s, u"filters"_s, ParamValue(7)))
        return 3;
    QTimer busy;
    int n = 0;
    QObject::connect(&busy, &QTimer::timeout, &w, [&] {
        w.document()->setParam(u"conv2d_1"_s, u"filters"_s, ParamValue(8 + (++n % 3)), true);
    });
    busy.start(20);
    return QApplication::exec();
}

} // namespace

class TstGuiRobust : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void hugeInputIsRefusedAndMapsKept();
    void killedAppGivesItsEditBack();
    void noRecoveryFileWhenNothingToRecover();
    void failedExportKeepsTheOldFile_data();
    void failedExportKeepsTheOldFile();
    void saveAsTakesTheWeightsAlong();
    void missingWeightsAreSaid();
    void saveAsWritesTheWeightsAModelFileCarries();
};

void TstGuiRobust::hugeInputIsRefusedAndMapsKept()
{
    ForwardController fc;
    fc.newModel({});
    fc.setReport(reportOf(kerasModel("(28, 28, 1)")));
    QVERIFY(fc.waitUntilIdle(60000));
    QVERIFY2(fc.lastError().isEmpty(), qPrintable(fc.lastError()));
    const auto before = fc.snapshot();
    QVERIFY(before && before->activation(1));

#ifndef CONVLENS_ASAN
    // The input alone would be 120 GB: were it allocated before the budget check, the worker would throw bad_alloc.
    rlimit old{};
    getrlimit(RLIMIT_AS, &old);
    const rlimit lim{rlim_t(6) << 30, old.rlim_max};
    QCOMPARE(setrlimit(RLIMIT_AS, &lim), 0);
#endif
    QSignalSpy failed(&fc, &ForwardController::runFailed);
    fc.setReport(reportOf(kerasModel("(100000, 100000, 3)")));
    const bool idle = fc.waitUntilIdle(60000);
#ifndef CONVLENS_ASAN
    setrlimit(RLIMIT_AS, &old);
#endif
    QVERIFY(idle);
    QCOMPARE(failed.count(), 1);
    QVERIFY2(fc.lastError().contains(u"more than the budget"_s), qPrintable(fc.lastError()));
    QCOMPARE(fc.snapshot(), before); // the previous maps stay

    // And the worker still runs the next model.
    fc.setReport(reportOf(kerasModel("(16, 16, 1)")));
    QVERIFY(fc.waitUntilIdle(60000));
    QVERIFY2(fc.lastError().isEmpty(), qPrintable(fc.lastError()));
    QVERIFY(fc.snapshot() != before);
}

void TstGuiRobust::killedAppGivesItsEditBack()
{
    QTemporaryDir dir;
    QProcess app;
    app.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    app.start(QCoreApplication::applicationFilePath(), {u"--autosave-child"_s, dir.path()});
    QVERIFY(app.waitForStarted());
    QByteArray said;
    QElapsedTimer t;
    t.start();
    while (!said.contains('\n') && t.elapsed() < 60000 && app.state() == QProcess::Running)
        if (app.waitForReadyRead(1000))
            said += app.readAllStandardOutput();
    QVERIFY2(said.startsWith("written "), said.constData());
    const qint64 ms = said.split(' ').value(1).toLongLong();
    QVERIFY2(ms < 2000, said.constData()); // every edit on disk within 2 s
    QTest::qWait(300); // the app keeps editing: it dies in the middle of it
    ::kill(pid_t(app.processId()), SIGKILL);
    QVERIFY(app.waitForFinished(10000));
    QCOMPARE(app.exitStatus(), QProcess::CrashExit);
    QCOMPARE(recoveryFiles(dir.path()).size(), 1);

    // The next launch offers the edit back.
    MainWindow w(false);
    auto answers = std::make_unique<Answers>(true);
    Answers *asked = answers.get();
    w.setPrompts(std::move(answers));
    QVERIFY(w.startAutosave(dir.path()));
    QVERIFY2(asked->asked.contains(u"autoencoder"_s, Qt::CaseInsensitive), qPrintable(asked->asked));
    QCOMPARE(filtersOf(w, "conv2d"), std::optional<ParamValue>(ParamValue(7)));
    QVERIFY(w.document()->isModified());
    QVERIFY(w.windowTitle().contains(u"[*]"_s) && w.isWindowModified());
    // The dead app's file is taken; this app writes its own, and a clean quit removes it.
    QTRY_COMPARE_WITH_TIMEOUT(recoveryFiles(dir.path()),
                              QStringList{QFileInfo(w.autosave()->filePath()).fileName()}, 5000);
    w.close();
    QVERIFY(recoveryFiles(dir.path()).isEmpty());
}

void TstGuiRobust::noRecoveryFileWhenNothingToRecover()
{
    QTemporaryDir dir;
    MainWindow w(false);
    w.setPrompts(std::make_unique<Answers>(true));
    QVERIFY(!w.startAutosave(dir.path())); // nothing left behind: nothing offered
    QSignalSpy written(w.autosave(), &Autosave::written);
    QVERIFY(w.document()->setParam(u"conv2d"_s, u"filters"_s, ParamValue(5)));
    QVERIFY(written.wait(5000));
    QCOMPARE(recoveryFiles(dir.path()).size(), 1);
    // Undo back to the saved state: the file goes.
    w.document()->undoStack()->undo();
    QVERIFY(!w.document()->isModified());
    QTRY_VERIFY_WITH_TIMEOUT(recoveryFiles(dir.path()).isEmpty(), 5000);
    // Saving: the file goes too.
    QVERIFY(w.document()->setParam(u"conv2d"_s, u"filters"_s, ParamValue(6)));
    QTRY_COMPARE_WITH_TIMEOUT(recoveryFiles(dir.path()).size(), 1, 5000);
    QString error;
    QVERIFY2(w.document()->save(dir.filePath(u"saved.json"_s), &error), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(recoveryFiles(dir.path()).isEmpty(), 5000);
    // A file whose app is still running (this one) is not offered to another window.
    QVERIFY(w.document()->setParam(u"conv2d"_s, u"filters"_s, ParamValue(4)));
    QTRY_COMPARE_WITH_TIMEOUT(recoveryFiles(dir.path()).size(), 1, 5000);
    QVERIFY(Autosave::orphans(dir.path()).empty());
}

void TstGuiRobust::failedExportKeepsTheOldFile_data()
{
    QTest::addColumn<QString>("suffix");
    QTest::addRow("png") << u"png"_s;
    QTest::addRow("svg") << u"svg"_s;
}

// Issue 13: an SVG export on a full disk reported success with a cut-off file, and a failed PNG export destroyed the
// previous PNG. A file size limit makes the write fail half-way (as a full disk does; unlike a read-only folder it
// stops root too).
void TstGuiRobust::failedExportKeepsTheOldFile()
{
    QFETCH(QString, suffix);
    QTemporaryDir dir;
    const QString path = dir.filePath(u"diagram."_s + suffix);
    MainWindow w(false);
    auto answers = std::make_unique<Answers>(false);
    w.setPrompts(std::move(answers));
    w.resize(1200, 800);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(w.exportDiagram(path));
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray before = f.readAll();
    f.close();
    QVERIFY(before.size() > 1000);

    QString error;
    bool ok = false;
    {
        const test::FileSizeLimit limit(rlim_t(before.size() / 2));
        QVERIFY(limit.active());
        ok = suffix == u"svg"_s ? w.diagramView()->exportSvg(path, &error) : w.diagramView()->exportPng(path, &error);
    }
    QVERIFY(!ok);
    QVERIFY2(error.startsWith(path + u": "_s), qPrintable(error));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), before); // the old file, whole
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 1); // and no temporary left behind
}

// Issue 13: a LeNet-5 saved elsewhere reopened on random weights, without a word. Save As now copies the trained
// weights folder beside the new file, and the reopened project runs on them.
void TstGuiRobust::saveAsTakesTheWeightsAlong()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"my_lenet.json"_s);
    {
        MainWindow w(false);
        w.setPrompts(std::make_unique<Answers>(false));
        QVERIFY(w.openExample(u"lenet5"_s));
        QVERIFY(w.saveAs(path));
    }
    const QStringList original =
        QDir(u"" CONVLENS_SOURCE_DIR "/resources/examples/lenet5.weights"_s).entryList({u"*.npy"_s}, QDir::Files);
    QVERIFY(!original.isEmpty());
    QCOMPARE(QDir(dir.filePath(u"my_lenet.weights"_s)).entryList({u"*.npy"_s}, QDir::Files), original);

    MainWindow reopened(false);
    reopened.setPrompts(std::make_unique<Answers>(false));
    QVERIFY(reopened.openFile(path));
    QVERIFY(reopened.waitForCompute(60000));
    const auto snap = reopened.forwardController()->snapshot();
    QVERIFY(snap);
    QVERIFY2(snap->weightsSource.text().contains(u"my_lenet.weights"_s), qPrintable(snap->weightsSource.text()));
    QVERIFY2(snap->seededLayers.isEmpty(), qPrintable(snap->seededLayers.join(u", "_s)));
}

// Issue 13: a model opened from a .keras file runs on the weights inside it; saved as a project, it reopened on
// seeded ones. Save As writes them as `<name>.weights/`, and the reopened project computes the same maps.
void TstGuiRobust::saveAsWritesTheWeightsAModelFileCarries()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"my_ae.json"_s);
    std::vector<float> before;
    {
        MainWindow w(false);
        w.setPrompts(std::make_unique<Answers>(false));
        QVERIFY(w.openFile(u"" CONVLENS_SOURCE_DIR "/tests/golden/files/keras/autoencoder_trained.keras"_s));
        QVERIFY(w.waitForCompute(60000));
        const auto snap = w.forwardController()->snapshot();
        QVERIFY(snap && snap->seededLayers.isEmpty());
        QVERIFY2(snap->weightsSource.text().contains(u"autoencoder_trained.keras"_s), qPrintable(snap->weightsSource.text()));
        const Tensor *out = snap->activation(int(snap->report.layers.size()) - 1);
        QVERIFY(out);
        before = out->data;
        QVERIFY(w.saveAs(path));
    }
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(QJsonDocument::fromJson(f.readAll()).object().value(u"weights"_s).toString(), u"my_ae.weights"_s);
    QVERIFY(QDir(dir.filePath(u"my_ae.weights"_s)).entryList({u"*.npy"_s}, QDir::Files).size() >= 4);

    MainWindow reopened(false);
    reopened.setPrompts(std::make_unique<Answers>(false));
    QVERIFY(reopened.openFile(path));
    QVERIFY(reopened.waitForCompute(60000));
    const auto snap = reopened.forwardController()->snapshot();
    QVERIFY(snap);
    QVERIFY2(snap->weightsSource.text().contains(u"my_ae.weights"_s), qPrintable(snap->weightsSource.text()));
    QVERIFY2(snap->seededLayers.isEmpty(), qPrintable(snap->seededLayers.join(u", "_s)));
    const Tensor *out = snap->activation(int(snap->report.layers.size()) - 1);
    QVERIFY(out);
    // the same arrays (float32 in both files); the kernels may round the last bit differently from run to run
    QCOMPARE(out->data.size(), before.size());
    float largest = 0, diff = 0;
    for (size_t i = 0; i < before.size(); ++i) {
        largest = std::max(largest, std::abs(before[i]));
        diff = std::max(diff, std::abs(out->data[i] - before[i]));
    }
    QVERIFY(largest > 0.1f);
    QVERIFY2(diff <= 1e-6f * largest, qPrintable(QString::number(diff)));
}

// Issue 13: a project saved with trained weights and opened without them ran on random weights without a word. The
// project names its weights folder; opened without it, the status bar and the views' input/weights line say so.
void TstGuiRobust::missingWeightsAreSaid()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"my_lenet.json"_s);
    {
        MainWindow w(false);
        w.setPrompts(std::make_unique<Answers>(false));
        QVERIFY(w.openExample(u"lenet5"_s));
        QVERIFY(w.saveAs(path));
    }
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(QJsonDocument::fromJson(f.readAll()).object().value(u"weights"_s).toString(), u"my_lenet.weights"_s);
    f.close();
    QVERIFY(QDir(dir.filePath(u"my_lenet.weights"_s)).removeRecursively());

    MainWindow w(false);
    w.setPrompts(std::make_unique<Answers>(false));
    w.resize(1200, 800);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(w.openFile(path));
    QVERIFY2(w.lastMessage().contains(u"my_lenet.weights are missing"_s), qPrintable(w.lastMessage()));
    QVERIFY(w.waitForCompute(60000));
    const auto snap = w.forwardController()->snapshot();
    QVERIFY(snap);
    QVERIFY2(snap->weightsSource.text().isEmpty(), qPrintable(snap->weightsSource.text()));
    QCOMPARE(snap->seededLayers.size(), 5); // LeNet-5's 2 convolutions and 3 dense layers
    QVERIFY2(snap->weightsWarning.text().contains(u"my_lenet.weights are missing"_s), qPrintable(snap->weightsWarning.text()));
    QVERIFY(w.showView(u"maps"_s));
    QTRY_VERIFY2(w.featureMapsView()->statusLabel()->text().contains(u"my_lenet.weights are missing"_s),
                 qPrintable(w.featureMapsView()->statusLabel()->text()));

    // Saved again, it still names them (nobody chose to drop them): put back, they are used.
    QVERIFY(w.save());
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(QJsonDocument::fromJson(f.readAll()).object().value(u"weights"_s).toString(), u"my_lenet.weights"_s);
    f.close();
    const QDir examples(u"" CONVLENS_SOURCE_DIR "/resources/examples/lenet5.weights"_s);
    QVERIFY(QDir().mkpath(dir.filePath(u"my_lenet.weights"_s)));
    for (const QString &npy : examples.entryList({u"*.npy"_s}, QDir::Files))
        QVERIFY(QFile::copy(examples.filePath(npy), dir.filePath(u"my_lenet.weights/"_s + npy)));
    QVERIFY(w.openFile(path));
    QVERIFY(!w.lastMessage().contains(u"missing"_s));
    QVERIFY(w.waitForCompute(60000));
    const auto back = w.forwardController()->snapshot();
    QVERIFY(back && back->weightsWarning.text().isEmpty());
    QVERIFY2(back->weightsSource.text().contains(u"my_lenet.weights"_s), qPrintable(back->weightsSource.text()));
    QTRY_VERIFY(!w.featureMapsView()->statusLabel()->text().contains(u"missing"_s));
}

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    if (argc == 3 && !std::strcmp(argv[1], "--autosave-child"))
        return autosaveChild(QString::fromLocal8Bit(argv[2]));
    TstGuiRobust t;
    return QTest::qExec(&t, argc, argv);
}
#include "tst_gui_robust.moc"
