import tensorflow as tf
from tensorflow.keras import layers, Model

inputs = layers.Input((5, 6, 2))
x = layers.Lambda(lambda t: tf.pad(t, [[0, 0], [2, 1], [1, 3], [0, 0]], mode="REFLECT"))(inputs)
x = layers.Lambda(lambda t: tf.pad(t, [[0, 0], [1, 1], [1, 1], [0, 0]], mode="SYMMETRIC"))(x)
model = Model(inputs, x)
