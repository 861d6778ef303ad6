// tst_golden_modules.cpp — model code as people write it (nn.Module classes, loops, nested containers, functions in
// forward, Keras loops and nested models, applications) against what the real frameworks give for it
// (tests/golden/modules: torch 1.13 with torch.fx for PyTorch, tfjs 4.22 for Keras). Each case goes through the
// real importer and the shape engine; rows must carry the framework's names, shapes and parameter counts, the
// total must be the framework's, and a model the framework refuses must be refused at the same row.
#include "importers/python_code.h"
#include "shape/infer.h"
#include "shape/summary.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <map>

using namespace convlens;

Q_DECLARE_METATYPE(QJsonObject)

class TstGoldenModules : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void corpus_data();
    void corpus();
};

static QJsonArray loadCases(const QString &file)
{
    QFile f(QStringLiteral(CONVLENS_GOLDEN_DIR "/modules/") + file);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot open golden corpus %s", qPrintable(f.fileName()));
    return QJsonDocument::fromJson(f.readAll()).object().value(QLatin1String("cases")).toArray();
}

void TstGoldenModules::corpus_data()
{
    QTest::addColumn<QJsonObject>("kase");
    int n = 0;
    for (const auto *file : {"torch_modules.json", "keras_modules.json"}) {
        const QJsonArray cases = loadCases(QString::fromLatin1(file));
        QVERIFY2(!cases.isEmpty(), file);
        for (const auto &c : cases) {
            const QJsonObject o = c.toObject();
            QTest::newRow(qPrintable(o.value(QLatin1String("id")).toString())) << o;
            ++n;
        }
    }
    QVERIFY2(n >= 380, "the corpus must hold at least 380 models");
}

static std::string str(const QJsonValue &v)
{
    return v.toString().toStdString();
}

static Shape shapeOf(const QJsonValue &v)
{
    Shape s;
    for (const auto &d : v.toArray())
        s.push_back(d.toInteger());
    return s;
}

static std::string text(const Shape &s)
{
    std::string out = "[";
    for (size_t i = 0; i < s.size(); ++i)
        out += (i ? ", " : "") + std::to_string(s[i]);
    return out + "]";
}

static std::string describe(const LayerReport &l)
{
    if (!l.ok())
        return l.status == LayerReport::Status::Refused ? "refused: " + l.error : "blocked";
    return text(*l.output) + " params " + std::to_string(l.params);
}

// The name ConvLens gives a golden row: fx's node name, except under a root nn.Sequential, whose leaf modules keep
// their state_dict path ("0", "2.1": DESIGN.md's contract for nn.Sequential code), as the row's target says.
static std::string expectedName(const QJsonObject &row, bool sequentialRoot)
{
    if (sequentialRoot && str(row.value(QLatin1String("op"))) == "call_module")
        return str(row.value(QLatin1String("target")));
    return str(row.value(QLatin1String("name")));
}

// A Keras refusal: rows from error_layer on have no shape in the framework; ConvLens must refuse that row and
// resolve none after it.
static std::string checkKerasRefusal(const QJsonObject &kase, const std::vector<const LayerReport *> &rows,
                                     const ShapeReport &rep, const std::string &listing)
{
    const QJsonArray expected = kase.value(QLatin1String("layers")).toArray();
    const int errorLayer = kase.value(QLatin1String("error_layer")).toInt();
    const std::string frameworkError = str(kase.value(QLatin1String("error")));
    if (rep.ok)
        return "ConvLens accepts a model the framework refuses: " + frameworkError + listing;
    if (rows.size() != size_t(expected.size()))
        return "ConvLens has " + std::to_string(rows.size()) + " rows, the framework " +
               std::to_string(expected.size()) + listing;
    if (rows[size_t(errorLayer)]->status != LayerReport::Status::Refused)
        return "row " + std::to_string(errorLayer) + " '" + rows[size_t(errorLayer)]->name + "' is " +
               describe(*rows[size_t(errorLayer)]) + "; the framework refuses it: " + frameworkError + listing;
    return {};
}

// The first way ConvLens differs from the framework on a case, or empty.
static std::string check(const QJsonObject &kase)
{
    const std::string id = str(kase.value(QLatin1String("id")));
    const std::string code = str(kase.value(QLatin1String("code")));
    const bool torch = str(kase.value(QLatin1String("framework"))) == "pytorch";
    LoadOptions opts;
    opts.framework = torch ? Framework::PyTorch : Framework::Keras;
    const QJsonValue input = kase.value(QLatin1String("input_shape"));
    if (input.isArray())
        opts.inputShape = shapeOf(input);
    if (kase.value(QLatin1String("call")).isString())
        opts.call = str(kase.value(QLatin1String("call")));
    const bool ok = kase.value(QLatin1String("ok")).toBool();
    const QJsonArray expected = kase.value(QLatin1String("layers")).toArray();
    const std::string frameworkError = str(kase.value(QLatin1String("error")));

    const LoadResult loaded = importPythonCode(code, id + ".py", opts);
    // Keras code whose shapes depend on something outside it (a module, a file, a dataset) must be refused with a
    // reason, not guessed
    if (!torch && !kase.value(QLatin1String("static")).toBool(true)) {
        if (loaded.ok())
            return "imported code that depends on " + str(kase.value(QLatin1String("static_reason")));
        return {};
    }
    if (!loaded.ok()) {
        // A model the framework refuses before any row (its constructor, or Python code that fails) may be refused
        // by the importer, and so may one the importer refuses with the framework's own message (a view to an
        // impossible shape); anything else must import.
        const bool beforeRows = !ok && expected.isEmpty();
        const bool sameMessage =
            !ok && !frameworkError.empty() && loaded.error->message.find(frameworkError) != std::string::npos;
        if (beforeRows || sameMessage)
            return {};
        return "import failed: " + loaded.error->toString() + (ok ? "" : "; framework error: " + frameworkError);
    }
    const ShapeReport rep = infer(*loaded.graph);
    // the rows model.summary() shows: a Keras nested model or shared layer is one row
    const std::vector<SummaryRow> summary = summaryRows(*loaded.graph, rep);
    std::vector<LayerReport> shown; // each row's report under the row's name and inputs
    for (const auto &s : summary)
        if (!s.report().implicitInput) {
            shown.push_back(s.report());
            shown.back().name = s.name;
            shown.back().inputs = s.inputs;
        }
    std::vector<const LayerReport *> rows;
    for (const auto &l : shown)
        rows.push_back(&l);
    // the model is a plain nn.Sequential when the code binds one to the model variable …
    const std::string var = str(kase.value(QLatin1String("model_var")));
    bool sequentialRoot = false;
    for (const char *spelling : {" = nn.Sequential(", " = torch.nn.Sequential(", " = Sequential("})
        sequentialRoot = sequentialRoot || (!var.empty() && code.find("\n" + var + spelling) != std::string::npos);
    // … or when a row's module path starts with an index: only an indexed container has such children
    for (const auto &r : expected) {
        const std::string target = str(r.toObject().value(QLatin1String("target")));
        const std::string first = target.substr(0, target.find('.'));
        sequentialRoot = sequentialRoot || (str(r.toObject().value(QLatin1String("op"))) == "call_module" &&
                                            !first.empty() &&
                                            first.find_first_not_of("0123456789") == std::string::npos);
    }
    std::string all;
    for (const auto *l : rows)
        all += "  " + l->name + " " + describe(*l) + "\n";
    const std::string listing = "\nConvLens rows:\n" + all;

    const int checked = torch || ok ? int(expected.size()) : kase.value(QLatin1String("error_layer")).toInt();
    for (int i = 0; i < checked; ++i) {
        const QJsonObject want = expected[i].toObject();
        const std::string wanted = QJsonDocument(want).toJson(QJsonDocument::Compact).toStdString();
        if (i >= int(rows.size()))
            return "row " + std::to_string(i) + " missing; expected " + wanted + listing;
        const LayerReport &got = *rows[size_t(i)];
        if (got.name != expectedName(want, sequentialRoot) || !got.ok() ||
            *got.output != shapeOf(want.value(QLatin1String("output_shape"))) ||
            got.params != want.value(QLatin1String("params")).toInteger())
            return "row " + std::to_string(i) + " '" + got.name + "' (" + got.type + "): got " + describe(got) +
                   "; expected " + wanted + listing;
    }
    if (ok) {
        if (rows.size() != size_t(expected.size()))
            return "extra rows" + listing;
        if (!rep.ok)
            return "not every row resolves" + listing;
        const std::int64_t total = kase.value(QLatin1String("total_params")).toInteger();
        if (rep.totalParams != total)
            return "total params " + std::to_string(rep.totalParams) + ", expected " + std::to_string(total);
        return {};
    }
    // refused: the row after the last good one is the one the framework refused, and the report is not ok
    if (!torch)
        return checkKerasRefusal(kase, rows, rep, listing);
    if (rep.ok)
        return "ConvLens accepts a model the framework refuses: " + frameworkError + listing;
    if (size_t(expected.size()) < rows.size()) {
        const LayerReport &bad = *rows[size_t(expected.size())];
        if (bad.status != LayerReport::Status::Refused)
            return "row " + std::to_string(expected.size()) + " '" + bad.name + "' is " + describe(bad) +
                   "; framework error at " + str(kase.value(QLatin1String("error_node"))) + ": " + frameworkError +
                   listing;
    }
    return {};
}

// Cases that need what ConvLens does not have yet, each with the reason; an expected failure that starts to pass
// fails the test (XPASS), so the list only shrinks.
static const char *pending(const std::string &id)
{
    static const std::map<std::string, const char *> cases{
        {"fn_pad_variants", "needs F.pad on the channel axis (6 amounts)"},
        {"layer_pool_modules", "needs the nn.LPPool2d kind"},
        {"layer_linear_variants", "needs the nn.Bilinear kind"},
        {"tut_dcgan_discriminator", "needs squeeze to one number per sample (a 0-d row)"},
        {"tut_se_block", "needs the tensor method expand_as"},
        {"nested_multi_output_feature_pyramid", "a nested model with several outputs: its row's output is a list of shapes (one shape per LayerReport)"},
        {"pre_resizing_crop_to_aspect_ratio", "needs Resizing(crop_to_aspect_ratio=True): smart_resize's crop before the resize"},
        {"pre_center_crop_larger_than_input", "needs CenterCrop on a smaller input (Keras resizes it first with smart_resize)"},
        {"lambda_channel_slices_and_split", "needs tensor slicing and tf.split in a Lambda (not yet)"},
        {"custom_scale_layer_add_weight", "needs add_weight in a custom layer (weights of its own, not yet)"},
        {"custom_linear_matmul", "needs add_weight and tf.matmul in a custom layer (not yet)"},
        {"custom_subclass_of_builtin_conv", "needs subclasses of built-in Keras layers (class SameConv(layers.Conv2D))"},
        {"custom_non_trainable_weight", "needs add_weight in a custom layer (weights of its own, not yet)"},
        {"custom_instance_norm_moments", "needs add_weight and tf.nn.moments in a custom layer (not yet)"},
        {"tut_kerasio_cyclegan_resnet_generator", "needs the custom InstanceNorm layer (add_weight, tf.nn.moments: not yet)"},
        {"tut_kerasio_siamese_euclidean", "needs Keras Lambda bodies mapped onto ops (K.sqrt, K.sum, K.square: not yet)"},
        {"tut_tf_segmentation_mobilenet_unet", "a nested model with several outputs: its row's output is a list of shapes (one shape per LayerReport)"},
    };
    auto it = cases.find(id);
    return it == cases.end() ? nullptr : it->second;
}

void TstGoldenModules::corpus()
{
    QFETCH(QJsonObject, kase);
    const std::string problem = check(kase);
    const char *why = pending(str(kase.value(QLatin1String("id"))));
    const std::string note = why ? std::string(why) + " — now: " + problem.substr(0, 400) : std::string();
    if (why)
        QEXPECT_FAIL("", note.c_str(), Continue);
    QVERIFY2(problem.empty(), problem.c_str());
}

QTEST_GUILESS_MAIN(TstGoldenModules)
#include "tst_golden_modules.moc"
