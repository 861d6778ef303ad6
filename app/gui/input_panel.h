// input_panel.h — the "Input" dock: what the network looks at. The bundled sample digits as clickable thumbnails,
// "Open image…", an image dropped on the window (MainWindow forwards it), and a 28×28 canvas to draw a digit with the
// mouse (thick soft brush like MNIST's strokes; right button erases; Clear). Without a choice the first sample digit
// is used and the panel says so. Every change emits inputChanged(); the ForwardController re-runs the model.
#pragma once

#include "forward_controller.h"

#include <QWidget>
#include <array>

class QLabel;
class QListWidget;
class QPushButton;
class QTimer;

namespace convlens {

// The drawing canvas: a 28×28 grid of intensities in [0, 1] (white ink on black, as MNIST).
class DigitCanvas : public QWidget {
    Q_OBJECT
public:
    static constexpr int kSize = 28;
    explicit DigitCanvas(QWidget *parent = nullptr);

    QImage image() const; // 28×28 Grayscale8
    bool isBlank() const;
    void clear();
    // Paints a stroke from `from` to `to` in grid coordinates (cells; fractional), as a mouse drag does.
    void stroke(QPointF from, QPointF to, bool erase = false);
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override { return sizeHint(); }

Q_SIGNALS:
    void drawing();    // while the mouse draws (throttled by the panel)
    void strokeDone(); // mouse released

protected:
    void paintEvent(QPaintEvent *) override;
    void mousePressEvent(QMouseEvent *e) override;
    void mouseMoveEvent(QMouseEvent *e) override;
    void mouseReleaseEvent(QMouseEvent *e) override;

private:
    QRectF gridRect() const;
    QPointF toGrid(QPointF widgetPos) const;
    void stamp(QPointF centre, bool erase);

    std::array<float, kSize * kSize> m_cells{};
    QPointF m_last;
    bool m_drawing = false, m_erasing = false;
};

class InputPanel : public QWidget {
    Q_OBJECT
public:
    explicit InputPanel(QWidget *parent = nullptr);

    // The bundled digits, "<digit>_<n>.png", sorted (resource paths; the source tree when missing from the build).
    static QStringList sampleDigits();

    const InputSource &current() const { return m_current; }
    void useSample(int index, bool fallback = false);
    // An image (anything QImageReader reads) or a .npy array; false with *error when it cannot be read.
    bool useFile(const QString &path, QString *error = nullptr);
    void useDrawing();

    DigitCanvas *canvas() const { return m_canvas; }
    QListWidget *samplesView() const { return m_samples; }
    QPushButton *openButton() const { return m_open; }
    QString noteText() const;

    static bool isInputFile(const QString &path); // image or .npy by its name (for drops)

Q_SIGNALS:
    void inputChanged(const InputSource &source);
    void openImageRequested();

private:
    void setSource(const InputSource &s, const QImage &preview);

    QLabel *m_preview = nullptr, *m_note = nullptr;
    QListWidget *m_samples = nullptr;
    QPushButton *m_open = nullptr, *m_clear = nullptr;
    DigitCanvas *m_canvas = nullptr;
    QTimer *m_drawThrottle = nullptr;
    InputSource m_current;
    QStringList m_sampleFiles;
};

} // namespace convlens
