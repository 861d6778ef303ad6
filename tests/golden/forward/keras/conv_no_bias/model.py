# golden forward case 'conv_no_bias'
import keras
from keras import layers

inputs = keras.Input(shape=(6, 6, 3))
x0 = layers.Conv2D(2, 3, use_bias=False, padding='same')(inputs)
model = keras.Model(inputs, x0)
