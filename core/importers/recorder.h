// recorder.h — internal to core/importers: what the Keras and the PyTorch importers share on top of the Python
// evaluator. A Recorder is the evaluator's Host: it gives meaning to the framework names the code calls, records
// layer objects (catalogue kind, parameters as written, name), models and their wiring, and finally assembles the
// Graph. keras.cpp and torch.cpp say what each framework's calls build.
#pragma once

#include "model/load.h"
#include "python/evaluator.h"

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace convlens::importers {

using py::Arg;
using py::CallArgs;
using py::Expr;
using py::Value;

struct LayerObj {
    const KindDef *kind = nullptr;
    std::string written;                       // the class as written ("Convolution2D"), for messages
    std::map<std::string, ParamValue> params;
    std::string name;                          // explicit name=, or an OrderedDict key; empty: default name
    int line = 0, column = 0;
    bool implicitInput = false; // an input the code did not write (named "input", not input_1)
    bool hidden = false;        // an input the summary does not list (an Input written first in a Sequential)
    int session = 0;            // Keras: keras.backend.clear_session() calls before it (name counters restart)
    // Keras: input_shape= / batch_input_shape= / input_dim= on a layer (used when it starts a Sequential).
    std::optional<ParamValue> declaredInputShape;
    std::string declaredInputShapeError;
    // An Input whose shape could not be read; reported only if --input-shape does not supply one.
    std::string shapeError;
    int owner = -2;           // -2: not used yet; -1: the functional graph; ≥ 0: the Sequential model it is in
    int order = -1;           // when it was used: graph order is call order
    std::vector<int> inputs;  // producing layers (functional graph)
    bool consumed = false;    // its output was used by another layer
    // Keras: a copy made when a model is called on a tensor (its layers, wired to the call's inputs) or when a layer
    // is called a second time (shared weights). `cloneOf` is the layer object it copies (never itself a copy): the
    // copy takes that layer's name, and all copies of one layer count its parameters once.
    int cloneOf = -1;
    // Keras: a custom Layer subclass or a Lambda: the object exists only to take its name (snake_case of its class,
    // counted like any layer); the layers its call() builds are its rows (scope = its name). Empty otherwise.
    std::string autoName;
    bool viaModel = false; // a copy made by a model call (else by calling the layer again)
    std::string scope; // the nested models it is in, outermost first ("tower", "outer/inner"); empty at the top
};

struct ModelObj {
    enum class Kind { KerasSequential, KerasFunctional, TorchSequential };
    Kind kind = Kind::KerasSequential;
    int line = 0, column = 0;
    std::vector<int> layers;              // Sequential members in order
    std::vector<int> inputs, outputs;     // functional
    std::optional<ParamValue> buildShape; // Sequential.build(input_shape)
    int buildLine = 0;
    std::string name;                     // Keras: explicit name=; empty: the default name (sequential, model_1)
    int session = 0;                      // Keras: clear_session() calls before it
};

// Keras: a Sequential member that is a model (a nested model), stored in ModelObj::layers as −2 − model id.
inline int nestedMember(int model) { return -2 - model; }
inline bool isNestedMember(int member) { return member <= -2; }
inline int nestedModelOf(int member) { return -2 - member; }

class Recorder : public py::Host {
public:
    Recorder(Framework f, std::string fileName, const LoadOptions &opts);
    ~Recorder() override;

    // Runs the module and builds the graph; never throws.
    LoadResult run(const py::Module &module);

    long progress() const override { return buildEvents_; }
    Value callUnevaluated(py::Evaluator &ev, const Value &callee, CallArgs &args, const Expr &call) override;

    // Limits (DESIGN: bad input never hangs or allocates hugely).
    static constexpr std::size_t kMaxLayers = 100'000;

    // ---- for the host objects of keras.cpp and torch.cpp
    py::Evaluator &ev() { return *ev_; }
    [[noreturn]] void fail(int line, int column, std::string message) const;
    [[noreturn]] void fail(const Expr &at, std::string message) const { fail(at.line, at.column, std::move(message)); }
    void note(int line, std::string text);
    Value opaque(const std::string &why, int line);
    std::string whyNotValue(const Value &v) const;

    using SpecialKeyword = std::function<bool(const std::string &keyword, const Arg &arg, LayerObj &obj)>;
    // Binds arguments to the kind's parameters (positional in catalogue order, then keywords), converts and
    // type-checks them, and records a new layer object. `skipPositional` leading positional arguments are not
    // parameters (a functional call's input list). `special` may claim keywords the catalogue does not list.
    int constructLayer(const KindDef &kind, const std::string &written, const CallArgs &args, const Expr &call,
                       std::size_t skipPositional = 0, const SpecialKeyword &special = {});
    int newLayer(LayerObj obj);
    int newModel(ModelObj m);
    // Converts a value for a parameter; nullopt and `why` when it cannot.
    std::optional<ParamValue> toParam(const Value &v, const ParamDef *def, std::string *why) const;
    std::string describeLayer(int layer) const;   // "Conv2D(...) (line 7)" or "'conv1' (line 7)"
    std::string unknownLayerMessage(const std::string &cls, int line) const;
    static std::string lastSegment(const std::string &path);
    static std::vector<std::string> segments(const std::string &path);
    Value opaqueCall(const CallArgs &args, const Expr &call, const std::string &frameworkHint);
    // Whether a value is (or holds, in a list or tuple) one of the framework's tensors.
    virtual bool isTensor(const Value &v) const = 0;
    bool hasTensor(const CallArgs &args) const;
    // Names every layer object as tf.keras would, in construction order (also the ones not in the model).
    std::vector<std::string> kerasDefaultNames() const;
    // Names every model as tf.keras 2 would (sequential, sequential_1, model, …; an explicit name= wins).
    std::vector<std::string> kerasModelNames() const;
    Graph finishGraph(Graph g) const; // validateAndOrder; structural errors become failures
    // --call EXPR evaluated in the code's namespace (nullopt without --call).
    std::optional<Value> evaluateCall();
    // The functions and methods the code defines but never calls, with required parameters ("LeNet.build(width,
    // height, depth, classes) (line 5)"): builders a --call can name. Empty when there are none.
    struct Builder {
        std::string text;   // "LeNet.build(width, height, depth, classes)"
        std::string callee; // "LeNet.build"
        int params = 0;
        int line = 0, column = 0;
    };
    std::vector<Builder> uncalledBuilders() const;
    // Whether a block mentions `name` (a Name node anywhere in it): a helper used by a builder is not a builder.
    static bool mentions(const py::Block &b, const std::string &name);
    // Refuses a code that builds nothing, naming its builders and how to call one when it has some.
    [[noreturn]] void failNoModel(const std::string &expected);
    // A published architecture (keras.applications.VGG16, torchvision.models.resnet18): the project's own
    // definition in resources/applications/<file> (embedded in the library), run as a library module, and its
    // builder `function` called with the code's arguments.
    Value callApplication(const std::string &file, const std::string &function, CallArgs &args, const Expr &call);

    std::vector<LayerObj> layers_;
    std::vector<ModelObj> models_;
    long buildEvents_ = 0; // layers made or used, models made or changed: a statement that adds none is skipped
    int session_ = 0;      // Keras naming session (clear_session)
    int nextOrder_ = 0;

protected:
    virtual Graph assemble() = 0;

    Framework framework_;
    std::string file_;
    LoadOptions opts_;

private:
    void importDefaultBodies();

    py::Evaluator *ev_ = nullptr;
    std::vector<std::unique_ptr<Expr>> syntheticSites_; // call sites made up for calls the code does not write
    py::ExprPtr callExpr_;                               // --call, parsed
    std::map<std::string, std::pair<std::unique_ptr<py::Module>, py::Scope *>> applications_; // file → tree, namespace
};

// The two importers (keras.cpp, torch.cpp).
LoadResult importKerasCode(const py::Module &module, const std::string &fileName, const LoadOptions &opts);
LoadResult importTorchCode(const py::Module &module, const std::string &fileName, const LoadOptions &opts);

// True when a module segment before the last (the class or function name) is one of `modules`.
bool underModule(const std::vector<std::string> &segs, const std::set<std::string> &modules);

} // namespace convlens::importers
