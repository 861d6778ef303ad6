# golden forward case 'conv_act_selu'
import keras
from keras import layers

inputs = keras.Input(shape=(5, 5, 2))
x0 = layers.Conv2D(3, 3, activation='selu', padding='same')(inputs)
model = keras.Model(inputs, x0)
