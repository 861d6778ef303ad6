import keras
from keras import layers

preprocess = keras.Sequential([
    layers.RandomFlip("horizontal", input_shape=(7, 7, 3)),
    layers.Rescaling(1.0 / 255),
], name="preprocess")
model = keras.Sequential([
    preprocess,
    layers.Conv2D(4, 3, activation="relu"),
    layers.Flatten(),
    layers.Dense(2),
])
