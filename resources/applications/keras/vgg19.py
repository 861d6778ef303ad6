# ConvLens' own definition of keras.applications.VGG19 (Simonyan & Zisserman 2014, configuration E), written as
# plain Keras functional code with the layer and model names Keras uses.
# `weights` is accepted and ignored (no download); `input_shape` defaults to (224, 224, 3).
# With include_top=True and input_shape=None: 143,667,240 parameters; include_top=False: 20,024,384.
from keras import layers
from keras.models import Model


def conv_block(x, filters, convs, block):
    # `convs` 3x3 'same' convolutions then a 2x2 max pooling, named block<b>_conv<i> and block<b>_pool
    for i in range(1, convs + 1):
        x = layers.Conv2D(filters, (3, 3), activation="relu", padding="same",
                          name="block" + str(block) + "_conv" + str(i))(x)
    return layers.MaxPooling2D((2, 2), strides=(2, 2), name="block" + str(block) + "_pool")(x)


def VGG19(include_top=True, weights="imagenet", input_tensor=None, input_shape=None, pooling=None,
          classes=1000, classifier_activation="softmax"):
    if input_shape is None:
        input_shape = (224, 224, 3)
    if input_tensor is None:
        img_input = layers.Input(shape=input_shape)
    else:
        img_input = input_tensor

    x = conv_block(img_input, 64, 2, 1)
    x = conv_block(x, 128, 2, 2)
    x = conv_block(x, 256, 4, 3)
    x = conv_block(x, 512, 4, 4)
    x = conv_block(x, 512, 4, 5)

    if include_top:
        x = layers.Flatten(name="flatten")(x)
        x = layers.Dense(4096, activation="relu", name="fc1")(x)
        x = layers.Dense(4096, activation="relu", name="fc2")(x)
        x = layers.Dense(classes, activation=classifier_activation, name="predictions")(x)
    elif pooling == "avg":
        x = layers.GlobalAveragePooling2D()(x)
    elif pooling == "max":
        x = layers.GlobalMaxPooling2D()(x)

    return Model(img_input, x, name="vgg19")
