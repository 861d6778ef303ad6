// cmd_bench.cpp — `convlens-cli bench MODEL [COMMON] [--runs N] [--threads T] [--json]`: the forward pass on a seeded
// random input (uniform [0, 1)) with seeded framework-style weights; two warm-up passes, then N timed passes (default
// 20). Prints per-layer and total median milliseconds and GFLOP/s = 2 × (conv/dense MACs) ÷ median time; --json also
// the fastest pass (`min_ms`, for comparisons on a busy machine).
#include "cli.h"
#include "json_writer.h"

#include "compute/runner.h"
#include "tensor/weights.h"

#include <algorithm>
#include <iomanip>
#include <iostream>
#include <random>
#include <sstream>
#include <thread>

namespace convlens::cli {

namespace {

double median(std::vector<double> v)
{
    if (v.empty())
        return 0.0;
    std::sort(v.begin(), v.end());
    const size_t n = v.size();
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

bool parsePositive(const std::string &text, int &out)
{
    try {
        size_t used = 0;
        const long v = std::stol(text, &used);
        if (used != text.size() || v < 1 || v > 100000)
            return false;
        out = int(v);
        return true;
    } catch (...) {
        return false;
    }
}

} // namespace

int cmdBench(int argc, char **argv)
{
    const auto args = parseArgs(argc, argv, {"--runs", "--threads"}, {"--json"});
    if (!args)
        return ExitUnreadable;
    int runs = 20, threads = int(std::max(1u, std::thread::hardware_concurrency()));
    if (args->has("--runs") && !parsePositive(args->get("--runs"), runs)) {
        std::cerr << "convlens-cli bench: --runs must be a positive integer, got '" << args->get("--runs") << "'\n";
        return ExitUnreadable;
    }
    if (args->has("--threads") && (!parsePositive(args->get("--threads"), threads) || threads > kMaxThreads)) {
        std::cerr << "convlens-cli bench: --threads must be an integer from 1 to " << kMaxThreads << ", got '"
                  << args->get("--threads")
                  << "'\n";
        return ExitUnreadable;
    }
    auto graph = loadModel(*args);
    if (!graph)
        return ExitUnreadable;
    const ShapeReport report = infer(*graph);
    if (!report.ok) {
        std::cerr << args->model << ": " << refusalText(report) << "\n";
        return ExitRefused;
    }

    Runner runner(threads);
    runner.setReport(report);
    // Refuse before anything is allocated (the random input included).
    if (const std::string why = memoryRefusal(report, runner.memoryBudget()); !why.empty()) {
        std::cerr << args->model << ": " << why << "\n";
        return ExitRefused;
    }
    auto setup = setUpRun(*args, report, InputChoice{InputChoice::Kind::SeededRandom, {}, {}, {}});
    if (!setup)
        return ExitUnreadable;
    runner.setWeights(std::move(setup->weights));
    for (auto &[name, tensor] : setup->inputs)
        runner.setInput(name, std::move(tensor));

    const size_t n = report.layers.size();
    std::vector<std::vector<double>> perLayer(n);
    std::vector<double> totals;
    for (int r = -2; r < runs; ++r) { // two warm-up passes
        runner.invalidateAll();
        const RunStatus st = runner.run();
        if (!st.ok) {
            std::cerr << args->model << ": " << st.error << "\n";
            return ExitRefused;
        }
        if (r < 0)
            continue;
        totals.push_back(st.totalMs);
        for (size_t i = 0; i < n; ++i)
            if (st.layerMs[i] >= 0)
                perLayer[i].push_back(st.layerMs[i]);
    }
    std::int64_t gemmMacs = 0;
    for (const LayerReport &l : report.layers)
        if (countsAsGemm(l.op))
            gemmMacs += l.macs;
    const double total = median(totals);
    const double gflops = total > 0 ? 2.0 * double(gemmMacs) / (total * 1e-3) / 1e9 : 0.0;

    if (args->has("--json")) {
        std::ostringstream js;
        const double fastest = *std::min_element(totals.begin(), totals.end());
        js << "{\"median_ms\": " << jsonNumber(total) << ", \"min_ms\": " << jsonNumber(fastest)
           << ", \"gflops\": " << jsonNumber(gflops)
           << ", \"runs\": " << runs << ", \"threads\": " << runner.threads() << ", \"layers\": [";
        bool first = true;
        for (size_t i = 0; i < n; ++i) {
            if (report.layers[i].implicitInput)
                continue;
            js << (first ? "" : ", ") << "{\"name\": " << jsonString(report.layers[i].name)
               << ", \"median_ms\": " << jsonNumber(median(perLayer[i])) << "}";
            first = false;
        }
        js << "]}\n";
        std::cout << js.str();
        return ExitOk;
    }
    std::cout << std::left << std::setw(28) << "layer" << std::setw(24) << "type" << std::right << std::setw(12)
              << "median ms" << std::setw(8) << "%" << std::setw(12) << "GFLOP/s" << "\n";
    std::cout << std::fixed;
    for (size_t i = 0; i < n; ++i) {
        const LayerReport &l = report.layers[i];
        if (l.implicitInput)
            continue;
        const double ms = median(perLayer[i]);
        std::cout << std::left << std::setw(28) << l.name << std::setw(24) << l.type << std::right
                  << std::setprecision(3) << std::setw(12) << ms << std::setprecision(1) << std::setw(8)
                  << (total > 0 ? 100.0 * ms / total : 0.0);
        if (countsAsGemm(l.op) && ms > 0)
            std::cout << std::setw(12) << 2.0 * double(l.macs) / (ms * 1e-3) / 1e9;
        std::cout << "\n";
    }
    std::cout << std::setprecision(3) << "total: " << total << " ms median of " << runs << " runs on "
              << runner.threads() << " thread(s); " << std::setprecision(1) << gflops << " GFLOP/s ("
              << std::setprecision(3) << 2.0 * double(gemmMacs) / 1e9 << " GFLOP per pass)\n";
    return ExitOk;
}

} // namespace convlens::cli
