// weights_dir.h — a weights directory of .npy files, one per array, named as the framework names it (DESIGN.md
// contract: Keras `<layer>.<weight>.npy`, PyTorch `<state_dict key>.npy`).
#pragma once

#include "tensor/weights.h"

#include <string>
#include <vector>

namespace convlens {

struct WeightsDirResult {
    WeightSet weights;                 // the arrays read (only the layers of the report)
    std::vector<std::string> errors;   // "dir/conv2d.kernel.npy: expected shape (3, 3, 1, 16), found (3, 3, 1)"
    std::vector<std::string> ignored;  // files of the directory nothing asked for (e.g. num_batches_tracked)
    bool ok() const { return errors.empty(); }
};

// Reads one .npy per expected array from `dir` (float32 or float64, C order; anything else is refused with the file
// name and the reason). A missing file is an error naming the file and the expected shape.
WeightsDirResult loadWeightsDir(const std::string &dir, const ShapeReport &report);

// Writes every expected array of the report as float32 .npy (creating `dir`); torch BatchNorm2d also gets
// "<layer>.num_batches_tracked.npy" (int64 0). Each file is written atomically. With `everyLayer` false, only the
// layers `set` holds are written (each must still be complete): the trained layers of an edited model.
bool saveWeightsDir(const WeightSet &set, const ShapeReport &report, const std::string &dir, std::string *error,
                    bool everyLayer = true);

} // namespace convlens
