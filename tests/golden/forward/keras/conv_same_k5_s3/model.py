# golden forward case 'conv_same_k5_s3'
import keras
from keras import layers

inputs = keras.Input(shape=(10, 11, 1))
x0 = layers.Conv2D(2, 5, strides=3, padding='same')(inputs)
model = keras.Model(inputs, x0)
