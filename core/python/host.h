// host.h — the one seam between the Python evaluator and what it hosts. The evaluator knows Python (values,
// scopes, classes, calls); everything of a framework — Keras layers, torch modules, shape-carrying tensors — is a
// HostObject whose hooks the evaluator calls, and a Host that gives meaning to names the code imports but does not
// define (`nn.Conv2d`, `layers.Dense`) and to classes derived from the framework's (`class Net(nn.Module)`).
// Every hook may decline (nullopt / false): the evaluator then does what Python would do with an object that lacks
// the feature, usually an Unknown value that says why.
#pragma once

#include "python/value.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace convlens::py {

class Evaluator;

struct Arg {
    Value value;
    const Expr *expr = nullptr; // what was written, for messages (null for arguments the evaluator made)
};

struct CallArgs {
    std::vector<Arg> positional;
    std::vector<std::pair<std::string, Arg>> keywords;
    std::string unresolved; // why a *args / **kwargs could not be expanded (empty: all known)

    const Arg *keyword(std::string_view k) const;
    bool empty() const { return positional.empty() && keywords.empty() && unresolved.empty(); }
};

// The arguments of a method call, evaluated only when a hook asks for them: `model.fit(x_train, …)` need not
// evaluate what the model does not depend on.
class LazyArgs {
public:
    explicit LazyArgs(std::function<CallArgs()> evaluate) : evaluate_(std::move(evaluate)) {}
    explicit LazyArgs(CallArgs ready) : args_(std::move(ready)) {}
    CallArgs &get()
    {
        if (!args_)
            args_ = evaluate_();
        return *args_;
    }
    bool evaluated() const { return args_.has_value(); }

private:
    std::function<CallArgs()> evaluate_;
    std::optional<CallArgs> args_;
};

class HostObject : public Object {
public:
    HostObject() : Object(Kind::Host) {}

    // For messages: "a Conv2d module", "a tensor".
    virtual std::string describe() const = 0;
    // Why this object cannot be used as a plain value (a parameter, a string): "it is a tensor, not a value".
    virtual std::string whyNotValue() const { return "it is " + describe() + ", not a value"; }

    virtual std::optional<Value> getAttr(Evaluator &ev, const std::string &name, const Expr &at);
    // obj.name = v. false: not handled (the evaluator keeps it on the instance, or reports it as skipped).
    virtual bool setAttr(Evaluator &ev, const std::string &name, const Value &v, const Expr &at);
    virtual std::optional<Value> call(Evaluator &ev, CallArgs &args, const Expr &call);
    // obj.name(...). The default looks the attribute up and calls it; a host may answer without the arguments.
    virtual std::optional<Value> callMethod(Evaluator &ev, const std::string &name, LazyArgs &args, const Expr &call);
    // self op other (reflected: other op self). op is the Python operator ("+", "*", "==", …).
    virtual std::optional<Value> binary(Evaluator &ev, const std::string &op, const Value &other, bool reflected,
                                        const Expr &at);
    virtual std::optional<Value> unary(Evaluator &ev, const std::string &op, const Expr &at);
    virtual std::optional<Value> getItem(Evaluator &ev, const Value &index, const Expr &at);
    virtual bool setItem(Evaluator &ev, const Value &index, const Value &v, const Expr &at);
    virtual std::optional<std::vector<Value>> iterate(Evaluator &ev, const Expr &at);
    // `a, b = obj` with n names (the default iterates).
    virtual std::optional<std::vector<Value>> unpack(Evaluator &ev, std::size_t n, const Expr &at);
    virtual std::optional<std::int64_t> length(Evaluator &ev, const Expr &at);
    virtual std::optional<bool> truth(Evaluator &ev);
    // The plain Python value behind this object, if it stands for one (an int computed from a tensor's size).
    virtual std::optional<Value> plainValue() const { return std::nullopt; }
    // Whether calling this object, or its method `name`, builds part of the model: a statement doing so in a block
    // the evaluator cannot run (an `if` on data) is refused rather than skipped.
    virtual bool buildsOnCall() const { return false; }
    virtual bool buildsOnMethod(const std::string &) const { return false; }
    // True for a placeholder of something that was not built (an instance of a class the host does not know): a
    // statement producing it is noted as skipped.
    virtual bool builtNothing() const { return false; }
    // isinstance(obj, cls) where cls is a host class or a symbol; nullopt: unknown.
    virtual std::optional<bool> isInstance(Evaluator &ev, const Value &cls);

    // ---- host classes (nn.Module, keras.layers.Layer): what a user class derived from them needs.
    virtual bool isClass() const { return false; }
    // The host part of a new instance of a user subclass (`self` is the instance; its __init__ runs afterwards).
    // nullptr: this class cannot be subclassed here, with the reason thrown through ev.fail.
    virtual HostObject *instantiateSubclass(Evaluator &ev, InstanceObject *self, const Expr &call);

    // The user instance this object is the host part of (null for plain host objects).
    InstanceObject *owner = nullptr;
    // The value to hand back as `self`: the user instance when there is one.
    Value self() { return owner ? Value(static_cast<Object *>(owner)) : Value(static_cast<Object *>(this)); }
};

class Host {
public:
    virtual ~Host() = default;
    // A call of a dotted name that the code imports or uses without defining it: `nn.Conv2d(…)`, `Conv2D(…)`
    // after `from keras.layers import *`, `tf.keras.Model(…)`.
    virtual Value callSymbol(Evaluator &ev, const std::string &path, CallArgs &args, const Expr &call) = 0;
    // Such a name used as a base class or with isinstance: the host class, or nullptr when the host has none.
    virtual HostObject *hostClass(Evaluator &ev, const std::string &path, const Expr &at);
    // A call of something the evaluator could not evaluate (an Unknown, or a symbol the host declined): the
    // result, usually an Unknown saying why. The host may refuse instead when the arguments hold its objects.
    virtual Value callUnevaluated(Evaluator &ev, const Value &callee, CallArgs &args, const Expr &call);
    // Counts what the host has built; a statement that does not move it is noted as skipped.
    virtual long progress() const = 0;
    // Whether calling the dotted name builds part of the model (`Conv2D`, `nn.Sequential`), as far as the name tells.
    virtual bool buildsLayers(const std::string &) const { return false; }
};

} // namespace convlens::py
