# ConvLens' own definition of keras.applications.MobileNetV2 (Sandler et al. 2018), written as plain Keras
# functional code with the layer and model names Keras uses (Conv1, bn_Conv1, Conv1_relu, expanded_conv_*,
# block_<n>_expand / _pad / _depthwise / _project / _add, Conv_1, Conv_1_bn, out_relu, predictions) and the model
# name "mobilenetv2_<alpha with 2 decimals>_<rows>".
# `weights` is accepted and ignored (no download); `input_shape` defaults to (224, 224, 3).
# alpha 1.0, 224, include_top=True: 3,538,984 parameters; include_top=False: 2,257,984.
from keras import layers
from keras.models import Model


def make_divisible(v, divisor=8):
    # nearest multiple of `divisor` (at least `divisor`), never more than 10% below v
    new_v = max(divisor, int(v + divisor / 2) // divisor * divisor)
    if new_v < 0.9 * v:
        new_v = new_v + divisor
    return new_v


def correct_pad(size, kernel_size):
    # the asymmetric zero padding that makes a stride-2 'valid' depthwise conv behave like TF 'same'
    adjust_h = 1 - size[0] % 2
    adjust_w = 1 - size[1] % 2
    half = kernel_size // 2
    return ((half - adjust_h, half), (half - adjust_w, half))


def inverted_res_block(inputs, expansion, stride, alpha, filters, block_id):
    in_channels = inputs.shape[-1]
    pointwise_filters = make_divisible(int(filters * alpha), 8)
    x = inputs
    prefix = "block_" + str(block_id) + "_"

    if block_id:
        # expand with a 1x1 convolution
        x = layers.Conv2D(expansion * in_channels, kernel_size=1, padding="same", use_bias=False,
                          activation=None, name=prefix + "expand")(x)
        x = layers.BatchNormalization(epsilon=1e-3, momentum=0.999, name=prefix + "expand_BN")(x)
        x = layers.ReLU(6.0, name=prefix + "expand_relu")(x)
    else:
        prefix = "expanded_conv_"

    # 3x3 depthwise convolution
    if stride == 2:
        x = layers.ZeroPadding2D(padding=correct_pad((x.shape[1], x.shape[2]), 3), name=prefix + "pad")(x)
    if stride == 1:
        dw_padding = "same"
    else:
        dw_padding = "valid"
    x = layers.DepthwiseConv2D(kernel_size=3, strides=stride, activation=None, use_bias=False,
                               padding=dw_padding, name=prefix + "depthwise")(x)
    x = layers.BatchNormalization(epsilon=1e-3, momentum=0.999, name=prefix + "depthwise_BN")(x)
    x = layers.ReLU(6.0, name=prefix + "depthwise_relu")(x)

    # project with a linear 1x1 convolution
    x = layers.Conv2D(pointwise_filters, kernel_size=1, padding="same", use_bias=False, activation=None,
                      name=prefix + "project")(x)
    x = layers.BatchNormalization(epsilon=1e-3, momentum=0.999, name=prefix + "project_BN")(x)

    if in_channels == pointwise_filters and stride == 1:
        return layers.Add(name=prefix + "add")([inputs, x])
    return x


def MobileNetV2(input_shape=None, alpha=1.0, include_top=True, weights="imagenet", input_tensor=None,
                pooling=None, classes=1000, classifier_activation="softmax", name=None):
    if input_shape is None:
        input_shape = (224, 224, 3)
    if input_tensor is None:
        img_input = layers.Input(shape=input_shape)
    else:
        img_input = input_tensor
    rows = img_input.shape[1]
    cols = img_input.shape[2]
    if weights == "imagenet":
        # Keras names the model after the input size of the weights it would load
        if rows != cols or rows not in [96, 128, 160, 192, 224]:
            rows = 224

    first_block_filters = make_divisible(32 * alpha, 8)
    x = layers.Conv2D(first_block_filters, kernel_size=3, strides=(2, 2), padding="same", use_bias=False,
                      name="Conv1")(img_input)
    x = layers.BatchNormalization(epsilon=1e-3, momentum=0.999, name="bn_Conv1")(x)
    x = layers.ReLU(6.0, name="Conv1_relu")(x)

    # (filters, stride of the first block, expansion, number of blocks) for the 7 bottleneck stages
    stages = [(16, 1, 1, 1), (24, 2, 6, 2), (32, 2, 6, 3), (64, 2, 6, 4), (96, 1, 6, 3), (160, 2, 6, 3),
              (320, 1, 6, 1)]
    block_id = 0
    for filters, first_stride, expansion, repeats in stages:
        for i in range(repeats):
            if i == 0:
                stride = first_stride
            else:
                stride = 1
            x = inverted_res_block(x, filters=filters, alpha=alpha, stride=stride, expansion=expansion,
                                   block_id=block_id)
            block_id = block_id + 1

    # the last 1x1 convolution is widened only when alpha > 1
    if alpha > 1.0:
        last_block_filters = make_divisible(1280 * alpha, 8)
    else:
        last_block_filters = 1280
    x = layers.Conv2D(last_block_filters, kernel_size=1, use_bias=False, name="Conv_1")(x)
    x = layers.BatchNormalization(epsilon=1e-3, momentum=0.999, name="Conv_1_bn")(x)
    x = layers.ReLU(6.0, name="out_relu")(x)

    if include_top:
        x = layers.GlobalAveragePooling2D()(x)
        x = layers.Dense(classes, activation=classifier_activation, name="predictions")(x)
    elif pooling == "avg":
        x = layers.GlobalAveragePooling2D()(x)
    elif pooling == "max":
        x = layers.GlobalMaxPooling2D()(x)

    if name is None:
        hundredths = int(alpha * 100 + 0.5)
        frac = hundredths % 100
        if frac < 10:
            frac_text = "0" + str(frac)
        else:
            frac_text = str(frac)
        name = "mobilenetv2_" + str(hundredths // 100) + "." + frac_text + "_" + str(rows)
    return Model(img_input, x, name=name)
