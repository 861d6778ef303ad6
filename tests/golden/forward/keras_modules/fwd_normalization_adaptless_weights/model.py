import keras
from keras import layers

inputs = keras.Input(shape=(5, 4, 3))
x = layers.Normalization()(inputs)
x = layers.Conv2D(2, 1)(x)
model = keras.Model(inputs, x)
