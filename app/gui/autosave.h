// autosave.h — crash recovery. While the document has unsaved changes, its state (the project JSON plus the file,
// title and weights source it belongs to) is written to a recovery file at most ~1 s after each edit, by a writer
// thread (the GUI thread only serialises; the disk write never blocks it). Saving, undoing back to the saved state or
// a clean quit removes the file. One file per running app, `recovery-<pid>.json` under
// QStandardPaths::AppDataLocation/recovery: a file whose process is gone was left by a crash or a kill, and the next
// launch offers it back (MainWindow::startAutosave).
#pragma once

#include "model/graph.h"

#include <QDateTime>
#include <QObject>
#include <QString>

#include <vector>

class QThread;
class QTimer;

namespace convlens {

class Document;
class RecoveryWriter;

class Autosave : public QObject {
    Q_OBJECT
public:
    Autosave(Document *doc, const QString &directory, QObject *parent = nullptr);
    ~Autosave() override; // finishes the pending writes

    static QString defaultDirectory(); // <AppDataLocation>/recovery
    QString filePath() const { return m_path; }
    static constexpr int kDelayMs = 1000; // edit → file: the timer, then the write (well under 2 s)

    // A clean quit: remove this app's recovery file (after any pending write).
    void discard();
    // Waits until every write and removal asked for so far has reached the disk (tests; quitting).
    void waitForWrites();

    struct Recovery {
        QString recoveryFile;
        Graph graph;
        QString title, filePath, modelPath;
        QDateTime saved;
    };
    // Recovery files whose app is no longer running, newest first. Unreadable ones are skipped (and left alone).
    static std::vector<Recovery> orphans(const QString &directory);
    static bool removeFile(const QString &recoveryFile);

Q_SIGNALS:
    void written(const QString &path); // a recovery file reached the disk (tests)
    void writeFailed(const QString &error);

private:
    void schedule();
    void flush();

    Document *m_doc;
    QString m_path;
    QTimer *m_timer;
    QThread *m_thread;
    RecoveryWriter *m_writer;
};

} // namespace convlens
