// atomic_file.h — every export writes through here: a QSaveFile filled by the caller, replacing the old file only when
// every byte reached the disk. A failed write, a short write on a full disk or over a file size limit (which Qt can
// report as success), or a failed rename keeps the old file and says why.
#pragma once

#include <QString>

#include <functional>

class QIODevice;

namespace convlens {

// `fill` writes the content to the device; it returns false (and may set *why) when it could not. True when the
// file at `path` now holds exactly what was written; otherwise *error is "<path>: <reason>".
bool writeFileAtomically(const QString &path, const std::function<bool(QIODevice &device, QString *why)> &fill,
                         QString *error);

} // namespace convlens
