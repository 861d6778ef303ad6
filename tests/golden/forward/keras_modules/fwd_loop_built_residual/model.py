import keras
from keras import layers


def residual_block(x, filters):
    shortcut = x
    if x.shape[-1] != filters:
        shortcut = layers.Conv2D(filters, 1)(x)
    y = layers.Conv2D(filters, 3, padding="same")(x)
    y = layers.BatchNormalization()(y)
    y = layers.Activation("relu")(y)
    y = layers.Conv2D(filters, 3, padding="same")(y)
    return layers.add([shortcut, y])


inputs = keras.Input(shape=(6, 6, 2))
x = inputs
for f in [2, 4]:
    x = residual_block(x, f)
model = keras.Model(inputs, x)
