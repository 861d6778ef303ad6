# golden forward case 'avgpool_3_s2_same_odd'
import keras
from keras import layers

inputs = keras.Input(shape=(7, 9, 2))
x0 = layers.AveragePooling2D(3, 2, 'same')(inputs)
model = keras.Model(inputs, x0)
