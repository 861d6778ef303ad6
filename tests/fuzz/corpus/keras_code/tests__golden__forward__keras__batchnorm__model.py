# golden forward case 'batchnorm'
import keras
from keras import layers

inputs = keras.Input(shape=(5, 5, 3))
x0 = layers.Conv2D(4, 3, padding='same')(inputs)
x1 = layers.BatchNormalization()(x0)
x2 = layers.Activation('relu')(x1)
model = keras.Model(inputs, x2)
