# golden forward case 'conv_same_s2_odd7_even6'
import keras
from keras import layers

inputs = keras.Input(shape=(7, 6, 2))
x0 = layers.Conv2D(3, 3, strides=2, padding='same')(inputs)
model = keras.Model(inputs, x0)
