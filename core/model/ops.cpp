// ops.cpp — the trait rows. One exhaustive switch per table: a new Op or Act does not compile until it has a row.
#include "model/ops.h"

#include <array>

namespace convlens {

namespace {

constexpr std::string_view kActs = "it has no sliding window — it acts on each value by itself";

OpTraits rowFor(Op op)
{
    using F = Family;
    using D = DiagramGroup;
    switch (op) {
    case Op::Input:
        return {op, "Input", F::Input, D::Input, "in", false, false, false,
                "it is the model input, it computes nothing"};
    case Op::Conv: return {op, "Conv", F::Conv, D::Conv, "conv", true, true, true, ""};
    case Op::DepthwiseConv: return {op, "DepthwiseConv", F::Conv, D::Conv, "dw", true, true, true, ""};
    case Op::SeparableConv: return {op, "SeparableConv", F::Conv, D::Conv, "sep", true, true, true, ""};
    case Op::ConvTranspose: return {op, "ConvTranspose", F::Conv, D::ConvTranspose, "tconv", true, true, true, ""};
    case Op::MaxPool: return {op, "MaxPool", F::Pool, D::Pool, "max", false, true, false, ""};
    case Op::AvgPool: return {op, "AvgPool", F::Pool, D::Pool, "avg", false, true, false, ""};
    case Op::GlobalMaxPool:
    case Op::GlobalAvgPool:
        return {op, op == Op::GlobalMaxPool ? "GlobalMaxPool" : "GlobalAvgPool", F::Pool, D::Pool,
                op == Op::GlobalMaxPool ? "gmax" : "gavg", false, false, false,
                "it has no sliding window — each channel is reduced to one value over the whole map"};
    case Op::AdaptiveAvgPool:
    case Op::AdaptiveMaxPool:
        return {op, op == Op::AdaptiveAvgPool ? "AdaptiveAvgPool" : "AdaptiveMaxPool", F::Pool, D::Pool,
                op == Op::AdaptiveAvgPool ? "aavg" : "amax", false, false, false,
                "it has no sliding window — its windows are derived from the input and output sizes"};
    case Op::Upsample:
        return {op, "Upsample", F::Resample, D::Upsample, "up", false, false, false,
                "it has no sliding window — it repeats or interpolates cells"};
    case Op::Pad:
        return {op, "Pad", F::Pad, D::PadCrop, "pad", false, false, false,
                "it has no sliding window — it adds a border"};
    case Op::Crop:
        return {op, "Crop", F::Pad, D::PadCrop, "crop", false, false, false,
                "it has no sliding window — it cuts a border off"};
    case Op::BatchNorm: return {op, "BatchNorm", F::Norm, D::NormActivation, "bn", true, false, false, kActs};
    case Op::Dropout: return {op, "Dropout", F::Elementwise, D::NormActivation, "drop", false, false, false, kActs};
    case Op::Activation:
        return {op, "Activation", F::Elementwise, D::NormActivation, "act", false, false, false, kActs};
    case Op::Flatten:
        return {op, "Flatten", F::Reshape, D::DenseReshape, "flat", false, false, false,
                "it has no sliding window — it only rearranges the values"};
    case Op::Dense:
        return {op, "Dense", F::Dense, D::DenseReshape, "dense", true, false, true,
                "it has no sliding window — every unit sees every input value"};
    case Op::Reshape:
        return {op, "Reshape", F::Reshape, D::DenseReshape, "reshape", false, false, false,
                "it has no sliding window — it only rearranges the values"};
    case Op::Concat:
    case Op::Add:
        return {op, op == Op::Concat ? "Concat" : "Add", F::Merge, D::Merge, op == Op::Concat ? "cat" : "add", false,
                false, false, "it has no sliding window — it merges its inputs cell by cell"};
    case Op::Arith:
        return {op, "Arith", F::Merge, D::Merge, "arith", false, false, false,
                "it has no sliding window — it combines its operands cell by cell"};
    case Op::Reduce:
        return {op, "Reduce", F::Pool, D::Pool, "reduce", false, false, false,
                "it has no sliding window — it reduces whole axes to one value"};
    case Op::Permute:
        return {op, "Permute", F::Reshape, D::DenseReshape, "perm", false, false, false,
                "it has no sliding window — it only reorders the axes"};
    case Op::Slice:
        return {op, "Slice", F::Reshape, D::DenseReshape, "slice", false, false, false,
                "it has no sliding window — it keeps a range of one axis"};
    case Op::PixelShuffle:
        return {op, "PixelShuffle", F::Reshape, D::DenseReshape, "shuffle", false, false, false,
                "it has no sliding window — it moves channels into space (or back)"};
    case Op::GroupNorm: return {op, "GroupNorm", F::Norm, D::NormActivation, "gn", true, false, false, kActs};
    case Op::PReLU: return {op, "PReLU", F::Elementwise, D::NormActivation, "prelu", true, false, false, kActs};
    case Op::LayerNorm:
        return {op, "LayerNorm", F::Norm, D::NormActivation, "ln", true, false, false,
                "it has no sliding window — it normalises each sample over its last axes"};
    case Op::LocalResponseNorm:
        return {op, "LocalResponseNorm", F::Norm, D::NormActivation, "lrn", false, false, false,
                "it has no sliding window over the map — each cell is divided by its neighbouring channels"};
    case Op::ChannelShuffle:
        return {op, "ChannelShuffle", F::Reshape, D::DenseReshape, "cshuf", false, false, false,
                "it has no sliding window — it only reorders the channels"};
    }
    return {op, "?", F::Elementwise, D::NormActivation, "?", false, false, false, kActs}; // unreachable
}

ActTraits rowFor(Act a)
{
    switch (a) {
    case Act::Linear: return {a, "linear", "Identity", 0.0};
    case Act::Relu: return {a, "relu", "ReLU", 0.0};
    case Act::Relu6: return {a, "relu6", "ReLU6", 0.0};
    case Act::LeakyRelu: return {a, "leaky_relu", "LeakyReLU", 0.2};
    case Act::Sigmoid: return {a, "sigmoid", "Sigmoid", 0.0};
    case Act::Tanh: return {a, "tanh", "Tanh", 0.0};
    case Act::Softmax: return {a, "softmax", "Softmax", 0.0};
    case Act::Elu: return {a, "elu", "ELU", 1.0};
    case Act::Selu: return {a, "selu", "SELU", 0.0};
    case Act::Softplus: return {a, "softplus", "Softplus", 0.0};
    case Act::Softsign: return {a, "softsign", "Softsign", 0.0};
    case Act::Swish: return {a, "swish", "SiLU", 0.0};
    case Act::Gelu: return {a, "gelu", "GELU", 0.0};
    case Act::HardSigmoid: return {a, "hard_sigmoid", "", 0.0};
    case Act::Exponential: return {a, "exponential", "", 0.0};
    case Act::Hardswish: return {a, "", "Hardswish", 0.0};
    case Act::TorchHardsigmoid: return {a, "", "Hardsigmoid", 0.0};
    case Act::Mish: return {a, "", "Mish", 0.0};
    case Act::Hardtanh: return {a, "", "Hardtanh", 0.0};
    case Act::LogSoftmax: return {a, "", "LogSoftmax", 0.0};
    case Act::GeluTanh: return {a, "", "", 0.0}; // torch GELU(approximate='tanh')
    case Act::Celu: return {a, "", "CELU", 1.0};
    case Act::Tanhshrink: return {a, "", "Tanhshrink", 0.0};
    case Act::LogSigmoid: return {a, "", "LogSigmoid", 0.0};
    case Act::ReluClip: return {a, "", "", 0.0}; // Keras ReLU(max_value=…): no activation string, no torch module
    }
    return {a, "linear", "", 0.0}; // unreachable
}

template <typename Enum, typename Row, Enum Last> std::array<Row, size_t(Last) + 1> buildTable()
{
    std::array<Row, size_t(Last) + 1> t{};
    for (size_t i = 0; i <= size_t(Last); ++i)
        t[i] = rowFor(Enum(i));
    return t;
}

const auto &opTable()
{
    static const auto table = buildTable<Op, OpTraits, kLastOp>();
    return table;
}

const auto &actTable()
{
    static const auto table = buildTable<Act, ActTraits, kLastAct>();
    return table;
}

} // namespace

const OpTraits &traits(Op op)
{
    return opTable()[size_t(op)];
}

std::span<const OpTraits> allOps()
{
    return opTable();
}

const ActTraits &traits(Act act)
{
    return actTable()[size_t(act)];
}

std::span<const ActTraits> allActivations()
{
    return actTable();
}

std::optional<Act> activationFromKeras(std::string_view name)
{
    if (name == "silu") // Keras 3 spells swish "silu"
        return Act::Swish;
    for (const ActTraits &t : allActivations())
        if (!t.keras.empty() && t.keras == name)
            return t.act;
    return std::nullopt;
}

std::optional<Act> activationFromTorchModule(std::string_view cls)
{
    for (const ActTraits &t : allActivations())
        if (!t.torchModule.empty() && t.torchModule == cls)
            return t.act;
    return std::nullopt;
}

} // namespace convlens
