# golden forward case 'activation_strings'
import keras
from keras import layers

inputs = keras.Input(shape=(3, 3, 2))
x0 = layers.Activation('elu')(inputs)
x1 = layers.Activation('selu')(x0)
x2 = layers.Activation('hard_sigmoid')(x1)
x3 = layers.Activation('softsign')(x2)
x4 = layers.Activation('swish')(x3)
model = keras.Model(inputs, x4)
