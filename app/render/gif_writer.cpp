// gif_writer.cpp — palette, pixel mapping and giflib encoding of gif_writer.h.
#include "gif_writer.h"

#include "atomic_file.h"

#include <QIODevice>

#include <gif_lib.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace convlens {

namespace {

constexpr int kBins = 32 * 32 * 32; // 5 bits per channel

int binOf(QRgb c)
{
    return (qRed(c) >> 3) << 10 | (qGreen(c) >> 3) << 5 | (qBlue(c) >> 3);
}

// A box of occupied histogram bins (median cut).
struct Box {
    std::vector<int> bins;
    std::int64_t weight = 0;
    int longest = 0; // channel with the widest range (0 r, 1 g, 2 b)
    int range = 0;
};

int channelOf(int bin, int ch)
{
    return (bin >> (10 - 5 * ch)) & 31;
}

Box makeBox(std::vector<int> bins, const std::vector<std::int64_t> &hist)
{
    Box b;
    b.bins = std::move(bins);
    int lo[3] = {31, 31, 31}, hi[3] = {0, 0, 0};
    for (int bin : b.bins) {
        b.weight += hist[size_t(bin)];
        for (int ch = 0; ch < 3; ++ch) {
            lo[ch] = std::min(lo[ch], channelOf(bin, ch));
            hi[ch] = std::max(hi[ch], channelOf(bin, ch));
        }
    }
    for (int ch = 0; ch < 3; ++ch)
        if (hi[ch] - lo[ch] > b.range) {
            b.range = hi[ch] - lo[ch];
            b.longest = ch;
        }
    return b;
}

// Median cut over the 15-bit histogram of the sample frames: at most 256 colours, each the weighted mean of its box
// (the table is padded to 256 entries when written).
std::vector<GifColorType> buildPalette(const std::vector<QImage> &samples)
{
    std::vector<std::int64_t> hist(kBins, 0);
    for (const QImage &img : samples) {
        const QImage rgb = img.convertToFormat(QImage::Format_RGB32);
        for (int y = 0; y < rgb.height(); ++y) {
            const QRgb *line = reinterpret_cast<const QRgb *>(rgb.constScanLine(y));
            for (int x = 0; x < rgb.width(); ++x)
                ++hist[size_t(binOf(line[x]))];
        }
    }
    std::vector<int> used;
    for (int i = 0; i < kBins; ++i)
        if (hist[size_t(i)] > 0)
            used.push_back(i);
    std::vector<Box> boxes;
    if (!used.empty())
        boxes.push_back(makeBox(std::move(used), hist));
    while (boxes.size() < 256) {
        // Split the box with the most pixels that can still be split, at the weighted median of its widest channel.
        auto it = std::max_element(boxes.begin(), boxes.end(), [](const Box &a, const Box &b) {
            return (a.range > 0 ? a.weight : -1) < (b.range > 0 ? b.weight : -1);
        });
        if (it == boxes.end() || it->range == 0)
            break;
        Box box = std::move(*it);
        boxes.erase(it);
        const int ch = box.longest;
        std::sort(box.bins.begin(), box.bins.end(), [ch](int a, int b) { return channelOf(a, ch) < channelOf(b, ch); });
        std::int64_t acc = 0;
        size_t cut = 1;
        for (size_t i = 0; i + 1 < box.bins.size(); ++i) {
            acc += hist[size_t(box.bins[i])];
            cut = i + 1;
            if (2 * acc >= box.weight)
                break;
        }
        boxes.push_back(makeBox(std::vector<int>(box.bins.begin(), box.bins.begin() + std::ptrdiff_t(cut)), hist));
        boxes.push_back(makeBox(std::vector<int>(box.bins.begin() + std::ptrdiff_t(cut), box.bins.end()), hist));
    }
    std::vector<GifColorType> palette;
    for (const Box &b : boxes) {
        double sum[3] = {0, 0, 0};
        for (int bin : b.bins)
            for (int ch = 0; ch < 3; ++ch)
                sum[ch] += double(hist[size_t(bin)]) * (channelOf(bin, ch) * 8 + 4);
        const double w = double(std::max<std::int64_t>(b.weight, 1));
        palette.push_back({GifByteType(std::lround(sum[0] / w)), GifByteType(std::lround(sum[1] / w)),
                           GifByteType(std::lround(sum[2] / w))});
    }
    // Exact black and white, whatever the samples held: text and frames use them.
    for (const GifColorType c : {GifColorType{0, 0, 0}, GifColorType{255, 255, 255}})
        if (palette.size() < 256 && std::none_of(palette.begin(), palette.end(), [&](const GifColorType &p) {
                return p.Red == c.Red && p.Green == c.Green && p.Blue == c.Blue;
            }))
            palette.push_back(c);
    return palette;
}

// The nearest palette entry of every 15-bit colour.
std::vector<std::uint8_t> lookupTable(const std::vector<GifColorType> &palette, size_t used)
{
    std::vector<std::uint8_t> lut(kBins);
    for (int bin = 0; bin < kBins; ++bin) {
        const int r = channelOf(bin, 0) * 8 + 4, g = channelOf(bin, 1) * 8 + 4, b = channelOf(bin, 2) * 8 + 4;
        int best = 0, bestD = 1 << 30;
        for (size_t i = 0; i < used; ++i) {
            const int dr = r - palette[i].Red, dg = g - palette[i].Green, db = b - palette[i].Blue;
            const int d = 2 * dr * dr + 4 * dg * dg + 3 * db * db; // roughly perceptual weights
            if (d < bestD) {
                bestD = d;
                best = int(i);
            }
        }
        lut[size_t(bin)] = std::uint8_t(best);
    }
    return lut;
}

int writeToDevice(GifFileType *gif, const GifByteType *data, int length)
{
    auto *device = static_cast<QIODevice *>(gif->UserData);
    return int(device->write(reinterpret_cast<const char *>(data), length));
}

QString gifError(int code)
{
    const char *text = GifErrorString(code);
    return QString::fromLatin1(text ? text : "unknown giflib error");
}

// The whole animation into `device`; false with *why on failure.
bool encodeGif(QIODevice &device, int count, const std::function<QImage(int)> &frame, const GifOptions &options,
               QString *why)
{
    const auto fail = [why](const QString &reason) {
        *why = reason;
        return false;
    };
    std::vector<QImage> samples = options.palette;
    QImage first = frame(0).convertToFormat(QImage::Format_RGB32);
    if (first.isNull())
        return fail(QStringLiteral("the first frame is empty"));
    samples.push_back(first);
    std::vector<GifColorType> palette = buildPalette(samples);
    const std::vector<std::uint8_t> lut = lookupTable(palette, palette.size());
    palette.resize(256, GifColorType{0, 0, 0}); // GIF colour tables hold a power of two entries

    int code = 0;
    GifFileType *gif = EGifOpen(&device, writeToDevice, &code);
    if (!gif)
        return fail(gifError(code));
    // giflib owns nothing of ours; every exit below closes it.
    const auto closeWith = [&](const QString &reason) {
        int closeCode = 0;
        EGifCloseFile(gif, &closeCode);
        return fail(reason);
    };
    const int W = first.width(), H = first.height();
    ColorMapObject *map = GifMakeMapObject(256, palette.data());
    EGifSetGifVersion(gif, true);
    const bool screenOk = EGifPutScreenDesc(gif, W, H, 8, 0, map) == GIF_OK;
    GifFreeMapObject(map);
    if (!screenOk)
        return closeWith(gifError(gif->Error));
    // Loop forever (the NETSCAPE2.0 application extension).
    const GifByteType loop[3] = {1, 0, 0};
    if (EGifPutExtensionLeader(gif, APPLICATION_EXT_FUNC_CODE) != GIF_OK ||
        EGifPutExtensionBlock(gif, 11, "NETSCAPE2.0") != GIF_OK || EGifPutExtensionBlock(gif, 3, loop) != GIF_OK ||
        EGifPutExtensionTrailer(gif) != GIF_OK)
        return closeWith(gifError(gif->Error));

    GraphicsControlBlock gcb{};
    gcb.DisposalMode = DISPOSE_DO_NOT;
    gcb.DelayTime = std::max(2, int(std::lround(100.0 / std::max(0.01, options.fps))));
    gcb.TransparentColor = NO_TRANSPARENT_COLOR;
    GifByteType gcbBytes[4];
    EGifGCBToExtension(&gcb, gcbBytes);

    std::vector<std::uint8_t> prev(size_t(W) * size_t(H)), cur(prev.size());
    for (int i = 0; i < count; ++i) {
        QImage img = i == 0 ? first : frame(i).convertToFormat(QImage::Format_RGB32);
        if (img.size() != first.size())
            return closeWith(
                QStringLiteral("frame %1 is %2×%3, not %4×%5").arg(i).arg(img.width()).arg(img.height()).arg(W).arg(H));
        for (int y = 0; y < H; ++y) {
            const QRgb *line = reinterpret_cast<const QRgb *>(img.constScanLine(y));
            std::uint8_t *out = cur.data() + size_t(y) * size_t(W);
            for (int x = 0; x < W; ++x)
                out[x] = lut[size_t(binOf(line[x]))];
        }
        // The rectangle that changed since the previous frame (the whole first frame; one pixel when none did, to
        // carry the delay).
        int x0 = 0, y0 = 0, x1 = W - 1, y1 = H - 1;
        if (i > 0) {
            x0 = W;
            y0 = H;
            x1 = y1 = -1;
            for (int y = 0; y < H; ++y) {
                const std::uint8_t *a = prev.data() + size_t(y) * size_t(W), *b = cur.data() + size_t(y) * size_t(W);
                if (std::memcmp(a, b, size_t(W)) == 0)
                    continue;
                y0 = std::min(y0, y);
                y1 = y;
                int l = 0, r = W - 1;
                while (a[l] == b[l])
                    ++l;
                while (a[r] == b[r])
                    --r;
                x0 = std::min(x0, l);
                x1 = std::max(x1, r);
            }
            if (y1 < 0)
                x0 = y0 = x1 = y1 = 0;
        }
        if (EGifPutExtension(gif, GRAPHICS_EXT_FUNC_CODE, 4, gcbBytes) != GIF_OK ||
            EGifPutImageDesc(gif, x0, y0, x1 - x0 + 1, y1 - y0 + 1, false, nullptr) != GIF_OK)
            return closeWith(gifError(gif->Error));
        for (int y = y0; y <= y1; ++y)
            if (EGifPutLine(gif, cur.data() + size_t(y) * size_t(W) + size_t(x0), x1 - x0 + 1) != GIF_OK)
                return closeWith(gifError(gif->Error));
        std::swap(prev, cur);
    }
    if (EGifCloseFile(gif, &code) != GIF_OK)
        return fail(gifError(code));
    return true;
}

} // namespace

bool writeGif(const QString &path, int count, const std::function<QImage(int)> &frame, const GifOptions &options,
              QString *error)
{
    if (count < 1) {
        if (error)
            *error = QStringLiteral("%1: no frames to write").arg(path);
        return false;
    }
    return writeFileAtomically(
        path, [&](QIODevice &device, QString *why) { return encodeGif(device, count, frame, options, why); }, error);
}

} // namespace convlens
