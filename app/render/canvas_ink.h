// canvas_ink.h — the colours of everything ConvLens paints itself (diagram, feature maps, step player, overview),
// taken from the widget's palette so a dark system theme gets dark canvases with light text and a light one the
// reverse. Fills that carry meaning (the colormaps, the pad-cell colours, the diagram's layer families) stay as they
// are: they are light or saturated enough to read on either, and text drawn on them picks its own contrast.
#pragma once

#include <QColor>
#include <QPalette>

namespace convlens {

struct CanvasInk {
    QColor base;    // the canvas background (the palette's Base, as an item view's)
    QColor panel;   // boxes on the canvas (legends, captions), slightly see-through
    QColor text;    // titles and labels
    QColor dimText; // secondary text (units, hints)
    QColor line;    // grid lines and frames
    QColor empty;   // a cell with nothing in it yet (an output the player has not reached)
    bool dark = false;

    static CanvasInk from(const QPalette &palette);
    // For exports (PNG, SVG): always the light look, whatever the screen's theme.
    static CanvasInk light();
};

// Text colours for warnings and errors that read on the palette's window colour (dark red on light, light red on dark;
// amber likewise), for labels and rich text outside the canvases.
QColor errorTextColor(const QPalette &palette);
QColor warningTextColor(const QPalette &palette);

// The Fusion palettes of --palette dark|light (and the dark-theme tests): what a dark or light system theme gives.
QPalette fusionPalette(bool dark);

// `a` moved toward `b` by t ∈ [0, 1].
QColor mixColors(const QColor &a, const QColor &b, double t);

} // namespace convlens
