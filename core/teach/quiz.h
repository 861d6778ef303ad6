// quiz.h — "predict the shape" (Teach ▸ Quiz): a student's prediction of a layer's output size (H, W, C) or of its
// padding per side, checked against the shape engine's report; a wrong answer gets the layer's formula with its own
// numbers and, where one explains the answer, the term the student missed ("strides default to pool_size",
// "padding is added on both sides", "TensorFlow puts the odd pad at the bottom/right"). The diagnosis recomputes the
// axis with each common mistake (shape/dims.h) and names the first one that gives the student's number.
//
// Also the random quiz: a small Keras model with odd sizes, stride 2 and 'same', its PyTorch twin (model/translate),
// and questions on both, for a side-by-side comparison.
//
// The words go through QCoreApplication::translate (context "Quiz"): the app's zh_CN translation covers them.
#pragma once

#include "model/graph.h"
#include "shape/report.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace convlens::teach {

using i64 = std::int64_t;

// Whether a layer can be asked about: `OutputShape` needs a resolved (H, W, C) output; `Padding` a convolution or
// pooling layer that resolved (its padding per side is in the report).
bool quizzable(const LayerReport &layer, QuizQuestion::Ask ask);

// The answer as (H, W, C) whatever the framework's layout, or (top, bottom, left, right).
struct QuizFeedback {
    bool right = false;
    std::vector<bool> fieldRight; // H, W, C — or top, bottom, left, right
    std::vector<i64> expected;    // in the same order
    std::string formula;          // the layer's formula with its numbers (the report's)
    std::vector<std::string> missed; // the terms the answer missed, one sentence each; empty when none is known
    std::string error;            // the question cannot be checked (no such layer, the layer is refused, …)
};

QuizFeedback checkShape(const Graph &g, const ShapeReport &report, const std::string &layer,
                        const std::array<i64, 3> &hwc);
QuizFeedback checkPadding(const Graph &g, const ShapeReport &report, const std::string &layer, const Pad4 &pad);

// The output (H, W, C) of a layer in the framework's layout read as height, width, channels; nullopt unless rank 3.
std::optional<std::array<i64, 3>> outputHwc(const LayerReport &layer, Framework fw);

// The layer as its framework writes it, parameters in the catalogue's order, as given (defaults left out):
// "Conv2D(filters=8, kernel_size=3, strides=2, padding='same')", "MaxPool2d(kernel_size=2)".
std::string layerCall(const Graph &g, const Layer &layer);

// A random quiz (seeded, so a class can regenerate the same one): an odd input size (15…63), two to four
// convolution and pooling layers with stride 2, 'same' and 'valid', pooling with its default strides, maybe a
// dilation; one question per layer on the output shape, and one on the padding of each 'same' layer. `keras` is the
// Keras model, `pytorch` the same model in PyTorch's vocabulary (equal sizes; the padding questions show where the two
// place the odd pad differently). Both resolve.
struct RandomQuiz {
    Graph keras, pytorch;
};
RandomQuiz randomQuiz(std::uint32_t seed);

} // namespace convlens::teach
