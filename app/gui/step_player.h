// step_player.h — the "Step player" tab: one layer replayed window by window, with the framework's own padding.
//
// For a Conv2D / DepthwiseConv2D / SeparableConv2D (effective depthwise×pointwise weights) / pooling layer: the chosen input channel's
// plane inside its padding, each pad cell drawn where the framework pads (TF 'same' puts the odd cell bottom/right,
// torch pads symmetrically, a ceil_mode window may hang over the edge) and labelled by what it means there; the window
// of the current step with its dilation holes; the output filling in step by step; the arithmetic of the step with
// real numbers and, for a convolution over several input channels, the per-channel partial sums it adds up. A
// transposed convolution is shown as the scatter it is: each input cell stamps the kernel onto the output canvas,
// overlapping stamps add up, cells outside the cropped output are marked.
//
// Data: a core LayerTracer built from the ForwardController's snapshot through LayerView (steps computed on demand, so a
// 256×256 map costs nothing until drawn). State (step, playing, speed, the scatter's running sums, clicks): PlayerState
// (player_state.h). Geometry: PlayerLayout (player_layout.h). Painting draws only the visible cells; the input and
// output planes are precomputed images that are only scaled.
#pragma once

#include "colormap.h"
#include "layer_view.h"
#include "player_layout.h"
#include "player_state.h"
#include "step_painter.h"
#include "trace/trace.h"

#include <optional>

class QAbstractButton;
class QComboBox;
class QLabel;
class QSlider;
class QStackedWidget;
class QTimer;
class QToolButton;

namespace convlens {

struct CanvasInk;
class StepCanvas;

class StepPlayerView : public LayerView {
    Q_OBJECT
public:
    explicit StepPlayerView(QWidget *parent = nullptr);

    // Whether the player applies to the selected layer; otherwise messageText() says why.
    bool applies() const { return m_state.hasTrace(); }
    const LayerTracer *tracer() const { return m_state.tracer(); }
    const PlayerState &state() const { return m_state; }

    std::int64_t stepCount() const { return m_state.stepCount(); }
    std::int64_t currentStep() const { return m_state.step(); }
    const TraceStep &currentTraceStep() const { return m_state.current(); }
    void setStep(std::int64_t step);
    void stepBy(std::int64_t delta) { setStep(currentStep() + delta); }
    void firstStep() { setStep(0); }
    void lastStep() { setStep(stepCount() - 1); }
    // Applied as soon as a trace exists (the --step option, before the forward pass has finished).
    void setPendingStep(std::int64_t step);

    void play();
    void pause();
    void togglePlay();
    bool playing() const;
    void setSpeed(double stepsPerSecond); // 1 … 1000
    double speed() const { return m_state.speed(); }

    void setChannel(int channel);
    void setInputChannel(int inputChannel); // -1: the first of the group
    int channel() const { return m_channel; }

    void fit();
    void zoomBy(double factor); // about the canvas centre
    const PlayerLayout &layout() const { return m_layout; }
    QWidget *canvas() const;
    QSlider *scrubber() const { return m_scrubber; }
    QSlider *speedSlider() const { return m_speedSlider; }
    QAbstractButton *playButton() const;
    QString infoText() const;

    // Presentation mode (View ▸ Presentation): no controls of its own (the presentation bar has them), the step's
    // arithmetic in `px`-pixel text (one line; the formula in its tooltip), the grid titles and legend smaller, and
    // the cells' numbers larger in their cells and allowed to grow with the text (PlayerLayout::textScale) as far as
    // the fitted cells hold them. 0 leaves.
    void setPresentationText(int px);
    bool presenting() const { return m_presentationPx > 0; }
    int presentationText() const { return m_presentationPx; }

    // The output grid as drawn now, row-major: NaN for cells not reached yet (window layers: the cells of later
    // steps; transposed convolution: cells no stamp has reached). A transposed convolution's cell that still awaits
    // stamps holds its running sum (bias + stamps so far, before the activation); see outputComplete().
    std::vector<double> displayedOutput() const { return m_state.displayedOutput(); }
    // Transposed convolution: whether every stamp that writes the cell has been applied (its value is final).
    bool outputComplete(std::int64_t row, std::int64_t col) const;

    // Clicks on the output grid (and, for a transposed convolution, on the input) jump to the step: what a mouse click
    // at that cell does. False when the point is not on such a cell.
    bool clickAt(const QPointF &canvasPos);

Q_SIGNALS:
    void stepChanged(std::int64_t step);

protected:
    void keyPressEvent(QKeyEvent *e) override;
    void changeEvent(QEvent *e) override;
    void refresh() override;
    void displayMessage(const QString &text) override;
    void layerChanged() override;
    void runFailed() override;

private:
    friend class StepCanvas;
    void buildImages();
    void updateIcons();
    void stepShown(bool changed);
    void updateControls();
    void updateInfo();
    void tick();
    void paintCanvas(QPainter &p);
    void canvasResized();
    double textScale() const;
    double valueFraction() const;

    const WindowTrace &traceHeader() const { return m_state.header(); }

    PlayerState m_state;
    int m_channel = 0, m_inputChannel = -1;
    std::optional<std::int64_t> m_pendingStep;
    PlayerLayout m_layout;
    bool m_autoFit = true;
    int m_presentationPx = 0;

    StepImages m_images;
    QTimer *m_timer = nullptr;

    QStackedWidget *m_stack = nullptr;
    QWidget *m_controlsRow = nullptr, *m_scrubRow = nullptr;
    QLabel *m_messageLabel = nullptr, *m_info = nullptr, *m_stepLabel = nullptr, *m_speedLabel = nullptr;
    QLabel *m_inChannelLabel = nullptr;
    QComboBox *m_channelBox = nullptr, *m_inChannelBox = nullptr;
    QToolButton *m_first = nullptr, *m_back = nullptr, *m_play = nullptr, *m_forward = nullptr, *m_last = nullptr,
                *m_fit = nullptr;
    QSlider *m_scrubber = nullptr, *m_speedSlider = nullptr;
    StepCanvas *m_canvas = nullptr;
    bool m_updatingControls = false;
};

} // namespace convlens
