# golden forward case 'convT_k4_s2_same'
import keras
from keras import layers

inputs = keras.Input(shape=(3, 4, 2))
x0 = layers.Conv2DTranspose(2, 4, strides=2, padding='same')(inputs)
model = keras.Model(inputs, x0)
