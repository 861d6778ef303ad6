# golden forward case 'sequential_autoencoder'
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(12, 12, 1)),
    layers.Conv2D(4, 3, activation='relu', padding='same'),
    layers.MaxPooling2D((2, 2), padding='same'),
    layers.Conv2D(4, 3, activation='relu', padding='same'),
    layers.MaxPooling2D((2, 2), padding='same'),
    layers.Conv2D(4, 3, activation='relu', padding='same'),
    layers.UpSampling2D((2, 2)),
    layers.Conv2D(4, 3, activation='relu'),
    layers.UpSampling2D((2, 2)),
    layers.Conv2D(1, 3, activation='sigmoid', padding='same'),
])
