// model_output.h — what the Input dock says about the model's answer, as plain values (tested without widgets): for a
// classifier (a rank-1 output of a few units), the predicted class and the top probabilities — undefined, not class 0,
// when the output holds NaN or ±∞; for an image-to-image model of the input's size (an autoencoder), that the output
// is a reconstruction to show beside the input. Also the image of a spatial tensor, for the dock and the views.
#pragma once

#include "shape/report.h"
#include "tensor/tensor.h"

#include <QImage>
#include <optional>
#include <vector>

namespace convlens {

struct ClassScore {
    int index = 0;
    double probability = 0;
};

struct Prediction {
    bool defined = false;       // false: the output holds NaN or ±∞, so there is no class to name
    bool fromLogits = false;    // the output is not a distribution: the probabilities are its softmax
    std::vector<ClassScore> top; // best first; empty when undefined
};

// The prediction for a classifier's output: a rank-1 tensor of 2 … 1000 units. nullopt for anything else. Ties keep
// the lower class first, as argmax does.
std::optional<Prediction> predictClasses(const Tensor &output, int k = 3);

// Whether `output` redraws `input`: both spatial with the same height, width and channels (1 or 3).
bool isReconstruction(const Tensor &input, const Tensor &output);

// A spatial tensor as an image: gray for one channel, RGB for three, else channel 0; values scaled from [lo, hi] with
// lo ≤ 0 and hi ≥ 1 (so images in [0, 1] stay as they are); non-finite values black. Null for non-spatial tensors.
QImage tensorImage(const Tensor &t);

} // namespace convlens
