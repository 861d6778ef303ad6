"""The fake `keras`, `tensorflow` (tf.keras) and `keras.backend` module trees put into sys.modules."""
import os
import sys
import types

from . import core
from . import trace as T

APPLICATIONS_DIR = None  # set by the runner: resources/applications/keras


class _Fn:
    """A TensorFlow/Keras function usable on traced tensors and, when it has a Keras name, as activation=."""

    def __init__(self, impl, keras_name=None):
        self._impl = impl
        self._keras_name = keras_name

    def __call__(self, *a, **k):
        for v in list(a) + list(k.values()):
            if isinstance(v, core.KerasTensor):
                v._tfop()
            if isinstance(v, (list, tuple)):
                for e in v:
                    if isinstance(e, core.KerasTensor):
                        e._tfop()
        return self._impl(*a, **k)

    def __repr__(self):
        return f"<function {self._keras_name or self._impl}>"


def _u(op, keras_name=None, **fixed):
    return _Fn(lambda x, *a, **k: T.unary(op, x, **fixed), keras_name)


def _relu(x, alpha=0.0, max_value=None, threshold=0.0):
    if alpha == 0.0 and max_value is None and threshold == 0.0:
        return T.unary("relu", x)
    if alpha == 0.0 and threshold == 0.0:
        return T.clip(x, 0.0, max_value)
    raise core.ShimError("relu(alpha/threshold) is not modelled")


def _red(kind):
    def f(x, axis=None, keepdims=False, **kw):
        keepdims = kw.pop("keep_dims", keepdims)
        return T.reduce(kind, x, axis, keepdims)
    return _Fn(f)


def _bin(op):
    return _Fn(lambda a, b, *r, **k: T._binary(op, a, b))


def _cast(x, dtype=None, **k):
    return x


def _identity(x, **k):
    return x


def _constant(value, dtype=None, shape=None, name=None):
    import numpy as np
    return np.asarray(value, dtype="float64")


ACT = {
    "relu": _Fn(_relu, "relu"), "sigmoid": _u("sigmoid", "sigmoid"), "tanh": _u("tanh", "tanh"),
    "softmax": _Fn(lambda x, axis=-1: T.softmax(x, axis), "softmax"), "elu": _u("elu", "elu"),
    "selu": _u("selu", "selu"), "softplus": _u("softplus", "softplus"), "softsign": _u("softsign", "softsign"),
    "swish": _u("swish", "swish"), "gelu": _u("gelu", "gelu"), "hard_sigmoid": _u("hard_sigmoid", "hard_sigmoid"),
    "linear": _Fn(_identity, "linear"), "exponential": _u("exp", "exponential"), "relu6": _u("relu6", "relu6"),
}
ACT["silu"] = _Fn(ACT["swish"]._impl, "swish")


def _mod(name, **attrs):
    m = types.ModuleType(name)
    m.__dict__.update(attrs)
    return m


def _not_modelled(what):
    def f(*a, **k):
        raise core.ShimError(f"{what} is not modelled")
    return f


def _preprocess_input(x, *a, **k):
    if isinstance(x, core.KerasTensor):
        x._tfop()
    return x


# ------------------------------------------------------------------------------------------------ applications
_APP_FILES = {"VGG16": "vgg16.py", "VGG19": "vgg19.py", "ResNet50": "resnet50.py", "MobileNetV2": "mobilenet_v2.py"}


def _application(name):
    def builder(*a, **k):
        path = os.path.join(APPLICATIONS_DIR, _APP_FILES[name])
        with open(path) as f:
            src = f.read()
        ns = {"__name__": "convlens_application_" + name.lower()}
        exec(compile(src, path, "exec"), ns)
        return ns[name](*a, **k)
    builder.__name__ = name
    return builder


# ------------------------------------------------------------------------------------------------ datasets
def _dataset(image_shape, classes, label_shape=()):
    def load_data(*a, **k):
        # `classes` zero images of the dataset's real image shape, labelled 0 .. classes-1 (the sample count is
        # not the real one; models never depend on it)
        import numpy as np
        x = np.zeros((classes,) + image_shape, "uint8")
        y = (np.arange(classes) % classes).astype("uint8").reshape((classes,) + label_shape)
        return (x, y), (x.copy(), y.copy())
    return _mod("dataset", load_data=load_data)


class _Dataset:
    """What image_dataset_from_directory returns: class names from the directory tree, nothing else."""

    def __init__(self, class_names):
        self.class_names = class_names

    def _self(self, *a, **k):
        return self

    cache = shuffle = prefetch = map = batch = take = unbatch = repeat = _self


def _image_dataset_from_directory(directory, labels="inferred", label_mode="int", class_names=None, *a, **k):
    directory = str(directory)
    names = class_names or sorted(d for d in os.listdir(directory) if os.path.isdir(os.path.join(directory, d)))
    return _Dataset(list(names))


def _get_file(fname=None, origin=None, untar=False, extract=False, **k):
    return os.path.abspath(fname)


def build():
    """Return {module name: module} for the fake keras / tensorflow trees."""
    L = core.LAYER_CLASSES
    layer_ns = dict(L)
    layer_ns.update({
        "Layer": core.Layer, "Input": core.Input, "InputLayer": core.InputLayer, "Lambda": core.Lambda,
        "add": lambda inputs, **k: L["Add"](**k)(inputs),
        "concatenate": lambda inputs, axis=-1, **k: L["Concatenate"](axis=axis, **k)(inputs),
        "multiply": lambda inputs, **k: L["Multiply"](**k)(inputs),
        "average": lambda inputs, **k: L["Average"](**k)(inputs),
        "maximum": lambda inputs, **k: L["Maximum"](**k)(inputs),
        "minimum": lambda inputs, **k: L["Minimum"](**k)(inputs),
        "subtract": lambda inputs, **k: L["Subtract"](**k)(inputs),
    })
    experimental_pp = _mod("keras.layers.experimental.preprocessing",
                           **{k: L[k] for k in ["Rescaling", "Normalization", "Resizing", "CenterCrop", "RandomFlip",
                                                "RandomRotation", "RandomZoom", "RandomTranslation",
                                                "RandomContrast"]})
    experimental = _mod("keras.layers.experimental", preprocessing=experimental_pp)
    layers = _mod("keras.layers", experimental=experimental, **layer_ns)
    models = _mod("keras.models", Sequential=core.Sequential, Model=core.Model,
                  load_model=_not_modelled("load_model"), model_from_json=_not_modelled("model_from_json"))

    backend = _mod(
        "keras.backend",
        mean=_red("mean"), sum=_red("sum"), max=_red("max"), min=_red("min"), prod=_red("prod"),
        concatenate=_Fn(lambda tensors, axis=-1: T.concat(tensors, axis)),
        stack=_Fn(lambda xs, axis=0: T.stack(xs, axis)),
        relu=_Fn(_relu), sigmoid=ACT["sigmoid"], tanh=ACT["tanh"], softmax=ACT["softmax"], elu=ACT["elu"],
        exp=_u("exp"), log=_u("log"), square=_u("square"), sqrt=_u("sqrt"), abs=_u("abs"),
        pow=_Fn(lambda x, a: T._binary("pow", x, a)), clip=_Fn(lambda x, lo, hi: T.clip(x, lo, hi)),
        maximum=_bin("maximum"), minimum=_bin("minimum"),
        int_shape=lambda x: tuple(x.shape), shape=_Fn(T.dyn_shape),
        reshape=_Fn(T.reshape), permute_dimensions=_Fn(T.transpose), expand_dims=_Fn(T.expand_dims),
        squeeze=_Fn(lambda x, axis: T.squeeze(x, axis)),
        random_normal=_Fn(T.random_normal), resize_images=_Fn(T.resize_images),
        l2_normalize=_Fn(lambda x, axis=None: T.l2_normalize(x, axis)), cast=_cast,
        image_data_format=lambda: "channels_last", set_image_data_format=lambda f: None,
        epsilon=lambda: 1e-7, floatx=lambda: "float32", clear_session=core.clear_session,
        is_keras_tensor=lambda x: isinstance(x, core.KerasTensor), dot=_Fn(T.matmul),
    )
    activations = _mod("keras.activations", **ACT)
    opaque = lambda what: (lambda *a, **k: core._Opaque(what))
    optimizers = _mod("keras.optimizers", **{n: opaque(n) for n in ["Adam", "SGD", "RMSprop", "Adagrad", "Adadelta",
                                                                    "Nadam", "Adamax", "AdamW"]})
    optimizers.legacy = _mod("keras.optimizers.legacy", Adam=opaque("Adam"), SGD=opaque("SGD"))
    optimizers.schedules = _mod("keras.optimizers.schedules", ExponentialDecay=opaque("ExponentialDecay"))
    regularizers = _mod("keras.regularizers", l1=opaque("l1"), l2=opaque("l2"), l1_l2=opaque("l1_l2"),
                        L1=opaque("L1"), L2=opaque("L2"), L1L2=opaque("L1L2"))
    initializers = _mod("keras.initializers", **{n: opaque(n) for n in [
        "HeNormal", "HeUniform", "GlorotUniform", "GlorotNormal", "RandomNormal", "RandomUniform", "Zeros", "Ones",
        "Constant", "TruncatedNormal", "he_normal", "glorot_uniform", "Orthogonal"]})
    constraints = _mod("keras.constraints", max_norm=opaque("max_norm"), MaxNorm=opaque("MaxNorm"))
    losses = _mod("keras.losses", **{n: opaque(n) for n in [
        "SparseCategoricalCrossentropy", "CategoricalCrossentropy", "BinaryCrossentropy", "MeanSquaredError",
        "MeanAbsoluteError", "sparse_categorical_crossentropy", "binary_crossentropy", "mse",
        "categorical_crossentropy", "mean_squared_error", "Huber"]})
    metrics = _mod("keras.metrics", **{n: opaque(n) for n in ["Accuracy", "SparseCategoricalAccuracy", "Mean", "AUC",
                                                            "BinaryAccuracy", "CategoricalAccuracy"]})
    callbacks = _mod("keras.callbacks", **{n: opaque(n) for n in [
        "ModelCheckpoint", "EarlyStopping", "ReduceLROnPlateau", "TensorBoard", "CSVLogger", "Callback"]})

    def register_serializable(*a, **k):
        if a and callable(a[0]) and not k:
            return a[0]
        return lambda cls: cls

    def to_categorical(y, num_classes=None, **k):
        import numpy as np
        y = np.asarray(y, dtype="int64").ravel()
        n = num_classes or int(y.max()) + 1
        out = np.zeros((y.shape[0], n), "float32")
        out[np.arange(y.shape[0]), y] = 1
        return out

    utils = _mod("keras.utils", plot_model=lambda *a, **k: None, to_categorical=to_categorical,
                 register_keras_serializable=register_serializable, get_custom_objects=lambda: {},
                 image_dataset_from_directory=_image_dataset_from_directory, get_file=_get_file,
                 set_random_seed=lambda s: None)
    saving = _mod("keras.saving", register_keras_serializable=register_serializable)
    datasets = _mod("keras.datasets", mnist=_dataset((28, 28), 10), fashion_mnist=_dataset((28, 28), 10),
                    cifar10=_dataset((32, 32, 3), 10, (1,)), cifar100=_dataset((32, 32, 3), 100, (1,)))

    app_ns = {n: _application(n) for n in _APP_FILES}
    app_sub = {
        "vgg16": _mod("keras.applications.vgg16", VGG16=app_ns["VGG16"], preprocess_input=_preprocess_input),
        "vgg19": _mod("keras.applications.vgg19", VGG19=app_ns["VGG19"], preprocess_input=_preprocess_input),
        "resnet50": _mod("keras.applications.resnet50", ResNet50=app_ns["ResNet50"], preprocess_input=_preprocess_input),
        "resnet": _mod("keras.applications.resnet", ResNet50=app_ns["ResNet50"], preprocess_input=_preprocess_input),
        "mobilenet_v2": _mod("keras.applications.mobilenet_v2", MobileNetV2=app_ns["MobileNetV2"],
                             preprocess_input=_preprocess_input),
    }
    applications = _mod("keras.applications", **app_ns, **app_sub)

    ops_image = _mod("keras.ops.image", resize=_Fn(lambda x, size, interpolation="bilinear", **k:
                                                  T.resize(x, size, interpolation)))
    ops = _mod("keras.ops", image=ops_image, mean=_red("mean"), sum=_red("sum"), max=_red("max"),
               concatenate=_Fn(lambda xs, axis=0: T.concat(xs, axis)), relu=ACT["relu"], sigmoid=ACT["sigmoid"],
               tanh=ACT["tanh"], softmax=ACT["softmax"], add=_bin("add"), subtract=_bin("sub"),
               multiply=_bin("mul"), divide=_bin("div"), maximum=_bin("maximum"), minimum=_bin("minimum"),
               reshape=_Fn(T.reshape), transpose=_Fn(lambda x, axes: T.transpose(x, axes)),
               expand_dims=_Fn(T.expand_dims), squeeze=_Fn(lambda x, axis=None: T.squeeze(x, axis)),
               sqrt=_u("sqrt"), square=_u("square"), exp=_u("exp"), abs=_u("abs"),
               pad=_Fn(lambda x, pad_width, mode="constant", constant_values=None:
                       T.pad(x, pad_width, mode, constant_values or 0)),
               clip=_Fn(lambda x, lo, hi: T.clip(x, lo, hi)), shape=_Fn(lambda x: tuple(x.shape)),
               convert_to_tensor=_identity, cast=_cast)

    keras = _mod("keras", layers=layers, models=models, backend=backend, activations=activations,
                 optimizers=optimizers, regularizers=regularizers, initializers=initializers, losses=losses,
                 metrics=metrics, callbacks=callbacks, utils=utils, applications=applications, datasets=datasets,
                 constraints=constraints, saving=saving, ops=ops,
                 Sequential=core.Sequential, Model=core.Model, Input=core.Input, Layer=core.Layer,
                 KerasTensor=core.KerasTensor, __version__="2.15.0")
    keras.preprocessing = _mod("keras.preprocessing", image=_mod("keras.preprocessing.image",
                                                               ImageDataGenerator=opaque("ImageDataGenerator")))

    # tensorflow
    image = _mod("tensorflow.image", resize=_Fn(T.resize), ResizeMethod=_mod(
        "ResizeMethod", BILINEAR="bilinear", NEAREST_NEIGHBOR="nearest"),
        flip_left_right=_Fn(lambda x: T.unary("flip_lr", x)))
    nn = _mod("tensorflow.nn", relu=ACT["relu"], relu6=ACT["relu6"], sigmoid=ACT["sigmoid"], tanh=ACT["tanh"],
              softmax=ACT["softmax"], elu=ACT["elu"], selu=ACT["selu"], swish=ACT["swish"], silu=ACT["silu"],
              gelu=ACT["gelu"], softplus=ACT["softplus"], leaky_relu=_Fn(T.leaky_relu),
              depth_to_space=_Fn(T.depth_to_space), space_to_depth=_Fn(T.space_to_depth),
              l2_normalize=_Fn(T.l2_normalize))
    math_ = _mod("tensorflow.math", sigmoid=ACT["sigmoid"], tanh=ACT["tanh"], exp=_u("exp"), log=_u("log"),
                 sqrt=_u("sqrt"), square=_u("square"), abs=_u("abs"), reduce_mean=_red("mean"),
                 reduce_sum=_red("sum"), reduce_max=_red("max"), reduce_min=_red("min"), maximum=_bin("maximum"),
                 minimum=_bin("minimum"), add=_bin("add"), subtract=_bin("sub"), multiply=_bin("mul"),
                 divide=_bin("div"), truediv=_bin("div"), l2_normalize=_Fn(T.l2_normalize),
                 squared_difference=_Fn(lambda a, b: T._binary("sub", a, b) * T._binary("sub", a, b)))
    random = _mod("tensorflow.random", normal=_Fn(T.random_normal), set_seed=lambda s: None)
    config = _mod("tensorflow.config", list_physical_devices=lambda *a: [],
                  experimental=_mod("x", set_memory_growth=lambda *a: None))
    tf = _mod("tensorflow", keras=keras, nn=nn, math=math_, image=image, random=random, config=config,
              concat=_Fn(T.concat), stack=_Fn(lambda xs, axis=0: T.stack(xs, axis)), reshape=_Fn(T.reshape),
              transpose=_Fn(lambda x, perm: T.transpose(x, perm)), expand_dims=_Fn(T.expand_dims),
              squeeze=_Fn(lambda x, axis=None: T.squeeze(x, axis)), split=_Fn(T.split), pad=_Fn(T.pad),
              clip_by_value=_Fn(lambda x, lo, hi: T.clip(x, lo, hi)), maximum=_bin("maximum"),
              minimum=_bin("minimum"), add=_bin("add"), subtract=_bin("sub"), multiply=_bin("mul"),
              divide=_bin("div"), square=_u("square"), sqrt=_u("sqrt"), exp=_u("exp"), abs=_u("abs"),
              sigmoid=ACT["sigmoid"], tanh=ACT["tanh"],
              reduce_mean=_red("mean"), reduce_sum=_red("sum"), reduce_max=_red("max"), reduce_min=_red("min"),
              matmul=_Fn(T.matmul), shape=_Fn(T.dyn_shape), identity=_Fn(_identity), cast=_cast,
              zeros_like=_Fn(lambda x: T.unary("zeros_like", x)), ones_like=_Fn(lambda x: T.unary("ones_like", x)),
              constant=_constant, float32="float32", data=_mod("tensorflow.data", AUTOTUNE=-1),
              random_normal_initializer=opaque("random_normal_initializer"), int32="int32", newaxis=None, __version__="2.15.0",
              py_function=_not_modelled("tf.py_function"), numpy_function=_not_modelled("tf.numpy_function"))

    mods = {}

    def reg(prefix, m):
        mods[prefix] = m

    for root in ("keras", "tensorflow.keras"):
        reg(root, keras)
        reg(root + ".layers", layers)
        reg(root + ".layers.experimental", experimental)
        reg(root + ".layers.experimental.preprocessing", experimental_pp)
        reg(root + ".models", models)
        reg(root + ".backend", backend)
        reg(root + ".activations", activations)
        reg(root + ".optimizers", optimizers)
        reg(root + ".optimizers.legacy", optimizers.legacy)
        reg(root + ".optimizers.schedules", optimizers.schedules)
        reg(root + ".regularizers", regularizers)
        reg(root + ".initializers", initializers)
        reg(root + ".constraints", constraints)
        reg(root + ".losses", losses)
        reg(root + ".metrics", metrics)
        reg(root + ".callbacks", callbacks)
        reg(root + ".utils", utils)
        reg(root + ".saving", saving)
        reg(root + ".datasets", datasets)
        reg(root + ".datasets.mnist", datasets.mnist)
        reg(root + ".datasets.cifar10", datasets.cifar10)
        reg(root + ".datasets.fashion_mnist", datasets.fashion_mnist)
        reg(root + ".applications", applications)
        for k, v in app_sub.items():
            reg(root + ".applications." + k, v)
        reg(root + ".preprocessing", keras.preprocessing)
        reg(root + ".preprocessing.image", keras.preprocessing.image)
        reg(root + ".ops", ops)
        for old in ("core", "convolutional", "pooling", "normalization", "merge", "advanced_activations"):
            reg(root + ".layers." + old, layers)  # Keras 2.0-era module paths (keras.layers.core, ...)
    reg("tensorflow", tf)
    reg("tensorflow.nn", nn)
    reg("tensorflow.math", math_)
    reg("tensorflow.image", image)
    reg("tensorflow.random", random)
    keras.preprocessing.image_dataset_from_directory = utils.image_dataset_from_directory
    return mods


def install():
    mods = build()
    for k in list(sys.modules):
        if k == "tensorflow" or k.startswith("tensorflow.") or k == "keras" or k.startswith("keras."):
            del sys.modules[k]
    for m in mods.values():
        if not hasattr(m, "__path__"):
            m.__path__ = []  # a package, so that `import keras.layers.core` resolves through sys.modules
    sys.modules.update(mods)
    return mods
