// tst_gui_classroom.cpp — Teach ▸ Export step in the real window: each export of what the step player shows, written
// where the (recorded) file dialog says and decoded back (the GIF with giflib: one frame per step at the chosen frame
// size; PNG; SVG; the contact sheet), the frame size chosen in the menu and remembered in the typed settings, and the
// warning when the player shows no layer.
#include "classroom.h"
#include "gui/gui_test_support.h"
#include "main_window.h"
#include "settings.h"
#include "step_player.h"

#include <QAction>
#include <QMenu>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QtTest>

#include <gif_lib.h>

using namespace convlens;

class TstGuiClassroom : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void exportsWhatThePlayerShows();
    void frameSizeIsRemembered();
    void nothingToExport();

private:
    test::ComputedWindow cw;
    QTemporaryDir m_dir;
    test::RecordingPrompts *prompts() { return static_cast<test::RecordingPrompts *>(cw.w->prompts()); }
};

void TstGuiClassroom::init()
{
    cw.openWindow();
}

void TstGuiClassroom::cleanup()
{
    cw.w.reset();
}

void TstGuiClassroom::exportsWhatThePlayerShows()
{
    cw.showLayer(QStringLiteral("max_pooling2d_2"), QStringLiteral("stepper")); // 7×7 → 4×4: 16 steps
    StepPlayerView *player = cw.w->stepPlayer();
    QVERIFY(player->applies());
    player->setStep(13);
    Classroom *c = cw.w->classroom();
    c->setExportSize(QSize(1280, 720));

    prompts()->savePath = m_dir.filePath(QStringLiteral("pool.gif"));
    QVERIFY(c->exportStep(Classroom::StepExport::Animation));
    int err = 0;
    GifFileType *gif = DGifOpenFileName(qPrintable(prompts()->savePath), &err);
    QVERIFY(gif);
    QCOMPARE(DGifSlurp(gif), GIF_OK);
    QCOMPARE(gif->ImageCount, 16);
    QCOMPARE(gif->SWidth, 1280);
    QCOMPARE(gif->SHeight, 720);
    DGifCloseFile(gif, &err);
    QVERIFY(cw.w->lastMessage().contains(QStringLiteral("pool.gif")));

    prompts()->savePath = m_dir.filePath(QStringLiteral("step.png"));
    QVERIFY(c->exportStep(Classroom::StepExport::Png));
    QCOMPARE(QImage(prompts()->savePath).size(), QSize(1280, 720));

    prompts()->savePath = m_dir.filePath(QStringLiteral("step.svg"));
    QVERIFY(c->exportStep(Classroom::StepExport::Svg));
    QVERIFY(QSvgRenderer(prompts()->savePath).isValid());

    prompts()->savePath = m_dir.filePath(QStringLiteral("sheet.png"));
    QVERIFY(c->exportStep(Classroom::StepExport::ContactSheet));
    QVERIFY(QImage(prompts()->savePath).width() > 4 * 560); // 16 steps: 4 columns
    QCOMPARE(player->currentStep(), 13); // the player is left where it was
    QVERIFY(cw.warnings.isEmpty());
}

void TstGuiClassroom::frameSizeIsRemembered()
{
    const QString ini = m_dir.filePath(QStringLiteral("settings.ini"));
    {
        Settings s(ini);
        cw.w->classroom()->useSettings(&s);
        QCOMPARE(cw.w->classroom()->exportSize(), QSize(1920, 1080)); // the default: a slide
        QMenu *exports = cw.w->classroom()->teachMenu()->findChild<QMenu *>(QStringLiteral("exportStepMenu"));
        QVERIFY(exports);
        QAction *small = nullptr;
        for (QAction *a : exports->actions())
            if (a->data().toSize() == QSize(1280, 720))
                small = a;
        QVERIFY(small);
        small->trigger();
        QCOMPARE(cw.w->classroom()->exportSize(), QSize(1280, 720));
        cw.w->classroom()->useSettings(nullptr);
    }
    Settings again(ini);
    QCOMPARE(again.exportSize(), QSize(1280, 720));
}

void TstGuiClassroom::nothingToExport()
{
    cw.showLayer(QStringLiteral("up_sampling2d"), QStringLiteral("stepper")); // no sliding window
    prompts()->savePath = m_dir.filePath(QStringLiteral("none.gif"));
    QVERIFY(!cw.w->classroom()->exportStep(Classroom::StepExport::Animation));
    QCOMPARE(cw.warnings.size(), 1);
    QVERIFY(!QFile::exists(prompts()->savePath));
}

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    TstGuiClassroom t;
    return QTest::qExec(&t, argc, argv);
}

#include "tst_gui_classroom.moc"
