# golden forward case 'conv_k3_c64_o128_winograd'
import keras
from keras import layers

inputs = keras.Input(shape=(7, 5, 64))
x0 = layers.Conv2D(128, 3, padding='same', activation='relu')(inputs)
model = keras.Model(inputs, x0)
