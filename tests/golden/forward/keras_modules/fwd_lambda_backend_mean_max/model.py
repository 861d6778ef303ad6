from tensorflow.keras import layers, Model
from tensorflow.keras import backend as K

inputs = layers.Input((5, 6, 4))
avg = layers.Lambda(lambda x: K.mean(x, axis=-1, keepdims=True))(inputs)
mx = layers.Lambda(lambda x: K.max(x, axis=-1, keepdims=True))(inputs)
x = layers.Concatenate()([avg, mx])
x = layers.Conv2D(1, 3, padding="same", activation="sigmoid")(x)
x = layers.Multiply()([inputs, x])
model = Model(inputs, x)
