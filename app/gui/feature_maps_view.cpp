// feature_maps_view.cpp — tiles, enlarged map with the receptive field, bars; the canvas only paints what
// maps_layout computed.
#include "feature_maps_view.h"

#include "canvas_ink.h"
#include "model_output.h"
#include "settings.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QPainter>
#include <QToolButton>
#include <QVBoxLayout>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>

namespace convlens {

namespace {

constexpr double kLegendHeight = 40;
constexpr double kMargin = 10;

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

} // namespace

class MapsCanvas : public QWidget {
public:
    explicit MapsCanvas(FeatureMapsView *view) : QWidget(view), m_view(view)
    {
        setObjectName(QStringLiteral("mapsCanvas"));
        setMouseTracking(true);
        setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
        setMinimumSize(200, 150);
    }

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter p(this);
        m_view->paintCanvas(p);
    }
    void resizeEvent(QResizeEvent *) override { m_view->relayout(); }
    void mouseMoveEvent(QMouseEvent *e) override { m_view->hoverAt(e->position()); }
    void mousePressEvent(QMouseEvent *e) override
    {
        if (e->button() == Qt::LeftButton)
            m_view->clickAt(e->position());
    }
    void leaveEvent(QEvent *) override { m_view->leaveCanvas(); }
    void wheelEvent(QWheelEvent *e) override
    {
        const double before = m_view->scrollOffset();
        m_view->scrollBy(-e->angleDelta().y() / 120.0 * 60.0);
        if (m_view->scrollOffset() != before)
            e->accept();
        else
            QWidget::wheelEvent(e);
    }
    void keyPressEvent(QKeyEvent *e) override
    {
        if (e->key() == Qt::Key_Escape && m_view->mode() == FeatureMapsView::Mode::Enlarged)
            m_view->showAllTiles();
        else
            QWidget::keyPressEvent(e);
    }

private:
    FeatureMapsView *m_view;
};

FeatureMapsView::FeatureMapsView(QWidget *parent)
    : LayerView(tr("Select a layer to see its feature maps."), parent)
{
    setObjectName(QStringLiteral("featureMaps"));
    auto *v = new QVBoxLayout(this);
    v->setContentsMargins(6, 4, 6, 4);
    v->setSpacing(3);
    auto *top = new QHBoxLayout;
    m_back = new QToolButton(this);
    m_back->setObjectName(QStringLiteral("allChannels"));
    m_back->setText(tr("◀ All channels"));
    m_back->setToolTip(tr("Back to every channel of the layer (Esc)"));
    m_back->hide();
    connect(m_back, &QToolButton::clicked, this, &FeatureMapsView::showAllTiles);
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("mapsTitle"));
    m_title->setTextFormat(Qt::RichText);
    m_sharedBox = new QCheckBox(tr("Same scale for all channels"), this);
    m_sharedBox->setObjectName(QStringLiteral("sharedScale"));
    m_sharedBox->setToolTip(tr("On: one colour scale over the whole layer, so channels compare. Off: each tile uses "
                               "its own range, so weak channels show their structure."));
    m_sharedBox->setChecked(m_shared);
    connect(m_sharedBox, &QCheckBox::toggled, this, &FeatureMapsView::setSharedScale);
    top->addWidget(m_back);
    top->addWidget(m_title, 1);
    top->addWidget(m_sharedBox);
    v->addLayout(top);
    statusLabel()->setObjectName(QStringLiteral("mapsInfo"));
    v->addWidget(statusLabel());
    v->addWidget(weightsBanner());
    m_canvas = new MapsCanvas(this);
    v->addWidget(m_canvas, 1);
    m_hoverLabel = new QLabel(this);
    m_hoverLabel->setObjectName(QStringLiteral("mapsHover"));
    m_hoverLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_hoverLabel->setWordWrap(true); // as wide as the view: at presentation sizes one line was wider than the screen
    m_hoverLabel->setText(tr("Hover a map for its values; click a tile to enlarge it."));
    v->addWidget(m_hoverLabel);
    setMessage(tr("Select a layer to see its feature maps."));
}

void FeatureMapsView::layerChanged()
{
    m_scrollY = 0;
    m_rfCell.reset();
    m_rf.reset();
    if (m_mode == Mode::Enlarged)
        m_mode = Mode::Tiles;
}

void FeatureMapsView::displayMessage(const QString &)
{
    m_mode = Mode::Message;
    m_images.clear();
    m_scales.clear();
    m_tensor = nullptr;
    m_hover.reset();
    m_hoverIndex.reset();
    m_back->hide();
    updateHeader();
    m_canvas->update();
}

void FeatureMapsView::refresh()
{
    const std::optional<int> index = takeSnapshot();
    m_index = index.value_or(-1);
    if (!index)
        return;
    const LayerReport &l = m_snap->report.layers[size_t(m_index)];
    const Tensor *t = m_snap->activation(m_index);
    if (!t) {
        const QString why = l.status == LayerReport::Status::Refused
                                ? tr("it is refused: %1").arg(qs(l.error).toHtmlEscaped())
                                : tr("a layer above it is refused, so it has no shape");
        return setMessage(tr("‘%1’ has no feature maps: %2").arg(layer().toHtmlEscaped(), why));
    }
    m_tensor = t;
    const Mode before = m_mode;
    if (t->spatial()) {
        m_mode = before == Mode::Enlarged && m_channel < t->channels() ? Mode::Enlarged : Mode::Tiles;
    } else {
        m_mode = Mode::Vector;
    }
    // The model input, for the receptive field.
    m_inputImage = {};
    m_inputH = m_inputW = 0;
    for (size_t i = 0; i < m_snap->report.layers.size(); ++i)
        if (m_snap->report.layers[i].op == Op::Input)
            if (const Tensor *in = m_snap->activation(int(i)); in && in->spatial()) {
                m_inputImage = tensorImage(*in);
                m_inputH = in->height();
                m_inputW = in->width();
                break;
            }
    clearMessage();
    if (m_mode != before && !(before == Mode::Enlarged && m_mode == Mode::Enlarged))
        m_hoverLabel->setText(m_mode == Mode::Vector ? tr("Hover a bar or a cell for its value.")
                                                     : tr("Hover a map for its values; click a tile to enlarge it."));
    rebuildImages();
    if (m_mode == Mode::Enlarged && m_rfCell)
        computeReceptiveField();
    relayout();
    updateHeader();
}

void FeatureMapsView::rebuildImages()
{
    m_images.clear();
    m_scales.clear();
    if (!m_tensor)
        return;
    const Tensor &t = *m_tensor;
    const std::span<const float> all(t.data);
    m_sharedScale = ColorScale::forValues(all);
    if (!t.spatial())
        return;
    const std::int64_t C = t.channels(), H = t.height(), W = t.width();
    m_images.reserve(size_t(C));
    m_scales.reserve(size_t(C));
    for (std::int64_t c = 0; c < C; ++c) {
        const auto plane = all.subspan(size_t(c * H * W), size_t(H * W));
        const ColorScale s = m_shared ? m_sharedScale : ColorScale::forValues(plane);
        m_scales.push_back(s);
        m_images.push_back(planeImage(plane, W, H, s));
    }
}

ColorScale FeatureMapsView::tileScale(int tile) const
{
    return tile >= 0 && size_t(tile) < m_scales.size() ? m_scales[size_t(tile)] : m_sharedScale;
}

QRectF FeatureMapsView::tilesArea() const
{
    return QRectF(m_canvas->rect()).adjusted(kMargin, kMargin, -kMargin, -kMargin - kLegendHeight);
}

double FeatureMapsView::tileZoom() const
{
    return m_presentationPx > 0 ? double(m_presentationPx) / Settings::kDefaultPresentationTextPx : 1.0;
}

void FeatureMapsView::setPresentationText(int px)
{
    m_presentationPx = std::max(0, px);
    QFont labels;
    labels.setPixelSize(std::max(12, m_presentationPx * 2 / 3));
    m_canvas->setFont(m_presentationPx > 0 ? labels : QFont());
    m_scrollY = 0;
    relayout();
}

void FeatureMapsView::scrollBy(double dy)
{
    m_scrollY += dy;
    relayout(); // clamps
}

void FeatureMapsView::relayout()
{
    const QRectF area = tilesArea();
    m_tiles = {};
    m_enlargedLayout = {};
    m_vector = {};
    if (m_tensor && m_mode == Mode::Tiles) {
        const auto tiles = [&](const QRectF &a) {
            return MapTileLayout::compute(int(m_images.size()), m_tensor->height(), m_tensor->width(), a,
                                          m_canvas->fontMetrics().height() + 2, 8, tileZoom());
        };
        m_tiles = tiles(area);
        m_scrollY = std::clamp(m_scrollY, 0.0, std::max(0.0, m_tiles.bottom - area.bottom()));
        if (m_scrollY > 0)
            m_tiles = tiles(area.translated(0, -m_scrollY));
    } else if (m_tensor && m_mode == Mode::Enlarged) {
        const auto enlarged = [&](const QRectF &a) {
            return EnlargedLayout::compute(m_tensor->height(), m_tensor->width(), m_inputH, m_inputW, a,
                                           m_canvas->fontMetrics().height() + 6, 28, tileZoom());
        };
        m_enlargedLayout = enlarged(area);
        const double bottom = std::max(m_enlargedLayout.map.bottom(), m_enlargedLayout.input.bottom());
        m_scrollY = std::clamp(m_scrollY, 0.0, std::max(0.0, bottom - area.bottom()));
        if (m_scrollY > 0)
            m_enlargedLayout = enlarged(area.translated(0, -m_scrollY));
    } else if (m_tensor && m_mode == Mode::Vector)
        m_vector = VectorLayout::compute(m_tensor->elements(), area.adjusted(0, m_canvas->fontMetrics().height() + 4, 0,
                                                                             -(m_canvas->fontMetrics().height() + 4)));
    m_canvas->update();
}

void FeatureMapsView::updateHeader()
{
    m_back->setVisible(m_mode == Mode::Enlarged);
    m_sharedBox->setVisible(m_mode == Mode::Tiles || m_mode == Mode::Enlarged);
    QString title;
    if (m_tensor && m_snap && m_index >= 0) {
        const LayerReport &l = m_snap->report.layers[size_t(m_index)];
        const QString shape = qs(shapeToString(m_tensor->shape, m_tensor->framework));
        if (m_tensor->spatial())
            title = tr("<b>%1</b> (%2) → %3: %4 of %5×%6")
                        .arg(layer().toHtmlEscaped(), qs(l.type), shape,
                             m_tensor->channels() == 1 ? tr("1 channel") : tr("%1 channels").arg(m_tensor->channels()))
                        .arg(m_tensor->height())
                        .arg(m_tensor->width());
        else
            title = tr("<b>%1</b> (%2) → %3: %4 values")
                        .arg(layer().toHtmlEscaped(), qs(l.type), shape)
                        .arg(m_tensor->elements());
    } else {
        title = tr("<b>Feature maps</b>");
    }
    m_title->setText(title);

    updateStatus();
}

void FeatureMapsView::setSharedScale(bool shared)
{
    if (m_shared == shared)
        return;
    m_shared = shared;
    m_sharedBox->setChecked(shared);
    rebuildImages();
    m_canvas->update();
}

void FeatureMapsView::enlarge(int channel)
{
    if (!m_tensor || !m_tensor->spatial() || channel < 0 || channel >= m_tensor->channels())
        return;
    m_channel = channel;
    m_mode = Mode::Enlarged;
    m_scrollY = 0; // the tiles' scroll; the enlarged map starts at its top
    m_rfCell.reset();
    m_rf.reset();
    m_rfText.clear();
    m_hover.reset();
    m_hoverLabel->setText(tr("Click a cell of the map for its receptive field on the input; Esc or “All channels” "
                             "goes back."));
    relayout();
    updateHeader();
}

void FeatureMapsView::showAllTiles()
{
    if (m_mode != Mode::Enlarged)
        return;
    m_mode = Mode::Tiles;
    m_scrollY = 0;
    m_rfCell.reset();
    m_rf.reset();
    m_hover.reset();
    m_hoverLabel->setText(tr("Hover a map for its values; click a tile to enlarge it."));
    relayout();
    updateHeader();
}

double FeatureMapsView::valueAt(int c, std::int64_t row, std::int64_t col) const
{
    const std::int64_t H = m_tensor->height(), W = m_tensor->width();
    return double(m_tensor->data[size_t((c * H + row) * W + col)]);
}

bool FeatureMapsView::selectCell(std::int64_t row, std::int64_t col)
{
    if (m_mode != Mode::Enlarged || !m_tensor || row < 0 || col < 0 || row >= m_tensor->height() ||
        col >= m_tensor->width())
        return false;
    m_rfCell = Cell{row, col};
    computeReceptiveField();
    m_canvas->update();
    return m_rf.has_value();
}

void FeatureMapsView::computeReceptiveField()
{
    m_rf.reset();
    m_rfText.clear();
    if (!m_rfCell || !m_snap || m_index < 0)
        return;
    std::string err;
    const auto regions = receptiveField(m_snap->report, m_index, (*m_rfCell)[0], (*m_rfCell)[1], &err);
    if (!regions || regions->empty()) {
        m_rfText = tr("No receptive field: %1").arg(qs(err));
        return;
    }
    m_rf = regions->front();
    const CellRect &b = m_rf->bounds;
    std::int64_t cells = 0;
    for (auto m : m_rf->mask)
        cells += m;
    m_rfText = tr("receptive field of (%1, %2) on ‘%3’: rows %4–%5, columns %6–%7 (%8×%9, %10 cells)")
                   .arg((*m_rfCell)[0])
                   .arg((*m_rfCell)[1])
                   .arg(qs(m_rf->input))
                   .arg(b.top)
                   .arg(b.bottom)
                   .arg(b.left)
                   .arg(b.right)
                   .arg(b.bottom - b.top + 1)
                   .arg(b.right - b.left + 1)
                   .arg(cells);
    if (regions->size() > 1)
        m_rfText += tr(" (first of %1 model inputs)").arg(regions->size());
}

std::optional<CellRect> FeatureMapsView::receptiveBounds() const
{
    if (!m_rf)
        return std::nullopt;
    return m_rf->bounds;
}

void FeatureMapsView::hoverAt(const QPointF &pos)
{
    m_hover.reset();
    m_hoverIndex.reset();
    m_hoverValue.reset();
    QString text;
    if (m_tensor && m_mode == Mode::Tiles) {
        if (const auto h = m_tiles.hit(pos)) {
            m_hover = h;
            m_hoverValue = valueAt(h->tile, h->row, h->col);
            text =
                tr("channel %1, row %2, col %3: %4").arg(h->tile).arg(h->row).arg(h->col).arg(*m_hoverValue, 0, 'g', 6);
        }
    } else if (m_tensor && m_mode == Mode::Enlarged) {
        if (const auto c = m_enlargedLayout.mapCellAt(pos)) {
            m_hover = MapHit{m_channel, (*c)[0], (*c)[1]};
            m_hoverValue = valueAt(m_channel, (*c)[0], (*c)[1]);
            text = tr("channel %1, row %2, col %3: %4 — click for its receptive field")
                       .arg(m_channel)
                       .arg((*c)[0])
                       .arg((*c)[1])
                       .arg(*m_hoverValue, 0, 'g', 6);
        } else if (const auto ic = m_enlargedLayout.inputCellAt(pos)) {
            text = tr("input row %1, col %2").arg((*ic)[0]).arg((*ic)[1]);
            if (m_rf && !m_rf->mask.empty())
                text += m_rf->mask[size_t((*ic)[0] * m_rf->width + (*ic)[1])] ? tr(": inside the receptive field")
                                                                              : tr(": outside the receptive field");
        }
    } else if (m_tensor && m_mode == Mode::Vector) {
        if (const auto i = m_vector.hit(pos)) {
            m_hoverIndex = *i;
            m_hoverValue = double(m_tensor->data[size_t(*i)]);
            text = tr("unit %1: %2").arg(*i).arg(*m_hoverValue, 0, 'g', 6);
        }
    }
    if (text != m_hoverText) {
        m_hoverText = text;
        m_hoverLabel->setText(text.isEmpty() ? (m_mode == Mode::Tiles ? tr("Click a tile to enlarge it.") : QString())
                                             : text);
        Q_EMIT hoverChanged(text);
    }
    m_canvas->update();
}

void FeatureMapsView::leaveCanvas()
{
    if (!m_hover && !m_hoverIndex)
        return;
    m_hover.reset();
    m_hoverIndex.reset();
    m_canvas->update();
}

void FeatureMapsView::clickAt(const QPointF &pos)
{
    m_canvas->setFocus();
    if (m_mode == Mode::Tiles) {
        if (const auto h = m_tiles.hit(pos))
            enlarge(h->tile);
        else // a click on a label or between the tiles also means that tile
            for (int i = 0; i < int(m_tiles.maps.size()); ++i)
                if (m_tiles.maps[size_t(i)].united(m_tiles.labelRect(i)).contains(pos)) {
                    enlarge(i);
                    break;
                }
    } else if (m_mode == Mode::Enlarged) {
        if (const auto c = m_enlargedLayout.mapCellAt(pos))
            selectCell((*c)[0], (*c)[1]);
    }
}

void FeatureMapsView::paintCanvas(QPainter &p)
{
    const QRectF r = m_canvas->rect();
    const CanvasInk ink = CanvasInk::from(m_canvas->palette());
    p.fillRect(r, ink.base);
    if (m_mode == Mode::Message || !m_tensor) {
        p.setPen(ink.dimText);
        p.drawText(r.adjusted(40, 40, -40, -40), Qt::AlignCenter | Qt::TextWordWrap,
                   messageText().remove(QStringLiteral("<b>")).remove(QStringLiteral("</b>")));
        return;
    }
    const QFontMetricsF fm(p.font());
    const QRectF legend(r.left() + kMargin, r.bottom() - kLegendHeight + 4, std::min(320.0, r.width() / 2),
                        kLegendHeight - 8);
    const QRectF legendText(legend.right() + 12, legend.top(), r.width() - legend.width() - 3 * kMargin,
                            legend.height());
    p.setPen(ink.text);

    if (m_mode == Mode::Tiles) {
        p.save();
        p.setClipRect(QRectF(r.left(), r.top(), r.width(), r.height() - kLegendHeight)); // scrolled tiles
        const bool smooth = m_tiles.scale < 1;
        p.setRenderHint(QPainter::SmoothPixmapTransform, smooth);
        for (int i = 0; i < int(m_images.size()) && size_t(i) < m_tiles.maps.size(); ++i) {
            const QRectF m = m_tiles.maps[size_t(i)];
            if (!m.intersects(r))
                continue;
            p.drawImage(m, m_images[size_t(i)]);
            if (m_tiles.labelHeight >= fm.height() && m.width() >= fm.horizontalAdvance(QStringLiteral("00")))
                p.drawText(m_tiles.labelRect(i), Qt::AlignLeft | Qt::AlignVCenter,
                           m.width() >= fm.horizontalAdvance(QStringLiteral("ch 000")) ? tr("ch %1").arg(i)
                                                                                       : QString::number(i));
        }
        if (m_hover && size_t(m_hover->tile) < m_tiles.maps.size()) {
            p.setPen(QPen(QColor(255, 140, 0), 2));
            p.setBrush(Qt::NoBrush);
            p.drawRect(m_tiles.maps[size_t(m_hover->tile)].adjusted(-1, -1, 1, 1));
            if (m_tiles.scale >= 4) {
                p.setPen(QPen(ink.text, 1));
                p.drawRect(m_tiles.cellRect(m_hover->tile, m_hover->row, m_hover->col));
            }
        }
        p.restore();
        const int scaleTile = m_hover ? m_hover->tile : -1;
        if (m_shared || scaleTile < 0) {
            paintColorBar(p, ink.text, legend, m_shared ? m_sharedScale : ColorScale{0, 1, false},
                          m_shared ? QString() : tr("tile min"), m_shared ? QString() : tr("tile max"));
            p.setPen(ink.dimText);
            p.drawText(legendText, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap,
                       m_shared ? (m_images.size() == 1 ? tr("the channel's range")
                                                        : tr("one scale for all %1 channels").arg(m_images.size())) +
                                      (m_sharedScale.diverging ? tr(" — blue < 0 < red") : QString())
                                : tr("each tile scaled to its own range (hover a tile for its numbers)"));
        } else {
            paintColorBar(p, ink.text, legend, tileScale(scaleTile));
            p.setPen(ink.dimText);
            p.drawText(legendText, Qt::AlignLeft | Qt::AlignTop, tr("scale of channel %1").arg(scaleTile));
        }
        return;
    }

    if (m_mode == Mode::Enlarged) {
        const EnlargedLayout &e = m_enlargedLayout;
        p.save();
        p.setClipRect(QRectF(r.left(), r.top(), r.width(), r.height() - kLegendHeight)); // zoomed past the bottom
        p.setRenderHint(QPainter::SmoothPixmapTransform, e.mapScale < 1);
        if (size_t(m_channel) < m_images.size())
            p.drawImage(e.map, m_images[size_t(m_channel)]);
        p.setPen(ink.text);
        p.drawText(QRectF(e.map.left(), e.map.top() - fm.height() - 4, std::max(e.map.width(), 300.0), fm.height()),
                   Qt::AlignLeft, tr("%1 · channel %2 — click a cell").arg(layer()).arg(m_channel));
        const ColorScale s = tileScale(m_channel);
        if (e.mapScale >= 8) {
            p.setPen(QColor(255, 255, 255, 60));
            for (std::int64_t i = 1; i < e.mapW; ++i)
                p.drawLine(QPointF(e.map.left() + double(i) * e.mapScale, e.map.top()),
                           QPointF(e.map.left() + double(i) * e.mapScale, e.map.bottom()));
            for (std::int64_t i = 1; i < e.mapH; ++i)
                p.drawLine(QPointF(e.map.left(), e.map.top() + double(i) * e.mapScale),
                           QPointF(e.map.right(), e.map.top() + double(i) * e.mapScale));
        }
        if (e.mapScale >= 30) {
            QFont small = p.font(); // a pixel size in presentation mode, else a point size
            if (small.pixelSize() > 0) // presenting: the numbers grow with the cells (a third of a cell)
                small.setPixelSize(std::max({8, small.pixelSize() * 4 / 5, int(e.mapScale / 3)}));
            else
                small.setPointSizeF(std::max(6.0, small.pointSizeF() * 0.8));
            p.setFont(small);
            for (std::int64_t y = 0; y < e.mapH; ++y)
                for (std::int64_t x = 0; x < e.mapW; ++x) {
                    const double v = valueAt(m_channel, y, x);
                    p.setPen(QColor::fromRgb(s.textColor(v)));
                    p.drawText(e.mapCell(y, x), Qt::AlignCenter, cellNumber(v));
                }
            p.setFont(m_canvas->font());
        }
        if (m_hover) {
            p.setPen(QPen(ink.text, 1));
            p.setBrush(Qt::NoBrush);
            p.drawRect(e.mapCell(m_hover->row, m_hover->col));
        }
        if (!m_inputImage.isNull() && !e.input.isEmpty()) {
            p.setRenderHint(QPainter::SmoothPixmapTransform, e.inputScale < 1);
            p.drawImage(e.input, m_inputImage);
            p.setPen(ink.text);
            p.drawText(
                QRectF(e.input.left(), e.input.top() - fm.height() - 4, std::max(e.input.width(), 300.0), fm.height()),
                Qt::AlignLeft, tr("model input %1×%2").arg(m_inputH).arg(m_inputW));
        }
        if (m_rfCell) {
            p.setPen(QPen(QColor(255, 140, 0), 3));
            p.setBrush(Qt::NoBrush);
            p.drawRect(e.mapCell((*m_rfCell)[0], (*m_rfCell)[1]));
        }
        if (m_rf && !e.input.isEmpty()) {
            const CellRect &b = m_rf->bounds;
            // The cells the output depends on (dilation leaves holes), then the bounding rectangle.
            const QColor tint(255, 140, 0, 110);
            for (std::int64_t y = std::max<std::int64_t>(0, b.top); y <= b.bottom && y < m_rf->height; ++y)
                for (std::int64_t x = std::max<std::int64_t>(0, b.left); x <= b.right && x < m_rf->width; ++x)
                    if (m_rf->mask[size_t(y * m_rf->width + x)])
                        p.fillRect(e.inputCells({y, x, y, x}), tint);
            p.setPen(QPen(QColor(255, 140, 0), 2));
            p.drawRect(e.inputCells(b));
            // A line from the map cell to its field.
            p.setPen(QPen(QColor(255, 140, 0, 160), 1, Qt::DashLine));
            p.drawLine(e.mapCell((*m_rfCell)[0], (*m_rfCell)[1]).center(), e.inputCells(b).topLeft());
        }
        p.restore();
        paintColorBar(p, ink.text, legend, s);
        p.setPen(ink.dimText);
        p.drawText(legendText, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap,
                   m_rfText.isEmpty() ? tr("click a cell of the map to see which input pixels it depends on")
                                      : m_rfText);
        return;
    }

    // Vector: bars or a strip.
    const VectorLayout &v = m_vector;
    const ColorScale s = m_sharedScale;
    if (v.mode == VectorLayout::Mode::Bars) {
        const double lo = std::min(0.0, s.diverging ? s.lo : s.lo), hi = std::max(0.0, s.hi);
        const double span = hi > lo ? hi - lo : 1;
        const auto yOf = [&](double val) { return v.plot.bottom() - (val - lo) / span * v.plot.height(); };
        const double zero = yOf(0);
        p.setPen(ink.line);
        p.drawLine(QPointF(v.plot.left(), zero), QPointF(v.plot.right(), zero));
        for (std::int64_t i = 0; i < v.count; ++i) {
            const QRectF slot = v.slot(i);
            const double val = double(m_tensor->data[size_t(i)]);
            const double y = yOf(std::isfinite(val) ? val : 0);
            const QRectF bar(slot.left() + slot.width() * 0.12, std::min(y, zero), slot.width() * 0.76,
                             std::max(1.0, std::fabs(zero - y)));
            p.fillRect(bar, QColor::fromRgb(s.color(val)));
            if (m_hoverIndex == i) {
                p.setPen(QPen(QColor(255, 140, 0), 2));
                p.drawRect(bar);
            }
            p.setPen(ink.dimText);
            if (slot.width() >= fm.horizontalAdvance(QString::number(i)) + 2)
                p.drawText(QRectF(slot.left(), v.plot.bottom() + 2, slot.width(), fm.height()), Qt::AlignCenter,
                           QString::number(i));
            const QString number = cellNumber(val);
            if (slot.width() >= fm.horizontalAdvance(number) + 2)
                p.drawText(QRectF(slot.left(), (val >= 0 ? bar.top() : bar.bottom()) - (val >= 0 ? fm.height() : 0),
                                  slot.width(), fm.height()),
                           Qt::AlignCenter, number);
        }
    } else {
        for (std::int64_t i = 0; i < v.count; ++i) {
            const QRectF c = v.slot(i);
            if (c.intersects(r))
                p.fillRect(c, QColor::fromRgb(s.color(double(m_tensor->data[size_t(i)]))));
        }
        if (m_hoverIndex) {
            p.setPen(QPen(QColor(255, 140, 0), 2));
            p.drawRect(v.slot(*m_hoverIndex));
        }
    }
    paintColorBar(p, ink.text, legend, s);
    p.setPen(ink.dimText);
    p.drawText(legendText, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap,
               v.mode == VectorLayout::Mode::Bars
                   ? tr("a rank-1 output: one bar per unit")
                   : tr("a rank-1 output of %1 values, %2 per row (row-major)").arg(v.count).arg(v.columns));
}

} // namespace convlens
