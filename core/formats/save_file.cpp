// save_file.cpp — QSaveFile with the checks it leaves to its caller (see the header).
#include "formats/save_file.h"

#include <QSaveFile>
#include <QString>

namespace convlens {

bool saveFileAtomically(const std::string &path, std::string_view bytes, std::string *error)
{
    const auto failWith = [&](const QString &why) {
        if (error)
            *error = "cannot save " + path + ": " + why.toStdString();
        return false;
    };
    QSaveFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::WriteOnly))
        return failWith(file.errorString());
    if (file.write(bytes.data(), qint64(bytes.size())) != qint64(bytes.size())) {
        const QString why = file.errorString();
        file.cancelWriting();
        return failWith(why);
    }
    // Qt reports a short write (disk full, file size limit) as success and would commit a truncated file:
    // check what reached the disk before replacing the old file.
    if (!file.flush() || file.size() != qint64(bytes.size())) {
        const QString why = QStringLiteral("only %1 of %2 bytes could be written (is the disk full?)")
                                .arg(file.size())
                                .arg(qint64(bytes.size()));
        file.cancelWriting();
        return failWith(why);
    }
    if (!file.commit())
        return failWith(file.errorString());
    return true;
}

} // namespace convlens
