// diagram_view.cpp — painting (cuboids, labels, arrows), zoom/pan, hit testing, export.
#include "diagram_view.h"

#include "atomic_file.h"
#include "canvas_ink.h"
#include "layer_model.h"
#include "settings.h"

#include <QBuffer>
#include <QFontMetricsF>
#include <QHelpEvent>
#include <QItemSelectionModel>
#include <QKeyEvent>
#include <QPainter>
#include <QPainterPath>
#include <QPicture>
#include <QSvgGenerator>
#include <QToolTip>
#include <QWheelEvent>
#include <cmath>

namespace convlens {

namespace {

QColor fillFor(DiagramGroup g)
{
    switch (g) {
    case DiagramGroup::Input: return QColor(0xd9, 0xd9, 0xd9);
    case DiagramGroup::Conv: return QColor(0x8d, 0xb6, 0xe0);
    case DiagramGroup::ConvTranspose: return QColor(0x7f, 0xc9, 0xc4);
    case DiagramGroup::Pool: return QColor(0xe8, 0xa0, 0x9a);
    case DiagramGroup::Upsample: return QColor(0x9f, 0xd3, 0x93);
    case DiagramGroup::PadCrop: return QColor(0xe6, 0xd7, 0x8a);
    case DiagramGroup::Merge: return QColor(0xf2, 0xbe, 0x7c);
    case DiagramGroup::DenseReshape: return QColor(0xb9, 0xa6, 0xdb);
    case DiagramGroup::NormActivation: return QColor(0xcf, 0xcf, 0xe0);
    }
    return QColor(0xcf, 0xcf, 0xe0);
}

QColor fillFor(Op op)
{
    return fillFor(traits(op).diagram);
}

// Text in `r`; when `vertical`, rotated to read bottom to top (r is then tall and narrow).
void drawLabel(QPainter &p, const QRectF &r, const QString &text, bool vertical)
{
    if (!vertical) {
        p.drawText(r, Qt::AlignCenter, text);
        return;
    }
    p.save();
    p.translate(r.center());
    p.rotate(-90);
    p.drawText(QRectF(-r.height() / 2, -r.width() / 2, r.height(), r.width()), Qt::AlignCenter, text);
    p.restore();
}

void drawArrowHead(QPainter &p, const QPointF &from, const QPointF &to)
{
    const QPointF d = to - from;
    const qreal len = std::hypot(d.x(), d.y());
    if (len < 1e-6)
        return;
    const QPointF u = d / len, n(-u.y(), u.x());
    const qreal s = 6;
    p.drawPolygon(QPolygonF({to, to - u * s + n * s * 0.5, to - u * s - n * s * 0.5}));
}

} // namespace

void paintDiagram(QPainter &p, const DiagramLayout &L, const CanvasInk &ink, const QSet<int> &selected, int hovered,
                  const QRectF &visible, bool labels)
{
    const QColor skipColor = ink.dark ? QColor(0x86, 0xb4, 0xe8) : QColor(0x3a, 0x6e, 0xa5);
    const QColor blockedText = mixColors(ink.text, ink.base, 0.5);
    const auto shown = [&visible](const QRectF &r) { return visible.isNull() || visible.intersects(r); };
    p.setRenderHint(QPainter::Antialiasing, true);
    p.setRenderHint(QPainter::TextAntialiasing, true);
    // Edges below boxes.
    for (const DiagramEdge &e : L.edges) {
        if (!shown(e.path.boundingRect().adjusted(-6, -6, 6, 6)))
            continue;
        const QColor c = e.skip ? skipColor : ink.dimText;
        QPen pen(c, e.skip ? 1.4 : 1.2);
        if (e.skip)
            pen.setStyle(Qt::DashLine);
        p.setPen(pen);
        p.setBrush(Qt::NoBrush);
        p.drawPolyline(e.path);
        p.setPen(QPen(c, 1));
        p.setBrush(c);
        if (e.path.size() >= 2)
            drawArrowHead(p, e.path[e.path.size() - 2], e.path.back());
    }
    for (const DiagramNode &n : L.nodes) {
        if (!shown(n.bounds.adjusted(-4, -4, 4, 4)))
            continue;
        using S = LayerReport::Status;
        const bool sel = selected.contains(n.row);
        QColor fill = fillFor(n.op);
        QColor border(0x40, 0x40, 0x40);
        Qt::PenStyle style = Qt::SolidLine;
        if (n.status == S::Refused) {
            fill = QColor(0xf6, 0xb8, 0xb8);
            border = QColor(0xb0, 0x00, 0x20);
        } else if (n.status == S::Blocked) {
            fill = QColor(0xf2, 0xf2, 0xf2);
            border = QColor(0xa0, 0xa0, 0xa0);
            style = Qt::DashLine;
        }
        if (sel) {
            p.setPen(Qt::NoPen);
            p.setBrush(QColor(0x1f, 0x6f, 0xeb, 60));
            p.drawRoundedRect(n.bounds.adjusted(-4, -3, 4, 3), 4, 4);
        } else if (n.row == hovered) {
            p.setPen(Qt::NoPen);
            p.setBrush(QColor(0x1f, 0x6f, 0xeb, 25));
            p.drawRoundedRect(n.bounds.adjusted(-4, -3, 4, 3), 4, 4);
        }
        QPen pen(sel ? QColor(0x1f, 0x6f, 0xeb) : border, sel ? 2.0 : (n.status == S::Refused ? 1.6 : 0.9), style);
        pen.setJoinStyle(Qt::MiterJoin);
        p.setPen(pen);
        const QRectF &f = n.face;
        if (!n.depth.isNull()) {
            p.setBrush(fill.lighter(118));
            p.drawPolygon(QPolygonF({f.topLeft(), f.topLeft() + n.depth, f.topRight() + n.depth, f.topRight()}));
            p.setBrush(fill.darker(118));
            p.drawPolygon(
                QPolygonF({f.topRight(), f.topRight() + n.depth, f.bottomRight() + n.depth, f.bottomRight()}));
        }
        p.setBrush(fill);
        p.drawRect(f);
        if (!labels)
            continue;
        // The labels sit beside the box, on the canvas: the canvas's text colours.
        p.setPen(n.status == S::Blocked ? blockedText : ink.dimText);
        drawLabel(p, n.tagRect, n.tagLabel, n.tagVertical);
        p.setPen(n.status == S::Refused  ? (ink.dark ? QColor(0xff, 0x80, 0x80) : QColor(0xb0, 0x00, 0x20))
                 : n.status == S::Blocked ? blockedText
                                          : ink.text);
        drawLabel(p, n.shapeRect, n.shapeLabel, n.shapeVertical);
    }
}

QSizeF paintLegend(QPainter &p, const DiagramLayout &L, const CanvasInk &ink, const QPointF &topLeft)
{
    const QFontMetricsF fm(p.font());
    const qreal sw = fm.height() * 0.8, gap = 6;
    qreal x = topLeft.x(), h = fm.height();
    p.save();
    p.setRenderHint(QPainter::Antialiasing, false);
    for (DiagramGroup op : L.legend) {
        const QString text = legendText(op);
        p.setPen(QColor(0x40, 0x40, 0x40));
        p.setBrush(fillFor(op));
        p.drawRect(QRectF(x, topLeft.y() + (h - sw) / 2, sw, sw));
        x += sw + 4;
        p.setPen(ink.text);
        p.drawText(QRectF(x, topLeft.y(), fm.horizontalAdvance(text) + 1, h), Qt::AlignLeft | Qt::AlignVCenter, text);
        x += fm.horizontalAdvance(text) + 3 * gap;
    }
    // The dashed line: an input that is not the layer right before (a skip connection).
    const bool anySkip = std::any_of(L.edges.begin(), L.edges.end(), [](const DiagramEdge &e) { return e.skip; });
    if (!anySkip) {
        p.restore();
        return {x - 3 * gap - topLeft.x(), h};
    }
    p.setRenderHint(QPainter::Antialiasing, true);
    p.setPen(QPen(ink.dark ? QColor(0x86, 0xb4, 0xe8) : QColor(0x3a, 0x6e, 0xa5), 1.4, Qt::DashLine));
    p.drawLine(QPointF(x, topLeft.y() + h / 2), QPointF(x + 22, topLeft.y() + h / 2));
    x += 26;
    const QString skip = QObject::tr("skip connection");
    p.setPen(ink.text);
    p.drawText(QRectF(x, topLeft.y(), fm.horizontalAdvance(skip) + 1, h), Qt::AlignLeft | Qt::AlignVCenter, skip);
    x += fm.horizontalAdvance(skip);
    p.restore();
    return {x - topLeft.x(), h};
}

DiagramView::DiagramView(QWidget *parent) : QWidget(parent)
{
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setAutoFillBackground(false);
    setMinimumSize(200, 150);
    m_options.font = font();
    m_options.font.setPointSizeF(8.0);
}

void DiagramView::setModel(LayerModel *model, QItemSelectionModel *selection)
{
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    if (m_selection)
        disconnect(m_selection, nullptr, this, nullptr);
    m_model = model;
    m_selection = selection;
    if (m_model) {
        connect(m_model, &QAbstractItemModel::modelReset, this, &DiagramView::relayout);
        connect(m_model, &QAbstractItemModel::dataChanged, this, &DiagramView::relayout);
    }
    if (m_selection)
        connect(m_selection, &QItemSelectionModel::selectionChanged, this, [this] {
            update();
            if (m_selection && m_selection->currentIndex().isValid())
                ensureRowVisible(m_selection->currentIndex().row());
        });
    relayout();
}

void DiagramView::setLogScale(bool on)
{
    if (m_options.logScale == on)
        return;
    m_options.logScale = on;
    relayout();
}

void DiagramView::relayout()
{
    static const ShapeReport empty;
    m_layout = DiagramLayout::compute(m_model ? m_model->report() : empty, m_options);
    m_hovered = -1;
    if (m_autoFit)
        fitToView();
    update();
    Q_EMIT layoutChanged();
}

QPointF DiagramView::mapToScene(const QPointF &w) const
{
    return (w - m_offset) / m_zoom;
}

QPointF DiagramView::mapFromScene(const QPointF &s) const
{
    return s * m_zoom + m_offset;
}

qreal DiagramView::fitZoom() const
{
    const QRectF s = m_layout.sceneRect;
    const qreal h = height() - legendBand(); // the legend strip along the bottom edge
    if (s.isEmpty() || width() <= 0 || h <= 0)
        return m_zoom;
    // A short model is not blown up past twice its size, except on a projector, where it may fill the screen.
    return std::clamp(std::min(width() / s.width(), h / s.height()), 0.05, m_presentationPx > 0 ? 4.0 : 2.0);
}

void DiagramView::fitToView()
{
    const QRectF s = m_layout.sceneRect;
    const qreal h = height() - legendBand();
    if (s.isEmpty() || width() <= 0 || h <= 0)
        return;
    m_zoom = fitZoom() * m_fitFactor;
    if (m_presentationPx > 0) // a room reads the labels at the presentation's text size, even past the screen
        m_zoom = std::clamp(std::max(m_zoom, m_presentationPx / QFontMetricsF(m_options.font).height()), 0.05, 8.0);
    m_offset = QPointF(width() / 2.0, h / 2.0) - s.center() * m_zoom;
    if (m_zoom > fitZoom() * 1.001 && m_selection && m_selection->currentIndex().isValid()) {
        // Larger than the view: centre the current layer rather than the middle of the model.
        const int row = m_selection->currentIndex().row();
        if (row >= 0 && size_t(row) < m_layout.nodes.size()) {
            const QPointF c = mapFromScene(m_layout.nodes[size_t(row)].bounds.center());
            m_offset += QPointF(width() / 2.0, h / 2.0) - c;
        }
    }
    m_autoFit = true;
    update();
}

void DiagramView::setPresentationText(int px)
{
    m_presentationPx = std::max(0, px);
    m_fitFactor = m_presentationPx > 0 ? double(m_presentationPx) / Settings::kDefaultPresentationTextPx : 1.0;
    fitToView();
}

qreal DiagramView::labelPx() const
{
    return QFontMetricsF(m_options.font).height() * m_zoom;
}

void DiagramView::zoomAround(const QPointF &w, qreal factor)
{
    const QPointF scenePos = mapToScene(w);
    m_zoom = std::clamp(m_zoom * factor, 0.05, 8.0);
    m_offset = w - scenePos * m_zoom;
    m_autoFit = false;
    update();
}

void DiagramView::zoomIn()
{
    zoomAround(QPointF(width() / 2.0, height() / 2.0), 1.25);
}

void DiagramView::zoomOut()
{
    zoomAround(QPointF(width() / 2.0, height() / 2.0), 1 / 1.25);
}

void DiagramView::ensureRowVisible(int row)
{
    if (row < 0 || size_t(row) >= m_layout.nodes.size())
        return;
    const QRectF r(mapFromScene(m_layout.nodes[size_t(row)].bounds.topLeft()),
                   mapFromScene(m_layout.nodes[size_t(row)].bounds.bottomRight()));
    if (rect().contains(r.toAlignedRect()))
        return;
    m_offset += QPointF(width() / 2.0, height() / 2.0) - r.center();
    m_autoFit = false;
    update();
}

QSet<int> DiagramView::selectedRows() const
{
    QSet<int> rows;
    for (int r : selectedLayerRows(m_selection))
        rows.insert(r);
    return rows;
}

void DiagramView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const CanvasInk ink = CanvasInk::from(palette());
    p.fillRect(rect(), ink.base);
    if (m_layout.nodes.empty()) {
        p.setPen(ink.dimText);
        p.drawText(rect(), Qt::AlignCenter, tr("No layers yet: drag one from the palette"));
        return;
    }
    p.translate(m_offset);
    p.scale(m_zoom, m_zoom);
    p.setFont(m_options.font);
    const QRectF visible(mapToScene(QPointF(0, 0)), mapToScene(QPointF(width(), height())));
    const bool readable = QFontMetricsF(m_options.font).height() * m_zoom >= 4.5;
    paintDiagram(p, m_layout, ink, selectedRows(), m_hovered, visible, readable);
    p.resetTransform();
    p.setFont(legendFont());
    const qreal band = legendBand();
    p.fillRect(QRectF(0, height() - band, width(), band), ink.panel);
    paintLegend(p, m_layout, ink, QPointF(8, height() - band + 5));
}

QFont DiagramView::legendFont() const
{
    QFont f = font();
    if (m_presentationPx > 0)
        f.setPixelSize(std::max(12, m_presentationPx * 2 / 3));
    else
        f.setPointSizeF(8.5);
    return f;
}

qreal DiagramView::legendBand() const
{
    return QFontMetricsF(legendFont()).height() + 10;
}

void DiagramView::resizeEvent(QResizeEvent *)
{
    if (m_autoFit)
        fitToView();
}

void DiagramView::wheelEvent(QWheelEvent *e)
{
    const qreal steps = e->angleDelta().y() / 120.0;
    if (steps != 0)
        zoomAround(e->position(), std::pow(1.15, steps));
    e->accept();
}

void DiagramView::mousePressEvent(QMouseEvent *e)
{
    setFocus(Qt::MouseFocusReason);
    const int row = m_layout.nodeAt(mapToScene(e->position()));
    if (e->button() == Qt::RightButton) {
        // The context menu acts on the selection: a right-click on a box outside it selects that box first.
        if (row >= 0 && m_model && m_selection && !selectedRows().contains(row))
            m_selection->setCurrentIndex(m_model->index(row, 0),
                                         QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        return;
    }
    if (e->button() != Qt::LeftButton)
        return;
    if (row >= 0 && m_model && m_selection) {
        const QModelIndex idx = m_model->index(row, 0);
        const auto flags = (e->modifiers() & Qt::ControlModifier)
                               ? QItemSelectionModel::Toggle | QItemSelectionModel::Rows
                               : QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows;
        m_selection->setCurrentIndex(idx, flags);
        return;
    }
    m_panning = true;
    m_panStart = e->position();
    m_offsetAtPanStart = m_offset;
    setCursor(Qt::ClosedHandCursor);
}

void DiagramView::mouseMoveEvent(QMouseEvent *e)
{
    if (m_panning) {
        m_offset = m_offsetAtPanStart + (e->position() - m_panStart);
        m_autoFit = false;
        update();
        return;
    }
    const int row = m_layout.nodeAt(mapToScene(e->position()));
    if (row != m_hovered) {
        m_hovered = row;
        update();
    }
}

void DiagramView::mouseReleaseEvent(QMouseEvent *)
{
    if (m_panning) {
        m_panning = false;
        unsetCursor();
    }
}

void DiagramView::keyPressEvent(QKeyEvent *e)
{
    switch (e->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomIn();
        return;
    case Qt::Key_Minus:
        zoomOut();
        return;
    case Qt::Key_0:
        fitToView();
        return;
    }
    QWidget::keyPressEvent(e);
}

bool DiagramView::event(QEvent *e)
{
    if (e->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(e);
        const int row = m_layout.nodeAt(mapToScene(help->pos()));
        if (row >= 0 && m_model)
            QToolTip::showText(help->globalPos(), m_model->data(m_model->index(row, 0), Qt::ToolTipRole).toString(),
                               this);
        else
            QToolTip::hideText();
        return true;
    }
    if (e->type() == QEvent::Leave && m_hovered >= 0) {
        m_hovered = -1;
        update();
    }
    return QWidget::event(e);
}

QSizeF DiagramView::exportSize() const
{
    // The drawing, with the legend underneath (and at least as wide as the legend).
    QPicture dry;
    QPainter p(&dry);
    p.setFont(m_options.font);
    const QSizeF legend = paintLegend(p, m_layout, CanvasInk::light(), QPointF(0, 0));
    const QRectF s = m_layout.sceneRect;
    return {std::max(s.width(), legend.width() + 2 * m_options.margin), s.height() + legend.height() + 12};
}

QImage DiagramView::renderImage(qreal scale) const
{
    const QRectF s = m_layout.sceneRect;
    const QSizeF size = exportSize();
    QImage img((size * scale).toSize().expandedTo(QSize(1, 1)), QImage::Format_ARGB32_Premultiplied);
    img.fill(Qt::white);
    QPainter p(&img);
    p.scale(scale, scale);
    p.setFont(m_options.font);
    // Exports keep the light look whatever the screen's theme: they end up in documents and slides.
    const CanvasInk ink = CanvasInk::light();
    paintLegend(p, m_layout, ink, QPointF(m_options.margin, s.height() + 2));
    p.translate(-s.topLeft());
    paintDiagram(p, m_layout, ink, {}, -1);
    return img;
}

// Both exports go through writeFileAtomically (issue 13: a full disk cut the SVG off and reported success, and a
// failed PNG export destroyed the previous PNG).
bool DiagramView::exportPng(const QString &path, QString *error) const
{
    return writePngAtomically(path, renderImage(2.0), error);
}

bool DiagramView::exportSvg(const QString &path, QString *error) const
{
    return writeFileAtomically(
        path,
        [&](QIODevice &device, QString *why) {
            // Painted into memory first: QSvgGenerator writes through a QTextStream that drops write errors, so a
            // short write to the file could not be told from a short SVG.
            QBuffer buffer;
            buffer.open(QIODevice::WriteOnly);
            const QRectF s = m_layout.sceneRect;
            QSvgGenerator gen;
            gen.setOutputDevice(&buffer);
            const QSizeF size = exportSize();
            gen.setSize(size.toSize());
            gen.setViewBox(QRectF(QPointF(0, 0), size));
            gen.setTitle(tr("ConvLens diagram"));
            QPainter p;
            if (!p.begin(&gen)) {
                *why = tr("cannot paint an SVG");
                return false;
            }
            p.fillRect(QRectF(QPointF(0, 0), size), Qt::white);
            p.setFont(m_options.font);
            // Exports keep the light look whatever the screen's theme: they end up in documents and slides.
            const CanvasInk ink = CanvasInk::light();
            paintLegend(p, m_layout, ink, QPointF(m_options.margin, s.height() + 2));
            p.translate(-s.topLeft());
            paintDiagram(p, m_layout, ink, {}, -1);
            if (!p.end())
                return false;
            return device.write(buffer.data()) == buffer.data().size();
        },
        error);
}

} // namespace convlens
