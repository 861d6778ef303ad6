from tensorflow.keras import layers, Model


class ScaleLayer(layers.Layer):
    def build(self, input_shape):
        self.gamma = self.add_weight(name="gamma", shape=(input_shape[-1],), initializer="ones")
        self.beta = self.add_weight(name="beta", shape=(input_shape[-1],), initializer="zeros")

    def call(self, x):
        return x * self.gamma + self.beta


inputs = layers.Input((4, 5, 3))
x = layers.Conv2D(3, 3, padding="same")(inputs)
x = ScaleLayer()(x)
model = Model(inputs, x)
