// keras_model.h — Keras model files: the JSON of `model.to_json()` (tf.keras 2 and Keras 3 spellings), legacy HDF5
// (`model.save('x.h5')`: a `model_config` attribute and a `model_weights` group), Keras 3 `.keras` zips
// (config.json + model.weights.h5) and TensorFlow.js `model.json` with its weight shards. The config becomes Keras
// code that the Keras code importer reads (one mapping of Keras classes to catalogue kinds, not two); a class it
// does not know becomes a refused row naming the class (an Activation row whose parameter `refused_by_reader` holds
// the message), not a failed load. The weights are the rows' trained weights, in Keras layout. docs/keras-files.md
// lists the layouts and attribute names followed.
#pragma once

#include "model/load.h"
#include "shape/report.h"
#include "tensor/weights.h"

#include <string>
#include <string_view>
#include <vector>

namespace convlens {

// Whether the file is one of these Keras files: `.keras`, `.h5` / `.hdf5` (by HDF5 signature or name), or a `.json`
// whose first bytes are a Keras config (`"class_name"`, `"module"`) or a TensorFlow.js model (`"modelTopology"`).
bool isKerasFile(const std::string &path, std::string_view head);
bool isKerasFile(const std::string &path); // reads the first bytes itself

// The graph (shapes only; weights are not read).
LoadResult loadKerasModel(const std::string &path, const LoadOptions &opts = {});

struct KerasWeights {
    WeightSet set;                   // row name → arrays in Keras layout ("kernel" HWIO, "bias", "gamma" …)
    std::vector<std::string> errors;  // the file's weights could not be read (a missing dataset or shard, a
                                      // truncated file, another dtype): the file is broken
    std::vector<std::string> misfits; // read, but not the model's: a wrong shape, a missing array or layer, a layer
                                      // the model lacks (also what an edit of the model causes)
    bool carriesWeights = false;      // the file has weights at all (a bare JSON has none)
};
// The weights a Keras file carries (.h5, .keras, tfjs model.json + shards) for the rows of `report`, which was
// inferred from loadKerasModel(path). A JSON without weights gives an empty set and no error.
KerasWeights loadKerasWeights(const std::string &path, const ShapeReport &report);
// A weights-only HDF5 file (tf.keras 2 `save_weights` .h5 or Keras 3 `.weights.h5`) for the rows of `report`, a
// model read from code or from the Keras JSON `modelPath` (whose config names the layers of an old Keras 3 file).
KerasWeights loadKerasWeightsFile(const std::string &weightsPath, const std::string &modelPath,
                                  const ShapeReport &report);
// `<model>.weights.h5` beside a model's JSON or code (`net.json` → `net.weights.h5`), or "" when there is none.
std::string kerasWeightsBeside(const std::string &modelPath);

} // namespace convlens
