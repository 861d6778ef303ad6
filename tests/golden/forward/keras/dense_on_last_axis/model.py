# golden forward case 'dense_on_last_axis'
import keras
from keras import layers

inputs = keras.Input(shape=(3, 4, 5))
x0 = layers.Dense(2)(inputs)
model = keras.Model(inputs, x0)
