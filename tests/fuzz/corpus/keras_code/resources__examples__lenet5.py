# LeNet-5 (LeCun et al., 1998) in Keras.
# Input: 32x32 grayscale images (pad 28x28 MNIST digits by 2 pixels on each side first).
# C1 -> S2 -> C3 -> S4 -> F5 -> F6 -> output, with tanh activations and average pooling
# like the original network.
from tensorflow.keras.models import Sequential
from tensorflow.keras.layers import Conv2D, AveragePooling2D, Flatten, Dense

model = Sequential()
# C1: 6 feature maps 28x28
model.add(Conv2D(6, kernel_size=(5, 5), strides=(1, 1), activation='tanh', input_shape=(32, 32, 1)))
# S2: 6 feature maps 14x14
model.add(AveragePooling2D(pool_size=(2, 2), strides=(2, 2)))
# C3: 16 feature maps 10x10
model.add(Conv2D(16, kernel_size=(5, 5), strides=(1, 1), activation='tanh'))
# S4: 16 feature maps 5x5
model.add(AveragePooling2D(pool_size=(2, 2), strides=(2, 2)))
model.add(Flatten())
# F5, F6, output
model.add(Dense(120, activation='tanh'))
model.add(Dense(84, activation='tanh'))
model.add(Dense(10, activation='softmax'))

model.compile(loss='categorical_crossentropy', optimizer='sgd', metrics=['accuracy'])
model.summary()
