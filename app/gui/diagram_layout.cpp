// diagram_layout.cpp — box sizes, resolution rows, columns, label rectangles and edge routes.
#include "diagram_layout.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QHash>
#include <algorithm>
#include <cmath>
#include <map>

namespace convlens {

QPolygonF DiagramNode::silhouette() const
{
    const QRectF &f = face;
    return QPolygonF({f.bottomLeft(), f.topLeft(), f.topLeft() + depth, f.topRight() + depth,
                      f.bottomRight() + depth, f.bottomRight()});
}

std::vector<int> resolutionLevels(const std::vector<std::int64_t> &heights)
{
    std::vector<std::int64_t> distinct(heights);
    std::sort(distinct.begin(), distinct.end(), std::greater<>());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    std::map<std::int64_t, int> levelOf;
    int level = -1;
    double rowTop = 0;
    for (auto h : distinct) {
        if (level < 0 || rowTop / double(std::max<std::int64_t>(h, 1)) >= 1.6) {
            ++level;
            rowTop = double(h);
        }
        levelOf[h] = level;
    }
    std::vector<int> out;
    out.reserve(heights.size());
    for (auto h : heights)
        out.push_back(levelOf[h]);
    return out;
}

QString diagramTag(Op op)
{
    return QString::fromLatin1(traits(op).diagramTag);
}

QString legendText(DiagramGroup g)
{
    switch (g) {
    case DiagramGroup::Input: return QCoreApplication::translate("DiagramLayout", "input");
    case DiagramGroup::Conv: return QCoreApplication::translate("DiagramLayout", "convolution");
    case DiagramGroup::ConvTranspose: return QCoreApplication::translate("DiagramLayout", "transposed conv");
    case DiagramGroup::Pool: return QCoreApplication::translate("DiagramLayout", "pooling");
    case DiagramGroup::Upsample: return QCoreApplication::translate("DiagramLayout", "upsampling");
    case DiagramGroup::PadCrop: return QCoreApplication::translate("DiagramLayout", "pad / crop");
    case DiagramGroup::Merge: return QCoreApplication::translate("DiagramLayout", "concat / add");
    case DiagramGroup::DenseReshape: return QCoreApplication::translate("DiagramLayout", "dense / flatten");
    case DiagramGroup::NormActivation: return QCoreApplication::translate("DiagramLayout", "norm / dropout / act");
    }
    return {};
}

namespace {

qreal scaled(double v, double vmax, bool log, qreal lo, qreal hi)
{
    if (vmax <= 0)
        return lo;
    const double f = log ? std::log2(std::max(v, 1.0) + 1.0) / std::log2(vmax + 1.0) : v / vmax;
    return lo + (hi - lo) * std::clamp(f, 0.0, 1.0);
}

} // namespace

DiagramLayout DiagramLayout::compute(const ShapeReport &report, const DiagramOptions &o)
{
    DiagramLayout L;
    const size_t count = report.layers.size();
    L.nodes.resize(count);
    const QFontMetricsF fm(o.font);
    // Tags and shapes repeat ("Conv2D", "8×8×2"): each distinct label is shaped once (issue 13: measuring 600,000
    // labels was half a second of opening a 100,000-layer chain).
    QHash<QString, qreal> widths;
    const auto advance = [&](const QString &text) {
        auto it = widths.constFind(text);
        if (it == widths.constEnd())
            it = widths.insert(text, fm.horizontalAdvance(text));
        return *it;
    };
    const bool torch = report.framework == Framework::PyTorch;

    // 1. Dimensions per node.
    std::int64_t maxH = 1, maxW = 1, maxC = 1, maxN = 1;
    for (size_t i = 0; i < count; ++i) {
        const LayerReport &r = report.layers[i];
        DiagramNode &n = L.nodes[i];
        n.row = int(i);
        n.op = r.op;
        n.status = r.status;
        if (!r.output || r.status != LayerReport::Status::Ok) {
            n.kind = DiagramNode::Kind::Unknown;
            continue;
        }
        const Shape &s = *r.output;
        if (s.size() == 3) {
            n.kind = DiagramNode::Kind::Map;
            n.h = torch ? s[1] : s[0];
            n.w = torch ? s[2] : s[1];
            n.c = torch ? s[0] : s[2];
            maxH = std::max(maxH, n.h);
            maxW = std::max(maxW, n.w);
            maxC = std::max(maxC, n.c);
        } else {
            n.kind = DiagramNode::Kind::Vector;
            n.n = 1;
            for (auto d : s)
                n.n *= std::max<std::int64_t>(d, 1);
            maxN = std::max(maxN, n.n);
        }
    }

    // 2. Rows: maps by resolution, vectors one row below the smallest map, unknowns on their producer's row.
    std::vector<std::int64_t> heights;
    for (const auto &n : L.nodes)
        if (n.kind == DiagramNode::Kind::Map)
            heights.push_back(n.h);
    const std::vector<int> levels = resolutionLevels(heights);
    int maxLevel = levels.empty() ? -1 : *std::max_element(levels.begin(), levels.end());
    {
        size_t k = 0;
        for (auto &n : L.nodes)
            if (n.kind == DiagramNode::Kind::Map)
                n.level = levels[k++];
    }
    for (size_t i = 0; i < count; ++i) {
        DiagramNode &n = L.nodes[i];
        if (n.kind == DiagramNode::Kind::Vector) {
            n.level = maxLevel + 1;
        } else if (n.kind == DiagramNode::Kind::Unknown) {
            const auto &ins = report.layers[i].inputs;
            const int p = ins.empty() ? -1 : report.indexOf(ins.front());
            n.level = p >= 0 && p < int(i) ? L.nodes[size_t(p)].level : 0;
        }
    }
    L.levelCount = 0;
    for (const auto &n : L.nodes)
        L.levelCount = std::max(L.levelCount, n.level + 1);

    // 3. Box sizes and labels.
    const qreal textH = fm.height();
    for (size_t i = 0; i < count; ++i) {
        DiagramNode &n = L.nodes[i];
        const LayerReport &r = report.layers[i];
        qreal faceW = 22, faceH = 22;
        switch (n.kind) {
        case DiagramNode::Kind::Map: {
            faceH = scaled(double(n.h), double(maxH), o.logScale, 6, o.maxFaceHeight);
            faceW = scaled(double(n.c), double(maxC), o.logScale, 3, o.maxThickness);
            const qreal d = scaled(double(n.w), double(maxW), o.logScale, 4, o.maxDepth);
            n.depth = QPointF(d * 0.55, -d * 0.42);
            QStringList dims;
            if (torch)
                dims << QString::number(n.c) << QString::number(n.h) << QString::number(n.w);
            else
                dims << QString::number(n.h) << QString::number(n.w) << QString::number(n.c);
            n.shapeLabel = dims.join(QChar(0x00D7));
            break;
        }
        case DiagramNode::Kind::Vector:
            faceH = scaled(double(n.n), double(maxN), true, 10, o.maxFaceHeight * 0.8);
            faceW = 8;
            n.depth = QPointF(0, 0);
            n.shapeLabel = QString::number(n.n);
            break;
        case DiagramNode::Kind::Unknown:
            n.depth = QPointF(7, -5);
            n.shapeLabel = r.status == LayerReport::Status::Refused ? QStringLiteral("✗ refused")
                                                                    : QStringLiteral("—");
            break;
        }
        n.face = QRectF(0, 0, faceW, faceH);
        n.nameLabel = QString::fromStdString(r.name);
        n.tagLabel = diagramTag(r.op);
        if (std::find(L.legend.begin(), L.legend.end(), traits(r.op).diagram) == L.legend.end())
            L.legend.push_back(traits(r.op).diagram);
    }

    // 4. Columns are as wide as their box; a label that does not fit runs vertically.
    std::vector<qreal> colW(count);
    for (size_t i = 0; i < count; ++i) {
        DiagramNode &n = L.nodes[i];
        colW[i] = std::max(n.face.width() + n.depth.x(), textH + 2);
        const qreal room = colW[i] + o.columnGap - 3;
        n.tagVertical = advance(n.tagLabel) > room;
        n.shapeVertical = advance(n.shapeLabel) > room;
    }

    // 5. Rows: tallest box of the row plus what its labels need above (tag, the box's top face) and below (shape).
    std::vector<qreal> rowFace(size_t(L.levelCount), 0), rowAbove(size_t(L.levelCount), 0),
        rowBelow(size_t(L.levelCount), 0);
    for (const auto &n : L.nodes) {
        const size_t lv = size_t(n.level);
        rowFace[lv] = std::max(rowFace[lv], n.face.height());
        const qreal tag = n.tagVertical ? advance(n.tagLabel) : textH;
        const qreal shape = n.shapeVertical ? advance(n.shapeLabel) : textH;
        rowAbove[lv] = std::max(rowAbove[lv], -n.depth.y() + tag + 3);
        rowBelow[lv] = std::max(rowBelow[lv], shape + 3);
    }
    std::vector<qreal> rowCentre(size_t(L.levelCount), 0);
    qreal y = o.margin;
    for (size_t lv = 0; lv < rowCentre.size(); ++lv) {
        y += rowAbove[lv] + rowFace[lv] / 2;
        rowCentre[lv] = y;
        y += rowFace[lv] / 2 + rowBelow[lv] + o.rowGap;
    }

    qreal x = o.margin;
    for (size_t i = 0; i < count; ++i) {
        DiagramNode &n = L.nodes[i];
        const qreal boxW = n.face.width() + n.depth.x();
        n.face.moveTopLeft(QPointF(x + (colW[i] - boxW) / 2, rowCentre[size_t(n.level)] - n.face.height() / 2));
        const qreal cx = n.face.center().x() + n.depth.x() / 2;
        const qreal tagW = advance(n.tagLabel), shapeW = advance(n.shapeLabel);
        const qreal tagBottom = n.face.top() + n.depth.y() - 2;
        n.tagRect = n.tagVertical ? QRectF(cx - textH / 2, tagBottom - tagW, textH, tagW)
                                  : QRectF(cx - tagW / 2, tagBottom - textH, tagW, textH);
        // Both labels centre on the column, so neighbours' labels can only meet in the gap, never cross.
        n.shapeRect = n.shapeVertical ? QRectF(cx - textH / 2, n.face.bottom() + 2, textH, shapeW)
                                      : QRectF(cx - shapeW / 2, n.face.bottom() + 2, shapeW, textH);
        n.bounds = n.silhouette().boundingRect().united(n.tagRect).united(n.shapeRect);
        x += colW[i] + o.columnGap;
    }

    // 6. Edges. Neighbours: straight. Others: out of the producer's right side, up above every box and label they
    // pass (and above other routes sharing the span), across, down, into the consumer's left side.
    struct Track { qreal x0, x1, y; };
    std::vector<Track> tracks;
    for (size_t c = 0; c < count; ++c) {
        for (const auto &in : report.layers[c].inputs) {
            const int p = report.indexOf(in);
            if (p < 0 || size_t(p) >= c)
                continue;
            DiagramEdge e;
            e.from = p;
            e.to = int(c);
            const DiagramNode &a = L.nodes[size_t(p)];
            const DiagramNode &b = L.nodes[c];
            if (size_t(p) + 1 == c) {
                // Neighbours on different rows: across, down (or up) in the gap between them, across; a diagonal
                // would cut through the labels under the boxes.
                const QPointF from = a.outPort(), to = b.inPort();
                if (std::abs(from.y() - to.y()) < 0.5) {
                    e.path = QPolygonF({from, to});
                } else {
                    const qreal xm = (a.face.right() + a.depth.x() + b.face.left()) / 2;
                    e.path = QPolygonF({from, QPointF(xm, from.y()), QPointF(xm, to.y()), to});
                }
            } else {
                e.skip = true;
                // Risers a little off the gap's middle, where a neighbour edge may run vertically.
                const qreal x0 = a.face.right() + a.depth.x() + o.columnGap / 2 - 3;
                const qreal x1 = b.face.left() - o.columnGap / 2 + 3;
                // Above or below everything in between, whichever means less climbing: a U-Net skip runs just
                // above its row; an edge from the bottom of the U up to a decoder block passes below.
                qreal top = std::min(a.bounds.top(), b.bounds.top());
                qreal bottom = std::max(a.bounds.bottom(), b.bounds.bottom());
                for (size_t k = size_t(p); k <= c; ++k) {
                    top = std::min(top, L.nodes[k].bounds.top());
                    bottom = std::max(bottom, L.nodes[k].bounds.bottom());
                }
                const qreal ya = a.outPort().y(), yb = b.inPort().y();
                const qreal climbAbove = (ya - top) + (yb - top), climbBelow = (bottom - ya) + (bottom - yb);
                // Between maps of one row, prefer the top (the classic U-Net picture) unless it is much longer.
                const bool above = climbAbove <= climbBelow * (a.level == b.level ? 1.5 : 1.0);
                qreal yr = above ? top - 8 : bottom + 8;
                for (bool moved = true; moved;) {
                    moved = false;
                    for (const Track &t : tracks)
                        if (t.x0 < x1 && x0 < t.x1 && std::abs(t.y - yr) < 6) {
                            yr = above ? t.y - 7 : t.y + 7;
                            moved = true;
                        }
                }
                tracks.push_back({x0, x1, yr});
                e.path = QPolygonF({a.outPort(), QPointF(x0, a.outPort().y()), QPointF(x0, yr), QPointF(x1, yr),
                                    QPointF(x1, b.inPort().y()), b.inPort()});
            }
            L.edges.push_back(std::move(e));
        }
    }

    // 7. Scene: everything, plus a margin.
    QRectF scene;
    for (const auto &n : L.nodes)
        scene = scene.united(n.bounds);
    for (const auto &e : L.edges)
        scene = scene.united(e.path.boundingRect());
    L.sceneRect = scene.isNull() ? QRectF(0, 0, 200, 100) : scene.adjusted(-o.margin, -o.margin, o.margin, o.margin);
    return L;
}

int DiagramLayout::nodeAt(const QPointF &p) const
{
    for (auto it = nodes.rbegin(); it != nodes.rend(); ++it)
        if (it->silhouette().containsPoint(p, Qt::OddEvenFill) || it->tagRect.contains(p) ||
            it->shapeRect.contains(p))
            return it->row;
    return -1;
}

} // namespace convlens
