// gui_test_support.h — shared by the GUI tests: prompts that answer without dialogs and record what was said.
#pragma once

#include "prompts.h"

#include <QStringList>

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
    QString saveFileName(QWidget *, const QString &) override { return savePath; }
    QString exportFileName(QWidget *, const QString &, const QString &) override { return {}; }
    bool runImport(ImportDialog &) override { return false; }
};

} // namespace convlens::test
