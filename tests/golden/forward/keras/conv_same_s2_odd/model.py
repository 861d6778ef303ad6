# golden forward case 'conv_same_s2_odd'
import keras
from keras import layers

inputs = keras.Input(shape=(9, 9, 3))
x0 = layers.Conv2D(4, 3, strides=2, padding='same')(inputs)
model = keras.Model(inputs, x0)
