# golden forward case 'conv_same_k2_s2_even'
import keras
from keras import layers

inputs = keras.Input(shape=(8, 8, 2))
x0 = layers.Conv2D(3, 2, strides=2, padding='same')(inputs)
model = keras.Model(inputs, x0)
