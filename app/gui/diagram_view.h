// diagram_view.h — the architecture diagram: draws a DiagramLayout, zooms (wheel, +/−, fit) and pans (drag), shows a
// tooltip per box (shape, params, formula: the layer model's tooltip) and selects through the shared
// QItemSelectionModel. Exports the same drawing as PNG or SVG.
#pragma once

#include "diagram_layout.h"

#include <QPointer>
#include <QSet>
#include <QWidget>

class QItemSelectionModel;
class QPainter;

namespace convlens {

class LayerModel;

struct CanvasInk;

// The colour key and the skip-connection line, left to right from `topLeft`; returns the size used.
QSizeF paintLegend(QPainter &p, const DiagramLayout &layout, const CanvasInk &ink, const QPointF &topLeft);

// Draws `layout` in scene coordinates (used by the view and by the exports) in `ink`'s colours. Only what meets
// `visible` (a scene rectangle; null = everything) is drawn, and labels only when `labels` (too small to read at this
// zoom otherwise).
void paintDiagram(QPainter &p, const DiagramLayout &layout, const CanvasInk &ink, const QSet<int> &selected,
                  int hovered, const QRectF &visible = {}, bool labels = true);

class DiagramView : public QWidget
{
    Q_OBJECT
public:
    explicit DiagramView(QWidget *parent = nullptr);

    void setModel(LayerModel *model, QItemSelectionModel *selection);
    void setLogScale(bool on);
    bool logScale() const { return m_options.logScale; }

    const DiagramLayout &layout() const { return m_layout; }
    qreal zoom() const { return m_zoom; }
    QPointF mapToScene(const QPointF &widgetPos) const;
    QPointF mapFromScene(const QPointF &scenePos) const;

    // Presentation mode (View ▸ Presentation): `px` is the presentation's text size (0 leaves). The diagram is
    // fitted, then scaled by px / Settings::kDefaultPresentationTextPx, and at least so far that the boxes' labels are
    // px tall on screen: the boxes and their labels grow and shrink together with Ctrl+= / Ctrl+-, and a model
    // too large to show whole at that size is centred on the current layer (drag to pan). The legend is written at
    // 2/3 of px. A resize fits again at the same factor (until the user zooms or pans).
    void setPresentationText(int px);
    int presentationText() const { return m_presentationPx; }
    // The on-screen pixel size of the boxes' labels at the current zoom.
    qreal labelPx() const;
    qreal fitZoom() const; // the zoom at which the whole diagram fits the view

    QImage renderImage(qreal scale = 2.0) const;
    QSizeF exportSize() const;
    bool exportPng(const QString &path, QString *error = nullptr) const;
    bool exportSvg(const QString &path, QString *error = nullptr) const;

public Q_SLOTS:
    void zoomIn();
    void zoomOut();
    void fitToView();
    void relayout();

Q_SIGNALS:
    void layoutChanged();

protected:
    void paintEvent(QPaintEvent *) override;
    void resizeEvent(QResizeEvent *) override;
    void wheelEvent(QWheelEvent *) override;
    void mousePressEvent(QMouseEvent *) override;
    void mouseMoveEvent(QMouseEvent *) override;
    void mouseReleaseEvent(QMouseEvent *) override;
    void keyPressEvent(QKeyEvent *) override;
    bool event(QEvent *) override;

private:
    void zoomAround(const QPointF &widgetPos, qreal factor);
    QFont legendFont() const;
    qreal legendBand() const;
    void ensureRowVisible(int row);
    QSet<int> selectedRows() const;

    QPointer<LayerModel> m_model;
    QPointer<QItemSelectionModel> m_selection;
    DiagramOptions m_options;
    DiagramLayout m_layout;
    qreal m_zoom = 1.0;
    QPointF m_offset;              // widget position of scene (0, 0)
    bool m_autoFit = true;         // refit on resize and relayout until the user zooms or pans
    int m_presentationPx = 0;      // 0: not presenting
    qreal m_fitFactor = 1.0;       // the zoom that fitToView sets, relative to the zoom that fits
    bool m_panning = false;
    QPointF m_panStart, m_offsetAtPanStart;
    int m_hovered = -1;
};

} // namespace convlens
