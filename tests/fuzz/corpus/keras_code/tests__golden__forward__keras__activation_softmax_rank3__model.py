# golden forward case 'activation_softmax_rank3'
import keras
from keras import layers

inputs = keras.Input(shape=(3, 4, 5))
x0 = layers.Activation('softmax')(inputs)
model = keras.Model(inputs, x0)
