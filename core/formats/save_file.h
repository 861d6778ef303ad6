// save_file.h — the one atomic write of the project (QSaveFile): the content reaches the disk in full and then
// replaces the old file, or the old file stays as it was and the reason says why. Project files, exported code, ONNX
// files and the app's exports (app/render/atomic_file.h, which words the error its own way) all write through here.
#pragma once

#include <functional>
#include <string>
#include <string_view>

class QIODevice;

namespace convlens {

// `fill` writes the content to the device (in pieces if it likes: a 528 MB ONNX file is never whole in memory); it
// returns false, and may set *why, when it could not. Qt reports a short write (disk full, file size limit) as
// success, so what reached the disk is compared with what was written before the old file is replaced. On failure
// returns false and sets `reason` (without the path).
using DeviceFiller = std::function<bool(QIODevice &device, std::string *why)>;
bool writeAtomically(const std::string &path, const DeviceFiller &fill, std::string *reason);

// Bytes in memory. On failure returns false and sets `error` to "cannot save PATH: reason".
bool saveFileAtomically(const std::string &path, std::string_view bytes, std::string *error);

} // namespace convlens
