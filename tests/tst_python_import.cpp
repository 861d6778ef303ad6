// tst_python_import.cpp — the Keras and PyTorch code importers: every accepted way of writing a model, the
// parameters they record, tf.keras default names, the notes for skipped lines, and every error with its position.
// Graphs are compared in a compact spelling: "name:Type<input1,input2" per layer, "*" marking an implicit input.
#include "formats/model_file.h"
#include "formats/text_file.h"
#include "importers/python_code.h"
#include "shape/infer.h"

#include <QTemporaryDir>
#include <QTest>

#include <fstream>

using namespace convlens;

Q_DECLARE_METATYPE(std::optional<Shape>)

namespace {

QByteArray render(const Graph &g)
{
    QByteArray out;
    for (const auto &l : g.layers) {
        if (!out.isEmpty())
            out += ' ';
        out += QByteArray::fromStdString(l.name + ":" + l.type);
        for (size_t i = 0; i < l.inputs.size(); ++i)
            out += (i == 0 ? "<" : ",") + QByteArray::fromStdString(l.inputs[i]);
        if (l.implicitInput)
            out += '*';
    }
    return out;
}

QByteArray join(const std::vector<std::string> &v)
{
    QByteArray out;
    for (const auto &s : v)
        out += (out.isEmpty() ? "" : " ") + QByteArray::fromStdString(s);
    return out;
}

LoadResult import(const QByteArray &code, std::optional<Shape> shape = std::nullopt,
                  std::optional<Framework> f = std::nullopt)
{
    LoadOptions o;
    o.inputShape = std::move(shape);
    o.framework = f;
    return importPythonCode(code.toStdString(), "model.py", o);
}

QByteArray errorOf(const LoadResult &r)
{
    return r.error ? QByteArray::fromStdString(r.error->toString()) : QByteArray("(no error)");
}

} // namespace

class TestPythonImport : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void acceptedStyles_data();
    void acceptedStyles();
    void torchModules_data();
    void torchModules();
    void applications_data();
    void applications();
    void parameters_data();
    void parameters();
    void kerasDefaultNames();
    void newKinds_data();
    void newKinds();
    void notes_data();
    void notes();
    void errors_data();
    void errors();
    void detect_data();
    void detect();
    void inputShapeOverride();
    void loadFiles();
};

void TestPythonImport::acceptedStyles_data()
{
    QTest::addColumn<QByteArray>("code");
    QTest::addColumn<std::optional<Shape>>("shape");
    QTest::addColumn<QByteArray>("graph");
    QTest::addColumn<QByteArray>("outputs");
    const std::optional<Shape> none;

    QTest::addRow("Sequential list") << QByteArray(R"py(
from keras.models import Sequential
from keras.layers import Conv2D, MaxPooling2D, Flatten, Dense
model = Sequential([
    Conv2D(8, 3, activation='relu', input_shape=(28, 28, 1)),
    MaxPooling2D(),
    Flatten(),
    Dense(10, activation='softmax'),
])
)py") << none << QByteArray("input:InputLayer* conv2d:Conv2D<input max_pooling2d:MaxPooling2D<conv2d "
                               "flatten:Flatten<max_pooling2d dense:Dense<flatten")
                            << QByteArray();

    QTest::addRow("Sequential() + add, tf.keras prefixes") << QByteArray(R"py(
import tensorflow as tf
model = tf.keras.models.Sequential()
model.add(tf.keras.layers.Conv2D(4, (3, 3), input_shape=(8, 8, 3)))
model.add(tf.keras.layers.BatchNormalization())
model.add(tf.keras.layers.Activation('relu'))
)py") << none << QByteArray("input:InputLayer* conv2d:Conv2D<input batch_normalization:BatchNormalization<conv2d "
                               "activation:Activation<batch_normalization")
                            << QByteArray();

    QTest::addRow("layers module, keras.Sequential") << QByteArray(R"py(
from tensorflow import keras
from tensorflow.keras import layers
model = keras.Sequential(
    [
        keras.Input(shape=(28, 28, 1)),
        layers.Conv2D(32, kernel_size=(3, 3), activation="relu"),
        layers.Dropout(0.5),
    ]
)
)py") << none << QByteArray("input_1:InputLayer* conv2d:Conv2D<input_1 dropout:Dropout<conv2d") << QByteArray();

    QTest::addRow("InputLayer in a Sequential") << QByteArray(R"py(
from keras.layers import InputLayer, Dense
from keras.models import Sequential
model = Sequential()
model.add(InputLayer(input_shape=(16,)))
model.add(Dense(4))
)py") << none << QByteArray("input_1:InputLayer* dense:Dense<input_1") << QByteArray();

    QTest::addRow("Sequential.build") << QByteArray(R"py(
from keras.layers import Dense
from keras.models import Sequential
model = Sequential([Dense(4)])
model.build((None, 16))
)py") << none << QByteArray("input:InputLayer* dense:Dense<input") << QByteArray();

    QTest::addRow("functional") << QByteArray(R"py(
from keras.layers import Input, Conv2D, MaxPooling2D
from keras.models import Model
inputs = Input(shape=(28, 28, 1))
x = Conv2D(16, (3, 3), activation='relu', padding='same')(inputs)
x = MaxPooling2D((2, 2))(x)
model = Model(inputs=inputs, outputs=x)
)py") << none << QByteArray("input_1:InputLayer conv2d:Conv2D<input_1 max_pooling2d:MaxPooling2D<conv2d")
                            << QByteArray("max_pooling2d");

    QTest::addRow("Input positional, Model positional") << QByteArray(R"py(
from keras.layers import *
from keras.models import Model
inp = Input((28, 28, 1))
out = Conv2D(2, 3)(inp)
model = Model(inp, out)
)py") << none << QByteArray("input_1:InputLayer conv2d:Conv2D<input_1") << QByteArray("conv2d");

    QTest::addRow("Input(variable), keras.Model") << QByteArray(R"py(
import keras
input_size = (32, 32, 3)
inp = keras.Input(input_size, name='image')
out = keras.layers.Conv2D(2, 3, name='head')(inp)
model = keras.Model(inputs=[inp], outputs=[out])
)py") << none << QByteArray("image:InputLayer head:Conv2D<image") << QByteArray("head");

    QTest::addRow("old input=/output=, keras.models.Model") << QByteArray(R"py(
import keras
a = keras.layers.Input(shape=(8, 8, 1))
b = keras.layers.Conv2D(1, 1)(a)
model = keras.models.Model(input=a, output=b)
)py") << none << QByteArray("input_1:InputLayer conv2d:Conv2D<input_1") << QByteArray("conv2d");

    QTest::addRow("nested calls: inner layer first") << QByteArray(R"py(
from keras.layers import *
drop5 = Input((16, 16, 8))
up6 = Conv2D(512, 2, activation='relu', padding='same')(UpSampling2D(size=(2, 2))(drop5))
)py") << none << QByteArray("input_1:InputLayer up_sampling2d:UpSampling2D<input_1 conv2d:Conv2D<up_sampling2d")
                            << QByteArray();

    QTest::addRow("concatenate and add, all spellings") << QByteArray(R"py(
from tensorflow.keras import layers
from tensorflow.keras.layers import concatenate, add, Concatenate, Add
x = layers.Input((8, 8, 4))
a = layers.Conv2D(4, 1)(x)
b = layers.Conv2D(4, 1)(x)
c1 = concatenate([a, b], axis=3)
c2 = Concatenate(axis=3)([a, b])
c3 = Concatenate()([a, b])
c4 = layers.concatenate(inputs=[a, b])
s1 = add([a, b])
s2 = Add()([a, b])
s3 = layers.add([s1, s2])
)py") << none << QByteArray("input_1:InputLayer conv2d:Conv2D<input_1 conv2d_1:Conv2D<input_1 "
                               "concatenate:Concatenate<conv2d,conv2d_1 concatenate_1:Concatenate<conv2d,conv2d_1 "
                               "concatenate_2:Concatenate<conv2d,conv2d_1 concatenate_3:Concatenate<conv2d,conv2d_1 "
                               "add:Add<conv2d,conv2d_1 add_1:Add<conv2d,conv2d_1 add_2:Add<add,add_1")
                            << QByteArray();

    QTest::addRow("layer object assigned, then called") << QByteArray(R"py(
from keras.layers import Input, MaxPooling2D
x = Input((8, 8, 1))
pool = MaxPooling2D()
y = pool(x)
)py") << none << QByteArray("input_1:InputLayer max_pooling2d:MaxPooling2D<input_1") << QByteArray();

    QTest::addRow("def with defaults, called") << QByteArray(R"py(
from keras.models import *
from keras.layers import *
from keras.optimizers import *

def unet(pretrained_weights = None,input_size = (64,64,1)):
    inputs = Input(input_size)
    conv1 = Conv2D(8, 3, activation = 'relu', padding = 'same')(inputs)
    pool1 = MaxPooling2D(pool_size=(2, 2))(conv1)
    up = Conv2D(8, 2, padding = 'same')(UpSampling2D(size = (2,2))(pool1))
    merge = concatenate([conv1, up], axis = 3)
    out = Conv2D(1, 1, activation = 'sigmoid')(merge)
    model = Model(input = inputs, output = out)
    model.compile(optimizer = Adam(lr = 1e-4), loss = 'binary_crossentropy', metrics = ['accuracy'])
    if(pretrained_weights):
    	model.load_weights(pretrained_weights)
    return model

model = unet()
model.summary()
)py") << none << QByteArray("input_1:InputLayer conv2d:Conv2D<input_1 max_pooling2d:MaxPooling2D<conv2d "
                               "up_sampling2d:UpSampling2D<max_pooling2d conv2d_1:Conv2D<up_sampling2d "
                               "concatenate:Concatenate<conv2d,conv2d_1 conv2d_2:Conv2D<concatenate")
                            << QByteArray("conv2d_2");

    QTest::addRow("def never called: body imported with defaults") << QByteArray(R"py(
from keras.layers import *
from keras.models import Model
def conv_block(x, filters):
    x = Conv2D(filters, 3, padding='same')(x)
    return Activation('relu')(x)

def build(input_shape=(32, 32, 3), width=4):
    inp = Input(input_shape)
    x = conv_block(inp, width)
    x = conv_block(x, width * 2)
    return Model(inp, x)
)py") << none << QByteArray("input_1:InputLayer conv2d:Conv2D<input_1 activation:Activation<conv2d "
                               "conv2d_1:Conv2D<activation activation_1:Activation<conv2d_1")
                            << QByteArray("activation_1");

    QTest::addRow("if with a known condition") << QByteArray(R"py(
from keras.layers import *
def build(use_bn=True, use_dropout=False):
    x = inp = Input((8, 8, 1))
    x = Conv2D(2, 3)(x)
    if use_bn:
        x = BatchNormalization()(x)
    elif use_dropout:
        x = Dropout(0.5)(x)
    else:
        pass
    return x
y = build()
)py") << none << QByteArray("input_1:InputLayer conv2d:Conv2D<input_1 batch_normalization:BatchNormalization<conv2d")
                            << QByteArray();

    QTest::addRow("channels_first check takes the TensorFlow branch") << QByteArray(R"py(
from keras import backend as K
from keras.models import Sequential
from keras.layers import Conv2D
img_rows, img_cols = 28, 28
if K.image_data_format() == 'channels_first':
    input_shape = (1, img_rows, img_cols)
else:
    input_shape = (img_rows, img_cols, 1)
model = Sequential()
model.add(Conv2D(32, kernel_size=(3, 3), input_shape=input_shape))
)py") << none << QByteArray("input:InputLayer* conv2d:Conv2D<input") << QByteArray();

    QTest::addRow("L alias and star import") << QByteArray(R"py(
from keras.layers import *
import tensorflow.keras.layers as L
x = Input((8, 8, 3))
y = L.Conv2D(2, 3)(x)
z = L.GlobalAveragePooling2D()(y)
)py") << none << QByteArray("input_1:InputLayer conv2d:Conv2D<input_1 global_average_pooling2d:GlobalAveragePooling2D<conv2d")
                            << QByteArray();

    QTest::addRow("layers off the model's path are not in it") << QByteArray(R"py(
from keras.layers import *
from keras.models import Model
x = Input((8, 8, 3))
y = Conv2D(2, 3)(x)
unused = Conv2D(5, 1)(x)
model = Model(x, y)
)py") << none << QByteArray("input_1:InputLayer conv2d:Conv2D<input_1") << QByteArray("conv2d");

    QTest::addRow("the last of two models") << QByteArray(R"py(
from keras.layers import *
from keras.models import Sequential, Model
a = Sequential([Dense(2, input_shape=(4,))])
x = Input((4,))
y = Dense(3)(x)
b = Model(x, y)
)py") << none << QByteArray("input_1:InputLayer dense_1:Dense<input_1") << QByteArray("dense_1");

    QTest::addRow("for loop of layers") << QByteArray(R"py(
from keras.layers import *
x = Input((8, 8, 1))
for i in range(3):
    x = Conv2D(4, 3)(x)
y = Flatten()(x)
)py") << none << QByteArray("input_1:InputLayer conv2d:Conv2D<input_1 conv2d_1:Conv2D<conv2d conv2d_2:Conv2D<conv2d_1 "
                               "flatten:Flatten<conv2d_2")
                            << QByteArray();

    QTest::addRow("comprehension, zip, while, break") << QByteArray(R"py(
from tensorflow.keras import layers, Sequential
widths = [w * 2 for w in (4, 8, 16) if w < 16]
names = ['c{}'.format(i) for i in range(len(widths))]
blocks = []
for name, w in zip(names, widths):
    blocks += [layers.Conv2D(w, 3, name=name), layers.ReLU()]
n = 0
while True:
    n += 1
    if n > 2:
        break
model = Sequential([layers.Input((16, 16, 3))] + blocks + [layers.Flatten(), layers.Dense(n)])
)py") << none << QByteArray("input_1:InputLayer* c0:Conv2D<input_1 re_lu:ReLU<c0 c1:Conv2D<re_lu re_lu_1:ReLU<c1 "
                               "flatten:Flatten<re_lu_1 dense:Dense<flatten")
                            << QByteArray();

    QTest::addRow("list built with append, *args") << QByteArray(R"py(
import torch.nn as nn
layers = []
layers.append(nn.Conv2d(3, 8, 3, padding=1))
layers.append(nn.ReLU())
layers += [nn.MaxPool2d(2)]
model = nn.Sequential(*layers)
)py") << std::optional<Shape>(Shape{3, 32, 32})
                            << QByteArray("input:Input* 0:Conv2d<input 1:ReLU<0 2:MaxPool2d<1") << QByteArray();

    QTest::addRow("PyTorch nn.Sequential") << QByteArray(R"py(
import torch
import torch.nn as nn
model = nn.Sequential(
    nn.Conv2d(1, 8, 3, stride=2, padding=1),
    nn.ReLU(inplace=True),
    nn.Flatten(),
    nn.Linear(8 * 14 * 14, 10),
).to('cpu')
)py") << std::optional<Shape>(Shape{1, 28, 28})
                            << QByteArray("input:Input* 0:Conv2d<input 1:ReLU<0 2:Flatten<1 3:Linear<2") << QByteArray();

    QTest::addRow("torch.nn prefix, bare Sequential") << QByteArray(R"py(
import torch
torch.nn.Sequential(torch.nn.Conv2d(3, 4, 3), torch.nn.BatchNorm2d(4))
)py") << std::optional<Shape>(Shape{3, 8, 8}) << QByteArray("input:Input* 0:Conv2d<input 1:BatchNorm2d<0")
                            << QByteArray();

    QTest::addRow("from torch import nn, OrderedDict names") << QByteArray(R"py(
from collections import OrderedDict
from torch import nn
model = nn.Sequential(OrderedDict([
    ('conv1', nn.Conv2d(1, 20, 5)),
    ('relu1', nn.ReLU()),
    ('pool', nn.MaxPool2d(2)),
]))
)py") << std::optional<Shape>(Shape{1, 28, 28})
                            << QByteArray("input:Input* conv1:Conv2d<input relu1:ReLU<conv1 pool:MaxPool2d<relu1")
                            << QByteArray();

    QTest::addRow("PyTorch nested Sequential") << QByteArray(R"py(
import torch.nn as nn
model = nn.Sequential(
    nn.Sequential(nn.Conv2d(1, 8, 3)),
    nn.ReLU())
)py") << std::optional<Shape>(Shape{1, 8, 8}) << QByteArray("input:Input* 0.0:Conv2d<input 1:ReLU<0.0") << QByteArray();

    QTest::addRow("PyTorch module used twice in a Sequential") << QByteArray(R"py(
import torch.nn as nn
c = nn.Conv2d(1, 1, 3)
model = nn.Sequential(c, c)
)py") << std::optional<Shape>(Shape{1, 8, 8}) << QByteArray("input:Input* 0:Conv2d<input 1:Conv2d<0") << QByteArray();

    QTest::addRow("torch: a stateless module reused, add_module") << QByteArray(R"py(
import torch.nn as nn
act = nn.ReLU()
model = nn.Sequential(nn.Conv2d(1, 2, 3), act, nn.Conv2d(2, 2, 3), act)
model.add_module('head', nn.Flatten())
)py") << std::optional<Shape>(Shape{1, 16, 16})
                            << QByteArray("input:Input* 0:Conv2d<input 1:ReLU<0 2:Conv2d<1 3:ReLU<2 head:Flatten<3")
                            << QByteArray();
}

void TestPythonImport::acceptedStyles()
{
    QFETCH(QByteArray, code);
    QFETCH(std::optional<Shape>, shape);
    QFETCH(QByteArray, graph);
    QFETCH(QByteArray, outputs);
    const LoadResult r = import(code, shape);
    QVERIFY2(r.ok(), errorOf(r).constData());
    QCOMPARE(render(*r.graph), graph);
    QCOMPARE(join(r.graph->outputs), outputs);
}

// nn.Module classes: rows named as torch.fx.symbolic_trace names its nodes, parameters counted once per module.
// The expected names and totals were printed by torch 1.13's symbolic_trace for the same code.
void TestPythonImport::torchModules_data()
{
    QTest::addColumn<QByteArray>("code");
    QTest::addColumn<QByteArray>("call");
    QTest::addColumn<QByteArray>("graph");
    QTest::addColumn<qint64>("totalParams");

    QTest::addRow("blocks, make_layers, ModuleList, view(size(0), -1)") << QByteArray(R"py(
import torch
import torch.nn as nn
import torch.nn.functional as F

class Block(nn.Module):
    expansion = 1
    def __init__(self, c, stride=1):
        super(Block, self).__init__()
        self.conv = nn.Conv2d(c, c, 3, stride, 1, bias=False)
        self.bn = nn.BatchNorm2d(c)
        self.relu = nn.ReLU(inplace=True)
    def forward(self, x):
        out = self.relu(self.bn(self.conv(x)))
        out += x
        return self.relu(out)

def make_layers(cfg):
    layers, c = [], 3
    for v in cfg:
        if v == 'M':
            layers += [nn.MaxPool2d(2)]
        else:
            layers += [nn.Conv2d(c, v, 3, padding=1), nn.ReLU(inplace=True)]
            c = v
    return nn.Sequential(*layers)

class Net(nn.Module):
    def __init__(self, cfg=(8, 'M', 16), blocks=2, num_classes=10):
        super().__init__()
        self.features = make_layers(cfg)
        self.blocks = nn.ModuleList([Block(cfg[-1]) for _ in range(blocks)])
        self.head = nn.Linear(cfg[-1] * 8 * 8, num_classes)
    def forward(self, x):
        x = self.features(x)
        for b in self.blocks:
            x = b(x)
        x = x.view(x.size(0), -1)
        return F.log_softmax(self.head(x), dim=1) if False else F.relu(self.head(x))

model = Net()
)py") << QByteArray()
        << QByteArray("x:Input* features_0:Conv2d<x features_1:ReLU<features_0 features_2:MaxPool2d<features_1 "
                      "features_3:Conv2d<features_2 features_4:ReLU<features_3 blocks_0_conv:Conv2d<features_4 "
                      "blocks_0_bn:BatchNorm2d<blocks_0_conv blocks_0_relu:ReLU<blocks_0_bn "
                      "add:add<blocks_0_relu,features_4 blocks_0_relu_1:ReLU<add blocks_1_conv:Conv2d<blocks_0_relu_1 "
                      "blocks_1_bn:BatchNorm2d<blocks_1_conv blocks_1_relu:ReLU<blocks_1_bn "
                      "add_1:add<blocks_1_relu,blocks_0_relu_1 blocks_1_relu_1:ReLU<add_1 view:Flatten<blocks_1_relu_1 "
                      "head:Linear<view relu:ReLU<head")
        << qint64(16314);

    QTest::addRow("ModuleDict, setattr/getattr names, a module called twice, --call") << QByteArray(R"py(
import torch
import torch.nn as nn
import torch.nn.functional as F

class Net(nn.Module):
    def __init__(self, in_ch, width=4):
        super().__init__()
        self.convs = nn.ModuleDict({'a': nn.Conv2d(in_ch, width, 3), 'b': nn.Conv2d(width, width, 3)})
        self.pool = nn.MaxPool2d(2)
        for i in range(2):
            setattr(self, 'fc{}'.format(i), nn.Linear(width * 2 * 2 if i == 0 else 8, 8))

    def forward(self, input):
        x = self.pool(F.relu(self.convs['a'](input)))
        x = self.pool(F.relu(self.convs['b'](x)))
        c = x.shape[1]
        x = torch.flatten(x, 1)
        for i in range(2):
            x = getattr(self, 'fc%d' % i)(x)
        return x
)py") << QByteArray("Net(1)")
        << QByteArray("input_1:Input* convs_a:Conv2d<input_1 relu:ReLU<convs_a pool:MaxPool2d<relu convs_b:Conv2d<pool "
                      "relu_1:ReLU<convs_b pool_1:MaxPool2d<relu_1 flatten:Flatten<pool_1 fc0:Linear<flatten "
                      "fc1:Linear<fc0")
        << qint64(396);
}

void TestPythonImport::applications_data()
{
    QTest::addColumn<QByteArray>("code");
    QTest::addColumn<QByteArray>("call");
    QTest::addColumn<qint64>("totalParams"); // the published counts (torchvision's and Keras' documentation)
    QTest::addRow("torchvision resnet18") << QByteArray("import torchvision\nmodel = torchvision.models.resnet18()\n")
                                          << QByteArray() << qint64(11689512);
    QTest::addRow("torchvision vgg16, weights=None")
        << QByteArray("from torchvision import models\nmodel = models.vgg16(weights=None)\n") << QByteArray()
        << qint64(138357544);
    QTest::addRow("torchvision mobilenet_v2 by --call")
        << QByteArray("from torchvision.models import mobilenet_v2\n") << QByteArray("mobilenet_v2()") << qint64(3504872);
    QTest::addRow("keras VGG16") << QByteArray("from tensorflow import keras\nmodel = keras.applications.VGG16()\n")
                                 << QByteArray() << qint64(138357544);
    QTest::addRow("keras MobileNetV2") << QByteArray("import tensorflow as tf\nm = tf.keras.applications.MobileNetV2()\n")
                                       << QByteArray() << qint64(3538984);
}

void TestPythonImport::applications()
{
    QFETCH(QByteArray, code);
    QFETCH(QByteArray, call);
    QFETCH(qint64, totalParams);
    LoadOptions o;
    if (code.contains("torchvision"))
        o.inputShape = Shape{3, 224, 224};
    if (!call.isEmpty())
        o.call = call.toStdString();
    const LoadResult r = importPythonCode(code.toStdString(), "model.py", o);
    QVERIFY2(r.ok(), errorOf(r).constData());
    const ShapeReport rep = infer(*r.graph);
    QVERIFY(rep.ok);
    QCOMPARE(rep.totalParams, totalParams);
}

void TestPythonImport::torchModules()
{
    QFETCH(QByteArray, code);
    QFETCH(QByteArray, call);
    QFETCH(QByteArray, graph);
    QFETCH(qint64, totalParams);
    LoadOptions o;
    o.inputShape = code.contains("Net(1)") || call == "Net(1)" ? Shape{1, 14, 14} : Shape{3, 16, 16};
    if (!call.isEmpty())
        o.call = call.toStdString();
    const LoadResult r = importPythonCode(code.toStdString(), "model.py", o);
    QVERIFY2(r.ok(), errorOf(r).constData());
    QCOMPARE(render(*r.graph), graph);
    const ShapeReport rep = infer(*r.graph);
    QVERIFY(rep.ok);
    QCOMPARE(rep.totalParams, totalParams);
}

void TestPythonImport::parameters_data()
{
    QTest::addColumn<QByteArray>("code");
    QTest::addColumn<QByteArray>("layer");
    QTest::addColumn<QByteArray>("param");
    QTest::addColumn<QByteArray>("value"); // Python spelling; "-" = not recorded
    const QByteArray seq = R"py(
from keras.models import Sequential
from keras.layers import *
import tensorflow as tf
n = 16
size = (3, 3)
model = Sequential([
    Conv2D(n * 2, size, strides=2, padding='SAME', activation=tf.nn.relu, batch_input_shape=(None, 28, 28, 1)),
    Conv2D(filters=n // 2 - 1, kernel_size=[3, 3], dilation_rate=(2, 2), name='conv_a', kernel_initializer='he_normal'),
    BatchNormalization(axis=-1, momentum=0.9, epsilon=1e-4),
    LeakyReLU(alpha=0.2),
    Dense(10, 'softmax', use_bias=False),
])
)py";
    QTest::addRow("int arithmetic") << seq << QByteArray("conv2d") << QByteArray("filters") << QByteArray("32");
    QTest::addRow("tuple variable") << seq << QByteArray("conv2d") << QByteArray("kernel_size") << QByteArray("(3, 3)");
    QTest::addRow("padding as given") << seq << QByteArray("conv2d") << QByteArray("padding") << QByteArray("'SAME'");
    QTest::addRow("activation=tf.nn.relu") << seq << QByteArray("conv2d") << QByteArray("activation")
                                           << QByteArray("'relu'");
    QTest::addRow("defaults are not recorded") << seq << QByteArray("conv2d") << QByteArray("dilation_rate")
                                               << QByteArray("-");
    QTest::addRow("batch_input_shape") << seq << QByteArray("input") << QByteArray("shape") << QByteArray("(28, 28, 1)");
    QTest::addRow("floor division, negative") << seq << QByteArray("conv_a") << QByteArray("filters") << QByteArray("7");
    QTest::addRow("list kept as a list") << seq << QByteArray("conv_a") << QByteArray("kernel_size") << QByteArray("(3, 3)");
    QTest::addRow("ignored parameter recorded") << seq << QByteArray("conv_a") << QByteArray("kernel_initializer")
                                                << QByteArray("'he_normal'");
    QTest::addRow("negative axis") << seq << QByteArray("batch_normalization") << QByteArray("axis") << QByteArray("-1");
    QTest::addRow("1e-4") << seq << QByteArray("batch_normalization") << QByteArray("epsilon") << QByteArray("0.0001");
    QTest::addRow("LeakyReLU alpha") << seq << QByteArray("leaky_re_lu") << QByteArray("alpha") << QByteArray("0.2");
    QTest::addRow("positional activation") << seq << QByteArray("dense") << QByteArray("activation")
                                           << QByteArray("'softmax'");
    QTest::addRow("bool") << seq << QByteArray("dense") << QByteArray("use_bias") << QByteArray("False");

    const QByteArray torch = R"py(
import torch.nn as nn
c = 8
model = nn.Sequential(nn.Conv2d(3, c, kernel_size=(3, 5), stride=1, padding=(1, 2), bias=False),
                      nn.MaxPool2d(2, 2, ceil_mode=True), nn.Flatten(), nn.Linear(c * 16 * 16, 10))
)py";
    QTest::addRow("torch positional") << torch << QByteArray("0") << QByteArray("out_channels") << QByteArray("8");
    QTest::addRow("torch tuple") << torch << QByteArray("0") << QByteArray("padding") << QByteArray("(1, 2)");
    QTest::addRow("torch bias") << torch << QByteArray("0") << QByteArray("bias") << QByteArray("False");
    QTest::addRow("torch stride positional") << torch << QByteArray("1") << QByteArray("stride") << QByteArray("2");
    QTest::addRow("torch arithmetic") << torch << QByteArray("3") << QByteArray("in_features") << QByteArray("2048");
    QTest::addRow("torch input") << torch << QByteArray("input") << QByteArray("shape") << QByteArray("(3, 32, 32)");
}

void TestPythonImport::parameters()
{
    QFETCH(QByteArray, code);
    QFETCH(QByteArray, layer);
    QFETCH(QByteArray, param);
    QFETCH(QByteArray, value);
    const LoadResult r = import(code, code.contains("torch") ? std::optional<Shape>(Shape{3, 32, 32}) : std::nullopt);
    QVERIFY2(r.ok(), errorOf(r).constData());
    const Layer *l = r.graph->find(layer.toStdString());
    QVERIFY2(l, render(*r.graph).constData());
    auto it = l->params.find(param.toStdString());
    QCOMPARE(it == l->params.end() ? QByteArray("-") : QByteArray::fromStdString(it->second.toPython()), value);
}

void TestPythonImport::kerasDefaultNames()
{
    // tf.keras 2 counts per base name in construction order, over every layer the code makes.
    const LoadResult r = import(R"py(
from tensorflow.keras.layers import *
from tensorflow.keras.models import Model
a = Input((32, 32, 3))
b = Input((32, 32, 3))
x = Conv2D(8, 3, padding='same')(a)
x = BatchNormalization()(x)
x = MaxPooling2D()(x)
y = Conv2D(8, 3, padding='same', name='named')(b)
y = MaxPooling2D()(y)
x = Conv2D(8, 1)(UpSampling2D()(Conv2D(8, 1)(x)))
y = UpSampling2D()(y)
m = concatenate([x, y])
m = Conv2DTranspose(4, 2)(m)
m = ZeroPadding2D()(m)
m = DepthwiseConv2D(3)(m)
m = SeparableConv2D(4, 3)(m)
m = AveragePooling2D()(m)
m = Dropout(0.1)(m)
m = ReLU()(m)
m = Flatten()(m)
m = Dense(3)(m)
model = Model([a, b], m)
)py");
    QVERIFY2(r.ok(), errorOf(r).constData());
    QStringList names;
    for (const auto &l : r.graph->layers)
        names << QString::fromStdString(l.name);
    // the outer Conv2D of line 12 is made before the inner one, so it is conv2d_1 though it is called after it;
    // rows come in model.summary()'s order (tf.keras functional.py: deepest first, then the walk from the output)
    QCOMPARE(names.join(QLatin1Char(' ')),
             QStringLiteral("input_1 conv2d batch_normalization max_pooling2d input_2 conv2d_2 named up_sampling2d "
                            "max_pooling2d_1 conv2d_1 up_sampling2d_1 concatenate conv2d_transpose zero_padding2d "
                            "depthwise_conv2d separable_conv2d average_pooling2d dropout re_lu flatten dense"));
}

// Issue 9's remaining kinds in both spellings (class and functional / operator): rows, shapes and parameter counts
// as tf.keras 2 and torch.fx give them (the golden corpora hold the framework-made cases of each; these pin the
// spellings), and the refusals with their reason.
void TestPythonImport::newKinds_data()
{
    QTest::addColumn<QByteArray>("code");
    QTest::addColumn<QByteArray>("rows");    // "name:Type=shape/params" per row, shape without the batch
    QTest::addColumn<QByteArray>("refusal"); // a part of the first refused row's error; empty: every row resolves

    QTest::addRow("Keras merges, class and function") << QByteArray(R"py(
from tensorflow.keras import layers, Model
inputs = layers.Input((4, 5, 3))
a = layers.Conv2D(3, 1)(inputs)
m = layers.Multiply()([inputs, a])
s = layers.subtract([m, a])
v = layers.Average()([m, s, a])
x = layers.maximum([v, a])
y = layers.Minimum()([x, layers.multiply([v, layers.Reshape((1, 1, 3))(layers.GlobalAveragePooling2D()(v))])])
model = Model(inputs, y)
)py") << QByteArray("input_1:InputLayer=4,5,3/0 conv2d:Conv2D=4,5,3/12 multiply:Multiply=4,5,3/0 "
                    "subtract:Subtract=4,5,3/0 average:Average=4,5,3/0 "
                    "global_average_pooling2d:GlobalAveragePooling2D=3/0 reshape:Reshape=1,1,3/0 "
                    "maximum:Maximum=4,5,3/0 multiply_1:Multiply=4,5,3/0 minimum:Minimum=4,5,3/0")
          << QByteArray();
    QTest::addRow("Rescaling, Normalization, the experimental path") << QByteArray(R"py(
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers
model = keras.Sequential([
    layers.Rescaling(1. / 255, input_shape=(6, 6, 3)),
    layers.Normalization(mean=[0.485, 0.456, 0.406], variance=[0.229 ** 2, 0.224 ** 2, 0.225 ** 2]),
    layers.experimental.preprocessing.Rescaling(scale=2.0, offset=-1),
    layers.Normalization(),
    layers.Normalization(axis=None, mean=0.5, variance=0.25),
])
)py") << QByteArray("input:InputLayer=6,6,3/0 rescaling:Rescaling=6,6,3/0 normalization:Normalization=6,6,3/0 rescaling_1:Rescaling=6,6,3/0 "
                    "normalization_1:Normalization=6,6,3/7 normalization_2:Normalization=6,6,3/0")
          << QByteArray();
    QTest::addRow("Lambda bodies: x / 255, x * 2 - 1, K.mean, tf.reduce_max, depth_to_space, a * b") << QByteArray(R"py(
import tensorflow as tf
from tensorflow.keras import layers, Model
from tensorflow.keras import backend as K
inputs = layers.Input((3, 4, 8))
x = layers.Lambda(lambda t: t / 255.0)(inputs)
x = layers.Lambda(lambda t: t * 2 - 1)(x)
m = layers.Lambda(lambda t: K.mean(t, axis=-1, keepdims=True))(x)
n = layers.Lambda(lambda t: tf.reduce_max(t, axis=[1, 2]))(x)
d = layers.Lambda(lambda t: tf.nn.depth_to_space(t, 2))(x)
p = layers.Lambda(lambda ab: ab[0] * ab[1])([x, m])
model = Model(inputs, [d, n, p])
)py") << QByteArray("input_1:InputLayer=3,4,8/0 lambda.truediv:truediv=3,4,8/0 lambda_1.multiply:Rescaling=3,4,8/0 "
                    "lambda_1.subtract:Rescaling=3,4,8/0 lambda_2.mean:reduce_mean=3,4,1/0 "
                    "lambda_4.depth_to_space:depth_to_space=6,8,2/0 lambda_3.reduce_max:reduce_max=8/0 "
                    "lambda_5.multiply:Multiply=3,4,8/0")
          << QByteArray();
    // the sizes are Python's slicing of (5, 6, 7): 1: keeps 4, ::2 keeps 3, -3: keeps 3; steps count from the start
    QTest::addRow("Lambda slicing on several axes and K.l2_normalize") << QByteArray(R"py(
import tensorflow as tf
from tensorflow.keras import layers, Model
from tensorflow.keras import backend as K
inputs = layers.Input((5, 6, 7))
s = layers.Lambda(lambda t: t[:, 1:, ::2, -3:])(inputs)
c = layers.Lambda(lambda t: t[:, :, :, 2:5])(inputs)
n = layers.Lambda(lambda t: K.l2_normalize(t, axis=-1))(s)
m = layers.Lambda(lambda t: tf.math.l2_normalize(t, axis=[1, 2], epsilon=1e-6))(c)
e = layers.Lambda(lambda t: t[..., 1:3])(inputs)
f = layers.Lambda(lambda t: t[:, ..., 1:, :])(inputs)
model = Model(inputs, [n, m, e, f])
)py") << QByteArray("input_1:InputLayer=5,6,7/0 lambda.getitem:getitem=4,6,7/0 lambda.getitem_1:getitem=4,3,7/0 "
                    "lambda.getitem_2:getitem=4,3,3/0 lambda_1.getitem:getitem=5,6,3/0 "
                    "lambda_2.l2_normalize:l2_normalize=4,3,3/0 lambda_3.l2_normalize:l2_normalize=5,6,3/0 "
                    "lambda_4.getitem:getitem=5,6,2/0 lambda_5.getitem:getitem=5,5,7/0")
          << QByteArray();
    QTest::addRow("Keras refusal: a Lambda slice that keeps nothing") << QByteArray(R"py(
from tensorflow.keras import layers, Model
inputs = layers.Input((4, 4, 3))
y = layers.Lambda(lambda t: t[:, 5:])(inputs)
model = Model(inputs, y)
)py") << QByteArray() << QByteArray("keeps nothing of an axis of 4");
    QTest::addRow("Keras refusal: Normalization with a mean and no variance") << QByteArray(R"py(
from tensorflow.keras import layers, Model
inputs = layers.Input((4, 4, 3))
x = layers.Normalization(mean=[0.1, 0.2, 0.3])(inputs)
model = Model(inputs, x)
)py") << QByteArray() << QByteArray("both must be set");
    QTest::addRow("Keras refusal: Multiply of incompatible shapes") << QByteArray(R"py(
from tensorflow.keras import layers, Model
inputs = layers.Input((4, 4, 3))
x = layers.Conv2D(2, 1)(inputs)
y = layers.multiply([inputs, x])
model = Model(inputs, y)
)py") << QByteArray() << QByteArray("Inputs have incompatible shapes");
    QTest::addRow("Keras refusal: depth_to_space of 3 channels") << QByteArray(R"py(
import tensorflow as tf
from tensorflow.keras import layers, Model
inputs = layers.Input((4, 4, 3))
y = layers.Lambda(lambda t: tf.nn.depth_to_space(t, 2))(inputs)
model = Model(inputs, y)
)py") << QByteArray() << QByteArray("evenly divisible by 4 but is 3");
    QTest::addRow("torch: abs, pow, **, max(dim) and min(dim), maximum") << QByteArray(R"py(
import torch
import torch.nn as nn

class Net(nn.Module):
    def forward(self, x):
        a = x.abs()
        b = torch.abs(x) ** 2
        c = x.pow(3)
        m = torch.max(x, 1, keepdim=True)[0]
        v, i = x.min(dim=1, keepdim=True)
        return torch.maximum(a, b) * m + torch.min(c, v) + i

model = Net()
)py") << QByteArray("x:Input=3,4,5/0 abs_1:abs=3,4,5/0 abs_2:abs=3,4,5/0 pow_1:pow=3,4,5/0 pow_2:pow=3,4,5/0 "
                    "getitem:amax=1,4,5/0 getitem_1:amin=1,4,5/0 getitem_2:argmin=1,4,5/0 "
                    "maximum:maximum=3,4,5/0 mul:mul=3,4,5/0 min_2:minimum=3,4,5/0 add:add=3,4,5/0 "
                    "add_1:add=3,4,5/0")
          << QByteArray();
}

void TestPythonImport::newKinds()
{
    QFETCH(QByteArray, code);
    QFETCH(QByteArray, rows);
    QFETCH(QByteArray, refusal);
    const LoadResult r = import(code, code.contains("torch") ? std::optional<Shape>(Shape{3, 4, 5}) : std::nullopt);
    QVERIFY2(r.ok(), errorOf(r).constData());
    const ShapeReport rep = infer(*r.graph);
    if (!refusal.isEmpty()) {
        QVERIFY(!rep.ok && rep.firstRefused >= 0);
        const std::string &error = rep.layers[size_t(rep.firstRefused)].error;
        QVERIFY2(error.find(refusal.toStdString()) != std::string::npos, error.c_str());
        return;
    }
    QByteArray got;
    for (const LayerReport &l : rep.layers) {
        QVERIFY2(l.ok(), (l.name + ": " + l.error).c_str());
        QByteArray shape;
        for (auto d : *l.output)
            shape += (shape.isEmpty() ? "" : ",") + QByteArray::number(qint64(d));
        got += (got.isEmpty() ? "" : " ") + QByteArray::fromStdString(l.name + ":" + l.type) + "=" + shape + "/" +
               QByteArray::number(qint64(l.params));
    }
    QVERIFY2(got == rows, QByteArray("got " + got).constData());
}

void TestPythonImport::notes_data()
{
    QTest::addColumn<QByteArray>("code");
    QTest::addColumn<QByteArray>("note");
    const QByteArray model = R"py(
from keras.models import Sequential
from keras.layers import Dense
from keras.optimizers import Adam
model = Sequential([Dense(2, input_shape=(4,))])
)py";
    QTest::addRow("compile") << model + "model.compile(optimizer=Adam(lr=1e-4), loss='mse')\n"
                             << QByteArray("line 6: skipped model.compile(...) (does not build the model)");
    QTest::addRow("summary") << model + "model.summary()\n"
                             << QByteArray("line 6: skipped model.summary(...) (does not build the model)");
    QTest::addRow("fit, assigned") << model + "history = model.fit(x, y, epochs=3)\n"
                                   << QByteArray("line 6: skipped history = model.fit(...) (does not build the model)");
    QTest::addRow("load_weights") << model + "model.load_weights('w.h5')\n"
                                  << QByteArray("line 6: skipped model.load_weights(...) (does not build the model)");
    QTest::addRow("print") << model + "print(model.summary())\n"
                           << QByteArray("line 6: skipped print(...) (does not build the model)");
    QTest::addRow("unknown call assigned") << model + "opt = Adam(lr=1e-4)\n"
                                           << QByteArray("line 6: skipped opt = Adam(...) (does not build the model)");
    QTest::addRow("if, condition unknown") << model + "if gpu_available():\n    model.summary()\n"
                                           << QByteArray("line 6: skipped `if gpu_available(...):` (its condition "
                                                         "cannot be evaluated here)");
    QTest::addRow("if, condition false") << model + "DEBUG = False\nif DEBUG:\n    print('x')\n"
                                         << QByteArray("line 7: skipped `if DEBUG:` (its condition is false)");
    QTest::addRow("loop over data") << model + "for batch in train_ds:\n    print(batch)\n"
                                    << QByteArray("line 6: skipped `for batch in train_ds:` (name 'train_ds' is not "
                                                  "defined)");
    QTest::addRow("while on data") << model + "while not done():\n    pass\n"
                                   << QByteArray("line 6: skipped `while not done(...):` (its condition cannot be "
                                                 "evaluated here)");
    QTest::addRow("Python 2 print") << model + "print model.summary()\n"
                                    << QByteArray("line 6: skipped a Python 2 print statement (does not build the model)");
    QTest::addRow("def body imported") << QByteArray("from keras.layers import *\n"
                                                     "def net(shape=(4,)):\n"
                                                     "    x = Input(shape)\n"
                                                     "    return Dense(2)(x)\n")
                                       << QByteArray("line 2: imported the body of net() with its default "
                                                     "arguments (the code defines it but does not call it)");
}

void TestPythonImport::notes()
{
    QFETCH(QByteArray, code);
    QFETCH(QByteArray, note);
    const LoadResult r = import(code);
    QVERIFY2(r.ok(), errorOf(r).constData());
    QByteArray all;
    for (const auto &n : r.notes)
        all += QByteArray::fromStdString(n) + "\n";
    QVERIFY2(all.contains(QByteArray(note + "\n")), all.constData());
    QCOMPARE(r.graph->notes, r.notes);
}

void TestPythonImport::errors_data()
{
    QTest::addColumn<QByteArray>("code");
    QTest::addColumn<std::optional<Shape>>("shape");
    QTest::addColumn<QByteArray>("error"); // LoadError::toString(); a trailing "…" means "starts with"
    const std::optional<Shape> none;
    const QByteArray header = "from keras.models import Sequential, Model\nfrom keras.layers import *\n";

    // line 12, column 5: a layer inside a Sequential list
    QTest::addRow("parameter type") << header + "\n\n\n\n\n\n\nmodel = Sequential([\n"
                                                "    Conv2D(8, 3, input_shape=(8, 8, 1)),\n"
                                                "    Conv2D(8, kernel_size='a'),\n])\n"
                                    << none
                                    << QByteArray("model.py:12:5: Conv2D(kernel_size='a'): expected an int or a tuple "
                                                  "of 2 ints, got 'a'");
    QTest::addRow("unexpected keyword") << header + "x = Input((8, 8, 1))\ny = Conv2D(4, 3, foo=1)(x)\n" << none
                                        << QByteArray("model.py:4:5: Conv2D() got an unexpected keyword argument 'foo'");
    QTest::addRow("Keras 1 keyword") << header + "x = Input((8, 8, 1))\ny = Conv2D(4, 3, border_mode='same')(x)\n"
                                     << none
                                     << QByteArray("model.py:4:5: Conv2D() got an unexpected keyword argument "
                                                   "'border_mode' (Keras 1 spelling; tf.keras calls it padding=)");
    QTest::addRow("too many positional") << header + "x = Input((8, 8, 1))\ny = MaxPooling2D(2, 2, 'same', None, 1)(x)\n"
                                         << none
                                         << QByteArray("model.py:4:5: MaxPooling2D() takes at most 4 positional "
                                                       "arguments (pool_size, strides, padding, data_format), got 5");
    QTest::addRow("missing required") << header + "x = Input((8, 8, 1))\ny = Conv2D(kernel_size=3)(x)\n" << none
                                      << QByteArray("model.py:4:5: Conv2D() missing required argument 'filters'");
    QTest::addRow("multiple values") << header + "x = Input((8, 8, 1))\ny = Conv2D(4, 3, filters=2)(x)\n" << none
                                     << QByteArray("model.py:4:5: Conv2D() got multiple values for argument 'filters'");
    QTest::addRow("unknown layer") << header + "x = Input((8, 8, 8, 1))\n\n\n\ny = Conv3D(4, 3)(x)\n" << none
                                   << QByteArray("model.py:7:5: unknown layer 'Conv3D' (line 7); ConvLens knows: "
                                                 "Conv2D, DepthwiseConv2D…");
    QTest::addRow("unknown layer in Sequential") << header + "model = Sequential()\nmodel.add(LSTM(4))\n" << none
                                                 << QByteArray("model.py:4:11: unknown layer 'LSTM' (line 4); "
                                                               "ConvLens knows: …");
    QTest::addRow("PyTorch spelling in Keras") << header + "x = Input((8, 8, 1))\ny = Conv2d(4, 3)(x)\n" << none
                                               << QByteArray("model.py:4:5: unknown layer 'Conv2d' (line 4); did you "
                                                             "mean Conv2D?; ConvLens knows: …");
    QTest::addRow("int too large") << header + "x = Input((8, 8, 1))\ny = Conv2D(99999999999999999999, 3)(x)\n" << none
                                   << QByteArray("model.py:4:5: Conv2D(filters=99999999999999999999): integer "
                                                 "99999999999999999999 does not fit in 64 bits");
    QTest::addRow("int overflow in arithmetic") << header + "n = 2 ** 62\nx = Input((8, 8, 1))\ny = Conv2D(n * 4, 3)(x)\n"
                                                << none
                                                << QByteArray("model.py:5:5: Conv2D(filters=n * 4): integer overflow "
                                                              "in `n * 4` (line 5)");
    QTest::addRow("undefined variable") << header + "x = Input((8, 8, 1))\ny = Conv2D(n_filters, 3)(x)\n" << none
                                        << QByteArray("model.py:4:5: Conv2D(filters=n_filters): name 'n_filters' is "
                                                      "not defined");
    QTest::addRow("value from a skipped loop") << header + "x = Input((8, 8, 1))\nfor s in train_ds:\n"
                                                           "    x = s\ny = Flatten()(x)\n"
                                               << none
                                               << QByteArray("model.py:6:5: Flatten(...) is applied to x, which is not "
                                                             "a tensor: x: it is assigned in the loop at line 4, over "
                                                             "train_ds, which cannot be evaluated here: name "
                                                             "'train_ds' is not defined");
    QTest::addRow("loop on data builds layers") << header + "x = Input((8, 8, 1))\nfor f in train_ds.filters:\n"
                                                            "    x = Conv2D(f, 3)(x)\n"
                                                << none
                                                << QByteArray("model.py:4:1: `for f in train_ds.filters:` (line 4) "
                                                              "decides which layers are built, but ConvLens cannot "
                                                              "evaluate it: name 'train_ds' is not defined "
                                                              "(`train_ds.filters` would come from data, a file or "
                                                              "the network, which ConvLens does not read); write the "
                                                              "value it needs as a literal (for an input size, pass "
                                                              "--input-shape)");
    QTest::addRow("if on data builds layers") << header + "x = Input((8, 8, 1))\n"
                                                          "if len(train_ds.class_names) > 2:\n"
                                                          "    x = Dense(3)(x)\n"
                                              << none << QByteArray("model.py:4:1: `if len(train_ds.class_names) > 2:` "
                                                                    "(line 4) decides which layers are built, but "
                                                                    "ConvLens cannot evaluate it: "
                                                                    "`len(train_ds.class_names)` (line 4) cannot be "
                                                                    "evaluated: name 'train_ds' is not defined "
                                                                    "(`train_ds.class_names` would come from data, a "
                                                                    "file or the network, which ConvLens does not "
                                                                    "read); write the value it needs as a literal (for "
                                                                    "an input size, pass --input-shape)");
    QTest::addRow("endless while") << header + "n = 0\nwhile True:\n    n += 1\n" << none
                                   << QByteArray("model.py:4:1: the loop at line 4 runs too long (more than 1000000 "
                                                 "steps): an endless loop, or one too big to read statically");
    QTest::addRow("raise") << header + "def block(groups=2):\n    if groups != 1:\n"
                                       "        raise ValueError('block only supports groups=1')\nblock()\n"
                           << none
                           << QByteArray("model.py:5:9: the code raises ValueError: block only supports groups=1 "
                                         "(line 5)");
    QTest::addRow("lambda indexing with an integer")
        << header + "x = Input((4, 4, 3))\ny = Lambda(lambda t: t[:, :, :, 0])(x)\n" << none
        << QByteArray("model.py:4:5: the Lambda 'lambda' (line 4) is not made of operations ConvLens knows: "
                      "`t[...]` indexes a tensor with 0, which ConvLens does not read yet (only slices a:b:s, "
                      "one per axis)…");
    QTest::addRow("lambda with two ellipses")
        << header + "x = Input((4, 4, 3))\ny = Lambda(lambda t: t[..., 1:, ...])(x)\n" << none
        << QByteArray("model.py:4:5: the Lambda 'lambda' (line 4) is not made of operations ConvLens knows: "
                      "`t[...]`: an index can only have a single ellipsis ('...')…");
    QTest::addRow("lambda slicing the batch")
        << header + "x = Input((4, 4, 3))\ny = Lambda(lambda t: t[1:])(x)\n" << none
        << QByteArray("model.py:4:5: the Lambda 'lambda' (line 4) is not made of operations ConvLens knows: "
                      "`t[...]` slices the batch axis; ConvLens models one sample…");
    QTest::addRow("lambda of unknown arithmetic") << header + "x = Input((4,))\ny = Lambda(lambda t: t // 2)(x)\n"
                                                  << none
                                                  << QByteArray("model.py:4:5: the Lambda 'lambda' (line 4) is not made "
                                                                "of operations ConvLens knows: `t // 2` is tensor "
                                                                "arithmetic…");
    QTest::addRow("shared layer in Sequential") << header + "d = Dense(4, input_shape=(4,))\nm = Sequential([d, d])\n"
                                                << none
                                                << QByteArray("model.py:4:20: the layer Dense(...) (line 3) is added a "
                                                              "second time…");
    QTest::addRow("tensor +") << header + "x = Input((8, 8, 1))\ny = Conv2D(1, 1)(x)\nz = Flatten()(x + y)\n" << none
                              << QByteArray("model.py:5:5: Flatten(...) is applied to x + y, which is not a tensor: "
                                            "`x + y` adds tensors with +, which is not a layer; write Add()([a, b]) "
                                            "(line 5)");
    QTest::addRow("duplicate names") << header + "x = Input((4,))\ny = Dense(2, name='d')(x)\nz = Dense(2, name='d')(y)\n"
                                     << none
                                     << QByteArray("model.py:5: two layers are named 'd'; names must be unique");
    QTest::addRow("Input shape with None") << header + "x = Input(shape=(None, None, 3))\ny = Conv2D(1, 1)(x)\n" << none
                                           << QByteArray("model.py:3:5: Input(shape=(None, None, 3)): expected a tuple "
                                                         "of sizes (every size known), got (None, None, 3); pass "
                                                         "--input-shape H,W,C to give the sizes");
    QTest::addRow("Input shape not evaluable") << header + "x = Input(shape=x_train.shape[1:])\ny = Conv2D(1, 1)(x)\n"
                                               << none
                                               << QByteArray("model.py:3:5: Input(shape=x_train.shape[...]): "
                                                             "`x_train.shape[...]` is not evaluated by ConvLens (line "
                                                             "3); pass --input-shape H,W,C to give the input size");
    QTest::addRow("Sequential without input shape") << header + "model = Sequential()\nmodel.add(Dense(3))\n" << none
                                                    << QByteArray("model.py:4:11: the model has no input shape: give "
                                                                  "the first layer input_shape=(H, W, C), start with "
                                                                  "Input(shape=(H, W, C)), or pass --input-shape H,W,C");
    QTest::addRow("--input-shape with two inputs") << header + "a = Input((4,))\nb = Input((4,))\nc = add([a, b])\n"
                                                   << std::optional<Shape>(Shape{4})
                                                   << QByteArray("model.py: --input-shape applies to a model with one "
                                                                 "input; this one has 2");
    QTest::addRow("model used as a layer, two inputs") << header + "inner = Sequential([Dense(2, input_shape=(4,))])\n"
                                                                   "x = Input((4,))\ny = inner([x, x])\n"
                                                       << none
                                                       << QByteArray("model.py:5:5: the model 'sequential' (line 3) is "
                                                                     "a Sequential model: it takes one input tensor, "
                                                                     "not 2");
    QTest::addRow("subclassed model") << header + "class Net(Model):\n    def call(self, x):\n        return x\nnet = Net()\n"
                                      << none
                                      << QByteArray("model.py:6:7: class Net (line 3) subclasses Model: subclassed "
                                                    "Keras models are not supported yet; write the model with "
                                                    "Sequential or the functional API");
    QTest::addRow("no model") << QByteArray("import numpy as np\nx = np.zeros(3)\n") << none
                              << QByteArray("model.py: no Keras model found: the code builds no layers (expected "
                                            "Sequential([...]), model.add(...) or layers called on Input(...))");
    QTest::addRow("syntax: never closed") << header + "model = Sequential([\n    Dense(2),\n" << none
                                          << QByteArray("model.py:3:20: syntax error: '[' was never closed");
    QTest::addRow("syntax: indentation") << header + "def f():\nreturn 1\n" << none
                                         << QByteArray("model.py:4:1: syntax error: expected an indented block after "
                                                       "function definition on line 3");
    QTest::addRow("syntax: curly quotes") << header + "x = Input((4,))\ny = Dense(2, activation=\xE2\x80\x98relu\xE2\x80\x99)(x)\n"
                                          << none
                                          << QByteArray("model.py:4:25: syntax error: invalid character '\xE2\x80\x98': "
                                                        "curly quotes are not Python quotes; use ' or \"");
    QTest::addRow("nested too deeply") << QByteArray("x = " + QByteArray(120, '(') + "1" + QByteArray(120, ')') + "\n")
                                       << none << QByteArray("model.py:1:105: syntax error: nested too deeply (more "
                                                             "than 100 brackets)");
    QTest::addRow("recursion") << header + "def f(x):\n    return f(x)\nf(1)\n" << none
                               << QByteArray("model.py:4:12: nested too deeply (function calls more than 100 levels deep)");
    QTest::addRow("too many steps") << header + "def f(n):\n    if n > 0:\n        f(n - 1)\n        f(n - 1)\nf(40)\n"
                                    << none << QByteArray("model.py:…");

    const QByteArray torch = "import torch\nimport torch.nn as nn\n";
    QTest::addRow("PyTorch without input shape") << torch + "model = nn.Sequential(nn.Conv2d(1, 8, 3))\n" << none
                                                 << QByteArray("model.py: PyTorch code declares no input shape; pass "
                                                               "--input-shape C,H,W");
    QTest::addRow("PyTorch nn.Module class without forward") << torch + "class Net(nn.Module):\n    def __init__(self):\n"
                                                        "        super().__init__()\n        self.c = nn.Conv2d(1, 2, 3)\n"
                                             << std::optional<Shape>(Shape{1, 8, 8})
                                             << QByteArray("model.py:3:1: Module [Net] is missing the required "
                                                           "\"forward\" function");
    QTest::addRow("PyTorch classes, no model built") << torch + "class Block(nn.Module):\n    def __init__(self, c):\n"
                                                               "        super().__init__()\n"
                                                               "        self.conv = nn.Conv2d(c, c, 3)\n"
                                                               "class Net(nn.Module):\n    def __init__(self, width, depth=2):\n"
                                                               "        super().__init__()\n"
                                                               "        self.blocks = nn.Sequential(*[Block(width) for _ in range(depth)])\n"
                                                     << std::optional<Shape>(Shape{3, 8, 8})
                                                     << QByteArray("model.py:7:1: the code defines nn.Module classes but "
                                                                   "builds no model: Net(width) (line 7); say which to "
                                                                   "build with --call, e.g. --call \"Net(…)\"");
    QTest::addRow("Keras builder nothing calls") << QByteArray(R"py(
from keras.models import Sequential
from keras.layers import Conv2D, Flatten, Dense

class LeNet:
    @staticmethod
    def build(width, height, depth, classes):
        model = Sequential()
        model.add(Conv2D(20, 5, padding="same", input_shape=(height, width, depth)))
        model.add(Flatten())
        model.add(Dense(classes))
        return model
)py") << none << QByteArray("model.py:7:5: the code builds no model, but defines a builder that nothing calls: "
                            "LeNet.build(width, height, depth, classes) (line 7); say which to build and with what, "
                            "e.g. --call \"LeNet.build(…, …, …, …)\"");
    QTest::addRow("PyTorch unknown layer") << torch + "model = nn.Sequential(nn.Conv3d(1, 8, 3))\n"
                                           << std::optional<Shape>(Shape{1, 8, 8})
                                           << QByteArray("model.py:3:23: unknown layer 'Conv3d' (line 3); ConvLens "
                                                         "knows: Conv2d, ConvTranspose2d…");
    QTest::addRow("PyTorch parameter type") << torch + "model = nn.Sequential(nn.Conv2d(1, 8, 3, padding='full'))\n"
                                            << std::optional<Shape>(Shape{1, 8, 8})
                                            << QByteArray("model.py:3:23: Conv2d(padding='full'): expected an int, a "
                                                          "tuple of 2 ints, 'valid' or 'same', got 'full'");
    QTest::addRow("PyTorch keyword") << torch + "model = nn.Sequential(nn.ReLU(name='r'))\n"
                                     << std::optional<Shape>(Shape{1, 8, 8})
                                     << QByteArray("model.py:3:23: ReLU() got an unexpected keyword argument 'name'");
}

void TestPythonImport::errors()
{
    QFETCH(QByteArray, code);
    QFETCH(std::optional<Shape>, shape);
    QFETCH(QByteArray, error);
    const LoadResult r = import(code, shape);
    QVERIFY2(!r.ok(), render(*r.graph).constData());
    QVERIFY(r.error);
    QVERIFY(!r.error->message.empty());
    const QByteArray got = errorOf(r);
    if (error.endsWith("…"))
        QVERIFY2(got.startsWith(error.chopped(int(qstrlen("…")))), got.constData());
    else
        QCOMPARE(got, error);
}

void TestPythonImport::detect_data()
{
    QTest::addColumn<QByteArray>("code");
    QTest::addColumn<bool>("torch");
    QTest::addRow("import torch") << QByteArray("import torch\nx = 1\n") << true;
    QTest::addRow("nn. without import") << QByteArray("model = nn.Sequential(nn.ReLU())\n") << true;
    QTest::addRow("keras") << QByteArray("from keras.layers import Dense\n") << false;
    QTest::addRow("tf.nn is not torch") << QByteArray("import tensorflow as tf\ny = tf.nn.relu\n") << false;
    QTest::addRow("torchvision") << QByteArray("import torchvision.models as models\nm = models.resnet18()\n") << true;
    QTest::addRow("torch in a comment") << QByteArray("# a port of the torch model\nimport keras\n") << false;
    QTest::addRow("torch in a string") << QByteArray("s = 'torch'\n") << false;
    QTest::addRow("broken code") << QByteArray("x = (\nimport torch\n") << true;
}

void TestPythonImport::detect()
{
    QFETCH(QByteArray, code);
    QFETCH(bool, torch);
    QCOMPARE(detectFramework(code.toStdString()) == Framework::PyTorch, torch);
}

void TestPythonImport::inputShapeOverride()
{
    const QByteArray code = "from keras.layers import *\nx = Input((8, 8, 1))\ny = Conv2D(2, 3)(x)\n";
    LoadResult r = import(code, Shape{32, 32, 3});
    QVERIFY2(r.ok(), errorOf(r).constData());
    QCOMPARE(QByteArray::fromStdString(r.graph->layers[0].params.at("shape").toPython()), QByteArray("(32, 32, 3)"));
    // a Sequential without input_shape gets an implicit input from the option
    r = import("from keras.layers import *\nfrom keras.models import Sequential\nm = Sequential([Dense(2)])\n", Shape{5});
    QVERIFY2(r.ok(), errorOf(r).constData());
    QCOMPARE(render(*r.graph), QByteArray("input:InputLayer* dense:Dense<input"));
    // the framework option wins over detection
    r = import("import torch\nfrom keras.layers import *\nx = Input((4,))\ny = Dense(2)(x)\n", std::nullopt,
               Framework::Keras);
    QVERIFY2(r.ok(), errorOf(r).constData());
    QCOMPARE(r.graph->framework, Framework::Keras);
}

void TestPythonImport::loadFiles()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string py = dir.filePath(QStringLiteral("net.py")).toStdString();
    std::ofstream(py) << "import torch.nn as nn\nnet = nn.Sequential(nn.Conv2d(1, 2, 3))\n";
    LoadOptions o;
    o.inputShape = Shape{1, 8, 8};
    LoadResult r = loadModelFile(py, o);
    QVERIFY2(r.ok(), errorOf(r).constData());
    QCOMPARE(r.graph->framework, Framework::PyTorch);

    const std::string json = dir.filePath(QStringLiteral("net.JSON")).toStdString();
    std::ofstream(json) << projectToJson(*r.graph);
    r = loadModelFile(json);
    QVERIFY2(r.ok(), errorOf(r).constData());
    QCOMPARE(render(*r.graph), QByteArray("input:Input* 0:Conv2d<input"));

    r = loadModelFile(dir.filePath(QStringLiteral("missing.py")).toStdString());
    QVERIFY(!r.ok());
    QVERIFY2(errorOf(r).contains("cannot open the file"), errorOf(r).constData());

    const std::string big = dir.filePath(QStringLiteral("big.py")).toStdString();
    {
        std::ofstream out(big);
        const std::string line(1023, '#');
        for (int i = 0; i < 16 * 1024 + 1; ++i)
            out << line << '\n';
    }
    r = loadModelFile(big);
    QVERIFY(!r.ok());
    QCOMPARE(QByteArray::fromStdString(r.error->message), QByteArray("the file is larger than 16 MiB"));

    // readTextFile allocates what the file holds and reads on when the file says nothing of its size (/proc)
    QByteArray text;
    QCOMPARE(QByteArray::fromStdString(readTextFile(py, &text)), QByteArray());
    QCOMPARE(text, QByteArray("import torch.nn as nn\nnet = nn.Sequential(nn.Conv2d(1, 2, 3))\n"));
    QVERIFY(text.capacity() < 4096);
    QCOMPARE(QByteArray::fromStdString(readTextFile("/proc/self/status", &text)), QByteArray());
    QVERIFY2(text.startsWith("Name:") && text.contains("\nPid:"), text.left(200).constData());
    QCOMPARE(QByteArray::fromStdString(readTextFile(big, &text)), QByteArray("the file is larger than 16 MiB"));
}

QTEST_GUILESS_MAIN(TestPythonImport)
#include "tst_python_import.moc"
