// bench_gui_responsiveness.cpp — time from one parameter edit to repainted views: Document::setParam (undo command,
// shape::infer on the GUI thread, models updated) and then a synchronous repaint of the summary table, the layer
// stack and the diagram (layout + paint). Run offscreen; prints median / 90th percentile / max per model.
// Goal (issue 4): under 16 ms, one frame at 60 Hz.
#include "diagram_view.h"
#include "main_window.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QListView>
#include <QTableView>
#include <algorithm>
#include <cstdio>
#include <vector>

using namespace convlens;

namespace {

// Switching models between runs must not stop at "save your changes?".
struct DiscardingPrompts : Prompts {
    SaveChoice askSaveChanges(QWidget *, const QString &) override { return SaveChoice::Discard; }
    void warn(QWidget *, const QString &title, const QString &text) override
    {
        std::fprintf(stderr, "%s: %s\n", qPrintable(title), qPrintable(text));
    }
};

struct Stats {
    double median, p90, max;
};

Stats stats(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return {v[v.size() / 2], v[std::min(v.size() - 1, v.size() * 9 / 10)], v.back()};
}

QString longModel(int layers)
{
    // Input + (Conv2D, BatchNormalization, ReLU) repeated: `layers` layers after the input.
    QString code = QStringLiteral("from tensorflow import keras\nfrom keras import layers\n"
                                  "model = keras.Sequential([\n    keras.Input(shape=(64, 64, 3)),\n");
    for (int i = 0; i < layers; ++i) {
        switch (i % 3) {
        case 0: code += QStringLiteral("    layers.Conv2D(16, 3, padding='same'),\n"); break;
        case 1: code += QStringLiteral("    layers.BatchNormalization(),\n"); break;
        default: code += QStringLiteral("    layers.ReLU(),\n"); break;
        }
    }
    return code + QStringLiteral("])\n");
}

void run(MainWindow &w, const char *label, int runs)
{
    Document *doc = w.document();
    // The edited layer: the first convolution in the second half, so half the model re-resolves downstream … and
    // infer always re-runs the whole graph anyway.
    const auto &layers = doc->graph().layers;
    int target = -1;
    for (size_t i = layers.size() / 2; i < layers.size() && target < 0; ++i)
        if (layers[i].type == "Conv2D")
            target = int(i);
    const QString name = QString::fromStdString(layers[size_t(target)].name);
    const ParamValue original = layers[size_t(target)].param(*findKind(Framework::Keras, "Conv2D"), "filters");
    std::vector<double> edit, paint, total, table, stack, diagram;
    for (int i = 0; i < runs + 5; ++i) {
        QElapsedTimer t;
        t.start();
        doc->setParam(name, QStringLiteral("filters"), ParamValue(i % 2 ? original.asInt() : original.asInt() + 1));
        const double e = double(t.nsecsElapsed()) / 1e6;
        w.summaryView()->viewport()->repaint();
        const double t1 = double(t.nsecsElapsed()) / 1e6;
        w.stackView()->viewport()->repaint();
        const double t2 = double(t.nsecsElapsed()) / 1e6;
        w.diagramView()->repaint();
        const double all = double(t.nsecsElapsed()) / 1e6;
        if (i >= 5) { // warm-up
            edit.push_back(e);
            paint.push_back(all - e);
            total.push_back(all);
            table.push_back(t1 - e);
            stack.push_back(t2 - t1);
            diagram.push_back(all - t2);
        }
    }
    const Stats se = stats(edit), sp = stats(paint), st = stats(total);
    std::printf("%-28s %4zu layers  edit+infer+models %6.2f ms (p90 %6.2f)  repaint %6.2f ms (p90 %6.2f)  "
                "total median %6.2f ms  p90 %6.2f  max %6.2f  %s\n",
                label, layers.size(), se.median, se.p90, sp.median, sp.p90, st.median, st.p90, st.max,
                st.median < 16.0 ? "< 16 ms OK" : "OVER 16 ms");
    std::printf("%-28s repaint medians: table %.2f ms, layer stack %.2f ms, diagram %.2f ms\n", "",
                stats(table).median, stats(stack).median, stats(diagram).median);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const int runs = argc > 1 ? std::max(5, std::atoi(argv[1])) : 50;
    // `--export DIR`: also write each example's diagram as PNG and SVG there (to look at the exports).
    QString exportDir;
    for (int i = 1; i + 1 < argc; ++i)
        if (QByteArray(argv[i]) == "--export")
            exportDir = QString::fromLocal8Bit(argv[i + 1]);
    MainWindow w(false);
    w.setPrompts(std::make_unique<DiscardingPrompts>());
    w.resize(1600, 1000);
    w.show();
    QApplication::processEvents();

    if (!exportDir.isEmpty())
        for (const char *id : {"autoencoder", "unet_same", "unet_valid", "lenet5", "vgg16"}) {
            w.openExample(QString::fromLatin1(id));
            const QString base = exportDir + u'/' + QString::fromLatin1(id);
            w.diagramView()->exportPng(base + QStringLiteral(".png"));
            w.diagramView()->exportSvg(base + QStringLiteral(".svg"));
        }
    w.openExample(QStringLiteral("unet_same"));
    QApplication::processEvents();
    run(w, "U-Net (same)", runs);
    w.openExample(QStringLiteral("unet_valid"));
    QApplication::processEvents();
    run(w, "U-Net (valid, 572)", runs);
    if (!w.importCode(longModel(299))) {
        std::fprintf(stderr, "could not import the 300-layer model\n");
        return 1;
    }
    QApplication::processEvents();
    run(w, "300-layer Sequential", runs);
    return 0;
}
