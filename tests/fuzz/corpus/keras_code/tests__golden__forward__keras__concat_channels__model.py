# golden forward case 'concat_channels'
import keras
from keras import layers

inputs = keras.Input(shape=(5, 5, 2))
x0 = layers.Conv2D(3, 3, padding='same')(inputs)
x1 = layers.Conv2D(2, 1)(inputs)
x2 = layers.Concatenate()([x0, x1])
model = keras.Model(inputs, x2)
