# The original U-Net (Ronneberger, Fischer & Brox, "U-Net: Convolutional Networks for
# Biomedical Image Segmentation", 2015) with unpadded ('valid') 3x3 convolutions.
# Every convolution loses a 1-pixel border, so the 572x572 input tile gives a 388x388
# segmentation map, and each skip connection is center-cropped before it is concatenated
# with the up-convolved feature map.
from tensorflow.keras.layers import Input, Conv2D, MaxPooling2D, Conv2DTranspose, Cropping2D, concatenate
from tensorflow.keras.models import Model

inputs = Input(shape=(572, 572, 1))

# Contracting path
c1 = Conv2D(64, (3, 3), activation='relu')(inputs)        # 570x570x64
c1 = Conv2D(64, (3, 3), activation='relu')(c1)            # 568x568x64
p1 = MaxPooling2D(pool_size=(2, 2), strides=(2, 2))(c1)   # 284x284x64

c2 = Conv2D(128, (3, 3), activation='relu')(p1)           # 282x282x128
c2 = Conv2D(128, (3, 3), activation='relu')(c2)           # 280x280x128
p2 = MaxPooling2D(pool_size=(2, 2), strides=(2, 2))(c2)   # 140x140x128

c3 = Conv2D(256, (3, 3), activation='relu')(p2)           # 138x138x256
c3 = Conv2D(256, (3, 3), activation='relu')(c3)           # 136x136x256
p3 = MaxPooling2D(pool_size=(2, 2), strides=(2, 2))(c3)   # 68x68x256

c4 = Conv2D(512, (3, 3), activation='relu')(p3)           # 66x66x512
c4 = Conv2D(512, (3, 3), activation='relu')(c4)           # 64x64x512
p4 = MaxPooling2D(pool_size=(2, 2), strides=(2, 2))(c4)   # 32x32x512

# Bottleneck
c5 = Conv2D(1024, (3, 3), activation='relu')(p4)          # 30x30x1024
c5 = Conv2D(1024, (3, 3), activation='relu')(c5)          # 28x28x1024

# Expansive path: crop the skip, up-convolution 2x2, concatenate, two 3x3 convolutions
s6 = Cropping2D(cropping=((4, 4), (4, 4)))(c4)            # 64 -> 56
u6 = Conv2DTranspose(512, (2, 2), strides=(2, 2))(c5)     # 56x56x512
m6 = concatenate([s6, u6])                                # 56x56x1024
c6 = Conv2D(512, (3, 3), activation='relu')(m6)           # 54x54x512
c6 = Conv2D(512, (3, 3), activation='relu')(c6)           # 52x52x512

s7 = Cropping2D(cropping=((16, 16), (16, 16)))(c3)        # 136 -> 104
u7 = Conv2DTranspose(256, (2, 2), strides=(2, 2))(c6)     # 104x104x256
m7 = concatenate([s7, u7])
c7 = Conv2D(256, (3, 3), activation='relu')(m7)           # 102x102x256
c7 = Conv2D(256, (3, 3), activation='relu')(c7)           # 100x100x256

s8 = Cropping2D(cropping=((40, 40), (40, 40)))(c2)        # 280 -> 200
u8 = Conv2DTranspose(128, (2, 2), strides=(2, 2))(c7)     # 200x200x128
m8 = concatenate([s8, u8])
c8 = Conv2D(128, (3, 3), activation='relu')(m8)           # 198x198x128
c8 = Conv2D(128, (3, 3), activation='relu')(c8)           # 196x196x128

s9 = Cropping2D(cropping=((88, 88), (88, 88)))(c1)        # 568 -> 392
u9 = Conv2DTranspose(64, (2, 2), strides=(2, 2))(c8)      # 392x392x64
m9 = concatenate([s9, u9])
c9 = Conv2D(64, (3, 3), activation='relu')(m9)            # 390x390x64
c9 = Conv2D(64, (3, 3), activation='relu')(c9)            # 388x388x64

# 1x1 convolution to the 2 classes (foreground / background)
outputs = Conv2D(2, (1, 1))(c9)                           # 388x388x2

model = Model(inputs=inputs, outputs=outputs)
model.summary()
