// merge_fix.h — why a Concatenate/Add (torch.cat/add) is refused when its branches reach it with different spatial
// sizes, and the exact crop that fixes it. The framework's own message ("A `Concatenate` layer requires inputs with
// matching shapes…") says only that the sizes differ; this names where the branches split, the layers that shrank
// one of them (valid convolutions and pools that drop a border) and the Cropping2D (PyTorch: ZeroPad2d with negative
// padding) that makes them agree, centred as the original U-Net crops its skip connections. applyMergeFix performs it.
//
// A pure analysis of a Graph and its ShapeReport, run after infer() by the app and the CLI summary alike, so both
// print the same text; it never changes a shape rule.
#pragma once

#include "model/graph.h"
#include "shape/report.h"

#include <optional>
#include <string>
#include <vector>

namespace convlens {

// Rows and columns cut from one input of the merge (all ≥ 0).
struct MergeCrop {
    std::string input; // the merge input that is too large
    Pad4 crop;
};

struct MergeFix {
    std::string merge;             // the refused merge layer
    std::string splitAt;           // where the branches part (their last common layer); empty when none
    std::vector<std::string> shrunkBy; // layers on a branch that dropped border pixels (valid windows), up to 3
    std::vector<MergeCrop> crops;
    std::string text; // the whole story and the fix, for LayerReport::fix
};

// The fix for the refused merge at `layerIndex`, when the only disagreement is in the spatial sizes and cropping
// the larger inputs to the smallest makes them agree; nullopt otherwise (channels differ, rank differs, …).
std::optional<MergeFix> mergeFix(const Graph &graph, const ShapeReport &report, int layerIndex);

// Replaces the `fix` of every refused merge that mergeFix can fix with its text.
void explainMergeRefusals(const Graph &graph, ShapeReport &report);

// Inserts the crops of `fix` between each too-large input and the merge (Cropping2D / ZeroPad2d named as the
// framework would). Returns the names of the new layers; empty with *error when the graph no longer fits the fix.
std::vector<std::string> applyMergeFix(Graph &graph, const MergeFix &fix, std::string *error);

} // namespace convlens
