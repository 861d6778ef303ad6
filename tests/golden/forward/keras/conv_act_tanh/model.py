# golden forward case 'conv_act_tanh'
import keras
from keras import layers

inputs = keras.Input(shape=(5, 5, 2))
x0 = layers.Conv2D(3, 3, activation='tanh', padding='same')(inputs)
model = keras.Model(inputs, x0)
