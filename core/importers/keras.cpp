// keras.cpp — what Keras code builds: layer objects of catalogue classes under any module path
// (`Conv2D`, `layers.Conv2D`, `tf.keras.layers.Conv2D`, `L.Conv2D`), Input tensors, layers called on tensors,
// the functional helpers (`concatenate`, `add`), Sequential models with `model.add`, and `Model(inputs, outputs)`.
// The graph is the last model the code built (or, for a fragment without Model(...), every layer it called),
// in call order, with the names tf.keras 2 gives (counted in construction order, as tf.keras does). Layers, tensors
// and models are host objects of the evaluator (python/host.h).
#include "importers/recorder.h"
#include "model/edit.h"
#include "model/text.h"
#include "shape/infer.h"

#include <algorithm>

namespace convlens::importers {

namespace {

using py::Kind;
using py::Expr;

// Module path segments under which a capitalised name is not a layer: optimisers, callbacks, backend and TF ops.
bool notLayerPath(const std::vector<std::string> &segs)
{
    static const std::set<std::string> other{
        "np",        "numpy",        "math",        "K",            "backend",   "nn",          "F",
        "functional", "ops",         "image",       "linalg",       "random",    "optimizers",  "losses",
        "metrics",   "callbacks",    "activations", "initializers", "regularizers", "constraints", "utils",
        "datasets",  "preprocessing", "applications", "plt",        "pyplot",    "os",          "sys",
        "cv2",       "pd",           "pandas",      "torch",        "io",        "data",        "estimator",
        "mixed_precision", "saving", "distribute",  "config",       "summary",   "train",       "signal",
        "strings",   "sparse",       "experimental", "tfa",         "hub",       "wandb",       "mlflow"};
    // keras.layers.experimental.preprocessing.Rescaling (TF 2.3–2.5) is a layer
    if (underModule(segs, {"layers"}) && findKind(Framework::Keras, segs.back()))
        return false;
    return underModule(segs, other);
}

// `add`/`concatenate` are also numpy/TF functions and list methods: only bare or under a layers module.
bool functionalPath(const std::vector<std::string> &segs)
{
    static const std::set<std::string> parents{"layers", "L", "KL", "kl", "merge", "keras"};
    return segs.size() == 1 || parents.count(segs[segs.size() - 2]) > 0;
}

// tf.keras 2's generic_utils.to_snake_case: ReflectionPadding2D → reflection_padding2d, ConvBNReLU → conv_bn_re_lu.
std::string toSnakeCase(const std::string &name)
{
    const auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
    const auto lowerOrDigit = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
    // (.)([A-Z][a-z0-9]+) → \1_\2, left to right without overlaps
    std::string a;
    for (size_t i = 0; i < name.size(); ++i) {
        if (i > 0 && upper(name[i]) && i + 1 < name.size() && lowerOrDigit(name[i + 1]) && !a.empty()) {
            a += '_';
        }
        a += name[i];
        if (i > 0 && upper(name[i]) && i + 1 < name.size() && lowerOrDigit(name[i + 1])) {
            while (i + 1 < name.size() && lowerOrDigit(name[i + 1]))
                a += name[++i];
        }
    }
    // ([a-z])([A-Z]) → \1_\2, then lower case
    std::string b;
    for (size_t i = 0; i < a.size(); ++i) {
        b += a[i];
        if (i + 1 < a.size() && a[i] >= 'a' && a[i] <= 'z' && upper(a[i + 1]))
            b += '_';
    }
    for (char &c : b)
        if (upper(c))
            c = char(c - 'A' + 'a');
    return b;
}

bool hasNone(const ParamValue &v)
{
    if (!v.isList())
        return v.isNone();
    return std::any_of(v.asList().begin(), v.asList().end(), [](const ParamValue &e) { return e.isNone(); });
}

class KerasRecorder;

// A layer object: made by `Conv2D(…)`, not yet called.
class KLayer final : public py::HostObject {
public:
    KLayer(KerasRecorder &r, int layer) : rec(r), id(layer) {}
    std::string describe() const override { return "a layer object"; }
    bool buildsOnCall() const override { return true; }
    std::optional<Value> getAttr(py::Evaluator &ev, const std::string &name, const Expr &at) override;
    std::optional<Value> call(py::Evaluator &ev, CallArgs &args, const Expr &call) override;
    std::optional<Value> callMethod(py::Evaluator &, const std::string &, py::LazyArgs &, const Expr &call) override;
    KerasRecorder &rec;
    int id;
};

// The output of a layer in a functional model.
class KTensor final : public py::HostObject {
public:
    KTensor(KerasRecorder &r, int layer) : rec(r), id(layer) {}
    std::string describe() const override { return "a tensor"; }
    std::optional<Value> getAttr(py::Evaluator &ev, const std::string &name, const Expr &at) override;
    std::optional<Value> callMethod(py::Evaluator &ev, const std::string &name, py::LazyArgs &,
                                    const Expr &call) override;
    std::optional<Value> binary(py::Evaluator &ev, const std::string &op, const Value &, bool,
                                const Expr &at) override;
    std::optional<Value> unary(py::Evaluator &ev, const std::string &, const Expr &at) override;
    std::optional<Value> getItem(py::Evaluator &ev, const Value &, const Expr &at) override;
    KerasRecorder &rec;
    int id;
};

// Sequential / Model.
class KModel final : public py::HostObject {
public:
    KModel(KerasRecorder &r, int model) : rec(r), id(model) {}
    std::string describe() const override { return "a model"; }
    bool buildsOnCall() const override { return true; }
    bool buildsOnMethod(const std::string &name) const override { return name == "add" || name == "pop"; }
    std::optional<Value> getAttr(py::Evaluator &ev, const std::string &name, const Expr &at) override;
    std::optional<Value> call(py::Evaluator &, CallArgs &, const Expr &call) override;
    std::optional<Value> callMethod(py::Evaluator &ev, const std::string &name, py::LazyArgs &args,
                                    const Expr &call) override;
    KerasRecorder &rec;
    int id;
};

// An instance of a class ConvLens does not know (`MyBlock(…)`): fine until it is called on a tensor. A custom Layer
// subclass (`placeholder` ≥ 0: the layer object that takes its name) or a Lambda (`function`) is read: calling it
// runs its call() / function on the tensors, and what that builds are its rows.
class KUnknownLayer final : public py::HostObject {
public:
    KUnknownLayer(KerasRecorder &r, std::string cls, int l, int c) : rec(r), name(std::move(cls)), line(l), column(c) {}
    std::string describe() const override { return "a " + name + " object"; }
    bool builtNothing() const override { return placeholder < 0; }
    std::optional<Value> call(py::Evaluator &ev, CallArgs &args, const Expr &call) override;
    std::optional<Value> callMethod(py::Evaluator &ev, const std::string &method, py::LazyArgs &args,
                                    const Expr &call) override;
    KerasRecorder &rec;
    std::string name;
    int line, column;
    int placeholder = -1;
    std::optional<Value> function;  // a Lambda's function
    std::optional<Value> arguments; // Lambda(arguments={...})
    bool built = false;             // build(input_shape) ran
};

// keras.Model / keras.layers.Layer as a base class.
class KClass final : public py::HostObject {
public:
    KClass(KerasRecorder &r, bool isModel) : rec(r), model(isModel) {}
    std::string describe() const override { return model ? "the Model class" : "the Layer class"; }
    bool isClass() const override { return true; }
    py::HostObject *instantiateSubclass(py::Evaluator &ev, py::InstanceObject *self, const Expr &call) override;
    KerasRecorder &rec;
    bool model;
};

class KerasRecorder final : public Recorder {
public:
    KerasRecorder(const std::string &file, const LoadOptions &opts) : Recorder(Framework::Keras, file, opts) {}

    Value layerValue(int id)
    {
        if (layerObjects_.size() <= size_t(id))
            layerObjects_.resize(size_t(id) + 1, nullptr);
        if (!layerObjects_[size_t(id)])
            layerObjects_[size_t(id)] = ev().heap().make<KLayer>(*this, id);
        return ev().hostValue(layerObjects_[size_t(id)]);
    }
    Value tensorValue(int id)
    {
        if (tensorObjects_.size() <= size_t(id))
            tensorObjects_.resize(size_t(id) + 1, nullptr);
        if (!tensorObjects_[size_t(id)])
            tensorObjects_[size_t(id)] = ev().heap().make<KTensor>(*this, id);
        return ev().hostValue(tensorObjects_[size_t(id)]);
    }
    Value modelValue(int id)
    {
        if (modelObjects_.size() <= size_t(id))
            modelObjects_.resize(size_t(id) + 1, nullptr);
        if (!modelObjects_[size_t(id)])
            modelObjects_[size_t(id)] = ev().heap().make<KModel>(*this, id);
        return ev().hostValue(modelObjects_[size_t(id)]);
    }
    Value unknownLayer(const std::string &cls, const Expr &call)
    {
        return ev().hostValue(ev().heap().make<KUnknownLayer>(*this, cls, call.line, call.column));
    }

    bool isTensor(const Value &v) const override { return containsTensor(v, 0); }

    static bool containsTensor(const Value &v, int depth)
    {
        if (dynamic_cast<const KTensor *>(v.host()))
            return true;
        if (v.isSeq() && depth < 4)
            for (const auto &e : v.items())
                if (containsTensor(e, depth + 1))
                    return true;
        if (v.is(Kind::Dict) && depth < 4)
            for (const auto &[k, x] : v.as<py::DictObject>()->entries)
                if (containsTensor(k, depth + 1) || containsTensor(x, depth + 1))
                    return true;
        return false;
    }

    Value callSymbol(py::Evaluator &, const std::string &path, CallArgs &args, const Expr &call) override
    {
        const auto segs = segments(path);
        const std::string &last = segs.back();
        if (last == "image_data_format") // the TensorFlow default; code branching on it then takes the right path
            return ev().str("channels_last");
        if (last == "int_shape" && args.positional.size() == 1)
            if (const auto *t = dynamic_cast<const KTensor *>(args.positional[0].value.host()))
                return tensorShape(t->id, call);
        if (last == "clear_session") {
            clearSession();
            return Value::none();
        }
        if (last == "image_dim_ordering")
            return ev().str("tf");
        if (std::find(segs.begin(), segs.end(), std::string("applications")) != segs.end()) {
            // keras.applications: the project's own definitions (resources/applications/keras/)
            static const std::map<std::string, const char *> files{{"VGG16", "keras/vgg16.py"},
                                                                   {"VGG19", "keras/vgg19.py"},
                                                                   {"ResNet50", "keras/resnet50.py"},
                                                                   {"MobileNetV2", "keras/mobilenet_v2.py"}};
            if (auto it = files.find(last); it != files.end())
                return callApplication(it->second, last, args, call);
        }
        if (!scopes_.empty() && hasTensor(args))
            if (auto v = tensorOp(segs, args, call))
                return *v;
        if (notLayerPath(segs))
            return opaqueCall(args, call, "");
        if (last == "Lambda" && !underModule(segs, {"np", "numpy", "torch", "nn"}))
            return makeLambda(args, call);
        if (last == "Sequential")
            return newSequential(args, call);
        if (last == "Model" || last == "Functional")
            return newFunctional(args, call, last);
        const KindDef *k = findKind(Framework::Keras, last);
        if (k) {
            const bool function = !k->functionName.empty() && last == k->functionName && last != k->className;
            if (k->op == Op::Input)
                return makeInput(args, call, function, last);
            if (function) {
                if (!functionalPath(segs))
                    return opaqueCall(args, call, "");
                return functionalCall(*k, last, args, call);
            }
            return layerValue(constructLayer(*k, last, args, call, 0, special()));
        }
        if (!last.empty() && last[0] >= 'A' && last[0] <= 'Z')
            return unknownLayer(last, call);
        return opaqueCall(args, call, "");
    }

    bool buildsLayers(const std::string &path) const override
    {
        const auto segs = segments(path);
        const std::string &last = segs.back();
        if (notLayerPath(segs))
            return false;
        return last == "Sequential" || last == "Model" || findKind(Framework::Keras, last) != nullptr;
    }

    py::HostObject *hostClass(py::Evaluator &, const std::string &path, const Expr &) override
    {
        const std::string last = lastSegment(path);
        if (last.find("Model") != std::string::npos)
            return classObject(true);
        if (last.find("Layer") != std::string::npos)
            return classObject(false);
        return nullptr;
    }

    KClass *classObject(bool model)
    {
        KClass *&c = model ? modelClass_ : layerClass_;
        if (!c)
            c = ev().heap().make<KClass>(*this, model);
        return c;
    }

    Value callLayer(int id, CallArgs &args, const Expr &call)
    {
        if (layers_[size_t(id)].kind->op == Op::Input)
            fail(call,
                 tx(QT_TRANSLATE_NOOP(
                     "convlens::core",
                     "an InputLayer object cannot be called on a tensor; use Input(shape=...) in a functional model")));
        const Arg *in = !args.positional.empty() ? &args.positional[0] : args.keyword("inputs");
        if (!in)
            fail(call,
                 tx(QT_TRANSLATE_NOOP("convlens::core", "%1 is called without an input tensor"), {describeLayer(id)}));
        const auto inputs = tensors(in->value, in->expr, call, layers_[size_t(id)].written + "(...)");
        if (layers_[size_t(id)].owner == -1) // called again: one more node with the same weights, as in Keras
            return tensorValue(cloneLayer(id, inputs, currentScope(), false));
        apply(id, inputs, call);
        return tensorValue(id);
    }

    // A model called on tensors (a model used as a layer): copies of its layers wired to `inputs`, in the scope
    // `scope` + its name. Returns the copies of its outputs.
    std::vector<int> instantiate(int mid, const std::vector<int> &inputs, const std::string &scope, const Expr &call,
                                 int depth = 0)
    {
        if (depth > 64)
            fail(call, tx(QT_TRANSLATE_NOOP("convlens::core", "models nested more than 64 deep")));
        const ModelObj m = models_[size_t(mid)];
        const std::string name = kerasModelNames()[size_t(mid)];
        const bool sequential = m.kind == ModelObj::Kind::KerasSequential;
        // a scope segment is "name:Type", the row model.summary() shows for it
        const std::string segment = name + (sequential ? ":Sequential" : ":Functional");
        const std::string path = scope.empty() ? segment : scope + "/" + segment;
        const std::string who =
            tx(QT_TRANSLATE_NOOP("convlens::core", "the model '%1' (line %2)"), {name, std::to_string(m.line)});
        if (sequential) {
            if (m.layers.empty())
                fail(call, tx(QT_TRANSLATE_NOOP("convlens::core", "%1 has no layers; it cannot be called on a tensor"),
                              {who}));
            if (inputs.size() != 1)
                fail(call, tx(QT_TRANSLATE_NOOP("convlens::core",
                                                "%1 is a Sequential model: it takes one input tensor, not %2"),
                              {who, std::to_string(inputs.size())}));
            int prev = inputs[0];
            for (const int member : m.layers) {
                if (isNestedMember(member)) {
                    const auto outs = instantiate(nestedModelOf(member), {prev}, path, call, depth + 1);
                    if (outs.size() != 1)
                        fail(call, tx(QT_TRANSLATE_NOOP("convlens::core", "%1 holds a model with %2 outputs; a layer "
                                                                          "of a Sequential model must have one output"),
                                      {who, std::to_string(outs.size())}));
                    prev = outs[0];
                } else if (customs_.count(member)) {
                    scopes_.push_back(path);
                    struct Pop {
                        std::vector<std::string> &s;
                        ~Pop() { s.pop_back(); }
                    } pop{scopes_};
                    prev = customOn(member, prev, call);
                } else if (layers_[size_t(member)].kind->op != Op::Input) {
                    prev = cloneLayer(member, {prev}, path, true);
                }
            }
            return {prev};
        }
        if (inputs.size() != m.inputs.size())
            fail(call, tx(QT_TRANSLATE_NOOP("convlens::core", "%1 takes %2 input tensor(s), got %3"),
                          {who, std::to_string(m.inputs.size()), std::to_string(inputs.size())}));
        std::map<int, int> copy; // the model's layer → its copy in this call
        for (size_t i = 0; i < inputs.size(); ++i)
            copy[m.inputs[i]] = inputs[i];
        std::vector<int> ids = functionalLayers(mid);
        std::stable_sort(ids.begin(), ids.end(),
                         [&](int a, int b) { return layers_[size_t(a)].order < layers_[size_t(b)].order; });
        for (int id : ids) {
            if (copy.count(id))
                continue;
            if (layers_[size_t(id)].kind->op == Op::Input)
                fail(call,
                     tx(QT_TRANSLATE_NOOP("convlens::core", "%1 uses the input %2, which is not one of its inputs="),
                        {who, describeLayer(id)}));
            std::vector<int> ins;
            for (int in : layers_[size_t(id)].inputs)
                ins.push_back(copy.at(in));
            copy[id] = cloneLayer(id, ins, path, true);
        }
        std::vector<int> outs;
        for (int o : m.outputs)
            outs.push_back(copy.at(o));
        return outs;
    }

    // A node that computes as layer `id` does, on other inputs (same weights).
    int cloneLayer(int id, const std::vector<int> &inputs, const std::string &scope, bool viaModel)
    {
        LayerObj c = layers_[size_t(id)];
        c.cloneOf = c.cloneOf >= 0 ? c.cloneOf : id;
        c.viaModel = viaModel || c.viaModel;
        if (!scope.empty())
            c.scope = c.scope.empty() ? scope : scope + "/" + c.scope;
        c.inputs = inputs;
        c.owner = -1;
        c.order = nextOrder_++;
        c.consumed = false;
        c.hidden = false;
        c.implicitInput = false;
        for (int in : inputs)
            layers_[size_t(in)].consumed = true;
        return newLayer(std::move(c));
    }

    Value callModel(int mid, CallArgs &args, const Expr &call)
    {
        const Arg *in = !args.positional.empty() ? &args.positional[0] : args.keyword("inputs");
        if (!in)
            fail(call, tx(QT_TRANSLATE_NOOP("convlens::core", "the model '%1' is called without an input tensor"),
                          {kerasModelNames()[size_t(mid)]}));
        const auto outs = instantiate(mid, tensors(in->value, in->expr, call, py::shortText(call)), currentScope(), call);
        if (outs.size() == 1)
            return tensorValue(outs[0]);
        std::vector<Value> values;
        for (int o : outs)
            values.push_back(tensorValue(o));
        return ev().list(std::move(values), call.line);
    }

    Value modelMethod(int mid, const std::string &method, py::LazyArgs &lazy, const Expr &call)
    {
        const bool sequential = models_[size_t(mid)].kind == ModelObj::Kind::KerasSequential;
        if (sequential && method == "add") {
            CallArgs &args = lazy.get();
            const Arg *a = !args.positional.empty() ? &args.positional[0] : args.keyword("layer");
            if (!a)
                fail(call,
                     tx(QT_TRANSLATE_NOOP("convlens::core", "Sequential.add() missing required argument 'layer'")));
            sequentialAdd(mid, a->value, a->expr ? *a->expr : call);
            return Value::none();
        }
        if (sequential && method == "build") {
            CallArgs &args = lazy.get();
            const Arg *a = !args.positional.empty() ? &args.positional[0] : args.keyword("input_shape");
            std::string why;
            auto shape = a ? toParam(a->value, nullptr, &why) : std::nullopt;
            if (!shape || !shape->isList() || shape->asList().empty()) {
                note(call.line,
                     tx(QT_TRANSLATE_NOOP("convlens::core", "skipped %1 (its input shape cannot be evaluated here)"),
                        {py::shortText(call)}));
                return Value::none();
            }
            ParamList dims(shape->asList().begin() + 1, shape->asList().end()); // without the batch dimension
            models_[size_t(mid)].buildShape = ParamValue(std::move(dims));
            models_[size_t(mid)].buildLine = call.line;
            ++buildEvents_;
            return Value::none();
        }
            if (method == "get_layer")
            return getLayer(mid, lazy.get(), call);
        if (sequential && method == "pop") {
            auto &m = models_[size_t(mid)];
            if (!m.layers.empty()) {
                if (!isNestedMember(m.layers.back()))
                    layers_[size_t(m.layers.back())].owner = -3; // removed: in no model
                m.layers.pop_back();
                ++buildEvents_;
            }
            return Value::none();
        }
        // compile, fit, summary, save, load_weights, evaluate, predict, …: arguments are not even evaluated
        return opaque(tx(QT_TRANSLATE_NOOP("convlens::core", "%1 (line %2) is not evaluated"),
                         {py::shortText(call), std::to_string(call.line)}),
                      call.line);
    }

    Graph assemble() override;

    // ---- custom layers and Lambdas: their call() runs on the tensors; what it builds are their rows

    std::string currentScope() const
    {
        std::string s;
        for (const auto &x : scopes_)
            s += (s.empty() ? "" : "/") + x;
        return s;
    }

    // The layer object that takes a custom layer's or a Lambda's name (it is never a node).
    int namePlaceholder(const std::string &cls, const std::string &autoName, int line, int column)
    {
        LayerObj o;
        o.kind = findKind(Framework::Keras, "Activation"); // any non-input kind: only its name is used
        o.written = cls;
        o.autoName = autoName;
        o.line = line;
        o.column = column;
        return newLayer(std::move(o));
    }

    // Lambda(function, output_shape=None, mask=None, arguments=None, **kwargs)
    Value makeLambda(const CallArgs &args, const Expr &call)
    {
        const Arg *fn = !args.positional.empty() ? &args.positional[0] : args.keyword("function");
        if (!fn)
            fail(call, tx(QT_TRANSLATE_NOOP("convlens::core", "Lambda() missing required argument 'function'")));
        auto *l = ev().heap().make<KUnknownLayer>(*this, std::string("Lambda"), call.line, call.column);
        l->placeholder = namePlaceholder("Lambda", "lambda", call.line, call.column);
        customs_[l->placeholder] = l;
        l->function = fn->value;
        if (const Arg *a = args.keyword("arguments"); a && a->value.is(Kind::Dict))
            l->arguments = a->value;
        if (const Arg *n = args.keyword("name"); n && n->value.is(Kind::Str))
            layers_[size_t(l->placeholder)].name = n->value.str();
        declareInputShape(l->placeholder, args);
        for (const auto &[kw, a] : args.keywords)
            if (kw != "function" && kw != "output_shape" && kw != "mask" && kw != "arguments" && kw != "name" &&
                kw != "trainable" && kw != "dtype" && kw != "input_shape")
                fail(call,
                     tx(QT_TRANSLATE_NOOP("convlens::core", "Lambda() got an unexpected keyword argument '%1'"), {kw}));
        return ev().hostValue(l);
    }

    // layer(x) for a custom layer or a Lambda: build(input_shape) once, then call(x) (the function for a Lambda),
    // with every layer it calls in the scope of its name.
    Value callCustom(KUnknownLayer &l, CallArgs &args, const Expr &call)
    {
        const std::string name = kerasDefaultNames()[size_t(l.placeholder)];
        const std::string what = l.function ? tx(QT_TRANSLATE_NOOP("convlens::core", "the Lambda '%1' (line %2)"),
                                                 {name, std::to_string(l.line)})
                                            : tx(QT_TRANSLATE_NOOP("convlens::core", "the custom layer %1 (line %2)"),
                                                 {l.name, std::to_string(l.line)});
        const Arg *in = !args.positional.empty() ? &args.positional[0] : args.keyword("inputs");
        if (!in || !isTensor(in->value))
            fail(call, tx(QT_TRANSLATE_NOOP("convlens::core", "%1 is called without an input tensor"), {what}));
        if (scopes_.size() > 32)
            fail(call, tx(QT_TRANSLATE_NOOP("convlens::core", "%1: custom layers nested more than 32 deep"), {what}));
        scopes_.push_back(name + ":" + (l.function ? std::string("Lambda") : l.name));
        struct Pop {
            std::vector<std::string> &s;
            ~Pop() { s.pop_back(); }
        } pop{scopes_};
        Value out;
        try {
            if (l.function) {
                CallArgs fnArgs;
                fnArgs.positional.push_back(*in);
                if (l.arguments)
                    for (const auto &[k, v] : l.arguments->as<py::DictObject>()->entries)
                        if (k.is(Kind::Str))
                            fnArgs.keywords.push_back({k.str(), Arg{v, nullptr}});
                out = ev().call(*l.function, fnArgs, call);
            } else {
                const auto build = ev().findAttr(l.self(), "build", call);
                if (!l.built && build && build->is(Kind::BoundMethod)) {
                    l.built = true;
                    CallArgs b;
                    b.positional.push_back(Arg{inputShapeValue(in->value, call), nullptr});
                    ev().call(*build, b, call);
                }
                const auto fn = ev().findAttr(l.self(), "call", call);
                if (!fn || !fn->is(Kind::BoundMethod))
                    fail(call, tx(QT_TRANSLATE_NOOP("convlens::core", "%1 defines no call() method"), {what}));
                out = ev().call(*fn, args, call);
            }
        } catch (const py::Failure &f) {
            throw py::Failure{f.line, f.column,
                              tx(QT_TRANSLATE_NOOP("convlens::core", "in %1: %2"), {what, f.message})};
        }
        if (!isTensor(out))
            fail(call, tx(QT_TRANSLATE_NOOP("convlens::core", "%1 is not made of operations ConvLens knows: %2"),
                          {what, whyNotValue(out)}));
        return out;
    }

    // A layer for an operation a custom layer's call() or a Lambda performs: named after the scope and the function
    // ("reflection_padding2d.pad"), taking no Keras name counter (tf.keras makes no layer of it).
    Value internalOp(const char *kind, std::map<std::string, ParamValue> params, const std::vector<int> &ins,
                     const Expr &call, const std::string &function)
    {
        LayerObj o;
        o.kind = findKind(Framework::Keras, kind);
        o.written = call.kind == py::ExprKind::Call ? py::shortText(*call.children[0]) : function;
        o.params = std::move(params);
        o.line = call.line;
        o.column = call.column;
        const std::string scope = scopes_.empty() ? std::string("op") : scopes_.back();
        const std::string base = scope.substr(0, scope.find(':')) + "." + function;
        std::string n = base;
        for (int k = 1; std::any_of(layers_.begin(), layers_.end(), [&](const LayerObj &l) { return l.name == n; }); ++k)
            n = base + "_" + std::to_string(k);
        o.name = n;
        const int id = newLayer(std::move(o));
        apply(id, ins, call);
        return tensorValue(id);
    }

    bool inCustomLayer() const { return !scopes_.empty(); }

    // x[:, a:b:s, …] inside a Lambda or call(): one getitem row per axis sliced, each on the last (the Lambda's
    // row shows them as one, as tf.keras shows the Lambda). Slices only (an integer drops an axis: not read yet);
    // one `...` stands for the axes not written.
    Value sliceTensor(int id, const Value &index, const Expr &at)
    {
        const Value idx = ev().plain(index);
        std::vector<Value> parts = idx.is(Kind::Tuple) ? idx.items() : std::vector<Value>{idx};
        const std::string where = " " + tx(QT_TRANSLATE_NOOP("convlens::core", "(line %1)"), {std::to_string(at.line)});
        std::string why;
        const auto shape = outputShape(id, &why);
        if (!shape)
            return opaque(tx(QT_TRANSLATE_NOOP("convlens::core", "`%1` slices a tensor whose shape is not known: %2%3"),
                             {py::shortText(at), why, where}),
                          at.line);
        const auto isEllipsis = [&](const Value &v) {
            const Value p = ev().plain(v);
            return p.is(Kind::Symbol) && p.as<py::SymbolObject>()->path == "Ellipsis";
        };
        if (const auto e = std::find_if(parts.begin(), parts.end(), isEllipsis); e != parts.end()) {
            if (std::find_if(e + 1, parts.end(), isEllipsis) != parts.end())
                return opaque(
                    tx(QT_TRANSLATE_NOOP("convlens::core", "`%1`: an index can only have a single ellipsis ('...')%2"),
                       {py::shortText(at), where}),
                    at.line);
            const size_t written = parts.size() - 1, rank = shape->size() + 1;
            const size_t fill = rank > written ? rank - written : 0;
            const Value whole(ev().heap().make<py::SliceObject>(Value(), Value(), Value())); // `:`
            const auto pos = parts.erase(e);
            parts.insert(pos, fill, whole);
        }
        if (parts.size() > shape->size() + 1)
            return opaque(
                tx(QT_TRANSLATE_NOOP("convlens::core", "`%1` has %2 indices for a tensor of rank %3%4"),
                   {py::shortText(at), std::to_string(parts.size()), std::to_string(shape->size() + 1), where}),
                at.line);
        Value out = tensorValue(id);
        for (size_t axis = 0; axis < parts.size(); ++axis) {
            const Value p = ev().plain(parts[axis]);
            if (!p.is(Kind::Slice))
                return opaque(
                    tx(QT_TRANSLATE_NOOP("convlens::core", "`%1` indexes a tensor with %2, which ConvLens does not "
                                                           "read yet (only slices a:b:s, one per axis)%3"),
                       {py::shortText(at), ev().repr(p), where}),
                    at.line);
            auto *sl = p.as<py::SliceObject>();
            std::map<std::string, ParamValue> params{{"dim", ParamValue(std::int64_t(axis))}};
            bool whole = true;
            for (const auto &[key, bound] : {std::pair<const char *, const Value *>{"start", &sl->lower},
                                            {"stop", &sl->upper}, {"step", &sl->step}}) {
                const Value q = ev().plain(*bound);
                if (q.isNone())
                    continue;
                if (!q.is(Kind::Int) && !q.is(Kind::Bool))
                    return opaque(
                        tx(QT_TRANSLATE_NOOP("convlens::core", "`%1`: slice indices must be integers or None%2"),
                           {py::shortText(at), where}),
                        at.line);
                params[key] = ParamValue(q.intOf());
                whole = false;
            }
            if (whole)
                continue;
            if (axis == 0)
                return opaque(
                    tx(QT_TRANSLATE_NOOP("convlens::core", "`%1` slices the batch axis; ConvLens models one sample%2"),
                       {py::shortText(at), where}),
                    at.line);
            const auto *t = dynamic_cast<const KTensor *>(out.host());
            out = internalOp("getitem", std::move(params), {t->id}, at, "getitem");
        }
        return out;
    }

    // input_shape= / batch_input_shape= given to a custom layer or a Lambda (the first layer of a Sequential).
    void declareInputShape(int placeholder, const CallArgs &args)
    {
        for (const char *kw : {"input_shape", "batch_input_shape", "input_dim"})
            if (const Arg *a = args.keyword(kw))
                baseKeyword(kw, *a, layers_[size_t(placeholder)]);
    }

    // A custom layer or Lambda of a Sequential called on its input; the one tensor it gives.
    int customOn(int placeholder, int input, const Expr &site)
    {
        KUnknownLayer &l = *customs_.at(placeholder);
        layers_[size_t(input)].owner = -1; // its output is now read as a tensor
        CallArgs a;
        a.positional.push_back(Arg{tensorValue(input), nullptr});
        const Value out = callCustom(l, a, site);
        const auto *t = dynamic_cast<const KTensor *>(out.host());
        if (!t)
            fail(l.line, l.column,
                 tx(QT_TRANSLATE_NOOP("convlens::core",
                                      "a layer of a Sequential model must give one tensor; %1 (line %2) gives %3"),
                    {l.name, std::to_string(l.line), whyNotValue(out)}));
        return t->id;
    }

    std::map<int, KUnknownLayer *> customs_; // placeholder layer → the custom layer or Lambda it names

    // The input_shape build() receives: (None, H, W, C), or a list of them.
    Value inputShapeValue(const Value &v, const Expr &at)
    {
        if (const auto *t = dynamic_cast<const KTensor *>(v.host()))
            return tensorShape(t->id, at);
        std::vector<Value> shapes;
        for (const auto &x : v.items())
            shapes.push_back(inputShapeValue(x, at));
        return ev().list(std::move(shapes), at.line);
    }

    // A TensorFlow / backend function on tensors inside a custom layer's call() or a Lambda, when it is one of the
    // operations ConvLens has a layer for. nullopt: not one (the caller makes it an unknown value saying why).
    std::optional<Value> tensorOp(const std::vector<std::string> &segs, CallArgs &args, const Expr &call)
    {
        const std::string &f = segs.back();
        const auto arg = [&](size_t pos, const char *kw) -> const Arg * {
            if (pos < args.positional.size())
                return &args.positional[pos];
            return args.keyword(kw);
        };
        const Arg *x = arg(0, f == "concat" || f == "concatenate" ? "values" : "x");
        if (!x && (f == "concat" || f == "concatenate"))
            x = args.keyword("tensors");
        if (!x)
            x = args.keyword("images");
        if (!x)
            x = args.keyword("input"); // tf.nn.depth_to_space(input, block_size)
        if (!x)
            x = args.keyword("features");
        if (!x)
            return std::nullopt;
        const auto op = [&](const char *kind, std::map<std::string, ParamValue> params, const Value &inputs) {
            return internalOp(kind, std::move(params), tensors(inputs, x->expr, call, py::shortText(call)), call, f);
        };
        // tf.*, tf.nn.*, tf.math.*, tf.image.*, K.* / keras.backend.*, keras.ops.*, keras.activations.* (not the
        // functional layers: layers.add, layers.concatenate are layers with names of their own)
        const bool backend =
            underModule(segs, {"K", "backend", "ops", "tf", "tensorflow", "math", "nn", "linalg", "image", "activations"}) &&
            !underModule(segs, {"layers"});
        static const std::set<std::string> activations{"relu",  "relu6",    "sigmoid", "tanh", "softmax", "elu",
                                                       "selu",  "softplus", "softsign", "swish", "silu",   "gelu",
                                                       "hard_sigmoid", "exponential"};
        const std::string act = f == "silu" ? "swish" : f;
        if (activations.count(f) && backend) {
            if (f == "softmax") {
                const Arg *axis = arg(1, "axis");
                if (axis && !(axis->value.is(Kind::Int) && axis->value.asInt() == -1))
                    return std::nullopt;
            }
            return op("Activation", {{"activation", ParamValue(act)}}, x->value);
        }
        if (f == "leaky_relu" && backend) {
            const Arg *alpha = arg(1, "alpha");
            double a = 0.2; // tf.nn.leaky_relu's default (Keras 3 ops: negative_slope=0.2)
            if (!alpha)
                alpha = args.keyword("negative_slope");
            if (alpha && alpha->value.isNumber())
                a = alpha->value.numberOf();
            else if (alpha)
                return std::nullopt;
            return op("LeakyReLU", {{"alpha", ParamValue(a)}}, x->value);
        }
        if (f == "concat" || (f == "concatenate" && backend)) {
            const Arg *axis = arg(1, "axis");
            const std::int64_t a = axis && axis->value.is(Kind::Int) ? axis->value.asInt() : -1;
            if (axis && !axis->value.is(Kind::Int))
                return std::nullopt;
            if (f == "concat" && !axis)
                return std::nullopt; // tf.concat needs its axis
            return op("Concatenate", {{"axis", ParamValue(a)}}, x->value);
        }
        if (f == "add" && backend) { // tf.add, tf.math.add, keras.ops.add (layers.add is the Add layer)
            const Arg *y = arg(1, "y");
            if (!y || !isTensor(y->value))
                return std::nullopt;
            return op("Add", {}, ev().list({x->value, y->value}, call.line));
        }
        // tf.multiply, tf.math.subtract, K.maximum, keras.ops.minimum: the merge layers (layers.multiply is the
        // Multiply layer itself)
        static const std::map<std::string, const char *> merges{
            {"multiply", "Multiply"}, {"subtract", "Subtract"}, {"maximum", "Maximum"}, {"minimum", "Minimum"}};
        if (auto m = merges.find(f); m != merges.end() && backend) {
            const Arg *y = arg(1, "y");
            if (!y || !isTensor(y->value))
                return std::nullopt;
            return op(m->second, {}, ev().list({x->value, y->value}, call.line));
        }
        if ((f == "abs" || f == "square" || f == "sqrt") && backend) // tf.abs, K.square, tf.math.sqrt
            return op(f.c_str(), {}, x->value);
        // tf.reduce_mean(x, axis, keepdims), K.mean(x, axis, keepdims), keras.ops.max(…): over named axes only
        static const std::map<std::string, const char *> reductions{
            {"reduce_mean", "reduce_mean"}, {"mean", "reduce_mean"}, {"reduce_sum", "reduce_sum"},
            {"sum", "reduce_sum"},          {"reduce_max", "reduce_max"}, {"max", "reduce_max"},
            {"reduce_min", "reduce_min"},   {"min", "reduce_min"}};
        if (auto r = reductions.find(f); r != reductions.end() && backend) {
            const Arg *axis = arg(1, "axis"), *keep = arg(2, "keepdims");
            std::string why;
            const auto a = axis ? toParam(axis->value, nullptr, &why) : std::nullopt;
            if (!a || !(a->isInt() || (a->intList() && !a->intList()->empty())))
                return std::nullopt; // no axis: the batch too
            if (keep && !keep->value.is(Kind::Bool))
                return std::nullopt;
            return op(r->second, {{"axis", *a}, {"keepdims", ParamValue(keep && keep->value.asBool())}}, x->value);
        }
        // tf.math.l2_normalize(x, axis=None, epsilon=1e-12), tf.nn / tf.linalg's, K.l2_normalize(x, axis=None)
        if (f == "l2_normalize" && backend) {
            const Arg *axis = arg(1, "axis"), *eps = arg(2, "epsilon");
            std::string why;
            const auto a = axis ? toParam(axis->value, nullptr, &why) : std::nullopt;
            if (!a || !(a->isInt() || (a->intList() && !a->intList()->empty())))
                return std::nullopt; // no axis: the batch too
            if (eps && !eps->value.isNumber())
                return std::nullopt;
            const ParamValue axes = a->isInt() ? ParamValue::ints({a->asInt()}) : *a;
            return op("l2_normalize", {{"axis", axes}, {"epsilon", ParamValue(eps ? eps->value.numberOf() : 1e-12)}},
                      x->value);
        }
        if (f == "depth_to_space" && backend) { // tf.nn.depth_to_space(input, block_size, data_format="NHWC")
            const Arg *r = arg(1, "block_size"), *fmt = arg(2, "data_format");
            if (!r || !r->value.is(Kind::Int) || (fmt && !(fmt->value.is(Kind::Str) && fmt->value.str() == "NHWC")))
                return std::nullopt;
            return op("depth_to_space", {{"block_size", ParamValue(r->value.asInt())}}, x->value);
        }
        if (f == "resize" && underModule(segs, {"image"})) { // tf.image.resize(images, size, method="bilinear")
            const Arg *size = arg(1, "size");
            const Arg *method = arg(2, "method");
            std::string why;
            const auto sz = size ? toParam(size->value, nullptr, &why) : std::nullopt;
            const auto hw = sz ? sz->intList() : std::nullopt;
            std::string m = "bilinear";
            if (method && method->value.is(Kind::Str))
                m = method->value.str();
            else if (method)
                return std::nullopt;
            if (!hw || hw->size() != 2 || args.keyword("preserve_aspect_ratio") || args.keyword("antialias"))
                return std::nullopt;
            return op("Resizing", {{"height", ParamValue((*hw)[0])}, {"width", ParamValue((*hw)[1])},
                                   {"interpolation", ParamValue(m)}},
                      x->value);
        }
        if (f == "resize_images") { // K.resize_images(x, height_factor, width_factor, data_format, interpolation)
            const Arg *h = arg(1, "height_factor"), *w = arg(2, "width_factor");
            const Arg *fmt = arg(3, "data_format"), *interp = arg(4, "interpolation");
            if (!h || !w || !h->value.is(Kind::Int) || !w->value.is(Kind::Int) ||
                (fmt && !(fmt->value.is(Kind::Str) && fmt->value.str() == "channels_last")))
                return std::nullopt;
            std::string m = "nearest";
            if (interp && interp->value.is(Kind::Str))
                m = interp->value.str();
            return op("UpSampling2D",
                      {{"size", ParamValue::ints({h->value.asInt(), w->value.asInt()})}, {"interpolation", ParamValue(m)}},
                      x->value);
        }
        if (f == "pad" && backend) { // tf.pad(tensor, paddings, mode="CONSTANT", constant_values=0)
            const Arg *pads = arg(1, "paddings"), *mode = arg(2, "mode"), *value = arg(3, "constant_values");
            std::string why;
            const auto p = pads ? toParam(pads->value, nullptr, &why) : std::nullopt;
            if (!p || !p->isList() || p->asList().size() != 4)
                return std::nullopt;
            std::vector<std::vector<std::int64_t>> rows;
            for (const auto &r : p->asList()) {
                const auto ints = r.intList();
                if (!ints || ints->size() != 2)
                    return std::nullopt;
                rows.push_back(*ints);
            }
            if (rows[0][0] || rows[0][1] || rows[3][0] || rows[3][1])
                return std::nullopt; // only the spatial axes
            std::string m = mode && mode->value.is(Kind::Str) ? mode->value.str() : "CONSTANT";
            for (char &c : m)
                if (c >= 'a' && c <= 'z')
                    c = char(c - 'a' + 'A');
            const bool zero = !value || (value->value.isNumber() && value->value.numberOf() == 0.0);
            const ParamValue spec(ParamList{ParamValue::ints({rows[1][0], rows[1][1]}),
                                            ParamValue::ints({rows[2][0], rows[2][1]})});
            if (m == "CONSTANT" && zero)
                return op("ZeroPadding2D", {{"padding", spec}}, x->value);
            if (m == "REFLECT")
                return op("ReflectionPadding2D", {{"padding", spec}}, x->value);
            return std::nullopt;
        }
        return std::nullopt;
    }

    // ---- shapes while the code runs (x.shape, K.int_shape(x), model.output_shape): the engine on what is built

    // The functional graph built so far (every layer called on a tensor, in call order), named as tf.keras names.
    Graph functionalSoFar() const
    {
        const auto names = kerasDefaultNames();
        std::vector<int> ids;
        // a model's own layers give way to their first copy (same name) once the model is called on a tensor
        std::vector<char> copied(layers_.size(), 0);
        for (const auto &o : layers_)
            if (o.cloneOf >= 0 && o.viaModel)
                copied[size_t(o.cloneOf)] = 1;
        for (size_t i = 0; i < layers_.size(); ++i)
            if (layers_[i].owner == -1 && !copied[i])
                ids.push_back(int(i));
        std::stable_sort(ids.begin(), ids.end(),
                         [&](int a, int b) { return layers_[size_t(a)].order < layers_[size_t(b)].order; });
        Graph g;
        g.framework = Framework::Keras;
        for (int id : ids)
            g.layers.push_back(toLayer(id, names));
        return g;
    }

    Layer toLayer(int id, const std::vector<std::string> &names) const
    {
        const LayerObj &o = layers_[size_t(id)];
        Layer l;
        l.name = names[size_t(id)];
        l.type = o.kind->className;
        l.params = o.params;
        for (int in : o.inputs)
            l.inputs.push_back(names[size_t(in)]);
        l.implicitInput = o.implicitInput;
        l.line = o.line;
        return l;
    }

    // A layer's output shape (without the batch), or why it is not known.
    std::optional<Shape> outputShape(int id, std::string *why)
    {
        if (layers_[size_t(id)].owner != -1) {
            *why = describeLayer(id) + " was not called on a tensor";
            return std::nullopt;
        }
        if (!report_ || reportEvents_ != buildEvents_) {
            report_ = infer(functionalSoFar());
            reportEvents_ = buildEvents_;
        }
        const std::string name = kerasDefaultNames()[size_t(id)];
        const int row = report_->indexOf(name);
        if (row < 0 || !report_->layers[size_t(row)].ok()) {
            *why = row < 0 ? describeLayer(id) + " has no shape"
                           : "the layer '" + name + "' is refused: " + report_->layers[size_t(row)].error;
            return std::nullopt;
        }
        return *report_->layers[size_t(row)].output;
    }

    // (None, H, W, C), as tf.keras prints a shape.
    Value shapeTuple(const Shape &s, int line)
    {
        std::vector<Value> items{Value::none()};
        for (auto d : s)
            items.push_back(Value::integer(d));
        return ev().tuple(std::move(items), line);
    }

    Value tensorShape(int id, const Expr &at)
    {
        std::string why;
        if (const auto s = outputShape(id, &why))
            return shapeTuple(*s, at.line);
        return opaque(tx(QT_TRANSLATE_NOOP("convlens::core", "`%1` (line %2): %3"),
                         {py::shortText(at), std::to_string(at.line), why}),
                      at.line);
    }

    // A Sequential's layers as a chain on its input (what assemble() does for the chosen model), for the shapes of
    // a model that is still being built.
    std::optional<Shape> sequentialOutputShape(int mid, std::string *why)
    {
        const ModelObj &m = models_[size_t(mid)];
        if (m.layers.empty()) {
            *why = "the Sequential model has no layers yet";
            return std::nullopt;
        }
        const auto names = kerasDefaultNames();
        Graph g;
        g.framework = Framework::Keras;
        const LayerObj &first = layers_[size_t(m.layers[0])];
        if (first.kind->op != Op::Input) {
            const std::optional<ParamValue> shape = m.buildShape ? m.buildShape : first.declaredInputShape;
            if (!shape) {
                *why = "the Sequential model has no input shape yet";
                return std::nullopt;
            }
            Layer in;
            in.name = "input";
            in.type = "InputLayer";
            in.params["shape"] = *shape;
            g.layers.push_back(std::move(in));
        }
        for (int id : m.layers) {
            if (isNestedMember(id)) {
                *why = "the Sequential model holds a nested model";
                return std::nullopt;
            }
            Layer l = toLayer(id, names);
            l.inputs.clear();
            if (!g.layers.empty())
                l.inputs = {g.layers.back().name};
            g.layers.push_back(std::move(l));
        }
        if (!validateAndOrder(g).empty()) {
            *why = "the Sequential model is not complete";
            return std::nullopt;
        }
        const ShapeReport rep = infer(g);
        const LayerReport &last = rep.layers.back();
        if (!last.ok()) {
            *why = "the model does not resolve: " + (last.error.empty() ? std::string("a layer is refused") : last.error);
            return std::nullopt;
        }
        return *last.output;
    }

    Value modelAttr(int mid, const std::string &name, const Expr &at)
    {
        const ModelObj &m = models_[size_t(mid)];
        const bool functional = m.kind == ModelObj::Kind::KerasFunctional;
        const auto tensorsOf = [&](const std::vector<int> &ids) {
            std::vector<Value> out;
            for (int t : ids)
                out.push_back(tensorValue(t));
            return out;
        };
        if (name == "layers") { // what the code may loop over to freeze or inspect (`for layer in model.layers:`)
            std::vector<Value> out;
            for (int l : functional ? functionalLayers(mid) : m.layers)
                out.push_back(isNestedMember(l) ? modelValue(nestedModelOf(l)) : layerValue(l));
            return ev().list(std::move(out), at.line);
        }
        if (name == "name")
            return ev().str(kerasModelNames()[size_t(mid)]);
        if (functional && (name == "output" || name == "input"))
            return (name == "output" ? m.outputs : m.inputs).size() == 1 ? tensorValue((name == "output" ? m.outputs : m.inputs)[0])
                                                                           : ev().list(tensorsOf(name == "output" ? m.outputs : m.inputs), at.line);
        if (functional && (name == "outputs" || name == "inputs"))
            return ev().list(tensorsOf(name == "outputs" ? m.outputs : m.inputs), at.line);
        if (name == "output_shape" || name == "input_shape") {
            std::string why;
            if (functional) {
                const auto &ids = name == "output_shape" ? m.outputs : m.inputs;
                if (ids.size() == 1)
                    return tensorShape(ids[0], at);
                std::vector<Value> shapes;
                for (int t : ids)
                    shapes.push_back(tensorShape(t, at));
                return ev().list(std::move(shapes), at.line);
            }
            if (name == "output_shape")
                if (const auto s = sequentialOutputShape(mid, &why))
                    return shapeTuple(*s, at.line);
            if (name == "input_shape" && !m.layers.empty() && layers_[size_t(m.layers[0])].declaredInputShape)
                return shapeTuple(*layers_[size_t(m.layers[0])].declaredInputShape->intList(), at.line);
            return opaque(tx(QT_TRANSLATE_NOOP("convlens::core", "`%1` (line %2): %3"),
                             {py::shortText(at), std::to_string(at.line), why}),
                          at.line);
        }
        return Value(static_cast<py::Object *>(ev().heap().make<py::HostMethodObject>(modelValue(mid), name)));
    }

    // A functional model's layers in tf.keras 2's order (functional.py _map_graph_network, which model.summary()
    // and model.layers follow): by depth from the outputs, deepest first, and at equal depth in the order a
    // depth-first walk from the outputs first meets them. Inputs the outputs do not use come last, at depth 0.
    std::vector<int> kerasLayerOrder(const ModelObj &m, const std::vector<int> &members) const
    {
        // A nested model is one node of that walk, as Keras sees it (every call of it, all its layers); its layers
        // follow in call order. Nodes are keyed by their first layer.
        std::map<std::string, int> groupFirst;
        for (int id : members)
            if (const std::string &s = layers_[size_t(id)].scope; !s.empty()) {
                auto [it, added] = groupFirst.emplace(s.substr(0, s.find('/')), id);
                if (!added && layers_[size_t(id)].order < layers_[size_t(it->second)].order)
                    it->second = id;
            }
        const auto key = [&](int id) {
            const std::string &s = layers_[size_t(id)].scope;
            return s.empty() ? id : groupFirst.at(s.substr(0, s.find('/')));
        };
        std::vector<int> sorted = members;
        std::stable_sort(sorted.begin(), sorted.end(),
                         [&](int a, int b) { return layers_[size_t(a)].order < layers_[size_t(b)].order; });
        std::map<int, std::vector<int>> nodeMembers, nodeInputs;
        for (int id : sorted) {
            const int k = key(id);
            nodeMembers[k].push_back(id);
            for (int in : layers_[size_t(id)].inputs) {
                const int ki = key(in);
                auto &list = nodeInputs[k];
                if (ki != k && std::find(list.begin(), list.end(), ki) == list.end())
                    list.push_back(ki);
            }
        }
        std::map<int, int> index;       // node → first visit in the walk
        std::vector<int> postOrder;     // nodes, inputs before consumers
        std::set<int> finished;
        std::function<void(int, int)> walk = [&](int id, int depth) {
            if (finished.count(id) || depth > 100000)
                return;
            index.emplace(id, int(index.size()));
            for (int in : nodeInputs[id])
                walk(in, depth + 1);
            finished.insert(id);
            postOrder.push_back(id);
        };
        for (int o : m.outputs)
            walk(key(o), 0);
        std::map<int, int> depth;
        for (auto it = postOrder.rbegin(); it != postOrder.rend(); ++it) {
            const int d = depth.emplace(*it, 0).first->second;
            for (int in : nodeInputs[*it])
                depth[in] = std::max(depth.count(in) ? depth[in] : 0, d + 1);
        }
        for (int in : m.inputs)
            if (!depth.count(key(in))) {
                depth[key(in)] = 0;
                index[key(in)] = -1;
            }
        std::vector<int> nodes;
        for (const auto &[id, d] : depth)
            nodes.push_back(id);
        std::stable_sort(nodes.begin(), nodes.end(), [&](int a, int b) {
            if (depth.at(a) != depth.at(b))
                return depth.at(a) > depth.at(b);
            return index.at(a) < index.at(b);
        });
        std::vector<int> ids;
        for (int n : nodes)
            for (int id : nodeMembers[n])
                ids.push_back(id);
        return ids;
    }

    // The layers of a functional model: what its outputs depend on, back to its inputs.
    std::vector<int> functionalLayers(int mid) const
    {
        const ModelObj &m = models_[size_t(mid)];
        std::vector<char> needed(layers_.size(), 0);
        std::vector<int> stack = m.outputs;
        while (!stack.empty()) {
            const int id = stack.back();
            stack.pop_back();
            if (needed[size_t(id)])
                continue;
            needed[size_t(id)] = 1;
            for (int in : layers_[size_t(id)].inputs)
                stack.push_back(in);
        }
        std::vector<int> out;
        for (size_t i = 0; i < layers_.size(); ++i)
            if (needed[i])
                out.push_back(int(i));
        return out;
    }

    Value getLayer(int mid, CallArgs &args, const Expr &call)
    {
        const Arg *n = !args.positional.empty() ? &args.positional[0] : args.keyword("name");
        const Arg *index = args.keyword("index");
        const ModelObj &m = models_[size_t(mid)];
        const std::vector<int> ids =
            m.kind == ModelObj::Kind::KerasFunctional ? functionalLayers(mid) : m.layers;
        if (index && index->value.is(Kind::Int)) {
            const auto i = index->value.asInt();
            if (i >= 0 && size_t(i) < ids.size())
                return isNestedMember(ids[size_t(i)]) ? modelValue(nestedModelOf(ids[size_t(i)]))
                                                      : layerValue(ids[size_t(i)]);
        }
        if (n && n->value.is(Kind::Str)) {
            const auto names = kerasDefaultNames();
            const auto modelNames = kerasModelNames();
            for (int id : ids)
                if (isNestedMember(id) ? modelNames[size_t(nestedModelOf(id))] == n->value.str()
                                       : names[size_t(id)] == n->value.str())
                    return isNestedMember(id) ? modelValue(nestedModelOf(id)) : layerValue(id);
            fail(call, tx(QT_TRANSLATE_NOOP("convlens::core", "No such layer: %1 (%2, line %3)"),
                          {n->value.str(), py::shortText(call), std::to_string(call.line)}));
        }
        return opaque(tx(QT_TRANSLATE_NOOP("convlens::core", "%1 (line %2) could not be evaluated"),
                         {py::shortText(call), std::to_string(call.line)}),
                      call.line);
    }

    // keras.backend.clear_session(): every name counter starts again.
    void clearSession()
    {
        ++session_;
        ++buildEvents_;
    }

private:
    std::optional<ShapeReport> report_;
    long reportEvents_ = -1;
    SpecialKeyword special()
    {
        return [this](const std::string &kw, const Arg &arg, LayerObj &obj) {
            return baseKeyword(kw, arg, obj);
        };
    }

    // Keywords every Keras layer takes (base Layer.__init__), not listed per kind in the catalogue.
    bool baseKeyword(const std::string &kw, const Arg &arg, LayerObj &obj)
    {
        const std::string argText = arg.expr ? py::shortText(*arg.expr) : std::string("…");
        if (kw == "name") {
            if (arg.value.is(Kind::Str))
                obj.name = arg.value.str();
            else if (!arg.value.isNone())
                note(obj.line,
                     tx(QT_TRANSLATE_NOOP("convlens::core", "could not evaluate name=%1 (%2); using the default name"),
                        {argText, whyNotValue(arg.value)}));
            return true;
        }
        if (kw == "input_shape" || kw == "batch_input_shape" || kw == "input_dim") {
            std::string why;
            auto v = toParam(arg.value, nullptr, &why);
            if (v && kw == "input_dim") {
                if (v->isInt())
                    v = ParamValue(ParamList{*v});
                else
                    v.reset(), why = "expected an int, got " + toParamText(arg.value);
            } else if (v && kw == "batch_input_shape") {
                if (v->isList() && !v->asList().empty())
                    v = ParamValue(ParamList(v->asList().begin() + 1, v->asList().end()));
                else
                    v.reset(), why = "expected a tuple with the batch dimension first";
            }
            if (!v)
                obj.declaredInputShapeError = obj.written + "(" + kw + "=" + argText + "): " + why;
            else
                obj.declaredInputShape = std::move(v);
            return true;
        }
        if (kw == "negative_slope" && obj.kind->className == "LeakyReLU") { // Keras 3's name for alpha
            std::string why;
            if (auto v = toParam(arg.value, nullptr, &why))
                obj.params["alpha"] = std::move(*v);
            return true;
        }
        static const std::set<std::string> ignoredBase{"trainable", "dtype",      "weights",     "dynamic",
                                                       "autocast",  "batch_size", "input_length"};
        return ignoredBase.count(kw) > 0;
    }

    std::string toParamText(const Value &v) const
    {
        std::string why;
        auto p = toParam(v, nullptr, &why);
        return p ? p->toPython() : why;
    }

    // Input(shape=None, batch_size=None, name=None, dtype=None, sparse=None, tensor=None, ragged=None, type_spec=None)
    // InputLayer(input_shape=None, batch_size=None, dtype=None, input_tensor=None, sparse=None, name=None, …);
    // both also take the other spellings (shape, batch_shape, batch_input_shape) by keyword.
    Value makeInput(const CallArgs &args, const Expr &call, bool function, const std::string &written)
    {
        static const std::vector<std::string> fnPos{"shape",  "batch_size", "name",   "dtype",
                                                    "sparse", "tensor",     "ragged", "type_spec"};
        static const std::vector<std::string> layerPos{"input_shape", "batch_size", "dtype",  "input_tensor",
                                                       "sparse",      "name",       "ragged", "type_spec"};
        const auto &pos = function ? fnPos : layerPos;
        const std::string cls = written + "()";
        if (!args.unresolved.empty())
            fail(call,
                 tx(QT_TRANSLATE_NOOP("convlens::core", "%1(...): cannot expand %2"), {written, args.unresolved}));
        if (args.positional.size() > pos.size())
            fail(call, tx(QT_TRANSLATE_NOOP("convlens::core", "%1 takes at most %2 positional arguments%3, got %4"),
                          {cls, std::to_string(pos.size()), "", std::to_string(args.positional.size())}));
        std::map<std::string, const Arg *> given;
        for (size_t i = 0; i < args.positional.size(); ++i)
            given[pos[i]] = &args.positional[i];
        for (const auto &[kw, a] : args.keywords) {
            const bool known = std::find(fnPos.begin(), fnPos.end(), kw) != fnPos.end() ||
                               std::find(layerPos.begin(), layerPos.end(), kw) != layerPos.end() ||
                               kw == "batch_shape" || kw == "batch_input_shape" || kw == "input_shape" ||
                               kw == "shape";
            if (!known)
                fail(call, tx(QT_TRANSLATE_NOOP("convlens::core", "%1 got an unexpected keyword argument '%2'%3"),
                              {cls, kw, ""}));
            if (given.count(kw))
                fail(call,
                     tx(QT_TRANSLATE_NOOP("convlens::core", "%1 got multiple values for argument '%2'"), {cls, kw}));
            given[kw] = &a;
        }
        LayerObj obj;
        obj.kind = findKind(Framework::Keras, "InputLayer");
        obj.written = written;
        obj.line = call.line;
        obj.column = call.column;
        if (auto it = given.find("name"); it != given.end()) {
            if (it->second->value.is(Kind::Str))
                obj.name = it->second->value.str();
            else if (!it->second->value.isNone())
                note(call.line,
                     tx(QT_TRANSLATE_NOOP("convlens::core", "could not evaluate name=%1; using the default name"),
                        {py::shortText(*it->second->expr)}));
        }
        const Arg *shape = nullptr;
        std::string shapeKw;
        bool batchFirst = false;
        for (const char *kw : {"shape", "input_shape", "batch_shape", "batch_input_shape"}) {
            auto it = given.find(kw);
            if (it == given.end() || it->second->value.isNone())
                continue;
            shape = it->second;
            shapeKw = kw;
            batchFirst = shapeKw.rfind("batch", 0) == 0;
            break;
        }
        if (!shape) {
            obj.shapeError = cls + " has no shape";
        } else {
            std::string why;
            auto v = toParam(shape->value, nullptr, &why);
            if (v && batchFirst) {
                if (v->isList() && !v->asList().empty())
                    v = ParamValue(ParamList(v->asList().begin() + 1, v->asList().end()));
                else
                    v.reset(), why = "expected a tuple with the batch dimension first";
            }
            if (!v)
                obj.shapeError = written + "(" + shapeKw + "=" + py::shortText(*shape->expr) + "): " + why;
            else
                obj.params["shape"] = std::move(*v);
        }
        const int id = newLayer(std::move(obj));
        if (!function)
            return layerValue(id);
        apply(id, {}, call);
        return tensorValue(id);
    }

    // concatenate(inputs, axis=-1, **kwargs), add(inputs, **kwargs): a layer called at once.
    Value functionalCall(const KindDef &k, const std::string &written, const CallArgs &args, const Expr &call)
    {
        const Arg *in = !args.positional.empty() ? &args.positional[0] : args.keyword("inputs");
        if (!in)
            fail(call, tx(QT_TRANSLATE_NOOP("convlens::core", "%1() missing required argument 'inputs'"), {written}));
        CallArgs rest = args;
        size_t skip = 1;
        if (args.positional.empty()) {
            skip = 0;
            rest.keywords.erase(std::remove_if(rest.keywords.begin(), rest.keywords.end(),
                                               [](const auto &kw) { return kw.first == "inputs"; }),
                                rest.keywords.end());
        }
        const auto inputs = tensors(in->value, in->expr, call, written + "(...)");
        const int id = constructLayer(k, written, rest, call, skip, special());
        apply(id, inputs, call);
        return tensorValue(id);
    }

    std::vector<int> tensors(const Value &v, const Expr *e, const Expr &call, const std::string &who)
    {
        const std::string what = e ? py::shortText(*e) : tx(QT_TRANSLATE_NOOP("convlens::core", "its input"));
        if (const auto *t = dynamic_cast<const KTensor *>(v.host()))
            return {t->id};
        if (v.isSeq()) {
            std::vector<int> ids;
            for (const auto &x : v.items()) {
                const auto *t = dynamic_cast<const KTensor *>(x.host());
                if (!t)
                    fail(call,
                         tx(QT_TRANSLATE_NOOP("convlens::core",
                                              "%1 is applied to %2, which holds something that is not a tensor: %3"),
                            {who, what, whyNotValue(x)}));
                ids.push_back(t->id);
            }
            return ids;
        }
        if (dynamic_cast<const KLayer *>(v.host()))
            fail(call, tx(QT_TRANSLATE_NOOP("convlens::core",
                                            "%1 is applied to %2, a layer object that was never called on a tensor"),
                          {who, what}));
        fail(call, tx(QT_TRANSLATE_NOOP("convlens::core", "%1 is applied to %2, which is not a tensor: %3"),
                      {who, what, whyNotValue(v)}));
    }

    void apply(int id, const std::vector<int> &inputs, const Expr &call)
    {
        if (layers_[size_t(id)].owner != -2)
            fail(call, tx(QT_TRANSLATE_NOOP("convlens::core",
                                            "the layer %1 is used a second time (line %2): calling one layer object "
                                            "twice shares its weights, which ConvLens does not support (one node per "
                                            "layer); create a separate layer for each call"),
                          {describeLayer(id), std::to_string(call.line)}));
        for (int in : inputs) {
            if (layers_[size_t(in)].owner != -1)
                fail(call, tx(QT_TRANSLATE_NOOP("convlens::core",
                                                "%1 uses the output of %2, which belongs to a Sequential model"),
                              {describeLayer(id), describeLayer(in)}));
            layers_[size_t(in)].consumed = true;
        }
        LayerObj &o = layers_[size_t(id)];
        o.inputs = inputs;
        o.owner = -1;
        o.order = nextOrder_++;
        o.scope = currentScope();
        ++buildEvents_;
    }

    Value newSequential(CallArgs &args, const Expr &call)
    {
        ModelObj m;
        m.kind = ModelObj::Kind::KerasSequential;
        m.line = call.line;
        m.column = call.column;
        const Arg *nameArg = args.positional.size() > 1 ? &args.positional[1] : args.keyword("name");
        if (nameArg && nameArg->value.is(Kind::Str))
            m.name = nameArg->value.str();
        const int mid = newModel(std::move(m));
        if (args.positional.size() > 2)
            fail(call, tx(QT_TRANSLATE_NOOP("convlens::core",
                                            "Sequential() takes at most 2 positional arguments (layers, name), got %1"),
                          {std::to_string(args.positional.size())}));
        for (const auto &kw : args.keywords)
            if (kw.first != "layers" && kw.first != "name" && kw.first != "trainable")
                fail(call,
                     tx(QT_TRANSLATE_NOOP("convlens::core", "Sequential() got an unexpected keyword argument '%1'"),
                        {kw.first}));
        const Arg *layers = !args.positional.empty() ? &args.positional[0] : args.keyword("layers");
        if (!layers || layers->value.isNone())
            return modelValue(mid);
        if (!layers->value.isSeq())
            fail(call, tx(QT_TRANSLATE_NOOP("convlens::core", "Sequential(layers=%1) expects a list of layers: %2"),
                          {py::shortText(*layers->expr), whyNotValue(layers->value)}));
        const std::vector<Value> el = layers->value.items();
        const Expr *listExpr = layers->expr;
        const bool literal = listExpr && (listExpr->kind == py::ExprKind::List || listExpr->kind == py::ExprKind::Tuple) &&
                             listExpr->children.size() == el.size();
        for (size_t i = 0; i < el.size(); ++i)
            sequentialAdd(mid, el[i], literal ? *listExpr->children[i] : (listExpr ? *listExpr : call));
        return modelValue(mid);
    }

    void sequentialAdd(int mid, const Value &v, const Expr &at)
    {
        int id = -1;
        py::HostObject *h = v.host() ? v.host() : v.is(Kind::Instance) ? v.as<py::InstanceObject>()->host : nullptr;
        if (const auto *l = dynamic_cast<const KLayer *>(h)) {
            id = l->id;
        } else if (const auto *t = dynamic_cast<const KTensor *>(h)) {
            id = t->id;
            LayerObj &o = layers_[size_t(id)];
            if (o.kind->op != Op::Input || o.owner != -1 || o.consumed)
                fail(at, tx(QT_TRANSLATE_NOOP("convlens::core",
                                              "Sequential takes layers, but %1 is a tensor (the output of %2)"),
                            {py::shortText(at), describeLayer(id)}));
            o.owner = -2; // an Input(...) tensor as the first element: it becomes the Sequential's input layer
        } else if (const auto *u = dynamic_cast<const KUnknownLayer *>(h)) {
            if (u->placeholder < 0)
                fail(u->line, u->column, unknownLayerMessage(u->name, u->line));
            id = u->placeholder; // a custom layer or Lambda: its call() runs when the model is put together
        } else if (const auto *nested = dynamic_cast<const KModel *>(h)) {
            if (nested->id == mid)
                fail(at, tx(QT_TRANSLATE_NOOP("convlens::core", "a Sequential model cannot hold itself")));
            models_[size_t(mid)].layers.push_back(nestedMember(nested->id));
            ++buildEvents_;
            return;
        } else {
            fail(at, tx(QT_TRANSLATE_NOOP("convlens::core", "Sequential takes layers, but %1 is not one: %2"),
                        {py::shortText(at), whyNotValue(v)}));
        }
        LayerObj &o = layers_[size_t(id)];
        if (o.owner != -2)
            fail(at, tx(QT_TRANSLATE_NOOP(
                            "convlens::core",
                            "the layer %1 is added a second time: one layer object used twice shares its weights, "
                            "which ConvLens does not support (one node per layer); create a separate layer"),
                        {describeLayer(id)}));
        ModelObj &m = models_[size_t(mid)];
        if (o.kind->op == Op::Input && !m.layers.empty())
            fail(at,
                 tx(QT_TRANSLATE_NOOP("convlens::core", "an Input layer can only be the first layer of a Sequential")));
        o.owner = mid;
        o.order = nextOrder_++;
        m.layers.push_back(id);
        ++buildEvents_;
    }

    Value newFunctional(CallArgs &args, const Expr &call, const std::string &written)
    {
        const auto arg = [&](size_t pos, std::initializer_list<const char *> names) -> const Arg * {
            if (pos < args.positional.size())
                return &args.positional[pos];
            for (const char *n : names)
                if (const auto *a = args.keyword(n))
                    return a;
            return nullptr;
        };
        const Arg *inputs = arg(0, {"inputs", "input"});
        const Arg *outputs = arg(1, {"outputs", "output"});
        if (!outputs)
            fail(call, tx(QT_TRANSLATE_NOOP("convlens::core", "%1() needs outputs=…: the tensors the model computes"),
                          {written}));
        ModelObj m;
        m.kind = ModelObj::Kind::KerasFunctional;
        m.line = call.line;
        m.column = call.column;
        Value outs = outputs->value;
        if (outs.is(Kind::Dict)) { // outputs={'a': x, 'b': y}
            std::vector<Value> vals;
            for (const auto &kv : outs.as<py::DictObject>()->entries)
                vals.push_back(kv.second);
            outs = ev().list(std::move(vals));
        }
        m.outputs = tensors(outs, outputs->expr, call, written + "(outputs=…)");
        if (const Arg *nameArg = arg(2, {"name"}); nameArg && nameArg->value.is(Kind::Str))
            m.name = nameArg->value.str();
        if (inputs && !inputs->value.is(Kind::Dict))
            m.inputs = tensors(inputs->value, inputs->expr, call, written + "(inputs=…)");
        return modelValue(newModel(std::move(m)));
    }

    KClass *modelClass_ = nullptr, *layerClass_ = nullptr;
    std::vector<std::string> scopes_; // the custom layers / Lambdas whose call() is running ("name:Type")

    std::vector<KLayer *> layerObjects_;
    std::vector<KTensor *> tensorObjects_;
    std::vector<KModel *> modelObjects_;
};

std::optional<Value> KLayer::call(py::Evaluator &, CallArgs &args, const Expr &call)
{
    return rec.callLayer(id, args, call);
}

std::optional<Value> KLayer::callMethod(py::Evaluator &, const std::string &, py::LazyArgs &, const Expr &call)
{
    return rec.opaque(tx(QT_TRANSLATE_NOOP("convlens::core", "%1 (line %2) is not evaluated"),
                         {py::shortText(call), std::to_string(call.line)}),
                      call.line);
}

std::optional<Value> KTensor::getAttr(py::Evaluator &, const std::string &name, const Expr &at)
{
    if (name == "shape")
        return rec.tensorShape(id, at);
    return rec.opaque(
        tx(QT_TRANSLATE_NOOP("convlens::core", "`%1` (a tensor's %2) is not known while the code is read (line %3)"),
           {py::shortText(at), name, std::to_string(at.line)}),
        at.line);
}

std::optional<Value> KTensor::callMethod(py::Evaluator &ev, const std::string &name, py::LazyArgs &,
                                         const Expr &call)
{
    if (name == "get_shape")
        return rec.tensorShape(id, call);
    return getAttr(ev, name, call.kind == py::ExprKind::Call ? *call.children[0] : call);
}

std::optional<Value> KTensor::binary(py::Evaluator &, const std::string &op, const Value &other, bool reflected,
                                     const Expr &at)
{
    if (op == "==" || op == "!=" || op == "is" || op == "is not" || op == "in" || op == "not in" || op == "<" ||
        op == ">" || op == "<=" || op == ">=")
        return std::nullopt; // identity comparisons
    const std::string where = " (line " + std::to_string(at.line) + ")";
    if (op == "+" && rec.inCustomLayer())
        if (const auto *o = dynamic_cast<const KTensor *>(other.host()))
            return rec.internalOp("Add", {}, reflected ? std::vector<int>{o->id, id} : std::vector<int>{id, o->id}, at,
                                  "add");
    if (rec.inCustomLayer()) {
        const std::string fn = op == "+" ? "add" : op == "-" ? "subtract" : op == "*" ? "multiply" : "";
        if (const auto *o = dynamic_cast<const KTensor *>(other.host()); o && (op == "-" || op == "*"))
            return rec.internalOp(op == "-" ? "Subtract" : "Multiply", {},
                                  reflected ? std::vector<int>{o->id, id} : std::vector<int>{id, o->id}, at, fn);
        // x · k, x + k, x − k, k − x with a number: exactly Rescaling's x · scale + offset in float32
        if (other.isNumber() && !fn.empty()) {
            const double k = other.numberOf();
            const double scale = op == "*" ? k : (op == "-" && reflected) ? -1.0 : 1.0;
            const double offset = op == "*" ? 0.0 : op == "+" ? k : reflected ? k : -k;
            return rec.internalOp("Rescaling", {{"scale", ParamValue(scale)}, {"offset", ParamValue(offset)}}, {id},
                                  at, fn);
        }
    }
    if (op == "/" && rec.inCustomLayer()) {
        if (const auto *o = dynamic_cast<const KTensor *>(other.host()))
            return rec.internalOp("truediv", {{"other", ParamValue()}},
                                  reflected ? std::vector<int>{o->id, id} : std::vector<int>{id, o->id}, at, "truediv");
        if (other.isNumber())
            return rec.internalOp("truediv", {{"other", ParamValue(other.numberOf())}, {"reverse", ParamValue(reflected)}},
                                  {id}, at, "truediv");
    }
    if (op == "+")
        return rec.opaque(tx(QT_TRANSLATE_NOOP("convlens::core",
                                               "`%1` adds tensors with +, which is not a layer; write Add()([a, b])%2"),
                             {py::shortText(at), where}),
                          at.line);
    return rec.opaque(
        tx(QT_TRANSLATE_NOOP("convlens::core", "`%1` is tensor arithmetic, not a layer ConvLens imports%2"),
           {py::shortText(at), where}),
        at.line);
}

std::optional<Value> KTensor::unary(py::Evaluator &, const std::string &op, const Expr &at)
{
    if (op == "-" && rec.inCustomLayer()) // −x: x · −1 + 0, exactly (Rescaling's arithmetic)
        return rec.internalOp("Rescaling", {{"scale", ParamValue(-1.0)}, {"offset", ParamValue(0.0)}}, {id}, at,
                              "negative");
    return rec.opaque(
        tx(QT_TRANSLATE_NOOP("convlens::core", "`%1` is tensor arithmetic, not a layer ConvLens imports%2"),
           {py::shortText(at), " " + tx(QT_TRANSLATE_NOOP("convlens::core", "(line %1)"), {std::to_string(at.line)})}),
        at.line);
}

std::optional<Value> KTensor::getItem(py::Evaluator &, const Value &index, const Expr &at)
{
    if (rec.inCustomLayer())
        return rec.sliceTensor(id, index, at);
    return rec.opaque(
        tx(QT_TRANSLATE_NOOP("convlens::core", "`%1` slices a tensor, which is not a layer ConvLens imports (line %2)"),
           {py::shortText(at), std::to_string(at.line)}),
        at.line);
}

std::optional<Value> KModel::getAttr(py::Evaluator &, const std::string &name, const Expr &at)
{
    return rec.modelAttr(id, name, at);
}

std::optional<Value> KLayer::getAttr(py::Evaluator &, const std::string &name, const Expr &at)
{
    if (name == "output" && rec.layers_[size_t(id)].owner == -1)
        return rec.tensorValue(id);
    if (name == "output_shape") {
        std::string why;
        if (const auto s = rec.outputShape(id, &why))
            return rec.shapeTuple(*s, at.line);
        return rec.opaque(tx(QT_TRANSLATE_NOOP("convlens::core", "`%1` (line %2): %3"),
                             {py::shortText(at), std::to_string(at.line), why}),
                          at.line);
    }
    if (name == "name")
        return rec.ev().str(rec.kerasDefaultNames()[size_t(id)]);
    return std::nullopt;
}

std::optional<Value> KModel::call(py::Evaluator &, CallArgs &args, const Expr &call)
{
    return rec.callModel(id, args, call);
}

std::optional<Value> KModel::callMethod(py::Evaluator &, const std::string &name, py::LazyArgs &args, const Expr &call)
{
    return rec.modelMethod(id, name, args, call);
}

std::optional<Value> KUnknownLayer::call(py::Evaluator &, CallArgs &args, const Expr &call)
{
    if (placeholder >= 0 && rec.hasTensor(args))
        return rec.callCustom(*this, args, call);
    if (rec.hasTensor(args))
        rec.fail(line, column, rec.unknownLayerMessage(name, line));
    return rec.opaqueCall(args, call, "");
}

std::optional<Value> KUnknownLayer::callMethod(py::Evaluator &, const std::string &method, py::LazyArgs &lazy,
                                               const Expr &call)
{
    if (method == "__init__" && placeholder >= 0) { // super().__init__(name=..., **kwargs) of a custom layer
        const CallArgs &args = lazy.get();
        if (const Arg *n = args.keyword("name"); n && n->value.is(Kind::Str))
            rec.layers_[size_t(placeholder)].name = n->value.str();
        rec.declareInputShape(placeholder, args);
        return Value::none();
    }
    if (method == "call" && placeholder >= 0)
        return std::nullopt;
    return rec.opaque(
        tx(QT_TRANSLATE_NOOP("convlens::core", "%1 (line %2) is not evaluated: %3 is not something ConvLens models"),
           {py::shortText(call), std::to_string(call.line), name + "." + method}),
        call.line);
}

py::HostObject *KClass::instantiateSubclass(py::Evaluator &ev, py::InstanceObject *self, const Expr &call)
{
    const py::ClassObject &cls = *self->cls;
    if (model) {
        std::string base;
        for (const auto &b : cls.baseNames)
            if (b.find("Model") != std::string::npos && base.empty())
                base = b;
        for (const py::ClassObject *c : cls.mro) // a subclass of a subclass: name the class that says Model
            for (const auto &b : c->baseNames)
                if (base.empty() && b.find("Model") != std::string::npos)
                    base = b;
        rec.fail(call, tx(QT_TRANSLATE_NOOP("convlens::core",
                                            "class %1 (line %2) subclasses %3: subclassed Keras models are not "
                                            "supported yet; write the model with Sequential or the functional API"),
                          {cls.name, std::to_string(cls.line), base}));
    }
    auto *l = ev.heap().make<KUnknownLayer>(rec, cls.name, call.line, call.column);
    l->placeholder = rec.namePlaceholder(cls.name, toSnakeCase(cls.name), call.line, call.column);
    rec.customs_[l->placeholder] = l;
    return l;
}

Graph KerasRecorder::assemble()
{
    if (const auto called = evaluateCall()) {
        // the model --call gives becomes the last one built, which is the one imported
        const auto *m = dynamic_cast<const KModel *>(called->host());
        if (!m)
            fail(0, 0,
                 tx(QT_TRANSLATE_NOOP("convlens::core", "--call \"%1\" does not give a Keras model: %2"),
                    {*opts_.call, whyNotValue(*called)}));
        ModelObj copy = models_[size_t(m->id)];
        copy.name = kerasModelNames()[size_t(m->id)]; // the same model, under its own name
        models_.push_back(std::move(copy));
    }
    std::vector<int> content;
    for (size_t i = 0; i < models_.size(); ++i) {
        const ModelObj &m = models_[i];
        if ((m.kind == ModelObj::Kind::KerasSequential && !m.layers.empty()) ||
            (m.kind == ModelObj::Kind::KerasFunctional && !m.outputs.empty()))
            content.push_back(int(i));
    }
    int chosen = content.empty() ? -1 : content.back();
    // the global `model`, when the code names one, is the model (the last one built may be a wrapper around it,
    // such as the TF tutorial's probability_model = Sequential([model, Softmax()]))
    if (!opts_.call) {
        const auto it = ev().globals()->vars.find("model");
        if (it != ev().globals()->vars.end())
            if (const auto *m = dynamic_cast<const KModel *>(it->second.host());
                m && std::find(content.begin(), content.end(), m->id) != content.end())
                chosen = m->id;
    }
    if (content.size() > 1)
        note(0, "the code builds " + std::to_string(content.size()) + " models; ConvLens imports " +
                    (chosen == content.back() ? "the last one" : "the one named model") + " (line " +
                    std::to_string(models_[size_t(chosen)].line) + ")");
    const bool sequential = chosen >= 0 && models_[size_t(chosen)].kind == ModelObj::Kind::KerasSequential;
    std::vector<int> ids, outputs;
    if (chosen >= 0) {
        const ModelObj &m = models_[size_t(chosen)];
        if (sequential) {
            ids = m.layers;
        } else {
            std::vector<char> needed(layers_.size(), 0);
            std::vector<int> stack = m.outputs;
            stack.insert(stack.end(), m.inputs.begin(), m.inputs.end());
            while (!stack.empty()) {
                const int id = stack.back();
                stack.pop_back();
                if (needed[size_t(id)])
                    continue;
                needed[size_t(id)] = 1;
                for (int in : layers_[size_t(id)].inputs)
                    stack.push_back(in);
            }
            for (size_t i = 0; i < layers_.size(); ++i)
                if (needed[i])
                    ids.push_back(int(i));
            outputs = m.outputs;
        }
    } else {
        for (size_t i = 0; i < layers_.size(); ++i)
            if (layers_[i].owner == -1)
                ids.push_back(int(i));
        if (ids.empty()) {
            for (const py::ClassObject *c : ev().classes())
                for (const auto &b : c->library ? std::vector<std::string>{} : c->baseNames)
                    if (b.find("Model") != std::string::npos)
                        fail(c->line, c->column,
                             tx(QT_TRANSLATE_NOOP("convlens::core",
                                                  "class %1 subclasses %2: subclassed Keras models are not supported "
                                                  "yet; write the model with Sequential or the functional API"),
                                {c->name, b}));
            failNoModel("no Keras model found: the code builds no layers (expected Sequential([...]), model.add(...) "
                        "or layers called on Input(...))");
        }
    }
    if (!sequential && chosen >= 0)
        ids = kerasLayerOrder(models_[size_t(chosen)], ids);
    else if (!sequential)
        std::stable_sort(ids.begin(), ids.end(),
                         [&](int a, int b) { return layers_[size_t(a)].order < layers_[size_t(b)].order; });

    bool shapeFromOption = false;
    if (sequential) {
        // a nested model first: its input shape is the Sequential's
        int firstId = ids[0];
        while (isNestedMember(firstId)) {
            const ModelObj &nested = models_[size_t(nestedModelOf(firstId))];
            if (nested.kind == ModelObj::Kind::KerasFunctional) {
                firstId = nested.inputs.size() == 1 ? nested.inputs[0] : -1;
                break;
            }
            firstId = nested.layers.empty() ? -1 : nested.layers[0];
        }
        if (firstId < 0)
            fail(models_[size_t(chosen)].line, models_[size_t(chosen)].column,
                 tx(QT_TRANSLATE_NOOP("convlens::core", "the first layer of the Sequential model is a model without "
                                                        "one input; ConvLens cannot tell the model's input shape")));
        LayerObj first = layers_[size_t(firstId)];
        const bool nestedFirst = isNestedMember(ids[0]);
        if (nestedFirst && first.kind->op == Op::Input) { // the nested model's input gives the shape
            first.declaredInputShape = first.params.count("shape") ? std::optional(first.params.at("shape"))
                                                                    : std::nullopt;
            first.declaredInputShapeError = first.shapeError;
            first.kind = findKind(Framework::Keras, "InputLayer");
        }
        if (first.kind->op != Op::Input || nestedFirst) {
            const ModelObj &m = models_[size_t(chosen)];
            std::optional<ParamValue> shape;
            std::string source;
            if (opts_.inputShape) {
                shape = edit::shapeValue(*opts_.inputShape);
                shapeFromOption = true;
            } else if (m.buildShape) {
                shape = m.buildShape;
                source = "model.build(…)";
            } else if (first.declaredInputShape) {
                shape = first.declaredInputShape;
                source = first.written + "(input_shape=…)";
            } else if (!first.declaredInputShapeError.empty()) {
                fail(first.line, first.column,
                     tx(QT_TRANSLATE_NOOP("convlens::core", "%1; pass --input-shape H,W,C to give the input size"),
                        {first.declaredInputShapeError}));
            } else {
                fail(first.line, first.column,
                     tx(QT_TRANSLATE_NOOP("convlens::core",
                                          "the model has no input shape: give the first layer input_shape=(H, W, C), "
                                          "start with Input(shape=(H, W, C)), or pass --input-shape H,W,C")));
            }
            const std::string err = checkParamType(*findParam(*findKind(Framework::Keras, "InputLayer"), "shape"), *shape);
            if (!err.empty())
                fail(first.line, first.column,
                     hasNone(*shape)
                         ? tx(QT_TRANSLATE_NOOP("convlens::core",
                                                "%1: input shape %2: %3; pass --input-shape H,W,C to give the sizes"),
                              {source, shape->toPython(), err})
                         : tx(QT_TRANSLATE_NOOP("convlens::core", "%1: input shape %2: %3"),
                              {source, shape->toPython(), err}));
            LayerObj in;
            in.kind = findKind(Framework::Keras, "InputLayer");
            in.written = "InputLayer";
            in.params["shape"] = *shape;
            in.implicitInput = true;
            in.line = first.line;
            in.column = first.column;
            in.owner = chosen;
            ids.insert(ids.begin(), newLayer(std::move(in)));
        } else {
            layers_[size_t(ids[0])].hidden = true; // a Sequential lists no InputLayer, even one written
        }
        layers_[size_t(ids[0])].inputs.clear();
        std::vector<int> chain{ids[0]};
        int prev = ids[0];
        py::Expr site;
        site.line = models_[size_t(chosen)].line;
        site.column = models_[size_t(chosen)].column;
        for (size_t i = 1; i < ids.size(); ++i) {
            if (!isNestedMember(ids[i]) && !customs_.count(ids[i])) {
                layers_[size_t(ids[i])].inputs = {prev};
                chain.push_back(prev = ids[i]);
                continue;
            }
            // a nested model or a custom layer: the nodes its call makes, in call order
            const int orderBefore = nextOrder_;
            if (customs_.count(ids[i])) {
                prev = customOn(ids[i], prev, site);
            } else {
                const auto outs = instantiate(nestedModelOf(ids[i]), {prev}, "", site);
                if (outs.size() != 1)
                    fail(site, "a model with " + std::to_string(outs.size()) +
                                   " outputs is a layer of this Sequential model; each layer must have one output");
                prev = outs[0];
            }
            std::vector<int> made;
            for (size_t c = 0; c < layers_.size(); ++c)
                if (layers_[c].owner == -1 && layers_[c].order >= orderBefore)
                    made.push_back(int(c));
            std::stable_sort(made.begin(), made.end(),
                             [&](int a, int b) { return layers_[size_t(a)].order < layers_[size_t(b)].order; });
            chain.insert(chain.end(), made.begin(), made.end());
        }
        ids = std::move(chain);
    }

    std::vector<int> inputIds;
    for (int id : ids)
        if (layers_[size_t(id)].kind->op == Op::Input)
            inputIds.push_back(id);
    if (opts_.inputShape && !shapeFromOption) {
        if (inputIds.size() != 1)
            fail(0, 0,
                 "--input-shape applies to a model with one input; this one has " + std::to_string(inputIds.size()));
        layers_[size_t(inputIds[0])].params["shape"] = edit::shapeValue(*opts_.inputShape);
        layers_[size_t(inputIds[0])].shapeError.clear();
    }
    for (int id : inputIds) {
        const LayerObj &o = layers_[size_t(id)];
        if (!o.shapeError.empty())
            fail(o.line, o.column, o.shapeError + "; pass --input-shape H,W,C to give the input size");
        const ParamValue &shape = o.params.at("shape");
        const std::string err = checkParamType(*findParam(*o.kind, "shape"), shape);
        if (!err.empty())
            fail(o.line, o.column,
                 o.written + "(shape=" + shape.toPython() + "): " + err +
                     (hasNone(shape) ? "; pass --input-shape H,W,C to give the sizes" : ""));
    }

    const auto names = kerasDefaultNames();
    std::set<int> sharedLayers; // called more than once (a copy made by calling it again)
    for (const auto &o : layers_)
        if (o.cloneOf >= 0 && !o.viaModel)
            sharedLayers.insert(o.cloneOf);
    Graph g;
    g.framework = Framework::Keras;
    for (int id : ids) {
        const LayerObj &o = layers_[size_t(id)];
        Layer l;
        l.name = names[size_t(id)];
        l.type = o.kind->className;
        l.params = o.params;
        for (int in : o.inputs)
            l.inputs.push_back(names[size_t(in)]);
        l.implicitInput = o.implicitInput || o.hidden;
        l.line = o.line;
        l.scope = o.scope;
        // a layer with several calls: every node of it shares its weights (its params count once)
        if (o.cloneOf >= 0 || sharedLayers.count(id))
            l.modulePath = names[size_t(o.cloneOf >= 0 ? o.cloneOf : id)];
        g.layers.push_back(std::move(l));
    }
    for (int o : outputs)
        g.outputs.push_back(names[size_t(o)]);
    return finishGraph(std::move(g));
}

} // namespace

LoadResult importKerasCode(const py::Module &module, const std::string &fileName, const LoadOptions &opts)
{
    KerasRecorder recorder(fileName, opts);
    return recorder.run(module);
}

} // namespace convlens::importers
