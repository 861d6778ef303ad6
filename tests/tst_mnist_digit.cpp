// tst_mnist_digit.cpp — a drawing prepared as MNIST digits were (core/setup/mnist_digit): whatever its size and
// place, the ink's larger side becomes 20 pixels and its centre of mass lands on (14, 14); a real MNIST digit is
// already prepared and comes back almost unchanged; an empty drawing stays empty.
#include "setup/mnist_digit.h"

#include <QImage>
#include <QTest>
#include <cmath>

using namespace convlens;

namespace {

Pixels blank(int w, int h)
{
    return Pixels{w, h, 1, std::vector<std::uint8_t>(size_t(w) * size_t(h), 0)};
}

void fill(Pixels &p, int x0, int y0, int x1, int y1) // inclusive rectangle of full ink
{
    for (int y = y0; y <= y1; ++y)
        for (int x = x0; x <= x1; ++x)
            p.data[size_t(y * p.width + x)] = 255;
}

struct Ink {
    int left = 99, right = -1, top = 99, bottom = -1;
    double cx = 0, cy = 0;
};

Ink inkOf(const Pixels &p)
{
    Ink k;
    double mass = 0;
    for (int y = 0; y < p.height; ++y)
        for (int x = 0; x < p.width; ++x)
            if (const double v = p.data[size_t(y * p.width + x)]; v > 0) {
                k.left = std::min(k.left, x);
                k.right = std::max(k.right, x);
                k.top = std::min(k.top, y);
                k.bottom = std::max(k.bottom, y);
                mass += v;
                k.cx += v * (x + 0.5);
                k.cy += v * (y + 0.5);
            }
    k.cx /= mass;
    k.cy /= mass;
    return k;
}

} // namespace

class TestMnistDigit : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void centredAndScaled_data();
    void centredAndScaled();
    void emptyStaysEmpty();
    void mnistDigitBarelyChanges();
};

void TestMnistDigit::centredAndScaled_data()
{
    QTest::addColumn<int>("size"); // the drawing is size×size
    QTest::addColumn<QRect>("ink");
    QTest::addColumn<int>("inkWidth"); // expected after scaling (±1 for the smoothing's fringe)
    QTest::addColumn<int>("inkHeight");
    QTest::addRow("small blob in a corner") << 28 << QRect(1, 1, 5, 5) << 20 << 20;
    QTest::addRow("tall stroke off-centre") << 28 << QRect(22, 2, 3, 15) << 4 << 20;
    QTest::addRow("wide bar at the bottom") << 28 << QRect(0, 25, 28, 2) << 20 << 1;
    QTest::addRow("big canvas") << 280 << QRect(40, 100, 90, 150) << 12 << 20;
}

void TestMnistDigit::centredAndScaled()
{
    QFETCH(int, size);
    QFETCH(QRect, ink);
    QFETCH(int, inkWidth);
    QFETCH(int, inkHeight);
    Pixels p = blank(size, size);
    fill(p, ink.left(), ink.top(), ink.right(), ink.bottom());
    const Pixels out = centreLikeMnist(p);
    QCOMPARE(out.width, kMnistSize);
    QCOMPARE(out.height, kMnistSize);
    QCOMPARE(out.channels, 1);
    const Ink k = inkOf(out);
    QVERIFY2(std::abs(k.right - k.left + 1 - inkWidth) <= 1, qPrintable(QString::number(k.right - k.left + 1)));
    QVERIFY2(std::abs(k.bottom - k.top + 1 - inkHeight) <= 1, qPrintable(QString::number(k.bottom - k.top + 1)));
    QVERIFY2(std::abs(k.cx - 14) <= 0.5 && std::abs(k.cy - 14) <= 0.5,
             qPrintable(QStringLiteral("centre of mass (%1, %2)").arg(k.cx).arg(k.cy)));
}

void TestMnistDigit::emptyStaysEmpty()
{
    const Pixels out = centreLikeMnist(blank(28, 28));
    QCOMPARE(out.data, std::vector<std::uint8_t>(28 * 28, 0));
    QCOMPARE(centreLikeMnist(Pixels{}).data.size(), size_t(28 * 28)); // nothing readable: an empty field
}

void TestMnistDigit::mnistDigitBarelyChanges()
{
    // The bundled samples are MNIST digits: already 20×20 in the box, already centred.
    const QImage img = QImage(QStringLiteral(CONVLENS_SOURCE_DIR "/resources/digits/7_0.png"))
                           .convertToFormat(QImage::Format_Grayscale8);
    QCOMPARE(img.size(), QSize(28, 28));
    Pixels p = blank(28, 28);
    for (int y = 0; y < 28; ++y)
        std::copy_n(img.constScanLine(y), 28, p.data.data() + y * 28);
    const Pixels out = centreLikeMnist(p);
    const Ink before = inkOf(p), after = inkOf(out);
    QVERIFY(std::abs(before.cx - after.cx) <= 1 && std::abs(before.cy - after.cy) <= 1);
    double diff = 0;
    for (size_t i = 0; i < p.data.size(); ++i)
        diff += std::abs(int(p.data[i]) - int(out.data[i]));
    QVERIFY2(diff / 255.0 / double(p.data.size()) < 0.08, qPrintable(QString::number(diff / 255 / 784)));
}

QTEST_GUILESS_MAIN(TestMnistDigit)
#include "tst_mnist_digit.moc"
