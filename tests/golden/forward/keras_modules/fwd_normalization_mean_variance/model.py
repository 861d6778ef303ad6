import keras
from keras import layers

inputs = keras.Input(shape=(5, 5, 3))
x = layers.Normalization(mean=[0.1, -0.2, 0.3], variance=[0.25, 1.0, 4.0])(inputs)
x = layers.Conv2D(2, 3, padding="same")(x)
model = keras.Model(inputs, x)
