// onnx_model.h — ONNX model files (.onnx, opsets 9–18, initializers inline or in external data beside the file):
// the graph as PyTorch rows, one row per ONNX node (named after the node), and the initializers as the rows'
// trained weights. Constant subgraphs (Shape → Gather → Concat …) are folded into the parameters that use them.
// An op ConvLens does not map becomes a refused row naming its op type (an Identity row whose parameter
// `refused_by_reader` holds the message, which shape inference reports); a file that cannot be read is a failure
// naming the file and the reason. docs/onnx.md lists the mapping.
#pragma once

#include "model/load.h"
#include "tensor/weights.h"

#include <string>
#include <string_view>
#include <vector>

namespace convlens {

// Whether the file's name says ONNX (".onnx").
bool isOnnxFile(const std::string &path);

// The graph (shapes only; weights are not decoded).
LoadResult loadOnnxModel(const std::string &path, const LoadOptions &opts = {});

struct OnnxWeights {
    WeightSet set;                   // row name → arrays in torch layout ("weight" OIHW, "bias", "running_mean" …)
    std::vector<std::string> errors; // the file could not be read, or an array disagrees with its declared size
};
// The initializers of the rows loadOnnxModel(path) makes, as PyTorch weights of those rows.
OnnxWeights loadOnnxWeights(const std::string &path, const LoadOptions &opts = {});

} // namespace convlens
