// activation.h — the element-wise functions of report.h's Act enum (and softmax along an axis), as tf.keras 2 and
// torch define them: a scalar double version for the reference and a vectorised float version for the kernels.
#pragma once

#include "shape/report.h"

#include <cstdint>

namespace convlens {

// Reference: one value, in double. Softmax is not element-wise (it needs an axis: applySoftmax); Linear returns x.
double activateReference(Act a, double alpha, double x);

// Fast, in place, over n contiguous floats. Softmax is ignored here (it needs an axis: applySoftmax).
void applyActivation(Act a, double alpha, float *x, std::int64_t n);

// Softmax over the middle axis of a row-major [outer × axisLen × inner] block, in place (max-subtracted).
void applySoftmax(float *x, std::int64_t outer, std::int64_t axisLen, std::int64_t inner);

// Whether the activation is element-wise (everything but Softmax).
inline bool isElementwise(Act a) { return a != Act::Softmax; }

} // namespace convlens
