// step_export.cpp — frames of a trace at export size, and the files made of them.
#include "step_export.h"

#include "atomic_file.h"
#include "gif_writer.h"

#include <QBuffer>
#include <QFontMetricsF>
#include <QPainter>
#include <QRegularExpression>
#include <QSvgGenerator>

#include <algorithm>
#include <cmath>
#include <limits>

namespace convlens {

namespace {

// Text wrapped into `width` at `y`; returns the height used.
double drawWrapped(QPainter &p, double x, double y, double width, const QString &text)
{
    if (text.isEmpty())
        return 0;
    const QRectF box = QFontMetricsF(p.font()).boundingRect(QRectF(x, y, width, 1e6), Qt::TextWordWrap, text);
    p.drawText(QRectF(x, y, width, box.height()), Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, text);
    return box.height();
}

double wrappedHeight(const QFont &font, double width, const QString &text)
{
    if (text.isEmpty())
        return 0;
    return QFontMetricsF(font).boundingRect(QRectF(0, 0, width, 1e6), Qt::TextWordWrap, text).height();
}

} // namespace

StepExporter::StepExporter(LayerTracer tracer, const ExportOptions &options) : m_options(options)
{
    m_state.setTracer(std::move(tracer), 0);
    m_images = StepImages::forState(m_state);
}

QSize StepExporter::parseSize(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("^(\\d{2,5})\\s*[x×X]\\s*(\\d{2,5})$"));
    const auto m = re.match(text.trimmed());
    if (!m.hasMatch())
        return {};
    const int w = m.captured(1).toInt(), h = m.captured(2).toInt();
    if (w < 64 || h < 64 || w > 8192 || h > 8192)
        return {};
    return {w, h};
}

void StepExporter::paintFrame(QPainter &p, const QRectF &rect, std::int64_t step, bool withHeader, bool vectorCells)
{
    if (m_state.setStep(step))
        m_images.updatePartial(m_state);
    const CanvasInk ink = CanvasInk::light();
    p.save();
    p.setClipRect(rect);
    p.fillRect(rect, ink.base);
    p.setRenderHint(QPainter::Antialiasing, false);
    p.setRenderHint(QPainter::TextAntialiasing, true);

    // Everything scales with the frame's height: 24 px text on a 1080-pixel slide.
    const double basePx = std::clamp(rect.height() / 45.0, 11.0, 48.0);
    QFont base(QStringLiteral("DejaVu Sans"));
    base.setPixelSize(int(std::lround(basePx)));
    QFont bold = base;
    bold.setBold(true);
    QFont mono(QStringLiteral("DejaVu Sans Mono"));
    mono.setStyleHint(QFont::Monospace);
    mono.setPixelSize(base.pixelSize());
    const double margin = std::round(basePx * 0.8), width = rect.width() - 2 * margin;

    const StepCaption c = StepPainter::caption(m_state);
    double top = rect.top() + margin;
    p.setPen(ink.text);
    if (withHeader) {
        p.setFont(bold);
        top += drawWrapped(p, rect.left() + margin, top, width, c.layer);
        p.setFont(base);
        top += drawWrapped(p, rect.left() + margin, top, width, c.formula);
        if (!c.note.isEmpty()) {
            QFont italic = base;
            italic.setItalic(true);
            p.setFont(italic);
            p.setPen(ink.dimText);
            top += drawWrapped(p, rect.left() + margin, top, width, c.note);
            p.setPen(ink.text);
        }
    }
    // The step and its arithmetic at the bottom.
    const double stepH = wrappedHeight(bold, width, c.step), arithH = wrappedHeight(mono, width, c.arithmetic);
    double y = rect.bottom() - margin - stepH - arithH;
    const double bottom = y - margin * 0.5;
    p.setFont(bold);
    y += drawWrapped(p, rect.left() + margin, y, width, c.step);
    p.setFont(mono);
    drawWrapped(p, rect.left() + margin, y, width, c.arithmetic);

    // The grids between them.
    p.setFont(base);
    const QRectF middle(rect.left(), top, rect.width(), std::max(40.0, bottom - top));
    const QFontMetricsF fm(base);
    PlayerLayout layout = PlayerLayout::forTrace(m_state.header());
    layout.textScale = basePx / 13.0;
    // A thumbnail (no header) leaves the legend to the sheet: its room goes to the grids.
    const double legend = withHeader ? StepPainter::legendHeight(m_state.header(), fm, middle) : 0;
    layout.fit(middle.adjusted(0, 0, 0, -legend), margin, StepPainter::titleSpace(fm));
    StepPainter painter(layout, m_state, m_images, ink);
    painter.setVectorCells(vectorCells);
    painter.setLegend(withHeader);
    p.setClipRect(middle);
    painter.paint(p, middle);
    p.restore();
}

QImage StepExporter::frame(std::int64_t step)
{
    QImage img(m_options.size, QImage::Format_RGB32);
    QPainter p(&img);
    paintFrame(p, QRectF(QPointF(0, 0), QSizeF(m_options.size)), step);
    p.end();
    return img;
}

bool StepExporter::writePng(const QString &path, std::int64_t step, QString *error)
{
    return writePngAtomically(path, frame(step), error);
}

bool StepExporter::writeSvg(const QString &path, std::int64_t step, QString *error)
{
    return writeFileAtomically(
        path,
        [&](QIODevice &device, QString *why) {
            // Painted into memory first, as the diagram's SVG (issue 13): QSvgGenerator writes through a QTextStream
            // that drops write errors, and a file cut off at a full disk was reported as written.
            QBuffer buffer;
            buffer.open(QIODevice::WriteOnly);
            QSvgGenerator svg;
            svg.setOutputDevice(&buffer);
            svg.setSize(m_options.size);
            svg.setResolution(96); // the size in mm is then the pixel size in browsers and Inkscape (96 px per inch)
            svg.setViewBox(QRect(QPoint(0, 0), m_options.size));
            svg.setTitle(QString::fromStdString(header().layer));
            svg.setDescription(StepPainter::caption(m_state).formula);
            QPainter p;
            if (!p.begin(&svg)) {
                *why = tr("cannot paint an SVG");
                return false;
            }
            paintFrame(p, QRectF(QPointF(0, 0), QSizeF(m_options.size)), step, true, true);
            if (!p.end()) {
                *why = tr("cannot paint an SVG");
                return false;
            }
            return device.write(buffer.data()) == buffer.data().size();
        },
        error);
}

bool StepExporter::writeGif(const QString &path, QString *error)
{
    const std::int64_t n = stepCount();
    if (n < 1 || n > std::numeric_limits<int>::max()) {
        if (error)
            *error = tr("nothing to animate");
        return false;
    }
    GifOptions o;
    o.fps = m_options.fps;
    // The palette from the last frame (the whole output filled in) and one from the middle, with the first frame.
    o.palette = {frame(n - 1)};
    if (n > 2)
        o.palette.push_back(frame(n / 2));
    return convlens::writeGif(path, int(n), [this](int i) { return frame(i); }, o, error);
}

bool StepExporter::writeContactSheet(const QString &path, QString *error)
{
    const std::int64_t n = stepCount();
    if (n > kMaxSheetSteps) {
        if (error)
            *error = tr("'%1' has %2 steps on this channel; a contact sheet takes at most %3 (export the animation "
                        "instead, or pick a smaller layer)")
                         .arg(QString::fromStdString(header().layer))
                         .arg(n)
                         .arg(kMaxSheetSteps);
        return false;
    }
    const int columns = int(std::ceil(std::sqrt(double(n))));
    const int rows = int((n + columns - 1) / columns);
    // Thumbnails large enough for the numbers in a 7×7 grid's cells (a printed A3 sheet at 300 dpi is ~5000 px).
    const int thumbW = std::clamp(6400 / columns, 560, 960), thumbH = thumbW * 9 / 16, gap = 12;
    const CanvasInk ink = CanvasInk::light();
    QFont title(QStringLiteral("DejaVu Sans"));
    title.setPixelSize(28);
    const int sheetW = columns * thumbW + (columns + 1) * gap;
    const StepCaption c = StepPainter::caption(m_state);
    const QString heading = c.layer + QStringLiteral(" — ") + c.formula;
    const int headH = int(std::ceil(wrappedHeight(title, sheetW - 2 * gap, heading))) + 2 * gap;
    QImage sheet(sheetW, headH + rows * (thumbH + gap), QImage::Format_RGB32);
    sheet.fill(ink.base);
    QPainter p(&sheet);
    p.setFont(title);
    p.setPen(ink.text);
    drawWrapped(p, gap, gap, sheetW - 2 * gap, heading);
    for (std::int64_t i = 0; i < n; ++i) {
        const QRectF cell(gap + double(i % columns) * (thumbW + gap), headH + double(i / columns) * (thumbH + gap),
                          thumbW, thumbH);
        paintFrame(p, cell, i, false);
        p.setPen(ink.line);
        p.drawRect(cell.adjusted(-0.5, -0.5, 0.5, 0.5));
    }
    p.end();
    return writePngAtomically(path, sheet, error);
}

} // namespace convlens
