// model_loader.h — turning text into a Graph: Keras Python code, PyTorch nn.Sequential code, project JSON files.
// Failures name the file, the line (1-based) and what was expected; they never throw.
#pragma once

#include "model/graph.h"
#include "shape/report.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace convlens {

struct LoadError {
    std::string file;     // as given by the caller ("<pasted>" for pasted code)
    int line = 0;         // 1-based; 0 when not tied to a line
    int column = 0;       // 1-based; 0 when unknown
    std::string message;  // "unknown layer 'Conv3x'; expected one of Conv2D, …"
    std::string toString() const; // "file:line:column: message" (parts omitted when 0)
};

struct LoadResult {
    std::optional<Graph> graph;    // validated, ordered, every layer named (validateAndOrder + assignDefaultNames)
    std::optional<LoadError> error;
    std::vector<std::string> notes; // "line 42: skipped model.compile(...) (does not build the model)"
    bool ok() const { return graph.has_value(); }
};

struct LoadOptions {
    std::optional<Framework> framework;  // force; otherwise detected (code mentioning torch/nn. is PyTorch)
    std::optional<Shape> inputShape;     // PyTorch: (C, H, W), required for code; Keras: (H, W, C) overrides Input
};

Framework detectFramework(std::string_view pythonSource);
LoadResult importPythonCode(std::string_view source, const std::string &fileName, const LoadOptions &opts = {});
LoadResult loadProjectJson(std::string_view json, const std::string &fileName, const LoadOptions &opts = {});
// By extension: .json → project, .py/.txt/anything else → Python code. Reads at most 16 MiB.
LoadResult loadModelFile(const std::string &path, const LoadOptions &opts = {});

// Project file (format "convlens-model", version 1). Saved atomically (QSaveFile); on failure the previous file is
// untouched and `error` says why.
std::string projectToJson(const Graph &g);
bool saveProjectFile(const Graph &g, const std::string &path, std::string *error);

} // namespace convlens
