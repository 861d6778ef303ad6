# golden forward case 'convT_k2_s2_valid'
import keras
from keras import layers

inputs = keras.Input(shape=(4, 3, 4))
x0 = layers.Conv2DTranspose(3, 2, strides=2, activation='relu')(inputs)
model = keras.Model(inputs, x0)
