# golden forward case 'mini_unet'
import keras
from keras import layers

inputs = keras.Input(shape=(8, 8, 1))
x0 = layers.Conv2D(4, 3, activation='relu', padding='same')(inputs)
x1 = layers.MaxPooling2D((2, 2))(x0)
x2 = layers.Conv2D(8, 3, activation='relu', padding='same')(x1)
x3 = layers.Conv2DTranspose(4, 2, strides=2, padding='same')(x2)
x4 = layers.Concatenate(axis=3)([x0, x3])
x5 = layers.Conv2D(4, 3, activation='relu', padding='same')(x4)
x6 = layers.UpSampling2D(2, interpolation='bilinear')(x2)
x7 = layers.Conv2D(4, 2, padding='same')(x6)
x8 = layers.Add()([x5, x7])
x9 = layers.Conv2D(1, 1, activation='sigmoid')(x8)
model = keras.Model(inputs, x9)
