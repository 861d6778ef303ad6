# golden forward case 'reshape_rank3'
import keras
from keras import layers

inputs = keras.Input(shape=(4, 6, 2))
x0 = layers.Reshape((6, 4, 2))(inputs)
x1 = layers.Conv2D(2, 3)(x0)
model = keras.Model(inputs, x1)
