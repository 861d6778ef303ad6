// cmd_run.cpp — `convlens-cli run MODEL [COMMON] --input IMAGE|ARRAY.npy [--weights DIR] [--dump DIR] [--json]`:
// one forward pass; per-layer statistics on stdout, every layer's output as .npy with --dump.
//
// Dump numbering: NNN is the layer's index in the model's layer list with the input counted: a written Input layer
// (keras.Input) is 000_<its name>.npy and the summary's layers follow from 001; an input the code did not write
// (Sequential(input_shape=…), PyTorch code with --input-shape) is 000_input.npy, and the summary's layer i is then
// NNN = i + 1. Either way the files sort in execution order and the input is always 000.
#include "cli.h"
#include "json_writer.h"

#include "compute/runner.h"
#include "formats/npy.h"

#include <QDir>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iomanip>
#include <iostream>
#include <optional>
#include <sstream>

namespace convlens::cli {

namespace {

struct Stats { // over the finite values; NaN when there is none (JSON null)
    double min = std::nan(""), max = std::nan(""), mean = std::nan("");
    std::int64_t nonFinite = 0;
};

Stats statsOf(const std::vector<float> &v) // any order: the storage order will do
{
    Stats s;
    double sum = 0;
    bool first = true;
    std::int64_t n = 0;
    for (float x : v) {
        if (!std::isfinite(x)) {
            ++s.nonFinite;
            continue;
        }
        if (first) {
            s.min = s.max = x;
            first = false;
        }
        s.min = std::min(s.min, double(x));
        s.max = std::max(s.max, double(x));
        sum += x;
        ++n;
    }
    s.mean = n ? sum / double(n) : std::nan("");
    return s;
}

std::string dumpName(const LayerReport &l, size_t index)
{
    char num[24];
    std::snprintf(num, sizeof num, "%03zu", index);
    std::string name = l.implicitInput ? std::string("input") : l.name;
    for (char &c : name)
        if (c == '/' || c == '\\' || c == ':' || c == '\0')
            c = '_';
    return std::string(num) + "_" + name + ".npy";
}

} // namespace

int cmdRun(int argc, char **argv)
{
    const auto args = parseArgs(argc, argv, {"--input", "--weights", "--dump", "--threads"}, {"--json"});
    if (!args)
        return ExitUnreadable;
    if (!args->has("--input")) {
        std::cerr << "convlens-cli run: missing --input IMAGE|ARRAY.npy\n";
        return ExitUnreadable;
    }
    auto graph = loadModel(*args);
    if (!graph)
        return ExitUnreadable;
    const ShapeReport report = infer(*graph);
    const Framework f = report.framework;
    const bool json = args->has("--json");
    if (!report.ok) {
        const std::string why = refusalText(report);
        std::cerr << args->model << ": " << why << "\n";
        if (json)
            std::cout << "{\"framework\": " << jsonString(std::string(frameworkName(f))) << ", \"ok\": false, \"error\": "
                      << jsonString(why) << "}\n";
        return ExitRefused;
    }

    // The input.
    std::vector<size_t> inputLayers;
    for (size_t i = 0; i < report.layers.size(); ++i)
        if (report.layers[i].op == Op::Input)
            inputLayers.push_back(i);
    if (inputLayers.size() != 1) {
        std::cerr << args->model << ": run takes one --input, but the model has " << inputLayers.size()
                  << " inputs\n";
        return ExitUnreadable;
    }
    const LayerReport &inLayer = report.layers[inputLayers[0]];
    // The memory check comes before the input is decoded and resized: an --input-shape of 100000×100000 must be
    // refused, not allocated.
    if (const std::string why = memoryRefusal(report, kDefaultMemoryBudget); !why.empty()) {
        std::cerr << args->model << ": " << why << "\n";
        return ExitRefused;
    }
    const std::string inputPath = args->get("--input");
    auto setup = setUpRun(*args, report, InputChoice{InputChoice::Kind::File, inputPath, {}, {}});
    if (!setup)
        return ExitUnreadable;

    int threads = 0;
    if (args->has("--threads")) {
        try {
            threads = std::stoi(args->get("--threads"));
        } catch (...) {
            threads = -1;
        }
        if (threads < 1 || threads > kMaxThreads) {
            std::cerr << "convlens-cli run: --threads must be an integer from 1 to " << kMaxThreads << ", got '"
                      << args->get("--threads") << "'\n";
            return ExitUnreadable;
        }
    }
    // NaN or Inf in what goes in, said per layer before the pass (issue 13: they ran silently).
    const auto countNonFinite = [](const std::vector<float> &v) {
        return std::count_if(v.begin(), v.end(), [](float x) { return !std::isfinite(x); });
    };
    for (const auto &[layer, arrays] : setup->weights.layers)
        for (const auto &[weight, array] : arrays)
            if (const auto bad = countNonFinite(array.data))
                std::cerr << args->model << ": warning: layer '" << layer << "', weight '" << weight << "': " << bad
                          << " of " << array.data.size() << " values are not finite (NaN or Inf)\n";
    for (const auto &[name, tensor] : setup->inputs)
        if (const auto bad = countNonFinite(tensor.data))
            std::cerr << args->model << ": warning: the input of '" << name << "': " << bad << " of "
                      << tensor.data.size() << " values are not finite (NaN or Inf)\n";
    Runner runner(threads);
    runner.setReport(report);
    runner.setWeights(std::move(setup->weights));
    for (auto &[name, tensor] : setup->inputs)
        runner.setInput(name, std::move(tensor));
    // Statistics as each layer finishes (they do not depend on the storage order); without --dump nothing else needs
    // the activations, so each is released once its last reader has run.
    std::vector<std::optional<Stats>> stats(report.layers.size());
    std::vector<Shape> shapes(report.layers.size());
    runner.setLayerDone([&](int i, const Tensor &t) {
        stats[size_t(i)] = statsOf(t.data);
        shapes[size_t(i)] = t.shape;
    });
    if (!args->has("--dump"))
        runner.setKeep(Runner::Keep::Outputs);
    const RunStatus st = runner.run();
    if (!st.ok) {
        std::cerr << args->model << ": " << st.error << "\n";
        return ExitRefused;
    }

    // Dumps.
    std::string dumpDir;
    if (args->has("--dump")) {
        dumpDir = args->get("--dump");
        if (!QDir().mkpath(QString::fromStdString(dumpDir))) {
            std::cerr << dumpDir << ": cannot create the directory\n";
            return ExitUnreadable;
        }
    }
    std::ostringstream js;
    if (json)
        js << "{\"framework\": " << jsonString(std::string(frameworkName(f))) << ", \"ok\": true, \"input\": {\"file\": "
           << jsonString(inputPath) << ", \"shape\": " << jsonInts(*inLayer.output) << "}, \"weights\": "
           << jsonString(setup->weightsNote) << ", \"total_ms\": "
           << jsonNumber(st.totalMs) << ", \"layers\": [";
    else
        std::cout << std::left << std::setw(5) << "#" << std::setw(26) << "layer" << std::setw(22) << "type"
                  << std::setw(20) << "output" << std::right << std::setw(12) << "min" << std::setw(12) << "max"
                  << std::setw(12) << "mean" << std::setw(10) << "ms" << "\n";
    int dumped = 0;
    for (size_t i = 0; i < report.layers.size(); ++i) {
        const LayerReport &l = report.layers[i];
        if (!stats[i])
            continue;
        const Stats &s = *stats[i];
        std::string file;
        if (const Tensor *t = dumpDir.empty() ? nullptr : runner.activation(int(i))) {
            const std::vector<float> data = t->toFrameworkOrder();
            file = QDir(QString::fromStdString(dumpDir)).filePath(QString::fromStdString(dumpName(l, i))).toStdString();
            Shape withBatch = t->shape;
            withBatch.insert(withBatch.begin(), 1);
            std::string err;
            if (!writeNpy(file, withBatch, data, &err)) {
                std::cerr << err << "\n";
                return ExitUnreadable;
            }
            ++dumped;
        }
        const double ms = st.layerMs[i] < 0 ? 0.0 : st.layerMs[i];
        if (s.nonFinite > 0 && !json)
            std::cerr << args->model << ": warning: the output of '" << l.name << "' has " << s.nonFinite
                      << " non-finite values (NaN or Inf)\n";
        if (json) {
            js << (i ? ", " : "") << "{\"index\": " << i << ", \"name\": " << jsonString(l.name)
               << ", \"type\": " << jsonString(l.type) << ", \"output_shape\": " << jsonInts(shapes[i])
               << ", \"min\": " << jsonNumber(s.min) << ", \"max\": " << jsonNumber(s.max)
               << ", \"mean\": " << jsonNumber(s.mean) << ", \"non_finite\": " << s.nonFinite
               << ", \"ms\": " << jsonNumber(ms) << ", \"file\": " << (file.empty() ? "null" : jsonString(file)) << "}";
        } else {
            char num[24];
            std::snprintf(num, sizeof num, "%03zu", i);
            std::cout << std::left << std::setw(5) << num << std::setw(26) << (l.implicitInput ? "input" : l.name)
                      << std::setw(22) << l.type << std::setw(20) << shapeTuple(shapes[i]) << std::right << std::fixed
                      << std::setprecision(4) << std::setw(12) << s.min << std::setw(12) << s.max << std::setw(12)
                      << s.mean << std::setprecision(2) << std::setw(10) << ms << "\n";
            std::cout.unsetf(std::ios::fixed);
        }
    }
    // The model output's values when they are few (class scores).
    const std::string outName = report.outputs.empty() ? report.layers.back().name : report.outputs.front();
    const Tensor *out = runner.activation(outName);
    std::vector<float> outValues = out ? out->toFrameworkOrder() : std::vector<float>{};
    if (json) {
        js << "], \"output\": {\"name\": " << jsonString(outName) << ", \"values\": ";
        if (outValues.size() <= 1000) {
            js << "[";
            for (size_t i = 0; i < outValues.size(); ++i)
                js << (i ? ", " : "") << jsonNumber(outValues[i]);
            js << "]";
        } else {
            js << "null";
        }
        js << "}, \"dump\": " << (dumpDir.empty() ? "null" : jsonString(dumpDir)) << "}\n";
        std::cout << js.str();
    } else {
        if (!outValues.empty() && outValues.size() <= 20) {
            std::cout << "output '" << outName << "':";
            size_t best = 0;
            bool finite = true;
            for (size_t i = 0; i < outValues.size(); ++i) {
                std::cout << " " << outValues[i];
                finite = finite && std::isfinite(outValues[i]);
                if (outValues[i] > outValues[best])
                    best = i;
            }
            // An argmax over NaN would name class 0 for no reason.
            if (finite)
                std::cout << "  (argmax " << best << ")\n";
            else
                std::cout << "  (prediction undefined: the output has non-finite values)\n";
        }
        std::cout << "forward pass: " << std::fixed << std::setprecision(2) << st.totalMs << " ms on "
                  << runner.threads() << " thread(s)";
        if (!dumpDir.empty())
            std::cout << "; wrote " << dumped << " .npy files to " << dumpDir;
        std::cout << "\n";
    }
    return ExitOk;
}

} // namespace convlens::cli
