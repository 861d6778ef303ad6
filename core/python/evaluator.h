// evaluator.h — a static, budgeted evaluator for the Python that builds models: modules, functions with defaults,
// *args and **kwargs, closures, classes with inheritance, methods, super(), decorators (staticmethod, classmethod,
// property), loops with break/continue, comprehensions, the common builtins and the math, collections and functools
// functions model code uses. It imports nothing, reads no files and runs no user code natively: it walks the tree.
// It knows no framework; a Host (host.h) gives meaning to the names the code imports.
//
// Every walk is budgeted here, in the evaluator loop, not by its callers: steps (statements and expressions
// evaluated, plus work inside builtins), function call depth, total nesting of the walk, and the bytes of the heap.
// Running out is a refusal naming the line, and for a loop the loop.
#pragma once

#include "python/ast.h"
#include "python/host.h"
#include "python/value.h"

#include <set>
#include <string>
#include <vector>

namespace convlens::py {

// The evaluation stops at the first problem by throwing this (from fail()); the caller turns it into its error.
struct Failure {
    int line = 0, column = 0;
    std::string message;
};

// A `raise` (or a failed `assert`) in the code: a `try` with a matching `except` catches it, otherwise it ends the
// evaluation like any Failure ("the code raises ValueError: …").
struct Raised : Failure {
    std::string type; // "ValueError"
    std::string text; // the exception's message
};

struct Limits {
    long maxSteps = 1'000'000;           // statements, expressions and builtin work
    int maxCallDepth = 100;              // nested calls of user functions
    std::size_t maxItems = 1'000'000;    // elements of one list, tuple, dict or range turned into a list
    std::size_t maxStringBytes = 1 << 20; // one string
};

class Evaluator {
public:
    explicit Evaluator(Host &host, Limits limits = {});
    ~Evaluator();
    Evaluator(const Evaluator &) = delete;
    Evaluator &operator=(const Evaluator &) = delete;

    // Runs a module's statements in the global scope. Throws Failure.
    void run(const Module &module);
    // Evaluates one expression in the global scope (`--call "Net(10)"`). Throws Failure.
    Value evaluate(const Expr &e);
    // Runs a library module (Python the host provides, such as its definitions of published architectures) in a
    // namespace of its own and returns that namespace. What it defines is not the code's own: it leaves no notes
    // and its functions and classes are marked `library`.
    Scope *runLibrary(const Module &module);
    // The global variables in the order they were last assigned (oldest first).
    std::vector<std::pair<std::string, Value>> globalsByAssignment() const;

    // ------------------------------------------------------------------------------------------ values
    Heap &heap() { return heap_; }
    const Limits &limits() const { return limits_; }
    Value str(std::string s);
    // Containers larger than the limits are an Unknown saying so (line: where it was built).
    Value tuple(std::vector<Value> items, int line = 0);
    Value list(std::vector<Value> items, int line = 0);
    Value dict(int line = 0);
    Value unknown(std::string why, int line);
    Value symbol(std::string path, bool undefined = false);
    Value hostValue(HostObject *h) { return Value(static_cast<Object *>(h)); }
    void dictSet(const Value &dict, const Value &key, const Value &value, int line);
    std::optional<Value> dictGet(const Value &dict, const Value &key);

    // ------------------------------------------------------------------------------------------ operations
    // As Python defines them; hosts use them to call back into user code (a forward() method, a builder).
    Value call(const Value &callee, CallArgs &args, const Expr &site);
    Value callMethod(const Value &self, const std::string &name, CallArgs &args, const Expr &site);
    Value getAttr(const Value &obj, const std::string &name, const Expr &site);
    // Looks the attribute up without reporting it missing: nullopt when the object has none.
    std::optional<Value> findAttr(const Value &obj, const std::string &name, const Expr &site);
    // The elements a `for` would visit; nullopt and *why when the value cannot be iterated here.
    std::optional<std::vector<Value>> iterate(const Value &v, const Expr &site, std::string *why);
    std::optional<bool> truth(const Value &v);
    std::optional<bool> equal(const Value &a, const Value &b);
    Value binary(const std::string &op, const Value &a, const Value &b, const Expr &site);
    std::string toStr(const Value &v);   // str(v); "<…>" for objects without a text
    std::string repr(const Value &v);    // repr(v)
    std::string typeName(const Value &v) const;
    // Why v is not a plain value: "name 'x_train' is not defined", "it is a tensor, not a value", the reason an
    // Unknown carries.
    std::string whyNotValue(const Value &v) const;
    // The plain value behind a host object that stands for one (a traced size), else v itself.
    Value plain(const Value &v) const;

    // ------------------------------------------------------------------------------------------ diagnostics
    void note(int line, std::string text);
    // What was skipped or assumed, in order ("line 6: skipped model.compile(...) (does not build the model)").
    std::vector<std::string> notes() const;
    [[noreturn]] void fail(int line, int column, std::string message) const;
    [[noreturn]] void fail(const Expr &at, std::string message) const { fail(at.line, at.column, std::move(message)); }
    // One unit of work at a line; refuses once the step budget is spent.
    void step(int line, int column);
    void charge(long steps, int line);

    // ------------------------------------------------------------------------------------------ the code's own
    const std::vector<ClassObject *> &classes() const { return classes_; }
    const std::vector<FunctionObject *> &functions() const { return functions_; }
    Scope *globals() { return globals_; }
    // A function's parameters that have no default (`build(width, height)`): for messages about builders.
    static std::vector<std::string> requiredParams(const FunctionObject &fn);

private:
    struct Frame;
    class Iterator;
    enum class Flow { Normal, Return, Break, Continue };

    // statements
    void execBlock(const Block &body, Frame &f);
    void exec(const Stmt &s, Frame &f);
    void execIf(const Stmt &s, Frame &f);
    void execFor(const Stmt &s, Frame &f);
    void execWhile(const Stmt &s, Frame &f);
    void execTry(const Stmt &s, Frame &f);
    void execImport(const Stmt &s, Frame &f);
    void execDef(const Stmt &s, Frame &f);
    void execClass(const Stmt &s, Frame &f);
    void execAugAssign(const Stmt &s, Frame &f);
    void skipBlockNames(const Stmt &s, Frame &f, const std::string &why, bool keepBound);
    void assign(const Expr &target, const Value &v, Frame &f);
    void assignName(const std::string &name, const Value &v, Frame &f);
    void deleteTarget(const Expr &target, Frame &f);
    void noteSkipped(const Stmt &s, const std::string &what);
    void execRaise(const Stmt &s, Frame &f);
    void execAssert(const Stmt &s, Frame &f);
    void execDel(const Stmt &s, Frame &f);
    // Refuses a block the evaluator cannot run (its condition or iterable is unknown) when it would build part of
    // the model; returns normally when it would not.
    void refuseIfBuilds(const Stmt &s, const Block &body, Frame &f, const std::string &header, const Value &why);
    bool blockBuilds(const Block &b, Frame &f, int depth);
    bool exprBuilds(const Expr &e, Frame &f, int depth);
    std::optional<Value> peek(const Expr &e, Frame &f);

    // expressions
    Value eval(const Expr &e, Frame &f);
    Value evalCall(const Expr &call, Frame &f);
    CallArgs evalArgs(const Expr &call, Frame &f);
    Value evalComprehension(const Expr &e, Frame &f);
    Value evalSubscript(const Expr &e, Frame &f);
    Value evalFString(const Expr &e, Frame &f);
    Value compare(const Expr &e, Frame &f);
    Value unary(const std::string &op, const Value &a, const Expr &e);
    Value lookup(const std::string &name, Frame &f, const Expr *at);
    Value *slot(const std::string &name, Frame &f);
    Value subscript(const Value &obj, const Value &index, const Expr &e);
    void setItem(const Value &obj, const Value &index, const Value &v, const Expr &e);
    Value makeFunction(const Stmt *def, const Expr *lambda, Frame &f);

    // calls
    Value callFunction(FunctionObject *fn, const Value *self, CallArgs &args, const Expr &site);
    Value instantiate(ClassObject *cls, CallArgs &args, const Expr &site);
    Value callBuiltin(const BuiltinObject &b, CallArgs &args, const Expr &site);
    Value callBuiltinFunction(const std::string &name, CallArgs &args, const Expr &site);
    Value callTypeMethod(const Value &self, const std::string &name, CallArgs &args, const Expr &site);
    Value callSymbol(const std::string &path, CallArgs &args, const Expr &site);
    std::optional<Value> stdlib(const std::string &path);
    Value bindAttribute(const Value &found, const Value &self, ClassObject *cls, const Expr &site);
    std::optional<Value> classAttr(ClassObject *cls, const std::string &name, std::size_t from = 0);
    Value superAttr(const SuperObject &s, const std::string &name, const Expr &site);
    Value makeSuper(const CallArgs &args, Frame *f, const Expr &site);

    // helpers
    Value seq(Kind k, std::vector<Value> items, int line);
    std::optional<std::uint64_t> hashOf(const Value &v, int depth = 0) const;
    std::optional<bool> equalImpl(const Value &a, const Value &b, int depth);
    void reprImpl(const Value &v, std::string &out, std::vector<const Object *> &active, int depth);
    std::optional<std::string> formatSpec(const Value &v, const std::string &spec);
    Value percentFormat(const Value &fmt, const Value &args, const Expr &e);
    Value strFormat(const std::string &fmt, CallArgs &args, const Expr &e);
    bool isInstanceOf(const Value &obj, const Value &cls);
    std::vector<Value> positionalValues(const CallArgs &args) const;

    Host &host_;
    Limits limits_;
    Heap heap_;
    Scope *globals_ = nullptr;
    Frame *current_ = nullptr; // the innermost frame, for super() and messages
    long steps_ = 0;
    int callDepth_ = 0;
    int walkDepth_ = 0;
    int loopLine_ = 0, loopColumn_ = 0; // the innermost loop running, for the step-budget message
    long assignments_ = 0;
    int libraryDepth_ = 0; // > 0 while a library module or its functions run
    std::unordered_map<std::string, long> globalStamps_; // global name → when it was last assigned
    std::vector<ClassObject *> classes_;
    std::vector<FunctionObject *> functions_;
    std::unordered_map<std::string, Value> builtins_; // builtin functions, then stdlib functions by dotted path
    std::unordered_map<std::string, Value> symbols_;
    std::unordered_map<const Expr *, Value> literals_; // string literals, built once
    std::vector<std::string> notes_;
    std::set<std::string> noteSet_;
    std::size_t droppedNotes_ = 0;
};

} // namespace convlens::py
