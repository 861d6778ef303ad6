// tst_onnx_golden.cpp — the ONNX reader on the golden files (tests/golden/files/onnx, made by torch.onnx.export and
// onnx.helper, the truth computed by onnxruntime-node): every row's shape against onnxruntime's value of the node it
// is named after, and for a model that resolves, every such row's forward output (fast kernels and the reference)
// within 1e-4 × max |expected|, with the weights read from the file. The malformed files of tests/golden/files/bad
// are refused with the file's name and a reason.
#include "compute/reference/reference.h"
#include "compute/runner.h"
#include "formats/image_input.h"
#include "formats/model_file.h"
#include "formats/npy.h"
#include "formats/onnx_model.h"
#include "setup/run_setup.h"
#include "shape/infer.h"

#include "golden_compare.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <cmath>
#include <map>

using namespace convlens;

namespace {

const QString kDir = QStringLiteral(CONVLENS_GOLDEN_DIR "/files/onnx");
const QString kBad = QStringLiteral(CONVLENS_GOLDEN_DIR "/files/bad");

// Cases with a node ConvLens does not map, and the op type the first refused row must name (docs/onnx.md says
// why each is not exact). A listed case must still be refused there: when the reader learns the op, the entry goes.
const std::map<QString, QString> kAllowedRefusals = {
    {QStringLiteral("autopad_same_lower"), QStringLiteral("AveragePool")}, // count_include_pad=0, one side
    {QStringLiteral("avgpool_same_s1_even_kernel"), QStringLiteral("AveragePool")}, // ceil_mode: one window fewer
    {QStringLiteral("depthtospace_dcr"), QStringLiteral("DepthToSpace")},  // DCR: not torch's channel order
    {QStringLiteral("erf_not_gelu"), QStringLiteral("Erf")},               // x / 2, not GELU's x / √2
    {QStringLiteral("maxpool_ceil_window_in_end_pad"), QStringLiteral("MaxPool")}, // onnxruntime drops that window
    {QStringLiteral("mul_by_constant_tensor"), QStringLiteral("Mul")}, // no row holds a constant tensor
    {QStringLiteral("resize_linear_asymmetric"), QStringLiteral("Resize")},
    {QStringLiteral("resize_nearest_asymmetric_rounding"), QStringLiteral("Resize")}, // float scales: 6, torch 7
    {QStringLiteral("resize_nearest_sizes_half_pixel"), QStringLiteral("Resize")},
    {QStringLiteral("resize_nearest_tf_half_pixel_rounding"), QStringLiteral("Resize")}, // 7, nearest-exact 6
    {QStringLiteral("softplus_two_betas"), QStringLiteral("Greater")}, // Softplus(2x) / 3: not torch's Softplus
    {QStringLiteral("unknown_op_einsum"), QStringLiteral("Einsum")},
    {QStringLiteral("unknown_op_lstm"), QStringLiteral("Transpose")}, // (sequence, batch, …): moves the batch
};

} // namespace

class TestOnnxGolden : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void corpus_data();
    void corpus();
    void coverage();
    void weightsReachTheRunSetup();
    void badFiles_data();
    void badFiles();
    void unknownDomainIsARefusedRow();
};

void TestOnnxGolden::corpus_data()
{
    QTest::addColumn<QString>("name");
    const QStringList files = QDir(kDir).entryList({QStringLiteral("*.expected.json")}, QDir::Files, QDir::Name);
    for (const QString &f : files) {
        const QString name = f.left(f.size() - int(qstrlen(".expected.json")));
        QTest::newRow(qPrintable(name)) << name;
    }
}

void TestOnnxGolden::corpus()
{
    QFETCH(QString, name);
    const QJsonObject expected = golden::readJson(kDir + QLatin1Char('/') + name + QStringLiteral(".expected.json"));
    QVERIFY(!expected.isEmpty());
    const std::string model = QString(kDir + QLatin1Char('/') + name + QStringLiteral(".onnx")).toStdString();
    const LoadResult loaded = loadModelFile(model);
    QVERIFY2(loaded.ok(), loaded.error ? loaded.error->toString().c_str() : "no graph");
    QCOMPARE(loaded.graph->framework, Framework::PyTorch);
    const ShapeReport report = infer(*loaded.graph);

    // Rows refused: only where allowed, naming the op type; the file's own refusal cases name theirs.
    const QJsonObject convlens = expected.value(QLatin1String("convlens")).toObject();
    const QString mustRefuse = convlens.value(QLatin1String("refuse_op_type")).toString();
    for (const auto &node : convlens.value(QLatin1String("refused_nodes")).toArray()) {
        const int i = report.indexOf(node.toString().toStdString());
        QVERIFY2(i >= 0, qPrintable(QStringLiteral("no row for node ") + node.toString()));
        const LayerReport &l = report.layers[size_t(i)];
        QVERIFY2(l.status == LayerReport::Status::Refused, qPrintable(node.toString() + QStringLiteral(" not refused")));
        QVERIFY2(QString::fromStdString(l.error).contains(QLatin1Char('(') + mustRefuse + QLatin1Char(')')),
                 l.error.c_str());
    }
    const auto allowed = kAllowedRefusals.find(name);
    QVERIFY2(allowed == kAllowedRefusals.end() || report.firstRefused >= 0,
             qPrintable(name + QStringLiteral(" resolves now: remove it from kAllowedRefusals")));
    if (report.firstRefused >= 0) {
        const LayerReport &l = report.layers[size_t(report.firstRefused)];
        QVERIFY2(allowed != kAllowedRefusals.end(),
                 qPrintable(QStringLiteral("row %1 refused: %2")
                                .arg(QString::fromStdString(l.name), QString::fromStdString(l.error))));
        QVERIFY2(QString::fromStdString(l.error).contains(QLatin1Char('(') + allowed->second + QLatin1Char(')')),
                 l.error.c_str());
        QVERIFY2(l.error.find("ONNX node '" + l.name) != std::string::npos ||
                     l.error.find("ONNX node '") != std::string::npos,
                 l.error.c_str());
    }

    // Shapes: each row named after a node against onnxruntime's shape of that node's first output.
    std::map<std::string, QJsonObject> byProducer;
    for (const auto &v : expected.value(QLatin1String("values")).toArray()) {
        const QJsonObject o = v.toObject();
        const std::string producer = o.value(QLatin1String("producer")).toString().toStdString();
        if (!byProducer.count(producer))
            byProducer[producer] = o;
    }
    int shapesCompared = 0;
    for (const LayerReport &l : report.layers) {
        const auto it = byProducer.find(l.name);
        if (it == byProducer.end() || !l.ok() || l.op == Op::Input)
            continue;
        Shape want;
        const QJsonArray s = it->second.value(QLatin1String("shape")).toArray();
        for (int i = 1; i < s.size(); ++i)
            want.push_back(s[i].toInteger());
        QVERIFY2(*l.output == want, qPrintable(QStringLiteral("row %1: shape %2, onnxruntime %3")
                                                   .arg(QString::fromStdString(l.name),
                                                        QString::fromStdString(shapeTuple(*l.output)),
                                                        QString::fromStdString(shapeTuple(want)))));
        ++shapesCompared;
    }
    QVERIFY2(shapesCompared > 0 || report.firstRefused == 1, "no row matched an ONNX node");
    if (!report.ok)
        return;

    // Forward: weights from the file, the case's input, every row named after a node.
    const OnnxWeights weights = loadOnnxWeights(model);
    QVERIFY2(weights.errors.empty(), weights.errors.empty() ? "" : weights.errors.front().c_str());
    const auto problems = checkWeights(weights.set, report);
    QVERIFY2(problems.empty(), problems.empty() ? "" : problems.front().c_str());
    const std::string inputFile = QString(kDir + QLatin1Char('/') + name + QStringLiteral(".input.npy")).toStdString();
    std::string err;
    const auto input = readNpy(inputFile, &err);
    QVERIFY2(input, err.c_str());
    int inputIndex = -1;
    for (size_t i = 0; i < report.layers.size(); ++i)
        if (report.layers[i].op == Op::Input)
            inputIndex = int(i);
    const Shape inShape = *report.layers[size_t(inputIndex)].output;
    const InputResult in = loadNpyInput(inputFile, report.framework, inShape);
    QVERIFY2(in.ok(), in.error.c_str());
    Runner runner(2);
    runner.setReport(report);
    runner.setWeights(weights.set);
    runner.setInput(*in.tensor);
    const RunStatus st = runner.run();
    QVERIFY2(st.ok, st.error.c_str());

    std::map<std::string, NdArray> ref;
    const NdArray inputArray{inShape, input->values};
    for (const LayerReport &l : report.layers) {
        std::vector<const NdArray *> ins;
        if (l.op == Op::Input)
            ins.push_back(&inputArray);
        else
            for (const auto &i : l.inputs)
                ins.push_back(&ref.at(i));
        ref[l.name] = referenceForward(l, report.framework, ins, weights.set.find(l.name));
    }

    const QString valuesDir = kDir + QLatin1Char('/') + name + QStringLiteral(".values/");
    int compared = 0;
    for (const LayerReport &l : report.layers) {
        const auto it = byProducer.find(l.name);
        if (it == byProducer.end() || l.op == Op::Input)
            continue;
        const QString file = valuesDir + it->second.value(QLatin1String("file")).toString().section(QLatin1Char('/'), -1);
        const auto want = readNpy(file.toStdString(), &err);
        QVERIFY2(want, err.c_str());
        const Tensor *t = runner.activation(l.name);
        QVERIFY2(t, l.name.c_str());
        const QString fast =
            golden::compareArrays(t->toFrameworkOrder(), t->shape, *want, QStringLiteral("onnxruntime"));
        QVERIFY2(fast.isEmpty(), qPrintable(QStringLiteral("row %1 (fast): ").arg(QString::fromStdString(l.name)) + fast));
        const QString slow =
            golden::compareArrays(ref.at(l.name).data, ref.at(l.name).shape, *want, QStringLiteral("onnxruntime"));
        QVERIFY2(slow.isEmpty(), qPrintable(QStringLiteral("row %1 (reference): ").arg(QString::fromStdString(l.name)) + slow));
        ++compared;
    }
    // The model's outputs are among them.
    for (const auto &out : report.outputs)
        QVERIFY2(byProducer.count(out), out.c_str());
    QVERIFY(compared > 0);
}

// How much of the corpus resolves and runs: kept from shrinking unnoticed.
void TestOnnxGolden::coverage()
{
    const QStringList files = QDir(kDir).entryList({QStringLiteral("*.onnx")}, QDir::Files, QDir::Name);
    QVERIFY2(files.size() >= 80, qPrintable(QString::number(files.size())));
    int resolved = 0;
    for (const QString &f : files) {
        const LoadResult r = loadModelFile(QString(kDir + QLatin1Char('/') + f).toStdString());
        QVERIFY2(r.ok(), qPrintable(f));
        resolved += infer(*r.graph).ok ? 1 : 0;
    }
    QVERIFY2(resolved >= 51, qPrintable(QStringLiteral("%1 of %2 ONNX files resolve").arg(resolved).arg(files.size())));
}

// The CLI and the app get an ONNX file's weights through the run set-up, not from a folder beside it.
void TestOnnxGolden::weightsReachTheRunSetup()
{
    const std::string model = QString(kDir + QStringLiteral("/lenet5_trained.onnx")).toStdString();
    const LoadResult loaded = loadModelFile(model);
    QVERIFY(loaded.ok());
    const ShapeReport report = infer(*loaded.graph);
    QVERIFY(report.ok);
    const TrainedWeights trained = loadTrainedWeights(report, WeightsChoice{model, {}});
    QVERIFY(trained.ok());
    const ResolvedWeights resolved = resolveWeights(trained, report);
    QVERIFY2(resolved.seededLayers.empty(), resolved.seededLayers.empty() ? "" : resolved.seededLayers.front().c_str());
    QCOMPARE(int(resolved.trainedLayers.size()), 5); // 2 Conv + 3 Gemm
}

void TestOnnxGolden::badFiles_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("reason");
    QTest::newRow("empty") << "onnx_empty.onnx" << "no graph nodes";
    QTest::newRow("truncated") << "onnx_truncated.onnx" << "truncated or corrupt";
    QTest::newRow("random bytes") << "onnx_random_bytes.onnx" << "";
    QTest::newRow("json") << "onnx_is_json.onnx" << "";
    QTest::newRow("opset 99") << "onnx_opset_99.onnx" << "opset 99";
    QTest::newRow("cycle") << "onnx_cycle.onnx" << "cycle";
    QTest::newRow("dangling input") << "onnx_dangling_input.onnx" << "which no node, input or initializer defines";
    QTest::newRow("2 GiB claim") << "onnx_huge_dims_2gib.onnx" << "";
    QTest::newRow("dims overflow") << "onnx_dims_overflow.onnx" << "";
    QTest::newRow("negative dim") << "onnx_negative_dim.onnx" << "negative dimension";
    QTest::newRow("raw data length") << "onnx_raw_data_length_mismatch.onnx" << "raw_data holds";
    QTest::newRow("external absolute") << "onnx_external_absolute.onnx" << "leaves the model's folder";
    QTest::newRow("external escape") << "onnx_external_escape.onnx" << "leaves the model's folder";
    QTest::newRow("external missing") << "onnx_external_missing.onnx" << "cannot open its external data";
    QTest::newRow("external past end") << "onnx_external_past_end.onnx" << "runs past the end";
}

void TestOnnxGolden::badFiles()
{
    QFETCH(QString, file);
    QFETCH(QString, reason);
    const std::string path = QString(kBad + QLatin1Char('/') + file).toStdString();
    const LoadResult r = loadModelFile(path);
    QVERIFY2(!r.ok(), qPrintable(file + QStringLiteral(" was accepted")));
    QCOMPARE(QString::fromStdString(r.error->file), QString::fromStdString(path));
    QVERIFY2(!r.error->message.empty(), qPrintable(file));
    QVERIFY2(QString::fromStdString(r.error->message).contains(reason), r.error->toString().c_str());
    // Nor do the weights load.
    QVERIFY(!loadOnnxWeights(path).errors.empty());
}

// A node of another domain is a refused row naming it, not a failed load.
void TestOnnxGolden::unknownDomainIsARefusedRow()
{
    const LoadResult r = loadModelFile(QString(kBad + QStringLiteral("/onnx_unknown_domain_op.onnx")).toStdString());
    QVERIFY2(r.ok(), r.error ? r.error->toString().c_str() : "");
    const ShapeReport report = infer(*r.graph);
    QVERIFY(report.firstRefused >= 0);
    const std::string &error = report.layers[size_t(report.firstRefused)].error;
    QVERIFY2(error.find("(com.example.custom.FancyRelu)") != std::string::npos, error.c_str());
}

QTEST_GUILESS_MAIN(TestOnnxGolden)
#include "tst_onnx_golden.moc"
