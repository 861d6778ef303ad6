// step_player.cpp — the player's controls, wiring them to PlayerState, and the painting of what PlayerLayout computed,
// limited to the visible cells.
#include "step_player.h"

#include "canvas_ink.h"

#include <QComboBox>
#include <QHash>
#include <QIcon>
#include <QPixmap>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPainter>
#include <QSlider>
#include <QStackedWidget>
#include <QStyle>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>

namespace convlens {

namespace {

using i64 = std::int64_t;

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

// The player's buttons, drawn in the palette's button-text colour: the style's media icons are dark glyphs that vanish
// on a dark theme.
enum class MediaIcon { First, Back, Play, Pause, Forward, Last };

QIcon mediaIcon(MediaIcon kind, const QColor &color)
{
    QIcon icon;
    for (const qreal dpr : {1.0, 2.0}) {
        QPixmap pm(QSize(16, 16) * dpr);
        pm.setDevicePixelRatio(dpr);
        pm.fill(Qt::transparent);
        QPainter p(&pm);
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(Qt::NoPen);
        p.setBrush(color);
        const auto right = [&p](double x0, double x1) { // a triangle pointing right over [x0, x1]
            p.drawPolygon(QPolygonF({QPointF(x0, 3), QPointF(x1, 8), QPointF(x0, 13)}));
        };
        const auto left = [&p](double x0, double x1) {
            p.drawPolygon(QPolygonF({QPointF(x1, 3), QPointF(x0, 8), QPointF(x1, 13)}));
        };
        switch (kind) {
        case MediaIcon::First:
            p.drawRect(QRectF(2, 3, 2, 10));
            left(4, 13);
            break;
        case MediaIcon::Back:
            left(1, 8);
            left(8, 15);
            break;
        case MediaIcon::Play:
            right(3, 14);
            break;
        case MediaIcon::Pause:
            p.drawRect(QRectF(3.5, 3, 3, 10));
            p.drawRect(QRectF(9.5, 3, 3, 10));
            break;
        case MediaIcon::Forward:
            right(1, 8);
            right(8, 15);
            break;
        case MediaIcon::Last:
            right(3, 12);
            p.drawRect(QRectF(12, 3, 2, 10));
            break;
        }
        p.end();
        icon.addPixmap(pm);
    }
    return icon;
}

} // namespace

// ------------------------------------------------------------------------------------------------------ StepCanvas

class StepCanvas : public QWidget {
public:
    explicit StepCanvas(StepPlayerView *view) : QWidget(view), m_view(view)
    {
        setObjectName(QStringLiteral("stepCanvas"));
        setFocusPolicy(Qt::StrongFocus);
        setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
        setMinimumSize(240, 160);
        setAttribute(Qt::WA_OpaquePaintEvent);
    }

protected:
    void paintEvent(QPaintEvent *e) override
    {
        QPainter p(this);
        p.setClipRect(e->rect());
        m_view->paintCanvas(p);
    }
    void resizeEvent(QResizeEvent *) override { m_view->canvasResized(); }
    void wheelEvent(QWheelEvent *e) override
    {
        const double steps = e->angleDelta().y() / 120.0;
        if (steps == 0)
            return;
        m_view->m_layout.zoomAt(e->position(), std::pow(1.2, steps));
        m_view->m_autoFit = false;
        update();
        e->accept();
    }
    void mousePressEvent(QMouseEvent *e) override
    {
        setFocus();
        if (e->button() != Qt::LeftButton)
            return;
        m_press = e->position();
        m_lastPos = m_press;
        m_dragging = false;
    }
    void mouseMoveEvent(QMouseEvent *e) override
    {
        if (!(e->buttons() & Qt::LeftButton))
            return;
        if (!m_dragging && (e->position() - m_press).manhattanLength() > 4) {
            m_dragging = true;
            setCursor(Qt::ClosedHandCursor);
        }
        if (m_dragging) {
            m_view->m_layout.panBy(e->position() - m_lastPos);
            m_view->m_autoFit = false;
            m_lastPos = e->position();
            update();
        }
    }
    void mouseReleaseEvent(QMouseEvent *e) override
    {
        if (e->button() != Qt::LeftButton)
            return;
        if (m_dragging)
            unsetCursor();
        else
            m_view->clickAt(e->position());
        m_dragging = false;
    }

private:
    StepPlayerView *m_view;
    QPointF m_press, m_lastPos;
    bool m_dragging = false;
};

// -------------------------------------------------------------------------------------------------- StepPlayerView

StepPlayerView::StepPlayerView(QWidget *parent)
    : LayerView(tr("Select a Conv2D, pooling or transposed-convolution layer to replay it step by step."), parent)
{
    setObjectName(QStringLiteral("stepPlayer"));
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    statusLabel()->setObjectName(QStringLiteral("playerStatus"));
    statusLabel()->setContentsMargins(6, 2, 6, 0);
    outer->addWidget(statusLabel());
    outer->addWidget(weightsBanner());
    m_stack = new QStackedWidget(this);
    outer->addWidget(m_stack, 1);

    m_messageLabel = new QLabel(m_stack);
    m_messageLabel->setObjectName(QStringLiteral("playerMessage"));
    m_messageLabel->setAlignment(Qt::AlignCenter);
    m_messageLabel->setWordWrap(true);
    m_messageLabel->setMargin(40);
    m_messageLabel->setTextFormat(Qt::RichText);
    QFont messageFont = m_messageLabel->font();
    messageFont.setPointSizeF(messageFont.pointSizeF() * 1.15);
    m_messageLabel->setFont(messageFont);
    m_stack->addWidget(m_messageLabel);

    auto *page = new QWidget(m_stack);
    auto *v = new QVBoxLayout(page);
    v->setContentsMargins(6, 4, 6, 4);
    v->setSpacing(3);

    m_controlsRow = new QWidget(page);
    auto *controls = new QHBoxLayout(m_controlsRow);
    controls->setContentsMargins(0, 0, 0, 0);
    controls->setSpacing(4);
    controls->addWidget(new QLabel(tr("Channel"), page));
    m_channelBox = new QComboBox(page);
    m_channelBox->setObjectName(QStringLiteral("playerChannel"));
    m_channelBox->setToolTip(tr("The output channel replayed"));
    connect(m_channelBox, &QComboBox::currentIndexChanged, this, [this](int i) {
        if (!m_updatingControls && i >= 0)
            setChannel(i);
    });
    controls->addWidget(m_channelBox);
    m_inChannelLabel = new QLabel(tr("input ch."), page);
    m_inChannelLabel->setToolTip(tr("The input channel whose cells and weights are drawn"));
    controls->addWidget(m_inChannelLabel);
    m_inChannelBox = new QComboBox(page);
    m_inChannelBox->setObjectName(QStringLiteral("playerInputChannel"));
    m_inChannelBox->setToolTip(tr("Which input channel's cells and weights are drawn; the output sums all of them"));
    connect(m_inChannelBox, &QComboBox::currentIndexChanged, this, [this](int i) {
        if (!m_updatingControls && i >= 0)
            setInputChannel(m_inChannelBox->itemData(i).toInt());
    });
    controls->addWidget(m_inChannelBox);
    controls->addSpacing(10);

    const auto button = [&](const QString &tip, const char *name) {
        auto *b = new QToolButton(page);
        b->setToolTip(tip);
        b->setObjectName(QString::fromLatin1(name));
        b->setFocusPolicy(Qt::NoFocus); // Space and the arrows belong to the player, not to a button
        b->setAutoRaise(true);
        controls->addWidget(b);
        return b;
    };
    m_first = button(tr("First step (Home)"), "firstStep");
    m_back = button(tr("Step back (←)"), "stepBack");
    m_play = button(tr("Play / pause (Space)"), "playPause");
    m_forward = button(tr("Step forward (→)"), "stepForward");
    m_last = button(tr("Last step (End)"), "lastStep");
    updateIcons();
    connect(m_first, &QToolButton::clicked, this, &StepPlayerView::firstStep);
    connect(m_back, &QToolButton::clicked, this, [this] { stepBy(-1); });
    connect(m_play, &QToolButton::clicked, this, &StepPlayerView::togglePlay);
    connect(m_forward, &QToolButton::clicked, this, [this] { stepBy(1); });
    connect(m_last, &QToolButton::clicked, this, &StepPlayerView::lastStep);

    controls->addSpacing(10);
    controls->addWidget(new QLabel(tr("Speed"), page));
    m_speedSlider = new QSlider(Qt::Horizontal, page);
    m_speedSlider->setObjectName(QStringLiteral("playerSpeed"));
    m_speedSlider->setRange(0, 300); // log scale: 10^(v/100) steps per second, 1 … 1000
    m_speedSlider->setFixedWidth(80);
    m_speedSlider->setFocusPolicy(Qt::NoFocus);
    m_speedSlider->setToolTip(tr("Steps per second"));
    connect(m_speedSlider, &QSlider::valueChanged, this, [this](int value) {
        if (!m_updatingControls)
            setSpeed(std::pow(10.0, value / 100.0));
    });
    controls->addWidget(m_speedSlider);
    m_speedLabel = new QLabel(page);
    m_speedLabel->setMinimumWidth(m_speedLabel->fontMetrics().horizontalAdvance(QStringLiteral("1000/s")));
    m_speedLabel->setToolTip(tr("Steps per second"));
    controls->addWidget(m_speedLabel);
    controls->addSpacing(10);
    m_fit = new QToolButton(page);
    m_fit->setObjectName(QStringLiteral("playerFit"));
    m_fit->setText(tr("Fit"));
    m_fit->setToolTip(tr("Fit both grids in the view (F); wheel zooms, drag pans"));
    m_fit->setFocusPolicy(Qt::NoFocus);
    connect(m_fit, &QToolButton::clicked, this, &StepPlayerView::fit);
    controls->addWidget(m_fit);
    controls->addStretch(1);
    v->addWidget(m_controlsRow);

    m_scrubRow = new QWidget(page);
    auto *scrub = new QHBoxLayout(m_scrubRow);
    scrub->setContentsMargins(0, 0, 0, 0);
    m_scrubber = new QSlider(Qt::Horizontal, page);
    m_scrubber->setObjectName(QStringLiteral("playerScrubber"));
    m_scrubber->setFocusPolicy(Qt::NoFocus);
    m_scrubber->setToolTip(tr("Scrub through the steps"));
    connect(m_scrubber, &QSlider::valueChanged, this, [this](int value) {
        if (!m_updatingControls)
            setStep(value);
    });
    m_stepLabel = new QLabel(page);
    m_stepLabel->setObjectName(QStringLiteral("playerStep"));
    // Wide enough for a large layer's step, so the scrubber does not jump while playing.
    m_stepLabel->setMinimumWidth(
        m_stepLabel->fontMetrics().horizontalAdvance(QStringLiteral("step 65536 / 65536 · output (255, 255)")) * 3 / 4);
    scrub->addWidget(m_scrubber, 1);
    scrub->addWidget(m_stepLabel);
    v->addWidget(m_scrubRow);

    m_canvas = new StepCanvas(this);
    v->addWidget(m_canvas, 1);

    m_info = new QLabel(page);
    m_info->setObjectName(QStringLiteral("playerInfo"));
    m_info->setWordWrap(true);
    m_info->setTextFormat(Qt::RichText);
    m_info->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_info->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_info->setMinimumHeight(m_info->fontMetrics().height() * 3);
    m_info->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);
    v->addWidget(m_info);
    m_stack->addWidget(page);

    m_timer = new QTimer(this);
    m_timer->setTimerType(Qt::PreciseTimer);
    connect(m_timer, &QTimer::timeout, this, &StepPlayerView::tick);
    setSpeed(m_state.speed());
    setMessage(tr("Select a Conv2D, pooling or transposed-convolution layer to replay it step by step."));
}

QWidget *StepPlayerView::canvas() const
{
    return m_canvas;
}

QAbstractButton *StepPlayerView::playButton() const
{
    return m_play;
}

void StepPlayerView::layerChanged()
{
    m_channel = 0;
    m_inputChannel = -1;
    pause();
}

void StepPlayerView::runFailed()
{
    if (!applies())
        requestRefresh();
}

void StepPlayerView::setChannel(int channel)
{
    if (channel == m_channel)
        return;
    m_channel = channel;
    m_inputChannel = -1;
    requestRefresh();
}

void StepPlayerView::setInputChannel(int inputChannel)
{
    if (inputChannel == m_inputChannel)
        return;
    m_inputChannel = inputChannel;
    requestRefresh();
}

void StepPlayerView::displayMessage(const QString &text)
{
    pause();
    m_state.setTracer(std::nullopt);
    m_messageLabel->setText(text);
    m_stack->setCurrentIndex(0);
    updateStatus();
}

void StepPlayerView::refresh()
{
    const std::optional<int> index = takeSnapshot();
    if (!index)
        return;
    const QString name = layer().toHtmlEscaped();
    const LayerReport &l = m_snap->report.layers[size_t(*index)];
    std::string why;
    if (!traceable(l, &why))
        return setMessage(tr("<b>The step player does not apply here.</b><br><br>%1.<br><br>It replays layers that "
                             "slide a window over their input: Conv2D, DepthwiseConv2D, SeparableConv2D, max and "
                             "average pooling, and transposed convolutions (as a scatter). The Feature maps tab shows "
                             "this layer's output.")
                              .arg(qs(why).toHtmlEscaped()));
    const Tensor *input = l.inputs.empty() ? nullptr : m_snap->activation(QString::fromStdString(l.inputs.front()));
    if (!input)
        return setMessage(tr("The input of ‘%1’ has not been computed.").arg(name));
    const i64 channels = traceChannelCount(l);
    m_channel = int(std::clamp<i64>(m_channel, 0, std::max<i64>(0, channels - 1)));
    std::string err;
    auto tracer =
        LayerTracer::create(l, *input, m_snap->layerWeights(*index), m_channel, TraceOptions{m_inputChannel}, &err);
    if (!tracer && m_inputChannel >= 0) {
        m_inputChannel = -1;
        tracer = LayerTracer::create(l, *input, m_snap->layerWeights(*index), m_channel, TraceOptions{}, &err);
    }
    if (!tracer)
        return setMessage(tr("Cannot replay ‘%1’: %2").arg(name, qs(err).toHtmlEscaped()));

    // The same layer with the same geometry (an edit elsewhere, another channel): keep the step and the view.
    const WindowTrace &nh = tracer->header();
    const WindowTrace &oh = traceHeader();
    const bool same = applies() && oh.layer == nh.layer && oh.op == nh.op && oh.paddedHw == nh.paddedHw &&
                      oh.outputHw == nh.outputHw && oh.inputHw == nh.inputHw;
    const PlayerLayout old = m_layout;
    i64 step = same ? currentStep() : 0;
    if (m_pendingStep) {
        step = *m_pendingStep;
        m_pendingStep.reset();
    }
    m_state.setTracer(std::move(tracer), step);
    m_layout = PlayerLayout::forTrace(traceHeader());
    m_layout.textScale = textScale();
    m_layout.valueFraction = valueFraction();
    if (same && !m_autoFit) {
        m_layout.cellPx = old.cellPx;
        m_layout.pan = old.pan;
    } else {
        m_autoFit = true;
    }
    clearMessage();
    m_stack->setCurrentIndex(1);
    buildImages();
    if (m_autoFit)
        fit();
    updateStatus();
    stepShown(true);
}

void StepPlayerView::buildImages()
{
    m_images = StepImages::forState(m_state);
}

void StepPlayerView::setPendingStep(std::int64_t step)
{
    if (applies())
        setStep(step);
    else
        m_pendingStep = step;
}

void StepPlayerView::setStep(std::int64_t step)
{
    if (!applies())
        return;
    stepShown(m_state.setStep(step));
}

// After the state moved (or a new trace arrived): the scatter's image, the controls, the arithmetic, the canvas.
void StepPlayerView::stepShown(bool changed)
{
    m_images.updatePartial(m_state);
    updateControls();
    updateInfo();
    m_canvas->update();
    if (changed)
        Q_EMIT stepChanged(currentStep());
}

void StepPlayerView::play()
{
    if (!m_state.play())
        return;
    stepShown(false);
    m_timer->start();
    updateIcons();
}

void StepPlayerView::pause()
{
    m_state.pause();
    m_timer->stop();
    updateIcons();
}

void StepPlayerView::updateIcons()
{
    if (!m_play)
        return;
    const QColor ink = palette().color(QPalette::ButtonText);
    m_first->setIcon(mediaIcon(MediaIcon::First, ink));
    m_back->setIcon(mediaIcon(MediaIcon::Back, ink));
    m_play->setIcon(mediaIcon(m_timer && m_timer->isActive() ? MediaIcon::Pause : MediaIcon::Play, ink));
    m_forward->setIcon(mediaIcon(MediaIcon::Forward, ink));
    m_last->setIcon(mediaIcon(MediaIcon::Last, ink));
}

void StepPlayerView::changeEvent(QEvent *e)
{
    LayerView::changeEvent(e);
    if (e->type() == QEvent::PaletteChange)
        updateIcons();
}

void StepPlayerView::togglePlay()
{
    playing() ? pause() : play();
}

bool StepPlayerView::playing() const
{
    return m_timer->isActive();
}

void StepPlayerView::setSpeed(double sps)
{
    m_state.setSpeed(sps);
    const double speed = m_state.speed();
    m_timer->setInterval(m_state.tickIntervalMs());
    m_updatingControls = true;
    m_speedSlider->setValue(int(std::lround(std::log10(speed) * 100.0)));
    m_updatingControls = false;
    m_speedLabel->setText(tr("%1/s").arg(speed < 10 ? std::round(speed * 10) / 10 : std::round(speed)));
}

void StepPlayerView::tick()
{
    const bool changed = m_state.tick(m_timer->interval());
    if (changed)
        stepShown(true);
    if (!m_state.playing())
        pause();
}

void StepPlayerView::fit()
{
    m_autoFit = true;
    const QFontMetricsF fm(m_canvas->font());
    const double legend = applies() ? StepPainter::legendHeight(traceHeader(), fm, QRectF(m_canvas->rect())) : 0;
    // A projector has no pixel to spare around the grids.
    m_layout.fit(QRectF(m_canvas->rect()).adjusted(0, 0, 0, -legend), presenting() ? 6 : 16,
                 StepPainter::titleSpace(fm));
    m_canvas->update();
}

double StepPlayerView::textScale() const
{
    return presenting() ? m_presentationPx / 13.0 : 1.0; // 13 px: the cells' label size at scale 1
}

double StepPlayerView::valueFraction() const
{
    // Two decimals ("0.80", 2.2 em in DejaVu Sans) still fit a cell at 0.42 of its width; the normal view leaves
    // the cells more air.
    return presenting() ? 0.42 : 0.36;
}

void StepPlayerView::setPresentationText(int px)
{
    m_presentationPx = std::max(0, px);
    const bool on = presenting();
    // The presentation bar has the layer, the step controls and the speed (the channel is chosen before presenting).
    m_controlsRow->setVisible(!on);
    m_scrubRow->setVisible(!on);
    statusLabel()->setVisible(!on);
    // Fonts with only the size set (the rest inherited), and none at all when leaving.
    QFont text;
    text.setPixelSize(std::max(1, m_presentationPx));
    m_info->setFont(on ? text : QFont());
    m_info->setMinimumHeight(m_info->fontMetrics().height() * (on ? 1 : 3));
    // The grid titles and the legend follow the text, smaller: they are read less often than the cells, and every
    // row they take is taken from the cells.
    QFont canvasFont;
    canvasFont.setPixelSize(std::max(12, m_presentationPx * 2 / 3));
    m_canvas->setFont(on ? canvasFont : QFont());
    m_layout.textScale = textScale();
    m_layout.valueFraction = valueFraction();
    updateInfo();
    if (m_autoFit || on)
        fit();
}

void StepPlayerView::zoomBy(double factor)
{
    m_autoFit = false;
    m_layout.zoomAt(QRectF(m_canvas->rect()).center(), factor);
    m_canvas->update();
}

void StepPlayerView::canvasResized()
{
    if (m_autoFit)
        fit();
}

void StepPlayerView::updateControls()
{
    m_updatingControls = true;
    const bool have = applies();
    const i64 n = stepCount();
    m_scrubber->setRange(0, int(std::max<i64>(0, n - 1)));
    m_scrubber->setValue(int(m_state.step()));
    for (QWidget *w :
         {static_cast<QWidget *>(m_first), static_cast<QWidget *>(m_back), static_cast<QWidget *>(m_play),
          static_cast<QWidget *>(m_forward), static_cast<QWidget *>(m_last), static_cast<QWidget *>(m_scrubber)})
        w->setEnabled(have && n > 0);
    if (have) {
        const bool transposed = traceHeader().op == Op::ConvTranspose;
        m_stepLabel->setText(tr("step %1 / %2 · %3 (%4, %5)")
                                 .arg(m_state.step() + 1)
                                 .arg(n)
                                 .arg(transposed ? tr("input") : tr("output"))
                                 .arg(m_state.current().out[0])
                                 .arg(m_state.current().out[1]));
        const LayerReport *l = nullptr;
        if (m_snap)
            if (const int i = m_snap->indexOf(layer()); i >= 0)
                l = &m_snap->report.layers[size_t(i)];
        const i64 channels = l ? traceChannelCount(*l) : 0;
        if (m_channelBox->count() != channels) {
            m_channelBox->clear();
            for (i64 c = 0; c < channels; ++c)
                m_channelBox->addItem(QString::number(c));
        }
        m_channelBox->setCurrentIndex(m_channel);
        const bool many = traceHeader().inputChannels.size() > 1;
        m_inChannelBox->setVisible(many);
        m_inChannelLabel->setVisible(many);
        if (many) {
            bool sameItems = m_inChannelBox->count() == int(traceHeader().inputChannels.size());
            for (int i = 0; sameItems && i < m_inChannelBox->count(); ++i)
                sameItems = m_inChannelBox->itemData(i).toLongLong() == traceHeader().inputChannels[size_t(i)];
            if (!sameItems) {
                m_inChannelBox->clear();
                for (i64 c : traceHeader().inputChannels)
                    m_inChannelBox->addItem(QString::number(c), QVariant::fromValue(qlonglong(c)));
            }
            const auto it = std::find(traceHeader().inputChannels.begin(), traceHeader().inputChannels.end(), traceHeader().inputChannel);
            m_inChannelBox->setCurrentIndex(int(it - traceHeader().inputChannels.begin()));
        }
    }
    m_updatingControls = false;
}

void StepPlayerView::updateInfo()
{
    if (!applies()) {
        m_info->clear();
        m_info->setToolTip({});
        return;
    }
    const StepCaption c = StepPainter::caption(m_state);
    const auto mono = [](const QString &t) {
        return QStringLiteral("<span style='font-family:monospace'>%1</span>").arg(t.toHtmlEscaped());
    };
    if (presenting()) {
        // One line, the step's arithmetic, so the cells keep the screen's height: the layer and the step are in the
        // bar, the padding in the grid titles, the formula in the tooltip.
        m_info->setText(mono(c.arithmetic));
        m_info->setToolTip(c.formula + u'\n' + c.fullArithmetic);
        return;
    }
    QStringList parts;
    parts << QStringLiteral("<b>%1</b>: %2").arg(c.layer.toHtmlEscaped(), c.formula.toHtmlEscaped());
    if (!c.note.isEmpty())
        parts << QStringLiteral("<i>%1</i>").arg(c.note.toHtmlEscaped());
    parts << QStringLiteral("<b>%1</b> %2").arg(c.step.toHtmlEscaped(), mono(c.arithmetic));
    m_info->setText(parts.join(QStringLiteral("<br>")));
    m_info->setToolTip(c.fullArithmetic);
}

QString StepPlayerView::infoText() const
{
    return m_info->text();
}

bool StepPlayerView::outputComplete(std::int64_t row, std::int64_t col) const
{
    const WindowTrace &hd = traceHeader();
    if (!applies() || row < 0 || col < 0 || row >= hd.outputHw[0] || col >= hd.outputHw[1])
        return false;
    return m_state.cellState(row * hd.outputHw[1] + col) == PlayerState::CellState::Final;
}

bool StepPlayerView::clickAt(const QPointF &pos)
{
    if (!applies())
        return false;
    std::optional<std::int64_t> step;
    if (const auto out = m_layout.innerCellAt(PlayerLayout::Right, pos)) {
        step = m_state.stepForOutputClick((*out)[0], (*out)[1]);
        if (!step)
            return false;
    } else if (const auto in = m_layout.innerCellAt(PlayerLayout::Left, pos)) {
        step = m_state.stepForInputClick((*in)[0], (*in)[1]);
    }
    if (!step)
        return false;
    pause();
    setStep(*step);
    return true;
}

void StepPlayerView::keyPressEvent(QKeyEvent *e)
{
    if (!applies()) {
        QWidget::keyPressEvent(e);
        return;
    }
    switch (e->key()) {
    case Qt::Key_Space:
        togglePlay();
        break;
    case Qt::Key_Right:
        pause();
        stepBy(e->modifiers() & Qt::ShiftModifier ? 10 : 1);
        break;
    case Qt::Key_Left:
        pause();
        stepBy(e->modifiers() & Qt::ShiftModifier ? -10 : -1);
        break;
    case Qt::Key_Home:
        pause();
        firstStep();
        break;
    case Qt::Key_End:
        pause();
        lastStep();
        break;
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomBy(1.25);
        break;
    case Qt::Key_Minus:
        zoomBy(0.8);
        break;
    case Qt::Key_F:
    case Qt::Key_0:
        fit();
        break;
    default:
        QWidget::keyPressEvent(e);
        return;
    }
    e->accept();
}

// ---------------------------------------------------------------------------------------------------------- paint

void StepPlayerView::paintCanvas(QPainter &p)
{
    StepPainter(m_layout, m_state, m_images, CanvasInk::from(m_canvas->palette())).paint(p, QRectF(m_canvas->rect()));
}

} // namespace convlens
