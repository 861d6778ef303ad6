import tensorflow as tf
from tensorflow.keras import layers, Model

inputs = layers.Input((5, 5, 2))
a = layers.Conv2D(3, 3, padding="same")(inputs)
b = layers.Conv2D(2, 1)(inputs)
x = layers.Lambda(lambda t: tf.concat(t, axis=-1))([a, b])
model = Model(inputs, x)
