// tst_dims.cpp — the pure dimension rules of shape/dims.h, on the worked examples of DESIGN.md and the edges
// (windows that do not fit, ceil_mode dropping a window that starts in the padding).
#include "shape/dims.h"

#include <QTest>

using namespace convlens;

class TstDims : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void tfSame_data();
    void tfSame();
    void tfValid_data();
    void tfValid();
    void torchPool_data();
    void torchPool();
    void transpose_data();
    void transpose();
    void borderIndex_data();
    void borderIndex();
};

void TstDims::tfSame_data()
{
    QTest::addColumn<qint64>("i");
    QTest::addColumn<qint64>("k");
    QTest::addColumn<qint64>("s");
    QTest::addColumn<qint64>("d");
    QTest::addColumn<qint64>("out");
    QTest::addColumn<qint64>("before");
    QTest::addColumn<qint64>("after");
    QTest::addRow("224 k3 s2: extra pad bottom") << 224LL << 3LL << 2LL << 1LL << 112LL << 0LL << 1LL;
    QTest::addRow("225 k3 s2: symmetric") << 225LL << 3LL << 2LL << 1LL << 113LL << 1LL << 1LL;
    QTest::addRow("7 pool2 s2 (autoencoder)") << 7LL << 2LL << 2LL << 1LL << 4LL << 0LL << 1LL;
    QTest::addRow("28 pool2 s2") << 28LL << 2LL << 2LL << 1LL << 14LL << 0LL << 0LL;
    QTest::addRow("kernel larger than input") << 2LL << 5LL << 1LL << 1LL << 2LL << 2LL << 2LL;
    QTest::addRow("dilated k3 d2 = k'5") << 10LL << 3LL << 1LL << 2LL << 10LL << 2LL << 2LL;
    QTest::addRow("stride > kernel: no pad") << 9LL << 1LL << 4LL << 1LL << 3LL << 0LL << 0LL;
}

void TstDims::tfSame()
{
    QFETCH(qint64, i);
    QFETCH(qint64, k);
    QFETCH(qint64, s);
    QFETCH(qint64, d);
    QFETCH(qint64, out);
    QFETCH(qint64, before);
    QFETCH(qint64, after);
    const auto r = dims::tfSame(i, dims::effectiveKernel(k, d), s);
    QCOMPARE(r.out, out);
    QCOMPARE(r.before, before);
    QCOMPARE(r.after, after);
}

void TstDims::tfValid_data()
{
    QTest::addColumn<qint64>("i");
    QTest::addColumn<qint64>("k");
    QTest::addColumn<qint64>("s");
    QTest::addColumn<qint64>("d");
    QTest::addColumn<qint64>("out"); // -1: does not fit
    QTest::addRow("16 k3 (autoencoder valid conv)") << 16LL << 3LL << 1LL << 1LL << 14LL;
    QTest::addRow("572 k3 (U-Net)") << 572LL << 3LL << 1LL << 1LL << 570LL;
    QTest::addRow("exact fit") << 5LL << 5LL << 3LL << 1LL << 1LL;
    QTest::addRow("kernel too large") << 3LL << 5LL << 1LL << 1LL << -1LL;
    QTest::addRow("dilation makes it too large") << 4LL << 3LL << 1LL << 2LL << -1LL;
    QTest::addRow("stride 4 on 13") << 13LL << 3LL << 4LL << 1LL << 3LL;
}

void TstDims::tfValid()
{
    QFETCH(qint64, i);
    QFETCH(qint64, k);
    QFETCH(qint64, s);
    QFETCH(qint64, d);
    QFETCH(qint64, out);
    const auto r = dims::tfValid(i, dims::effectiveKernel(k, d), s);
    QCOMPARE(r.has_value(), out >= 0);
    if (r)
        QCOMPARE(*r, out);
}

void TstDims::torchPool_data()
{
    QTest::addColumn<qint64>("i");
    QTest::addColumn<qint64>("k");
    QTest::addColumn<qint64>("s");
    QTest::addColumn<qint64>("p");
    QTest::addColumn<bool>("ceil");
    QTest::addColumn<qint64>("out");
    QTest::addRow("floor 5 k2 s2") << 5LL << 2LL << 2LL << 0LL << false << 2LL;
    QTest::addRow("ceil 5 k2 s2") << 5LL << 2LL << 2LL << 0LL << true << 3LL;
    QTest::addRow("ceil drops window starting in right pad") << 5LL << 2LL << 2LL << 1LL << true << 3LL;
    QTest::addRow("ceil kernel larger than input") << 25LL << 26LL << 3LL << 0LL << true << 1LL;
    QTest::addRow("floor kernel larger than input") << 25LL << 26LL << 3LL << 0LL << false << 0LL;
}

void TstDims::torchPool()
{
    QFETCH(qint64, i);
    QFETCH(qint64, k);
    QFETCH(qint64, s);
    QFETCH(qint64, p);
    QFETCH(bool, ceil);
    QFETCH(qint64, out);
    QCOMPARE(dims::torchPool(i, k, s, p, 1, ceil), out);
}

void TstDims::transpose_data()
{
    QTest::addColumn<qint64>("i");
    QTest::addColumn<qint64>("k");
    QTest::addColumn<qint64>("s");
    QTest::addColumn<bool>("same");
    QTest::addColumn<qint64>("outputPadding"); // -1 = None
    QTest::addColumn<qint64>("out");
    QTest::addRow("valid k3 s2") << 4LL << 3LL << 2LL << false << -1LL << 9LL;
    QTest::addRow("valid k1 s2 (k < s)") << 4LL << 1LL << 2LL << false << -1LL << 8LL;
    QTest::addRow("same k3 s2") << 4LL << 3LL << 2LL << true << -1LL << 8LL;
    QTest::addRow("same k3 s2 op1") << 4LL << 3LL << 2LL << true << 1LL << 8LL;
    QTest::addRow("valid k3 s2 op1") << 4LL << 3LL << 2LL << false << 1LL << 10LL;
}

void TstDims::transpose()
{
    QFETCH(qint64, i);
    QFETCH(qint64, k);
    QFETCH(qint64, s);
    QFETCH(bool, same);
    QFETCH(qint64, outputPadding);
    QFETCH(qint64, out);
    const auto op = outputPadding < 0 ? std::nullopt : std::optional<dims::i64>(outputPadding);
    QCOMPARE(dims::kerasConvTranspose(i, k, s, same, op), out);
    // The crop that places the result inside the full (i − 1)·s + k result must account for every row.
    const auto crop = dims::tfTransposeCrop(i, k, s, out, same);
    QCOMPARE((i - 1) * s + k - crop.before - crop.after, out);
    QVERIFY(crop.before >= 0);
}

// torch's reflect and replicate padding of a row of n cells [a b c] (n = 3): reflect gives c b | a b c | b a,
// replicate a a | a b c | c c (torch.nn.ReflectionPad2d / ReplicationPad2d documentation examples).
void TstDims::borderIndex_data()
{
    QTest::addColumn<qint64>("i");
    QTest::addColumn<qint64>("n");
    QTest::addColumn<qint64>("reflect");
    QTest::addColumn<qint64>("replicate");
    QTest::addRow("inside") << qint64(1) << qint64(3) << qint64(1) << qint64(1);
    QTest::addRow("one before") << qint64(-1) << qint64(3) << qint64(1) << qint64(0);
    QTest::addRow("two before") << qint64(-2) << qint64(3) << qint64(2) << qint64(0);
    QTest::addRow("one after") << qint64(3) << qint64(3) << qint64(1) << qint64(2);
    QTest::addRow("two after") << qint64(4) << qint64(3) << qint64(0) << qint64(2);
    QTest::addRow("n = 1") << qint64(-1) << qint64(1) << qint64(0) << qint64(0);
    QTest::addRow("replicate far out") << qint64(-9) << qint64(4) << qint64(3) << qint64(0);
}

void TstDims::borderIndex()
{
    QFETCH(qint64, i);
    QFETCH(qint64, n);
    QFETCH(qint64, reflect);
    QFETCH(qint64, replicate);
    QCOMPARE(dims::reflectIndex(i, n), reflect);
    QCOMPARE(dims::replicateIndex(i, n), replicate);
}

QTEST_APPLESS_MAIN(TstDims)
#include "tst_dims.moc"
