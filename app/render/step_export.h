// step_export.h — the step player's drawing as files, painted at a chosen pixel size (not a screen grab): a frame is
// the layer and its shape formula on top, the grids with their titles and legend in the middle, the step and its
// arithmetic at the bottom, on the light canvas whatever the screen's theme. One step as PNG or SVG (cells as vector
// rectangles), every step as a PNG contact sheet for handouts, or the animation as a GIF (gif_writer.h). The app's
// Teach ▸ Export menu and `convlens-cli trace --gif/--png` both use this.
#pragma once

#include "player_state.h"
#include "step_painter.h"

#include <QCoreApplication>
#include <QSize>
#include <QString>

class QPainter;

namespace convlens {

struct ExportOptions {
    QSize size{1920, 1080}; // a slide
    double fps = 4;         // the GIF's steps per second
};

class StepExporter
{
    Q_DECLARE_TR_FUNCTIONS(StepExporter)
public:
    StepExporter(LayerTracer tracer, const ExportOptions &options = {});

    std::int64_t stepCount() const { return m_state.stepCount(); }
    const WindowTrace &header() const { return m_state.header(); }
    const ExportOptions &options() const { return m_options; }

    // One step painted into `rect` of `p` (`withHeader`: the layer and its formula on top and the legend; without,
    // a contact sheet's thumbnail: the grids and the step's arithmetic). `vectorCells` draws
    // every cell as a rectangle instead of scaling the planes' images (SVG: sharp in every viewer).
    void paintFrame(QPainter &p, const QRectF &rect, std::int64_t step, bool withHeader = true,
                    bool vectorCells = false);
    QImage frame(std::int64_t step); // options().size, RGB32

    // Each writes through QSaveFile (no partial file on failure); false with *error.
    bool writePng(const QString &path, std::int64_t step, QString *error);
    bool writeSvg(const QString &path, std::int64_t step, QString *error);
    bool writeGif(const QString &path, QString *error);
    // Every step as a thumbnail in a grid, the layer and its formula once on top.
    static constexpr std::int64_t kMaxSheetSteps = 100;
    bool writeContactSheet(const QString &path, QString *error);

    // "1280x720" (also "1280×720") → the size; invalid when malformed or outside 64…8192.
    static QSize parseSize(const QString &text);

private:
    PlayerState m_state;
    StepImages m_images;
    ExportOptions m_options;
};

} // namespace convlens
