# golden forward case 'separable_s2_valid'
import keras
from keras import layers

inputs = keras.Input(shape=(9, 8, 2))
x0 = layers.SeparableConv2D(3, 3, strides=2, use_bias=False)(inputs)
model = keras.Model(inputs, x0)
