"""The Keras cases of keras_modules.json and the forward cases of forward/keras_modules/ (read by
keras_shim/runner.py; the truth for each comes from tfjs through gen_keras_modules.mjs).

case(id, category, code, call=None, static=True, static_reason=None, harness=None, published_total=None, note=None)
- code: a Python module as a user would paste it. Cases never call model.summary() for the generator's sake; the
  model the case stands for is `call` evaluated after the code, else the global `model`, else the last model built.
- static=False: the code's shapes depend on something a static reader cannot see (static_reason says what).
- harness: what the generator supplies so the code runs (files in the working directory, environment variables,
  importable modules); ConvLens does not see it.
"""
CASES = []
FORWARD = []


def case(id, category, code, call=None, **kw):
    if any(c["id"] == id for c in CASES):
        raise ValueError("duplicate case id " + id)
    CASES.append(dict(id=id, category=category, code=code.lstrip("\n"), call=call, **kw))


def forward(id, code, what, input_range=None):
    FORWARD.append(dict(id=id, category="forward", code=code.lstrip("\n"), call=None, what=what,
                        input_range=input_range))


# ==================================================================================================== loops
case("loop_seq_enumerate_first_input", "loops", '''
from tensorflow.keras.models import Sequential
from tensorflow.keras.layers import Conv2D, BatchNormalization, MaxPooling2D, Flatten, Dense, Dropout

filters = [32, 64, 128]
model = Sequential()
for i, f in enumerate(filters):
    if i == 0:
        model.add(Conv2D(f, (3, 3), padding="same", activation="relu", input_shape=(64, 64, 3)))
    else:
        model.add(Conv2D(f, (3, 3), padding="same", activation="relu"))
    model.add(BatchNormalization())
    model.add(MaxPooling2D(pool_size=(2, 2)))
model.add(Flatten())
model.add(Dense(256, activation="relu"))
model.add(Dropout(0.5))
model.add(Dense(5, activation="softmax"))
''')

case("loop_seq_list_comprehension_with_input", "loops", '''
import keras
from keras import layers

widths = (8, 16, 32)
model = keras.Sequential(
    [keras.Input(shape=(28, 28, 1))]
    + [layers.Conv2D(n, 3, activation="relu") for n in widths]
    + [layers.Flatten(), layers.Dense(10, activation="softmax")]
)
''')

case("loop_func_chain_fstring_names", "loops", '''
from tensorflow.keras import layers, Model

inputs = layers.Input(shape=(64, 64, 3), name="image")
x = inputs
for i in range(4):
    x = layers.Conv2D(16 * 2 ** i, 3, strides=2, padding="same", name=f"down_{i}")(x)
    x = layers.BatchNormalization(name=f"down_{i}_bn")(x)
    x = layers.ReLU(name=f"down_{i}_relu")(x)
x = layers.GlobalAveragePooling2D(name="pool")(x)
outputs = layers.Dense(10, name="logits")(x)
model = Model(inputs, outputs, name="strided_cnn")
''')

case("loop_encoder_decoder_lists_zip_reversed", "loops", '''
from tensorflow.keras.layers import Input, Conv2D, MaxPooling2D, UpSampling2D, concatenate
from tensorflow.keras.models import Model

filters = [16, 32, 64]
inputs = Input((64, 64, 1))
x = inputs
skips = []
for f in filters:
    x = Conv2D(f, 3, activation="relu", padding="same")(x)
    x = Conv2D(f, 3, activation="relu", padding="same")(x)
    skips.append(x)
    x = MaxPooling2D((2, 2))(x)
x = Conv2D(128, 3, activation="relu", padding="same")(x)
for f, skip in zip(reversed(filters), reversed(skips)):
    x = UpSampling2D((2, 2))(x)
    x = concatenate([x, skip], axis=3)
    x = Conv2D(f, 3, activation="relu", padding="same")(x)
outputs = Conv2D(1, 1, activation="sigmoid")(x)
model = Model(inputs=[inputs], outputs=[outputs])
''')

case("loop_helper_conv_block", "loops", '''
from tensorflow.keras import layers, models


def conv_block(x, filters, kernel_size=3, pool=True):
    x = layers.Conv2D(filters, kernel_size, padding="same", use_bias=False)(x)
    x = layers.BatchNormalization()(x)
    x = layers.Activation("relu")(x)
    if pool:
        x = layers.MaxPooling2D()(x)
    return x


inputs = layers.Input(shape=(48, 48, 1))
x = conv_block(inputs, 32, kernel_size=5)
x = conv_block(x, 64)
x = conv_block(x, 128, pool=False)
x = layers.GlobalAveragePooling2D()(x)
outputs = layers.Dense(7, activation="softmax")(x)
model = models.Model(inputs, outputs)
''')

case("loop_residual_shape_dependent_shortcut", "loops", '''
from tensorflow.keras import layers, Model


def residual_block(x, filters, stride=1):
    shortcut = x
    if stride != 1 or x.shape[-1] != filters:
        shortcut = layers.Conv2D(filters, 1, strides=stride, use_bias=False)(x)
        shortcut = layers.BatchNormalization()(shortcut)
    y = layers.Conv2D(filters, 3, strides=stride, padding="same", use_bias=False)(x)
    y = layers.BatchNormalization()(y)
    y = layers.ReLU()(y)
    y = layers.Conv2D(filters, 3, padding="same", use_bias=False)(y)
    y = layers.BatchNormalization()(y)
    y = layers.Add()([shortcut, y])
    return layers.ReLU()(y)


inputs = layers.Input((32, 32, 3))
x = layers.Conv2D(16, 3, padding="same")(inputs)
for filters, stride in [(16, 1), (16, 1), (32, 2), (32, 1), (64, 2)]:
    x = residual_block(x, filters, stride)
x = layers.GlobalAveragePooling2D()(x)
model = Model(inputs, layers.Dense(10)(x))
''')

case("loop_inception_branches_comprehension", "loops", '''
from tensorflow.keras.layers import Input, Conv2D, MaxPooling2D, Concatenate, GlobalAveragePooling2D, Dense
from tensorflow.keras.models import Model


def inception_module(x, f1, f3r, f3, f5r, f5, fp):
    b1 = Conv2D(f1, (1, 1), padding="same", activation="relu")(x)
    b3 = Conv2D(f3r, (1, 1), padding="same", activation="relu")(x)
    b3 = Conv2D(f3, (3, 3), padding="same", activation="relu")(b3)
    b5 = Conv2D(f5r, (1, 1), padding="same", activation="relu")(x)
    b5 = Conv2D(f5, (5, 5), padding="same", activation="relu")(b5)
    bp = MaxPooling2D((3, 3), strides=(1, 1), padding="same")(x)
    bp = Conv2D(fp, (1, 1), padding="same", activation="relu")(bp)
    return Concatenate(axis=-1)([b1, b3, b5, bp])


inp = Input(shape=(32, 32, 3))
x = Conv2D(32, (3, 3), padding="same", activation="relu")(inp)
configs = [(16, 24, 32, 4, 8, 8), (32, 32, 48, 8, 24, 16)]
for cfg in configs:
    x = inception_module(x, *cfg)
x = MaxPooling2D((2, 2))(x)
x = GlobalAveragePooling2D()(x)
out = Dense(10, activation="softmax")(x)
model = Model(inp, out)
''')

case("loop_dense_block_concat", "loops", '''
from tensorflow.keras import layers, Model


def dense_block(x, n_layers, growth_rate):
    for _ in range(n_layers):
        y = layers.BatchNormalization()(x)
        y = layers.Activation("relu")(y)
        y = layers.Conv2D(4 * growth_rate, 1, use_bias=False)(y)
        y = layers.BatchNormalization()(y)
        y = layers.Activation("relu")(y)
        y = layers.Conv2D(growth_rate, 3, padding="same", use_bias=False)(y)
        x = layers.Concatenate()([x, y])
    return x


def transition(x, reduction=0.5):
    channels = int(x.shape[-1] * reduction)
    x = layers.BatchNormalization()(x)
    x = layers.Conv2D(channels, 1, use_bias=False)(x)
    return layers.AveragePooling2D(2, strides=2)(x)


inputs = layers.Input((32, 32, 3))
x = layers.Conv2D(24, 3, padding="same", use_bias=False)(inputs)
for i, n in enumerate([4, 4, 4]):
    x = dense_block(x, n, growth_rate=12)
    if i < 2:
        x = transition(x)
x = layers.GlobalAveragePooling2D()(x)
model = Model(inputs, layers.Dense(10, activation="softmax")(x))
''')

case("loop_while_halving", "loops", '''
from tensorflow.keras import layers, models

size = 96
channels = 8
inputs = layers.Input((size, size, 3))
x = inputs
while size > 6:
    x = layers.Conv2D(channels, 3, strides=2, padding="same", activation="relu")(x)
    size //= 2
    channels = min(channels * 2, 64)
x = layers.Flatten()(x)
model = models.Model(inputs, layers.Dense(1, activation="sigmoid")(x))
''')

case("loop_dict_config_named_blocks", "loops", '''
from tensorflow import keras
from tensorflow.keras import layers

config = {
    "block1": [32, 32],
    "block2": [64, 64],
    "block3": [128, 128, 128],
}
inputs = keras.Input(shape=(64, 64, 3))
x = inputs
for block_name, block_filters in config.items():
    for j, f in enumerate(block_filters):
        x = layers.Conv2D(f, (3, 3), padding="same", activation="relu", name=f"{block_name}_conv{j + 1}")(x)
    x = layers.MaxPooling2D((2, 2), name=block_name + "_pool")(x)
x = layers.Flatten(name="flatten")(x)
x = layers.Dense(64, activation="relu", name="fc1")(x)
outputs = layers.Dense(3, activation="softmax", name="predictions")(x)
model = keras.Model(inputs, outputs, name="mini_vgg")
''')

case("loop_len_range_index", "loops", '''
from keras.layers import Input, Conv2D, MaxPooling2D, Dropout, Flatten, Dense
from keras.models import Model

filters = [16, 32, 64, 64]
dropouts = [0.1, 0.1, 0.2, 0.3]
n_blocks = len(filters)
inp = Input((40, 40, 3))
x = inp
for i in range(n_blocks):
    x = Conv2D(filters[i], 3, padding="same", activation="relu")(x)
    if i < len(filters) - 1:
        x = MaxPooling2D(2)(x)
    x = Dropout(dropouts[i])(x)
x = Flatten()(x)
model = Model(inp, Dense(2, activation="softmax")(x))
''')

case("loop_nested_stage_functions", "loops", '''
from tensorflow.keras import layers, Model


def conv_bn(x, filters, strides=1):
    x = layers.Conv2D(filters, 3, strides=strides, padding="same", use_bias=False)(x)
    x = layers.BatchNormalization()(x)
    return layers.Activation("relu")(x)


def make_stage(x, filters, n, first_stride=2):
    x = conv_bn(x, filters, strides=first_stride)
    for _ in range(n - 1):
        x = conv_bn(x, filters)
    return x


inputs = layers.Input((64, 64, 3))
x = conv_bn(inputs, 16)
for filters, n in zip([32, 64, 128], [2, 2, 3]):
    x = make_stage(x, filters, n)
x = layers.GlobalAveragePooling2D()(x)
model = Model(inputs, layers.Dense(4)(x))
''')

case("loop_layers_prebuilt_list_then_applied", "loops", '''
from tensorflow.keras import layers, Model

convs = [layers.Conv2D(f, 3, padding="same", activation="relu") for f in (8, 16, 32)]
pools = [layers.MaxPooling2D() for _ in convs]
head = layers.Dense(10)
inputs = layers.Input((32, 32, 3))
x = inputs
for conv, pool in zip(convs, pools):
    x = pool(conv(x))
x = layers.Flatten()(x)
outputs = head(x)
model = Model(inputs, outputs)
''')

case("loop_construction_order_nested_call", "loops", '''
from keras.layers import Input, Conv2D, UpSampling2D, MaxPooling2D, concatenate
from keras.models import Model

inputs = Input((32, 32, 1))
c1 = Conv2D(8, 3, activation="relu", padding="same")(inputs)
p1 = MaxPooling2D(pool_size=(2, 2))(c1)
c2 = Conv2D(16, 3, activation="relu", padding="same")(p1)
p2 = MaxPooling2D(pool_size=(2, 2))(c2)
c3 = Conv2D(32, 3, activation="relu", padding="same")(p2)
up2 = Conv2D(16, 2, activation="relu", padding="same")(UpSampling2D(size=(2, 2))(c3))
m2 = concatenate([c2, up2], axis=3)
up1 = Conv2D(8, 2, activation="relu", padding="same")(UpSampling2D(size=(2, 2))(m2))
m1 = concatenate([c1, up1], axis=3)
out = Conv2D(1, 1, activation="sigmoid")(m1)
model = Model(inputs=inputs, outputs=out)
''')

case("loop_ternary_padding_activation", "loops", '''
from tensorflow.keras import layers, models

use_relu = False
model = models.Sequential()
model.add(layers.InputLayer(input_shape=(30, 30, 1)))
for i in range(5):
    model.add(layers.Conv2D(8 + 4 * i, 3,
                            padding="same" if i % 2 == 0 else "valid",
                            activation="relu" if use_relu else "tanh"))
model.add(layers.GlobalMaxPooling2D())
model.add(layers.Dense(3, activation="softmax" if not use_relu else None))
''')

case("loop_tuple_unpacking_specs", "loops", '''
import tensorflow as tf

specs = [(32, 5, 2), (64, 3, 2), (128, 3, 1), (128, 3, 2)]
inputs = tf.keras.Input(shape=(80, 80, 3))
x = inputs
for filters, kernel, stride in specs:
    x = tf.keras.layers.Conv2D(filters, kernel, strides=stride, padding="valid")(x)
    x = tf.keras.layers.LeakyReLU(alpha=0.1)(x)
x = tf.keras.layers.Flatten()(x)
outputs = tf.keras.layers.Dense(1)(x)
model = tf.keras.Model(inputs=inputs, outputs=outputs)
''')

case("loop_kwargs_dict_unpacking", "loops", '''
from tensorflow.keras import layers, Model

conv_kwargs = dict(kernel_size=3, padding="same", activation="relu", kernel_initializer="he_normal")
pool_kwargs = {"pool_size": (2, 2), "strides": 2}


def block(x, filters, **extra):
    opts = dict(conv_kwargs)
    opts.update(extra)
    x = layers.Conv2D(filters, **opts)(x)
    x = layers.Conv2D(filters, **opts)(x)
    return layers.MaxPooling2D(**pool_kwargs)(x)


inputs = layers.Input((56, 56, 3))
x = block(inputs, 16)
x = block(x, 32, kernel_size=5)
x = block(x, 64, dilation_rate=2)
x = layers.Flatten()(x)
model = Model(inputs, layers.Dense(10, activation="softmax")(x))
''')

case("loop_builtins_max_min_sum_divmod", "loops", '''
from tensorflow.keras import layers, models

base = 12
widths = [base * m for m in (1, 2, 4)]
hidden = max(16, sum(widths) // 4)
q, r = divmod(hidden, 5)
model = models.Sequential(name="builtins")
model.add(layers.Conv2D(min(widths), 3, input_shape=(24, 24, 2)))
for w in widths[1:]:
    model.add(layers.Conv2D(w, 3, strides=2))
model.add(layers.Flatten())
model.add(layers.Dense(hidden + r))
model.add(layers.Dense(q))
''')

case("loop_unused_layer_consumes_name", "loops", '''
from tensorflow.keras.layers import Input, Dense, Flatten, Conv2D
from tensorflow.keras.models import Model

spare_dense = Dense(5)  # constructed, never called: still takes the name "dense"
inputs = Input((8, 8, 1))
x = Conv2D(4, 3)(inputs)
unused_conv = Conv2D(2, 1)
x = Conv2D(4, 3)(x)
x = Flatten()(x)
outputs = Dense(3)(x)
model = Model(inputs, outputs)
''')

case("loop_two_models_last_is_model", "loops", '''
from tensorflow.keras import layers, Model

inputs = layers.Input((28, 28, 1))
x = layers.Conv2D(16, 3, activation="relu")(inputs)
x = layers.MaxPooling2D()(x)
x = layers.Conv2D(32, 3, activation="relu")(x)
features = layers.GlobalAveragePooling2D()(x)
feature_extractor = Model(inputs, features, name="features")

logits = layers.Dense(10)(features)
classifier = Model(inputs, logits)
''')

case("loop_global_constants_arithmetic", "loops", '''
from tensorflow import keras
from tensorflow.keras import layers

IMG_SIZE = 96
CHANNELS = 3
NUM_CLASSES = 12
BASE = IMG_SIZE // 12

inputs = keras.Input(shape=(IMG_SIZE, IMG_SIZE, CHANNELS))
x = layers.Conv2D(BASE, 3, strides=2, padding="same", activation="relu")(inputs)
x = layers.Conv2D(BASE * 2, 3, strides=2, padding="same", activation="relu")(x)
x = layers.Conv2D(BASE * 4, 3, strides=2, padding="same", activation="relu")(x)
x = layers.AveragePooling2D(pool_size=IMG_SIZE // 16)(x)
x = layers.Flatten()(x)
outputs = layers.Dense(NUM_CLASSES, activation="softmax")(x)
model = keras.Model(inputs, outputs)
''')

case("loop_branches_summed_with_add", "loops", '''
from tensorflow.keras import layers, Model

inputs = layers.Input((32, 32, 16))
branches = []
for rate in (1, 2, 4, 8):
    b = layers.Conv2D(16, 3, padding="same", dilation_rate=rate, activation="relu")(inputs)
    branches.append(b)
x = layers.add(branches)
x = layers.Conv2D(16, 1)(x)
model = Model(inputs, x)
''')

case("loop_break_continue", "loops", '''
from tensorflow.keras import layers, models

plan = [16, None, 32, 32, None, 64, 128, 256]
model = models.Sequential([layers.Input(shape=(64, 64, 3))])
for i, f in enumerate(plan):
    if f is None:
        model.add(layers.MaxPooling2D())
        continue
    if i >= 6:
        break
    model.add(layers.Conv2D(f, 3, padding="same", activation="relu"))
model.add(layers.GlobalAveragePooling2D())
model.add(layers.Dense(2))
''')

case("loop_recursive_unet", "loops", '''
from tensorflow.keras import layers, Model


def conv(x, f):
    x = layers.Conv2D(f, 3, padding="same", activation="relu")(x)
    return layers.Conv2D(f, 3, padding="same", activation="relu")(x)


def level(x, f, depth):
    if depth == 0:
        return conv(x, f)
    skip = conv(x, f)
    y = layers.MaxPooling2D()(skip)
    y = level(y, f * 2, depth - 1)
    y = layers.Conv2DTranspose(f, 2, strides=2, padding="same")(y)
    y = layers.concatenate([skip, y])
    return conv(y, f)


inputs = layers.Input((64, 64, 3))
outputs = layers.Conv2D(2, 1, activation="softmax")(level(inputs, 8, 3))
model = Model(inputs, outputs)
''')

case("loop_builder_class_instance_methods", "loops", '''
from tensorflow.keras import layers, Model


class Builder:
    def __init__(self, width, depth, classes=10):
        self.width = width
        self.depth = depth
        self.classes = classes

    def block(self, x, i):
        x = layers.Conv2D(self.width * (i + 1), 3, padding="same")(x)
        x = layers.BatchNormalization()(x)
        return layers.Activation("relu")(x)

    def build(self, shape):
        inputs = layers.Input(shape)
        x = inputs
        for i in range(self.depth):
            x = self.block(x, i)
            if i % 2 == 1:
                x = layers.MaxPooling2D()(x)
        x = layers.GlobalAveragePooling2D()(x)
        return Model(inputs, layers.Dense(self.classes)(x))


model = Builder(8, 4).build((32, 32, 3))
''')

case("loop_python_lambda_helpers", "loops", '''
from tensorflow.keras import layers, Model

relu = lambda t: layers.Activation("relu")(t)
bn = lambda t: layers.BatchNormalization()(t)
conv = lambda t, f, k=3: layers.Conv2D(f, k, padding="same", use_bias=False)(t)

inputs = layers.Input((24, 24, 3))
x = relu(bn(conv(inputs, 16)))
x = relu(bn(conv(x, 32, 5)))
x = layers.MaxPooling2D()(x)
x = relu(bn(conv(x, 64, 1)))
model = Model(inputs, layers.GlobalMaxPooling2D()(x))
''')

case("loop_format_and_percent_names", "loops", '''
from tensorflow.keras import layers, Model

inputs = layers.Input((32, 32, 3))
x = inputs
for stage in range(1, 4):
    for i in range(2):
        x = layers.Conv2D(8 * stage, 3, padding="same", name="conv{}_{}".format(stage, i + 1))(x)
        x = layers.BatchNormalization(name="bn%d_%d" % (stage, i + 1))(x)
        x = layers.Activation("relu", name="relu" + str(stage) + "_" + str(i + 1))(x)
    x = layers.MaxPooling2D(name="pool%d" % stage)(x)
model = Model(inputs, x)
''')

case("loop_clear_session_resets_names", "loops", '''
import tensorflow as tf
from tensorflow.keras import layers

# a first attempt, discarded
draft = tf.keras.Sequential([layers.Conv2D(4, 3, input_shape=(16, 16, 1)), layers.Flatten(), layers.Dense(2)])

tf.keras.backend.clear_session()

inputs = tf.keras.Input((16, 16, 1))
x = layers.Conv2D(8, 3, activation="relu")(inputs)
x = layers.Conv2D(8, 3, activation="relu")(x)
x = layers.Flatten()(x)
model = tf.keras.Model(inputs, layers.Dense(2)(x))
''')

case("loop_two_inputs_late_fusion", "loops", '''
from tensorflow.keras.layers import Input, Conv2D, GlobalAveragePooling2D, Dense, concatenate
from tensorflow.keras.models import Model

image = Input(shape=(32, 32, 3))
meta = Input(shape=(4,))
x = image
for f in (16, 32):
    x = Conv2D(f, 3, strides=2, padding="same", activation="relu")(x)
x = GlobalAveragePooling2D()(x)
m = Dense(8, activation="relu")(meta)
x = concatenate([x, m])
out = Dense(1, activation="sigmoid")(x)
model = Model(inputs=[image, meta], outputs=out)
''')

case("loop_seq_deferred_build", "loops", '''
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential()
for units in [16, 32]:
    model.add(layers.Conv2D(units, 3, activation="relu"))
    model.add(layers.MaxPooling2D(2))
model.add(layers.Flatten())
model.add(layers.Dense(10))
model.build((None, 32, 32, 3))
''')

case("loop_get_layer_feature_extractor", "loops", '''
from tensorflow.keras import layers, Model

inputs = layers.Input((32, 32, 3))
x = inputs
for i, f in enumerate([16, 32, 64]):
    x = layers.Conv2D(f, 3, padding="same", activation="relu", name=f"conv{i + 1}")(x)
    x = layers.MaxPooling2D(name=f"pool{i + 1}")(x)
x = layers.Flatten()(x)
outputs = layers.Dense(10)(x)
base = Model(inputs, outputs)

extractor = Model(inputs=base.input, outputs=base.get_layer("pool2").output)
''')

case("loop_sequential_output_shape_driven", "loops", '''
from tensorflow.keras import layers, models

model = models.Sequential()
model.add(layers.Conv2D(8, 3, strides=2, input_shape=(45, 45, 1)))
while model.output_shape[1] > 5:
    model.add(layers.Conv2D(8, 3, strides=2))
model.add(layers.Reshape((model.output_shape[1] * model.output_shape[2], 8)))
model.add(layers.Flatten())
model.add(layers.Dense(2))
''')

# ==================================================================================================== nested models
case("nested_sequential_block_in_functional", "nested", '''
from tensorflow import keras
from tensorflow.keras import layers

feature_block = keras.Sequential([
    layers.Conv2D(16, 3, padding="same", activation="relu"),
    layers.MaxPooling2D(),
    layers.Conv2D(32, 3, padding="same", activation="relu"),
])
inputs = keras.Input(shape=(32, 32, 3))
x = feature_block(inputs)
x = layers.GlobalAveragePooling2D()(x)
outputs = layers.Dense(10)(x)
model = keras.Model(inputs, outputs)
''')

case("nested_encoder_decoder_autoencoder", "nested", '''
from tensorflow import keras
from tensorflow.keras import layers

encoder_input = keras.Input(shape=(28, 28, 1), name="img")
x = layers.Conv2D(16, 3, activation="relu")(encoder_input)
x = layers.Conv2D(32, 3, activation="relu")(x)
x = layers.MaxPooling2D(3)(x)
x = layers.Conv2D(32, 3, activation="relu")(x)
x = layers.Conv2D(16, 3, activation="relu")(x)
encoder_output = layers.GlobalMaxPooling2D()(x)
encoder = keras.Model(encoder_input, encoder_output, name="encoder")

decoder_input = keras.Input(shape=(16,), name="encoded_img")
x = layers.Reshape((4, 4, 1))(decoder_input)
x = layers.Conv2DTranspose(16, 3, activation="relu")(x)
x = layers.Conv2DTranspose(32, 3, activation="relu")(x)
x = layers.UpSampling2D(3)(x)
x = layers.Conv2DTranspose(16, 3, activation="relu")(x)
decoder_output = layers.Conv2DTranspose(1, 3, activation="relu")(x)
decoder = keras.Model(decoder_input, decoder_output, name="decoder")

autoencoder_input = keras.Input(shape=(28, 28, 1), name="img")
encoded_img = encoder(autoencoder_input)
decoded_img = decoder(encoded_img)
autoencoder = keras.Model(autoencoder_input, decoded_img, name="autoencoder")
''')

case("nested_sequential_of_sequentials", "nested", '''
from tensorflow.keras import Sequential
from tensorflow.keras.layers import Conv2D, MaxPooling2D, Flatten, Dense, Dropout

features = Sequential([
    Conv2D(32, 3, activation="relu", input_shape=(28, 28, 1)),
    MaxPooling2D(),
    Conv2D(64, 3, activation="relu"),
    MaxPooling2D(),
], name="features")
classifier = Sequential([Flatten(), Dropout(0.5), Dense(10, activation="softmax")], name="classifier")
model = Sequential([features, classifier])
''')

case("nested_shared_encoder_siamese", "nested", '''
from tensorflow.keras import layers, Model, Input

def make_tower(shape):
    inp = Input(shape)
    x = layers.Conv2D(8, 3, activation="relu")(inp)
    x = layers.MaxPooling2D()(x)
    x = layers.Conv2D(16, 3, activation="relu")(x)
    x = layers.GlobalAveragePooling2D()(x)
    return Model(inp, layers.Dense(8)(x), name="tower")

tower = make_tower((24, 24, 1))
left = Input((24, 24, 1), name="left")
right = Input((24, 24, 1), name="right")
emb_l = tower(left)
emb_r = tower(right)
diff = layers.Subtract()([emb_l, emb_r])
merged = layers.concatenate([emb_l, emb_r, diff])
out = layers.Dense(1, activation="sigmoid")(merged)
model = Model([left, right], out)
''')

case("nested_helper_returns_sequential_pix2pix", "nested", '''
import tensorflow as tf


def downsample(filters, size, apply_batchnorm=True):
    result = tf.keras.Sequential()
    result.add(tf.keras.layers.Conv2D(filters, size, strides=2, padding="same", use_bias=False))
    if apply_batchnorm:
        result.add(tf.keras.layers.BatchNormalization())
    result.add(tf.keras.layers.LeakyReLU())
    return result


def upsample(filters, size, apply_dropout=False):
    result = tf.keras.Sequential()
    result.add(tf.keras.layers.Conv2DTranspose(filters, size, strides=2, padding="same", use_bias=False))
    result.add(tf.keras.layers.BatchNormalization())
    if apply_dropout:
        result.add(tf.keras.layers.Dropout(0.5))
    result.add(tf.keras.layers.ReLU())
    return result


inputs = tf.keras.layers.Input(shape=[64, 64, 3])
down_stack = [downsample(16, 4, apply_batchnorm=False), downsample(32, 4), downsample(64, 4)]
up_stack = [upsample(32, 4, apply_dropout=True), upsample(16, 4)]
x = inputs
skips = []
for down in down_stack:
    x = down(x)
    skips.append(x)
skips = reversed(skips[:-1])
for up, skip in zip(up_stack, skips):
    x = up(x)
    x = tf.keras.layers.Concatenate()([x, skip])
last = tf.keras.layers.Conv2DTranspose(3, 4, strides=2, padding="same", activation="tanh")
model = tf.keras.Model(inputs=inputs, outputs=last(x))
''')

case("nested_two_levels", "nested", '''
from tensorflow import keras
from tensorflow.keras import layers

stem_in = keras.Input((32, 32, 3))
stem = keras.Model(stem_in, layers.Conv2D(8, 3, strides=2, padding="same")(stem_in), name="stem")
backbone = keras.Sequential([stem, layers.ReLU(), layers.Conv2D(16, 3, padding="same")], name="backbone")
inputs = keras.Input((32, 32, 3))
x = backbone(inputs)
x = layers.GlobalAveragePooling2D()(x)
model = keras.Model(inputs, layers.Dense(4)(x))
''')

case("nested_multi_output_feature_pyramid", "nested", '''
from tensorflow.keras import layers, Model, Input

inp = Input((64, 64, 3))
c1 = layers.Conv2D(8, 3, strides=2, padding="same", activation="relu")(inp)
c2 = layers.Conv2D(16, 3, strides=2, padding="same", activation="relu")(c1)
c3 = layers.Conv2D(32, 3, strides=2, padding="same", activation="relu")(c2)
backbone = Model(inp, [c1, c2, c3], name="backbone")

image = Input((64, 64, 3))
f1, f2, f3 = backbone(image)
p3 = layers.Conv2D(16, 1)(f3)
p2 = layers.add([layers.UpSampling2D()(p3), layers.Conv2D(16, 1)(f2)])
p1 = layers.add([layers.UpSampling2D()(p2), layers.Conv2D(16, 1)(f1)])
out = layers.Conv2D(1, 3, padding="same", activation="sigmoid")(p1)
model = Model(image, out)
''')

case("nested_gan_combined_frozen_discriminator", "nested", '''
from tensorflow.keras.models import Sequential
from tensorflow.keras.layers import Dense, Reshape, Conv2D, Conv2DTranspose, LeakyReLU, Flatten, BatchNormalization

latent_dim = 32
generator = Sequential(name="generator")
generator.add(Dense(7 * 7 * 32, input_dim=latent_dim))
generator.add(LeakyReLU(alpha=0.2))
generator.add(Reshape((7, 7, 32)))
generator.add(Conv2DTranspose(32, (4, 4), strides=(2, 2), padding="same"))
generator.add(BatchNormalization())
generator.add(LeakyReLU(alpha=0.2))
generator.add(Conv2DTranspose(16, (4, 4), strides=(2, 2), padding="same"))
generator.add(LeakyReLU(alpha=0.2))
generator.add(Conv2D(1, (7, 7), activation="tanh", padding="same"))

discriminator = Sequential(name="discriminator")
discriminator.add(Conv2D(32, (3, 3), strides=(2, 2), padding="same", input_shape=(28, 28, 1)))
discriminator.add(LeakyReLU(alpha=0.2))
discriminator.add(Conv2D(32, (3, 3), strides=(2, 2), padding="same"))
discriminator.add(LeakyReLU(alpha=0.2))
discriminator.add(Flatten())
discriminator.add(Dense(1, activation="sigmoid"))
discriminator.compile(loss="binary_crossentropy", optimizer="adam")

discriminator.trainable = False
gan = Sequential()
gan.add(generator)
gan.add(discriminator)
gan.compile(loss="binary_crossentropy", optimizer="adam")
''')

case("nested_augmentation_deferred_sequential", "nested", '''
import keras
from keras import layers

data_augmentation = keras.Sequential(
    [layers.RandomFlip("horizontal"), layers.RandomRotation(0.1), layers.RandomZoom(0.1)],
    name="data_augmentation",
)
inputs = keras.Input(shape=(64, 64, 3))
x = data_augmentation(inputs)
x = layers.Rescaling(1.0 / 255)(x)
x = layers.Conv2D(16, 3, activation="relu")(x)
x = layers.MaxPooling2D()(x)
x = layers.Flatten()(x)
outputs = layers.Dense(2, activation="softmax")(x)
model = keras.Model(inputs, outputs)
''')

case("nested_model_reused_on_new_input", "nested", '''
from tensorflow.keras import layers, Model, Input

x_in = Input((16, 16, 2))
h = layers.Conv2D(4, 3, padding="same", activation="relu")(x_in)
h = layers.Conv2D(2, 3, padding="same")(h)
block = Model(x_in, layers.add([x_in, h]))

inputs = Input((16, 16, 2))
y = block(inputs)
y = layers.Conv2D(8, 1)(y)
model = Model(inputs, y)
''')

case("nested_functional_inside_sequential_with_head", "nested", '''
import tensorflow as tf
from tensorflow.keras import layers

inp = tf.keras.Input((40, 40, 1))
x = layers.Conv2D(6, 5, activation="relu")(inp)
x = layers.AveragePooling2D()(x)
x = layers.Conv2D(16, 5, activation="relu")(x)
x = layers.AveragePooling2D()(x)
body = tf.keras.Model(inp, x, name="body")

model = tf.keras.Sequential([body, layers.Flatten(), layers.Dense(84, activation="relu"), layers.Dense(10)])
''')

case("nested_ensemble_of_models_average", "nested", '''
from tensorflow import keras
from tensorflow.keras import layers


def get_model():
    inputs = keras.Input(shape=(128,))
    outputs = layers.Dense(1)(inputs)
    return keras.Model(inputs, outputs)


model1 = get_model()
model2 = get_model()
model3 = get_model()

inputs = keras.Input(shape=(128,))
y1 = model1(inputs)
y2 = model2(inputs)
y3 = model3(inputs)
outputs = layers.average([y1, y2, y3])
ensemble_model = keras.Model(inputs=inputs, outputs=outputs)
''')

case("nested_transfer_learning_frozen_mobilenet", "nested", '''
import tensorflow as tf

IMG_SHAPE = (96, 96, 3)
base_model = tf.keras.applications.MobileNetV2(input_shape=IMG_SHAPE, include_top=False, weights="imagenet")
base_model.trainable = False

inputs = tf.keras.Input(shape=IMG_SHAPE)
x = tf.keras.layers.Rescaling(1.0 / 127.5, offset=-1)(inputs)
x = base_model(x, training=False)
x = tf.keras.layers.GlobalAveragePooling2D()(x)
x = tf.keras.layers.Dropout(0.2)(x)
outputs = tf.keras.layers.Dense(1)(x)
model = tf.keras.Model(inputs, outputs)
''')

case("nested_vgg16_in_sequential", "nested", '''
from tensorflow.keras.applications import VGG16
from tensorflow.keras.models import Sequential
from tensorflow.keras.layers import GlobalAveragePooling2D, Dense, Dropout

conv_base = VGG16(weights="imagenet", include_top=False, input_shape=(64, 64, 3))
conv_base.trainable = False
model = Sequential()
model.add(conv_base)
model.add(GlobalAveragePooling2D())
model.add(Dense(256, activation="relu"))
model.add(Dropout(0.5))
model.add(Dense(1, activation="sigmoid"))
''')

case("nested_top_model_on_base_output", "nested", '''
from tensorflow.keras import applications
from tensorflow.keras.models import Sequential, Model
from tensorflow.keras.layers import Dropout, Flatten, Dense

base_model = applications.VGG16(weights="imagenet", include_top=False, input_shape=(64, 64, 3))
top_model = Sequential()
top_model.add(Flatten(input_shape=base_model.output_shape[1:]))
top_model.add(Dense(256, activation="relu"))
top_model.add(Dropout(0.5))
top_model.add(Dense(1, activation="sigmoid"))
model = Model(inputs=base_model.input, outputs=top_model(base_model.output))
for layer in model.layers[:15]:
    layer.trainable = False
''')

# ==================================================================================================== preprocessing
case("pre_rescaling_first_in_sequential", "preprocessing", '''
import tensorflow as tf
from tensorflow.keras import layers

img_height, img_width = 90, 90
model = tf.keras.Sequential([
    layers.Rescaling(1.0 / 255, input_shape=(img_height, img_width, 3)),
    layers.Conv2D(16, 3, padding="same", activation="relu"),
    layers.MaxPooling2D(),
    layers.Flatten(),
    layers.Dense(5),
])
''')

case("pre_rescaling_offset_minus_one", "preprocessing", '''
from tensorflow import keras
from tensorflow.keras import layers

inputs = keras.Input((64, 64, 3))
x = layers.Rescaling(scale=1.0 / 127.5, offset=-1.0)(inputs)
x = layers.Conv2D(8, 3, strides=2, activation="relu")(x)
model = keras.Model(inputs, x)
''')

case("pre_normalization_imagenet_mean_variance", "preprocessing", '''
from tensorflow import keras
from tensorflow.keras import layers

mean = [0.485 * 255, 0.456 * 255, 0.406 * 255]
variance = [(0.229 * 255) ** 2, (0.224 * 255) ** 2, (0.225 * 255) ** 2]
inputs = keras.Input((32, 32, 3))
x = layers.Normalization(mean=mean, variance=variance)(inputs)
x = layers.Conv2D(16, 3, activation="relu")(x)
x = layers.GlobalAveragePooling2D()(x)
model = keras.Model(inputs, layers.Dense(10)(x))
''')

case("pre_normalization_adaptless_channels", "preprocessing", '''
from tensorflow.keras import layers, models

norm = layers.Normalization(axis=-1)
model = models.Sequential([
    layers.Input(shape=(32, 32, 3)),
    norm,
    layers.Conv2D(8, 3, activation="relu"),
    layers.Flatten(),
    layers.Dense(1),
])
''')

case("pre_normalization_tabular_regression", "preprocessing", '''
import tensorflow as tf
from tensorflow.keras import layers

normalizer = tf.keras.layers.Normalization(axis=-1)
dnn_model = tf.keras.Sequential([
    tf.keras.Input(shape=(9,)),
    normalizer,
    layers.Dense(64, activation="relu"),
    layers.Dense(64, activation="relu"),
    layers.Dense(1),
])
''')

case("pre_normalization_axis_none_scalar", "preprocessing", '''
from tensorflow.keras import layers, Model, Input

inp = Input((16, 16, 1))
x = layers.Normalization(axis=None)(inp)
x = layers.Conv2D(4, 3)(x)
model = Model(inp, x)
''')

case("pre_normalization_scalar_mean_variance", "preprocessing", '''
from tensorflow.keras import layers, Model, Input

inp = Input((20, 20, 2))
x = layers.Normalization(mean=0.5, variance=0.25)(inp)
x = layers.Conv2D(4, 3, padding="same")(x)
model = Model(inp, x)
''')

case("pre_normalization_invert_output", "preprocessing", '''
from tensorflow.keras import layers, Model, Input

inp = Input((12, 12, 3))
x = layers.Normalization(mean=[1.0, 2.0, 3.0], variance=[4.0, 9.0, 16.0])(inp)
x = layers.Conv2D(3, 3, padding="same")(x)
x = layers.Normalization(mean=[1.0, 2.0, 3.0], variance=[4.0, 9.0, 16.0], invert=True)(x)
model = Model(inp, x)
''')

case("pre_resize_and_rescale_block", "preprocessing", '''
import tensorflow as tf
from tensorflow.keras import layers

IMG_SIZE = 64
resize_and_rescale = tf.keras.Sequential([
    layers.Resizing(IMG_SIZE, IMG_SIZE),
    layers.Rescaling(1.0 / 255),
])
data_augmentation = tf.keras.Sequential([
    layers.RandomFlip("horizontal_and_vertical"),
    layers.RandomRotation(0.2),
])
model = tf.keras.Sequential([
    tf.keras.Input((120, 160, 3)),
    resize_and_rescale,
    data_augmentation,
    layers.Conv2D(16, 3, padding="same", activation="relu"),
    layers.MaxPooling2D(),
    layers.Flatten(),
    layers.Dense(3),
])
''')

case("pre_resizing_crop_to_aspect_ratio", "preprocessing", '''
from tensorflow.keras import layers, Model, Input

inp = Input((100, 150, 3))
x = layers.Resizing(64, 64, crop_to_aspect_ratio=True)(inp)
x = layers.Conv2D(8, 3, strides=2)(x)
model = Model(inp, x)
''')

case("pre_resizing_nearest_up", "preprocessing", '''
from tensorflow.keras import layers, Model, Input

inp = Input((7, 9, 2))
x = layers.Resizing(15, 20, interpolation="nearest")(inp)
model = Model(inp, layers.Conv2D(3, 3)(x))
''')

case("pre_center_crop", "preprocessing", '''
from tensorflow import keras
from tensorflow.keras import layers

inputs = keras.Input((72, 72, 3))
x = layers.CenterCrop(64, 64)(inputs)
x = layers.Conv2D(8, 3, strides=2, padding="same")(x)
model = keras.Model(inputs, x)
''')

case("pre_center_crop_larger_than_input", "preprocessing", '''
from tensorflow import keras
from tensorflow.keras import layers

inputs = keras.Input((20, 30, 3))
x = layers.CenterCrop(24, 24)(inputs)
model = keras.Model(inputs, layers.Conv2D(2, 1)(x))
''')

case("pre_experimental_preprocessing_path", "preprocessing", '''
from tensorflow.keras.layers.experimental import preprocessing
from tensorflow.keras import layers, Sequential

model = Sequential([
    preprocessing.Resizing(48, 48, input_shape=(96, 96, 3)),
    preprocessing.Rescaling(1.0 / 255),
    preprocessing.RandomFlip("horizontal"),
    layers.Conv2D(16, 3, activation="relu"),
    layers.GlobalAveragePooling2D(),
    layers.Dense(4),
])
''')

case("pre_augmentation_zoo", "preprocessing", '''
from tensorflow import keras
from tensorflow.keras import layers

augment = keras.Sequential([
    layers.RandomFlip("horizontal"),
    layers.RandomTranslation(0.1, 0.1),
    layers.RandomZoom(height_factor=(-0.2, 0.2)),
    layers.RandomContrast(0.2),
], name="augment")
inputs = keras.Input((48, 48, 3))
x = augment(inputs)
x = layers.Rescaling(1 / 255.0)(x)
x = layers.Conv2D(16, 3, activation="relu")(x)
x = layers.GlobalAveragePooling2D()(x)
model = keras.Model(inputs, layers.Dense(1, activation="sigmoid")(x))
''')

# ==================================================================================================== Lambda
case("lambda_scale_255", "lambda", '''
from tensorflow.keras.layers import Input, Lambda, Conv2D, Flatten, Dense
from tensorflow.keras.models import Model

inp = Input((28, 28, 1))
x = Lambda(lambda x: x / 255.0)(inp)
x = Conv2D(8, 3, activation="relu")(x)
x = Flatten()(x)
model = Model(inp, Dense(10)(x))
''')

case("lambda_tf_nn_relu_in_sequential", "lambda", '''
import tensorflow as tf
from tensorflow.keras import layers

model = tf.keras.Sequential([
    layers.Conv2D(8, 3, input_shape=(16, 16, 3)),
    layers.Lambda(tf.nn.relu),
    layers.Conv2D(8, 3),
    layers.Lambda(lambda t: tf.nn.relu6(t)),
    layers.Flatten(),
    layers.Dense(2),
])
''')

case("lambda_tf_concat_list_input", "lambda", '''
import tensorflow as tf
from tensorflow.keras import layers, Model

inp = layers.Input((16, 16, 3))
a = layers.Conv2D(4, 3, padding="same")(inp)
b = layers.Conv2D(6, 1)(inp)
x = layers.Lambda(lambda t: tf.concat(t, axis=-1))([a, b])
model = Model(inp, layers.Conv2D(2, 1)(x))
''')

case("lambda_backend_mean_max_spatial_attention", "lambda", '''
from tensorflow.keras import layers, Model
from tensorflow.keras import backend as K

inp = layers.Input((24, 24, 16))
avg = layers.Lambda(lambda x: K.mean(x, axis=-1, keepdims=True))(inp)
mx = layers.Lambda(lambda x: K.max(x, axis=-1, keepdims=True))(inp)
att = layers.Concatenate(axis=-1)([avg, mx])
att = layers.Conv2D(1, 7, padding="same", activation="sigmoid")(att)
out = layers.Multiply()([inp, att])
model = Model(inp, out)
''')

case("lambda_tf_image_resize", "lambda", '''
import tensorflow as tf
from tensorflow.keras import layers, Model

inputs = layers.Input((32, 48, 3))
x = layers.Lambda(lambda img: tf.image.resize(img, (64, 64)))(inputs)
x = layers.Conv2D(8, 3, padding="same", activation="relu")(x)
x = layers.Lambda(lambda img: tf.image.resize(img, [16, 16], method="nearest"))(x)
model = Model(inputs, x)
''')

case("lambda_depth_to_space_subpixel", "lambda", '''
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

upscale_factor = 3
inputs = keras.Input(shape=(32, 32, 1))
x = layers.Conv2D(64, 5, padding="same", activation="relu")(inputs)
x = layers.Conv2D(32, 3, padding="same", activation="relu")(x)
x = layers.Conv2D(1 * (upscale_factor ** 2), 3, padding="same")(x)
outputs = layers.Lambda(lambda t: tf.nn.depth_to_space(t, upscale_factor))(x)
model = keras.Model(inputs, outputs)
''')

case("lambda_channel_slices_and_split", "lambda", '''
import tensorflow as tf
from tensorflow.keras import layers, Model

inp = layers.Input((16, 16, 6))
rgb = layers.Lambda(lambda x: x[:, :, :, :3])(inp)
extra = layers.Lambda(lambda x: x[..., 3:])(inp)
halves = layers.Lambda(lambda x: tf.split(x, 2, axis=1)[0])(inp)
a = layers.Conv2D(4, 3, padding="same")(rgb)
b = layers.Conv2D(4, 3, padding="same")(extra)
c = layers.Conv2D(4, 3, padding="same")(halves)
model = Model(inp, [layers.add([a, b]), c])
''')

case("lambda_l2_normalize_embedding", "lambda", '''
from tensorflow.keras import layers, Model
from tensorflow.keras import backend as K

inp = layers.Input((32, 32, 3))
x = layers.Conv2D(16, 3, strides=2, activation="relu")(inp)
x = layers.GlobalAveragePooling2D()(x)
x = layers.Dense(64)(x)
emb = layers.Lambda(lambda v: K.l2_normalize(v, axis=1), name="embedding")(x)
model = Model(inp, emb)
''')

case("lambda_def_function_with_arguments", "lambda", '''
from tensorflow.keras import layers, Model


def scale_and_shift(x, factor, shift=0.0):
    return x * factor + shift


inp = layers.Input((10, 10, 2))
x = layers.Lambda(scale_and_shift, arguments={"factor": 2.0, "shift": -1.0})(inp)
x = layers.Conv2D(3, 3)(x)
x = layers.Lambda(scale_and_shift, arguments={"factor": 0.5}, name="halve")(x)
model = Model(inp, x)
''')

case("lambda_output_shape_given", "lambda", '''
from tensorflow.keras import layers, Model
import tensorflow as tf

inp = layers.Input((8, 8, 4))
x = layers.Lambda(lambda t: tf.reduce_sum(t, axis=[1, 2]), output_shape=(4,))(inp)
model = Model(inp, layers.Dense(2)(x))
''')

case("lambda_reflect_pad", "lambda", '''
import tensorflow as tf
from tensorflow.keras import layers, Model

inp = layers.Input((32, 32, 3))
x = layers.Lambda(lambda t: tf.pad(t, [[0, 0], [3, 3], [3, 3], [0, 0]], mode="REFLECT"))(inp)
x = layers.Conv2D(16, 7)(x)
model = Model(inp, x)
''')

case("lambda_resize_images_backend", "lambda", '''
from tensorflow.keras import layers, Model
from tensorflow.keras import backend as K

inp = layers.Input((8, 8, 16))
x = layers.Lambda(lambda t: K.resize_images(t, 2, 2, "channels_last"))(inp)
x = layers.Conv2D(8, 3, padding="same")(x)
x = layers.Lambda(lambda t: K.resize_images(t, 2, 2, "channels_last", interpolation="bilinear"))(x)
model = Model(inp, x)
''')

case("lambda_abs_difference_siamese", "lambda", '''
from tensorflow.keras import layers, Model, Input
from tensorflow.keras import backend as K

a = Input((64,))
b = Input((64,))
shared = layers.Dense(32, activation="relu")
ea = shared(a)
eb = shared(b)
d = layers.Lambda(lambda t: K.abs(t[0] - t[1]))([ea, eb])
out = layers.Dense(1, activation="sigmoid")(d)
model = Model([a, b], out)
''')

case("lambda_keras3_ops", "lambda", '''
import keras
from keras import layers, ops

inputs = keras.Input((12, 12, 8))
x = layers.Lambda(lambda t: ops.mean(t, axis=[1, 2]))(inputs)
y = layers.Lambda(lambda t: ops.relu(t) * 0.5)(inputs)
model = keras.Model(inputs, [x, y])
''')

case("lambda_two_in_one_model_names", "lambda", '''
from tensorflow.keras.layers import Input, Lambda, Conv2D
from tensorflow.keras.models import Model

inputs = Input((12, 12, 3))
x = Lambda(lambda t: t - 0.5)(inputs)
x = Conv2D(4, 3)(x)
x = Lambda(lambda t: t * 2.0)(x)
x = Lambda(lambda t: -t)(x)
model = Model(inputs, x)
''')

case("lambda_external_module_function", "lambda", '''
from tensorflow.keras import layers, Model
from preprocess import normalize_image

inp = layers.Input((32, 32, 3))
x = layers.Lambda(normalize_image)(inp)
x = layers.Conv2D(8, 3)(x)
model = Model(inp, x)
''', static=False, static_reason="the Lambda calls normalize_image from module `preprocess`, which is not in the code",
     harness={"modules": {"preprocess": "import tensorflow as tf\n\ndef normalize_image(x):\n    return tf.image.resize(x, (48, 48)) / 127.5 - 1.0\n"}})

case("lambda_vae_sampling_random_normal", "lambda", '''
from tensorflow.keras import layers, Model
from tensorflow.keras import backend as K

latent_dim = 2
inputs = layers.Input(shape=(28, 28, 1))
x = layers.Conv2D(32, 3, strides=2, padding="same", activation="relu")(inputs)
x = layers.Conv2D(64, 3, strides=2, padding="same", activation="relu")(x)
x = layers.Flatten()(x)
x = layers.Dense(16, activation="relu")(x)
z_mean = layers.Dense(latent_dim, name="z_mean")(x)
z_log_var = layers.Dense(latent_dim, name="z_log_var")(x)


def sampling(args):
    z_mean, z_log_var = args
    batch = K.shape(z_mean)[0]
    dim = K.int_shape(z_mean)[1]
    epsilon = K.random_normal(shape=(batch, dim))
    return z_mean + K.exp(0.5 * z_log_var) * epsilon


z = layers.Lambda(sampling, output_shape=(latent_dim,), name="z")([z_mean, z_log_var])
encoder = Model(inputs, [z_mean, z_log_var, z], name="encoder")
''', static=False, static_reason="the Lambda draws K.random_normal with the run-time batch size K.shape(z_mean)[0]")

case("lambda_size_from_json_config", "lambda", '''
import json
import tensorflow as tf
from tensorflow.keras import layers, Model

with open("config.json") as f:
    cfg = json.load(f)

inp = layers.Input((64, 64, 3))
x = layers.Lambda(lambda t: tf.image.resize(t, cfg["resize_to"]))(inp)
x = layers.Conv2D(cfg["filters"], 3, padding="same")(x)
model = Model(inp, x)
''', static=False, static_reason="the resize target and the filter count are read from config.json at run time",
     harness={"files": {"config.json": "{\"resize_to\": [40, 40], \"filters\": 12}"}})

case("lambda_activation_from_environment", "lambda", '''
import os
import tensorflow as tf
from tensorflow.keras import layers, Model

ACTIVATIONS = {"relu": tf.nn.relu, "sigmoid": tf.nn.sigmoid, "tanh": tf.nn.tanh}
act = ACTIVATIONS[os.environ.get("MODEL_ACT", "relu")]
width = int(os.environ.get("MODEL_WIDTH", "8"))

inp = layers.Input((16, 16, 3))
x = layers.Conv2D(width, 3)(inp)
x = layers.Lambda(act)(x)
model = Model(inp, x)
''', static=False, static_reason="the activation and the width come from environment variables",
     harness={"env": {"MODEL_ACT": "tanh", "MODEL_WIDTH": "12"}})

# ==================================================================================================== custom layers
case("custom_reflection_padding", "custom_layer", '''
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers


class ReflectionPadding2D(layers.Layer):
    """Reflection padding, as in the keras-io CycleGAN example."""

    def __init__(self, padding=(1, 1), **kwargs):
        self.padding = tuple(padding)
        super().__init__(**kwargs)

    def compute_output_shape(self, input_shape):
        return (input_shape[0], input_shape[1] + 2 * self.padding[0],
                input_shape[2] + 2 * self.padding[1], input_shape[3])

    def call(self, input_tensor, mask=None):
        padding_width, padding_height = self.padding
        padding_tensor = [
            [0, 0],
            [padding_height, padding_height],
            [padding_width, padding_width],
            [0, 0],
        ]
        return tf.pad(input_tensor, padding_tensor, mode="REFLECT")


inputs = keras.Input((32, 32, 3))
x = ReflectionPadding2D(padding=(3, 3))(inputs)
x = layers.Conv2D(16, 7, use_bias=False)(x)
x = ReflectionPadding2D()(x)
x = layers.Conv2D(16, 3)(x)
model = keras.Model(inputs, x)
''')

case("custom_pixel_shuffle_get_config", "custom_layer", '''
import tensorflow as tf
from tensorflow.keras import layers, Model


class PixelShuffle(layers.Layer):
    def __init__(self, scale, **kwargs):
        super().__init__(**kwargs)
        self.scale = scale

    def call(self, inputs):
        return tf.nn.depth_to_space(inputs, self.scale)

    def get_config(self):
        config = super().get_config()
        config.update({"scale": self.scale})
        return config


inp = layers.Input((16, 16, 3))
x = layers.Conv2D(32, 3, padding="same", activation="relu")(inp)
x = layers.Conv2D(3 * 4, 3, padding="same")(x)
x = PixelShuffle(2)(x)
x = layers.Conv2D(12, 3, padding="same")(x)
x = PixelShuffle(scale=2, name="shuffle_out")(x)
model = Model(inp, x)
''')

case("custom_se_block_with_sublayers", "custom_layer", '''
from tensorflow.keras import layers, Model


class SEBlock(layers.Layer):
    def __init__(self, channels, ratio=4, **kwargs):
        super().__init__(**kwargs)
        self.pool = layers.GlobalAveragePooling2D(keepdims=True)
        self.squeeze = layers.Dense(channels // ratio, activation="relu")
        self.excite = layers.Dense(channels, activation="sigmoid")

    def call(self, inputs):
        w = self.pool(inputs)
        w = self.squeeze(w)
        w = self.excite(w)
        return inputs * w


inp = layers.Input((16, 16, 32))
x = layers.Conv2D(32, 3, padding="same", activation="relu")(inp)
x = SEBlock(32)(x)
x = layers.Conv2D(32, 3, padding="same", activation="relu")(x)
x = SEBlock(32, ratio=8)(x)
model = Model(inp, layers.GlobalAveragePooling2D()(x))
''')

case("custom_scale_layer_add_weight", "custom_layer", '''
import tensorflow as tf
from tensorflow.keras import layers, Model


class ScaleLayer(layers.Layer):
    """Learnable per-channel scale and shift."""

    def build(self, input_shape):
        channels = input_shape[-1]
        self.gamma = self.add_weight(name="gamma", shape=(channels,), initializer="ones", trainable=True)
        self.beta = self.add_weight(name="beta", shape=(channels,), initializer="zeros", trainable=True)
        super().build(input_shape)

    def call(self, x):
        return x * self.gamma + self.beta


inp = layers.Input((10, 10, 6))
x = layers.Conv2D(6, 3, padding="same")(inp)
x = ScaleLayer()(x)
model = Model(inp, x)
''')

case("custom_linear_matmul", "custom_layer", '''
import tensorflow as tf
from tensorflow import keras


class Linear(keras.layers.Layer):
    def __init__(self, units=32, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], self.units), initializer="random_normal", trainable=True)
        self.b = self.add_weight(shape=(self.units,), initializer="zeros", trainable=True)

    def call(self, inputs):
        return tf.matmul(inputs, self.w) + self.b


inputs = keras.Input(shape=(8, 8, 1))
x = keras.layers.Flatten()(inputs)
x = Linear(32)(x)
x = keras.layers.Activation("relu")(x)
outputs = Linear(10)(x)
model = keras.Model(inputs, outputs)
''')

case("custom_conv_bn_relu_reused_class", "custom_layer", '''
from tensorflow.keras import layers, Model


class ConvBNReLU(layers.Layer):
    def __init__(self, filters, kernel_size=3, strides=1, **kwargs):
        super().__init__(**kwargs)
        self.conv = layers.Conv2D(filters, kernel_size, strides=strides, padding="same", use_bias=False)
        self.bn = layers.BatchNormalization()
        self.act = layers.ReLU()

    def call(self, x, training=None):
        return self.act(self.bn(self.conv(x), training=training))


inputs = layers.Input((32, 32, 3))
x = ConvBNReLU(16)(inputs)
x = ConvBNReLU(32, strides=2)(x)
x = ConvBNReLU(32)(x)
x = layers.Conv2D(10, 1)(x)
x = layers.GlobalAveragePooling2D()(x)
model = Model(inputs, x)
''')

case("custom_subclass_of_builtin_conv", "custom_layer", '''
from tensorflow.keras import layers, Model


class SameConv(layers.Conv2D):
    def __init__(self, filters, **kwargs):
        super().__init__(filters, 3, padding="same", activation="relu", **kwargs)


inp = layers.Input((20, 20, 3))
x = SameConv(8)(inp)
x = SameConv(16)(x)
x = layers.Conv2D(4, 3)(x)
model = Model(inp, x)
''')

case("custom_non_trainable_weight", "custom_layer", '''
import tensorflow as tf
from tensorflow.keras import layers, Model


class FixedOffset(layers.Layer):
    def build(self, input_shape):
        self.offset = self.add_weight(name="offset", shape=(input_shape[-1],), initializer="zeros",
                                      trainable=False)
        self.scale = self.add_weight(name="scale", shape=(1,), initializer="ones")

    def call(self, x):
        return (x - self.offset) * self.scale


inp = layers.Input((8, 8, 4))
x = FixedOffset()(inp)
x = layers.Conv2D(4, 1)(x)
model = Model(inp, x)
''')

case("custom_layer_calls_custom_layer", "custom_layer", '''
import tensorflow as tf
from tensorflow.keras import layers, Model


class ChannelMean(layers.Layer):
    def call(self, x):
        return tf.reduce_mean(x, axis=-1, keepdims=True)


class SpatialGate(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.mean = ChannelMean()
        self.conv = layers.Conv2D(1, 5, padding="same", activation="sigmoid")

    def call(self, x):
        return x * self.conv(self.mean(x))


inp = layers.Input((16, 16, 8))
x = SpatialGate()(inp)
x = layers.Conv2D(8, 3)(x)
model = Model(inp, x)
''')

case("custom_cbam_channel_and_spatial", "custom_layer", '''
import tensorflow as tf
from tensorflow.keras import layers, Model


class ChannelAttention(layers.Layer):
    def __init__(self, channels, ratio=8, **kwargs):
        super().__init__(**kwargs)
        self.mlp1 = layers.Dense(channels // ratio, activation="relu")
        self.mlp2 = layers.Dense(channels)

    def call(self, x):
        avg = tf.reduce_mean(x, axis=[1, 2], keepdims=True)
        mx = tf.reduce_max(x, axis=[1, 2], keepdims=True)
        att = tf.sigmoid(self.mlp2(self.mlp1(avg)) + self.mlp2(self.mlp1(mx)))
        return x * att


class SpatialAttention(layers.Layer):
    def __init__(self, kernel_size=7, **kwargs):
        super().__init__(**kwargs)
        self.conv = layers.Conv2D(1, kernel_size, padding="same", activation="sigmoid")

    def compute_output_shape(self, input_shape):
        return input_shape

    def call(self, x):
        avg = tf.reduce_mean(x, axis=-1, keepdims=True)
        mx = tf.reduce_max(x, axis=-1, keepdims=True)
        return x * self.conv(tf.concat([avg, mx], axis=-1))


inp = layers.Input((24, 24, 32))
x = layers.Conv2D(32, 3, padding="same", activation="relu")(inp)
x = ChannelAttention(32)(x)
x = SpatialAttention()(x)
model = Model(inp, layers.GlobalAveragePooling2D()(x))
''')

case("custom_instance_norm_moments", "custom_layer", '''
import tensorflow as tf
from tensorflow.keras import layers, Model


class InstanceNormalization(layers.Layer):
    def __init__(self, epsilon=1e-5, **kwargs):
        super().__init__(**kwargs)
        self.epsilon = epsilon

    def build(self, input_shape):
        self.gamma = self.add_weight(name="gamma", shape=(input_shape[-1],), initializer="ones")
        self.beta = self.add_weight(name="beta", shape=(input_shape[-1],), initializer="zeros")

    def call(self, x):
        mean = tf.reduce_mean(x, axis=[1, 2], keepdims=True)
        variance = tf.reduce_mean(tf.square(x - mean), axis=[1, 2], keepdims=True)
        return self.gamma * (x - mean) / tf.sqrt(variance + self.epsilon) + self.beta


inp = layers.Input((32, 32, 3))
x = layers.Conv2D(16, 3, padding="same")(inp)
x = InstanceNormalization()(x)
x = layers.ReLU()(x)
model = Model(inp, x)
''')

case("custom_call_uses_external_function", "custom_layer", '''
from tensorflow.keras import layers, Model
from mylib.ops import squeeze_excite


class SEResidual(layers.Layer):
    def __init__(self, channels, **kwargs):
        super().__init__(**kwargs)
        self.conv = layers.Conv2D(channels, 3, padding="same")

    def call(self, x):
        return x + squeeze_excite(self.conv(x))


inp = layers.Input((16, 16, 8))
x = SEResidual(8)(inp)
model = Model(inp, layers.Conv2D(4, 1)(x))
''', static=False, static_reason="call() uses squeeze_excite from module `mylib.ops`, which is not in the code",
     harness={"modules": {"mylib": "", "mylib.ops": "import tensorflow as tf\n\ndef squeeze_excite(x):\n    return x * tf.sigmoid(tf.reduce_mean(x, axis=[1, 2], keepdims=True))\n"}})

case("custom_base_class_from_package", "custom_layer", '''
from tensorflow.keras import layers, Model
from blocks import DownBlock


class MyDown(DownBlock):
    pass


inp = layers.Input((32, 32, 3))
x = MyDown(16)(inp)
x = MyDown(32)(x)
model = Model(inp, x)
''', static=False, static_reason="the layer's call() is inherited from blocks.DownBlock, a package that is not in the code",
     harness={"modules": {"blocks": "from tensorflow.keras import layers\n\nclass DownBlock(layers.Layer):\n    def __init__(self, filters, **kwargs):\n        super().__init__(**kwargs)\n        self.conv = layers.Conv2D(filters, 3, strides=2, padding='same', activation='relu')\n\n    def call(self, x):\n        return self.conv(x)\n"}})

case("custom_width_from_environment", "custom_layer", '''
import os
import tensorflow as tf
from tensorflow.keras import layers, Model


class Stem(layers.Layer):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.conv = layers.Conv2D(int(os.environ["STEM_WIDTH"]), 3, strides=2, padding="same")

    def call(self, x):
        return tf.nn.relu(self.conv(x))


inp = layers.Input((32, 32, 3))
model = Model(inp, Stem()(inp))
''', static=False, static_reason="the convolution's filter count comes from the STEM_WIDTH environment variable",
     harness={"env": {"STEM_WIDTH": "24"}})

# ==================================================================================================== builders (`call`)
case("builder_lenet_staticmethod", "builder", '''
# import the necessary packages
from tensorflow.keras.models import Sequential
from tensorflow.keras.layers import Conv2D
from tensorflow.keras.layers import MaxPooling2D
from tensorflow.keras.layers import Activation
from tensorflow.keras.layers import Flatten
from tensorflow.keras.layers import Dense
from tensorflow.keras import backend as K


class LeNet:
    @staticmethod
    def build(width, height, depth, classes):
        # initialize the model
        model = Sequential()
        inputShape = (height, width, depth)

        # if we are using "channels first", update the input shape
        if K.image_data_format() == "channels_first":
            inputShape = (depth, height, width)

        # first set of CONV => RELU => POOL layers
        model.add(Conv2D(20, (5, 5), padding="same", input_shape=inputShape))
        model.add(Activation("relu"))
        model.add(MaxPooling2D(pool_size=(2, 2), strides=(2, 2)))

        # second set of CONV => RELU => POOL layers
        model.add(Conv2D(50, (5, 5), padding="same"))
        model.add(Activation("relu"))
        model.add(MaxPooling2D(pool_size=(2, 2), strides=(2, 2)))

        # first (and only) set of FC => RELU layers
        model.add(Flatten())
        model.add(Dense(500))
        model.add(Activation("relu"))

        # softmax classifier
        model.add(Dense(classes))
        model.add(Activation("softmax"))

        # return the constructed network architecture
        return model
''', call="LeNet.build(28, 28, 1, 10)")

case("builder_minivggnet_chandim", "builder", '''
from tensorflow.keras.models import Sequential
from tensorflow.keras.layers import BatchNormalization, Conv2D, MaxPooling2D, Activation, Flatten, Dropout, Dense
from tensorflow.keras import backend as K


class MiniVGGNet:
    @staticmethod
    def build(width, height, depth, classes):
        model = Sequential()
        inputShape = (height, width, depth)
        chanDim = -1
        if K.image_data_format() == "channels_first":
            inputShape = (depth, height, width)
            chanDim = 1

        model.add(Conv2D(32, (3, 3), padding="same", input_shape=inputShape))
        model.add(Activation("relu"))
        model.add(BatchNormalization(axis=chanDim))
        model.add(Conv2D(32, (3, 3), padding="same"))
        model.add(Activation("relu"))
        model.add(BatchNormalization(axis=chanDim))
        model.add(MaxPooling2D(pool_size=(2, 2)))
        model.add(Dropout(0.25))

        model.add(Conv2D(64, (3, 3), padding="same"))
        model.add(Activation("relu"))
        model.add(BatchNormalization(axis=chanDim))
        model.add(Conv2D(64, (3, 3), padding="same"))
        model.add(Activation("relu"))
        model.add(BatchNormalization(axis=chanDim))
        model.add(MaxPooling2D(pool_size=(2, 2)))
        model.add(Dropout(0.25))

        model.add(Flatten())
        model.add(Dense(512))
        model.add(Activation("relu"))
        model.add(BatchNormalization())
        model.add(Dropout(0.5))
        model.add(Dense(classes))
        model.add(Activation("softmax"))
        return model
''', call="MiniVGGNet.build(width=32, height=32, depth=3, classes=10)")

case("builder_shallownet", "builder", '''
from keras.models import Sequential
from keras.layers.core import Activation, Flatten, Dense
from keras.layers.convolutional import Conv2D
from keras import backend as K


class ShallowNet:
    @staticmethod
    def build(width, height, depth, classes):
        model = Sequential()
        inputShape = (height, width, depth)
        if K.image_data_format() == "channels_first":
            inputShape = (depth, height, width)
        model.add(Conv2D(32, (3, 3), padding="same", input_shape=inputShape))
        model.add(Activation("relu"))
        model.add(Flatten())
        model.add(Dense(classes))
        model.add(Activation("softmax"))
        return model
''', call="ShallowNet.build(width=32, height=32, depth=3, classes=3)")

case("builder_build_model_function", "builder", '''
from tensorflow import keras
from tensorflow.keras import layers


def build_model(input_shape, num_classes):
    inputs = keras.Input(shape=input_shape)
    x = layers.Conv2D(32, 3, activation="relu")(inputs)
    x = layers.MaxPooling2D()(x)
    x = layers.Conv2D(64, 3, activation="relu")(x)
    x = layers.MaxPooling2D()(x)
    x = layers.Flatten()(x)
    x = layers.Dropout(0.5)(x)
    outputs = layers.Dense(num_classes, activation="softmax")(x)
    return keras.Model(inputs, outputs, name="cnn")


if __name__ == "__main__":
    import sys
    print("usage: python train.py DATA_DIR", file=sys.stderr)
''', call="build_model((28, 28, 1), 10)")

case("builder_classmethod_factory", "builder", '''
from tensorflow.keras import layers, Model


class Net:
    default_filters = (16, 32)

    def __init__(self, model):
        self.model = model

    @classmethod
    def create(cls, shape, classes, filters=None):
        filters = filters or cls.default_filters
        inputs = layers.Input(shape)
        x = inputs
        for f in filters:
            x = layers.Conv2D(f, 3, activation="relu", padding="same")(x)
            x = layers.MaxPooling2D()(x)
        x = layers.Flatten()(x)
        return cls(Model(inputs, layers.Dense(classes)(x)))
''', call="Net.create((32, 32, 3), 10, filters=(8, 16, 32)).model")

case("builder_create_cnn_regression_kwargs", "builder", '''
from tensorflow.keras.models import Model
from tensorflow.keras.layers import BatchNormalization, Conv2D, MaxPooling2D, Activation, Dropout, Dense, Flatten, Input


def create_cnn(width, height, depth, filters=(16, 32, 64), regress=False):
    inputShape = (height, width, depth)
    chanDim = -1
    inputs = Input(shape=inputShape)
    for (i, f) in enumerate(filters):
        if i == 0:
            x = inputs
        x = Conv2D(f, (3, 3), padding="same")(x)
        x = Activation("relu")(x)
        x = BatchNormalization(axis=chanDim)(x)
        x = MaxPooling2D(pool_size=(2, 2))(x)
    x = Flatten()(x)
    x = Dense(16)(x)
    x = Activation("relu")(x)
    x = BatchNormalization(axis=chanDim)(x)
    x = Dropout(0.5)(x)
    x = Dense(4)(x)
    x = Activation("relu")(x)
    if regress:
        x = Dense(1, activation="linear")(x)
    model = Model(inputs, x)
    return model
''', call="create_cnn(64, 64, 3, regress=True)")

case("builder_returns_tuple_index", "builder", '''
from tensorflow.keras import layers, Model, Input


def build_autoencoder(shape, latent=16):
    inp = Input(shape)
    x = layers.Conv2D(16, 3, strides=2, padding="same", activation="relu")(inp)
    x = layers.Conv2D(32, 3, strides=2, padding="same", activation="relu")(x)
    x = layers.Flatten()(x)
    z = layers.Dense(latent)(x)
    encoder = Model(inp, z, name="encoder")

    z_in = Input((latent,))
    y = layers.Dense(7 * 7 * 32)(z_in)
    y = layers.Reshape((7, 7, 32))(y)
    y = layers.Conv2DTranspose(16, 3, strides=2, padding="same", activation="relu")(y)
    y = layers.Conv2DTranspose(1, 3, strides=2, padding="same", activation="sigmoid")(y)
    decoder = Model(z_in, y, name="decoder")

    auto_in = Input(shape)
    autoencoder = Model(auto_in, decoder(encoder(auto_in)), name="autoencoder")
    return encoder, decoder, autoencoder
''', call="build_autoencoder((28, 28, 1))[2]")

case("builder_defaults_only", "builder", '''
import tensorflow as tf


def make_model(input_shape=(64, 64, 3), classes=5, width=16, depth=3, dropout=0.3):
    inputs = tf.keras.Input(input_shape)
    x = inputs
    for i in range(depth):
        x = tf.keras.layers.Conv2D(width * 2 ** i, 3, padding="same", activation="relu")(x)
        x = tf.keras.layers.MaxPooling2D()(x)
    x = tf.keras.layers.GlobalAveragePooling2D()(x)
    x = tf.keras.layers.Dropout(dropout)(x)
    return tf.keras.Model(inputs, tf.keras.layers.Dense(classes, activation="softmax")(x))
''', call="make_model()")

case("builder_main_block_builds_model", "builder", '''
from tensorflow.keras import layers, models


def get_net(n_classes=4):
    net = models.Sequential()
    net.add(layers.Conv2D(8, 5, activation="relu", input_shape=(36, 36, 1)))
    net.add(layers.MaxPooling2D(2))
    net.add(layers.Conv2D(16, 5, activation="relu"))
    net.add(layers.MaxPooling2D(2))
    net.add(layers.Flatten())
    net.add(layers.Dense(n_classes, activation="softmax"))
    return net


if __name__ == "__main__":
    model = get_net()
    model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
    model.summary()
''')

case("builder_instance_method_resnet_builder", "builder", '''
from tensorflow.keras import layers
from tensorflow.keras.models import Model


class ResnetBuilder(object):
    def __init__(self, base_filters=16):
        self.base_filters = base_filters

    def _bn_relu(self, x):
        x = layers.BatchNormalization(axis=3)(x)
        return layers.Activation("relu")(x)

    def _basic_block(self, x, filters, stride):
        shortcut = x
        y = self._bn_relu(x)
        y = layers.Conv2D(filters, (3, 3), strides=stride, padding="same")(y)
        y = self._bn_relu(y)
        y = layers.Conv2D(filters, (3, 3), padding="same")(y)
        if stride != 1 or shortcut.shape[3] != filters:
            shortcut = layers.Conv2D(filters, (1, 1), strides=stride)(shortcut)
        return layers.add([shortcut, y])

    def build(self, input_shape, num_outputs, repetitions=(2, 2)):
        inputs = layers.Input(shape=input_shape)
        x = layers.Conv2D(self.base_filters, (3, 3), padding="same")(inputs)
        filters = self.base_filters
        for i, r in enumerate(repetitions):
            for j in range(r):
                stride = 2 if (j == 0 and i > 0) else 1
                x = self._basic_block(x, filters, stride)
            filters *= 2
        x = self._bn_relu(x)
        x = layers.GlobalAveragePooling2D()(x)
        return Model(inputs=inputs, outputs=layers.Dense(num_outputs, activation="softmax")(x))
''', call="ResnetBuilder().build(input_shape=(32, 32, 3), num_outputs=10)")

case("builder_unet_default_input_size", "builder", '''
from tensorflow.keras.models import *
from tensorflow.keras.layers import *


def unet(pretrained_weights=None, input_size=(128, 128, 1), base=16):
    inputs = Input(input_size)
    skips = []
    x = inputs
    for i in range(4):
        x = Conv2D(base * 2 ** i, 3, activation="relu", padding="same", kernel_initializer="he_normal")(x)
        x = Conv2D(base * 2 ** i, 3, activation="relu", padding="same", kernel_initializer="he_normal")(x)
        if i == 3:
            x = Dropout(0.5)(x)
        skips.append(x)
        x = MaxPooling2D(pool_size=(2, 2))(x)
    x = Conv2D(base * 16, 3, activation="relu", padding="same", kernel_initializer="he_normal")(x)
    x = Conv2D(base * 16, 3, activation="relu", padding="same", kernel_initializer="he_normal")(x)
    x = Dropout(0.5)(x)
    for i in reversed(range(4)):
        up = Conv2D(base * 2 ** i, 2, activation="relu", padding="same",
                    kernel_initializer="he_normal")(UpSampling2D(size=(2, 2))(x))
        x = concatenate([skips[i], up], axis=3)
        x = Conv2D(base * 2 ** i, 3, activation="relu", padding="same", kernel_initializer="he_normal")(x)
        x = Conv2D(base * 2 ** i, 3, activation="relu", padding="same", kernel_initializer="he_normal")(x)
    x = Conv2D(2, 3, activation="relu", padding="same", kernel_initializer="he_normal")(x)
    x = Conv2D(1, 1, activation="sigmoid")(x)
    model = Model(inputs=inputs, outputs=x)
    if pretrained_weights:
        model.load_weights(pretrained_weights)
    return model
''', call="unet()")

case("builder_lambda_expression_call", "builder", '''
from tensorflow.keras import layers, models

CONFIGS = {
    "tiny": [8, 16],
    "small": [16, 32, 64],
}


def vgg_like(name, input_shape=(32, 32, 3), classes=10):
    model = models.Sequential(name="vgg_" + name)
    model.add(layers.Input(input_shape))
    for f in CONFIGS[name]:
        model.add(layers.Conv2D(f, 3, padding="same", activation="relu"))
        model.add(layers.Conv2D(f, 3, padding="same", activation="relu"))
        model.add(layers.MaxPooling2D())
    model.add(layers.Flatten())
    model.add(layers.Dense(classes, activation="softmax"))
    return model
''', call="vgg_like('small', classes=100)")

# ==================================================================================================== import styles
case("imports_tf_keras_layers_models", "imports", '''
from tensorflow.keras import layers, models

model = models.Sequential()
model.add(layers.Conv2D(6, 5, activation="relu", input_shape=(32, 32, 1)))
model.add(layers.AvgPool2D())
model.add(layers.Conv2D(16, 5, activation="relu"))
model.add(layers.AvgPool2D())
model.add(layers.Flatten())
model.add(layers.Dense(120, activation="relu"))
model.add(layers.Dense(10, activation="softmax"))
''')

case("imports_keras_layers_names", "imports", '''
from keras.models import Sequential
from keras.layers import Conv2D, MaxPool2D, GlobalAvgPool2D, Dense

model = Sequential()
model.add(Conv2D(16, kernel_size=3, activation="relu", input_shape=(24, 24, 3)))
model.add(MaxPool2D(pool_size=2))
model.add(Conv2D(32, kernel_size=3, activation="relu"))
model.add(GlobalAvgPool2D())
model.add(Dense(3, activation="softmax"))
''')

case("imports_import_keras_dotted", "imports", '''
import keras

inputs = keras.Input(shape=(28, 28, 1))
x = keras.layers.Conv2D(32, kernel_size=(3, 3), activation="relu")(inputs)
x = keras.layers.MaxPooling2D(pool_size=(2, 2))(x)
x = keras.layers.Flatten()(x)
outputs = keras.layers.Dense(10, activation="softmax")(x)
model = keras.Model(inputs=inputs, outputs=outputs)
''')

case("imports_tf_keras_fully_qualified", "imports", '''
import tensorflow as tf

model = tf.keras.Sequential([
    tf.keras.layers.Conv2D(32, 3, activation="relu", input_shape=(28, 28, 1)),
    tf.keras.layers.MaxPooling2D(),
    tf.keras.layers.Flatten(),
    tf.keras.layers.Dense(128, activation="relu"),
    tf.keras.layers.Dense(10),
])
''')

case("imports_star_imports", "imports", '''
from tensorflow.keras.layers import *
from tensorflow.keras.models import *

inp = Input(shape=(40, 40, 3))
x = Conv2D(16, (3, 3), padding="same")(inp)
x = BatchNormalization()(x)
x = Activation("relu")(x)
x = MaxPooling2D((2, 2))(x)
x = SeparableConv2D(32, (3, 3), padding="same")(x)
x = GlobalAveragePooling2D()(x)
out = Dense(2, activation="softmax")(x)
model = Model(inputs=inp, outputs=out)
''')

case("imports_from_tensorflow_import_keras", "imports", '''
from tensorflow import keras

model = keras.models.Sequential()
model.add(keras.layers.Conv2D(8, (3, 3), strides=(2, 2), input_shape=(33, 33, 3)))
model.add(keras.layers.ReLU())
model.add(keras.layers.DepthwiseConv2D((3, 3), padding="same"))
model.add(keras.layers.Conv2D(16, (1, 1)))
model.add(keras.layers.GlobalMaxPooling2D())
''')

case("imports_module_aliases", "imports", '''
import tensorflow.keras.layers as L
from tensorflow.keras import Model as KModel
from tensorflow.keras import layers as KL

inp = L.Input((20, 20, 1))
x = KL.Conv2D(4, 3)(inp)
x = L.ZeroPadding2D(((1, 0), (0, 1)))(x)
x = KL.Cropping2D(((0, 2), (1, 1)))(x)
x = L.Flatten()(x)
model = KModel(inp, KL.Dense(2)(x))
''')

case("imports_keras_input_model_class_alias", "imports", '''
from keras import Input, Model
from keras.layers import Dense as FC, Conv2D as Conv, Flatten

inp = Input((10, 10, 2))
x = Conv(4, 3)(inp)
x = Flatten()(x)
x = FC(16, activation="relu")(x)
model = Model(inp, FC(1)(x))
''')

case("imports_backend_K_and_lambda", "imports", '''
from tensorflow.keras import backend as K
from tensorflow.keras.layers import Input, Lambda, Conv2D, Dense, GlobalAveragePooling2D
from tensorflow.keras.models import Model

if K.image_data_format() == "channels_first":
    shape = (3, 32, 32)
else:
    shape = (32, 32, 3)
inp = Input(shape)
x = Conv2D(8, 3, padding="same")(inp)
x = Lambda(lambda t: K.square(t))(x)
x = GlobalAveragePooling2D()(x)
model = Model(inp, Dense(1)(x))
''')

case("imports_tensorflow_keras_as_keras", "imports", '''
import tensorflow.keras as keras

model = keras.Sequential(name="tiny")
model.add(keras.layers.Dense(32, activation="relu", input_shape=(16,)))
model.add(keras.layers.Dense(4, activation="softmax"))
''')

case("imports_experimental_preprocessing_module", "imports", '''
from tensorflow.keras.layers.experimental import preprocessing
from tensorflow.keras import layers
import tensorflow as tf

inputs = tf.keras.Input((50, 50, 3))
x = preprocessing.Rescaling(1.0 / 255)(inputs)
x = preprocessing.Resizing(32, 32)(x)
x = layers.Conv2D(8, 3)(x)
model = tf.keras.Model(inputs, x)
''')

case("imports_keras3_layers_and_models_modules", "imports", '''
import keras
from keras import layers, models

model = models.Sequential([
    keras.Input(shape=(32, 32, 3)),
    layers.Conv2D(16, 3, padding="same"),
    layers.BatchNormalization(),
    layers.Activation("relu"),
    layers.MaxPooling2D(),
    layers.Conv2D(32, 3, padding="same"),
    layers.GlobalAveragePooling2D(),
    layers.Dense(10, activation="softmax"),
])
''')

# ==================================================================================================== tutorial style
case("tut_kerasio_mnist_convnet", "tutorial", '''
import numpy as np
import keras
from keras import layers

# Model / data parameters
num_classes = 10
input_shape = (28, 28, 1)

# Load the data and split it between train and test sets
(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
x_train = x_train.astype("float32") / 255
x_test = x_test.astype("float32") / 255
x_train = np.expand_dims(x_train, -1)
x_test = np.expand_dims(x_test, -1)
y_train = keras.utils.to_categorical(y_train, num_classes)
y_test = keras.utils.to_categorical(y_test, num_classes)

model = keras.Sequential(
    [
        keras.Input(shape=input_shape),
        layers.Conv2D(32, kernel_size=(3, 3), activation="relu"),
        layers.MaxPooling2D(pool_size=(2, 2)),
        layers.Conv2D(64, kernel_size=(3, 3), activation="relu"),
        layers.MaxPooling2D(pool_size=(2, 2)),
        layers.Flatten(),
        layers.Dropout(0.5),
        layers.Dense(num_classes, activation="softmax"),
    ]
)
model.summary()
batch_size = 128
epochs = 15
model.compile(loss="categorical_crossentropy", optimizer="adam", metrics=["accuracy"])
''')

case("tut_kerasio_mnist_shape_from_dataset", "tutorial", '''
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

(x_train, y_train), _ = keras.datasets.mnist.load_data()
x_train = np.expand_dims(x_train.astype("float32") / 255, -1)

model = keras.Sequential([
    keras.Input(shape=x_train.shape[1:]),
    layers.Conv2D(16, 3, activation="relu"),
    layers.MaxPooling2D(),
    layers.Flatten(),
    layers.Dense(int(y_train.max()) + 1, activation="softmax"),
])
''', static=False, static_reason="the input shape and the class count come from the arrays keras.datasets.mnist.load_data() returns at run time")

case("tut_tf_cnn_cifar10", "tutorial", '''
import tensorflow as tf
from tensorflow.keras import datasets, layers, models

(train_images, train_labels), (test_images, test_labels) = datasets.cifar10.load_data()
# Normalize pixel values to be between 0 and 1
train_images, test_images = train_images / 255.0, test_images / 255.0

class_names = ["airplane", "automobile", "bird", "cat", "deer",
               "dog", "frog", "horse", "ship", "truck"]

model = models.Sequential()
model.add(layers.Conv2D(32, (3, 3), activation="relu", input_shape=(32, 32, 3)))
model.add(layers.MaxPooling2D((2, 2)))
model.add(layers.Conv2D(64, (3, 3), activation="relu"))
model.add(layers.MaxPooling2D((2, 2)))
model.add(layers.Conv2D(64, (3, 3), activation="relu"))

model.add(layers.Flatten())
model.add(layers.Dense(64, activation="relu"))
model.add(layers.Dense(10))

model.compile(optimizer="adam",
              loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True),
              metrics=["accuracy"])
''')

case("tut_tf_flowers_classification", "tutorial", '''
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers
from tensorflow.keras.models import Sequential

batch_size = 32
img_height = 180
img_width = 180
num_classes = 5

model = Sequential([
    layers.Rescaling(1. / 255, input_shape=(img_height, img_width, 3)),
    layers.Conv2D(16, 3, padding="same", activation="relu"),
    layers.MaxPooling2D(),
    layers.Conv2D(32, 3, padding="same", activation="relu"),
    layers.MaxPooling2D(),
    layers.Conv2D(64, 3, padding="same", activation="relu"),
    layers.MaxPooling2D(),
    layers.Flatten(),
    layers.Dense(128, activation="relu"),
    layers.Dense(num_classes)
])
model.compile(optimizer="adam",
              loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True),
              metrics=["accuracy"])
''')

case("tut_tf_flowers_augmentation_dropout", "tutorial", '''
import tensorflow as tf
from tensorflow.keras import layers
from tensorflow.keras.models import Sequential

img_height = 180
img_width = 180
num_classes = 5

data_augmentation = Sequential(
    [
        layers.RandomFlip("horizontal", input_shape=(img_height, img_width, 3)),
        layers.RandomRotation(0.1),
        layers.RandomZoom(0.1),
    ]
)

model = Sequential([
    data_augmentation,
    layers.Rescaling(1. / 255),
    layers.Conv2D(16, 3, padding="same", activation="relu"),
    layers.MaxPooling2D(),
    layers.Conv2D(32, 3, padding="same", activation="relu"),
    layers.MaxPooling2D(),
    layers.Conv2D(64, 3, padding="same", activation="relu"),
    layers.MaxPooling2D(),
    layers.Dropout(0.2),
    layers.Flatten(),
    layers.Dense(128, activation="relu"),
    layers.Dense(num_classes, name="outputs")
])
''')

case("tut_tf_flowers_class_names_from_dataset", "tutorial", '''
import pathlib
import tensorflow as tf
from tensorflow.keras import layers
from tensorflow.keras.models import Sequential

dataset_url = "https://storage.googleapis.com/download.tensorflow.org/example_images/flower_photos.tgz"
data_dir = tf.keras.utils.get_file("flower_photos", origin=dataset_url, untar=True)
data_dir = pathlib.Path(data_dir)

img_height, img_width = 120, 120
train_ds = tf.keras.utils.image_dataset_from_directory(
    data_dir, validation_split=0.2, subset="training", seed=123,
    image_size=(img_height, img_width), batch_size=32)
class_names = train_ds.class_names
num_classes = len(class_names)

AUTOTUNE = tf.data.AUTOTUNE
train_ds = train_ds.cache().shuffle(1000).prefetch(buffer_size=AUTOTUNE)

model = Sequential([
    layers.Rescaling(1. / 255, input_shape=(img_height, img_width, 3)),
    layers.Conv2D(16, 3, padding="same", activation="relu"),
    layers.MaxPooling2D(),
    layers.Conv2D(32, 3, padding="same", activation="relu"),
    layers.MaxPooling2D(),
    layers.Flatten(),
    layers.Dense(64, activation="relu"),
    layers.Dense(num_classes)
])
''', static=False, static_reason="num_classes is the number of class folders image_dataset_from_directory finds at run time",
     harness={"files": {"flower_photos/daisy/0.jpg": "", "flower_photos/dandelion/0.jpg": "",
                        "flower_photos/roses/0.jpg": "", "flower_photos/sunflowers/0.jpg": "",
                        "flower_photos/tulips/0.jpg": ""}})

case("tut_kerasio_xception_mini", "tutorial", '''
import keras
from keras import layers

image_size = (180, 180)


def make_model(input_shape, num_classes):
    inputs = keras.Input(shape=input_shape)

    # Entry block
    x = layers.Rescaling(1.0 / 255)(inputs)
    x = layers.Conv2D(64, 3, strides=2, padding="same")(x)
    x = layers.BatchNormalization()(x)
    x = layers.Activation("relu")(x)

    previous_block_activation = x  # Set aside residual

    for size in [256, 512, 728]:
        x = layers.Activation("relu")(x)
        x = layers.SeparableConv2D(size, 3, padding="same")(x)
        x = layers.BatchNormalization()(x)

        x = layers.Activation("relu")(x)
        x = layers.SeparableConv2D(size, 3, padding="same")(x)
        x = layers.BatchNormalization()(x)

        x = layers.MaxPooling2D(3, strides=2, padding="same")(x)

        # Project residual
        residual = layers.Conv2D(size, 1, strides=2, padding="same")(previous_block_activation)
        x = layers.add([x, residual])  # Add back residual
        previous_block_activation = x  # Set aside next residual

    x = layers.SeparableConv2D(512, 3, padding="same")(x)
    x = layers.BatchNormalization()(x)
    x = layers.Activation("relu")(x)

    x = layers.GlobalAveragePooling2D()(x)
    if num_classes == 2:
        units = 1
    else:
        units = num_classes

    x = layers.Dropout(0.25)(x)
    # We specify activation=None so as to return logits
    outputs = layers.Dense(units, activation=None)(x)
    return keras.Model(inputs, outputs)
''', call="make_model(input_shape=image_size + (3,), num_classes=2)")

case("tut_kerasio_oxford_pets_unet", "tutorial", '''
from tensorflow import keras
from tensorflow.keras import layers

img_size = (128, 128)
num_classes = 3


def get_model(img_size, num_classes):
    inputs = keras.Input(shape=img_size + (3,))

    ### [First half of the network: downsampling inputs] ###
    x = layers.Conv2D(32, 3, strides=2, padding="same")(inputs)
    x = layers.BatchNormalization()(x)
    x = layers.Activation("relu")(x)

    previous_block_activation = x  # Set aside residual

    # Blocks 1, 2, 3 are identical apart from the feature depth.
    for filters in [64, 128, 256]:
        x = layers.Activation("relu")(x)
        x = layers.SeparableConv2D(filters, 3, padding="same")(x)
        x = layers.BatchNormalization()(x)

        x = layers.Activation("relu")(x)
        x = layers.SeparableConv2D(filters, 3, padding="same")(x)
        x = layers.BatchNormalization()(x)

        x = layers.MaxPooling2D(3, strides=2, padding="same")(x)

        residual = layers.Conv2D(filters, 1, strides=2, padding="same")(previous_block_activation)
        x = layers.add([x, residual])
        previous_block_activation = x

    ### [Second half of the network: upsampling inputs] ###
    for filters in [256, 128, 64, 32]:
        x = layers.Activation("relu")(x)
        x = layers.Conv2DTranspose(filters, 3, padding="same")(x)
        x = layers.BatchNormalization()(x)

        x = layers.Activation("relu")(x)
        x = layers.Conv2DTranspose(filters, 3, padding="same")(x)
        x = layers.BatchNormalization()(x)

        x = layers.UpSampling2D(2)(x)

        residual = layers.UpSampling2D(2)(previous_block_activation)
        residual = layers.Conv2D(filters, 1, padding="same")(residual)
        x = layers.add([x, residual])
        previous_block_activation = x

    # Add a per-pixel classification layer
    outputs = layers.Conv2D(num_classes, 3, activation="softmax", padding="same")(x)
    return keras.Model(inputs, outputs)


keras.backend.clear_session()
''', call="get_model(img_size, num_classes)")

case("tut_kaggle_unet_conv2d_block", "tutorial", '''
from tensorflow.keras.models import Model
from tensorflow.keras.layers import Input, BatchNormalization, Activation, Dropout
from tensorflow.keras.layers import Conv2D, Conv2DTranspose, MaxPooling2D, concatenate


def conv2d_block(input_tensor, n_filters, kernel_size=3, batchnorm=True):
    # first layer
    x = Conv2D(filters=n_filters, kernel_size=(kernel_size, kernel_size), kernel_initializer="he_normal",
               padding="same")(input_tensor)
    if batchnorm:
        x = BatchNormalization()(x)
    x = Activation("relu")(x)
    # second layer
    x = Conv2D(filters=n_filters, kernel_size=(kernel_size, kernel_size), kernel_initializer="he_normal",
               padding="same")(x)
    if batchnorm:
        x = BatchNormalization()(x)
    x = Activation("relu")(x)
    return x


def get_unet(input_img, n_filters=16, dropout=0.5, batchnorm=True):
    # contracting path
    c1 = conv2d_block(input_img, n_filters=n_filters * 1, kernel_size=3, batchnorm=batchnorm)
    p1 = MaxPooling2D((2, 2))(c1)
    p1 = Dropout(dropout * 0.5)(p1)

    c2 = conv2d_block(p1, n_filters=n_filters * 2, kernel_size=3, batchnorm=batchnorm)
    p2 = MaxPooling2D((2, 2))(c2)
    p2 = Dropout(dropout)(p2)

    c3 = conv2d_block(p2, n_filters=n_filters * 4, kernel_size=3, batchnorm=batchnorm)
    p3 = MaxPooling2D((2, 2))(c3)
    p3 = Dropout(dropout)(p3)

    c4 = conv2d_block(p3, n_filters=n_filters * 8, kernel_size=3, batchnorm=batchnorm)

    # expansive path
    u5 = Conv2DTranspose(n_filters * 4, (3, 3), strides=(2, 2), padding="same")(c4)
    u5 = concatenate([u5, c3])
    u5 = Dropout(dropout)(u5)
    c5 = conv2d_block(u5, n_filters=n_filters * 4, kernel_size=3, batchnorm=batchnorm)

    u6 = Conv2DTranspose(n_filters * 2, (3, 3), strides=(2, 2), padding="same")(c5)
    u6 = concatenate([u6, c2])
    u6 = Dropout(dropout)(u6)
    c6 = conv2d_block(u6, n_filters=n_filters * 2, kernel_size=3, batchnorm=batchnorm)

    u7 = Conv2DTranspose(n_filters * 1, (3, 3), strides=(2, 2), padding="same")(c6)
    u7 = concatenate([u7, c1], axis=3)
    u7 = Dropout(dropout)(u7)
    c7 = conv2d_block(u7, n_filters=n_filters * 1, kernel_size=3, batchnorm=batchnorm)

    outputs = Conv2D(1, (1, 1), activation="sigmoid")(c7)
    model = Model(inputs=[input_img], outputs=[outputs])
    return model


im_height, im_width = 96, 96
input_img = Input((im_height, im_width, 1), name="img")
''', call="get_unet(input_img, n_filters=8, dropout=0.05, batchnorm=True)")

case("tut_resnet_identity_and_conv_blocks", "tutorial", '''
from tensorflow.keras.layers import Input, Add, Dense, Activation, ZeroPadding2D, BatchNormalization, Flatten, \\
    Conv2D, AveragePooling2D, MaxPooling2D
from tensorflow.keras.models import Model


def identity_block(X, f, filters, stage, block):
    conv_name_base = "res" + str(stage) + block + "_branch"
    bn_name_base = "bn" + str(stage) + block + "_branch"
    F1, F2, F3 = filters
    X_shortcut = X

    X = Conv2D(filters=F1, kernel_size=(1, 1), strides=(1, 1), padding="valid", name=conv_name_base + "2a")(X)
    X = BatchNormalization(axis=3, name=bn_name_base + "2a")(X)
    X = Activation("relu")(X)

    X = Conv2D(filters=F2, kernel_size=(f, f), strides=(1, 1), padding="same", name=conv_name_base + "2b")(X)
    X = BatchNormalization(axis=3, name=bn_name_base + "2b")(X)
    X = Activation("relu")(X)

    X = Conv2D(filters=F3, kernel_size=(1, 1), strides=(1, 1), padding="valid", name=conv_name_base + "2c")(X)
    X = BatchNormalization(axis=3, name=bn_name_base + "2c")(X)

    X = Add()([X, X_shortcut])
    X = Activation("relu")(X)
    return X


def convolutional_block(X, f, filters, stage, block, s=2):
    conv_name_base = "res" + str(stage) + block + "_branch"
    bn_name_base = "bn" + str(stage) + block + "_branch"
    F1, F2, F3 = filters
    X_shortcut = X

    X = Conv2D(F1, (1, 1), strides=(s, s), name=conv_name_base + "2a")(X)
    X = BatchNormalization(axis=3, name=bn_name_base + "2a")(X)
    X = Activation("relu")(X)

    X = Conv2D(F2, (f, f), strides=(1, 1), padding="same", name=conv_name_base + "2b")(X)
    X = BatchNormalization(axis=3, name=bn_name_base + "2b")(X)
    X = Activation("relu")(X)

    X = Conv2D(F3, (1, 1), strides=(1, 1), padding="valid", name=conv_name_base + "2c")(X)
    X = BatchNormalization(axis=3, name=bn_name_base + "2c")(X)

    X_shortcut = Conv2D(F3, (1, 1), strides=(s, s), padding="valid", name=conv_name_base + "1")(X_shortcut)
    X_shortcut = BatchNormalization(axis=3, name=bn_name_base + "1")(X_shortcut)

    X = Add()([X, X_shortcut])
    X = Activation("relu")(X)
    return X


def ResNetSmall(input_shape=(64, 64, 3), classes=6):
    X_input = Input(input_shape)
    X = ZeroPadding2D((3, 3))(X_input)

    # Stage 1
    X = Conv2D(64, (7, 7), strides=(2, 2), name="conv1")(X)
    X = BatchNormalization(axis=3, name="bn_conv1")(X)
    X = Activation("relu")(X)
    X = MaxPooling2D((3, 3), strides=(2, 2))(X)

    # Stage 2
    X = convolutional_block(X, f=3, filters=[64, 64, 256], stage=2, block="a", s=1)
    X = identity_block(X, 3, [64, 64, 256], stage=2, block="b")
    X = identity_block(X, 3, [64, 64, 256], stage=2, block="c")

    # Stage 3
    X = convolutional_block(X, f=3, filters=[128, 128, 512], stage=3, block="a", s=2)
    for block in ["b", "c", "d"]:
        X = identity_block(X, 3, [128, 128, 512], stage=3, block=block)

    X = AveragePooling2D((2, 2), name="avg_pool")(X)
    X = Flatten()(X)
    X = Dense(classes, activation="softmax", name="fc" + str(classes))(X)
    return Model(inputs=X_input, outputs=X, name="ResNetSmall")
''', call="ResNetSmall(input_shape=(64, 64, 3), classes=6)")

case("tut_kerasio_dcgan_generator", "tutorial", '''
import keras
from keras import layers

latent_dim = 128

generator = keras.Sequential(
    [
        keras.Input(shape=(latent_dim,)),
        layers.Dense(8 * 8 * 64),
        layers.Reshape((8, 8, 64)),
        layers.Conv2DTranspose(64, kernel_size=4, strides=2, padding="same"),
        layers.LeakyReLU(negative_slope=0.2),
        layers.Conv2DTranspose(128, kernel_size=4, strides=2, padding="same"),
        layers.LeakyReLU(negative_slope=0.2),
        layers.Conv2DTranspose(128, kernel_size=4, strides=2, padding="same"),
        layers.LeakyReLU(negative_slope=0.2),
        layers.Conv2D(3, kernel_size=5, padding="same", activation="sigmoid"),
    ],
    name="generator",
)
''')

case("tut_kerasio_dcgan_discriminator", "tutorial", '''
import keras
from keras import layers

discriminator = keras.Sequential(
    [
        keras.Input(shape=(64, 64, 3)),
        layers.Conv2D(64, kernel_size=4, strides=2, padding="same"),
        layers.LeakyReLU(negative_slope=0.2),
        layers.Conv2D(128, kernel_size=4, strides=2, padding="same"),
        layers.LeakyReLU(negative_slope=0.2),
        layers.Conv2D(128, kernel_size=4, strides=2, padding="same"),
        layers.LeakyReLU(negative_slope=0.2),
        layers.Flatten(),
        layers.Dropout(0.2),
        layers.Dense(1, activation="sigmoid"),
    ],
    name="discriminator",
)
''')

case("tut_tf_dcgan_make_generator_model", "tutorial", '''
import tensorflow as tf
from tensorflow.keras import layers


def make_generator_model():
    model = tf.keras.Sequential()
    model.add(layers.Dense(7 * 7 * 256, use_bias=False, input_shape=(100,)))
    model.add(layers.BatchNormalization())
    model.add(layers.LeakyReLU())

    model.add(layers.Reshape((7, 7, 256)))
    assert model.output_shape == (None, 7, 7, 256)  # Note: None is the batch size

    model.add(layers.Conv2DTranspose(128, (5, 5), strides=(1, 1), padding="same", use_bias=False))
    assert model.output_shape == (None, 7, 7, 128)
    model.add(layers.BatchNormalization())
    model.add(layers.LeakyReLU())

    model.add(layers.Conv2DTranspose(64, (5, 5), strides=(2, 2), padding="same", use_bias=False))
    assert model.output_shape == (None, 14, 14, 64)
    model.add(layers.BatchNormalization())
    model.add(layers.LeakyReLU())

    model.add(layers.Conv2DTranspose(1, (5, 5), strides=(2, 2), padding="same", use_bias=False, activation="tanh"))
    assert model.output_shape == (None, 28, 28, 1)

    return model
''', call="make_generator_model()")

case("tut_tf_dcgan_make_discriminator_model", "tutorial", '''
import tensorflow as tf
from tensorflow.keras import layers


def make_discriminator_model():
    model = tf.keras.Sequential()
    model.add(layers.Conv2D(64, (5, 5), strides=(2, 2), padding="same", input_shape=[28, 28, 1]))
    model.add(layers.LeakyReLU())
    model.add(layers.Dropout(0.3))

    model.add(layers.Conv2D(128, (5, 5), strides=(2, 2), padding="same"))
    model.add(layers.LeakyReLU())
    model.add(layers.Dropout(0.3))

    model.add(layers.Flatten())
    model.add(layers.Dense(1))

    return model
''', call="make_discriminator_model()")

case("tut_kerasio_vae_encoder_sampling_layer", "tutorial", '''
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers


class Sampling(layers.Layer):
    """Uses (z_mean, z_log_var) to sample z, the vector encoding a digit."""

    def call(self, inputs):
        z_mean, z_log_var = inputs
        batch = tf.shape(z_mean)[0]
        dim = tf.shape(z_mean)[1]
        epsilon = tf.random.normal(shape=(batch, dim))
        return z_mean + tf.exp(0.5 * z_log_var) * epsilon


latent_dim = 2

encoder_inputs = keras.Input(shape=(28, 28, 1))
x = layers.Conv2D(32, 3, activation="relu", strides=2, padding="same")(encoder_inputs)
x = layers.Conv2D(64, 3, activation="relu", strides=2, padding="same")(x)
x = layers.Flatten()(x)
x = layers.Dense(16, activation="relu")(x)
z_mean = layers.Dense(latent_dim, name="z_mean")(x)
z_log_var = layers.Dense(latent_dim, name="z_log_var")(x)
z = Sampling()([z_mean, z_log_var])
encoder = keras.Model(encoder_inputs, [z_mean, z_log_var, z], name="encoder")
''', static=False, static_reason="the Sampling layer draws tf.random.normal with the run-time batch size tf.shape(z_mean)[0]")

case("tut_kerasio_vae_decoder", "tutorial", '''
from tensorflow import keras
from tensorflow.keras import layers

latent_dim = 2
latent_inputs = keras.Input(shape=(latent_dim,))
x = layers.Dense(7 * 7 * 64, activation="relu")(latent_inputs)
x = layers.Reshape((7, 7, 64))(x)
x = layers.Conv2DTranspose(64, 3, activation="relu", strides=2, padding="same")(x)
x = layers.Conv2DTranspose(32, 3, activation="relu", strides=2, padding="same")(x)
decoder_outputs = layers.Conv2DTranspose(1, 3, activation="sigmoid", padding="same")(x)
decoder = keras.Model(latent_inputs, decoder_outputs, name="decoder")
''')

case("tut_pyimagesearch_conv_autoencoder", "tutorial", '''
from tensorflow.keras.layers import BatchNormalization, Conv2D, Conv2DTranspose, LeakyReLU, Activation
from tensorflow.keras.layers import Flatten, Dense, Reshape, Input
from tensorflow.keras.models import Model
from tensorflow.keras import backend as K
import numpy as np


class ConvAutoencoder:
    @staticmethod
    def build(width, height, depth, filters=(32, 64), latentDim=16):
        # initialize the input shape to be "channels last" along with the channels dimension itself
        inputShape = (height, width, depth)
        chanDim = -1

        # define the input to the encoder
        inputs = Input(shape=inputShape)
        x = inputs

        # loop over the number of filters
        for f in filters:
            # apply a CONV => RELU => BN operation
            x = Conv2D(f, (3, 3), strides=2, padding="same")(x)
            x = LeakyReLU(alpha=0.2)(x)
            x = BatchNormalization(axis=chanDim)(x)

        # flatten the network and then construct our latent vector
        volumeSize = K.int_shape(x)
        x = Flatten()(x)
        latent = Dense(latentDim)(x)

        # build the encoder model
        encoder = Model(inputs, latent, name="encoder")

        # start building the decoder model which will accept the output of the encoder as its inputs
        latentInputs = Input(shape=(latentDim,))
        x = Dense(np.prod(volumeSize[1:]))(latentInputs)
        x = Reshape((volumeSize[1], volumeSize[2], volumeSize[3]))(x)

        # loop over our number of filters again, but this time in reverse order
        for f in filters[::-1]:
            x = Conv2DTranspose(f, (3, 3), strides=2, padding="same")(x)
            x = LeakyReLU(alpha=0.2)(x)
            x = BatchNormalization(axis=chanDim)(x)

        # apply a single CONV_TRANSPOSE layer used to recover the original depth of the image
        x = Conv2DTranspose(depth, (3, 3), padding="same")(x)
        outputs = Activation("sigmoid")(x)

        # build the decoder model
        decoder = Model(latentInputs, outputs, name="decoder")

        # our autoencoder is the encoder + decoder
        autoencoder = Model(inputs, decoder(encoder(inputs)), name="autoencoder")

        # return a 3-tuple of the encoder, decoder, and autoencoder
        return (encoder, decoder, autoencoder)
''', call="ConvAutoencoder.build(28, 28, 1)[2]")

case("tut_kerasio_cyclegan_resnet_generator", "tutorial", '''
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

kernel_init = keras.initializers.RandomNormal(mean=0.0, stddev=0.02)
gamma_init = keras.initializers.RandomNormal(mean=0.0, stddev=0.02)


class ReflectionPadding2D(layers.Layer):
    def __init__(self, padding=(1, 1), **kwargs):
        self.padding = tuple(padding)
        super().__init__(**kwargs)

    def call(self, input_tensor, mask=None):
        padding_width, padding_height = self.padding
        padding_tensor = [[0, 0], [padding_height, padding_height], [padding_width, padding_width], [0, 0]]
        return tf.pad(input_tensor, padding_tensor, mode="REFLECT")


class InstanceNorm(layers.Layer):
    def build(self, input_shape):
        self.gamma = self.add_weight(name="gamma", shape=(input_shape[-1],), initializer="ones")
        self.beta = self.add_weight(name="beta", shape=(input_shape[-1],), initializer="zeros")

    def call(self, x):
        mean = tf.reduce_mean(x, axis=[1, 2], keepdims=True)
        var = tf.reduce_mean(tf.square(x - mean), axis=[1, 2], keepdims=True)
        return self.gamma * (x - mean) / tf.sqrt(var + 1e-3) + self.beta


def residual_block(x, activation, kernel_initializer=kernel_init, kernel_size=(3, 3), strides=(1, 1),
                   padding="valid", use_bias=False):
    dim = x.shape[-1]
    input_tensor = x

    x = ReflectionPadding2D()(input_tensor)
    x = layers.Conv2D(dim, kernel_size, strides=strides, kernel_initializer=kernel_initializer,
                      padding=padding, use_bias=use_bias)(x)
    x = InstanceNorm()(x)
    x = activation(x)

    x = ReflectionPadding2D()(x)
    x = layers.Conv2D(dim, kernel_size, strides=strides, kernel_initializer=kernel_initializer,
                      padding=padding, use_bias=use_bias)(x)
    x = InstanceNorm()(x)
    x = layers.add([input_tensor, x])
    return x


def downsample(x, filters, activation, kernel_initializer=kernel_init, kernel_size=(3, 3), strides=(2, 2),
               padding="same", use_bias=False):
    x = layers.Conv2D(filters, kernel_size, strides=strides, kernel_initializer=kernel_initializer,
                      padding=padding, use_bias=use_bias)(x)
    x = InstanceNorm()(x)
    if activation:
        x = activation(x)
    return x


def upsample(x, filters, activation, kernel_size=(3, 3), strides=(2, 2), padding="same",
             kernel_initializer=kernel_init, use_bias=False):
    x = layers.Conv2DTranspose(filters, kernel_size, strides=strides, padding=padding,
                               kernel_initializer=kernel_initializer, use_bias=use_bias)(x)
    x = InstanceNorm()(x)
    if activation:
        x = activation(x)
    return x


def get_resnet_generator(filters=32, num_downsampling_blocks=2, num_residual_blocks=6,
                         num_upsample_blocks=2, gamma_initializer=gamma_init, name=None):
    img_input = layers.Input(shape=(64, 64, 3), name=name + "_img_input")
    x = ReflectionPadding2D(padding=(3, 3))(img_input)
    x = layers.Conv2D(filters, (7, 7), kernel_initializer=kernel_init, use_bias=False)(x)
    x = InstanceNorm()(x)
    x = layers.Activation("relu")(x)

    # Downsampling
    for _ in range(num_downsampling_blocks):
        filters *= 2
        x = downsample(x, filters=filters, activation=layers.Activation("relu"))

    # Residual blocks
    for _ in range(num_residual_blocks):
        x = residual_block(x, activation=layers.Activation("relu"))

    # Upsampling
    for _ in range(num_upsample_blocks):
        filters //= 2
        x = upsample(x, filters, activation=layers.Activation("relu"))

    # Final block
    x = ReflectionPadding2D(padding=(3, 3))(x)
    x = layers.Conv2D(3, (7, 7), padding="valid")(x)
    x = layers.Activation("tanh")(x)

    model = keras.models.Model(img_input, x, name=name)
    return model
''', call="get_resnet_generator(name='generator_G')")

case("tut_kerasio_cyclegan_discriminator", "tutorial", '''
from tensorflow import keras
from tensorflow.keras import layers

kernel_init = keras.initializers.RandomNormal(mean=0.0, stddev=0.02)


def get_discriminator(filters=32, kernel_initializer=kernel_init, num_downsampling=3, name=None):
    img_input = layers.Input(shape=(64, 64, 3), name=name + "_img_input")
    x = layers.Conv2D(filters, (4, 4), strides=(2, 2), padding="same", kernel_initializer=kernel_initializer)(img_input)
    x = layers.LeakyReLU(0.2)(x)

    num_filters = filters
    for num_downsample_block in range(3):
        num_filters *= 2
        if num_downsample_block < 2:
            x = layers.Conv2D(num_filters, (4, 4), strides=(2, 2), padding="same", use_bias=False)(x)
        else:
            x = layers.Conv2D(num_filters, (4, 4), strides=(1, 1), padding="same", use_bias=False)(x)
        x = layers.BatchNormalization()(x)
        x = layers.LeakyReLU(0.2)(x)

    x = layers.Conv2D(1, (4, 4), strides=(1, 1), padding="same", kernel_initializer=kernel_initializer)(x)
    model = keras.models.Model(inputs=img_input, outputs=x, name=name)
    return model
''', call="get_discriminator(name='discriminator_X')")

case("tut_kerasio_espcn_super_resolution", "tutorial", '''
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

upscale_factor = 3
input_size = 100


def get_model(upscale_factor=3, channels=1):
    conv_args = {
        "activation": "relu",
        "kernel_initializer": "Orthogonal",
        "padding": "same",
    }
    inputs = keras.Input(shape=(input_size, input_size, channels))
    x = layers.Conv2D(64, 5, **conv_args)(inputs)
    x = layers.Conv2D(64, 3, **conv_args)(x)
    x = layers.Conv2D(32, 3, **conv_args)(x)
    x = layers.Conv2D(channels * (upscale_factor ** 2), 3, **conv_args)(x)
    outputs = layers.Lambda(lambda t: tf.nn.depth_to_space(t, upscale_factor))(x)
    return keras.Model(inputs, outputs)
''', call="get_model(upscale_factor=upscale_factor, channels=1)")

case("tut_kerasio_siamese_euclidean", "tutorial", '''
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers


def euclidean_distance(vects):
    x, y = vects
    sum_square = tf.math.reduce_sum(tf.math.square(x - y), axis=1, keepdims=True)
    return tf.math.sqrt(tf.math.maximum(sum_square, keras.backend.epsilon()))


input = layers.Input((28, 28, 1))
x = layers.BatchNormalization()(input)
x = layers.Conv2D(4, (5, 5), activation="tanh")(x)
x = layers.AveragePooling2D(pool_size=(2, 2))(x)
x = layers.Conv2D(16, (5, 5), activation="tanh")(x)
x = layers.AveragePooling2D(pool_size=(2, 2))(x)
x = layers.Flatten()(x)

x = layers.BatchNormalization()(x)
x = layers.Dense(10, activation="tanh")(x)
embedding_network = keras.Model(input, x)

input_1 = layers.Input((28, 28, 1))
input_2 = layers.Input((28, 28, 1))

tower_1 = embedding_network(input_1)
tower_2 = embedding_network(input_2)

merge_layer = layers.Lambda(euclidean_distance, output_shape=(1,))([tower_1, tower_2])
normal_layer = layers.BatchNormalization()(merge_layer)
output_layer = layers.Dense(1, activation="sigmoid")(normal_layer)
siamese = keras.Model(inputs=[input_1, input_2], outputs=output_layer)
''')

case("tut_tf_transfer_learning_mobilenet", "tutorial", '''
import tensorflow as tf

IMG_SIZE = (160, 160)
IMG_SHAPE = IMG_SIZE + (3,)

data_augmentation = tf.keras.Sequential([
    tf.keras.layers.RandomFlip("horizontal"),
    tf.keras.layers.RandomRotation(0.2),
])
rescale = tf.keras.layers.Rescaling(1. / 127.5, offset=-1)

# Create the base model from the pre-trained model MobileNet V2
base_model = tf.keras.applications.MobileNetV2(input_shape=IMG_SHAPE, include_top=False, weights="imagenet")
base_model.trainable = False

global_average_layer = tf.keras.layers.GlobalAveragePooling2D()
prediction_layer = tf.keras.layers.Dense(1)

inputs = tf.keras.Input(shape=(160, 160, 3))
x = data_augmentation(inputs)
x = rescale(x)
x = base_model(x, training=False)
x = global_average_layer(x)
x = tf.keras.layers.Dropout(0.2)(x)
outputs = prediction_layer(x)
model = tf.keras.Model(inputs, outputs)

base_learning_rate = 0.0001
model.compile(optimizer=tf.keras.optimizers.Adam(learning_rate=base_learning_rate),
              loss=tf.keras.losses.BinaryCrossentropy(from_logits=True),
              metrics=[tf.keras.metrics.BinaryAccuracy(threshold=0, name="accuracy")])
''')

case("tut_keras_blog_small_convnet", "tutorial", '''
from keras.models import Sequential
from keras.layers import Conv2D, MaxPooling2D
from keras.layers import Activation, Dropout, Flatten, Dense

# dimensions of our images.
img_width, img_height = 150, 150
input_shape = (img_width, img_height, 3)

model = Sequential()
model.add(Conv2D(32, (3, 3), input_shape=input_shape))
model.add(Activation("relu"))
model.add(MaxPooling2D(pool_size=(2, 2)))

model.add(Conv2D(32, (3, 3)))
model.add(Activation("relu"))
model.add(MaxPooling2D(pool_size=(2, 2)))

model.add(Conv2D(64, (3, 3)))
model.add(Activation("relu"))
model.add(MaxPooling2D(pool_size=(2, 2)))

model.add(Flatten())
model.add(Dense(64))
model.add(Activation("relu"))
model.add(Dropout(0.5))
model.add(Dense(1))
model.add(Activation("sigmoid"))

model.compile(loss="binary_crossentropy", optimizer="rmsprop", metrics=["accuracy"])
''')

case("tut_tf_basic_fashion_mnist", "tutorial", '''
import tensorflow as tf
import numpy as np

fashion_mnist = tf.keras.datasets.fashion_mnist
(train_images, train_labels), (test_images, test_labels) = fashion_mnist.load_data()
class_names = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
               "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]
train_images = train_images / 255.0

model = tf.keras.Sequential([
    tf.keras.layers.Flatten(input_shape=(28, 28)),
    tf.keras.layers.Dense(128, activation="relu"),
    tf.keras.layers.Dense(10)
])
probability_model = tf.keras.Sequential([model, tf.keras.layers.Softmax()])
''')

case("tut_tf_segmentation_mobilenet_unet", "tutorial", '''
import tensorflow as tf

OUTPUT_CLASSES = 3

base_model = tf.keras.applications.MobileNetV2(input_shape=[128, 128, 3], include_top=False)

# Use the activations of these layers
layer_names = [
    "block_1_expand_relu",   # 64x64
    "block_3_expand_relu",   # 32x32
    "block_6_expand_relu",   # 16x16
    "block_13_expand_relu",  # 8x8
    "block_16_project",      # 4x4
]
base_model_outputs = [base_model.get_layer(name).output for name in layer_names]

# Create the feature extraction model
down_stack = tf.keras.Model(inputs=base_model.input, outputs=base_model_outputs)
down_stack.trainable = False


def upsample(filters, size, apply_dropout=False):
    initializer = tf.random_normal_initializer(0., 0.02)
    result = tf.keras.Sequential()
    result.add(tf.keras.layers.Conv2DTranspose(filters, size, strides=2, padding="same",
                                               kernel_initializer=initializer, use_bias=False))
    result.add(tf.keras.layers.BatchNormalization())
    if apply_dropout:
        result.add(tf.keras.layers.Dropout(0.5))
    result.add(tf.keras.layers.ReLU())
    return result


up_stack = [
    upsample(512, 3),  # 4x4 -> 8x8
    upsample(256, 3),  # 8x8 -> 16x16
    upsample(128, 3),  # 16x16 -> 32x32
    upsample(64, 3),   # 32x32 -> 64x64
]


def unet_model(output_channels):
    inputs = tf.keras.layers.Input(shape=[128, 128, 3])

    # Downsampling through the model
    skips = down_stack(inputs)
    x = skips[-1]
    skips = reversed(skips[:-1])

    # Upsampling and establishing the skip connections
    for up, skip in zip(up_stack, skips):
        x = up(x)
        concat = tf.keras.layers.Concatenate()
        x = concat([x, skip])

    # This is the last layer of the model
    last = tf.keras.layers.Conv2DTranspose(filters=output_channels, kernel_size=3, strides=2, padding="same")  # 64x64 -> 128x128
    x = last(x)
    return tf.keras.Model(inputs=inputs, outputs=x)
''', call="unet_model(output_channels=OUTPUT_CLASSES)")

case("tut_tf_pix2pix_generator", "tutorial", '''
import tensorflow as tf

OUTPUT_CHANNELS = 3


def downsample(filters, size, apply_batchnorm=True):
    initializer = tf.random_normal_initializer(0., 0.02)
    result = tf.keras.Sequential()
    result.add(tf.keras.layers.Conv2D(filters, size, strides=2, padding="same",
                                      kernel_initializer=initializer, use_bias=False))
    if apply_batchnorm:
        result.add(tf.keras.layers.BatchNormalization())
    result.add(tf.keras.layers.LeakyReLU())
    return result


def upsample(filters, size, apply_dropout=False):
    initializer = tf.random_normal_initializer(0., 0.02)
    result = tf.keras.Sequential()
    result.add(tf.keras.layers.Conv2DTranspose(filters, size, strides=2, padding="same",
                                               kernel_initializer=initializer, use_bias=False))
    result.add(tf.keras.layers.BatchNormalization())
    if apply_dropout:
        result.add(tf.keras.layers.Dropout(0.5))
    result.add(tf.keras.layers.ReLU())
    return result


def Generator():
    inputs = tf.keras.layers.Input(shape=[256, 256, 3])

    down_stack = [
        downsample(64, 4, apply_batchnorm=False),  # (batch_size, 128, 128, 64)
        downsample(128, 4),  # (batch_size, 64, 64, 128)
        downsample(256, 4),  # (batch_size, 32, 32, 256)
        downsample(512, 4),  # (batch_size, 16, 16, 512)
        downsample(512, 4),  # (batch_size, 8, 8, 512)
        downsample(512, 4),  # (batch_size, 4, 4, 512)
        downsample(512, 4),  # (batch_size, 2, 2, 512)
        downsample(512, 4),  # (batch_size, 1, 1, 512)
    ]

    up_stack = [
        upsample(512, 4, apply_dropout=True),  # (batch_size, 2, 2, 1024)
        upsample(512, 4, apply_dropout=True),  # (batch_size, 4, 4, 1024)
        upsample(512, 4, apply_dropout=True),  # (batch_size, 8, 8, 1024)
        upsample(512, 4),  # (batch_size, 16, 16, 1024)
        upsample(256, 4),  # (batch_size, 32, 32, 512)
        upsample(128, 4),  # (batch_size, 64, 64, 256)
        upsample(64, 4),  # (batch_size, 128, 128, 128)
    ]

    initializer = tf.random_normal_initializer(0., 0.02)
    last = tf.keras.layers.Conv2DTranspose(OUTPUT_CHANNELS, 4, strides=2, padding="same",
                                           kernel_initializer=initializer, activation="tanh")  # (batch_size, 256, 256, 3)

    x = inputs

    # Downsampling through the model
    skips = []
    for down in down_stack:
        x = down(x)
        skips.append(x)

    skips = reversed(skips[:-1])

    # Upsampling and establishing the skip connections
    for up, skip in zip(up_stack, skips):
        x = up(x)
        x = tf.keras.layers.Concatenate()([x, skip])

    x = last(x)

    return tf.keras.Model(inputs=inputs, outputs=x)
''', call="Generator()")

case("tut_tf_pix2pix_discriminator", "tutorial", '''
import tensorflow as tf


def downsample(filters, size, apply_batchnorm=True):
    initializer = tf.random_normal_initializer(0., 0.02)
    result = tf.keras.Sequential()
    result.add(tf.keras.layers.Conv2D(filters, size, strides=2, padding="same",
                                      kernel_initializer=initializer, use_bias=False))
    if apply_batchnorm:
        result.add(tf.keras.layers.BatchNormalization())
    result.add(tf.keras.layers.LeakyReLU())
    return result


def Discriminator():
    initializer = tf.random_normal_initializer(0., 0.02)

    inp = tf.keras.layers.Input(shape=[256, 256, 3], name="input_image")
    tar = tf.keras.layers.Input(shape=[256, 256, 3], name="target_image")

    x = tf.keras.layers.concatenate([inp, tar])  # (batch_size, 256, 256, channels*2)

    down1 = downsample(64, 4, False)(x)  # (batch_size, 128, 128, 64)
    down2 = downsample(128, 4)(down1)  # (batch_size, 64, 64, 128)
    down3 = downsample(256, 4)(down2)  # (batch_size, 32, 32, 256)

    zero_pad1 = tf.keras.layers.ZeroPadding2D()(down3)  # (batch_size, 34, 34, 256)
    conv = tf.keras.layers.Conv2D(512, 4, strides=1, kernel_initializer=initializer,
                                  use_bias=False)(zero_pad1)  # (batch_size, 31, 31, 512)

    batchnorm1 = tf.keras.layers.BatchNormalization()(conv)
    leaky_relu = tf.keras.layers.LeakyReLU()(batchnorm1)
    zero_pad2 = tf.keras.layers.ZeroPadding2D()(leaky_relu)  # (batch_size, 33, 33, 512)

    last = tf.keras.layers.Conv2D(1, 4, strides=1, kernel_initializer=initializer)(zero_pad2)  # (batch_size, 30, 30, 1)

    return tf.keras.Model(inputs=[inp, tar], outputs=last)
''', call="Discriminator()")

case("tut_kerasio_denoising_autoencoder", "tutorial", '''
from tensorflow.keras import layers
from tensorflow.keras.models import Model

input = layers.Input(shape=(28, 28, 1))

# Encoder
x = layers.Conv2D(32, (3, 3), activation="relu", padding="same")(input)
x = layers.MaxPooling2D((2, 2), padding="same")(x)
x = layers.Conv2D(32, (3, 3), activation="relu", padding="same")(x)
x = layers.MaxPooling2D((2, 2), padding="same")(x)

# Decoder
x = layers.Conv2DTranspose(32, (3, 3), strides=2, activation="relu", padding="same")(x)
x = layers.Conv2DTranspose(32, (3, 3), strides=2, activation="relu", padding="same")(x)
x = layers.Conv2D(1, (3, 3), activation="sigmoid", padding="same")(x)

# Autoencoder
autoencoder = Model(input, x)
autoencoder.compile(optimizer="adam", loss="binary_crossentropy")
''')

case("tut_alexnet_sequential", "tutorial", '''
import tensorflow as tf
from tensorflow import keras

model = keras.models.Sequential([
    keras.layers.Conv2D(filters=96, kernel_size=(11, 11), strides=(4, 4), activation="relu", input_shape=(227, 227, 3)),
    keras.layers.BatchNormalization(),
    keras.layers.MaxPool2D(pool_size=(3, 3), strides=(2, 2)),
    keras.layers.Conv2D(filters=256, kernel_size=(5, 5), strides=(1, 1), activation="relu", padding="same"),
    keras.layers.BatchNormalization(),
    keras.layers.MaxPool2D(pool_size=(3, 3), strides=(2, 2)),
    keras.layers.Conv2D(filters=384, kernel_size=(3, 3), strides=(1, 1), activation="relu", padding="same"),
    keras.layers.BatchNormalization(),
    keras.layers.Conv2D(filters=384, kernel_size=(3, 3), strides=(1, 1), activation="relu", padding="same"),
    keras.layers.BatchNormalization(),
    keras.layers.Conv2D(filters=256, kernel_size=(3, 3), strides=(1, 1), activation="relu", padding="same"),
    keras.layers.BatchNormalization(),
    keras.layers.MaxPool2D(pool_size=(3, 3), strides=(2, 2)),
    keras.layers.Flatten(),
    keras.layers.Dense(4096, activation="relu"),
    keras.layers.Dropout(0.5),
    keras.layers.Dense(4096, activation="relu"),
    keras.layers.Dropout(0.5),
    keras.layers.Dense(10, activation="softmax")
])
''')

case("tut_keras_docs_vgg_like_convnet", "tutorial", '''
import numpy as np
import keras
from keras.models import Sequential
from keras.layers import Dense, Dropout, Flatten
from keras.layers import Conv2D, MaxPooling2D
from keras.optimizers import SGD

# Generate dummy data
x_train = np.random.random((100, 100, 100, 3))
y_train = keras.utils.to_categorical(np.random.randint(10, size=(100, 1)), num_classes=10)

model = Sequential()
# input: 100x100 images with 3 channels -> (100, 100, 3) tensors.
# this applies 32 convolution filters of size 3x3 each.
model.add(Conv2D(32, (3, 3), activation="relu", input_shape=(100, 100, 3)))
model.add(Conv2D(32, (3, 3), activation="relu"))
model.add(MaxPooling2D(pool_size=(2, 2)))
model.add(Dropout(0.25))

model.add(Conv2D(64, (3, 3), activation="relu"))
model.add(Conv2D(64, (3, 3), activation="relu"))
model.add(MaxPooling2D(pool_size=(2, 2)))
model.add(Dropout(0.25))

model.add(Flatten())
model.add(Dense(256, activation="relu"))
model.add(Dropout(0.5))
model.add(Dense(10, activation="softmax"))

sgd = SGD(lr=0.01, decay=1e-6, momentum=0.9, nesterov=True)
model.compile(loss="categorical_crossentropy", optimizer=sgd)
''')

case("tut_keras_functional_guide_toy_resnet", "tutorial", '''
from tensorflow import keras
from tensorflow.keras import layers

inputs = keras.Input(shape=(32, 32, 3), name="img")
x = layers.Conv2D(32, 3, activation="relu")(inputs)
x = layers.Conv2D(64, 3, activation="relu")(x)
block_1_output = layers.MaxPooling2D(3)(x)

x = layers.Conv2D(64, 3, activation="relu", padding="same")(block_1_output)
x = layers.Conv2D(64, 3, activation="relu", padding="same")(x)
block_2_output = layers.add([x, block_1_output])

x = layers.Conv2D(64, 3, activation="relu", padding="same")(block_2_output)
x = layers.Conv2D(64, 3, activation="relu", padding="same")(x)
block_3_output = layers.add([x, block_2_output])

x = layers.Conv2D(64, 3, activation="relu")(block_3_output)
x = layers.GlobalAveragePooling2D()(x)
x = layers.Dense(256, activation="relu")(x)
x = layers.Dropout(0.5)(x)
outputs = layers.Dense(10)(x)

model = keras.Model(inputs, outputs, name="toy_resnet")
''')

case("tut_kerasio_wgan_gp_critic", "tutorial", '''
from tensorflow import keras
from tensorflow.keras import layers

IMG_SHAPE = (28, 28, 1)


def conv_block(x, filters, activation, kernel_size=(3, 3), strides=(1, 1), padding="same", use_bias=True,
               use_bn=False, use_dropout=False, drop_value=0.5):
    x = layers.Conv2D(filters, kernel_size, strides=strides, padding=padding, use_bias=use_bias)(x)
    if use_bn:
        x = layers.BatchNormalization()(x)
    x = activation(x)
    if use_dropout:
        x = layers.Dropout(drop_value)(x)
    return x


def get_discriminator_model():
    img_input = layers.Input(shape=IMG_SHAPE)
    # Zero pad the input to make the input images size to (32, 32, 1).
    x = layers.ZeroPadding2D((2, 2))(img_input)
    x = conv_block(x, 64, kernel_size=(5, 5), strides=(2, 2), use_bn=False, use_bias=True,
                   activation=layers.LeakyReLU(0.2), use_dropout=False, drop_value=0.3)
    x = conv_block(x, 128, kernel_size=(5, 5), strides=(2, 2), use_bn=False, activation=layers.LeakyReLU(0.2),
                   use_bias=True, use_dropout=True, drop_value=0.3)
    x = conv_block(x, 256, kernel_size=(5, 5), strides=(2, 2), use_bn=False, activation=layers.LeakyReLU(0.2),
                   use_bias=True, use_dropout=True, drop_value=0.3)
    x = conv_block(x, 512, kernel_size=(5, 5), strides=(2, 2), use_bn=False, activation=layers.LeakyReLU(0.2),
                   use_bias=True, use_dropout=False, drop_value=0.3)

    x = layers.Flatten()(x)
    x = layers.Dropout(0.2)(x)
    x = layers.Dense(1)(x)

    d_model = keras.models.Model(img_input, x, name="discriminator")
    return d_model
''', call="get_discriminator_model()")

case("tut_keras_examples_mnist_cnn", "tutorial", '''
from __future__ import print_function
import keras
from keras.datasets import mnist
from keras.models import Sequential
from keras.layers import Dense, Dropout, Flatten
from keras.layers import Conv2D, MaxPooling2D
from keras import backend as K

batch_size = 128
num_classes = 10
epochs = 12

# input image dimensions
img_rows, img_cols = 28, 28

# the data, split between train and test sets
(x_train, y_train), (x_test, y_test) = mnist.load_data()

if K.image_data_format() == "channels_first":
    x_train = x_train.reshape(x_train.shape[0], 1, img_rows, img_cols)
    input_shape = (1, img_rows, img_cols)
else:
    x_train = x_train.reshape(x_train.shape[0], img_rows, img_cols, 1)
    input_shape = (img_rows, img_cols, 1)

model = Sequential()
model.add(Conv2D(32, kernel_size=(3, 3), activation="relu", input_shape=input_shape))
model.add(Conv2D(64, (3, 3), activation="relu"))
model.add(MaxPooling2D(pool_size=(2, 2)))
model.add(Dropout(0.25))
model.add(Flatten())
model.add(Dense(128, activation="relu"))
model.add(Dropout(0.5))
model.add(Dense(num_classes, activation="softmax"))

model.compile(loss=keras.losses.categorical_crossentropy, optimizer=keras.optimizers.Adadelta(),
              metrics=["accuracy"])
''')

case("tut_squeezenet_fire_modules", "tutorial", '''
from tensorflow.keras.layers import Input, Conv2D, MaxPooling2D, Activation, concatenate, Dropout
from tensorflow.keras.layers import GlobalAveragePooling2D
from tensorflow.keras.models import Model

sq1x1 = "squeeze1x1"
exp1x1 = "expand1x1"
exp3x3 = "expand3x3"
relu = "relu_"


def fire_module(x, fire_id, squeeze=16, expand=64):
    s_id = "fire" + str(fire_id) + "/"
    x = Conv2D(squeeze, (1, 1), padding="valid", name=s_id + sq1x1)(x)
    x = Activation("relu", name=s_id + relu + sq1x1)(x)

    left = Conv2D(expand, (1, 1), padding="valid", name=s_id + exp1x1)(x)
    left = Activation("relu", name=s_id + relu + exp1x1)(left)

    right = Conv2D(expand, (3, 3), padding="same", name=s_id + exp3x3)(x)
    right = Activation("relu", name=s_id + relu + exp3x3)(right)

    x = concatenate([left, right], axis=3, name=s_id + "concat")
    return x


def SqueezeNet(input_shape=(96, 96, 3), classes=10):
    img_input = Input(shape=input_shape)
    x = Conv2D(64, (3, 3), strides=(2, 2), padding="valid", name="conv1")(img_input)
    x = Activation("relu", name="relu_conv1")(x)
    x = MaxPooling2D(pool_size=(3, 3), strides=(2, 2), name="pool1")(x)

    x = fire_module(x, fire_id=2, squeeze=16, expand=64)
    x = fire_module(x, fire_id=3, squeeze=16, expand=64)
    x = MaxPooling2D(pool_size=(3, 3), strides=(2, 2), name="pool3")(x)

    x = fire_module(x, fire_id=4, squeeze=32, expand=128)
    x = fire_module(x, fire_id=5, squeeze=32, expand=128)
    x = MaxPooling2D(pool_size=(3, 3), strides=(2, 2), name="pool5")(x)

    x = fire_module(x, fire_id=6, squeeze=48, expand=192)
    x = fire_module(x, fire_id=7, squeeze=48, expand=192)
    x = fire_module(x, fire_id=8, squeeze=64, expand=256)
    x = fire_module(x, fire_id=9, squeeze=64, expand=256)
    x = Dropout(0.5, name="drop9")(x)

    x = Conv2D(classes, (1, 1), padding="valid", name="conv10")(x)
    x = Activation("relu", name="relu_conv10")(x)
    x = GlobalAveragePooling2D()(x)
    x = Activation("softmax", name="loss")(x)
    return Model(img_input, x, name="squeezenet")
''', call="SqueezeNet()")

case("tut_mobilenet_v1_depthwise_blocks", "tutorial", '''
from tensorflow.keras import layers, Model


def depthwise_block(x, pointwise_filters, strides=1, block_id=1):
    if strides != 1:
        x = layers.ZeroPadding2D(((0, 1), (0, 1)), name="conv_pad_%d" % block_id)(x)
    x = layers.DepthwiseConv2D((3, 3), padding="same" if strides == 1 else "valid", strides=strides,
                               use_bias=False, name="conv_dw_%d" % block_id)(x)
    x = layers.BatchNormalization(name="conv_dw_%d_bn" % block_id)(x)
    x = layers.ReLU(6.0, name="conv_dw_%d_relu" % block_id)(x)
    x = layers.Conv2D(pointwise_filters, (1, 1), padding="same", use_bias=False, strides=(1, 1),
                      name="conv_pw_%d" % block_id)(x)
    x = layers.BatchNormalization(name="conv_pw_%d_bn" % block_id)(x)
    return layers.ReLU(6.0, name="conv_pw_%d_relu" % block_id)(x)


def mobilenet_small(input_shape=(96, 96, 3), alpha=0.5, classes=10):
    img_input = layers.Input(shape=input_shape)
    x = layers.Conv2D(int(32 * alpha), (3, 3), padding="same", use_bias=False, strides=(2, 2), name="conv1")(img_input)
    x = layers.BatchNormalization(name="conv1_bn")(x)
    x = layers.ReLU(6.0, name="conv1_relu")(x)
    plan = [(64, 1), (128, 2), (128, 1), (256, 2), (256, 1), (512, 2)]
    for i, (filters, stride) in enumerate(plan):
        x = depthwise_block(x, int(filters * alpha), strides=stride, block_id=i + 1)
    x = layers.GlobalAveragePooling2D(keepdims=True)(x)
    x = layers.Dropout(1e-3, name="dropout")(x)
    x = layers.Conv2D(classes, (1, 1), padding="same", name="conv_preds")(x)
    x = layers.Reshape((classes,), name="reshape_2")(x)
    x = layers.Activation("softmax", name="predictions")(x)
    return Model(img_input, x, name="mobilenet_%0.2f_%s" % (alpha, input_shape[0]))
''', call="mobilenet_small()")

# ==================================================================================================== refused
case("refused_unet_odd_input_concat", "refused", '''
from tensorflow.keras.layers import Input, Conv2D, MaxPooling2D, UpSampling2D, concatenate
from tensorflow.keras.models import Model

inputs = Input((100, 100, 1))
x = inputs
skips = []
for f in [8, 16, 32]:
    x = Conv2D(f, 3, padding="same", activation="relu")(x)
    skips.append(x)
    x = MaxPooling2D()(x)
x = Conv2D(64, 3, padding="same", activation="relu")(x)
for f, skip in zip([32, 16, 8], reversed(skips)):
    x = UpSampling2D()(x)
    x = concatenate([x, skip])
    x = Conv2D(f, 3, padding="same", activation="relu")(x)
model = Model(inputs, Conv2D(1, 1, activation="sigmoid")(x))
''')

case("refused_residual_identity_channel_mismatch", "refused", '''
from tensorflow.keras import layers, Model


def res_block(x, filters):
    shortcut = x
    y = layers.Conv2D(filters, 3, padding="same", activation="relu")(x)
    y = layers.Conv2D(filters, 3, padding="same")(y)
    y = layers.Add()([shortcut, y])
    return layers.Activation("relu")(y)


inputs = layers.Input((32, 32, 16))
x = res_block(inputs, 16)
x = res_block(x, 32)
x = layers.GlobalAveragePooling2D()(x)
model = Model(inputs, layers.Dense(10)(x))
''')

case("refused_pool_loop_too_deep", "refused", '''
from tensorflow.keras import layers, models

model = models.Sequential()
model.add(layers.Conv2D(8, 3, padding="same", activation="relu", input_shape=(32, 32, 3)))
for i in range(6):
    model.add(layers.Conv2D(8 * (i + 1), 3, padding="same", activation="relu"))
    model.add(layers.MaxPooling2D((2, 2)))
model.add(layers.Flatten())
model.add(layers.Dense(10, activation="softmax"))
''')

case("refused_lenet_input_too_small", "refused", '''
from tensorflow.keras.models import Sequential
from tensorflow.keras.layers import Conv2D, MaxPooling2D, Flatten, Dense


class LeNet5:
    @staticmethod
    def build(width, height, depth, classes):
        model = Sequential()
        model.add(Conv2D(6, (5, 5), activation="tanh", input_shape=(height, width, depth)))
        model.add(MaxPooling2D((2, 2)))
        model.add(Conv2D(16, (5, 5), activation="tanh"))
        model.add(MaxPooling2D((2, 2)))
        model.add(Flatten())
        model.add(Dense(120, activation="tanh"))
        model.add(Dense(84, activation="tanh"))
        model.add(Dense(classes, activation="softmax"))
        return model
''', call="LeNet5.build(12, 12, 1, 10)")

case("refused_conv_after_flatten", "refused", '''
from keras.models import Sequential
from keras.layers import Conv2D, Flatten, Dense

model = Sequential()
model.add(Conv2D(16, 3, activation="relu", input_shape=(28, 28, 1)))
model.add(Flatten())
model.add(Conv2D(32, 3, activation="relu"))
model.add(Dense(10, activation="softmax"))
''')

case("refused_decoder_reshape_wrong_size", "refused", '''
from tensorflow import keras
from tensorflow.keras import layers

latent_dim = 16
latent_inputs = keras.Input(shape=(latent_dim,))
x = layers.Dense(7 * 7 * 32, activation="relu")(latent_inputs)
x = layers.Reshape((7, 7, 64))(x)
x = layers.Conv2DTranspose(32, 3, strides=2, padding="same", activation="relu")(x)
outputs = layers.Conv2DTranspose(1, 3, strides=2, padding="same", activation="sigmoid")(x)
decoder = keras.Model(latent_inputs, outputs, name="decoder")
''')

case("refused_helper_strides_and_dilation", "refused", '''
from tensorflow.keras import layers, Model


def conv_block(x, filters, stride=1, dilation=1):
    x = layers.Conv2D(filters, 3, strides=stride, dilation_rate=dilation, padding="same")(x)
    x = layers.BatchNormalization()(x)
    return layers.ReLU()(x)


inputs = layers.Input((64, 64, 3))
x = conv_block(inputs, 16)
x = conv_block(x, 32, stride=2)
x = conv_block(x, 64, stride=2, dilation=2)
x = conv_block(x, 64)
model = Model(inputs, x)
''')

case("refused_lambda_concat_mismatch", "refused", '''
import tensorflow as tf
from tensorflow.keras import layers, Model

inp = layers.Input((16, 16, 3))
a = layers.Conv2D(4, 3, padding="same")(inp)
b = layers.Conv2D(4, 3)(inp)
x = layers.Lambda(lambda t: tf.concat(t, axis=-1))([a, b])
x = layers.Conv2D(2, 1)(x)
model = Model(inp, x)
''')

case("refused_reflection_pad_too_large", "refused", '''
import tensorflow as tf
from tensorflow.keras import layers, Model


class ReflectionPadding2D(layers.Layer):
    def __init__(self, padding=(1, 1), **kwargs):
        super().__init__(**kwargs)
        self.padding = tuple(padding)

    def call(self, x):
        w, h = self.padding
        return tf.pad(x, [[0, 0], [h, h], [w, w], [0, 0]], mode="REFLECT")


inp = layers.Input((16, 16, 3))
x = layers.Conv2D(8, 3, strides=2, padding="same")(inp)
x = layers.Conv2D(8, 3, strides=2, padding="same")(x)
x = ReflectionPadding2D((4, 4))(x)
x = layers.Conv2D(8, 3)(x)
model = Model(inp, x)
''')

case("refused_valid_unet_overcrop", "refused", '''
from tensorflow.keras.layers import Input, Conv2D, MaxPooling2D, Conv2DTranspose, Cropping2D, concatenate
from tensorflow.keras.models import Model

inputs = Input((20, 20, 1))
c1 = Conv2D(8, 3, activation="relu")(inputs)
c1 = Conv2D(8, 3, activation="relu")(c1)
p1 = MaxPooling2D()(c1)
c2 = Conv2D(16, 3, activation="relu")(p1)
c2 = Conv2D(16, 3, activation="relu")(c2)
u1 = Conv2DTranspose(8, 2, strides=2)(c2)
crop = (c1.shape[1] - u1.shape[1]) // 2 + 4
s1 = Cropping2D(((crop, crop), (crop, crop)))(c1)
m = concatenate([s1, u1])
model = Model(inputs, Conv2D(1, 1)(m))
''')

case("refused_conv_after_global_pool", "refused", '''
from tensorflow.keras import layers, Model

inp = layers.Input((32, 32, 3))
x = layers.Conv2D(16, 3, activation="relu")(inp)
x = layers.GlobalAveragePooling2D()(x)
x = layers.Conv2D(8, 1)(x)
model = Model(inp, x)
''')

case("refused_inception_valid_branch", "refused", '''
from tensorflow.keras.layers import Input, Conv2D, MaxPooling2D, concatenate
from tensorflow.keras.models import Model


def module(x, f):
    a = Conv2D(f, 1, padding="same")(x)
    b = Conv2D(f, 3, padding="same")(x)
    c = Conv2D(f, 5)(x)  # forgot padding="same"
    d = MaxPooling2D(3, strides=1, padding="same")(x)
    return concatenate([a, b, c, d])


inp = Input((28, 28, 8))
model = Model(inp, module(inp, 8))
''')

case("refused_add_three_branches_one_strided", "refused", '''
from tensorflow.keras import layers, Model

inputs = layers.Input((24, 24, 8))
branches = [layers.Conv2D(8, k, strides=s, padding="same")(inputs) for k, s in [(1, 1), (3, 1), (5, 2)]]
x = layers.add(branches)
model = Model(inputs, x)
''')

case("refused_concat_vector_with_map", "refused", '''
from tensorflow.keras import layers, Model, Input

img = Input((16, 16, 3))
meta = Input((5,))
x = layers.Conv2D(8, 3, padding="same")(img)
m = layers.Dense(8)(meta)
x = layers.concatenate([x, m])
model = Model([img, meta], layers.Dense(1)(x))
''')

case("refused_mnist_missing_channel_axis", "refused", '''
import tensorflow as tf

model = tf.keras.models.Sequential([
    tf.keras.layers.Conv2D(32, (3, 3), activation="relu", input_shape=(28, 28)),
    tf.keras.layers.MaxPooling2D(2, 2),
    tf.keras.layers.Flatten(),
    tf.keras.layers.Dense(10, activation="softmax"),
])
''')

case("refused_functional_pool_chain_to_zero", "refused", '''
from tensorflow.keras import layers, Model


def down(x, f):
    x = layers.Conv2D(f, 3, activation="relu")(x)
    return layers.MaxPooling2D(2)(x)


inputs = layers.Input((40, 40, 1))
x = inputs
for f in [8, 16, 32, 64]:
    x = down(x, f)
x = layers.Flatten()(x)
model = Model(inputs, layers.Dense(1)(x))
''')

case("refused_dense_before_conv_in_sequential", "refused", '''
from tensorflow.keras import layers, Sequential

model = Sequential([
    layers.Dense(64, input_shape=(100,)),
    layers.Conv2D(8, 3),
    layers.Flatten(),
    layers.Dense(1),
])
''')

case("refused_separable_valid_too_small", "refused", '''
from tensorflow.keras import layers, Model

inputs = layers.Input((10, 10, 4))
x = layers.SeparableConv2D(8, 3, strides=2, padding="same")(inputs)
x = layers.SeparableConv2D(8, 3, strides=2, padding="same")(x)
x = layers.SeparableConv2D(16, 5)(x)
model = Model(inputs, x)
''')

# ==================================================================================================== applications
case("app_vgg16_default", "applications", '''
from tensorflow import keras

model = keras.applications.VGG16(weights=None)
''', published_total=138357544)

case("app_vgg16_notop", "applications", '''
from tensorflow.keras.applications import VGG16

model = VGG16(include_top=False, weights=None)
''', published_total=14714688)

case("app_vgg19_default", "applications", '''
import tensorflow as tf

model = tf.keras.applications.VGG19(weights=None)
''', published_total=143667240)

case("app_resnet50_default", "applications", '''
import keras

model = keras.applications.ResNet50(weights=None)
''', published_total=25636712)

case("app_resnet50_notop", "applications", '''
from keras.applications.resnet50 import ResNet50

model = ResNet50(weights=None, include_top=False)
''', published_total=23587712)

case("app_mobilenetv2_default", "applications", '''
from tensorflow.keras.applications.mobilenet_v2 import MobileNetV2

model = MobileNetV2(weights=None)
''', published_total=3538984)

case("app_mobilenetv2_notop", "applications", '''
from tensorflow.keras.applications import MobileNetV2

model = MobileNetV2(include_top=False, weights=None)
''', published_total=2257984)

case("app_mobilenetv2_alpha035_96_avg", "applications", '''
import tensorflow as tf

model = tf.keras.applications.MobileNetV2(input_shape=(96, 96, 3), alpha=0.35, include_top=False,
                                          weights=None, pooling="avg")
''')

case("app_mobilenetv2_alpha050_classes", "applications", '''
import tensorflow as tf

model = tf.keras.applications.MobileNetV2(alpha=0.5, weights=None, classes=10, input_shape=(128, 128, 3))
''')

case("app_mobilenetv2_alpha075_max", "applications", '''
from keras.applications import MobileNetV2

model = MobileNetV2(input_shape=(160, 160, 3), alpha=0.75, include_top=False, weights="imagenet", pooling="max")
''')

case("app_mobilenetv2_alpha130", "applications", '''
from keras.applications import MobileNetV2

model = MobileNetV2(alpha=1.3, weights=None)
''')

case("app_mobilenetv2_alpha140_odd_input", "applications", '''
from keras.applications import MobileNetV2

model = MobileNetV2(input_shape=(97, 97, 3), alpha=1.4, include_top=False, weights=None)
''')

case("app_vgg16_small_input_max_pool", "applications", '''
from tensorflow.keras.applications.vgg16 import VGG16

model = VGG16(include_top=False, weights=None, input_shape=(64, 64, 3), pooling="max")
''')

case("app_vgg19_tiny_input_avg", "applications", '''
from tensorflow.keras.applications.vgg19 import VGG19

model = VGG19(include_top=False, weights=None, input_shape=(32, 32, 3), pooling="avg")
''')

case("app_resnet50_classes_small_input", "applications", '''
import tensorflow as tf

model = tf.keras.applications.resnet50.ResNet50(weights=None, classes=10, input_shape=(64, 64, 3))
''')

case("app_resnet50_notop_max", "applications", '''
from tensorflow.keras.applications.resnet import ResNet50

model = ResNet50(include_top=False, weights=None, input_shape=(96, 96, 3), pooling="max")
''')

case("app_vgg16_input_tensor", "applications", '''
from tensorflow.keras import Input
from tensorflow.keras.applications import VGG16

inp = Input(shape=(48, 48, 3))
model = VGG16(include_top=False, weights=None, input_tensor=inp)
''')

case("app_resnet50_feature_extractor_head", "applications", '''
from tensorflow.keras.applications import ResNet50
from tensorflow.keras import layers, Model

base = ResNet50(include_top=False, weights="imagenet", input_shape=(64, 64, 3))
for layer in base.layers:
    layer.trainable = False
x = layers.GlobalAveragePooling2D()(base.output)
x = layers.Dense(128, activation="relu")(x)
predictions = layers.Dense(5, activation="softmax")(x)
model = Model(inputs=base.input, outputs=predictions)
''')

# ==================================================================================================== forward goldens
forward("fwd_rescaling_1_255", '''
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(6, 7, 3)),
    layers.Rescaling(1.0 / 255),
    layers.Conv2D(4, 3, padding="same"),
])
''', "Rescaling(1/255) on 0..255 input", input_range=[0, 255])

forward("fwd_rescaling_offset", '''
import keras
from keras import layers

inputs = keras.Input(shape=(5, 6, 2))
x = layers.Rescaling(scale=1.0 / 127.5, offset=-1.0)(inputs)
x = layers.Conv2D(3, 3)(x)
model = keras.Model(inputs, x)
''', "Rescaling(1/127.5, offset=-1)", input_range=[0, 255])

forward("fwd_normalization_mean_variance", '''
import keras
from keras import layers

inputs = keras.Input(shape=(5, 5, 3))
x = layers.Normalization(mean=[0.1, -0.2, 0.3], variance=[0.25, 1.0, 4.0])(inputs)
x = layers.Conv2D(2, 3, padding="same")(x)
model = keras.Model(inputs, x)
''', "Normalization with per-channel mean/variance (no weights)")

forward("fwd_normalization_scalar", '''
import keras
from keras import layers

inputs = keras.Input(shape=(4, 6, 2))
x = layers.Normalization(mean=0.5, variance=0.04)(inputs)
model = keras.Model(inputs, x)
''', "Normalization with scalar mean/variance")

forward("fwd_normalization_adaptless_weights", '''
import keras
from keras import layers

inputs = keras.Input(shape=(5, 4, 3))
x = layers.Normalization()(inputs)
x = layers.Conv2D(2, 1)(x)
model = keras.Model(inputs, x)
''', "Normalization() without mean/variance: its mean and variance come from weights/normalization.{mean,variance}.npy (count is not needed)")

forward("fwd_normalization_invert", '''
import keras
from keras import layers

inputs = keras.Input(shape=(4, 4, 2))
x = layers.Normalization(mean=[1.0, -1.0], variance=[4.0, 0.25], invert=True)(inputs)
model = keras.Model(inputs, x)
''', "Normalization(invert=True): x * sqrt(variance) + mean")

forward("fwd_resizing_bilinear_up", '''
import keras
from keras import layers

inputs = keras.Input(shape=(5, 6, 2))
x = layers.Resizing(8, 11)(inputs)
model = keras.Model(inputs, x)
''', "Resizing bilinear, upscale, half-pixel centres (tfjs' Resizing layer uses align_corners)")

forward("fwd_resizing_bilinear_down", '''
import keras
from keras import layers

inputs = keras.Input(shape=(9, 10, 2))
x = layers.Resizing(4, 6, interpolation="bilinear")(inputs)
model = keras.Model(inputs, x)
''', "Resizing bilinear, downscale without antialiasing")

forward("fwd_resizing_nearest_up", '''
import keras
from keras import layers

inputs = keras.Input(shape=(5, 4, 3))
x = layers.Resizing(9, 7, interpolation="nearest")(inputs)
model = keras.Model(inputs, x)
''', "Resizing nearest, upscale by a fractional factor (half-pixel: floor((i + 0.5) * in / out))")

forward("fwd_resizing_nearest_down", '''
import keras
from keras import layers

inputs = keras.Input(shape=(11, 9, 2))
x = layers.Resizing(4, 5, interpolation="nearest")(inputs)
model = keras.Model(inputs, x)
''', "Resizing nearest, downscale")

forward("fwd_resizing_crop_to_aspect_ratio", '''
import keras
from keras import layers

inputs = keras.Input(shape=(10, 16, 2))
x = layers.Resizing(6, 6, crop_to_aspect_ratio=True)(inputs)
model = keras.Model(inputs, x)
''', "Resizing(crop_to_aspect_ratio=True): centred 10x10 crop, then bilinear to 6x6")

forward("fwd_center_crop", '''
import keras
from keras import layers

inputs = keras.Input(shape=(9, 8, 2))
x = layers.CenterCrop(5, 5)(inputs)
x = layers.Conv2D(2, 3)(x)
model = keras.Model(inputs, x)
''', "CenterCrop: slice from int((9-5)/2)=2, int((8-5)/2)=1")

forward("fwd_lambda_div255_relu", '''
import tensorflow as tf
from tensorflow.keras import layers, Model

inputs = layers.Input((6, 6, 1))
x = layers.Lambda(lambda t: t / 255.0)(inputs)
x = layers.Conv2D(3, 3, padding="same")(x)
x = layers.Lambda(tf.nn.relu)(x)
model = Model(inputs, x)
''', "Lambda x / 255.0 and Lambda(tf.nn.relu)", input_range=[0, 255])

forward("fwd_lambda_concat", '''
import tensorflow as tf
from tensorflow.keras import layers, Model

inputs = layers.Input((5, 5, 2))
a = layers.Conv2D(3, 3, padding="same")(inputs)
b = layers.Conv2D(2, 1)(inputs)
x = layers.Lambda(lambda t: tf.concat(t, axis=-1))([a, b])
model = Model(inputs, x)
''', "Lambda tf.concat on a list input")

forward("fwd_lambda_backend_mean_max", '''
from tensorflow.keras import layers, Model
from tensorflow.keras import backend as K

inputs = layers.Input((5, 6, 4))
avg = layers.Lambda(lambda x: K.mean(x, axis=-1, keepdims=True))(inputs)
mx = layers.Lambda(lambda x: K.max(x, axis=-1, keepdims=True))(inputs)
x = layers.Concatenate()([avg, mx])
x = layers.Conv2D(1, 3, padding="same", activation="sigmoid")(x)
x = layers.Multiply()([inputs, x])
model = Model(inputs, x)
''', "Lambda K.mean / K.max over channels (spatial attention)")

forward("fwd_lambda_image_resize_bilinear", '''
import tensorflow as tf
from tensorflow.keras import layers, Model

inputs = layers.Input((4, 5, 2))
x = layers.Lambda(lambda t: tf.image.resize(t, (7, 9)))(inputs)
model = Model(inputs, x)
''', "Lambda tf.image.resize bilinear (half-pixel)")

forward("fwd_lambda_image_resize_nearest", '''
import tensorflow as tf
from tensorflow.keras import layers, Model

inputs = layers.Input((6, 7, 2))
x = layers.Lambda(lambda t: tf.image.resize(t, (4, 10), method="nearest"))(inputs)
model = Model(inputs, x)
''', "Lambda tf.image.resize nearest (half-pixel)")

forward("fwd_lambda_depth_to_space", '''
import tensorflow as tf
from tensorflow.keras import layers, Model

inputs = layers.Input((3, 4, 2))
x = layers.Conv2D(8, 3, padding="same")(inputs)
x = layers.Lambda(lambda t: tf.nn.depth_to_space(t, 2))(x)
model = Model(inputs, x)
''', "Lambda tf.nn.depth_to_space (DCR order)")

forward("fwd_lambda_reflect_pad", '''
import tensorflow as tf
from tensorflow.keras import layers, Model

inputs = layers.Input((5, 6, 2))
x = layers.Lambda(lambda t: tf.pad(t, [[0, 0], [2, 1], [1, 3], [0, 0]], mode="REFLECT"))(inputs)
x = layers.Lambda(lambda t: tf.pad(t, [[0, 0], [1, 1], [1, 1], [0, 0]], mode="SYMMETRIC"))(x)
model = Model(inputs, x)
''', "Lambda tf.pad REFLECT and SYMMETRIC")

forward("fwd_lambda_slice_l2_normalize", '''
from tensorflow.keras import layers, Model
from tensorflow.keras import backend as K

inputs = layers.Input((4, 4, 5))
x = layers.Lambda(lambda t: t[:, 1:, :3, 1:4])(inputs)
x = layers.Lambda(lambda t: K.l2_normalize(t, axis=-1))(x)
model = Model(inputs, x)
''', "Lambda slicing and K.l2_normalize")

forward("fwd_nested_sequential_block", '''
import keras
from keras import layers

block = keras.Sequential([
    layers.Conv2D(4, 3, padding="same", activation="relu"),
    layers.MaxPooling2D(),
    layers.Conv2D(6, 3, padding="same"),
])
inputs = keras.Input(shape=(8, 8, 3))
x = block(inputs)
x = layers.GlobalAveragePooling2D()(x)
x = layers.Dense(3)(x)
model = keras.Model(inputs, x)
''', "a Sequential used as one layer of a functional model (inner outputs under expected/sequential/)")

forward("fwd_nested_sequential_first_layer", '''
import keras
from keras import layers

preprocess = keras.Sequential([
    layers.RandomFlip("horizontal", input_shape=(7, 7, 3)),
    layers.Rescaling(1.0 / 255),
], name="preprocess")
model = keras.Sequential([
    preprocess,
    layers.Conv2D(4, 3, activation="relu"),
    layers.Flatten(),
    layers.Dense(2),
])
''', "a Sequential as the first layer of a Sequential (RandomFlip is the identity at inference)", input_range=[0, 255])

forward("fwd_nested_functional_model", '''
import keras
from keras import layers

inner_in = keras.Input(shape=(6, 6, 2))
h = layers.Conv2D(3, 3, padding="same", activation="tanh")(inner_in)
h = layers.Conv2D(2, 1)(h)
residual = keras.Model(inner_in, layers.add([inner_in, h]), name="residual")

inputs = keras.Input(shape=(6, 6, 2))
x = residual(inputs)
x = layers.Conv2D(4, 3)(x)
model = keras.Model(inputs, x)
''', "a functional Model used as a layer (inner outputs under expected/residual/)")

forward("fwd_loop_built_sequential", '''
import keras
from keras import layers

model = keras.Sequential()
model.add(keras.Input(shape=(12, 12, 1)))
for f in [4, 8]:
    model.add(layers.Conv2D(f, 3, padding="same", activation="relu"))
    model.add(layers.MaxPooling2D(2))
model.add(layers.Flatten())
model.add(layers.Dense(5, activation="softmax"))
''', "Sequential built with model.add in a loop")

forward("fwd_loop_built_residual", '''
import keras
from keras import layers


def residual_block(x, filters):
    shortcut = x
    if x.shape[-1] != filters:
        shortcut = layers.Conv2D(filters, 1)(x)
    y = layers.Conv2D(filters, 3, padding="same")(x)
    y = layers.BatchNormalization()(y)
    y = layers.Activation("relu")(y)
    y = layers.Conv2D(filters, 3, padding="same")(y)
    return layers.add([shortcut, y])


inputs = keras.Input(shape=(6, 6, 2))
x = inputs
for f in [2, 4]:
    x = residual_block(x, f)
model = keras.Model(inputs, x)
''', "functional residual blocks built by a helper in a loop")

forward("fwd_custom_reflection_padding", '''
import tensorflow as tf
from tensorflow.keras import layers, Model


class ReflectionPadding2D(layers.Layer):
    def __init__(self, padding=(1, 1), **kwargs):
        self.padding = tuple(padding)
        super().__init__(**kwargs)

    def call(self, x):
        w, h = self.padding
        return tf.pad(x, [[0, 0], [h, h], [w, w], [0, 0]], mode="REFLECT")


inputs = layers.Input((5, 5, 2))
x = ReflectionPadding2D((2, 1))(inputs)
x = layers.Conv2D(3, 3)(x)
model = Model(inputs, x)
''', "a custom Layer (ReflectionPadding2D) whose call is tf.pad REFLECT")

forward("fwd_custom_scale_layer_weights", '''
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
''', "a custom Layer with weights (scale_layer.gamma.npy, scale_layer.beta.npy)")

forward("fwd_upsampling_bilinear_decoder_loop", '''
import keras
from keras import layers

inputs = keras.Input(shape=(3, 4, 4))
x = inputs
for f in [4, 2]:
    x = layers.UpSampling2D(2, interpolation="bilinear")(x)
    x = layers.Conv2D(f, 3, padding="same")(x)
model = keras.Model(inputs, x)
''', "UpSampling2D bilinear (half-pixel, as tf.keras 2) in a loop-built decoder")
