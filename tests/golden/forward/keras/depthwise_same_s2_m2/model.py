# golden forward case 'depthwise_same_s2_m2'
import keras
from keras import layers

inputs = keras.Input(shape=(8, 7, 3))
x0 = layers.DepthwiseConv2D(3, strides=2, padding='same', depth_multiplier=2)(inputs)
model = keras.Model(inputs, x0)
