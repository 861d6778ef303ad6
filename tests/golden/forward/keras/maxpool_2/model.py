# golden forward case 'maxpool_2'
import keras
from keras import layers

inputs = keras.Input(shape=(8, 7, 2))
x0 = layers.MaxPooling2D(2)(inputs)
model = keras.Model(inputs, x0)
