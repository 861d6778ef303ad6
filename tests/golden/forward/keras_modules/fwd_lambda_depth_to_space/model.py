import tensorflow as tf
from tensorflow.keras import layers, Model

inputs = layers.Input((3, 4, 2))
x = layers.Conv2D(8, 3, padding="same")(inputs)
x = layers.Lambda(lambda t: tf.nn.depth_to_space(t, 2))(x)
model = Model(inputs, x)
