// tst_gui_screens.cpp — the window as it first opens at 1280×720 and at 1920×1080, in a light and a dark palette
// (Fusion, as with a dark system theme), checked on what it draws:
// - the default layout fits the size: a Conv2D's fields show in the Properties dock without scrolling, the layer list
//   shows whole names and shapes;
// - the step player's cell text (the autoencoder's third pooling, 7×7 → 4×4) is at least 14 px (font size, and the
//   digits measured on the rendered canvas are as tall as a 14 px font's);
// - no canvas (diagram, all layers, feature maps, step player) has a background other than the palette's Base colour;
// - the play and step buttons are drawn in a colour that stands out from the button's.
// CONVLENS_TEST_SHOTS=DIR saves each window as <light|dark>_<WxH>_<view>.png, to look at.
#include "canvas_ink.h"
#include "diagram_view.h"
#include "feature_maps_view.h"
#include "gui/gui_test_support.h"
#include "overview_view.h"
#include "properties_editor.h"
#include "step_player.h"

#include <QAbstractButton>
#include <QListView>
#include <QScrollArea>
#include <QScrollBar>
#include <QStyleFactory>
#include <QtTest>

using namespace convlens;

using test::inkHeight;
using test::luma;

class TestGuiScreens : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void firstWindow_data();
    void firstWindow();

private:
    void shot(QWidget *w, const QString &name);
    QPalette m_original;
};

void TestGuiScreens::initTestCase()
{
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    m_original = QApplication::palette();
}

void TestGuiScreens::shot(QWidget *w, const QString &name)
{
    const QString dir = qEnvironmentVariable("CONVLENS_TEST_SHOTS");
    if (!dir.isEmpty())
        w->grab().save(dir + u'/' + name + QStringLiteral(".png"));
}

void TestGuiScreens::firstWindow_data()
{
    QTest::addColumn<bool>("dark");
    QTest::addColumn<QSize>("size");
    QTest::addColumn<int>("layout");
    for (bool dark : {false, true}) {
        QTest::addRow("%s 1280x720", dark ? "dark" : "light") << dark << QSize(1280, 720)
                                                             << int(MainWindow::Layout::Compact);
        QTest::addRow("%s 1920x1080", dark ? "dark" : "light") << dark << QSize(1920, 1080)
                                                              << int(MainWindow::Layout::Wide);
    }
}

void TestGuiScreens::firstWindow()
{
    QFETCH(bool, dark);
    QFETCH(QSize, size);
    QFETCH(int, layout);
    QApplication::setPalette(fusionPalette(dark));
    QStringList warnings, infos;
    auto w = std::make_unique<MainWindow>(false);
    w->setPrompts(std::make_unique<test::RecordingPrompts>(&warnings, &infos));
    w->resize(size);
    w->show();
    QVERIFY(QTest::qWaitForWindowExposed(w.get()));
    QVERIFY(w->waitForCompute());
    QApplication::processEvents();
    QCOMPARE(w->size(), size);
    QCOMPARE(int(w->dockLayout()), layout);
    const QString prefix = QStringLiteral("%1_%2x%3_").arg(dark ? u"dark" : u"light").arg(size.width()).arg(size.height());
    const QColor base = w->palette().color(QPalette::Base);

    // A Conv2D's fields without scrolling: the scroll area needs no vertical bar, every field is inside its view.
    QVERIFY(w->selectLayer(QStringLiteral("conv2d")));
    QApplication::processEvents();
    PropertiesEditor *props = w->propertiesEditor();
    auto *scroll = qobject_cast<QScrollArea *>(props->parentWidget()->parentWidget());
    QVERIFY(scroll);
    QVERIFY2(!scroll->verticalScrollBar()->isVisible(),
             qPrintable(QStringLiteral("properties need %1 px, have %2").arg(props->sizeHint().height())
                            .arg(scroll->viewport()->height())));
    for (const char *param : {"filters", "kernel_size", "strides", "padding", "dilation_rate", "activation"}) {
        QWidget *f = props->fieldWidget(QString::fromLatin1(param));
        QVERIFY(f);
        const QRect inView(f->mapTo(scroll->viewport(), QPoint(0, 0)), f->size());
        QVERIFY2(scroll->viewport()->rect().contains(inView), param);
    }
    shot(w.get(), prefix + QStringLiteral("conv2d"));
    // The layer list: whole names and shapes.
    QListView *stack = w->stackView();
    QFont bold = stack->font();
    bold.setBold(true);
    for (int row = 0; row < w->layerModel()->rowCount(); ++row) {
        const int need = QFontMetrics(bold).horizontalAdvance(w->layerModel()->layerName(row)) +
                         stack->fontMetrics().horizontalAdvance(
                             w->layerModel()->index(row, LayerModel::OutputColumn).data().toString()) +
                         24;
        QVERIFY2(need <= stack->viewport()->width(),
                 qPrintable(QStringLiteral("%1: %2 px needed, %3 px wide")
                                .arg(w->layerModel()->layerName(row))
                                .arg(need)
                                .arg(stack->viewport()->width())));
    }

    // The diagram and the overview: canvases in the palette's base colour.
    w->showView(QStringLiteral("diagram"));
    QApplication::processEvents();
    QCOMPARE(w->diagramView()->grab().toImage().pixelColor(2, 2), base);
    w->showView(QStringLiteral("overview"));
    QApplication::processEvents();
    QCOMPARE(w->overviewView()->canvas()->grab().toImage().pixelColor(2, 2), base);
    shot(w.get(), prefix + QStringLiteral("overview"));
    // The maps.
    QVERIFY(w->selectLayer(QStringLiteral("max_pooling2d_2")));
    w->showView(QStringLiteral("maps"));
    QVERIFY(w->waitForCompute());
    QApplication::processEvents();
    QCOMPARE(w->featureMapsView()->canvas()->grab().toImage().pixelColor(2, 2), base);
    shot(w.get(), prefix + QStringLiteral("maps"));

    // The player: base background, cell text of 14 px or more, buttons that show.
    w->showView(QStringLiteral("stepper"));
    QApplication::processEvents();
    StepPlayerView *p = w->stepPlayer();
    QVERIFY2(p->applies(), qPrintable(p->messageText()));
    p->setStep(13);
    QApplication::processEvents();
    const QImage canvas = p->canvas()->grab().toImage();
    QCOMPARE(canvas.pixelColor(2, 2), base);
    const double px = p->layout().valueFontPx();
    QVERIFY2(px >= 14, qPrintable(QStringLiteral("cell text %1 px, cells %2 px").arg(px).arg(p->layout().cellPx)));
    // Measured: "0.95" in output cell (0, 1) is as tall as a 14 px font's digits (≈ 0.7 em).
    const QRect cell = p->layout().cellRect(PlayerLayout::Right, 0, 1).toAlignedRect().adjusted(3, 3, -3, -3);
    const int ink = inkHeight(canvas, cell);
    QVERIFY2(ink >= 10, qPrintable(QStringLiteral("digits %1 px tall").arg(ink)));
    qInfo("%s: cells %.1f px, cell text %.1f px, digits %d px tall on screen", qPrintable(prefix), p->layout().cellPx,
          px, ink);
    const QColor buttonText = p->palette().color(QPalette::ButtonText), button = p->palette().color(QPalette::Button);
    QVERIFY(std::abs(luma(buttonText) - luma(button)) > 0.4);
    for (const char *name : {"firstStep", "stepBack", "playPause", "stepForward", "lastStep"}) {
        auto *b = p->findChild<QAbstractButton *>(QString::fromLatin1(name));
        QVERIFY(b);
        const QImage icon = b->icon().pixmap(16, 16).toImage();
        int drawn = 0;
        for (int y = 0; y < icon.height(); ++y)
            for (int x = 0; x < icon.width(); ++x)
                if (const QColor c = icon.pixelColor(x, y); c.alpha() > 200 && std::abs(luma(c) - luma(button)) > 0.4)
                    ++drawn;
        QVERIFY2(drawn >= 20, name);
    }
    shot(w.get(), prefix + QStringLiteral("stepper"));
    QVERIFY(warnings.isEmpty());
    w.reset();
    QApplication::setPalette(m_original);
}

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QStandardPaths::setTestModeEnabled(true);
    QApplication app(argc, argv);
    TestGuiScreens t;
    return QTest::qExec(&t, argc, argv);
}

#include "tst_gui_screens.moc"
