// semantics_switch.h — rewriting a model in the other framework's vocabulary (Keras ⇄ PyTorch) so that every layer
// keeps its output shape: Conv2D(16, 3, padding='same') ⇄ Conv2d(C, 16, 3, padding=1), a fused activation becomes
// its own layer, padding Keras cannot express becomes ZeroPadding2D, and so on. Built from the resolved numbers in
// the ShapeReport (never from re-derived arithmetic), so the model must resolve first. Layers with no counterpart in
// the other framework's catalogue refuse the whole switch, naming them.
#pragma once

#include "model/graph.h"
#include "shape/report.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace convlens {

struct SemanticsSwitch {
    std::optional<Graph> graph;        // the converted model (validated order, framework-style names)
    std::vector<std::string> notes;    // what differs beyond shapes (padding values, flatten order, param counts)
    // Why a layer of the converted model is written the way it is, where the other framework could not say the same
    // thing directly (an asymmetric ZeroPad2d for Keras 'same' with stride 2, …): new layer name → one sentence.
    // Code exporters write it as a comment above the layer.
    std::map<std::string, std::string> layerNotes;
    // Where each layer of the converted model comes from (new layer → source layer), and which new layer gives each
    // source layer's output (source → new): so a problem found in the converted model can name the layer the user
    // wrote, and shapes can be compared layer by layer.
    std::map<std::string, std::string> sourceOf, tailOf;
    std::string error;                 // why it cannot be converted
};

SemanticsSwitch switchSemantics(const Graph &graph, const ShapeReport &report, Framework to);

} // namespace convlens
