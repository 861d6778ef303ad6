// tst_step_export.cpp — the step player's exports (app/render/step_export.h), each decoded back: the GIF of the
// autoencoder's 7×7 convolution (49 steps at 1280×720) through giflib's own decoder — frame count, screen size, delay,
// the loop extension, every frame inside the screen, and the frames composed as a viewer composes them equal to the
// painted frames up to the palette; a PNG and an SVG of one step; the contact sheet; a transposed convolution's
// scatter; a sheet refused for a layer with too many steps; the --size parser.
#include "file_size_limit.h"
#include "formats/model_file.h"
#include "gui/reference_run.h"
#include "importers/python_code.h"
#include "shape/infer.h"
#include "step_export.h"

#include <QGuiApplication>
#include <QPainter>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QtTest>


#include <gif_lib.h>

using namespace convlens;
using namespace Qt::Literals::StringLiterals;

namespace {

const QString kExamples = QStringLiteral(CONVLENS_SOURCE_DIR "/resources/examples/");

// The tracer of `layer`'s output channel 0 in the autoencoder, run on the first sample digit with its trained weights.
std::optional<LayerTracer> autoencoderTracer(const std::string &layer)
{
    LoadResult m = loadModelFile(QString(kExamples + QStringLiteral("autoencoder.py")).toStdString());
    if (!m.ok())
        return std::nullopt;
    const ShapeReport report = infer(*m.graph);
    auto runner = test::referenceRun(report, QStringLiteral(CONVLENS_SOURCE_DIR "/resources/digits/0_0.png"),
                                     kExamples + QStringLiteral("autoencoder.weights"));
    if (!runner)
        return std::nullopt;
    const int i = report.indexOf(layer);
    const LayerReport &l = report.layers[size_t(i)];
    const Tensor *input = runner->activation(report.indexOf(l.inputs.front()));
    std::string error;
    return LayerTracer::create(l, *input, runner->layerWeights(l.name), 0, {}, &error);
}

// A decoded GIF composed frame by frame as a viewer shows it (disposal "do not dispose": each frame paints over).
struct DecodedGif {
    int width = 0, height = 0, frames = 0;
    std::vector<int> delays;
    bool loops = false;
    std::vector<QImage> composed;
};

DecodedGif decode(const QString &path)
{
    DecodedGif d;
    int err = 0;
    GifFileType *gif = DGifOpenFileName(path.toLocal8Bit().constData(), &err);
    if (!gif || DGifSlurp(gif) != GIF_OK)
        return d;
    d.width = gif->SWidth;
    d.height = gif->SHeight;
    d.frames = gif->ImageCount;
    QImage canvas(d.width, d.height, QImage::Format_RGB32);
    canvas.fill(Qt::black);
    for (int i = 0; i < gif->ImageCount; ++i) {
        const SavedImage &img = gif->SavedImages[i];
        GraphicsControlBlock gcb;
        if (DGifSavedExtensionToGCB(gif, i, &gcb) == GIF_OK)
            d.delays.push_back(gcb.DelayTime);
        for (int e = 0; e < img.ExtensionBlockCount; ++e)
            if (img.ExtensionBlocks[e].Function == APPLICATION_EXT_FUNC_CODE && img.ExtensionBlocks[e].ByteCount == 11 &&
                !memcmp(img.ExtensionBlocks[e].Bytes, "NETSCAPE2.0", 11))
                d.loops = true;
        const GifImageDesc &desc = img.ImageDesc;
        if (desc.Left < 0 || desc.Top < 0 || desc.Left + desc.Width > d.width || desc.Top + desc.Height > d.height)
            return {};
        const ColorMapObject *map = desc.ColorMap ? desc.ColorMap : gif->SColorMap;
        for (int y = 0; y < desc.Height; ++y)
            for (int x = 0; x < desc.Width; ++x) {
                const GifColorType c = map->Colors[img.RasterBits[y * desc.Width + x]];
                canvas.setPixel(desc.Left + x, desc.Top + y, qRgb(c.Red, c.Green, c.Blue));
            }
        d.composed.push_back(canvas);
    }
    DGifCloseFile(gif, &err);
    return d;
}

// Mean absolute difference per channel (0…255) between two images of one size.
double meanDifference(const QImage &a, const QImage &b)
{
    const QImage x = a.convertToFormat(QImage::Format_RGB32), y = b.convertToFormat(QImage::Format_RGB32);
    double sum = 0;
    for (int r = 0; r < x.height(); ++r)
        for (int c = 0; c < x.width(); ++c) {
            const QRgb p = x.pixel(c, r), q = y.pixel(c, r);
            sum += std::abs(qRed(p) - qRed(q)) + std::abs(qGreen(p) - qGreen(q)) + std::abs(qBlue(p) - qBlue(q));
        }
    return sum / (3.0 * x.width() * x.height());
}

} // namespace

class TstStepExport : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void gifDecodesBack();
    void pngAndSvgOfOneStep();
    void contactSheet();
    void transposedScatter();
    void parseSize_data();
    void parseSize();
    void failedExportKeepsTheOldFile_data();
    void failedExportKeepsTheOldFile();

private:
    QTemporaryDir m_dir;
};

void TstStepExport::gifDecodesBack()
{
    auto tracer = autoencoderTracer("conv2d_2"); // 7×7×8 → 7×7×8, 'same': 49 steps
    QVERIFY(tracer);
    StepExporter e(std::move(*tracer), ExportOptions{QSize(1280, 720), 4});
    QCOMPARE(e.stepCount(), 49);
    const QString path = m_dir.filePath(QStringLiteral("conv.gif"));
    QString error;
    QVERIFY2(e.writeGif(path, &error), qPrintable(error));
    const DecodedGif d = decode(path);
    QCOMPARE(d.frames, 49);
    QCOMPARE(d.width, 1280);
    QCOMPARE(d.height, 720);
    QVERIFY(d.loops);
    QCOMPARE(int(d.delays.size()), 49);
    for (int delay : d.delays)
        QCOMPARE(delay, 25); // 4 fps
    // Composed frames are the painted frames, up to the 256-colour palette.
    for (int i : {0, 1, 24, 48}) {
        const double diff = meanDifference(d.composed[size_t(i)], e.frame(i));
        QVERIFY2(diff < 3.0, qPrintable(QStringLiteral("frame %1 differs by %2").arg(i).arg(diff)));
    }
    // Consecutive frames differ (the window moves) and the last one differs from the first.
    QVERIFY(meanDifference(d.composed[0], d.composed[48]) > 0.5);
}

void TstStepExport::pngAndSvgOfOneStep()
{
    auto tracer = autoencoderTracer("max_pooling2d_2"); // 7×7 → 4×4, the extra pad bottom/right
    QVERIFY(tracer);
    StepExporter e(std::move(*tracer)); // a 1920×1080 slide by default
    QCOMPARE(e.stepCount(), 16);
    const QString png = m_dir.filePath(QStringLiteral("step.png")), svg = m_dir.filePath(QStringLiteral("step.svg"));
    QString error;
    QVERIFY2(e.writePng(png, 13, &error), qPrintable(error));
    const QImage read(png);
    QCOMPARE(read.size(), QSize(1920, 1080));
    QCOMPARE(read.convertToFormat(QImage::Format_RGB32), e.frame(13));

    QVERIFY2(e.writeSvg(svg, 13, &error), qPrintable(error));
    QSvgRenderer r(svg);
    QVERIFY(r.isValid());
    QCOMPARE(r.viewBoxF(), QRectF(0, 0, 1920, 1080));
    QImage drawn(1920, 1080, QImage::Format_RGB32);
    drawn.fill(Qt::white);
    QPainter p(&drawn);
    r.render(&p, QRectF(0, 0, 1920, 1080)); // (Qt's SVG Tiny renderer skips the pad cells' hatching; browsers draw it)
    p.end();
    // The same drawing as the PNG, with vector cells instead of scaled images (text rasterises slightly apart).
    QVERIFY2(meanDifference(drawn, read) < 4.0, qPrintable(QString::number(meanDifference(drawn, read))));
    QFile f(svg);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY(!f.readAll().contains("<image")); // no embedded bitmaps
    // A failed write leaves nothing behind.
    QVERIFY(!e.writePng(m_dir.filePath(QStringLiteral("missing/dir/x.png")), 0, &error));
    QVERIFY(!error.isEmpty());
}

void TstStepExport::contactSheet()
{
    auto tracer = autoencoderTracer("conv2d_2");
    QVERIFY(tracer);
    StepExporter e(std::move(*tracer));
    const QString path = m_dir.filePath(QStringLiteral("sheet.png"));
    QString error;
    QVERIFY2(e.writeContactSheet(path, &error), qPrintable(error));
    const QImage sheet(path);
    // 49 steps: 7 columns of 914-pixel thumbnails with 12-pixel gaps, 7 rows under the heading.
    QCOMPARE(sheet.width(), 7 * 914 + 8 * 12);
    QVERIFY(sheet.height() > 7 * (914 * 9 / 16));

    auto big = autoencoderTracer("conv2d"); // 28×28: 784 steps
    QVERIFY(big);
    StepExporter tooMany(std::move(*big));
    QVERIFY(!tooMany.writeContactSheet(m_dir.filePath(QStringLiteral("big.png")), &error));
    QVERIFY(error.contains(QStringLiteral("784 steps")));
    QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("big.png"))));
}

void TstStepExport::transposedScatter()
{
    const char *code = "import keras\n"
                       "from keras import layers\n"
                       "inp = keras.Input(shape=(4, 4, 2))\n"
                       "out = layers.Conv2DTranspose(1, 3, strides=2, padding='same')(inp)\n"
                       "model = keras.Model(inp, out)\n";
    LoadResult m = importPythonCode(code, "<test>");
    QVERIFY(m.ok());
    const ShapeReport report = infer(*m.graph);
    QVERIFY(report.ok);
    Runner runner(1);
    runner.setReport(report);
    Tensor in = Tensor::zeros(Framework::Keras, {4, 4, 2});
    for (size_t i = 0; i < in.data.size(); ++i)
        in.data[i] = float(i % 7) / 7.0f;
    runner.setInput(report.layers.front().name, std::move(in));
    QVERIFY(runner.run().ok);
    const LayerReport &l = report.layers.back();
    std::string err;
    auto tracer = LayerTracer::create(l, *runner.activation(0), runner.layerWeights(l.name), 0, {}, &err);
    QVERIFY2(tracer, err.c_str());
    StepExporter e(std::move(*tracer), ExportOptions{QSize(640, 360), 10});
    QCOMPARE(e.stepCount(), 16); // one stamp per input cell
    const QString path = m_dir.filePath(QStringLiteral("scatter.gif"));
    QString error;
    QVERIFY2(e.writeGif(path, &error), qPrintable(error));
    const DecodedGif d = decode(path);
    QCOMPARE(d.frames, 16);
    QCOMPARE(d.delays.front(), 10);
    QVERIFY(meanDifference(d.composed.back(), e.frame(15)) < 3.0);
}

void TstStepExport::parseSize_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QSize>("size");
    QTest::addRow("x") << QStringLiteral("1280x720") << QSize(1280, 720);
    QTest::addRow("×") << QStringLiteral("1920×1080") << QSize(1920, 1080);
    QTest::addRow("spaces") << QStringLiteral(" 800 x 600 ") << QSize(800, 600);
    QTest::addRow("too small") << QStringLiteral("32x32") << QSize();
    QTest::addRow("too large") << QStringLiteral("10000x720") << QSize();
    QTest::addRow("one number") << QStringLiteral("1280") << QSize();
    QTest::addRow("negative") << QStringLiteral("-1280x720") << QSize();
}

void TstStepExport::parseSize()
{
    QFETCH(QString, text);
    QFETCH(QSize, size);
    QCOMPARE(StepExporter::parseSize(text), size);
}

void TstStepExport::failedExportKeepsTheOldFile_data()
{
    QTest::addColumn<QString>("kind");
    for (const char *kind : {"png", "svg", "gif", "sheet"})
        QTest::addRow("%s", kind) << QString::fromLatin1(kind);
}

// Issue 13: every export keeps the old file when the new one cannot be written whole. A file size limit makes the
// write fail half-way, as a full disk does (a read-only folder would not stop root); Qt can report such a short write
// as success, so the old file must survive it too.
void TstStepExport::failedExportKeepsTheOldFile()
{
    QFETCH(QString, kind);
    auto tracer = autoencoderTracer("max_pooling2d_2"); // 16 steps
    QVERIFY(tracer);
    StepExporter e(std::move(*tracer), ExportOptions{QSize(640, 360), 4});
    QTemporaryDir dir;
    const QString path = dir.filePath(u"out."_s + (kind == u"svg"_s ? u"svg"_s : kind == u"gif"_s ? u"gif"_s : u"png"_s));
    const auto write = [&](std::int64_t step, QString *error) {
        return kind == u"png"_s ? e.writePng(path, step, error)
               : kind == u"svg"_s ? e.writeSvg(path, step, error)
               : kind == u"gif"_s ? e.writeGif(path, error)
                                  : e.writeContactSheet(path, error);
    };
    QString error;
    QVERIFY2(write(0, &error), qPrintable(error));
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray before = f.readAll();
    f.close();
    QVERIFY(before.size() > 1000);

    bool ok = false;
    {
        const test::FileSizeLimit limit(rlim_t(before.size() / 2));
        QVERIFY(limit.active());
        ok = write(5, &error);
    }
    QVERIFY(!ok);
    QVERIFY2(error.startsWith(path + u": "_s), qPrintable(error));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), before); // the old file, whole
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{QFileInfo(path).fileName()}); // no temporary left
}

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    TstStepExport t;
    return QTest::qExec(&t, argc, argv);
}

#include "tst_step_export.moc"
