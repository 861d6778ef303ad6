import keras
from keras import layers

inputs = keras.Input(shape=(5, 6, 2))
x = layers.Rescaling(scale=1.0 / 127.5, offset=-1.0)(inputs)
x = layers.Conv2D(3, 3)(x)
model = keras.Model(inputs, x)
