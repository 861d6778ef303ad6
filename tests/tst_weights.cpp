// tst_weights.cpp — weight names and layouts per framework, the seeded initialisers, the .npy weights directory
// (round trip, refusals naming layer, expected and found shape), and hand-set kernels with presets.
#include "formats/model_file.h"
#include "importers/python_code.h"
#include "formats/npy.h"
#include "formats/weights_dir.h"
#include "tensor/kernel_presets.h"
#include "tensor/weights.h"
#include "shape/infer.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace convlens;

namespace {

ShapeReport reportFor(const char *code, Framework f, std::optional<Shape> inputShape = std::nullopt)
{
    LoadOptions o;
    o.framework = f;
    o.inputShape = inputShape;
    LoadResult r = importPythonCode(code, "<test>", o);
    if (!r.ok())
        qFatal("%s", r.error->toString().c_str());
    return infer(*r.graph);
}

const char *kKeras = R"(
import keras
from keras import layers
inputs = keras.Input(shape=(8, 8, 3))
x = layers.Conv2D(4, 3, padding='same')(inputs)
x = layers.BatchNormalization()(x)
x = layers.DepthwiseConv2D(3, depth_multiplier=2)(x)
x = layers.SeparableConv2D(5, 3, use_bias=False)(x)
x = layers.Conv2DTranspose(2, 2, strides=2)(x)
x = layers.Flatten()(x)
x = layers.Dense(3)(x)
model = keras.Model(inputs, x)
)";

const char *kTorch = R"(
import torch.nn as nn
model = nn.Sequential(
    nn.Conv2d(3, 4, 3, padding=1, groups=1),
    nn.BatchNorm2d(4),
    nn.ConvTranspose2d(4, 6, 2, stride=2, groups=2),
    nn.Flatten(),
    nn.Linear(6 * 16 * 16, 3),
)
)";

std::map<std::string, Shape> specsOf(const ShapeReport &r, const std::string &layer)
{
    std::map<std::string, Shape> out;
    for (const auto &s : expectedWeights(r.layers[size_t(r.indexOf(layer))], r.framework))
        out[s.name] = s.shape;
    return out;
}

} // namespace

class TestWeights : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void kerasNamesAndLayouts();
    void torchNamesAndLayouts();
    void initialisers();
    void directoryRoundTrip();
    void directoryRefusals();
    void presets();
    void setKernelTaps();
};

void TestWeights::kerasNamesAndLayouts()
{
    const ShapeReport r = reportFor(kKeras, Framework::Keras);
    QVERIFY(r.ok);
    QCOMPARE(specsOf(r, "conv2d"), (std::map<std::string, Shape>{{"kernel", {3, 3, 3, 4}}, {"bias", {4}}}));
    QCOMPARE(specsOf(r, "batch_normalization"),
             (std::map<std::string, Shape>{{"gamma", {4}}, {"beta", {4}}, {"moving_mean", {4}}, {"moving_variance", {4}}}));
    QCOMPARE(specsOf(r, "depthwise_conv2d"),
             (std::map<std::string, Shape>{{"depthwise_kernel", {3, 3, 4, 2}}, {"bias", {8}}}));
    QCOMPARE(specsOf(r, "separable_conv2d"),
             (std::map<std::string, Shape>{{"depthwise_kernel", {3, 3, 8, 1}}, {"pointwise_kernel", {1, 1, 8, 5}}}));
    QCOMPARE(specsOf(r, "conv2d_transpose"), (std::map<std::string, Shape>{{"kernel", {2, 2, 2, 5}}, {"bias", {2}}}));
    QCOMPARE(specsOf(r, "dense"), (std::map<std::string, Shape>{{"kernel", {8 * 8 * 2, 3}}, {"bias", {3}}}));
    QCOMPARE(weightFileName("conv2d", "kernel"), std::string("conv2d.kernel.npy"));
}

void TestWeights::torchNamesAndLayouts()
{
    const ShapeReport r = reportFor(kTorch, Framework::PyTorch, Shape{3, 8, 8});
    QVERIFY(r.ok);
    QCOMPARE(specsOf(r, "0"), (std::map<std::string, Shape>{{"weight", {4, 3, 3, 3}}, {"bias", {4}}}));
    QCOMPARE(specsOf(r, "1"), (std::map<std::string, Shape>{{"weight", {4}}, {"bias", {4}}, {"running_mean", {4}},
                                                             {"running_var", {4}}}));
    QCOMPARE(specsOf(r, "2"), (std::map<std::string, Shape>{{"weight", {4, 3, 2, 2}}, {"bias", {6}}}));
    QCOMPARE(specsOf(r, "4"), (std::map<std::string, Shape>{{"weight", {3, 6 * 16 * 16}}, {"bias", {3}}}));
}

void TestWeights::initialisers()
{
    const ShapeReport k = reportFor(kKeras, Framework::Keras);
    const LayerReport &conv = k.layers[size_t(k.indexOf("conv2d"))];
    const LayerWeights a = initialLayerWeights(conv, Framework::Keras, 7), b = initialLayerWeights(conv, Framework::Keras, 7);
    QCOMPARE(a.at("kernel").data, b.at("kernel").data); // seeded: reproducible
    QVERIFY(a.at("kernel").data != initialLayerWeights(conv, Framework::Keras, 8).at("kernel").data);
    // glorot_uniform: |w| ≤ √(6 / (fan_in + fan_out)), fan_in = 3·3·3, fan_out = 3·3·4; zero bias
    const double limit = std::sqrt(6.0 / (27 + 36));
    double maxAbs = 0, sum = 0;
    for (float v : a.at("kernel").data) {
        maxAbs = std::max(maxAbs, double(std::abs(v)));
        sum += v;
    }
    QVERIFY(maxAbs <= limit && maxAbs > 0.8 * limit);
    for (float v : a.at("bias").data)
        QCOMPARE(v, 0.0f);
    const LayerWeights bn = initialLayerWeights(k.layers[size_t(k.indexOf("batch_normalization"))], Framework::Keras, 7);
    QCOMPARE(bn.at("gamma").data, std::vector<float>(4, 1.0f));
    QCOMPARE(bn.at("moving_variance").data, std::vector<float>(4, 1.0f));
    QCOMPARE(bn.at("moving_mean").data, std::vector<float>(4, 0.0f));

    // torch kaiming_uniform(a=√5): |w| ≤ 1/√fan_in, bias U(±1/√fan_in), fan_in = 3·3·3
    const ShapeReport t = reportFor(kTorch, Framework::PyTorch, Shape{3, 8, 8});
    const LayerWeights tw = initialLayerWeights(t.layers[size_t(t.indexOf("0"))], Framework::PyTorch, 7);
    const double bound = 1.0 / std::sqrt(27.0);
    double wMax = 0, bMax = 0;
    for (float v : tw.at("weight").data)
        wMax = std::max(wMax, double(std::abs(v)));
    for (float v : tw.at("bias").data)
        bMax = std::max(bMax, double(std::abs(v)));
    QVERIFY(wMax <= bound && wMax > 0.8 * bound);
    QVERIFY(bMax <= bound && bMax > 0.0);

    // initializeMissingWeights fills what is missing or mis-shaped, and only that.
    WeightSet set;
    auto changed = initializeMissingWeights(set, k, 1);
    QCOMPARE(changed.size(), size_t(6));
    QVERIFY(checkWeights(set, k).empty());
    QVERIFY(initializeMissingWeights(set, k, 1).empty());
    set.layers["dense"]["kernel"].shape = {1, 1};
    QCOMPARE(initializeMissingWeights(set, k, 1), std::vector<std::string>{"dense"});
}

void TestWeights::directoryRoundTrip()
{
    for (Framework f : {Framework::Keras, Framework::PyTorch}) {
        const ShapeReport r = f == Framework::Keras ? reportFor(kKeras, f) : reportFor(kTorch, f, Shape{3, 8, 8});
        WeightSet set;
        initializeMissingWeights(set, r, 3);
        QTemporaryDir dir;
        const std::string d = dir.filePath(QStringLiteral("w")).toStdString();
        std::string err;
        QVERIFY2(saveWeightsDir(set, r, d, &err), err.c_str());
        if (f == Framework::PyTorch) // state_dict compatible: the BatchNorm2d buffer is there, int64
            QCOMPARE(readNpyHeader(d + "/1.num_batches_tracked.npy", &err)->descr, std::string("<i8"));
        else
            QVERIFY(QFile::exists(QString::fromStdString(d + "/conv2d.kernel.npy")));
        const WeightsDirResult back = loadWeightsDir(d, r);
        QVERIFY2(back.ok(), back.errors.empty() ? "" : back.errors.front().c_str());
        for (const auto &[layer, arrays] : set.layers)
            for (const auto &[name, a] : arrays) {
                QCOMPARE(back.weights.layers.at(layer).at(name).shape, a.shape);
                QCOMPARE(back.weights.layers.at(layer).at(name).data, a.data);
            }
        if (f == Framework::PyTorch)
            QCOMPARE(back.ignored, std::vector<std::string>{"1.num_batches_tracked.npy"});
    }
}

void TestWeights::directoryRefusals()
{
    const ShapeReport r = reportFor(kKeras, Framework::Keras);
    WeightSet set;
    initializeMissingWeights(set, r, 3);
    QTemporaryDir dir;
    const std::string d = dir.path().toStdString();
    std::string err;
    QVERIFY(saveWeightsDir(set, r, d, &err));
    // Wrong shape (a transposed kernel), float64 accepted, int refused, missing file.
    QVERIFY(writeNpy(d + "/conv2d.kernel.npy", {3, 3, 4, 3}, std::vector<float>(108, 0.1f), &err));
    std::vector<std::int64_t> ints(4, 1);
    QVERIFY(writeNpyInt64(d + "/conv2d.bias.npy", {4}, ints, &err));
    QVERIFY(QFile::remove(QString::fromStdString(d + "/dense.bias.npy")));
    const WeightsDirResult res = loadWeightsDir(d, r);
    QCOMPARE(res.errors.size(), size_t(3));
    const std::string all = res.errors[0] + "\n" + res.errors[1] + "\n" + res.errors[2];
    QVERIFY2(all.find("conv2d.kernel.npy: layer 'conv2d', weight 'kernel': expected shape (3, 3, 3, 4), found (3, 3, 4, 3)") !=
                 std::string::npos,
             all.c_str());
    QVERIFY2(all.find("conv2d.bias.npy: layer 'conv2d', weight 'bias': dtype '<i8' refused") != std::string::npos,
             all.c_str());
    QVERIFY2(all.find("dense.bias.npy: missing — layer 'dense' needs its 'bias' of shape (3,)") != std::string::npos,
             all.c_str());
    QVERIFY(!loadWeightsDir(d + "/nope", r).ok());
    // checkWeights names layer, weight, expected and found.
    set.layers["dense"]["kernel"].shape = {3, 128};
    const auto problems = checkWeights(set, r);
    QCOMPARE(problems.size(), size_t(1));
    QCOMPARE(problems[0], std::string("layer 'dense', weight 'kernel': expected shape (128, 3), found (3, 128)"));
}

void TestWeights::presets()
{
    std::string err;
    QCOMPARE(*presetKernel(KernelPreset::SobelX, 3, 3, &err), (std::vector<float>{-1, 0, 1, -2, 0, 2, -1, 0, 1}));
    QCOMPARE(*presetKernel(KernelPreset::SobelY, 3, 3, &err), (std::vector<float>{-1, -2, -1, 0, 0, 0, 1, 2, 1}));
    QCOMPARE(*presetKernel(KernelPreset::Laplacian, 3, 3, &err), (std::vector<float>{0, 1, 0, 1, -4, 1, 0, 1, 0}));
    QCOMPARE(*presetKernel(KernelPreset::Sharpen, 3, 3, &err), (std::vector<float>{0, -1, 0, -1, 5, -1, 0, -1, 0}));
    QCOMPARE(*presetKernel(KernelPreset::Identity, 3, 3, &err), (std::vector<float>{0, 0, 0, 0, 1, 0, 0, 0, 0}));
    const auto g = *presetKernel(KernelPreset::Gaussian, 3, 3, &err);
    QCOMPARE(g[4], 4.0f / 16.0f);
    QCOMPARE(g[0], 1.0f / 16.0f);
    const auto box = *presetKernel(KernelPreset::BoxBlur, 2, 5, &err);
    QCOMPARE(box.size(), size_t(10));
    QCOMPARE(box[7], 0.1f);
    QCOMPARE((*presetKernel(KernelPreset::SobelX, 5, 5, &err))[0], -1.0f); // binomial(5) ⊗ (−1 −2 0 2 1)
    QVERIFY(!presetKernel(KernelPreset::Laplacian, 5, 5, &err));
    QVERIFY2(err.find("3×3") != std::string::npos, err.c_str());
    QVERIFY(!presetKernel(KernelPreset::SobelY, 2, 2, &err));
    QCOMPARE(kernelPresetFromName("Sobel_X"), std::optional<KernelPreset>(KernelPreset::SobelX));
    QCOMPARE(kernelPresetFromName("box blur"), std::optional<KernelPreset>(KernelPreset::BoxBlur));
    QVERIFY(!kernelPresetFromName("emboss"));
}

void TestWeights::setKernelTaps()
{
    std::string err;
    const auto sobel = *presetKernel(KernelPreset::SobelX, 3, 3, &err);
    // Keras HWIO: kernel[ky][kx][c][o]
    const ShapeReport k = reportFor(kKeras, Framework::Keras);
    const LayerReport &conv = k.layers[size_t(k.indexOf("conv2d"))];
    WeightSet set;
    QVERIFY2(convlens::setKernelTaps(set, conv, Framework::Keras, 2, 1, sobel, true, &err), err.c_str());
    const NdArray &kk = set.layers.at("conv2d").at("kernel");
    for (int y = 0; y < 3; ++y)
        for (int x = 0; x < 3; ++x) {
            QCOMPARE(kk.data[size_t(((y * 3 + x) * 3 + 1) * 4 + 2)], sobel[size_t(y * 3 + x)]);
            QCOMPARE(kk.data[size_t(((y * 3 + x) * 3 + 0) * 4 + 2)], 0.0f); // other inputs cleared
        }
    QCOMPARE(set.layers.at("conv2d").at("bias").data[2], 0.0f);
    // every input channel: taps / C so a gray RGB image gives the same response as one channel
    QVERIFY(convlens::setKernelTaps(set, conv, Framework::Keras, 0, -1, sobel, true, &err));
    QCOMPARE(kk.data[size_t(((0 * 3 + 0) * 3 + 2) * 4 + 0)], -1.0f / 3.0f);
    QVERIFY(!convlens::setKernelTaps(set, conv, Framework::Keras, 4, 0, sobel, true, &err));
    QVERIFY2(err.find("output channel 4 does not exist") != std::string::npos, err.c_str());
    QVERIFY(!convlens::setKernelTaps(set, conv, Framework::Keras, 0, 0, std::vector<float>(4, 1.0f), true, &err));
    // torch OIHW: weight[o][c][ky][kx]
    const ShapeReport t = reportFor(kTorch, Framework::PyTorch, Shape{3, 8, 8});
    WeightSet ts;
    QVERIFY(convlens::setKernelTaps(ts, t.layers[size_t(t.indexOf("0"))], Framework::PyTorch, 3, 2, sobel, true, &err));
    const NdArray &w = ts.layers.at("0").at("weight");
    QCOMPARE(w.data[size_t(((3 * 3 + 2) * 3 + 0) * 3 + 2)], sobel[2]);
    // depthwise (kh, kw, C, M): output o = c·M + m
    const LayerReport &dw = k.layers[size_t(k.indexOf("depthwise_conv2d"))];
    QVERIFY(convlens::setKernelTaps(set, dw, Framework::Keras, 5, 0, sobel, true, &err));
    const NdArray &dk = set.layers.at("depthwise_conv2d").at("depthwise_kernel");
    QCOMPARE(dk.data[size_t(((0 * 3 + 0) * 4 + 2) * 2 + 1)], sobel[0]);
    QVERIFY(!convlens::setKernelTaps(set, k.layers[size_t(k.indexOf("dense"))], Framework::Keras, 0, 0, sobel, true, &err));
}

QTEST_GUILESS_MAIN(TestWeights)
#include "tst_weights.moc"
