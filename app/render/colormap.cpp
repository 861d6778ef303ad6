// colormap.cpp — lookup tables (viridis from its published polynomial fit, RdBu-like diverging from five anchors),
// plane images and the colour bar.
#include "colormap.h"

#include "trace/trace.h"

#include <QFontMetricsF>
#include <QLinearGradient>
#include <QPainter>
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace convlens {

namespace {

using Lut = std::array<QRgb, 256>;

const Lut &viridis()
{
    // Polynomial fit of matplotlib's viridis (degree 6, max error well below one 8-bit step).
    static const Lut lut = [] {
        static const double c[7][3] = {{0.2777273272234177, 0.005407344544966578, 0.3340998053353061},
                                       {0.1050930431085774, 1.404613529898575, 1.384590162594685},
                                       {-0.3308618287255563, 0.214847559468213, 0.09509516302823659},
                                       {-4.634230498983486, -5.799100973351585, -19.33244095627987},
                                       {6.228269936347081, 14.17993336680509, 56.69055260068105},
                                       {4.776384997670288, -13.74514537774601, -65.35303263337234},
                                       {-5.435455855934631, 4.645852612178535, 26.3124352495832}};
        Lut l{};
        for (int i = 0; i < 256; ++i) {
            const double t = i / 255.0;
            int rgb[3];
            for (int k = 0; k < 3; ++k) {
                double v = c[6][k];
                for (int j = 5; j >= 0; --j)
                    v = c[j][k] + t * v;
                rgb[k] = std::clamp(int(std::lround(v * 255.0)), 0, 255);
            }
            l[size_t(i)] = qRgb(rgb[0], rgb[1], rgb[2]);
        }
        return l;
    }();
    return lut;
}

const Lut &divergingLut()
{
    // ColorBrewer RdBu anchors, blue for negative, white at 0, red for positive.
    static const Lut lut = [] {
        static const int a[5][3] = {{5, 48, 97}, {67, 147, 195}, {247, 247, 247}, {214, 96, 77}, {103, 0, 31}};
        Lut l{};
        for (int i = 0; i < 256; ++i) {
            const double t = i / 255.0 * 4.0;
            const int k = std::min(3, int(t));
            const double f = t - k;
            int rgb[3];
            for (int j = 0; j < 3; ++j)
                rgb[j] = int(std::lround(a[k][j] + (a[k + 1][j] - a[k][j]) * f));
            l[size_t(i)] = qRgb(rgb[0], rgb[1], rgb[2]);
        }
        return l;
    }();
    return lut;
}

template <typename T> ColorScale scaleFor(std::span<const T> values)
{
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (T v : values)
        if (std::isfinite(double(v))) {
            lo = std::min(lo, double(v));
            hi = std::max(hi, double(v));
        }
    if (!std::isfinite(lo))
        return {};
    return ColorScale::forRange(lo, hi);
}

template <typename T> QImage makePlane(std::span<const T> values, std::int64_t w, std::int64_t h, const ColorScale &s)
{
    if (w <= 0 || h <= 0 || std::int64_t(values.size()) < w * h)
        return {};
    QImage img(int(w), int(h), QImage::Format_ARGB32);
    for (std::int64_t y = 0; y < h; ++y) {
        auto *line = reinterpret_cast<QRgb *>(img.scanLine(int(y)));
        const T *row = values.data() + y * w;
        for (std::int64_t x = 0; x < w; ++x)
            line[x] = std::isnan(double(row[x])) ? qRgba(0, 0, 0, 0) : s.color(double(row[x]));
    }
    return img;
}

} // namespace

ColorScale ColorScale::forValues(std::span<const float> values)
{
    return scaleFor(values);
}

ColorScale ColorScale::forValues(std::span<const double> values)
{
    return scaleFor(values);
}

ColorScale ColorScale::forRange(double lo, double hi)
{
    ColorScale s;
    if (lo < 0 && hi > 0) {
        const double a = std::max(-lo, hi);
        s.lo = -a;
        s.hi = a;
        s.diverging = true;
        return s;
    }
    s.lo = lo;
    s.hi = hi;
    if (!(s.hi > s.lo)) { // constant: centre the one value (0 stays at the dark end for all-zero maps)
        const double pad = std::max(1e-6, std::fabs(lo) * 0.5);
        if (lo == 0) {
            s.hi = 1;
        } else {
            s.lo = lo - pad;
            s.hi = hi + pad;
        }
    }
    return s;
}

ColorScale ColorScale::merged(const ColorScale &o) const
{
    return forRange(std::min(lo, o.lo), std::max(hi, o.hi));
}

double ColorScale::normalized(double v) const
{
    if (std::isnan(v) || !(hi > lo))
        return 0;
    return std::clamp((v - lo) / (hi - lo), 0.0, 1.0);
}

QRgb ColorScale::color(double v) const
{
    const int i = int(std::lround(normalized(v) * 255.0));
    return (diverging ? divergingLut() : viridis())[size_t(i)];
}

QRgb ColorScale::textColor(double v) const
{
    const QColor c = QColor::fromRgb(color(v));
    const double luma = 0.299 * c.redF() + 0.587 * c.greenF() + 0.114 * c.blueF();
    return luma > 0.55 ? qRgb(20, 20, 20) : qRgb(250, 250, 250);
}

QImage planeImage(std::span<const float> values, std::int64_t w, std::int64_t h, const ColorScale &s)
{
    return makePlane(values, w, h, s);
}

QImage planeImage(std::span<const double> values, std::int64_t w, std::int64_t h, const ColorScale &s)
{
    return makePlane(values, w, h, s);
}

void paintColorBar(QPainter &p, const QColor &textColor, const QRectF &rect, const ColorScale &s, const QString &loText,
                   const QString &hiText)
{
    p.save();
    const QFontMetricsF fm(p.font());
    const QRectF bar(rect.left(), rect.top(), rect.width(), std::max(6.0, rect.height() - fm.height() - 2));
    QLinearGradient g(bar.topLeft(), bar.topRight());
    for (int i = 0; i <= 16; ++i) {
        const double t = i / 16.0;
        g.setColorAt(t, QColor::fromRgb(s.color(s.lo + t * (s.hi - s.lo))));
    }
    p.fillRect(bar, g);
    p.setPen(QColor(128, 128, 128));
    p.drawRect(bar);
    p.setPen(textColor);
    const double ty = bar.bottom() + 2;
    const QString lo = loText.isEmpty() ? cellNumber(s.lo) : loText;
    const QString hi = hiText.isEmpty() ? cellNumber(s.hi) : hiText;
    p.drawText(QRectF(bar.left(), ty, bar.width() / 2, fm.height()), Qt::AlignLeft | Qt::AlignTop, lo);
    p.drawText(QRectF(bar.center().x(), ty, bar.width() / 2, fm.height()), Qt::AlignRight | Qt::AlignTop, hi);
    if (s.diverging && loText.isEmpty())
        p.drawText(QRectF(bar.center().x() - 20, ty, 40, fm.height()), Qt::AlignHCenter | Qt::AlignTop,
                   QStringLiteral("0"));
    p.restore();
}

QString cellNumber(double v)
{
    return QString::fromStdString(traceNumber(v));
}

} // namespace convlens
