import keras
from keras import layers

inputs = keras.Input(shape=(9, 10, 2))
x = layers.Resizing(4, 6, interpolation="bilinear")(inputs)
model = keras.Model(inputs, x)
