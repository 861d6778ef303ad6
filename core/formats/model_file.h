// model_file.h — opening a model file: every format ConvLens reads is a ModelFormat (supports, load) in one list,
// as tiled's MapFormat; loadModelFile asks each in turn: project JSON, Python code, ONNX and Keras files. Also the
// project file's writer. Failures name the file and the reason; nothing throws.
#pragma once

#include "model/load.h"

#include <span>
#include <string>
#include <string_view>

namespace convlens {

struct ModelFormat {
    std::string_view name;        // "ConvLens project", "Python code"
    std::string_view extensions;  // for file dialogs: "*.json"
    // Whether this format reads the file: by extension and, where that is ambiguous, by its first bytes.
    bool (*supports)(const std::string &path, std::string_view head);
    LoadResult (*load)(const std::string &path, const LoadOptions &opts);
};

// The formats in the order they are asked; the last one (Python code) takes anything.
std::span<const ModelFormat> modelFormats();

// Opens `path` with the first format that supports it.
LoadResult loadModelFile(const std::string &path, const LoadOptions &opts = {});

// Project file (format "convlens-model", version 1). Saved atomically (QSaveFile); on failure the previous file is
// untouched and `error` says why.
LoadResult loadProjectJson(std::string_view json, const std::string &fileName, const LoadOptions &opts = {});
std::string projectToJson(const Graph &g);
bool saveProjectFile(const Graph &g, const std::string &path, std::string *error);

} // namespace convlens
