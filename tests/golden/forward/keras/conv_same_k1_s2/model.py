# golden forward case 'conv_same_k1_s2'
import keras
from keras import layers

inputs = keras.Input(shape=(7, 8, 2))
x0 = layers.Conv2D(3, 1, strides=2, padding='same')(inputs)
model = keras.Model(inputs, x0)
