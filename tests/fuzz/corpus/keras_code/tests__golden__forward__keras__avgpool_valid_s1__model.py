# golden forward case 'avgpool_valid_s1'
import keras
from keras import layers

inputs = keras.Input(shape=(6, 5, 2))
x0 = layers.AveragePooling2D((2, 3), strides=1)(inputs)
model = keras.Model(inputs, x0)
