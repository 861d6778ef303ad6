// keras_model.cpp — Keras model files. The config (tf.keras 2 or Keras 3 spelling) is parsed into a small model
// tree, which is written out as the Keras code that builds it and read by the Keras code importer, so that a layer
// class means the same thing whether it comes from code or from a file. docs/keras-files.md has the layouts.
#include "formats/keras_model.h"

#include "formats/keras_h5.h"
#include "formats/text_file.h"
#include "importers/python_code.h"
#include "model/catalogue.h"
#include "model/text.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <zip.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <cmath>
#include <map>
#include <memory>
#include <queue>
#include <set>

namespace convlens {

namespace {

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

std::string str(const QJsonValue &v)
{
    return v.toString().toStdString();
}

bool hasSuffix(const std::string &path, const char *suffix)
{
    const QString name = QFileInfo(qs(path)).fileName();
    return name.endsWith(QLatin1String(suffix), Qt::CaseInsensitive);
}

// ------------------------------------------------------------------------------------------------ the config tree
struct Ref {
    std::string layer;
    int node = 0, tensor = 0;
};

struct KModel;

struct KLayer {
    std::string cls, name;
    QJsonObject config;
    std::vector<std::vector<Ref>> nodes; // one input list per call
    std::shared_ptr<KModel> nested;      // a Sequential or Functional used as a layer
};

struct KModel {
    bool sequential = false;
    std::string cls, name;
    std::vector<KLayer> layers;
    std::vector<Ref> inputs, outputs; // functional
    bool keras3 = false;
};

struct ParseError {
    std::string message;
};

bool isModelClass(const std::string &cls)
{
    return cls == "Sequential" || cls == "Functional" || cls == "Model";
}

Ref parseTriple(const QJsonArray &a, const std::string &where)
{
    if (a.size() < 3 || !a[0].isString() || !a[1].isDouble() || !a[2].isDouble())
        throw ParseError{where + ": expected [layer, node_index, tensor_index]"};
    return {str(a[0]), a[1].toInt(), a[2].toInt()};
}

// input_layers / output_layers: [["input_1", 0, 0], …] (tf.keras 2) or a flat ["input_layer", 0, 0] (Keras 3, one).
std::vector<Ref> parseTriples(const QJsonValue &v, const std::string &where)
{
    std::vector<Ref> refs;
    const QJsonArray a = v.toArray();
    if (!a.isEmpty() && a[0].isString())
        return {parseTriple(a, where)};
    for (const QJsonValue &e : a)
        refs.push_back(parseTriple(e.toArray(), where));
    return refs;
}

// Keras 3: the tensors in a node's args, in order ({"class_name": "__keras_tensor__", "config": {"keras_history"}}).
void collectKerasTensors(const QJsonValue &v, std::vector<Ref> &out, const std::string &where, int depth = 0)
{
    if (depth > 32)
        throw ParseError{tx(QT_TRANSLATE_NOOP("convlens::core", "%1: arguments nested too deeply"), {where})};
    if (v.isArray()) {
        for (const QJsonValue &e : v.toArray())
            collectKerasTensors(e, out, where, depth + 1);
    } else if (v.isObject()) {
        const QJsonObject o = v.toObject();
        if (o.value(QStringLiteral("class_name")).toString() == QStringLiteral("__keras_tensor__")) {
            out.push_back(parseTriple(
                o.value(QStringLiteral("config")).toObject().value(QStringLiteral("keras_history")).toArray(), where));
            return;
        }
        for (auto it = o.begin(); it != o.end(); ++it)
            collectKerasTensors(it.value(), out, where, depth + 1);
    }
}

std::vector<std::vector<Ref>> parseInboundNodes(const QJsonValue &v, const std::string &where, bool *keras3)
{
    std::vector<std::vector<Ref>> nodes;
    for (const QJsonValue &node : v.toArray()) {
        std::vector<Ref> refs;
        if (node.isObject()) { // Keras 3: {"args": [...], "kwargs": {...}}
            *keras3 = true;
            collectKerasTensors(node.toObject().value(QStringLiteral("args")), refs, where);
        } else { // tf.keras 2: [[layer, node_index, tensor_index, kwargs], …]
            for (const QJsonValue &in : node.toArray())
                refs.push_back(parseTriple(in.toArray(), where));
        }
        nodes.push_back(std::move(refs));
    }
    return nodes;
}

std::shared_ptr<KModel> parseModel(const QJsonObject &obj, int depth);

KLayer parseLayer(const QJsonObject &o, int depth, bool *keras3)
{
    KLayer l;
    l.cls = str(o.value(QStringLiteral("class_name")));
    l.config = o.value(QStringLiteral("config")).toObject();
    l.name = o.contains(QStringLiteral("name")) ? str(o.value(QStringLiteral("name")))
                                                : str(l.config.value(QStringLiteral("name")));
    if (l.cls.empty())
        throw ParseError{l.name.empty()
                             ? tx(QT_TRANSLATE_NOOP("convlens::core", "a layer without class_name"))
                             : tx(QT_TRANSLATE_NOOP("convlens::core", "a layer without class_name ('%1')"), {l.name})};
    if (l.name.empty())
        throw ParseError{tx(QT_TRANSLATE_NOOP("convlens::core", "a %1 layer without a name"), {l.cls})};
    if (o.contains(QStringLiteral("module")) || o.contains(QStringLiteral("registered_name")))
        *keras3 = *keras3 || o.value(QStringLiteral("inbound_nodes")).toArray().first().isObject();
    l.nodes = parseInboundNodes(o.value(QStringLiteral("inbound_nodes")),
                                tx(QT_TRANSLATE_NOOP("convlens::core", "layer '%1'"), {l.name}), keras3);
    if (isModelClass(l.cls))
        l.nested = parseModel(o, depth + 1);
    return l;
}

std::shared_ptr<KModel> parseModel(const QJsonObject &obj, int depth)
{
    if (depth > 16)
        throw ParseError{tx(QT_TRANSLATE_NOOP("convlens::core", "models nested more than 16 deep"))};
    auto m = std::make_shared<KModel>();
    m->cls = str(obj.value(QStringLiteral("class_name")));
    if (!isModelClass(m->cls))
        throw ParseError{tx(QT_TRANSLATE_NOOP("convlens::core",
                                              "the top-level class is '%1', expected Sequential, Functional or Model"),
                            {m->cls})};
    m->sequential = m->cls == "Sequential";
    const QJsonObject config = obj.value(QStringLiteral("config")).toObject();
    m->name = str(config.value(QStringLiteral("name")));
    QJsonValue layers = config.value(QStringLiteral("layers"));
    if (m->sequential && !layers.isArray() && config.isEmpty() && obj.value(QStringLiteral("config")).isArray())
        layers = obj.value(QStringLiteral("config")); // Keras 2.0–2.2: a Sequential's config is its layer list
    if (!layers.isArray())
        throw ParseError{tx(QT_TRANSLATE_NOOP("convlens::core", "model '%1' has no layer list"), {m->name})};
    for (const QJsonValue &lv : layers.toArray()) {
        if (!lv.isObject())
            throw ParseError{
                tx(QT_TRANSLATE_NOOP("convlens::core", "model '%1': a layer entry is not an object"), {m->name})};
        m->layers.push_back(parseLayer(lv.toObject(), depth, &m->keras3));
    }
    if (!m->sequential) {
        m->inputs = parseTriples(config.value(QStringLiteral("input_layers")),
                                 tx(QT_TRANSLATE_NOOP("convlens::core", "model '%1' input_layers"), {m->name}));
        m->outputs = parseTriples(config.value(QStringLiteral("output_layers")),
                                  tx(QT_TRANSLATE_NOOP("convlens::core", "model '%1' output_layers"), {m->name}));
        if (m->inputs.empty() || m->outputs.empty())
            throw ParseError{
                tx(QT_TRANSLATE_NOOP("convlens::core", "model '%1' lists no inputs or no outputs"), {m->name})};
    }
    return m;
}

// ------------------------------------------------------------------------------------------------ code
std::string pyString(const std::string &s)
{
    std::string out = "'";
    for (unsigned char c : s) {
        if (c == '\\' || c == '\'')
            out += '\\', out += char(c);
        else if (c < 0x20) {
            static const char *hex = "0123456789abcdef";
            out += "\\x";
            out += hex[c >> 4];
            out += hex[c & 15];
        } else
            out += char(c);
    }
    return out + "'";
}

// A JSON value as a Python literal; nullopt for objects (initializer and dtype-policy configs).
std::optional<std::string> pyLiteral(const QJsonValue &v, int depth = 0)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return std::string("None");
    case QJsonValue::Bool:
        return std::string(v.toBool() ? "True" : "False");
    case QJsonValue::Double: {
        const double d = v.toDouble();
        if (!std::isfinite(d))
            return std::nullopt;
        if (d == std::floor(d) && std::fabs(d) < 9e15)
            return std::to_string(static_cast<long long>(d));
        char buf[40];
        std::snprintf(buf, sizeof buf, "%.17g", d);
        return std::string(buf);
    }
    case QJsonValue::String:
        return pyString(str(v));
    case QJsonValue::Array: {
        if (depth > 8)
            return std::nullopt;
        std::string out = "(";
        for (const QJsonValue &e : v.toArray()) {
            auto s = pyLiteral(e, depth + 1);
            if (!s)
                return std::nullopt;
            out += *s + ", ";
        }
        return out + ")";
    }
    case QJsonValue::Object:
    case QJsonValue::Undefined:
        return std::nullopt;
    }
    return std::nullopt;
}

// Config keys every layer has that build nothing (base Layer, Keras 3 extras).
const std::set<std::string> &ignoredKeys()
{
    static const std::set<std::string> keys{"name",        "trainable",   "dtype",        "batch_input_shape",
                                            "batch_shape", "ragged",      "sparse",       "autocast",
                                            "input_dim",   "input_shape", "batch_size",   "optional",
                                            "synchronized", "renorm",     "renorm_clipping", "renorm_momentum",
                                            "quantization_config", "lora_rank", "lora_alpha", "build_config"};
    return keys;
}

class CodeWriter {
public:
    explicit CodeWriter(std::vector<std::string> *notes) : notes_(notes) {}

    std::string code;
    std::vector<std::string> lineOwner;     // per generated line: "layer 'conv2d' (Conv2D)"
    std::map<std::string, std::string> refused; // layer name → message

    void line(const std::string &text, const std::string &owner = {})
    {
        code += text;
        code += '\n';
        lineOwner.push_back(owner);
    }

    // Shape (without batch) from a batch_input_shape / batch_shape list; nullopt if absent.
    static std::optional<std::string> inputShape(const QJsonObject &config)
    {
        for (const char *key : {"batch_input_shape", "batch_shape"}) {
            const QJsonArray a = config.value(QLatin1String(key)).toArray();
            if (a.size() >= 2) {
                QJsonArray rest;
                for (int i = 1; i < a.size(); ++i)
                    rest.append(a[i]);
                return pyLiteral(rest);
            }
        }
        return std::nullopt;
    }

    // `layers.Conv2D(filters=4, …, name='conv2d')`, or the placeholder of a refused class.
    std::string construct(const KLayer &l)
    {
        const std::string owner = tx(QT_TRANSLATE_NOOP("convlens::core", "layer '%1' (%2)"), {l.name, l.cls});
        const KindDef *kind = findKind(Framework::Keras, l.cls);
        if (!kind || kind->op == Op::Input) {
            refused[l.name] = tx(QT_TRANSLATE_NOOP("convlens::core", "Keras layer '%1' (%2): ConvLens has no %2 layer"),
                                 {l.name, l.cls});
            return "layers.Activation('linear', name=" + pyString(l.name) + ")";
        }
        std::string args;
        for (auto it = l.config.begin(); it != l.config.end(); ++it) {
            const std::string key = it.key().toStdString();
            if (ignoredKeys().count(key))
                continue;
            const ParamDef *p = findParam(*kind, key);
            const bool base = key == "negative_slope"; // LeakyReLU's Keras 3 name for alpha
            if (!p && !base) {
                // Silent: null/false (off), objects (initializer, regularizer, constraint configs), groups=1 (the
                // tf.keras 2 Conv base writes it for depthwise, separable and transposed convolutions too).
                const QJsonValue v = it.value();
                const bool nothing = v.isNull() || (v.isBool() && !v.toBool()) || v.isObject() ||
                                     (key == "groups" && v.isDouble() && v.toDouble() == 1);
                if (!nothing)
                    notes_->push_back(
                        tx(QT_TRANSLATE_NOOP("convlens::core", "%1: config key '%2' is not read"), {owner, key}));
                continue;
            }
            if (p && p->type == ParamType::Ignored)
                continue;
            QJsonValue v = it.value();
            if (p && (p->type == ParamType::Axis || p->type == ParamType::OptAxis) && v.isArray() &&
                v.toArray().size() == 1)
                v = v.toArray()[0]; // BatchNormalization axis [3]
            const auto lit = pyLiteral(v);
            if (!lit) {
                if (!v.isObject())
                    notes_->push_back(
                        tx(QT_TRANSLATE_NOOP("convlens::core", "%1: config key '%2' could not be read"), {owner, key}));
                continue;
            }
            args += key + "=" + *lit + ", ";
        }
        return "layers." + kind->className + "(" + args + "name=" + pyString(l.name) + ")";
    }

    // Writes a model's definition; returns the variable that holds it.
    std::string model(const KModel &m)
    {
        const std::string prefix = "m" + std::to_string(models_++) + "_";
        if (m.sequential)
            return sequential(m, prefix);
        return functional(m, prefix);
    }

private:
    std::vector<std::string> *notes_;
    int models_ = 0, vars_ = 0;

    std::string sequential(const KModel &m, const std::string &prefix)
    {
        std::vector<std::string> items;
        bool haveInput = false;
        for (size_t i = 0; i < m.layers.size(); ++i) {
            const KLayer &l = m.layers[i];
            if (l.cls == "InputLayer") {
                const auto shape = inputShape(l.config);
                if (!shape)
                    throw ParseError{
                        tx(QT_TRANSLATE_NOOP("convlens::core", "input '%1' has no batch_input_shape / batch_shape"),
                           {l.name})};
                items.push_back("keras.Input(shape=" + *shape + ", name=" + pyString(l.name) + ")");
                haveInput = true;
                continue;
            }
            if (!haveInput && items.empty())
                if (const auto shape = inputShape(l.config)) {
                    items.push_back("keras.Input(shape=" + *shape + ")");
                    haveInput = true;
                }
            if (l.nested) {
                items.push_back(model(*l.nested));
                continue;
            }
            const std::string var = prefix + "l" + std::to_string(i);
            line(var + " = " + construct(l),
                 tx(QT_TRANSLATE_NOOP("convlens::core", "layer '%1' (%2)"), {l.name, l.cls}));
            items.push_back(var);
        }
        const std::string var = prefix + "model";
        std::string list;
        for (const std::string &it : items)
            list += it + ", ";
        line(var + " = keras.Sequential([" + list + "], name=" + pyString(m.name) + ")",
             "model '" + m.name + "' (Sequential)");
        return var;
    }

    std::string functional(const KModel &m, const std::string &prefix)
    {
        std::map<std::string, size_t> byName;
        for (size_t i = 0; i < m.layers.size(); ++i)
            if (!byName.emplace(m.layers[i].name, i).second)
                throw ParseError{tx(QT_TRANSLATE_NOOP("convlens::core", "model '%1': two layers are named '%2'"),
                                    {m.name, m.layers[i].name})};
        // tf.keras 2 counts a nested model's own construction as its node 0, so its calls start at 1 (README of
        // tests/golden/files); Keras 3 does not. The offset is what the references need.
        std::map<std::string, int> maxRef;
        auto seeRef = [&](const Ref &r) { maxRef[r.layer] = std::max(maxRef[r.layer], r.node); };
        for (const KLayer &l : m.layers)
            for (const auto &node : l.nodes)
                for (const Ref &r : node)
                    seeRef(r);
        for (const Ref &r : m.outputs)
            seeRef(r);
        std::vector<std::string> object(m.layers.size());
        std::vector<std::vector<std::string>> outputs(m.layers.size());
        for (size_t i = 0; i < m.layers.size(); ++i) {
            const KLayer &l = m.layers[i];
            if (l.cls == "InputLayer") {
                const auto shape = inputShape(l.config);
                if (!shape)
                    throw ParseError{
                        tx(QT_TRANSLATE_NOOP("convlens::core", "input '%1' has no batch_input_shape / batch_shape"),
                           {l.name})};
                const std::string var = prefix + "in" + std::to_string(i);
                line(var + " = keras.Input(shape=" + *shape + ", name=" + pyString(l.name) + ")",
                     "input '" + l.name + "'");
                outputs[i].push_back(var);
            } else if (l.nested) {
                object[i] = model(*l.nested);
            } else {
                object[i] = prefix + "l" + std::to_string(i);
                line(object[i] + " = " + construct(l),
                     tx(QT_TRANSLATE_NOOP("convlens::core", "layer '%1' (%2)"), {l.name, l.cls}));
            }
        }
        // Where a reference points: (layer index, call index).
        auto locate = [&](const Ref &r) {
            const auto it = byName.find(r.layer);
            if (it == byName.end())
                throw ParseError{
                    tx(QT_TRANSLATE_NOOP("convlens::core", "model '%1' uses layer '%2', which it does not define"),
                       {m.name, r.layer})};
            const KLayer &src = m.layers[it->second];
            int node = r.node;
            if (src.nested && !m.keras3)
                node -= std::max(0, maxRef[r.layer] + 1 - int(src.nodes.size()));
            if (r.tensor != 0)
                throw ParseError{
                    tx(QT_TRANSLATE_NOOP("convlens::core", "layer '%1' output %2: ConvLens' layers have one output"),
                       {r.layer, std::to_string(r.tensor)})};
            const size_t calls = src.cls == "InputLayer" ? 1 : src.nodes.size();
            if (node < 0 || size_t(node) >= calls)
                throw ParseError{tx(QT_TRANSLATE_NOOP("convlens::core", "layer '%1' has no node %2"),
                                    {r.layer, std::to_string(r.node)})};
            return std::pair<size_t, size_t>{it->second, size_t(node)};
        };
        auto resolve = [&](const Ref &r, std::string *var) {
            const auto [j, node] = locate(r);
            if (node >= outputs[j].size())
                return false;
            *var = outputs[j][node];
            return true;
        };
        // The calls in an order where every input exists (a shared layer's second call may use later layers):
        // Kahn's algorithm, always the lowest (layer, call) that is ready, so a config already in order stays so.
        using Call = std::pair<size_t, size_t>;
        std::map<Call, std::vector<Call>> consumers;
        std::map<Call, int> waiting;
        std::priority_queue<Call, std::vector<Call>, std::greater<>> ready;
        size_t total = 0;
        for (size_t i = 0; i < m.layers.size(); ++i) {
            const KLayer &l = m.layers[i];
            if (l.cls == "InputLayer")
                continue;
            for (size_t k = 0; k < l.nodes.size(); ++k) {
                ++total;
                int deps = 0;
                std::vector<Call> producers;
                if (k > 0)
                    producers.push_back({i, k - 1});
                for (const Ref &r : l.nodes[k]) {
                    const Call from = locate(r);
                    if (m.layers[from.first].cls != "InputLayer")
                        producers.push_back(from);
                }
                for (const Call &from : producers) {
                    consumers[from].push_back({i, k});
                    ++deps;
                }
                waiting[{i, k}] = deps;
                if (deps == 0)
                    ready.push({i, k});
            }
        }
        size_t emitted = 0;
        while (!ready.empty()) {
            const auto [i, k] = ready.top();
            ready.pop();
            const KLayer &l = m.layers[i];
            std::vector<std::string> ins;
            for (const Ref &r : l.nodes[k]) {
                std::string v;
                if (!resolve(r, &v))
                    throw ParseError{
                        tx(QT_TRANSLATE_NOOP("convlens::core", "layer '%1': input '%2' is not computed yet"),
                           {l.name, r.layer})};
                ins.push_back(v);
            }
            if (ins.empty())
                throw ParseError{tx(QT_TRANSLATE_NOOP("convlens::core", "layer '%1' is called on nothing"), {l.name})};
            std::string arg = ins[0];
            const KindDef *kind = l.nested ? nullptr : findKind(Framework::Keras, l.cls);
            const bool takesList = l.nested || (kind && !refused.count(l.name) && kind->maxInputs != 1);
            if (ins.size() > 1 && takesList) {
                arg = "[";
                for (const std::string &v : ins)
                    arg += v + ", ";
                arg += "]";
            } else if (ins.size() > 1 && !refused.count(l.name)) {
                throw ParseError{tx(QT_TRANSLATE_NOOP("convlens::core", "layer '%1' (%2) is called on %3 tensors"),
                                    {l.name, l.cls, std::to_string(ins.size())})};
            }
            const std::string var = prefix + "t" + std::to_string(vars_++);
            line(var + " = " + object[i] + "(" + arg + ")",
                 tx(QT_TRANSLATE_NOOP("convlens::core", "layer '%1' (%2)"), {l.name, l.cls}));
            outputs[i].push_back(var);
            ++emitted;
            for (const Call &c : consumers[{i, k}])
                if (--waiting[c] == 0)
                    ready.push(c);
        }
        if (emitted != total)
            throw ParseError{
                tx(QT_TRANSLATE_NOOP("convlens::core", "model '%1': the layers' inputs form a cycle"), {m.name})};
        auto list = [&](const std::vector<Ref> &refs) {
            std::string out = "[";
            for (const Ref &r : refs) {
                std::string v;
                if (!resolve(r, &v))
                    throw ParseError{
                        tx(QT_TRANSLATE_NOOP("convlens::core", "model '%1': output '%2' is never computed"),
                           {m.name, r.layer})};
                out += v + ", ";
            }
            return out + "]";
        };
        const std::string var = prefix + "model";
        line(var + " = keras.Model(inputs=" + list(m.inputs) + ", outputs=" + list(m.outputs) +
                 ", name=" + pyString(m.name) + ")",
             tx(QT_TRANSLATE_NOOP("convlens::core", "model '%1'"), {m.name}));
        return var;
    }

};

// "line 12: skipped …" → "layer 'conv2d' (Conv2D): skipped …"
std::string relocate(const std::string &note, const std::vector<std::string> &owners)
{
    if (note.rfind("line ", 0) != 0)
        return note;
    size_t end = 5;
    int n = 0;
    while (end < note.size() && std::isdigit(static_cast<unsigned char>(note[end])))
        n = n * 10 + (note[end++] - '0');
    if (n < 1 || size_t(n) > owners.size() || owners[size_t(n) - 1].empty())
        return note;
    return owners[size_t(n) - 1] + note.substr(end);
}

// The model of a config: the root, or a TensorFlow.js model.json's modelTopology (its model_config if it has one).
QJsonObject modelObject(const QJsonObject &root)
{
    if (!root.contains(QStringLiteral("modelTopology")))
        return root;
    const QJsonObject topo = root.value(QStringLiteral("modelTopology")).toObject();
    return topo.contains(QStringLiteral("model_config")) ? topo.value(QStringLiteral("model_config")).toObject() : topo;
}

LoadResult graphFromKerasConfig(const QByteArray &json, const std::string &path, const LoadOptions &opts)
{
    QJsonParseError perr{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &perr);
    if (doc.isNull())
        return LoadResult::failure(
            path, 0, 0,
            tx(QT_TRANSLATE_NOOP("convlens::core", "the Keras config is not JSON: %1 at byte %2"),
               {perr.errorString().toStdString(), std::to_string(perr.offset)}));
    if (!doc.isObject())
        return LoadResult::failure(path, 0, 0,
                                   tx(QT_TRANSLATE_NOOP("convlens::core", "the Keras config is not a JSON object")));
    const QJsonObject root = modelObject(doc.object()); // a TensorFlow.js model.json holds it in modelTopology
    std::vector<std::string> notes;
    CodeWriter w(&notes);
    try {
        const auto model = parseModel(root, 0);
        w.line("import keras");
        w.line("from keras import layers");
        w.model(*model);
    } catch (const ParseError &e) {
        return LoadResult::failure(path, 0, 0, e.message);
    }
    LoadOptions o = opts;
    o.framework = Framework::Keras;
    LoadResult r = importPythonCode(w.code, path, o);
    if (!r.ok()) {
        if (r.error && r.error->line > 0 && size_t(r.error->line) <= w.lineOwner.size() &&
            !w.lineOwner[size_t(r.error->line) - 1].empty())
            r.error->message = w.lineOwner[size_t(r.error->line) - 1] + ": " + r.error->message;
        if (r.error)
            r.error->line = r.error->column = 0;
        return r;
    }
    // The generated code builds one model per nested model; the importer's note about that means nothing here.
    std::erase_if(r.notes, [](const std::string &n) { return n.find("the code builds") != std::string::npos; });
    for (std::string &n : r.notes)
        n = relocate(n, w.lineOwner);
    r.notes.insert(r.notes.end(), notes.begin(), notes.end());
    for (Layer &l : r.graph->layers) {
        l.line = 0;
        if (const auto it = w.refused.find(l.name); it != w.refused.end())
            l.params["refused_by_reader"] = it->second;
    }
    return r;
}

// ------------------------------------------------------------------------------------------------ weights
constexpr std::int64_t kMaxWeightBytes = std::int64_t(2) << 30; // the default memory budget
constexpr std::int64_t kMaxWeightValues = kMaxWeightBytes / 4;

// "conv2d/kernel:0" → ("conv2d", "kernel"); "sequential/conv2d_1/kernel" → ("conv2d_1", "kernel").
bool splitWeightName(const std::string &full, std::string *layer, std::string *weight)
{
    std::string w = full;
    if (const size_t colon = w.rfind(':'); colon != std::string::npos)
        w.erase(colon);
    const size_t slash = w.rfind('/');
    if (slash == std::string::npos || slash == 0 || slash + 1 == w.size())
        return false;
    *weight = w.substr(slash + 1);
    const size_t before = w.rfind('/', slash - 1);
    const size_t start = before == std::string::npos ? 0 : before + 1;
    *layer = w.substr(start, slash - start);
    return !layer->empty();
}

// tf.keras 2 `save_weights_to_hdf5_group`: `layer_names` on the group, `weight_names` on each layer group, the
// arrays at <group>/<layer>/<weight name>.
void readLegacyWeights(h5::Id file, const std::string &group, const std::string &fileName, KerasWeights *w)
{
    std::string err;
    const std::string prefix = group == "." ? std::string() : group + "/";
    const auto layerNames = h5::stringListAttr(file, group, "layer_names", &err);
    if (!layerNames) {
        w->errors.push_back(fileName + ": " +
                            (err.empty() ? tx(QT_TRANSLATE_NOOP("convlens::core", "no layer_names attribute")) : err));
        return;
    }
    w->carriesWeights = true;
    for (const std::string &ln : *layerNames) {
        const auto names = h5::stringListAttr(file, prefix + ln, "weight_names", &err);
        if (!names) {
            w->errors.push_back(
                tx(QT_TRANSLATE_NOOP("convlens::core", "%1: layer '%2': %3"),
                   {fileName, ln,
                    err.empty() ? tx(QT_TRANSLATE_NOOP("convlens::core", "no weight_names attribute")) : err}));
            return;
        }
        for (const std::string &wn : *names) {
            std::string layer, weight;
            if (!splitWeightName(wn, &layer, &weight)) {
                w->errors.push_back(
                    tx(QT_TRANSLATE_NOOP("convlens::core", "%1: layer '%2': weight name '%3' is not <layer>/<weight>"),
                       {fileName, ln, wn}));
                return;
            }
            auto a = h5::readFloats(file, prefix + ln + "/" + wn, kMaxWeightValues, &err);
            if (!a) {
                w->errors.push_back(fileName + ": layer '" + ln + "': " + err);
                return;
            }
            w->set.layers[layer][weight] = std::move(*a);
        }
    }
}

// Keras 3 `to_snake_case`: Conv2D → conv2d, MaxPooling2D → max_pooling2d, ReLU → re_lu.
std::string snakeCase(const std::string &cls)
{
    std::string s;
    for (char c : cls)
        if (std::isalnum(static_cast<unsigned char>(c)) || c == '_')
            s += c;
    auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
    auto lower = [](char c) { return c >= 'a' && c <= 'z'; };
    std::string a; // (.)([A-Z][a-z]+) → \1_\2
    for (size_t i = 0; i < s.size(); ++i) {
        if (i > 0 && upper(s[i]) && i + 1 < s.size() && lower(s[i + 1]))
            a += '_';
        a += s[i];
    }
    std::string b; // ([a-z])([A-Z]) → \1_\2
    for (size_t i = 0; i < a.size(); ++i) {
        if (i > 0 && lower(a[i - 1]) && upper(a[i]))
            b += '_';
        b += a[i];
    }
    for (char &c : b)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    return b;
}

// Keras 3 `model.weights.h5`: layers/<key>/vars/<i>, <key> the class in snake_case made unique in its container.
// The layer's name is the `vars` group's `name` attribute (Keras ≥ 3.6) or, in older files, the config's layer at
// that key. Arrays are positional: <i> follows the layer's weights in Keras order (trainable first).
void readKeras3Weights(h5::Id file, const KModel *model, const std::string &container, const ShapeReport &report,
                       const std::string &fileName, KerasWeights *w, int depth = 0)
{
    if (depth > 16)
        return;
    std::string err;
    // key → the config's layer (model.layers order: a Sequential does not list its InputLayer)
    std::map<std::string, const KLayer *> byKey;
    if (model) {
        std::map<std::string, int> used;
        for (const KLayer &l : model->layers) {
            if (model->sequential && l.cls == "InputLayer")
                continue;
            const std::string base = snakeCase(l.cls);
            std::string key = base;
            for (int n = used[base]++; n > 0 && byKey.count(key); ++n)
                key = base + "_" + std::to_string(n);
            while (byKey.count(key))
                key = base + "_" + std::to_string(used[base]++);
            byKey[key] = &l;
        }
    }
    const std::string layersGroup = container.empty() ? "layers" : container + "/layers";
    if (!h5::isGroup(file, layersGroup))
        return;
    for (const std::string &key : h5::members(file, layersGroup, &err)) {
        const std::string at = layersGroup + "/" + key;
        const auto cfg = byKey.find(key);
        const KLayer *l = cfg == byKey.end() ? nullptr : cfg->second;
        if (h5::isGroup(file, at + "/layers")) { // a nested model
            readKeras3Weights(file, l && l->nested ? l->nested.get() : nullptr, at, report, fileName, w, depth + 1);
            continue;
        }
        if (!h5::isGroup(file, at + "/vars"))
            continue;
        std::string name;
        if (auto n = h5::stringAttr(file, at + "/vars", "name", &err))
            name = *n;
        else if (l)
            name = l->name;
        if (name.empty()) {
            w->errors.push_back(
                tx(QT_TRANSLATE_NOOP("convlens::core", "%1: %2: no layer name (no `name` attribute, no config entry)"),
                   {fileName, at}));
            continue;
        }
        const std::vector<std::string> vars = h5::members(file, at + "/vars", &err);
        if (vars.empty())
            continue;
        const int row = report.indexOf(name);
        if (row < 0) {
            w->errors.push_back(
                tx(QT_TRANSLATE_NOOP("convlens::core", "%1: %2: the model has no layer '%3'"), {fileName, at, name}));
            continue;
        }
        const std::vector<WeightSpec> specs = expectedWeights(report.layers[size_t(row)], Framework::Keras);
        if (specs.size() != vars.size()) {
            w->errors.push_back(
                tx(QT_TRANSLATE_NOOP("convlens::core", "%1: layer '%2': %3 arrays in %4/vars, the layer has %5"),
                   {fileName, name, std::to_string(vars.size()), at, std::to_string(specs.size())}));
            continue;
        }
        for (size_t i = 0; i < specs.size(); ++i) {
            auto a = h5::readFloats(file, at + "/vars/" + std::to_string(i), kMaxWeightValues, &err);
            if (!a) {
                w->errors.push_back(fileName + ": layer '" + name + "': " + err);
                break;
            }
            w->set.layers[name][specs[i].name] = std::move(*a);
        }
    }
    if (!err.empty())
        w->errors.push_back(fileName + ": " + err);
}

// Which layout an HDF5 weights file has, and its arrays.
void readH5Weights(h5::Id file, const KModel *model, const ShapeReport &report, const std::string &fileName,
                   KerasWeights *w)
{
    std::string err;
    if (h5::isGroup(file, "model_weights"))
        readLegacyWeights(file, "model_weights", fileName, w);
    else if (h5::isGroup(file, "layers")) {
        w->carriesWeights = true;
        readKeras3Weights(file, model, "", report, fileName, w);
    } else if (h5::stringListAttr(file, ".", "layer_names", &err) || !err.empty())
        readLegacyWeights(file, ".", fileName, w);
    else
        w->errors.push_back(
            tx(QT_TRANSLATE_NOOP("convlens::core",
                                 "%1: no Keras weights (no model_weights or layers group, no layer_names)"),
               {fileName}));
}

// Every array against the model: a layer the model lacks, a missing array, a wrong shape. A shared layer's later
// calls (rows `<name>@2`, …) get the arrays of `<name>`.
void checkAgainst(const ShapeReport &report, const std::string &fileName, KerasWeights *w)
{
    if (!w->errors.empty() || !w->carriesWeights)
        return;
    for (const LayerReport &l : report.layers)
        if (const size_t at = l.name.find('@'); at != std::string::npos && !w->set.find(l.name))
            if (const LayerWeights *shared = w->set.find(l.name.substr(0, at)))
                w->set.layers[l.name] = *shared;
    for (const auto &[layer, arrays] : w->set.layers) {
        const int row = report.indexOf(layer);
        if (row < 0) {
            w->misfits.push_back(
                tx(QT_TRANSLATE_NOOP("convlens::core", "%1: weights for layer '%2', which the model does not have"),
                   {fileName, layer}));
            return;
        }
        const LayerReport &l = report.layers[size_t(row)];
        if (!l.ok())
            continue;
        for (const WeightSpec &spec : expectedWeights(l, Framework::Keras)) {
            const auto it = arrays.find(spec.name);
            if (it == arrays.end()) {
                w->misfits.push_back(tx(QT_TRANSLATE_NOOP("convlens::core", "%1: layer '%2' has no '%3' array"),
                                        {fileName, layer, spec.name}));
                return;
            }
            if (it->second.shape != spec.shape) {
                w->misfits.push_back(
                    tx(QT_TRANSLATE_NOOP("convlens::core", "%1: %2.%3: expected shape %4, found %5"),
                       {fileName, layer, spec.name, shapeTuple(spec.shape), shapeTuple(it->second.shape)}));
                return;
            }
        }
    }
    for (const LayerReport &l : report.layers)
        if (l.ok() && !expectedWeights(l, Framework::Keras).empty() &&
            !w->set.find(l.name)) {
            w->misfits.push_back(
                tx(QT_TRANSLATE_NOOP("convlens::core", "%1: no weights for layer '%2'"), {fileName, l.name}));
            return;
        }
}

// TensorFlow.js: weightsManifest [{paths: [shard files beside model.json], weights: [{name, shape, dtype}]}], each
// group's shards concatenated, the arrays back to back in manifest order, little-endian float32.
void readTfjsWeights(const QJsonObject &root, const std::string &path, KerasWeights *w)
{
    const QDir dir = QFileInfo(qs(path)).absoluteDir();
    const std::string fileName = path;
    const QJsonArray manifest = root.value(QStringLiteral("weightsManifest")).toArray();
    w->carriesWeights = !manifest.isEmpty();
    std::int64_t total = 0;
    for (const QJsonValue &gv : manifest) {
        const QJsonObject group = gv.toObject();
        QByteArray data;
        for (const QJsonValue &pv : group.value(QStringLiteral("paths")).toArray()) {
            const QString shard = pv.toString();
            if (shard.isEmpty() || shard.contains(QLatin1Char('/')) || shard.contains(QLatin1Char('\\')) ||
                shard == QLatin1String("..")) {
                w->errors.push_back(
                    tx(QT_TRANSLATE_NOOP("convlens::core", "%1: shard path '%2' is not a file name beside model.json"),
                       {fileName, shard.toStdString()}));
                return;
            }
            QFile f(dir.filePath(shard));
            if (!f.open(QIODevice::ReadOnly)) {
                w->errors.push_back(tx(QT_TRANSLATE_NOOP("convlens::core", "%1: cannot open weight shard '%2'"),
                                       {fileName, shard.toStdString()}));
                return;
            }
            total += f.size();
            if (total > kMaxWeightBytes) {
                w->errors.push_back(
                    tx(QT_TRANSLATE_NOOP("convlens::core",
                                         "%1: the weight shards hold more than the memory budget (2 GiB)"),
                       {fileName}));
                return;
            }
            data += f.readAll();
        }
        std::int64_t offset = 0;
        for (const QJsonValue &wv : group.value(QStringLiteral("weights")).toArray()) {
            const QJsonObject spec = wv.toObject();
            const std::string name = str(spec.value(QStringLiteral("name")));
            const QString dtype = spec.value(QStringLiteral("dtype")).toString(QStringLiteral("float32"));
            if (dtype != QLatin1String("float32") || spec.contains(QStringLiteral("quantization"))) {
                w->errors.push_back(
                    dtype != QLatin1String("float32")
                        ? tx(QT_TRANSLATE_NOOP("convlens::core",
                                               "%1: weight '%2' is %3; only float32 weights are read"),
                             {fileName, name, dtype.toStdString()})
                        : tx(QT_TRANSLATE_NOOP("convlens::core",
                                               "%1: weight '%2' is quantized; only float32 weights are read"),
                             {fileName, name}));
                return;
            }
            NdArray a;
            std::int64_t n = 1;
            for (const QJsonValue &d : spec.value(QStringLiteral("shape")).toArray()) {
                const qint64 dim = d.toInteger(-1);
                if (dim < 0 || (dim > 0 && n > kMaxWeightValues / dim)) {
                    w->errors.push_back(
                        tx(QT_TRANSLATE_NOOP("convlens::core", "%1: weight '%2' has a bad or too large shape"),
                           {fileName, name}));
                    return;
                }
                n *= dim;
                a.shape.push_back(dim);
            }
            if (offset + 4 * n > data.size()) {
                w->errors.push_back(
                    tx(QT_TRANSLATE_NOOP("convlens::core", "%1: weight '%2' needs bytes %3–%4 but the shards hold %5"),
                       {fileName, name, std::to_string(offset), std::to_string(offset + 4 * n),
                        std::to_string(data.size())}));
                return;
            }
            a.data.resize(size_t(n));
            if (n > 0)
                std::memcpy(a.data.data(), data.constData() + offset, size_t(4 * n)); // little-endian hosts
            offset += 4 * n;
            std::string layer, weight;
            if (!splitWeightName(name, &layer, &weight)) {
                w->errors.push_back(
                    tx(QT_TRANSLATE_NOOP("convlens::core", "%1: weight name '%2' is not <layer>/<weight>"),
                       {fileName, name}));
                return;
            }
            w->set.layers[layer][weight] = std::move(a);
        }
        if (offset != data.size()) {
            w->errors.push_back(
                tx(QT_TRANSLATE_NOOP("convlens::core", "%1: the shards hold %2 bytes, the manifest's weights %3"),
                   {fileName, std::to_string(data.size()), std::to_string(offset)}));
            return;
        }
    }
}

// A `.keras` zip: config.json, model.weights.h5 (sizes checked against the budget before anything is inflated).
struct ZipEntries {
    QByteArray config, weights;
    std::string error;
};

std::string readZipEntry(zip_t *z, const char *name, std::int64_t limit, QByteArray *out, bool *missing)
{
    const zip_int64_t idx = zip_name_locate(z, name, 0);
    if (idx < 0) {
        *missing = true;
        return tx(QT_TRANSLATE_NOOP("convlens::core", "no %1 in the archive"), {name});
    }
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(z, zip_uint64_t(idx), 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE))
        return tx(QT_TRANSLATE_NOOP("convlens::core", "cannot read the size of %1"), {name});
    if (st.size > zip_uint64_t(limit))
        return tx(QT_TRANSLATE_NOOP("convlens::core", "%1 inflates to %2 bytes, more than the limit of %3"),
                  {name, std::to_string(st.size), std::to_string(limit)});
    zip_file_t *f = zip_fopen_index(z, zip_uint64_t(idx), 0);
    if (!f)
        return tx(QT_TRANSLATE_NOOP("convlens::core", "cannot open %1: %2"), {name, zip_strerror(z)});
    out->resize(qsizetype(st.size));
    zip_int64_t got = 0;
    while (got < zip_int64_t(st.size)) {
        const zip_int64_t n = zip_fread(f, out->data() + got, st.size - zip_uint64_t(got));
        if (n <= 0)
            break;
        got += n;
    }
    char extra;
    const zip_int64_t more = got == zip_int64_t(st.size) ? zip_fread(f, &extra, 1) : 0;
    std::string err;
    if (got != zip_int64_t(st.size) || more != 0)
        err = tx(QT_TRANSLATE_NOOP("convlens::core", "%1 does not inflate to its declared %2 bytes (%3)"),
                 {name, std::to_string(st.size), zip_file_strerror(f)});
    zip_fclose(f);
    return err;
}

ZipEntries readKerasZip(const std::string &path, bool wantWeights)
{
    ZipEntries e;
    int code = 0;
    zip_t *z = zip_open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &code);
    if (!z) {
        zip_error_t ze;
        zip_error_init_with_code(&ze, code);
        e.error = tx(QT_TRANSLATE_NOOP("convlens::core", "not a readable .keras zip: %1"), {zip_error_strerror(&ze)});
        zip_error_fini(&ze);
        return e;
    }
    bool missing = false;
    e.error = readZipEntry(z, "config.json", kMaxSourceBytes, &e.config, &missing);
    if (e.error.empty() && wantWeights) {
        e.error = readZipEntry(z, "model.weights.h5", kMaxWeightBytes, &e.weights, &missing);
        if (missing)
            e.error = tx(QT_TRANSLATE_NOOP("convlens::core",
                                           "no model.weights.h5 in the archive (a .keras file carries its weights)"));
    }
    zip_discard(z);
    return e;
}

// The config of a Keras file: the JSON itself, an HDF5 file's model_config attribute, a .keras zip's config.json.
std::string readKerasConfig(const std::string &path, QByteArray *config)
{
    if (hasSuffix(path, ".keras")) {
        ZipEntries z = readKerasZip(path, false);
        *config = std::move(z.config);
        return z.error;
    }
    if (hasSuffix(path, ".h5") || hasSuffix(path, ".hdf5")) {
        const h5::File f(path);
        if (!f.ok())
            return f.error();
        std::string err;
        const auto text = h5::stringAttr(f.id(), ".", "model_config", &err);
        if (!text) {
            if (!err.empty())
                return "model_config: " + err;
            return tx(
                QT_TRANSLATE_NOOP("convlens::core", "no model_config attribute: a weights-only file; open the model's "
                                                    "code or JSON, with this file beside it as <model>.weights.h5"));
        }
        *config = QByteArray::fromStdString(*text);
        return {};
    }
    return readTextFile(path, config);
}

// The parsed config tree of a file, or nullptr (the weights readers use it only for Keras 3 keys).
std::shared_ptr<KModel> configTree(const QByteArray &config)
{
    const QJsonDocument doc = QJsonDocument::fromJson(config);
    if (!doc.isObject())
        return nullptr;
    try {
        return parseModel(modelObject(doc.object()), 0);
    } catch (const ParseError &) {
        return nullptr;
    }
}

} // namespace

// ------------------------------------------------------------------------------------------------ public
bool isKerasFile(const std::string &path, std::string_view head)
{
    if (hasSuffix(path, ".keras") || hasSuffix(path, ".h5") || hasSuffix(path, ".hdf5"))
        return true;
    if (!hasSuffix(path, ".json"))
        return false;
    const std::string_view keys[] = {"\"class_name\"", "\"modelTopology\"", "\"module\"", "\"weightsManifest\"",
                                     "\"format\": \"layers-model\""};
    for (std::string_view k : keys)
        if (head.find(k) != std::string_view::npos)
            return true;
    return false;
}

KerasWeights loadKerasWeights(const std::string &path, const ShapeReport &report)
{
    KerasWeights w;
    if (hasSuffix(path, ".keras")) {
        const ZipEntries z = readKerasZip(path, true);
        if (!z.error.empty()) {
            w.errors.push_back(path + ": " + z.error);
            return w;
        }
        const h5::File f(z.weights);
        if (!f.ok()) {
            w.errors.push_back(path + ": model.weights.h5: " + f.error());
            return w;
        }
        const auto tree = configTree(z.config);
        readH5Weights(f.id(), tree.get(), report, path + ": model.weights.h5", &w);
    } else if (hasSuffix(path, ".h5") || hasSuffix(path, ".hdf5")) {
        const h5::File f(path);
        if (!f.ok()) {
            w.errors.push_back(path + ": " + f.error());
            return w;
        }
        std::string err;
        const auto text = h5::stringAttr(f.id(), ".", "model_config", &err);
        const auto tree = text ? configTree(QByteArray::fromStdString(*text)) : nullptr;
        readH5Weights(f.id(), tree.get(), report, path, &w);
    } else {
        QByteArray json;
        if (std::string err = readKerasConfig(path, &json); !err.empty()) {
            w.errors.push_back(path + ": " + err);
            return w;
        }
        const QJsonObject root = QJsonDocument::fromJson(json).object();
        if (root.contains(QStringLiteral("weightsManifest")))
            readTfjsWeights(root, path, &w);
    }
    checkAgainst(report, path, &w);
    return w;
}

KerasWeights loadKerasWeightsFile(const std::string &weightsPath, const std::string &modelPath,
                                  const ShapeReport &report)
{
    KerasWeights w;
    const h5::File f(weightsPath);
    if (!f.ok()) {
        w.errors.push_back(weightsPath + ": " + f.error());
        return w;
    }
    std::shared_ptr<KModel> tree;
    QByteArray config;
    if (!modelPath.empty() && hasSuffix(modelPath, ".json") && readKerasConfig(modelPath, &config).empty())
        tree = configTree(config);
    readH5Weights(f.id(), tree.get(), report, weightsPath, &w);
    checkAgainst(report, weightsPath, &w);
    return w;
}

std::string kerasWeightsBeside(const std::string &modelPath)
{
    if (modelPath.empty())
        return {};
    const QFileInfo fi(qs(modelPath));
    QString base = fi.fileName();
    for (const char *ext : {".json", ".py", ".txt"})
        if (base.endsWith(QLatin1String(ext), Qt::CaseInsensitive)) {
            base.chop(int(std::strlen(ext)));
            break;
        }
    const QString w = fi.absoluteDir().filePath(base + QStringLiteral(".weights.h5"));
    return QFileInfo(w).isFile() ? w.toStdString() : std::string();
}

bool isKerasFile(const std::string &path)
{
    if (path.empty())
        return false;
    QFile file(qs(path));
    std::string head;
    if (file.open(QIODevice::ReadOnly))
        head = file.read(64).toStdString();
    return isKerasFile(path, head);
}

LoadResult loadKerasModel(const std::string &path, const LoadOptions &opts)
{
    QByteArray config;
    if (std::string err = readKerasConfig(path, &config); !err.empty())
        return LoadResult::failure(path, 0, 0, err);
    return graphFromKerasConfig(config, path, opts);
}

} // namespace convlens
