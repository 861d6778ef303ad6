// code_export.h — writing a model as Python code a user can run: Keras code (a Sequential where the graph is a chain,
// otherwise the functional API) or PyTorch code (an nn.Sequential where the graph is a chain, otherwise an nn.Module
// class with __init__ and forward). A model of the other framework is first rewritten by switchSemantics
// (model/translate.h), so every layer keeps its output shape; where the target framework cannot say what the source
// means directly (Keras 'same' with stride 2 pads one more row/column at the bottom/right than PyTorch's padding=),
// the code spells it out (an explicit asymmetric nn.ZeroPad2d) with a comment saying why. A layer that cannot be
// expressed refuses the export with its name and the reason: never code that builds a different model.
#pragma once

#include "model/graph.h"
#include "shape/report.h"

#include <string>
#include <vector>

namespace convlens {

struct CodeExport {
    std::string code;               // the Python source; empty when refused
    std::string error;              // why it cannot be exported, naming the layer; empty on success
    std::vector<std::string> notes; // what differs from the source model beyond shapes (from the translation)
    Graph graph;                    // the model the code builds, in the target framework's vocabulary
    Shape inputShape;               // the (first) model input, in the target layout: PyTorch code declares none, so
                                    // importing it back needs this as --input-shape
    bool ok() const { return error.empty(); }
};

// `report` is infer(graph). `source` names the model in the header comment ("lenet5.py"); may be empty.
CodeExport exportCode(const Graph &graph, const ShapeReport &report, Framework to, const std::string &source = {});

} // namespace convlens
