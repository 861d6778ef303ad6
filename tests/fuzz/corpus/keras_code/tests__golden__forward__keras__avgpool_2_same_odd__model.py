# golden forward case 'avgpool_2_same_odd'
import keras
from keras import layers

inputs = keras.Input(shape=(5, 5, 2))
x0 = layers.AveragePooling2D(2, padding='same')(inputs)
model = keras.Model(inputs, x0)
