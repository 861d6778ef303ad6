// project_json.cpp — the project file (format "convlens-model", version 1; an optional "quiz" since round 3):
// reading with errors that name the layer and parameter, writing through QSaveFile so a failed save leaves the
// previous file intact.
#include "formats/model_file.h"

#include "formats/save_file.h"
#include "model/edit.h"
#include "model/text.h"

#include <QByteArray>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QJsonValue>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

namespace convlens {

namespace {

constexpr int kFormatVersion = 1;
constexpr int kMaxDepth = 100;
constexpr qsizetype kMaxJsonBytes = 16 << 20;
constexpr size_t kMaxLayers = 100'000;

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

constexpr const char *kRefusedByReader = "refused_by_reader";

// JSON has no infinity: a float that is one (ConstantPad2d's -inf of a max pool's padding, an unbounded Hardtanh)
// is written as Python spells it, "inf" or "-inf" ("nan" too, which loading then refuses as not finite).
const char *nonFiniteName(double d)
{
    return std::isnan(d) ? "nan" : d > 0 ? "inf" : "-inf";
}

QJsonValue toJson(const ParamValue &v)
{
    if (v.isNone())
        return QJsonValue(QJsonValue::Null);
    if (v.isBool())
        return QJsonValue(v.asBool());
    if (v.isInt())
        return QJsonValue(qint64(v.asInt()));
    if (v.isFloat())
        return std::isfinite(v.asNumber()) ? QJsonValue(v.asNumber())
                                           : QJsonValue(QLatin1String(nonFiniteName(v.asNumber())));
    if (v.isString())
        return QJsonValue(qs(v.asString()));
    QJsonArray a;
    for (const auto &e : v.asList())
        a.append(toJson(e));
    return a;
}

struct JsonFailure {
    std::string message;
};

// JSON numbers without a fraction load as ints; parameters that are floats in the framework (epsilon, rate)
// load as floats even when written as 1.
ParamValue fromJson(const QJsonValue &j, const ParamDef *def, int depth)
{
    if (depth > kMaxDepth)
        throw JsonFailure{tx(QT_TRANSLATE_NOOP("convlens::core", "nested too deeply"))};
    switch (j.type()) {
    case QJsonValue::Null: return ParamValue{};
    case QJsonValue::Bool: return ParamValue(j.toBool());
    case QJsonValue::Double: {
        const double d = j.toDouble();
        const bool wantFloat = def && (def->type == ParamType::Float || def->type == ParamType::OptFloat);
        if (!wantFloat && std::isfinite(d) && std::trunc(d) == d && std::fabs(d) < 9.2e18) {
            const qint64 i = j.toInteger(std::numeric_limits<qint64>::min());
            if (i != std::numeric_limits<qint64>::min())
                return ParamValue(std::int64_t(i));
            return ParamValue(std::int64_t(d));
        }
        return ParamValue(d);
    }
    case QJsonValue::String: {
        const std::string s = j.toString().toStdString();
        if (def && (def->type == ParamType::Float || def->type == ParamType::OptFloat))
            for (double d : {std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity(),
                             std::numeric_limits<double>::quiet_NaN()})
                if (s == nonFiniteName(d))
                    return ParamValue(d);
        return ParamValue(s);
    }
    case QJsonValue::Array: {
        ParamList l;
        const QJsonArray a = j.toArray();
        for (const auto &e : a)
            l.push_back(fromJson(e, nullptr, depth + 1));
        return ParamValue(std::move(l));
    }
    case QJsonValue::Object:
        throw JsonFailure{tx(QT_TRANSLATE_NOOP("convlens::core", "an object is not a parameter value"))};
    case QJsonValue::Undefined: break;
    }
    throw JsonFailure{tx(QT_TRANSLATE_NOOP("convlens::core", "not a parameter value"))};
}

std::string typeName(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null: return "null";
    case QJsonValue::Bool:
        return tx(QT_TRANSLATE_NOOP("convlens::core", "a boolean"));
    case QJsonValue::Double:
        return tx(QT_TRANSLATE_NOOP("convlens::core", "a number"));
    case QJsonValue::String:
        return tx(QT_TRANSLATE_NOOP("convlens::core", "a string"));
    case QJsonValue::Array:
        return tx(QT_TRANSLATE_NOOP("convlens::core", "an array"));
    case QJsonValue::Object:
        return tx(QT_TRANSLATE_NOOP("convlens::core", "an object"));
    case QJsonValue::Undefined: break;
    }
    return tx(QT_TRANSLATE_NOOP("convlens::core", "nothing"));
}

// A folder beside the project: one name, no path (a project cannot point its run at a folder elsewhere).
bool isWeightsFolderName(const QJsonValue &v)
{
    const QString s = v.toString();
    return v.isString() && !s.isEmpty() && s != QStringLiteral(".") && s != QStringLiteral("..") &&
           !s.contains(u'/') && !s.contains(u'\\');
}

} // namespace

std::string projectToJson(const Graph &g, const std::string &weightsFolder)
{
    QJsonObject root;
    root[QStringLiteral("format")] = QStringLiteral("convlens-model");
    root[QStringLiteral("version")] = kFormatVersion;
    root[QStringLiteral("framework")] = qs(std::string(frameworkName(g.framework)));
    QJsonArray layers;
    for (const auto &l : g.layers) {
        QJsonObject o;
        o[QStringLiteral("name")] = qs(l.name);
        o[QStringLiteral("type")] = qs(l.type);
        QJsonArray inputs;
        for (const auto &in : l.inputs)
            inputs.append(qs(in));
        o[QStringLiteral("inputs")] = inputs;
        QJsonObject params;
        for (const auto &[k, v] : l.params)
            params[qs(k)] = toJson(v);
        o[QStringLiteral("params")] = params;
        if (l.implicitInput)
            o[QStringLiteral("implicit_input")] = true;
        if (!l.modulePath.empty()) // optional keys: files without them read as before, older readers ignore them
            o[QStringLiteral("module_path")] = qs(l.modulePath);
        if (!l.scope.empty())
            o[QStringLiteral("scope")] = qs(l.scope);
        layers.append(o);
    }
    root[QStringLiteral("layers")] = layers;
    QJsonArray outputs;
    for (const auto &o : g.outputs)
        outputs.append(qs(o));
    root[QStringLiteral("outputs")] = outputs;
    if (!weightsFolder.empty()) // optional, as "quiz"
        root[QStringLiteral("weights")] = qs(weightsFolder);
    if (!g.quiz.empty()) { // optional: files without it read as before, older readers ignore it
        QJsonArray questions;
        for (const QuizQuestion &q : g.quiz) {
            QJsonObject o;
            o[QStringLiteral("layer")] = qs(q.layer);
            o[QStringLiteral("ask")] = q.ask == QuizQuestion::Ask::Padding ? QStringLiteral("padding")
                                                                           : QStringLiteral("shape");
            questions.append(o);
        }
        root[QStringLiteral("quiz")] = QJsonObject{{QStringLiteral("questions"), questions}};
    }
    return QJsonDocument(root).toJson(QJsonDocument::Indented).toStdString();
}

LoadResult loadProjectJson(std::string_view json, const std::string &fileName, const LoadOptions &opts)
{
    LoadResult result;
    const auto fail = [&](std::string message, int line = 0, int column = 0) {
        result.error = LoadError{fileName, line, column, std::move(message)};
        return result;
    };
    if (qsizetype(json.size()) > kMaxJsonBytes)
        return fail(tx(QT_TRANSLATE_NOOP("convlens::core", "the file is larger than 16 MiB")));
    const QByteArray bytes(json.data(), qsizetype(json.size()));
    QJsonParseError pe{};
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &pe);
    if (pe.error != QJsonParseError::NoError) {
        const qsizetype offset = std::clamp<qsizetype>(pe.offset, 0, bytes.size());
        int line = 1;
        qsizetype lineStart = 0;
        for (qsizetype i = 0; i < offset; ++i)
            if (bytes[i] == '\n') {
                ++line;
                lineStart = i + 1;
            }
        return fail(tx(QT_TRANSLATE_NOOP("convlens::core", "invalid JSON: %1"), {pe.errorString().toStdString()}), line,
                    int(offset - lineStart) + 1);
    }
    if (!doc.isObject())
        return fail(tx(QT_TRANSLATE_NOOP("convlens::core", "not a ConvLens project: the file is not a JSON object")));
    const QJsonObject root = doc.object();
    const QJsonValue format = root.value(QStringLiteral("format"));
    if (format.toString() != QStringLiteral("convlens-model"))
        return fail(tx(
            QT_TRANSLATE_NOOP("convlens::core", "not a ConvLens project: \"format\" is %1, expected 'convlens-model'"),
            {format.isString() ? "'" + format.toString().toStdString() + "'" : typeName(format)}));
    const QJsonValue version = root.value(QStringLiteral("version"));
    if (!version.isDouble() || version.toDouble() != std::trunc(version.toDouble()) || version.toDouble() < 1)
        return fail(tx(QT_TRANSLATE_NOOP("convlens::core", "\"version\" must be a positive integer, got %1"),
                       {typeName(version)}));
    if (version.toDouble() > kFormatVersion) {
        const std::string v = std::to_string(version.toInteger());
        return fail(
            tx(QT_TRANSLATE_NOOP(
                   "convlens::core",
                   "the project was written by a newer ConvLens (format version %1); this version reads version %2"),
               {v, std::to_string(kFormatVersion)}));
    }
    Graph g;
    const QString fw = root.value(QStringLiteral("framework")).toString();
    if (fw == QStringLiteral("keras"))
        g.framework = Framework::Keras;
    else if (fw == QStringLiteral("pytorch"))
        g.framework = Framework::PyTorch;
    else
        return fail(tx(QT_TRANSLATE_NOOP("convlens::core", "\"framework\" must be 'keras' or 'pytorch', got %1"),
                       {root.value(QStringLiteral("framework")).isString()
                            ? "'" + fw.toStdString() + "'"
                            : typeName(root.value(QStringLiteral("framework")))}));
    if (opts.framework && *opts.framework != g.framework)
        return fail(tx(QT_TRANSLATE_NOOP("convlens::core", "the project is a %1 model; --framework %2 does not apply"),
                       {std::string(frameworkName(g.framework)), std::string(frameworkName(*opts.framework))}));
    const QJsonValue layersValue = root.value(QStringLiteral("layers"));
    if (!layersValue.isArray())
        return fail(
            tx(QT_TRANSLATE_NOOP("convlens::core", "\"layers\" must be an array, got %1"), {typeName(layersValue)}));
    const QJsonArray layers = layersValue.toArray();
    if (size_t(layers.size()) > kMaxLayers)
        return fail(
            tx(QT_TRANSLATE_NOOP("convlens::core", "too many layers (more than %1)"), {std::to_string(kMaxLayers)}));
    for (qsizetype i = 0; i < layers.size(); ++i) {
        const std::string where = tx(QT_TRANSLATE_NOOP("convlens::core", "layer %1"), {std::to_string(i)});
        if (!layers[i].isObject())
            return fail(
                tx(QT_TRANSLATE_NOOP("convlens::core", "%1 must be an object, got %2"), {where, typeName(layers[i])}));
        const QJsonObject o = layers[i].toObject();
        Layer l;
        const QJsonValue name = o.value(QStringLiteral("name")), type = o.value(QStringLiteral("type"));
        if (!name.isString() || name.toString().isEmpty())
            return fail(tx(QT_TRANSLATE_NOOP("convlens::core", "%1: \"name\" must be a non-empty string, got %2"),
                           {where, typeName(name)}));
        l.name = name.toString().toStdString();
        const std::string who = tx(QT_TRANSLATE_NOOP("convlens::core", "layer '%1'"), {l.name});
        if (!type.isString())
            return fail(tx(QT_TRANSLATE_NOOP("convlens::core", "%1: \"type\" must be a string, got %2"),
                           {who, typeName(type)}));
        const std::string typeText = type.toString().toStdString();
        const KindDef *kind = findKind(g.framework, typeText);
        if (!kind) {
            std::string known;
            for (const auto &n : kindNames(g.framework))
                known += (known.empty() ? "" : ", ") + n;
            return fail(
                tx(QT_TRANSLATE_NOOP("convlens::core", "%1: unknown layer type '%2' for %3; ConvLens knows: %4"),
                   {who, typeText, std::string(frameworkName(g.framework)), known}));
        }
        l.type = kind->className;
        const QJsonValue inputs = o.value(QStringLiteral("inputs"));
        if (!inputs.isUndefined()) {
            if (!inputs.isArray())
                return fail(
                    tx(QT_TRANSLATE_NOOP("convlens::core", "%1: \"inputs\" must be an array of layer names, got %2"),
                       {who, typeName(inputs)}));
            for (const auto &in : inputs.toArray()) {
                if (!in.isString())
                    return fail(tx(QT_TRANSLATE_NOOP("convlens::core",
                                                     "%1: \"inputs\" must be an array of layer names, got %2 in it"),
                                   {who, typeName(in)}));
                l.inputs.push_back(in.toString().toStdString());
            }
        }
        const QJsonValue params = o.value(QStringLiteral("params"));
        if (!params.isUndefined()) {
            if (!params.isObject())
                return fail(tx(QT_TRANSLATE_NOOP("convlens::core", "%1: \"params\" must be an object, got %2"),
                               {who, typeName(params)}));
            const QJsonObject po = params.toObject();
            for (auto it = po.begin(); it != po.end(); ++it) {
                const std::string key = it.key().toStdString();
                // a model file's node that no layer computes: the row that stands for it keeps the reader's
                // message, which shape inference refuses it with (formats/onnx_model.cpp, keras_model.cpp)
                if (key == kRefusedByReader && it.value().isString()) {
                    l.params[key] = it.value().toString().toStdString();
                    continue;
                }
                const ParamDef *def = findParam(*kind, key);
                if (!def)
                    return fail(
                        tx(QT_TRANSLATE_NOOP("convlens::core", "%1 (%2): unknown parameter '%3'"), {who, l.type, key}));
                ParamValue v;
                try {
                    v = fromJson(it.value(), def, 0);
                } catch (const JsonFailure &f) {
                    return fail(tx(QT_TRANSLATE_NOOP("convlens::core", "%1 (%2): parameter '%3': %4"),
                                   {who, l.type, key, f.message}));
                }
                std::string err = checkParamType(*def, v);
                if (err.empty())
                    err = checkParamRange(*def, v);
                if (!err.empty())
                    return fail(tx(QT_TRANSLATE_NOOP("convlens::core", "%1 (%2): parameter '%3': %4"),
                                   {who, l.type, key, err}));
                l.params[key] = std::move(v);
            }
        }
        for (const ParamDef &p : kind->params)
            if (p.required && !l.params.count(p.name))
                return fail(tx(QT_TRANSLATE_NOOP("convlens::core", "%1 (%2): missing required parameter '%3' (%4)"),
                               {who, l.type, p.name, p.help}));
        const QJsonValue implicit = o.value(QStringLiteral("implicit_input"));
        if (!implicit.isUndefined()) {
            if (!implicit.isBool())
                return fail(
                    tx(QT_TRANSLATE_NOOP("convlens::core", "%1: \"implicit_input\" must be true or false, got %2"),
                       {who, typeName(implicit)}));
            l.implicitInput = implicit.toBool();
        }
        for (const auto &[key, field] : {std::pair{QStringLiteral("module_path"), &l.modulePath},
                                         std::pair{QStringLiteral("scope"), &l.scope}}) {
            const QJsonValue v = o.value(key);
            if (v.isUndefined())
                continue;
            if (!v.isString())
                return fail(tx(QT_TRANSLATE_NOOP("convlens::core", "%1: \"%2\" must be a string, got %3"),
                               {who, key.toStdString(), typeName(v)}));
            *field = v.toString().toStdString();
        }
        g.layers.push_back(std::move(l));
    }
    const QJsonValue outputs = root.value(QStringLiteral("outputs"));
    if (!outputs.isUndefined()) {
        if (!outputs.isArray())
            return fail(tx(QT_TRANSLATE_NOOP("convlens::core", "\"outputs\" must be an array of layer names, got %1"),
                           {typeName(outputs)}));
        for (const auto &o : outputs.toArray()) {
            if (!o.isString())
                return fail(
                    tx(QT_TRANSLATE_NOOP("convlens::core", "\"outputs\" must be an array of layer names, got %1 in it"),
                       {typeName(o)}));
            g.outputs.push_back(o.toString().toStdString());
        }
    }
    const QJsonValue weights = root.value(QStringLiteral("weights"));
    if (!weights.isUndefined() && !isWeightsFolderName(weights))
        return fail(tx(QT_TRANSLATE_NOOP(
                           "convlens::core",
                           "\"weights\" must be the name of a folder beside the project (\"model.weights\"), got %1"),
                       {weights.isString() ? "'" + weights.toString().toStdString() + "'" : typeName(weights)}));
    const QJsonValue quiz = root.value(QStringLiteral("quiz"));
    if (!quiz.isUndefined()) {
        const QJsonValue questions = quiz.toObject().value(QStringLiteral("questions"));
        if (!quiz.isObject() || !questions.isArray())
            return fail(quiz.isObject()
                            ? tx(QT_TRANSLATE_NOOP(
                                     "convlens::core",
                                     "\"quiz\" must be an object with a \"questions\" array, got %1 for \"questions\""),
                                 {typeName(questions)})
                            : tx(QT_TRANSLATE_NOOP("convlens::core",
                                                   "\"quiz\" must be an object with a \"questions\" array, got %1"),
                                 {typeName(quiz)}));
        const QJsonArray items = questions.toArray();
        for (qsizetype i = 0; i < items.size(); ++i) {
            const std::string where = tx(QT_TRANSLATE_NOOP("convlens::core", "quiz question %1"), {std::to_string(i)});
            const QJsonObject o = items[i].toObject();
            const QJsonValue layer = o.value(QStringLiteral("layer")), ask = o.value(QStringLiteral("ask"));
            if (!items[i].isObject() || !layer.isString() || layer.toString().isEmpty())
                return fail(tx(QT_TRANSLATE_NOOP("convlens::core", "%1: \"layer\" must be a layer name"), {where}));
            if (!ask.isUndefined() && ask != QStringLiteral("shape") && ask != QStringLiteral("padding"))
                return fail(tx(QT_TRANSLATE_NOOP("convlens::core", "%1: \"ask\" must be 'shape' or 'padding', got %2"),
                               {where, ask.isString() ? "'" + ask.toString().toStdString() + "'" : typeName(ask)}));
            const std::string name = layer.toString().toStdString();
            if (!g.find(name))
                return fail(tx(QT_TRANSLATE_NOOP("convlens::core", "%1: no layer '%2' in the model"), {where, name}));
            g.quiz.push_back({name, ask == QStringLiteral("padding") ? QuizQuestion::Ask::Padding
                                                                     : QuizQuestion::Ask::OutputShape});
        }
    }
    if (opts.inputShape)
        if (auto err = edit::overrideInputShape(g, *opts.inputShape))
            return fail(*err);
    const auto errors = validateAndOrder(g);
    if (!errors.empty())
        return fail(errors.front().message);
    result.graph = std::move(g);
    return result;
}

bool saveProjectFile(const Graph &g, const std::string &path, std::string *error, const std::string &weightsFolder)
{
    return saveFileAtomically(path, projectToJson(g, weightsFolder), error);
}

std::string projectWeightsFolder(const std::string &projectPath)
{
    if (!QString::fromStdString(projectPath).endsWith(QStringLiteral(".json"), Qt::CaseInsensitive))
        return {};
    QFile f(QString::fromStdString(projectPath));
    if (f.size() > kMaxJsonBytes || !f.open(QIODevice::ReadOnly))
        return {};
    const QByteArray bytes = f.readAll();
    // Most projects name no weights: a search instead of a second parse when opening them (a 100,000-layer chain
    // took a quarter of a second to parse again).
    if (!bytes.contains("\"weights\""))
        return {};
    const QJsonDocument doc = QJsonDocument::fromJson(bytes);
    if (doc.object().value(QStringLiteral("format")).toString() != QStringLiteral("convlens-model"))
        return {};
    const QJsonValue weights = doc.object().value(QStringLiteral("weights"));
    return isWeightsFolderName(weights) ? weights.toString().toStdString() : std::string();
}

} // namespace convlens
