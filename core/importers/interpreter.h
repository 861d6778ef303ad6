// python_import.h — internal to core/io: the small evaluator the Keras and PyTorch importers share. It runs the
// model-building part of pasted code the way Python would (variables, arithmetic, function calls with defaults,
// if-branches whose condition is known) and records layers, tensors and models; everything else (training, data
// loading, plotting) evaluates to an opaque value that only becomes an error when the model needs it.
// keras_import.cpp and torch_import.cpp say what each framework's calls build.
#pragma once

#include "model/load.h"
#include "python/parser.h"

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace convlens::pyimport {

struct Value;
using ValueList = std::vector<Value>;

struct Value {
    enum class Kind {
        None, Bool, Int, Float, Str, Tuple, List, Dict, // plain Python values (Dict: key, value, key, value…)
        Symbol,       // a name from an import or an undefined name, with its attribute chain: "tf.keras.layers.Conv2D"
        Opaque,       // something not evaluated here; `text` says why (becomes the error if the model needs it)
        Layer,        // a layer object, not yet used (id: layer index)
        UnknownLayer, // an instance of a class ConvLens does not know (`text`: class name)
        Tensor,       // the output of a layer in a functional model (id: the producing layer)
        Model,        // Sequential / Model / nn.Sequential (id: model index)
        Function,     // a `def` (id)
        Method,       // receiver.text, not yet called
        Class,        // a user `class` (id)
        Builtin,      // len, range, int, … (text)
    };
    Kind kind = Kind::None;
    bool boolean = false;
    std::int64_t integer = 0;
    double number = 0;
    std::string text;
    std::shared_ptr<ValueList> items; // Tuple, List, Dict; shared, copied before a change when shared
    int id = -1;
    int line = 0, column = 0;
    std::shared_ptr<Value> receiver;  // Method
    std::size_t weight = 1;           // number of values inside, for bounding copies and conversions
    int depth = 0;                    // nesting of containers, bounded so that no walk or destructor recurses deeply

    static Value none() { return {}; }
    static Value boolean_(bool b);
    static Value int_(std::int64_t i);
    static Value float_(double d);
    static Value str(std::string s);
    static Value seq(Kind k, ValueList items); // Tuple, List or Dict
    static Value symbol(std::string path);
    static Value opaque(std::string why, int line = 0);
    static Value object(Kind k, int id, int line = 0, int column = 0);

    bool is(Kind k) const { return kind == k; }
    bool isSeq() const { return kind == Kind::Tuple || kind == Kind::List; }
    const ValueList &elements() const;
};

// Internally an import stops at the first problem by throwing this; the entry points turn it into a LoadError.
struct ImportFailure {
    int line = 0, column = 0;
    std::string message;
};

struct LayerObj {
    const KindDef *kind = nullptr;
    std::string written;                       // the class as written ("Convolution2D"), for messages
    std::map<std::string, ParamValue> params;
    std::string name;                          // explicit name=, or an OrderedDict key; empty: default name
    int line = 0, column = 0;
    bool implicitInput = false;
    // Keras: input_shape= / batch_input_shape= / input_dim= on a layer (used when it starts a Sequential).
    std::optional<ParamValue> declaredInputShape;
    std::string declaredInputShapeError;
    // An Input whose shape could not be read; reported only if --input-shape does not supply one.
    std::string shapeError;
    int owner = -2;           // -2: not used yet; -1: the functional graph; ≥ 0: the Sequential model it is in
    int order = -1;           // when it was used: graph order is call order
    std::vector<int> inputs;  // producing layers (functional graph)
    bool consumed = false;    // its output was used by another layer
};

struct ModelObj {
    enum class Kind { KerasSequential, KerasFunctional, TorchSequential };
    Kind kind = Kind::KerasSequential;
    int line = 0, column = 0;
    std::vector<int> layers;              // Sequential members in order
    std::vector<int> inputs, outputs;     // functional
    std::optional<ParamValue> buildShape; // Sequential.build(input_shape)
    int buildLine = 0;
};

struct UserFunction {
    const py::Stmt *def = nullptr;
    std::shared_ptr<struct Scope> closure;
    std::vector<std::optional<Value>> defaults; // per parameter
    int calls = 0;
    bool topLevel = false;
};

struct UserClass {
    std::string name;
    std::vector<std::string> bases; // dotted paths as written: "nn.Module", "keras.Model"
    int line = 0, column = 0;
};

struct Scope {
    std::map<std::string, Value> vars;
    std::shared_ptr<Scope> parent;
};

struct Frame {
    std::shared_ptr<Scope> scope;
    bool inFunction = false;
    bool returned = false;
    Value result;
};

struct CallArgs {
    struct Arg {
        Value value;
        const py::Expr *expr = nullptr; // what was written, for messages
    };
    std::vector<Arg> positional;
    std::vector<std::pair<std::string, Arg>> keywords;
    std::string unresolved; // why a *args / **kwargs could not be expanded (empty: all known)
    const Arg *keyword(const std::string &k) const;
    bool hasTensor() const;
};

class Interpreter {
public:
    Interpreter(Framework f, std::string fileName, const LoadOptions &opts);
    virtual ~Interpreter() = default;

    // Runs the module and builds the graph; never throws.
    LoadResult run(const py::Module &module);

    // Limits (DESIGN: bad input never hangs or allocates hugely).
    static constexpr long kMaxSteps = 1'000'000;
    static constexpr std::size_t kMaxLayers = 100'000;
    static constexpr std::size_t kMaxValueWeight = 1'000'000;
    static constexpr long long kAllocationBudget = 64LL << 20;

protected:
    // ---- what each framework builds
    virtual Value callSymbol(const std::string &path, CallArgs &args, const py::Expr &call) = 0;
    virtual Value callLayer(int layer, CallArgs &args, const py::Expr &call) = 0;
    virtual Value callModel(int model, CallArgs &args, const py::Expr &call) = 0;
    // `receiver.method(...)` on a model or a layer object; arguments are evaluated only if the method builds.
    virtual Value modelMethod(int model, const std::string &method, const py::Expr &call, Frame &f) = 0;
    virtual Value layerMethod(int layer, const std::string &method, const py::Expr &call, Frame &f);
    virtual Value callUnknownLayer(const Value &unknown, CallArgs &args, const py::Expr &call) = 0;
    virtual Value instantiate(const UserClass &cls, CallArgs &args, const py::Expr &call) = 0;
    virtual Graph assemble() = 0;

    // ---- shared machinery for the frameworks
    [[noreturn]] void fail(int line, int column, std::string message) const;
    [[noreturn]] void fail(const py::Expr &at, std::string message) const { fail(at.line, at.column, std::move(message)); }
    void note(int line, std::string text);

    using SpecialKeyword = std::function<bool(const std::string &keyword, const CallArgs::Arg &arg, LayerObj &obj)>;
    // Binds arguments to the kind's parameters (positional in catalogue order, then keywords), converts and
    // type-checks them, and records a new layer object. `skipPositional` leading positional arguments are not
    // parameters (a functional call's input list). `special` may claim keywords the catalogue does not list.
    int constructLayer(const KindDef &kind, const std::string &written, const CallArgs &args, const py::Expr &call,
                       std::size_t skipPositional = 0, const SpecialKeyword &special = {});
    int newLayer(LayerObj obj);
    int newModel(ModelObj m);
    // Converts a value for a parameter; nullopt and `why` when it cannot.
    std::optional<ParamValue> toParam(const Value &v, const ParamDef *def, std::string *why) const;
    std::string describeLayer(int layer) const;   // "Conv2D(...) (line 7)" or "'conv1' (line 7)"
    std::string unknownLayerMessage(const std::string &cls, int line) const;
    static std::string lastSegment(const std::string &path);
    static std::vector<std::string> segments(const std::string &path);
    Value opaqueCall(const CallArgs &args, const py::Expr &call, const std::string &frameworkHint) const;
    std::string whyNotValue(const Value &v, const py::Expr *e) const;
    // Names every layer object as tf.keras would, in construction order (also the ones not in the model).
    std::vector<std::string> kerasDefaultNames() const;
    Graph finishGraph(Graph g) const; // validateAndOrder; structural errors become failures
    CallArgs evalArgs(const py::Expr &call, Frame &f);

    Framework framework_;
    std::string file_;
    LoadOptions opts_;
    std::vector<LayerObj> layers_;
    std::vector<ModelObj> models_;
    std::vector<UserFunction> functions_;
    std::vector<UserClass> classes_;
    std::vector<std::string> notes_;
    std::set<std::string> noteSet_;
    std::size_t droppedNotes_ = 0;
    long buildEvents_ = 0; // layers made or used, models made or changed: a statement that adds none is skipped
    int nextOrder_ = 0;

private:
    void execBlock(const py::Block &body, Frame &f);
    void exec(const py::Stmt &s, Frame &f);
    void execIf(const py::Stmt &s, Frame &f);
    void skipBlockNames(const py::Stmt &s, Frame &f, const std::string &why, bool keepBound);
    void assign(const py::Expr &target, const Value &v, Frame &f);
    Value eval(const py::Expr &e, Frame &f);
    Value evalCall(const py::Expr &call, Frame &f);
    Value callValue(const Value &callee, CallArgs &args, const py::Expr &call);
    Value callFunction(int id, CallArgs &args, const py::Expr &call);
    Value callMethod(const Value &receiver, const std::string &name, CallArgs &args, const py::Expr &call);
    Value callBuiltin(const std::string &name, CallArgs &args, const py::Expr &call);
    Value getAttribute(const Value &obj, const std::string &name, const py::Expr &e);
    Value binary(const std::string &op, const Value &a, const Value &b, const py::Expr &e);
    Value unary(const std::string &op, const Value &a, const py::Expr &e);
    Value compare(const py::Expr &e, Frame &f);
    Value subscript(const Value &obj, const py::Expr &index, Frame &f, const py::Expr &e);
    Value formatted(const py::Expr &e, Frame &f);
    Value lookup(const std::string &name, Frame &f);
    Value *slot(const std::string &name, Frame &f);
    Value makeSeq(Value::Kind k, ValueList items, int line);
    void appendInPlace(Value &list, const ValueList &more, std::optional<std::size_t> at, int line);
    bool charge(long long bytes); // allocation budget; false when exhausted
    void step(int line, int column);
    void importDefaultBodies(Frame &top);
    static std::optional<bool> truth(const Value &v);
    static std::optional<bool> equal(const Value &a, const Value &b);
    static std::string str(const Value &v);

    std::shared_ptr<Scope> globals_;
    long steps_ = 0;
    int callDepth_ = 0;
    long long allocated_ = 0;
};

// The two importers (keras_import.cpp, torch_import.cpp).
LoadResult importKerasCode(const py::Module &module, const std::string &fileName, const LoadOptions &opts);
LoadResult importTorchCode(const py::Module &module, const std::string &fileName, const LoadOptions &opts);

// True when a module segment before the last (the class or function name) is one of `modules`.
bool underModule(const std::vector<std::string> &segs, const std::set<std::string> &modules);

} // namespace convlens::pyimport
