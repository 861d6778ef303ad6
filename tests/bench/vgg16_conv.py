# VGG16's convolutional part (configuration D without the classifier), 224x224 RGB input, as tf.keras builds it
# with include_top=False: 13 convolutions (3x3, 'same', ReLU) in 5 blocks, each block ending in 2x2 max pooling.
# The benchmark model of tests/bench/compare_pytorch.py.
from tensorflow import keras
from tensorflow.keras import layers

inputs = keras.Input(shape=(224, 224, 3))
# Block 1
x = layers.Conv2D(64, (3, 3), padding='same', activation='relu')(inputs)
x = layers.Conv2D(64, (3, 3), padding='same', activation='relu')(x)
x = layers.MaxPooling2D((2, 2), strides=(2, 2))(x)
# Block 2
x = layers.Conv2D(128, (3, 3), padding='same', activation='relu')(x)
x = layers.Conv2D(128, (3, 3), padding='same', activation='relu')(x)
x = layers.MaxPooling2D((2, 2), strides=(2, 2))(x)
# Block 3
x = layers.Conv2D(256, (3, 3), padding='same', activation='relu')(x)
x = layers.Conv2D(256, (3, 3), padding='same', activation='relu')(x)
x = layers.Conv2D(256, (3, 3), padding='same', activation='relu')(x)
x = layers.MaxPooling2D((2, 2), strides=(2, 2))(x)
# Block 4
x = layers.Conv2D(512, (3, 3), padding='same', activation='relu')(x)
x = layers.Conv2D(512, (3, 3), padding='same', activation='relu')(x)
x = layers.Conv2D(512, (3, 3), padding='same', activation='relu')(x)
x = layers.MaxPooling2D((2, 2), strides=(2, 2))(x)
# Block 5
x = layers.Conv2D(512, (3, 3), padding='same', activation='relu')(x)
x = layers.Conv2D(512, (3, 3), padding='same', activation='relu')(x)
x = layers.Conv2D(512, (3, 3), padding='same', activation='relu')(x)
x = layers.MaxPooling2D((2, 2), strides=(2, 2))(x)
model = keras.Model(inputs, x)
