// mnist_digit.h — a hand-drawn digit prepared the way the MNIST digits were (LeCun, Cortes & Burges): the ink's
// bounding box scaled, aspect ratio kept and anti-aliased, to fit a 20×20 box, then placed in a 28×28 field so that
// its centre of mass sits at the field's centre. A network trained on MNIST has only seen digits like that; a digit
// drawn small, large or off-centre is otherwise read as something else (a clear 7 drawn in a corner came out as 2).
// Used by the app's drawing canvas; plain pixels in and out, so the CLI can prepare a drawing the same way.
#pragma once

#include "setup/run_setup.h"

namespace convlens {

inline constexpr int kMnistSize = 28; // the field
inline constexpr int kMnistBox = 20;  // the box the digit's larger side is scaled to

// `drawing`: 8-bit gray pixels (channels 1), white ink on black, any size. Returns the 28×28 gray digit; a drawing
// without ink comes back as an empty (black) field.
Pixels centreLikeMnist(const Pixels &drawing);

} // namespace convlens
