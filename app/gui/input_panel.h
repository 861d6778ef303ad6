// input_panel.h — the "Input" dock: what the network looks at, and what it answers. The bundled sample digits as
// clickable thumbnails, "Open image…", an image dropped on the window (MainWindow forwards it), and a 28×28 canvas to
// draw a digit with the mouse (thick soft brush like MNIST's strokes; right button erases; Clear) — a drawing is
// centred and scaled as MNIST digits are before the network sees it (core/setup/mnist_digit). Without a choice the
// first sample digit is used and the panel says so. Every change emits inputChanged(); the ForwardController re-runs
// the model. From each finished run (showResult) the panel shows the input as the model sees it and, beside it, the
// answer: a classifier's predicted class with the top-3 probabilities, an autoencoder's reconstruction.
#pragma once

#include "forward_controller.h"
#include "model_output.h"

#include <QWidget>
#include <array>
#include <optional>

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

// Beside the input: the predicted class and the top probabilities as bars, or the reconstruction, or nothing.
class ResultView : public QWidget {
    Q_OBJECT
public:
    explicit ResultView(QWidget *parent = nullptr);
    void setPrediction(const Prediction &p);
    void setReconstruction(const QImage &image);
    void clear();
    const std::optional<Prediction> &prediction() const { return m_prediction; }
    const QImage &reconstruction() const { return m_reconstruction; }
    QString text() const; // what it says, for tests and the tooltip ("predicted 7 (98 %)")
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *) override;

private:
    std::optional<Prediction> m_prediction;
    QImage m_reconstruction;
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

    // The model's input and output of a finished run: the preview shows the input as the network sees it (resized,
    // padded, a drawing centred), the result view the answer.
    void showResult(const ForwardSnapshot &snapshot);
    QImage modelInputImage() const { return m_modelInput; }
    ResultView *resultView() const { return m_result; }

    DigitCanvas *canvas() const { return m_canvas; }
    QListWidget *samplesView() const { return m_samples; }
    QPushButton *openButton() const { return m_open; }
    QString noteText() const;

    static bool isInputFile(const QString &path); // image or .npy by its name (for drops)

Q_SIGNALS:
    void inputChanged(const InputSource &source);
    void openImageRequested();

protected:
    void changeEvent(QEvent *e) override; // the input's note and the preview's caption in the new language

private:
    QString previewCaption() const;
    void showNote();
    void setSource(const InputSource &s, const QImage &preview);

    void setPreview(const QImage &image, const QString &caption);

    QLabel *m_preview = nullptr, *m_note = nullptr, *m_previewCaption = nullptr;
    ResultView *m_result = nullptr;
    QImage m_modelInput;
    QSize m_modelInputSize; // the model input of the last result
    QListWidget *m_samples = nullptr;
    QPushButton *m_open = nullptr, *m_clear = nullptr;
    DigitCanvas *m_canvas = nullptr;
    QTimer *m_drawThrottle = nullptr;
    InputSource m_current;
    QStringList m_sampleFiles;
};

} // namespace convlens
