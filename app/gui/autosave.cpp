// autosave.cpp — the recovery file: its format ("convlens-recovery", version 1, the project embedded), the writer
// thread (QSaveFile: a kill mid-write leaves the previous recovery file whole), and finding files left by dead apps.
#include "autosave.h"

#include "document.h"
#include "formats/model_file.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cerrno>
#include <csignal>

namespace convlens {

namespace {

constexpr auto kFormat = "convlens-recovery";

bool processRunning(qint64 pid)
{
    if (pid <= 0)
        return false;
    return ::kill(pid_t(pid), 0) == 0 || errno == EPERM;
}

} // namespace

// Lives on the writer thread; its slots run there in the order they were asked for.
class RecoveryWriter : public QObject {
public:
    QString write(const QString &path, const QByteArray &bytes)
    {
        QDir().mkpath(QFileInfo(path).absolutePath());
        QSaveFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return f.errorString();
        if (f.write(bytes) != bytes.size() || !f.flush() || f.size() != bytes.size()) {
            const QString why = f.errorString();
            f.cancelWriting();
            return why.isEmpty() ? QStringLiteral("short write") : why;
        }
        return f.commit() ? QString() : f.errorString();
    }
};

Autosave::Autosave(Document *doc, const QString &directory, QObject *parent)
    : QObject(parent), m_doc(doc),
      m_path(QDir(directory).filePath(QStringLiteral("recovery-%1.json").arg(QCoreApplication::applicationPid()))),
      m_timer(new QTimer(this)), m_thread(new QThread(this)), m_writer(new RecoveryWriter)
{
    m_thread->setObjectName(QStringLiteral("autosave"));
    m_writer->moveToThread(m_thread);
    m_thread->start();
    m_timer->setSingleShot(true);
    m_timer->setInterval(kDelayMs);
    connect(m_timer, &QTimer::timeout, this, &Autosave::flush);
    // Not restarted by later edits: a steady stream of edits is still written every second.
    connect(doc, &Document::reportChanged, this, &Autosave::schedule);
    connect(doc, &Document::modifiedChanged, this, &Autosave::schedule);
}

Autosave::~Autosave()
{
    m_thread->quit();
    m_thread->wait();
    delete m_writer;
}

QString Autosave::defaultDirectory()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(QStringLiteral("recovery"));
}

void Autosave::schedule()
{
    if (!m_timer->isActive())
        m_timer->start();
}

void Autosave::flush()
{
    const QString path = m_path;
    if (!m_doc->isModified()) { // saved, or undone back to the saved state: nothing to recover
        QMetaObject::invokeMethod(m_writer, [path] { QFile::remove(path); }, Qt::QueuedConnection);
        return;
    }
    const Document::ModelState state = m_doc->modelState();
    QJsonObject o;
    o[QStringLiteral("format")] = QLatin1String(kFormat);
    o[QStringLiteral("version")] = 1;
    o[QStringLiteral("pid")] = QCoreApplication::applicationPid();
    o[QStringLiteral("saved")] = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    o[QStringLiteral("title")] = state.title;
    o[QStringLiteral("file_path")] = state.filePath;
    o[QStringLiteral("model_path")] = state.modelPath;
    o[QStringLiteral("project")] = QJsonDocument::fromJson(QByteArray::fromStdString(projectToJson(state.graph))).object();
    const QByteArray bytes = QJsonDocument(o).toJson(QJsonDocument::Compact);
    RecoveryWriter *writer = m_writer;
    QMetaObject::invokeMethod(
        m_writer,
        [this, writer, path, bytes] {
            const QString error = writer->write(path, bytes);
            QMetaObject::invokeMethod(
                this, [this, path, error] { error.isEmpty() ? Q_EMIT written(path) : Q_EMIT writeFailed(error); },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

void Autosave::discard()
{
    m_timer->stop();
    const QString path = m_path;
    QMetaObject::invokeMethod(m_writer, [path] { QFile::remove(path); }, Qt::QueuedConnection);
    waitForWrites();
}

void Autosave::waitForWrites()
{
    // A blocking no-op queued behind everything asked for so far.
    QMetaObject::invokeMethod(m_writer, [] {}, Qt::BlockingQueuedConnection);
}

std::vector<Autosave::Recovery> Autosave::orphans(const QString &directory)
{
    std::vector<Recovery> out;
    static const QRegularExpression name(QStringLiteral("^recovery-(\\d+)\\.json$"));
    const QDir dir(directory);
    for (const QFileInfo &fi : dir.entryInfoList({QStringLiteral("recovery-*.json")}, QDir::Files)) {
        const auto m = name.match(fi.fileName());
        if (!m.hasMatch())
            continue;
        const qint64 pid = m.captured(1).toLongLong();
        if (pid == QCoreApplication::applicationPid() || processRunning(pid))
            continue; // another ConvLens still running owns it
        QFile f(fi.filePath());
        if (!f.open(QIODevice::ReadOnly) || f.size() > (64 << 20))
            continue;
        const QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
        if (o.value(QStringLiteral("format")).toString() != QLatin1String(kFormat))
            continue;
        const QByteArray project = QJsonDocument(o.value(QStringLiteral("project")).toObject()).toJson();
        LoadResult r = loadProjectJson(project.toStdString(), fi.filePath().toStdString());
        if (!r.ok())
            continue;
        Recovery rec;
        rec.recoveryFile = fi.filePath();
        rec.graph = std::move(*r.graph);
        rec.title = o.value(QStringLiteral("title")).toString();
        rec.filePath = o.value(QStringLiteral("file_path")).toString();
        rec.modelPath = o.value(QStringLiteral("model_path")).toString();
        rec.saved = QDateTime::fromString(o.value(QStringLiteral("saved")).toString(), Qt::ISODateWithMs);
        out.push_back(std::move(rec));
    }
    std::sort(out.begin(), out.end(), [](const Recovery &a, const Recovery &b) { return a.saved > b.saved; });
    return out;
}

bool Autosave::removeFile(const QString &recoveryFile)
{
    return QFile::remove(recoveryFile);
}

} // namespace convlens
