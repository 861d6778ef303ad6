// image_input.cpp — QImageReader decoding (Qt6::Gui, linked privately by convlens_core) and .npy inputs.
#include "formats/image_input.h"

#include "formats/npy.h"
#include "model/text.h"

#include <QBuffer>
#include <QFileInfo>
#include <QImage>
#include <QImageReader>

#include <cmath>
#include <cstring>

namespace convlens {

namespace {

struct ModelInput {
    std::int64_t h = 0, w = 0, c = 0;
};

std::optional<ModelInput> modelInput(Framework f, const Shape &s, std::string *why)
{
    if (s.size() != 3) {
        *why = tx(QT_TRANSLATE_NOOP("convlens::core",
                                    "the model input has shape %1; an image needs a rank-3 (H, W, C) input"),
                  {shapeTuple(s)});
        return std::nullopt;
    }
    return f == Framework::Keras ? ModelInput{s[0], s[1], s[2]} : ModelInput{s[1], s[2], s[0]};
}

std::string px(std::int64_t w, std::int64_t h)
{
    return std::to_string(w) + "×" + std::to_string(h);
}

InputResult fromImage(QImage img, const std::string &name, Framework f, const Shape &shape)
{
    InputResult r;
    std::string why;
    const auto mi = modelInput(f, shape, &why);
    if (!mi) {
        r.error = name + ": " + why;
        return r;
    }
    if (mi->c != 1 && mi->c != 3) {
        r.error = tx(QT_TRANSLATE_NOOP(
                         "convlens::core",
                         "%1: the model input has %2 channels; an image gives 1 (gray) or 3 (RGB) — use a .npy array"),
                     {name, std::to_string(mi->c)});
        return r;
    }
    const bool gray = img.isGrayscale();
    if (img.width() != mi->w || img.height() != mi->h) {
        r.notes.push_back(tx(QT_TRANSLATE_NOOP("convlens::core", "resized %1 from %2 to %3 (aspect ratio not kept)"),
                             {name, px(img.width(), img.height()), px(mi->w, mi->h)}));
        img = img.convertToFormat(QImage::Format_RGB888)
                  .scaled(int(mi->w), int(mi->h), Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    }
    img = img.convertToFormat(QImage::Format_RGB888);
    if (img.isNull()) {
        r.error = tx(QT_TRANSLATE_NOOP("convlens::core", "%1: could not convert the image"), {name});
        return r;
    }
    if (mi->c == 1 && !gray)
        r.notes.push_back(
            tx(QT_TRANSLATE_NOOP("convlens::core", "converted %1 from colour to gray (0.299 R + 0.587 G + 0.114 B)"),
               {name}));
    const std::int64_t H = mi->h, W = mi->w, C = mi->c;
    std::vector<float> hwc(size_t(H * W * C)); // Keras order; relaid for torch below
    for (std::int64_t y = 0; y < H; ++y) {
        const uchar *row = img.constScanLine(int(y));
        for (std::int64_t x = 0; x < W; ++x) {
            const int R = row[3 * x], G = row[3 * x + 1], B = row[3 * x + 2];
            if (C == 1) {
                // PIL's integer luma: (R·299 + G·587 + B·114) / 1000, rounded.
                const int L = (R * 299 + G * 587 + B * 114 + 500) / 1000;
                hwc[size_t(y * W + x)] = float(L) / 255.0f;
            } else {
                hwc[size_t((y * W + x) * 3 + 0)] = float(R) / 255.0f;
                hwc[size_t((y * W + x) * 3 + 1)] = float(G) / 255.0f;
                hwc[size_t((y * W + x) * 3 + 2)] = float(B) / 255.0f;
            }
        }
    }
    if (f == Framework::Keras) {
        r.tensor = Tensor::fromFrameworkOrder(f, shape, hwc);
    } else {
        std::vector<float> chw(hwc.size());
        for (std::int64_t c = 0; c < C; ++c)
            for (std::int64_t p = 0; p < H * W; ++p)
                chw[size_t(c * H * W + p)] = hwc[size_t(p * C + c)];
        r.tensor = Tensor::fromFrameworkOrder(f, shape, chw);
    }
    return r;
}

// Qt's BMP reader gives no size before decoding (and then fails as if the file were corrupt): read it from the
// header. BITMAPCOREHEADER (12 bytes) has 16-bit sizes at 18 and 20; the later headers 32-bit ones at 18 and 22,
// the height negative for top-down rows. Invalid when the device does not hold a BMP.
QSize bmpHeaderSize(QIODevice *dev, std::int64_t *pixels)
{
    if (!dev)
        return {};
    const QByteArray h = dev->peek(26);
    if (h.size() < 26 || !h.startsWith("BM"))
        return {};
    const auto le = [&](int at, int bytes) {
        std::uint32_t v = 0;
        for (int i = bytes - 1; i >= 0; --i)
            v = (v << 8) | std::uint8_t(h[at + i]);
        return v;
    };
    std::int64_t w = 0, hh = 0;
    if (le(14, 4) == 12) {
        w = le(18, 2);
        hh = le(20, 2);
    } else {
        w = std::int32_t(le(18, 4));
        hh = std::int32_t(le(22, 4));
    }
    hh = hh < 0 ? -hh : hh;
    if (w <= 0 || hh <= 0)
        return {};
    *pixels = w * hh;
    return QSize(int(w), int(hh));
}

InputResult readImage(QImageReader &reader, const std::string &name, Framework f, const Shape &shape)
{
    InputResult r;
    if (!reader.canRead()) {
        r.error = tx(QT_TRANSLATE_NOOP("convlens::core",
                                       "%1: not a readable image (%2); expected PNG, JPEG, BMP or a .npy array"),
                     {name, reader.errorString().toStdString()});
        return r;
    }
    std::int64_t bmpPixels = 0;
    const QSize bmpSize = bmpHeaderSize(reader.device(), &bmpPixels);
    const QSize size = bmpSize.isValid() ? bmpSize : reader.size(); // from the header, before any pixel is decoded
    if (size.isValid()) {
        const std::int64_t pixels = std::int64_t(size.width()) * size.height();
        if (size.width() <= 0 || size.height() <= 0) {
            r.error = tx(QT_TRANSLATE_NOOP("convlens::core", "%1: the image header gives an empty size %2"),
                         {name, px(size.width(), size.height())});
            return r;
        }
        if (pixels > kMaxImagePixels) {
            r.error = tx(
                QT_TRANSLATE_NOOP("convlens::core", "%1: the image is %2 = %3 megapixels; the limit is %4 megapixels"),
                {name, px(size.width(), size.height()), std::to_string(pixels / 1000000),
                 std::to_string(kMaxImagePixels / 1000000)});
            return r;
        }
    }
    QImageReader::setAllocationLimit(int(kMaxImagePixels * 8 / (1 << 20))); // MiB; a second guard while decoding
    QImage img = reader.read();
    if (img.isNull()) {
        r.error = tx(QT_TRANSLATE_NOOP("convlens::core",
                                       "%1: cannot decode the image (%2); the file may be truncated or corrupt"),
                     {name, reader.errorString().toStdString()});
        return r;
    }
    return fromImage(std::move(img), name, f, shape);
}

} // namespace

InputResult loadImageInput(const std::string &path, Framework f, const Shape &shape)
{
    if (!QFileInfo::exists(QString::fromStdString(path))) {
        InputResult r;
        r.error = tx(QT_TRANSLATE_NOOP("convlens::core", "%1: no such file"), {path});
        return r;
    }
    QImageReader reader(QString::fromStdString(path));
    reader.setAutoTransform(true);
    return readImage(reader, path, f, shape);
}

InputResult imageBytesToInput(std::span<const char> encoded, const std::string &name, Framework f, const Shape &shape)
{
    QByteArray bytes(encoded.data(), qsizetype(encoded.size()));
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    return readImage(reader, name, f, shape);
}

InputResult pixelsToInput(std::span<const std::uint8_t> pixels, int width, int height, int channels, Framework f,
                          const Shape &shape, const std::string &name)
{
    InputResult r;
    if ((channels != 1 && channels != 3) || width <= 0 || height <= 0 ||
        pixels.size() != size_t(width) * size_t(height) * size_t(channels)) {
        r.error = tx(QT_TRANSLATE_NOOP("convlens::core", "%1: expected %2 pixels of 1 or 3 channels"),
                     {name, px(width, height)});
        return r;
    }
    QImage img(width, height, channels == 1 ? QImage::Format_Grayscale8 : QImage::Format_RGB888);
    for (int y = 0; y < height; ++y)
        std::memcpy(img.scanLine(y), pixels.data() + size_t(y) * size_t(width) * size_t(channels),
                    size_t(width) * size_t(channels));
    return fromImage(std::move(img), name, f, shape);
}

InputResult loadNpyInput(const std::string &path, Framework f, const Shape &shape)
{
    InputResult r;
    std::string err;
    auto arr = readNpy(path, &err);
    if (!arr) {
        r.error = err;
        return r;
    }
    Shape s = arr->header.shape;
    if (s.size() == shape.size() + 1 && s.front() == 1)
        s.erase(s.begin());
    const bool singleChannel = shape.size() == 3 && (f == Framework::Keras ? shape[2] == 1 : shape[0] == 1);
    if (s.size() == 2 && singleChannel &&
        (f == Framework::Keras ? (s[0] == shape[0] && s[1] == shape[1]) : (s[0] == shape[1] && s[1] == shape[2])))
        s = shape;
    if (s != shape) {
        r.error = tx(QT_TRANSLATE_NOOP("convlens::core", "%1: the array has shape %2; the model input is %3 %4, "
                                                         "optionally with a batch dimension of 1 in front"),
                     {path, shapeTuple(arr->header.shape), shapeTuple(shape),
                      f == Framework::Keras ? "(H, W, C)" : "(C, H, W)"});
        return r;
    }
    if (arr->header.kind == 'u' && arr->header.itemSize == 1) {
        for (auto &v : arr->values)
            v /= 255.0f;
        r.notes.push_back(tx(QT_TRANSLATE_NOOP("convlens::core", "%1: uint8 values divided by 255"), {path}));
    }
    std::int64_t nonFinite = 0;
    for (float v : arr->values)
        nonFinite += !std::isfinite(v);
    if (nonFinite)
        r.notes.push_back(tx(QT_TRANSLATE_NOOP("convlens::core", "%1: %2 NaN/Inf values (they propagate)"),
                             {path, std::to_string(nonFinite)}));
    r.tensor = Tensor::fromFrameworkOrder(f, shape, arr->values);
    return r;
}

InputResult loadInputFile(const std::string &path, Framework f, const Shape &shape)
{
    if (QFileInfo(QString::fromStdString(path)).suffix().toLower() == QStringLiteral("npy"))
        return loadNpyInput(path, f, shape);
    return loadImageInput(path, f, shape);
}

} // namespace convlens
