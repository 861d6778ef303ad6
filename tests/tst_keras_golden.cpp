// tst_keras_golden.cpp — the Keras file readers on the golden files (tests/golden/files/keras and tfjs: configs and
// weights in the tf.keras 2.12 / Keras 3.15 / TensorFlow.js 4.22 layouts, the truth computed by tfjs, each layer run
// eagerly). For every file of every case: every listed layer's output shape and parameter count and the model's
// total; for a file that carries weights (or a JSON with its .weights.h5) every layer's forward output (fast kernels
// and the reference) within 1e-4 × max |expected|. The malformed files of tests/golden/files/bad are refused with
// the file's name and a reason.
#include "compute/reference/reference.h"
#include "compute/runner.h"
#include "formats/image_input.h"
#include "formats/keras_model.h"
#include "formats/model_file.h"
#include "formats/npy.h"
#include "setup/run_setup.h"
#include "shape/infer.h"

#include "golden_compare.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <map>

using namespace convlens;

namespace {

const QString kDir = QStringLiteral(CONVLENS_GOLDEN_DIR "/files/keras");
const QString kTfjs = QStringLiteral(CONVLENS_GOLDEN_DIR "/files/tfjs");
const QString kBad = QStringLiteral(CONVLENS_GOLDEN_DIR "/files/bad");

// Cases with a layer ConvLens refuses, and the class the refused row must name. A listed case that resolves (the
// catalogue gained the layer) is checked in full like any other; an unlisted one must resolve.
const std::map<QString, QString> kAllowedRefusals = {
    {QStringLiteral("seq_relu_leaky_softmax_layers"), QStringLiteral("ReLU")}, // max_value=0.5
};

// A case's model files (its weights-only .weights.h5 files are read with the JSON they go with).
bool isModelFile(const QString &file)
{
    return !file.endsWith(QLatin1String(".weights.h5"));
}

// The weights-only file that goes with a JSON (`x.json` → `x.weights.h5`, `x.keras3.json` → `x.keras3.weights.h5`).
QString weightsFor(const QString &file)
{
    if (!file.endsWith(QLatin1String(".json")) || file.endsWith(QLatin1String("/model.json")))
        return {};
    const QString w = file.left(file.size() - 5) + QStringLiteral(".weights.h5");
    return QFileInfo::exists(w) ? w : QString();
}

// The Keras 3 spelling renames the auto-named inputs and models (index.json keras3_renamed).
bool keras3Spelling(const QString &file)
{
    return file.endsWith(QLatin1String(".keras")) || file.endsWith(QLatin1String(".keras3.json"));
}

// The rows of a nested model (a Layer::scope segment "name:Type" at the top, or under it), in graph order.
std::vector<const Layer *> scopeRows(const Graph &g, const std::string &model, const QString &cls)
{
    const std::string scope = model + ":" + cls.toStdString();
    std::vector<const Layer *> rows;
    for (const Layer &l : g.layers)
        if (l.scope == scope || l.scope.rfind(scope + "/", 0) == 0)
            rows.push_back(&l);
    return rows;
}

} // namespace

class TestKerasGolden : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void corpus_data();
    void corpus();
    void unknownClassIsARefusedRow();
    void coverage();
    void autoencoderRunsWithItsTrainedWeights();
    void badFiles_data();
    void badFiles();
    void tfjsOtherDtypesRefused();
    void weightsFileBesideJson();
    void layersListedOutOfOrder();
};

void TestKerasGolden::corpus_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("file");
    const QJsonObject index = golden::readJson(kDir + QStringLiteral("/index.json"));
    const QJsonArray cases = index.value(QLatin1String("cases")).toArray();
    QVERIFY(cases.size() >= 51);
    for (const auto &c : cases) {
        const QJsonObject o = c.toObject();
        const QString name = o.value(QLatin1String("case")).toString();
        QStringList files;
        for (const auto &f : o.value(QLatin1String("files")).toArray())
            files << kDir + QLatin1Char('/') + f.toString();
        if (!o.value(QLatin1String("tfjs")).isNull())
            files << kTfjs + QLatin1Char('/') + name + QStringLiteral("/model.json");
        for (const QString &f : files)
            if (isModelFile(f))
                QTest::newRow(qPrintable(f.section(QLatin1Char('/'), -2))) << name << f;
    }
}

void TestKerasGolden::corpus()
{
    QFETCH(QString, name);
    QFETCH(QString, file);
    const QJsonObject expected = golden::readJson(kDir + QLatin1Char('/') + name + QStringLiteral(".expected.json"));
    QVERIFY(!expected.isEmpty());
    const std::string path = file.toStdString();
    const LoadResult loaded = loadModelFile(path);
    QVERIFY2(loaded.ok(), loaded.error ? loaded.error->toString().c_str() : "no graph");
    QCOMPARE(loaded.graph->framework, Framework::Keras);
    const Graph &g = *loaded.graph;
    const ShapeReport report = infer(g);

    if (report.firstRefused >= 0) {
        const LayerReport &l = report.layers[size_t(report.firstRefused)];
        const auto allowed = kAllowedRefusals.find(name);
        QVERIFY2(allowed != kAllowedRefusals.end(),
                 qPrintable(QStringLiteral("row %1 refused: %2")
                                .arg(QString::fromStdString(l.name), QString::fromStdString(l.error))));
        QCOMPARE(QString::fromStdString(l.type), allowed->second);
        return;
    }
    QVERIFY(report.ok);
    QCOMPARE(report.totalParams, expected.value(QLatin1String("total_params")).toInteger());

    // Each expected layer: its row (a shared layer's later call is "<name>@<n+1>"; a nested model is its last row).
    struct Check {
        std::string row;
        QString file;
    };
    std::vector<Check> checks;
    for (const auto &v : expected.value(QLatin1String("layers")).toArray()) {
        const QJsonObject o = v.toObject();
        const std::string layer = o.value(QLatin1String("name")).toString().toStdString();
        const int node = o.value(QLatin1String("node_index")).toInt();
        const QString cls = o.value(QLatin1String("class_name")).toString();
        Shape want;
        for (const auto &d : o.value(QLatin1String("output_shape")).toArray())
            want.push_back(d.toInteger());
        std::string row = node == 0 ? layer : layer + "@" + std::to_string(node + 1);
        std::int64_t params = -1;
        if (cls == QLatin1String("Sequential") || cls == QLatin1String("Functional")) {
            const auto rows = scopeRows(g, layer, cls);
            QVERIFY2(!rows.empty(), layer.c_str());
            row = rows.back()->name;
            params = 0;
            for (const Layer *r : rows)
                params += report.layers[size_t(report.indexOf(r->name))].params;
        }
        const int i = report.indexOf(row);
        QVERIFY2(i >= 0, qPrintable(QStringLiteral("no row %1").arg(QString::fromStdString(row))));
        const LayerReport &l = report.layers[size_t(i)];
        if (params < 0)
            params = node == 0 ? l.params : 0; // a shared layer's later call: its parameters are counted once
        QVERIFY2(*l.output == want, qPrintable(QStringLiteral("row %1: shape %2, tfjs %3")
                                                   .arg(QString::fromStdString(row),
                                                        QString::fromStdString(shapeTuple(*l.output)),
                                                        QString::fromStdString(shapeTuple(want)))));
        QVERIFY2(params == o.value(QLatin1String("params")).toInteger(),
                 qPrintable(QStringLiteral("row %1: %2 parameters, tfjs %3")
                                .arg(QString::fromStdString(row))
                                .arg(params)
                                .arg(o.value(QLatin1String("params")).toInteger())));
        checks.push_back({row, kDir + QLatin1Char('/') + o.value(QLatin1String("expected")).toString()});
    }
    QVERIFY(!checks.empty());

    // Forward: the file's weights (or the .weights.h5 beside a JSON) and the case's input(s).
    const QString weightsFile = weightsFor(file);
    const KerasWeights weights = weightsFile.isEmpty()
                                     ? loadKerasWeights(path, report)
                                     : loadKerasWeightsFile(weightsFile.toStdString(), path, report);
    QVERIFY2(weights.errors.empty(), weights.errors.empty() ? "" : weights.errors.front().c_str());
    QVERIFY2(weights.misfits.empty(), weights.misfits.empty() ? "" : weights.misfits.front().c_str());
    if (!weights.carriesWeights) {
        QVERIFY2(file.endsWith(QLatin1String(".json")) && !file.endsWith(QLatin1String("model.json")),
                 "only a bare JSON carries no weights");
        return;
    }
    const auto problems = checkWeights(weights.set, report);
    QVERIFY2(problems.empty(), problems.empty() ? "" : problems.front().c_str());

    Runner runner(2);
    runner.setReport(report);
    runner.setWeights(weights.set);
    std::map<std::string, NdArray> inputs;
    for (const auto &v : expected.value(QLatin1String("inputs")).toArray()) {
        const QJsonObject o = v.toObject();
        std::string input = o.value(QLatin1String("name")).toString().toStdString();
        if (keras3Spelling(file) && !report.layers.empty() && report.indexOf(input) < 0) {
            const QJsonObject renamed = [&] {
                for (const auto &c :
                     golden::readJson(kDir + QStringLiteral("/index.json")).value(QLatin1String("cases")).toArray())
                    if (c.toObject().value(QLatin1String("case")).toString() == name)
                        return c.toObject().value(QLatin1String("keras3_renamed")).toObject();
                return QJsonObject();
            }();
            input = renamed.value(QString::fromStdString(input)).toString().toStdString();
        }
        int idx = report.indexOf(input);
        if (idx < 0 && expected.value(QLatin1String("style")).toString() == QLatin1String("sequential"))
            for (size_t i = 0; i < report.layers.size() && idx < 0; ++i)
                if (report.layers[i].op == Op::Input)
                    idx = int(i);
        QVERIFY2(idx >= 0, qPrintable(QStringLiteral("no input row %1").arg(QString::fromStdString(input))));
        const LayerReport &in = report.layers[size_t(idx)];
        const std::string npy = QString(kDir + QLatin1Char('/') + o.value(QLatin1String("file")).toString()).toStdString();
        const InputResult t = loadNpyInput(npy, Framework::Keras, *in.output);
        QVERIFY2(t.ok(), t.error.c_str());
        runner.setInput(in.name, *t.tensor);
        std::string err;
        const auto a = readNpy(npy, &err);
        QVERIFY2(a, err.c_str());
        inputs[in.name] = NdArray{*in.output, a->values};
    }
    const RunStatus st = runner.run();
    QVERIFY2(st.ok, st.error.c_str());

    std::map<std::string, NdArray> ref;
    for (const LayerReport &l : report.layers) {
        std::vector<const NdArray *> ins;
        if (l.op == Op::Input)
            ins.push_back(&inputs.at(l.name));
        else
            for (const auto &i : l.inputs)
                ins.push_back(&ref.at(i));
        const std::string owner = l.name.substr(0, l.name.find('@'));
        ref[l.name] = referenceForward(l, report.framework, ins, weights.set.find(owner));
    }
    for (const Check &c : checks) {
        std::string err;
        const auto want = readNpy(c.file.toStdString(), &err);
        QVERIFY2(want, err.c_str());
        const Tensor *t = runner.activation(c.row);
        QVERIFY2(t, c.row.c_str());
        const QString fast = golden::compareArrays(t->toFrameworkOrder(), t->shape, *want, QStringLiteral("tfjs"));
        QVERIFY2(fast.isEmpty(), qPrintable(QStringLiteral("row %1 (fast): ").arg(QString::fromStdString(c.row)) + fast));
        const QString slow =
            golden::compareArrays(ref.at(c.row).data, ref.at(c.row).shape, *want, QStringLiteral("tfjs"));
        QVERIFY2(slow.isEmpty(),
                 qPrintable(QStringLiteral("row %1 (reference): ").arg(QString::fromStdString(c.row)) + slow));
    }
}

// A class ConvLens does not know is a refused row naming it; the rows before it keep their shapes.
void TestKerasGolden::unknownClassIsARefusedRow()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QJsonObject doc = golden::readJson(kDir + QStringLiteral("/seq_dense_dropout.json"));
    QJsonObject config = doc.value(QLatin1String("config")).toObject();
    QJsonArray layers = config.value(QLatin1String("layers")).toArray();
    QJsonObject dropout = layers[2].toObject();
    QCOMPARE(dropout.value(QLatin1String("class_name")).toString(), QStringLiteral("Dropout"));
    dropout[QStringLiteral("class_name")] = QStringLiteral("LSTM");
    layers[2] = dropout;
    config[QStringLiteral("layers")] = layers;
    doc[QStringLiteral("config")] = config;
    const QString path = dir.filePath(QStringLiteral("lstm.json"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QJsonDocument(doc).toJson(QJsonDocument::Compact));
    f.close();
    const LoadResult r = loadModelFile(path.toStdString());
    QVERIFY2(r.ok(), r.error ? r.error->toString().c_str() : "");
    const ShapeReport report = infer(*r.graph);
    QVERIFY(report.firstRefused >= 0);
    const LayerReport &l = report.layers[size_t(report.firstRefused)];
    QCOMPARE(l.name, std::string("dropout"));
    QVERIFY2(l.error.find("(LSTM)") != std::string::npos, l.error.c_str());
    QVERIFY(report.layers[size_t(report.indexOf("dense"))].ok());
}

// How many of the files open and resolve: kept from shrinking unnoticed (README "Keras files" gives the numbers).
void TestKerasGolden::coverage()
{
    const QJsonArray cases =
        golden::readJson(kDir + QStringLiteral("/index.json")).value(QLatin1String("cases")).toArray();
    int files = 0, resolved = 0, tfjsFiles = 0, tfjsResolved = 0, casesResolved = 0;
    for (const auto &c : cases) {
        const QJsonObject o = c.toObject();
        bool all = true;
        for (const auto &f : o.value(QLatin1String("files")).toArray()) {
            const QString path = kDir + QLatin1Char('/') + f.toString();
            if (!isModelFile(path))
                continue;
            const LoadResult r = loadModelFile(path.toStdString());
            QVERIFY2(r.ok(), r.error ? r.error->toString().c_str() : qPrintable(path));
            QVERIFY2(r.notes.empty(), r.notes.empty() ? "" : r.notes.front().c_str()); // no config key left unread
            const bool ok = infer(*r.graph).ok;
            ++files;
            resolved += ok ? 1 : 0;
            all = all && ok;
        }
        casesResolved += all ? 1 : 0;
        if (o.value(QLatin1String("tfjs")).isNull())
            continue;
        const LoadResult r = loadModelFile(
            QString(kTfjs + QLatin1Char('/') + o.value(QLatin1String("case")).toString() + QStringLiteral("/model.json"))
                .toStdString());
        QVERIFY2(r.ok(), r.error ? r.error->toString().c_str() : "");
        ++tfjsFiles;
        tfjsResolved += infer(*r.graph).ok ? 1 : 0;
    }
    qInfo("Keras: %d of %d cases resolve in every file; %d of %d model files; tfjs %d of %d", casesResolved,
          int(cases.size()), resolved, files, tfjsResolved, tfjsFiles);
    QCOMPARE(int(cases.size()), 51);
    QCOMPARE(tfjsFiles, 49);
    QVERIFY(casesResolved >= 50);
    QVERIFY(tfjsResolved >= 48);
}

// The issue's done-when: the autoencoder's .keras opens with its trained weights through the run set-up (as the CLI
// and the app open it), and its reconstruction equals what tfjs computed, and what tfjs' own saved model gives here.
void TestKerasGolden::autoencoderRunsWithItsTrainedWeights()
{
    std::vector<float> outputs[2];
    const QString files[2] = {kDir + QStringLiteral("/autoencoder_trained.keras"),
                              kTfjs + QStringLiteral("/autoencoder_trained/model.json")};
    for (int k = 0; k < 2; ++k) {
        const std::string model = files[k].toStdString();
        const LoadResult loaded = loadModelFile(model);
        QVERIFY(loaded.ok());
        const ShapeReport report = infer(*loaded.graph);
        QVERIFY(report.ok);
        const TrainedWeights trained = loadTrainedWeights(report, WeightsChoice{model, {}});
        QVERIFY2(trained.errors.empty(), trained.errors.empty() ? "" : trained.errors.front().c_str());
        const ResolvedWeights resolved = resolveWeights(trained, report);
        QVERIFY2(resolved.seededLayers.empty(), resolved.seededLayers.empty() ? "" : resolved.seededLayers.front().c_str());
        QCOMPARE(int(resolved.trainedLayers.size()), 7); // the 7 convolutions
        const Shape inShape = *report.layers.front().output;
        const InputResult in = loadNpyInput(QString(kDir + QStringLiteral("/autoencoder_trained.input.npy")).toStdString(),
                                            Framework::Keras, inShape);
        QVERIFY(in.ok());
        Runner runner(2);
        runner.setReport(report);
        runner.setWeights(resolved.weights);
        runner.setInput(*in.tensor);
        QVERIFY(runner.run().ok);
        const Tensor *out = runner.activation(report.outputs.front());
        QVERIFY(out);
        outputs[k] = out->toFrameworkOrder();
    }
    std::string err;
    const auto want = readNpy(QString(kDir + QStringLiteral("/autoencoder_trained.expected/conv2d_6.npy")).toStdString(), &err);
    QVERIFY2(want, err.c_str());
    QCOMPARE(outputs[0].size(), want->values.size());
    double maxErr = 0, maxTfjs = 0;
    for (size_t i = 0; i < outputs[0].size(); ++i) {
        maxErr = std::max(maxErr, std::abs(double(outputs[0][i]) - want->values[i]));
        maxTfjs = std::max(maxTfjs, std::abs(double(outputs[0][i]) - outputs[1][i]));
    }
    qInfo("autoencoder .keras: max |ConvLens − tfjs| %.3g; .keras vs tfjs model.json %.3g", maxErr, maxTfjs);
    QVERIFY(maxErr <= 1e-4);
    QVERIFY(maxTfjs <= 1e-6);
}

void TestKerasGolden::badFiles_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<bool>("modelLoads"); // the config is fine; the weights are refused
    QTest::addColumn<bool>("misfit");     // the weights read, but do not fit the model
    QTest::newRow("truncated") << "keras_truncated.h5" << "truncated" << false << false;
    QTest::newRow("config not json") << "keras_model_config_not_json.h5" << "not JSON" << false << false;
    QTest::newRow("shape mismatch") << "keras_dataset_shape_mismatch.h5" << "conv2d.kernel: expected shape (3, 3, 3, 4), found (3, 3, 3, 5)" << true << true;
    QTest::newRow("missing dataset") << "keras_weight_name_missing_dataset.h5" << "no dataset 'model_weights/dense/dense/bias:0'" << true << false;
    QTest::newRow("missing weights") << "keras_missing_weights.keras" << "no model.weights.h5" << true << false;
    QTest::newRow("zip bomb") << "keras_zip_bomb_256mib.keras" << "config.json inflates to 268435458 bytes" << false << false;
    QTest::newRow("zip64 lie") << "keras_zip64_claims_6gib.keras" << "config.json inflates to 6442450944 bytes" << false << false;
    // found by fuzz_keras_file: libhdf5 1.10 loops forever on it unless the reader refuses it first
    QTest::newRow("hdf5 heap loop") << "../../../fuzz/regressions/keras_file/hdf5_global_heap_zero_size_free_object.h5"
                                    << "a global heap collection would not advance" << false << false;
    // libhdf5 1.10 follows a local heap's free list without a loop check, allocating 32 bytes a step (7 GB in 5 s)
    QTest::newRow("hdf5 local heap loop") << "../../../fuzz/regressions/keras_file/hdf5_local_heap_free_list_loops.h5"
                                          << "a local heap's free list loops" << false << false;
    // a group B-tree node raised to level 1 whose first child is itself: libhdf5 1.10 recursed until SEGV
    QTest::newRow("hdf5 B-tree loop") << "../../../fuzz/regressions/keras_file/hdf5_btree_node_is_its_own_child.h5"
                                      << "a B-tree node's child is not below it" << false << false;
    // libhdf5 1.10 would allocate and zero-fill what a variable-length string claims (13 s, 2.1 GB peak on the first,
    // ~20 GB on the second) before reading it; the reader checks the on-disk elements first
    QTest::newRow("vlen length lie") << "keras_vlen_length_claims_1gib.h5"
                                     << "attribute 'model_config' is corrupt: a string claims 1073741824 bytes in a file of"
                                     << false << false;
    QTest::newRow("vlen character size lie")
        << "../../../fuzz/regressions/keras_file/hdf5_vlen_string_with_1.7GB_characters.h5"
        << "attribute 'layer_names' is corrupt: its strings' characters are 1699938305 bytes, not 1" << true << false;
    QTest::newRow("weights only") << "../keras/seq_batchnorm.weights.h5" << "a weights-only file" << false << false;
    QTest::newRow("short shard") << "tfjs_short_shard/model.json" << "but the shards hold" << true << false;
    QTest::newRow("missing shard") << "tfjs_missing_shard/model.json" << "cannot open weight shard 'group1-shard2of2.bin'" << true << false;
}

void TestKerasGolden::badFiles()
{
    QFETCH(QString, file);
    QFETCH(QString, reason);
    QFETCH(bool, modelLoads);
    QFETCH(bool, misfit);
    const std::string path = QString(kBad + QLatin1Char('/') + file).toStdString();
    const LoadResult r = loadModelFile(path);
    if (!modelLoads) {
        QVERIFY2(!r.ok(), qPrintable(file + QStringLiteral(" was accepted")));
        QCOMPARE(QString::fromStdString(r.error->file), QString::fromStdString(path));
        QVERIFY2(!r.error->message.empty(), qPrintable(file));
        QVERIFY2(QString::fromStdString(r.error->message).contains(reason), r.error->toString().c_str());
        return;
    }
    QVERIFY2(r.ok(), r.error ? r.error->toString().c_str() : "");
    const ShapeReport report = infer(*r.graph);
    const KerasWeights w = loadKerasWeights(path, report);
    QCOMPARE(w.errors.empty(), misfit);
    const std::vector<std::string> &problems = misfit ? w.misfits : w.errors;
    QVERIFY2(!problems.empty(), qPrintable(file + QStringLiteral(": weights accepted")));
    const QString message = QString::fromStdString(problems.front());
    QVERIFY2(message.startsWith(QString::fromStdString(path)), qPrintable(message));
    QVERIFY2(message.contains(reason), qPrintable(message));
    // The run set-up: a broken file stops the run with the message; a misfit array is not used (the layer is
    // seeded, and the note says which).
    const TrainedWeights trained = loadTrainedWeights(report, WeightsChoice{path, {}});
    QCOMPARE(trained.ok(), misfit);
    QVERIFY(!trained.errors.empty());
    if (misfit) {
        const ResolvedWeights resolved = resolveWeights(trained, report);
        QCOMPARE(resolved.seededLayers, std::vector<std::string>{"conv2d"});
    }
}

// TensorFlow.js weights of another dtype (int32, float16, quantized) are refused by name, not read as floats.
void TestKerasGolden::tfjsOtherDtypesRefused()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString src = kTfjs + QStringLiteral("/seq_conv_pool_dense/");
    QJsonObject doc = golden::readJson(src + QStringLiteral("model.json"));
    QJsonArray manifest = doc.value(QLatin1String("weightsManifest")).toArray();
    QJsonObject group = manifest[0].toObject();
    QJsonArray weights = group.value(QLatin1String("weights")).toArray();
    QJsonObject first = weights[0].toObject();
    first[QStringLiteral("dtype")] = QStringLiteral("int32");
    weights[0] = first;
    group[QStringLiteral("weights")] = weights;
    manifest[0] = group;
    doc[QStringLiteral("weightsManifest")] = manifest;
    QFile out(dir.filePath(QStringLiteral("model.json")));
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(QJsonDocument(doc).toJson());
    out.close();
    for (const auto &p : group.value(QLatin1String("paths")).toArray())
        QVERIFY(QFile::copy(src + p.toString(), dir.filePath(p.toString())));
    const std::string path = dir.filePath(QStringLiteral("model.json")).toStdString();
    const LoadResult r = loadModelFile(path);
    QVERIFY(r.ok());
    const KerasWeights w = loadKerasWeights(path, infer(*r.graph));
    QVERIFY(!w.errors.empty());
    QVERIFY2(w.errors.front().find("is int32; only float32 weights are read") != std::string::npos,
             w.errors.front().c_str());
}

// A JSON (or code) with `<model>.weights.h5` beside it runs on those weights through the run set-up: the legacy
// layout (func_nested_sequential.weights.h5) and Keras 3's (…keras3.weights.h5), nested Sequential included.
void TestKerasGolden::weightsFileBesideJson()
{
    for (const char *json : {"/func_nested_sequential.json", "/func_nested_sequential.keras3.json"}) {
        const std::string model = QString(kDir + QLatin1String(json)).toStdString();
        QVERIFY(!kerasWeightsBeside(model).empty());
        const LoadResult loaded = loadModelFile(model);
        QVERIFY(loaded.ok());
        const ShapeReport report = infer(*loaded.graph);
        const TrainedWeights trained = loadTrainedWeights(report, WeightsChoice{model, {}});
        QVERIFY2(trained.errors.empty(), trained.errors.empty() ? "" : trained.errors.front().c_str());
        QCOMPARE(QString::fromStdString(trained.dir), QString::fromStdString(kerasWeightsBeside(model)));
        const ResolvedWeights resolved = resolveWeights(trained, report);
        QVERIFY(resolved.seededLayers.empty());
        QCOMPARE(int(resolved.trainedLayers.size()), 5); // conv2d, conv2d_1, batch_normalization, separable, dense
    }
    // None beside this one: seeded weights, no error.
    QVERIFY(kerasWeightsBeside(QString(kDir + QStringLiteral("/seq_conv_rect_nobias.json")).toStdString()).empty());
}

// A functional config may list a layer before the layers it uses. A 3,000-layer chain listed backwards loads in
// call order (not in quadratic time); a cycle is refused naming the model.
void TestKerasGolden::layersListedOutOfOrder()
{
    auto write = [](const QString &path, int n, bool cycle) {
        QJsonArray layers;
        for (int i = n - 1; i >= 0; --i) {
            const QString in = i == 0 ? (cycle ? QStringLiteral("d%1").arg(n - 1) : QStringLiteral("input_1"))
                                      : QStringLiteral("d%1").arg(i - 1);
            layers.append(QJsonObject{
                {QStringLiteral("class_name"), QStringLiteral("Dense")},
                {QStringLiteral("name"), QStringLiteral("d%1").arg(i)},
                {QStringLiteral("config"), QJsonObject{{QStringLiteral("name"), QStringLiteral("d%1").arg(i)},
                                                       {QStringLiteral("units"), 4}}},
                {QStringLiteral("inbound_nodes"), QJsonArray{QJsonArray{QJsonArray{in, 0, 0, QJsonObject{}}}}}});
        }
        layers.append(QJsonObject{
            {QStringLiteral("class_name"), QStringLiteral("InputLayer")},
            {QStringLiteral("name"), QStringLiteral("input_1")},
            {QStringLiteral("config"), QJsonObject{{QStringLiteral("name"), QStringLiteral("input_1")},
                                                   {QStringLiteral("batch_input_shape"), QJsonArray{QJsonValue(), 4}}}},
            {QStringLiteral("inbound_nodes"), QJsonArray{}}});
        const QJsonObject doc{
            {QStringLiteral("class_name"), QStringLiteral("Functional")},
            {QStringLiteral("config"),
             QJsonObject{{QStringLiteral("name"), QStringLiteral("chain")},
                         {QStringLiteral("layers"), layers},
                         {QStringLiteral("input_layers"), QJsonArray{QJsonArray{QStringLiteral("input_1"), 0, 0}}},
                         {QStringLiteral("output_layers"),
                          QJsonArray{QJsonArray{QStringLiteral("d%1").arg(n - 1), 0, 0}}}}}};
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return false;
        f.write(QJsonDocument(doc).toJson(QJsonDocument::Compact));
        return true;
    };
    QTemporaryDir dir;
    const QString chain = dir.filePath(QStringLiteral("chain.json"));
    QVERIFY(write(chain, 3000, false));
    QElapsedTimer timer;
    timer.start();
    const LoadResult r = loadModelFile(chain.toStdString());
    QVERIFY2(r.ok(), r.error ? r.error->toString().c_str() : "");
    qInfo("3,000 Dense layers listed backwards: %lld ms", timer.elapsed());
    const ShapeReport report = infer(*r.graph);
    QVERIFY(report.ok);
    QCOMPARE(report.layers.size(), size_t(3001));
    QCOMPARE(report.layers[1].name, std::string("d0"));
    QCOMPARE(report.totalParams, std::int64_t(3000 * 20));

    const QString cyclic = dir.filePath(QStringLiteral("cycle.json"));
    QVERIFY(write(cyclic, 3, true));
    const LoadResult c = loadModelFile(cyclic.toStdString());
    QVERIFY(!c.ok());
    QVERIFY2(c.error->message.find("model 'chain': the layers' inputs form a cycle") != std::string::npos,
             c.error->message.c_str());
}

QTEST_GUILESS_MAIN(TestKerasGolden)
#include "tst_keras_golden.moc"
