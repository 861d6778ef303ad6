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
// untouched and `error` says why. `weightsFolder` (optional key "weights"): the folder name, beside the project, of
// the trained weights the project runs on ("my_lenet.weights"), so that opening it without them can say so.
LoadResult loadProjectJson(std::string_view json, const std::string &fileName, const LoadOptions &opts = {});
std::string projectToJson(const Graph &g, const std::string &weightsFolder = {});
bool saveProjectFile(const Graph &g, const std::string &path, std::string *error, const std::string &weightsFolder = {});

// The "weights" folder name a project file names (empty when the file is no project file or names none).
std::string projectWeightsFolder(const std::string &projectPath);

} // namespace convlens
