# golden forward case 'maxpool_3_s1_same'
import keras
from keras import layers

inputs = keras.Input(shape=(5, 6, 2))
x0 = layers.MaxPooling2D(3, strides=1, padding='same')(inputs)
model = keras.Model(inputs, x0)
