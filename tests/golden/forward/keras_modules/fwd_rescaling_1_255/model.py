import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(6, 7, 3)),
    layers.Rescaling(1.0 / 255),
    layers.Conv2D(4, 3, padding="same"),
])
