// report.cpp — names of the report's enums, shared by the CLI, the trace and the GUI.
#include "shape/report.h"

namespace convlens {

std::string_view activationName(Act a)
{
    switch (a) {
    case Act::Linear: return "linear";
    case Act::Relu: return "relu";
    case Act::Relu6: return "relu6";
    case Act::LeakyRelu: return "leaky_relu";
    case Act::Sigmoid: return "sigmoid";
    case Act::Tanh: return "tanh";
    case Act::Softmax: return "softmax";
    case Act::Elu: return "elu";
    case Act::Selu: return "selu";
    case Act::Softplus: return "softplus";
    case Act::Softsign: return "softsign";
    case Act::Swish: return "swish";
    case Act::Gelu: return "gelu";
    case Act::HardSigmoid: return "hard_sigmoid";
    case Act::Exponential: return "exponential";
    }
    return "linear";
}

std::string_view padKindName(PadKind k)
{
    switch (k) {
    case PadKind::Zero: return "zero";
    case PadKind::Ignored: return "ignored";
    case PadKind::Excluded: return "excluded";
    case PadKind::CountedZero: return "counted_zero";
    }
    return "zero";
}

} // namespace convlens
