import keras
from keras import layers

inputs = keras.Input(shape=(10, 16, 2))
x = layers.Resizing(6, 6, crop_to_aspect_ratio=True)(inputs)
model = keras.Model(inputs, x)
