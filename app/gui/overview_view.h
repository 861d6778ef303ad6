// overview_view.h — the "All layers" tab: every layer's output at once, in the manner of CNN Explainer. One column
// per layer, left to right in model order; a spatial layer's channels as a column of small maps (one colour scale per
// layer, as the feature maps' "same scale"), a Dense/Flatten output as a strip of coloured values. The selected layer
// is framed; a click on a column selects that layer everywhere (then the Feature maps and Step player tabs show it).
//
// Data: the ForwardController's snapshot through LayerView (hidden tab, status, random-weights banner). The thumbnails
// are built once per snapshot from sampled planes (at most 64×64 cells each), so a U-Net's 39 layers cost little.
// Geometry: overview_layout.h.
#pragma once

#include "colormap.h"
#include "layer_view.h"
#include "overview_layout.h"

#include <QImage>
#include <vector>

class QScrollArea;

namespace convlens {

class OverviewCanvas;

class OverviewView : public LayerView {
    Q_OBJECT
public:
    explicit OverviewView(QWidget *parent = nullptr);

    const OverviewLayout &overviewLayout() const { return m_layout; }
    QWidget *canvas() const;
    int columnCount() const { return int(m_columns.size()); }
    QString columnLayer(int column) const;
    // What a click at this canvas point does: selects the column's layer (layerClicked). False outside the columns.
    bool clickAt(const QPointF &canvasPos);

Q_SIGNALS:
    void layerClicked(const QString &layer);

protected:
    void refresh() override;
    void displayMessage(const QString &text) override;
    void layerChanged() override;
    void resizeEvent(QResizeEvent *e) override;

private:
    friend class OverviewCanvas;
    struct Column {
        QString layer, type, shape;
        bool spatial = true;
        std::vector<QImage> maps; // the channels shown (the rest are only counted)
        int channels = 0;
        QImage strip;             // rank 1: one pixel per cell, top to bottom
        std::int64_t values = 0;
    };
    void buildColumns();
    void relayout();
    void paintCanvas(QPainter &p);
    QString toolTipAt(const QPointF &pos) const;

    std::vector<Column> m_columns;
    quint64 m_builtGeneration = 0;
    int m_selected = -1;
    OverviewLayout m_layout;
    QScrollArea *m_scroll = nullptr;
    OverviewCanvas *m_canvas = nullptr;
    QString m_message;
};

} // namespace convlens
