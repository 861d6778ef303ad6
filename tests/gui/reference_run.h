// reference_run.h — for the GUI tests: the activations of a model computed directly by a core Runner (no GUI, no
// worker thread), to check that what the views show is what the engine computes.
#pragma once

#include "compute/runner.h"
#include "formats/image_input.h"
#include "formats/weights_dir.h"
#include "tensor/weights.h"

#include <QString>
#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>

namespace convlens::test {

// Runs `report` on an image file (or the model's first sample digit) with the weights of `weightsDir` (seeded
// initial values when empty). nullptr (with a QWARN) when anything fails.
inline std::unique_ptr<Runner> referenceRun(const ShapeReport &report, const QString &imagePath,
                                            const QString &weightsDir = {})
{
    auto runner = std::make_unique<Runner>(1);
    runner->setReport(report);
    if (!weightsDir.isEmpty()) {
        WeightsDirResult w = loadWeightsDir(weightsDir.toStdString(), report);
        if (!w.ok()) {
            qWarning("weights: %s", w.errors.front().c_str());
            return nullptr;
        }
        runner->setWeights(std::move(w.weights));
    }
    for (const LayerReport &l : report.layers)
        if (l.op == Op::Input && l.output) {
            InputResult in = loadInputFile(imagePath.toStdString(), report.framework, *l.output);
            if (!in.ok()) {
                qWarning("input: %s", in.error.c_str());
                return nullptr;
            }
            runner->setInput(l.name, std::move(*in.tensor));
        }
    const RunStatus st = runner->run();
    if (!st.ok) {
        qWarning("run: %s", st.error.c_str());
        return nullptr;
    }
    return runner;
}

// Value of channel c at (y, x) of a spatial activation (compute/'s (C, H, W) storage in both frameworks).
inline double at(const Tensor &t, std::int64_t c, std::int64_t y, std::int64_t x)
{
    return double(t.data[size_t((c * t.height() + y) * t.width() + x)]);
}

// Largest |a − b| relative to max(1, |b|) over two tensors of the same shape (infinity when the shapes differ). The
// GUI's Runner and a reference one may use different thread counts, which may change the order of float sums.
inline double maxRelDiff(const Tensor &a, const Tensor &b)
{
    if (a.shape != b.shape || a.data.size() != b.data.size())
        return std::numeric_limits<double>::infinity();
    double m = 0;
    for (size_t i = 0; i < a.data.size(); ++i)
        m = std::max(m, std::abs(double(a.data[i]) - double(b.data[i])) / std::max(1.0, std::abs(double(b.data[i]))));
    return m;
}

} // namespace convlens::test
