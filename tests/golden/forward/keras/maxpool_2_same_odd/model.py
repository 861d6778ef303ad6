# golden forward case 'maxpool_2_same_odd'
import keras
from keras import layers

inputs = keras.Input(shape=(7, 5, 2))
x0 = layers.MaxPooling2D((2, 2), padding='same')(inputs)
model = keras.Model(inputs, x0)
