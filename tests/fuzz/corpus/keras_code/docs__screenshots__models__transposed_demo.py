# Screenshot model for the step player: a transposed convolution as a scatter. 28x28 digit -> 7x7 (max pooling 4x4)
# -> Conv2DTranspose 3x3, stride 2, 'same': every input cell stamps a 3x3 kernel onto a 15x15 canvas, neighbouring
# stamps overlap by one row/column and add up, and 'same' crops the canvas to 14x14.
import keras
from keras import layers

inp = keras.Input(shape=(28, 28, 1))
x = layers.MaxPooling2D((4, 4))(inp)
y = layers.Conv2DTranspose(2, (3, 3), strides=(2, 2), padding='same')(x)
model = keras.Model(inp, y)
