// catalogue.cpp — the layer-kind table. Parameter order is each framework's positional order (tf.keras 2.x and
// torch 1.13/2.x signatures); defaults are the framework's.
#include "model/catalogue.h"

#include <QtGlobal> // QT_TRANSLATE_NOOP: the summaries are listed for the UI's translation (context convlens::catalogue)

#include <algorithm>
#include <cctype>
#include <cmath>
#include <tuple>
#include <unordered_map>

namespace convlens {

namespace {

using PT = ParamType;

ParamDef req(std::string name, PT t, std::string help)
{
    return ParamDef{std::move(name), t, {}, true, true, {}, std::move(help)};
}
ParamDef opt(std::string name, PT t, ParamValue def, std::string help)
{
    return ParamDef{std::move(name), t, std::move(def), false, true, {}, std::move(help)};
}
ParamDef kwOnly(std::string name, PT t, ParamValue def, std::string help)
{
    return ParamDef{std::move(name), t, std::move(def), false, false, {}, std::move(help)};
}
ParamDef choice(std::string name, PT t, ParamValue def, std::vector<std::string> choices, std::string help)
{
    return ParamDef{std::move(name), t, std::move(def), false, true, std::move(choices), std::move(help)};
}
ParamDef ignored(std::string name)
{
    return ParamDef{std::move(name), PT::Ignored, {}, false, true, {}, "no effect on shapes or values here"};
}

// The Keras activation strings (model/ops.h), with Keras 3's "silu" for swish.
const std::vector<std::string> &kerasActs()
{
    static const std::vector<std::string> acts = [] {
        std::vector<std::string> v;
        for (const ActTraits &t : allActivations())
            if (!t.keras.empty())
                v.emplace_back(t.keras);
        v.emplace_back("silu");
        return v;
    }();
    return acts;
}

ParamDef kerasActivation()
{
    return choice("activation", PT::OptChoice, {}, kerasActs(),
                  QT_TRANSLATE_NOOP("convlens::catalogue", "activation applied to the output (None = linear)"));
}
ParamDef kerasDataFormat()
{
    return choice("data_format", PT::OptChoice, {}, {"channels_last"},
                  QT_TRANSLATE_NOOP("convlens::catalogue", "only channels_last (the default) is supported"));
}
std::vector<ParamDef> kerasWeightArgs(const std::vector<std::string> &prefixes)
{
    std::vector<ParamDef> out;
    for (const auto &p : prefixes) {
        out.push_back(ignored(p + "_initializer"));
        out.push_back(ignored(p + "_regularizer"));
    }
    out.push_back(ignored("activity_regularizer"));
    for (const auto &p : prefixes)
        out.push_back(ignored(p + "_constraint"));
    return out;
}
template <typename... V> std::vector<ParamDef> cat(std::vector<ParamDef> a, const V &...rest)
{
    (a.insert(a.end(), rest.begin(), rest.end()), ...);
    return a;
}
ParamValue pair(std::int64_t a, std::int64_t b)
{
    return ParamValue::ints({a, b});
}

struct PoolRow {
    const char *cls, *alias, *snake;
    Op op;
};

std::vector<KindDef> buildCatalogue()
{
    const Framework K = Framework::Keras, T = Framework::PyTorch;
    std::vector<KindDef> c;

    // ---------------------------------------------------------------- Keras (tf.keras 2 signatures)
    c.push_back(
        {K,
         "InputLayer",
         {},
         "Input",
         "input",
         Op::Input,
         0,
         0,
         {opt("shape", PT::ShapeTuple, {},
              QT_TRANSLATE_NOOP("convlens::catalogue", "input shape without the batch dimension, e.g. (28, 28, 1)")),
          kwOnly("batch_size", PT::Ignored, {}, QT_TRANSLATE_NOOP("convlens::catalogue", "ignored")),
          kwOnly("name", PT::Ignored, {}, QT_TRANSLATE_NOOP("convlens::catalogue", "layer name")),
          kwOnly("dtype", PT::Ignored, {}, QT_TRANSLATE_NOOP("convlens::catalogue", "ignored")),
          kwOnly("input_shape", PT::ShapeTuple, {}, QT_TRANSLATE_NOOP("convlens::catalogue", "alias of shape")),
          kwOnly("batch_input_shape", PT::ShapeTuple, {},
                 QT_TRANSLATE_NOOP("convlens::catalogue", "shape with the batch dimension first"))},
         QT_TRANSLATE_NOOP("convlens::catalogue", "the model input")});
    c.push_back(
        {K,
         "Conv2D",
         {"Convolution2D"},
         "",
         "conv2d",
         Op::Conv,
         1,
         1,
         cat({req("filters", PT::Int, QT_TRANSLATE_NOOP("convlens::catalogue", "number of output channels")),
              req("kernel_size", PT::IntOrPair, QT_TRANSLATE_NOOP("convlens::catalogue", "kernel height and width")),
              opt("strides", PT::IntOrPair, pair(1, 1), QT_TRANSLATE_NOOP("convlens::catalogue", "step of the window")),
              choice("padding", PT::KerasPadding, "valid", {"valid", "same"},
                     QT_TRANSLATE_NOOP("convlens::catalogue",
                                       "'valid': no padding; 'same': pad so that out = ⌈in / stride⌉")),
              kerasDataFormat(),
              opt("dilation_rate", PT::IntOrPair, pair(1, 1),
                  QT_TRANSLATE_NOOP("convlens::catalogue", "spacing of kernel taps")),
              opt("groups", PT::Int, 1,
                  QT_TRANSLATE_NOOP("convlens::catalogue", "channel groups (input and filters divisible by it)")),
              kerasActivation(),
              opt("use_bias", PT::Bool, true, QT_TRANSLATE_NOOP("convlens::catalogue", "add a bias per filter"))},
             kerasWeightArgs({"kernel", "bias"})),
         QT_TRANSLATE_NOOP("convlens::catalogue", "2-D convolution")});
    c.push_back(
        {K,
         "DepthwiseConv2D",
         {},
         "",
         "depthwise_conv2d",
         Op::DepthwiseConv,
         1,
         1,
         cat({req("kernel_size", PT::IntOrPair, QT_TRANSLATE_NOOP("convlens::catalogue", "kernel height and width")),
              opt("strides", PT::IntOrPair, pair(1, 1), QT_TRANSLATE_NOOP("convlens::catalogue", "step of the window")),
              choice("padding", PT::KerasPadding, "valid", {"valid", "same"},
                     QT_TRANSLATE_NOOP("convlens::catalogue", "'valid' or 'same'")),
              opt("depth_multiplier", PT::Int, 1,
                  QT_TRANSLATE_NOOP("convlens::catalogue", "output channels per input channel")),
              kerasDataFormat(),
              opt("dilation_rate", PT::IntOrPair, pair(1, 1),
                  QT_TRANSLATE_NOOP("convlens::catalogue", "spacing of kernel taps")),
              kerasActivation(),
              opt("use_bias", PT::Bool, true,
                  QT_TRANSLATE_NOOP("convlens::catalogue", "add a bias per output channel"))},
             kerasWeightArgs({"depthwise", "bias"})),
         QT_TRANSLATE_NOOP("convlens::catalogue", "one kernel per input channel")});
    c.push_back(
        {K,
         "SeparableConv2D",
         {"SeparableConvolution2D"},
         "",
         "separable_conv2d",
         Op::SeparableConv,
         1,
         1,
         cat({req("filters", PT::Int, QT_TRANSLATE_NOOP("convlens::catalogue", "number of output channels")),
              req("kernel_size", PT::IntOrPair,
                  QT_TRANSLATE_NOOP("convlens::catalogue", "depthwise kernel height and width")),
              opt("strides", PT::IntOrPair, pair(1, 1), QT_TRANSLATE_NOOP("convlens::catalogue", "step of the window")),
              choice("padding", PT::KerasPadding, "valid", {"valid", "same"},
                     QT_TRANSLATE_NOOP("convlens::catalogue", "'valid' or 'same'")),
              kerasDataFormat(),
              opt("dilation_rate", PT::IntOrPair, pair(1, 1),
                  QT_TRANSLATE_NOOP("convlens::catalogue", "spacing of kernel taps")),
              opt("depth_multiplier", PT::Int, 1,
                  QT_TRANSLATE_NOOP("convlens::catalogue", "depthwise channels per input channel")),
              kerasActivation(),
              opt("use_bias", PT::Bool, true, QT_TRANSLATE_NOOP("convlens::catalogue", "add a bias per filter"))},
             kerasWeightArgs({"depthwise", "pointwise", "bias"})),
         QT_TRANSLATE_NOOP("convlens::catalogue", "depthwise convolution followed by a 1×1 convolution")});
    c.push_back(
        {K,
         "Conv2DTranspose",
         {"Convolution2DTranspose", "Deconvolution2D"},
         "",
         "conv2d_transpose",
         Op::ConvTranspose,
         1,
         1,
         cat({req("filters", PT::Int, QT_TRANSLATE_NOOP("convlens::catalogue", "number of output channels")),
              req("kernel_size", PT::IntOrPair, QT_TRANSLATE_NOOP("convlens::catalogue", "kernel height and width")),
              opt("strides", PT::IntOrPair, pair(1, 1), QT_TRANSLATE_NOOP("convlens::catalogue", "upsampling step")),
              choice("padding", PT::KerasPadding, "valid", {"valid", "same"},
                     QT_TRANSLATE_NOOP("convlens::catalogue", "'valid' or 'same'")),
              opt("output_padding", PT::OptIntOrPair, {},
                  QT_TRANSLATE_NOOP("convlens::catalogue", "extra rows/columns at the end (< stride)")),
              kerasDataFormat(),
              opt("dilation_rate", PT::IntOrPair, pair(1, 1),
                  QT_TRANSLATE_NOOP("convlens::catalogue", "spacing of kernel taps")),
              kerasActivation(),
              opt("use_bias", PT::Bool, true, QT_TRANSLATE_NOOP("convlens::catalogue", "add a bias per filter"))},
             kerasWeightArgs({"kernel", "bias"})),
         QT_TRANSLATE_NOOP("convlens::catalogue", "transposed (fractionally strided) convolution")});
    for (auto [cls, alias, snake, op] :
         std::initializer_list<PoolRow>{PoolRow{"MaxPooling2D", "MaxPool2D", "max_pooling2d", Op::MaxPool},
          PoolRow{"AveragePooling2D", "AvgPool2D", "average_pooling2d", Op::AvgPool}}) {
        c.push_back({K,
                     cls,
                     {alias},
                     "",
                     snake,
                     op,
                     1,
                     1,
                     {opt("pool_size", PT::IntOrPair, pair(2, 2),
                          QT_TRANSLATE_NOOP("convlens::catalogue", "window height and width")),
                      opt("strides", PT::OptIntOrPair, {},
                          QT_TRANSLATE_NOOP("convlens::catalogue", "step of the window; None = pool_size")),
                      choice("padding", PT::KerasPadding, "valid", {"valid", "same"},
                             QT_TRANSLATE_NOOP("convlens::catalogue", "'valid' or 'same'")),
                      kerasDataFormat()},
                     op == Op::MaxPool
                         ? QT_TRANSLATE_NOOP("convlens::catalogue", "maximum over each window")
                         : QT_TRANSLATE_NOOP("convlens::catalogue", "mean over each window (padding not counted)")});
    }
    for (auto [cls, alias, snake, op] :
         std::initializer_list<PoolRow>{PoolRow{"GlobalMaxPooling2D", "GlobalMaxPool2D", "global_max_pooling2d", Op::GlobalMaxPool},
          PoolRow{"GlobalAveragePooling2D", "GlobalAvgPool2D", "global_average_pooling2d", Op::GlobalAvgPool}}) {
        c.push_back({K,
                     cls,
                     {alias},
                     "",
                     snake,
                     op,
                     1,
                     1,
                     {kerasDataFormat(), opt("keepdims", PT::Bool, false,
                                             QT_TRANSLATE_NOOP("convlens::catalogue", "keep H and W as size 1"))},
                     QT_TRANSLATE_NOOP("convlens::catalogue", "one value per channel")});
    }
    c.push_back({K,
                 "UpSampling2D",
                 {},
                 "",
                 "up_sampling2d",
                 Op::Upsample,
                 1,
                 1,
                 {opt("size", PT::IntOrPair, pair(2, 2),
                      QT_TRANSLATE_NOOP("convlens::catalogue", "upsampling factors for rows and columns")),
                  kerasDataFormat(),
                  choice("interpolation", PT::Choice, "nearest", {"nearest", "bilinear"},
                         QT_TRANSLATE_NOOP("convlens::catalogue", "how new cells are filled"))},
                 QT_TRANSLATE_NOOP("convlens::catalogue", "repeat rows and columns")});
    c.push_back(
        {K,
         "Resizing",
         {},
         "",
         "resizing",
         Op::Upsample,
         1,
         1,
         {req("height", PT::Int, QT_TRANSLATE_NOOP("convlens::catalogue", "output rows")),
          req("width", PT::Int, QT_TRANSLATE_NOOP("convlens::catalogue", "output columns")),
          choice("interpolation", PT::Choice, "bilinear",
                 {"bilinear", "nearest", "bicubic", "area", "lanczos3", "lanczos5", "gaussian", "mitchellcubic"},
                 QT_TRANSLATE_NOOP("convlens::catalogue", "how cells are sampled (half-pixel centres)")),
          opt("crop_to_aspect_ratio", PT::Bool, false,
              QT_TRANSLATE_NOOP("convlens::catalogue", "crop to the target's aspect ratio first"))},
         QT_TRANSLATE_NOOP("convlens::catalogue", "resize to height × width (tf.image.resize)")});
    c.push_back({K,
                 "ZeroPadding2D",
                 {},
                 "",
                 "zero_padding2d",
                 Op::Pad,
                 1,
                 1,
                 {opt("padding", PT::PadSpec2D, pair(1, 1),
                      QT_TRANSLATE_NOOP("convlens::catalogue", "int, (rows, cols) or ((top, bottom), (left, right))")),
                  kerasDataFormat()},
                 QT_TRANSLATE_NOOP("convlens::catalogue", "add rows and columns of zeros")});
    // Keras has no mirror padding layer; this is the one keras-io's CycleGAN (and most code since) writes as a custom
    // layer around tf.pad(mode="REFLECT"), which the importer reads into this kind.
    c.push_back({K,
                 "ReflectionPadding2D",
                 {},
                 "",
                 "reflection_padding2d",
                 Op::Pad,
                 1,
                 1,
                 {opt("padding", PT::PadSpec2D, pair(1, 1),
                      QT_TRANSLATE_NOOP("convlens::catalogue", "int, (rows, cols) or ((top, bottom), (left, right))"))},
                 QT_TRANSLATE_NOOP("convlens::catalogue", "add a border that mirrors the input (without the edge)")});
    c.push_back({K,
                 "Cropping2D",
                 {},
                 "",
                 "cropping2d",
                 Op::Crop,
                 1,
                 1,
                 {opt("cropping", PT::PadSpec2D, ParamList{pair(0, 0), pair(0, 0)},
                      QT_TRANSLATE_NOOP("convlens::catalogue", "int, (rows, cols) or ((top, bottom), (left, right))")),
                  kerasDataFormat()},
                 QT_TRANSLATE_NOOP("convlens::catalogue", "remove rows and columns at the edges")});
    c.push_back({K,
                 "CenterCrop",
                 {},
                 "",
                 "center_crop",
                 Op::Crop,
                 1,
                 1,
                 {req("height", PT::Int, QT_TRANSLATE_NOOP("convlens::catalogue", "rows kept, centred")),
                  req("width", PT::Int, QT_TRANSLATE_NOOP("convlens::catalogue", "columns kept, centred"))},
                 QT_TRANSLATE_NOOP("convlens::catalogue", "keep the central height × width window")});
    c.push_back(
        {K,
         "BatchNormalization",
         {},
         "",
         "batch_normalization",
         Op::BatchNorm,
         1,
         1,
         cat({opt("axis", PT::Axis, -1, QT_TRANSLATE_NOOP("convlens::catalogue", "the channel axis")),
              opt("momentum", PT::Float, 0.99, QT_TRANSLATE_NOOP("convlens::catalogue", "ignored here")),
              opt("epsilon", PT::Float, 0.001, QT_TRANSLATE_NOOP("convlens::catalogue", "added to the variance")),
              opt("center", PT::Bool, true, QT_TRANSLATE_NOOP("convlens::catalogue", "learn an offset beta")),
              opt("scale", PT::Bool, true, QT_TRANSLATE_NOOP("convlens::catalogue", "learn a factor gamma")),
              ignored("beta_initializer"), ignored("gamma_initializer"), ignored("moving_mean_initializer"),
              ignored("moving_variance_initializer"), ignored("beta_regularizer"), ignored("gamma_regularizer"),
              ignored("beta_constraint"), ignored("gamma_constraint")}),
         QT_TRANSLATE_NOOP("convlens::catalogue", "normalise each channel (inference: moving statistics)")});
    c.push_back(
        {K,
         "Dropout",
         {},
         "",
         "dropout",
         Op::Dropout,
         1,
         1,
         {req("rate", PT::Float,
              QT_TRANSLATE_NOOP("convlens::catalogue", "fraction dropped while training (identity at inference)")),
          opt("noise_shape", PT::Ignored, {}, QT_TRANSLATE_NOOP("convlens::catalogue", "ignored")),
          opt("seed", PT::Ignored, {}, QT_TRANSLATE_NOOP("convlens::catalogue", "ignored"))},
         QT_TRANSLATE_NOOP("convlens::catalogue", "identity at inference")});
    for (auto [cls, snake] : {std::pair{"SpatialDropout2D", "spatial_dropout2d"},
                              std::pair{"GaussianDropout", "gaussian_dropout"},
                              std::pair{"AlphaDropout", "alpha_dropout"}})
        c.push_back(
            {K,
             cls,
             {},
             "",
             snake,
             Op::Dropout,
             1,
             1,
             {req("rate", PT::Float,
                  QT_TRANSLATE_NOOP("convlens::catalogue", "fraction dropped while training (identity at inference)")),
              kwOnly("noise_shape", PT::Ignored, {}, QT_TRANSLATE_NOOP("convlens::catalogue", "ignored")),
              kwOnly("seed", PT::Ignored, {}, QT_TRANSLATE_NOOP("convlens::catalogue", "ignored"))},
             QT_TRANSLATE_NOOP("convlens::catalogue", "identity at inference")});
    // Augmentation and noise layers: random only while training (training=True); at inference, which is what
    // ConvLens shows and runs, each is the identity. Their arguments change nothing here, so they are accepted as
    // given (a factor may be a number or a (low, high) pair).
    c.push_back(
        {K,
         "GaussianNoise",
         {},
         "",
         "gaussian_noise",
         Op::Dropout,
         1,
         1,
         {opt("stddev", PT::Ignored, {}, QT_TRANSLATE_NOOP("convlens::catalogue", "noise added while training")),
          kwOnly("seed", PT::Ignored, {}, QT_TRANSLATE_NOOP("convlens::catalogue", "ignored"))},
         QT_TRANSLATE_NOOP("convlens::catalogue", "identity at inference")});
    c.push_back(
        {K,
         "RandomFlip",
         {},
         "",
         "random_flip",
         Op::Dropout,
         1,
         1,
         {choice("mode", PT::Choice, "horizontal_and_vertical", {"horizontal", "vertical", "horizontal_and_vertical"},
                 QT_TRANSLATE_NOOP("convlens::catalogue", "which flips are drawn while training")),
          opt("seed", PT::Ignored, {}, QT_TRANSLATE_NOOP("convlens::catalogue", "ignored"))},
         QT_TRANSLATE_NOOP("convlens::catalogue", "identity at inference (random flips while training)")});
    const auto fill = [] {
        return std::vector<ParamDef>{
            opt("fill_mode", PT::Ignored, {},
                QT_TRANSLATE_NOOP("convlens::catalogue", "how new pixels are filled while training")),
            opt("interpolation", PT::Ignored, {},
                QT_TRANSLATE_NOOP("convlens::catalogue", "resampling while training")),
            opt("seed", PT::Ignored, {}, QT_TRANSLATE_NOOP("convlens::catalogue", "ignored")),
            opt("fill_value", PT::Ignored, {},
                QT_TRANSLATE_NOOP("convlens::catalogue", "value for fill_mode='constant'"))};
    };
    c.push_back({K,
                 "RandomRotation",
                 {},
                 "",
                 "random_rotation",
                 Op::Dropout,
                 1,
                 1,
                 cat({opt("factor", PT::Ignored, {},
                          QT_TRANSLATE_NOOP("convlens::catalogue", "fraction of a full turn, or a (low, high) pair"))},
                     fill()),
                 QT_TRANSLATE_NOOP("convlens::catalogue", "identity at inference (random rotations while training)")});
    c.push_back({K,
                 "RandomZoom",
                 {},
                 "",
                 "random_zoom",
                 Op::Dropout,
                 1,
                 1,
                 cat({opt("height_factor", PT::Ignored, {},
                          QT_TRANSLATE_NOOP("convlens::catalogue", "zoom range of the height")),
                      opt("width_factor", PT::Ignored, {},
                          QT_TRANSLATE_NOOP("convlens::catalogue", "zoom range of the width (None: as the height)"))},
                     fill()),
                 QT_TRANSLATE_NOOP("convlens::catalogue", "identity at inference (random zooms while training)")});
    c.push_back(
        {K,
         "RandomTranslation",
         {},
         "",
         "random_translation",
         Op::Dropout,
         1,
         1,
         cat({opt("height_factor", PT::Ignored, {}, QT_TRANSLATE_NOOP("convlens::catalogue", "vertical shift range")),
              opt("width_factor", PT::Ignored, {}, QT_TRANSLATE_NOOP("convlens::catalogue", "horizontal shift range"))},
             fill()),
         QT_TRANSLATE_NOOP("convlens::catalogue", "identity at inference (random shifts while training)")});
    c.push_back({K,
                 "RandomContrast",
                 {},
                 "",
                 "random_contrast",
                 Op::Dropout,
                 1,
                 1,
                 {opt("factor", PT::Ignored, {}, QT_TRANSLATE_NOOP("convlens::catalogue", "contrast range")),
                  opt("seed", PT::Ignored, {}, QT_TRANSLATE_NOOP("convlens::catalogue", "ignored"))},
                 QT_TRANSLATE_NOOP("convlens::catalogue", "identity at inference (random contrast while training)")});
    c.push_back(
        {K,
         "RandomBrightness",
         {},
         "",
         "random_brightness",
         Op::Dropout,
         1,
         1,
         {opt("factor", PT::Ignored, {}, QT_TRANSLATE_NOOP("convlens::catalogue", "brightness range")),
          opt("value_range", PT::Ignored, {}, QT_TRANSLATE_NOOP("convlens::catalogue", "range of the input values")),
          opt("seed", PT::Ignored, {}, QT_TRANSLATE_NOOP("convlens::catalogue", "ignored"))},
         QT_TRANSLATE_NOOP("convlens::catalogue", "identity at inference (random brightness while training)")});
    c.push_back({K,
                 "Activation",
                 {},
                 "",
                 "activation",
                 Op::Activation,
                 1,
                 1,
                 {ParamDef{"activation", PT::Choice, {}, true, true, kerasActs(), "the function"}},
                 QT_TRANSLATE_NOOP("convlens::catalogue", "element-wise function")});
    c.push_back(
        {K,
         "ReLU",
         {},
         "",
         "re_lu",
         Op::Activation,
         1,
         1,
         {opt("max_value", PT::OptFloat, {}, QT_TRANSLATE_NOOP("convlens::catalogue", "upper bound (6 gives ReLU6)")),
          opt("negative_slope", PT::Float, 0.0, QT_TRANSLATE_NOOP("convlens::catalogue", "slope below the threshold")),
          opt("threshold", PT::Float, 0.0, QT_TRANSLATE_NOOP("convlens::catalogue", "must be 0 here"))},
         QT_TRANSLATE_NOOP("convlens::catalogue", "max(x, 0)")});
    c.push_back(
        {K,
         "Softmax",
         {},
         "",
         "softmax",
         Op::Activation,
         1,
         1,
         {opt("axis", PT::Axis, -1, QT_TRANSLATE_NOOP("convlens::catalogue", "the axis the values sum to 1 along"))},
         QT_TRANSLATE_NOOP("convlens::catalogue", "exp(x) / Σ exp(x) along axis")});
    c.push_back({K,
                 "LeakyReLU",
                 {},
                 "",
                 "leaky_re_lu",
                 Op::Activation,
                 1,
                 1,
                 {opt("alpha", PT::Float, 0.3, QT_TRANSLATE_NOOP("convlens::catalogue", "slope for x < 0"))},
                 QT_TRANSLATE_NOOP("convlens::catalogue", "x for x ≥ 0, alpha·x otherwise")});
    c.push_back({K,
                 "Flatten",
                 {},
                 "",
                 "flatten",
                 Op::Flatten,
                 1,
                 1,
                 {kerasDataFormat()},
                 QT_TRANSLATE_NOOP("convlens::catalogue", "flatten to one axis (H, W, C order)")});
    c.push_back(
        {K,
         "Dense",
         {},
         "",
         "dense",
         Op::Dense,
         1,
         1,
         cat({req("units", PT::Int, QT_TRANSLATE_NOOP("convlens::catalogue", "number of outputs")), kerasActivation(),
              opt("use_bias", PT::Bool, true, QT_TRANSLATE_NOOP("convlens::catalogue", "add a bias per unit"))},
             kerasWeightArgs({"kernel", "bias"})),
         QT_TRANSLATE_NOOP("convlens::catalogue", "fully connected, on the last axis")});
    c.push_back(
        {K,
         "Reshape",
         {},
         "",
         "reshape",
         Op::Reshape,
         1,
         1,
         {req("target_shape", PT::ShapeTuple,
              QT_TRANSLATE_NOOP("convlens::catalogue", "new shape without the batch dimension; one -1 is inferred"))},
         QT_TRANSLATE_NOOP("convlens::catalogue", "same values, new shape")});
    c.push_back(
        {K,
         "Concatenate",
         {},
         "concatenate",
         "concatenate",
         Op::Concat,
         2,
         -1,
         {opt("axis", PT::Axis, -1, QT_TRANSLATE_NOOP("convlens::catalogue", "axis to join along (-1 = channels)"))},
         QT_TRANSLATE_NOOP("convlens::catalogue", "join tensors along an axis")});
    c.push_back(
        {K, "Add", {}, "add", "add", Op::Add, 2, -1, {}, QT_TRANSLATE_NOOP("convlens::catalogue", "element-wise sum")});
    // The other merges of tf.keras 2 (layers/merging): element-wise over their inputs, with Keras' broadcasting of
    // size-1 axes; Op::Arith folds them left to right (Average divides the sum by the count).
    for (const auto &[cls, fn, what, maxIn] : std::initializer_list<std::tuple<const char *, const char *, const char *, int>>{
             {"Multiply", "multiply", "element-wise product", -1},
             {"Subtract", "subtract", "the first input minus the second", 2},
             {"Average", "average", "element-wise mean", -1},
             {"Maximum", "maximum", "element-wise maximum", -1},
             {"Minimum", "minimum", "element-wise minimum", -1}})
        c.push_back({K, cls, {}, fn, fn, Op::Arith, 2, maxIn, {}, what});
    c.push_back(
        {K,
         "Rescaling",
         {},
         "",
         "rescaling",
         Op::Arith,
         1,
         1,
         {req("scale", PT::Float, QT_TRANSLATE_NOOP("convlens::catalogue", "the factor (1/255 maps bytes to [0, 1])")),
          opt("offset", PT::Float, 0.0, QT_TRANSLATE_NOOP("convlens::catalogue", "added after scaling"))},
         QT_TRANSLATE_NOOP("convlens::catalogue", "x · scale + offset")});
    c.push_back(
        {K,
         "Normalization",
         {},
         "",
         "normalization",
         Op::Arith,
         1,
         1,
         {opt("axis", PT::OptAxis, -1,
              QT_TRANSLATE_NOOP("convlens::catalogue", "the axis with its own mean and variance (-1 = channels)")),
          ParamDef{"mean",
                   PT::Ignored,
                   {},
                   false,
                   true,
                   {},
                   "a number or one per channel; None = learnt by adapt() from data"},
          ParamDef{"variance",
                   PT::Ignored,
                   {},
                   false,
                   true,
                   {},
                   "a number or one per channel; None = learnt by adapt() from data"},
          opt("invert", PT::Bool, false,
              QT_TRANSLATE_NOOP("convlens::catalogue", "must be False here (True undoes the normalisation)"))},
         QT_TRANSLATE_NOOP("convlens::catalogue", "(x − mean) / √variance per channel")});
    // What a Lambda or custom layer computes with the backend (tf.reduce_mean, K.max, tf.nn.depth_to_space): not
    // Keras layer classes, so the importer makes these rows only inside a Lambda's function or a call().
    for (const auto &[cls, what] : std::initializer_list<std::pair<const char *, const char *>>{
             {"reduce_mean", "the mean"}, {"reduce_sum", "the sum"}, {"reduce_max", "the maximum"},
             {"reduce_min", "the minimum"}})
        c.push_back({K,
                     cls,
                     {},
                     "",
                     cls,
                     Op::Reduce,
                     1,
                     1,
                     {opt("axis", PT::ShapeTuple, ParamValue::ints({1, 2}),
                          QT_TRANSLATE_NOOP("convlens::catalogue", "the axes reduced (batch = 0)")),
                      opt("keepdims", PT::Bool, false,
                          QT_TRANSLATE_NOOP("convlens::catalogue", "keep the reduced axes as size 1"))},
                     std::string("tf.") + cls + " in a Lambda: " + what + " over axes"});
    // x[:, a:b:s] in a Lambda: one row per sliced axis (the Lambda's row folds them), as torch's getitem
    c.push_back({K,
                 "getitem",
                 {},
                 "",
                 "getitem",
                 Op::Slice,
                 1,
                 1,
                 {req("dim", PT::Axis, QT_TRANSLATE_NOOP("convlens::catalogue", "the axis sliced (batch = 0)")),
                  opt("start", PT::Axis, 0, QT_TRANSLATE_NOOP("convlens::catalogue", "first index kept")),
                  opt("stop", PT::OptAxis, {}, QT_TRANSLATE_NOOP("convlens::catalogue", "end (exclusive; None = the end)")),
                  opt("step", PT::Int, 1, QT_TRANSLATE_NOOP("convlens::catalogue", "step between kept indices"))},
                 "x[:, a:b:s] in a Lambda: a range of one axis"});
    c.push_back({K,
                 "l2_normalize",
                 {},
                 "",
                 "l2_normalize",
                 Op::Arith,
                 1,
                 1,
                 {opt("axis", PT::ShapeTuple, ParamValue::ints({-1}),
                      QT_TRANSLATE_NOOP("convlens::catalogue", "the axes reduced (batch = 0)")),
                  opt("epsilon", PT::Float, 1e-12,
                      QT_TRANSLATE_NOOP("convlens::catalogue", "the smallest Σ x² divided by (no division by zero)"))},
                 "tf.math.l2_normalize / K.l2_normalize in a Lambda: x / √max(Σ x², epsilon) over axes"});
    for (const auto &[cls, what] : std::initializer_list<std::pair<const char *, const char *>>{
             {"abs", "|x|"}, {"square", "x²"}, {"sqrt", "√x"}})
        c.push_back({K, cls, {}, "", cls, Op::Arith, 1, 1, {},
                     std::string("tf.") + cls + " / K." + cls + " in a Lambda: " + what + " element-wise"});
    c.push_back({K,
                 "truediv",
                 {},
                 "",
                 "truediv",
                 Op::Arith,
                 1,
                 2,
                 {opt("other", PT::OptFloat, 255.0,
                      QT_TRANSLATE_NOOP("convlens::catalogue",
                                        "the number on the other side when there is one input (None with two)")),
                  opt("reverse", PT::Bool, false,
                      QT_TRANSLATE_NOOP("convlens::catalogue", "the number is the left operand (number / x)"))},
                 QT_TRANSLATE_NOOP("convlens::catalogue", "x / number or a / b in a Lambda: element-wise")});
    c.push_back(
        {K,
         "depth_to_space",
         {},
         "",
         "depth_to_space",
         Op::PixelShuffle,
         1,
         1,
         {req("block_size", PT::Int,
              QT_TRANSLATE_NOOP("convlens::catalogue", "r: C·r² channels become C channels r× larger"))},
         QT_TRANSLATE_NOOP("convlens::catalogue", "tf.nn.depth_to_space in a Lambda: channels to space (DCR order)")});

    // ---------------------------------------------------------------- PyTorch (torch.nn signatures)
    c.push_back(
        {T,
         "Input",
         {},
         "",
         "",
         Op::Input,
         0,
         0,
         {req("shape", PT::ShapeTuple,
              QT_TRANSLATE_NOOP("convlens::catalogue", "input shape without the batch dimension: (C, H, W)"))},
         QT_TRANSLATE_NOOP("convlens::catalogue", "the model input (torch code declares none: --input-shape)")});
    const auto torchTail = [](std::vector<ParamDef> ps) {
        ps.push_back(ignored("device"));
        ps.push_back(ignored("dtype"));
        return ps;
    };
    c.push_back(
        {T,
         "Conv2d",
         {},
         "",
         "",
         Op::Conv,
         1,
         1,
         torchTail(
             {req("in_channels", PT::Int,
                  QT_TRANSLATE_NOOP("convlens::catalogue", "input channels (must match the input)")),
              req("out_channels", PT::Int, QT_TRANSLATE_NOOP("convlens::catalogue", "output channels")),
              req("kernel_size", PT::IntOrPair, QT_TRANSLATE_NOOP("convlens::catalogue", "kernel height and width")),
              opt("stride", PT::IntOrPair, 1, QT_TRANSLATE_NOOP("convlens::catalogue", "step of the window")),
              opt("padding", PT::TorchPadding, 0,
                  QT_TRANSLATE_NOOP("convlens::catalogue", "int, (h, w), 'valid' or 'same' (stride 1 only)")),
              opt("dilation", PT::IntOrPair, 1, QT_TRANSLATE_NOOP("convlens::catalogue", "spacing of kernel taps")),
              opt("groups", PT::Int, 1, QT_TRANSLATE_NOOP("convlens::catalogue", "channel groups")),
              opt("bias", PT::Bool, true, QT_TRANSLATE_NOOP("convlens::catalogue", "add a bias")),
              choice("padding_mode", PT::Choice, "zeros", {"zeros", "reflect", "replicate", "circular"},
                     QT_TRANSLATE_NOOP("convlens::catalogue", "what the border holds: zeros, mirror, edge or wrap"))}),
         QT_TRANSLATE_NOOP("convlens::catalogue", "2-D convolution")});
    c.push_back(
        {T,
         "ConvTranspose2d",
         {},
         "",
         "",
         Op::ConvTranspose,
         1,
         1,
         torchTail(
             {req("in_channels", PT::Int,
                  QT_TRANSLATE_NOOP("convlens::catalogue", "input channels (must match the input)")),
              req("out_channels", PT::Int, QT_TRANSLATE_NOOP("convlens::catalogue", "output channels")),
              req("kernel_size", PT::IntOrPair, QT_TRANSLATE_NOOP("convlens::catalogue", "kernel height and width")),
              opt("stride", PT::IntOrPair, 1, QT_TRANSLATE_NOOP("convlens::catalogue", "upsampling step")),
              opt("padding", PT::IntOrPair, 0,
                  QT_TRANSLATE_NOOP("convlens::catalogue", "rows/columns removed from each side")),
              opt("output_padding", PT::IntOrPair, 0,
                  QT_TRANSLATE_NOOP("convlens::catalogue", "extra rows/columns at the end")),
              opt("groups", PT::Int, 1, QT_TRANSLATE_NOOP("convlens::catalogue", "channel groups")),
              opt("bias", PT::Bool, true, QT_TRANSLATE_NOOP("convlens::catalogue", "add a bias")),
              opt("dilation", PT::IntOrPair, 1, QT_TRANSLATE_NOOP("convlens::catalogue", "spacing of kernel taps")),
              choice("padding_mode", PT::Choice, "zeros", {"zeros"},
                     QT_TRANSLATE_NOOP("convlens::catalogue", "only 'zeros' is supported"))}),
         QT_TRANSLATE_NOOP("convlens::catalogue", "transposed convolution")});
    c.push_back(
        {T,
         "MaxPool2d",
         {},
         "",
         "",
         Op::MaxPool,
         1,
         1,
         {req("kernel_size", PT::IntOrPair, QT_TRANSLATE_NOOP("convlens::catalogue", "window height and width")),
          opt("stride", PT::OptIntOrPair, {}, QT_TRANSLATE_NOOP("convlens::catalogue", "step; None = kernel_size")),
          opt("padding", PT::IntOrPair, 0,
              QT_TRANSLATE_NOOP("convlens::catalogue", "implicit −∞ padding on each side (≤ kernel/2)")),
          opt("dilation", PT::IntOrPair, 1, QT_TRANSLATE_NOOP("convlens::catalogue", "spacing of window taps")),
          opt("return_indices", PT::Bool, false, QT_TRANSLATE_NOOP("convlens::catalogue", "must be False here")),
          opt("ceil_mode", PT::Bool, false, QT_TRANSLATE_NOOP("convlens::catalogue", "round the output size up"))},
         QT_TRANSLATE_NOOP("convlens::catalogue", "maximum over each window")});
    c.push_back(
        {T,
         "AvgPool2d",
         {},
         "",
         "",
         Op::AvgPool,
         1,
         1,
         {req("kernel_size", PT::IntOrPair, QT_TRANSLATE_NOOP("convlens::catalogue", "window height and width")),
          opt("stride", PT::OptIntOrPair, {}, QT_TRANSLATE_NOOP("convlens::catalogue", "step; None = kernel_size")),
          opt("padding", PT::IntOrPair, 0,
              QT_TRANSLATE_NOOP("convlens::catalogue", "implicit zero padding on each side (≤ kernel/2)")),
          opt("ceil_mode", PT::Bool, false, QT_TRANSLATE_NOOP("convlens::catalogue", "round the output size up")),
          opt("count_include_pad", PT::Bool, true,
              QT_TRANSLATE_NOOP("convlens::catalogue", "count padded zeros in the divisor")),
          opt("divisor_override", PT::OptFloat, {}, QT_TRANSLATE_NOOP("convlens::catalogue", "fixed divisor"))},
         QT_TRANSLATE_NOOP("convlens::catalogue", "mean over each window")});
    c.push_back({T,
                 "AdaptiveAvgPool2d",
                 {},
                 "",
                 "",
                 Op::AdaptiveAvgPool,
                 1,
                 1,
                 {req("output_size", PT::OutputSize,
                      QT_TRANSLATE_NOOP("convlens::catalogue", "output (h, w); None keeps that size"))},
                 QT_TRANSLATE_NOOP("convlens::catalogue", "average pooling to a fixed output size")});
    c.push_back(
        {T,
         "AdaptiveMaxPool2d",
         {},
         "",
         "",
         Op::AdaptiveMaxPool,
         1,
         1,
         {req("output_size", PT::OutputSize,
              QT_TRANSLATE_NOOP("convlens::catalogue", "output (h, w); None keeps that size")),
          opt("return_indices", PT::Bool, false, QT_TRANSLATE_NOOP("convlens::catalogue", "must be False here"))},
         QT_TRANSLATE_NOOP("convlens::catalogue", "max pooling to a fixed output size")});
    c.push_back(
        {T,
         "Upsample",
         {},
         "",
         "",
         Op::Upsample,
         1,
         1,
         {opt("size", PT::OutputSize, {}, QT_TRANSLATE_NOOP("convlens::catalogue", "output (h, w)")),
          opt("scale_factor", PT::ScaleFactor, {}, QT_TRANSLATE_NOOP("convlens::catalogue", "multiplier for h and w")),
          choice("mode", PT::Choice, "nearest", {"nearest", "nearest-exact", "bilinear"},
                 QT_TRANSLATE_NOOP("convlens::catalogue", "interpolation")),
          opt("align_corners", PT::Bool, {},
              QT_TRANSLATE_NOOP("convlens::catalogue", "bilinear only: align corner pixels")),
          opt("recompute_scale_factor", PT::Ignored, {}, QT_TRANSLATE_NOOP("convlens::catalogue", "ignored"))},
         QT_TRANSLATE_NOOP("convlens::catalogue", "resize by interpolation")});
    c.push_back(
        {T,
         "UpsamplingNearest2d",
         {},
         "",
         "",
         Op::Upsample,
         1,
         1,
         {opt("size", PT::OutputSize, {}, QT_TRANSLATE_NOOP("convlens::catalogue", "output (h, w)")),
          opt("scale_factor", PT::ScaleFactor, {}, QT_TRANSLATE_NOOP("convlens::catalogue", "multiplier for h and w"))},
         QT_TRANSLATE_NOOP("convlens::catalogue", "nearest-neighbour upsampling (Upsample with mode='nearest')")});
    c.push_back(
        {T,
         "UpsamplingBilinear2d",
         {},
         "",
         "",
         Op::Upsample,
         1,
         1,
         {opt("size", PT::OutputSize, {}, QT_TRANSLATE_NOOP("convlens::catalogue", "output (h, w)")),
          opt("scale_factor", PT::ScaleFactor, {}, QT_TRANSLATE_NOOP("convlens::catalogue", "multiplier for h and w"))},
         QT_TRANSLATE_NOOP("convlens::catalogue", "bilinear upsampling with align_corners=True")});
    c.push_back(
        {T,
         "ZeroPad2d",
         {},
         "",
         "",
         Op::Pad,
         1,
         1,
         {req("padding", PT::TorchPad4, QT_TRANSLATE_NOOP("convlens::catalogue", "int or (left, right, top, bottom)"))},
         QT_TRANSLATE_NOOP("convlens::catalogue", "add zeros at the edges")});
    c.push_back({T,
                 "ReflectionPad2d",
                 {},
                 "",
                 "",
                 Op::Pad,
                 1,
                 1,
                 {req("padding", PT::TorchPad4,
                      QT_TRANSLATE_NOOP("convlens::catalogue",
                                        "int or (left, right, top, bottom), each less than the input size"))},
                 QT_TRANSLATE_NOOP("convlens::catalogue", "mirror the map at its edges (without repeating the edge)")});
    c.push_back(
        {T,
         "ReplicationPad2d",
         {},
         "",
         "",
         Op::Pad,
         1,
         1,
         {req("padding", PT::TorchPad4, QT_TRANSLATE_NOOP("convlens::catalogue", "int or (left, right, top, bottom)"))},
         QT_TRANSLATE_NOOP("convlens::catalogue", "repeat the edge cells outwards")});
    c.push_back(
        {T,
         "ConstantPad2d",
         {},
         "",
         "",
         Op::Pad,
         1,
         1,
         {req("padding", PT::TorchPad4, QT_TRANSLATE_NOOP("convlens::catalogue", "int or (left, right, top, bottom)")),
          req("value", PT::Float, QT_TRANSLATE_NOOP("convlens::catalogue", "the value of the border cells"))},
         QT_TRANSLATE_NOOP("convlens::catalogue", "add cells of one value at the edges")});
    c.push_back(
        {T,
         "BatchNorm2d",
         {},
         "",
         "",
         Op::BatchNorm,
         1,
         1,
         torchTail(
             {req("num_features", PT::Int, QT_TRANSLATE_NOOP("convlens::catalogue", "channels (must match the input)")),
              opt("eps", PT::Float, 1e-5, QT_TRANSLATE_NOOP("convlens::catalogue", "added to the variance")),
              opt("momentum", PT::OptFloat, 0.1, QT_TRANSLATE_NOOP("convlens::catalogue", "ignored here")),
              opt("affine", PT::Bool, true, QT_TRANSLATE_NOOP("convlens::catalogue", "learn weight and bias")),
              opt("track_running_stats", PT::Bool, true,
                  QT_TRANSLATE_NOOP("convlens::catalogue", "must be True here"))}),
         QT_TRANSLATE_NOOP("convlens::catalogue", "normalise each channel (eval mode: running statistics)")});
    c.push_back(
        {T,
         "BatchNorm1d",
         {},
         "",
         "",
         Op::BatchNorm,
         1,
         1,
         torchTail({req("num_features", PT::Int,
                        QT_TRANSLATE_NOOP("convlens::catalogue", "features C of an (N, C) or (N, C, L) input")),
                    opt("eps", PT::Float, 1e-5, QT_TRANSLATE_NOOP("convlens::catalogue", "added to the variance")),
                    opt("momentum", PT::OptFloat, 0.1, QT_TRANSLATE_NOOP("convlens::catalogue", "ignored here")),
                    opt("affine", PT::Bool, true, QT_TRANSLATE_NOOP("convlens::catalogue", "learn weight and bias")),
                    opt("track_running_stats", PT::Bool, true,
                        QT_TRANSLATE_NOOP("convlens::catalogue", "must be True here"))}),
         QT_TRANSLATE_NOOP("convlens::catalogue", "normalise each feature (eval mode: running statistics)")});
    for (const char *d : {"Dropout", "Dropout2d", "AlphaDropout", "FeatureAlphaDropout"})
        c.push_back(
            {T,
             d,
             {},
             "",
             "",
             Op::Dropout,
             1,
             1,
             {opt("p", PT::Float, 0.5, QT_TRANSLATE_NOOP("convlens::catalogue", "drop probability while training")),
              opt("inplace", PT::Ignored, {}, "")},
             QT_TRANSLATE_NOOP("convlens::catalogue", "identity in eval mode")});
    c.push_back({T,
                 "ReLU",
                 {},
                 "",
                 "",
                 Op::Activation,
                 1,
                 1,
                 {opt("inplace", PT::Ignored, {}, "")},
                 QT_TRANSLATE_NOOP("convlens::catalogue", "max(x, 0)")});
    c.push_back({T,
                 "ReLU6",
                 {},
                 "",
                 "",
                 Op::Activation,
                 1,
                 1,
                 {opt("inplace", PT::Ignored, {}, "")},
                 QT_TRANSLATE_NOOP("convlens::catalogue", "min(max(x, 0), 6)")});
    c.push_back({T,
                 "LeakyReLU",
                 {},
                 "",
                 "",
                 Op::Activation,
                 1,
                 1,
                 {opt("negative_slope", PT::Float, 0.01, QT_TRANSLATE_NOOP("convlens::catalogue", "slope for x < 0")),
                  opt("inplace", PT::Ignored, {}, "")},
                 QT_TRANSLATE_NOOP("convlens::catalogue", "x for x ≥ 0, slope·x otherwise")});
    c.push_back({T,
                 "Sigmoid",
                 {},
                 "",
                 "",
                 Op::Activation,
                 1,
                 1,
                 {},
                 QT_TRANSLATE_NOOP("convlens::catalogue", "1 / (1 + e^−x)")});
    const auto inplace = [] { return opt("inplace", PT::Ignored, {}, ""); };
    c.push_back({T,
                 "ELU",
                 {},
                 "",
                 "",
                 Op::Activation,
                 1,
                 1,
                 {opt("alpha", PT::Float, 1.0, QT_TRANSLATE_NOOP("convlens::catalogue", "α in α·(e^x − 1) for x ≤ 0")),
                  inplace()},
                 QT_TRANSLATE_NOOP("convlens::catalogue", "x for x > 0, α·(e^x − 1) otherwise")});
    c.push_back(
        {T,
         "CELU",
         {},
         "",
         "",
         Op::Activation,
         1,
         1,
         {opt("alpha", PT::Float, 1.0, QT_TRANSLATE_NOOP("convlens::catalogue", "α in α·(e^(x/α) − 1)")), inplace()},
         QT_TRANSLATE_NOOP("convlens::catalogue", "max(0, x) + min(0, α·(e^(x/α) − 1))")});
    c.push_back({T,
                 "SELU",
                 {},
                 "",
                 "",
                 Op::Activation,
                 1,
                 1,
                 {inplace()},
                 QT_TRANSLATE_NOOP("convlens::catalogue", "scaled ELU with the published constants")});
    c.push_back({T,
                 "GELU",
                 {},
                 "",
                 "",
                 Op::Activation,
                 1,
                 1,
                 {choice("approximate", PT::Choice, "none", {"none", "tanh"},
                         QT_TRANSLATE_NOOP("convlens::catalogue", "'none' (erf) or 'tanh'"))},
                 QT_TRANSLATE_NOOP("convlens::catalogue", "x·Φ(x), Φ the normal distribution function")});
    c.push_back({T,
                 "SiLU",
                 {},
                 "",
                 "",
                 Op::Activation,
                 1,
                 1,
                 {inplace()},
                 QT_TRANSLATE_NOOP("convlens::catalogue", "x·sigmoid(x) (swish)")});
    c.push_back({T,
                 "Mish",
                 {},
                 "",
                 "",
                 Op::Activation,
                 1,
                 1,
                 {inplace()},
                 QT_TRANSLATE_NOOP("convlens::catalogue", "x·tanh(softplus(x))")});
    c.push_back({T,
                 "Hardswish",
                 {},
                 "",
                 "",
                 Op::Activation,
                 1,
                 1,
                 {inplace()},
                 QT_TRANSLATE_NOOP("convlens::catalogue", "x·relu6(x + 3) / 6")});
    c.push_back({T,
                 "Hardsigmoid",
                 {},
                 "",
                 "",
                 Op::Activation,
                 1,
                 1,
                 {inplace()},
                 QT_TRANSLATE_NOOP("convlens::catalogue", "relu6(x + 3) / 6")});
    c.push_back({T,
                 "Hardtanh",
                 {},
                 "",
                 "",
                 Op::Activation,
                 1,
                 1,
                 {opt("min_val", PT::Float, -1.0, QT_TRANSLATE_NOOP("convlens::catalogue", "lower bound")),
                  opt("max_val", PT::Float, 1.0, QT_TRANSLATE_NOOP("convlens::catalogue", "upper bound")), inplace()},
                 QT_TRANSLATE_NOOP("convlens::catalogue", "x clipped to [min_val, max_val]")});
    c.push_back(
        {T,
         "Softplus",
         {},
         "",
         "",
         Op::Activation,
         1,
         1,
         {opt("beta", PT::Float, 1.0, QT_TRANSLATE_NOOP("convlens::catalogue", "β in log(1 + e^(βx)) / β")),
          opt("threshold", PT::Float, 20.0, QT_TRANSLATE_NOOP("convlens::catalogue", "x itself where βx > threshold"))},
         QT_TRANSLATE_NOOP("convlens::catalogue", "log(1 + e^(βx)) / β")});
    c.push_back({T,
                 "Softsign",
                 {},
                 "",
                 "",
                 Op::Activation,
                 1,
                 1,
                 {},
                 QT_TRANSLATE_NOOP("convlens::catalogue", "x / (1 + |x|)")});
    c.push_back({T,
                 "Tanhshrink",
                 {},
                 "",
                 "",
                 Op::Activation,
                 1,
                 1,
                 {},
                 QT_TRANSLATE_NOOP("convlens::catalogue", "x − tanh(x)")});
    c.push_back({T,
                 "LogSigmoid",
                 {},
                 "",
                 "",
                 Op::Activation,
                 1,
                 1,
                 {},
                 QT_TRANSLATE_NOOP("convlens::catalogue", "log(1 / (1 + e^−x))")});
    c.push_back({T, "Tanh", {}, "", "", Op::Activation, 1, 1, {}, QT_TRANSLATE_NOOP("convlens::catalogue", "tanh")});
    c.push_back(
        {T,
         "Softmax",
         {},
         "",
         "",
         Op::Activation,
         1,
         1,
         {opt("dim", PT::OptAxis, {}, QT_TRANSLATE_NOOP("convlens::catalogue", "axis (counting the batch axis as 0)"))},
         QT_TRANSLATE_NOOP("convlens::catalogue", "softmax along an axis")});
    c.push_back(
        {T,
         "LogSoftmax",
         {},
         "",
         "",
         Op::Activation,
         1,
         1,
         {opt("dim", PT::OptAxis, {}, QT_TRANSLATE_NOOP("convlens::catalogue", "axis (counting the batch axis as 0)"))},
         QT_TRANSLATE_NOOP("convlens::catalogue", "log(softmax) along an axis")});
    c.push_back({T,
                 "Identity",
                 {},
                 "",
                 "",
                 Op::Activation,
                 1,
                 1,
                 {},
                 QT_TRANSLATE_NOOP("convlens::catalogue", "passes its input through")});
    c.push_back(
        {T,
         "Flatten",
         {},
         "",
         "",
         Op::Flatten,
         1,
         1,
         {opt("start_dim", PT::Axis, 1, QT_TRANSLATE_NOOP("convlens::catalogue", "first axis flattened (batch = 0)")),
          opt("end_dim", PT::Axis, -1, QT_TRANSLATE_NOOP("convlens::catalogue", "last axis flattened"))},
         QT_TRANSLATE_NOOP("convlens::catalogue", "flatten axes (C, H, W order)")});
    c.push_back({T,
                 "Linear",
                 {},
                 "",
                 "",
                 Op::Dense,
                 1,
                 1,
                 torchTail({req("in_features", PT::Int,
                                QT_TRANSLATE_NOOP("convlens::catalogue", "size of the last axis of the input")),
                            req("out_features", PT::Int, QT_TRANSLATE_NOOP("convlens::catalogue", "number of outputs")),
                            opt("bias", PT::Bool, true, QT_TRANSLATE_NOOP("convlens::catalogue", "add a bias"))}),
                 QT_TRANSLATE_NOOP("convlens::catalogue", "fully connected, on the last axis")});
    c.push_back(
        {T,
         "Unflatten",
         {},
         "",
         "",
         Op::Reshape,
         1,
         1,
         {req("dim", PT::Axis, QT_TRANSLATE_NOOP("convlens::catalogue", "axis to unflatten (batch = 0)")),
          req("unflattened_size", PT::ShapeTuple, QT_TRANSLATE_NOOP("convlens::catalogue", "the sizes it becomes"))},
         QT_TRANSLATE_NOOP("convlens::catalogue", "split one axis into several")});
    c.push_back(
        {T,
         "reshape",
         {"view"},
         "",
         "",
         Op::Reshape,
         1,
         1,
         {req("target_shape", PT::ShapeTuple,
              QT_TRANSLATE_NOOP("convlens::catalogue", "the new shape without the batch; one -1 is inferred"))},
         QT_TRANSLATE_NOOP("convlens::catalogue",
                           "x.view(…) / x.reshape(…) / squeeze / unsqueeze in forward(): same values, new shape")});
    c.push_back({T,
                 "cat",
                 {"Concat"},
                 "",
                 "",
                 Op::Concat,
                 2,
                 -1,
                 {opt("dim", PT::Axis, 1,
                      QT_TRANSLATE_NOOP("convlens::catalogue", "axis to join along (batch = 0; 1 = channels)"))},
                 QT_TRANSLATE_NOOP("convlens::catalogue", "torch.cat in forward(): join tensors")});
    c.push_back({T,
                 "add",
                 {"Add"},
                 "",
                 "",
                 Op::Add,
                 2,
                 -1,
                 {},
                 QT_TRANSLATE_NOOP("convlens::catalogue", "a + b in forward(): element-wise sum")});
    for (const auto &[cls, alias, what] : std::initializer_list<std::tuple<const char *, const char *, const char *>>{
             {"sub", "Sub", "a − b"}, {"mul", "Mul", "a · b"}, {"truediv", "Div", "a / b"}})
        c.push_back({T,
                     cls,
                     {alias},
                     "",
                     "",
                     Op::Arith,
                     1,
                     2,
                     {opt("other", PT::OptFloat, 2.0,
                          QT_TRANSLATE_NOOP("convlens::catalogue",
                                            "the number on the other side when there is one input (None with two)")),
                      opt("reverse", PT::Bool, false,
                          QT_TRANSLATE_NOOP("convlens::catalogue", "the number is the left operand"))},
                     std::string(what) + " in forward(): element-wise, with torch's broadcasting, or with a number"});
    c.push_back({T,
                 "add_scalar",
                 {},
                 "",
                 "",
                 Op::Arith,
                 1,
                 1,
                 {opt("other", PT::Float, 1.0, QT_TRANSLATE_NOOP("convlens::catalogue", "the number added"))},
                 QT_TRANSLATE_NOOP("convlens::catalogue", "x + a number in forward()")});
    c.push_back(
        {T, "neg", {}, "", "", Op::Arith, 1, 1, {}, QT_TRANSLATE_NOOP("convlens::catalogue", "−x in forward()")});
    c.push_back({T,
                 "abs",
                 {},
                 "",
                 "",
                 Op::Arith,
                 1,
                 1,
                 {},
                 QT_TRANSLATE_NOOP("convlens::catalogue", "x.abs() / torch.abs(x) in forward(): |x|")});
    c.push_back(
        {T,
         "maximum",
         {},
         "",
         "",
         Op::Arith,
         2,
         2,
         {},
         QT_TRANSLATE_NOOP("convlens::catalogue",
                           "torch.maximum(a, b) / torch.max(a, b) in forward(): element-wise, with broadcasting")});
    c.push_back(
        {T,
         "minimum",
         {},
         "",
         "",
         Op::Arith,
         2,
         2,
         {},
         QT_TRANSLATE_NOOP("convlens::catalogue",
                           "torch.minimum(a, b) / torch.min(a, b) in forward(): element-wise, with broadcasting")});
    c.push_back({T,
                 "pow",
                 {},
                 "",
                 "",
                 Op::Arith,
                 1,
                 2,
                 {opt("other", PT::OptFloat, 2.0,
                      QT_TRANSLATE_NOOP("convlens::catalogue", "the exponent when there is one input (None with two)")),
                  opt("reverse", PT::Bool, false,
                      QT_TRANSLATE_NOOP("convlens::catalogue", "the number is the base: number ** x"))},
                 QT_TRANSLATE_NOOP("convlens::catalogue", "x.pow(2) / x ** 2 in forward(): element-wise power")});
    for (const char *r : {"mean", "sum", "amax", "amin"})
        c.push_back({T,
                     r,
                     {},
                     "",
                     "",
                     Op::Reduce,
                     1,
                     1,
                     {opt("dim", PT::ShapeTuple, ParamValue::ints({2, 3}),
                          QT_TRANSLATE_NOOP("convlens::catalogue", "the axes reduced (batch = 0)")),
                      opt("keepdim", PT::Bool, false,
                          QT_TRANSLATE_NOOP("convlens::catalogue", "keep the reduced axes as size 1"))},
                     std::string("x.") + r + "(dim) in forward(): " +
                         (std::string(r) == "mean"   ? "the mean"
                          : std::string(r) == "sum"  ? "the sum"
                          : std::string(r) == "amax" ? "the maximum"
                                                     : "the minimum") +
                         " over axes"});
    for (const char *r : {"argmax", "argmin"})
        c.push_back(
            {T,
             r,
             {},
             "",
             "",
             Op::Reduce,
             1,
             1,
             {opt("dim", PT::Axis, 1, QT_TRANSLATE_NOOP("convlens::catalogue", "the axis searched (batch = 0)")),
              opt("keepdim", PT::Bool, false,
                  QT_TRANSLATE_NOOP("convlens::catalogue", "keep the searched axis as size 1"))},
             std::string("the indices of torch.") + (r[3] == 'm' && r[4] == 'a' ? "max" : "min") +
                 "(x, dim) in forward(): where the first " + (r[4] == 'a' ? "maximum" : "minimum") +
                 " is, as a number"});
    c.push_back({T,
                 "permute",
                 {"transpose"},
                 "",
                 "",
                 Op::Permute,
                 1,
                 1,
                 {req("dims", PT::ShapeTuple,
                      QT_TRANSLATE_NOOP("convlens::catalogue", "the new order of the axes, the batch first (0)"))},
                 QT_TRANSLATE_NOOP("convlens::catalogue",
                                   "x.permute(…) / x.transpose(a, b) in forward(): the axes in a new order")});
    c.push_back(
        {T,
         "getitem",
         {"Slice"},
         "",
         "",
         Op::Slice,
         1,
         1,
         {req("dim", PT::Axis, QT_TRANSLATE_NOOP("convlens::catalogue", "the axis sliced (batch = 0)")),
          opt("start", PT::Axis, 0, QT_TRANSLATE_NOOP("convlens::catalogue", "first index kept")),
          opt("stop", PT::OptAxis, {}, QT_TRANSLATE_NOOP("convlens::catalogue", "end (exclusive; None = the end)")),
          opt("step", PT::Int, 1, QT_TRANSLATE_NOOP("convlens::catalogue", "step between kept indices"))},
         QT_TRANSLATE_NOOP("convlens::catalogue", "x[:, a:b:s] in forward(): a range of one axis")});
    c.push_back({T,
                 "PixelShuffle",
                 {},
                 "",
                 "",
                 Op::PixelShuffle,
                 1,
                 1,
                 {req("upscale_factor", PT::Int,
                      QT_TRANSLATE_NOOP("convlens::catalogue", "r: C·r² channels become C channels r× larger"))},
                 QT_TRANSLATE_NOOP("convlens::catalogue", "channels to space (sub-pixel convolution)")});
    c.push_back({T,
                 "PixelUnshuffle",
                 {},
                 "",
                 "",
                 Op::PixelShuffle,
                 1,
                 1,
                 {req("downscale_factor", PT::Int,
                      QT_TRANSLATE_NOOP("convlens::catalogue", "r: r×r blocks become r² channels"))},
                 QT_TRANSLATE_NOOP("convlens::catalogue", "space to channels")});
    c.push_back(
        {T,
         "GroupNorm",
         {},
         "",
         "",
         Op::GroupNorm,
         1,
         1,
         torchTail(
             {req("num_groups", PT::Int,
                  QT_TRANSLATE_NOOP("convlens::catalogue", "groups of channels normalised together")),
              req("num_channels", PT::Int, QT_TRANSLATE_NOOP("convlens::catalogue", "channels (must match the input)")),
              opt("eps", PT::Float, 1e-5, QT_TRANSLATE_NOOP("convlens::catalogue", "added to the variance")),
              opt("affine", PT::Bool, true,
                  QT_TRANSLATE_NOOP("convlens::catalogue", "learn weight and bias per channel"))}),
         QT_TRANSLATE_NOOP("convlens::catalogue", "normalise each group of channels of each sample")});
    c.push_back(
        {T,
         "InstanceNorm2d",
         {},
         "",
         "",
         Op::GroupNorm,
         1,
         1,
         torchTail({req("num_features", PT::Int, QT_TRANSLATE_NOOP("convlens::catalogue", "channels")),
                    opt("eps", PT::Float, 1e-5, QT_TRANSLATE_NOOP("convlens::catalogue", "added to the variance")),
                    opt("momentum", PT::OptFloat, 0.1, QT_TRANSLATE_NOOP("convlens::catalogue", "ignored here")),
                    opt("affine", PT::Bool, false,
                        QT_TRANSLATE_NOOP("convlens::catalogue", "learn weight and bias per channel")),
                    opt("track_running_stats", PT::Bool, false,
                        QT_TRANSLATE_NOOP("convlens::catalogue", "eval mode then uses running statistics"))}),
         QT_TRANSLATE_NOOP("convlens::catalogue", "normalise each channel of each sample")});
    c.push_back(
        {T,
         "LayerNorm",
         {},
         "",
         "",
         Op::LayerNorm,
         1,
         1,
         torchTail({req("normalized_shape", PT::ShapeTuple,
                        QT_TRANSLATE_NOOP("convlens::catalogue", "the input's last sizes, normalised together")),
                    opt("eps", PT::Float, 1e-5, QT_TRANSLATE_NOOP("convlens::catalogue", "added to the variance")),
                    opt("elementwise_affine", PT::Bool, true,
                        QT_TRANSLATE_NOOP("convlens::catalogue", "learn a weight and a bias per normalised value"))}),
         QT_TRANSLATE_NOOP("convlens::catalogue", "normalise each sample over its last axes")});
    c.push_back(
        {T,
         "LocalResponseNorm",
         {},
         "",
         "",
         Op::LocalResponseNorm,
         1,
         1,
         {req("size", PT::Int, QT_TRANSLATE_NOOP("convlens::catalogue", "neighbouring channels summed")),
          opt("alpha", PT::Float, 1e-4, QT_TRANSLATE_NOOP("convlens::catalogue", "multiplier of the mean square")),
          opt("beta", PT::Float, 0.75, QT_TRANSLATE_NOOP("convlens::catalogue", "exponent of the divisor")),
          opt("k", PT::Float, 1.0, QT_TRANSLATE_NOOP("convlens::catalogue", "added to the divisor"))},
         QT_TRANSLATE_NOOP("convlens::catalogue", "divide each value by the energy of its neighbouring channels")});
    c.push_back({T,
                 "PReLU",
                 {},
                 "",
                 "",
                 Op::PReLU,
                 1,
                 1,
                 torchTail({opt("num_parameters", PT::Int, 1,
                                QT_TRANSLATE_NOOP("convlens::catalogue", "1, or one slope per input channel")),
                            opt("init", PT::Float, 0.25,
                                QT_TRANSLATE_NOOP("convlens::catalogue", "the slopes' initial value"))}),
                 QT_TRANSLATE_NOOP("convlens::catalogue", "ReLU with a learned slope for negative values")});
    c.push_back({T,
                 "ChannelShuffle",
                 {},
                 "",
                 "",
                 Op::ChannelShuffle,
                 1,
                 1,
                 {req("groups", PT::Int, QT_TRANSLATE_NOOP("convlens::catalogue", "channel groups interleaved"))},
                 QT_TRANSLATE_NOOP("convlens::catalogue", "interleave the channels of the groups (ShuffleNet)")});
    return c;
}

bool equalsIgnoreCase(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

} // namespace

std::span<const KindDef> catalogue()
{
    static const std::vector<KindDef> table = buildCatalogue();
    return table;
}

const KindDef *findKind(Framework f, std::string_view name)
{
    // Every edit re-infers the whole graph, looking up each layer's kind: a hash map keeps that O(1).
    static const auto index = [] {
        std::unordered_map<std::string, const KindDef *> m;
        for (const auto &k : catalogue()) {
            const std::string prefix = k.framework == Framework::Keras ? "k:" : "t:";
            for (const auto &alias : k.aliases)
                m.emplace(prefix + alias, &k);
            if (!k.functionName.empty())
                m.emplace(prefix + k.functionName, &k);
        }
        for (const auto &k : catalogue()) // class names win over aliases and function names
            m[(k.framework == Framework::Keras ? "k:" : "t:") + k.className] = &k;
        return m;
    }();
    std::string key = f == Framework::Keras ? "k:" : "t:";
    key.append(name);
    const auto it = index.find(key);
    return it == index.end() ? nullptr : it->second;
}

const ParamDef *findParam(const KindDef &k, std::string_view name)
{
    for (const auto &p : k.params)
        if (p.name == name)
            return &p;
    return nullptr;
}

std::vector<std::string> kindNames(Framework f)
{
    std::vector<std::string> out;
    for (const auto &k : catalogue())
        if (k.framework == f)
            out.push_back(k.className);
    return out;
}

namespace {

bool isIntPair(const ParamValue &v)
{
    auto l = v.intList();
    return l && l->size() == 2;
}

} // namespace

std::string checkParamType(const ParamDef &def, const ParamValue &v)
{
    const auto fail = [&](const std::string &expected) { return "expected " + expected + ", got " + v.toPython(); };
    switch (def.type) {
    case PT::Ignored:
        return {};
    case PT::Int:
    case PT::NonNegInt:
        return v.isInt() ? std::string{} : fail("an int");
    case PT::IntOrPair:
        return v.isInt() || isIntPair(v) ? std::string{} : fail("an int or a tuple of 2 ints");
    case PT::OptIntOrPair:
        return v.isNone() || v.isInt() || isIntPair(v) ? std::string{} : fail("None, an int or a tuple of 2 ints");
    case PT::KerasPadding:
        if (v.isString() && (equalsIgnoreCase(v.asString(), "valid") || equalsIgnoreCase(v.asString(), "same")))
            return {};
        return fail("'valid' or 'same'");
    case PT::TorchPadding:
        if (v.isInt() || isIntPair(v) || (v.isString() && (v.asString() == "valid" || v.asString() == "same")))
            return {};
        return fail("an int, a tuple of 2 ints, 'valid' or 'same'");
    case PT::PadSpec2D: {
        if (v.isInt() || isIntPair(v))
            return {};
        if (v.isList() && v.asList().size() == 2 && isIntPair(v.asList()[0]) && isIntPair(v.asList()[1]))
            return {};
        return fail("an int, (rows, cols) or ((top, bottom), (left, right))");
    }
    case PT::TorchPad4: {
        auto l = v.intList();
        return v.isInt() || (l && l->size() == 4) ? std::string{} : fail("an int or (left, right, top, bottom)");
    }
    case PT::Bool:
        return v.isBool() ? std::string{} : fail("True or False");
    case PT::Float:
        return v.isNumber() ? std::string{} : fail("a number");
    case PT::OptFloat:
        return v.isNone() || v.isNumber() ? std::string{} : fail("None or a number");
    case PT::Choice:
    case PT::OptChoice: {
        if (def.type == PT::OptChoice && v.isNone())
            return {};
        if (v.isString())
            for (const auto &c : def.choices)
                if (c == v.asString())
                    return {};
        std::string list;
        for (const auto &c : def.choices)
            list += (list.empty() ? "'" : ", '") + c + "'";
        return fail((def.type == PT::OptChoice ? "None or one of " : "one of ") + list);
    }
    case PT::ShapeTuple: {
        auto l = v.intList();
        if (v.isInt() || (l && !l->empty()))
            return {};
        if (v.isList()) { // Keras allows None for unknown dims in Input(shape=(None, None, 3)); we need sizes
            return fail("a tuple of sizes (every size known)");
        }
        return fail("a tuple of ints");
    }
    case PT::Axis:
        return v.isInt() ? std::string{} : fail("an int axis");
    case PT::OptAxis:
        return v.isNone() || v.isInt() ? std::string{} : fail("None or an int axis");
    case PT::ScaleFactor: {
        if (v.isNone() || v.isNumber())
            return {};
        if (v.isList() && v.asList().size() == 2 && v.asList()[0].isNumber() && v.asList()[1].isNumber())
            return {};
        return fail("a number or a tuple of 2 numbers");
    }
    case PT::OutputSize: {
        if (v.isNone() || v.isInt())
            return {};
        if (v.isList() && v.asList().size() == 2) {
            for (const auto &e : v.asList())
                if (!e.isInt() && !e.isNone())
                    return fail("an int or a tuple of 2 ints (None keeps a size)");
            return {};
        }
        return fail("an int or a tuple of 2 ints (None keeps a size)");
    }
    }
    return {};
}

namespace {

// Every int inside a (possibly nested) value, for the range check.
void collectInts(const ParamValue &v, std::vector<std::int64_t> &out, std::vector<double> &floats)
{
    if (v.isInt())
        out.push_back(v.asInt());
    else if (v.isFloat())
        floats.push_back(v.asNumber());
    else if (v.isList())
        for (const auto &e : v.asList())
            collectInts(e, out, floats);
}

} // namespace

std::string checkParamRange(const ParamDef &def, const ParamValue &v)
{
    constexpr std::int64_t kMax = std::int64_t{1} << 31; // shape::dims::kMaxDim; model/ must not include shape/
    if (def.type == PT::Ignored)
        return {};
    std::vector<std::int64_t> ints;
    std::vector<double> floats;
    collectInts(v, ints, floats);
    for (std::int64_t x : ints)
        if (x > kMax || x < -kMax)
            return "expected a size within ±2^31, got " + std::to_string(x) + " (too large)";
    // ±inf is a bound only where a layer means "no bound": ConstantPad2d's value (-inf pads a max pool; the ONNX
    // reader writes it) and Hardtanh's min_val / max_val (an ONNX Clip without one side)
    const bool boundMayBeInfinite =
        (def.type == PT::Float || def.type == PT::OptFloat) &&
        (def.name == "value" || def.name == "min_val" || def.name == "max_val");
    for (double x : floats)
        if (std::isnan(x) || (std::isinf(x) && !boundMayBeInfinite) || (std::isfinite(x) && std::fabs(x) > 1e12))
            return "expected a finite number, got " + v.toPython();
    if (def.type == PT::Int && v.isInt() && v.asInt() < 1)
        return "expected an int ≥ 1, got " + v.toPython();
    if (def.type == PT::NonNegInt && v.isInt() && v.asInt() < 0)
        return "expected an int ≥ 0, got " + v.toPython();
    return {};
}

} // namespace convlens
