// save_file.h — writing a whole file atomically (QSaveFile): the bytes reach the disk in full and then replace the
// old file, or the old file stays as it was and the error says why. Project files, exported code and ONNX files are
// all saved this way.
#pragma once

#include <string>
#include <string_view>

namespace convlens {

// On failure returns false and sets `error` to "cannot save PATH: reason".
bool saveFileAtomically(const std::string &path, std::string_view bytes, std::string *error);

} // namespace convlens
