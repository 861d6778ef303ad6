# golden forward case 'flatten_dense_hwc_order'
import keras
from keras import layers

inputs = keras.Input(shape=(4, 5, 3))
x0 = layers.Flatten()(inputs)
x1 = layers.Dense(6, activation='relu')(x0)
x2 = layers.Dense(3)(x1)
model = keras.Model(inputs, x2)
