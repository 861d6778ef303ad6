// tst_compute_image_input.cpp — images and arrays to model inputs (io/image_input.h): PNG/BMP/JPEG through QImage,
// gray/RGB conversion, the resize policy, scaling to [0, 1], both frameworks' layouts, and the refusals.
#include "formats/image_input.h"
#include "formats/npy.h"

#include <QBuffer>
#include <QImage>
#include <QImageWriter>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace convlens;

namespace {

QByteArray encode(const QImage &img, const char *format)
{
    QByteArray bytes;
    QBuffer buf(&bytes);
    buf.open(QIODevice::WriteOnly);
    img.save(&buf, format, 100);
    return bytes;
}

InputResult fromBytes(const QByteArray &b, Framework f, const Shape &s)
{
    return imageBytesToInput(std::span<const char>(b.constData(), size_t(b.size())), "img", f, s);
}

} // namespace

class TestImageInput : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void digitIsExact();
    void rgbToGrayAndLayouts();
    void resizePolicy();
    void formats_data();
    void formats();
    void npyInputs();
    void refusals();
};

void TestImageInput::digitIsExact()
{
    const QString path = QStringLiteral(CONVLENS_SOURCE_DIR "/resources/digits/7_0.png");
    const InputResult r = loadInputFile(path.toStdString(), Framework::Keras, {28, 28, 1});
    QVERIFY2(r.ok(), r.error.c_str());
    QVERIFY(r.notes.empty());
    QImage img(path);
    img = img.convertToFormat(QImage::Format_Grayscale8);
    for (int y = 0; y < 28; ++y)
        for (int x = 0; x < 28; ++x)
            QCOMPARE(r.tensor->data[size_t(y * 28 + x)], float(img.constScanLine(y)[x]) / 255.0f);
    // Every class is there, at least once.
    for (int d = 0; d < 10; ++d)
        QVERIFY(QFile::exists(QStringLiteral(CONVLENS_SOURCE_DIR "/resources/digits/%1_0.png").arg(d)));
}

void TestImageInput::rgbToGrayAndLayouts()
{
    QImage img(2, 1, QImage::Format_RGB888);
    img.setPixelColor(0, 0, QColor(255, 0, 0));
    img.setPixelColor(1, 0, QColor(10, 200, 30));
    const QByteArray png = encode(img, "PNG");
    // Gray: PIL's luma, rounded.
    InputResult g = fromBytes(png, Framework::Keras, {1, 2, 1});
    QVERIFY2(g.ok(), g.error.c_str());
    QCOMPARE(g.tensor->data[0], float((255 * 299 + 500) / 1000) / 255.0f);
    QCOMPARE(g.tensor->data[1], float((10 * 299 + 200 * 587 + 30 * 114 + 500) / 1000) / 255.0f);
    QCOMPARE(g.notes.size(), size_t(1));
    // RGB in Keras (H, W, C) and torch (C, H, W): same values in the framework order.
    InputResult k = fromBytes(png, Framework::Keras, {1, 2, 3});
    InputResult t = fromBytes(png, Framework::PyTorch, {3, 1, 2});
    QVERIFY(k.ok() && t.ok());
    QCOMPARE(k.tensor->toFrameworkOrder(), (std::vector<float>{1.0f, 0.0f, 0.0f, 10 / 255.0f, 200 / 255.0f, 30 / 255.0f}));
    QCOMPARE(t.tensor->toFrameworkOrder(), (std::vector<float>{1.0f, 10 / 255.0f, 0.0f, 200 / 255.0f, 0.0f, 30 / 255.0f}));
    QCOMPARE(k.tensor->data, t.tensor->data); // both stored channels-major
}

void TestImageInput::resizePolicy()
{
    QImage img(56, 28, QImage::Format_Grayscale8);
    img.fill(200);
    const InputResult r = fromBytes(encode(img, "PNG"), Framework::Keras, {28, 28, 1});
    QVERIFY2(r.ok(), r.error.c_str());
    QCOMPARE(r.notes.size(), size_t(1));
    QVERIFY2(r.notes[0].find("from 56×28 to 28×28") != std::string::npos, r.notes[0].c_str());
    for (float v : r.tensor->data)
        QVERIFY(std::abs(v - 200.0f / 255.0f) < 1e-6f); // a uniform image stays uniform
}

void TestImageInput::formats_data()
{
    QTest::addColumn<QByteArray>("format");
    QTest::newRow("png") << QByteArray("PNG");
    QTest::newRow("bmp") << QByteArray("BMP");
    if (QImageWriter::supportedImageFormats().contains("jpeg"))
        QTest::newRow("jpeg") << QByteArray("JPEG");
}

void TestImageInput::formats()
{
    QFETCH(QByteArray, format);
    QImage img(8, 6, QImage::Format_RGB888);
    img.fill(QColor(40, 80, 120));
    const InputResult r = fromBytes(encode(img, format.constData()), Framework::PyTorch, {3, 6, 8});
    QVERIFY2(r.ok(), r.error.c_str());
    const auto v = r.tensor->toFrameworkOrder();
    QVERIFY(std::abs(v[0] - 40 / 255.0f) < 0.02f);
    QVERIFY(std::abs(v[48] - 80 / 255.0f) < 0.02f);
    QVERIFY(std::abs(v[96] - 120 / 255.0f) < 0.02f);
}

void TestImageInput::npyInputs()
{
    QTemporaryDir dir;
    const std::string p = dir.filePath(QStringLiteral("a.npy")).toStdString();
    std::string err;
    std::vector<float> v(12);
    for (size_t i = 0; i < v.size(); ++i)
        v[i] = float(i);
    // With a batch dimension, without, and (H, W) for a single-channel model.
    QVERIFY(writeNpy(p, {1, 2, 2, 3}, v, &err));
    InputResult r = loadInputFile(p, Framework::Keras, {2, 2, 3});
    QVERIFY2(r.ok(), r.error.c_str());
    QCOMPARE(r.tensor->toFrameworkOrder(), v);
    QVERIFY(writeNpy(p, {3, 4}, v, &err));
    r = loadInputFile(p, Framework::PyTorch, {1, 3, 4});
    QVERIFY2(r.ok(), r.error.c_str());
    QCOMPARE(r.tensor->data, v);
    r = loadInputFile(p, Framework::PyTorch, {3, 2, 2});
    QVERIFY(!r.ok());
    QVERIFY2(r.error.find("the model input is (3, 2, 2) (C, H, W)") != std::string::npos, r.error.c_str());
    // NaN goes through (with a note), values are not rescaled.
    v[3] = std::nanf("");
    QVERIFY(writeNpy(p, {3, 4}, v, &err));
    r = loadInputFile(p, Framework::Keras, {3, 4, 1});
    QVERIFY(r.ok());
    QVERIFY(std::isnan(r.tensor->data[3]));
    QCOMPARE(r.tensor->data[11], 11.0f);
    QCOMPARE(r.notes.size(), size_t(1));
}

void TestImageInput::refusals()
{
    QImage img(4, 4, QImage::Format_RGB888);
    img.fill(Qt::white);
    const QByteArray png = encode(img, "PNG");
    InputResult r = fromBytes(png, Framework::Keras, {4, 4, 2});
    QVERIFY(!r.ok());
    QVERIFY2(r.error.find("2 channels") != std::string::npos, r.error.c_str());
    r = fromBytes(png, Framework::Keras, {16});
    QVERIFY(!r.ok());
    QVERIFY2(r.error.find("rank-3") != std::string::npos, r.error.c_str());
    r = fromBytes(QByteArray("GIF89a garbage"), Framework::Keras, {4, 4, 1});
    QVERIFY(!r.ok());
    r = loadInputFile("/nonexistent/x.png", Framework::Keras, {4, 4, 1});
    QVERIFY2(r.error.find("no such file") != std::string::npos, r.error.c_str());
    std::vector<std::uint8_t> px(12, 255);
    r = pixelsToInput(px, 2, 2, 3, Framework::Keras, {2, 2, 3});
    QVERIFY2(r.ok(), r.error.c_str());
    QCOMPARE(r.tensor->data[0], 1.0f);
    QVERIFY(!pixelsToInput(px, 3, 3, 3, Framework::Keras, {2, 2, 3}).ok());
}

QTEST_GUILESS_MAIN(TestImageInput)
#include "tst_compute_image_input.moc"
