# golden forward case 'zeropad_crop'
import keras
from keras import layers

inputs = keras.Input(shape=(5, 6, 2))
x0 = layers.ZeroPadding2D(((1, 2), (3, 0)))(inputs)
x1 = layers.Cropping2D(((1, 0), (2, 1)))(x0)
x2 = layers.ZeroPadding2D(1)(x1)
x3 = layers.Cropping2D((1, 2))(x2)
model = keras.Model(inputs, x3)
