# golden forward case 'convT_k3_s2_valid'
import keras
from keras import layers

inputs = keras.Input(shape=(4, 4, 3))
x0 = layers.Conv2DTranspose(2, 3, strides=2)(inputs)
model = keras.Model(inputs, x0)
