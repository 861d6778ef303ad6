// prompts.h — every modal question the main window asks, behind one interface, so tests (and --screenshot runs) can
// answer without a dialog blocking the event loop.
#pragma once

#include <QString>

class QWidget;

namespace convlens {

class ImportDialog;

class Prompts
{
public:
    virtual ~Prompts() = default;
    enum class SaveChoice { Save, Discard, Cancel };
    virtual SaveChoice askSaveChanges(QWidget *parent, const QString &documentName);
    virtual void warn(QWidget *parent, const QString &title, const QString &text);
    virtual void inform(QWidget *parent, const QString &title, const QString &text);
    virtual QString openFileName(QWidget *parent, const QString &directory);
    virtual QString openImageName(QWidget *parent, const QString &directory); // the network's input
    virtual QString weightsFolder(QWidget *parent, const QString &directory); // a folder of .npy weights
    virtual QString saveFileName(QWidget *parent, const QString &suggestion);
    virtual QString exportFileName(QWidget *parent, const QString &suggestion, const QString &filter);
    // A file to write a teaching export to (the step animation, a slide, a contact sheet), under `title`.
    virtual QString teachingExportName(QWidget *parent, const QString &title, const QString &suggestion,
                                       const QString &filter);
    virtual bool runImport(ImportDialog &dialog);
    // After a crash: restore the unsaved changes `what` ("“lenet5.json”, autosaved at 14:02")?
    virtual bool askRestore(QWidget *parent, const QString &what);
};

} // namespace convlens
