from tensorflow.keras import layers, Model
from tensorflow.keras import backend as K

inputs = layers.Input((4, 4, 5))
x = layers.Lambda(lambda t: t[:, 1:, :3, 1:4])(inputs)
x = layers.Lambda(lambda t: K.l2_normalize(t, axis=-1))(x)
model = Model(inputs, x)
