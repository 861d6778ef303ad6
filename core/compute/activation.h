// activation.h — the element-wise functions of report.h's Act enum (and softmax along an axis), as tf.keras 2 and
// torch define them: a scalar double version for the reference and a vectorised float version for the kernels.
#pragma once

#include "shape/report.h"

#include <cstdint>

namespace convlens {

// Reference: one value, in double. Softmax and LogSoftmax are not element-wise (they need an axis: applySoftmax);
// Linear returns x. beta is the second parameter (Hardtanh's max, Softplus' threshold: model/ops.h).
double activateReference(Act a, double alpha, double x, double beta = 0.0);

// Fast, in place, over n contiguous floats. Softmax and LogSoftmax are ignored here (applySoftmax).
void applyActivation(Act a, double alpha, float *x, std::int64_t n, double beta = 0.0);

// Softmax (or its log) over the middle axis of a row-major [outer × axisLen × inner] block, in place
// (max-subtracted).
void applySoftmax(float *x, std::int64_t outer, std::int64_t axisLen, std::int64_t inner, bool log = false);

// Whether the activation is element-wise (everything but Softmax and LogSoftmax).
inline bool isElementwise(Act a) { return a != Act::Softmax && a != Act::LogSoftmax; }

} // namespace convlens
