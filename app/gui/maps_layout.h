// maps_layout.h — where the feature-map view draws, as plain values tested with data tables (STYLE.md §8): the
// grid of channel tiles, the enlarged map beside the model input (for the receptive field), and the bar/strip view
// of a rank-1 output. feature_maps_view.cpp only paints these rectangles.
#pragma once

#include "shape/receptive_field.h"
#include "trace/trace.h"

#include <QPointF>
#include <QRectF>
#include <cstdint>
#include <optional>
#include <vector>

namespace convlens {

struct MapHit {
    int tile = -1;
    std::int64_t row = -1, col = -1;
    bool operator==(const MapHit &) const = default;
};

// All channels of a H×W×C output as tiles: the column count that makes the tiles largest, an integer number of
// pixels per cell when a cell gets at least one pixel (crisp maps), a label line above each map, centred in the area.
// `zoom` (presentation mode's Ctrl+= / Ctrl+-) multiplies the fitting scale: above 1 the tiles take as many columns as
// fit the area's width at that scale and run past its bottom (the view scrolls); below 1 they keep the fitting columns.
struct MapTileLayout {
    int count = 0, columns = 0, rows = 0;
    std::int64_t mapH = 0, mapW = 0;
    double scale = 1; // pixels per map cell
    double labelHeight = 0, spacing = 0;
    double bottom = 0;        // the lowest map's bottom edge (past the area's when zoomed in)
    std::vector<QRectF> maps; // per tile: its map (the label is above it)

    static MapTileLayout compute(int count, std::int64_t mapH, std::int64_t mapW, const QRectF &area,
                                 double labelHeight = 14, double spacing = 8, double zoom = 1);
    QRectF labelRect(int tile) const;
    QRectF cellRect(int tile, std::int64_t row, std::int64_t col) const;
    std::optional<MapHit> hit(const QPointF &p) const; // a cell of a tile's map; nullopt on labels and gaps
};

// One map enlarged on the left, the model input on the right (where the receptive field is drawn); each scaled to fit
// its half with a label line above. `zoom` (presentation mode's text size over its default) scales the map past its
// half, whole pixels per cell, and the input takes the room left to its right (at least half its fitted size); the
// view scrolls what passes the bottom.
struct EnlargedLayout {
    QRectF map, input;
    double mapScale = 1, inputScale = 1;
    std::int64_t mapH = 0, mapW = 0, inputH = 0, inputW = 0;

    static EnlargedLayout compute(std::int64_t mapH, std::int64_t mapW, std::int64_t inputH, std::int64_t inputW,
                                  const QRectF &area, double labelHeight = 18, double spacing = 24, double zoom = 1);
    QRectF mapCell(std::int64_t row, std::int64_t col) const;
    QRectF inputCells(const CellRect &cells) const; // the rectangle covering an inclusive cell range of the input
    std::optional<Cell> mapCellAt(const QPointF &p) const;
    std::optional<Cell> inputCellAt(const QPointF &p) const;
};

// A rank-1 output (Dense, Flatten…): bars for up to kMaxBars values, else a strip of coloured cells wrapped into
// rows that keep the cells square.
struct VectorLayout {
    static constexpr std::int64_t kMaxBars = 128;
    enum class Mode { Bars, Strip };
    Mode mode = Mode::Bars;
    std::int64_t count = 0;
    QRectF plot;
    std::int64_t columns = 0, rows = 0; // strip
    double cell = 0;                    // strip cell side / bar slot width

    static VectorLayout compute(std::int64_t count, const QRectF &area);
    QRectF slot(std::int64_t index) const; // the bar's full-height slot, or the strip cell
    std::optional<std::int64_t> hit(const QPointF &p) const;
};

} // namespace convlens
