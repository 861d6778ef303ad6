// overview_layout.cpp — columns of thumbnails, sized to the height.
#include "overview_layout.h"

#include <algorithm>
#include <cmath>

namespace convlens {

OverviewLayout OverviewLayout::compute(const std::vector<OverviewColumnSpec> &specs, double height, double headerH,
                                       double gap)
{
    OverviewLayout L;
    L.gap = gap;
    L.headerHeight = headerH;
    const double body = std::max(1.0, height - headerH - 2 * gap);
    int most = 1;
    for (const auto &s : specs)
        if (s.spatial)
            most = std::max(most, s.channels);
    // Spacing between thumbnails: a tenth of their size.
    L.thumb = std::clamp(std::floor(body / (most * 1.1)), kMinThumb, kMaxThumb);
    const double step = std::round(L.thumb * 1.1);
    const double columnW = std::max(L.thumb, 56.0);
    double x = gap;
    for (const auto &s : specs) {
        OverviewColumn c;
        c.header = QRectF(x - gap / 2, gap, columnW + gap, headerH);
        const double top = gap + headerH;
        if (s.spatial) {
            const int fits = std::max(1, int(std::floor((body + step - L.thumb) / step)));
            const int shown = s.channels <= fits ? s.channels : std::max(1, fits - 1); // room for "+N"
            for (int i = 0; i < shown; ++i)
                c.thumbs.push_back(QRectF(x + (columnW - L.thumb) / 2, top + i * step, L.thumb, L.thumb));
            c.hidden = s.channels - shown;
            const double bottom = c.thumbs.empty() ? top : c.thumbs.back().bottom();
            if (c.hidden > 0)
                c.more = QRectF(x, bottom + 2, columnW, step - 2);
            c.body = QRectF(x, top, columnW, (c.hidden > 0 ? c.more.bottom() : bottom) - top);
        } else {
            // A strip of square cells, 6 px or larger, at most as tall as the body.
            const double cell = 6;
            c.stripRows = int(std::clamp<std::int64_t>(s.values, 1, std::int64_t(body / cell)));
            const double w = std::min(columnW, 18.0);
            c.body = QRectF(x + (columnW - w) / 2, top, w, c.stripRows * cell);
        }
        L.columns.push_back(c);
        x += columnW + gap;
    }
    L.sceneSize = QSizeF(x, height);
    return L;
}

std::optional<int> OverviewLayout::columnAt(const QPointF &p) const
{
    for (size_t i = 0; i < columns.size(); ++i) {
        const QRectF &h = columns[i].header;
        if (p.x() >= h.left() && p.x() < h.right() && p.y() >= 0 && p.y() <= sceneSize.height())
            return int(i);
    }
    return std::nullopt;
}

std::optional<std::pair<int, int>> OverviewLayout::thumbAt(const QPointF &p) const
{
    for (size_t i = 0; i < columns.size(); ++i)
        for (size_t t = 0; t < columns[i].thumbs.size(); ++t)
            if (columns[i].thumbs[t].contains(p))
                return std::pair<int, int>{int(i), int(t)};
    return std::nullopt;
}

} // namespace convlens
