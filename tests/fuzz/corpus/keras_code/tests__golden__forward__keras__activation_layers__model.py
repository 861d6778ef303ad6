# golden forward case 'activation_layers'
import keras
from keras import layers

inputs = keras.Input(shape=(4, 5, 3))
x0 = layers.Conv2D(3, 3, padding='same')(inputs)
x1 = layers.ReLU()(x0)
x2 = layers.Conv2D(3, 1)(x1)
x3 = layers.LeakyReLU()(x2)
x4 = layers.Conv2D(3, 1)(x3)
x5 = layers.LeakyReLU(alpha=0.1)(x4)
x6 = layers.Conv2D(3, 1)(x5)
x7 = layers.ReLU(max_value=6)(x6)
x8 = layers.Activation('tanh')(x7)
x9 = layers.Dropout(0.5)(x8)
model = keras.Model(inputs, x9)
