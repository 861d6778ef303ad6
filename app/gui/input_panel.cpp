// input_panel.cpp — sample thumbnails, file input, the drawing canvas.
#include "input_panel.h"

#include "formats/image_input.h"

#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QImageReader>
#include <QLabel>
#include <QListWidget>
#include <QMouseEvent>
#include <QPainter>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

namespace convlens {

// ------------------------------------------------------------------------------------------------------ DigitCanvas

DigitCanvas::DigitCanvas(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("digitCanvas"));
    setCursor(Qt::CrossCursor);
    setToolTip(tr("Draw a digit: left button paints, right button erases"));
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
}

QSize DigitCanvas::sizeHint() const
{
    return {kSize * 5 + 2, kSize * 5 + 2};
}

QRectF DigitCanvas::gridRect() const
{
    const double cell = std::floor(std::min(width() - 2, height() - 2) / double(kSize));
    const double side = cell * kSize;
    return {(width() - side) / 2, (height() - side) / 2, side, side};
}

QPointF DigitCanvas::toGrid(QPointF p) const
{
    const QRectF g = gridRect();
    return {(p.x() - g.left()) / g.width() * kSize, (p.y() - g.top()) / g.height() * kSize};
}

QImage DigitCanvas::image() const
{
    QImage img(kSize, kSize, QImage::Format_Grayscale8);
    for (int y = 0; y < kSize; ++y) {
        uchar *line = img.scanLine(y);
        for (int x = 0; x < kSize; ++x)
            line[x] = uchar(std::lround(std::clamp(m_cells[size_t(y * kSize + x)], 0.0f, 1.0f) * 255.0f));
    }
    return img;
}

bool DigitCanvas::isBlank() const
{
    return std::all_of(m_cells.begin(), m_cells.end(), [](float v) { return v <= 0; });
}

void DigitCanvas::clear()
{
    m_cells.fill(0);
    update();
}

void DigitCanvas::stamp(QPointF c, bool erase)
{
    // A soft disk ~3 cells across: full ink within 1 cell of the centre, fading over the next half cell — about the
    // stroke width of MNIST digits after their anti-aliased 20×20 → 28×28 normalisation.
    const double r = erase ? 2.0 : 1.0, soft = 0.6;
    for (int y = std::max(0, int(c.y() - r - 1)); y <= std::min(kSize - 1, int(c.y() + r + 1)); ++y)
        for (int x = std::max(0, int(c.x() - r - 1)); x <= std::min(kSize - 1, int(c.x() + r + 1)); ++x) {
            const double d = std::hypot(x + 0.5 - c.x(), y + 0.5 - c.y());
            const float v = float(std::clamp((r + soft - d) / soft, 0.0, 1.0));
            float &cell = m_cells[size_t(y * kSize + x)];
            cell = erase ? std::min(cell, 1.0f - v) : std::max(cell, v);
        }
}

void DigitCanvas::stroke(QPointF from, QPointF to, bool erase)
{
    const double len = std::hypot(to.x() - from.x(), to.y() - from.y());
    const int n = std::max(1, int(std::ceil(len / 0.25)));
    for (int i = 0; i <= n; ++i)
        stamp(from + (to - from) * (double(i) / n), erase);
    update();
}

void DigitCanvas::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const QRectF g = gridRect();
    p.fillRect(rect(), palette().window());
    p.drawImage(g, image());
    p.setPen(QColor(60, 60, 60));
    const double cell = g.width() / kSize;
    for (int i = 4; i < kSize; i += 4) { // a faint 4-cell grid: where the 28 pixels are
        p.drawLine(QPointF(g.left() + i * cell, g.top()), QPointF(g.left() + i * cell, g.bottom()));
        p.drawLine(QPointF(g.left(), g.top() + i * cell), QPointF(g.right(), g.top() + i * cell));
    }
    p.setPen(QColor(140, 140, 140));
    p.drawRect(g.adjusted(-0.5, -0.5, 0.5, 0.5));
}

void DigitCanvas::mousePressEvent(QMouseEvent *e)
{
    if (e->button() != Qt::LeftButton && e->button() != Qt::RightButton)
        return;
    m_drawing = true;
    m_erasing = e->button() == Qt::RightButton;
    m_last = toGrid(e->position());
    stroke(m_last, m_last, m_erasing);
    Q_EMIT drawing();
}

void DigitCanvas::mouseMoveEvent(QMouseEvent *e)
{
    if (!m_drawing)
        return;
    const QPointF g = toGrid(e->position());
    stroke(m_last, g, m_erasing);
    m_last = g;
    Q_EMIT drawing();
}

void DigitCanvas::mouseReleaseEvent(QMouseEvent *)
{
    if (!m_drawing)
        return;
    m_drawing = false;
    Q_EMIT strokeDone();
}

// ------------------------------------------------------------------------------------------------------- InputPanel

QStringList InputPanel::sampleDigits()
{
    for (const QString &dir : {QStringLiteral(":/digits"), QStringLiteral(CONVLENS_RESOURCES_DIR "/digits")}) {
        const QDir d(dir);
        const QStringList files = d.entryList({QStringLiteral("*.png")}, QDir::Files, QDir::Name);
        if (!files.isEmpty()) {
            QStringList out;
            for (const QString &f : files)
                out << d.filePath(f);
            return out;
        }
    }
    return {};
}

bool InputPanel::isInputFile(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == u"npy")
        return true;
    const QList<QByteArray> formats = QImageReader::supportedImageFormats();
    return !suffix.isEmpty() && formats.contains(suffix.toLatin1());
}

InputPanel::InputPanel(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("inputPanel"));
    auto *v = new QVBoxLayout(this);
    v->setContentsMargins(6, 6, 6, 6);

    auto *top = new QHBoxLayout;
    m_preview = new QLabel(this);
    m_preview->setObjectName(QStringLiteral("inputPreview"));
    m_preview->setFixedSize(64, 64);
    m_preview->setAlignment(Qt::AlignCenter);
    m_preview->setStyleSheet(QStringLiteral("QLabel { background: black; border: 1px solid #888; }"));
    m_note = new QLabel(this);
    m_note->setObjectName(QStringLiteral("inputNote"));
    m_note->setWordWrap(true);
    m_note->setTextFormat(Qt::RichText);
    m_note->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    top->addWidget(m_preview);
    top->addWidget(m_note, 1);
    v->addLayout(top);

    auto *samplesLabel = new QLabel(tr("Sample digits (click one):"), this);
    v->addWidget(samplesLabel);
    m_samples = new QListWidget(this);
    m_samples->setObjectName(QStringLiteral("sampleDigits"));
    m_samples->setViewMode(QListView::IconMode);
    m_samples->setIconSize(QSize(28, 28));
    m_samples->setGridSize(QSize(34, 34));
    m_samples->setMovement(QListView::Static);
    m_samples->setResizeMode(QListView::Adjust);
    m_samples->setUniformItemSizes(true);
    m_samples->setSelectionMode(QAbstractItemView::SingleSelection);
    m_samples->setMaximumHeight(3 * 34 + 8);
    m_sampleFiles = sampleDigits();
    for (const QString &f : std::as_const(m_sampleFiles)) {
        auto *item = new QListWidgetItem(QIcon(QPixmap(f)), QString(), m_samples);
        item->setToolTip(QFileInfo(f).fileName());
        item->setData(Qt::UserRole, f);
    }
    connect(m_samples, &QListWidget::itemClicked, this,
            [this](QListWidgetItem *item) { useSample(m_samples->row(item)); });
    v->addWidget(m_samples);

    m_open = new QPushButton(tr("Open image…"), this);
    m_open->setObjectName(QStringLiteral("openImage"));
    m_open->setToolTip(tr("An image (PNG, JPEG, …) or a .npy array; you can also drop one on the window"));
    connect(m_open, &QPushButton::clicked, this, &InputPanel::openImageRequested);

    auto *drawLabel = new QLabel(tr("Or draw a digit (28×28):"), this);
    v->addWidget(drawLabel);
    auto *draw = new QHBoxLayout;
    m_canvas = new DigitCanvas(this);
    m_clear = new QPushButton(tr("Clear"), this);
    m_clear->setObjectName(QStringLiteral("clearDrawing"));
    draw->addWidget(m_canvas);
    auto *side = new QVBoxLayout;
    side->addWidget(m_clear);
    side->addStretch(1);
    side->addWidget(m_open);
    draw->addLayout(side);
    draw->addStretch(1);
    v->addLayout(draw);
    v->addStretch(1);

    // While drawing, the network follows at most ~8 times a second; the stroke's end always counts.
    m_drawThrottle = new QTimer(this);
    m_drawThrottle->setSingleShot(true);
    m_drawThrottle->setInterval(120);
    connect(m_drawThrottle, &QTimer::timeout, this, &InputPanel::useDrawing);
    connect(m_canvas, &DigitCanvas::drawing, this, [this] {
        if (!m_drawThrottle->isActive())
            m_drawThrottle->start();
    });
    connect(m_canvas, &DigitCanvas::strokeDone, this, [this] {
        m_drawThrottle->stop();
        useDrawing();
    });
    connect(m_clear, &QPushButton::clicked, this, [this] {
        m_canvas->clear();
        if (m_current.label == tr("your drawing"))
            useDrawing();
    });

    if (!m_sampleFiles.isEmpty())
        useSample(0, true);
    else
        setSource({{}, {}, tr("no input"), true}, {});
}

void InputPanel::useSample(int index, bool fallback)
{
    if (index < 0 || index >= m_sampleFiles.size())
        return;
    const QString f = m_sampleFiles[index];
    InputSource s;
    s.image = QImage(f);
    s.label = tr("sample digit %1").arg(QFileInfo(f).fileName());
    s.fallback = fallback;
    m_samples->setCurrentRow(index);
    setSource(s, s.image);
}

bool InputPanel::useFile(const QString &path, QString *error)
{
    const QFileInfo fi(path);
    if (!fi.isFile() || !fi.isReadable()) {
        if (error)
            *error = tr("%1 cannot be read").arg(path);
        return false;
    }
    InputSource s;
    s.path = fi.absoluteFilePath();
    s.label = fi.fileName();
    QImage preview;
    if (fi.suffix().compare(QStringLiteral("npy"), Qt::CaseInsensitive) != 0) {
        QImageReader reader(path);
        const QSize size = reader.size();
        if (!reader.canRead() || (size.isValid() && std::int64_t(size.width()) * size.height() > kMaxImagePixels)) {
            if (error)
                *error = reader.canRead()
                             ? tr("%1 is too large (%2×%3 pixels)").arg(path).arg(size.width()).arg(size.height())
                             : tr("%1 is not an image Qt can read").arg(path);
            return false;
        }
        if (size.isValid() && (size.width() > 256 || size.height() > 256))
            reader.setScaledSize(size.scaled(256, 256, Qt::KeepAspectRatio));
        preview = reader.read();
    }
    m_samples->clearSelection();
    setSource(s, preview);
    return true;
}

void InputPanel::useDrawing()
{
    InputSource s;
    s.image = m_canvas->image();
    s.label = tr("your drawing");
    m_samples->clearSelection();
    setSource(s, s.image);
}

QString InputPanel::noteText() const
{
    return m_note->text();
}

void InputPanel::setSource(const InputSource &s, const QImage &preview)
{
    m_current = s;
    if (preview.isNull())
        m_preview->setText(s.path.endsWith(QStringLiteral(".npy"), Qt::CaseInsensitive) ? tr("array") : QString());
    else
        m_preview->setPixmap(QPixmap::fromImage(
            preview.scaled(m_preview->size() - QSize(4, 4), Qt::KeepAspectRatio,
                           preview.width() <= 64 ? Qt::FastTransformation : Qt::SmoothTransformation)));
    QString note = tr("<b>Input:</b> %1").arg(s.label.toHtmlEscaped());
    if (s.fallback)
        note += tr("<br><i>No image chosen: the first sample digit is used. Pick another, open or drop an image, "
                   "or draw one.</i>");
    m_note->setText(note);
    Q_EMIT inputChanged(s);
}

} // namespace convlens
