# ConvLens' own definition of keras.applications.VGG16 (Simonyan & Zisserman 2014, configuration D), written as
# plain Keras functional code. Layer and model names are the ones Keras gives them, so summaries, weight files
# (<layer>.<weight>.npy) and `model.get_layer("block5_pool")` match the real application.
# `weights` is accepted and ignored (no download); `input_shape` defaults to (224, 224, 3).
# With include_top=True and input_shape=None: 138,357,544 parameters; include_top=False: 14,714,688.
from keras import layers
from keras.models import Model


def VGG16(include_top=True, weights="imagenet", input_tensor=None, input_shape=None, pooling=None,
          classes=1000, classifier_activation="softmax"):
    if input_shape is None:
        input_shape = (224, 224, 3)
    if input_tensor is None:
        img_input = layers.Input(shape=input_shape)
    else:
        img_input = input_tensor

    # five blocks of 3x3 'same' convolutions, each closed by a 2x2 max pooling
    x = img_input
    block_filters = [64, 128, 256, 512, 512]
    block_convs = [2, 2, 3, 3, 3]
    for b in range(5):
        for i in range(block_convs[b]):
            x = layers.Conv2D(block_filters[b], (3, 3), activation="relu", padding="same",
                              name="block" + str(b + 1) + "_conv" + str(i + 1))(x)
        x = layers.MaxPooling2D((2, 2), strides=(2, 2), name="block" + str(b + 1) + "_pool")(x)

    if include_top:
        x = layers.Flatten(name="flatten")(x)
        x = layers.Dense(4096, activation="relu", name="fc1")(x)
        x = layers.Dense(4096, activation="relu", name="fc2")(x)
        x = layers.Dense(classes, activation=classifier_activation, name="predictions")(x)
    elif pooling == "avg":
        x = layers.GlobalAveragePooling2D()(x)
    elif pooling == "max":
        x = layers.GlobalMaxPooling2D()(x)

    return Model(img_input, x, name="vgg16")
