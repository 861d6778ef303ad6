// bench_rerun.cpp — from an edit to updated feature maps, along the app's own path: Document edit (undo command,
// shape::infer), ForwardController (the Runner recomputes from the edited layer down), the new snapshot, the feature
// maps view repainted. U-Net `same` on 256×256×1, the last convolution edited (kernel size 1 ↔ 3: new seeded weights,
// that one layer recomputed) and renamed (nothing recomputed). Prints median / p90 / max wall-clock time, the median
// CPU time of the whole process (every thread: GUI, forward worker, its pool — the number to trust on a loaded machine,
// where wall-clock time is mostly waiting for a core) and the layers recomputed. Goal (issue 14): under 50 ms. Run
// offscreen.
#include "document.h"
#include "feature_maps_view.h"
#include "forward_controller.h"
#include "main_window.h"
#include "prompts.h"

#include <QApplication>
#include <QElapsedTimer>
#include <algorithm>
#include <cstdio>
#include <ctime>
#include <functional>
#include <vector>

using namespace convlens;

namespace {

struct Stats {
    double median, p90, max;
};

Stats stats(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return {v[v.size() / 2], v[std::min(v.size() - 1, v.size() * 9 / 10)], v.back()};
}

double processCpuMs()
{
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
}

// Time from `edit` to the snapshot it causes, painted. -1 when no snapshot came within 30 s. *cpuMs: the process's CPU
// time over the same span.
double timeEdit(MainWindow &w, const std::function<void()> &edit, int *computed, double *cpuMs)
{
    ForwardController *fc = w.forwardController();
    bool arrived = false;
    const auto conn = QObject::connect(fc, &ForwardController::snapshotChanged, [&] { arrived = true; });
    QElapsedTimer t;
    const double cpu0 = processCpuMs();
    t.start();
    edit();
    while (!arrived && t.elapsed() < 30000)
        QApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
    w.featureMapsView()->repaint();
    const double ms = double(t.nsecsElapsed()) / 1e6;
    *cpuMs = processCpuMs() - cpu0;
    QObject::disconnect(conn);
    if (!arrived)
        return -1;
    *computed = fc->snapshot()->computedLayers;
    w.waitForCompute(); // the next edit starts from an idle worker
    return ms;
}

void report(const char *what, const std::vector<double> &ms, const std::vector<double> &cpu, int computed)
{
    const Stats s = stats(ms);
    std::printf("%-40s median %7.2f ms  p90 %7.2f  max %7.2f  CPU median %6.2f ms  (%d layer(s) recomputed)  %s\n",
                what, s.median, s.p90, s.max, stats(cpu).median, computed,
                s.median < 50.0 ? "< 50 ms OK" : "OVER 50 ms");
    std::fflush(stdout);
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const int runs = argc > 1 ? std::max(3, std::atoi(argv[1])) : 20;
    MainWindow w(false);
    w.resize(1600, 1000);
    w.show();
    if (!w.openExample(QStringLiteral("unet_same")) || !w.waitForCompute(120000)) {
        std::fprintf(stderr, "could not open and run the U-Net example\n");
        return 1;
    }
    Document *doc = w.document();
    QString last;
    for (const auto &l : doc->graph().layers)
        if (l.type == "Conv2D")
            last = QString::fromStdString(l.name);
    w.selectLayer(last);
    w.showView(QStringLiteral("maps"));
    QApplication::processEvents();

    std::vector<double> kernel, rename, kernelCpu, renameCpu;
    int kernelComputed = -1, renameComputed = -1;
    double kc = 0, rc = 0;
    for (int i = 0; i < runs + 2; ++i) {
        const double k = timeEdit(
            w, [&] { doc->setParam(last, QStringLiteral("kernel_size"), ParamValue(i % 2 ? 1 : 3)); }, &kernelComputed,
            &kc);
        const QString to = i % 2 ? QStringLiteral("conv10") : QStringLiteral("segmentation");
        const double r = timeEdit(
            w, [&] { doc->renameLayer(last, to); }, &renameComputed, &rc);
        last = to;
        if (k < 0 || r < 0) {
            std::fprintf(stderr, "no snapshot after an edit: %s\n", qPrintable(w.forwardController()->lastError()));
            return 1;
        }
        if (i >= 2) { // warm-up
            kernel.push_back(k);
            rename.push_back(r);
            kernelCpu.push_back(kc);
            renameCpu.push_back(rc);
        }
    }
    report("U-Net: last convolution's kernel 1 <-> 3", kernel, kernelCpu, kernelComputed);
    report("U-Net: last convolution renamed", rename, renameCpu, renameComputed);
    return 0;
}
