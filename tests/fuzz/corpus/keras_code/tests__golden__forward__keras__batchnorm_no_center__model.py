# golden forward case 'batchnorm_no_center'
import keras
from keras import layers

inputs = keras.Input(shape=(4, 4, 3))
x0 = layers.BatchNormalization(center=False)(inputs)
model = keras.Model(inputs, x0)
