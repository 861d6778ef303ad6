import keras
from keras import layers

inputs = keras.Input(shape=(9, 8, 2))
x = layers.CenterCrop(5, 5)(inputs)
x = layers.Conv2D(2, 3)(x)
model = keras.Model(inputs, x)
