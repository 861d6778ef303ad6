// torch_import.cpp — what PyTorch code builds: torch.nn modules of catalogue classes (`nn.Conv2d`,
// `torch.nn.Conv2d`, `Conv2d` imported from torch.nn) and nn.Sequential containers (positional children, an
// OrderedDict of named children, add_module/append). The graph is the last nn.Sequential, children named as
// state_dict() names them, fed by an implicit Input whose shape comes from --input-shape (torch code declares none).
#include "importers/interpreter.h"
#include "model/edit.h"

#include <algorithm>

namespace convlens::pyimport {

namespace {

using K = Value::Kind;
using py::Expr;

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

class TorchImporter final : public Interpreter {
public:
    TorchImporter(const std::string &file, const LoadOptions &opts) : Interpreter(Framework::PyTorch, file, opts) {}

protected:
    Value callSymbol(const std::string &path, CallArgs &args, const Expr &call) override
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
            return Value::object(K::Layer, constructLayer(*k, last, args, call), call.line, call.column);
        if (!last.empty() && last[0] >= 'A' && last[0] <= 'Z') {
            Value u;
            u.kind = K::UnknownLayer;
            u.text = last;
            u.line = call.line;
            u.column = call.column;
            return u;
        }
        return opaqueCall(args, call, "");
    }

    Value callLayer(int, CallArgs &, const Expr &call) override
    {
        return Value::opaque(py::shortText(call) + " (line " + std::to_string(call.line) +
                                 ") runs a module, which is not evaluated",
                             call.line);
    }

    Value callModel(int, CallArgs &, const Expr &call) override
    {
        return Value::opaque(py::shortText(call) + " (line " + std::to_string(call.line) +
                                 ") runs the model, which is not evaluated",
                             call.line);
    }

    static bool returnsSelf(const std::string &method)
    {
        static const std::set<std::string> self{"to",    "cuda",   "cpu",  "eval",          "train",
                                                "float", "double", "half", "requires_grad_", "share_memory"};
        return self.count(method) > 0;
    }

    Value modelMethod(int mid, const std::string &method, const Expr &call, Frame &f) override
    {
        if (method == "add_module" || method == "append") {
            CallArgs args = evalArgs(call, f);
            const bool named = method == "add_module";
            const CallArgs::Arg *module = named ? (args.positional.size() > 1 ? &args.positional[1] : args.keyword("module"))
                                                : (!args.positional.empty() ? &args.positional[0] : args.keyword("module"));
            const CallArgs::Arg *name = named ? (!args.positional.empty() ? &args.positional[0] : args.keyword("name"))
                                              : nullptr;
            if (!module)
                fail(call, "Sequential." + method + "() missing required argument 'module'");
            std::string childName;
            if (name) {
                if (name->value.kind != K::Str)
                    fail(call, "Sequential.add_module(name=" + py::shortText(*name->expr) +
                                   "): the name could not be evaluated: " + whyNotValue(name->value, name->expr));
                childName = name->value.text;
            }
            add(mid, module->value, module->expr ? *module->expr : call, childName);
            return named ? Value::none() : Value::object(K::Model, mid, call.line, call.column);
        }
        if (returnsSelf(method))
            return Value::object(K::Model, mid, call.line, call.column);
        return Value::opaque(py::shortText(call) + " (line " + std::to_string(call.line) + ") is not evaluated",
                             call.line);
    }

    Value layerMethod(int layer, const std::string &method, const Expr &call, Frame &) override
    {
        if (returnsSelf(method))
            return Value::object(K::Layer, layer, call.line, call.column);
        return Value::opaque(py::shortText(call) + " (line " + std::to_string(call.line) + ") is not evaluated",
                             call.line);
    }

    Value callUnknownLayer(const Value &, CallArgs &args, const Expr &call) override
    {
        return opaqueCall(args, call, "");
    }

    Value instantiate(const UserClass &cls, CallArgs &args, const Expr &call) override
    {
        for (const auto &b : cls.bases)
            if (b.find("Module") != std::string::npos)
                fail(call, customModuleMessage(cls));
        return opaqueCall(args, call, "");
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
            for (const auto &c : classes_)
                for (const auto &b : c.bases)
                    if (b.find("Module") != std::string::npos)
                        fail(c.line, c.column, customModuleMessage(c));
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

private:
    static std::string customModuleMessage(const UserClass &c)
    {
        return "class " + c.name + " (line " + std::to_string(c.line) +
               ") is a custom nn.Module: only nn.Sequential models are supported for now; write the model as "
               "nn.Sequential(...) of torch.nn layers";
    }

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
        if (args.positional.size() == 1 && args.positional[0].value.kind == K::Dict) {
            const auto &el = args.positional[0].value.elements();
            const Expr &at = args.positional[0].expr ? *args.positional[0].expr : call;
            for (size_t i = 0; i + 1 < el.size(); i += 2) {
                if (el[i].kind != K::Str)
                    fail(at, "nn.Sequential(OrderedDict(...)): every name must be a string");
                add(mid, el[i + 1], at, el[i].text);
            }
        } else {
            for (const auto &a : args.positional)
                add(mid, a.value, a.expr ? *a.expr : call, {});
        }
        return Value::object(K::Model, mid, call.line, call.column);
    }

    void add(int mid, const Value &v, const Expr &at, const std::string &name)
    {
        int id = -1;
        switch (v.kind) {
        case K::Layer: id = v.id; break;
        case K::Model:
            fail(at, "a nested nn.Sequential (line " + std::to_string(models_[size_t(v.id)].line) +
                         ") is not supported yet; put its layers directly into the outer nn.Sequential");
        case K::UnknownLayer: fail(v.line, v.column, unknownLayerMessage(v.text, v.line));
        default:
            fail(at, "nn.Sequential takes modules, but " + py::shortText(at) + " is not one: " + whyNotValue(v, &at));
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
};

} // namespace

LoadResult importTorchCode(const py::Module &module, const std::string &fileName, const LoadOptions &opts)
{
    TorchImporter importer(fileName, opts);
    return importer.run(module);
}

} // namespace convlens::pyimport
