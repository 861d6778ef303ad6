import tensorflow as tf
from tensorflow.keras import layers, Model

inputs = layers.Input((4, 5, 2))
x = layers.Lambda(lambda t: tf.image.resize(t, (7, 9)))(inputs)
model = Model(inputs, x)
