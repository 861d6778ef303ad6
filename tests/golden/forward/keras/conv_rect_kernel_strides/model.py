# golden forward case 'conv_rect_kernel_strides'
import keras
from keras import layers

inputs = keras.Input(shape=(9, 8, 2))
x0 = layers.Conv2D(3, (3, 2), strides=(2, 1), padding='same')(inputs)
model = keras.Model(inputs, x0)
