// tst_gui_player.cpp — the step player in the real main window, offscreen: the acceptance scenario of issue 5 (the
// default autoencoder with its trained weights, the third MaxPooling2D: 16 steps over the 7×7 map, pad cells only in
// the last row and column, a 4×4 output equal to the Runner's activation), play, step, keys, scrub, clicks on output
// cells, zoom; a convolution over 16 input channels (Σ of the partials); the scatter of a transposed convolution;
// PyTorch's symmetric padding, ceil_mode overhang and count_include_pad; layers without a window; re-runs after edits
// (trained weights kept where they fit), the memory budget refusal, and the measured frame rate on a 256×256 map.
#include "document.h"
#include "forward_controller.h"
#include "gui/gui_test_support.h"
#include "gui/reference_run.h"
#include "main_window.h"
#include "step_player.h"

#include <QAbstractButton>
#include <QApplication>
#include <QElapsedTimer>
#include <QLabel>
#include <QSlider>
#include <QStatusBar>
#include <QWheelEvent>
#include <QtTest>
#include <cmath>

using namespace convlens;

namespace {

const QString kDigit = QStringLiteral(CONVLENS_SOURCE_DIR "/resources/digits/0_0.png");
const QString kAutoencoderWeights = QStringLiteral(CONVLENS_SOURCE_DIR "/resources/examples/autoencoder.weights");

bool close(double a, double b, double tol)
{
    return std::abs(a - b) <= tol * std::max(1.0, std::abs(b));
}

} // namespace

class TestGuiPlayer : public QObject, private test::ComputedWindow {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void maxPoolAcceptance();
    void controls();
    void snapshotMatchesRunner();
    void convolutionSumsInputChannels();
    void transposedConvolutionScatters();
    void pytorchPaddingAndCeilMode();
    void layersWithoutWindow();
    void editsRerunInTheBackground();
    void memoryBudgetRefusal();
    void frameRate();

private:
    StepPlayerView *player() const { return w->stepPlayer(); }
    void selectAndWait(const QString &layer) { showLayer(layer, QStringLiteral("stepper")); }
    void compareOutput(const Tensor &ref, int channel, double tol);
};

void TestGuiPlayer::init()
{
    openWindow();
}

void TestGuiPlayer::cleanup()
{
    w.reset();
}

void TestGuiPlayer::compareOutput(const Tensor &ref, int channel, double tol)
{
    const std::vector<double> shown = player()->displayedOutput();
    const WindowTrace &h = player()->tracer()->header();
    QCOMPARE(std::int64_t(shown.size()), h.outputHw[0] * h.outputHw[1]);
    QCOMPARE(ref.height(), h.outputHw[0]);
    QCOMPARE(ref.width(), h.outputHw[1]);
    for (std::int64_t y = 0; y < h.outputHw[0]; ++y)
        for (std::int64_t x = 0; x < h.outputHw[1]; ++x) {
            const double got = shown[size_t(y * h.outputHw[1] + x)], want = test::at(ref, channel, y, x);
            QVERIFY2(close(got, want, tol), qPrintable(QStringLiteral("channel %1 (%2, %3): shown %4, Runner %5")
                                                           .arg(channel)
                                                           .arg(y)
                                                           .arg(x)
                                                           .arg(got, 0, 'g', 9)
                                                           .arg(want, 0, 'g', 9)));
        }
}

void TestGuiPlayer::maxPoolAcceptance()
{
    // A first-time user: the default example, the third MaxPooling2D, play.
    QVERIFY(w->windowTitle().contains(QStringLiteral("autoencoder")));
    selectAndWait(QStringLiteral("max_pooling2d_2"));
    QCOMPARE(w->viewTabs()->currentWidget(), static_cast<QWidget *>(player()));
    QVERIFY2(player()->applies(), qPrintable(player()->messageText()));
    const auto snap = w->forwardController()->snapshot();
    QVERIFY(snap->weightsSource.text().contains(QStringLiteral("autoencoder.weights")));
    QVERIFY(snap->seededLayers.isEmpty());

    QCOMPARE(player()->stepCount(), 16);
    const WindowTrace &h = player()->tracer()->header();
    QCOMPARE(h.inputHw, (Cell{7, 7}));
    QCOMPARE(h.outputHw, (Cell{4, 4}));
    QVERIFY(h.padding == (Pad4{0, 1, 0, 1})); // TF 'same': the extra pad goes bottom/right
    QCOMPARE(h.paddedHw, (Cell{8, 8}));
    QVERIFY(player()->layout().left == (PlayerGrid{8, 8, {0, 0, 6, 6}}));
    QVERIFY(player()->layout().right == (PlayerGrid{4, 4, {0, 0, 3, 3}}));

    // Pad cells only in the last row and column, ignored (−∞) by max pooling; 15 of the 64 window cells.
    int padCells = 0;
    for (std::int64_t i = 0; i < 16; ++i) {
        const TraceStep st = player()->tracer()->step(i);
        QCOMPARE(st.out, (Cell{i / 4, i % 4}));
        QCOMPARE(st.cells.size(), size_t(4));
        for (const TraceCell &c : st.cells) {
            if (!c.pad) {
                QVERIFY(c.pos[0] < 7 && c.pos[1] < 7);
                continue;
            }
            QVERIFY2(c.pos[0] == 7 || c.pos[1] == 7,
                     qPrintable(QStringLiteral("pad at (%1, %2)").arg(c.pos[0]).arg(c.pos[1])));
            QCOMPARE(c.pad, std::optional(PadKind::Ignored));
            ++padCells;
        }
    }
    QCOMPARE(padCells, 15);

    // Press play (fast), watch it reach the last step and stop.
    player()->setSpeed(1000);
    player()->firstStep();
    QCOMPARE(player()->currentStep(), 0);
    std::vector<double> first = player()->displayedOutput();
    QVERIFY(!std::isnan(first[0]) && std::isnan(first[1])); // only the first cell is filled
    QTest::mouseClick(player()->playButton(), Qt::LeftButton);
    QVERIFY(player()->playing());
    QTRY_VERIFY(!player()->playing());
    QCOMPARE(player()->currentStep(), 15);
    QVERIFY(player()->infoText().contains(QStringLiteral("max(")));

    // The 4×4 output equals the engine's activation of the layer, channel by channel.
    const auto runner = test::referenceRun(w->document()->report(), kDigit, kAutoencoderWeights);
    QVERIFY(runner);
    const Tensor *ref = runner->activation(std::string("max_pooling2d_2"));
    QVERIFY(ref);
    QCOMPARE(ref->channels(), 8);
    compareOutput(*ref, 0, 0);
    player()->setChannel(5);
    QCOMPARE(player()->currentStep(), 15); // same geometry: the step stays
    compareOutput(*ref, 5, 0);
    // The last window: max over (6, 6), (6, 7)=−∞, (7, 6)=−∞, (7, 7)=−∞ → the one real cell.
    const TraceStep last = player()->currentTraceStep();
    QVERIFY(!last.cells[0].pad);
    QCOMPARE(*last.cells[0].value, last.result);
    QVERIFY(QString::fromStdString(last.arithmetic).contains(QStringLiteral("·, ·, ·)")));
}

void TestGuiPlayer::controls()
{
    selectAndWait(QStringLiteral("max_pooling2d_2"));
    StepPlayerView *p = player();
    QWidget *canvas = p->canvas();
    QSignalSpy steps(p, &StepPlayerView::stepChanged);

    // Keyboard: → ← End Home Space.
    canvas->setFocus();
    p->firstStep();
    QTest::keyClick(canvas, Qt::Key_Right);
    QCOMPARE(p->currentStep(), 1);
    QTest::keyClick(canvas, Qt::Key_Right, Qt::ShiftModifier);
    QCOMPARE(p->currentStep(), 11);
    QTest::keyClick(canvas, Qt::Key_Left);
    QCOMPARE(p->currentStep(), 10);
    QTest::keyClick(canvas, Qt::Key_End);
    QCOMPARE(p->currentStep(), 15);
    QTest::keyClick(canvas, Qt::Key_Right); // clamped
    QCOMPARE(p->currentStep(), 15);
    QTest::keyClick(canvas, Qt::Key_Home);
    QCOMPARE(p->currentStep(), 0);
    QTest::keyClick(canvas, Qt::Key_Left);
    QCOMPARE(p->currentStep(), 0);
    p->setSpeed(1);
    QTest::keyClick(canvas, Qt::Key_Space);
    QVERIFY(p->playing());
    QTest::keyClick(canvas, Qt::Key_Space);
    QVERIFY(!p->playing());
    QVERIFY(steps.count() >= 5);

    // Buttons.
    p->findChild<QAbstractButton *>(QStringLiteral("stepForward"))->click();
    QCOMPARE(p->currentStep(), 1);
    p->findChild<QAbstractButton *>(QStringLiteral("lastStep"))->click();
    QCOMPARE(p->currentStep(), 15);
    p->findChild<QAbstractButton *>(QStringLiteral("stepBack"))->click();
    QCOMPARE(p->currentStep(), 14);
    p->findChild<QAbstractButton *>(QStringLiteral("firstStep"))->click();
    QCOMPARE(p->currentStep(), 0);

    // Scrub.
    p->scrubber()->setValue(9);
    QCOMPARE(p->currentStep(), 9);
    QCOMPARE(p->currentTraceStep().out, (Cell{2, 1}));
    QCOMPARE(p->scrubber()->maximum(), 15);
    const std::vector<double> shown = p->displayedOutput();
    QVERIFY(!std::isnan(shown[9]) && std::isnan(shown[10]));
    QVERIFY(p->findChild<QLabel *>(QStringLiteral("playerStep"))->text().contains(QStringLiteral("10 / 16")));

    // Speed slider: log scale, 10^(v/100) steps per second.
    p->speedSlider()->setValue(200);
    QCOMPARE(p->speed(), 100.0);

    // Click an output cell → its step; a click on the input of a window layer does nothing.
    QVERIFY(p->applies());
    const QPoint cell23 = p->layout().cellRect(PlayerLayout::Right, 2, 3).center().toPoint();
    QTest::mouseClick(canvas, Qt::LeftButton, Qt::NoModifier, cell23);
    QCOMPARE(p->currentStep(), 11);
    QCOMPARE(p->currentTraceStep().out, (Cell{2, 3}));
    const QPoint cell00 = p->layout().cellRect(PlayerLayout::Right, 0, 0).center().toPoint();
    QTest::mouseClick(canvas, Qt::LeftButton, Qt::NoModifier, cell00);
    QCOMPARE(p->currentStep(), 0);
    QTest::mouseClick(canvas, Qt::LeftButton, Qt::NoModifier,
                      p->layout().cellRect(PlayerLayout::Left, 3, 3).center().toPoint());
    QCOMPARE(p->currentStep(), 0);

    // Zoom with the wheel about the cursor, pan by dragging, fit.
    const double fitted = p->layout().cellPx;
    const QPointF anchor = p->layout().cellRect(PlayerLayout::Left, 2, 2).center();
    QWheelEvent wheel(anchor, canvas->mapToGlobal(anchor), QPoint(), QPoint(0, 240), Qt::NoButton, Qt::NoModifier,
                      Qt::NoScrollPhase, false);
    QApplication::sendEvent(canvas, &wheel);
    QVERIFY(p->layout().cellPx > fitted * 1.4);
    const auto under = p->layout().cellAt(PlayerLayout::Left, anchor);
    QVERIFY(under && (*under)[0] == 2 && (*under)[1] == 2); // the cell under the cursor stays there
    const QPointF before = p->layout().pan;
    QTest::mousePress(canvas, Qt::LeftButton, Qt::NoModifier, QPoint(200, 200));
    QMouseEvent move(QEvent::MouseMove, QPointF(260, 230), canvas->mapToGlobal(QPointF(260, 230)), Qt::NoButton,
                     Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(canvas, &move);
    QTest::mouseRelease(canvas, Qt::LeftButton, Qt::NoModifier, QPoint(260, 230));
    QCOMPARE(p->layout().pan, before + QPointF(60, 30));
    QCOMPARE(p->currentStep(), 0); // a drag is not a click
    p->fit();
    QCOMPARE(p->layout().cellPx, fitted);
}

void TestGuiPlayer::snapshotMatchesRunner()
{
    // Every activation the views draw is the engine's, for the example with its trained weights.
    const auto snap = w->forwardController()->snapshot();
    QVERIFY(snap);
    const auto runner = test::referenceRun(w->document()->report(), kDigit, kAutoencoderWeights);
    QVERIFY(runner);
    for (size_t i = 0; i < snap->report.layers.size(); ++i) {
        const Tensor *a = snap->activation(int(i)), *b = runner->activation(int(i));
        QVERIFY(a && b);
        QCOMPARE(a->shape, b->shape);
        QVERIFY2(test::maxRelDiff(*a, *b) < 1e-5, snap->report.layers[i].name.c_str());
    }
    QCOMPARE(snap->inputLabel.text(), QStringLiteral("sample digit 0_0.png"));
}

void TestGuiPlayer::convolutionSumsInputChannels()
{
    selectAndWait(QStringLiteral("conv2d_1")); // 3×3 'same' over the 16 channels of max_pooling2d
    StepPlayerView *p = player();
    QVERIFY2(p->applies(), qPrintable(p->messageText()));
    const WindowTrace &h = p->tracer()->header();
    QCOMPARE(p->stepCount(), 14 * 14);
    QVERIFY(h.padding == (Pad4{1, 1, 1, 1}));
    QCOMPARE(h.inputChannels.size(), size_t(16));
    QVERIFY(h.bias.has_value());
    p->setStep(20);
    const TraceStep &st = p->currentTraceStep();
    QCOMPARE(st.partials.size(), size_t(16));
    double sum = *h.bias;
    for (const ChannelTerm &t : st.partials)
        sum += t.value;
    QVERIFY(close(st.preActivation, sum, 1e-12));
    QCOMPARE(st.result, std::max(0.0, st.preActivation)); // relu
    QVERIFY(p->infoText().contains(QStringLiteral("of the 16 input channels")));
    QVERIFY(p->infoText().contains(QStringLiteral("relu")));

    // Another input channel shows other cells and weights, the same sums.
    const double result = st.result;
    p->setInputChannel(5);
    QCOMPARE(p->tracer()->header().inputChannel, std::int64_t(5));
    QCOMPARE(p->currentStep(), 20);
    QCOMPARE(p->currentTraceStep().result, result);

    p->lastStep();
    const auto runner = test::referenceRun(w->document()->report(), kDigit, kAutoencoderWeights);
    QVERIFY(runner);
    compareOutput(*runner->activation(std::string("conv2d_1")), 0, 1e-5);
}

void TestGuiPlayer::transposedConvolutionScatters()
{
    const QString code = QStringLiteral("import keras\nfrom keras import layers\n"
                                        "inp = keras.Input(shape=(28, 28, 1))\n"
                                        "x = layers.MaxPooling2D((4, 4))(inp)\n"
                                        "y = layers.Conv2DTranspose(2, (3, 3), strides=(2, 2), padding='same')(x)\n"
                                        "model = keras.Model(inp, y)\n");
    QVERIFY(w->importCode(code));
    QVERIFY(w->waitForCompute());
    // No trained weights for an imported model: seeded, and said so.
    QVERIFY(w->forwardController()->snapshot()->weightsSource.text().isEmpty());
    QVERIFY(w->forwardController()->snapshot()->seededLayers.contains(QStringLiteral("conv2d_transpose")));
    selectAndWait(QStringLiteral("conv2d_transpose"));
    StepPlayerView *p = player();
    QVERIFY2(p->applies(), qPrintable(p->messageText()));
    const WindowTrace &h = p->tracer()->header();
    QCOMPARE(h.inputHw, (Cell{7, 7}));
    QCOMPARE(h.outputHw, (Cell{14, 14}));
    QCOMPARE(h.paddedHw, (Cell{15, 15})); // the uncropped canvas (7 − 1)·2 + 3
    QCOMPARE(p->stepCount(), 49);         // one step per input cell
    QCOMPARE(p->layout().left.rows, std::int64_t(7));
    QCOMPARE(p->layout().right.rows, std::int64_t(15));

    // Overlapping stamps: some output cells are written by several input cells.
    bool overlap = false;
    for (std::int64_t y = 0; y < 14 && !overlap; ++y)
        for (std::int64_t x = 0; x < 14 && !overlap; ++x)
            overlap = p->tracer()->stepsWriting(y, x).size() > 1;
    QVERIFY(overlap);

    const auto runner = test::referenceRun(w->document()->report(), kDigit);
    QVERIFY(runner);
    const Tensor &ref = *runner->activation(std::string("conv2d_transpose"));

    // Halfway: finished cells are final, others partial or empty; forward and backward agree.
    p->setStep(24);
    const std::vector<double> mid = p->displayedOutput();
    int empty = 0, complete = 0;
    for (std::int64_t y = 0; y < 14; ++y)
        for (std::int64_t x = 0; x < 14; ++x) {
            const double v = mid[size_t(y * 14 + x)];
            if (std::isnan(v))
                ++empty;
            else if (p->outputComplete(y, x)) {
                ++complete;
                QVERIFY(close(v, test::at(ref, 0, y, x), 1e-5));
            }
        }
    QVERIFY(empty > 0 && complete > 0);
    p->lastStep();
    compareOutput(ref, 0, 1e-5);
    p->setStep(24); // backward: the stamps are taken away again
    const std::vector<double> back = p->displayedOutput();
    for (size_t i = 0; i < mid.size(); ++i)
        QVERIFY(std::isnan(mid[i]) ? std::isnan(back[i]) : close(back[i], mid[i], 1e-9));

    // Clicking an output cell jumps to a step that writes it; clicking again to the next writer; clicking an input
    // cell to its own step.
    const std::vector<std::int64_t> writers = p->tracer()->stepsWriting(4, 4);
    QVERIFY(writers.size() > 1);
    const QPoint cell =
        p->layout()
            .cellRect(PlayerLayout::Right, 4 + p->layout().right.inner.top, 4 + p->layout().right.inner.left)
            .center()
            .toPoint();
    QTest::mouseClick(p->canvas(), Qt::LeftButton, Qt::NoModifier, cell);
    QCOMPARE(p->currentStep(), writers[0]);
    QTest::mouseClick(p->canvas(), Qt::LeftButton, Qt::NoModifier, cell);
    QCOMPARE(p->currentStep(), writers[1]);
    QTest::mouseClick(p->canvas(), Qt::LeftButton, Qt::NoModifier,
                      p->layout().cellRect(PlayerLayout::Left, 3, 5).center().toPoint());
    QCOMPARE(p->currentStep(), 3 * 7 + 5);
    QVERIFY(p->infoText().contains(QStringLiteral("stamps")));
}

void TestGuiPlayer::pytorchPaddingAndCeilMode()
{
    const QString torch = QStringLiteral("import torch.nn as nn\n"
                                         "model = nn.Sequential(\n"
                                         "    nn.Conv2d(1, 2, 3, padding=1),\n"
                                         "    nn.MaxPool2d(3, stride=2, ceil_mode=True),\n"
                                         "    nn.AvgPool2d(2, padding=1),\n"
                                         ")\n");
    QVERIFY(w->importCode(torch, Framework::PyTorch, QStringLiteral("1,28,28")));
    QVERIFY(w->waitForCompute());
    const auto runner = test::referenceRun(w->document()->report(), kDigit);
    QVERIFY(runner);

    selectAndWait(QStringLiteral("0")); // symmetric padding
    QVERIFY2(player()->applies(), qPrintable(player()->messageText()));
    QVERIFY(player()->tracer()->header().padding == (Pad4{1, 1, 1, 1}));
    QVERIFY(player()->layout().left == (PlayerGrid{30, 30, {1, 1, 28, 28}}));
    QCOMPARE(player()->tracer()->step(0).cells[0].pad, std::optional(PadKind::Zero));

    selectAndWait(QStringLiteral("1")); // ceil_mode: 28 → 14, the last window hangs one cell over the edge
    QVERIFY2(player()->applies(), qPrintable(player()->messageText()));
    const WindowTrace &h = player()->tracer()->header();
    QCOMPARE(h.outputHw, (Cell{14, 14}));
    QCOMPARE(h.overhang, (Cell{1, 1}));
    QVERIFY(player()->layout().left == (PlayerGrid{29, 29, {0, 0, 27, 27}}));
    const TraceStep lastStep = player()->tracer()->step(14 * 14 - 1);
    int beyond = 0;
    for (const TraceCell &c : lastStep.cells)
        if (c.pos[0] == 28 || c.pos[1] == 28) {
            QCOMPARE(c.pad, std::optional(PadKind::Ignored));
            ++beyond;
        }
    QCOMPARE(beyond, 5);
    player()->lastStep();
    compareOutput(*runner->activation(std::string("1")), 0, 0);

    selectAndWait(QStringLiteral("2")); // count_include_pad: pad cells count as 0
    QVERIFY2(player()->applies(), qPrintable(player()->messageText()));
    const TraceStep first = player()->tracer()->step(0);
    QCOMPARE(first.cells[0].pad, std::optional(PadKind::CountedZero));
    QCOMPARE(first.divisor, std::int64_t(4));
    player()->lastStep();
    compareOutput(*runner->activation(std::string("2")), 0, 1e-6);
}

void TestGuiPlayer::layersWithoutWindow()
{
    selectAndWait(QStringLiteral("up_sampling2d"));
    QVERIFY(!player()->applies());
    QVERIFY(player()->messageText().contains(QStringLiteral("does not apply")));
    QVERIFY(player()->messageText().contains(QStringLiteral("no sliding window")));
    selectAndWait(QStringLiteral("input_1"));
    QVERIFY(!player()->applies());
    QVERIFY(player()->messageText().contains(QStringLiteral("model input")));
    // Keys do nothing harmful without a trace.
    QTest::keyClick(player()->canvas(), Qt::Key_Space);
    QVERIFY(!player()->playing());
    selectAndWait(QStringLiteral("conv2d_6"));
    QVERIFY(player()->applies());
}

void TestGuiPlayer::editsRerunInTheBackground()
{
    selectAndWait(QStringLiteral("max_pooling2d_2"));
    Document *doc = w->document();
    // conv2d_2 gets 4 filters: its weights and conv2d_3's no longer fit → seeded; everything else stays trained.
    QVERIFY(doc->setParam(QStringLiteral("conv2d_2"), QStringLiteral("filters"), ParamValue(4)));
    QVERIFY(w->waitForCompute());
    auto snap = w->forwardController()->snapshot();
    QCOMPARE(snap->seededLayers, (QStringList{QStringLiteral("conv2d_2"), QStringLiteral("conv2d_3")}));
    QVERIFY(player()->applies());
    QCOMPARE(player()->tracer()->header().inputHw, (Cell{7, 7}));
    QCOMPARE(player()->stepCount(), 16);
    QCOMPARE(snap->activation(QStringLiteral("max_pooling2d_2"))->channels(), 4);

    // Undo: the trained weights come back; the activations equal a fresh run's again.
    doc->undoStack()->undo();
    QVERIFY(w->waitForCompute());
    snap = w->forwardController()->snapshot();
    QVERIFY(snap->seededLayers.isEmpty());
    const auto runner = test::referenceRun(doc->report(), kDigit, kAutoencoderWeights);
    QVERIFY(runner);
    player()->lastStep();
    compareOutput(*runner->activation(std::string("max_pooling2d_2")), 0, 0);

    // A burst of edits (a spin-box drag): stale runs are dropped or cancelled; the last state wins.
    for (int k = 2; k <= 7; ++k)
        QVERIFY(doc->setParam(QStringLiteral("conv2d_4"), QStringLiteral("filters"), ParamValue(k), true));
    doc->finishInteraction();
    QVERIFY(w->forwardController()->busy());
    QVERIFY(w->waitForCompute());
    snap = w->forwardController()->snapshot();
    QCOMPARE(snap->activation(QStringLiteral("conv2d_4"))->channels(), 7);
    QCOMPARE(snap->report.layers.size(), doc->report().layers.size());
    for (size_t i = 0; i < snap->report.layers.size(); ++i)
        QCOMPARE(snap->report.layers[i].output, doc->report().layers[i].output);
    QVERIFY(w->forwardController()->lastError().isEmpty());
}

void TestGuiPlayer::memoryBudgetRefusal()
{
    selectAndWait(QStringLiteral("max_pooling2d_2"));
    QSignalSpy failed(w->forwardController(), &ForwardController::runFailed);
    w->forwardController()->setMemoryBudget(4096);
    // Any change makes the Runner run again: a new input.
    w->forwardController()->setInput(InputSource{QImage(kDigit), {}, LiveText::plain(QStringLiteral("again")), false});
    QVERIFY(w->waitForCompute());
    QCOMPARE(failed.count(), 1);
    QVERIFY(w->forwardController()->lastError().contains(QStringLiteral("budget")));
    QVERIFY(w->lastMessage().contains(QStringLiteral("Forward pass failed")));
    QVERIFY(player()->applies()); // the previous activations stay on screen
    w->forwardController()->setMemoryBudget(kDefaultMemoryBudget);
    QVERIFY(w->waitForCompute());
    QVERIFY(w->forwardController()->lastError().isEmpty());
}

void TestGuiPlayer::frameRate()
{
    // A 256×256 map: a 3×3 'same' convolution over 8 channels. Not a pass/fail timing test: it prints the measured
    // frames per second (paint of the whole window area of the canvas, synchronously) for the report.
    const QString code = QStringLiteral("import keras\nfrom keras import layers\n"
                                        "inp = keras.Input(shape=(256, 256, 8))\n"
                                        "x = layers.Conv2D(8, (3, 3), padding='same', activation='relu')(inp)\n"
                                        "model = keras.Model(inp, x)\n");
    QVERIFY(w->importCode(code));
    w->resize(1600, 1000);
    selectAndWait(QStringLiteral("conv2d"));
    StepPlayerView *p = player();
    QVERIFY2(p->applies(), qPrintable(p->messageText()));
    QCOMPARE(p->stepCount(), 256 * 256);
    QWidget *canvas = p->canvas();
    const auto measure = [&](const char *what) {
        const int frames = 240;
        QElapsedTimer t;
        t.start();
        for (int i = 0; i < frames; ++i) {
            p->stepBy(1); // what playback does per frame: the next step, its arithmetic, controls, a repaint
            canvas->repaint();
        }
        const double ms = double(t.nsecsElapsed()) / 1e6;
        const double fps = frames * 1000.0 / ms;
        qInfo("frame rate, %s (canvas %dx%d, %.1f px per cell): %.0f fps (%.2f ms per frame)", what, canvas->width(),
              canvas->height(), p->layout().cellPx, fps, ms / frames);
        QVERIFY(fps > 0);
    };
    p->setStep(128 * 256 + 100);
    p->fit();
    measure("fit, whole 258x258 padded map");
    while (p->layout().cellPx < 40)
        p->zoomBy(1.25);
    measure("zoomed, values in every visible cell");
    p->zoomBy(4);
    measure("zoomed further, weights and pad labels");
    // Scrubbing across the map (random access to steps).
    QElapsedTimer t;
    t.start();
    for (int i = 0; i < 120; ++i) {
        p->setStep((std::int64_t(i) * 7919) % p->stepCount());
        canvas->repaint();
    }
    qInfo("scrubbing, random steps: %.0f fps", 120 * 1000.0 / (double(t.nsecsElapsed()) / 1e6));
}

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QStandardPaths::setTestModeEnabled(true);
    QApplication app(argc, argv);
    TestGuiPlayer t;
    return QTest::qExec(&t, argc, argv);
}

#include "tst_gui_player.moc"
