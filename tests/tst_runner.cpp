// tst_runner.cpp — the Runner: every activation kept, only what changed (and downstream) recomputed, cancellation
// and failures leaving the previous activations intact, the memory budget, progress, NaN inputs.
#include "compute/runner.h"
#include "compute/thread_pool.h"
#include "formats/model_file.h"
#include "model/edit.h"
#include "importers/python_code.h"
#include "shape/infer.h"

#include <QTest>

#include <atomic>
#include <cmath>
#include <limits>
#include <map>
#include <memory>
#include <stdexcept>

using namespace convlens;

namespace {

const char *kModel = R"(
import keras
from keras import layers
inputs = keras.Input(shape=(12, 12, 2))
a = layers.Conv2D(4, 3, padding='same', activation='relu')(inputs)
b = layers.MaxPooling2D()(a)
c = layers.Conv2D(4, 3, padding='same', activation='ACT')(b)
d = layers.Conv2D(4, 1)(b)
e = layers.Add()([c, d])
f = layers.Flatten()(e)
g = layers.Dense(3, activation='softmax')(f)
model = keras.Model(inputs, g)
)";

Graph graphWith(const char *act)
{
    std::string code = kModel;
    code.replace(code.find("ACT"), 3, act);
    LoadResult r = importPythonCode(code, "<test>");
    if (!r.ok())
        qFatal("%s", r.error->toString().c_str());
    return *r.graph;
}

ShapeReport reportWith(const char *act)
{
    return infer(graphWith(act));
}

// The model with its layers renamed (old → new, applied in order).
ShapeReport renamed(const char *act, const std::vector<std::pair<std::string, std::string>> &renames)
{
    Graph g = graphWith(act);
    for (const auto &[from, to] : renames) {
        std::string err;
        if (!edit::renameLayer(g, from, to, &err))
            qFatal("%s", err.c_str());
    }
    return infer(g);
}

Tensor input(float fill = 0.0f)
{
    Tensor t = Tensor::zeros(Framework::Keras, {12, 12, 2});
    for (size_t i = 0; i < t.data.size(); ++i)
        t.data[i] = fill != 0.0f ? fill : std::sin(float(i));
    return t;
}

std::vector<std::string> names(const ShapeReport &r, const std::vector<int> &idx)
{
    std::vector<std::string> out;
    for (int i : idx)
        out.push_back(r.layers[size_t(i)].name);
    return out;
}

} // namespace

class TestRunner : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void runsEverythingOnce();
    void editRecomputesDownstreamOnly();
    void weightsEditRecomputesThatLayer();
    void renameRecomputesNothing();
    void sharedActivationsAreNeverOverwritten();
    void keepOutputsReleasesTheRest();
    void lastLayerEditRecomputesOnlyIt();
    void cancelKeepsPreviousActivations();
    void failureKeepsPreviousActivations();
    void memoryBudget();
    void progressReported();
    void nanPropagates();
    void poolExceptionsReachTheCaller_data();
    void poolExceptionsReachTheCaller();
    void estimateSaturates();
};

void TestRunner::runsEverythingOnce()
{
    Runner runner(2);
    const ShapeReport r = reportWith("relu");
    QVERIFY(r.ok);
    runner.setReport(r);
    runner.setInput(input());
    QCOMPARE(runner.firstOutOfDate(), 0);
    RunStatus st = runner.run();
    QVERIFY2(st.ok, st.error.c_str());
    QCOMPARE(st.computed.size(), r.layers.size());
    for (size_t i = 0; i < r.layers.size(); ++i)
        QVERIFY(runner.activation(int(i)));
    double sum = 0;
    for (float v : runner.activation("dense")->data)
        sum += v;
    QVERIFY(std::abs(sum - 1.0) < 1e-5); // softmax
    QCOMPARE(runner.firstOutOfDate(), -1);
    st = runner.run(); // nothing to do
    QVERIFY(st.ok);
    QVERIFY(st.computed.empty());
}

void TestRunner::editRecomputesDownstreamOnly()
{
    Runner runner(2);
    runner.setReport(reportWith("relu"));
    runner.setInput(input());
    QVERIFY(runner.run().ok);
    const std::vector<float> before = runner.activation("conv2d_2")->data; // the other branch
    const std::vector<float> firstConv = runner.activation("conv2d")->data;
    // Edit conv2d_1's activation: conv2d_1, add, flatten, dense recompute; input, conv2d, max_pooling2d, conv2d_2 not.
    const ShapeReport edited = reportWith("tanh");
    runner.setReport(edited);
    QCOMPARE(runner.firstOutOfDate(), edited.indexOf("conv2d_1"));
    const RunStatus st = runner.run();
    QVERIFY2(st.ok, st.error.c_str());
    QCOMPARE(names(edited, st.computed), (std::vector<std::string>{"conv2d_1", "add", "flatten", "dense"}));
    QCOMPARE(runner.activation("conv2d_2")->data, before);
    QCOMPARE(runner.activation("conv2d")->data, firstConv);
    // A new input recomputes everything.
    runner.setInput(input(0.5f));
    QCOMPARE(runner.run().computed.size(), edited.layers.size());
}

void TestRunner::weightsEditRecomputesThatLayer()
{
    Runner runner(1);
    const ShapeReport r = reportWith("relu");
    runner.setReport(r);
    runner.setInput(input());
    QVERIFY(runner.run().ok);
    const std::shared_ptr<const LayerWeights> held = runner.sharedWeights("conv2d_2");
    QVERIFY(held && held.get() == runner.layerWeights("conv2d_2"));
    LayerWeights w = *held;
    w.at("bias").data[0] += 1.0f;
    runner.setLayerWeights("conv2d_2", w);
    RunStatus st = runner.run();
    QCOMPARE(names(r, st.computed), (std::vector<std::string>{"conv2d_2", "add", "flatten", "dense"}));
    QCOMPARE(held->at("bias").data[0] + 1.0f, runner.layerWeights("conv2d_2")->at("bias").data[0]); // held: unchanged
    // setWeights with identical arrays changes nothing.
    WeightSet same;
    for (const LayerReport &l : r.layers)
        if (const LayerWeights *lw = runner.layerWeights(l.name))
            same.layers[l.name] = *lw;
    runner.setWeights(same);
    QVERIFY(runner.run().computed.empty());
}

void TestRunner::renameRecomputesNothing()
{
    Runner runner(1);
    const ShapeReport r = reportWith("relu");
    const std::string in = r.layers[0].name;
    QCOMPARE(r.layers[0].op, Op::Input);
    runner.setReport(r);
    runner.setInput(in, input());
    QVERIFY(runner.run().ok);
    const std::vector<float> middle = runner.activation("conv2d_1")->data, out = runner.activation("dense")->data;
    const LayerWeights kernel = *runner.layerWeights("conv2d_1");

    // The input and a middle convolution renamed: same values, nothing to compute, the weights follow the name.
    const ShapeReport renamedReport = renamed("relu", {{in, "pixels"}, {"conv2d_1", "middle"}});
    runner.setReport(renamedReport);
    QCOMPARE(runner.renamed(), (std::map<std::string, std::string>{{in, "pixels"}, {"conv2d_1", "middle"}}));
    QCOMPARE(runner.firstOutOfDate(), -1);
    RunStatus st = runner.run();
    QVERIFY2(st.ok, st.error.c_str());
    QCOMPARE(names(renamedReport, st.computed), std::vector<std::string>{});
    QCOMPARE(runner.activation("middle")->data, middle);
    QCOMPARE(runner.activation("dense")->data, out);
    QVERIFY(runner.layerWeights("conv2d_1") == nullptr);
    QVERIFY(runner.layerWeights("middle") && runner.layerWeights("middle")->at("kernel").data ==
                                                   kernel.at("kernel").data);

    // Renamed back (undo): still nothing to compute.
    runner.setReport(r);
    QCOMPARE(runner.run().computed.size(), size_t(0));
    QCOMPARE(runner.activation("conv2d_1")->data, middle);

    // A rename together with a real edit of that layer recomputes from it, reading its renamed input.
    const ShapeReport both = renamed("tanh", {{"conv2d_1", "middle"}});
    runner.setReport(both);
    st = runner.run();
    QVERIFY2(st.ok, st.error.c_str());
    QCOMPARE(names(both, st.computed), (std::vector<std::string>{"middle", "add", "flatten", "dense"}));
    QVERIFY(runner.activation("middle")->data != middle);

    // A layer replaced by a different one at the same position is not a rename.
    runner.setReport(reportWith("relu"));
    QVERIFY(runner.renamed().empty());
    QCOMPARE(names(r, runner.run().computed), (std::vector<std::string>{"conv2d_1", "add", "flatten", "dense"}));
}

void TestRunner::sharedActivationsAreNeverOverwritten()
{
    Runner runner(1);
    runner.setReport(reportWith("relu"));
    runner.setInput(input());
    QVERIFY(runner.run().ok);
    const int i = runner.report().indexOf("conv2d_1");
    const std::shared_ptr<const Tensor> held = runner.sharedActivation(i);
    QVERIFY(held && held.get() == runner.activation(i)); // the same storage, not a copy
    const std::vector<float> before = held->data;
    // Two reruns of the layer: the first cannot recycle the held storage, the second recycles its own output.
    for (const char *act : {"tanh", "relu", "tanh"}) {
        runner.setReport(reportWith(act));
        QVERIFY(runner.run().ok);
        QVERIFY(runner.activation(i) != held.get());
        QCOMPARE(held->data, before);
    }
    QVERIFY(runner.activation(i)->data != before);
}

void TestRunner::keepOutputsReleasesTheRest()
{
    const ShapeReport r = reportWith("relu");
    Runner all(1), outputs(1);
    std::map<int, std::vector<float>> seen;
    outputs.setKeep(Runner::Keep::Outputs);
    outputs.setLayerDone([&](int i, const Tensor &t) { seen[i] = t.data; });
    for (Runner *runner : {&all, &outputs}) {
        runner->setReport(r);
        runner->setInput(input());
        const RunStatus st = runner->run();
        QVERIFY2(st.ok, st.error.c_str());
        QCOMPARE(st.computed.size(), r.layers.size());
    }
    // Every layer was seen with the values a full run keeps; only the model output stays.
    QCOMPARE(seen.size(), r.layers.size());
    for (size_t i = 0; i < r.layers.size(); ++i) {
        QCOMPARE(seen[int(i)], all.activation(int(i))->data);
        const bool output = r.layers[i].name == "dense";
        QCOMPARE(outputs.activation(int(i)) != nullptr, output);
    }
    // Released layers are out of date: the next run computes them again, with the same result.
    QCOMPARE(outputs.firstOutOfDate(), 0);
    const RunStatus again = outputs.run();
    QVERIFY(again.ok);
    QCOMPARE(again.computed.size(), r.layers.size());
    QCOMPARE(outputs.activation("dense")->data, all.activation("dense")->data);
}

void TestRunner::lastLayerEditRecomputesOnlyIt()
{
    Runner runner(1);
    runner.setReport(reportWith("relu"));
    runner.setInput(input());
    QVERIFY(runner.run().ok);
    // The Dense layer's activation: the one layer downstream of nothing.
    std::string code = kModel;
    code.replace(code.find("ACT"), 3, "relu");
    code.replace(code.find("activation='softmax'"), 20, "activation='sigmoid'");
    LoadResult lr = importPythonCode(code, "<test>");
    QVERIFY(lr.ok());
    const ShapeReport edited = infer(*lr.graph);
    runner.setReport(edited);
    const RunStatus st = runner.run();
    QVERIFY2(st.ok, st.error.c_str());
    QCOMPARE(names(edited, st.computed), std::vector<std::string>{"dense"});
}

void TestRunner::cancelKeepsPreviousActivations()
{
    Runner runner(2);
    runner.setReport(reportWith("relu"));
    runner.setInput(input());
    QVERIFY(runner.run().ok);
    std::map<std::string, std::vector<float>> before;
    for (const auto &l : runner.report().layers)
        before[l.name] = runner.activation(l.name)->data;
    runner.setInput(input(0.25f));
    std::atomic<bool> cancel{false};
    const RunStatus st = runner.run(&cancel, [&](int done, int, const std::string &) {
        if (done == 2)
            cancel = true; // from "another thread", between layers
    });
    QVERIFY(!st.ok);
    QVERIFY(st.cancelled);
    for (size_t i = 0; i < runner.report().layers.size(); ++i) {
        const std::string &name = runner.report().layers[i].name;
        QVERIFY(runner.activation(name));
        QCOMPARE(runner.activation(name)->data, before[name]);
        QVERIFY(!runner.upToDate(int(i))); // stale: the input changed
    }
    // The next run still knows everything is out of date and completes.
    QCOMPARE(runner.firstOutOfDate(), 0);
    cancel = false;
    QVERIFY(runner.run(&cancel).ok);
    QVERIFY(runner.activation("input_1")->data != before["input_1"]);
}

void TestRunner::failureKeepsPreviousActivations()
{
    Runner runner(1);
    const ShapeReport r = reportWith("relu");
    runner.setReport(r);
    runner.setInput(input());
    QVERIFY(runner.run().ok);
    const std::vector<float> dense = runner.activation("dense")->data;
    runner.setInput(Tensor::zeros(Framework::Keras, {5, 5, 2})); // wrong shape
    const RunStatus st = runner.run();
    QVERIFY(!st.ok);
    QVERIFY2(st.error.find("(5, 5, 2)") != std::string::npos && st.error.find("(12, 12, 2)") != std::string::npos,
             st.error.c_str());
    QCOMPARE(runner.activation("dense")->data, dense);
}

void TestRunner::memoryBudget()
{
    Runner runner(1);
    runner.setReport(reportWith("relu"));
    runner.setInput(input());
    const MemoryEstimate m = runner.estimateMemory();
    QVERIFY(m.activationBytes > 0);
    QCOMPARE(m.largestLayer, std::string("conv2d")); // 12·12·4 floats
    QCOMPARE(m.largestBytes, std::int64_t(12 * 12 * 4 * 4));
    QCOMPARE(runner.memoryBudget(), kDefaultMemoryBudget);
    runner.setMemoryBudget(1000);
    const RunStatus st = runner.run();
    QVERIFY(!st.ok);
    QVERIFY2(st.error.find("budget") != std::string::npos && st.error.find("'conv2d'") != std::string::npos,
             st.error.c_str());
    QVERIFY(!runner.activation("conv2d"));
    runner.setMemoryBudget(kDefaultMemoryBudget);
    QVERIFY(runner.run().ok);
}

void TestRunner::progressReported()
{
    Runner runner(2);
    const ShapeReport r = reportWith("relu");
    runner.setReport(r);
    runner.setInput(input());
    std::vector<int> dones;
    std::vector<std::string> layers;
    QVERIFY(runner.run(nullptr, [&](int done, int total, const std::string &layer) {
                      QCOMPARE(total, int(r.layers.size()));
                      dones.push_back(done);
                      layers.push_back(layer);
                  }).ok);
    QCOMPARE(dones.size(), r.layers.size() + 1);
    QCOMPARE(dones.back(), int(r.layers.size()));
    QCOMPARE(layers.front(), std::string("input_1"));
    QVERIFY(layers.back().empty());
}

void TestRunner::nanPropagates()
{
    Runner runner(2);
    runner.setReport(reportWith("relu"));
    Tensor t = input();
    t.data[5] = std::numeric_limits<float>::quiet_NaN();
    t.data[9] = std::numeric_limits<float>::infinity();
    runner.setInput(t);
    const RunStatus st = runner.run();
    QVERIFY2(st.ok, st.error.c_str());
    bool nan = false;
    for (float v : runner.activation("dense")->data)
        nan = nan || std::isnan(v);
    QVERIFY(nan);
}

// Issue 13: an exception on a worker terminated the program, and one on the calling thread unwound while workers
// still ran the job. Now the first one is rethrown on the caller after every worker has left the job.
void TestRunner::poolExceptionsReachTheCaller_data()
{
    QTest::addColumn<int>("threads");
    QTest::addColumn<int>("throwingTask");
    QTest::addRow("1 thread") << 1 << 3;
    QTest::addRow("4 threads, first task") << 4 << 0; // likely the caller's
    QTest::addRow("4 threads, a late task") << 4 << 9000;
}

void TestRunner::poolExceptionsReachTheCaller()
{
    QFETCH(int, threads);
    QFETCH(int, throwingTask);
    ThreadPool pool(threads);
    std::atomic<int> running{0}, ran{0};
    bool thrown = false;
    try {
        pool.parallelFor(10000, [&](std::int64_t i) {
            ++running;
            ++ran;
            if (i == throwingTask) {
                --running;
                throw std::runtime_error("task " + std::to_string(i));
            }
            volatile double x = 0;
            for (int k = 0; k < 200; ++k)
                x = x + std::sqrt(double(k + i));
            --running;
        });
    } catch (const std::runtime_error &e) {
        thrown = true;
        QCOMPARE(std::string(e.what()), "task " + std::to_string(throwingTask));
        QCOMPARE(running.load(), 0); // no worker is still inside the job
    }
    QVERIFY(thrown);
    QVERIFY(ran.load() <= 10000);
    // The pool is usable afterwards.
    std::atomic<std::int64_t> sum{0};
    pool.parallelFor(1000, [&](std::int64_t i) { sum += i; });
    QCOMPARE(sum.load(), std::int64_t(999 * 1000 / 2));
}

// Issue 13: summing per-layer sizes near 2^62 wrapped to a negative estimate that passed the budget.
void TestRunner::estimateSaturates()
{
    Graph g;
    g.framework = Framework::Keras;
    Layer in;
    in.name = "in";
    in.type = "InputLayer";
    in.params["shape"] = ParamValue::ints({1 << 30, 1 << 30, 1});
    Layer relu;
    relu.name = "relu";
    relu.type = "ReLU";
    relu.inputs = {"in"};
    g.layers = {in, relu};
    const ShapeReport rep = infer(g);
    QVERIFY2(rep.ok, rep.layers[0].error.c_str());
    Runner runner(1);
    runner.setReport(rep);
    const MemoryEstimate m = runner.estimateMemory();
    QCOMPARE(m.peakBytes, std::numeric_limits<std::int64_t>::max());
    const RunStatus st = runner.run();
    QVERIFY(!st.ok);
    QVERIFY2(st.error.find("too large to count") != std::string::npos, st.error.c_str());
}

QTEST_GUILESS_MAIN(TestRunner)
#include "tst_runner.moc"
