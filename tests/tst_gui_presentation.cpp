// tst_gui_presentation.cpp — View ▸ Presentation on a 1280×720 screen (the offscreen platform configured with one
// screen of that size): full screen with one view and the compact bar, no menus, docks or tabs; the autoencoder's 7×7
// max-pool step drawn with every number at least 28 px; Ctrl+= / Ctrl+- change the text and the cells' numbers and
// are remembered; the player refits when the window is resized; Esc leaves and restores the window; F11 enters.
// CONVLENS_TEST_SHOTS=DIR saves the presentation as presentation-1280x720.png, to look at.
#include "classroom.h"
#include "diagram_view.h"
#include "feature_maps_view.h"
#include "forward_controller.h"
#include "gui/gui_test_support.h"
#include "main_window.h"
#include "presentation.h"
#include "settings.h"
#include "step_player.h"
#include "step_painter.h"

#include <algorithm>
#include <QDockWidget>
#include <QLabel>
#include <QMenuBar>
#include <QScreen>
#include <QSlider>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QToolBar>
#include <QtTest>

using namespace convlens;

using test::inkHeight;

class TstGuiPresentation : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void projectorSizes();
    void textSizeIsRemembered();
    void refitsOnResize();
    void barFitsTheScreen();
    void keysEnterAndLeave();
    void diagramZoomsWithText();
    void mapsZoomWithText();
    void enlargedMapZoomsWithText();
    void enlargedMapNumbers();

private:
    // The smallest pixel size of the numbers in both grids' value cells, as StepPainter draws them.
    int smallestValuePx() const;

    test::ComputedWindow cw;
    QTemporaryDir m_dir;
};

void TstGuiPresentation::init()
{
    cw.openWindow();
    cw.showLayer(QStringLiteral("max_pooling2d_2"), QStringLiteral("stepper")); // 7×7 → 4×4, 'same': padded 8×8
}

void TstGuiPresentation::cleanup()
{
    cw.w.reset();
}

int TstGuiPresentation::smallestValuePx() const
{
    const StepPlayerView *player = cw.w->stepPlayer();
    const PlayerLayout &L = player->layout();
    const WindowTrace &h = player->tracer()->header();
    const QFont base = player->canvas()->font();
    int smallest = 1 << 20;
    for (std::int64_t y = 0; y < h.inputHw[0]; ++y)
        for (std::int64_t x = 0; x < h.inputHw[1]; ++x) {
            const QRectF r = L.cellRect(PlayerLayout::Left, y + L.left.inner.top, x + L.left.inner.left);
            smallest = std::min(smallest, StepPainter::valueTextPx(L, base, r,
                                                                   h.inputPlane[size_t(y * h.inputHw[1] + x)]));
        }
    const std::vector<double> out = player->displayedOutput();
    for (std::int64_t y = 0; y < h.outputHw[0]; ++y)
        for (std::int64_t x = 0; x < h.outputHw[1]; ++x) {
            const double v = out[size_t(y * h.outputHw[1] + x)];
            if (std::isnan(v))
                continue;
            const QRectF r = L.cellRect(PlayerLayout::Right, y + L.right.inner.top, x + L.right.inner.left);
            smallest = std::min(smallest, StepPainter::valueTextPx(L, base, r, v));
        }
    return smallest;
}

void TstGuiPresentation::projectorSizes()
{
    QCOMPARE(QGuiApplication::primaryScreen()->size(), QSize(1280, 720));
    StepPlayerView *player = cw.w->stepPlayer();
    QVERIFY(player->applies());
    QCOMPARE(player->tracer()->header().inputHw, (std::array<std::int64_t, 2>{7, 7}));
    player->lastStep(); // every output cell holds its number
    const int normalPx = smallestValuePx();

    Presentation *pr = cw.w->classroom()->presentation();
    pr->enter();
    QVERIFY(pr->active());
    QTRY_COMPARE(cw.w->size(), QSize(1280, 720));
    QApplication::processEvents();
    QVERIFY(cw.w->isFullScreen());
    QVERIFY(cw.w->menuBar()->isHidden());
    QVERIFY(cw.w->statusBar()->isHidden());
    QVERIFY(cw.w->viewTabs()->tabBar()->isHidden());
    for (QDockWidget *d : cw.w->findChildren<QDockWidget *>())
        QVERIFY2(!d->isVisible(), qPrintable(d->objectName()));
    QVERIFY(pr->bar()->isVisible());
    for (QToolBar *t : cw.w->findChildren<QToolBar *>())
        QVERIFY2(t == pr->bar() || !t->isVisible(), qPrintable(t->objectName()));
    QCOMPARE(pr->view(), QStringLiteral("stepper"));
    QVERIFY(player->presenting());
    QVERIFY(!player->scrubber()->isVisible()); // the bar has the controls

    // The grids take the screen: the canvas is most of it, and every number is at least 28 px.
    QVERIFY2(player->canvas()->height() > 720 * 3 / 4, qPrintable(QString::number(player->canvas()->height())));
    const int px = smallestValuePx();
    QVERIFY2(px >= 28, qPrintable(QStringLiteral("smallest number %1 px (cell %2 px, normal view %3 px)")
                                      .arg(px)
                                      .arg(player->layout().cellPx)
                                      .arg(normalPx)));
    // Measured on the drawn canvas: the digits of output cell (0, 1) are as tall as a 28 px font's (≈ 0.7 em).
    const QImage drawn = player->canvas()->grab().toImage();
    const QRect cell = player->layout().cellRect(PlayerLayout::Right, 0, 1).toAlignedRect().adjusted(3, 3, -3, -3);
    const int ink = inkHeight(drawn, cell);
    QVERIFY2(ink >= 19, qPrintable(QStringLiteral("digits %1 px tall").arg(ink)));
    qInfo("1280x720 presentation: cells %.1f px, smallest number %d px, digits %d px tall (normal view: %d px)",
          player->layout().cellPx, px, ink, normalPx);
    if (const QByteArray dir = qgetenv("CONVLENS_TEST_SHOTS"); !dir.isEmpty())
        cw.w->grab().save(QString::fromLocal8Bit(dir) + QStringLiteral("/presentation-1280x720.png"));
    // Both grids inside the canvas.
    const QRectF canvas(player->canvas()->rect());
    QVERIFY(canvas.contains(player->layout().gridRect(PlayerLayout::Left)));
    QVERIFY(canvas.contains(player->layout().gridRect(PlayerLayout::Right)));
    // The arithmetic line is written in the presentation's text size.
    const QLabel *info = player->findChild<QLabel *>(QStringLiteral("playerInfo"));
    QVERIFY(info);
    QCOMPARE(info->font().pixelSize(), pr->textPx());
    QVERIFY(player->infoText().contains(QStringLiteral("max(")));

    // The bar follows the player.
    player->setStep(2);
    QVERIFY(pr->bar()->findChild<QLabel *>(QStringLiteral("presentationStep"))->text().contains(QStringLiteral("3 / 16")));

    pr->leave();
    QVERIFY(!cw.w->isFullScreen());
    QVERIFY(!cw.w->menuBar()->isHidden());
    QVERIFY(!cw.w->viewTabs()->tabBar()->isHidden());
    QVERIFY(!pr->bar()->isVisible());
    QVERIFY(!player->presenting());
    QVERIFY(player->scrubber()->isVisible());
    bool anyDock = false;
    for (QDockWidget *d : cw.w->findChildren<QDockWidget *>())
        anyDock = anyDock || d->isVisible();
    QVERIFY(anyDock);
    bool anyToolBar = false;
    for (QToolBar *t : cw.w->findChildren<QToolBar *>())
        anyToolBar = anyToolBar || t->isVisible();
    QVERIFY(anyToolBar); // the window's own tool bar is back
}

void TstGuiPresentation::textSizeIsRemembered()
{
    const QString ini = m_dir.filePath(QStringLiteral("settings.ini"));
    Presentation *pr = cw.w->classroom()->presentation();
    StepPlayerView *player = cw.w->stepPlayer();
    {
        Settings s(ini);
        cw.w->classroom()->useSettings(&s);
        QCOMPARE(pr->textPx(), 22);
        QVERIFY(!pr->largerAction()->isEnabled()); // only while presenting
        pr->enter();
        QTRY_COMPARE(cw.w->size(), QSize(1280, 720));
        const double capBefore = 18.0 * player->layout().textScale;
        QVERIFY(pr->largerAction()->isEnabled());
        pr->largerAction()->trigger();
        QCOMPARE(pr->textPx(), 25);
        QCOMPARE(player->presentationText(), 25);
        QVERIFY(18.0 * player->layout().textScale > capBefore); // the cells' numbers may grow with it
        pr->smallerAction()->trigger();
        pr->smallerAction()->trigger();
        QCOMPARE(pr->textPx(), 19);
        for (int i = 0; i < 40; ++i)
            pr->smaller();
        QCOMPARE(pr->textPx(), Settings::kMinPresentationTextPx);
        pr->setTextPx(30);
        cw.w->classroom()->useSettings(nullptr);
    }
    Settings again(ini);
    QCOMPARE(again.presentationTextPx(), 30);
}

void TstGuiPresentation::refitsOnResize()
{
    Presentation *pr = cw.w->classroom()->presentation();
    StepPlayerView *player = cw.w->stepPlayer();
    pr->enter();
    QTRY_COMPARE(cw.w->size(), QSize(1280, 720));
    QApplication::processEvents();
    const double big = player->layout().cellPx;
    // A window (not full screen) made smaller: the grids fit it again.
    cw.w->setWindowState(Qt::WindowNoState);
    cw.w->resize(800, 500);
    QTRY_COMPARE(cw.w->size(), QSize(800, 500));
    QApplication::processEvents();
    QVERIFY2(player->layout().cellPx < big * 0.8, qPrintable(QString::number(player->layout().cellPx)));
    const QRectF canvas(player->canvas()->rect());
    QVERIFY(canvas.contains(player->layout().gridRect(PlayerLayout::Left)));
    QVERIFY(canvas.contains(player->layout().gridRect(PlayerLayout::Right)));
}

// The bar at every text size fits the 1280 px screen, and so does the window: at 33 px text its three-quarter-size
// controls were 1325 px wide and pushed the full-screen window past the projector. Its text shrinks only as far as
// it must, never below 13 px; stepping to the last step (the widest step text) does not widen it again.
void TstGuiPresentation::barFitsTheScreen()
{
    Presentation *pr = cw.w->classroom()->presentation();
    StepPlayerView *player = cw.w->stepPlayer();
    pr->enter();
    QTRY_COMPARE(cw.w->size(), QSize(1280, 720));
    QStringList problems;
    QMap<int, int> barPx;
    for (int px = Settings::kMinPresentationTextPx; px <= Settings::kMaxPresentationTextPx; ++px) {
        pr->setTextPx(px);
        player->lastStep();
        QApplication::processEvents();
        QApplication::processEvents();
        const int window = cw.w->width(), bar = pr->bar()->width(), hint = pr->bar()->sizeHint().width();
        if (window > 1280 || bar > 1280 || hint > 1280 || cw.w->minimumSizeHint().width() > 1280)
            problems << QStringLiteral("%1 px text: window %2, bar %3 (hint %4), window minimum %5")
                            .arg(px)
                            .arg(window)
                            .arg(bar)
                            .arg(hint)
                            .arg(cw.w->minimumSizeHint().width());
        if (pr->barTextPx() < 13 || pr->barTextPx() > std::max(13, px * 3 / 4))
            problems << QStringLiteral("%1 px text: bar text %2 px").arg(px).arg(pr->barTextPx());
        barPx[px] = pr->barTextPx();
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    QCOMPARE(barPx[22], 16);         // the default: three quarters, as before
    QVERIFY(barPx[33] < 24);         // shrunk to fit
    QVERIFY(barPx[72] >= barPx[33]); // never smaller at a larger size: the largest text that fits
    QTRY_COMPARE(cw.w->size(), QSize(1280, 720));
    qInfo("1280x720 presentation bar: text %d px at 22, %d at 33, %d at 72", barPx[22], barPx[33], barPx[72]);
    pr->setTextPx(33);
    player->firstStep();
    QApplication::processEvents();
    if (const QByteArray dir = qgetenv("CONVLENS_TEST_SHOTS"); !dir.isEmpty())
        cw.w->grab().save(QString::fromLocal8Bit(dir) + QStringLiteral("/presentation-33px-1280x720.png"));
    pr->leave();
}

void TstGuiPresentation::keysEnterAndLeave()
{
    Presentation *pr = cw.w->classroom()->presentation();
    cw.w->activateWindow(); // window shortcuts need the active window
    QVERIFY(QTest::qWaitForWindowActive(cw.w.get()));
    QTest::keyClick(cw.w->stepPlayer()->canvas(), Qt::Key_F11);
    QVERIFY(pr->active());
    QVERIFY(pr->toggleAction()->isChecked());
    QTest::keyClick(cw.w->stepPlayer()->canvas(), Qt::Key_Equal, Qt::ControlModifier);
    QCOMPARE(pr->textPx(), 25);
    QTest::keyClick(cw.w->stepPlayer()->canvas(), Qt::Key_Minus, Qt::ControlModifier);
    QCOMPARE(pr->textPx(), 22);
    QTest::keyClick(cw.w->stepPlayer()->canvas(), Qt::Key_Escape);
    QVERIFY(!pr->active());
    QVERIFY(!pr->toggleAction()->isChecked());
    QVERIFY(!cw.w->menuBar()->isHidden());
}

// The diagram as the large view: its labels are at least the presentation's text size on screen (22 px at the
// default, where the fitted autoencoder's were 11.6 px), so a room reads them and the model passes the screen,
// centred on the current layer; Ctrl+= / Ctrl+- scale its boxes and their labels together, the legend follows the
// text, and a resize fits again.
void TstGuiPresentation::diagramZoomsWithText()
{
    Presentation *pr = cw.w->classroom()->presentation();
    DiagramView *diagram = cw.w->diagramView();
    pr->enter();
    QVERIFY(pr->showView(QStringLiteral("diagram")));
    QTRY_COMPARE(cw.w->size(), QSize(1280, 720));
    QApplication::processEvents();
    QCOMPARE(pr->textPx(), Settings::kDefaultPresentationTextPx);
    QCOMPARE(diagram->presentationText(), pr->textPx());
    const DiagramLayout &L = diagram->layout();
    const auto onScreen = [&](const QRectF &scene) {
        return QRectF(diagram->mapFromScene(scene.topLeft()), diagram->mapFromScene(scene.bottomRight()));
    };
    const QRectF view(diagram->rect());
    const int row = cw.w->layerModel()->rowOf(QStringLiteral("max_pooling2d_2"));
    QVERIFY(row >= 0);
    const double face = onScreen(L.nodes[size_t(row)].face).height(), label = diagram->labelPx();
    // At the default size the labels are 22 px on screen: twice what fitting the whole model gives; the current
    // layer is in view, the model passes the screen.
    const double fittedLabel = diagram->labelPx() * diagram->fitZoom() / diagram->zoom();
    QVERIFY2(label >= Settings::kDefaultPresentationTextPx - 0.01 && label >= 20,
             qPrintable(QStringLiteral("labels %1 px (fitted %2 px)").arg(label).arg(fittedLabel)));
    QVERIFY(view.contains(onScreen(L.nodes[size_t(row)].bounds)));
    QVERIFY(!view.contains(onScreen(L.sceneRect)));

    pr->larger();
    pr->larger(); // 22 → 25 → 29
    QCOMPARE(pr->textPx(), 29);
    QApplication::processEvents();
    const double bigFace = onScreen(L.nodes[size_t(row)].face).height(), bigLabel = diagram->labelPx();
    QVERIFY2(bigFace > face * 1.25 && bigLabel > label * 1.25,
             qPrintable(QStringLiteral("box %1 → %2 px, labels %3 → %4 px").arg(face).arg(bigFace).arg(label).arg(bigLabel)));
    // Zoomed past the screen, the current layer stays in view.
    QVERIFY(view.intersects(onScreen(L.nodes[size_t(row)].bounds)));
    for (int i = 0; i < 4; ++i)
        pr->smaller(); // 29 → 25 → 22 → 19 → 17
    QCOMPARE(pr->textPx(), 17);
    const double smallFace = onScreen(L.nodes[size_t(row)].face).height(), smallLabel = diagram->labelPx();
    QVERIFY2(smallFace < face * 0.85 && smallLabel < label * 0.85,
             qPrintable(QStringLiteral("box %1 → %2 px, labels %3 → %4 px").arg(face).arg(smallFace).arg(label).arg(smallLabel)));
    qInfo("1280x720 diagram: max_pooling2d_2's box %.1f px at 22 px text, %.1f at 29, %.1f at 17; labels %.1f / %.1f / "
          "%.1f px",
          face, bigFace, smallFace, label, bigLabel, smallLabel);
    if (const QByteArray dir = qgetenv("CONVLENS_TEST_SHOTS"); !dir.isEmpty())
        cw.w->grab().save(QString::fromLocal8Bit(dir) + QStringLiteral("/presentation-diagram-1280x720.png"));

    QCOMPARE(smallLabel, 17.0); // the text size, not the fit's 17/22 of 11.6 px

    // A smaller window: the diagram fits it again; the labels keep the text size, the current layer in view.
    cw.w->setWindowState(Qt::WindowNoState);
    cw.w->resize(800, 500);
    QTRY_COMPARE(cw.w->size(), QSize(800, 500));
    QApplication::processEvents();
    QVERIFY(diagram->fitZoom() < diagram->zoom());
    QCOMPARE(diagram->labelPx(), 17.0);
    QVERIFY(QRectF(diagram->rect()).intersects(onScreen(L.nodes[size_t(row)].bounds)));

    // Leaving puts the normal view back: fitted, factor 1.
    pr->leave();
    QCOMPARE(diagram->presentationText(), 0);
    QCOMPARE(diagram->zoom(), diagram->fitZoom());
}

// The feature maps as the large view: Ctrl+= / Ctrl+- scale the tiles (fewer columns, scrolling past the screen) and
// their labels.
void TstGuiPresentation::mapsZoomWithText()
{
    cw.showLayer(QStringLiteral("conv2d"), QStringLiteral("maps")); // 16 maps of 28×28
    Presentation *pr = cw.w->classroom()->presentation();
    FeatureMapsView *maps = cw.w->featureMapsView();
    pr->enter();
    QTRY_COMPARE(cw.w->size(), QSize(1280, 720));
    QApplication::processEvents();
    QCOMPARE(pr->view(), QStringLiteral("maps"));
    QCOMPARE(maps->mode(), FeatureMapsView::Mode::Tiles);
    const QRectF canvas(maps->canvas()->rect());
    const MapTileLayout fitted = maps->tileLayout();
    QCOMPARE(fitted.count, 16);
    for (const QRectF &m : fitted.maps)
        QVERIFY(canvas.contains(m)); // all on screen at the default size
    const int labelPx = maps->canvas()->fontMetrics().height();

    pr->larger();
    pr->larger();
    pr->larger(); // 22 → 25 → 29 → 33
    QApplication::processEvents();
    const MapTileLayout big = maps->tileLayout();
    QVERIFY2(big.scale >= fitted.scale * 1.4,
             qPrintable(QStringLiteral("%1 → %2 px per cell").arg(fitted.scale).arg(big.scale)));
    QVERIFY2(big.columns <= fitted.columns, qPrintable(QStringLiteral("%1 columns of %2 px per cell, then %3 of %4 (canvas %5×%6)")
                                                      .arg(fitted.columns).arg(fitted.scale).arg(big.columns).arg(big.scale)
                                                      .arg(canvas.width()).arg(canvas.height())));
    QVERIFY(maps->canvas()->fontMetrics().height() > labelPx);
    QVERIFY(big.labelHeight > fitted.labelHeight);
    // Past the screen's bottom: the wheel scrolls, and what is hit under the mouse follows.
    QVERIFY(big.bottom > canvas.bottom());
    QCOMPARE(maps->scrollOffset(), 0.0);
    if (const QByteArray dir = qgetenv("CONVLENS_TEST_SHOTS"); !dir.isEmpty())
        cw.w->grab().save(QString::fromLocal8Bit(dir) + QStringLiteral("/presentation-maps-1280x720.png"));
    const QRectF lastBefore = big.maps.back();
    QWheelEvent wheel(QPointF(100, 100), maps->canvas()->mapToGlobal(QPointF(100, 100)), QPoint(), QPoint(0, -120 * 20),
                      Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(maps->canvas(), &wheel);
    QVERIFY(maps->scrollOffset() > 0);
    QVERIFY(maps->tileLayout().maps.back().bottom() <= canvas.bottom());
    QCOMPARE(maps->tileLayout().maps.back().top(), lastBefore.top() - maps->scrollOffset());
    const auto hit = maps->tileLayout().hit(maps->tileLayout().cellRect(15, 3, 4).center());
    QVERIFY(hit);
    QCOMPARE(hit->tile, 15);
    qInfo("1280x720 maps of conv2d: %.0f px per cell in %d columns at 22 px text, %.0f in %d at 33", fitted.scale,
          fitted.columns, big.scale, big.columns);

    for (int i = 0; i < 6; ++i)
        pr->smaller();
    QApplication::processEvents();
    QVERIFY(maps->tileLayout().scale < fitted.scale);
    QCOMPARE(maps->scrollOffset(), 0.0);
    QVERIFY(maps->canvas()->fontMetrics().height() < labelPx);
    for (const QRectF &m : maps->tileLayout().maps)
        QVERIFY(canvas.contains(m));
    pr->leave();
    QCOMPARE(maps->presentationText(), 0);
    QCOMPARE(maps->tileZoom(), 1.0);
}

// The enlarged map (a tile clicked) grows with Ctrl+= as the tiles do: whole pixels per cell past its half of the
// screen, the input beside it in the room left, the wheel scrolling what passes the bottom; its numbers grow with the
// cells.
void TstGuiPresentation::enlargedMapZoomsWithText()
{
    cw.showLayer(QStringLiteral("conv2d"), QStringLiteral("maps")); // 16 maps of 28×28, the input 28×28
    Presentation *pr = cw.w->classroom()->presentation();
    FeatureMapsView *maps = cw.w->featureMapsView();
    pr->enter();
    QTRY_COMPARE(cw.w->size(), QSize(1280, 720));
    QApplication::processEvents();
    maps->enlarge(3);
    QCOMPARE(maps->enlargedChannel(), 3);
    const QRectF canvas(maps->canvas()->rect());
    const EnlargedLayout fitted = maps->enlargedLayout();
    QVERIFY(canvas.contains(fitted.map) && canvas.contains(fitted.input));
    QVERIFY2(fitted.mapScale >= 18, qPrintable(QString::number(fitted.mapScale)));

    pr->larger();
    pr->larger();
    pr->larger(); // 22 → 25 → 29 → 33
    QApplication::processEvents();
    QCOMPARE(maps->enlargedChannel(), 3);
    const EnlargedLayout big = maps->enlargedLayout();
    QVERIFY2(big.mapScale >= std::floor(fitted.mapScale * 1.4),
             qPrintable(QStringLiteral("%1 → %2 px per cell").arg(fitted.mapScale).arg(big.mapScale)));
    QCOMPARE(big.mapScale, std::floor(big.mapScale)); // whole pixels per cell
    QVERIFY(big.map.bottom() > canvas.bottom());        // past the screen: scrolls
    QVERIFY(big.input.left() >= big.map.right());       // the input beside it, still on screen
    QVERIFY(big.input.right() <= canvas.right() + 0.5 && big.input.width() >= fitted.input.width() / 2);
    if (const QByteArray dir = qgetenv("CONVLENS_TEST_SHOTS"); !dir.isEmpty())
        cw.w->grab().save(QString::fromLocal8Bit(dir) + QStringLiteral("/presentation-enlarged-map-1280x720.png"));
    // The cell (27, 27) under the mouse once scrolled to the bottom.
    QWheelEvent wheel(QPointF(100, 100), maps->canvas()->mapToGlobal(QPointF(100, 100)), QPoint(), QPoint(0, -120 * 20),
                      Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(maps->canvas(), &wheel);
    QVERIFY(maps->scrollOffset() > 0);
    const EnlargedLayout scrolled = maps->enlargedLayout();
    QVERIFY(scrolled.map.bottom() <= canvas.bottom() + 0.5);
    QCOMPARE(scrolled.map.top(), big.map.top() - maps->scrollOffset());
    const auto cell = scrolled.mapCellAt(scrolled.mapCell(27, 27).center());
    QVERIFY(cell);
    QCOMPARE((*cell)[0], std::int64_t(27));
    qInfo("1280x720 enlarged 28×28 map: %.0f px per cell at 22 px text, %.0f at 33", fitted.mapScale, big.mapScale);

    for (int i = 0; i < 6; ++i)
        pr->smaller();
    QApplication::processEvents();
    QVERIFY(maps->enlargedLayout().mapScale < fitted.mapScale);
    QCOMPARE(maps->scrollOffset(), 0.0);
    QVERIFY(canvas.contains(maps->enlargedLayout().map));
    pr->leave();
}

// The 7×7 max-pool map (max_pooling2d_1's, the player's 7×7 grid) enlarged at the default size: its numbers (a third
// of a cell) as a room reads them, measured on the drawn canvas.
void TstGuiPresentation::enlargedMapNumbers()
{
    cw.showLayer(QStringLiteral("max_pooling2d_1"), QStringLiteral("maps"));
    Presentation *pr = cw.w->classroom()->presentation();
    FeatureMapsView *maps = cw.w->featureMapsView();
    pr->enter();
    QTRY_COMPARE(cw.w->size(), QSize(1280, 720));
    QApplication::processEvents();
    // The channel with the most non-zero cells (storage is channel-major): numbers of several widths.
    const Tensor *t = cw.w->forwardController()->snapshot()->activation(QStringLiteral("max_pooling2d_1"));
    QVERIFY(t && t->spatial());
    int channel = 0;
    std::int64_t most = -1;
    for (std::int64_t c = 0; c < t->channels(); ++c) {
        const auto plane = t->data.begin() + c * t->height() * t->width();
        const std::int64_t n = std::count_if(plane, plane + t->height() * t->width(), [](float v) { return v != 0; });
        if (n > most) {
            most = n;
            channel = int(c);
        }
    }
    maps->enlarge(channel);
    QApplication::processEvents();
    const EnlargedLayout seven = maps->enlargedLayout();
    QCOMPARE(seven.mapH, std::int64_t(7));
    QVERIFY2(seven.mapScale >= 60, qPrintable(QString::number(seven.mapScale)));
    const QImage drawn = maps->canvas()->grab().toImage();
    int smallest = 1 << 20;
    for (std::int64_t y = 0; y < 7; ++y)
        for (std::int64_t x = 0; x < 7; ++x)
            if (const int ink = inkHeight(drawn, seven.mapCell(y, x).toAlignedRect().adjusted(3, 3, -3, -3)); ink > 0)
                smallest = std::min(smallest, ink);
    QVERIFY2(smallest < (1 << 20) && smallest >= 15, qPrintable(QStringLiteral("digits %1 px tall").arg(smallest)));
    qInfo("1280x720 enlarged 7×7 map: %.0f px per cell, digits %d px tall", seven.mapScale, smallest);
    if (const QByteArray dir = qgetenv("CONVLENS_TEST_SHOTS"); !dir.isEmpty())
        cw.w->grab().save(QString::fromLocal8Bit(dir) + QStringLiteral("/presentation-enlarged-7x7-1280x720.png"));
    pr->leave();
}

int main(int argc, char **argv)
{
    // One 1280×720 screen, as a classroom projector: full screen means 1280×720.
    QTemporaryDir dir;
    const QString config = dir.filePath(QStringLiteral("screens.json"));
    QFile f(config);
    if (!f.open(QIODevice::WriteOnly))
        return 1;
    f.write(R"({"screens": [{"name": "projector", "x": 0, "y": 0, "width": 1280, "height": 720,
                              "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}],
                "windowFrameMargins": false})");
    f.close();
    qputenv("QT_QPA_PLATFORM", QByteArray("offscreen:configfile=") + config.toLocal8Bit());
    QApplication app(argc, argv);
    TstGuiPresentation t;
    return QTest::qExec(&t, argc, argv);
}

#include "tst_gui_presentation.moc"
