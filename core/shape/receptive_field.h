// receptive_field.h — which cells of the model input an output cell of any layer depends on, walked back through the
// whole graph: conv and pooling windows (stride, dilation, padding, ceil_mode), transposed convolutions, upsampling
// (nearest and bilinear: only the source cells with a non-zero weight), zero padding and cropping, spatial and
// channel concatenation, additions (the union of the branches), element-wise layers. Flatten, Dense on vectors,
// Reshape and global pooling depend on every cell.
//
// Spatial only: a cell depends on an input position if the value of ANY channel there can change the value of ANY
// channel of the output cell (assuming non-zero weights). The result is exact as a set (`mask`, dilation holes
// included) and as its bounding rectangle, clipped to the input; the player highlights either.
#pragma once

#include "shape/report.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace convlens {

// Inclusive cell rectangle; empty when bottom < top or right < left.
struct CellRect {
    std::int64_t top = 0, left = 0, bottom = -1, right = -1;
    bool empty() const { return bottom < top || right < left; }
    bool operator==(const CellRect &) const = default;
};

struct ReceptiveRegion {
    std::string input; // the model input layer's name
    std::int64_t height = 0, width = 0;
    CellRect bounds;                // bounding rectangle of the cells depended on (empty: none)
    std::vector<std::uint8_t> mask; // height × width, row-major: 1 where the output depends on that input cell
};

// The receptive field of output cells `cells` (clipped to the layer's map) of layer `layerIndex` (report order), one
// region per model input layer (report order). nullopt with *error when the layer has no shape, its output is not a
// spatial map (after Flatten/Dense/global pooling) or the rectangle misses the map.
std::optional<std::vector<ReceptiveRegion>> receptiveField(const ShapeReport &report, int layerIndex,
                                                           const CellRect &cells, std::string *error = nullptr);
// One output cell (row, col).
std::optional<std::vector<ReceptiveRegion>> receptiveField(const ShapeReport &report, int layerIndex, std::int64_t row,
                                                           std::int64_t col, std::string *error = nullptr);

} // namespace convlens
