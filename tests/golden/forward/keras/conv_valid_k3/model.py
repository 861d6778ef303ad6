# golden forward case 'conv_valid_k3'
import keras
from keras import layers

inputs = keras.Input(shape=(7, 7, 2))
x0 = layers.Conv2D(4, 3)(inputs)
model = keras.Model(inputs, x0)
