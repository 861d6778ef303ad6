# golden forward case 'batchnorm_no_scale_eps'
import keras
from keras import layers

inputs = keras.Input(shape=(4, 4, 3))
x0 = layers.BatchNormalization(scale=False, epsilon=0.01)(inputs)
model = keras.Model(inputs, x0)
