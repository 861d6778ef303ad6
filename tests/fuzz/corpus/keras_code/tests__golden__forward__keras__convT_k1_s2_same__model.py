# golden forward case 'convT_k1_s2_same'
import keras
from keras import layers

inputs = keras.Input(shape=(3, 3, 2))
x0 = layers.Conv2DTranspose(2, 1, strides=2, padding='same')(inputs)
model = keras.Model(inputs, x0)
