// gui_test_support.h — shared by the GUI tests: prompts that answer without dialogs and record what was said, and
// measurements of rendered text (luma, inkHeight).
#pragma once

#include "main_window.h"
#include "prompts.h"

#include <QApplication>
#include <QStringList>
#include <QtTest>

#include <QColor>
#include <QImage>
#include <QRect>

#include <cmath>
#include <memory>

namespace convlens::test {

struct RecordingPrompts : Prompts {
    QStringList *warnings;
    QStringList *infos;
    SaveChoice answer = SaveChoice::Discard;
    QString savePath;
    RecordingPrompts(QStringList *w, QStringList *i) : warnings(w), infos(i) {}
    SaveChoice askSaveChanges(QWidget *, const QString &) override { return answer; }
    void warn(QWidget *, const QString &title, const QString &text) override { *warnings << title + u": " + text; }
    void inform(QWidget *, const QString &title, const QString &text) override { *infos << title + u": " + text; }
    QString openFileName(QWidget *, const QString &) override { return {}; }
    QString openImageName(QWidget *, const QString &) override { return {}; }
    QString weightsPath;
    QString weightsFolder(QWidget *, const QString &) override { return weightsPath; }
    QString saveFileName(QWidget *, const QString &) override { return savePath; }
    QString exportFileName(QWidget *, const QString &, const QString &) override { return {}; }
    QString teachingExportName(QWidget *, const QString &, const QString &, const QString &) override
    {
        return savePath;
    }
    bool runImport(ImportDialog &) override { return false; }
};

// The computed views' fixture: a fresh 1500×950 main window with recording prompts, shown and computed.
// Call openWindow from init(), reset `w` in cleanup(); showLayer opens `view` on `layer` and waits.
struct ComputedWindow {
    std::unique_ptr<MainWindow> w;
    QStringList warnings, infos;

    void openWindow()
    {
        warnings.clear();
        infos.clear();
        w = std::make_unique<MainWindow>(false);
        w->setPrompts(std::make_unique<RecordingPrompts>(&warnings, &infos));
        w->resize(1500, 950);
        w->show();
        QVERIFY(QTest::qWaitForWindowExposed(w.get()));
        QVERIFY(w->waitForCompute());
    }

    void showLayer(const QString &layer, const QString &view)
    {
        QVERIFY(w->selectLayer(layer));
        QVERIFY(w->showView(view));
        QVERIFY(w->waitForCompute());
        QApplication::processEvents();
    }
};

// The perceived brightness of a colour (Rec. 601 weights), 0–1.
inline double luma(const QColor &c)
{
    return 0.299 * c.redF() + 0.587 * c.greenF() + 0.114 * c.blueF();
}

// Rows of `r` (in `img`) holding pixels that stand out from the cell's fill (its top-left inner corner): the height
// of the text drawn in it.
inline int inkHeight(const QImage &img, const QRect &r)
{
    const QColor fill = img.pixelColor(r.left() + 1, r.top() + 1);
    int top = -1, bottom = -1;
    for (int y = r.top(); y <= r.bottom(); ++y)
        for (int x = r.left(); x <= r.right(); ++x)
            if (std::abs(luma(img.pixelColor(x, y)) - luma(fill)) > 0.3) {
                if (top < 0)
                    top = y;
                bottom = y;
                break;
            }
    return top < 0 ? 0 : bottom - top + 1;
}

} // namespace convlens::test
