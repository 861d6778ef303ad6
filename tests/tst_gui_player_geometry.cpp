// tst_gui_player_geometry.cpp — the plain geometry structs of the compute views, without painting (STYLE.md §8):
// PlayerLayout (the step player's grids in padded coordinates, zoom/pan mapping, visible cells, hit-testing) and the
// feature-map layouts (tiles, enlarged map, bars/strip). Data-driven: one row per case.
#include "maps_layout.h"
#include "player_layout.h"

#include <QtTest>

using namespace convlens;

Q_DECLARE_METATYPE(convlens::PlayerGrid)
Q_DECLARE_METATYPE(convlens::CellSpan)
Q_DECLARE_METATYPE(convlens::Pad4)
Q_DECLARE_METATYPE(convlens::Cell)
Q_DECLARE_METATYPE(convlens::Op)
Q_DECLARE_METATYPE(std::optional<convlens::Cell>)
Q_DECLARE_METATYPE(std::optional<convlens::MapHit>)

namespace {

WindowTrace header(Op op, Cell in, Cell out, Pad4 pad, Cell padded, Cell overhang = {0, 0})
{
    WindowTrace h;
    h.op = op;
    h.inputHw = in;
    h.outputHw = out;
    h.padding = pad;
    h.paddedHw = padded;
    h.overhang = overhang;
    return h;
}

// The autoencoder's third max pooling: 7×7, Keras 'same' → one pad row/column at bottom/right, 8×8 padded, 4×4 out.
PlayerLayout poolLayout(double cellPx = 10, QPointF pan = {0, 0})
{
    PlayerLayout l = PlayerLayout::forTrace(header(Op::MaxPool, {7, 7}, {4, 4}, {0, 1, 0, 1}, {8, 8}));
    l.cellPx = cellPx;
    l.pan = pan;
    return l;
}

QString str(const std::optional<Cell> &c)
{
    return c ? QStringLiteral("(%1, %2)").arg((*c)[0]).arg((*c)[1]) : QStringLiteral("none");
}

} // namespace

class TestPlayerGeometry : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void forTrace_data();
    void forTrace();
    void cellRects_data();
    void cellRects();
    void visibleCells_data();
    void visibleCells();
    void hitTest_data();
    void hitTest();
    void zoomKeepsAnchor_data();
    void zoomKeepsAnchor();
    void fitCentresScene_data();
    void fitCentresScene();
    void thresholds();

    void tiles_data();
    void tiles();
    void tileHits_data();
    void tileHits();
    void enlarged();
    void vectorLayout_data();
    void vectorLayout();
};

void TestPlayerGeometry::forTrace_data()
{
    QTest::addColumn<Op>("op");
    QTest::addColumn<Cell>("in");
    QTest::addColumn<Cell>("out");
    QTest::addColumn<Pad4>("pad");
    QTest::addColumn<Cell>("padded");
    QTest::addColumn<Cell>("overhang");
    QTest::addColumn<PlayerGrid>("left");
    QTest::addColumn<PlayerGrid>("right");
    QTest::addColumn<double>("gap");

    // Padding exactly where the framework puts it: the inner (real input) rectangle sits at (top, left).
    QTest::addRow("keras same pool 7→4: pad bottom/right")
        << Op::MaxPool << Cell{7, 7} << Cell{4, 4} << Pad4{0, 1, 0, 1} << Cell{8, 8} << Cell{0, 0}
        << PlayerGrid{8, 8, {0, 0, 6, 6}} << PlayerGrid{4, 4, {0, 0, 3, 3}} << 2.0;
    QTest::addRow("keras same conv stride 2, 224: 0 top, 1 bottom")
        << Op::Conv << Cell{224, 224} << Cell{112, 112} << Pad4{0, 1, 0, 1} << Cell{225, 225} << Cell{0, 0}
        << PlayerGrid{225, 225, {0, 0, 223, 223}} << PlayerGrid{112, 112, {0, 0, 111, 111}} << 18.0;
    QTest::addRow("torch symmetric pad 1")
        << Op::Conv << Cell{5, 5} << Cell{5, 5} << Pad4{1, 1, 1, 1} << Cell{7, 7} << Cell{0, 0}
        << PlayerGrid{7, 7, {1, 1, 5, 5}} << PlayerGrid{5, 5, {0, 0, 4, 4}} << 2.0;
    QTest::addRow("torch asymmetric per axis")
        << Op::AvgPool << Cell{6, 9} << Cell{4, 5} << Pad4{1, 1, 2, 2} << Cell{8, 13} << Cell{0, 0}
        << PlayerGrid{8, 13, {1, 2, 6, 10}} << PlayerGrid{4, 5, {0, 0, 3, 4}} << 2.0;
    QTest::addRow("torch ceil_mode overhang")
        << Op::MaxPool << Cell{6, 6} << Cell{3, 3} << Pad4{0, 0, 0, 0} << Cell{7, 7} << Cell{1, 1}
        << PlayerGrid{7, 7, {0, 0, 5, 5}} << PlayerGrid{3, 3, {0, 0, 2, 2}} << 2.0;
    QTest::addRow("transposed: canvas 15, cropped 0/1")
        << Op::ConvTranspose << Cell{7, 7} << Cell{14, 14} << Pad4{0, 1, 0, 1} << Cell{15, 15} << Cell{0, 0}
        << PlayerGrid{7, 7, {0, 0, 6, 6}} << PlayerGrid{15, 15, {0, 0, 13, 13}} << 2.0;
    QTest::addRow("transposed: output_padding appends past the canvas")
        << Op::ConvTranspose << Cell{7, 7} << Cell{16, 16} << Pad4{1, -1, 1, -1} << Cell{15, 15} << Cell{0, 0}
        << PlayerGrid{7, 7, {0, 0, 6, 6}} << PlayerGrid{17, 17, {1, 1, 16, 16}} << 2.0;
}

void TestPlayerGeometry::forTrace()
{
    QFETCH(Op, op);
    QFETCH(Cell, in);
    QFETCH(Cell, out);
    QFETCH(Pad4, pad);
    QFETCH(Cell, padded);
    QFETCH(Cell, overhang);
    QFETCH(PlayerGrid, left);
    QFETCH(PlayerGrid, right);
    QFETCH(double, gap);
    const PlayerLayout l = PlayerLayout::forTrace(header(op, in, out, pad, padded, overhang));
    QVERIFY(l.left == left);
    QVERIFY(l.right == right);
    QCOMPARE(l.gap, gap);
    QCOMPARE(l.sceneRect(),
             QRectF(0, 0, double(left.cols) + gap + double(right.cols), double(std::max(left.rows, right.rows))));
}

void TestPlayerGeometry::cellRects_data()
{
    QTest::addColumn<double>("cellPx");
    QTest::addColumn<QPointF>("pan");
    QTest::addColumn<int>("grid");
    QTest::addColumn<int>("row");
    QTest::addColumn<int>("col");
    QTest::addColumn<QRectF>("rect");

    QTest::addRow("left origin") << 10.0 << QPointF(0, 0) << int(PlayerLayout::Left) << 0 << 0 << QRectF(0, 0, 10, 10);
    QTest::addRow("left pad cell (7, 3)")
        << 10.0 << QPointF(0, 0) << int(PlayerLayout::Left) << 7 << 3 << QRectF(30, 70, 10, 10);
    QTest::addRow("right starts after 8 cells + gap 2")
        << 10.0 << QPointF(0, 0) << int(PlayerLayout::Right) << 0 << 0 << QRectF(100, 0, 10, 10);
    QTest::addRow("right (3, 2), panned")
        << 20.0 << QPointF(5, -7) << int(PlayerLayout::Right) << 3 << 2 << QRectF(5 + 12 * 20, -7 + 60, 20, 20);
    QTest::addRow("fractional zoom") << 2.5 << QPointF(0.5, 0.25) << int(PlayerLayout::Left) << 1 << 2
                                     << QRectF(5.5, 2.75, 2.5, 2.5);
}

void TestPlayerGeometry::cellRects()
{
    QFETCH(double, cellPx);
    QFETCH(QPointF, pan);
    QFETCH(int, grid);
    QFETCH(int, row);
    QFETCH(int, col);
    QFETCH(QRectF, rect);
    const PlayerLayout l = poolLayout(cellPx, pan);
    QCOMPARE(l.cellRect(PlayerLayout::Grid(grid), row, col), rect);
    // The cell under the rectangle's centre is that cell.
    const auto hit = l.cellAt(PlayerLayout::Grid(grid), rect.center());
    QVERIFY(hit);
    QCOMPARE((*hit)[0], std::int64_t(row));
    QCOMPARE((*hit)[1], std::int64_t(col));
}

void TestPlayerGeometry::visibleCells_data()
{
    QTest::addColumn<double>("cellPx");
    QTest::addColumn<QPointF>("pan");
    QTest::addColumn<int>("grid");
    QTest::addColumn<QRectF>("viewport");
    QTest::addColumn<CellSpan>("span");

    QTest::addRow("all of the left grid")
        << 10.0 << QPointF(0, 0) << int(PlayerLayout::Left) << QRectF(0, 0, 500, 500) << CellSpan{0, 8, 0, 8};
    QTest::addRow("partly cut cells count")
        << 10.0 << QPointF(0, 0) << int(PlayerLayout::Left) << QRectF(15, 25, 20, 10) << CellSpan{2, 4, 1, 4};
    QTest::addRow("right grid cut at its left edge")
        << 10.0 << QPointF(0, 0) << int(PlayerLayout::Right) << QRectF(0, 0, 125, 500) << CellSpan{0, 4, 0, 3};
    QTest::addRow("viewport in the gap sees nothing")
        << 10.0 << QPointF(0, 0) << int(PlayerLayout::Right) << QRectF(82, 0, 16, 100) << CellSpan{};
    QTest::addRow("panned far away") << 10.0 << QPointF(-5000, 0) << int(PlayerLayout::Left) << QRectF(0, 0, 800, 600)
                                     << CellSpan{};
    QTest::addRow("zoomed in on the pad corner")
        << 100.0 << QPointF(-650, -650) << int(PlayerLayout::Left) << QRectF(0, 0, 300, 200) << CellSpan{6, 8, 6, 8};
    // A 256×256-cell map at 40 px per cell in a 1600×1000 view: only ~40×25 cells are drawn.
    QTest::addRow("zoomed 40 px") << 40.0 << QPointF(-4000, -2000) << int(PlayerLayout::Left)
                                  << QRectF(0, 0, 1600, 1000) << CellSpan{50, 8, 100, 8};
}

void TestPlayerGeometry::visibleCells()
{
    QFETCH(double, cellPx);
    QFETCH(QPointF, pan);
    QFETCH(int, grid);
    QFETCH(QRectF, viewport);
    QFETCH(CellSpan, span);
    PlayerLayout l = poolLayout(cellPx, pan);
    if (QByteArray(QTest::currentDataTag()) == "zoomed 40 px") { // the big map case
        l = PlayerLayout::forTrace(header(Op::Conv, {256, 256}, {256, 256}, {1, 1, 1, 1}, {258, 258}));
        l.cellPx = cellPx;
        l.pan = pan;
        span = CellSpan{50, 75, 100, 140};
    }
    const CellSpan got = l.visibleCells(PlayerLayout::Grid(grid), viewport);
    QVERIFY2(
        got == span,
        qPrintable(
            QStringLiteral("got rows [%1, %2) cols [%3, %4)").arg(got.row0).arg(got.row1).arg(got.col0).arg(got.col1)));
}

void TestPlayerGeometry::hitTest_data()
{
    QTest::addColumn<QPointF>("point");
    QTest::addColumn<int>("grid");
    QTest::addColumn<std::optional<Cell>>("frameCell");
    QTest::addColumn<std::optional<Cell>>("innerCell");

    // poolLayout(): 10 px cells, left 8×8 with the input at rows/cols 0–6, right 4×4 at x = 100.
    QTest::addRow("input cell") << QPointF(35, 45) << int(PlayerLayout::Left) << std::optional<Cell>(Cell{4, 3})
                                << std::optional<Cell>(Cell{4, 3});
    QTest::addRow("bottom pad cell is not an input cell")
        << QPointF(35, 75) << int(PlayerLayout::Left) << std::optional<Cell>(Cell{7, 3}) << std::optional<Cell>();
    QTest::addRow("right pad column") << QPointF(75, 5) << int(PlayerLayout::Left) << std::optional<Cell>(Cell{0, 7})
                                      << std::optional<Cell>();
    QTest::addRow("outside the frame") << QPointF(-1, 5) << int(PlayerLayout::Left) << std::optional<Cell>()
                                       << std::optional<Cell>();
    QTest::addRow("output cell (2, 3)") << QPointF(135, 25) << int(PlayerLayout::Right)
                                        << std::optional<Cell>(Cell{2, 3}) << std::optional<Cell>(Cell{2, 3});
    QTest::addRow("right edge is outside")
        << QPointF(140, 25) << int(PlayerLayout::Right) << std::optional<Cell>() << std::optional<Cell>();
    QTest::addRow("gap") << QPointF(90, 5) << int(PlayerLayout::Right) << std::optional<Cell>()
                         << std::optional<Cell>();
}

void TestPlayerGeometry::hitTest()
{
    QFETCH(QPointF, point);
    QFETCH(int, grid);
    QFETCH(std::optional<Cell>, frameCell);
    QFETCH(std::optional<Cell>, innerCell);
    const PlayerLayout l = poolLayout();
    QCOMPARE(str(l.cellAt(PlayerLayout::Grid(grid), point)), str(frameCell));
    QCOMPARE(str(l.innerCellAt(PlayerLayout::Grid(grid), point)), str(innerCell));
}

void TestPlayerGeometry::zoomKeepsAnchor_data()
{
    QTest::addColumn<double>("cellPx");
    QTest::addColumn<QPointF>("anchor");
    QTest::addColumn<double>("factor");
    QTest::addColumn<double>("expectedPx");

    QTest::addRow("in") << 10.0 << QPointF(33, 47) << 2.0 << 20.0;
    QTest::addRow("out") << 10.0 << QPointF(120, 10) << 0.5 << 5.0;
    QTest::addRow("clamped at the top") << 150.0 << QPointF(300, 200) << 4.0 << PlayerLayout::kMaxCellPx;
    QTest::addRow("clamped at the bottom") << 0.1 << QPointF(3, 2) << 0.01 << PlayerLayout::kMinCellPx;
}

void TestPlayerGeometry::zoomKeepsAnchor()
{
    QFETCH(double, cellPx);
    QFETCH(QPointF, anchor);
    QFETCH(double, factor);
    QFETCH(double, expectedPx);
    PlayerLayout l = poolLayout(cellPx, {7, 3});
    const QPointF sceneBefore = (anchor - l.pan) / l.cellPx;
    l.zoomAt(anchor, factor);
    QCOMPARE(l.cellPx, expectedPx);
    const QPointF sceneAfter = (anchor - l.pan) / l.cellPx;
    QVERIFY(std::abs(sceneAfter.x() - sceneBefore.x()) < 1e-9);
    QVERIFY(std::abs(sceneAfter.y() - sceneBefore.y()) < 1e-9);
}

void TestPlayerGeometry::fitCentresScene_data()
{
    QTest::addColumn<QRectF>("viewport");
    QTest::addColumn<double>("expectedPx");

    // Scene 14×8 cells; margin 20, label space 10.
    QTest::addRow("wide view: height limits") << QRectF(0, 0, 1000, 250) << (250.0 - 40 - 10) / 8;
    QTest::addRow("tall view: width limits") << QRectF(0, 0, 320, 900) << (320.0 - 40) / 14;
    QTest::addRow("offset viewport") << QRectF(100, 50, 600, 400) << std::min((600.0 - 40) / 14, (400.0 - 50) / 8);
}

void TestPlayerGeometry::fitCentresScene()
{
    QFETCH(QRectF, viewport);
    QFETCH(double, expectedPx);
    PlayerLayout l = poolLayout(1, {0, 0});
    l.fit(viewport, 20, 10);
    QCOMPARE(l.cellPx, expectedPx);
    const QRectF s(l.pan, l.sceneRect().size() * l.cellPx);
    QVERIFY(viewport.adjusted(19.999, 29.999, -19.999, -19.999).contains(s));
    QCOMPARE(s.center().x(), viewport.center().x()); // centred across
}

void TestPlayerGeometry::thresholds()
{
    PlayerLayout l = poolLayout(PlayerLayout::kValuesPx - 1);
    QVERIFY(l.showGridLines());
    QVERIFY(!l.showValues());
    l.cellPx = PlayerLayout::kValuesPx;
    QVERIFY(l.showValues());
    QVERIFY(!l.showLabels());
    l.cellPx = PlayerLayout::kLabelsPx;
    QVERIFY(l.showLabels());
    l.cellPx = 2;
    QVERIFY(!l.showGridLines());
}

// ------------------------------------------------------------------------------------------------- feature maps

void TestPlayerGeometry::tiles_data()
{
    QTest::addColumn<int>("count");
    QTest::addColumn<int>("mapH");
    QTest::addColumn<int>("mapW");
    QTest::addColumn<QRectF>("area");
    QTest::addColumn<int>("columns");
    QTest::addColumn<int>("rows");
    QTest::addColumn<double>("scale");

    // label 14, spacing 8
    QTest::addRow("16 maps of 28×28 in 800×500") << 16 << 28 << 28 << QRectF(0, 0, 800, 500) << 6 << 3 << 4.0;
    QTest::addRow("one map fills the area") << 1 << 28 << 28 << QRectF(0, 0, 300, 314) << 1 << 1 << 10.0;
    QTest::addRow("8 maps of 4×4 in a wide strip") << 8 << 4 << 4 << QRectF(0, 0, 1000, 100) << 8 << 1 << 21.0;
    QTest::addRow("512 maps of 14×14 (VGG16 block 5)") << 512 << 14 << 14 << QRectF(0, 0, 1100, 560) << 40 << 13 << 1.0;
    QTest::addRow("64 maps of 56×56 shrink below a pixel per cell")
        << 64 << 56 << 56 << QRectF(0, 0, 400, 300) << 11 << 6 << 0.5;
    QTest::addRow("non-square maps") << 3 << 10 << 40 << QRectF(0, 0, 400, 400) << 1 << 3 << 10.0;
}

void TestPlayerGeometry::tiles()
{
    QFETCH(int, count);
    QFETCH(int, mapH);
    QFETCH(int, mapW);
    QFETCH(QRectF, area);
    QFETCH(int, columns);
    QFETCH(int, rows);
    QFETCH(double, scale);
    const MapTileLayout l = MapTileLayout::compute(count, mapH, mapW, area, 14, 8);
    QCOMPARE(l.columns, columns);
    QCOMPARE(l.rows, rows);
    if (scale >= 1)
        QCOMPARE(l.scale, scale);
    else
        QVERIFY2(l.scale > 0 && l.scale < 1, qPrintable(QString::number(l.scale)));
    QCOMPARE(int(l.maps.size()), count);
    for (int i = 0; i < count; ++i) {
        const QRectF m = l.maps[size_t(i)];
        QCOMPARE(m.size(), QSizeF(mapW * l.scale, mapH * l.scale));
        if (scale >= 1)
            QVERIFY2(area.adjusted(-0.5, -0.5, 0.5, 0.5).contains(m.united(l.labelRect(i))),
                     qPrintable(QString::number(i)));
        for (int j = 0; j < i; ++j) // no overlaps
            QVERIFY(!m.intersects(l.maps[size_t(j)]));
    }
}

void TestPlayerGeometry::tileHits_data()
{
    QTest::addColumn<QPointF>("point");
    QTest::addColumn<std::optional<MapHit>>("hit");

    // 16 maps of 28×28 in 800×500 → 6 columns, 4 px per cell, maps 112 px; x0 = (800 − 712) / 2 = 44, first map
    // top = 12 + 14 = 26, pitch 120 × 134.
    QTest::addRow("tile 0, cell (0, 0)") << QPointF(44.5, 26.5) << std::optional<MapHit>(MapHit{0, 0, 0});
    QTest::addRow("tile 0, last cell") << QPointF(44 + 111.9, 26 + 111.9) << std::optional<MapHit>(MapHit{0, 27, 27});
    QTest::addRow("tile 7 = row 1, col 1, cell (5, 10)")
        << QPointF(44 + 120 + 10 * 4 + 2, 26 + 134 + 5 * 4 + 2) << std::optional<MapHit>(MapHit{7, 5, 10});
    QTest::addRow("gap between tiles") << QPointF(44 + 114, 60) << std::optional<MapHit>();
    QTest::addRow("label of tile 6") << QPointF(50, 26 + 134 - 5) << std::optional<MapHit>();
    QTest::addRow("empty slot after the last tile")
        << QPointF(44 + 5 * 120 + 10, 26 + 2 * 134 + 10) << std::optional<MapHit>();
}

void TestPlayerGeometry::tileHits()
{
    QFETCH(QPointF, point);
    QFETCH(std::optional<MapHit>, hit);
    const MapTileLayout l = MapTileLayout::compute(16, 28, 28, QRectF(0, 0, 800, 500), 14, 8);
    QCOMPARE(l.maps[0].topLeft(), QPointF(44, 26));
    const auto got = l.hit(point);
    QCOMPARE(got.has_value(), hit.has_value());
    if (hit) {
        QCOMPARE(got->tile, hit->tile);
        QCOMPARE(got->row, hit->row);
        QCOMPARE(got->col, hit->col);
        QVERIFY(l.cellRect(got->tile, got->row, got->col).contains(point));
    }
}

void TestPlayerGeometry::enlarged()
{
    // A 14×14 map beside the 28×28 input in 824×418 (label 18, spacing 24): halves of 400 px, 400 px high.
    const EnlargedLayout e = EnlargedLayout::compute(14, 14, 28, 28, QRectF(0, 0, 824, 418), 18, 24);
    QCOMPARE(e.mapScale, 28.0);
    QCOMPARE(e.inputScale, 14.0);
    QCOMPARE(e.map, QRectF(4, 18, 392, 392));
    QCOMPARE(e.input, QRectF(424 + 4, 18, 392, 392));
    QCOMPARE(str(e.mapCellAt(QPointF(4 + 28 * 5 + 1, 18 + 28 * 7 + 1))), QStringLiteral("(7, 5)"));
    QCOMPARE(str(e.mapCellAt(QPointF(3, 20))), QStringLiteral("none"));
    QCOMPARE(e.inputCells({4, 6, 6, 8}), QRectF(428 + 6 * 14, 18 + 4 * 14, 3 * 14, 3 * 14));
    QCOMPARE(str(e.inputCellAt(QPointF(428 + 27 * 14 + 13, 18 + 13))), QStringLiteral("(0, 27)"));
    // Without an input the map takes the whole width.
    const EnlargedLayout alone = EnlargedLayout::compute(4, 4, 0, 0, QRectF(0, 0, 400, 218), 18, 24);
    QCOMPARE(alone.mapScale, 50.0);
    QVERIFY(alone.input.isEmpty());
}

void TestPlayerGeometry::vectorLayout_data()
{
    QTest::addColumn<int>("count");
    QTest::addColumn<QRectF>("area");
    QTest::addColumn<bool>("bars");
    QTest::addColumn<int>("columns");
    QTest::addColumn<int>("rows");
    QTest::addColumn<double>("cell");

    QTest::addRow("10 classes: bars, 48 px at most") << 10 << QRectF(0, 0, 800, 300) << true << 10 << 1 << 48.0;
    QTest::addRow("128 units: bars") << 128 << QRectF(0, 0, 640, 300) << true << 128 << 1 << 5.0;
    QTest::addRow("400 values: strip") << 400 << QRectF(0, 0, 800, 200) << false << 40 << 10 << 20.0;
    QTest::addRow("25088 values (VGG flatten): strip")
        << 25088 << QRectF(0, 0, 1000, 500) << false << 224 << 112 << 4.0;
}

void TestPlayerGeometry::vectorLayout()
{
    QFETCH(int, count);
    QFETCH(QRectF, area);
    QFETCH(bool, bars);
    QFETCH(int, columns);
    QFETCH(int, rows);
    QFETCH(double, cell);
    const VectorLayout v = VectorLayout::compute(count, area);
    QCOMPARE(v.mode == VectorLayout::Mode::Bars, bars);
    QCOMPARE(v.columns, std::int64_t(columns));
    QCOMPARE(v.rows, std::int64_t(rows));
    QCOMPARE(v.cell, cell);
    for (std::int64_t i : {std::int64_t(0), std::int64_t(count / 2), std::int64_t(count - 1)}) {
        const QRectF s = v.slot(i);
        QVERIFY(area.adjusted(-0.01, -0.01, 0.01, 0.01).contains(s));
        QCOMPARE(v.hit(s.center()), std::optional<std::int64_t>(i));
    }
    QCOMPARE(v.hit(area.topLeft() - QPointF(1, 1)), std::optional<std::int64_t>());
}

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    TestPlayerGeometry t;
    return QTest::qExec(&t, argc, argv);
}

#include "tst_gui_player_geometry.moc"
