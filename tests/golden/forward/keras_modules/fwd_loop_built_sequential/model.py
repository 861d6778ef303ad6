import keras
from keras import layers

model = keras.Sequential()
model.add(keras.Input(shape=(12, 12, 1)))
for f in [4, 8]:
    model.add(layers.Conv2D(f, 3, padding="same", activation="relu"))
    model.add(layers.MaxPooling2D(2))
model.add(layers.Flatten())
model.add(layers.Dense(5, activation="softmax"))
