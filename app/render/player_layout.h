// player_layout.h — where the step player draws its two grids, as plain values (STYLE.md §8, hotspot's TimeLineData):
// the cells in padded coordinates, the zoom/pan mapping between cells and pixels, which cells are visible, and which
// cell a point hits. Computed from the trace header, tested with data tables, only drawn by step_player.cpp.
//
// The scene is measured in cells. The left grid (the padded input — or, for a transposed convolution, the input) has
// its top-left cell at scene (0, 0); the right grid (the output — or the uncropped canvas of a transposed convolution)
// starts `gap` cells to its right, top-aligned. A view point is pan + scene · cellPx.
#pragma once

#include "shape/receptive_field.h"
#include "trace/trace.h"

#include <QPointF>
#include <QRectF>
#include <QSizeF>
#include <algorithm>
#include <cstdint>
#include <optional>

namespace convlens {

// One grid: a frame of rows × cols cells with a region inside that holds real values.
struct PlayerGrid {
    std::int64_t rows = 0, cols = 0;
    // Left: the input inside the padding (rows pad.top … pad.top + H − 1); right: the output. For a transposed
    // convolution's canvas the output may reach past the frame (output_padding rows that only get the bias): the
    // frame is then grown to hold it.
    CellRect inner;
    bool operator==(const PlayerGrid &) const = default;
};

// Half-open range of cells [row0, row1) × [col0, col1).
struct CellSpan {
    std::int64_t row0 = 0, row1 = 0, col0 = 0, col1 = 0;
    bool empty() const { return row1 <= row0 || col1 <= col0; }
    std::int64_t count() const { return empty() ? 0 : (row1 - row0) * (col1 - col0); }
    bool operator==(const CellSpan &) const = default;
};

struct PlayerLayout {
    enum Grid { Left, Right };

    PlayerGrid left, right;
    double gap = 2;     // cells between the grids
    double cellPx = 24; // zoom: pixels per cell
    double textScale = 1; // the largest cell texts grow with it (presentation mode, slides)
    double valueFraction = 0.36; // the numbers' size as a fraction of the cell (presentation: larger, for the room)
    QPointF pan{0, 0};  // view position of the scene's (0, 0)

    static constexpr double kMinCellPx = 0.05, kMaxCellPx = 200;
    static constexpr double kGridLinesPx = 5; // grid lines from this cell size up
    static constexpr double kValuesPx = 30;   // numbers in the cells from this cell size up
    static constexpr double kLabelsPx = 44;   // two-line labels (pad meaning, weights) from this size up

    // The grids of a trace: window layers → padded input (paddedHw, input at padding.top/left, ceil_mode overhang
    // included) and the output; transposed convolution → the input and the canvas ∪ output.
    static PlayerLayout forTrace(const WindowTrace &header);

    const PlayerGrid &grid(Grid g) const { return g == Left ? left : right; }
    QPointF gridOrigin(Grid g) const;                                  // scene (cells)
    QRectF sceneRect() const;                                          // both grids, in cells
    QRectF gridRect(Grid g) const;                                     // view pixels
    QRectF cellRect(Grid g, std::int64_t row, std::int64_t col) const; // view pixels
    QRectF spanRect(Grid g, std::int64_t row0, std::int64_t col0, std::int64_t rows, std::int64_t cols) const;
    // Cells of `g` that intersect `viewport` (view pixels), clipped to the frame; empty when none.
    CellSpan visibleCells(Grid g, const QRectF &viewport) const;
    // Frame cell under a view point, nullopt outside the frame.
    std::optional<Cell> cellAt(Grid g, const QPointF &p) const;
    // The cell of the inner region under a view point, in its own coordinates (input cell, output cell).
    std::optional<Cell> innerCellAt(Grid g, const QPointF &p) const;

    // Zoom so the whole scene fits `viewport` leaving `margin` pixels around it (and `top` extra pixels above, for
    // the labels), centred.
    void fit(const QRectF &viewport, double margin = 24, double top = 0);
    // Zoom by `factor` keeping the scene point under `anchor` where it is; the zoom is clamped.
    void zoomAt(const QPointF &anchor, double factor);
    void panBy(const QPointF &delta) { pan += delta; }

    // Pixel sizes of the numbers in the cells and of the weight/pad labels at this zoom (a text that would not fit
    // its cell is drawn smaller, see step_player.cpp).
    double valueFontPx() const { return std::clamp(cellPx * valueFraction, 8.0, 18.0 * textScale); }
    double labelFontPx() const { return std::clamp(cellPx * 0.2, 7.0, 13.0 * textScale); }

    bool showGridLines() const { return cellPx >= kGridLinesPx; }
    bool showValues() const { return cellPx >= kValuesPx; }
    bool showLabels() const { return cellPx >= kLabelsPx; }
};

} // namespace convlens
