// torch.cpp — what PyTorch code builds: torch.nn modules of catalogue classes (`nn.Conv2d`, `torch.nn.Conv2d`,
// `Conv2d` imported from torch.nn) and nn.Sequential containers (positional children, an OrderedDict of named
// children, add_module/append). The graph is the last nn.Sequential, children named as state_dict() names them, fed
// by an implicit Input whose shape comes from --input-shape (torch code declares none). Modules and containers are
// host objects of the evaluator (python/host.h).
#include "importers/recorder.h"
#include "model/edit.h"
#include "model/ops.h"

#include <algorithm>

namespace convlens::importers {

namespace {

using py::Kind;

bool notModulePath(const std::vector<std::string> &segs)
{
    static const std::set<std::string> other{"F",    "functional", "np",   "numpy",       "optim",  "utils",
                                             "data", "transforms", "math", "torchvision", "models", "init"};
    return underModule(segs, other);
}

// A module class is written bare (imported from torch.nn) or under an `nn` module.
bool modulePath(const std::vector<std::string> &segs)
{
    if (segs.size() == 1)
        return true;
    return std::find(segs.begin(), segs.end() - 1, "nn") != segs.end() - 1;
}

bool returnsSelf(const std::string &method)
{
    static const std::set<std::string> self{"to",    "cuda",   "cpu",  "eval",           "train",
                                            "float", "double", "half", "requires_grad_", "share_memory"};
    return self.count(method) > 0;
}

class TorchRecorder;

// A torch.nn module of a catalogue class.
class TModule final : public py::HostObject {
public:
    TModule(TorchRecorder &r, int layer) : rec(r), id(layer) {}
    std::string describe() const override { return "a layer object"; }
    std::optional<Value> call(py::Evaluator &, CallArgs &, const Expr &call) override;
    std::optional<Value> callMethod(py::Evaluator &, const std::string &name, py::LazyArgs &,
                                    const Expr &call) override;
    TorchRecorder &rec;
    int id;
};

class TSequential final : public py::HostObject {
public:
    TSequential(TorchRecorder &r, int model) : rec(r), id(model) {}
    std::string describe() const override { return "a model"; }
    std::optional<Value> call(py::Evaluator &, CallArgs &, const Expr &call) override;
    std::optional<Value> callMethod(py::Evaluator &ev, const std::string &name, py::LazyArgs &args,
                                    const Expr &call) override;
    TorchRecorder &rec;
    int id;
};

class TUnknownModule final : public py::HostObject {
public:
    TUnknownModule(TorchRecorder &r, std::string cls, int l, int c) : rec(r), name(std::move(cls)), line(l), column(c) {}
    std::string describe() const override { return "a " + name + " object"; }
    bool builtNothing() const override { return true; }
    std::optional<Value> call(py::Evaluator &, CallArgs &args, const Expr &call) override;
    TorchRecorder &rec;
    std::string name;
    int line, column;
};

// nn.Module as a base class.
class TModuleClass final : public py::HostObject {
public:
    explicit TModuleClass(TorchRecorder &r) : rec(r) {}
    std::string describe() const override { return "the nn.Module class"; }
    bool isClass() const override { return true; }
    py::HostObject *instantiateSubclass(py::Evaluator &ev, py::InstanceObject *self, const Expr &call) override;
    TorchRecorder &rec;
};

class TorchRecorder final : public Recorder {
public:
    TorchRecorder(const std::string &file, const LoadOptions &opts) : Recorder(Framework::PyTorch, file, opts) {}

    bool isTensor(const Value &) const override { return false; }

    Value moduleValue(int id)
    {
        if (moduleObjects_.size() <= size_t(id))
            moduleObjects_.resize(size_t(id) + 1, nullptr);
        if (!moduleObjects_[size_t(id)])
            moduleObjects_[size_t(id)] = ev().heap().make<TModule>(*this, id);
        return ev().hostValue(moduleObjects_[size_t(id)]);
    }
    Value sequentialValue(int id)
    {
        if (sequentialObjects_.size() <= size_t(id))
            sequentialObjects_.resize(size_t(id) + 1, nullptr);
        if (!sequentialObjects_[size_t(id)])
            sequentialObjects_[size_t(id)] = ev().heap().make<TSequential>(*this, id);
        return ev().hostValue(sequentialObjects_[size_t(id)]);
    }

    Value callSymbol(py::Evaluator &ev, const std::string &path, CallArgs &args, const Expr &call) override
    {
        const auto segs = segments(path);
        const std::string &last = segs.back();
        if (notModulePath(segs) || !modulePath(segs))
            return opaqueCall(args, call, " (only torch.nn modules inside nn.Sequential are imported)");
        if (last == "Sequential")
            return newSequential(args, call);
        const KindDef *k = findKind(Framework::PyTorch, last);
        // Input, cat and add are graph nodes for project files, not torch.nn modules
        if (k && k->op != Op::Input && k->className != "cat" && k->className != "add")
            return moduleValue(constructLayer(*k, last, args, call));
        if (!last.empty() && last[0] >= 'A' && last[0] <= 'Z')
            return ev.hostValue(ev.heap().make<TUnknownModule>(*this, last, call.line, call.column));
        return opaqueCall(args, call, "");
    }

    py::HostObject *hostClass(py::Evaluator &ev, const std::string &path, const Expr &) override
    {
        if (lastSegment(path).find("Module") == std::string::npos)
            return nullptr;
        if (!moduleClass_)
            moduleClass_ = ev.heap().make<TModuleClass>(*this);
        return moduleClass_;
    }

    Value sequentialMethod(int mid, const std::string &method, py::LazyArgs &lazy, const Expr &call)
    {
        if (method == "add_module" || method == "append") {
            CallArgs &args = lazy.get();
            const bool named = method == "add_module";
            const Arg *module = named ? (args.positional.size() > 1 ? &args.positional[1] : args.keyword("module"))
                                      : (!args.positional.empty() ? &args.positional[0] : args.keyword("module"));
            const Arg *name = named ? (!args.positional.empty() ? &args.positional[0] : args.keyword("name")) : nullptr;
            if (!module)
                fail(call, "Sequential." + method + "() missing required argument 'module'");
            std::string childName;
            if (name) {
                if (!name->value.is(Kind::Str))
                    fail(call, "Sequential.add_module(name=" + py::shortText(*name->expr) +
                                   "): the name could not be evaluated: " + whyNotValue(name->value));
                childName = name->value.str();
            }
            add(mid, module->value, module->expr ? *module->expr : call, childName);
            return named ? Value::none() : sequentialValue(mid);
        }
        if (returnsSelf(method))
            return sequentialValue(mid);
        return opaque(py::shortText(call) + " (line " + std::to_string(call.line) + ") is not evaluated", call.line);
    }

    Graph assemble() override
    {
        int chosen = -1;
        int count = 0;
        for (size_t i = 0; i < models_.size(); ++i)
            if (!models_[i].layers.empty()) {
                chosen = int(i);
                ++count;
            }
        if (chosen < 0) {
            for (const py::ClassObject *c : ev().classes())
                for (const auto &b : c->baseNames)
                    if (b.find("Module") != std::string::npos)
                        fail(c->line, c->column, customModuleMessage(*c));
            fail(0, 0, "no nn.Sequential model found: ConvLens imports PyTorch models written as nn.Sequential(...)");
        }
        if (count > 1)
            note(0, "the code builds " + std::to_string(count) + " nn.Sequential models; ConvLens imports the last "
                    "one (line " + std::to_string(models_[size_t(chosen)].line) + ")");
        if (!opts_.inputShape)
            fail(0, 0, "PyTorch code declares no input shape; pass --input-shape C,H,W");
        const ModelObj &m = models_[size_t(chosen)];
        Graph g;
        g.framework = Framework::PyTorch;
        Layer input;
        input.type = "Input";
        input.name = "input";
        input.implicitInput = true;
        input.params["shape"] = edit::shapeValue(*opts_.inputShape);
        input.line = m.line;
        g.layers.push_back(std::move(input));
        // state_dict names: the OrderedDict key, else the index among the children
        for (size_t i = 0; i < m.layers.size(); ++i) {
            const LayerObj &o = layers_[size_t(m.layers[i])];
            Layer l;
            l.name = o.name.empty() ? std::to_string(i) : o.name;
            l.type = o.kind->className;
            l.params = o.params;
            l.line = o.line;
            l.inputs = {g.layers.back().name};
            g.layers.push_back(std::move(l));
        }
        assignDefaultNames(g);
        return finishGraph(std::move(g));
    }

    static std::string customModuleMessage(const py::ClassObject &c)
    {
        return "class " + c.name + " (line " + std::to_string(c.line) +
               ") is a custom nn.Module: only nn.Sequential models are supported for now; write the model as "
               "nn.Sequential(...) of torch.nn layers";
    }

private:
    Value newSequential(CallArgs &args, const Expr &call)
    {
        if (!args.unresolved.empty())
            fail(call, "nn.Sequential(...): cannot expand " + args.unresolved);
        if (!args.keywords.empty())
            fail(call, "Sequential() got an unexpected keyword argument '" + args.keywords[0].first + "'");
        ModelObj m;
        m.kind = ModelObj::Kind::TorchSequential;
        m.line = call.line;
        m.column = call.column;
        const int mid = newModel(std::move(m));
        if (args.positional.size() == 1 && args.positional[0].value.is(Kind::Dict)) {
            const auto entries = args.positional[0].value.as<py::DictObject>()->entries;
            const Expr &at = args.positional[0].expr ? *args.positional[0].expr : call;
            for (const auto &[k, v] : entries) {
                if (!k.is(Kind::Str))
                    fail(at, "nn.Sequential(OrderedDict(...)): every name must be a string");
                add(mid, v, at, k.str());
            }
        } else {
            for (const auto &a : args.positional)
                add(mid, a.value, a.expr ? *a.expr : call, {});
        }
        return sequentialValue(mid);
    }

    void add(int mid, const Value &v, const Expr &at, const std::string &name)
    {
        int id = -1;
        py::HostObject *h = v.host();
        if (const auto *mod = dynamic_cast<const TModule *>(h)) {
            id = mod->id;
        } else if (const auto *seq = dynamic_cast<const TSequential *>(h)) {
            fail(at, "a nested nn.Sequential (line " + std::to_string(models_[size_t(seq->id)].line) +
                         ") is not supported yet; put its layers directly into the outer nn.Sequential");
        } else if (const auto *u = dynamic_cast<const TUnknownModule *>(h)) {
            fail(u->line, u->column, unknownLayerMessage(u->name, u->line));
        } else {
            fail(at, "nn.Sequential takes modules, but " + py::shortText(at) + " is not one: " + whyNotValue(v));
        }
        if (layers_[size_t(id)].owner != -2) {
            // a stateless module (nn.ReLU()) reused is harmless: each use becomes its own node
            if (traits(layers_[size_t(id)].kind->op).hasWeights)
                fail(at, "the module " + describeLayer(id) +
                             " is used a second time: its weights would be shared, which ConvLens does not support "
                             "(one node per layer); create a separate module for each use");
            LayerObj copy = layers_[size_t(id)];
            copy.owner = -2;
            copy.name.clear();
            id = newLayer(std::move(copy));
        }
        LayerObj &o = layers_[size_t(id)];
        o.name = name;
        o.owner = mid;
        o.order = nextOrder_++;
        models_[size_t(mid)].layers.push_back(id);
        ++buildEvents_;
    }

    TModuleClass *moduleClass_ = nullptr;
    std::vector<TModule *> moduleObjects_;
    std::vector<TSequential *> sequentialObjects_;
};

std::optional<Value> TModule::call(py::Evaluator &, CallArgs &, const Expr &call)
{
    return rec.opaque(py::shortText(call) + " (line " + std::to_string(call.line) + ") runs a module, which is not evaluated",
                      call.line);
}

std::optional<Value> TModule::callMethod(py::Evaluator &, const std::string &name, py::LazyArgs &, const Expr &call)
{
    if (returnsSelf(name))
        return rec.moduleValue(id);
    return rec.opaque(py::shortText(call) + " (line " + std::to_string(call.line) + ") is not evaluated", call.line);
}

std::optional<Value> TSequential::call(py::Evaluator &, CallArgs &, const Expr &call)
{
    return rec.opaque(py::shortText(call) + " (line " + std::to_string(call.line) +
                          ") runs the model, which is not evaluated",
                      call.line);
}

std::optional<Value> TSequential::callMethod(py::Evaluator &, const std::string &name, py::LazyArgs &args,
                                             const Expr &call)
{
    return rec.sequentialMethod(id, name, args, call);
}

std::optional<Value> TUnknownModule::call(py::Evaluator &, CallArgs &args, const Expr &call)
{
    return rec.opaqueCall(args, call, "");
}

py::HostObject *TModuleClass::instantiateSubclass(py::Evaluator &, py::InstanceObject *self, const Expr &call)
{
    rec.fail(call, TorchRecorder::customModuleMessage(*self->cls));
}

} // namespace

LoadResult importTorchCode(const py::Module &module, const std::string &fileName, const LoadOptions &opts)
{
    TorchRecorder recorder(fileName, opts);
    return recorder.run(module);
}

} // namespace convlens::importers
