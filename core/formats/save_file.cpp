// save_file.cpp — QSaveFile with the checks it leaves to its caller (see the header).
#include "formats/save_file.h"

#include <QSaveFile>
#include <QString>

namespace convlens {

bool saveFileAtomically(const std::string &path, std::string_view bytes, std::string *error)
{
    return saveFileAtomically(
        path,
        [bytes](const ByteSink &sink, std::string *) { return sink(bytes.data(), std::int64_t(bytes.size())); },
        error);
}

bool saveFileAtomically(const std::string &path, const ByteProducer &produce, std::string *error)
{
    const auto failWith = [&](const QString &why) {
        if (error)
            *error = "cannot save " + path + ": " + why.toStdString();
        return false;
    };
    QSaveFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::WriteOnly))
        return failWith(file.errorString());
    qint64 total = 0;
    bool writeFailed = false;
    std::string why;
    const bool produced = produce(
        [&](const char *data, std::int64_t size) {
            if (file.write(data, qint64(size)) != qint64(size)) {
                writeFailed = true;
                return false;
            }
            total += size;
            return true;
        },
        &why);
    if (writeFailed || !produced) {
        const QString reason = writeFailed || why.empty() ? file.errorString() : QString::fromStdString(why);
        file.cancelWriting();
        return failWith(reason);
    }
    // Qt reports a short write (disk full, file size limit) as success and would commit a truncated file:
    // check what reached the disk before replacing the old file.
    if (!file.flush() || file.size() != total) {
        const QString reason = QStringLiteral("only %1 of %2 bytes could be written (is the disk full?)")
                                   .arg(file.size())
                                   .arg(total);
        file.cancelWriting();
        return failWith(reason);
    }
    if (!file.commit())
        return failWith(file.errorString());
    return true;
}

} // namespace convlens
