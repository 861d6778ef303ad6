// python_code.h — the entry point for model code: Keras Python code or PyTorch code, pasted or from a .py file.
// Detects the framework, parses, and hands the module to that framework's recorder. Failures name the file, the
// line and what was expected; nothing throws.
#pragma once

#include "model/load.h"

#include <string>
#include <string_view>

namespace convlens {

Framework detectFramework(std::string_view pythonSource);
LoadResult importPythonCode(std::string_view source, const std::string &fileName, const LoadOptions &opts = {});

// Code larger than this is refused before parsing.
inline constexpr long long kMaxSourceBytes = 16 << 20;

} // namespace convlens
