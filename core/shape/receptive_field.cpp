// receptive_field.cpp — dependency masks walked backwards through the report, layer by layer. Masks, not rectangles:
// with dilation near a border the cells between taps matter, and a rectangle carried from layer to layer would
// overestimate (a bounding box of a sparse set picks up cells whose own windows reach further). Per-axis index maps
// keep it cheap: every spatial rule here is separable (row dependencies × column dependencies).
#include "shape/receptive_field.h"
#include "shape/resize.h"

#include "shape/dims.h"

#include <algorithm>
#include <cmath>

namespace convlens {

namespace {

using i64 = std::int64_t;
using AxisMap = std::vector<std::vector<i64>>; // output index → input indices it depends on

struct Mask {
    bool spatial = false;
    i64 H = 0, W = 0;
    std::vector<std::uint8_t> m; // spatial: H×W
    bool any = false;            // non-spatial: depends on something
    bool empty() const { return spatial ? std::find(m.begin(), m.end(), std::uint8_t(1)) == m.end() : !any; }
    void markAll()
    {
        if (spatial)
            std::fill(m.begin(), m.end(), std::uint8_t(1));
        any = true;
    }
};

Mask makeMask(Framework f, const Shape &s)
{
    Mask k;
    if (s.size() == 3) {
        k.spatial = true;
        k.H = f == Framework::Keras ? s[0] : s[1];
        k.W = f == Framework::Keras ? s[1] : s[2];
        k.m.assign(size_t(k.H * k.W), 0);
    }
    return k;
}

// Framework-layout axis (no batch) of a rank-3 tensor → 0 rows, 1 columns, -1 channels.
int spatialAxis(Framework f, i64 axis)
{
    if (f == Framework::Keras)
        return axis == 0 ? 0 : axis == 1 ? 1 : -1;
    return axis == 1 ? 0 : axis == 2 ? 1 : -1;
}

AxisMap identityMap(i64 n)
{
    AxisMap m(static_cast<size_t>(n));
    for (i64 i = 0; i < n; ++i)
        m[size_t(i)] = {i};
    return m;
}

// Conv / pooling window: output o reads o·s − before + k·d, k < K, where inside [0, in).
AxisMap windowMap(i64 out, i64 in, i64 K, i64 s, i64 d, i64 before)
{
    AxisMap m(static_cast<size_t>(out));
    for (i64 o = 0; o < out; ++o)
        for (i64 k = 0; k < K; ++k) {
            const i64 i = o * s - before + k * d;
            if (i >= 0 && i < in)
                m[size_t(o)].push_back(i);
        }
    return m;
}

// Transposed conv: input i writes canvas i·s + k·d, i.e. output i·s + k·d − before.
AxisMap transposedMap(i64 out, i64 in, i64 K, i64 s, i64 d, i64 before)
{
    AxisMap m(static_cast<size_t>(out));
    for (i64 i = 0; i < in; ++i)
        for (i64 k = 0; k < K; ++k) {
            const i64 o = i * s + k * d - before;
            if (o >= 0 && o < out)
                m[size_t(o)].push_back(i);
        }
    return m;
}

// As compute/reference.cpp's upsample: nearest the one source cell of dims::nearestSourceOf; bilinear half-pixel or align_corners sources,
// keeping only the neighbours whose weight is not zero. When the scale is the ratio in/out (a size, or a whole
// factor), the source is computed as an exact fraction: in floating point (o + ½)·⅓ − ½ comes out a hair off 0 and
// would give a neighbour a weight of 1e-8 that the framework's exact formula does not have.
AxisMap upsampleMap(const LayerReport &l, int axis, i64 out, i64 in)
{
    const double factor = l.spec.scale[size_t(axis)];
    const bool alignCorners = l.spec.alignCorners;
    AxisMap m(static_cast<size_t>(out));
    const bool factorGiven = factor > 0 && i64(std::floor(double(in) * factor)) == out;
    const bool ratio = !factorGiven || std::fabs(double(in) * factor - double(out)) < 1e-9;
    for (i64 o = 0; o < out; ++o) {
        if (l.spec.interpolation == Interp::Nearest) {
            m[size_t(o)] = {dims::nearestSourceOf(l, axis, in, out, o)};
            continue;
        }
        i64 i0 = 0;
        bool between = false; // the source lies strictly between i0 and i0 + 1
        if (alignCorners || ratio) {
            // source = num / den ≥ 0 exactly
            i64 num = 0, den = 1;
            if (alignCorners) {
                num = out > 1 ? o * (in - 1) : 0;
                den = out > 1 ? out - 1 : 1;
            } else { // (o + ½)·in/out − ½ = ((2o + 1)·in − out) / (2·out), clamped at 0
                num = std::max<i64>(0, (2 * o + 1) * in - out);
                den = 2 * out;
            }
            i0 = num / den;
            between = num % den != 0;
        } else {
            const double src = dims::bilinearSource<double>(in, out, o, factor, false);
            i0 = i64(src);
            between = src != double(i0);
        }
        i0 = std::min(i0, in - 1);
        m[size_t(o)].push_back(i0);
        if (between && i0 + 1 < in)
            m[size_t(o)].push_back(i0 + 1);
    }
    return m;
}

AxisMap adaptiveMap(i64 out, i64 in)
{
    AxisMap m(static_cast<size_t>(out));
    for (i64 o = 0; o < out; ++o) {
        const i64 a = i64(std::floor(double(o * in) / double(out))),
                  b = i64(std::ceil(double((o + 1) * in) / double(out)));
        for (i64 i = a; i < b; ++i)
            m[size_t(o)].push_back(i);
    }
    return m;
}

AxisMap shiftMap(i64 out, i64 in, i64 shift) // output o reads o + shift where inside
{
    AxisMap m(static_cast<size_t>(out));
    for (i64 o = 0; o < out; ++o)
        if (o + shift >= 0 && o + shift < in)
            m[size_t(o)] = {o + shift};
    return m;
}

// A padded axis: border cells read nothing (constant) or the mirrored or repeated input cell.
AxisMap padMap(i64 out, i64 in, i64 shift, PadMode mode)
{
    AxisMap m(static_cast<size_t>(out));
    for (i64 o = 0; o < out; ++o) {
        const i64 i = o + shift;
        switch (mode) {
        case PadMode::Constant:
            if (i >= 0 && i < in)
                m[size_t(o)] = {i};
            break;
        case PadMode::Reflect: m[size_t(o)] = {dims::reflectIndex(i, in)}; break;
        case PadMode::Replicate: m[size_t(o)] = {dims::replicateIndex(i, in)}; break;
        case PadMode::Circular: m[size_t(o)] = {dims::circularIndex(i, in)}; break;
        case PadMode::Symmetric: m[size_t(o)] = {dims::symmetricIndex(i, in)}; break;
        }
    }
    return m;
}

void applySeparable(const Mask &out, Mask &in, const AxisMap &rows, const AxisMap &cols)
{
    for (i64 y = 0; y < out.H; ++y)
        for (i64 x = 0; x < out.W; ++x) {
            if (!out.m[size_t(y * out.W + x)])
                continue;
            for (i64 iy : rows[size_t(y)])
                for (i64 ix : cols[size_t(x)])
                    in.m[size_t(iy * in.W + ix)] = 1;
        }
}

// Mixes along one axis (softmax over rows/columns, torch Linear on the last axis): every cell of the line.
void applyLine(const Mask &out, Mask &in, int axis)
{
    for (i64 y = 0; y < out.H; ++y)
        for (i64 x = 0; x < out.W; ++x) {
            if (!out.m[size_t(y * out.W + x)])
                continue;
            if (axis == 0)
                for (i64 iy = 0; iy < in.H; ++iy)
                    in.m[size_t(iy * in.W + x)] = 1;
            else
                for (i64 ix = 0; ix < in.W; ++ix)
                    in.m[size_t(y * in.W + ix)] = 1;
        }
}

// ORs the dependencies of layer l's output mask into its input number k's mask.
void propagate(const ShapeReport &rep, const LayerReport &l, size_t k, const Mask &out, Mask &in)
{
    if (out.empty())
        return;
    const Framework f = rep.framework;
    const auto &s = l.spec;
    if (!out.spatial || !in.spatial) {
        // Flatten, Dense on vectors, global pooling, Reshape to or from a map: every cell counts.
        in.markAll();
        return;
    }
    const i64 OH = out.H, OW = out.W, IH = in.H, IW = in.W;
    switch (l.op) {
    case Op::Conv:
    case Op::DepthwiseConv:
    case Op::SeparableConv:
    case Op::MaxPool:
    case Op::AvgPool:
        applySeparable(out, in, windowMap(OH, IH, s.kernel[0], s.stride[0], s.dilation[0], s.pad.top),
                       windowMap(OW, IW, s.kernel[1], s.stride[1], s.dilation[1], s.pad.left));
        return;
    case Op::ConvTranspose:
        applySeparable(out, in, transposedMap(OH, IH, s.kernel[0], s.stride[0], s.dilation[0], s.transposedCrop.top),
                       transposedMap(OW, IW, s.kernel[1], s.stride[1], s.dilation[1], s.transposedCrop.left));
        return;
    case Op::Upsample:
        applySeparable(out, in, upsampleMap(l, 0, OH, IH), upsampleMap(l, 1, OW, IW));
        return;
    case Op::AdaptiveAvgPool:
    case Op::AdaptiveMaxPool:
        applySeparable(out, in, adaptiveMap(OH, IH), adaptiveMap(OW, IW));
        return;
    case Op::Pad:
        applySeparable(out, in, padMap(OH, IH, -s.pad.top, s.padMode), padMap(OW, IW, -s.pad.left, s.padMode));
        return;
    case Op::Crop:
        applySeparable(out, in, shiftMap(OH, IH, s.crop.top), shiftMap(OW, IW, s.crop.left));
        return;
    case Op::Concat: {
        const int a = spatialAxis(f, s.axis);
        if (a < 0) {
            applySeparable(out, in, identityMap(OH), identityMap(OW));
            return;
        }
        i64 offset = 0; // where input k starts along the concatenation axis
        for (size_t j = 0; j < k; ++j) {
            const Mask prev = makeMask(f, l.inputShapes[j]);
            offset += a == 0 ? prev.H : prev.W;
        }
        applySeparable(out, in, a == 0 ? shiftMap(OH, IH, -offset) : identityMap(OH),
                       a == 1 ? shiftMap(OW, IW, -offset) : identityMap(OW));
        return;
    }
    case Op::Activation:
        if ((s.activation == Act::Softmax || s.activation == Act::LogSoftmax) && spatialAxis(f, s.axis) >= 0) {
            applyLine(out, in, spatialAxis(f, s.axis));
            return;
        }
        break;
    case Op::Dense:
        if (f == Framework::PyTorch) { // Linear on (C, H, W) mixes along W
            applyLine(out, in, 1);
            return;
        }
        break; // Keras Dense on (H, W, C) mixes the channel axis only: element-wise in space
    case Op::Reshape:
    case Op::Flatten:
    case Op::GlobalMaxPool:
    case Op::GlobalAvgPool:
    case Op::Reduce:       // whole axes
    case Op::Permute:      // axes moved: a cell's position means something else
    case Op::Slice:        // (safe: its range of one axis is not modelled)
    case Op::PixelShuffle: // channels and space exchanged
        in.markAll();
        return;
    case Op::GroupNorm: // per-sample statistics read the whole group, unless running statistics are used
        if (!s.runningStats) {
            in.markAll();
            return;
        }
        break;
    case Op::LayerNorm: // statistics over the last axes: a row when it normalises W alone, else the whole map
        if (s.dims.size() == 1 && spatialAxis(f, s.dims[0]) >= 0) {
            applyLine(out, in, spatialAxis(f, s.dims[0]));
            return;
        }
        in.markAll();
        return;
    case Op::LocalResponseNorm: // neighbouring channels of the same cell
    case Op::ChannelShuffle:    // channels reordered, cells kept
    case Op::PReLU:
    case Op::Input: // element-wise below
    case Op::BatchNorm:
    case Op::Dropout:
    case Op::Add:
    case Op::Arith:
        break;
    }
    if (OH != IH || OW != IW) { // an element-wise rule on maps of different sizes: be safe
        in.markAll();
        return;
    }
    applySeparable(out, in, identityMap(OH), identityMap(OW)); // element-wise: BatchNorm, Dropout, Add, …
}

} // namespace

std::optional<std::vector<ReceptiveRegion>> receptiveField(const ShapeReport &rep, int layerIndex,
                                                           const CellRect &cells, std::string *error)
{
    const auto fail = [&](const std::string &msg) -> std::optional<std::vector<ReceptiveRegion>> {
        if (error)
            *error = msg;
        return std::nullopt;
    };
    if (layerIndex < 0 || size_t(layerIndex) >= rep.layers.size())
        return fail("no layer number " + std::to_string(layerIndex));
    const LayerReport &target = rep.layers[size_t(layerIndex)];
    if (!target.ok() || !target.output)
        return fail("'" + target.name + "' has no shape, so no receptive field");
    const Framework f = rep.framework;
    std::vector<Mask> masks(rep.layers.size());
    masks[size_t(layerIndex)] = makeMask(f, *target.output);
    Mask &start = masks[size_t(layerIndex)];
    if (!start.spatial)
        return fail("'" + target.name + "' has no spatial map (its output is " + shapeToString(*target.output, f) +
                    "): every value depends on the whole input");
    const CellRect r{std::max<i64>(0, cells.top), std::max<i64>(0, cells.left), std::min(start.H - 1, cells.bottom),
                     std::min(start.W - 1, cells.right)};
    if (r.empty())
        return fail("the cells asked for lie outside '" + target.name + "' (" + std::to_string(start.H) + "×" +
                    std::to_string(start.W) + ")");
    for (i64 y = r.top; y <= r.bottom; ++y)
        for (i64 x = r.left; x <= r.right; ++x)
            start.m[size_t(y * start.W + x)] = 1;

    // Report order puts producers before consumers: walk backwards once.
    for (int i = layerIndex; i >= 0; --i) {
        const LayerReport &l = rep.layers[size_t(i)];
        Mask &out = masks[size_t(i)];
        if (l.op == Op::Input || (out.m.empty() && !out.any))
            continue;
        for (size_t k = 0; k < l.inputs.size(); ++k) {
            const int p = rep.indexOf(l.inputs[k]);
            if (p < 0 || p >= i || !rep.layers[size_t(p)].output)
                continue;
            Mask &in = masks[size_t(p)];
            if (in.m.empty() && !in.any && !in.spatial)
                in = makeMask(f, *rep.layers[size_t(p)].output);
            propagate(rep, l, k, out, in);
        }
    }

    std::vector<ReceptiveRegion> regions;
    for (size_t i = 0; i < rep.layers.size(); ++i) {
        const LayerReport &l = rep.layers[i];
        if (l.op != Op::Input || !l.output)
            continue;
        ReceptiveRegion reg;
        reg.input = l.name;
        Mask m = masks[i].spatial ? masks[i] : makeMask(f, *l.output);
        if (!m.spatial) { // a non-spatial model input: nothing to draw
            regions.push_back(std::move(reg));
            continue;
        }
        reg.height = m.H;
        reg.width = m.W;
        reg.mask = std::move(m.m);
        for (i64 y = 0; y < reg.height; ++y)
            for (i64 x = 0; x < reg.width; ++x) {
                if (!reg.mask[size_t(y * reg.width + x)])
                    continue;
                if (reg.bounds.empty()) {
                    reg.bounds = {y, x, y, x};
                } else {
                    reg.bounds.top = std::min(reg.bounds.top, y);
                    reg.bounds.left = std::min(reg.bounds.left, x);
                    reg.bounds.bottom = std::max(reg.bounds.bottom, y);
                    reg.bounds.right = std::max(reg.bounds.right, x);
                }
            }
        regions.push_back(std::move(reg));
    }
    return regions;
}

std::optional<std::vector<ReceptiveRegion>> receptiveField(const ShapeReport &rep, int layerIndex, std::int64_t row,
                                                           std::int64_t col, std::string *error)
{
    if (layerIndex >= 0 && size_t(layerIndex) < rep.layers.size()) {
        const LayerReport &l = rep.layers[size_t(layerIndex)];
        if (l.ok() && l.output && l.output->size() == 3) {
            const Mask m = makeMask(rep.framework, *l.output);
            if (row < 0 || col < 0 || row >= m.H || col >= m.W) {
                if (error)
                    *error = "cell (" + std::to_string(row) + ", " + std::to_string(col) + ") is outside '" + l.name +
                             "' (" + std::to_string(m.H) + "×" + std::to_string(m.W) + ")";
                return std::nullopt;
            }
        }
    }
    return receptiveField(rep, layerIndex, CellRect{row, col, row, col}, error);
}

} // namespace convlens
