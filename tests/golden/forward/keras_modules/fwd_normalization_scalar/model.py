import keras
from keras import layers

inputs = keras.Input(shape=(4, 6, 2))
x = layers.Normalization(mean=0.5, variance=0.04)(inputs)
model = keras.Model(inputs, x)
