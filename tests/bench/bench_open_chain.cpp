// bench_open_chain.cpp — linear time at scale (issue 13): a 100,000-layer chain (the model of
// tests/bench/make_long_chain.py: an 8×8×2 Input, then 1×1 Conv2D and ReLU in turn) opened in the app's MainWindow,
// offscreen. Prints the wall time of reading + inferring the project (what `summary` does), of MainWindow::openFile
// until the window has painted the model, and until the forward pass over every layer has finished.
// Goal: the app opens it in under 2 s.  Usage: bench_open_chain [CHAIN.json] (default: the chain written to a
// temporary folder, 100,000 layers).
#include "forward_controller.h"
#include "main_window.h"
#include "prompts.h"

#include "formats/model_file.h"
#include "shape/infer.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <cstdio>
#include <ctime>

using namespace convlens;

namespace {

struct QuietPrompts : Prompts {
    SaveChoice askSaveChanges(QWidget *, const QString &) override { return SaveChoice::Discard; }
    void warn(QWidget *, const QString &title, const QString &text) override
    {
        std::fprintf(stderr, "%s: %s\n", qPrintable(title), qPrintable(text));
    }
};

// The same file as make_long_chain.py writes.
bool writeChain(const QString &path, int count)
{
    QJsonArray layers;
    layers.append(QJsonObject{{QStringLiteral("name"), QStringLiteral("in")},
                              {QStringLiteral("type"), QStringLiteral("InputLayer")},
                              {QStringLiteral("inputs"), QJsonArray{}},
                              {QStringLiteral("params"), QJsonObject{{QStringLiteral("shape"), QJsonArray{8, 8, 2}}}}});
    QString previous = QStringLiteral("in");
    for (int i = 1; i < count; ++i) {
        const bool conv = i % 2;
        const QString name = (conv ? QStringLiteral("c") : QStringLiteral("r")) + QString::number(i);
        layers.append(QJsonObject{
            {QStringLiteral("name"), name},
            {QStringLiteral("type"), conv ? QStringLiteral("Conv2D") : QStringLiteral("ReLU")},
            {QStringLiteral("inputs"), QJsonArray{previous}},
            {QStringLiteral("params"), conv ? QJsonObject{{QStringLiteral("filters"), 2}, {QStringLiteral("kernel_size"), 1}}
                                            : QJsonObject{}}});
        previous = name;
    }
    const QJsonObject root{{QStringLiteral("format"), QStringLiteral("convlens-model")},
                           {QStringLiteral("version"), 1},
                           {QStringLiteral("framework"), QStringLiteral("keras")},
                           {QStringLiteral("layers"), layers}};
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(QJsonDocument(root).toJson(QJsonDocument::Compact)) > 0;
}

// CPU time of the calling thread in ms: on a shared machine the wall time says more about the neighbours.
double threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QTemporaryDir dir;
    QString path = argc > 1 ? QString::fromLocal8Bit(argv[1]) : dir.filePath(QStringLiteral("chain.json"));
    if (argc <= 1 && !writeChain(path, 100'000)) {
        std::fprintf(stderr, "cannot write %s\n", qPrintable(path));
        return 1;
    }

    QElapsedTimer t;
    t.start();
    double cpu0 = threadCpuMs();
    const LoadResult r = loadModelFile(path.toStdString());
    if (!r.ok()) {
        std::fprintf(stderr, "%s\n", r.error->toString().c_str());
        return 1;
    }
    const double loadMs = double(t.nsecsElapsed()) / 1e6;
    const ShapeReport report = infer(*r.graph);
    const double summaryMs = double(t.nsecsElapsed()) / 1e6;
    std::printf("%zu layers: read %.0f ms, read + infer (summary) %.0f ms wall, %.0f ms CPU\n", r.graph->layers.size(),
                loadMs, summaryMs, threadCpuMs() - cpu0);

    MainWindow w(false);
    w.setPrompts(std::make_unique<QuietPrompts>());
    w.resize(1280, 800);
    w.show();
    QApplication::processEvents();
    t.restart();
    cpu0 = threadCpuMs();
    if (!w.openFile(path))
        return 1;
    w.repaint(); // the model on screen: table, stack, diagram laid out and painted
    QApplication::processEvents();
    const double openMs = double(t.nsecsElapsed()) / 1e6, openCpuMs = threadCpuMs() - cpu0;
    const bool computed = w.waitForCompute(600'000);
    const double computeMs = double(t.nsecsElapsed()) / 1e6;
    const auto snap = w.forwardController()->snapshot();
    std::printf("app: opened and painted %.0f ms wall, %.0f ms CPU of the GUI thread; forward pass done %.0f ms wall "
                "(%s, %d layers computed)\n",
                openMs, openCpuMs, computeMs, computed ? "ok" : "timed out", snap ? snap->computedLayers : 0);
    return computed ? 0 : 1;
}
