// save_file.cpp — QSaveFile with the checks it leaves to its caller (see the header).
#include "formats/save_file.h"

#include "model/text.h"

#include <QSaveFile>
#include <QString>

namespace convlens {

bool writeAtomically(const std::string &path, const DeviceFiller &fill, std::string *reason)
{
    const auto fail = [&](const std::string &why) {
        if (reason)
            *reason = why;
        return false;
    };
    QSaveFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::WriteOnly))
        return fail(file.errorString().toStdString());
    std::string why;
    if (!fill(file, &why)) {
        const std::string qtWhy = file.errorString().toStdString();
        file.cancelWriting();
        return fail(!why.empty()     ? why
                    : !qtWhy.empty() ? qtWhy
                                     : tx(QT_TRANSLATE_NOOP("convlens::core", "the content could not be written")));
    }
    const qint64 written = file.pos();
    if (!file.flush() || file.size() != written) {
        const qint64 onDisk = file.size();
        file.cancelWriting();
        return fail(tx(QT_TRANSLATE_NOOP("convlens::core", "only %1 of %2 bytes could be written (is the disk full?)"),
                       {std::to_string(onDisk), std::to_string(written)}));
    }
    if (!file.commit())
        return fail(file.errorString().toStdString());
    return true;
}

bool saveFileAtomically(const std::string &path, std::string_view bytes, std::string *error)
{
    std::string reason;
    if (writeAtomically(
            path,
            [bytes](QIODevice &device, std::string *) {
                return device.write(bytes.data(), qint64(bytes.size())) == qint64(bytes.size());
            },
            &reason))
        return true;
    if (error)
        *error = tx(QT_TRANSLATE_NOOP("convlens::core", "cannot save %1: %2"), {path, reason});
    return false;
}

} // namespace convlens
