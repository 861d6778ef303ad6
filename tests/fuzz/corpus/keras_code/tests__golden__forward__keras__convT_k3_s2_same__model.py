# golden forward case 'convT_k3_s2_same'
import keras
from keras import layers

inputs = keras.Input(shape=(4, 5, 3))
x0 = layers.Conv2DTranspose(2, 3, strides=2, padding='same')(inputs)
model = keras.Model(inputs, x0)
