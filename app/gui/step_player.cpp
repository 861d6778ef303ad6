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
constexpr double kLabelSpace = 22; // pixels above the grids for their titles
const QColor kWindowColor(255, 140, 0);

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

bool isConv(Op op)
{
    return op == Op::Conv || op == Op::DepthwiseConv || op == Op::SeparableConv;
}

// How a pad cell looks and what it is called, by the layer's pad kind (the trace cell's pad kind).
struct PadLook {
    QColor fill;
    QString shortText, longText, meaning;
};

PadLook padLook(const WindowTrace &h, bool overhang)
{
    PadLook l;
    if (isConv(h.op)) {
        l = {QColor(214, 224, 236), QStringLiteral("0"), QObject::tr("0\npad"),
             QObject::tr("zeros: the convolution multiplies them like any cell")};
    } else if (h.op == Op::MaxPool) {
        l = {QColor(242, 214, 214), QStringLiteral("−∞"), QObject::tr("−∞\nignored"),
             QObject::tr("ignored (−∞): max pooling never picks them")};
    } else if (h.padKind == PadKind::CountedZero && !overhang) {
        l = {QColor(214, 236, 214), QStringLiteral("0"), QObject::tr("counted\nas 0"),
             QObject::tr("counted as 0: they add nothing but count in the divisor (count_include_pad=True)")};
    } else {
        l = {QColor(242, 233, 204), QStringLiteral("·"), QObject::tr("not\ncounted"),
             QObject::tr("not counted: the average divides by the real cells only")};
    }
    if (overhang) {
        l.fill = l.fill.darker(112);
        l.meaning = h.op == Op::MaxPool
                        ? QObject::tr("beyond the padding (ceil_mode): ignored")
                        : QObject::tr("beyond the padding (ceil_mode): not counted, even with count_include_pad");
        l.longText = h.op == Op::MaxPool ? QObject::tr("beyond\nignored") : QObject::tr("beyond\nnot counted");
    }
    return l;
}

void drawGridLines(QPainter &p, const PlayerLayout &L, PlayerLayout::Grid g, const CellSpan &s, const QColor &c)
{
    if (s.empty() || !L.showGridLines())
        return;
    p.setPen(QPen(c, 0));
    const QRectF a = L.spanRect(g, s.row0, s.col0, s.row1 - s.row0, s.col1 - s.col0);
    for (i64 x = s.col0; x <= s.col1; ++x) {
        const double px = L.cellRect(g, 0, x).left();
        p.drawLine(QPointF(px, a.top()), QPointF(px, a.bottom()));
    }
    for (i64 y = s.row0; y <= s.row1; ++y) {
        const double py = L.cellRect(g, y, 0).top();
        p.drawLine(QPointF(a.left(), py), QPointF(a.right(), py));
    }
}

// A grid's title above it, cut to the space up to the right edge of the view.
void drawTitle(QPainter &p, const QPointF &at, const QString &text, const QRectF &vp)
{
    const QFontMetricsF fm(p.font());
    const double room = vp.right() - at.x() - 6;
    if (room > 20)
        p.drawText(at, fm.elidedText(text, Qt::ElideRight, room));
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

// Cell texts as large as the zoom allows (PlayerLayout::valueFontPx), smaller where a text would overflow its cell
// (a long number, "−∞\nignored"); a two-line label that would get too small falls back to its first line. Widths
// are measured once per text and paint.
class CellText {
public:
    CellText(const QFont &font, double px) : m_font(font), m_px(px)
    {
        m_font.setPixelSize(int(px));
        m_lineHeight = QFontMetricsF(m_font).height();
    }
    double px() const { return m_px; }

    void draw(QPainter &p, const QRectF &cell, const QString &text, Qt::Alignment align = Qt::AlignCenter)
    {
        QString shown = text;
        double scale = fitScale(cell, shown);
        if (scale * m_px < 9 && shown.contains(u'\n')) {
            shown = shown.section(u'\n', 0, 0);
            scale = fitScale(cell, shown);
        }
        const int px = std::max(6, int(std::floor(m_px * scale)));
        if (px != m_lastPx) {
            QFont f = m_font;
            f.setPixelSize(px);
            p.setFont(f);
            m_lastPx = px;
        }
        p.drawText(cell, int(align), shown);
    }
    // The font a caller changed back to must be set again before the next text.
    void invalidate() { m_lastPx = -1; }

private:
    double fitScale(const QRectF &cell, const QString &text)
    {
        double widest = 0;
        int lines = 0;
        for (const QString &line : text.split(u'\n')) {
            auto it = m_widths.find(line);
            if (it == m_widths.end())
                it = m_widths.insert(line, QFontMetricsF(m_font).horizontalAdvance(line));
            widest = std::max(widest, *it);
            ++lines;
        }
        return std::min({1.0, (cell.width() - 4) / std::max(1.0, widest), (cell.height() - 2) / (lines * m_lineHeight)});
    }

    QFont m_font;
    double m_px, m_lineHeight = 0;
    int m_lastPx = -1;
    QHash<QString, double> m_widths;
};

// The current window's cells on grid `g`: highlighted and outlined, each labelled with `sign` and the
// cell's `label` field when it has one (the tap's weight on the input, the amount added on the output).
void drawTapCells(QPainter &p, const PlayerLayout &L, PlayerLayout::Grid g, const std::vector<TraceCell> &cells,
                  const QRectF &vp, CellText &labels, std::optional<double> TraceCell::*label, const QString &sign)
{
    for (const TraceCell &c : cells) {
        const QRectF r = L.cellRect(g, c.pos[0], c.pos[1]);
        if (!r.intersects(vp))
            continue;
        p.fillRect(r, QColor(255, 140, 0, 70));
        p.setPen(QPen(kWindowColor, std::max(1.0, std::min(2.0, L.cellPx / 12))));
        p.drawRect(r.adjusted(1, 1, -1, -1));
        if (c.*label && L.showLabels()) {
            // A dark brown tag on a light box, so it reads on any cell colour.
            const QRectF tag(r.left() + 2, r.bottom() - labels.px() - 3, r.width() - 4, labels.px() + 2);
            p.fillRect(tag, QColor(255, 236, 210, 200));
            p.setPen(QColor(110, 45, 0));
            labels.draw(p, tag, sign + cellNumber(*(c.*label)), Qt::AlignHCenter | Qt::AlignVCenter);
        }
    }
}

// The part of a half-open cell span that lies inside an inclusive rectangle.
CellSpan clipSpan(const CellSpan &s, const CellRect &r)
{
    CellSpan o{std::max(s.row0, r.top), std::min(s.row1, r.bottom + 1), std::max(s.col0, r.left),
               std::min(s.col1, r.right + 1)};
    return o.empty() ? CellSpan{} : o;
}

// The legend under the grids: what the window, the pad cells, the overhang and the holes look like and mean.
struct LegendEntry {
    QColor fill;
    Qt::BrushStyle pattern;
    QColor patternColor;
    QString text;
    bool outline = false;
};

std::vector<LegendEntry> legendEntries(const WindowTrace &h)
{
    std::vector<LegendEntry> entries;
    if (h.op == Op::ConvTranspose) {
        entries.push_back({QColor(255, 140, 0, 70), Qt::SolidPattern, QColor(255, 140, 0, 70),
                           QObject::tr("stamp of the current input cell: x·w added to each cell (overlaps add up)"),
                           true});
        entries.push_back({QColor(225, 225, 225), Qt::BDiagPattern, QColor(170, 170, 170),
                           QObject::tr("canvas cells cropped away from the output")});
        entries.push_back(
            {Qt::transparent, Qt::NoBrush, Qt::transparent,
             QObject::tr("italic: partial sum (bias + the stamps so far); upright: final, activation applied")});
    } else {
        const Pad4 &pd = h.padding;
        const bool padded = pd.top + pd.bottom + pd.left + pd.right > 0;
        entries.push_back(
            {QColor(255, 140, 0, 70), Qt::SolidPattern, QColor(255, 140, 0, 70),
             QObject::tr("window %1×%2, stride %3×%4%5")
                 .arg(h.kernel[0])
                 .arg(h.kernel[1])
                 .arg(h.stride[0])
                 .arg(h.stride[1])
                 .arg(h.dilation[0] > 1 || h.dilation[1] > 1 ? QObject::tr(", dilation %1×%2 (effective %3×%4)")
                                                                   .arg(h.dilation[0])
                                                                   .arg(h.dilation[1])
                                                                   .arg(h.effectiveKernel[0])
                                                                   .arg(h.effectiveKernel[1])
                                                             : QString()),
             true});
        if (padded) {
            const PadLook l = padLook(h, false);
            entries.push_back(
                {l.fill, Qt::BDiagPattern, l.fill.darker(130), QObject::tr("padding: %1").arg(l.meaning)});
        } else {
            entries.push_back({Qt::transparent, Qt::NoBrush, Qt::transparent,
                               QObject::tr("no padding: every window lies on the input")});
        }
        if (h.overhang[0] + h.overhang[1] > 0) {
            const PadLook l = padLook(h, true);
            entries.push_back({l.fill, Qt::DiagCrossPattern, l.fill.darker(140), l.meaning});
        }
        if (h.dilation[0] > 1 || h.dilation[1] > 1)
            entries.push_back({QColor(240, 240, 240), Qt::Dense6Pattern, QColor(150, 150, 150),
                               QObject::tr("holes: cells the dilated window skips")});
    }
    return entries;
}

// Where the legend goes: one column, or two side by side when the view is wide enough (saving the grids height).
struct LegendBox {
    QRectF rect;
    int columns = 1;
    double lineHeight = 16, columnWidth = 0;
};

LegendBox legendBox(const std::vector<LegendEntry> &entries, const QFontMetricsF &fm, const QRectF &vp)
{
    LegendBox b;
    b.lineHeight = std::max(16.0, fm.height() + 2);
    double w = 0;
    for (const LegendEntry &e : entries)
        w = std::max(w, fm.horizontalAdvance(e.text));
    b.columnWidth = w + 36;
    b.columns = entries.size() > 1 && 2 * b.columnWidth + 24 <= vp.width() ? 2 : 1;
    const double rows = std::ceil(double(entries.size()) / b.columns);
    b.rect = QRectF(vp.left() + 8, vp.bottom() - 8 - rows * b.lineHeight - 8, b.columns * b.columnWidth + 4,
                    rows * b.lineHeight + 8);
    return b;
}

double legendHeight(const WindowTrace &h, const QFontMetricsF &fm, const QRectF &vp)
{
    return legendBox(legendEntries(h), fm, vp).rect.height() + 16;
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
        m_view->paintCanvas(p, QRectF(e->rect()));
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

    auto *controls = new QHBoxLayout;
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
    v->addLayout(controls);

    auto *scrub = new QHBoxLayout;
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
    v->addLayout(scrub);

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
    const WindowTrace &hd = traceHeader();
    m_inScale = ColorScale::forValues(std::span<const double>(hd.inputPlane));
    m_inImage = planeImage(std::span<const double>(hd.inputPlane), hd.inputHw[1], hd.inputHw[0], m_inScale);
    m_outScale = ColorScale::forValues(std::span<const double>(hd.output));
    m_outImage = planeImage(std::span<const double>(hd.output), hd.outputHw[1], hd.outputHw[0], m_outScale);
    m_partialImage = {};
    if (m_state.transposed()) {
        m_partialImage = QImage(int(hd.outputHw[1]), int(hd.outputHw[0]), QImage::Format_ARGB32);
        updatePartialImage();
    }
}

// Recolours the cells of the scatter whose shown value changed with the last step (all of them after a rebuild).
void StepPlayerView::updatePartialImage()
{
    if (!m_state.transposed() || m_partialImage.isNull())
        return;
    const i64 OW = traceHeader().outputHw[1], n = OW * traceHeader().outputHw[0];
    const auto paint = [&](i64 i) {
        const double v = m_state.cellValue(i);
        m_partialImage.setPixel(int(i % OW), int(i / OW), std::isnan(v) ? qRgba(0, 0, 0, 0) : m_outScale.color(v));
    };
    if (m_state.allCellsChanged()) {
        for (i64 i = 0; i < n; ++i)
            paint(i);
    } else {
        for (i64 i : m_state.touchedCells())
            paint(i);
    }
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
    updatePartialImage();
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
    const double legend =
        applies() ? legendHeight(traceHeader(), QFontMetricsF(m_canvas->font()), QRectF(m_canvas->rect())) : 0;
    m_layout.fit(QRectF(m_canvas->rect()).adjusted(0, 0, 0, -legend), 16, kLabelSpace);
    m_canvas->update();
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
    const WindowTrace &h = traceHeader();
    const TraceStep &cur = m_state.current();
    const QString formula = qs(h.formula), note = qs(h.note);
    QStringList parts;
    parts << tr("<b>%1</b> (%2): %3").arg(qs(h.layer).toHtmlEscaped(), qs(h.type), formula.toHtmlEscaped());
    // The note often repeats what the formula already ends with ("padded cells are ignored (−∞)"): once is enough.
    if (!note.isEmpty() && !formula.contains(note.section(u':', 0, 0)))
        parts << tr("<i>%1</i>").arg(note.toHtmlEscaped());
    const bool transposed = h.op == Op::ConvTranspose;
    QString step = transposed ? tr("<b>Step %1 of %2</b> — input cell (%3, %4) stamps the kernel at canvas (%5, %6):")
                              : tr("<b>Step %1 of %2</b> — output (%3, %4) from the window at padded (%5, %6):");
    step = step.arg(m_state.step() + 1)
               .arg(stepCount())
               .arg(cur.out[0])
               .arg(cur.out[1])
               .arg(cur.windowOrigin[0])
               .arg(cur.windowOrigin[1]);
    const QString arithmetic = qs(cur.arithmetic);
    const auto mono = [](const QString &t) {
        return QStringLiteral("<span style='font-family:monospace'>%1</span>").arg(t.toHtmlEscaped());
    };
    if (transposed || cur.partials.empty()) {
        // Pooling and the scatter: the arithmetic is short, written out as it is.
        parts << step + u' ' + mono(arithmetic);
        if (transposed && cur.partials.size() > 1)
            parts << tr("Σ over the %1 input channels (x of each); the canvas shows the sum").arg(cur.partials.size());
    } else {
        // A convolution: its products are on the grid (the cells' values and their ×w labels), so the text says
        // only what they add up to, channel by channel; the whole arithmetic is in the tooltip.
        double own = 0;
        for (const ChannelTerm &t : cur.partials)
            if (t.channel == h.inputChannel)
                own = t.value;
        QString sums = tr("channel %1: Σ w·x = %2").arg(h.inputChannel).arg(cellNumber(own));
        if (cur.partials.size() > 1)
            sums += tr(" · Σ of the %1 input channels%2 = %3")
                        .arg(cur.partials.size())
                        .arg(h.bias ? tr(" + b (%1)").arg(cellNumber(*h.bias)) : QString())
                        .arg(cellNumber(cur.preActivation));
        else if (h.bias)
            sums += tr(" · + b (%1) = %2").arg(cellNumber(*h.bias), cellNumber(cur.preActivation));
        const QString last = arithmetic.section(QStringLiteral("; "), -1);
        if (!last.isEmpty() && last.front().isLetter() && last.contains(u'('))
            sums += QStringLiteral(" · ") + last; // the fused activation: relu(−0.20) = 0
        parts << step + u' ' + mono(sums);
    }
    m_info->setText(parts.join(QStringLiteral("<br>")));
    m_info->setToolTip(arithmetic);
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

void StepPlayerView::paintCanvas(QPainter &p, const QRectF &viewport)
{
    const CanvasInk ink = CanvasInk::from(m_canvas->palette());
    p.fillRect(viewport, ink.base);
    if (!applies())
        return;
    p.setRenderHint(QPainter::SmoothPixmapTransform, false);
    if (traceHeader().op == Op::ConvTranspose)
        paintTransposed(p, QRectF(m_canvas->rect()), ink);
    else
        paintWindowLayer(p, QRectF(m_canvas->rect()), ink);
    paintLegend(p, QRectF(m_canvas->rect()), ink);
}

namespace {

// Several input channels: the plane shown is the front of a stack the window sums through.
void drawChannelStack(QPainter &p, const QRectF &front, const CanvasInk &ink)
{
    for (int k = 2; k >= 1; --k) {
        const QRectF back = front.translated(5.0 * k, -5.0 * k);
        p.fillRect(back, mixColors(ink.base, ink.text, 0.08 * k));
        p.setPen(ink.line);
        p.drawRect(back);
    }
}

} // namespace

void StepPlayerView::paintWindowLayer(QPainter &p, const QRectF &vp, const CanvasInk &ink)
{
    const PlayerLayout &L = m_layout;
    const WindowTrace &h = traceHeader();
    const TraceStep &cur = m_state.current();
    const i64 step = m_state.step();
    const PlayerGrid &lg = L.left;
    const QRectF lrect = L.gridRect(PlayerLayout::Left);
    const QFont baseFont = p.font();
    CellText values(baseFont, L.valueFontPx()), labels(baseFont, L.labelFontPx());
    const QColor gridLine = mixColors(ink.line, Qt::transparent, 0.5);

    if (h.inputChannels.size() > 1)
        drawChannelStack(p, lrect, ink);

    // Padding everywhere in the frame, then the input on top of its inner part.
    const PadLook pad = padLook(h, false), over = padLook(h, true);
    const QRectF lvis = lrect.intersected(vp);
    if (!lvis.isEmpty()) {
        p.fillRect(lvis, pad.fill);
        p.fillRect(lvis, QBrush(pad.fill.darker(130), Qt::BDiagPattern));
        if (h.overhang[0] > 0) {
            const QRectF band = L.spanRect(PlayerLayout::Left, lg.rows - h.overhang[0], 0, h.overhang[0], lg.cols);
            p.fillRect(band.intersected(vp), over.fill);
            p.fillRect(band.intersected(vp), QBrush(over.fill.darker(140), Qt::DiagCrossPattern));
        }
        if (h.overhang[1] > 0) {
            const QRectF band = L.spanRect(PlayerLayout::Left, 0, lg.cols - h.overhang[1], lg.rows, h.overhang[1]);
            p.fillRect(band.intersected(vp), over.fill);
            p.fillRect(band.intersected(vp), QBrush(over.fill.darker(140), Qt::DiagCrossPattern));
        }
    }
    const CellSpan lspan = L.visibleCells(PlayerLayout::Left, vp);
    const CellSpan inVis = clipSpan(lspan, lg.inner);
    if (!inVis.empty())
        p.drawImage(
            L.spanRect(PlayerLayout::Left, inVis.row0, inVis.col0, inVis.row1 - inVis.row0, inVis.col1 - inVis.col0),
            m_inImage,
            QRectF(double(inVis.col0 - lg.inner.left), double(inVis.row0 - lg.inner.top),
                   double(inVis.col1 - inVis.col0), double(inVis.row1 - inVis.row0)));
    drawGridLines(p, L, PlayerLayout::Left, lspan, gridLine);
    if (L.showValues() && !lspan.empty()) {
        const i64 W = h.inputHw[1];
        const i64 padRowsEnd = lg.rows - h.overhang[0], padColsEnd = lg.cols - h.overhang[1];
        for (i64 y = lspan.row0; y < lspan.row1; ++y)
            for (i64 x = lspan.col0; x < lspan.col1; ++x) {
                const QRectF r = L.cellRect(PlayerLayout::Left, y, x);
                const bool inside =
                    y >= lg.inner.top && y <= lg.inner.bottom && x >= lg.inner.left && x <= lg.inner.right;
                if (inside) {
                    const double v = h.inputPlane[size_t((y - lg.inner.top) * W + (x - lg.inner.left))];
                    p.setPen(QColor::fromRgb(m_inScale.textColor(v)));
                    values.draw(p, r, cellNumber(v));
                } else {
                    const PadLook &look = (y >= padRowsEnd || x >= padColsEnd) ? over : pad;
                    p.setPen(QColor(70, 70, 70)); // on the light pad colours, in either theme
                    values.draw(p, r, L.showLabels() ? look.longText : look.shortText);
                }
            }
    }
    p.setFont(baseFont);

    // The window: its span (holes between the taps with dilation), the taps, their weights.
    const QRectF span = L.spanRect(PlayerLayout::Left, cur.windowOrigin[0], cur.windowOrigin[1],
                                   h.effectiveKernel[0], h.effectiveKernel[1]);
    if (h.dilation[0] > 1 || h.dilation[1] > 1) {
        for (i64 dy = 0; dy < h.effectiveKernel[0]; ++dy)
            for (i64 dx = 0; dx < h.effectiveKernel[1]; ++dx) {
                if (dy % h.dilation[0] == 0 && dx % h.dilation[1] == 0)
                    continue;
                const QRectF r = L.cellRect(PlayerLayout::Left, cur.windowOrigin[0] + dy, cur.windowOrigin[1] + dx);
                if (!r.intersects(vp))
                    continue;
                p.fillRect(r, QColor(255, 255, 255, 150));
                p.fillRect(r, QBrush(QColor(150, 150, 150), Qt::Dense6Pattern));
            }
    }
    drawTapCells(p, L, PlayerLayout::Left, cur.cells, vp, labels, &TraceCell::weight, QStringLiteral("×"));
    p.setFont(baseFont);
    p.setPen(QPen(kWindowColor, 3));
    p.setBrush(Qt::NoBrush);
    p.drawRect(span);

    // Output: filled up to the current step (row-major), the rest empty.
    const PlayerGrid &rg = L.right;
    const QRectF rrect = L.gridRect(PlayerLayout::Right);
    p.fillRect(rrect.intersected(vp), ink.empty);
    const CellSpan rspan = L.visibleCells(PlayerLayout::Right, vp);
    const i64 OW = h.outputHw[1];
    const i64 fullRows = (step + 1) / OW, partCols = (step + 1) % OW;
    const auto drawOut = [&](const CellSpan &s) {
        if (!s.empty())
            p.drawImage(L.spanRect(PlayerLayout::Right, s.row0, s.col0, s.row1 - s.row0, s.col1 - s.col0), m_outImage,
                        QRectF(double(s.col0), double(s.row0), double(s.col1 - s.col0), double(s.row1 - s.row0)));
    };
    drawOut(clipSpan(rspan, {0, 0, fullRows - 1, rg.cols - 1}));
    if (partCols > 0)
        drawOut(clipSpan(rspan, {fullRows, 0, fullRows, partCols - 1}));
    drawGridLines(p, L, PlayerLayout::Right, rspan, gridLine);
    p.setPen(ink.line);
    p.drawRect(rrect);
    if (L.showValues() && !rspan.empty()) {
        values.invalidate();
        for (i64 y = rspan.row0; y < rspan.row1; ++y)
            for (i64 x = rspan.col0; x < rspan.col1; ++x) {
                if (y * OW + x > step)
                    break;
                const double v = h.output[size_t(y * OW + x)];
                p.setPen(QColor::fromRgb(m_outScale.textColor(v)));
                values.draw(p, L.cellRect(PlayerLayout::Right, y, x), cellNumber(v));
            }
        p.setFont(baseFont);
    }
    const QRectF outCell = L.cellRect(PlayerLayout::Right, cur.out[0], cur.out[1]);
    p.setPen(QPen(kWindowColor, 3));
    p.drawRect(outCell);
    p.setPen(QPen(QColor(255, 140, 0, 170), 1.5, Qt::DashLine));
    p.drawLine(QPointF(span.right(), span.center().y()), QPointF(outCell.left(), outCell.center().y()));

    // Titles.
    p.setFont(baseFont);
    p.setPen(ink.text);
    const Pad4 &pd = h.padding;
    QString left = tr("input · channel %1 · %2×%3").arg(h.inputChannel).arg(h.inputHw[0]).arg(h.inputHw[1]);
    if (pd.top + pd.bottom + pd.left + pd.right + h.overhang[0] + h.overhang[1] > 0)
        left +=
            tr(" + padding top %1, bottom %2, left %3, right %4").arg(pd.top).arg(pd.bottom).arg(pd.left).arg(pd.right);
    if (h.overhang[0] + h.overhang[1] > 0)
        left += tr(" + overhang %1, %2").arg(h.overhang[0]).arg(h.overhang[1]);
    if (h.inputChannels.size() > 1)
        left += tr("  (1 of %1 input channels, Σ)").arg(h.inputChannels.size());
    drawTitle(p, QPointF(lrect.left(), lrect.top() - 6 - (h.inputChannels.size() > 1 ? 10 : 0)), left,
              QRectF(vp.left(), vp.top(), std::max(rrect.left() - 8, lrect.right()) - vp.left(), vp.height()));
    drawTitle(p, QPointF(rrect.left(), rrect.top() - 6),
              tr("output · channel %1 · %2×%3").arg(h.channel).arg(h.outputHw[0]).arg(h.outputHw[1]), vp);
}

void StepPlayerView::paintTransposed(QPainter &p, const QRectF &vp, const CanvasInk &ink)
{
    const PlayerLayout &L = m_layout;
    const WindowTrace &h = traceHeader();
    const TraceStep &cur = m_state.current();
    const QFont baseFont = p.font();
    CellText values(baseFont, L.valueFontPx()), labels(baseFont, L.labelFontPx());
    QFont italicFont = baseFont;
    italicFont.setItalic(true);
    CellText partials(italicFont, L.valueFontPx());
    const QColor gridLine = mixColors(ink.line, Qt::transparent, 0.5);

    // Input: every cell is one step; the current one is outlined.
    const QRectF lrect = L.gridRect(PlayerLayout::Left);
    if (h.inputChannels.size() > 1)
        drawChannelStack(p, lrect, ink);
    const CellSpan lspan = L.visibleCells(PlayerLayout::Left, vp);
    if (!lspan.empty())
        p.drawImage(
            L.spanRect(PlayerLayout::Left, lspan.row0, lspan.col0, lspan.row1 - lspan.row0, lspan.col1 - lspan.col0),
            m_inImage,
            QRectF(double(lspan.col0), double(lspan.row0), double(lspan.col1 - lspan.col0),
                   double(lspan.row1 - lspan.row0)));
    drawGridLines(p, L, PlayerLayout::Left, lspan, gridLine);
    if (L.showValues() && !lspan.empty()) {
        for (i64 y = lspan.row0; y < lspan.row1; ++y)
            for (i64 x = lspan.col0; x < lspan.col1; ++x) {
                const double v = h.inputPlane[size_t(y * h.inputHw[1] + x)];
                p.setPen(QColor::fromRgb(m_inScale.textColor(v)));
                values.draw(p, L.cellRect(PlayerLayout::Left, y, x), cellNumber(v));
            }
        p.setFont(baseFont);
    }
    const QRectF inCell = L.cellRect(PlayerLayout::Left, cur.out[0], cur.out[1]);
    p.setPen(QPen(kWindowColor, 3));
    p.setBrush(Qt::NoBrush);
    p.drawRect(inCell);

    // Canvas: cropped cells hatched, the output region empty, then the running sums.
    const PlayerGrid &rg = L.right;
    const QRectF rrect = L.gridRect(PlayerLayout::Right);
    const QColor cropped(225, 225, 225);
    p.fillRect(rrect.intersected(vp), cropped);
    p.fillRect(rrect.intersected(vp), QBrush(QColor(170, 170, 170), Qt::BDiagPattern));
    const QRectF outRect = L.spanRect(PlayerLayout::Right, rg.inner.top, rg.inner.left, h.outputHw[0], h.outputHw[1]);
    p.fillRect(outRect.intersected(vp), ink.empty);
    const CellSpan rspan = L.visibleCells(PlayerLayout::Right, vp);
    const CellSpan outVis = clipSpan(rspan, rg.inner);
    if (!outVis.empty())
        p.drawImage(L.spanRect(PlayerLayout::Right, outVis.row0, outVis.col0, outVis.row1 - outVis.row0,
                               outVis.col1 - outVis.col0),
                    m_partialImage,
                    QRectF(double(outVis.col0 - rg.inner.left), double(outVis.row0 - rg.inner.top),
                           double(outVis.col1 - outVis.col0), double(outVis.row1 - outVis.row0)));
    drawGridLines(p, L, PlayerLayout::Right, rspan, gridLine);
    p.setPen(ink.text);
    p.drawRect(outRect);
    if (L.showValues() && !rspan.empty()) {
        values.invalidate();
        const i64 OW = h.outputHw[1];
        for (i64 y = rspan.row0; y < rspan.row1; ++y)
            for (i64 x = rspan.col0; x < rspan.col1; ++x) {
                const QRectF r = L.cellRect(PlayerLayout::Right, y, x);
                const bool inside =
                    y >= rg.inner.top && y <= rg.inner.bottom && x >= rg.inner.left && x <= rg.inner.right;
                if (!inside) {
                    if (L.showLabels()) {
                        p.setPen(QColor(90, 90, 90)); // on the light hatching, in either theme
                        labels.draw(p, r, tr("cropped"));
                    }
                    continue;
                }
                const i64 i = (y - rg.inner.top) * OW + (x - rg.inner.left);
                const PlayerState::CellState state = m_state.cellState(i);
                if (state == PlayerState::CellState::Empty)
                    continue;
                const double v = m_state.cellValue(i);
                p.setPen(QColor::fromRgb(m_outScale.textColor(v)));
                // A partial sum (more stamps will land here) in italics.
                if (state == PlayerState::CellState::Partial) {
                    partials.draw(p, r, cellNumber(v));
                    values.invalidate();
                } else {
                    values.draw(p, r, cellNumber(v));
                    partials.invalidate();
                }
            }
        p.setFont(baseFont);
    }
    // The current stamp.
    const QRectF stamp = L.spanRect(PlayerLayout::Right, cur.windowOrigin[0], cur.windowOrigin[1],
                                    h.effectiveKernel[0], h.effectiveKernel[1]);
    drawTapCells(p, L, PlayerLayout::Right, cur.cells, vp, labels, &TraceCell::value, QStringLiteral("+"));
    p.setFont(baseFont);
    p.setPen(QPen(kWindowColor, 3));
    p.drawRect(stamp);
    p.setPen(QPen(QColor(255, 140, 0, 170), 1.5, Qt::DashLine));
    p.drawLine(QPointF(inCell.right(), inCell.center().y()), QPointF(stamp.left(), stamp.center().y()));

    p.setPen(ink.text);
    QString left = tr("input · channel %1 · %2×%3").arg(h.inputChannel).arg(h.inputHw[0]).arg(h.inputHw[1]);
    if (h.inputChannels.size() > 1)
        left += tr("  (1 of %1 input channels, Σ)").arg(h.inputChannels.size());
    drawTitle(p, QPointF(lrect.left(), lrect.top() - 6 - (h.inputChannels.size() > 1 ? 10 : 0)), left,
              QRectF(vp.left(), vp.top(), std::max(rrect.left() - 8, lrect.right()) - vp.left(), vp.height()));
    const Pad4 &pd = h.padding;
    drawTitle(p, QPointF(rrect.left(), rrect.top() - 6),
              tr("canvas %1×%2 → output · channel %3 · %4×%5, cropped top %6, bottom %7, left %8, right %9")
                  .arg(h.paddedHw[0])
                  .arg(h.paddedHw[1])
                  .arg(h.channel)
                  .arg(h.outputHw[0])
                  .arg(h.outputHw[1])
                  .arg(pd.top)
                  .arg(pd.bottom)
                  .arg(pd.left)
                  .arg(pd.right),
              vp);
}

void StepPlayerView::paintLegend(QPainter &p, const QRectF &vp, const CanvasInk &ink)
{
    const std::vector<LegendEntry> entries = legendEntries(traceHeader());
    const LegendBox box = legendBox(entries, QFontMetricsF(p.font()), vp);
    p.fillRect(box.rect, ink.panel);
    p.setPen(ink.line);
    p.drawRect(box.rect);
    const int rows = int(std::ceil(double(entries.size()) / box.columns));
    for (size_t i = 0; i < entries.size(); ++i) {
        const LegendEntry &e = entries[i];
        const double x = box.rect.left() + 4 + double(int(i) / rows) * box.columnWidth;
        const double y = box.rect.top() + 4 + double(int(i) % rows) * box.lineHeight;
        const QRectF sw(x + 2, y + (box.lineHeight - 12) / 2, 18, 12);
        p.fillRect(sw, e.fill);
        if (e.pattern != Qt::SolidPattern && e.pattern != Qt::NoBrush)
            p.fillRect(sw, QBrush(e.patternColor, e.pattern));
        p.setPen(e.outline ? QPen(kWindowColor, 2) : QPen(ink.line));
        if (e.pattern != Qt::NoBrush)
            p.drawRect(sw);
        p.setPen(ink.text);
        p.drawText(QRectF(sw.right() + 8, y, box.columnWidth - 32, box.lineHeight), Qt::AlignLeft | Qt::AlignVCenter,
                   e.text);
    }
}

} // namespace convlens
