// save_file.h — writing a whole file atomically (QSaveFile): the bytes reach the disk in full and then replace the
// old file, or the old file stays as it was and the error says why. Project files, exported code and ONNX files are
// all saved this way.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace convlens {

// On failure returns false and sets `error` to "cannot save PATH: reason".
bool saveFileAtomically(const std::string &path, std::string_view bytes, std::string *error);

// The same for content written in pieces, never whole in memory (a 528 MB ONNX file): `produce` calls the sink with
// each piece, and stops when it returns false (a failed write) or on a failure of its own (it then sets `why`).
using ByteSink = std::function<bool(const char *data, std::int64_t size)>;
using ByteProducer = std::function<bool(const ByteSink &sink, std::string *why)>;
bool saveFileAtomically(const std::string &path, const ByteProducer &produce, std::string *error);

} // namespace convlens
