# golden forward case 'convT_k3_s1_same'
import keras
from keras import layers

inputs = keras.Input(shape=(4, 4, 2))
x0 = layers.Conv2DTranspose(3, 3, padding='same')(inputs)
model = keras.Model(inputs, x0)
