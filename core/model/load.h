// load.h — what every reader of models returns: a validated Graph, or an error naming the file, the line and what
// was expected, plus the notes a reader leaves (skipped lines, assumptions). Importers of code and readers of files
// both produce it; nothing here reads anything.
#pragma once

#include "model/graph.h"

#include <optional>
#include <string>
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

    static LoadResult failure(const std::string &file, int line, int column, std::string message);
};

struct LoadOptions {
    std::optional<Framework> framework;  // force; otherwise detected (code mentioning torch/nn. is PyTorch)
    std::optional<Shape> inputShape;     // PyTorch: (C, H, W), required for code; Keras: (H, W, C) overrides Input
    std::optional<std::string> call;     // code: the expression that builds the model (`--call "Net(10)"`) when the
                                         // code defines a builder or a class and does not use it
};

} // namespace convlens
