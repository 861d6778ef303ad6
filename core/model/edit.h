// graph_edit.h — the structural edits the layer stack offers, as pure functions on a Graph: insert, remove, move,
// duplicate, rename, reconnect. The stack reads like a Keras Sequential model, so these keep the "chain": a layer
// inserted between A and B takes A as input and B then takes the new layer; a removed layer is spliced out (its
// consumers take its first input). Skip connections (inputs that are not the layer just above) are kept by name.
// Every function leaves producers before consumers, or refuses with a message and leaves the graph untouched.
// No widgets and no shape arithmetic here: starter values read shapes from a ShapeReport.
#pragma once

#include "model/graph.h"
#include "shape/report.h"

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace convlens::edit {

// A name not yet used in g: tf.keras style (`conv2d`, `conv2d_1`, …) from `base`.
std::string uniqueName(const Graph &g, const std::string &base);

// A new layer of `kind` ready to be inserted at `position`: required parameters get starter values (filters 16,
// kernel 3; PyTorch in_channels/num_features/in_features from the output shape of the layer above, read from
// `report`), inputs are filled in by insertLayer. The name is left empty when `autoName` and filled by insertLayer.
Layer makeLayer(const Graph &g, const ShapeReport &report, const KindDef &kind, int position);

// Inserts `layer` at `position` (0…size) and splices it into the chain. An empty name is replaced by a unique one.
// Returns the final name, or empty with *error set.
std::string insertLayer(Graph &g, int position, Layer layer, std::string *error);

// Removes the named layers, splicing each out of the chain. Refuses to remove an input that other kept layers use.
bool removeLayers(Graph &g, const std::set<std::string> &names, std::string *error);

// Moves the layers at `rows` so that they sit, in their current relative order, before the layer that is at `dest`
// now (dest = size: to the end). Moved single-input layers re-chain to the layer above them at the new place.
bool moveLayers(Graph &g, std::vector<int> rows, int dest, std::string *error);

// Inserts a copy of each named layer right after it. Returns the new names (empty + *error on refusal).
std::vector<std::string> duplicateLayers(Graph &g, const std::vector<std::string> &names, std::string *error);

// Renames a layer and every reference to it.
bool renameLayer(Graph &g, const std::string &from, const std::string &to, std::string *error);

// Replaces a layer's inputs; each must be a layer above it, and the count must suit its kind.
bool setInputs(Graph &g, const std::string &layer, const std::vector<std::string> &inputs, std::string *error);

// A shape as a parameter value: (224, 224, 3).
ParamValue shapeValue(const Shape &s);

// Applies --input-shape to a graph's only Input layer; nullopt, or why it cannot (none, or several inputs).
std::optional<std::string> overrideInputShape(Graph &g, const Shape &shape);

// True when every non-input layer of a PyTorch graph is named by its Sequential index ("0", "1", …).
bool hasTorchIndexNames(const Graph &g);
// Renames the non-input layers of a PyTorch graph to their Sequential index, updating references.
void renumberTorchLayers(Graph &g);

// Producers-before-consumers and names/inputs consistent (what every edit guarantees).
bool isWellOrdered(const Graph &g, std::string *error = nullptr);

} // namespace convlens::edit
