// input_panel.cpp — sample thumbnails, file input, the drawing canvas.
#include "input_panel.h"

#include "formats/image_input.h"
#include "canvas_ink.h"
#include "setup/mnist_digit.h"

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

namespace {
// The input's labels are composed again when the language changes (LiveText): InputPanel::tr's context, marked here.
constexpr const char *kPanel = "convlens::InputPanel";
const char *const kYourDrawing = QT_TRANSLATE_NOOP("convlens::InputPanel", "your drawing");
}

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
    return {kSize * 4 + 2, kSize * 4 + 2};
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

// ------------------------------------------------------------------------------------------------------- ResultView

ResultView::ResultView(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("modelResult"));
    setMinimumHeight(82);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

QSize ResultView::sizeHint() const
{
    return {160, std::max(82, fontMetrics().height() * 4 + 12)};
}

void ResultView::setPrediction(const Prediction &p)
{
    m_prediction = p;
    m_reconstruction = {};
    setToolTip(text());
    update();
}

void ResultView::setReconstruction(const QImage &image)
{
    m_prediction.reset();
    m_reconstruction = image;
    setToolTip(text());
    update();
}

void ResultView::clear()
{
    m_prediction.reset();
    m_reconstruction = {};
    setToolTip({});
    update();
}

QString ResultView::text() const
{
    if (!m_reconstruction.isNull())
        return tr("reconstruction: the model's output beside its input");
    if (!m_prediction)
        return {};
    if (!m_prediction->defined)
        return tr("prediction undefined: the output holds NaN or ∞");
    QString t = tr("predicted %1 (%2 %)")
                    .arg(m_prediction->top.front().index)
                    .arg(m_prediction->top.front().probability * 100, 0, 'f', 0);
    if (m_prediction->fromLogits)
        t += tr(" — softmax of the outputs");
    return t;
}

void ResultView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    const QRectF r = rect();
    const QColor text = palette().color(QPalette::WindowText);
    if (!m_reconstruction.isNull()) {
        const double side = std::min(r.height() - 16, 66.0);
        // The same size as the input's preview on its left, so the two compare at a glance.
        const QRectF img(r.left(), r.top(), side, side);
        p.fillRect(img, Qt::black);
        p.drawImage(img.adjusted(2, 2, -2, -2), m_reconstruction);
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(QRectF(r.left(), img.bottom() + 1, r.width(), 15), Qt::AlignLeft | Qt::AlignTop,
                   tr("output (reconstruction)"));
        return;
    }
    if (!m_prediction)
        return;
    if (!m_prediction->defined) {
        p.setPen(errorTextColor(palette()));
        p.drawText(r.adjusted(4, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter | Qt::TextWordWrap,
                   tr("prediction undefined:\nthe output holds NaN or ∞"));
        return;
    }
    // "predicted 7  98 %" large, then the top classes as bars.
    QFont big = font();
    big.setPointSizeF(big.pointSizeF() * 1.5);
    big.setBold(true);
    p.setFont(big);
    p.setPen(text);
    const ClassScore &best = m_prediction->top.front();
    const QFontMetricsF bfm(big);
    p.drawText(QRectF(r.left() + 4, r.top(), r.width() - 4, bfm.height()), Qt::AlignLeft | Qt::AlignVCenter,
               tr("predicted %1").arg(best.index));
    p.setFont(font());
    const QFontMetricsF fm(font());
    double y = r.top() + bfm.height() + 2;
    const double labelW = fm.horizontalAdvance(QStringLiteral("00 ")), pctW = fm.horizontalAdvance(QStringLiteral("100.0 %"));
    for (const ClassScore &c : m_prediction->top) {
        const QRectF line(r.left() + 4, y, r.width() - 8, fm.height());
        p.setPen(text);
        p.drawText(QRectF(line.left(), y, labelW, fm.height()), Qt::AlignRight | Qt::AlignVCenter,
                   QString::number(c.index));
        const QRectF track(line.left() + labelW + 4, y + 3, std::max(10.0, line.width() - labelW - pctW - 10),
                           fm.height() - 6);
        p.fillRect(track, mixColors(palette().color(QPalette::Window), text, 0.12));
        p.fillRect(QRectF(track.left(), track.top(), track.width() * c.probability, track.height()),
                   palette().color(QPalette::Highlight));
        p.drawText(QRectF(track.right() + 4, y, pctW, fm.height()), Qt::AlignRight | Qt::AlignVCenter,
                   QStringLiteral("%1 %").arg(c.probability * 100, 0, 'f', 1));
        y += fm.height();
    }
    if (m_prediction->fromLogits) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(QRectF(r.left() + 4, y, r.width() - 4, fm.height()), Qt::AlignLeft | Qt::AlignVCenter,
                   tr("softmax of the outputs"));
    }
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

    // The input as the model sees it, and beside it the model's answer.
    auto *top = new QHBoxLayout;
    auto *previewColumn = new QVBoxLayout;
    previewColumn->setSpacing(1);
    m_preview = new QLabel(this);
    m_preview->setObjectName(QStringLiteral("inputPreview"));
    m_preview->setFixedSize(66, 66);
    m_preview->setAlignment(Qt::AlignCenter);
    m_preview->setStyleSheet(QStringLiteral("QLabel { background: black; border: 1px solid #888; }"));
    m_previewCaption = new QLabel(this);
    m_previewCaption->setObjectName(QStringLiteral("inputPreviewCaption"));
    m_previewCaption->setForegroundRole(QPalette::PlaceholderText);
    m_previewCaption->setWordWrap(true); // "model input" over "572×572" under the small preview
    m_previewCaption->setFixedWidth(m_preview->width() + 12);
    previewColumn->addWidget(m_preview);
    previewColumn->addWidget(m_previewCaption);
    top->addLayout(previewColumn);
    m_result = new ResultView(this);
    top->addWidget(m_result, 1);
    v->addLayout(top);
    m_note = new QLabel(this);
    m_note->setObjectName(QStringLiteral("inputNote"));
    m_note->setWordWrap(true);
    m_note->setTextFormat(Qt::RichText);
    m_note->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    v->addWidget(m_note);

    auto *samplesLabel = new QLabel(tr("Sample digits (click one):"), this);
    v->addWidget(samplesLabel);
    m_samples = new QListWidget(this);
    m_samples->setObjectName(QStringLiteral("sampleDigits"));
    m_samples->setViewMode(QListView::IconMode);
    m_samples->setIconSize(QSize(26, 26));
    m_samples->setGridSize(QSize(30, 30));
    m_samples->setMovement(QListView::Static);
    m_samples->setResizeMode(QListView::Adjust);
    m_samples->setUniformItemSizes(true);
    m_samples->setSelectionMode(QAbstractItemView::SingleSelection);
    m_samples->setMaximumHeight(3 * 30 + 6);
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

    auto *drawLabel = new QLabel(tr("Or draw a digit:"), this);
    drawLabel->setToolTip(tr("It is centred and scaled as MNIST digits are (centre of mass, 20×20 box in 28×28) "
                             "before the network sees it: the picture at the top shows the result"));
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
        if (m_current.label.source == kYourDrawing)
            useDrawing();
    });

    if (!m_sampleFiles.isEmpty())
        useSample(0, true);
    else
        setSource({{}, {}, LiveText::message(kPanel, QT_TRANSLATE_NOOP("convlens::InputPanel", "no input")), true}, {});
}

void InputPanel::useSample(int index, bool fallback)
{
    if (index < 0 || index >= m_sampleFiles.size())
        return;
    const QString f = m_sampleFiles[index];
    InputSource s;
    s.image = QImage(f);
    s.label = LiveText::message(kPanel, QT_TRANSLATE_NOOP("convlens::InputPanel", "sample digit %1"),
                                {QFileInfo(f).fileName()});
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
    s.label = LiveText::plain(fi.fileName());
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
    // Prepared as MNIST digits were: networks trained on them read a small or off-centre digit as another one.
    const QImage drawn = m_canvas->image();
    Pixels px{drawn.width(), drawn.height(), 1, {}};
    for (int y = 0; y < drawn.height(); ++y)
        px.data.insert(px.data.end(), drawn.constScanLine(y), drawn.constScanLine(y) + drawn.width());
    const Pixels centred = centreLikeMnist(px);
    QImage img(centred.width, centred.height, QImage::Format_Grayscale8);
    for (int y = 0; y < centred.height; ++y)
        std::copy_n(centred.data.data() + size_t(y * centred.width), size_t(centred.width), img.scanLine(y));
    InputSource s;
    s.image = img;
    s.label = LiveText::message(kPanel, kYourDrawing);
    m_samples->clearSelection();
    setSource(s, s.image);
}

void InputPanel::setPreview(const QImage &image, const QString &caption)
{
    m_previewCaption->setText(caption);
    if (image.isNull())
        return;
    m_preview->setPixmap(QPixmap::fromImage(image.scaled(m_preview->size() - QSize(4, 4), Qt::KeepAspectRatio,
                                                         image.width() <= 64 ? Qt::FastTransformation
                                                                             : Qt::SmoothTransformation)));
}

void InputPanel::showResult(const ForwardSnapshot &snap)
{
    const Tensor *input = nullptr, *output = nullptr;
    for (size_t i = 0; i < snap.report.layers.size() && !input; ++i)
        if (snap.report.layers[i].op == Op::Input)
            input = snap.activation(int(i));
    if (!snap.report.outputs.empty())
        output = snap.activation(QString::fromStdString(snap.report.outputs.front()));
    if (input && input->spatial()) {
        m_modelInput = tensorImage(*input);
        m_modelInputSize = QSize(input->width(), input->height());
        setPreview(m_modelInput, previewCaption());
    }
    if (!output) {
        m_result->clear();
        return;
    }
    if (const auto p = predictClasses(*output))
        m_result->setPrediction(*p);
    else if (input && isReconstruction(*input, *output))
        m_result->setReconstruction(tensorImage(*output));
    else
        m_result->clear();
}

QString InputPanel::noteText() const
{
    return m_note->text();
}

QString InputPanel::previewCaption() const
{
    return m_modelInputSize.isEmpty()
               ? QString()
               : tr("model input %1×%2").arg(m_modelInputSize.height()).arg(m_modelInputSize.width());
}

void InputPanel::showNote()
{
    QString note = tr("<b>Input:</b> %1").arg(m_current.label.text().toHtmlEscaped());
    if (m_current.fallback)
        note += tr("<br><i>No image chosen: the first sample digit.</i>");
    m_note->setText(note);
}

void InputPanel::changeEvent(QEvent *e)
{
    QWidget::changeEvent(e);
    if (e->type() == QEvent::LanguageChange && m_note) { // the composed texts, in the new language
        showNote();
        if (!m_modelInputSize.isEmpty())
            m_previewCaption->setText(previewCaption());
    }
}

void InputPanel::setSource(const InputSource &s, const QImage &preview)
{
    m_current = s;
    if (preview.isNull())
        m_preview->setText(s.path.endsWith(QStringLiteral(".npy"), Qt::CaseInsensitive) ? tr("array") : QString());
    else
        setPreview(preview, m_previewCaption->text());
    showNote();
    Q_EMIT inputChanged(s);
}

} // namespace convlens
