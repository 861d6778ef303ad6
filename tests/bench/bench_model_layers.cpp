// bench_model_layers — per-layer cost of a whole model's forward pass, measured so that a busy machine disturbs it
// little: one thread, thread CPU time, the fastest of N passes per layer. For finding where a model's time goes while
// other builds share the cores (convlens-cli bench measures wall time with the real thread count).
//   bench_model_layers MODEL [--runs N] [--threads T] [--input-shape D,D,D]
// With --threads T > 1 the numbers are wall-clock milliseconds on a pool of T threads instead (quiet machine only).
#include "compute/forward.h"
#include "formats/model_file.h"
#include "shape/infer.h"
#include "tensor/weights.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <memory>
#include <random>
#include <sstream>

using namespace convlens;

namespace {

double threadCpuMs()
{
    timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return 1e3 * double(ts.tv_sec) + 1e-6 * double(ts.tv_nsec);
}

double wallMs()
{
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

const char *pathOf(const LayerReport &l, const PreparedLayer &p)
{
    if (l.op != Op::Conv)
        return "";
    return !p.wWinograd.empty() ? "winograd" : !p.wDirect.empty() ? "direct" : "im2col+GEMM";
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_model_layers MODEL [--runs N] [--threads T] [--input-shape D,D,D]\n");
        return 2;
    }
    int runs = 5, threads = 1;
    LoadOptions opts;
    for (int i = 2; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--runs"))
            runs = std::max(1, std::atoi(argv[i + 1]));
        else if (!std::strcmp(argv[i], "--threads"))
            threads = std::max(1, std::atoi(argv[i + 1]));
        else if (!std::strcmp(argv[i], "--input-shape")) {
            Shape s;
            std::stringstream ss(argv[i + 1]);
            for (std::string d; std::getline(ss, d, ',');)
                s.push_back(std::atoll(d.c_str()));
            opts.inputShape = s;
        }
    }
    const LoadResult loaded = loadModelFile(argv[1], opts);
    if (!loaded.ok()) {
        std::fprintf(stderr, "%s: %s\n", argv[1], loaded.error ? loaded.error->message.c_str() : "cannot load");
        return 2;
    }
    const ShapeReport report = infer(*loaded.graph);
    if (!report.ok) {
        std::fprintf(stderr, "%s: the model does not resolve\n", argv[1]);
        return 1;
    }
    const Framework f = report.framework;
    WeightSet weights;
    initializeMissingWeights(weights, report, 1);
    std::unique_ptr<ThreadPool> pool = threads > 1 ? std::make_unique<ThreadPool>(threads) : nullptr;
    BufferPool buffers; // as the Runner recycles outputs: a fresh multi-megabyte output would time page faults
    ExecContext ctx{pool.get(), nullptr, &buffers};
    const size_t n = report.layers.size();
    std::vector<Tensor> outs(n);
    std::vector<PreparedLayer> prepared(n);
    std::vector<double> best(n, 1e30);
    std::mt19937 rng(42);
    std::uniform_real_distribution<float> u(0.0f, 1.0f);
    for (int r = 0; r < runs + 1; ++r) { // the first pass warms up (page faults of fresh outputs)
        for (size_t i = 0; i < n; ++i) {
            const LayerReport &l = report.layers[i];
            std::vector<const Tensor *> ins;
            Tensor input;
            if (l.op == Op::Input) {
                input = Tensor::zeros(f, *l.output);
                for (auto &v : input.data)
                    v = u(rng);
                ins.push_back(&input);
            } else {
                for (const auto &name : l.inputs)
                    ins.push_back(&outs[size_t(report.indexOf(name))]);
            }
            if (r == 0)
                prepared[i] = prepareLayer(l, f, weights.find(l.name));
            buffers.give(std::move(outs[i].data));
            const double t0 = threads > 1 ? wallMs() : threadCpuMs();
            outs[i] = forwardLayer(l, f, ins, prepared[i], ctx);
            const double t = (threads > 1 ? wallMs() : threadCpuMs()) - t0;
            if (r > 0)
                best[i] = std::min(best[i], t);
        }
    }
    double total = 0, flops = 0;
    std::printf("%-24s %-22s %10s %9s  %s\n", "layer", "output", "ms", "GFLOP/s", "path");
    for (size_t i = 0; i < n; ++i) {
        const LayerReport &l = report.layers[i];
        total += best[i];
        const double fl = countsAsGemm(l.op) ? 2.0 * double(l.macs) : 0.0;
        flops += fl;
        char gf[32] = "";
        if (fl > 0)
            std::snprintf(gf, sizeof gf, "%9.1f", fl / (best[i] * 1e-3) / 1e9);
        std::printf("%-24s %-22s %10.3f %9s  %s\n", l.name.c_str(), shapeTuple(*l.output).c_str(), best[i], gf,
                    pathOf(l, prepared[i]));
    }
    std::printf("total %.2f ms (%s, %d thread%s, fastest of %d per layer); %.1f GFLOP/s over %.2f GFLOP\n", total,
                threads > 1 ? "wall clock" : "thread CPU time", threads, threads > 1 ? "s" : "", runs,
                flops / (total * 1e-3) / 1e9, flops / 1e9);
}
