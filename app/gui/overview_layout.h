// overview_layout.h — where the "All layers" overview draws, as plain values tested with data tables (STYLE.md §8):
// every layer a column, left to right in model order, as CNN Explainer lays a network out; a spatial layer's channels
// as a column of square thumbnails (as many as the height allows, the rest counted), a rank-1 layer's values as a
// strip of cells. A click anywhere in a column selects that layer.
#pragma once

#include <QRectF>
#include <QString>
#include <cstdint>
#include <optional>
#include <vector>

namespace convlens {

struct OverviewColumnSpec {
    bool spatial = true;
    int channels = 0;            // spatial: how many maps
    std::int64_t values = 0;     // rank 1: how many values
};

struct OverviewColumn {
    QRectF header;               // the layer's name and shape
    QRectF body;                 // thumbnails or the strip
    std::vector<QRectF> thumbs;  // spatial: the channels shown, top to bottom
    int hidden = 0;              // channels that did not fit (said under the last thumbnail)
    QRectF more;                 // where "+N" goes
    int stripRows = 0;           // rank 1: cells in the strip (values are sampled when there are more)
    QRectF bounds() const { return header.united(body).united(more); }
};

struct OverviewLayout {
    static constexpr double kMinThumb = 20, kMaxThumb = 64;
    double thumb = 40, gap = 14, headerHeight = 30;
    std::vector<OverviewColumn> columns;
    QSizeF sceneSize;

    // Thumbnails as large as the available height lets the fullest column show all its maps, within
    // [kMinThumb, kMaxThumb]; columns that still do not fit show what fits and count the rest.
    static OverviewLayout compute(const std::vector<OverviewColumnSpec> &specs, double height,
                                  double headerHeight = 30, double gap = 14);
    // The column under a scene point (header, body or gap beside it), or nullopt beyond the last one.
    std::optional<int> columnAt(const QPointF &p) const;
    // The thumbnail under a scene point: (column, channel).
    std::optional<std::pair<int, int>> thumbAt(const QPointF &p) const;
};

} // namespace convlens
