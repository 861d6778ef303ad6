// text_file.h — reading a text model file (Python code, a Keras or ConvLens JSON file) of at most kMaxSourceBytes.
#pragma once

#include <QByteArray>

#include <string>

namespace convlens {

// The whole file in `data`; else the reason, without the path ("cannot open the file: …", "the file is larger than
// 16 MiB"). Allocates what the file holds, not the limit: a pipe or a device (size 0) is read up to the limit.
std::string readTextFile(const std::string &path, QByteArray *data);

} // namespace convlens
