// bench_infer.cpp — how long shape inference takes after an edit: validate + infer of a 1,000-layer chain and of
// the U-Net examples (median and min of many runs). Run by hand: ./build/tests/bench/bench_infer
#include "formats/model_file.h"
#include "shape/infer.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

using namespace convlens;

namespace {

Graph chain(int n)
{
    Graph g;
    g.framework = Framework::Keras;
    Layer in;
    in.name = "input_1";
    in.type = "InputLayer";
    in.params["shape"] = ParamValue::ints({64, 64, 16});
    g.layers.push_back(in);
    const char *types[] = {"Conv2D", "BatchNormalization", "Activation", "MaxPooling2D", "UpSampling2D"};
    for (int i = 0; i < n; ++i) {
        Layer l;
        l.type = types[i % 5];
        if (l.type == "Conv2D") {
            l.params = {{"filters", 16}, {"kernel_size", 3}, {"padding", "same"}};
        } else if (l.type == "Activation") {
            l.params = {{"activation", "relu"}};
        } else if (l.type == "MaxPooling2D") {
            l.params = {{"padding", "same"}};
        }
        l.inputs = {g.layers.back().name.empty() ? "input_1" : g.layers.back().name};
        g.layers.push_back(l);
        assignDefaultNames(g);
    }
    return g;
}

template <typename F> void measure(const char *label, int runs, F &&f)
{
    std::vector<double> us;
    for (int i = 0; i < runs; ++i) {
        const auto t0 = std::chrono::steady_clock::now();
        f();
        us.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count());
    }
    std::sort(us.begin(), us.end());
    std::printf("%-44s median %9.1f µs   min %9.1f µs   (%d runs)\n", label, us[us.size() / 2], us.front(), runs);
}

} // namespace

int main()
{
    const Graph base = chain(1000);
    measure("1,000-layer chain: infer()", 200, [&] {
        const ShapeReport r = infer(base);
        if (!r.ok)
            std::abort();
    });
    measure("1,000-layer chain: copy + validate + infer", 200, [&] {
        Graph g = base;
        const ShapeReport r = inferGraph(g);
        if (!r.ok)
            std::abort();
    });
    for (const char *ex : {"unet_same.py", "unet_valid.py", "vgg16.py"}) {
        const LoadResult res = loadModelFile(std::string(CONVLENS_SOURCE_DIR "/resources/examples/") + ex);
        if (!res.ok()) {
            std::printf("%s: %s\n", ex, res.error ? res.error->toString().c_str() : "load failed");
            continue;
        }
        const std::string label = std::string(ex) + ": infer()";
        measure(label.c_str(), 2000, [&] {
            const ShapeReport r = infer(*res.graph);
            if (!r.ok)
                std::abort();
        });
    }
    return 0;
}
