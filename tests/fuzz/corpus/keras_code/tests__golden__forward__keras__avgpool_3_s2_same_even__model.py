# golden forward case 'avgpool_3_s2_same_even'
import keras
from keras import layers

inputs = keras.Input(shape=(8, 8, 2))
x0 = layers.AveragePooling2D(3, 2, 'same')(inputs)
model = keras.Model(inputs, x0)
