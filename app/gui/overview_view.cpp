// overview_view.cpp — the columns of thumbnails: built from the snapshot, painted from OverviewLayout.
#include "overview_view.h"

#include "canvas_ink.h"
#include "layer_model.h"

#include <QHelpEvent>
#include <QLabel>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollArea>
#include <QScrollBar>
#include <QToolTip>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

namespace convlens {

namespace {

constexpr std::int64_t kThumbCells = 64; // a thumbnail samples at most this many cells per side
constexpr int kMaxMaps = 64;             // maps built per layer (more would never fit a column)

// Every k-th cell of a plane, k chosen so at most kThumbCells remain per side: enough for a 64 px thumbnail.
std::vector<float> sampledPlane(std::span<const float> plane, std::int64_t H, std::int64_t W, std::int64_t &h,
                                std::int64_t &w)
{
    const std::int64_t k = std::max<std::int64_t>(1, (std::max(H, W) + kThumbCells - 1) / kThumbCells);
    h = (H + k - 1) / k;
    w = (W + k - 1) / k;
    std::vector<float> out;
    out.reserve(size_t(h * w));
    for (std::int64_t y = 0; y < H; y += k)
        for (std::int64_t x = 0; x < W; x += k)
            out.push_back(plane[size_t(y * W + x)]);
    return out;
}

} // namespace

class OverviewCanvas : public QWidget {
public:
    explicit OverviewCanvas(OverviewView *view) : QWidget(view), m_view(view)
    {
        setObjectName(QStringLiteral("overviewCanvas"));
        setMouseTracking(true);
    }

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter p(this);
        m_view->paintCanvas(p);
    }
    void mousePressEvent(QMouseEvent *e) override
    {
        if (e->button() == Qt::LeftButton)
            m_view->clickAt(e->position());
    }
    bool event(QEvent *e) override
    {
        if (e->type() == QEvent::ToolTip) {
            auto *help = static_cast<QHelpEvent *>(e);
            const QString tip = m_view->toolTipAt(help->pos());
            if (tip.isEmpty())
                QToolTip::hideText();
            else
                QToolTip::showText(help->globalPos(), tip, this);
            return true;
        }
        return QWidget::event(e);
    }

private:
    OverviewView *m_view;
};

OverviewView::OverviewView(QWidget *parent) : LayerView(QString(), parent)
{
    setObjectName(QStringLiteral("overview"));
    auto *v = new QVBoxLayout(this);
    v->setContentsMargins(6, 4, 6, 4);
    v->setSpacing(3);
    statusLabel()->setObjectName(QStringLiteral("overviewInfo"));
    v->addWidget(statusLabel());
    v->addWidget(weightsBanner());
    m_scroll = new QScrollArea(this);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setWidgetResizable(false);
    m_scroll->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_canvas = new OverviewCanvas(this);
    m_scroll->setWidget(m_canvas);
    m_scroll->viewport()->setBackgroundRole(QPalette::Base);
    v->addWidget(m_scroll, 1);
    auto *hint = new QLabel(tr("Every layer's output, left to right; click a column to select its layer."), this);
    hint->setObjectName(QStringLiteral("overviewHint"));
    hint->setWordWrap(true); // a page's long line set the tab widget's minimum width: past 1280 px in presentation
    v->addWidget(hint);
}

QWidget *OverviewView::canvas() const
{
    return m_canvas;
}

QString OverviewView::columnLayer(int column) const
{
    return column >= 0 && size_t(column) < m_columns.size() ? m_columns[size_t(column)].layer : QString();
}

void OverviewView::displayMessage(const QString &text)
{
    m_message = text;
    m_columns.clear();
    m_builtGeneration = 0;
    relayout();
    updateStatus();
}

void OverviewView::layerChanged()
{
    m_selected = -1;
    for (size_t i = 0; i < m_columns.size(); ++i)
        if (m_columns[i].layer == layer())
            m_selected = int(i);
    m_canvas->update();
}

void OverviewView::refresh()
{
    const std::optional<int> index = takeSnapshot();
    if (!index)
        return;
    m_message.clear();
    clearMessage();
    if (m_builtGeneration != m_snap->generation)
        buildColumns();
    layerChanged();
    relayout();
    updateStatus();
}

void OverviewView::buildColumns()
{
    m_columns.clear();
    m_builtGeneration = m_snap->generation;
    const ShapeReport &r = m_snap->report;
    for (size_t i = 0; i < r.layers.size(); ++i) {
        const LayerReport &l = r.layers[i];
        const Tensor *t = m_snap->activation(int(i));
        if (!t)
            continue;
        Column c;
        c.layer = QString::fromStdString(l.name);
        c.type = QString::fromStdString(l.type);
        c.shape = compactShapeText(t->shape, t->framework);
        const ColorScale scale = ColorScale::forValues(std::span<const float>(t->data));
        if (t->spatial()) {
            const std::int64_t C = t->channels(), H = t->height(), W = t->width();
            c.channels = int(C);
            for (std::int64_t ch = 0; ch < std::min<std::int64_t>(C, kMaxMaps); ++ch) {
                std::int64_t h = 0, w = 0;
                const std::vector<float> plane = sampledPlane(
                    std::span<const float>(t->data).subspan(size_t(ch * H * W), size_t(H * W)), H, W, h, w);
                c.maps.push_back(planeImage(std::span<const float>(plane), w, h, scale));
            }
        } else {
            c.spatial = false;
            c.values = t->elements();
            c.strip = planeImage(std::span<const float>(t->data), 1, t->elements(), scale);
        }
        m_columns.push_back(std::move(c));
    }
}

void OverviewView::relayout()
{
    std::vector<OverviewColumnSpec> specs;
    for (const Column &c : m_columns)
        specs.push_back({c.spatial, c.channels, c.values});
    const double height = std::max(120, m_scroll->viewport()->height());
    m_layout = OverviewLayout::compute(specs, height, fontMetrics().height() * 2 + 6);
    m_canvas->resize(std::max(m_scroll->viewport()->width(), int(std::ceil(m_layout.sceneSize.width()))),
                     int(height));
    m_canvas->update();
}

void OverviewView::resizeEvent(QResizeEvent *e)
{
    LayerView::resizeEvent(e);
    relayout();
}

bool OverviewView::clickAt(const QPointF &pos)
{
    const auto column = m_layout.columnAt(pos);
    if (!column || size_t(*column) >= m_columns.size())
        return false;
    Q_EMIT layerClicked(m_columns[size_t(*column)].layer);
    return true;
}

QString OverviewView::toolTipAt(const QPointF &pos) const
{
    const auto column = m_layout.columnAt(pos);
    if (!column || size_t(*column) >= m_columns.size())
        return {};
    const Column &c = m_columns[size_t(*column)];
    QString tip = tr("%1 (%2) → %3").arg(c.layer, c.type, c.shape);
    if (const auto thumb = m_layout.thumbAt(pos))
        tip += tr(" · channel %1").arg(thumb->second);
    return tip + tr(" — click to select");
}

void OverviewView::paintCanvas(QPainter &p)
{
    const CanvasInk ink = CanvasInk::from(m_canvas->palette());
    p.fillRect(m_canvas->rect(), ink.base);
    if (!m_message.isEmpty() || m_columns.empty()) {
        p.setPen(ink.dimText);
        p.drawText(QRectF(m_canvas->rect()).adjusted(40, 40, -40, -40), Qt::AlignCenter | Qt::TextWordWrap,
                   QString(m_message).remove(QStringLiteral("<b>")).remove(QStringLiteral("</b>")));
        return;
    }
    const QFontMetricsF fm(p.font());
    QFont small = p.font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    const QFontMetricsF sfm(small);
    p.setRenderHint(QPainter::SmoothPixmapTransform, false);
    for (size_t i = 0; i < m_columns.size() && i < m_layout.columns.size(); ++i) {
        const Column &c = m_columns[i];
        const OverviewColumn &g = m_layout.columns[i];
        if (int(i) == m_selected) { // the selected layer: a tinted, framed column
            const QRectF frame = g.bounds().adjusted(-1, -3, 1, 4);
            p.fillRect(frame, QColor(255, 140, 0, 40));
            p.setPen(QPen(QColor(255, 140, 0), 2));
            p.drawRect(frame);
        }
        p.setFont(p.font());
        p.setPen(ink.text);
        const QRectF nameRect(g.header.left() + 2, g.header.top(), g.header.width() - 4, fm.height());
        p.drawText(nameRect, Qt::AlignHCenter | Qt::AlignTop, fm.elidedText(c.layer, Qt::ElideMiddle, nameRect.width()));
        p.setFont(small);
        p.setPen(ink.dimText);
        p.drawText(QRectF(nameRect.left(), nameRect.bottom(), nameRect.width(), sfm.height()),
                   Qt::AlignHCenter | Qt::AlignTop, sfm.elidedText(c.shape, Qt::ElideRight, nameRect.width()));
        if (c.spatial) {
            for (size_t t = 0; t < g.thumbs.size() && t < c.maps.size(); ++t) {
                p.drawImage(g.thumbs[t], c.maps[t]);
                p.setPen(ink.line);
                p.drawRect(g.thumbs[t]);
            }
            if (g.hidden > 0) {
                p.setPen(ink.dimText);
                p.drawText(g.more, Qt::AlignHCenter | Qt::AlignTop, tr("+%1").arg(g.hidden));
            }
        } else if (!c.strip.isNull()) {
            // The values top to bottom; more values than cells are sampled evenly.
            const double cell = g.body.height() / std::max(1, g.stripRows);
            for (int row = 0; row < g.stripRows; ++row) {
                const int source = int(std::floor(double(row) * double(c.values) / g.stripRows));
                p.fillRect(QRectF(g.body.left(), g.body.top() + row * cell, g.body.width(), cell),
                           c.strip.pixelColor(0, std::min(source, c.strip.height() - 1)));
            }
            p.setPen(ink.line);
            p.drawRect(g.body);
        }
        p.setFont(font());
    }
}

} // namespace convlens
