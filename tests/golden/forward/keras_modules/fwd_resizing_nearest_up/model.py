import keras
from keras import layers

inputs = keras.Input(shape=(5, 4, 3))
x = layers.Resizing(9, 7, interpolation="nearest")(inputs)
model = keras.Model(inputs, x)
