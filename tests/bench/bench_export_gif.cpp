// bench_export_gif.cpp — how long the step player's GIF export takes: the autoencoder's 7×7 convolution (49 steps)
// at 1280×720, painted and encoded (app/render/step_export.h), median and min of 7 runs; also the cost of one frame.
// Goal: under 2 s. Run by hand: ./build/tests/bench/bench_export_gif
#include "formats/model_file.h"
#include "formats/weights_dir.h"
#include "formats/image_input.h"
#include "compute/runner.h"
#include "shape/infer.h"
#include "step_export.h"

#include <QFileInfo>
#include <QGuiApplication>
#include <QTemporaryDir>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

using namespace convlens;

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    const std::string dir = CONVLENS_SOURCE_DIR "/resources/examples/";
    LoadResult m = loadModelFile(dir + "autoencoder.py");
    const ShapeReport report = infer(*m.graph);
    Runner runner(1);
    runner.setReport(report);
    WeightsDirResult w = loadWeightsDir(dir + "autoencoder.weights", report);
    runner.setWeights(std::move(w.weights));
    InputResult in = loadInputFile(CONVLENS_SOURCE_DIR "/resources/digits/0_0.png", report.framework,
                                   *report.layers.front().output);
    runner.setInput(report.layers.front().name, std::move(*in.tensor));
    if (!runner.run().ok)
        return 1;
    const LayerReport &l = report.layers[size_t(report.indexOf("conv2d_2"))];
    const Tensor *input = runner.activation(report.indexOf(l.inputs.front()));
    QTemporaryDir tmp;
    const QString path = tmp.filePath(QStringLiteral("bench.gif"));
    std::vector<double> gif, frame;
    for (int run = 0; run < 7; ++run) {
        auto tracer = LayerTracer::create(l, *input, runner.layerWeights(l.name), 0, {}, nullptr);
        StepExporter e(std::move(*tracer), ExportOptions{QSize(1280, 720), 4});
        auto t0 = std::chrono::steady_clock::now();
        QString error;
        if (!e.writeGif(path, &error))
            return std::fprintf(stderr, "%s\n", qPrintable(error)), 1;
        auto t1 = std::chrono::steady_clock::now();
        gif.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
        t0 = std::chrono::steady_clock::now();
        const QImage f = e.frame(run * 7);
        t1 = std::chrono::steady_clock::now();
        frame.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
    }
    std::sort(gif.begin(), gif.end());
    std::sort(frame.begin(), frame.end());
    std::printf("49-step GIF at 1280x720: median %.0f ms, min %.0f ms (%lld bytes); one frame: median %.1f ms\n",
                gif[gif.size() / 2], gif.front(), static_cast<long long>(QFileInfo(path).size()),
                frame[frame.size() / 2]);
    return 0;
}
