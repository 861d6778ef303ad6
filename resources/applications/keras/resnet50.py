# ConvLens' own definition of keras.applications.ResNet50 (He et al. 2015, ResNet v1 with bottleneck blocks),
# written as plain Keras functional code with the layer and model names Keras uses (conv1_pad, conv1_conv,
# conv2_block1_1_conv, ..., conv5_block3_out, avg_pool, predictions).
# `weights` is accepted and ignored (no download); `input_shape` defaults to (224, 224, 3).
# With include_top=True and input_shape=None: 25,636,712 parameters; include_top=False: 23,587,712.
from keras import layers
from keras.models import Model


def bottleneck(x, filters, stride=1, conv_shortcut=True, name=None):
    # 1x1 reduce, 3x3, 1x1 expand (4 * filters), plus an identity or a 1x1 projection shortcut
    if conv_shortcut:
        shortcut = layers.Conv2D(4 * filters, 1, strides=stride, name=name + "_0_conv")(x)
        shortcut = layers.BatchNormalization(axis=3, epsilon=1.001e-5, name=name + "_0_bn")(shortcut)
    else:
        shortcut = x

    x = layers.Conv2D(filters, 1, strides=stride, name=name + "_1_conv")(x)
    x = layers.BatchNormalization(axis=3, epsilon=1.001e-5, name=name + "_1_bn")(x)
    x = layers.Activation("relu", name=name + "_1_relu")(x)

    x = layers.Conv2D(filters, 3, padding="same", name=name + "_2_conv")(x)
    x = layers.BatchNormalization(axis=3, epsilon=1.001e-5, name=name + "_2_bn")(x)
    x = layers.Activation("relu", name=name + "_2_relu")(x)

    x = layers.Conv2D(4 * filters, 1, name=name + "_3_conv")(x)
    x = layers.BatchNormalization(axis=3, epsilon=1.001e-5, name=name + "_3_bn")(x)

    x = layers.Add(name=name + "_add")([shortcut, x])
    x = layers.Activation("relu", name=name + "_out")(x)
    return x


def stage(x, filters, blocks, stride1=2, name=None):
    # the first block projects (and strides), the others keep the identity shortcut
    x = bottleneck(x, filters, stride=stride1, name=name + "_block1")
    for i in range(2, blocks + 1):
        x = bottleneck(x, filters, conv_shortcut=False, name=name + "_block" + str(i))
    return x


def ResNet50(include_top=True, weights="imagenet", input_tensor=None, input_shape=None, pooling=None,
             classes=1000, classifier_activation="softmax"):
    if input_shape is None:
        input_shape = (224, 224, 3)
    if input_tensor is None:
        img_input = layers.Input(shape=input_shape)
    else:
        img_input = input_tensor

    x = layers.ZeroPadding2D(padding=((3, 3), (3, 3)), name="conv1_pad")(img_input)
    x = layers.Conv2D(64, 7, strides=2, name="conv1_conv")(x)
    x = layers.BatchNormalization(axis=3, epsilon=1.001e-5, name="conv1_bn")(x)
    x = layers.Activation("relu", name="conv1_relu")(x)
    x = layers.ZeroPadding2D(padding=((1, 1), (1, 1)), name="pool1_pad")(x)
    x = layers.MaxPooling2D(3, strides=2, name="pool1_pool")(x)

    x = stage(x, 64, 3, stride1=1, name="conv2")
    x = stage(x, 128, 4, name="conv3")
    x = stage(x, 256, 6, name="conv4")
    x = stage(x, 512, 3, name="conv5")

    if include_top:
        x = layers.GlobalAveragePooling2D(name="avg_pool")(x)
        x = layers.Dense(classes, activation=classifier_activation, name="predictions")(x)
    elif pooling == "avg":
        x = layers.GlobalAveragePooling2D(name="avg_pool")(x)
    elif pooling == "max":
        x = layers.GlobalMaxPooling2D(name="max_pool")(x)

    return Model(img_input, x, name="resnet50")
