// tst_gui_player_state.cpp — the step player's state without a widget: stepping and clamping, play/pause and the
// timer's carry of fractional steps, the running sums of a transposed convolution's scatter (forward, backward and
// from scratch, always equal to the sum of the stamps applied so far), and what a click on a cell jumps to.
#include "player_state.h"

#include "shape/infer.h"
#include "tensor/weights.h"

#include <QtTest>
#include <cmath>

using namespace convlens;

namespace {

using i64 = std::int64_t;
using Params = std::map<std::string, ParamValue>;

// One layer on a seeded random input, traced on output channel 0 with seeded weights.
LayerTracer tracerFor(Framework f, const Shape &input, const std::string &type, Params params)
{
    Graph g;
    g.framework = f;
    Layer in;
    in.type = f == Framework::Keras ? "InputLayer" : "Input";
    in.implicitInput = f == Framework::PyTorch;
    ParamList dims;
    for (auto d : input)
        dims.emplace_back(d);
    in.params["shape"] = ParamValue(dims);
    g.layers.push_back(in);
    Layer l;
    l.type = type;
    l.params = std::move(params);
    g.layers.push_back(l);
    assignDefaultNames(g);
    g.layers[1].inputs = {g.layers[0].name};
    const ShapeReport r = inferGraph(g);
    if (!r.ok)
        qFatal("the test layer is refused: %s", r.layers.back().error.c_str());
    const LayerReport &layer = r.layers.back();
    const Tensor x = Tensor::fromFrameworkOrder(f, input, seededUniform(size_t(elementCount(input)), 7));
    const LayerWeights w = initialLayerWeights(layer, f, 3);
    std::string err;
    auto t = LayerTracer::create(layer, x, w.empty() ? nullptr : &w, 0, {}, &err);
    if (!t)
        qFatal("cannot trace: %s", err.c_str());
    return std::move(*t);
}

LayerTracer maxPool7()
{
    // The autoencoder's third pooling: 7×7 → 4×4, 16 steps.
    return tracerFor(Framework::Keras, {7, 7, 1}, "MaxPooling2D",
                     {{"pool_size", ParamValue::ints({2, 2})}, {"padding", ParamValue(std::string("same"))}});
}

LayerTracer transposed(i64 kernel, i64 stride)
{
    return tracerFor(Framework::Keras, {3, 4, 2}, "Conv2DTranspose",
                     {{"filters", ParamValue(i64(2))},
                      {"kernel_size", ParamValue(kernel)},
                      {"strides", ParamValue(stride)},
                      {"padding", ParamValue(std::string("same"))}});
}

// What the scatter shows after steps 0…step, computed from scratch: bias + every stamp so far for cells some stamp
// reached, the final output for cells every stamp reached, NaN for cells no stamp reached (bias-only cells are final).
std::vector<double> expectedScatter(const LayerTracer &t, i64 step)
{
    const WindowTrace &h = t.header();
    const i64 OW = h.outputHw[1], n = h.outputHw[0] * OW;
    std::vector<double> sum(size_t(n), h.bias.value_or(0.0));
    std::vector<bool> reached(size_t(n), false), complete(size_t(n), true);
    for (i64 s = 0; s < t.stepCount(); ++s)
        for (const TraceCell &c : t.step(s).cells)
            if (c.in && c.value) {
                const size_t i = size_t((*c.in)[0] * OW + (*c.in)[1]);
                if (s <= step) {
                    sum[i] += *c.value;
                    reached[i] = true;
                } else {
                    complete[i] = false;
                }
            }
    std::vector<double> out(static_cast<size_t>(n));
    for (i64 i = 0; i < n; ++i) {
        const size_t k = size_t(i);
        out[k] = complete[k] ? h.output[k] : reached[k] ? sum[k] : std::numeric_limits<double>::quiet_NaN();
    }
    return out;
}

bool sameShown(const std::vector<double> &a, const std::vector<double> &b)
{
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (std::isnan(a[i]) != std::isnan(b[i]) || (!std::isnan(a[i]) && std::abs(a[i] - b[i]) > 1e-9))
            return false;
    return true;
}

} // namespace

class TestPlayerState : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void emptyState();
    void stepping_data();
    void stepping();
    void playing_data();
    void playing();
    void playFromTheEnd();
    void windowLayerFillsRowMajor();
    void scatterSums_data();
    void scatterSums();
    void clicks();
};

void TestPlayerState::emptyState()
{
    PlayerState s;
    QVERIFY(!s.hasTrace());
    QCOMPARE(s.stepCount(), i64(0));
    QVERIFY(!s.setStep(3));
    QVERIFY(!s.play());
    QVERIFY(!s.tick(1000));
    QVERIFY(s.displayedOutput().empty());
    QVERIFY(!s.stepForOutputClick(0, 0));
}

void TestPlayerState::stepping_data()
{
    QTest::addColumn<i64>("from");
    QTest::addColumn<i64>("to");
    QTest::addColumn<i64>("expected");
    QTest::addColumn<bool>("changed");
    QTest::addRow("forward") << i64(0) << i64(5) << i64(5) << true;
    QTest::addRow("backward") << i64(9) << i64(2) << i64(2) << true;
    QTest::addRow("same step") << i64(4) << i64(4) << i64(4) << false;
    QTest::addRow("past the end clamps") << i64(3) << i64(99) << i64(15) << true;
    QTest::addRow("at the end, past it") << i64(15) << i64(16) << i64(15) << false;
    QTest::addRow("negative clamps") << i64(3) << i64(-4) << i64(0) << true;
}

void TestPlayerState::stepping()
{
    QFETCH(i64, from);
    QFETCH(i64, to);
    QFETCH(i64, expected);
    QFETCH(bool, changed);
    PlayerState s;
    s.setTracer(maxPool7(), from);
    QCOMPARE(s.stepCount(), i64(16));
    QCOMPARE(s.step(), from);
    QCOMPARE(s.setStep(to), changed);
    QCOMPARE(s.step(), expected);
    QCOMPARE(s.current().out, (Cell{expected / 4, expected % 4}));
}

void TestPlayerState::playing_data()
{
    QTest::addColumn<double>("speed");
    QTest::addColumn<int>("ticks");
    QTest::addColumn<i64>("expected");
    QTest::addColumn<bool>("stillPlaying");
    // One tick per step up to ~60 steps/s …
    QTest::addRow("4 steps/s, 3 ticks") << 4.0 << 3 << i64(3) << true;
    QTest::addRow("1 step/s, 15 ticks: the last step, paused") << 1.0 << 15 << i64(15) << false;
    // … beyond, several steps per 16 ms tick, the fractions carried: 100 steps/s = 1.6 steps per tick.
    QTest::addRow("100 steps/s, 3 ticks") << 100.0 << 3 << i64(4) << true;
    QTest::addRow("1000 steps/s, 1 tick: 16 steps, past the end") << 1000.0 << 1 << i64(15) << false;
    QTest::addRow("speed clamped below") << 0.01 << 2 << i64(2) << true;
}

void TestPlayerState::playing()
{
    QFETCH(double, speed);
    QFETCH(int, ticks);
    QFETCH(i64, expected);
    QFETCH(bool, stillPlaying);
    PlayerState s;
    s.setTracer(maxPool7());
    s.setSpeed(speed);
    QVERIFY(s.speed() >= PlayerState::kMinSpeed && s.speed() <= PlayerState::kMaxSpeed);
    QVERIFY(s.play());
    for (int i = 0; i < ticks; ++i)
        s.tick(s.tickIntervalMs());
    QCOMPARE(s.step(), expected);
    QCOMPARE(s.playing(), stillPlaying);
    // Paused, ticks do nothing.
    s.pause();
    QVERIFY(!s.tick(1000));
    QCOMPARE(s.step(), expected);
}

void TestPlayerState::playFromTheEnd()
{
    PlayerState s;
    s.setTracer(maxPool7(), 15);
    QVERIFY(s.play());
    QCOMPARE(s.step(), i64(0)); // starts over
    // A trace of one step has nothing to play.
    PlayerState one;
    one.setTracer(tracerFor(Framework::Keras, {2, 2, 1}, "MaxPooling2D", {{"pool_size", ParamValue::ints({2, 2})}}));
    QCOMPARE(one.stepCount(), i64(1));
    QVERIFY(!one.play());
}

void TestPlayerState::windowLayerFillsRowMajor()
{
    PlayerState s;
    const LayerTracer t = maxPool7();
    s.setTracer(t, 9);
    const std::vector<double> shown = s.displayedOutput();
    QCOMPARE(shown.size(), size_t(16));
    for (i64 i = 0; i < 16; ++i) {
        QCOMPARE(s.cellState(i), i <= 9 ? PlayerState::CellState::Final : PlayerState::CellState::Empty);
        if (i <= 9)
            QCOMPARE(shown[size_t(i)], t.header().output[size_t(i)]);
        else
            QVERIFY(std::isnan(shown[size_t(i)]));
    }
    QVERIFY(!s.stepForInputClick(1, 1)); // only a scatter's input cells are steps
}

void TestPlayerState::scatterSums_data()
{
    QTest::addColumn<i64>("kernel");
    QTest::addColumn<i64>("stride");
    QTest::addColumn<QList<i64>>("path"); // the steps visited in turn
    const QList<i64> forward{0, 1, 2, 5, 11};
    const QList<i64> back{11, 10, 3, 7, 0, 11};
    for (i64 k : {2, 3, 5})
        for (i64 s : {1, 2, 3}) {
            QTest::addRow("k%lld s%lld forward", qlonglong(k), qlonglong(s)) << k << s << forward;
            QTest::addRow("k%lld s%lld back and forth", qlonglong(k), qlonglong(s)) << k << s << back;
        }
}

void TestPlayerState::scatterSums()
{
    QFETCH(i64, kernel);
    QFETCH(i64, stride);
    QFETCH(QList<i64>, path);
    const LayerTracer t = transposed(kernel, stride);
    QCOMPARE(t.stepCount(), i64(12)); // one stamp per input cell (3×4)
    PlayerState s;
    s.setTracer(t);
    QVERIFY(s.transposed());
    QVERIFY(sameShown(s.displayedOutput(), expectedScatter(t, 0)));
    for (i64 step : path) {
        const i64 before = s.step();
        s.setStep(step);
        QCOMPARE(s.step(), step);
        QVERIFY2(sameShown(s.displayedOutput(), expectedScatter(t, step)),
                 qPrintable(QStringLiteral("after step %1 (from %2)").arg(step).arg(before)));
        // What changed is listed, unless everything was rebuilt.
        if (!s.allCellsChanged() && step != before)
            QVERIFY(!s.touchedCells().empty());
    }
    // The last step shows the layer's output everywhere.
    s.setStep(t.stepCount() - 1);
    for (i64 i = 0; i < i64(t.header().output.size()); ++i)
        QCOMPARE(s.cellState(i), PlayerState::CellState::Final);
}

void TestPlayerState::clicks()
{
    // Window layer: a click on an output cell is its step.
    PlayerState w;
    w.setTracer(maxPool7());
    QCOMPARE(w.stepForOutputClick(2, 3), std::optional<i64>(11));
    QCOMPARE(w.stepForOutputClick(2, 3), std::optional<i64>(11));

    // Transposed convolution: repeated clicks on a cell visit every stamp writing it; another cell starts over.
    const LayerTracer t = transposed(3, 1);
    PlayerState s;
    s.setTracer(t);
    const std::vector<i64> writers = t.stepsWriting(1, 1);
    QVERIFY(writers.size() > 1);
    for (size_t round = 0; round < 2 * writers.size(); ++round)
        QCOMPARE(s.stepForOutputClick(1, 1), std::optional<i64>(writers[round % writers.size()]));
    QCOMPARE(s.stepForOutputClick(0, 0), std::optional<i64>(t.stepsWriting(0, 0).front()));
    // Its input cells are its steps, row-major.
    QCOMPARE(s.stepForInputClick(2, 1), std::optional<i64>(9));
    QVERIFY(!s.stepForInputClick(3, 0));
}

QTEST_GUILESS_MAIN(TestPlayerState)
#include "tst_gui_player_state.moc"
