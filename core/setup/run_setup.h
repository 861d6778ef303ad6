// run_setup.h — what a forward pass runs on, decided once for the CLI (`run`, `trace`, `bench`) and the app's
// worker: which weights (an explicit weights folder, else the trained `<model>.weights/` folder beside the model file,
// else seeded framework-style initial values), which input (a file, decoded pixels, the first bundled sample digit or
// a seeded random array), and the notes that say so. Plain values in, plain values out; no Runner here.
#pragma once

#include "shape/report.h"
#include "tensor/tensor.h"
#include "tensor/weights.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace convlens {

// ------------------------------------------------------------------------------------------------ weights
// Where trained weights come from.
struct WeightsChoice {
    std::string modelPath;   // the model file; its `<basename>.weights/` folder is used when present
    std::string explicitDir; // `--weights DIR`: used instead, and every array must load
};

struct TrainedWeights {
    WeightSet set;                   // the arrays read (may cover only some layers)
    std::string dir;                 // the folder they came from; empty when none
    std::vector<std::string> errors; // arrays that could not be read (fatal for an explicit folder)
    std::string missingDir;          // the folder the project file names ("weights") when it is absent
    bool explicitFolder = false;
    bool ok() const { return !explicitFolder || errors.empty(); }
};

// The trained-weights folder beside a model file: the one a project file names ("weights"), else the model's
// `<basename>.weights/` ("autoencoder.py" → "autoencoder.weights/"); empty when absent.
std::string weightsFolderBeside(const std::string &modelPath);
// The folder a project file names as its trained weights when it is absent (moved, not copied, deleted); else empty.
std::string missingWeightsFolder(const std::string &modelPath);
TrainedWeights loadTrainedWeights(const ShapeReport &report, const WeightsChoice &choice);
// The trained weights a model file carries (ONNX, Keras .h5/.keras, a tfjs model.json with its shards) or a Keras
// `<model>.weights.h5` beside it: the arrays of every layer they still fit (an edit may have changed some), for a
// project saved from the model to keep as a weights folder (saveWeightsDir with everyLayer false). Empty when the
// weights are a folder (copied as it is) or there are none.
WeightSet carriedWeights(const ShapeReport &report, const std::string &modelPath);

// Whether `w` holds exactly the arrays the layer needs, with their shapes.
bool weightsFitLayer(const LayerWeights &w, const LayerReport &layer, Framework f);

struct ResolvedWeights {
    WeightSet weights;                     // every weighted layer of the report
    std::vector<std::string> seededLayers; // layers that got seeded initial values (no fitting trained arrays)
    std::vector<std::string> trainedLayers;
};
// Trained arrays wherever they fit the layer (an edit may have changed its shape), seeded initial values elsewhere.
ResolvedWeights resolveWeights(const TrainedWeights &trained, const ShapeReport &report, std::uint64_t seed = 0);
// The same, moving the fitting arrays out of `trained` instead of copying them (its `set` is left partial; the rest
// stays valid for weightsNote): for one-shot users such as the exports, which would otherwise hold a model twice.
ResolvedWeights resolveWeights(TrainedWeights &&trained, const ShapeReport &report, std::uint64_t seed = 0);

// One line for the user: "trained weights from autoencoder.weights", "… (2 layers seeded: conv2d, dense)",
// "seeded glorot_uniform initial weights (no trained weights for this model)", "seeded … (the trained weights
// my_lenet.weights are missing)".
std::string weightsNote(const TrainedWeights &trained, const ResolvedWeights &resolved, Framework f);

// ------------------------------------------------------------------------------------------------ input
struct Pixels { // decoded interleaved 8-bit pixels (1 = gray, 3 = RGB), e.g. the app's drawing canvas
    int width = 0, height = 0, channels = 0;
    std::vector<std::uint8_t> data;
};

struct InputChoice {
    enum class Kind {
        SampleDigit,  // the first bundled sample digit (resources/digits), or `path` when set
        File,         // an image or a .npy array at `path`
        Pixels,       // `pixels`
        SeededRandom, // uniform [0, 1) from a fixed seed (bench)
    };
    Kind kind = Kind::SampleDigit;
    std::string path;
    Pixels pixels;
    std::string label; // how notes name it ("your drawing"); default: the file name
};

struct PreparedInputs {
    std::map<std::string, Tensor> tensors; // per Input layer of the report
    std::vector<std::string> notes;        // "using the sample digit 0_0.png", "resized from 640×480 to 28×28", …
    std::string error;                     // the chosen file could not be used (names it and why)
    bool ok() const { return error.empty(); }
};

// The tensors for every Input layer of a resolved report. An image goes to a model with one spatial input; a
// 28×28 image given to a 32×32 input is padded by 2 black pixels instead of resized (MNIST digits as LeNet-5 was
// trained); inputs an image cannot feed get a seeded random array, with a note. A File that cannot be read is an
// error; a SampleDigit that does not fit falls back to the seeded array, with a note.
PreparedInputs prepareInputs(const ShapeReport &report, const InputChoice &choice);

// The bundled sample digits (resource paths, sorted), and the first of them.
std::vector<std::string> sampleDigitPaths();
std::string firstSampleDigit();

} // namespace convlens
