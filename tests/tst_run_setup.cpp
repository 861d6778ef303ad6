// tst_run_setup.cpp — core/setup: the weights and input every forward pass runs on, as the CLI and the app choose
// them (one policy for both): the trained folder beside a model, seeded weights for layers it does not fit, the
// sample digit, a drawing, LeNet-5's padded digit and the seeded fallback.
#include "formats/model_file.h"
#include "setup/run_setup.h"
#include "shape/infer.h"

#include <QTest>

using namespace convlens;

namespace {

const std::string kExamples = CONVLENS_SOURCE_DIR "/resources/examples/";

ShapeReport exampleReport(const std::string &file)
{
    const LoadResult r = loadModelFile(kExamples + file);
    if (!r.ok())
        qFatal("%s", r.error->toString().c_str());
    return infer(*r.graph);
}

bool contains(const std::vector<std::string> &notes, const std::string &text)
{
    for (const auto &n : notes)
        if (n.find(text) != std::string::npos)
            return true;
    return false;
}

} // namespace

class TstRunSetup : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void trainedFolderBesideModel();
    void editedLayerGetsSeededWeights();
    void explicitFolderMustLoad();
    void sampleDigitAndDrawing();
    void leNetDigitIsPadded();
    void fileErrorsAndSeededFallback();
};

void TstRunSetup::trainedFolderBesideModel()
{
    const ShapeReport rep = exampleReport("autoencoder.py");
    QVERIFY(rep.ok);
    QCOMPARE(weightsFolderBeside(kExamples + "autoencoder.py"), kExamples + "autoencoder.weights");
    QVERIFY(weightsFolderBeside(kExamples + "unet_same.py").empty());
    const TrainedWeights t = loadTrainedWeights(rep, WeightsChoice{kExamples + "autoencoder.py", {}});
    QVERIFY(t.ok());
    QVERIFY(t.errors.empty());
    const ResolvedWeights r = resolveWeights(t, rep);
    QCOMPARE(r.trainedLayers.size(), size_t(7)); // the seven convolutions
    QVERIFY(r.seededLayers.empty());
    QCOMPARE(weightsNote(t, r, rep.framework), std::string("trained weights from autoencoder.weights"));
    // The arrays are the folder's, not initial values.
    QCOMPARE(r.weights.find("conv2d")->at("kernel").data, t.set.find("conv2d")->at("kernel").data);
}

void TstRunSetup::editedLayerGetsSeededWeights()
{
    ShapeReport rep = exampleReport("autoencoder.py");
    const TrainedWeights t = loadTrainedWeights(rep, WeightsChoice{kExamples + "autoencoder.py", {}});
    // An edit doubled conv2d's filters: its trained kernel no longer fits, so it (and the next conv) are seeded.
    Graph g = *loadModelFile(kExamples + "autoencoder.py").graph;
    for (auto &l : g.layers)
        if (l.name == "conv2d")
            l.params["filters"] = 32;
    rep = infer(g);
    const ResolvedWeights r = resolveWeights(t, rep);
    QCOMPARE(r.seededLayers, (std::vector<std::string>{"conv2d", "conv2d_1"}));
    QCOMPARE(r.trainedLayers.size(), size_t(5));
    QCOMPARE(weightsNote(t, r, rep.framework),
             std::string("trained weights from autoencoder.weights (2 layers seeded: conv2d, conv2d_1)"));
}

void TstRunSetup::explicitFolderMustLoad()
{
    const ShapeReport rep = exampleReport("lenet5.py");
    const TrainedWeights wrong = loadTrainedWeights(rep, WeightsChoice{{}, kExamples + "autoencoder.weights"});
    QVERIFY(!wrong.ok()); // LeNet's arrays are not in the autoencoder's folder
    QVERIFY(!wrong.errors.empty());
    const TrainedWeights none = loadTrainedWeights(rep, WeightsChoice{"/nonexistent/model.py", {}});
    QVERIFY(none.ok());
    QVERIFY(none.dir.empty());
    const ResolvedWeights r = resolveWeights(none, rep);
    QVERIFY(r.trainedLayers.empty());
    QCOMPARE(weightsNote(none, r, rep.framework),
             std::string("seeded glorot_uniform initial weights (no trained weights for this model)"));
}

void TstRunSetup::sampleDigitAndDrawing()
{
    const ShapeReport rep = exampleReport("autoencoder.py");
    QVERIFY(sampleDigitPaths().size() >= 20);
    PreparedInputs in = prepareInputs(rep, InputChoice{});
    QVERIFY(in.ok());
    QCOMPARE(in.tensors.size(), size_t(1));
    QVERIFY(contains(in.notes, "using the sample digit 0_0.png"));
    const Tensor &t = in.tensors.begin()->second;
    QCOMPARE(t.shape, (Shape{28, 28, 1}));
    float mx = 0;
    for (float v : t.data)
        mx = std::max(mx, v);
    QCOMPARE(mx, 1.0f); // a white stroke, divided by 255

    InputChoice drawing;
    drawing.kind = InputChoice::Kind::Pixels;
    drawing.label = "your drawing";
    drawing.pixels = Pixels{28, 28, 1, std::vector<std::uint8_t>(28 * 28, 0)};
    drawing.pixels.data[14 * 28 + 14] = 255;
    in = prepareInputs(rep, drawing);
    QVERIFY(in.ok());
    const Tensor &d = in.tensors.begin()->second;
    QCOMPARE(d.data[14 * 28 + 14], 1.0f);
    QCOMPARE(d.data[0], 0.0f);
}

void TstRunSetup::leNetDigitIsPadded()
{
    const ShapeReport rep = exampleReport("lenet5.py"); // 32×32×1
    InputChoice c;
    c.kind = InputChoice::Kind::File;
    c.path = CONVLENS_SOURCE_DIR "/resources/digits/7_0.png";
    const PreparedInputs in = prepareInputs(rep, c);
    QVERIFY(in.ok());
    QVERIFY(contains(in.notes, "padded by 2 black pixels to 32×32"));
    const Tensor &t = in.tensors.begin()->second;
    QCOMPARE(t.shape, (Shape{32, 32, 1}));
    for (int x = 0; x < 32; ++x) // the 2-pixel border is black
        QCOMPARE(t.data[size_t(x)], 0.0f);
}

void TstRunSetup::fileErrorsAndSeededFallback()
{
    const ShapeReport rep = exampleReport("autoencoder.py");
    InputChoice c;
    c.kind = InputChoice::Kind::File;
    c.path = "/nonexistent/digit.png";
    PreparedInputs in = prepareInputs(rep, c);
    QVERIFY(!in.ok());
    QVERIFY2(in.error.find("/nonexistent/digit.png") != std::string::npos, in.error.c_str());

    c.kind = InputChoice::Kind::SeededRandom;
    in = prepareInputs(rep, c);
    QVERIFY(in.ok());
    const Tensor &t = in.tensors.begin()->second;
    QCOMPARE(t.data, Tensor::fromFrameworkOrder(rep.framework, t.shape, seededUniform(t.data.size(), 1)).data);

    // A model whose input is a vector takes no image: the seeded input, with a note.
    Graph g;
    g.framework = Framework::PyTorch;
    Layer x, fc;
    x.name = "x";
    x.type = "Input";
    x.params["shape"] = ParamValue::ints({10});
    x.implicitInput = true;
    fc.name = "0";
    fc.type = "Linear";
    fc.params = {{"in_features", 10}, {"out_features", 2}};
    fc.inputs = {"x"};
    g.layers = {x, fc};
    const ShapeReport vec = inferGraph(g);
    QVERIFY(vec.ok);
    in = prepareInputs(vec, InputChoice{});
    QVERIFY(in.ok());
    QVERIFY(contains(in.notes, "takes no image: a seeded random input in [0, 1) is used"));
}

QTEST_GUILESS_MAIN(TstRunSetup)
#include "tst_run_setup.moc"
