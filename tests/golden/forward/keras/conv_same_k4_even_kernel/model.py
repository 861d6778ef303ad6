# golden forward case 'conv_same_k4_even_kernel'
import keras
from keras import layers

inputs = keras.Input(shape=(6, 7, 2))
x0 = layers.Conv2D(3, 4, padding='same')(inputs)
model = keras.Model(inputs, x0)
