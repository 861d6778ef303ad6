// onnx_export.h — writing a model as an ONNX file (opset 13, weights included) that computes what ConvLens' own
// forward pass computes. Built from the resolved numbers of the ShapeReport (padding per side, ceil_mode, pad kinds),
// never from re-derived arithmetic, and from the weights the forward pass uses.
//
// Layout: the file is NCHW, the ONNX convention. A Keras model's (H, W, C) maps are declared and computed as
// (N, C, H, W) — the layout ConvLens' own tensors use inside (tensor/tensor.h) — so the file's input and outputs are
// the Keras tensors transposed to channels first; kernels are rearranged (HWIO → OIHW, HWCM → grouped OIHW,
// HWOI → IOHW) and a Dense after a Flatten of an (H, W, C) map has its kernel rows permuted to the (C, H, W) order
// the NCHW Flatten gives. Tensors of any other rank keep the framework's axis order. docs/onnx.md lists the mapping.
//
// A layer that ONNX opset 13 cannot express exactly refuses the whole export, naming the layer and why: never a file
// that computes something else.
#pragma once

#include "shape/report.h"
#include "tensor/weights.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace onnx {
class ModelProto;
}

namespace convlens {

struct OnnxExport {
    std::shared_ptr<const onnx::ModelProto> model; // null when refused
    std::string error;              // why it cannot be exported, naming the layer; empty on success
    std::vector<std::string> notes; // layout choices worth telling the user ("input declared NCHW", …)
    int nodes = 0;                  // ONNX nodes written
    std::int64_t weights = 0;       // float32 weight elements written (kernels, biases, statistics)
    bool ok() const { return error.empty(); }

    // Writes the file atomically (formats/save_file.h), serializing straight into it: the model is never held a
    // second time as bytes.
    bool save(const std::string &path, std::string *saveError) const;
    std::string serialize() const; // the file's bytes (tests)
};

// `report` is infer(graph) and must resolve. `weights` holds every weighted layer's arrays in the framework's layout
// (setup/run_setup.h resolveWeights gives the ones the forward pass uses); pass it with std::move where the caller
// is done with it: each layer's arrays are released once written, so the model is held twice at most (the protobuf
// and its serialized bytes), not three or four times. `source` names the model in the file's doc string; may be empty.
OnnxExport exportOnnx(const ShapeReport &report, WeightSet weights, const std::string &source = {});

} // namespace convlens
