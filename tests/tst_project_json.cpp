// tst_project_json.cpp — project files: a DAG survives a save/load round trip, every malformed file is refused
// with a message naming what is wrong (and where, for JSON syntax), and a failed save leaves the old file intact.
#include "formats/model_file.h"
#include "importers/python_code.h"
#include "shape/infer.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/resource.h>
#include <unistd.h>

using namespace convlens;

namespace {

Graph sampleDag()
{
    Graph g;
    g.framework = Framework::Keras;
    Layer in;
    in.name = "image";
    in.type = "InputLayer";
    in.params["shape"] = ParamValue::ints({28, 28, 1});
    Layer a;
    a.name = "conv_a";
    a.type = "Conv2D";
    a.inputs = {"image"};
    a.params["filters"] = 8;
    a.params["kernel_size"] = ParamValue::ints({3, 3});
    a.params["padding"] = "same";
    a.params["activation"] = ParamValue{};
    Layer b;
    b.name = "conv_b";
    b.type = "Conv2D";
    b.inputs = {"image"};
    b.params["filters"] = 8;
    b.params["kernel_size"] = 3;
    b.params["use_bias"] = false;
    Layer bn;
    bn.name = "bn";
    bn.type = "BatchNormalization";
    bn.inputs = {"conv_b"};
    bn.params["epsilon"] = 0.0001;
    bn.params["momentum"] = 1.0; // a float parameter written as 1 must come back as a float
    Layer cat;
    cat.name = "cat";
    cat.type = "Concatenate";
    cat.inputs = {"conv_a", "bn"};
    cat.params["axis"] = -1;
    Layer pad;
    pad.name = "pad";
    pad.type = "ZeroPadding2D";
    pad.inputs = {"cat"};
    pad.params["padding"] = ParamValue(ParamList{ParamValue::ints({1, 2}), ParamValue::ints({0, 3})});
    g.layers = {in, a, b, bn, cat, pad};
    g.outputs = {"pad", "conv_a"};
    return g;
}

QByteArray project(const QByteArray &layers, const QByteArray &extra = {})
{
    return "{\"format\": \"convlens-model\", \"version\": 1, \"framework\": \"keras\"" + extra +
           ", \"layers\": " + layers + "}";
}

QByteArray errorOf(const LoadResult &r)
{
    return r.error ? QByteArray::fromStdString(r.error->toString()) : QByteArray("(no error)");
}

} // namespace

class TestProjectJson : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void roundTrip();
    void torchRoundTrip();
    void errors_data();
    void errors();
    void inputShapeOption();
    void saveAndReload();
    void failedSaveKeepsOldFile();
    void refusedReaderRowSurvivesSave();
    void nonFiniteBoundsSurviveSave();
    void modelFilesSurviveSave();
};

void TestProjectJson::roundTrip()
{
    const Graph g = sampleDag();
    const std::string text = projectToJson(g);
    const LoadResult r = loadProjectJson(text, "p.json");
    QVERIFY2(r.ok(), errorOf(r).constData());
    const Graph &h = *r.graph;
    QCOMPARE(h.framework, g.framework);
    QCOMPARE(h.outputs, g.outputs);
    QCOMPARE(h.layers.size(), g.layers.size());
    for (size_t i = 0; i < g.layers.size(); ++i) {
        QCOMPARE(h.layers[i].name, g.layers[i].name);
        QCOMPARE(h.layers[i].type, g.layers[i].type);
        QCOMPARE(h.layers[i].inputs, g.layers[i].inputs);
        QCOMPARE(h.layers[i].implicitInput, g.layers[i].implicitInput);
        QCOMPARE(h.layers[i].line, 0);
        QVERIFY2(h.layers[i].params == g.layers[i].params, h.layers[i].name.c_str());
    }
    QVERIFY(h.layers[3].params.at("momentum").isFloat());
    QVERIFY(h.layers[0].params.at("shape").asList()[0].isInt());
    // writing what was read gives the same text
    QCOMPARE(projectToJson(h), text);
    QVERIFY(QByteArray::fromStdString(text).contains("\"format\": \"convlens-model\""));
    QVERIFY(!QByteArray::fromStdString(text).contains("\"line\""));
}

void TestProjectJson::torchRoundTrip()
{
    LoadOptions o;
    o.inputShape = Shape{3, 16, 16};
    const LoadResult code = importPythonCode("import torch.nn as nn\n"
                                             "m = nn.Sequential(nn.Conv2d(3, 4, 3, padding=(1, 1)), nn.ReLU(),\n"
                                             "                  nn.Upsample(scale_factor=2.5), nn.Flatten())\n",
                                             "m.py", o);
    QVERIFY2(code.ok(), errorOf(code).constData());
    const LoadResult r = loadProjectJson(projectToJson(*code.graph), "m.json");
    QVERIFY2(r.ok(), errorOf(r).constData());
    QCOMPARE(r.graph->framework, Framework::PyTorch);
    QCOMPARE(r.graph->layers.size(), size_t(5));
    QVERIFY(r.graph->layers[0].implicitInput);
    QCOMPARE(r.graph->layers[0].name, std::string("input"));
    QVERIFY(r.graph->layers[1].params == code.graph->layers[1].params);
    QCOMPARE(r.graph->layers[3].params.at("scale_factor").asNumber(), 2.5);

    // an nn.Module's rows keep their module path and scope; a file without them reads as before
    const LoadResult net = importPythonCode("import torch.nn as nn\n"
                                            "class Block(nn.Module):\n"
                                            "    def __init__(self):\n"
                                            "        super().__init__()\n"
                                            "        self.conv = nn.Conv2d(3, 3, 3, padding=1)\n"
                                            "    def forward(self, x):\n"
                                            "        return x + self.conv(x)\n"
                                            "model = nn.Sequential(Block(), nn.ReLU())\n",
                                            "n.py", o);
    QVERIFY2(net.ok(), errorOf(net).constData());
    const std::string text = projectToJson(*net.graph);
    QVERIFY(QByteArray::fromStdString(text).contains("\"module_path\": \"0.conv\""));
    const LoadResult back = loadProjectJson(text, "n.json");
    QVERIFY2(back.ok(), errorOf(back).constData());
    QCOMPARE(back.graph->layers[1].name, std::string("0.conv"));
    QCOMPARE(back.graph->layers[1].modulePath, std::string("0.conv"));
    QCOMPARE(back.graph->layers[1].scope, std::string("0"));
    QCOMPARE(back.graph->layers[2].modulePath, std::string());
    QCOMPARE(back.graph->layers[2].scope, std::string("0"));
    QCOMPARE(projectToJson(*back.graph), text);
}

void TestProjectJson::errors_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QByteArray>("error"); // LoadError::toString(); a trailing "…" means "starts with"
    QTest::addRow("module_path not a string")
        << project(R"([{"name": "x", "type": "InputLayer", "params": {"shape": [4]}, "module_path": 3}])")
        << QByteArray("p.json: layer 'x': \"module_path\" must be a string, got a number");
    const QByteArray input = R"({"name": "in", "type": "InputLayer", "params": {"shape": [8, 8, 1]}})";

    QTest::addRow("syntax: position") << QByteArray("{\n  \"format\": \"convlens-model\",\n  \"version\": 1 x\n}")
                                      << QByteArray("p.json:3:17: invalid JSON: …"); // Qt points past the bad token
    QTest::addRow("syntax: truncated") << QByteArray("{\"format\": ") << QByteArray("p.json:1:…");
    QTest::addRow("not an object") << QByteArray("[1, 2]")
                                   << QByteArray("p.json: not a ConvLens project: the file is not a JSON object");
    QTest::addRow("wrong format") << QByteArray(R"({"format": "keras-model", "version": 1})")
                                  << QByteArray("p.json: not a ConvLens project: \"format\" is 'keras-model', "
                                                "expected 'convlens-model'");
    QTest::addRow("missing format") << QByteArray(R"({"version": 1})")
                                    << QByteArray("p.json: not a ConvLens project: \"format\" is nothing, expected "
                                                  "'convlens-model'");
    QTest::addRow("newer version") << QByteArray(R"({"format": "convlens-model", "version": 2, "layers": []})")
                                   << QByteArray("p.json: the project was written by a newer ConvLens (format version "
                                                 "2); this version reads version 1");
    QTest::addRow("bad version") << QByteArray(R"({"format": "convlens-model", "version": "1"})")
                                 << QByteArray("p.json: \"version\" must be a positive integer, got a string");
    QTest::addRow("bad framework") << QByteArray(R"({"format": "convlens-model", "version": 1, "framework": "jax"})")
                                   << QByteArray("p.json: \"framework\" must be 'keras' or 'pytorch', got 'jax'");
    QTest::addRow("layers not an array") << project("{}")
                                         << QByteArray("p.json: \"layers\" must be an array, got an object");
    QTest::addRow("unknown type") << project("[" + input + R"(, {"name": "c3", "type": "Conv3D", "inputs": ["in"]}])")
                                  << QByteArray("p.json: layer 'c3': unknown layer type 'Conv3D' for keras; ConvLens "
                                                "knows: InputLayer, Conv2D…");
    QTest::addRow("PyTorch type in a Keras project")
        << project("[" + input + R"(, {"name": "c", "type": "Conv2d", "inputs": ["in"]}])")
        << QByteArray("p.json: layer 'c': unknown layer type 'Conv2d' for keras…");
    QTest::addRow("unknown parameter")
        << project("[" + input + R"(, {"name": "conv1", "type": "Conv2D", "inputs": ["in"], "params": {"filters": 2, "kernel_size": 3, "foo": 1}}])")
        << QByteArray("p.json: layer 'conv1' (Conv2D): unknown parameter 'foo'");
    QTest::addRow("parameter type")
        << project("[" + input + R"(, {"name": "conv1", "type": "Conv2D", "inputs": ["in"], "params": {"filters": 2, "kernel_size": "a"}}])")
        << QByteArray("p.json: layer 'conv1' (Conv2D): parameter 'kernel_size': expected an int or a tuple of 2 "
                      "ints, got 'a'");
    QTest::addRow("object as a value")
        << project("[" + input + R"(, {"name": "conv1", "type": "Conv2D", "inputs": ["in"], "params": {"filters": {}}}])")
        << QByteArray("p.json: layer 'conv1' (Conv2D): parameter 'filters': an object is not a parameter value");
    QTest::addRow("nameless layer") << project(R"([{"type": "InputLayer"}])")
                                    << QByteArray("p.json: layer 0: \"name\" must be a non-empty string, got nothing");
    QTest::addRow("inputs not names") << project("[" + input + R"(, {"name": "d", "type": "Dense", "inputs": [0]}])")
                                      << QByteArray("p.json: layer 'd': \"inputs\" must be an array of layer names, "
                                                    "got a number in it");
    QTest::addRow("missing input")
        << project("[" + input + R"(, {"name": "d", "type": "Dense", "inputs": ["nowhere"], "params": {"units": 2}}])")
        << QByteArray("p.json: layer 'd' uses 'nowhere', which is not defined");
    QTest::addRow("duplicate names") << project("[" + input + ", " + input + "]")
                                     << QByteArray("p.json: two layers are named 'in'; names must be unique");
    QTest::addRow("cycle")
        << project(R"([{"name": "a", "type": "Dense", "inputs": ["b"], "params": {"units": 2}},
                       {"name": "b", "type": "Dense", "inputs": ["a"], "params": {"units": 2}}])")
        << QByteArray("p.json: the layers 'a', 'b' form a cycle; a model must be a DAG");
    QTest::addRow("cycle names only its own layers")
        << project("[" + input + R"(, {"name": "a", "type": "Add", "inputs": ["in", "b"]},
                       {"name": "b", "type": "Dense", "inputs": ["a"], "params": {"units": 2}},
                       {"name": "c", "type": "Dense", "inputs": ["b"], "params": {"units": 2}}])")
        << QByteArray("p.json: the layers 'a', 'b' form a cycle; a model must be a DAG");
    QTest::addRow("self-loop")
        << project("[" + input + R"(, {"name": "s", "type": "Add", "inputs": ["in", "s"]},
                       {"name": "t", "type": "Dense", "inputs": ["s"], "params": {"units": 2}}])")
        << QByteArray("p.json: the layer 's' is its own input; a model must be a DAG");
    QTest::addRow("bad output") << project("[" + input + "]", R"(, "outputs": ["x"])")
                                << QByteArray("p.json: the model output 'x' is not a layer");
    QTest::addRow("implicit_input not bool")
        << project(R"([{"name": "in", "type": "InputLayer", "params": {"shape": [2]}, "implicit_input": 1}])")
        << QByteArray("p.json: layer 'in': \"implicit_input\" must be true or false, got a number");
    // Issue 13: these two crashed infer (an empty optional, a bad_variant_access) before the catalogue's required
    // flag was enforced on load.
    const QByteArray torchInput = R"({"name": "x", "type": "Input", "params": {"shape": [1, 8, 8]}})";
    QTest::addRow("ZeroPad2d without padding")
        << QByteArray(R"({"format": "convlens-model", "version": 1, "framework": "pytorch", "layers": [)" + torchInput +
                      R"(, {"name": "0", "type": "ZeroPad2d", "inputs": ["x"]}]})")
        << QByteArray("p.json: layer '0' (ZeroPad2d): missing required parameter 'padding' (int or (left, right, top, "
                      "bottom))");
    QTest::addRow("Unflatten without dim")
        << QByteArray(R"({"format": "convlens-model", "version": 1, "framework": "pytorch", "layers": [)" + torchInput +
                      R"(, {"name": "0", "type": "Flatten", "inputs": ["x"]},
                         {"name": "1", "type": "Unflatten", "inputs": ["0"], "params": {"unflattened_size": [8, 8]}}]})")
        << QByteArray("p.json: layer '1' (Unflatten): missing required parameter 'dim'…");
    QTest::addRow("Conv2D without filters")
        << project("[" + input + R"(, {"name": "c", "type": "Conv2D", "inputs": ["in"], "params": {"kernel_size": 3}}])")
        << QByteArray("p.json: layer 'c' (Conv2D): missing required parameter 'filters' (number of output channels)");
    QTest::addRow("range: filters 0")
        << project("[" + input + R"(, {"name": "c", "type": "Conv2D", "inputs": ["in"], "params": {"filters": 0, "kernel_size": 3}}])")
        << QByteArray("p.json: layer 'c' (Conv2D): parameter 'filters': expected an int ≥ 1, got 0");
    QTest::addRow("range: kernel 2^40")
        << project("[" + input + R"(, {"name": "c", "type": "Conv2D", "inputs": ["in"], "params": {"filters": 1, "kernel_size": [1099511627776, 3]}}])")
        << QByteArray("p.json: layer 'c' (Conv2D): parameter 'kernel_size': expected a size within ±2^31, got "
                      "1099511627776 (too large)");
    QTest::addRow("range: shape 2^62")
        << project(R"([{"name": "in", "type": "InputLayer", "params": {"shape": [4611686018427387904, 1, 1]}}])")
        << QByteArray("p.json: layer 'in' (InputLayer): parameter 'shape': expected a size within ±2^31, got "
                      "4611686018427387904 (too large)");
    QTest::addRow("weights: a path")
        << project("[" + input + "]", R"(, "weights": "../elsewhere.weights")")
        << QByteArray("p.json: \"weights\" must be the name of a folder beside the project (\"model.weights\"), got "
                      "'../elsewhere.weights'");
    QTest::addRow("weights: not a string") << project("[" + input + "]", R"(, "weights": true)")
                                          << QByteArray("p.json: \"weights\" must be the name of a folder beside the "
                                                        "project (\"model.weights\"), got a boolean");
    QTest::addRow("nested too deeply")
        << project("[{\"name\": \"in\", \"type\": \"InputLayer\", \"params\": {\"shape\": " + QByteArray(150, '[') +
                   QByteArray(150, ']') + "}}]")
        << QByteArray("p.json: layer 'in' (InputLayer): parameter 'shape': nested too deeply");
}

void TestProjectJson::errors()
{
    QFETCH(QByteArray, json);
    QFETCH(QByteArray, error);
    const LoadResult r = loadProjectJson(json.toStdString(), "p.json");
    QVERIFY(!r.ok());
    QVERIFY(!r.error->message.empty());
    const QByteArray got = errorOf(r);
    if (error.endsWith("…"))
        QVERIFY2(got.startsWith(error.chopped(int(qstrlen("…")))), got.constData());
    else
        QCOMPARE(got, error);
}

void TestProjectJson::inputShapeOption()
{
    LoadOptions o;
    o.inputShape = Shape{64, 64, 3};
    LoadResult r = loadProjectJson(projectToJson(sampleDag()), "p.json", o);
    QVERIFY2(r.ok(), errorOf(r).constData());
    QCOMPARE(r.graph->layers[0].params.at("shape"), ParamValue::ints({64, 64, 3}));
    o.inputShape.reset();
    o.framework = Framework::PyTorch;
    r = loadProjectJson(projectToJson(sampleDag()), "p.json", o);
    QCOMPARE(errorOf(r), QByteArray("p.json: the project is a keras model; --framework pytorch does not apply"));
}

void TestProjectJson::saveAndReload()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string path = dir.filePath(QStringLiteral("model.json")).toStdString();
    std::string error;
    QVERIFY2(saveProjectFile(sampleDag(), path, &error), error.c_str());
    const LoadResult r = loadModelFile(path);
    QVERIFY2(r.ok(), errorOf(r).constData());
    QCOMPARE(r.graph->layers.size(), sampleDag().layers.size());

    QCOMPARE(projectWeightsFolder(path), std::string()); // names no trained weights

    // The trained weights' folder it names (issue 13: so that opening it without them can say so).
    QVERIFY2(saveProjectFile(sampleDag(), path, &error, "model.weights"), error.c_str());
    QVERIFY2(loadModelFile(path).ok(), errorOf(loadModelFile(path)).constData());
    QCOMPARE(projectWeightsFolder(path), std::string("model.weights"));
    QCOMPARE(projectWeightsFolder(dir.filePath(QStringLiteral("none.json")).toStdString()), std::string());

    error.clear();
    QVERIFY(!saveProjectFile(sampleDag(), dir.filePath(QStringLiteral("no/such/dir/model.json")).toStdString(), &error));
    QVERIFY2(QByteArray::fromStdString(error).startsWith("cannot save "), error.c_str());
    QVERIFY(!saveProjectFile(sampleDag(), dir.filePath(QStringLiteral("no/such/dir/model.json")).toStdString(), nullptr));
}

// A model file's node ConvLens cannot map is a refused row (an Activation holding the reader's message in
// `refused_by_reader`, formats/keras_model.cpp and onnx_model.cpp). Saving such a model and opening it again must
// give the same refused row, not a file the loader refuses.
void TestProjectJson::refusedReaderRowSurvivesSave()
{
    Graph g = sampleDag();
    Layer odd;
    odd.name = "blur";
    odd.type = "Activation";
    odd.inputs = {"pad"};
    odd.params["activation"] = "linear";
    odd.params["refused_by_reader"] = "Keras layer 'blur' (GaussianBlur2D): ConvLens has no GaussianBlur2D layer";
    g.layers.push_back(odd);
    g.outputs = {"blur"};
    const LoadResult r = loadProjectJson(projectToJson(g), "p.json");
    QVERIFY2(r.ok(), errorOf(r).constData());
    QVERIFY(r.graph->layers.back().params == odd.params);
    const ShapeReport rep = infer(*r.graph);
    const LayerReport &row = rep.layers[size_t(rep.indexOf("blur"))];
    QCOMPARE(row.status, LayerReport::Status::Refused);
    QCOMPARE(row.error, odd.params.at("refused_by_reader").asString());
}

// What the ONNX reader writes that JSON cannot say as such: -inf padding before a max pool and an unbounded Hardtanh
// (written "-inf" / "inf"), and a slice from index 0; each must come back as it was. A NaN is refused on load.
void TestProjectJson::nonFiniteBoundsSurviveSave()
{
    Graph g;
    g.framework = Framework::PyTorch;
    Layer in;
    in.name = "x";
    in.type = "Input";
    in.params["shape"] = ParamValue::ints({1, 5, 5});
    Layer pad;
    pad.name = "pad";
    pad.type = "ConstantPad2d";
    pad.inputs = {"x"};
    pad.params["padding"] = ParamValue::ints({0, 1, 0, 1});
    pad.params["value"] = -std::numeric_limits<double>::infinity();
    Layer clip;
    clip.name = "clip";
    clip.type = "Hardtanh";
    clip.inputs = {"pad"};
    clip.params["min_val"] = 0.0;
    clip.params["max_val"] = std::numeric_limits<double>::infinity();
    Layer slice;
    slice.name = "slice";
    slice.type = "getitem";
    slice.inputs = {"clip"};
    slice.params["dim"] = 2;
    slice.params["start"] = 0;
    slice.params["stop"] = -1;
    g.layers = {in, pad, clip, slice};
    const std::string text = projectToJson(g);
    QVERIFY(QByteArray::fromStdString(text).contains("\"value\": \"-inf\""));
    const LoadResult r = loadProjectJson(text, "p.json");
    QVERIFY2(r.ok(), errorOf(r).constData());
    for (size_t i = 0; i < g.layers.size(); ++i)
        QVERIFY2(r.graph->layers[i].params == g.layers[i].params, g.layers[i].name.c_str());
    const ShapeReport rep = infer(*r.graph);
    QVERIFY(rep.ok);
    QCOMPARE(*rep.layers.back().output, (Shape{1, 5, 6})); // (C, H, W): 5×5 padded to 6×6, rows 0:-1 kept

    g.layers[1].params["value"] = std::numeric_limits<double>::quiet_NaN();
    const LoadResult nan = loadProjectJson(projectToJson(g), "p.json");
    QVERIFY(!nan.ok());
    QVERIFY2(nan.error->message.find("parameter 'value': expected a finite number, got float('nan')") != std::string::npos,
             nan.error->message.c_str());
    g.layers[1].params["value"] = 0.0;
    g.layers[2].params["min_val"] = -std::numeric_limits<double>::infinity(); // a bound that may be infinite
    QVERIFY(loadProjectJson(projectToJson(g), "p.json").ok());
}

// Every golden model file that opens, saved as a project and opened again, infers the same rows (issue 13: a
// project saved from an ONNX or Keras file must open again; 17 of them did not).
void TestProjectJson::modelFilesSurviveSave()
{
    int checked = 0;
    for (const char *folder : {"onnx", "keras", "bad"}) {
        const QDir dir(QStringLiteral(CONVLENS_GOLDEN_DIR "/files/") + QLatin1String(folder));
        for (const QFileInfo &f : dir.entryInfoList({QStringLiteral("*.onnx"), QStringLiteral("*.h5"), QStringLiteral("*.keras")}, QDir::Files, QDir::Name)) {
            if (f.fileName().endsWith(QLatin1String(".weights.h5")))
                continue;
            const LoadResult read = loadModelFile(f.filePath().toStdString());
            if (!read.ok())
                continue;
            const LoadResult again = loadProjectJson(projectToJson(*read.graph), "saved.json");
            QVERIFY2(again.ok(), qPrintable(f.fileName() + QLatin1String(": ") + QString::fromUtf8(errorOf(again))));
            const ShapeReport a = infer(*read.graph), b = infer(*again.graph);
            QCOMPARE(b.layers.size(), a.layers.size());
            for (size_t i = 0; i < a.layers.size(); ++i) {
                QVERIFY2(b.layers[i].status == a.layers[i].status && b.layers[i].output == a.layers[i].output &&
                             b.layers[i].error == a.layers[i].error && b.layers[i].params == a.layers[i].params,
                         qPrintable(f.fileName() + QLatin1String(": ") + QString::fromStdString(a.layers[i].name)));
            }
            ++checked;
        }
    }
    QVERIFY2(checked >= 150, qPrintable(QString::number(checked)));
}

void TestProjectJson::failedSaveKeepsOldFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("model.json"));
    Graph small;
    small.layers = {sampleDag().layers[0]};
    std::string error;
    QVERIFY2(saveProjectFile(small, path.toStdString(), &error), error.c_str());
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray before = f.readAll();
    f.close();

    // A write that fails half-way (a file size limit: works even for root, unlike a read-only directory).
    rlimit old{};
    QCOMPARE(getrlimit(RLIMIT_FSIZE, &old), 0);
    const auto oldHandler = std::signal(SIGXFSZ, SIG_IGN);
    rlimit tiny = old;
    tiny.rlim_cur = rlim_t(before.size());
    QCOMPARE(setrlimit(RLIMIT_FSIZE, &tiny), 0);
    const bool saved = saveProjectFile(sampleDag(), path.toStdString(), &error);
    setrlimit(RLIMIT_FSIZE, &old);
    std::signal(SIGXFSZ, oldHandler);
    QVERIFY(!saved);
    QVERIFY2(QByteArray::fromStdString(error).startsWith("cannot save "), error.c_str());
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), before);
    f.close();

    // A read-only directory (not a barrier for root).
    if (geteuid() != 0) {
        QVERIFY(QFile::setPermissions(dir.path(), QFileDevice::ReadOwner | QFileDevice::ExeOwner));
        QVERIFY(!saveProjectFile(sampleDag(), path.toStdString(), &error));
        QFile::setPermissions(dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), before);
    }
}

QTEST_GUILESS_MAIN(TestProjectJson)
#include "tst_project_json.moc"
