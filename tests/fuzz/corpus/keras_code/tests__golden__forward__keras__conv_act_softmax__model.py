# golden forward case 'conv_act_softmax'
import keras
from keras import layers

inputs = keras.Input(shape=(5, 5, 2))
x0 = layers.Conv2D(3, 3, activation='softmax', padding='same')(inputs)
model = keras.Model(inputs, x0)
