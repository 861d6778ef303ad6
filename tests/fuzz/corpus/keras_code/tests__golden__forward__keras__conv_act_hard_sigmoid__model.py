# golden forward case 'conv_act_hard_sigmoid'
import keras
from keras import layers

inputs = keras.Input(shape=(5, 5, 2))
x0 = layers.Conv2D(3, 3, activation='hard_sigmoid', padding='same')(inputs)
model = keras.Model(inputs, x0)
