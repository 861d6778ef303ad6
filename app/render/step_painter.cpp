// step_painter.cpp — the step player's drawing (step_painter.h): cell texts fitted to their cells, pad cells by
// meaning, the window and its taps, the output or the scatter, titles, legend; and the step's caption text.
#include "step_painter.h"

#include <QFontMetricsF>
#include <QHash>
#include <QPainter>
#include <algorithm>
#include <cmath>

namespace convlens {

namespace {

using i64 = std::int64_t;

// The cells `source` (image pixels, whole cells) of a plane image drawn over `target`: the image scaled without
// smoothing, or with `vectorCells` one rectangle per cell (an SVG viewer would smooth a scaled image).
void drawPlane(QPainter &p, bool vectorCells, const QRectF &target, const QImage &image, const QRectF &source)
{
    if (!vectorCells) {
        p.drawImage(target, image, source);
        return;
    }
    const double cw = target.width() / source.width(), ch = target.height() / source.height();
    const int x0 = int(source.left()), y0 = int(source.top());
    for (int y = y0; y < y0 + int(source.height()); ++y)
        for (int x = x0; x < x0 + int(source.width()); ++x) {
            const QRgb c = image.pixel(x, y);
            if (qAlpha(c) == 0)
                continue;
            p.fillRect(QRectF(target.left() + (x - x0) * cw, target.top() + (y - y0) * ch, cw, ch),
                       QColor::fromRgba(c));
        }
}
const QColor kWindowColor(255, 140, 0);

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

bool isConv(Op op)
{
    return op == Op::Conv || op == Op::DepthwiseConv || op == Op::SeparableConv;
}

// How a pad cell looks and what it is called, by the layer's pad kind (the trace cell's pad kind).
struct PadLook {
    QColor fill;
    QString shortText, longText, meaning;
};

PadLook padLook(const WindowTrace &h, bool overhang)
{
    PadLook l;
    if (isConv(h.op)) {
        l = {QColor(214, 224, 236), QStringLiteral("0"), StepPainter::tr("0\npad"),
             StepPainter::tr("zeros: the convolution multiplies them like any cell")};
    } else if (h.op == Op::MaxPool) {
        l = {QColor(242, 214, 214), QStringLiteral("−∞"), StepPainter::tr("−∞\nignored"),
             StepPainter::tr("ignored (−∞): max pooling never picks them")};
    } else if (h.padKind == PadKind::CountedZero && !overhang) {
        l = {QColor(214, 236, 214), QStringLiteral("0"), StepPainter::tr("counted\nas 0"),
             StepPainter::tr("counted as 0: they add nothing but count in the divisor (count_include_pad=True)")};
    } else {
        l = {QColor(242, 233, 204), QStringLiteral("·"), StepPainter::tr("not\ncounted"),
             StepPainter::tr("not counted: the average divides by the real cells only")};
    }
    if (overhang) {
        l.fill = l.fill.darker(112);
        l.meaning = h.op == Op::MaxPool
                        ? StepPainter::tr("beyond the padding (ceil_mode): ignored")
                        : StepPainter::tr("beyond the padding (ceil_mode): not counted, even with count_include_pad");
        l.longText = h.op == Op::MaxPool ? StepPainter::tr("beyond\nignored") : StepPainter::tr("beyond\nnot counted");
    }
    return l;
}

void drawGridLines(QPainter &p, const PlayerLayout &L, PlayerLayout::Grid g, const CellSpan &s, const QColor &c)
{
    if (s.empty() || !L.showGridLines())
        return;
    p.setPen(QPen(c, 0));
    const QRectF a = L.spanRect(g, s.row0, s.col0, s.row1 - s.row0, s.col1 - s.col0);
    for (i64 x = s.col0; x <= s.col1; ++x) {
        const double px = L.cellRect(g, 0, x).left();
        p.drawLine(QPointF(px, a.top()), QPointF(px, a.bottom()));
    }
    for (i64 y = s.row0; y <= s.row1; ++y) {
        const double py = L.cellRect(g, y, 0).top();
        p.drawLine(QPointF(a.left(), py), QPointF(a.right(), py));
    }
}

// A grid's title above it, cut to the space up to the right edge of the view.
void drawTitle(QPainter &p, const QPointF &at, const QString &text, const QRectF &vp)
{
    const QFontMetricsF fm(p.font());
    const double room = vp.right() - at.x() - 6;
    if (room > 20)
        p.drawText(at, fm.elidedText(text, Qt::ElideRight, room));
}

// Cell texts as large as the zoom allows (PlayerLayout::valueFontPx), smaller where a text would overflow its cell
// (a long number, "−∞\nignored"); a two-line label that would get too small falls back to its first line. Widths
// are measured once per text and paint.
class CellText {
public:
    CellText(const QFont &font, double px) : m_font(font), m_px(px)
    {
        m_font.setPixelSize(int(px));
        m_lineHeight = QFontMetricsF(m_font).height();
    }
    double px() const { return m_px; }

    // The text as it is drawn in `cell` (a two-line label may lose its second line) and its pixel size.
    std::pair<QString, int> fitted(const QRectF &cell, const QString &text)
    {
        QString shown = text;
        double scale = fitScale(cell, shown);
        if (scale * m_px < 9 && shown.contains(u'\n')) {
            shown = shown.section(u'\n', 0, 0);
            scale = fitScale(cell, shown);
        }
        return {shown, std::max(6, int(std::floor(m_px * scale)))};
    }

    void draw(QPainter &p, const QRectF &cell, const QString &text, Qt::Alignment align = Qt::AlignCenter)
    {
        const auto [shown, px] = fitted(cell, text);
        if (px != m_lastPx) {
            QFont f = m_font;
            f.setPixelSize(px);
            p.setFont(f);
            m_lastPx = px;
        }
        p.drawText(cell, int(align), shown);
    }
    // The font a caller changed back to must be set again before the next text.
    void invalidate() { m_lastPx = -1; }

private:
    double fitScale(const QRectF &cell, const QString &text)
    {
        double widest = 0;
        int lines = 0;
        for (const QString &line : text.split(u'\n')) {
            auto it = m_widths.find(line);
            if (it == m_widths.end())
                it = m_widths.insert(line, QFontMetricsF(m_font).horizontalAdvance(line));
            widest = std::max(widest, *it);
            ++lines;
        }
        return std::min(
            {1.0, (cell.width() - 4) / std::max(1.0, widest), (cell.height() - 2) / (lines * m_lineHeight)});
    }

    QFont m_font;
    double m_px, m_lineHeight = 0;
    int m_lastPx = -1;
    QHash<QString, double> m_widths;
};

// The current window's cells on grid `g`: highlighted and outlined, each labelled with `sign` and the
// cell's `label` field when it has one (the tap's weight on the input, the amount added on the output).
void drawTapCells(QPainter &p, const PlayerLayout &L, PlayerLayout::Grid g, const std::vector<TraceCell> &cells,
                  const QRectF &vp, CellText &labels, std::optional<double> TraceCell::*label, const QString &sign)
{
    for (const TraceCell &c : cells) {
        const QRectF r = L.cellRect(g, c.pos[0], c.pos[1]);
        if (!r.intersects(vp))
            continue;
        p.fillRect(r, QColor(255, 140, 0, 70));
        p.setPen(QPen(kWindowColor, std::max(1.0, std::min(2.0, L.cellPx / 12))));
        p.drawRect(r.adjusted(1, 1, -1, -1));
        if (c.*label && L.showLabels()) {
            // A dark brown tag on a light box, so it reads on any cell colour.
            const QRectF tag(r.left() + 2, r.bottom() - labels.px() - 3, r.width() - 4, labels.px() + 2);
            p.fillRect(tag, QColor(255, 236, 210, 200));
            p.setPen(QColor(110, 45, 0));
            labels.draw(p, tag, sign + cellNumber(*(c.*label)), Qt::AlignHCenter | Qt::AlignVCenter);
        }
    }
}

// The part of a half-open cell span that lies inside an inclusive rectangle.
CellSpan clipSpan(const CellSpan &s, const CellRect &r)
{
    CellSpan o{std::max(s.row0, r.top), std::min(s.row1, r.bottom + 1), std::max(s.col0, r.left),
               std::min(s.col1, r.right + 1)};
    return o.empty() ? CellSpan{} : o;
}

// The legend under the grids: what the window, the pad cells, the overhang and the holes look like and mean.
struct LegendEntry {
    QColor fill;
    Qt::BrushStyle pattern;
    QColor patternColor;
    QString text;
    bool outline = false;
};

std::vector<LegendEntry> legendEntries(const WindowTrace &h)
{
    std::vector<LegendEntry> entries;
    if (h.op == Op::ConvTranspose) {
        entries.push_back({QColor(255, 140, 0, 70), Qt::SolidPattern, QColor(255, 140, 0, 70),
                           StepPainter::tr("stamp of the current input cell: x·w added to each cell (overlaps add up)"),
                           true});
        entries.push_back({QColor(225, 225, 225), Qt::BDiagPattern, QColor(170, 170, 170),
                           StepPainter::tr("canvas cells cropped away from the output")});
        entries.push_back(
            {Qt::transparent, Qt::NoBrush, Qt::transparent,
             StepPainter::tr("italic: partial sum (bias + the stamps so far); upright: final, activation applied")});
    } else {
        const Pad4 &pd = h.padding;
        const bool padded = pd.top + pd.bottom + pd.left + pd.right > 0;
        entries.push_back(
            {QColor(255, 140, 0, 70), Qt::SolidPattern, QColor(255, 140, 0, 70),
             StepPainter::tr("window %1×%2, stride %3×%4%5")
                 .arg(h.kernel[0])
                 .arg(h.kernel[1])
                 .arg(h.stride[0])
                 .arg(h.stride[1])
                 .arg(h.dilation[0] > 1 || h.dilation[1] > 1 ? StepPainter::tr(", dilation %1×%2 (effective %3×%4)")
                                                                   .arg(h.dilation[0])
                                                                   .arg(h.dilation[1])
                                                                   .arg(h.effectiveKernel[0])
                                                                   .arg(h.effectiveKernel[1])
                                                             : QString()),
             true});
        if (padded) {
            const PadLook l = padLook(h, false);
            entries.push_back(
                {l.fill, Qt::BDiagPattern, l.fill.darker(130), StepPainter::tr("padding: %1").arg(l.meaning)});
        } else {
            entries.push_back({Qt::transparent, Qt::NoBrush, Qt::transparent,
                               StepPainter::tr("no padding: every window lies on the input")});
        }
        if (h.overhang[0] + h.overhang[1] > 0) {
            const PadLook l = padLook(h, true);
            entries.push_back({l.fill, Qt::DiagCrossPattern, l.fill.darker(140), l.meaning});
        }
        if (h.dilation[0] > 1 || h.dilation[1] > 1)
            entries.push_back({QColor(240, 240, 240), Qt::Dense6Pattern, QColor(150, 150, 150),
                               StepPainter::tr("holes: cells the dilated window skips")});
    }
    return entries;
}

// Where the legend goes: one column, or two side by side when the view is wide enough (saving the grids height).
struct LegendBox {
    QRectF rect;
    int columns = 1;
    double lineHeight = 16, columnWidth = 0;
};

LegendBox legendBox(const std::vector<LegendEntry> &entries, const QFontMetricsF &fm, const QRectF &vp)
{
    LegendBox b;
    b.lineHeight = std::max(16.0, fm.height() + 2);
    double w = 0;
    for (const LegendEntry &e : entries)
        w = std::max(w, fm.horizontalAdvance(e.text));
    b.columnWidth = w + 36;
    b.columns = entries.size() > 1 && 2 * b.columnWidth + 24 <= vp.width() ? 2 : 1;
    const double rows = std::ceil(double(entries.size()) / b.columns);
    b.rect = QRectF(vp.left() + 8, vp.bottom() - 8 - rows * b.lineHeight - 8, b.columns * b.columnWidth + 4,
                    rows * b.lineHeight + 8);
    return b;
}

} // namespace

void StepPainter::paint(QPainter &p, const QRectF &viewport) const
{
    p.fillRect(viewport, m_ink.base);
    if (!m_state.hasTrace())
        return;
    p.setRenderHint(QPainter::SmoothPixmapTransform, false);
    if (m_state.header().op == Op::ConvTranspose)
        paintTransposed(p, viewport, m_ink);
    else
        paintWindowLayer(p, viewport, m_ink);
    if (m_legend)
        paintLegend(p, viewport, m_ink);
}

namespace {

// Several input channels: the plane shown is the front of a stack the window sums through.
void drawChannelStack(QPainter &p, const QRectF &front, const CanvasInk &ink)
{
    for (int k = 2; k >= 1; --k) {
        const QRectF back = front.translated(5.0 * k, -5.0 * k);
        p.fillRect(back, mixColors(ink.base, ink.text, 0.08 * k));
        p.setPen(ink.line);
        p.drawRect(back);
    }
}

} // namespace

void StepPainter::paintWindowLayer(QPainter &p, const QRectF &vp, const CanvasInk &ink) const
{
    const PlayerLayout &L = m_layout;
    const WindowTrace &h = m_state.header();
    const TraceStep &cur = m_state.current();
    const i64 step = m_state.step();
    const PlayerGrid &lg = L.left;
    const QRectF lrect = L.gridRect(PlayerLayout::Left);
    const QFont baseFont = p.font();
    CellText values(baseFont, L.valueFontPx()), labels(baseFont, L.labelFontPx());
    const QColor gridLine = mixColors(ink.line, Qt::transparent, 0.5);

    if (h.inputChannels.size() > 1)
        drawChannelStack(p, lrect, ink);

    // Padding everywhere in the frame, then the input on top of its inner part.
    const PadLook pad = padLook(h, false), over = padLook(h, true);
    const QRectF lvis = lrect.intersected(vp);
    if (!lvis.isEmpty()) {
        p.fillRect(lvis, pad.fill);
        p.fillRect(lvis, QBrush(pad.fill.darker(130), Qt::BDiagPattern));
        if (h.overhang[0] > 0) {
            const QRectF band = L.spanRect(PlayerLayout::Left, lg.rows - h.overhang[0], 0, h.overhang[0], lg.cols);
            p.fillRect(band.intersected(vp), over.fill);
            p.fillRect(band.intersected(vp), QBrush(over.fill.darker(140), Qt::DiagCrossPattern));
        }
        if (h.overhang[1] > 0) {
            const QRectF band = L.spanRect(PlayerLayout::Left, 0, lg.cols - h.overhang[1], lg.rows, h.overhang[1]);
            p.fillRect(band.intersected(vp), over.fill);
            p.fillRect(band.intersected(vp), QBrush(over.fill.darker(140), Qt::DiagCrossPattern));
        }
    }
    const CellSpan lspan = L.visibleCells(PlayerLayout::Left, vp);
    const CellSpan inVis = clipSpan(lspan, lg.inner);
    if (!inVis.empty())
        drawPlane(
            p, m_vectorCells,
            L.spanRect(PlayerLayout::Left, inVis.row0, inVis.col0, inVis.row1 - inVis.row0, inVis.col1 - inVis.col0),
            m_images.in,
            QRectF(double(inVis.col0 - lg.inner.left), double(inVis.row0 - lg.inner.top),
                   double(inVis.col1 - inVis.col0), double(inVis.row1 - inVis.row0)));
    drawGridLines(p, L, PlayerLayout::Left, lspan, gridLine);
    if (L.showValues() && !lspan.empty()) {
        const i64 W = h.inputHw[1];
        const i64 padRowsEnd = lg.rows - h.overhang[0], padColsEnd = lg.cols - h.overhang[1];
        for (i64 y = lspan.row0; y < lspan.row1; ++y)
            for (i64 x = lspan.col0; x < lspan.col1; ++x) {
                const QRectF r = L.cellRect(PlayerLayout::Left, y, x);
                const bool inside =
                    y >= lg.inner.top && y <= lg.inner.bottom && x >= lg.inner.left && x <= lg.inner.right;
                if (inside) {
                    const double v = h.inputPlane[size_t((y - lg.inner.top) * W + (x - lg.inner.left))];
                    p.setPen(QColor::fromRgb(m_images.inScale.textColor(v)));
                    values.draw(p, r, cellNumber(v));
                } else {
                    const PadLook &look = (y >= padRowsEnd || x >= padColsEnd) ? over : pad;
                    p.setPen(QColor(70, 70, 70)); // on the light pad colours, in either theme
                    values.draw(p, r, L.showLabels() ? look.longText : look.shortText);
                }
            }
    }
    p.setFont(baseFont);

    // The window: its span (holes between the taps with dilation), the taps, their weights.
    const QRectF span = L.spanRect(PlayerLayout::Left, cur.windowOrigin[0], cur.windowOrigin[1], h.effectiveKernel[0],
                                   h.effectiveKernel[1]);
    if (h.dilation[0] > 1 || h.dilation[1] > 1) {
        for (i64 dy = 0; dy < h.effectiveKernel[0]; ++dy)
            for (i64 dx = 0; dx < h.effectiveKernel[1]; ++dx) {
                if (dy % h.dilation[0] == 0 && dx % h.dilation[1] == 0)
                    continue;
                const QRectF r = L.cellRect(PlayerLayout::Left, cur.windowOrigin[0] + dy, cur.windowOrigin[1] + dx);
                if (!r.intersects(vp))
                    continue;
                p.fillRect(r, QColor(255, 255, 255, 150));
                p.fillRect(r, QBrush(QColor(150, 150, 150), Qt::Dense6Pattern));
            }
    }
    drawTapCells(p, L, PlayerLayout::Left, cur.cells, vp, labels, &TraceCell::weight, QStringLiteral("×"));
    p.setFont(baseFont);
    p.setPen(QPen(kWindowColor, 3));
    p.setBrush(Qt::NoBrush);
    p.drawRect(span);

    // Output: filled up to the current step (row-major), the rest empty.
    const PlayerGrid &rg = L.right;
    const QRectF rrect = L.gridRect(PlayerLayout::Right);
    p.fillRect(rrect.intersected(vp), ink.empty);
    const CellSpan rspan = L.visibleCells(PlayerLayout::Right, vp);
    const i64 OW = h.outputHw[1];
    const i64 fullRows = (step + 1) / OW, partCols = (step + 1) % OW;
    const auto drawOut = [&](const CellSpan &s) {
        if (!s.empty())
            drawPlane(p, m_vectorCells,
                      L.spanRect(PlayerLayout::Right, s.row0, s.col0, s.row1 - s.row0, s.col1 - s.col0), m_images.out,
                      QRectF(double(s.col0), double(s.row0), double(s.col1 - s.col0), double(s.row1 - s.row0)));
    };
    drawOut(clipSpan(rspan, {0, 0, fullRows - 1, rg.cols - 1}));
    if (partCols > 0)
        drawOut(clipSpan(rspan, {fullRows, 0, fullRows, partCols - 1}));
    drawGridLines(p, L, PlayerLayout::Right, rspan, gridLine);
    p.setPen(ink.line);
    p.drawRect(rrect);
    if (L.showValues() && !rspan.empty()) {
        values.invalidate();
        for (i64 y = rspan.row0; y < rspan.row1; ++y)
            for (i64 x = rspan.col0; x < rspan.col1; ++x) {
                if (y * OW + x > step)
                    break;
                const double v = h.output[size_t(y * OW + x)];
                p.setPen(QColor::fromRgb(m_images.outScale.textColor(v)));
                values.draw(p, L.cellRect(PlayerLayout::Right, y, x), cellNumber(v));
            }
        p.setFont(baseFont);
    }
    const QRectF outCell = L.cellRect(PlayerLayout::Right, cur.out[0], cur.out[1]);
    p.setPen(QPen(kWindowColor, 3));
    p.drawRect(outCell);
    p.setPen(QPen(QColor(255, 140, 0, 170), 1.5, Qt::DashLine));
    p.drawLine(QPointF(span.right(), span.center().y()), QPointF(outCell.left(), outCell.center().y()));

    // Titles.
    p.setFont(baseFont);
    p.setPen(ink.text);
    const Pad4 &pd = h.padding;
    QString left = tr("input · channel %1 · %2×%3").arg(h.inputChannel).arg(h.inputHw[0]).arg(h.inputHw[1]);
    if (pd.top + pd.bottom + pd.left + pd.right + h.overhang[0] + h.overhang[1] > 0)
        left +=
            tr(" + padding top %1, bottom %2, left %3, right %4").arg(pd.top).arg(pd.bottom).arg(pd.left).arg(pd.right);
    if (h.overhang[0] + h.overhang[1] > 0)
        left += tr(" + overhang %1, %2").arg(h.overhang[0]).arg(h.overhang[1]);
    if (h.inputChannels.size() > 1)
        left += tr("  (1 of %1 input channels, Σ)").arg(h.inputChannels.size());
    drawTitle(p, QPointF(lrect.left(), lrect.top() - 6 - (h.inputChannels.size() > 1 ? 10 : 0)), left,
              QRectF(vp.left(), vp.top(), std::max(rrect.left() - 8, lrect.right()) - vp.left(), vp.height()));
    drawTitle(p, QPointF(rrect.left(), rrect.top() - 6),
              tr("output · channel %1 · %2×%3").arg(h.channel).arg(h.outputHw[0]).arg(h.outputHw[1]), vp);
}

void StepPainter::paintTransposed(QPainter &p, const QRectF &vp, const CanvasInk &ink) const
{
    const PlayerLayout &L = m_layout;
    const WindowTrace &h = m_state.header();
    const TraceStep &cur = m_state.current();
    const QFont baseFont = p.font();
    CellText values(baseFont, L.valueFontPx()), labels(baseFont, L.labelFontPx());
    QFont italicFont = baseFont;
    italicFont.setItalic(true);
    CellText partials(italicFont, L.valueFontPx());
    const QColor gridLine = mixColors(ink.line, Qt::transparent, 0.5);

    // Input: every cell is one step; the current one is outlined.
    const QRectF lrect = L.gridRect(PlayerLayout::Left);
    if (h.inputChannels.size() > 1)
        drawChannelStack(p, lrect, ink);
    const CellSpan lspan = L.visibleCells(PlayerLayout::Left, vp);
    if (!lspan.empty())
        drawPlane(
            p, m_vectorCells,
            L.spanRect(PlayerLayout::Left, lspan.row0, lspan.col0, lspan.row1 - lspan.row0, lspan.col1 - lspan.col0),
            m_images.in,
            QRectF(double(lspan.col0), double(lspan.row0), double(lspan.col1 - lspan.col0),
                   double(lspan.row1 - lspan.row0)));
    drawGridLines(p, L, PlayerLayout::Left, lspan, gridLine);
    if (L.showValues() && !lspan.empty()) {
        for (i64 y = lspan.row0; y < lspan.row1; ++y)
            for (i64 x = lspan.col0; x < lspan.col1; ++x) {
                const double v = h.inputPlane[size_t(y * h.inputHw[1] + x)];
                p.setPen(QColor::fromRgb(m_images.inScale.textColor(v)));
                values.draw(p, L.cellRect(PlayerLayout::Left, y, x), cellNumber(v));
            }
        p.setFont(baseFont);
    }
    const QRectF inCell = L.cellRect(PlayerLayout::Left, cur.out[0], cur.out[1]);
    p.setPen(QPen(kWindowColor, 3));
    p.setBrush(Qt::NoBrush);
    p.drawRect(inCell);

    // Canvas: cropped cells hatched, the output region empty, then the running sums.
    const PlayerGrid &rg = L.right;
    const QRectF rrect = L.gridRect(PlayerLayout::Right);
    const QColor cropped(225, 225, 225);
    p.fillRect(rrect.intersected(vp), cropped);
    p.fillRect(rrect.intersected(vp), QBrush(QColor(170, 170, 170), Qt::BDiagPattern));
    const QRectF outRect = L.spanRect(PlayerLayout::Right, rg.inner.top, rg.inner.left, h.outputHw[0], h.outputHw[1]);
    p.fillRect(outRect.intersected(vp), ink.empty);
    const CellSpan rspan = L.visibleCells(PlayerLayout::Right, vp);
    const CellSpan outVis = clipSpan(rspan, rg.inner);
    if (!outVis.empty())
        drawPlane(p, m_vectorCells,
                  L.spanRect(PlayerLayout::Right, outVis.row0, outVis.col0, outVis.row1 - outVis.row0,
                             outVis.col1 - outVis.col0),
                  m_images.partial,
                  QRectF(double(outVis.col0 - rg.inner.left), double(outVis.row0 - rg.inner.top),
                         double(outVis.col1 - outVis.col0), double(outVis.row1 - outVis.row0)));
    drawGridLines(p, L, PlayerLayout::Right, rspan, gridLine);
    p.setPen(ink.text);
    p.drawRect(outRect);
    if (L.showValues() && !rspan.empty()) {
        values.invalidate();
        const i64 OW = h.outputHw[1];
        for (i64 y = rspan.row0; y < rspan.row1; ++y)
            for (i64 x = rspan.col0; x < rspan.col1; ++x) {
                const QRectF r = L.cellRect(PlayerLayout::Right, y, x);
                const bool inside =
                    y >= rg.inner.top && y <= rg.inner.bottom && x >= rg.inner.left && x <= rg.inner.right;
                if (!inside) {
                    if (L.showLabels()) {
                        p.setPen(QColor(90, 90, 90)); // on the light hatching, in either theme
                        labels.draw(p, r, tr("cropped"));
                    }
                    continue;
                }
                const i64 i = (y - rg.inner.top) * OW + (x - rg.inner.left);
                const PlayerState::CellState state = m_state.cellState(i);
                if (state == PlayerState::CellState::Empty)
                    continue;
                const double v = m_state.cellValue(i);
                p.setPen(QColor::fromRgb(m_images.outScale.textColor(v)));
                // A partial sum (more stamps will land here) in italics.
                if (state == PlayerState::CellState::Partial) {
                    partials.draw(p, r, cellNumber(v));
                    values.invalidate();
                } else {
                    values.draw(p, r, cellNumber(v));
                    partials.invalidate();
                }
            }
        p.setFont(baseFont);
    }
    // The current stamp.
    const QRectF stamp = L.spanRect(PlayerLayout::Right, cur.windowOrigin[0], cur.windowOrigin[1], h.effectiveKernel[0],
                                    h.effectiveKernel[1]);
    drawTapCells(p, L, PlayerLayout::Right, cur.cells, vp, labels, &TraceCell::value, QStringLiteral("+"));
    p.setFont(baseFont);
    p.setPen(QPen(kWindowColor, 3));
    p.drawRect(stamp);
    p.setPen(QPen(QColor(255, 140, 0, 170), 1.5, Qt::DashLine));
    p.drawLine(QPointF(inCell.right(), inCell.center().y()), QPointF(stamp.left(), stamp.center().y()));

    p.setPen(ink.text);
    QString left = tr("input · channel %1 · %2×%3").arg(h.inputChannel).arg(h.inputHw[0]).arg(h.inputHw[1]);
    if (h.inputChannels.size() > 1)
        left += tr("  (1 of %1 input channels, Σ)").arg(h.inputChannels.size());
    drawTitle(p, QPointF(lrect.left(), lrect.top() - 6 - (h.inputChannels.size() > 1 ? 10 : 0)), left,
              QRectF(vp.left(), vp.top(), std::max(rrect.left() - 8, lrect.right()) - vp.left(), vp.height()));
    const Pad4 &pd = h.padding;
    drawTitle(p, QPointF(rrect.left(), rrect.top() - 6),
              tr("canvas %1×%2 → output · channel %3 · %4×%5, cropped top %6, bottom %7, left %8, right %9")
                  .arg(h.paddedHw[0])
                  .arg(h.paddedHw[1])
                  .arg(h.channel)
                  .arg(h.outputHw[0])
                  .arg(h.outputHw[1])
                  .arg(pd.top)
                  .arg(pd.bottom)
                  .arg(pd.left)
                  .arg(pd.right),
              vp);
}

void StepPainter::paintLegend(QPainter &p, const QRectF &vp, const CanvasInk &ink) const
{
    const std::vector<LegendEntry> entries = legendEntries(m_state.header());
    const LegendBox box = legendBox(entries, QFontMetricsF(p.font()), vp);
    p.fillRect(box.rect, ink.panel);
    p.setPen(ink.line);
    p.drawRect(box.rect);
    const int rows = int(std::ceil(double(entries.size()) / box.columns));
    for (size_t i = 0; i < entries.size(); ++i) {
        const LegendEntry &e = entries[i];
        const double x = box.rect.left() + 4 + double(int(i) / rows) * box.columnWidth;
        const double y = box.rect.top() + 4 + double(int(i) % rows) * box.lineHeight;
        const QRectF sw(x + 2, y + (box.lineHeight - 12) / 2, 18, 12);
        p.fillRect(sw, e.fill);
        if (e.pattern != Qt::SolidPattern && e.pattern != Qt::NoBrush)
            p.fillRect(sw, QBrush(e.patternColor, e.pattern));
        p.setPen(e.outline ? QPen(kWindowColor, 2) : QPen(ink.line));
        if (e.pattern != Qt::NoBrush)
            p.drawRect(sw);
        p.setPen(ink.text);
        p.drawText(QRectF(sw.right() + 8, y, box.columnWidth - 32, box.lineHeight), Qt::AlignLeft | Qt::AlignVCenter,
                   e.text);
    }
}

double StepPainter::legendHeight(const WindowTrace &h, const QFontMetricsF &fm, const QRectF &viewport)
{
    return legendBox(legendEntries(h), fm, viewport).rect.height() + 16;
}

int StepPainter::valueTextPx(const PlayerLayout &layout, const QFont &base, const QRectF &cell, double value)
{
    CellText values(base, layout.valueFontPx());
    return values.fitted(cell, cellNumber(value)).second;
}

double StepPainter::titleSpace(const QFontMetricsF &fm)
{
    return std::max(22.0, fm.height() + 8);
}

// ------------------------------------------------------------------------------------------------------ images

StepImages StepImages::forState(const PlayerState &state)
{
    StepImages m;
    if (!state.hasTrace())
        return m;
    const WindowTrace &hd = state.header();
    m.inScale = ColorScale::forValues(std::span<const double>(hd.inputPlane));
    m.in = planeImage(std::span<const double>(hd.inputPlane), hd.inputHw[1], hd.inputHw[0], m.inScale);
    m.outScale = ColorScale::forValues(std::span<const double>(hd.output));
    m.out = planeImage(std::span<const double>(hd.output), hd.outputHw[1], hd.outputHw[0], m.outScale);
    if (state.transposed()) {
        m.partial = QImage(int(hd.outputHw[1]), int(hd.outputHw[0]), QImage::Format_ARGB32);
        m.partial.fill(Qt::transparent);
        const i64 OW = hd.outputHw[1], n = OW * hd.outputHw[0];
        for (i64 i = 0; i < n; ++i) {
            const double v = state.cellValue(i);
            m.partial.setPixel(int(i % OW), int(i / OW), std::isnan(v) ? qRgba(0, 0, 0, 0) : m.outScale.color(v));
        }
    }
    return m;
}

void StepImages::updatePartial(const PlayerState &state)
{
    if (!state.transposed() || partial.isNull())
        return;
    const i64 OW = state.header().outputHw[1], n = OW * state.header().outputHw[0];
    const auto paint = [&](i64 i) {
        const double v = state.cellValue(i);
        partial.setPixel(int(i % OW), int(i / OW), std::isnan(v) ? qRgba(0, 0, 0, 0) : outScale.color(v));
    };
    if (state.allCellsChanged()) {
        for (i64 i = 0; i < n; ++i)
            paint(i);
    } else {
        for (i64 i : state.touchedCells())
            paint(i);
    }
}

// ----------------------------------------------------------------------------------------------------- caption

StepCaption StepPainter::caption(const PlayerState &state)
{
    StepCaption c;
    if (!state.hasTrace())
        return c;
    const WindowTrace &h = state.header();
    const TraceStep &cur = state.current();
    c.layer = tr("%1 (%2)").arg(qs(h.layer), qs(h.type));
    c.formula = qs(h.formula);
    const QString note = qs(h.note);
    // The note often repeats what the formula already ends with ("padded cells are ignored (−∞)"): once is enough.
    // (A translated note may end its first part with a full-width colon.)
    if (!note.isEmpty() && !c.formula.contains(QString(note).replace(u'：', u':').section(u':', 0, 0)))
        c.note = note;
    const bool transposed = h.op == Op::ConvTranspose;
    c.step = (transposed ? tr("Step %1 of %2 — input cell (%3, %4) stamps the kernel at canvas (%5, %6):")
                         : tr("Step %1 of %2 — output (%3, %4) from the window at padded (%5, %6):"))
                 .arg(state.step() + 1)
                 .arg(state.stepCount())
                 .arg(cur.out[0])
                 .arg(cur.out[1])
                 .arg(cur.windowOrigin[0])
                 .arg(cur.windowOrigin[1]);
    c.fullArithmetic = qs(cur.arithmetic);
    if (transposed || cur.partials.empty()) {
        // Pooling and the scatter: the arithmetic is short, written out as it is.
        c.arithmetic = c.fullArithmetic;
        if (transposed && cur.partials.size() > 1)
            c.arithmetic +=
                QStringLiteral("  ·  ") +
                tr("Σ over the %1 input channels (x of each); the canvas shows the sum").arg(cur.partials.size());
        return c;
    }
    // A convolution: its products are on the grid (the cells' values and their ×w labels), so the text says only
    // what they add up to, channel by channel; the whole arithmetic is fullArithmetic.
    double own = 0;
    for (const ChannelTerm &t : cur.partials)
        if (t.channel == h.inputChannel)
            own = t.value;
    QString sums = tr("channel %1: Σ w·x = %2").arg(h.inputChannel).arg(cellNumber(own));
    if (cur.partials.size() > 1)
        sums += tr(" · Σ of the %1 input channels%2 = %3")
                    .arg(cur.partials.size())
                    .arg(h.bias ? tr(" + b (%1)").arg(cellNumber(*h.bias)) : QString())
                    .arg(cellNumber(cur.preActivation));
    else if (h.bias)
        sums += tr(" · + b (%1) = %2").arg(cellNumber(*h.bias), cellNumber(cur.preActivation));
    const QString last = c.fullArithmetic.section(QStringLiteral("; "), -1);
    if (!last.isEmpty() && last.front().isLetter() && last.contains(u'('))
        sums += QStringLiteral(" · ") + last; // the fused activation: relu(−0.20) = 0
    c.arithmetic = sums;
    return c;
}

} // namespace convlens
