// maps_layout.cpp — tile grid, enlarged map and vector geometry.
#include "maps_layout.h"

#include <algorithm>
#include <cmath>

namespace convlens {

namespace {

// Largest scale (pixels per cell) at which a w×h map fits `room`; whole pixels once it is at least 1.
double fitScale(std::int64_t h, std::int64_t w, double roomW, double roomH)
{
    if (h <= 0 || w <= 0 || roomW <= 0 || roomH <= 0)
        return 0;
    const double s = std::min(roomW / double(w), roomH / double(h));
    return s >= 1 ? std::floor(s) : s;
}

} // namespace

MapTileLayout MapTileLayout::compute(int count, std::int64_t mapH, std::int64_t mapW, const QRectF &area,
                                     double labelHeight, double spacing, double zoom)
{
    MapTileLayout l;
    l.count = count;
    l.mapH = mapH;
    l.mapW = mapW;
    l.labelHeight = labelHeight;
    l.spacing = spacing;
    if (count <= 0 || mapH <= 0 || mapW <= 0)
        return l;
    double best = -1;
    int bestCols = 1;
    for (int n = 1; n <= count; ++n) {
        const int rows = (count + n - 1) / n;
        const double cw = (area.width() - (n - 1) * spacing) / n;
        const double ch = (area.height() - (rows - 1) * spacing) / rows - labelHeight;
        const double s = std::min(cw / double(mapW), ch / double(mapH));
        if (s > best + 1e-9) {
            best = s;
            bestCols = n;
        }
    }
    if (zoom > 0 && zoom != 1)
        best *= zoom;
    if (zoom > 1) {
        const double pitch = double(mapW) * (best >= 1 ? std::floor(best) : best) + spacing;
        bestCols = std::clamp(int((area.width() + spacing) / pitch), 1, count);
    }
    l.columns = bestCols;
    l.rows = (count + bestCols - 1) / bestCols;
    l.scale = best >= 1 ? std::floor(best) : std::max(best, 0.05);
    const double tileW = double(mapW) * l.scale, tileH = labelHeight + double(mapH) * l.scale;
    const double totalW = l.columns * tileW + (l.columns - 1) * spacing;
    const double totalH = l.rows * tileH + (l.rows - 1) * spacing;
    const double x0 = area.left() + std::max(0.0, (area.width() - totalW) / 2);
    const double y0 = area.top() + std::max(0.0, std::min(12.0, (area.height() - totalH) / 2));
    l.maps.reserve(size_t(count));
    for (int i = 0; i < count; ++i) {
        const int c = i % l.columns, r = i / l.columns;
        l.maps.emplace_back(std::round(x0 + c * (tileW + spacing)),
                            std::round(y0 + r * (tileH + spacing) + labelHeight), double(mapW) * l.scale,
                            double(mapH) * l.scale);
    }
    l.bottom = l.maps.back().bottom();
    return l;
}

QRectF MapTileLayout::labelRect(int tile) const
{
    if (tile < 0 || size_t(tile) >= maps.size())
        return {};
    const QRectF &m = maps[size_t(tile)];
    return {m.left(), m.top() - labelHeight, std::max(m.width(), 24.0), labelHeight};
}

QRectF MapTileLayout::cellRect(int tile, std::int64_t row, std::int64_t col) const
{
    if (tile < 0 || size_t(tile) >= maps.size())
        return {};
    const QRectF &m = maps[size_t(tile)];
    return {m.left() + double(col) * scale, m.top() + double(row) * scale, scale, scale};
}

std::optional<MapHit> MapTileLayout::hit(const QPointF &p) const
{
    if (maps.empty() || columns <= 0)
        return std::nullopt;
    // Arithmetic, not a search: the tiles form a regular grid.
    const QRectF &first = maps.front();
    const double pitchX = double(mapW) * scale + spacing, pitchY = labelHeight + double(mapH) * scale + spacing;
    const int c = int(std::floor((p.x() - first.left()) / pitchX));
    const int r = int(std::floor((p.y() - first.top()) / pitchY));
    if (c < 0 || c >= columns || r < 0 || r >= rows)
        return std::nullopt;
    const int tile = r * columns + c;
    if (tile >= count)
        return std::nullopt;
    const QRectF &m = maps[size_t(tile)];
    if (!m.contains(p) || p.x() >= m.right() || p.y() >= m.bottom())
        return std::nullopt;
    const std::int64_t row = std::min(mapH - 1, std::int64_t((p.y() - m.top()) / scale));
    const std::int64_t col = std::min(mapW - 1, std::int64_t((p.x() - m.left()) / scale));
    return MapHit{tile, row, col};
}

EnlargedLayout EnlargedLayout::compute(std::int64_t mapH, std::int64_t mapW, std::int64_t inputH, std::int64_t inputW,
                                       const QRectF &area, double labelHeight, double spacing, double zoom)
{
    EnlargedLayout l;
    l.mapH = mapH;
    l.mapW = mapW;
    l.inputH = inputH;
    l.inputW = inputW;
    const bool withInput = inputH > 0 && inputW > 0;
    const double half = withInput ? (area.width() - spacing) / 2 : area.width();
    const double roomH = area.height() - labelHeight;
    const double fitted = fitScale(mapH, mapW, half, roomH);
    l.mapScale = fitted * zoom >= 1 ? std::floor(fitted * zoom) : fitted * zoom;
    const double mapWidth = double(mapW) * l.mapScale;
    // Centred in its half; zoomed past it, from the left edge.
    l.map = QRectF(area.left() + std::max(0.0, std::round((half - mapWidth) / 2)), area.top() + labelHeight, mapWidth,
                   double(mapH) * l.mapScale);
    if (withInput) {
        // The input in the room to the right of the map: its own half scaled the same way, as far as that room
        // allows, never below half of what fits the half.
        const double x = std::max(area.left() + half, l.map.right()) + spacing;
        const double inHalf = fitScale(inputH, inputW, half, roomH);
        const double inRoom = fitScale(inputH, inputW, area.right() - x, roomH);
        l.inputScale = std::max(inHalf / 2, std::min(inHalf * zoom, inRoom));
        const double inputWidth = double(inputW) * l.inputScale;
        l.input = QRectF(x + std::max(0.0, std::round((area.right() - x - inputWidth) / 2)),
                         area.top() + labelHeight, inputWidth, double(inputH) * l.inputScale);
    }
    return l;
}

QRectF EnlargedLayout::mapCell(std::int64_t row, std::int64_t col) const
{
    return {map.left() + double(col) * mapScale, map.top() + double(row) * mapScale, mapScale, mapScale};
}

QRectF EnlargedLayout::inputCells(const CellRect &c) const
{
    if (c.empty() || input.isEmpty())
        return {};
    return {input.left() + double(c.left) * inputScale, input.top() + double(c.top) * inputScale,
            double(c.right - c.left + 1) * inputScale, double(c.bottom - c.top + 1) * inputScale};
}

std::optional<Cell> EnlargedLayout::mapCellAt(const QPointF &p) const
{
    if (!(mapScale > 0) || p.x() < map.left() || p.y() < map.top() || p.x() >= map.right() || p.y() >= map.bottom())
        return std::nullopt;
    return Cell{std::min(mapH - 1, std::int64_t((p.y() - map.top()) / mapScale)),
                std::min(mapW - 1, std::int64_t((p.x() - map.left()) / mapScale))};
}

std::optional<Cell> EnlargedLayout::inputCellAt(const QPointF &p) const
{
    if (!(inputScale > 0) || input.isEmpty() || p.x() < input.left() || p.y() < input.top() || p.x() >= input.right() ||
        p.y() >= input.bottom())
        return std::nullopt;
    return Cell{std::min(inputH - 1, std::int64_t((p.y() - input.top()) / inputScale)),
                std::min(inputW - 1, std::int64_t((p.x() - input.left()) / inputScale))};
}

VectorLayout VectorLayout::compute(std::int64_t count, const QRectF &area)
{
    VectorLayout l;
    l.count = count;
    l.plot = area;
    if (count <= 0 || area.width() <= 0 || area.height() <= 0)
        return l;
    if (count <= kMaxBars) {
        l.mode = Mode::Bars;
        l.columns = count;
        l.rows = 1;
        l.cell = std::min(48.0, area.width() / double(count));
        const double w = l.cell * double(count);
        l.plot = QRectF(area.left() + (area.width() - w) / 2, area.top(), w, area.height());
        return l;
    }
    l.mode = Mode::Strip;
    // Square cells filling the area: columns ≈ √(count · W / H).
    std::int64_t cols =
        std::max<std::int64_t>(1, std::int64_t(std::ceil(std::sqrt(double(count) * area.width() / area.height()))));
    cols = std::min(cols, count);
    std::int64_t rows = (count + cols - 1) / cols;
    double cell = std::min(area.width() / double(cols), area.height() / double(rows));
    if (cell >= 2)
        cell = std::floor(cell);
    l.columns = cols;
    l.rows = rows;
    l.cell = cell;
    const double w = cell * double(cols), h = cell * double(rows);
    l.plot = QRectF(area.left() + (area.width() - w) / 2, area.top(), w, h);
    return l;
}

QRectF VectorLayout::slot(std::int64_t i) const
{
    if (i < 0 || i >= count)
        return {};
    if (mode == Mode::Bars)
        return {plot.left() + double(i) * cell, plot.top(), cell, plot.height()};
    return {plot.left() + double(i % columns) * cell, plot.top() + double(i / columns) * cell, cell, cell};
}

std::optional<std::int64_t> VectorLayout::hit(const QPointF &p) const
{
    if (count <= 0 || !(cell > 0) || p.x() < plot.left() || p.y() < plot.top() || p.x() >= plot.right() ||
        p.y() >= plot.bottom())
        return std::nullopt;
    const std::int64_t c = std::int64_t((p.x() - plot.left()) / cell);
    const std::int64_t r = mode == Mode::Bars ? 0 : std::int64_t((p.y() - plot.top()) / cell);
    const std::int64_t i = r * columns + c;
    if (c >= columns || i >= count)
        return std::nullopt;
    return i;
}

} // namespace convlens
