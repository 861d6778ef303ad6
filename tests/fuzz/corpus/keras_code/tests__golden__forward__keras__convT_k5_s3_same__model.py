# golden forward case 'convT_k5_s3_same'
import keras
from keras import layers

inputs = keras.Input(shape=(3, 4, 2))
x0 = layers.Conv2DTranspose(2, 5, strides=3, padding='same')(inputs)
model = keras.Model(inputs, x0)
