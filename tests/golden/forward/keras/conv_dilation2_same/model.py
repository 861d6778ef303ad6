# golden forward case 'conv_dilation2_same'
import keras
from keras import layers

inputs = keras.Input(shape=(9, 8, 2))
x0 = layers.Conv2D(3, 3, dilation_rate=2, padding='same')(inputs)
model = keras.Model(inputs, x0)
