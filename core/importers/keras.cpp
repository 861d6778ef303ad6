// keras.cpp — what Keras code builds: layer objects of catalogue classes under any module path
// (`Conv2D`, `layers.Conv2D`, `tf.keras.layers.Conv2D`, `L.Conv2D`), Input tensors, layers called on tensors,
// the functional helpers (`concatenate`, `add`), Sequential models with `model.add`, and `Model(inputs, outputs)`.
// The graph is the last model the code built (or, for a fragment without Model(...), every layer it called),
// in call order, with the names tf.keras 2 gives (counted in construction order, as tf.keras does). Layers, tensors
// and models are host objects of the evaluator (python/host.h).
#include "importers/recorder.h"
#include "model/edit.h"
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
            if (method == "get_layer")
            return getLayer(mid, lazy.get(), call);
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

    // ---- shapes while the code runs (x.shape, K.int_shape(x), model.output_shape): the engine on what is built

    // The functional graph built so far (every layer called on a tensor, in call order), named as tf.keras names.
    Graph functionalSoFar() const
    {
        const auto names = kerasDefaultNames();
        std::vector<int> ids;
        for (size_t i = 0; i < layers_.size(); ++i)
            if (layers_[i].owner == -1)
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
        return opaque("`" + py::shortText(at) + "` (line " + std::to_string(at.line) + "): " + why, at.line);
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
                out.push_back(layerValue(l));
            return ev().list(std::move(out), at.line);
        }
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
            return opaque("`" + py::shortText(at) + "` (line " + std::to_string(at.line) + "): " + why, at.line);
        }
        return Value(static_cast<py::Object *>(ev().heap().make<py::HostMethodObject>(modelValue(mid), name)));
    }

    // A functional model's layers in tf.keras 2's order (functional.py _map_graph_network, which model.summary()
    // and model.layers follow): by depth from the outputs, deepest first, and at equal depth in the order a
    // depth-first walk from the outputs first meets them. Inputs the outputs do not use come last, at depth 0.
    std::vector<int> kerasLayerOrder(const ModelObj &m) const
    {
        std::map<int, int> index;       // layer → first visit in the walk
        std::vector<int> postOrder;     // layers, inputs before consumers
        std::set<int> finished;
        std::function<void(int, int)> walk = [&](int id, int depth) {
            if (finished.count(id) || depth > 100000)
                return;
            index.emplace(id, int(index.size()));
            for (int in : layers_[size_t(id)].inputs)
                walk(in, depth + 1);
            finished.insert(id);
            postOrder.push_back(id);
        };
        for (int o : m.outputs)
            walk(o, 0);
        std::map<int, int> depth;
        for (auto it = postOrder.rbegin(); it != postOrder.rend(); ++it) {
            const int d = depth.emplace(*it, 0).first->second;
            for (int in : layers_[size_t(*it)].inputs)
                depth[in] = std::max(depth.count(in) ? depth[in] : 0, d + 1);
        }
        for (int in : m.inputs)
            if (!depth.count(in)) {
                depth[in] = 0;
                index[in] = -1;
            }
        std::vector<int> ids;
        for (const auto &[id, d] : depth)
            ids.push_back(id);
        std::stable_sort(ids.begin(), ids.end(), [&](int a, int b) {
            if (depth.at(a) != depth.at(b))
                return depth.at(a) > depth.at(b);
            return index.at(a) < index.at(b);
        });
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
                return layerValue(ids[size_t(i)]);
        }
        if (n && n->value.is(Kind::Str)) {
            const auto names = kerasDefaultNames();
            for (int id : ids)
                if (names[size_t(id)] == n->value.str())
                    return layerValue(id);
            fail(call, "No such layer: " + n->value.str() + " (" + py::shortText(call) + ", line " +
                           std::to_string(call.line) + ")");
        }
        return opaque(py::shortText(call) + " (line " + std::to_string(call.line) + ") could not be evaluated",
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
    if (name == "shape")
        return rec.tensorShape(id, at);
    return rec.opaque("`" + py::shortText(at) + "` (a tensor's " + name + ") is not known while the code is read" +
                          " (line " + std::to_string(at.line) + ")",
                      at.line);
}

std::optional<Value> KTensor::callMethod(py::Evaluator &ev, const std::string &name, py::LazyArgs &,
                                         const Expr &call)
{
    if (name == "get_shape")
        return rec.tensorShape(id, call);
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
        return rec.opaque("`" + py::shortText(at) + "` (line " + std::to_string(at.line) + "): " + why, at.line);
    }
    if (name == "name")
        return rec.ev().str(rec.kerasDefaultNames()[size_t(id)]);
    return std::nullopt;
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
    if (const auto called = evaluateCall()) {
        // the model --call gives becomes the last one built, which is the one imported
        const auto *m = dynamic_cast<const KModel *>(called->host());
        if (!m)
            fail(0, 0, "--call \"" + *opts_.call + "\" does not give a Keras model: " + whyNotValue(*called));
        ModelObj copy = models_[size_t(m->id)];
        models_.push_back(std::move(copy));
    }
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
                for (const auto &b : c->library ? std::vector<std::string>{} : c->baseNames)
                    if (b.find("Model") != std::string::npos)
                        fail(c->line, c->column,
                             "class " + c->name + " subclasses " + b +
                                 ": subclassed Keras models are not supported yet; write the model with Sequential "
                                 "or the functional API");
            failNoModel("no Keras model found: the code builds no layers (expected Sequential([...]), model.add(...) "
                        "or layers called on Input(...))");
        }
    }
    if (!sequential && chosen >= 0)
        ids = kerasLayerOrder(models_[size_t(chosen)]);
    else if (!sequential)
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
        } else {
            layers_[size_t(ids[0])].hidden = true; // a Sequential lists no InputLayer, even one written
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
        l.implicitInput = o.implicitInput || o.hidden;
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
