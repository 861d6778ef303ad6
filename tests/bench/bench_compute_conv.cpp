// bench_compute_conv — single-layer convolution timings (thread CPU time, so a busy machine disturbs it less than
// wall time), for tuning the kernels: layers of VGG16 and the U-Net, 1 thread, min of N runs, GFLOP/s. The path the
// dispatch chose comes first, then every other Winograd variant of a 3×3 stride-1 layer.
//   bench_compute_conv [runs=5] [only=substring of the case names]
#include "compute/forward.h"
#include "compute/kernels/kernels.h"
#include "tensor/weights.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <random>
#include <string>

using namespace convlens;

static const char *kindName(kernels::WinogradKind k)
{
    switch (k) {
    case kernels::WinogradKind::None:
        return "none";
    case kernels::WinogradKind::F2Eigen:
        return "winograd F(2x2) Eigen";
    case kernels::WinogradKind::F2Packed:
        return "winograd F(2x2) packed";
    case kernels::WinogradKind::F4Packed:
        return "winograd F(4x4) packed";
    }
    return "";
}

static double cpuSeconds()
{
    timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + 1e-9 * double(ts.tv_nsec);
}

int main(int argc, char **argv)
{
    const int runs = argc > 1 ? std::atoi(argv[1]) : 5;
    const std::string only = argc > 2 ? argv[2] : "";
    struct Case {
        const char *name;
        std::int64_t c, o, hw, k, s;
    };
    const Case cases[] = {{"vgg conv1_1 3→64 @224", 3, 64, 224, 3, 1},     {"vgg conv1_2 64→64 @224", 64, 64, 224, 3, 1},
                          {"vgg conv3_2 256→256 @56", 256, 256, 56, 3, 1}, {"vgg conv5_1 512→512 @14", 512, 512, 14, 3, 1},
                          {"vgg conv4_2 512→512 @28", 512, 512, 28, 3, 1}, {"unet conv6 1024→512 @32", 1024, 512, 32, 3, 1},
                          {"unet conv4 512→512 @32", 512, 512, 32, 3, 1}, {"unet conv7 256→256 @64", 256, 256, 64, 3, 1},
                          {"small 32→32 @20", 32, 32, 20, 3, 1}, {"small 16→16 @56", 16, 16, 56, 3, 1},
                          {"unet conv5 1024→1024 @16", 1024, 1024, 16, 3, 1}, {"unet up 2x2 1024→512 @32", 1024, 512, 32, 2, 1},
                          {"unet conv1 1→64 @256", 1, 64, 256, 3, 1},
                          {"unet conv2 64→128 @128", 64, 128, 128, 3, 1}, {"unet conv9 128→64 @256", 128, 64, 256, 3, 1},
                          {"unet conv3 128→128 @128", 128, 128, 128, 3, 1},      {"stride 2 64→128 @112", 64, 128, 112, 3, 2}};
    std::mt19937 rng(1);
    std::uniform_real_distribution<float> u(-1, 1);
    ExecContext ctx; // one thread, no pool
    for (const Case &cs : cases) {
        if (!only.empty() && std::string(cs.name).find(only) == std::string::npos)
            continue;
        LayerReport l;
        l.name = "conv";
        l.op = Op::Conv;
        l.status = LayerReport::Status::Ok;
        const std::int64_t oh = (cs.hw + cs.s - 1) / cs.s;
        l.inputShapes = {{cs.c, cs.hw, cs.hw}};
        l.output = Shape{cs.o, oh, oh};
        l.spec.op = Op::Conv;
        l.spec.kernel = {cs.k, cs.k};
        l.spec.stride = {cs.s, cs.s};
        const std::int64_t total = std::max<std::int64_t>((oh - 1) * cs.s + cs.k - cs.hw, 0);
        l.spec.pad = {total / 2, total - total / 2, total / 2, total - total / 2};
        l.spec.bias = true;
        l.spec.activation = Act::Relu;
        LayerWeights w = initialLayerWeights(l, Framework::PyTorch, 1);
        const PreparedLayer p = prepareLayer(l, Framework::PyTorch, &w);
        Tensor x = Tensor::zeros(Framework::PyTorch, l.inputShapes[0]);
        for (auto &v : x.data)
            v = u(rng);
        const Tensor *ins[] = {&x};
        const double flops = 2.0 * double(cs.o * oh * oh * cs.c * cs.k * cs.k);
        auto report = [&](const char *path, double best) {
            std::printf("%-28s %9.2f ms %7.1f GFLOP/s  %s\n", cs.name, best * 1e3, flops / best / 1e9, path);
        };
        double best = 1e30;
        for (int r = 0; r < runs; ++r) {
            const double t0 = cpuSeconds();
            const Tensor y = forwardLayer(l, Framework::PyTorch, ins, p, ctx);
            best = std::min(best, cpuSeconds() - t0);
        }
        const auto chosen = kernels::WinogradKind(p.winograd);
        report(!p.wWinograd.empty() ? kindName(chosen) : p.wDirect.empty() ? "im2col+GEMM (chosen)" : "direct (chosen)",
               best);
        // The Winograd variants the dispatch did not choose, for tuning its thresholds.
        const kernels::ConvGeom g = kernels::convGeom(l, Framework::PyTorch, 0, 0, 1);
        if (cs.k != 3 || cs.s != 1)
            continue;
        for (auto kind : {kernels::WinogradKind::F2Eigen, kernels::WinogradKind::F2Packed,
                          kernels::WinogradKind::F4Packed}) {
            if (kind == chosen || (kind != kernels::WinogradKind::F2Eigen && !kernels::haveWinogradAvx512()))
                continue;
            const std::vector<float> U = kernels::winogradWeights(w.at("weight").data, g, kind);
            Tensor y = Tensor::zeros(Framework::PyTorch, *l.output);
            double b = 1e30;
            for (int r = 0; r < runs; ++r) {
                const double t0 = cpuSeconds();
                kernels::convWinograd(x.data.data(), g, kind, U.data(), w.at("bias").data.data(), Act::Relu, 0.0,
                                      y.data.data(), ctx);
                b = std::min(b, cpuSeconds() - t0);
            }
            report(kindName(kind), b);
        }
    }
}
