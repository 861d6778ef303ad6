# golden forward case 'depthwise_valid_relu'
import keras
from keras import layers

inputs = keras.Input(shape=(6, 6, 2))
x0 = layers.DepthwiseConv2D((3, 2), activation='relu')(inputs)
model = keras.Model(inputs, x0)
