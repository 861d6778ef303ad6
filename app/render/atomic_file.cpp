// atomic_file.cpp — the app's exports through core's one atomic write (formats/save_file.h).
#include "atomic_file.h"

#include "formats/save_file.h"

#include <QBuffer>
#include <QImage>
#include <QImageWriter>

namespace convlens {

bool writeFileAtomically(const QString &path, const std::function<bool(QIODevice &device, QString *why)> &fill,
                         QString *error)
{
    std::string reason;
    if (writeAtomically(
            path.toStdString(),
            [&fill](QIODevice &device, std::string *why) {
                QString qWhy;
                const bool ok = fill(device, &qWhy);
                *why = qWhy.toStdString();
                return ok;
            },
            &reason))
        return true;
    if (error)
        *error = QStringLiteral("%1: %2").arg(path, QString::fromStdString(reason));
    return false;
}

bool writePngAtomically(const QString &path, const QImage &image, QString *error)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, "png");
    if (!writer.write(image)) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, writer.errorString());
        return false;
    }
    return writeFileAtomically(
        path, [&](QIODevice &device, QString *) { return device.write(buffer.data()) == buffer.data().size(); }, error);
}

} // namespace convlens
