# golden forward case 'dense_reshape_conv'
import keras
from keras import layers

inputs = keras.Input(shape=(6,))
x0 = layers.Dense(32)(inputs)
x1 = layers.Reshape((4, 4, 2))(x0)
x2 = layers.Conv2D(3, 3, padding='same')(x1)
model = keras.Model(inputs, x2)
