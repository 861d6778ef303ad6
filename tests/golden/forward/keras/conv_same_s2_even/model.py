# golden forward case 'conv_same_s2_even'
import keras
from keras import layers

inputs = keras.Input(shape=(8, 8, 3))
x0 = layers.Conv2D(4, 3, strides=2, padding='same')(inputs)
model = keras.Model(inputs, x0)
