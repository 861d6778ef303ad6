// player_layout.cpp — the step player's grid geometry.
#include "player_layout.h"

#include <algorithm>
#include <cmath>

namespace convlens {

PlayerLayout PlayerLayout::forTrace(const WindowTrace &h)
{
    PlayerLayout l;
    const std::int64_t H = h.inputHw[0], W = h.inputHw[1], OH = h.outputHw[0], OW = h.outputHw[1];
    if (h.op == Op::ConvTranspose) {
        l.left = {H, W, {0, 0, H - 1, W - 1}};
        const std::int64_t top = std::max<std::int64_t>(0, h.padding.top),
                           lft = std::max<std::int64_t>(0, h.padding.left);
        l.right.rows = std::max(h.paddedHw[0], top + OH);
        l.right.cols = std::max(h.paddedHw[1], lft + OW);
        l.right.inner = {top, lft, top + OH - 1, lft + OW - 1};
    } else {
        l.left = {h.paddedHw[0],
                  h.paddedHw[1],
                  {h.padding.top, h.padding.left, h.padding.top + H - 1, h.padding.left + W - 1}};
        l.right = {OH, OW, {0, 0, OH - 1, OW - 1}};
    }
    // A gap that reads as a gap at any size: two cells for small maps, ~8 % of the wider grid for big ones.
    l.gap = std::max(2.0, std::ceil(0.08 * double(std::max(l.left.cols, l.right.cols))));
    return l;
}

QPointF PlayerLayout::gridOrigin(Grid g) const
{
    return g == Left ? QPointF(0, 0) : QPointF(double(left.cols) + gap, 0);
}

QRectF PlayerLayout::sceneRect() const
{
    return {0, 0, double(left.cols) + gap + double(right.cols), double(std::max(left.rows, right.rows))};
}

QRectF PlayerLayout::spanRect(Grid g, std::int64_t row0, std::int64_t col0, std::int64_t rows, std::int64_t cols) const
{
    const QPointF o = gridOrigin(g);
    return {pan.x() + (o.x() + double(col0)) * cellPx, pan.y() + (o.y() + double(row0)) * cellPx, double(cols) * cellPx,
            double(rows) * cellPx};
}

QRectF PlayerLayout::gridRect(Grid g) const
{
    const PlayerGrid &gr = grid(g);
    return spanRect(g, 0, 0, gr.rows, gr.cols);
}

QRectF PlayerLayout::cellRect(Grid g, std::int64_t row, std::int64_t col) const
{
    return spanRect(g, row, col, 1, 1);
}

CellSpan PlayerLayout::visibleCells(Grid g, const QRectF &viewport) const
{
    const PlayerGrid &gr = grid(g);
    const QRectF r = gridRect(g);
    if (gr.rows <= 0 || gr.cols <= 0 || !(cellPx > 0))
        return {};
    const auto clampTo = [](double v, std::int64_t n) { return std::int64_t(std::clamp(v, 0.0, double(n))); };
    CellSpan s;
    s.col0 = clampTo(std::floor((viewport.left() - r.left()) / cellPx), gr.cols);
    s.col1 = clampTo(std::ceil((viewport.right() - r.left()) / cellPx), gr.cols);
    s.row0 = clampTo(std::floor((viewport.top() - r.top()) / cellPx), gr.rows);
    s.row1 = clampTo(std::ceil((viewport.bottom() - r.top()) / cellPx), gr.rows);
    if (s.empty())
        return {};
    return s;
}

std::optional<Cell> PlayerLayout::cellAt(Grid g, const QPointF &p) const
{
    const PlayerGrid &gr = grid(g);
    const QRectF r = gridRect(g);
    if (!(cellPx > 0))
        return std::nullopt;
    const double cx = (p.x() - r.left()) / cellPx, cy = (p.y() - r.top()) / cellPx;
    if (cx < 0 || cy < 0 || cx >= double(gr.cols) || cy >= double(gr.rows))
        return std::nullopt;
    return Cell{std::int64_t(cy), std::int64_t(cx)};
}

std::optional<Cell> PlayerLayout::innerCellAt(Grid g, const QPointF &p) const
{
    const auto c = cellAt(g, p);
    const CellRect &in = grid(g).inner;
    if (!c || (*c)[0] < in.top || (*c)[0] > in.bottom || (*c)[1] < in.left || (*c)[1] > in.right)
        return std::nullopt;
    return Cell{(*c)[0] - in.top, (*c)[1] - in.left};
}

void PlayerLayout::fit(const QRectF &viewport, double margin, double top)
{
    const QRectF s = sceneRect();
    if (s.width() <= 0 || s.height() <= 0)
        return;
    const double w = std::max(1.0, viewport.width() - 2 * margin);
    const double h = std::max(1.0, viewport.height() - 2 * margin - top);
    cellPx = std::clamp(std::min(w / s.width(), h / s.height()), kMinCellPx, kMaxCellPx);
    pan = QPointF(viewport.left() + (viewport.width() - s.width() * cellPx) / 2,
                  viewport.top() + top + margin + (h - s.height() * cellPx) / 2);
}

void PlayerLayout::zoomAt(const QPointF &anchor, double factor)
{
    const double next = std::clamp(cellPx * factor, kMinCellPx, kMaxCellPx);
    if (!(next > 0) || next == cellPx)
        return;
    // The scene point under the anchor stays there: anchor = pan + s·cellPx = pan' + s·next.
    const QPointF scene = (anchor - pan) / cellPx;
    pan = anchor - scene * next;
    cellPx = next;
}

} // namespace convlens
