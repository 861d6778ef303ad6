// atomic_file.h — every export of the app writes through here, with QString paths and errors "<path>: reason": core's
// one atomic write (formats/save_file.h) — a QSaveFile filled by the caller, replacing the old file only when every
// byte reached the disk; a failed write, a short write on a full disk or over a file size limit, or a failed rename
// keeps the old file and says why.
#pragma once

#include <QString>

#include <functional>

class QImage;
class QIODevice;

namespace convlens {

// `fill` writes the content to the device; it returns false (and may set *why) when it could not. True when the
// file at `path` now holds exactly what was written; otherwise *error is "<path>: <reason>".
bool writeFileAtomically(const QString &path, const std::function<bool(QIODevice &device, QString *why)> &fill,
                         QString *error);

// A PNG of `image` through writeFileAtomically, encoded in memory first: libpng's error path on a device that fails
// mid-write leaks Qt's row buffer (LeakSanitizer), and the bytes are then written and checked like any other.
bool writePngAtomically(const QString &path, const QImage &image, QString *error);

} // namespace convlens
