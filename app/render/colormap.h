// colormap.h — how the feature-map views turn numbers into colours: a value range (ColorScale) chosen from the data —
// viridis for data of one sign, a symmetric blue–white–red diverging map when the data has both signs, so that 0 is
// always white and the sign reads at a glance — plane images precomputed once per map (the views only scale them),
// and the colour-bar legend.
#pragma once

#include <QColor>
#include <QImage>
#include <QString>
#include <cstdint>
#include <span>

class QPainter;
class QRectF;

namespace convlens {

struct ColorScale {
    double lo = 0, hi = 1;
    bool diverging = false; // lo = −hi, 0 maps to white

    // Smallest scale covering the finite values of `values` (an empty or constant range still gets a width).
    static ColorScale forValues(std::span<const float> values);
    static ColorScale forValues(std::span<const double> values);
    static ColorScale forRange(double minimum, double maximum);
    ColorScale merged(const ColorScale &other) const; // covering both (diverging if either is)

    double normalized(double v) const; // 0…1, clamped; NaN → 0
    QRgb color(double v) const;
    // Text colour that reads on top of color(v).
    QRgb textColor(double v) const;
    bool operator==(const ColorScale &) const = default;
};

// A width×height image of `values` (row-major), one pixel per cell, ARGB32. NaN cells are transparent.
QImage planeImage(std::span<const float> values, std::int64_t width, std::int64_t height, const ColorScale &scale);
QImage planeImage(std::span<const double> values, std::int64_t width, std::int64_t height, const ColorScale &scale);

// A horizontal colour bar in `rect` with the range's ends (and 0 for a diverging scale) written under it.
// `loText`/`hiText` replace the numbers when given (per-tile scales: "tile min", "tile max").
// `textColor`: the canvas's text colour (the bar reads on a dark canvas as on a light one).
void paintColorBar(QPainter &p, const QColor &textColor, const QRectF &rect, const ColorScale &scale,
                   const QString &loText = {}, const QString &hiText = {});

// The number as the views print it in a cell: 2 decimals in [0.01, 10⁴), else 3 significant digits (traceNumber).
QString cellNumber(double v);

} // namespace convlens
