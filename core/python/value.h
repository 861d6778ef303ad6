// value.h — the evaluator's values and the heap that owns them. A Value is 16 bytes: None, bool, int and float are
// held inline; everything else points to an Object in the evaluator's Heap (strings, tuples, lists, dicts, functions,
// classes, instances, host objects). The Heap frees nothing until the evaluation ends, so reference cycles
// (`a.append(a)`, a scope holding a function whose closure is that scope) cost nothing, and it counts the bytes it
// hands out against a budget.
//
// Two kinds stand for what was not evaluated: a Symbol is a dotted name from an import or a name nobody defined
// (`tf.keras.layers.Conv2D`, `x_train`), which the host may give a meaning when it is called; Unknown carries the
// reason a value could not be computed, and becomes the error only if the model needs the value.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace convlens::py {

struct Expr;
struct Stmt;
class Object;
class HostObject;
struct Scope;

enum class Kind : std::uint8_t {
    None, Bool, Int, Float, // inline
    Str, Tuple, List, Dict, Set, Range, Slice,
    Function,     // a `def` or a lambda
    BoundMethod,  // function + self
    Builtin,      // a builtin function or a method of a builtin type (with its receiver)
    Class,        // a user `class`
    Instance,     // an instance of a user class
    Wrapper,      // staticmethod / classmethod / property around a function
    Super,        // super()
    Symbol,       // a dotted name not defined in the code
    Unknown,      // a value not computed here, with the reason
    Host,         // an object of the host (a layer, a model, a tensor, a host class)
    HostMethod,   // host object + attribute name, not yet called
};

class Value {
public:
    Value() : i_(0) {}
    explicit Value(Object *o);

    static Value none() { return {}; }
    static Value boolean(bool b)
    {
        Value v;
        v.kind_ = Kind::Bool;
        v.b_ = b;
        return v;
    }
    static Value integer(std::int64_t i)
    {
        Value v;
        v.kind_ = Kind::Int;
        v.i_ = i;
        return v;
    }
    static Value number(double d)
    {
        Value v;
        v.kind_ = Kind::Float;
        v.f_ = d;
        return v;
    }

    Kind kind() const { return kind_; }
    bool is(Kind k) const { return kind_ == k; }
    bool isNone() const { return kind_ == Kind::None; }
    bool isObject() const { return kind_ > Kind::Float; }
    bool isNumber() const { return kind_ == Kind::Int || kind_ == Kind::Float || kind_ == Kind::Bool; }
    bool isSeq() const { return kind_ == Kind::Tuple || kind_ == Kind::List; }
    bool isUnevaluated() const { return kind_ == Kind::Unknown || kind_ == Kind::Symbol; }

    bool asBool() const { return b_; }
    std::int64_t asInt() const { return i_; }   // Int (Bool: use intOf)
    double asFloat() const { return f_; }
    std::int64_t intOf() const { return kind_ == Kind::Bool ? std::int64_t(b_) : i_; } // Bool or Int
    double numberOf() const { return kind_ == Kind::Float ? f_ : double(intOf()); }      // Bool, Int or Float
    Object *object() const { return isObject() ? o_ : nullptr; }
    template <class T> T *as() const { return static_cast<T *>(o_); }

    // Convenience for the common object kinds (the kind must match).
    const std::string &str() const;                 // Str, Symbol (path), Unknown (reason)
    std::vector<Value> &items() const;              // Tuple, List
    HostObject *host() const;                       // Host

private:
    Kind kind_ = Kind::None;
    union {
        bool b_;
        std::int64_t i_;
        double f_;
        Object *o_;
    };
};

class Object {
public:
    explicit Object(Kind k) : kind(k) {}
    virtual ~Object() = default;
    Object(const Object &) = delete;
    Object &operator=(const Object &) = delete;
    const Kind kind;
};

struct StrObject final : Object {
    explicit StrObject(std::string s) : Object(Kind::Str), text(std::move(s)) {}
    std::string text;
};

struct SeqObject final : Object { // Tuple or List
    SeqObject(Kind k, std::vector<Value> v) : Object(k), items(std::move(v)) {}
    std::vector<Value> items;
};

// Insertion-ordered, as Python's dict. Keys are compared with Python's equality; hashable keys (str, int, float,
// bool, None, tuples of those) also go into an index so that a big dict stays fast. A Set is a Dict whose values
// are unused.
struct DictObject final : Object {
    explicit DictObject(Kind k) : Object(k) {}
    std::vector<std::pair<Value, Value>> entries;
    std::unordered_multimap<std::uint64_t, std::size_t> index; // hash → position in entries
};

struct RangeObject final : Object {
    RangeObject(std::int64_t a, std::int64_t b, std::int64_t s) : Object(Kind::Range), start(a), stop(b), step(s) {}
    std::int64_t start, stop, step;
    std::int64_t length() const;
    std::int64_t at(std::int64_t i) const { return start + i * step; }
};

struct SliceObject final : Object {
    SliceObject(Value a, Value b, Value c) : Object(Kind::Slice), lower(a), upper(b), step(c) {}
    Value lower, upper, step;
};

struct ClassObject;

struct FunctionObject final : Object {
    FunctionObject() : Object(Kind::Function) {}
    const Stmt *def = nullptr;     // a `def`, or
    const Expr *lambda = nullptr;  // a lambda
    std::string name;
    Scope *closure = nullptr;
    std::vector<std::optional<Value>> defaults; // per parameter
    ClassObject *owner = nullptr;  // the class whose body defined it (for super())
    bool topLevel = false;         // defined at module level
    bool library = false;          // defined by a library module (runLibrary), not by the code
    int calls = 0;
};

struct BoundMethodObject final : Object {
    BoundMethodObject(Value s, Value f) : Object(Kind::BoundMethod), self(s), function(f) {}
    Value self, function;
};

struct BuiltinObject final : Object {
    BuiltinObject(std::string n, Value s) : Object(Kind::Builtin), name(std::move(n)), self(s) {}
    std::string name; // "len", "math.floor", or a method name when `self` is set ("append")
    Value self;       // the receiver of a method of a builtin type; None for a function
};

struct ClassObject final : Object {
    ClassObject() : Object(Kind::Class) {}
    std::string name;
    std::vector<std::string> baseNames;           // the bases as written ("nn.Module", "keras.Model")
    std::vector<ClassObject *> mro;               // this class first, then its user bases (depth first, left first)
    HostObject *hostBase = nullptr;               // the host class it derives from, if any
    std::unordered_map<std::string, Value> attrs; // class body: methods, class variables
    const Stmt *def = nullptr;
    int line = 0, column = 0;
    bool instantiated = false;
    bool library = false; // defined by a library module (runLibrary), not by the code
};

struct InstanceObject final : Object {
    explicit InstanceObject(ClassObject *c) : Object(Kind::Instance), cls(c) {}
    ClassObject *cls;
    std::unordered_map<std::string, Value> attrs;
    HostObject *host = nullptr; // the part of a host base class (an nn.Module, a keras Layer), if any
};

struct WrapperObject final : Object {
    enum class Type { StaticMethod, ClassMethod, Property };
    WrapperObject(Type t, Value f) : Object(Kind::Wrapper), type(t), function(f) {}
    Type type;
    Value function;
};

struct SuperObject final : Object {
    SuperObject(ClassObject *a, Value s) : Object(Kind::Super), after(a), self(s) {}
    ClassObject *after; // look up attributes in the MRO of self's class after this one
    Value self;
};

struct SymbolObject final : Object {
    SymbolObject(std::string p, bool u) : Object(Kind::Symbol), path(std::move(p)), undefined(u) {}
    std::string path;
    bool undefined; // its first name is bound nowhere (not imported, not assigned): `x_train.shape`
};

struct UnknownObject final : Object {
    UnknownObject(std::string w, int l) : Object(Kind::Unknown), why(std::move(w)), line(l) {}
    std::string why;
    int line;
};

struct HostMethodObject final : Object {
    HostMethodObject(Value s, std::string n) : Object(Kind::HostMethod), self(s), name(std::move(n)) {}
    Value self;
    std::string name;
};

// Variables of a module, a function call, a class body or a comprehension.
struct Scope {
    std::unordered_map<std::string, Value> vars;
    Scope *parent = nullptr;                    // the enclosing function's scope (closures), then the globals
    std::vector<std::string> globalNames;       // `global x` in this scope
    std::vector<std::string> nonlocalNames;     // `nonlocal x` in this scope
};

// Owns every object of one evaluation and counts the bytes handed out. Exceeding the budget throws
// HeapExhausted; the evaluator turns it into a refusal naming the line it was evaluating.
struct HeapExhausted {};

class Heap {
public:
    static constexpr std::size_t kBudget = 256u << 20;

    template <class T, class... A> T *make(A &&...args)
    {
        charge(sizeof(T));
        auto p = std::make_unique<T>(std::forward<A>(args)...);
        T *raw = p.get();
        objects_.push_back(std::move(p));
        return raw;
    }
    Scope *scope(Scope *parent)
    {
        charge(sizeof(Scope) + 64);
        scopes_.push_back(std::make_unique<Scope>());
        scopes_.back()->parent = parent;
        return scopes_.back().get();
    }
    void charge(std::size_t bytes)
    {
        bytes_ += bytes;
        if (bytes_ > kBudget)
            throw HeapExhausted{};
    }
    std::size_t bytes() const { return bytes_; }

private:
    std::vector<std::unique_ptr<Object>> objects_;
    std::vector<std::unique_ptr<Scope>> scopes_;
    std::size_t bytes_ = 0;
};

} // namespace convlens::py
