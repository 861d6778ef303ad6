import keras
from keras import layers

inputs = keras.Input(shape=(4, 4, 2))
x = layers.Normalization(mean=[1.0, -1.0], variance=[4.0, 0.25], invert=True)(inputs)
model = keras.Model(inputs, x)
