import keras
from keras import layers

block = keras.Sequential([
    layers.Conv2D(4, 3, padding="same", activation="relu"),
    layers.MaxPooling2D(),
    layers.Conv2D(6, 3, padding="same"),
])
inputs = keras.Input(shape=(8, 8, 3))
x = block(inputs)
x = layers.GlobalAveragePooling2D()(x)
x = layers.Dense(3)(x)
model = keras.Model(inputs, x)
