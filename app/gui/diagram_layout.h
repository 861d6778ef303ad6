// diagram_layout.h — where the architecture diagram puts everything, as plain values (hotspot's TimeLineData idea):
// computed from a ShapeReport, tested without painting, and only drawn by diagram_painter.
//
// Each feature map is a box: front-face height ∝ H, face width ∝ C (the box's thickness along the data flow), oblique
// depth ∝ W; linear or log scale. Layers go left to right in graph order; the vertical position follows resolution
// (maps of similar H share a row, a halving of H goes one row down), so an encoder walks down, a decoder walks up and
// a U-Net reads as a U. Edges between neighbours are straight; other inputs (skip connections) are routed above
// everything they pass, stacked so they never share a track.
#pragma once

#include "shape/report.h"

#include <QFont>
#include <QPointF>
#include <QPolygonF>
#include <QRectF>
#include <QString>
#include <vector>

namespace convlens {

struct DiagramOptions {
    bool logScale = false;
    QFont font;                    // label font (a small point size reads best)
    qreal maxFaceHeight = 150;     // the largest H
    qreal maxThickness = 40;       // the largest C
    qreal maxDepth = 44;           // the largest W (along the oblique)
    qreal columnGap = 12;
    qreal rowGap = 26;
    qreal margin = 20;
};

struct DiagramNode {
    enum class Kind { Map, Vector, Unknown };
    int row = -1;                  // index in the report
    Kind kind = Kind::Unknown;
    Op op = Op::Input;
    LayerReport::Status status = LayerReport::Status::Blocked;
    std::int64_t h = 0, w = 0, c = 0, n = 0;
    int level = 0;                 // resolution row (0 = largest H)
    QRectF face;                   // front face
    QPointF depth;                 // offset from the front face to the back face (up and right)
    QString nameLabel;             // the layer name (tooltips; too long to print on a compact diagram)
    QString tagLabel, shapeLabel;  // "conv", "pool", …; "28×28×16" in the framework's order
    QRectF tagRect, shapeRect;     // tag above the box, shape below; a label wider than its column runs
    bool tagVertical = false, shapeVertical = false; // vertically (bottom to top) to keep columns narrow
    QRectF bounds;                 // box and labels

    QPointF inPort() const { return {face.left(), face.center().y()}; }
    QPointF outPort() const { return {face.right(), face.center().y()}; }
    QPolygonF silhouette() const;  // front, top and side faces together
};

struct DiagramEdge {
    int from = -1, to = -1;        // report rows
    bool skip = false;             // not from the layer right before
    QPolygonF path;                // polyline, ends at the consumer's input port
};

struct DiagramLayout {
    std::vector<DiagramNode> nodes; // one per report layer, same order
    std::vector<DiagramEdge> edges;
    QRectF sceneRect;
    int levelCount = 0;
    std::vector<DiagramGroup> legend; // each colour group in use once, in first-use order

    static DiagramLayout compute(const ShapeReport &report, const DiagramOptions &options);
    int nodeAt(const QPointF &scenePos) const; // -1 when nothing is there
};

// Short label for a layer kind on the diagram ("conv", "max", "up", "cat", …: model/ops.h) and the legend's word for
// a colour group.
QString diagramTag(Op op);
QString legendText(DiagramGroup g);
// The op whose colour stands for `op`'s group (MaxPool for all pooling, Conv for all convolutions but transposed, …).

// Resolution rows: sorted distinct heights, a new row whenever H drops to less than 1/1.6 of the row's first H.
// Returns the row of each height in `heights` (same order).
std::vector<int> resolutionLevels(const std::vector<std::int64_t> &heights);

} // namespace convlens
