// catalogue.h — the one table of layer kinds: for each framework class (Keras `Conv2D`, PyTorch `Conv2d`, …) its
// operation, its parameters in the framework's own positional order, their types and defaults, and the name
// tf.keras gives an unnamed layer. Importers, project files, the shape engine and the GUI's property editor all read
// this table; nothing else lists layer parameters.
#pragma once

#include "model/framework.h"
#include "model/ops.h"
#include "model/value.h"

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace convlens {

enum class ParamType {
    Int,          // a positive int (filters, units, in_channels)
    NonNegInt,    // an int ≥ 0
    IntOrPair,    // 3 or (3, 2): kernel_size, strides, dilation, pool_size, size
    OptIntOrPair, // like IntOrPair, None allowed (pooling strides: None = pool size)
    KerasPadding, // 'valid' | 'same' (case-insensitive, as Keras normalises it)
    TorchPadding, // int | (h, w) | 'same' | 'valid'
    PadSpec2D,    // Keras ZeroPadding2D/Cropping2D: int | (sym_h, sym_w) | ((top, bottom), (left, right))
    TorchPad4,    // nn.ZeroPad2d: int | (left, right, top, bottom)
    Bool,
    Float,
    OptFloat,     // None or a number
    Choice,       // one string of ParamDef::choices (activation names, interpolation modes)
    OptChoice,    // like Choice, None allowed (activation=None means linear)
    ShapeTuple,   // a tuple of positive ints (Input shape, Reshape target_shape); Keras allows one -1 in Reshape
    Axis,         // an int, negative counts from the end (concat axis, softmax dim, flatten dims)
    OptAxis,      // None or an axis
    ScaleFactor,  // nn.Upsample scale_factor: a positive number or a pair of them
    OutputSize,   // AdaptiveAvgPool2d output_size / Upsample size: int | (h, w), None keeps that axis
    Ignored,      // accepted and ignored: initialisers, regularisers, constraints, inplace, device, dtype, …
};

struct ParamDef {
    std::string name;             // the framework's keyword
    ParamType type;
    ParamValue defaultValue;      // None where the framework's default is None
    bool required = false;        // no default: must be given
    bool positional = true;       // may be given by position (in table order)
    std::vector<std::string> choices; // for Choice / OptChoice
    std::string help;             // one line for tooltips and error messages
};

struct KindDef {
    Framework framework;
    std::string className;             // Keras / PyTorch class name: "Conv2D", "Conv2d"
    std::vector<std::string> aliases;  // other spellings accepted on import: "MaxPool2D", "Convolution2D"
    std::string functionName;          // Keras functional spelling (`concatenate`, `add`, `Input`), else empty
    std::string autoName;              // tf.keras 2 base name: "conv2d", "max_pooling2d"; empty for PyTorch
    Op op;
    int minInputs = 1, maxInputs = 1;  // Concat/Add: 2..∞ (maxInputs = -1); Input: 0
    std::vector<ParamDef> params;      // in the framework's positional order
    std::string summary;               // one line: what it does
};

// Every kind of both frameworks.
std::span<const KindDef> catalogue();
// Look up by class name, alias or function name (`Conv2D`, `MaxPool2D`, `concatenate`). nullptr if unknown.
const KindDef *findKind(Framework f, std::string_view name);
const ParamDef *findParam(const KindDef &k, std::string_view name);
// All class names of a framework (for "unknown layer … expected one of" messages and the GUI palette).
std::vector<std::string> kindNames(Framework f);

// Whether `value` is acceptable for `def` (type only; ranges like "kernel ≥ 1" are the shape engine's diagnostics).
// On failure returns a message such as "expected an int or a tuple of 2 ints, got 'a'".
std::string checkParamType(const ParamDef &def, const ParamValue &value);

// Ranges a stored value must keep whatever the layer: ints within ±2^31 (kMaxDim), sizes (ParamType::Int) ≥ 1,
// NonNegInt ≥ 0, floats finite. The finer rules (kernel ≥ 1, padding ≤ kernel/2) stay the shape engine's
// diagnostics. Empty when fine, else "expected …, got …".
std::string checkParamRange(const ParamDef &def, const ParamValue &value);

// A layer's parameters against its kind: the first required one missing or given one of the wrong type.
// `param` names it; nullopt when every parameter is acceptable. Unknown names are not looked at (importers keep
// ignored keywords).
struct ParamProblem {
    std::string param;
    std::string message; // "missing required parameter 'padding'" / "parameter 'dim': expected an int axis, got …"
};
template <class ParamMap>
std::optional<ParamProblem> checkLayerParams(const KindDef &kind, const ParamMap &params)
{
    for (const ParamDef &p : kind.params) {
        const auto it = params.find(p.name);
        if (it == params.end()) {
            if (p.required)
                return ParamProblem{p.name, "missing required parameter '" + p.name + "' (" + p.help + ")"};
            continue;
        }
        if (std::string err = checkParamType(p, it->second); !err.empty())
            return ParamProblem{p.name, "parameter '" + p.name + "': " + err};
    }
    return std::nullopt;
}

} // namespace convlens
