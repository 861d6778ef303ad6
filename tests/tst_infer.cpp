// tst_infer.cpp — shape inference on graphs built in code: the Keras-blog autoencoder (numbers from the issue, as
// Keras prints them), refusals with their diagnostics, blocked layers, traps (Dense on unflattened tensors, 'same'
// with a kernel larger than the map), absurd sizes. Framework conformance at scale is tst_golden_shapes.
#include "shape/infer.h"

#include <QTest>

using namespace convlens;
using namespace Qt::Literals::StringLiterals;

namespace {

// A tiny fluent builder: chain(…) appends a layer fed by the previous one.
struct Builder {
    Graph g;
    explicit Builder(Framework f, Shape input)
    {
        g.framework = f;
        Layer in;
        in.type = f == Framework::Keras ? "InputLayer" : "Input";
        in.name = f == Framework::Keras ? "input_1" : "input";
        in.implicitInput = f == Framework::PyTorch;
        ParamList dims;
        for (auto d : input)
            dims.emplace_back(d);
        in.params["shape"] = ParamValue(dims);
        g.layers.push_back(in);
    }
    Builder &chain(const std::string &type, std::map<std::string, ParamValue> params = {})
    {
        Layer l;
        l.type = type;
        l.params = std::move(params);
        l.inputs = {g.layers.back().name.empty() ? "" : g.layers.back().name};
        g.layers.push_back(l);
        assignDefaultNames(g);
        return *this;
    }
    Builder &merge(const std::string &type, std::vector<std::string> inputs, std::map<std::string, ParamValue> p = {})
    {
        Layer l;
        l.type = type;
        l.params = std::move(p);
        l.inputs = std::move(inputs);
        g.layers.push_back(l);
        assignDefaultNames(g);
        return *this;
    }
    ShapeReport run()
    {
        const auto errors = validateAndOrder(g);
        if (!errors.empty())
            qFatal("graph invalid: %s", errors[0].message.c_str());
        return infer(g);
    }
};

ParamValue pair(std::int64_t a, std::int64_t b)
{
    return ParamValue::ints({a, b});
}

} // namespace

class TstInfer : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void autoencoder();
    void autoencoderValidToSame();
    void refusals_data();
    void refusals();
    void denseOnUnflattenedActsOnLastAxis();
    void sameConvOnMapSmallerThanKernel();
    void batchNormParams();
    void kerasNames();
    void absurdSizesAreRefusedNotOverflowed();
    void concatAndAdd();
};

void TstInfer::autoencoder()
{
    Builder b(Framework::Keras, {28, 28, 1});
    auto conv = [](int f, const char *act, const char *padding) {
        return std::map<std::string, ParamValue>{
            {"filters", f}, {"kernel_size", pair(3, 3)}, {"activation", act}, {"padding", padding}};
    };
    auto pool = std::map<std::string, ParamValue>{{"pool_size", pair(2, 2)}, {"padding", "same"}};
    b.chain("Conv2D", conv(16, "relu", "same")).chain("MaxPooling2D", pool);
    b.chain("Conv2D", conv(8, "relu", "same")).chain("MaxPooling2D", pool);
    b.chain("Conv2D", conv(8, "relu", "same")).chain("MaxPooling2D", pool);
    b.chain("Conv2D", conv(8, "relu", "same")).chain("UpSampling2D", {{"size", pair(2, 2)}});
    b.chain("Conv2D", conv(8, "relu", "same")).chain("UpSampling2D", {{"size", pair(2, 2)}});
    b.chain("Conv2D", conv(16, "relu", "valid")).chain("UpSampling2D", {{"size", pair(2, 2)}});
    b.chain("Conv2D", conv(1, "sigmoid", "same"));
    const ShapeReport r = b.run();
    QVERIFY(r.ok);
    const std::vector<Shape> shapes{{28, 28, 1}, {28, 28, 16}, {14, 14, 16}, {14, 14, 8}, {7, 7, 8}, {7, 7, 8},
                                    {4, 4, 8},   {4, 4, 8},    {8, 8, 8},    {8, 8, 8},  {16, 16, 8}, {14, 14, 16},
                                    {28, 28, 16}, {28, 28, 1}};
    QCOMPARE(r.layers.size(), shapes.size());
    for (size_t i = 0; i < shapes.size(); ++i)
        QCOMPARE(*r.layers[i].output, shapes[i]);
    const std::vector<std::int64_t> convParams{160, 1160, 584, 584, 584, 1168, 145};
    std::vector<std::int64_t> got;
    for (const auto &l : r.layers)
        if (l.op == Op::Conv)
            got.push_back(l.params);
    QCOMPARE(got, convParams);
    QCOMPARE(r.totalParams, 4385);
    // The third pooling: 7 → 4 with the extra padding row at the bottom, as TF does.
    QCOMPARE(*r.layers[6].padding, (Pad4{0, 1, 0, 1}));
    QVERIFY2(r.layers[6].formula.find("⌈7 / 2⌉ = 4") != std::string::npos, r.layers[6].formula.c_str());
    QVERIFY2(r.layers[11].formula.find("⌊(16 − 3) / 1⌋ + 1 = 14") != std::string::npos, r.layers[11].formula.c_str());
}

void TstInfer::autoencoderValidToSame()
{
    Builder b(Framework::Keras, {16, 16, 8});
    b.chain("Conv2D", {{"filters", 16}, {"kernel_size", pair(3, 3)}, {"padding", "same"}});
    const ShapeReport r = b.run();
    QCOMPARE(*r.layers[1].output, (Shape{16, 16, 16}));
    QCOMPARE(*r.layers[1].padding, (Pad4{1, 1, 1, 1}));
}

void TstInfer::refusals_data()
{
    QTest::addColumn<int>("framework");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QVariantMap>("params");
    QTest::addColumn<QString>("inputShape"); // comma separated
    QTest::addColumn<QString>("errorContains");
    const auto K = int(Framework::Keras), T = int(Framework::PyTorch);
    QTest::addRow("keras valid kernel > input")
        << K << u"Conv2D"_s << QVariantMap{{u"filters"_s, 4}, {u"kernel_size"_s, 5}} << u"3,3,1"_s << u"Negative dimension size"_s;
    QTest::addRow("keras valid pool > input")
        << K << u"MaxPooling2D"_s << QVariantMap{{u"pool_size"_s, 3}} << u"2,2,1"_s << u"Negative dimension size"_s;
    QTest::addRow("keras stride with dilation")
        << K << u"Conv2D"_s << QVariantMap{{u"filters"_s, 4}, {u"kernel_size"_s, 3}, {u"strides"_s, 2}, {u"dilation_rate"_s, 2}}
        << u"9,9,1"_s << u"`strides > 1` not supported in conjunction with `dilation_rate > 1`"_s;
    QTest::addRow("keras groups do not divide channels")
        << K << u"Conv2D"_s << QVariantMap{{u"filters"_s, 6}, {u"kernel_size"_s, 3}, {u"groups"_s, 3}} << u"9,9,4"_s
        << u"input channels must be evenly divisible"_s;
    QTest::addRow("keras filters 0") << K << u"Conv2D"_s << QVariantMap{{u"filters"_s, 0}, {u"kernel_size"_s, 3}} << u"9,9,1"_s
                                     << u"strictly positive"_s;
    QTest::addRow("keras reshape wrong size")
        << K << u"Reshape"_s << QVariantMap{{u"target_shape"_s, 10}} << u"3,3,1"_s << u"total size of new array must be unchanged"_s;
    QTest::addRow("keras transposed output_padding >= stride")
        << K << u"Conv2DTranspose"_s
        << QVariantMap{{u"filters"_s, 2}, {u"kernel_size"_s, 3}, {u"strides"_s, 2}, {u"output_padding"_s, 2}} << u"4,4,1"_s
        << u"must be greater than output padding"_s;
    QTest::addRow("keras over-cropping") << K << u"Cropping2D"_s << QVariantMap{{u"cropping"_s, 2}} << u"4,4,1"_s
                                         << u"leaving nothing"_s;
    QTest::addRow("torch same with stride")
        << T << u"Conv2d"_s
        << QVariantMap{{u"in_channels"_s, 1}, {u"out_channels"_s, 4}, {u"kernel_size"_s, 3}, {u"stride"_s, 2}, {u"padding"_s, u"same"_s}}
        << u"1,9,9"_s << u"padding='same' is not supported for strided convolutions"_s;
    QTest::addRow("torch in_channels mismatch")
        << T << u"Conv2d"_s << QVariantMap{{u"in_channels"_s, 3}, {u"out_channels"_s, 4}, {u"kernel_size"_s, 3}} << u"1,9,9"_s
        << u"to have 3 channels, but got 1 channels instead"_s;
    QTest::addRow("torch kernel > padded input")
        << T << u"Conv2d"_s << QVariantMap{{u"in_channels"_s, 1}, {u"out_channels"_s, 4}, {u"kernel_size"_s, 5}} << u"1,3,3"_s
        << u"Kernel size can't be greater than actual input size"_s;
    QTest::addRow("torch linear in_features")
        << T << u"Linear"_s << QVariantMap{{u"in_features"_s, 10}, {u"out_features"_s, 4}} << u"1,3,3"_s
        << u"mat1 and mat2 shapes cannot be multiplied (3x3 and 10x4)"_s;
    QTest::addRow("torch output_padding too large")
        << T << u"ConvTranspose2d"_s
        << QVariantMap{{u"in_channels"_s, 1}, {u"out_channels"_s, 4}, {u"kernel_size"_s, 3}, {u"output_padding"_s, 1}} << u"1,3,3"_s
        << u"output padding must be smaller than either stride or dilation"_s;
    QTest::addRow("torch pool padding > k/2")
        << T << u"MaxPool2d"_s << QVariantMap{{u"kernel_size"_s, 3}, {u"padding"_s, 2}} << u"1,9,9"_s
        << u"pad should be smaller than or equal to half of kernel size"_s;
    QTest::addRow("torch groups") << T << u"Conv2d"_s
                                  << QVariantMap{{u"in_channels"_s, 4}, {u"out_channels"_s, 6}, {u"kernel_size"_s, 3},
                                                 {u"groups"_s, 4}}
                                  << u"4,9,9"_s << u"out_channels must be divisible by groups"_s;
    QTest::addRow("torch pool output too small")
        << T << u"MaxPool2d"_s << QVariantMap{{u"kernel_size"_s, 4}} << u"1,3,3"_s << u"Output size is too small"_s;
}

static ParamValue fromVariant(const QVariant &v)
{
    if (v.typeId() == QMetaType::QString)
        return ParamValue(v.toString().toStdString());
    return ParamValue(std::int64_t(v.toLongLong()));
}

void TstInfer::refusals()
{
    QFETCH(int, framework);
    QFETCH(QString, type);
    QFETCH(QVariantMap, params);
    QFETCH(QString, inputShape);
    QFETCH(QString, errorContains);
    Shape in;
    for (const auto &d : inputShape.split(QLatin1Char(',')))
        in.push_back(d.toLongLong());
    Builder b(Framework(framework), in);
    std::map<std::string, ParamValue> p;
    for (auto it = params.cbegin(); it != params.cend(); ++it)
        p[it.key().toStdString()] = fromVariant(it.value());
    b.chain(type.toStdString(), p);
    b.chain(framework == int(Framework::Keras) ? "Dropout" : "ReLU",
            framework == int(Framework::Keras) ? std::map<std::string, ParamValue>{{"rate", 0.5}}
                                               : std::map<std::string, ParamValue>{});
    const ShapeReport r = b.run();
    QVERIFY(!r.ok);
    QCOMPARE(r.firstRefused, 1);
    const LayerReport &l = r.layers[1];
    QCOMPARE(l.status, LayerReport::Status::Refused);
    QVERIFY(!l.output);
    QVERIFY2(l.error.find(errorContains.toStdString()) != std::string::npos, l.error.c_str());
    QVERIFY2(!l.fix.empty(), "a refusal must say how to fix it");
    QCOMPARE(r.layers[2].status, LayerReport::Status::Blocked);
    QVERIFY(!r.layers[2].output);
}

void TstInfer::denseOnUnflattenedActsOnLastAxis()
{
    Builder k(Framework::Keras, {5, 7, 3});
    k.chain("Dense", {{"units", 10}});
    auto r = k.run();
    QCOMPARE(*r.layers[1].output, (Shape{5, 7, 10}));
    QCOMPARE(r.layers[1].params, 3 * 10 + 10);
    Builder t(Framework::PyTorch, {3, 5, 7});
    t.chain("Linear", {{"in_features", 7}, {"out_features", 4}});
    r = t.run();
    QCOMPARE(*r.layers[1].output, (Shape{3, 5, 4}));
}

void TstInfer::sameConvOnMapSmallerThanKernel()
{
    Builder b(Framework::Keras, {2, 2, 1});
    b.chain("Conv2D", {{"filters", 1}, {"kernel_size", 5}, {"padding", "same"}});
    const auto r = b.run();
    QVERIFY(r.ok);
    QCOMPARE(*r.layers[1].output, (Shape{2, 2, 1}));
}

void TstInfer::batchNormParams()
{
    Builder k(Framework::Keras, {4, 4, 8});
    k.chain("BatchNormalization");
    auto r = k.run();
    QCOMPARE(r.layers[1].params, 32);
    QCOMPARE(r.layers[1].trainableParams, 16);
    QCOMPARE(r.layers[1].nonTrainableParams, 16);
    Builder t(Framework::PyTorch, {8, 4, 4});
    t.chain("BatchNorm2d", {{"num_features", 8}});
    r = t.run();
    QCOMPARE(r.layers[1].params, 16);
}

void TstInfer::kerasNames()
{
    Builder b(Framework::Keras, {32, 32, 3});
    b.chain("Conv2D", {{"filters", 4}, {"kernel_size", 3}})
        .chain("Conv2D", {{"filters", 4}, {"kernel_size", 3}})
        .chain("MaxPooling2D")
        .chain("BatchNormalization")
        .chain("UpSampling2D")
        .chain("Conv2D", {{"filters", 4}, {"kernel_size", 3}});
    std::vector<std::string> names;
    for (const auto &l : b.g.layers)
        names.push_back(l.name);
    QCOMPARE(names, (std::vector<std::string>{"input_1", "conv2d", "conv2d_1", "max_pooling2d", "batch_normalization",
                                              "up_sampling2d", "conv2d_2"}));
}

void TstInfer::absurdSizesAreRefusedNotOverflowed()
{
    Builder b(Framework::Keras, {8, 8, 1});
    b.chain("Conv2D", {{"filters", std::int64_t(1'000'000'000'000)}, {"kernel_size", 3}});
    auto r = b.run();
    QCOMPARE(r.layers[1].status, LayerReport::Status::Refused);
    Builder c(Framework::Keras, {1 << 30, 1 << 30, 1 << 30});
    c.chain("Conv2D", {{"filters", 1 << 20}, {"kernel_size", 3}, {"padding", "same"}});
    r = c.run();
    QVERIFY(!r.ok); // the input tensor itself is over 2^62 elements
}

void TstInfer::concatAndAdd()
{
    Builder b(Framework::Keras, {8, 8, 3});
    b.chain("Conv2D", {{"filters", 4}, {"kernel_size", 3}, {"padding", "same"}, {"name", "a"}});
    const std::string a = b.g.layers.back().name;
    b.merge("Conv2D", {"input_1"}, {{"filters", 5}, {"kernel_size", 1}});
    const std::string c = b.g.layers.back().name;
    b.merge("Concatenate", {a, c});
    b.merge("Add", {a, c});
    const auto r = b.run();
    QCOMPARE(*r.layers[3].output, (Shape{8, 8, 9}));
    QCOMPARE(r.layers[4].status, LayerReport::Status::Refused);
    QVERIFY2(r.layers[4].error.find("Inputs have incompatible shapes") != std::string::npos, r.layers[4].error.c_str());
}

QTEST_APPLESS_MAIN(TstInfer)
#include "tst_infer.moc"
