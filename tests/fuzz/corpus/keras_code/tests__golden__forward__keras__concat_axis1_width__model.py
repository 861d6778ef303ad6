# golden forward case 'concat_axis1_width'
import keras
from keras import layers

inputs = keras.Input(shape=(4, 3, 2))
x0 = layers.Conv2D(2, 1)(inputs)
x1 = layers.Concatenate(axis=2)([inputs, x0])
model = keras.Model(inputs, x1)
