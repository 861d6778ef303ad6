// step_painter.h — the step player's drawing, without a widget: the padded input with its pad cells labelled by
// their meaning, the window with its dilation holes and weights, the output filling in (or a transposed convolution's
// scatter), the grid titles and the legend, painted from a PlayerLayout (geometry) and a PlayerState (which step) with
// any QPainter — the player's canvas, a QImage of any size, a QSvgGenerator. The step's caption (the layer's formula,
// the step and its arithmetic) is here too, as plain text the player sets in rich text and exports paint.
// Part of convlens_render (Qt Gui only), shared by the app and convlens-cli.
#pragma once

#include "canvas_ink.h"
#include "colormap.h"
#include "player_layout.h"
#include "player_state.h"

#include <QCoreApplication>
#include <QFont>
#include <QImage>
#include <QString>

class QFontMetricsF;
class QPainter;

namespace convlens {

// The precomputed planes of one trace: the input and output channel as images (one pixel per cell) with their colour
// scales, and for a transposed convolution the running sums as shown (transparent where no stamp landed yet).
struct StepImages {
    QImage in, out, partial;
    ColorScale inScale, outScale;

    static StepImages forState(const PlayerState &state);
    // Recolours the scatter's cells whose shown value changed with the last step (all of them after a rebuild).
    void updatePartial(const PlayerState &state);
};

// What the text under (or, in exports, around) the grids says about the current step. Plain text.
struct StepCaption {
    QString layer;      // "max_pooling2d_2 (MaxPooling2D)"
    QString formula;    // the shape formula with the layer's numbers
    QString note;       // the trace's note when it adds to the formula, else empty
    QString step;       // "Step 14 of 16 — output (3, 1) from the window at padded (6, 2):"
    QString arithmetic; // what the step computes, short: "max(0.12, 0.80, −∞ ignored) = 0.80", or a convolution's sums
    QString fullArithmetic; // every product of the step (the player's tooltip)
};

class StepPainter {
    Q_DECLARE_TR_FUNCTIONS(StepPainter)
public:
    StepPainter(const PlayerLayout &layout, const PlayerState &state, const StepImages &images, const CanvasInk &ink)
        : m_layout(layout), m_state(state), m_images(images), m_ink(ink)
    {
    }

    // Fills `viewport` with the canvas colour and draws the current step, the titles and the legend in it (the legend
    // at its bottom left). Text takes the painter's font as its base.
    void paint(QPainter &p, const QRectF &viewport) const;
    // Every cell as its own rectangle instead of a scaled image (for SVG).
    void setVectorCells(bool on) { m_vectorCells = on; }
    // Without the legend (contact-sheet thumbnails: the sheet has room for the grids only).
    void setLegend(bool on) { m_legend = on; }

    // The height the legend takes at the bottom of `viewport` (fit the grids above it) and the space the grid titles
    // need above the grids, for the painter's font.
    static double legendHeight(const WindowTrace &h, const QFontMetricsF &fm, const QRectF &viewport);
    static double titleSpace(const QFontMetricsF &fm);
    // The pixel size `value` is drawn at in `cell` (view pixels) with the painter's font `base`: the layout's value
    // size, smaller when the number would overflow the cell. What presentation mode's readability is measured by.
    static int valueTextPx(const PlayerLayout &layout, const QFont &base, const QRectF &cell, double value);

    static StepCaption caption(const PlayerState &state);

private:
    void paintWindowLayer(QPainter &p, const QRectF &vp, const CanvasInk &ink) const;
    void paintTransposed(QPainter &p, const QRectF &vp, const CanvasInk &ink) const;
    void paintLegend(QPainter &p, const QRectF &vp, const CanvasInk &ink) const;

    const PlayerLayout &m_layout;
    const PlayerState &m_state;
    const StepImages &m_images;
    const CanvasInk &m_ink;
    bool m_vectorCells = false, m_legend = true;
};

} // namespace convlens
