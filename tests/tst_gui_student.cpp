// tst_gui_student.cpp — what a student sees, in the real window: LeNet-5 names the class of a sample digit with its
// top-3 probabilities beside the input, and says "undefined" (not class 0) when the output is NaN; the autoencoder
// shows its reconstruction beside its input; a digit drawn small in a corner reaches the model centred and scaled as
// MNIST digits are, and the dock shows that 28×28 (padded to 32×32 for LeNet-5) — a drawn 7 is read as 7; the "All
// layers" overview has one column per layer and a click selects it; a model on seeded weights shows the banner in the
// maps and the player, whose buttons bring an example's trained weights or load a folder.
#include "feature_maps_view.h"
#include "guide_dialog.h"
#include "formats/npy.h"
#include "gui/gui_test_support.h"
#include "input_panel.h"
#include "model_output.h"
#include "overview_view.h"
#include "setup/mnist_digit.h"
#include "step_player.h"

#include <QAction>
#include <QFrame>
#include <QTextBrowser>
#include <QPushButton>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>

using namespace convlens;

namespace {

const QString kDigits = QStringLiteral(CONVLENS_SOURCE_DIR "/resources/digits/");

// Drags the mouse over the drawing canvas through grid points (cells, fractional), as a person draws one stroke.
void drawStroke(DigitCanvas *canvas, const std::vector<QPointF> &points)
{
    const double cell = std::floor(std::min(canvas->width() - 2, canvas->height() - 2) / 28.0);
    const QPointF origin((canvas->width() - cell * 28) / 2, (canvas->height() - cell * 28) / 2);
    const auto at = [&](QPointF g) { return (origin + g * cell).toPoint(); };
    QTest::mousePress(canvas, Qt::LeftButton, Qt::NoModifier, at(points.front()));
    for (size_t i = 1; i < points.size(); ++i)
        for (int k = 1; k <= 8; ++k) {
            const QPointF g = points[i - 1] + (points[i] - points[i - 1]) * (k / 8.0);
            QMouseEvent move(QEvent::MouseMove, QPointF(at(g)), canvas->mapToGlobal(QPointF(at(g))), Qt::NoButton,
                             Qt::LeftButton, Qt::NoModifier);
            QApplication::sendEvent(canvas, &move);
        }
    QTest::mouseRelease(canvas, Qt::LeftButton, Qt::NoModifier, at(points.back()));
}

} // namespace

class TestGuiStudent : public QObject, private test::ComputedWindow {
    Q_OBJECT
private Q_SLOTS:
    void init() { openWindow(); }
    void cleanup() { w.reset(); }

    void classifierShowsTopThree();
    void nanOutputIsUndefined();
    void autoencoderShowsReconstruction();
    void drawnDigitIsCentredLikeMnist();
    void overviewColumnsSelectLayers();
    void randomWeightsBanner();
    void guideWithPictures();

private:
    ResultView *result() const { return w->inputPanel()->resultView(); }
};

void TestGuiStudent::classifierShowsTopThree()
{
    QVERIFY(w->openExample(QStringLiteral("lenet5")));
    QVERIFY(w->setInputImage(kDigits + QStringLiteral("3_1.png")));
    QVERIFY(w->waitForCompute());
    QApplication::processEvents();
    const auto &p = result()->prediction();
    QVERIFY(p && p->defined);
    QVERIFY(!p->fromLogits); // LeNet-5 ends with a softmax
    QCOMPARE(p->top.size(), size_t(3));
    QCOMPARE(p->top[0].index, 3);
    QVERIFY(p->top[0].probability > 0.5);
    QVERIFY(p->top[0].probability >= p->top[1].probability && p->top[1].probability >= p->top[2].probability);
    QVERIFY2(result()->text().startsWith(QStringLiteral("predicted 3 (")), qPrintable(result()->text()));
    QVERIFY(result()->isVisible());
    // The input beside it is what LeNet-5 sees: the 28×28 digit padded to 32×32.
    QCOMPARE(w->inputPanel()->modelInputImage().size(), QSize(32, 32));
}

void TestGuiStudent::nanOutputIsUndefined()
{
    QVERIFY(w->openExample(QStringLiteral("lenet5")));
    QTemporaryDir dir;
    const QString npy = dir.filePath(QStringLiteral("nan.npy"));
    std::vector<float> values(32 * 32, 0.5f);
    values[100] = std::numeric_limits<float>::quiet_NaN();
    std::string error;
    QVERIFY(writeNpy(npy.toStdString(), {32, 32, 1}, values, &error));
    QVERIFY(w->setInputImage(npy));
    QVERIFY(w->waitForCompute());
    QApplication::processEvents();
    const auto &p = result()->prediction();
    QVERIFY(p);
    QVERIFY(!p->defined);
    QVERIFY(p->top.empty());
    QVERIFY(result()->text().contains(QStringLiteral("undefined")));
    QVERIFY(!result()->text().contains(QStringLiteral("predicted 0")));
}

void TestGuiStudent::autoencoderShowsReconstruction()
{
    QVERIFY(w->waitForCompute());
    QApplication::processEvents();
    QVERIFY(!result()->prediction());
    const QImage rec = result()->reconstruction();
    QCOMPARE(rec.size(), QSize(28, 28));
    const auto snap = w->forwardController()->snapshot();
    QCOMPARE(rec, tensorImage(*snap->activation(QStringLiteral("conv2d_6"))));
    QVERIFY(result()->text().contains(QStringLiteral("reconstruction")));
}

void TestGuiStudent::drawnDigitIsCentredLikeMnist()
{
    QVERIFY(w->openExample(QStringLiteral("lenet5")));
    QVERIFY(w->waitForCompute());
    DigitCanvas *canvas = w->inputPanel()->canvas();
    canvas->clear();
    // A small 7 in the top-left corner: a bar, then the stem down to the left.
    drawStroke(canvas, {QPointF(3, 3), QPointF(11, 3), QPointF(6, 14)});
    QVERIFY(w->waitForCompute());
    QApplication::processEvents();
    // The model's input is the MNIST preparation of the drawing, padded by 2 for LeNet-5's 32×32.
    const QImage drawn = canvas->image();
    Pixels px{28, 28, 1, {}};
    for (int y = 0; y < 28; ++y)
        px.data.insert(px.data.end(), drawn.constScanLine(y), drawn.constScanLine(y) + 28);
    const Pixels centred = centreLikeMnist(px);
    const auto snap = w->forwardController()->snapshot();
    const Tensor *in = snap->activation(QStringLiteral("input"));
    QVERIFY(in);
    QCOMPARE(in->height(), std::int64_t(32));
    double mass = 0, cy = 0, cx = 0;
    int top = 99, bottom = -1;
    for (int y = 0; y < 28; ++y)
        for (int x = 0; x < 28; ++x) {
            const double v = in->data[size_t((y + 2) * 32 + x + 2)];
            QVERIFY(std::abs(v - centred.data[size_t(y * 28 + x)] / 255.0) < 1e-6);
            mass += v;
            cy += v * (y + 0.5);
            cx += v * (x + 0.5);
            if (v > 0) {
                top = std::min(top, y);
                bottom = std::max(bottom, y);
            }
        }
    QVERIFY(std::abs(cy / mass - 14) <= 0.5 && std::abs(cx / mass - 14) <= 0.5);
    QVERIFY(bottom - top + 1 >= 19 && bottom - top + 1 <= 21); // the 20-pixel box
    QCOMPARE(w->inputPanel()->modelInputImage().size(), QSize(32, 32));
    // And the trained LeNet-5 reads it as the 7 it is.
    const auto &p = result()->prediction();
    QVERIFY(p && p->defined);
    QVERIFY2(p->top[0].index == 7, qPrintable(result()->text()));
    const QString dir = qEnvironmentVariable("CONVLENS_TEST_SHOTS");
    if (!dir.isEmpty()) {
        showLayer(QStringLiteral("conv2d"), QStringLiteral("maps"));
        w->grab().save(dir + QStringLiteral("/student_drawn_seven.png"));
    }
}

void TestGuiStudent::overviewColumnsSelectLayers()
{
    showLayer(QStringLiteral("conv2d"), QStringLiteral("overview"));
    OverviewView *o = w->overviewView();
    QTRY_COMPARE(o->columnCount(), 14);
    QCOMPARE(o->columnLayer(0), QStringLiteral("input_1"));
    const OverviewLayout &L = o->overviewLayout();
    QCOMPARE(L.columns[1].thumbs.size() + size_t(L.columns[1].hidden), size_t(16)); // conv2d's 16 maps
    // A click on conv2d_2's column selects that layer everywhere.
    int column = -1;
    for (int i = 0; i < o->columnCount(); ++i)
        if (o->columnLayer(i) == u"conv2d_2")
            column = i;
    QVERIFY(column > 0);
    const QPointF at = L.columns[size_t(column)].thumbs.front().center();
    QTest::mouseClick(o->canvas(), Qt::LeftButton, Qt::NoModifier, at.toPoint());
    QCOMPARE(w->currentLayer(), QStringLiteral("conv2d_2"));
    QCOMPARE(w->featureMapsView()->layer(), QStringLiteral("conv2d_2"));
}

void TestGuiStudent::randomWeightsBanner()
{
    // The autoencoder as pasted code: no weights folder beside it, so seeded weights — and a banner.
    QFile f(QStringLiteral(CONVLENS_SOURCE_DIR "/resources/examples/autoencoder.py"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY(w->importCode(QString::fromUtf8(f.readAll())));
    showLayer(QStringLiteral("conv2d"), QStringLiteral("maps"));
    FeatureMapsView *maps = w->featureMapsView();
    QVERIFY(maps->weightsBanner()->isVisible());
    auto *offer = maps->weightsBanner()->findChild<QPushButton *>(QStringLiteral("useOfferedWeights"));
    auto *load = maps->weightsBanner()->findChild<QPushButton *>(QStringLiteral("loadWeights"));
    QVERIFY(offer && load && offer->isVisible() && load->isVisible());
    QVERIFY(offer->toolTip().contains(QStringLiteral("autoencoder")));
    // The player says the same.
    showLayer(QStringLiteral("conv2d_1"), QStringLiteral("stepper"));
    QVERIFY(w->stepPlayer()->weightsBanner()->isVisible());
    // One click: the example's trained weights, and the banner goes.
    showLayer(QStringLiteral("conv2d"), QStringLiteral("maps"));
    QTest::mouseClick(offer, Qt::LeftButton);
    QVERIFY(w->waitForCompute());
    QApplication::processEvents();
    QVERIFY(w->forwardController()->snapshot()->weightsSource.text().contains(QStringLiteral("autoencoder.weights")));
    QVERIFY(!maps->weightsBanner()->isVisible());

    // LeNet-5's code, pasted: "Load weights…" with its folder.
    QFile l(QStringLiteral(CONVLENS_SOURCE_DIR "/resources/examples/lenet5.py"));
    QVERIFY(l.open(QIODevice::ReadOnly));
    QVERIFY(w->importCode(QString::fromUtf8(l.readAll())));
    showLayer(QStringLiteral("conv2d"), QStringLiteral("maps"));
    QVERIFY(maps->weightsBanner()->isVisible());
    QVERIFY(w->loadWeights(QStringLiteral(CONVLENS_SOURCE_DIR "/resources/examples/lenet5.weights")));
    QVERIFY(w->waitForCompute());
    QApplication::processEvents();
    QVERIFY(w->forwardController()->snapshot()->weightsSource.text().contains(QStringLiteral("lenet5.weights")));
    QVERIFY(!maps->weightsBanner()->isVisible());
    // A folder that does not fit this model: the run fails and says which folder.
    QVERIFY(w->loadWeights(QStringLiteral(CONVLENS_SOURCE_DIR "/resources/examples/autoencoder.weights")));
    QVERIFY(w->waitForCompute());
    QVERIFY2(w->forwardController()->lastError().contains(QStringLiteral("autoencoder.weights")),
             qPrintable(w->forwardController()->lastError()));
}

void TestGuiStudent::guideWithPictures()
{
    QAction *guide = nullptr;
    for (QAction *a : w->findChildren<QAction *>())
        if (a->text().remove(u'&') == u"Guide")
            guide = a;
    QVERIFY(guide);
    guide->trigger();
    auto *dialog = w->findChild<GuideDialog *>();
    QVERIFY(dialog && dialog->isVisible());
    const QString text = dialog->browser()->toPlainText();
    for (const char *part : {"Diagram", "All layers", "Feature maps", "Step player", "padding", "stride",
                             "Keyboard shortcuts", "Ctrl+Z", "Load weights"})
        QVERIFY2(text.contains(QString::fromLatin1(part)), part);
    for (const QString &picture : GuideDialog::pictures()) {
        const QImage img(picture);
        QVERIFY2(!img.isNull() && img.width() >= 400, qPrintable(picture));
        QVERIFY(dialog->browser()->document()->toHtml().contains(picture));
    }
    const QString dir = qEnvironmentVariable("CONVLENS_TEST_SHOTS");
    if (!dir.isEmpty())
        dialog->grab().save(dir + QStringLiteral("/guide.png"));
}

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QStandardPaths::setTestModeEnabled(true);
    QApplication app(argc, argv);
    TestGuiStudent t;
    return QTest::qExec(&t, argc, argv);
}

#include "tst_gui_student.moc"
