# golden forward case 'separable_same_m2'
import keras
from keras import layers

inputs = keras.Input(shape=(7, 7, 3))
x0 = layers.SeparableConv2D(4, 3, padding='same', depth_multiplier=2)(inputs)
model = keras.Model(inputs, x0)
