// torch.cpp — what PyTorch code builds. Modules are host objects of the evaluator: torch.nn layers of catalogue
// classes (leaves), the containers nn.Sequential / nn.ModuleList / nn.ModuleDict, and the host part of user classes
// derived from nn.Module (their attributes register children, as Module.__setattr__ does). The model is the module
// the code binds last (or `--call`, or its only nn.Module class); its forward() then runs on a shape-carrying tensor,
// and every leaf-module call, torch function and tensor method that computes becomes a row named as
// torch.fx.symbolic_trace names its node (`conv1`, `relu`, `relu_1`, `layer1_0_conv1`, `add`). A root nn.Sequential
// keeps the state_dict names of its children ("0", "2.1"), as DESIGN.md's contract for nn.Sequential code says.
// Shapes come from the shape engine as the trace goes, so code that reads them (`x.size(0)`, `x.shape[2:]`,
// `num_flat_features`) sees torch's numbers; sizes are traced ints whose arithmetic takes fx's node names.
#include "importers/recorder.h"
#include "model/edit.h"
#include "model/text.h"
#include "python/parser.h"
#include "shape/infer.h"

#include <algorithm>
#include <unordered_set>

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

// torchvision.models builders: the project's own definitions (resources/applications/torchvision/).
const char *torchvisionFile(const std::vector<std::string> &segs)
{
    if (segs.size() < 2 || std::find(segs.begin(), segs.end() - 1, std::string("models")) == segs.end() - 1)
        return nullptr;
    const std::string &f = segs.back();
    const auto starts = [&](const char *p) { return f.rfind(p, 0) == 0; };
    if (f == "alexnet")
        return "torchvision/alexnet.py";
    if (starts("vgg"))
        return "torchvision/vgg.py";
    if (starts("resnet") || starts("resnext") || starts("wide_resnet"))
        return "torchvision/resnet.py";
    if (f == "mobilenet_v2")
        return "torchvision/mobilenet_v2.py";
    return nullptr;
}

bool returnsSelf(const std::string &method)
{
    static const std::set<std::string> self{"to",    "cuda",   "cpu",  "eval",           "train", "apply",
                                            "float", "double", "half", "requires_grad_", "share_memory",
                                            "zero_grad", "type"};
    return self.count(method) > 0;
}

// ------------------------------------------------------------------------------------------------- fx names

// torch/fx/graph.py: _snake_case, then _Namespace.create_name (illegal characters → '_', a leading digit gets '_',
// a `_<n>` suffix is read as base + number, taken names and Python keywords/builtins get the next free number).
std::string snakeCase(const std::string &s)
{
    std::string out;
    bool prevLower = false;
    for (char c : s) {
        const bool upper = c >= 'A' && c <= 'Z';
        if (prevLower && upper)
            out += '_';
        out += upper ? char(c - 'A' + 'a') : c;
        prevLower = c >= 'a' && c <= 'z';
    }
    return out;
}

class FxNames {
public:
    std::string create(std::string candidate)
    {
        std::string clean;
        bool inRun = false;
        for (char c : candidate) {
            const bool ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
            if (ok) {
                clean += c;
                inRun = false;
            } else if (!inRun) {
                clean += '_';
                inRun = true;
            }
        }
        if (clean.empty())
            clean = "_unnamed";
        if (clean[0] >= '0' && clean[0] <= '9')
            clean = "_" + clean;
        std::string base = clean;
        std::int64_t num = -1;
        const auto us = clean.rfind('_');
        if (us != std::string::npos && us + 1 < clean.size() &&
            clean.find_first_not_of("0123456789", us + 1) == std::string::npos && clean.size() - us - 1 < 18) {
            base = clean.substr(0, us);
            num = std::stoll(clean.substr(us + 1));
        }
        std::string name = num < 0 ? base : base + "_" + std::to_string(num);
        if (num < 0)
            num = 0;
        while (used_.count(name) || illegal(name))
            name = base + "_" + std::to_string(++num);
        used_.insert(name);
        return name;
    }
    void reserve(const std::string &name) { used_.insert(name); }

private:
    static bool illegal(const std::string &n)
    {
        static const std::unordered_set<std::string> words{
            // keyword.kwlist
            "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def",
            "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is",
            "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
            // builtins of Python 3.11 (lower-case ones; the capitalised exception names cannot come from snake_case)
            "abs", "aiter", "all", "anext", "any", "ascii", "bin", "bool", "breakpoint", "bytearray", "bytes",
            "callable", "chr", "classmethod", "compile", "complex", "copyright", "credits", "delattr", "dict", "dir",
            "divmod", "enumerate", "eval", "exec", "exit", "filter", "float", "format", "frozenset", "getattr",
            "globals", "hasattr", "hash", "help", "hex", "id", "input", "int", "isinstance", "issubclass", "iter",
            "len", "license", "list", "locals", "map", "max", "memoryview", "min", "next", "object", "oct", "open",
            "ord", "pow", "print", "property", "quit", "range", "repr", "reversed", "round", "set", "setattr",
            "slice", "sorted", "staticmethod", "str", "sum", "super", "tuple", "type", "vars", "zip",
            "__build_class__", "__debug__", "__doc__", "__import__", "__loader__", "__name__", "__package__",
            "__spec__",
            // fx's own builtins
            "inf", "nan", "NoneType", "torch", "device", "fx_pytree", "pytree"};
        return words.count(n) > 0;
    }
    std::unordered_set<std::string> used_;
};

class TorchRecorder;

// ------------------------------------------------------------------------------------------------- host objects

// Any nn.Module: a leaf of a catalogue class, a container, the host part of a user nn.Module subclass, or a torch.nn
// class ConvLens does not know (fine until its forward runs).
class TModule final : public py::HostObject {
public:
    enum class Type { Leaf, Sequential, ModuleList, ModuleDict, User, Unsupported };
    TModule(TorchRecorder &r, Type t, std::string c, int l, int col) : rec(r), type(t), cls(std::move(c)), line(l), column(col) {}

    std::string describe() const override { return "a " + cls + " module"; }
    std::string whyNotValue() const override { return "it is a module (" + cls + "), not a value"; }
    bool buildsOnCall() const override { return true; }
    bool buildsOnMethod(const std::string &name) const override
    {
        return name == "add_module" || name == "register_module" || name == "append" || name == "extend" ||
               name == "insert" || name == "update";
    }
    std::optional<Value> getAttr(py::Evaluator &ev, const std::string &name, const Expr &at) override;
    bool setAttr(py::Evaluator &ev, const std::string &name, const Value &v, const Expr &at) override;
    std::optional<Value> call(py::Evaluator &ev, CallArgs &args, const Expr &call) override;
    std::optional<Value> callMethod(py::Evaluator &ev, const std::string &name, py::LazyArgs &args,
                                    const Expr &call) override;
    std::optional<Value> getItem(py::Evaluator &ev, const Value &index, const Expr &at) override;
    bool setItem(py::Evaluator &ev, const Value &index, const Value &v, const Expr &at) override;
    std::optional<std::vector<Value>> iterate(py::Evaluator &ev, const Expr &at) override;
    std::optional<std::int64_t> length(py::Evaluator &, const Expr &) override;
    std::optional<bool> truth(py::Evaluator &) override;
    std::optional<bool> isInstance(py::Evaluator &ev, const Value &cls) override;

    bool container() const { return type == Type::Sequential || type == Type::ModuleList || type == Type::ModuleDict; }
    Value *child(const std::string &name)
    {
        for (auto &[n, v] : children)
            if (n == name)
                return &v;
        return nullptr;
    }
    void setChild(const std::string &name, const Value &v)
    {
        if (Value *c = child(name))
            *c = v;
        else
            children.emplace_back(name, v);
    }

    TorchRecorder &rec;
    Type type;
    std::string cls;   // "Conv2d", "Sequential", the user class name
    int line, column;  // where it was constructed
    int layer = -1;    // Leaf: the layer object (kind and parameters)
    std::vector<std::pair<std::string, Value>> children; // registered submodules, in order (None allowed)
};

// nn.Module / nn.Sequential / nn.ModuleList / nn.ModuleDict as the base of a user class.
class TModuleClass final : public py::HostObject {
public:
    TModuleClass(TorchRecorder &r, TModule::Type t, std::string n) : rec(r), type(t), name(std::move(n)) {}
    std::string describe() const override { return "the nn." + name + " class"; }
    bool isClass() const override { return true; }
    py::HostObject *instantiateSubclass(py::Evaluator &ev, py::InstanceObject *self, const Expr &call) override;
    TorchRecorder &rec;
    TModule::Type type;
    std::string name;
};

// A tensor of the traced forward: a row of the graph (or the input), with the shape the engine gives it.
class TTensor final : public py::HostObject {
public:
    TTensor(TorchRecorder &r, int producer) : rec(r), row(producer) {}
    std::string describe() const override { return "a tensor"; }
    std::string whyNotValue() const override { return "it is a tensor, not a value"; }
    std::optional<Value> getAttr(py::Evaluator &ev, const std::string &name, const Expr &at) override;
    std::optional<Value> callMethod(py::Evaluator &ev, const std::string &name, py::LazyArgs &args,
                                    const Expr &call) override;
    std::optional<Value> binary(py::Evaluator &ev, const std::string &op, const Value &other, bool reflected,
                                const Expr &at) override;
    std::optional<Value> unary(py::Evaluator &ev, const std::string &op, const Expr &at) override;
    std::optional<Value> getItem(py::Evaluator &ev, const Value &index, const Expr &at) override;
    std::optional<std::vector<Value>> iterate(py::Evaluator &ev, const Expr &at) override;
    std::optional<bool> truth(py::Evaluator &) override { return std::nullopt; }
    TorchRecorder &rec;
    int row;
};

// torch.Size read in forward (x.size(), x.shape): indexing and unpacking it are fx getitem nodes.
class TSize final : public py::HostObject {
public:
    TSize(TorchRecorder &r, Shape d, Value plainTuple) : rec(r), dims(std::move(d)), tuple(plainTuple) {}
    std::string describe() const override { return "a torch.Size"; }
    std::optional<Value> plainValue() const override { return tuple; }
    std::optional<Value> getItem(py::Evaluator &ev, const Value &index, const Expr &at) override;
    std::optional<std::vector<Value>> iterate(py::Evaluator &ev, const Expr &at) override;
    std::optional<std::vector<Value>> unpack(py::Evaluator &ev, std::size_t n, const Expr &at) override;
    std::optional<std::int64_t> length(py::Evaluator &, const Expr &) override { return std::int64_t(dims.size()); }
    TorchRecorder &rec;
    Shape dims;
    Value tuple;
};

// torch.max(x, dim) / x.min(dim): torch.return_types (values, indices). fx makes a node of the call (not a row: it
// gives a pair) and one of each [i] / .values / .indices that reads it: those are the rows.
class TMaxResult final : public py::HostObject {
public:
    TMaxResult(TorchRecorder &r, int in, std::string f, std::int64_t d, bool keep)
        : rec(r), input(in), fn(std::move(f)), dim(d), keepdim(keep) {}
    std::string describe() const override { return "the (values, indices) of torch." + fn; }
    std::optional<Value> getItem(py::Evaluator &ev, const Value &index, const Expr &at) override;
    std::optional<Value> getAttr(py::Evaluator &ev, const std::string &name, const Expr &at) override;
    std::optional<std::vector<Value>> unpack(py::Evaluator &ev, std::size_t n, const Expr &at) override;
    std::optional<std::int64_t> length(py::Evaluator &, const Expr &) override { return 2; }
    Value part(bool indices, const std::string &node, int line);
    TorchRecorder &rec;
    int input;
    std::string fn;
    std::int64_t dim;
    bool keepdim;
};

// An int (or float) computed from a size in forward: arithmetic on it is an fx node (add, mul, floordiv, eq …).
class TNum final : public py::HostObject {
public:
    TNum(TorchRecorder &r, Value v) : rec(r), value(v) {}
    std::string describe() const override { return "a size"; }
    std::optional<Value> plainValue() const override { return value; }
    std::optional<Value> binary(py::Evaluator &ev, const std::string &op, const Value &other, bool reflected,
                                const Expr &at) override;
    std::optional<Value> unary(py::Evaluator &ev, const std::string &op, const Expr &at) override;
    TorchRecorder &rec;
    Value value;
};

// Stops the trace when a row the code depends on (its shape) is refused by the shape engine: torch would have
// raised there, and the rows so far (with the refusal) are the model as far as it goes.
struct TraceStop {};

// ------------------------------------------------------------------------------------------------- the recorder

class TorchRecorder final : public Recorder {
public:
    TorchRecorder(const std::string &file, const LoadOptions &opts) : Recorder(Framework::PyTorch, file, opts) {}

    bool isTensor(const Value &v) const override
    {
        if (dynamic_cast<const TTensor *>(v.host()))
            return true;
        if (v.isSeq())
            return std::any_of(v.items().begin(), v.items().end(),
                               [](const Value &e) { return dynamic_cast<const TTensor *>(e.host()) != nullptr; });
        return false;
    }

    static TModule *moduleOf(const Value &v)
    {
        if (auto *m = dynamic_cast<TModule *>(v.host()))
            return m;
        if (v.is(Kind::Instance))
            return dynamic_cast<TModule *>(v.as<py::InstanceObject>()->host);
        return nullptr;
    }

    TModule *newModule(TModule::Type t, const std::string &cls, const Expr &at)
    {
        auto *m = ev().heap().make<TModule>(*this, t, cls, at.line, at.column);
        ++buildEvents_;
        if (t == TModule::Type::Sequential)
            sequentials_.push_back(m);
        return m;
    }

    Value callUnevaluated(py::Evaluator &ev, const Value &callee, CallArgs &args, const Expr &call) override
    {
        // in forward(), something not evaluated applied to a tensor: torch would run it; ConvLens cannot
        if (tracing_ && hasTensor(args))
            fail(call, tx(QT_TRANSLATE_NOOP("convlens::core", "%1 (line %2): %3"),
                          {py::sourceText(call), std::to_string(call.line), whyNotValue(callee)}));
        return Recorder::callUnevaluated(ev, callee, args, call);
    }

    bool buildsLayers(const std::string &path) const override
    {
        const auto segs = segments(path);
        if (notModulePath(segs) || !modulePath(segs))
            return false;
        const std::string &last = segs.back();
        return last == "Sequential" || last == "ModuleList" || last == "ModuleDict" ||
               findKind(Framework::PyTorch, last) != nullptr;
    }

    Value callSymbol(py::Evaluator &, const std::string &path, CallArgs &args, const Expr &call) override
    {
        const auto segs = segments(path);
        const std::string &last = segs.back();
        const bool functional = std::find(segs.begin(), segs.end(), "functional") != segs.end() || segs[0] == "F";
        const bool torchTop = segs.size() == 2 && segs[0] == "torch";
        if ((functional || torchTop) && tracing_ && hasTensor(args))
            return function(last, args, call);
        if (const char *file = torchvisionFile(segs))
            return callApplication(file, last, args, call);
        if (notModulePath(segs) || !modulePath(segs))
            return opaqueCall(args, call, " (only torch.nn modules inside nn.Sequential are imported)");
        if (last == "Sequential")
            return newSequential(args, call);
        if (last == "ModuleList" || last == "ModuleDict")
            return newListOrDict(last == "ModuleList" ? TModule::Type::ModuleList : TModule::Type::ModuleDict, args,
                                 call);
        const KindDef *k = findKind(Framework::PyTorch, last);
        // Input, cat and add are graph nodes for project files, not torch.nn modules
        if (k && k->op != Op::Input && k->className != "cat" && k->className != "add") {
            CallArgs given = args;
            if (k->className == "Identity") { // nn.Identity(*args, **kwargs) takes and ignores anything
                given.positional.clear();
                given.keywords.clear();
            }
            TModule *m = newModule(TModule::Type::Leaf, k->className, call);
            m->layer = constructLayer(*k, last, given, call);
            return m->self();
        }
        if (!last.empty() && last[0] >= 'A' && last[0] <= 'Z')
            return newModule(TModule::Type::Unsupported, last, call)->self();
        return opaqueCall(args, call, "");
    }

    py::HostObject *hostClass(py::Evaluator &ev, const std::string &path, const Expr &) override
    {
        const auto segs = segments(path);
        const std::string &last = segs.back();
        TModule::Type t;
        if (last == "Module")
            t = TModule::Type::User;
        else if (last == "Sequential")
            t = TModule::Type::Sequential;
        else if (last == "ModuleList")
            t = TModule::Type::ModuleList;
        else if (last == "ModuleDict")
            t = TModule::Type::ModuleDict;
        else
            return nullptr;
        auto &c = classes_[int(t)];
        if (!c)
            c = ev.heap().make<TModuleClass>(*this, t, last);
        return c;
    }

    // ---- containers

    void addChild(TModule &parent, const std::string &name, const Value &v, const Expr &at)
    {
        if (!moduleOf(v) && !v.isNone()) {
            if (const auto *t = dynamic_cast<const TModuleClass *>(v.host()); t || v.is(Kind::Class))
                fail(at, tx(QT_TRANSLATE_NOOP("convlens::core",
                                              "nn.%1 takes modules, but %2 is a class; call it to make a module"),
                            {parent.cls, py::shortText(at)}));
            fail(at, tx(QT_TRANSLATE_NOOP("convlens::core", "nn.%1 takes modules, but %2 is not one: %3"),
                        {parent.type == TModule::Type::Sequential ? std::string("Sequential") : parent.cls,
                         py::shortText(at), whyNotValue(v)}));
        }
        if (name.find('.') != std::string::npos)
            fail(at, "module name can't contain \".\", got: " + name);
        parent.setChild(name, v);
        ++buildEvents_;
    }

    Value newSequential(CallArgs &args, const Expr &call)
    {
        if (!args.unresolved.empty())
            fail(call,
                 tx(QT_TRANSLATE_NOOP("convlens::core", "nn.Sequential(...): cannot expand %1"), {args.unresolved}));
        if (!args.keywords.empty())
            fail(call, "Sequential() got an unexpected keyword argument '" + args.keywords[0].first + "'");
        TModule *m = newModule(TModule::Type::Sequential, "Sequential", call);
        initContainer(*m, args, call);
        return m->self();
    }

    void initContainer(TModule &m, CallArgs &args, const Expr &call)
    {
        if (m.type == TModule::Type::Sequential) {
            if (args.positional.size() == 1 && args.positional[0].value.is(Kind::Dict)) {
                const auto entries = args.positional[0].value.as<py::DictObject>()->entries;
                const Expr &at = args.positional[0].expr ? *args.positional[0].expr : call;
                for (const auto &[k, v] : entries) {
                    if (!k.is(Kind::Str))
                        fail(at, tx(QT_TRANSLATE_NOOP("convlens::core",
                                                      "nn.Sequential(OrderedDict(...)): every name must be a string")));
                    addChild(m, k.str(), v, at);
                }
                return;
            }
            for (const auto &a : args.positional)
                addChild(m, std::to_string(m.children.size()), a.value, a.expr ? *a.expr : call);
            return;
        }
        const Arg *src = !args.positional.empty() ? &args.positional[0]
                         : args.keyword(m.type == TModule::Type::ModuleList ? "modules" : "modules");
        if (!src || src->value.isNone())
            return;
        const Expr &at = src->expr ? *src->expr : call;
        if (m.type == TModule::Type::ModuleList) {
            extendList(m, src->value, at);
            return;
        }
        updateDict(m, src->value, at);
    }

    void extendList(TModule &m, const Value &items, const Expr &at)
    {
        std::string why;
        auto list = ev().iterate(items, at, &why);
        if (!list)
            fail(at, tx(QT_TRANSLATE_NOOP("convlens::core", "nn.ModuleList(%1): %2"), {py::shortText(at), why}));
        for (const auto &v : *list)
            addChild(m, std::to_string(m.children.size()), v, at);
    }

    void updateDict(TModule &m, const Value &src, const Expr &at)
    {
        if (src.is(Kind::Dict)) {
            for (const auto &[k, v] : src.as<py::DictObject>()->entries) {
                if (!k.is(Kind::Str))
                    fail(at, tx(QT_TRANSLATE_NOOP("convlens::core", "nn.ModuleDict: every key must be a string")));
                addChild(m, k.str(), v, at);
            }
            return;
        }
        std::string why;
        auto pairs = ev().iterate(src, at, &why);
        if (!pairs)
            fail(at, tx(QT_TRANSLATE_NOOP("convlens::core", "nn.ModuleDict(%1): %2"), {py::shortText(at), why}));
        for (const auto &p : *pairs) {
            auto kv = ev().iterate(p, at, &why);
            if (!kv || kv->size() != 2 || !(*kv)[0].is(Kind::Str))
                fail(at, tx(QT_TRANSLATE_NOOP("convlens::core", "nn.ModuleDict expects (name, module) pairs")));
            addChild(m, (*kv)[0].str(), (*kv)[1], at);
        }
    }

    Value newListOrDict(TModule::Type t, CallArgs &args, const Expr &call)
    {
        TModule *m = newModule(t, t == TModule::Type::ModuleList ? "ModuleList" : "ModuleDict", call);
        initContainer(*m, args, call);
        return m->self();
    }

    // ---- choosing the model

    std::vector<std::pair<std::string, TModule *>> namedModules(TModule *root)
    {
        std::vector<std::pair<std::string, TModule *>> out;
        std::unordered_set<const TModule *> seen;
        std::function<void(TModule *, const std::string &, int)> visit = [&](TModule *m, const std::string &prefix,
                                                                              int depth) {
            if (!seen.insert(m).second || depth > py::kMaxNesting)
                return;
            out.emplace_back(prefix, m);
            for (const auto &[name, v] : m->children)
                if (TModule *c = moduleOf(v))
                    visit(c, prefix.empty() ? name : prefix + "." + name, depth + 1);
        };
        visit(root, "", 0);
        return out;
    }

    TModule *chooseRoot()
    {
        if (const auto v = evaluateCall()) {
            if (TModule *m = moduleOf(*v))
                return m;
            fail(0, 0,
                 tx(QT_TRANSLATE_NOOP("convlens::core", "--call \"%1\" does not give an nn.Module: %2"),
                    {*opts_.call, whyNotValue(*v)}));
        }
        // the last top-level variable bound to a model (a user module or a container), else to any module
        const auto globals = ev().globalsByAssignment();
        for (int pass = 0; pass < 2; ++pass)
            for (auto it = globals.rbegin(); it != globals.rend(); ++it)
                if (TModule *m = moduleOf(it->second)) {
                    const bool model = m->type == TModule::Type::User || m->type == TModule::Type::Sequential;
                    if (pass == 1 || model)
                        return m;
                }
        // an nn.Sequential(...) the code builds without naming it
        for (auto it = sequentials_.rbegin(); it != sequentials_.rend(); ++it)
            if (!(*it)->children.empty())
                return *it;
        // a single nn.Module class that nothing instantiates and that needs no arguments
        std::vector<py::ClassObject *> candidates;
        for (py::ClassObject *c : ev().classes())
            if (c->hostBase && dynamic_cast<TModuleClass *>(c->hostBase) && !c->instantiated && !c->library)
                candidates.push_back(c);
        // classes used by other candidates (blocks) are parts, not the model
        std::vector<py::ClassObject *> tops;
        for (py::ClassObject *c : candidates) {
            bool usedElsewhere = false;
            for (py::ClassObject *other : candidates)
                if (other != c && mentions(other->def->body, c->name))
                    usedElsewhere = true;
            if (!usedElsewhere)
                tops.push_back(c);
        }
        if (tops.size() == 1) {
            py::ClassObject *c = tops[0];
            const auto init = initParams(*c);
            if (init.empty()) {
                note(c->line,
                     tx(QT_TRANSLATE_NOOP(
                            "convlens::core",
                            "built the model as %1() (the code defines the class but does not instantiate it)"),
                        {c->name}));
                auto site = std::make_unique<Expr>();
                site->kind = py::ExprKind::Call;
                site->line = c->line;
                site->column = c->column;
                auto callee = std::make_unique<Expr>();
                callee->kind = py::ExprKind::Name;
                callee->text = c->name;
                callee->line = c->line;
                callee->column = c->column;
                site->children.push_back(std::move(callee));
                CallArgs none;
                const Value v = ev().call(Value(static_cast<py::Object *>(c)), none, *site);
                sites_.push_back(std::move(site));
                if (TModule *m = moduleOf(v))
                    return m;
            }
        }
        if (!candidates.empty()) {
            std::string list;
            for (py::ClassObject *c : tops.empty() ? candidates : tops) {
                const auto init = initParams(*c);
                std::string sig;
                for (const auto &p : init)
                    sig += (sig.empty() ? "" : ", ") + p;
                list += (list.empty() ? "" : ", ") + c->name + "(" + sig + ") " +
                        tx(QT_TRANSLATE_NOOP("convlens::core", "(line %1)"), {std::to_string(c->line)});
            }
            const py::ClassObject *example = (tops.empty() ? candidates : tops).back();
            const auto init = initParams(*example);
            std::string args;
            for (size_t i = 0; i < init.size(); ++i)
                args += (i ? ", " : "") + std::string("…");
            fail(example->line, example->column,
                 tx(QT_TRANSLATE_NOOP("convlens::core", "the code defines nn.Module classes but builds no model: %1; "
                                                        "say which to build with --call, e.g. --call \"%2\""),
                    {list, example->name + "(" + args + ")"}));
        }
        failNoModel("no PyTorch model found: expected an nn.Module class, or a model built with nn.Sequential(...) "
                    "of torch.nn layers");
    }

    // The parameters of a class's __init__ that have no default (for messages and the --call hint).
    std::vector<std::string> initParams(const py::ClassObject &c)
    {
        for (const py::ClassObject *k : c.mro)
            if (auto it = k->attrs.find("__init__"); it != k->attrs.end() && it->second.is(Kind::Function)) {
                auto req = py::Evaluator::requiredParams(*it->second.as<py::FunctionObject>());
                if (!req.empty())
                    req.erase(req.begin()); // self
                return req;
            }
        return {};
    }

    // ---- the trace

    bool tracing() const { return tracing_; }

    Graph assemble() override
    {
        TModule *root = chooseRoot();
        if (!opts_.inputShape)
            fail(0, 0,
                 tx(QT_TRANSLATE_NOOP("convlens::core",
                                      "PyTorch code declares no input shape; pass --input-shape C,H,W")));
        root_ = root;
        for (const auto &[path, m] : namedModules(root))
            paths_.emplace(m, path);
        sequentialNames_ = root->type == TModule::Type::Sequential && !root->owner;
        Layer input;
        input.type = "Input";
        input.implicitInput = true;
        input.params["shape"] = edit::shapeValue(*opts_.inputShape);
        input.line = root->line;
        // placeholders first, named from forward's parameters (fx); a root nn.Sequential keeps "input"
        std::vector<std::string> params;
        if (root->owner)
            if (auto fwd = ev().findAttr(root->self(), "forward", dummySite()); fwd && fwd->is(Kind::BoundMethod)) {
                const Value fn = fwd->as<py::BoundMethodObject>()->function;
                if (fn.is(Kind::Function) && fn.as<py::FunctionObject>()->def)
                    for (size_t i = 1; i < fn.as<py::FunctionObject>()->def->params.size(); ++i)
                        params.push_back(fn.as<py::FunctionObject>()->def->params[i].name);
            }
        if (sequentialNames_) {
            input.name = "input";
            names_.reserve("input");
        } else {
            for (size_t i = 0; i < params.size(); ++i) {
                const std::string n = names_.create(snakeCase(params[i]));
                if (i == 0)
                    input.name = n;
            }
            if (params.empty())
                input.name = names_.create("input");
        }
        graph_.framework = Framework::PyTorch;
        graph_.layers.push_back(std::move(input));
        CallArgs args;
        args.positional.push_back({tensorValue(0), nullptr});
        tracing_ = true;
        scopes_.clear();
        try {
            const Value out = ev().call(root->self(), args, dummySite());
            setOutputs(out);
        } catch (const TraceStop &) {
            // the rows up to the refused one stand; the report shows the refusal
        }
        tracing_ = false;
        return finishGraph(std::move(graph_));
    }

    const Expr &dummySite()
    {
        if (!dummy_) {
            dummy_ = std::make_unique<Expr>();
            dummy_->kind = py::ExprKind::Name;
            dummy_->text = "model";
        }
        return *dummy_;
    }

    void setOutputs(const Value &out)
    {
        std::vector<std::string> names;
        const auto add = [&](const Value &v) {
            if (const auto *t = dynamic_cast<const TTensor *>(v.host()))
                names.push_back(graph_.layers[size_t(t->row)].name);
        };
        if (out.isSeq())
            for (const auto &v : out.items())
                add(v);
        else
            add(out);
        if (names.size() == 1 && names[0] == graph_.layers.back().name)
            return; // the last row: the default
        graph_.outputs = names;
    }

    Value tensorValue(int row)
    {
        if (tensors_.size() <= size_t(row))
            tensors_.resize(size_t(row) + 1, nullptr);
        if (!tensors_[size_t(row)])
            tensors_[size_t(row)] = ev().heap().make<TTensor>(*this, row);
        return ev().hostValue(tensors_[size_t(row)]);
    }

    // The full shape (batch 1 first) of a row; stops the trace when the engine refuses the row.
    Shape shapeOf(int row)
    {
        if (!report_ || reportRows_ < graph_.layers.size()) {
            report_ = infer(graph_);
            reportRows_ = graph_.layers.size();
        }
        const LayerReport &l = report_->layers[size_t(row)];
        if (!l.ok())
            throw TraceStop{};
        Shape s{1};
        s.insert(s.end(), l.output->begin(), l.output->end());
        return s;
    }

    // Takes a name for an fx node that is not a row (size, getitem on a size, integer arithmetic).
    void nonTensorNode(const std::string &target) { names_.create(target); }
    FxNames &names() { return names_; }

    std::string scope() const { return scopes_.empty() ? std::string() : scopes_.back(); }

    Value addRow(const std::string &name, const std::string &type, std::map<std::string, ParamValue> params,
                 const std::vector<int> &inputs, int line, const std::string &modulePath = {})
    {
        if (graph_.layers.size() >= kMaxLayers)
            fail(line, 0,
                 tx(QT_TRANSLATE_NOOP("convlens::core", "too many layers (more than %1)"),
                    {std::to_string(kMaxLayers)}));
        Layer l;
        l.name = name;
        l.type = type;
        l.params = std::move(params);
        for (int in : inputs)
            l.inputs.push_back(graph_.layers[size_t(in)].name);
        l.line = line;
        l.modulePath = modulePath;
        l.scope = scope();
        graph_.layers.push_back(std::move(l));
        ++buildEvents_;
        return tensorValue(int(graph_.layers.size() - 1));
    }

    int tensorArg(const CallArgs &args, size_t i, const std::string &who, const Expr &call)
    {
        if (i >= args.positional.size())
            fail(call, tx(QT_TRANSLATE_NOOP("convlens::core", "%1 missing its input tensor"), {who}));
        const auto *t = dynamic_cast<const TTensor *>(args.positional[i].value.host());
        if (!t)
            fail(call, tx(QT_TRANSLATE_NOOP("convlens::core", "%1 is applied to %2, which is not a tensor: %3"),
                          {who,
                           args.positional[i].expr ? py::shortText(*args.positional[i].expr)
                                                   : tx(QT_TRANSLATE_NOOP("convlens::core", "its input")),
                           whyNotValue(args.positional[i].value)}));
        return t->row;
    }

    Value callModule(TModule &m, CallArgs &args, const Expr &call)
    {
        if (!tracing_) {
            const bool model = m.type != TModule::Type::Leaf;
            return opaque(
                model ? tx(QT_TRANSLATE_NOOP("convlens::core", "%1 (line %2) runs the model, which is not evaluated"),
                           {py::shortText(call), std::to_string(call.line)})
                      : tx(QT_TRANSLATE_NOOP("convlens::core", "%1 (line %2) runs a module, which is not evaluated"),
                           {py::shortText(call), std::to_string(call.line)}),
                call.line);
        }
        auto path = paths_.find(&m);
        const std::string modPath = path != paths_.end() ? path->second : std::string();
        // a user class's forward (also when it derives from nn.Sequential and overrides it)
        if (m.owner) {
            if (auto fwd = ev().findAttr(m.self(), "forward", call); fwd && fwd->is(Kind::BoundMethod)) {
                if (path == paths_.end() && &m != root_)
                    fail(call,
                         tx(QT_TRANSLATE_NOOP("convlens::core",
                                              "the module %1 (line %2) is called in forward() but is not a submodule "
                                              "of the model (assign it to an attribute of self in __init__)"),
                            {m.cls, std::to_string(m.line)}));
                scopes_.push_back(modPath);
                seqChain_.push_back("");
                struct Pop {
                    TorchRecorder &r;
                    ~Pop()
                    {
                        r.scopes_.pop_back();
                        r.seqChain_.pop_back();
                    }
                } pop{*this};
                return ev().call(*fwd, args, call);
            }
        }
        switch (m.type) {
        case TModule::Type::Leaf: return leafCall(m, modPath, args, call);
        case TModule::Type::Sequential: {
            if (args.positional.size() != 1)
                fail(call, tx(QT_TRANSLATE_NOOP("convlens::core", "nn.Sequential takes one input, got %1"),
                              {std::to_string(args.positional.size())}));
            Value x = args.positional[0].value;
            scopes_.push_back(modPath);
            for (const auto &[name, child] : m.children) {
                if (child.isNone())
                    continue;
                seqChain_.push_back(name);
                CallArgs one;
                one.positional.push_back({x, nullptr});
                const Value next = ev().call(child, one, call);
                seqChain_.pop_back();
                x = next;
            }
            scopes_.pop_back();
            return x;
        }
        case TModule::Type::ModuleList:
        case TModule::Type::ModuleDict:
        case TModule::Type::User:
            fail(call.line > 0 ? call.line : m.line, call.line > 0 ? call.column : m.column,
                 "Module [" + m.cls + "] is missing the required \"forward\" function");
        case TModule::Type::Unsupported: fail(m.line, m.column, unknownLayerMessage(m.cls, m.line));
        }
        return Value::none();
    }

    Value leafCall(TModule &m, const std::string &modPath, CallArgs &args, const Expr &call)
    {
        if (modPath.empty() && &m != root_)
            fail(call, tx(QT_TRANSLATE_NOOP(
                              "convlens::core",
                              "the module %1 (line %2) is called in forward() but is not a submodule of the model "
                              "(assign it to an attribute of self in __init__, or keep the container it comes from)"),
                          {m.cls, std::to_string(m.line)}));
        if (args.positional.size() != 1 || !args.keywords.empty())
            fail(call, tx(QT_TRANSLATE_NOOP("convlens::core",
                                            "nn.%1 takes one input tensor, got %2 positional and %3 keyword arguments"),
                          {m.cls, std::to_string(args.positional.size()), std::to_string(args.keywords.size())}));
        const int in = tensorArg(args, 0, "nn." + m.cls, call);
        // a root nn.Sequential's children keep their state_dict names, as DESIGN.md's contract says
        std::string name;
        bool chain = sequentialNames_ && !seqChain_.empty();
        std::string joined;
        for (const auto &part : seqChain_) {
            if (part.empty())
                chain = false;
            joined += (joined.empty() ? "" : ".") + part;
        }
        if (sequentialNames_) {
            // the path it was reached by through the Sequentials (a module reused by a Sequential is named at each
            // place), else its module path; a second call of one module gets fx's numbering on that path
            name = chain ? joined : modPath;
            if (seqNamesUsed_.count(name))
                name = names_.create(snakeCase(name));
            seqNamesUsed_.insert(name);
            names_.reserve(name);
        } else {
            name = names_.create(snakeCase(modPath));
        }
        const LayerObj &o = layers_[size_t(m.layer)];
        return addRow(name, o.kind->className, o.params, {in}, o.line, modPath);
    }

    // ---- functions and tensor methods in forward

    // Binds a function's arguments after the input (positional, in the function's order, then keywords) to the
    // catalogue kind's parameter names; "" drops an argument (inplace, _stacklevel).
    CallArgs bind(const CallArgs &args, size_t skip, const std::vector<std::string> &order,
                  const std::string &who, const Expr &call, const std::set<std::string> &ignored = {})
    {
        CallArgs out;
        for (size_t i = skip; i < args.positional.size(); ++i) {
            const size_t k = i - skip;
            if (k >= order.size())
                fail(call, tx(QT_TRANSLATE_NOOP("convlens::core", "%1() takes at most %2 positional arguments"),
                              {who, std::to_string(order.size() + skip)}));
            if (!order[k].empty())
                out.keywords.emplace_back(order[k], args.positional[i]);
        }
        for (const auto &[kw, a] : args.keywords) {
            if (ignored.count(kw))
                continue;
            if (std::find(order.begin(), order.end(), kw) == order.end())
                fail(call, tx(QT_TRANSLATE_NOOP("convlens::core", "%1 got an unexpected keyword argument '%2'%3"),
                              {who + "()", kw, ""}));
            out.keywords.emplace_back(kw, a);
        }
        return out;
    }

    Value kindRow(const std::string &target, const std::string &kindName, const CallArgs &bound,
                  const std::vector<int> &inputs, const Expr &call)
    {
        const KindDef *k = findKind(Framework::PyTorch, kindName);
        const int obj = constructLayer(*k, target, bound, call);
        const std::map<std::string, ParamValue> params = layers_[size_t(obj)].params;
        return addRow(names_.create(target), k->className, params, inputs, call.line);
    }

    [[noreturn]] void notYet(const std::string &what, const Expr &call)
    {
        fail(call, tx(QT_TRANSLATE_NOOP("convlens::core", "%1 (line %2): %3 is not supported by ConvLens yet"),
                      {py::sourceText(call), std::to_string(call.line), what}));
    }

    Value function(const std::string &fn, CallArgs &args, const Expr &call)
    {
        if (!args.unresolved.empty())
            fail(call, tx(QT_TRANSLATE_NOOP("convlens::core", "%1: cannot expand %2"),
                          {py::shortText(call), args.unresolved}));
        static const std::map<std::string, std::string> activations{
            {"relu", "ReLU"}, {"relu6", "ReLU6"}, {"sigmoid", "Sigmoid"}, {"tanh", "Tanh"}};
        if (auto it = activations.find(fn); it != activations.end()) {
            const int in = tensorArg(args, 0, fn, call);
            return kindRow(fn, it->second, bind(args, 1, {""}, fn, call, {"inplace", "input"}), {in}, call);
        }
        // the other activations: the module's parameters after the input, in F's order ("" = inplace)
        static const std::map<std::string, std::pair<std::string, std::vector<std::string>>> withParams{
            {"elu", {"ELU", {"alpha", ""}}},
            {"celu", {"CELU", {"alpha", ""}}},
            {"selu", {"SELU", {""}}},
            {"gelu", {"GELU", {"approximate"}}},
            {"silu", {"SiLU", {""}}},
            {"mish", {"Mish", {""}}},
            {"hardswish", {"Hardswish", {""}}},
            {"hardsigmoid", {"Hardsigmoid", {""}}},
            {"hardtanh", {"Hardtanh", {"min_val", "max_val", ""}}},
            {"softplus", {"Softplus", {"beta", "threshold"}}},
            {"softsign", {"Softsign", {}}},
            {"tanhshrink", {"Tanhshrink", {}}},
            {"logsigmoid", {"LogSigmoid", {}}}};
        if (auto it = withParams.find(fn); it != withParams.end()) {
            const int in = tensorArg(args, 0, fn, call);
            return kindRow(fn, it->second.first, bind(args, 1, it->second.second, fn, call, {"inplace", "input"}),
                           {in}, call);
        }
        if (fn == "log_softmax") {
            const int in = tensorArg(args, 0, fn, call);
            return kindRow(fn, "LogSoftmax", bind(args, 1, {"dim", "", ""}, fn, call, {"_stacklevel", "dtype"}), {in},
                           call);
        }
        if (fn == "leaky_relu") {
            const int in = tensorArg(args, 0, fn, call);
            return kindRow(fn, "LeakyReLU", bind(args, 1, {"negative_slope", ""}, fn, call, {"inplace"}), {in}, call);
        }
        if (fn == "softmax") {
            const int in = tensorArg(args, 0, fn, call);
            return kindRow(fn, "Softmax", bind(args, 1, {"dim", "", ""}, fn, call, {"_stacklevel", "dtype"}), {in},
                           call);
        }
        if (fn == "max_pool2d") {
            const int in = tensorArg(args, 0, fn, call);
            return kindRow(fn, "MaxPool2d",
                           bind(args, 1, {"kernel_size", "stride", "padding", "dilation", "ceil_mode", "return_indices"},
                                fn, call),
                           {in}, call);
        }
        if (fn == "avg_pool2d") {
            const int in = tensorArg(args, 0, fn, call);
            return kindRow(fn, "AvgPool2d",
                           bind(args, 1, {"kernel_size", "stride", "padding", "ceil_mode", "count_include_pad",
                                          "divisor_override"},
                                fn, call),
                           {in}, call);
        }
        if (fn == "adaptive_avg_pool2d" || fn == "adaptive_max_pool2d") {
            const int in = tensorArg(args, 0, fn, call);
            const bool avg = fn == "adaptive_avg_pool2d";
            return kindRow(fn, avg ? "AdaptiveAvgPool2d" : "AdaptiveMaxPool2d",
                           bind(args, 1, avg ? std::vector<std::string>{"output_size"}
                                             : std::vector<std::string>{"output_size", "return_indices"},
                                fn, call),
                           {in}, call);
        }
        if (fn == "interpolate" || fn == "upsample") {
            const int in = tensorArg(args, 0, fn, call);
            return kindRow("interpolate", "Upsample",
                           bind(args, 1, {"size", "scale_factor", "mode", "align_corners", "recompute_scale_factor"},
                                fn, call, {"antialias"}),
                           {in}, call);
        }
        if (fn == "dropout" || fn == "dropout2d" || fn == "alpha_dropout" || fn == "feature_alpha_dropout") {
            const int in = tensorArg(args, 0, fn, call);
            return kindRow(fn, fn == "dropout"         ? "Dropout"
                               : fn == "dropout2d"     ? "Dropout2d"
                               : fn == "alpha_dropout" ? "AlphaDropout"
                                                       : "FeatureAlphaDropout",
                           bind(args, 1, {"p", "", ""}, fn, call, {"training", "inplace"}), {in}, call);
        }
        if (fn == "pad") {
            const int in = tensorArg(args, 0, fn, call);
            CallArgs b = bind(args, 1, {"pad", "mode", "value"}, fn, call);
            const Arg *mode = b.keyword("mode");
            const Arg *value = b.keyword("value");
            const std::string modeName =
                !mode ? std::string("constant") : mode->value.is(Kind::Str) ? mode->value.str() : std::string("?");
            const bool constant = modeName == "constant";
            const bool zero = !value || value->value.isNone() || (ev().plain(value->value).isNumber() &&
                                                                  ev().plain(value->value).numberOf() == 0);
            const Arg *pad = b.keyword("pad");
            std::string why;
            auto amounts = pad ? toParam(pad->value, nullptr, &why) : std::nullopt;
            if (modeName != "constant" && modeName != "reflect" && modeName != "replicate")
                notYet("F.pad with mode '" + modeName + "'", call);
            if (!constant && value && !value->value.isNone())
                fail(call, py::sourceText(call) + " (line " + std::to_string(call.line) +
                               "): Padding mode \"" + modeName +
                               "\" doesn't take in value argument.");
            if (constant && amounts && amounts->isList() && amounts->asList().size() == 2) { // (left, right)
                ParamList four = amounts->asList();
                four.emplace_back(std::int64_t(0));
                four.emplace_back(std::int64_t(0));
                amounts = ParamValue(std::move(four));
            }
            if (!constant && amounts && amounts->isList() && amounts->asList().size() != 4)
                fail(call, py::sourceText(call) + " (line " + std::to_string(call.line) +
                               "): 4D tensors expect 4 values for padding");
            if (!amounts || !amounts->isList() || amounts->asList().size() != 4)
                notYet("F.pad on other than the last two dimensions", call);
            CallArgs zp;
            zp.keywords.emplace_back("padding", Arg{ev().tuple([&] {
                                                          std::vector<Value> v;
                                                          for (const auto &x : amounts->asList())
                                                              v.push_back(Value::integer(x.asInt()));
                                                          return v;
                                                      }()),
                                                      pad->expr});
            if (constant && !zero)
                zp.keywords.emplace_back("value", *value);
            return kindRow(fn, constant ? (zero ? "ZeroPad2d" : "ConstantPad2d")
                               : modeName == "reflect" ? "ReflectionPad2d"
                                                       : "ReplicationPad2d",
                           zp, {in}, call);
        }
        if (fn == "layer_norm") { // F.layer_norm(x, normalized_shape, weight=None, bias=None, eps)
            const int in = tensorArg(args, 0, fn, call);
            CallArgs b = bind(args, 1, {"normalized_shape", "weight", "bias", "eps"}, fn, call, {"input"});
            for (const char *w : {"weight", "bias"})
                if (const Arg *a = b.keyword(w); a && !a->value.isNone())
                    notYet(std::string("F.layer_norm with a ") + w + " tensor (nn.LayerNorm has its own)", call);
            CallArgs ln;
            for (const char *k : {"normalized_shape", "eps"})
                if (const Arg *a = b.keyword(k))
                    ln.keywords.emplace_back(k, *a);
            ln.keywords.emplace_back("elementwise_affine", Arg{Value::boolean(false), nullptr});
            return kindRow(fn, "LayerNorm", ln, {in}, call);
        }
        if (fn == "local_response_norm") {
            const int in = tensorArg(args, 0, fn, call);
            return kindRow(fn, "LocalResponseNorm", bind(args, 1, {"size", "alpha", "beta", "k"}, fn, call, {"input"}),
                           {in}, call);
        }
        if (fn == "channel_shuffle" || fn == "native_channel_shuffle") {
            const int in = tensorArg(args, 0, fn, call);
            return kindRow("channel_shuffle", "ChannelShuffle", bind(args, 1, {"groups"}, fn, call, {"input"}), {in},
                           call);
        }
        if (fn == "prelu") // its slopes are a tensor argument, which static reading has no values for
            notYet("F.prelu with a weight tensor (nn.PReLU holds its own slopes)", call);
        if (fn == "flatten") {
            const int in = tensorArg(args, 0, fn, call);
            return flatten(in, bind(args, 1, {"start_dim", "end_dim"}, fn, call), 0, "flatten", call);
        }
        if (fn == "cat" || fn == "concat") {
            if (args.positional.empty())
                fail(call, tx(QT_TRANSLATE_NOOP("convlens::core", "%1() missing its tensors"), {fn}));
            std::string why;
            auto list = ev().iterate(args.positional[0].value, call, &why);
            std::vector<int> ins;
            if (list)
                for (const auto &v : *list) {
                    const auto *t = dynamic_cast<const TTensor *>(v.host());
                    if (!t)
                        fail(call, tx(QT_TRANSLATE_NOOP("convlens::core", "torch.cat takes tensors, but %1 holds %2"),
                                      {py::shortText(*args.positional[0].expr), whyNotValue(v)}));
                    ins.push_back(t->row);
                }
            if (!list || ins.empty())
                fail(call, tx(QT_TRANSLATE_NOOP("convlens::core", "torch.cat takes a list of tensors")));
            CallArgs b = bind(args, 1, {"dim"}, fn, call, {"out"});
            const Arg *dim = b.keyword("dim");
            if (!dim || ev().plain(dim->value).intOf() == 0)
                notYet("torch.cat along the batch dimension (dim=0)", call);
            return kindRow("cat", "cat", b, ins, call);
        }
        if (fn == "add" || fn == "sub" || fn == "mul" || fn == "div" || fn == "true_divide" || fn == "multiply" ||
            fn == "subtract") {
            const int a = tensorArg(args, 0, fn, call);
            if (args.keyword("alpha") || args.keyword("rounding_mode"))
                notYet("torch." + fn + " with alpha= or rounding_mode=", call);
            Value other = args.positional.size() > 1 ? args.positional[1].value : Value();
            if (const Arg *o = args.keyword("other"))
                other = o->value;
            if (fn == "add")
                return addTensors(a, other, "add", call);
            return arith(a, other, fn[0] == 's' ? "-" : fn[0] == 'm' ? "*" : "/", false, call);
        }
        if (fn == "clamp" || fn == "clip") {
            const int a = tensorArg(args, 0, fn, call);
            return clampRow(a, fn, bind(args, 1, {"min", "max"}, fn, call, {"input", "out"}), call);
        }
        if (fn == "neg" || fn == "negative") {
            const int a = tensorArg(args, 0, fn, call);
            return addRow(names_.create("neg"), "neg", {}, {a}, call.line);
        }
        if (fn == "abs" || fn == "absolute") {
            const int a = tensorArg(args, 0, fn, call);
            return addRow(names_.create(fn), "abs", {}, {a}, call.line);
        }
        if (fn == "pow") { // torch.pow(x, exponent) / torch.pow(number, x)
            const Arg *base = args.positional.size() > 0 ? &args.positional[0] : args.keyword("input");
            const Arg *e = args.positional.size() > 1 ? &args.positional[1] : args.keyword("exponent");
            if (!base || !e)
                fail(call,
                     tx(QT_TRANSLATE_NOOP("convlens::core", "torch.pow() takes an input and an exponent (line %1)"),
                        {std::to_string(call.line)}));
            if (const auto *t = dynamic_cast<const TTensor *>(base->value.host()))
                return arith(t->row, e->value, "**", false, call, "pow");
            const auto *t = dynamic_cast<const TTensor *>(e->value.host());
            if (!t)
                notYet("torch.pow of two numbers", call);
            return arith(t->row, base->value, "**", true, call, "pow");
        }
        if (fn == "maximum" || fn == "minimum" || ((fn == "max" || fn == "min") && args.positional.size() == 2 &&
                                                   dynamic_cast<const TTensor *>(args.positional[1].value.host()))) {
            const int a = tensorArg(args, 0, fn, call);
            const Arg *o = args.positional.size() > 1 ? &args.positional[1] : args.keyword("other");
            const auto *t = o ? dynamic_cast<const TTensor *>(o->value.host()) : nullptr;
            if (!t)
                notYet("torch." + fn + " of a tensor and " + (o ? "a " + ev().typeName(ev().plain(o->value)) : "nothing"),
                       call);
            return addRow(names_.create(fn), fn[1] == 'a' ? "maximum" : "minimum", {}, {a, t->row}, call.line);
        }
        if (fn == "max" || fn == "min") {
            const int a = tensorArg(args, 0, fn, call);
            return maxAlongDim(a, fn, bind(args, 1, {"dim", "keepdim"}, fn, call, {"input", "out"}), call);
        }
        if (fn == "mean" || fn == "sum" || fn == "amax" || fn == "amin") {
            const int a = tensorArg(args, 0, fn, call);
            return reduction(a, fn, bind(args, 1, {"dim", "keepdim"}, fn, call, {"dtype", "out", "input"}), call);
        }
        if (fn == "permute" || fn == "transpose" || fn == "swapaxes" || fn == "swapdims") {
            const int a = tensorArg(args, 0, fn, call);
            std::vector<Value> given;
            for (size_t i = 1; i < args.positional.size(); ++i)
                given.push_back(args.positional[i].value);
            for (const char *kw : {"dims", "dim0", "dim1"})
                if (const Arg *d = args.keyword(kw))
                    given.push_back(d->value);
            return permuteRow(a, fn, given, call);
        }
        if (fn == "squeeze" || fn == "unsqueeze") {
            const int a = tensorArg(args, 0, fn, call);
            std::optional<Value> dim;
            if (args.positional.size() > 1)
                dim = args.positional[1].value;
            else if (const Arg *d = args.keyword("dim"))
                dim = d->value;
            return squeezeRow(a, fn, dim, call);
        }
        if (fn == "reshape") {
            const int in = tensorArg(args, 0, fn, call);
            std::vector<Value> dims;
            if (args.positional.size() > 1)
                dims.push_back(args.positional[1].value);
            else if (const Arg *s = args.keyword("shape"))
                dims.push_back(s->value);
            return view(in, dims, "reshape", call);
        }
        notYet("`" + fn + "` on a tensor", call);
    }

    // clamp(min, max) / clip: a Hardtanh row (ReLU for min=0, ReLU6 for (0, 6)), named as fx names the call.
    Value clampRow(int in, const std::string &fn, const CallArgs &bound, const Expr &call)
    {
        const auto bound1 = [&](const char *name) -> std::optional<double> {
            const Arg *a = bound.keyword(name);
            if (!a || a->value.isNone())
                return std::nullopt;
            const Value v = ev().plain(a->value);
            if (!v.isNumber())
                notYet(fn + " with a tensor bound", call);
            return v.numberOf();
        };
        const std::optional<double> lo = bound1("min"), hi = bound1("max");
        if (!lo && !hi)
            fail(call, py::sourceText(call) + " (line " + std::to_string(call.line) +
                           "): torch.clamp: At least one of 'min' or 'max' must not be None");
        if (lo && *lo == 0.0 && !hi)
            return addRow(names_.create(fn), "ReLU", {}, {in}, call.line);
        if (lo && *lo == 0.0 && hi && *hi == 6.0)
            return addRow(names_.create(fn), "ReLU6", {}, {in}, call.line);
        if (!lo || !hi)
            notYet(fn + " with only a " + (lo ? "lower" : "upper") + " bound other than min=0", call);
        if (!(*hi > *lo))
            notYet(fn + " with max ≤ min (every value becomes max)", call);
        return addRow(names_.create(fn), "Hardtanh",
                      {{"min_val", ParamValue(*lo)}, {"max_val", ParamValue(*hi)}}, {in}, call.line);
    }

    Value addTensors(int a, const Value &other, const std::string &target, const Expr &call)
    {
        const auto *t = dynamic_cast<const TTensor *>(other.host());
        if (!t && !other.isNone() && ev().plain(other).isNumber())
            return arith(a, other, "+", false, call);
        if (!t)
            notYet("adding " + (other.isNone() ? std::string("nothing") : "a " + ev().typeName(ev().plain(other))) +
                       " to a tensor",
                   call);
        return addRow(names_.create(target), "add", {}, {a, t->row}, call.line);
    }

    // a + b, a − b, a · b, a / b with a tensor (torch's broadcasting) or a number, named as fx names the operator;
    // `reflected`: the tensor is the right operand (2 − x).
    Value arith(int a, const Value &other, const std::string &op, bool reflected, const Expr &call,
                const std::string &nodeName = "")
    {
        static const std::map<std::string, std::string> targets{
            {"+", "add"}, {"-", "sub"}, {"*", "mul"}, {"/", "truediv"}, {"**", "pow"}};
        const auto it = targets.find(op);
        if (it == targets.end())
            notYet("the tensor operator `" + op + "`", call);
        const std::string &target = it->second;
        const std::string node = nodeName.empty() ? target : nodeName;
        if (const auto *t = dynamic_cast<const TTensor *>(other.host())) {
            if (op == "+")
                return addRow(names_.create("add"), "add", {}, {a, t->row}, call.line);
            std::map<std::string, ParamValue> p{{"other", ParamValue()}};
            const std::vector<int> ins = reflected ? std::vector<int>{t->row, a} : std::vector<int>{a, t->row};
            return addRow(names_.create(node), target, std::move(p), ins, call.line);
        }
        const Value n = other.isNone() ? other : ev().plain(other);
        if (!n.isNumber())
            notYet("`" + op + "` between a tensor and " +
                       (n.isNone() ? std::string("None") : "a " + ev().typeName(n)),
                   call);
        if (op == "+")
            return addRow(names_.create("add"), "add_scalar", {{"other", ParamValue(n.numberOf())}}, {a}, call.line);
        std::map<std::string, ParamValue> p{{"other", ParamValue(n.numberOf())}, {"reverse", ParamValue(reflected)}};
        return addRow(names_.create(node), target, std::move(p), {a}, call.line);
    }

    // torch.max(x, dim, keepdim) / x.min(dim): a (values, indices) pair; the values are an amax/amin row named as fx
    // names the call, the indices (integers) are not a tensor ConvLens computes.
    Value maxAlongDim(int in, const std::string &fn, const CallArgs &bound, const Expr &call)
    {
        const Arg *dim = bound.keyword("dim");
        if (!dim || dim->value.isNone())
            notYet("`" + fn + "` over every axis (the batch too: one number for the whole batch)", call);
        const Value d = ev().plain(dim->value);
        if (!d.is(Kind::Int) && !d.is(Kind::Bool))
            fail(call, tx(QT_TRANSLATE_NOOP("convlens::core", "%1 (line %2): dim must be an int"),
                          {py::sourceText(call), std::to_string(call.line)}));
        const Arg *keep = bound.keyword("keepdim");
        const bool keepdim = keep && ev().plain(keep->value).isNumber() && ev().plain(keep->value).intOf() != 0;
        nonTensorNode(fn); // the call's node (max_1: fx never names a node after a builtin)
        return ev().hostValue(ev().heap().make<TMaxResult>(*this, in, fn, d.intOf(), keepdim));
    }

    // mean / sum / amax / amin over dims (an int or a sequence, counting the batch as 0), keepdim or not.
    Value reduction(int in, const std::string &fn, const CallArgs &bound, const Expr &call)
    {
        const Arg *dim = bound.keyword("dim");
        const Arg *keep = bound.keyword("keepdim");
        if (!dim || dim->value.isNone())
            notYet("`" + fn + "` over every axis (the batch too: one number for the whole batch)", call);
        ParamList dims;
        const Value d = ev().plain(dim->value);
        if (d.isSeq()) {
            for (const auto &e : d.items())
                dims.emplace_back(ev().plain(e).intOf());
        } else if (d.is(Kind::Int) || d.is(Kind::Bool)) {
            dims.emplace_back(d.intOf());
        } else {
            fail(call, tx(QT_TRANSLATE_NOOP("convlens::core", "%1 (line %2): dim must be an int or a tuple of ints"),
                          {py::sourceText(call), std::to_string(call.line)}));
        }
        const bool keepdim = keep && ev().plain(keep->value).isNumber() && ev().plain(keep->value).intOf() != 0;
        std::map<std::string, ParamValue> p{{"dim", ParamValue(std::move(dims))}, {"keepdim", ParamValue(keepdim)}};
        return addRow(names_.create(fn), fn, std::move(p), {in}, call.line);
    }

    // permute(0, 2, 3, 1) / permute((0, 2, 3, 1)) / transpose(a, b): one permute row (named as fx names the call).
    Value permuteRow(int in, const std::string &fn, const std::vector<Value> &given, const Expr &call)
    {
        const std::int64_t rank = std::int64_t(shapeOf(in).size());
        ParamList perm;
        if (fn == "transpose" || fn == "swapaxes" || fn == "swapdims") {
            if (given.size() != 2)
                fail(call, tx(QT_TRANSLATE_NOOP("convlens::core", "%1 (line %2): %3() takes two dims"),
                              {py::sourceText(call), std::to_string(call.line), fn}));
            std::int64_t a = ev().plain(given[0]).intOf(), b = ev().plain(given[1]).intOf();
            a = a < 0 ? a + rank : a;
            b = b < 0 ? b + rank : b;
            if (a < 0 || a >= rank || b < 0 || b >= rank)
                fail(call, "Dimension out of range (expected to be in range of [" + std::to_string(-rank) + ", " +
                               std::to_string(rank - 1) + "], but got " +
                               std::to_string(a < 0 || a >= rank ? ev().plain(given[0]).intOf()
                                                                 : ev().plain(given[1]).intOf()) +
                               ")");
            for (std::int64_t i = 0; i < rank; ++i)
                perm.emplace_back(i == a ? b : i == b ? a : i);
        } else {
            std::vector<Value> dims = given;
            if (dims.size() == 1 && ev().plain(dims[0]).isSeq())
                dims = ev().plain(dims[0]).items();
            for (const auto &v : dims)
                perm.emplace_back(ev().plain(v).intOf());
        }
        return addRow(names_.create(fn), "permute", {{"dims", ParamValue(std::move(perm))}}, {in}, call.line);
    }

    // squeeze / unsqueeze: the same values in another shape (a reshape row).
    Value squeezeRow(int in, const std::string &fn, const std::optional<Value> &dimArg, const Expr &call)
    {
        const Shape s = shapeOf(in); // batch first
        const std::int64_t rank = std::int64_t(s.size());
        Shape out = s;
        if (fn == "unsqueeze") {
            if (!dimArg)
                fail(call, tx(QT_TRANSLATE_NOOP("convlens::core", "%1: unsqueeze() missing its dim"),
                              {py::sourceText(call)}));
            std::int64_t d = ev().plain(*dimArg).intOf();
            if (d < 0)
                d += rank + 1;
            if (d < 0 || d > rank)
                fail(call, "Dimension out of range (expected to be in range of [" + std::to_string(-rank - 1) + ", " +
                               std::to_string(rank) + "], but got " + std::to_string(ev().plain(*dimArg).intOf()) +
                               ")");
            if (d == 0)
                notYet("unsqueeze(0) (a new axis before the batch)", call);
            out.insert(out.begin() + d, 1);
        } else if (dimArg) {
            std::int64_t d = ev().plain(*dimArg).intOf();
            if (d < 0)
                d += rank;
            if (d < 0 || d >= rank)
                fail(call, "Dimension out of range (expected to be in range of [" + std::to_string(-rank) + ", " +
                               std::to_string(rank - 1) + "], but got " + std::to_string(ev().plain(*dimArg).intOf()) +
                               ")");
            if (d == 0)
                notYet("squeeze(0) (it would remove the batch axis)", call);
            if (out[size_t(d)] == 1)
                out.erase(out.begin() + d);
        } else {
            Shape kept{s[0]};
            for (size_t i = 1; i < s.size(); ++i)
                if (s[i] != 1)
                    kept.push_back(s[i]);
            out = kept;
        }
        ParamList target;
        for (size_t i = 1; i < out.size(); ++i)
            target.emplace_back(out[i]);
        if (target.empty())
            notYet(fn + " to a single number per sample", call);
        return addRow(names_.create(fn), "reshape", {{"target_shape", ParamValue(std::move(target))}}, {in},
                      call.line);
    }

    // x[:, a:b], x[:, i] and friends: one axis sliced (a slice row), the others whole.
    Value sliceRow(int in, const Value &index, const Expr &at)
    {
        const Value idx = ev().plain(index);
        std::vector<Value> parts = idx.is(Kind::Tuple) ? idx.items() : std::vector<Value>{idx};
        const auto whole = [&](const Value &v) {
            const Value p = ev().plain(v);
            if (!p.is(Kind::Slice))
                return false;
            auto *sl = p.as<py::SliceObject>();
            return ev().plain(sl->lower).isNone() && ev().plain(sl->upper).isNone() && ev().plain(sl->step).isNone();
        };
        int axis = -1;
        for (size_t i = 0; i < parts.size(); ++i) {
            if (whole(parts[i]))
                continue;
            if (axis >= 0)
                notYet("indexing a tensor on more than one axis", at);
            axis = int(i);
        }
        if (axis < 0)
            return addRow(names_.create("getitem"), "Identity", {}, {in}, at.line);
        if (axis == 0)
            notYet("indexing the batch axis of a tensor", at);
        const Value p = ev().plain(parts[size_t(axis)]);
        if (!p.is(Kind::Slice))
            notYet("indexing a tensor with " + ev().repr(p) + " (only slices a:b:s are supported)", at);
        auto *sl = p.as<py::SliceObject>();
        const auto num = [&](const Value &v) {
            const Value q = ev().plain(v);
            if (q.isNone())
                return ParamValue();
            if (!q.is(Kind::Int) && !q.is(Kind::Bool))
                fail(at, tx(QT_TRANSLATE_NOOP("convlens::core", "slice indices must be integers or None")));
            return ParamValue(q.intOf());
        };
        std::map<std::string, ParamValue> params{{"dim", ParamValue(std::int64_t(axis))}};
        if (ParamValue v = num(sl->lower); !v.isNone())
            params["start"] = v;
        params["stop"] = num(sl->upper);
        if (ParamValue v = num(sl->step); !v.isNone())
            params["step"] = v;
        return addRow(names_.create("getitem"), "getitem", std::move(params), {in}, at.line);
    }

    Value flatten(int in, const CallArgs &bound, std::int64_t defaultStart, const std::string &target, const Expr &call)
    {
        std::int64_t start = defaultStart, end = -1;
        if (const Arg *s = bound.keyword("start_dim"))
            start = ev().plain(s->value).intOf();
        if (const Arg *e = bound.keyword("end_dim"))
            end = ev().plain(e->value).intOf();
        const std::int64_t rank = std::int64_t(shapeOf(in).size());
        if (start < 0)
            start += rank;
        if (start == 0)
            notYet("flattening the batch dimension (start_dim=0)", call);
        std::map<std::string, ParamValue> params{{"start_dim", ParamValue(start)}, {"end_dim", ParamValue(end)}};
        return addRow(names_.create(target), "Flatten", std::move(params), {in}, call.line);
    }

    // view / reshape: the target with -1 resolved; the batch must stay, and for now the result must be what
    // Flatten(1) or an identity gives.
    Value view(int in, const std::vector<Value> &dimsIn, const std::string &target, const Expr &call)
    {
        std::vector<Value> dims;
        if (dimsIn.size() == 1) {
            const Value one = ev().plain(dimsIn[0]);
            if (one.isSeq())
                dims = one.items();
            else
                dims = dimsIn;
        } else {
            dims = dimsIn;
        }
        const Shape s = shapeOf(in);
        std::int64_t total = 1;
        for (auto d : s)
            total *= d;
        Shape want;
        int infer = -1;
        std::int64_t known = 1;
        for (size_t i = 0; i < dims.size(); ++i) {
            const Value d = ev().plain(dims[i]);
            if (!d.is(Kind::Int) && !d.is(Kind::Bool))
                fail(call, tx(QT_TRANSLATE_NOOP("convlens::core", "%1: the shape %2 is not a list of ints"),
                              {py::sourceText(call), ev().repr(d)}));
            if (d.intOf() == -1 && infer < 0) {
                infer = int(i);
                want.push_back(-1);
                continue;
            }
            want.push_back(d.intOf());
            known *= d.intOf();
        }
        std::string written = "[";
        for (size_t i = 0; i < want.size(); ++i)
            written += (i ? ", " : "") + std::to_string(want[i]);
        written += "]";
        const auto invalid = [&] {
            fail(call, py::sourceText(call) + " (line " + std::to_string(call.line) + "): shape '" + written +
                           "' is invalid for input of size " + std::to_string(total));
        };
        if (infer >= 0) {
            if (known <= 0 || total % known != 0)
                invalid();
            want[size_t(infer)] = total / known;
        } else if (known != total) {
            invalid();
        }
        if (want.empty() || want[0] != s[0])
            notYet(target + " that changes the batch dimension (to " + written + ")", call);
        // torch: view() cannot merge axes that a permute left non-contiguous (reshape() copies instead)
        if (target == "view" && graph_.layers[size_t(in)].type == "permute" &&
            Shape(want.begin() + 1, want.end()) != Shape(s.begin() + 1, s.end()))
            fail(call, "view size is not compatible with input tensor's size and stride (at least one dimension spans "
                       "across two contiguous subspaces). Use .reshape(...) instead.");
        if (Shape(want.begin() + 1, want.end()) == Shape(s.begin() + 1, s.end()))
            return addRow(names_.create(target), "Identity", {}, {in}, call.line);
        if (want.size() == 2) {
            std::map<std::string, ParamValue> params{{"start_dim", ParamValue(std::int64_t(1))},
                                                     {"end_dim", ParamValue(std::int64_t(-1))}};
            return addRow(names_.create(target), "Flatten", std::move(params), {in}, call.line);
        }
        if (s.size() == 2) { // a vector per sample becomes a map: nn.Unflatten(1, (C, H, W))
            ParamList sizes;
            for (size_t i = 1; i < want.size(); ++i)
                sizes.emplace_back(want[i]);
            std::map<std::string, ParamValue> params{{"dim", ParamValue(std::int64_t(1))},
                                                     {"unflattened_size", ParamValue(std::move(sizes))}};
            return addRow(names_.create(target), "Unflatten", std::move(params), {in}, call.line);
        }
        ParamList sizes;
        for (size_t i = 1; i < want.size(); ++i)
            sizes.emplace_back(want[i]);
        return addRow(names_.create(target), "reshape", {{"target_shape", ParamValue(std::move(sizes))}}, {in},
                      call.line);
    }

    Value sizeOf(int row, const std::optional<Value> &dim, const std::string &node, const Expr &call)
    {
        const Shape s = shapeOf(row);
        nonTensorNode(node);
        if (dim) {
            std::int64_t d = ev().plain(*dim).intOf();
            if (d < 0)
                d += std::int64_t(s.size());
            if (d < 0 || d >= std::int64_t(s.size()))
                fail(call, "Dimension out of range (expected to be in range of [-" + std::to_string(s.size()) + ", " +
                               std::to_string(s.size() - 1) + "], but got " + std::to_string(ev().plain(*dim).intOf()) +
                               ")");
            return num(Value::integer(s[size_t(d)]));
        }
        return size(s);
    }

    Value size(const Shape &s)
    {
        std::vector<Value> items;
        for (auto d : s)
            items.push_back(Value::integer(d));
        return ev().hostValue(ev().heap().make<TSize>(*this, s, ev().tuple(std::move(items))));
    }

    Value num(const Value &v) { return ev().hostValue(ev().heap().make<TNum>(*this, v)); }

    Value tensorMethod(TTensor &t, const std::string &name, CallArgs &args, const Expr &call)
    {
        static const std::map<std::string, std::string> activations{
            {"relu", "ReLU"}, {"sigmoid", "Sigmoid"}, {"tanh", "Tanh"}};
        if (name == "size") {
            std::optional<Value> dim;
            if (!args.positional.empty())
                dim = args.positional[0].value;
            else if (const Arg *d = args.keyword("dim"))
                dim = d->value;
            return sizeOf(t.row, dim, "size", call);
        }
        if (name == "dim" || name == "ndimension") {
            const Shape s = shapeOf(t.row);
            nonTensorNode(name);
            return num(Value::integer(std::int64_t(s.size())));
        }
        if (name == "numel" || name == "nelement") {
            const Shape s = shapeOf(t.row);
            nonTensorNode(name);
            std::int64_t n = 1;
            for (auto d : s)
                n *= d;
            return num(Value::integer(n));
        }
        if (auto it = activations.find(name); it != activations.end())
            return kindRow(name, it->second, bind(args, 0, {}, name, call), {t.row}, call);
        if (name == "softmax" || name == "log_softmax")
            return kindRow(name, name == "softmax" ? "Softmax" : "LogSoftmax",
                           bind(args, 0, {"dim"}, name, call, {"dtype"}), {t.row}, call);
        if (name == "view" || name == "reshape") {
            std::vector<Value> dims;
            for (const auto &a : args.positional)
                dims.push_back(a.value);
            if (const Arg *s = args.keyword("shape"))
                dims.push_back(s->value);
            return view(t.row, dims, name, call);
        }
        if (name == "flatten")
            return flatten(t.row, bind(args, 0, {"start_dim", "end_dim"}, name, call), 0, "flatten", call);
        const auto firstArg = [&](const char *kw) -> std::optional<Value> {
            if (!args.positional.empty())
                return args.positional[0].value;
            if (const Arg *a = args.keyword(kw))
                return a->value;
            return std::nullopt;
        };
        if (name == "add" || name == "add_" || name == "sub" || name == "sub_" || name == "mul" || name == "mul_" ||
            name == "div" || name == "div_" || name == "true_divide" || name == "multiply" || name == "subtract") {
            if (args.keyword("alpha") || args.keyword("rounding_mode"))
                notYet("`" + name + "` with alpha= or rounding_mode=", call);
            const std::string op = name[0] == 'a' ? "+" : name[0] == 's' ? "-" : name[0] == 'm' ? "*" : "/";
            const std::optional<Value> other = firstArg("other");
            if (op == "+")
                return addTensors(t.row, other.value_or(Value()), "add", call);
            return arith(t.row, other.value_or(Value()), op, false, call);
        }
        if (name == "neg" || name == "negative")
            return addRow(names_.create("neg"), "neg", {}, {t.row}, call.line);
        if (name == "abs" || name == "absolute")
            return addRow(names_.create(name), "abs", {}, {t.row}, call.line);
        if (name == "pow") {
            const std::optional<Value> e = firstArg("exponent");
            if (!e)
                fail(call, tx(QT_TRANSLATE_NOOP("convlens::core", "pow() missing its exponent (line %1)"),
                              {std::to_string(call.line)}));
            return arith(t.row, *e, "**", false, call, "pow");
        }
        if (name == "maximum" || name == "minimum" ||
            ((name == "max" || name == "min") && !args.positional.empty() &&
             dynamic_cast<const TTensor *>(args.positional[0].value.host()))) {
            const std::optional<Value> o = firstArg("other");
            const auto *other = o ? dynamic_cast<const TTensor *>(o->host()) : nullptr;
            if (!other)
                notYet("`" + name + "` of a tensor and something else", call);
            return addRow(names_.create(name), name[1] == 'a' ? "maximum" : "minimum", {}, {t.row, other->row},
                          call.line);
        }
        if (name == "max" || name == "min")
            return maxAlongDim(t.row, name, bind(args, 0, {"dim", "keepdim"}, name, call), call);
        if (name == "mean" || name == "sum" || name == "amax" || name == "amin")
            return reduction(t.row, name, bind(args, 0, {"dim", "keepdim"}, name, call, {"dtype"}), call);
        if (name == "permute" || name == "transpose" || name == "swapaxes" || name == "swapdims") {
            std::vector<Value> given;
            for (const auto &a : args.positional)
                given.push_back(a.value);
            if (const Arg *d = args.keyword("dims"))
                given.push_back(d->value);
            for (const char *kw : {"dim0", "dim1"})
                if (const Arg *d = args.keyword(kw))
                    given.push_back(d->value);
            return permuteRow(t.row, name, given, call);
        }
        if (name == "squeeze" || name == "unsqueeze")
            return squeezeRow(t.row, name, firstArg("dim"), call);
        if (name == "clamp" || name == "clamp_" || name == "clip" || name == "clip_")
            return clampRow(t.row, name, bind(args, 0, {"min", "max"}, name, call), call);
        if (name == "log_softmax")
            return kindRow(name, "LogSoftmax", bind(args, 0, {"dim"}, name, call, {"dtype"}), {t.row}, call);
        if (name == "contiguous" || name == "clone" || name == "detach" || name == "float" || name == "cpu" ||
            name == "cuda" || name == "to")
            return addRow(names_.create(name), "Identity", {}, {t.row}, call.line);
        notYet("the tensor method `" + name + "`", call);
    }

    TModule *root_ = nullptr;
    std::unordered_map<const TModule *, std::string> paths_; // first path of each module under the root
    std::vector<std::string> scopes_;                          // modules whose forward is running
    std::vector<std::string> seqChain_;                        // child names while nn.Sequentials iterate ("" breaks)

private:
    std::vector<TModule *> sequentials_;
    TModuleClass *classes_[6] = {};
    std::vector<TTensor *> tensors_;
    Graph graph_;
    FxNames names_;
    std::set<std::string> seqNamesUsed_;
    bool sequentialNames_ = false;
    bool tracing_ = false;
    std::optional<ShapeReport> report_;
    std::size_t reportRows_ = 0;
    std::unique_ptr<Expr> dummy_;
    std::vector<std::unique_ptr<Expr>> sites_;
};

// ------------------------------------------------------------------------------------------------- TModule

std::optional<Value> TModule::getAttr(py::Evaluator &ev, const std::string &name, const Expr &at)
{
    if (Value *c = child(name))
        return *c;
    if (name == "training")
        return Value::boolean(!rec.tracing());
    if (type == TModule::Type::Leaf) {
        const LayerObj &o = rec.layers_[size_t(layer)];
        // the constructor arguments torch keeps as attributes (model.fc.in_features, conv.out_channels)
        if (const ParamDef *p = findParam(*o.kind, name); p && p->type != ParamType::Ignored) {
            auto it = o.params.find(name);
            const ParamValue v = it != o.params.end() ? it->second : p->defaultValue;
            std::function<Value(const ParamValue &)> toValue = [&](const ParamValue &x) -> Value {
                if (x.isNone())
                    return Value::none();
                if (x.isBool())
                    return Value::boolean(x.asBool());
                if (x.isInt())
                    return Value::integer(x.asInt());
                if (x.isFloat())
                    return Value::number(x.asNumber());
                if (x.isString())
                    return ev.str(x.asString());
                std::vector<Value> items;
                for (const auto &e : x.asList())
                    items.push_back(toValue(e));
                return ev.tuple(std::move(items), at.line);
            };
            // torch turns a single kernel/stride/padding/dilation of a convolution into a pair
            if ((p->type == ParamType::IntOrPair || p->type == ParamType::TorchPadding) && v.isInt() &&
                (o.kind->op == Op::Conv || o.kind->op == Op::ConvTranspose))
                return ev.tuple({Value::integer(v.asInt()), Value::integer(v.asInt())}, at.line);
            return toValue(v);
        }
        if (name == "weight" || name == "bias")
            return rec.opaque(
                tx(QT_TRANSLATE_NOOP("convlens::core", "`%1` (the %2 of %3) is not known while the code is read"),
                   {py::shortText(at), name, o.kind->className}),
                at.line);
    }
    return std::nullopt;
}

bool TModule::setAttr(py::Evaluator &, const std::string &name, const Value &v, const Expr &at)
{
    // Module.__setattr__: a module value registers a child (replacing one of that name); anything else assigned to
    // a child's name removes the child.
    if (TorchRecorder::moduleOf(v)) {
        setChild(name, v);
        ++rec.buildEvents_;
        return false; // the instance keeps the attribute too
    }
    (void)at;
    if (child(name)) {
        if (v.isNone()) {
            *child(name) = v;
        } else {
            children.erase(std::remove_if(children.begin(), children.end(),
                                          [&](const auto &c) { return c.first == name; }),
                           children.end());
        }
    }
    return false;
}

std::optional<Value> TModule::call(py::Evaluator &, CallArgs &args, const Expr &call)
{
    return rec.callModule(*this, args, call);
}

std::optional<Value> TModule::callMethod(py::Evaluator &ev, const std::string &name, py::LazyArgs &lazy,
                                         const Expr &call)
{
    if (returnsSelf(name))
        return self();
    if (name == "__init__") {
        // the base class's __init__ of a user subclass: containers take their children here
        CallArgs &args = lazy.get();
        if (container())
            rec.initContainer(*this, args, call);
        return Value::none();
    }
    if (name == "forward")
        return rec.callModule(*this, lazy.get(), call);
    if (name == "add_module" || name == "register_module") {
        CallArgs &args = lazy.get();
        const Arg *n = !args.positional.empty() ? &args.positional[0] : args.keyword("name");
        const Arg *m = args.positional.size() > 1 ? &args.positional[1] : args.keyword("module");
        if (!n || !m)
            rec.fail(call, tx(QT_TRANSLATE_NOOP("convlens::core", "%1() takes a name and a module"), {name}));
        if (!n->value.is(Kind::Str))
            rec.fail(call, tx(QT_TRANSLATE_NOOP("convlens::core",
                                                "Sequential.add_module(name=%1): the name could not be evaluated: %2"),
                              {n->expr ? py::shortText(*n->expr) : std::string("…"), rec.whyNotValue(n->value)}));
        rec.addChild(*this, n->value.str(), m->value, m->expr ? *m->expr : call);
        if (owner)
            owner->attrs[n->value.str()] = m->value;
        return Value::none();
    }
    if ((name == "append" || name == "extend" || name == "insert") &&
        (type == Type::Sequential || type == Type::ModuleList)) {
        CallArgs &args = lazy.get();
        if (name == "append") {
            const Arg *m = !args.positional.empty() ? &args.positional[0] : args.keyword("module");
            if (!m)
                rec.fail(call, tx(QT_TRANSLATE_NOOP("convlens::core", "%1.append() missing required argument 'module'"),
                                  {cls}));
            rec.addChild(*this, std::to_string(children.size()), m->value, m->expr ? *m->expr : call);
            return self();
        }
        if (name == "extend") {
            if (args.positional.empty())
                rec.fail(call, tx(QT_TRANSLATE_NOOP("convlens::core", "%1.extend() missing its modules"), {cls}));
            rec.extendList(*this, args.positional[0].value, args.positional[0].expr ? *args.positional[0].expr : call);
            return self();
        }
        if (args.positional.size() != 2)
            rec.fail(call, tx(QT_TRANSLATE_NOOP("convlens::core", "%1.insert() takes an index and a module"), {cls}));
        std::int64_t i = ev.plain(args.positional[0].value).intOf();
        const auto n = std::int64_t(children.size());
        i = i < 0 ? std::max<std::int64_t>(0, i + n) : std::min(i, n);
        std::vector<Value> values;
        for (auto &c : children)
            values.push_back(c.second);
        values.insert(values.begin() + long(i), args.positional[1].value);
        children.clear();
        for (const auto &v : values)
            rec.addChild(*this, std::to_string(children.size()), v, call);
        return Value::none();
    }
    if (type == Type::ModuleDict && (name == "items" || name == "keys" || name == "values")) {
        std::vector<Value> out;
        for (const auto &[k, v] : children)
            out.push_back(name == "keys" ? ev.str(k) : name == "values" ? v : ev.tuple({ev.str(k), v}));
        return ev.list(std::move(out), call.line);
    }
    if (type == Type::ModuleDict && name == "update") {
        CallArgs &args = lazy.get();
        if (!args.positional.empty())
            rec.updateDict(*this, args.positional[0].value, args.positional[0].expr ? *args.positional[0].expr : call);
        return Value::none();
    }
    if (name == "children" || name == "named_children" || name == "modules" || name == "named_modules") {
        std::vector<Value> out;
        const bool named = name.rfind("named_", 0) == 0;
        if (name == "children" || name == "named_children") {
            for (const auto &[k, v] : children)
                if (!v.isNone())
                    out.push_back(named ? ev.tuple({ev.str(k), v}) : v);
        } else {
            for (const auto &[path, m] : rec.namedModules(this))
                out.push_back(named ? ev.tuple({ev.str(path), m->self()}) : m->self());
        }
        return ev.list(std::move(out), call.line);
    }
    return std::nullopt;
}

std::optional<Value> TModule::getItem(py::Evaluator &ev, const Value &index, const Expr &at)
{
    const Value i = ev.plain(index);
    if (type == Type::ModuleDict) {
        if (!i.is(Kind::Str))
            return std::nullopt;
        if (Value *c = child(i.str()))
            return *c;
        rec.fail(at, "KeyError: '" + i.str() + "' (" + py::shortText(at) + ", line " + std::to_string(at.line) + ")");
    }
    if (type != Type::Sequential && type != Type::ModuleList)
        return std::nullopt;
    const auto n = std::int64_t(children.size());
    if (i.is(Kind::Slice)) {
        // a new container of the same children, not registered in the model (fx cannot call it either)
        const auto *s = i.as<py::SliceObject>();
        std::int64_t start = 0, stop = n, step = 1;
        const auto bound = [&](const Value &v, std::int64_t dflt) {
            const Value p = ev.plain(v);
            if (p.isNone())
                return dflt;
            std::int64_t x = p.intOf();
            if (x < 0)
                x += n;
            return std::clamp<std::int64_t>(x, 0, n);
        };
        start = bound(s->lower, 0);
        stop = bound(s->upper, n);
        if (!ev.plain(s->step).isNone())
            step = ev.plain(s->step).intOf();
        if (step != 1)
            return std::nullopt;
        TModule *sub = rec.newModule(type, cls, at);
        for (std::int64_t k = start; k < stop; ++k)
            sub->children.push_back(children[size_t(k)]);
        if (type == Type::ModuleList)
            for (size_t k = 0; k < sub->children.size(); ++k)
                sub->children[k].first = std::to_string(k);
        return sub->self();
    }
    if (!i.is(Kind::Int) && !i.is(Kind::Bool))
        return std::nullopt;
    std::int64_t k = i.intOf();
    if (k < 0)
        k += n;
    if (k < 0 || k >= n)
        rec.fail(at,
                 tx(QT_TRANSLATE_NOOP("convlens::core", "index %1 is out of range (%2 of %3 modules; %4, line %5)"),
                    {std::to_string(i.intOf()), cls, std::to_string(n), py::shortText(at), std::to_string(at.line)}));
    return children[size_t(k)].second;
}

bool TModule::setItem(py::Evaluator &ev, const Value &index, const Value &v, const Expr &at)
{
    const Value i = ev.plain(index);
    if (type == Type::ModuleDict && i.is(Kind::Str)) {
        rec.addChild(*this, i.str(), v, at);
        return true;
    }
    if ((type == Type::Sequential || type == Type::ModuleList) && i.is(Kind::Int)) {
        std::int64_t k = i.asInt();
        if (k < 0)
            k += std::int64_t(children.size());
        if (k >= 0 && k < std::int64_t(children.size())) {
            rec.addChild(*this, children[size_t(k)].first, v, at);
            return true;
        }
    }
    return false;
}

std::optional<std::vector<Value>> TModule::iterate(py::Evaluator &ev, const Expr &)
{
    std::vector<Value> out;
    if (type == Type::ModuleDict) {
        for (const auto &[k, v] : children)
            out.push_back(ev.str(k));
        return out;
    }
    if (type != Type::Sequential && type != Type::ModuleList)
        return std::nullopt;
    for (const auto &[k, v] : children)
        out.push_back(v);
    return out;
}

std::optional<std::int64_t> TModule::length(py::Evaluator &, const Expr &)
{
    if (!container())
        return std::nullopt;
    return std::int64_t(children.size());
}

std::optional<bool> TModule::truth(py::Evaluator &)
{
    if (container()) // containers define __len__: an empty one is false (`if self.extra:`)
        return !children.empty();
    return true;
}

std::optional<bool> TModule::isInstance(py::Evaluator &, const Value &clsValue)
{
    std::string name;
    if (clsValue.is(Kind::Symbol))
        name = Recorder::lastSegment(clsValue.str());
    else if (const auto *c = dynamic_cast<const TModuleClass *>(clsValue.host()))
        name = c->name;
    else
        return std::nullopt;
    if (name == "Module")
        return true;
    if (type == Type::User && owner)
        return false; // its own class is a user class, compared by the evaluator
    return name == cls;
}

py::HostObject *TModuleClass::instantiateSubclass(py::Evaluator &ev, py::InstanceObject *self, const Expr &call)
{
    auto *m = ev.heap().make<TModule>(rec, type, self->cls->name, call.line, call.column);
    ++rec.buildEvents_;
    return m;
}

// ------------------------------------------------------------------------------------------------- tensors

std::optional<Value> TTensor::getAttr(py::Evaluator &ev, const std::string &name, const Expr &at)
{
    if (name == "shape") { // fx: a getattr node (named getattr_1, …: getattr is a builtin)
        const Shape s = rec.shapeOf(row);
        rec.nonTensorNode("getattr");
        return rec.size(s);
    }
    if (name == "ndim") {
        const Shape s = rec.shapeOf(row);
        rec.nonTensorNode("getattr");
        return rec.num(Value::integer(std::int64_t(s.size())));
    }
    rec.nonTensorNode("getattr");
    return rec.opaque(
        tx(QT_TRANSLATE_NOOP("convlens::core", "`%1` (a tensor's %2) is not known while the code is read"),
           {py::shortText(at), name}),
        at.line);
    (void)ev;
}

std::optional<Value> TTensor::callMethod(py::Evaluator &, const std::string &name, py::LazyArgs &args,
                                         const Expr &call)
{
    return rec.tensorMethod(*this, name, args.get(), call);
}

std::optional<Value> TTensor::binary(py::Evaluator &ev, const std::string &op, const Value &other, bool reflected,
                                     const Expr &at)
{
    if (op == "is" || op == "is not" || op == "in" || op == "not in")
        return std::nullopt;
    if (op == "+" && !reflected)
        return rec.addTensors(row, other, "add", at);
    (void)ev;
    return rec.arith(row, other, op, reflected, at);
}

std::optional<Value> TTensor::unary(py::Evaluator &, const std::string &op, const Expr &at)
{
    if (op == "-")
        return rec.addRow(rec.names().create("neg"), "neg", {}, {row}, at.line);
    rec.notYet("the tensor operator `" + op + "`", at);
}

std::optional<Value> TTensor::getItem(py::Evaluator &, const Value &index, const Expr &at)
{
    return rec.sliceRow(row, index, at);
}

std::optional<std::vector<Value>> TTensor::iterate(py::Evaluator &, const Expr &at)
{
    rec.notYet("iterating over a tensor", at);
}

std::optional<Value> TSize::getItem(py::Evaluator &ev, const Value &index, const Expr &at)
{
    const Value i = ev.plain(index);
    const auto n = std::int64_t(dims.size());
    if (i.is(Kind::Slice)) {
        auto *s = i.as<py::SliceObject>();
        std::int64_t start = 0, stop = n, step = 1;
        if (!ev.plain(s->step).isNone())
            step = ev.plain(s->step).intOf();
        if (step != 1)
            return std::nullopt;
        const auto bound = [&](const Value &v, std::int64_t dflt) {
            const Value p = ev.plain(v);
            if (p.isNone())
                return dflt;
            std::int64_t x = p.intOf();
            if (x < 0)
                x += n;
            return std::clamp<std::int64_t>(x, 0, n);
        };
        start = bound(s->lower, 0);
        stop = bound(s->upper, n);
        rec.nonTensorNode("getitem");
        Shape out;
        for (std::int64_t k = start; k < stop; ++k)
            out.push_back(dims[size_t(k)]);
        return rec.size(out);
    }
    if (!i.is(Kind::Int) && !i.is(Kind::Bool))
        return std::nullopt;
    std::int64_t k = i.intOf();
    if (k < 0)
        k += n;
    if (k < 0 || k >= n)
        rec.fail(at, "tuple index out of range (" + py::shortText(at) + ", line " + std::to_string(at.line) + ")");
    rec.nonTensorNode("getitem");
    return rec.num(Value::integer(dims[size_t(k)]));
}

std::optional<std::vector<Value>> TSize::iterate(py::Evaluator &, const Expr &)
{
    std::vector<Value> out; // iterating a size makes no node (the concrete tracer's rule, where fx gives up)
    for (auto d : dims)
        out.push_back(rec.num(Value::integer(d)));
    return out;
}

std::optional<std::vector<Value>> TSize::unpack(py::Evaluator &, std::size_t n, const Expr &)
{
    if (n != dims.size())
        return std::nullopt;
    std::vector<Value> out; // `b, c, h, w = x.size()`: one getitem node per name
    for (auto d : dims) {
        rec.nonTensorNode("getitem");
        out.push_back(rec.num(Value::integer(d)));
    }
    return out;
}

Value TMaxResult::part(bool indices, const std::string &node, int line)
{
    const bool max = fn == "max";
    std::map<std::string, ParamValue> p{{"keepdim", ParamValue(keepdim)}};
    p["dim"] = indices ? ParamValue(dim) : ParamValue(ParamList{ParamValue(dim)});
    return rec.addRow(rec.names().create(node), indices ? (max ? "argmax" : "argmin") : (max ? "amax" : "amin"),
                      std::move(p), {input}, line);
}

std::optional<Value> TMaxResult::getItem(py::Evaluator &ev, const Value &index, const Expr &at)
{
    const Value i = ev.plain(index);
    if (!i.is(Kind::Int) || (i.intOf() != 0 && i.intOf() != 1 && i.intOf() != -1 && i.intOf() != -2))
        return std::nullopt;
    return part(i.intOf() == 1 || i.intOf() == -1, "getitem", at.line);
}

std::optional<Value> TMaxResult::getAttr(py::Evaluator &, const std::string &name, const Expr &at)
{
    if (name != "values" && name != "indices")
        return std::nullopt;
    return part(name == "indices", "getattr", at.line);
}

std::optional<std::vector<Value>> TMaxResult::unpack(py::Evaluator &, std::size_t n, const Expr &at)
{
    if (n != 2)
        return std::nullopt;
    Value values = part(false, "getitem", at.line);
    return std::vector<Value>{values, part(true, "getitem", at.line)};
}

std::optional<Value> TNum::binary(py::Evaluator &ev, const std::string &op, const Value &other, bool reflected,
                                  const Expr &at)
{
    static const std::map<std::string, std::string> names{
        {"+", "add"},  {"-", "sub"},       {"*", "mul"},  {"/", "truediv"}, {"//", "floordiv"}, {"%", "mod"},
        {"**", "pow"}, {"==", "eq"},       {"!=", "ne"},  {"<", "lt"},      {">", "gt"},        {"<=", "le"},
        {">=", "ge"},  {"&", "and_"},      {"|", "or_"},  {"^", "xor"},     {"<<", "lshift"},   {">>", "rshift"}};
    auto it = names.find(op);
    if (it == names.end())
        return std::nullopt;
    const Value a = reflected ? ev.plain(other) : value;
    const Value b = reflected ? value : ev.plain(other);
    Value r;
    const bool comparison = op == "==" || op == "!=" || op == "<" || op == ">" || op == "<=" || op == ">=";
    if (comparison) {
        if (op == "==" || op == "!=") {
            const auto eq = ev.equal(a, b);
            if (!eq)
                return std::nullopt;
            r = Value::boolean(op == "==" ? *eq : !*eq);
        } else {
            if (!a.isNumber() || !b.isNumber())
                return std::nullopt;
            const double x = a.numberOf(), y = b.numberOf();
            r = Value::boolean(op == "<" ? x < y : op == ">" ? x > y : op == "<=" ? x <= y : x >= y);
        }
    } else {
        r = ev.binary(op, a, b, at);
    }
    if (rec.tracing())
        rec.nonTensorNode(it->second);
    if (comparison || !r.isNumber())
        return r;
    return rec.num(r);
}

std::optional<Value> TNum::unary(py::Evaluator &ev, const std::string &op, const Expr &at)
{
    if (op != "-" && op != "+")
        return std::nullopt;
    const Value r = op == "-" ? ev.binary("-", Value::integer(0), value, at) : value;
    if (rec.tracing())
        rec.nonTensorNode(op == "-" ? "neg" : "pos");
    return rec.num(value.is(Kind::Float) && op == "-" ? Value::number(-value.asFloat()) : r);
}

} // namespace

LoadResult importTorchCode(const py::Module &module, const std::string &fileName, const LoadOptions &opts)
{
    TorchRecorder recorder(fileName, opts);
    return recorder.run(module);
}

} // namespace convlens::importers
