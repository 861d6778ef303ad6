// gui_test_support.h — shared by the GUI tests: prompts that answer without dialogs and record what was said.
#pragma once

#include "main_window.h"
#include "prompts.h"

#include <QApplication>
#include <QStringList>
#include <QtTest>

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

} // namespace convlens::test
