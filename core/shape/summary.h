// summary.h — the rows model.summary() shows. A Keras model used as a layer (every layer of one Layer::scope
// segment "name:Type", over all its calls) is one row, with its own rows inside (Keras' expand_nested); a Keras layer called
// several times (shared weights: one Layer::modulePath) is one row. The graph keeps one node per call, so shapes,
// the forward pass and the step player run through nested models; only the listing folds them. PyTorch rows are
// the report's own (torch.fx lists a module called twice twice).
#pragma once

#include "shape/report.h"

#include <memory>
#include <vector>

namespace convlens {

struct SummaryRow {
    std::string name;                // the layer's name, a shared layer's first name, or the nested model's name
    std::vector<std::string> inputs; // the rows feeding it, named as the rows at its depth are
    // The report behind the row: the layer's own in the ShapeReport (a shared layer's first call; not copied, so the
    // rows live as long as that report), or for a nested model one made here: its type ("Sequential",
    // "Functional"), the output of its first call, its parameters (each shared layer once), the sum of its MACs, and
    // the status of its worst layer (a refusal names the layer).
    const LayerReport &report() const { return *layer; }
    const LayerReport *layer = nullptr;
    std::unique_ptr<const LayerReport> own; // a nested model's report (`layer` points at it)
    std::vector<SummaryRow> inner;          // a nested model's rows (empty for a layer)
    bool nested() const { return own != nullptr; }
    std::string outputLayer;                // the graph layer whose output is this row's (a nested model's first call)
};

std::vector<SummaryRow> summaryRows(const Graph &graph, const ShapeReport &report);

} // namespace convlens
