// tst_gui_layouts.cpp — the plain values behind the student's views, with data tables: a classifier's prediction
// (probabilities kept, logits through a softmax, ties to the lower class, NaN/∞ undefined, not a classifier), the
// reconstruction check, the "All layers" overview's columns (thumbnail size from the height, overflow counted, hit
// tests), and a layer-list row that gives a name all the width it needs before the type gets any.
#include "model_output.h"
#include "overview_layout.h"
#include "stack_delegate.h"

#include <QtTest>
#include <cmath>
#include <limits>

using namespace convlens;

namespace {

Tensor vec(std::vector<float> v)
{
    Tensor t;
    t.shape = {std::int64_t(v.size())};
    t.data = std::move(v);
    return t;
}

Tensor map(Framework f, Shape s)
{
    return Tensor::zeros(f, std::move(s));
}

} // namespace

class TestGuiLayouts : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void prediction_data();
    void prediction();
    void reconstruction_data();
    void reconstruction();
    void overview_data();
    void overview();
    void overviewHits();
    void stackRowGivesTheNameItsWidth_data();
    void stackRowGivesTheNameItsWidth();
};

void TestGuiLayouts::prediction_data()
{
    const float nan = std::numeric_limits<float>::quiet_NaN(), inf = std::numeric_limits<float>::infinity();
    QTest::addColumn<QList<float>>("values");
    QTest::addColumn<bool>("classifier");
    QTest::addColumn<bool>("defined");
    QTest::addColumn<bool>("logits");
    QTest::addColumn<QList<int>>("top"); // expected classes, best first
    QTest::addColumn<double>("best");    // expected probability of the best
    QTest::addRow("softmax output") << QList<float>{0.1f, 0.7f, 0.05f, 0.15f} << true << true << false
                                    << QList<int>{1, 3, 0} << 0.7;
    QTest::addRow("logits") << QList<float>{2.0f, 0.0f, 0.0f} << true << true << true << QList<int>{0, 1, 2}
                            << std::exp(2.0) / (std::exp(2.0) + 2);
    QTest::addRow("tie keeps the lower class") << QList<float>{0.5f, 0.5f} << true << true << false << QList<int>{0, 1}
                                               << 0.5;
    QTest::addRow("NaN is undefined, not class 0") << QList<float>{nan, 0.2f, 0.8f} << true << false << false
                                                   << QList<int>{} << 0.0;
    QTest::addRow("inf is undefined") << QList<float>{0.1f, inf} << true << false << false << QList<int>{} << 0.0;
    QTest::addRow("one unit is no classifier") << QList<float>{0.9f} << false << false << false << QList<int>{} << 0.0;
}

void TestGuiLayouts::prediction()
{
    QFETCH(QList<float>, values);
    QFETCH(bool, classifier);
    QFETCH(bool, defined);
    QFETCH(bool, logits);
    QFETCH(QList<int>, top);
    QFETCH(double, best);
    const auto p = predictClasses(vec(std::vector<float>(values.begin(), values.end())));
    QCOMPARE(p.has_value(), classifier);
    if (!p)
        return;
    QCOMPARE(p->defined, defined);
    QCOMPARE(p->fromLogits, logits);
    QCOMPARE(int(p->top.size()), int(top.size()));
    for (int i = 0; i < top.size(); ++i)
        QCOMPARE(p->top[size_t(i)].index, top[i]);
    if (defined)
        QVERIFY(std::abs(p->top.front().probability - best) < 1e-6);
}

void TestGuiLayouts::reconstruction_data()
{
    QTest::addColumn<int>("framework");
    QTest::addColumn<QList<qint64>>("in");
    QTest::addColumn<QList<qint64>>("out");
    QTest::addColumn<bool>("expected");
    const int K = int(Framework::Keras), T = int(Framework::PyTorch);
    QTest::addRow("autoencoder") << K << QList<qint64>{28, 28, 1} << QList<qint64>{28, 28, 1} << true;
    QTest::addRow("rgb") << T << QList<qint64>{3, 32, 32} << QList<qint64>{3, 32, 32} << true;
    QTest::addRow("segmentation: other channels") << K << QList<qint64>{256, 256, 1} << QList<qint64>{256, 256, 2}
                                                   << false;
    QTest::addRow("other size") << K << QList<qint64>{572, 572, 1} << QList<qint64>{388, 388, 1} << false;
    QTest::addRow("16 channels") << K << QList<qint64>{8, 8, 16} << QList<qint64>{8, 8, 16} << false;
}

void TestGuiLayouts::reconstruction()
{
    QFETCH(int, framework);
    QFETCH(QList<qint64>, in);
    QFETCH(QList<qint64>, out);
    QFETCH(bool, expected);
    const Framework f = Framework(framework);
    QCOMPARE(isReconstruction(map(f, Shape(in.begin(), in.end())), map(f, Shape(out.begin(), out.end()))), expected);
}

void TestGuiLayouts::overview_data()
{
    QTest::addColumn<QList<int>>("channels"); // per column; −n: a rank-1 column of n values
    QTest::addColumn<double>("height");
    QTest::addColumn<double>("thumb");
    QTest::addColumn<QList<int>>("hidden");
    // The autoencoder at 1280×720: 16 maps fill the column at 28 px.
    QTest::addRow("autoencoder") << QList<int>{1, 16, 16, 8, 8} << 560.0 << 28.0 << QList<int>{0, 0, 0, 0, 0};
    // Few maps: as large as allowed.
    QTest::addRow("few maps") << QList<int>{1, 4, 4} << 600.0 << 64.0 << QList<int>{0, 0, 0};
    // Too many maps for the height at the smallest size: what fits, and "+N".
    QTest::addRow("VGG's 512 maps") << QList<int>{3, 64, 512, -4096} << 400.0 << 20.0 << QList<int>{0, 50, 498, 0};
}

void TestGuiLayouts::overview()
{
    QFETCH(QList<int>, channels);
    QFETCH(double, height);
    QFETCH(double, thumb);
    QFETCH(QList<int>, hidden);
    std::vector<OverviewColumnSpec> specs;
    for (int c : channels)
        specs.push_back(c > 0 ? OverviewColumnSpec{true, c, 0} : OverviewColumnSpec{false, 0, -c});
    const OverviewLayout L = OverviewLayout::compute(specs, height, 30, 14);
    QCOMPARE(L.thumb, thumb);
    QCOMPARE(int(L.columns.size()), channels.size());
    for (int i = 0; i < channels.size(); ++i) {
        const OverviewColumn &c = L.columns[size_t(i)];
        QVERIFY(c.bounds().bottom() <= height);
        if (channels[i] < 0) {
            QVERIFY(c.thumbs.empty());
            QVERIFY(c.stripRows > 0 && c.body.height() <= height);
            continue;
        }
        QCOMPARE(c.hidden, hidden[i]);
        QCOMPARE(int(c.thumbs.size()) + c.hidden, channels[i]);
        for (size_t t = 1; t < c.thumbs.size(); ++t)
            QVERIFY(c.thumbs[t].top() >= c.thumbs[t - 1].bottom()); // stacked, never overlapping
        if (i > 0)
            QVERIFY(c.header.left() >= L.columns[size_t(i) - 1].header.right() - 0.5); // side by side
    }
    QVERIFY(L.sceneSize.width() >= L.columns.back().header.right());
}

void TestGuiLayouts::overviewHits()
{
    const OverviewLayout L = OverviewLayout::compute({{true, 1, 0}, {true, 4, 0}, {false, 0, 10}}, 500, 30, 14);
    QCOMPARE(L.columnAt(L.columns[1].thumbs[2].center()), std::optional<int>(1));
    QCOMPARE(L.columnAt(L.columns[1].header.center()), std::optional<int>(1)); // the header belongs to it
    QCOMPARE(L.columnAt(L.columns[2].body.center()), std::optional<int>(2));
    QVERIFY(!L.columnAt(QPointF(L.sceneSize.width() + 5, 100)));
    const auto t = L.thumbAt(L.columns[1].thumbs[3].center());
    QVERIFY(t && t->first == 1 && t->second == 3);
    QVERIFY(!L.thumbAt(L.columns[1].header.center()));
}

void TestGuiLayouts::stackRowGivesTheNameItsWidth_data()
{
    QTest::addColumn<int>("rowWidth");
    QTest::addColumn<int>("nameWidth");
    QTest::addColumn<int>("shapeWidth");
    QTest::addColumn<int>("expectedName");
    QTest::addColumn<bool>("typeShown"); // the type keeps a useful width (≥ 40 px)
    QTest::addRow("room for all") << 360 << 120 << 110 << 120 << true;
    QTest::addRow("the name first") << 300 << 130 << 120 << 130 << false;
    QTest::addRow("a name wider than the room") << 220 << 200 << 100 << 100 << false;
}

void TestGuiLayouts::stackRowGivesTheNameItsWidth()
{
    QFETCH(int, rowWidth);
    QFETCH(int, nameWidth);
    QFETCH(int, shapeWidth);
    QFETCH(int, expectedName);
    QFETCH(bool, typeShown);
    const QRect row(0, 0, rowWidth, 24);
    const StackRowGeometry g = stackRowGeometry(row, false, 16, shapeWidth, nameWidth);
    QCOMPARE(g.name.width(), expectedName);
    QCOMPARE(g.shape.width(), shapeWidth);
    QVERIFY(!g.name.intersects(g.shape) && !g.type.intersects(g.shape));
    QCOMPARE(g.type.width() >= 40, typeShown);
    QVERIFY(row.contains(g.shape));
}

QTEST_GUILESS_MAIN(TestGuiLayouts)
#include "tst_gui_layouts.moc"
