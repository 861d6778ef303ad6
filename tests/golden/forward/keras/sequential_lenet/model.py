# golden forward case 'sequential_lenet'
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(28, 28, 1)),
    layers.Conv2D(6, 5, padding='same', activation='tanh'),
    layers.AveragePooling2D(),
    layers.Conv2D(16, 5, activation='tanh'),
    layers.AveragePooling2D(),
    layers.Flatten(),
    layers.Dense(32, activation='tanh'),
    layers.Dense(10, activation='softmax'),
])
