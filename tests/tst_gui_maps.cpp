// tst_gui_maps.cpp — the feature-map view and the input panel in the real main window, offscreen: the 16 tiles of a
// conv layer, hover values equal to the engine's activation, per-tile/shared scales, click to enlarge, the receptive
// field of a clicked cell through the whole network (dilation holes included), bars and strips for rank-1 outputs
// (LeNet-5 with its trained weights recognises the sample digits), and every way to set the input: sample thumbnails,
// a drawing, a dropped file, --image; plus the notes (no image chosen, seeded weights) and layers without maps.
#include "document.h"
#include "feature_maps_view.h"
#include "forward_controller.h"
#include "gui/gui_test_support.h"
#include "gui/reference_run.h"
#include "input_panel.h"
#include "main_window.h"

#include <QAbstractButton>
#include <QApplication>
#include <QCheckBox>
#include <QDropEvent>
#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QMimeData>
#include <QUrl>
#include <QtTest>

using namespace convlens;

namespace {

const QString kDigits = QStringLiteral(CONVLENS_SOURCE_DIR "/resources/digits/");
const QString kAutoencoderWeights = QStringLiteral(CONVLENS_SOURCE_DIR "/resources/examples/autoencoder.weights");

void hover(QWidget *canvas, QPointF pos)
{
    QMouseEvent move(QEvent::MouseMove, pos, canvas->mapToGlobal(pos), Qt::NoButton, Qt::NoButton, Qt::NoModifier);
    QApplication::sendEvent(canvas, &move);
}

// CONVLENS_TEST_SHOTS=DIR saves the window at interesting moments, to look at (not compared).
void shot(QWidget *w, const char *name)
{
    const QString dir = qEnvironmentVariable("CONVLENS_TEST_SHOTS");
    if (!dir.isEmpty())
        w->grab().save(dir + u'/' + QString::fromLatin1(name) + QStringLiteral(".png"));
}

int argmax(const Tensor &t)
{
    return int(std::max_element(t.data.begin(), t.data.end()) - t.data.begin());
}

} // namespace

class TestGuiMaps : public QObject, private test::ComputedWindow {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void convLayerShowsSixteenTiles();
    void hoverShowsTheActivation();
    void sharedOrPerTileScale();
    void clickEnlargesAndReceptiveField();
    void receptiveFieldThroughTheNetwork();
    void receptiveFieldWithDilation();
    void rankOneOutputsAsBarsAndStrip();
    void sampleDigitsAndLeNetPredictions();
    void drawADigit();
    void dropAndOpenImages();
    void notesAndMessages();
    void editsRecomputeDownstreamOnly();

private:
    FeatureMapsView *maps() const { return w->featureMapsView(); }
    void selectAndWait(const QString &layer) { showLayer(layer, QStringLiteral("maps")); }
};

void TestGuiMaps::init()
{
    openWindow();
}

void TestGuiMaps::cleanup()
{
    w.reset();
}

void TestGuiMaps::convLayerShowsSixteenTiles()
{
    selectAndWait(QStringLiteral("conv2d"));
    QCOMPARE(w->viewTabs()->currentWidget(), static_cast<QWidget *>(maps()));
    QCOMPARE(maps()->mode(), FeatureMapsView::Mode::Tiles);
    QCOMPARE(maps()->tileCount(), 16);
    const MapTileLayout &l = maps()->tileLayout();
    QCOMPARE(l.count, 16);
    QCOMPARE(l.mapH, std::int64_t(28));
    QVERIFY(l.scale >= 2); // the tiles are readable in the default window
    for (const QRectF &m : l.maps)
        QVERIFY(QRectF(maps()->canvas()->rect()).contains(m));
    QVERIFY(maps()->findChild<QLabel *>(QStringLiteral("mapsTitle"))->text().contains(QStringLiteral("16 channels")));
    // Another layer, other tiles.
    selectAndWait(QStringLiteral("max_pooling2d_2"));
    QCOMPARE(maps()->tileCount(), 8);
    QCOMPARE(maps()->tileLayout().mapH, std::int64_t(4));
}

void TestGuiMaps::hoverShowsTheActivation()
{
    selectAndWait(QStringLiteral("conv2d"));
    const auto runner = test::referenceRun(w->document()->report(), kDigits + u"0_0.png", kAutoencoderWeights);
    QVERIFY(runner);
    const Tensor &ref = *runner->activation(std::string("conv2d"));
    const MapTileLayout &l = maps()->tileLayout();
    for (const auto &[tile, row, col] :
         {std::tuple{5, 10, 12}, std::tuple{0, 0, 0}, std::tuple{15, 27, 27}, std::tuple{9, 14, 3}}) {
        hover(maps()->canvas(), l.cellRect(tile, row, col).center());
        QVERIFY(maps()->hoverValue().has_value());
        QCOMPARE(*maps()->hoverValue(), test::at(ref, tile, row, col));
        QVERIFY2(
            maps()->hoverText().startsWith(QStringLiteral("channel %1, row %2, col %3: ").arg(tile).arg(row).arg(col)),
            qPrintable(maps()->hoverText()));
        QCOMPARE(maps()->findChild<QLabel *>(QStringLiteral("mapsHover"))->text(), maps()->hoverText());
    }
    hover(maps()->canvas(), QPointF(2, 2)); // margin: nothing
    QVERIFY(!maps()->hoverValue());
}

void TestGuiMaps::sharedOrPerTileScale()
{
    selectAndWait(QStringLiteral("conv2d"));
    QVERIFY(maps()->sharedScale());
    QVERIFY(maps()->tileScale(0) == maps()->tileScale(7));
    const ColorScale shared = maps()->tileScale(0);
    maps()->findChild<QCheckBox *>(QStringLiteral("sharedScale"))->click();
    QVERIFY(!maps()->sharedScale());
    bool differs = false;
    for (int i = 1; i < 16; ++i)
        differs = differs || !(maps()->tileScale(i) == maps()->tileScale(0));
    QVERIFY(differs);
    for (int i = 0; i < 16; ++i) // each tile's own range lies within the layer's
        QVERIFY(maps()->tileScale(i).hi <= shared.hi + 1e-6);
    maps()->setSharedScale(true);
    QVERIFY(maps()->tileScale(3) == shared);
    // ReLU outputs are one-signed: viridis, not the diverging map.
    QVERIFY(!shared.diverging);
    QCOMPARE(shared.lo, 0.0);
}

void TestGuiMaps::clickEnlargesAndReceptiveField()
{
    selectAndWait(QStringLiteral("conv2d"));
    QWidget *canvas = maps()->canvas();
    QTest::mouseClick(canvas, Qt::LeftButton, Qt::NoModifier,
                      maps()->tileLayout().cellRect(3, 4, 4).center().toPoint());
    QCOMPARE(maps()->mode(), FeatureMapsView::Mode::Enlarged);
    QCOMPARE(maps()->enlargedChannel(), 3);
    const EnlargedLayout &e = maps()->enlargedLayout();
    QVERIFY(e.mapScale >= 8);
    QCOMPARE(e.inputH, std::int64_t(28));

    // Hover in the enlarged map still reports the value.
    hover(canvas, e.mapCell(5, 7).center());
    QVERIFY(maps()->hoverText().startsWith(QStringLiteral("channel 3, row 5, col 7")));

    // Click a cell: its 3×3 'same' window on the input.
    QTest::mouseClick(canvas, Qt::LeftButton, Qt::NoModifier, e.mapCell(5, 7).center().toPoint());
    QVERIFY(maps()->selectedCell());
    QVERIFY(maps()->receptiveBounds());
    QVERIFY(*maps()->receptiveBounds() == (CellRect{4, 6, 6, 8}));
    QVERIFY2(maps()->rfText().contains(QStringLiteral("rows 4–6, columns 6–8 (3×3, 9 cells)")),
             qPrintable(maps()->rfText()));
    // A corner cell: clipped to the input.
    QTest::mouseClick(canvas, Qt::LeftButton, Qt::NoModifier, e.mapCell(0, 0).center().toPoint());
    QVERIFY(*maps()->receptiveBounds() == (CellRect{0, 0, 1, 1}));

    // Back to all channels.
    maps()->findChild<QAbstractButton *>(QStringLiteral("allChannels"))->click();
    QCOMPARE(maps()->mode(), FeatureMapsView::Mode::Tiles);
    QVERIFY(!maps()->receptiveBounds());
}

void TestGuiMaps::receptiveFieldThroughTheNetwork()
{
    // Three conv + pool stages down to 4×4: cell (0, 0) sees rows/cols 0–14, cell (3, 3) rows/cols 17–27 (the pad
    // row/column of the last pooling adds nothing).
    selectAndWait(QStringLiteral("max_pooling2d_2"));
    maps()->enlarge(2);
    QVERIFY(maps()->selectCell(0, 0));
    QVERIFY(*maps()->receptiveBounds() == (CellRect{0, 0, 14, 14}));
    QVERIFY(maps()->selectCell(3, 3));
    QVERIFY(*maps()->receptiveBounds() == (CellRect{17, 17, 27, 27}));
    // The same as core says.
    const ShapeReport &r = w->document()->report();
    const auto regions = receptiveField(r, r.indexOf("max_pooling2d_2"), 1, 2);
    QVERIFY(regions);
    QVERIFY(maps()->selectCell(1, 2));
    QVERIFY(*maps()->receptiveBounds() == regions->front().bounds);
    shot(w.get(), "maps_receptive_field");
    // The decoder: an output cell of the last conv depends on a window of the input again, through the upsampling.
    selectAndWait(QStringLiteral("conv2d_6"));
    maps()->enlarge(0);
    QVERIFY(maps()->selectCell(14, 14));
    const CellRect b = *maps()->receptiveBounds();
    QVERIFY(b.top <= 14 && b.bottom >= 14 && b.left <= 14 && b.right >= 14);
    QVERIFY(b.bottom - b.top + 1 < 28 || b.top == 0);
}

void TestGuiMaps::receptiveFieldWithDilation()
{
    const QString code = QStringLiteral("import keras\nfrom keras import layers\n"
                                        "inp = keras.Input(shape=(28, 28, 1))\n"
                                        "x = layers.Conv2D(2, (3, 3), dilation_rate=2)(inp)\n"
                                        "model = keras.Model(inp, x)\n");
    QVERIFY(w->importCode(code));
    selectAndWait(QStringLiteral("conv2d"));
    QCOMPARE(maps()->tileCount(), 2);
    // Seeded weights give signed outputs: the diverging map, 0 in the middle.
    QVERIFY(maps()->tileScale(0).diverging);
    QCOMPARE(maps()->tileScale(0).lo, -maps()->tileScale(0).hi);
    maps()->enlarge(1);
    QVERIFY(maps()->selectCell(0, 0));
    QVERIFY(*maps()->receptiveBounds() == (CellRect{0, 0, 4, 4}));
    // 5×5 span, 9 cells: the holes are not part of the field.
    QVERIFY2(maps()->rfText().contains(QStringLiteral("(5×5, 9 cells)")), qPrintable(maps()->rfText()));
    shot(w.get(), "maps_receptive_field_dilated");
}

void TestGuiMaps::rankOneOutputsAsBarsAndStrip()
{
    QVERIFY(w->openExample(QStringLiteral("lenet5")));
    QVERIFY(w->waitForCompute());
    const auto snap = w->forwardController()->snapshot();
    QVERIFY(snap->weightsSource.text().contains(QStringLiteral("lenet5.weights")));
    QVERIFY(snap->notes.join(u' ').contains(QStringLiteral("padded by 2 black pixels")));

    selectAndWait(QStringLiteral("dense_2"));
    QCOMPARE(maps()->mode(), FeatureMapsView::Mode::Vector);
    const VectorLayout &v = maps()->vectorLayout();
    QCOMPARE(v.mode, VectorLayout::Mode::Bars);
    QCOMPARE(v.count, std::int64_t(10));
    const Tensor *probs = snap->activation(QStringLiteral("dense_2"));
    QVERIFY(probs);
    for (std::int64_t i : {0, 4, 9}) {
        hover(maps()->canvas(), v.slot(i).center());
        QCOMPARE(*maps()->hoverValue(), double(probs->data[size_t(i)]));
        QVERIFY(maps()->hoverText().startsWith(QStringLiteral("unit %1: ").arg(i)));
    }
    shot(w.get(), "maps_lenet_bars");

    selectAndWait(QStringLiteral("flatten"));
    QCOMPARE(maps()->mode(), FeatureMapsView::Mode::Vector);
    QCOMPARE(maps()->vectorLayout().mode, VectorLayout::Mode::Strip);
    QCOMPARE(maps()->vectorLayout().count, std::int64_t(400));
    hover(maps()->canvas(), maps()->vectorLayout().slot(123).center());
    QCOMPARE(*maps()->hoverValue(), double(snap->activation(QStringLiteral("flatten"))->data[123]));
    shot(w.get(), "maps_lenet_strip");
}

// The autoencoder with its trained weights: a rename recomputes nothing (the trained arrays follow the new name), an
// edit of the last convolution recomputes that layer only, and the snapshots share the Runner's tensors (a layer not
// recomputed is the very same tensor as before, not a copy).
void TestGuiMaps::editsRecomputeDownstreamOnly()
{
    QVERIFY(w->waitForCompute());
    ForwardController *fc = w->forwardController();
    const auto s0 = fc->snapshot();
    QVERIFY(s0 && s0->seededLayers.isEmpty());
    const Tensor *encoded = s0->activation(QStringLiteral("max_pooling2d_2"));
    const std::vector<float> middle = s0->activation(QStringLiteral("conv2d_3"))->data;

    QVERIFY(w->document()->renameLayer(QStringLiteral("conv2d_3"), QStringLiteral("bottleneck")));
    QVERIFY(w->waitForCompute());
    const auto s1 = fc->snapshot();
    QVERIFY(s1->generation > s0->generation);
    QCOMPARE(s1->computedLayers, 0);
    QVERIFY(s1->seededLayers.isEmpty()); // still the trained arrays
    QCOMPARE(s1->activation(QStringLiteral("bottleneck"))->data, middle);
    for (size_t i = 0; i < s1->activations.size(); ++i)
        QCOMPARE(s1->activations[i].get(), s0->activations[i].get());

    QVERIFY(w->document()->setParam(QStringLiteral("conv2d_6"), QStringLiteral("activation"),
                                    ParamValue(std::string("relu"))));
    QVERIFY(w->waitForCompute());
    const auto s2 = fc->snapshot();
    QCOMPARE(s2->computedLayers, 1);
    QCOMPARE(s2->activation(QStringLiteral("max_pooling2d_2")), encoded);
    QVERIFY(s2->activation(QStringLiteral("conv2d_6")) != s1->activation(QStringLiteral("conv2d_6")));
    QVERIFY(s2->activation(QStringLiteral("conv2d_6"))->data != s1->activation(QStringLiteral("conv2d_6"))->data);
}

void TestGuiMaps::sampleDigitsAndLeNetPredictions()
{
    QVERIFY(w->openExample(QStringLiteral("lenet5")));
    QVERIFY(w->waitForCompute());
    InputPanel *panel = w->inputPanel();
    QListWidget *samples = panel->samplesView();
    QCOMPARE(samples->count(), 20);
    // The trained LeNet-5 recognises the sample digits: click a few thumbnails.
    for (const QString &name :
         {QStringLiteral("0_0.png"), QStringLiteral("3_1.png"), QStringLiteral("7_0.png"), QStringLiteral("9_0.png")}) {
        QListWidgetItem *item = nullptr;
        for (int i = 0; i < samples->count(); ++i)
            if (samples->item(i)->toolTip() == name)
                item = samples->item(i);
        QVERIFY(item);
        samples->scrollToItem(item);
        QTest::mouseClick(samples->viewport(), Qt::LeftButton, Qt::NoModifier, samples->visualItemRect(item).center());
        QCOMPARE(panel->current().label.text(), QStringLiteral("sample digit ") + name);
        QVERIFY(w->waitForCompute());
        const auto snap = w->forwardController()->snapshot();
        QCOMPARE(snap->inputLabel.text(), QStringLiteral("sample digit ") + name);
        QCOMPARE(argmax(*snap->activation(QStringLiteral("dense_2"))), name.left(1).toInt());
    }
    QVERIFY(!panel->noteText().contains(QStringLiteral("No image chosen")));
}

void TestGuiMaps::drawADigit()
{
    InputPanel *panel = w->inputPanel();
    DigitCanvas *canvas = panel->canvas();
    canvas->clear();
    QVERIFY(canvas->isBlank());
    // A vertical stroke down the middle, like a "1".
    const double cell = std::floor(std::min(canvas->width() - 2, canvas->height() - 2) / 28.0);
    const QPointF origin((canvas->width() - cell * 28) / 2, (canvas->height() - cell * 28) / 2);
    const auto at = [&](double gx, double gy) { return (origin + QPointF(gx, gy) * cell).toPoint(); };
    QTest::mousePress(canvas, Qt::LeftButton, Qt::NoModifier, at(14, 5));
    for (int y = 6; y <= 22; ++y) {
        QMouseEvent move(QEvent::MouseMove, QPointF(at(14, y)), canvas->mapToGlobal(QPointF(at(14, y))), Qt::NoButton,
                         Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(canvas, &move);
    }
    QTest::mouseRelease(canvas, Qt::LeftButton, Qt::NoModifier, at(14, 22));
    QVERIFY(!canvas->isBlank());
    QCOMPARE(panel->current().label.text(), QStringLiteral("your drawing"));
    const QImage img = canvas->image();
    QCOMPARE(img.size(), QSize(28, 28));
    QCOMPARE(qGray(img.pixel(14, 12)), 255); // ink on the stroke
    QCOMPARE(qGray(img.pixel(3, 12)), 0);    // background elsewhere
    QVERIFY(w->waitForCompute());
    const auto snap = w->forwardController()->snapshot();
    QCOMPARE(snap->inputLabel.text(), QStringLiteral("your drawing"));
    const Tensor *in = snap->activation(QStringLiteral("input_1"));
    QVERIFY(in);
    QCOMPARE(test::at(*in, 0, 12, 14), 1.0);
    QCOMPARE(test::at(*in, 0, 12, 3), 0.0);
    w->selectLayer(QStringLiteral("conv2d_6"));
    w->showView(QStringLiteral("maps"));
    shot(w.get(), "maps_drawing");
    // Clear: the drawing (still the input) becomes blank.
    panel->findChild<QAbstractButton *>(QStringLiteral("clearDrawing"))->click();
    QVERIFY(canvas->isBlank());
    QVERIFY(w->waitForCompute());
    QCOMPARE(test::at(*w->forwardController()->snapshot()->activation(QStringLiteral("input_1")), 0, 12, 14), 0.0);
}

void TestGuiMaps::dropAndOpenImages()
{
    const QString title = w->windowTitle();
    // Dropping an image on the window makes it the input; the model stays.
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(kDigits + u"3_0.png")});
    const QPoint pos(w->width() / 2, w->height() / 2);
    QDragEnterEvent enter(pos, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(w.get(), &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(pos, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(w.get(), &drop);
    QCOMPARE(w->windowTitle(), title);
    QCOMPARE(w->inputPanel()->current().label.text(), QStringLiteral("3_0.png"));
    QVERIFY(w->waitForCompute());
    QCOMPARE(w->forwardController()->snapshot()->inputLabel.text(), QStringLiteral("3_0.png"));
    const auto runner = test::referenceRun(w->document()->report(), kDigits + u"3_0.png", kAutoencoderWeights);
    QVERIFY(runner);
    QVERIFY(test::maxRelDiff(*w->forwardController()->snapshot()->activation(QStringLiteral("conv2d_6")),
                             *runner->activation(std::string("conv2d_6"))) < 1e-5);

    // --image PATH does the same; a file that is not an image is refused with a warning and changes nothing.
    QVERIFY(w->setInputImage(kDigits + u"5_1.png"));
    QCOMPARE(w->inputPanel()->current().label.text(), QStringLiteral("5_1.png"));
    QVERIFY(!w->setInputImage(QStringLiteral(CONVLENS_SOURCE_DIR "/resources/examples/autoencoder.py")));
    QCOMPARE(warnings.size(), 1);
    QCOMPARE(w->inputPanel()->current().label.text(), QStringLiteral("5_1.png"));
    QVERIFY(!w->setInputImage(QStringLiteral("/nonexistent/digit.png")));
    QVERIFY(w->waitForCompute());
    QCOMPARE(w->forwardController()->snapshot()->inputLabel.text(), QStringLiteral("5_1.png"));
}

void TestGuiMaps::notesAndMessages()
{
    // Nothing chosen: the first sample digit, and the panel says so.
    QVERIFY(w->inputPanel()->noteText().contains(QStringLiteral("No image chosen")));
    QVERIFY(w->inputPanel()->current().fallback);
    QVERIFY(w->inputPanel()->current().label.text().contains(QStringLiteral("0_0.png")));
    // No layer selected.
    w->showView(QStringLiteral("maps"));
    QCOMPARE(maps()->mode(), FeatureMapsView::Mode::Message);
    QVERIFY(maps()->messageText().contains(QStringLiteral("Select a layer")));
    // Trained weights are named; a model without them says its weights are seeded.
    selectAndWait(QStringLiteral("conv2d"));
    QLabel *info = maps()->findChild<QLabel *>(QStringLiteral("mapsInfo"));
    QVERIFY(info->text().contains(QStringLiteral("trained weights from autoencoder.weights")));
    QVERIFY(w->importCode(QStringLiteral("import keras\nfrom keras import layers\n"
                                         "inp = keras.Input(shape=(28, 28, 1))\n"
                                         "x = layers.Conv2D(4, 3)(inp)\nmodel = keras.Model(inp, x)\n")));
    selectAndWait(QStringLiteral("conv2d"));
    QVERIFY2(info->text().contains(QStringLiteral("seeded initial weights")), qPrintable(info->text()));
    // A refused layer has no maps, and says why.
    QVERIFY(w->openExample(QStringLiteral("autoencoder")));
    QVERIFY(
        w->document()->setParam(QStringLiteral("conv2d_5"), QStringLiteral("kernel_size"), ParamValue::ints({20, 20})));
    selectAndWait(QStringLiteral("conv2d_5"));
    QCOMPARE(maps()->mode(), FeatureMapsView::Mode::Message);
    QVERIFY2(maps()->messageText().contains(QStringLiteral("no feature maps")), qPrintable(maps()->messageText()));
}

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QStandardPaths::setTestModeEnabled(true);
    QApplication app(argc, argv);
    TestGuiMaps t;
    return QTest::qExec(&t, argc, argv);
}

#include "tst_gui_maps.moc"
