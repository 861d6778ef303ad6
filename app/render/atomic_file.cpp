// atomic_file.cpp — QSaveFile with the checks Qt leaves to the caller.
#include "atomic_file.h"

#include <QBuffer>
#include <QImage>
#include <QImageWriter>
#include <QObject>
#include <QSaveFile>

namespace convlens {

bool writeFileAtomically(const QString &path, const std::function<bool(QIODevice &device, QString *why)> &fill,
                         QString *error)
{
    const auto fail = [&](const QString &why) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, why);
        return false;
    };
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(file.errorString());
    QString why;
    if (!fill(file, &why)) {
        const QString qtWhy = file.errorString();
        file.cancelWriting();
        return fail(!why.isEmpty() ? why : !qtWhy.isEmpty() ? qtWhy : QObject::tr("the content could not be written"));
    }
    // What the painter or image writer handed over may still sit in Qt's buffer: flush it and compare what is on
    // disk with what was written before the old file is replaced.
    const qint64 written = file.pos();
    if (!file.flush() || file.size() != written) {
        const qint64 onDisk = file.size();
        file.cancelWriting();
        return fail(QObject::tr("only %1 of %2 bytes could be written (is the disk full?)").arg(onDisk).arg(written));
    }
    if (!file.commit())
        return fail(file.errorString());
    return true;
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
