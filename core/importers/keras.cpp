// keras.cpp — what Keras code builds: layer objects of catalogue classes under any module path
// (`Conv2D`, `layers.Conv2D`, `tf.keras.layers.Conv2D`, `L.Conv2D`), Input tensors, layers called on tensors,
// the functional helpers (`concatenate`, `add`), Sequential models with `model.add`, and `Model(inputs, outputs)`.
// The graph is the last model the code built (or, for a fragment without Model(...), every layer it called),
// in call order, with the names tf.keras 2 gives (counted in construction order, as tf.keras does). Layers, tensors
// and models are host objects of the evaluator (python/host.h).
#include "importers/recorder.h"
#include "model/edit.h"

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
    return underModule(segs, other);
}

// `add`/`concatenate` are also numpy/TF functions and list methods: only bare or under a layers module.
bool functionalPath(const std::vector<std::string> &segs)
{
    static const std::set<std::string> parents{"layers", "L", "KL", "kl", "merge", "keras"};
    return segs.size() == 1 || parents.count(segs[segs.size() - 2]) > 0;
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

// An instance of a class ConvLens does not know (`MyBlock(…)`, a custom Layer subclass): fine until it is called
// on a tensor.
class KUnknownLayer final : public py::HostObject {
public:
    KUnknownLayer(KerasRecorder &r, std::string cls, int l, int c) : rec(r), name(std::move(cls)), line(l), column(c) {}
    std::string describe() const override { return "a " + name + " object"; }
    bool builtNothing() const override { return true; }
    std::optional<Value> call(py::Evaluator &ev, CallArgs &args, const Expr &call) override;
    KerasRecorder &rec;
    std::string name;
    int line, column;
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
        if (last == "image_dim_ordering")
            return ev().str("tf");
        if (notLayerPath(segs))
            return opaqueCall(args, call, "");
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
            fail(call, "an InputLayer object cannot be called on a tensor; use Input(shape=...) in a functional model");
        const Arg *in = !args.positional.empty() ? &args.positional[0] : args.keyword("inputs");
        if (!in)
            fail(call, describeLayer(id) + " is called without an input tensor");
        const auto inputs = tensors(in->value, in->expr, call, layers_[size_t(id)].written + "(...)");
        apply(id, inputs, call);
        return tensorValue(id);
    }

    Value modelMethod(int mid, const std::string &method, py::LazyArgs &lazy, const Expr &call)
    {
        const bool sequential = models_[size_t(mid)].kind == ModelObj::Kind::KerasSequential;
        if (sequential && method == "add") {
            CallArgs &args = lazy.get();
            const Arg *a = !args.positional.empty() ? &args.positional[0] : args.keyword("layer");
            if (!a)
                fail(call, "Sequential.add() missing required argument 'layer'");
            sequentialAdd(mid, a->value, a->expr ? *a->expr : call);
            return Value::none();
        }
        if (sequential && method == "build") {
            CallArgs &args = lazy.get();
            const Arg *a = !args.positional.empty() ? &args.positional[0] : args.keyword("input_shape");
            std::string why;
            auto shape = a ? toParam(a->value, nullptr, &why) : std::nullopt;
            if (!shape || !shape->isList() || shape->asList().empty()) {
                note(call.line, "skipped " + py::shortText(call) + " (its input shape cannot be evaluated here)");
                return Value::none();
            }
            ParamList dims(shape->asList().begin() + 1, shape->asList().end()); // without the batch dimension
            models_[size_t(mid)].buildShape = ParamValue(std::move(dims));
            models_[size_t(mid)].buildLine = call.line;
            ++buildEvents_;
            return Value::none();
        }
        if (sequential && method == "pop") {
            auto &m = models_[size_t(mid)];
            if (!m.layers.empty()) {
                layers_[size_t(m.layers.back())].owner = -3; // removed: in no model
                m.layers.pop_back();
                ++buildEvents_;
            }
            return Value::none();
        }
        // compile, fit, summary, save, load_weights, evaluate, predict, …: arguments are not even evaluated
        return opaque(py::shortText(call) + " (line " + std::to_string(call.line) + ") is not evaluated", call.line);
    }

    Graph assemble() override;

private:
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
                note(obj.line, "could not evaluate name=" + argText + " (" + whyNotValue(arg.value) +
                                   "); using the default name");
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
            fail(call, written + "(...): cannot expand " + args.unresolved);
        if (args.positional.size() > pos.size())
            fail(call, cls + " takes at most " + std::to_string(pos.size()) + " positional arguments, got " +
                           std::to_string(args.positional.size()));
        std::map<std::string, const Arg *> given;
        for (size_t i = 0; i < args.positional.size(); ++i)
            given[pos[i]] = &args.positional[i];
        for (const auto &[kw, a] : args.keywords) {
            const bool known = std::find(fnPos.begin(), fnPos.end(), kw) != fnPos.end() ||
                               std::find(layerPos.begin(), layerPos.end(), kw) != layerPos.end() ||
                               kw == "batch_shape" || kw == "batch_input_shape" || kw == "input_shape" ||
                               kw == "shape";
            if (!known)
                fail(call, cls + " got an unexpected keyword argument '" + kw + "'");
            if (given.count(kw))
                fail(call, cls + " got multiple values for argument '" + kw + "'");
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
                note(call.line, "could not evaluate name=" + py::shortText(*it->second->expr) +
                                    "; using the default name");
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
            fail(call, written + "() missing required argument 'inputs'");
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
        const std::string what = e ? py::shortText(*e) : std::string("its input");
        if (const auto *t = dynamic_cast<const KTensor *>(v.host()))
            return {t->id};
        if (v.isSeq()) {
            std::vector<int> ids;
            for (const auto &x : v.items()) {
                const auto *t = dynamic_cast<const KTensor *>(x.host());
                if (!t)
                    fail(call, who + " is applied to " + what + ", which holds something that is not a tensor: " +
                                   whyNotValue(x));
                ids.push_back(t->id);
            }
            return ids;
        }
        if (dynamic_cast<const KLayer *>(v.host()))
            fail(call, who + " is applied to " + what + ", a layer object that was never called on a tensor");
        fail(call, who + " is applied to " + what + ", which is not a tensor: " + whyNotValue(v));
    }

    void apply(int id, const std::vector<int> &inputs, const Expr &call)
    {
        if (layers_[size_t(id)].owner != -2)
            fail(call, "the layer " + describeLayer(id) + " is used a second time (line " +
                           std::to_string(call.line) +
                           "): calling one layer object twice shares its weights, which ConvLens does not support "
                           "(one node per layer); create a separate layer for each call");
        for (int in : inputs) {
            if (layers_[size_t(in)].owner != -1)
                fail(call, describeLayer(id) + " uses the output of " + describeLayer(in) +
                               ", which belongs to a Sequential model");
            layers_[size_t(in)].consumed = true;
        }
        LayerObj &o = layers_[size_t(id)];
        o.inputs = inputs;
        o.owner = -1;
        o.order = nextOrder_++;
        ++buildEvents_;
    }

    Value newSequential(CallArgs &args, const Expr &call)
    {
        ModelObj m;
        m.kind = ModelObj::Kind::KerasSequential;
        m.line = call.line;
        m.column = call.column;
        const int mid = newModel(std::move(m));
        if (args.positional.size() > 2)
            fail(call, "Sequential() takes at most 2 positional arguments (layers, name), got " +
                           std::to_string(args.positional.size()));
        for (const auto &kw : args.keywords)
            if (kw.first != "layers" && kw.first != "name" && kw.first != "trainable")
                fail(call, "Sequential() got an unexpected keyword argument '" + kw.first + "'");
        const Arg *layers = !args.positional.empty() ? &args.positional[0] : args.keyword("layers");
        if (!layers || layers->value.isNone())
            return modelValue(mid);
        if (!layers->value.isSeq())
            fail(call, "Sequential(layers=" + py::shortText(*layers->expr) +
                           ") expects a list of layers: " + whyNotValue(layers->value));
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
                fail(at, "Sequential takes layers, but " + py::shortText(at) + " is a tensor (the output of " +
                             describeLayer(id) + ")");
            o.owner = -2; // an Input(...) tensor as the first element: it becomes the Sequential's input layer
        } else if (const auto *u = dynamic_cast<const KUnknownLayer *>(h)) {
            fail(u->line, u->column, unknownLayerMessage(u->name, u->line));
        } else if (dynamic_cast<const KModel *>(h)) {
            fail(at, "a model inside a Sequential (a nested model) is not supported yet");
        } else {
            fail(at, "Sequential takes layers, but " + py::shortText(at) + " is not one: " + whyNotValue(v));
        }
        LayerObj &o = layers_[size_t(id)];
        if (o.owner != -2)
            fail(at, "the layer " + describeLayer(id) +
                         " is added a second time: one layer object used twice shares its weights, which ConvLens "
                         "does not support (one node per layer); create a separate layer");
        ModelObj &m = models_[size_t(mid)];
        if (o.kind->op == Op::Input && !m.layers.empty())
            fail(at, "an Input layer can only be the first layer of a Sequential");
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
            fail(call, written + "() needs outputs=…: the tensors the model computes");
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
        if (inputs && !inputs->value.is(Kind::Dict))
            m.inputs = tensors(inputs->value, inputs->expr, call, written + "(inputs=…)");
        return modelValue(newModel(std::move(m)));
    }

    KClass *modelClass_ = nullptr, *layerClass_ = nullptr;
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
    return rec.opaque(py::shortText(call) + " (line " + std::to_string(call.line) + ") is not evaluated", call.line);
}

std::optional<Value> KTensor::getAttr(py::Evaluator &, const std::string &name, const Expr &at)
{
    return rec.opaque("`" + py::shortText(at) + "` (a tensor's " + name + ") is not known while the code is read" +
                          " (line " + std::to_string(at.line) + ")",
                      at.line);
}

std::optional<Value> KTensor::callMethod(py::Evaluator &ev, const std::string &name, py::LazyArgs &,
                                         const Expr &call)
{
    return getAttr(ev, name, call.kind == py::ExprKind::Call ? *call.children[0] : call);
}

std::optional<Value> KTensor::binary(py::Evaluator &, const std::string &op, const Value &, bool, const Expr &at)
{
    if (op == "==" || op == "!=" || op == "is" || op == "is not" || op == "in" || op == "not in" || op == "<" ||
        op == ">" || op == "<=" || op == ">=")
        return std::nullopt; // identity comparisons
    const std::string where = " (line " + std::to_string(at.line) + ")";
    if (op == "+")
        return rec.opaque("`" + py::shortText(at) + "` adds tensors with +, which is not a layer; write Add()([a, b])" +
                              where,
                          at.line);
    return rec.opaque("`" + py::shortText(at) + "` is tensor arithmetic, not a layer ConvLens imports" + where, at.line);
}

std::optional<Value> KTensor::unary(py::Evaluator &, const std::string &, const Expr &at)
{
    return rec.opaque("`" + py::shortText(at) + "` is tensor arithmetic, not a layer ConvLens imports (line " +
                          std::to_string(at.line) + ")",
                      at.line);
}

std::optional<Value> KTensor::getItem(py::Evaluator &, const Value &, const Expr &at)
{
    return rec.opaque("`" + py::shortText(at) + "` slices a tensor, which is not a layer ConvLens imports (line " +
                          std::to_string(at.line) + ")",
                      at.line);
}

std::optional<Value> KModel::getAttr(py::Evaluator &ev, const std::string &name, const Expr &at)
{
    if (name != "layers")
        return std::nullopt;
    // model.layers: what the code may loop over to freeze or inspect (`for layer in model.layers:`)
    std::vector<Value> out;
    const ModelObj &m = rec.models_[size_t(id)];
    const std::vector<int> &ids = m.kind == ModelObj::Kind::KerasSequential ? m.layers : m.outputs;
    for (int l : ids)
        out.push_back(rec.layerValue(l));
    return ev.list(std::move(out), at.line);
}

std::optional<Value> KModel::call(py::Evaluator &, CallArgs &, const Expr &call)
{
    rec.fail(call, "calling a model on a tensor (a model used as a layer) is not supported yet");
}

std::optional<Value> KModel::callMethod(py::Evaluator &, const std::string &name, py::LazyArgs &args, const Expr &call)
{
    return rec.modelMethod(id, name, args, call);
}

std::optional<Value> KUnknownLayer::call(py::Evaluator &, CallArgs &args, const Expr &call)
{
    if (rec.hasTensor(args))
        rec.fail(line, column, rec.unknownLayerMessage(name, line));
    return rec.opaqueCall(args, call, "");
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
        rec.fail(call, "class " + cls.name + " (line " + std::to_string(cls.line) + ") subclasses " + base +
                           ": subclassed Keras models are not supported yet; write the model with Sequential or the "
                           "functional API");
    }
    return ev.heap().make<KUnknownLayer>(rec, cls.name, call.line, call.column);
}

Graph KerasRecorder::assemble()
{
    std::vector<int> content;
    for (size_t i = 0; i < models_.size(); ++i) {
        const ModelObj &m = models_[i];
        if ((m.kind == ModelObj::Kind::KerasSequential && !m.layers.empty()) ||
            (m.kind == ModelObj::Kind::KerasFunctional && !m.outputs.empty()))
            content.push_back(int(i));
    }
    const int chosen = content.empty() ? -1 : content.back();
    if (content.size() > 1)
        note(0, "the code builds " + std::to_string(content.size()) + " models; ConvLens imports the last one (line " +
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
                for (const auto &b : c->baseNames)
                    if (b.find("Model") != std::string::npos)
                        fail(c->line, c->column,
                             "class " + c->name + " subclasses " + b +
                                 ": subclassed Keras models are not supported yet; write the model with Sequential "
                                 "or the functional API");
            fail(0, 0,
                 "no Keras model found: the code builds no layers (expected Sequential([...]), model.add(...) or "
                 "layers called on Input(...))");
        }
    }
    if (!sequential)
        std::stable_sort(ids.begin(), ids.end(),
                         [&](int a, int b) { return layers_[size_t(a)].order < layers_[size_t(b)].order; });

    bool shapeFromOption = false;
    if (sequential) {
        const LayerObj first = layers_[size_t(ids[0])];
        if (first.kind->op != Op::Input) {
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
                     first.declaredInputShapeError + "; pass --input-shape H,W,C to give the input size");
            } else {
                fail(first.line, first.column,
                     "the model has no input shape: give the first layer input_shape=(H, W, C), start with "
                     "Input(shape=(H, W, C)), or pass --input-shape H,W,C");
            }
            const std::string err = checkParamType(*findParam(*findKind(Framework::Keras, "InputLayer"), "shape"), *shape);
            if (!err.empty())
                fail(first.line, first.column,
                     source + ": input shape " + shape->toPython() + ": " + err +
                         (hasNone(*shape) ? "; pass --input-shape H,W,C to give the sizes" : ""));
            LayerObj in;
            in.kind = findKind(Framework::Keras, "InputLayer");
            in.written = "InputLayer";
            in.params["shape"] = *shape;
            in.implicitInput = true;
            in.line = first.line;
            in.column = first.column;
            in.owner = chosen;
            ids.insert(ids.begin(), newLayer(std::move(in)));
        }
        for (size_t i = 1; i < ids.size(); ++i)
            layers_[size_t(ids[i])].inputs = {ids[i - 1]};
        layers_[size_t(ids[0])].inputs.clear();
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
        l.implicitInput = o.implicitInput;
        l.line = o.line;
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
