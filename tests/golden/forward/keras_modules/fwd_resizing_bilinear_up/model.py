import keras
from keras import layers

inputs = keras.Input(shape=(5, 6, 2))
x = layers.Resizing(8, 11)(inputs)
model = keras.Model(inputs, x)
