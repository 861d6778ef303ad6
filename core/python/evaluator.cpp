// evaluator.cpp — statements, expressions, calls and classes. A tree walk with Python's semantics where model code
// depends on them (name binding, closures, argument binding, method resolution, super(), loops), and Unknown values
// where it cannot know (data, files, the network): those become errors only when the model needs them. Builtins,
// methods of builtin types, equality and formatting are in builtins.cpp.
#include "python/evaluator.h"
#include "model/text.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <map>

namespace convlens::py {

namespace {

std::string lineRef(int line)
{
    return line > 0 ? " (line " + std::to_string(line) + ")" : std::string();
}

// The C++ stack depth of one walk: statements and expressions nested in calls nested in expressions. Expressions
// are at most 2·kMaxNesting deep and calls kMaxNesting, so this only stops pathological combinations of both.
constexpr int kMaxWalkDepth = 2500;

bool isSilentExpression(const Expr &e)
{
    switch (e.kind) {
    case ExprKind::Str:
    case ExprKind::FStr:
    case ExprKind::Int:
    case ExprKind::Float:
    case ExprKind::None:
    case ExprKind::True:
    case ExprKind::False:
    case ExprKind::Ellipsis:
    case ExprKind::Name:
    case ExprKind::Attribute: return true;
    default: return false;
    }
}

void targetNames(const Expr &t, std::vector<std::string> &out)
{
    switch (t.kind) {
    case ExprKind::Name: out.push_back(t.text); break;
    case ExprKind::Tuple:
    case ExprKind::List:
    case ExprKind::Starred:
        for (const auto &c : t.children)
            targetNames(*c, out);
        break;
    default: break;
    }
}

void assignedNames(const Block &b, std::vector<std::string> &out)
{
    for (const auto &s : b) {
        for (const auto &t : s->targets)
            if (t)
                targetNames(*t, out);
        if (s->kind == StmtKind::Def || s->kind == StmtKind::Class) {
            out.push_back(s->name);
            continue;
        }
        if (s->kind == StmtKind::Import)
            for (const auto &imp : s->imports)
                out.push_back(imp.first);
        for (const auto &br : s->branches)
            assignedNames(br.second, out);
        assignedNames(s->body, out);
        assignedNames(s->orelse, out);
        assignedNames(s->finalbody, out);
        for (const auto &h : s->handlers)
            assignedNames(h, out);
    }
}

std::string targetsText(const Stmt &s)
{
    std::string out;
    for (const auto &t : s.targets) {
        if (t->kind == ExprKind::Tuple) { // `a, b = …` as written, without the parentheses of a tuple
            for (size_t i = 0; i < t->children.size(); ++i) {
                if (i)
                    out += ", ";
                out += shortText(*t->children[i]);
            }
            out += " = ";
            continue;
        }
        out += shortText(*t) + " = ";
    }
    return out;
}

// A value a statement produced without building anything: reported as a skipped line.
bool skippable(const Value &v)
{
    if (v.is(Kind::Unknown) || v.is(Kind::Symbol))
        return true;
    const HostObject *h = v.host();
    return h && h->builtNothing();
}

} // namespace

struct Evaluator::Frame {
    enum class Type { Module, Library, Function, Class, Comprehension };
    Scope *scope = nullptr;
    Type type = Type::Module;
    FunctionObject *function = nullptr; // Function frames
    Value firstArg;                     // Function frames: the first positional argument (super())
    Flow flow = Flow::Normal;
    Value result;
    Frame *outer = nullptr;
};

// Counts the depth of the walk (statements and expressions, across calls) and refuses past kMaxWalkDepth.
struct WalkGuard {
    int &depth;
    WalkGuard(const Evaluator &ev, int &d, int line, int column) : depth(d)
    {
        if (++depth > kMaxWalkDepth)
            ev.fail(line, column,
                    tx(QT_TRANSLATE_NOOP(
                           "convlens::core",
                           "nested too deeply (the code nests calls and expressions more than %1 levels deep)"),
                       {std::to_string(kMaxWalkDepth)}));
    }
    ~WalkGuard() { --depth; }
    WalkGuard(const WalkGuard &) = delete;
    WalkGuard &operator=(const WalkGuard &) = delete;
};

// ------------------------------------------------------------------------------------------------- setup

Evaluator::Evaluator(Host &host, Limits limits) : host_(host), limits_(limits)
{
    globals_ = heap_.scope(nullptr);
    static const char *const names[] = {
        "print", "len", "int", "float", "str", "bool", "tuple", "list", "dict", "set", "frozenset", "range",
        "max", "min", "abs", "round", "sum", "zip", "enumerate", "isinstance", "issubclass", "getattr", "setattr",
        "hasattr", "sorted", "reversed", "any", "all", "map", "filter", "super", "type", "divmod", "pow",
        "callable", "repr", "staticmethod", "classmethod", "property", "object", "iter", "next", "slice", "hash",
        "id", "ord", "chr", "format", "vars", "globals", "locals", "open", "input", "eval", "exec", "__import__",
        "Exception", "ValueError", "TypeError", "KeyError", "IndexError", "RuntimeError", "NotImplementedError",
        "AssertionError", "AttributeError", "ImportError", "ModuleNotFoundError", "NameError", "ZeroDivisionError",
        "StopIteration", "NotImplemented"};
    for (const char *n : names)
        builtins_.emplace(n, Value(heap_.make<BuiltinObject>(n, Value::none())));
}

Evaluator::~Evaluator() = default;

void Evaluator::run(const Module &module)
{
    Frame top;
    top.scope = globals_;
    Frame *saved = current_;
    current_ = &top;
    try {
        execBlock(module.body, top);
    } catch (const HeapExhausted &) {
        current_ = saved;
        fail(0, 0,
             tx(QT_TRANSLATE_NOOP("convlens::core", "the code uses too much memory (more than %1 MiB)"),
                {std::to_string(Heap::kBudget >> 20)}));
    }
    current_ = saved;
}

Value Evaluator::evaluate(const Expr &e)
{
    Frame top;
    top.scope = globals_;
    Frame *saved = current_;
    current_ = &top;
    struct Restore {
        Frame *&cur;
        Frame *was;
        ~Restore() { cur = was; }
    } restore{current_, saved};
    try {
        return eval(e, top);
    } catch (const HeapExhausted &) {
        fail(e.line, e.column,
             tx(QT_TRANSLATE_NOOP("convlens::core", "the code uses too much memory (more than %1 MiB)"),
                {std::to_string(Heap::kBudget >> 20)}));
    }
}

Scope *Evaluator::runLibrary(const Module &module)
{
    Frame top;
    top.scope = heap_.scope(nullptr);
    top.type = Frame::Type::Library;
    Frame *saved = current_;
    current_ = &top;
    ++libraryDepth_;
    struct Restore {
        Frame *&cur;
        Frame *was;
        int &depth;
        ~Restore()
        {
            cur = was;
            --depth;
        }
    } restore{current_, saved, libraryDepth_};
    execBlock(module.body, top);
    return top.scope;
}

std::vector<std::pair<std::string, Value>> Evaluator::globalsByAssignment() const
{
    std::vector<std::pair<long, std::string>> order;
    for (const auto &[name, stamp] : globalStamps_)
        if (globals_->vars.count(name))
            order.emplace_back(stamp, name);
    std::sort(order.begin(), order.end());
    std::vector<std::pair<std::string, Value>> out;
    for (const auto &[stamp, name] : order)
        out.emplace_back(name, globals_->vars.at(name));
    return out;
}

std::vector<std::string> Evaluator::notes() const
{
    std::vector<std::string> out = notes_;
    if (droppedNotes_ > 0)
        out.push_back(std::to_string(droppedNotes_) + " more notes not shown");
    return out;
}

void Evaluator::fail(int line, int column, std::string message) const
{
    throw Failure{line, column, std::move(message)};
}

void Evaluator::note(int line, std::string text)
{
    if (libraryDepth_ > 0)
        return; // the host's own Python, not the user's lines
    std::string n = line > 0 ? "line " + std::to_string(line) + ": " + text : text;
    if (noteSet_.count(n))
        return;
    if (notes_.size() >= 1000) {
        ++droppedNotes_;
        return;
    }
    noteSet_.insert(n);
    notes_.push_back(std::move(n));
}

void Evaluator::step(int line, int column)
{
    if (++steps_ <= limits_.maxSteps)
        return;
    if (loopLine_ > 0)
        fail(loopLine_, loopColumn_,
             tx(QT_TRANSLATE_NOOP("convlens::core", "the loop at line %1 runs too long (more than %2 steps): an "
                                                    "endless loop, or one too big to read statically"),
                {std::to_string(loopLine_), std::to_string(limits_.maxSteps)}));
    fail(line, column,
         tx(QT_TRANSLATE_NOOP("convlens::core", "the code takes too long to evaluate (more than %1 steps)"),
            {std::to_string(limits_.maxSteps)}));
}

void Evaluator::charge(long steps, int line)
{
    if (steps <= 0)
        return;
    steps_ += steps - 1;
    step(line, 0);
}

std::vector<std::string> Evaluator::requiredParams(const FunctionObject &fn)
{
    std::vector<std::string> out;
    if (!fn.def)
        return out;
    for (size_t i = 0; i < fn.def->params.size(); ++i)
        if (fn.def->params[i].kind == Param::Kind::Normal && !fn.defaults[i])
            out.push_back(fn.def->params[i].name);
    return out;
}

// ------------------------------------------------------------------------------------------------- value makers

Value Evaluator::str(std::string s)
{
    heap_.charge(s.size());
    return Value(heap_.make<StrObject>(std::move(s)));
}

Value Evaluator::seq(Kind k, std::vector<Value> items, int line)
{
    if (items.size() > limits_.maxItems)
        return unknown("the value built" + lineRef(line) + " is too large", line);
    heap_.charge(items.size() * sizeof(Value));
    return Value(heap_.make<SeqObject>(k, std::move(items)));
}

Value Evaluator::tuple(std::vector<Value> items, int line)
{
    return seq(Kind::Tuple, std::move(items), line);
}

Value Evaluator::list(std::vector<Value> items, int line)
{
    return seq(Kind::List, std::move(items), line);
}

Value Evaluator::dict(int)
{
    return Value(heap_.make<DictObject>(Kind::Dict));
}

Value Evaluator::unknown(std::string why, int line)
{
    heap_.charge(why.size());
    return Value(heap_.make<UnknownObject>(std::move(why), line));
}

Value Evaluator::symbol(std::string path, bool undefined)
{
    const std::string key = (undefined ? "?" : "") + path;
    auto it = symbols_.find(key); // lookups of one name repeat: share the object
    if (it != symbols_.end())
        return it->second;
    Value v(heap_.make<SymbolObject>(std::move(path), undefined));
    symbols_.emplace(key, v);
    return v;
}

// ------------------------------------------------------------------------------------------------- statements

void Evaluator::execBlock(const Block &body, Frame &f)
{
    for (const auto &s : body) {
        exec(*s, f);
        if (f.flow != Flow::Normal)
            return;
    }
}

void Evaluator::noteSkipped(const Stmt &s, const std::string &what)
{
    note(s.line, "skipped " + what + " (does not build the model)");
}

void Evaluator::exec(const Stmt &s, Frame &f)
{
    WalkGuard guard(*this, walkDepth_, s.line, s.column);
    step(s.line, s.column);
    switch (s.kind) {
    case StmtKind::Import: execImport(s, f); return;
    case StmtKind::Pass: return;
    case StmtKind::Global:
        for (const auto &n : s.names)
            f.scope->globalNames.push_back(n);
        return;
    case StmtKind::Nonlocal:
        for (const auto &n : s.names)
            f.scope->nonlocalNames.push_back(n);
        return;
    case StmtKind::Expr: {
        if (isSilentExpression(*s.value))
            return;
        const long before = host_.progress();
        const Value v = eval(*s.value, f);
        if (host_.progress() == before && skippable(v))
            noteSkipped(s, shortText(*s.value));
        return;
    }
    case StmtKind::Assign:
    case StmtKind::AnnAssign: {
        if (!s.value)
            return;
        const long before = host_.progress();
        const Value v = eval(*s.value, f);
        for (const auto &t : s.targets)
            assign(*t, v, f);
        if (host_.progress() == before && (v.is(Kind::Unknown) || (v.host() && v.host()->builtNothing())))
            noteSkipped(s, targetsText(s) + shortText(*s.value));
        return;
    }
    case StmtKind::AugAssign: execAugAssign(s, f); return;
    case StmtKind::Return:
        if (f.type != Frame::Type::Function)
            return;
        f.result = s.value ? eval(*s.value, f) : Value::none();
        f.flow = Flow::Return;
        return;
    case StmtKind::If: execIf(s, f); return;
    case StmtKind::For: execFor(s, f); return;
    case StmtKind::While: execWhile(s, f); return;
    case StmtKind::With:
        for (const auto &item : s.items)
            eval(*item, f);
        for (const auto &t : s.targets)
            assign(*t, unknown("a `with` target is not evaluated", s.line), f);
        execBlock(s.body, f);
        return;
    case StmtKind::Try: execTry(s, f); return;
    case StmtKind::Def: execDef(s, f); return;
    case StmtKind::Class: execClass(s, f); return;
    case StmtKind::Break:
        if (loopLine_ > 0)
            f.flow = Flow::Break;
        return;
    case StmtKind::Continue:
        if (loopLine_ > 0)
            f.flow = Flow::Continue;
        return;
    case StmtKind::Raise: execRaise(s, f); return;
    case StmtKind::Assert: execAssert(s, f); return;
    case StmtKind::Del: execDel(s, f); return;
    case StmtKind::Py2Print: note(s.line, "skipped a Python 2 print statement (does not build the model)"); return;
    }
}

void Evaluator::execImport(const Stmt &s, Frame &f)
{
    if (s.starImport)
        return; // names from it stay undefined: they become symbols the host resolves when called
    for (const auto &[name, path] : s.imports) {
        const auto known = stdlib(path);
        assignName(name, known ? *known : symbol(path), f);
    }
}

void Evaluator::execAugAssign(const Stmt &s, Frame &f)
{
    const Expr &t = *s.targets[0];
    const long before = host_.progress();
    const Value rhs = eval(*s.value, f);
    const std::string op = s.text.substr(0, s.text.size() - 1);
    const auto skippedNote = [&] {
        noteSkipped(s, shortText(t) + " " + s.text + " " + shortText(*s.value));
    };
    switch (t.kind) {
    case ExprKind::Name: {
        const Value cur = lookup(t.text, f, &t);
        Value now;
        if (cur.is(Kind::List) && op == "+") { // in place, as list.__iadd__ does (other names see the change)
            std::string why;
            auto more = iterate(rhs, *s.value, &why);
            if (!more)
                now = unknown("`" + shortText(t) + " += " + shortText(*s.value) + "`: " + why + lineRef(s.line),
                              s.line);
            else if (cur.items().size() + more->size() > limits_.maxItems)
                now = unknown("the list built" + lineRef(s.line) + " is too large", s.line);
            else {
                heap_.charge(more->size() * sizeof(Value));
                cur.items().insert(cur.items().end(), more->begin(), more->end());
                now = cur;
            }
        } else {
            now = binary(op, cur, rhs, *s.value);
        }
        assignName(t.text, now, f);
        if (host_.progress() == before && now.is(Kind::Unknown))
            skippedNote();
        return;
    }
    case ExprKind::Attribute:
    case ExprKind::Subscript: {
        const Value obj = eval(*t.children[0], f);
        if (t.kind == ExprKind::Attribute) {
            const Value cur = getAttr(obj, t.text, t);
            Value now;
            if (cur.is(Kind::List) && op == "+" && rhs.isSeq()) {
                cur.items().insert(cur.items().end(), rhs.items().begin(), rhs.items().end());
                now = cur;
            } else {
                now = binary(op, cur, rhs, *s.value);
            }
            assign(t, now, f); // re-evaluates the object expression: it has no side effects worth keeping apart
            return;
        }
        const Value index = t.children[1]->kind == ExprKind::Slice ? Value() : eval(*t.children[1], f);
        const Value cur = subscript(obj, index, t);
        setItem(obj, index, binary(op, cur, rhs, *s.value), t);
        return;
    }
    default:
        if (host_.progress() == before)
            skippedNote();
        return;
    }
}

void Evaluator::execIf(const Stmt &s, Frame &f)
{
    for (const auto &[cond, body] : s.branches) {
        const Value c = eval(*cond, f);
        const auto t = truth(c);
        if (!t) {
            for (const auto &br : s.branches)
                refuseIfBuilds(s, br.second, f, "if " + sourceText(*cond), c);
            refuseIfBuilds(s, s.orelse, f, "if " + sourceText(*cond), c);
            note(cond->line, "skipped `if " + shortText(*cond) + ":` (its condition cannot be evaluated here)");
            skipBlockNames(s, f,
                           "it is assigned in the if block at line " + std::to_string(s.line) +
                               ", whose condition ConvLens cannot evaluate",
                           true);
            return;
        }
        if (*t) {
            execBlock(body, f);
            return;
        }
    }
    if (!s.orelse.empty())
        execBlock(s.orelse, f);
    else if (f.type == Frame::Type::Module)
        note(s.line, "skipped `if " + shortText(*s.branches[0].first) + ":` (its condition is false)");
}

// Names a skipped block would have assigned become Unknown, so that using them later says why instead of silently
// using a stale value. For an if block whose condition is unknown, names that already had a value keep it.
void Evaluator::skipBlockNames(const Stmt &s, Frame &f, const std::string &why, bool keepBound)
{
    std::vector<std::string> names;
    for (const auto &t : s.targets)
        targetNames(*t, names);
    for (const auto &br : s.branches)
        assignedNames(br.second, names);
    assignedNames(s.body, names);
    assignedNames(s.orelse, names);
    for (const auto &n : names) {
        if (keepBound && slot(n, f))
            continue;
        assignName(n, unknown(n + ": " + why, s.line), f);
    }
}

void Evaluator::execFor(const Stmt &s, Frame &f)
{
    const Value iterable = eval(*s.value, f);
    std::string why;
    std::optional<std::vector<Value>> items;
    const RangeObject *range = iterable.is(Kind::Range) ? iterable.as<RangeObject>() : nullptr;
    const bool liveList = iterable.is(Kind::List);
    if (!range && !liveList)
        items = iterate(iterable, *s.value, &why);
    if (!range && !liveList && !items) {
        refuseIfBuilds(s, s.body, f, "for " + sourceText(*s.targets[0]) + " in " + sourceText(*s.value),
                       iterable.isUnevaluated() ? iterable : unknown(why, s.line));
        note(s.line, "skipped `for " + shortText(*s.targets[0]) + " in " + shortText(*s.value) +
                         ":` (" + why + ")");
        skipBlockNames(s, f, "it is assigned in the loop at line " + std::to_string(s.line) + ", over " +
                                 shortText(*s.value) + ", which cannot be evaluated here: " + why,
                       false);
        return;
    }
    const int savedLoop = loopLine_, savedColumn = loopColumn_;
    loopLine_ = s.line;
    loopColumn_ = s.column;
    bool broke = false;
    for (std::int64_t i = 0;; ++i) {
        Value item;
        if (range) {
            if (i >= range->length())
                break;
            item = Value::integer(range->at(i));
        } else if (liveList) { // a list changed by its own loop is seen changing, as in Python
            if (size_t(i) >= iterable.items().size())
                break;
            item = iterable.items()[size_t(i)];
        } else {
            if (size_t(i) >= items->size())
                break;
            item = (*items)[size_t(i)];
        }
        step(s.line, s.column);
        assign(*s.targets[0], item, f);
        execBlock(s.body, f);
        if (f.flow == Flow::Break) {
            f.flow = Flow::Normal;
            broke = true;
            break;
        }
        if (f.flow == Flow::Continue)
            f.flow = Flow::Normal;
        if (f.flow == Flow::Return)
            break;
    }
    loopLine_ = savedLoop;
    loopColumn_ = savedColumn;
    if (!broke && f.flow == Flow::Normal)
        execBlock(s.orelse, f);
}

void Evaluator::execWhile(const Stmt &s, Frame &f)
{
    const int savedLoop = loopLine_, savedColumn = loopColumn_;
    loopLine_ = s.line;
    loopColumn_ = s.column;
    bool broke = false;
    while (true) {
        const Value c = eval(*s.value, f);
        const auto t = truth(c);
        if (!t) {
            loopLine_ = savedLoop;
            loopColumn_ = savedColumn;
            refuseIfBuilds(s, s.body, f, "while " + sourceText(*s.value), c);
            note(s.line, "skipped `while " + shortText(*s.value) + ":` (its condition cannot be evaluated here)");
            skipBlockNames(s, f,
                           "it is assigned in the loop at line " + std::to_string(s.line) +
                               ", whose condition ConvLens cannot evaluate",
                           true);
            return;
        }
        if (!*t)
            break;
        execBlock(s.body, f);
        if (f.flow == Flow::Break) {
            f.flow = Flow::Normal;
            broke = true;
            break;
        }
        if (f.flow == Flow::Continue)
            f.flow = Flow::Normal;
        if (f.flow == Flow::Return)
            break;
    }
    loopLine_ = savedLoop;
    loopColumn_ = savedColumn;
    if (!broke && f.flow == Flow::Normal)
        execBlock(s.orelse, f);
}

void Evaluator::execTry(const Stmt &s, Frame &f)
{
    try {
        execBlock(s.body, f);
    } catch (const Raised &r) {
        // the first handler whose type names this exception (or a base everything derives from) takes it
        size_t match = s.handlers.size();
        for (size_t i = 0; i < s.handlers.size() && match == s.handlers.size(); ++i) {
            if (!s.handlerTypes[i]) {
                match = i;
                break;
            }
            const Value t = eval(*s.handlerTypes[i], f);
            const std::vector<Value> types = t.is(Kind::Tuple) ? t.items() : std::vector<Value>{t};
            for (const auto &ty : types) {
                const std::string n = ty.is(Kind::Builtin) ? ty.as<BuiltinObject>()->name
                                      : ty.is(Kind::Symbol) ? ty.str()
                                                            : std::string();
                if (n == r.type || n == "Exception" || n == "BaseException")
                    match = i;
            }
        }
        if (match == s.handlers.size()) {
            execBlock(s.finalbody, f);
            throw;
        }
        if (!s.handlerNames[match].empty())
            assignName(s.handlerNames[match], unknown(r.type + ": " + r.text, r.line), f);
        execBlock(s.handlers[match], f);
        if (f.flow == Flow::Normal)
            execBlock(s.finalbody, f);
        return;
    }
    if (f.flow == Flow::Normal)
        execBlock(s.orelse, f);
    if (f.flow == Flow::Normal)
        execBlock(s.finalbody, f);
}

void Evaluator::execRaise(const Stmt &s, Frame &f)
{
    Raised r;
    r.line = s.line;
    r.column = s.column;
    if (!s.value) {
        r.type = "RuntimeError";
        r.text = "re-raised exception";
    } else {
        const Expr &e = s.value->kind == ExprKind::Call ? *s.value->children[0] : *s.value;
        const std::string written = shortText(e);
        r.type = written.substr(written.rfind('.') == std::string::npos ? 0 : written.rfind('.') + 1);
        const Value v = eval(*s.value, f);
        std::string text = v.is(Kind::Unknown) ? v.str() : toStr(v);
        if (text.rfind(r.type + ": ", 0) == 0)
            text.erase(0, r.type.size() + 2);
        else if (text == r.type)
            text.clear();
        r.text = text;
    }
    r.message = "the code raises " + r.type + (r.text.empty() ? std::string() : ": " + r.text) + lineRef(s.line);
    throw r;
}

void Evaluator::execAssert(const Stmt &s, Frame &f)
{
    const auto t = truth(eval(*s.value, f));
    if (!t || *t)
        return; // an assertion on data cannot be checked here; a true one passes
    Raised r;
    r.line = s.line;
    r.column = s.column;
    r.type = "AssertionError";
    r.text = s.items.empty() ? shortText(*s.value) : toStr(eval(*s.items[0], f));
    r.message = "the code's assertion fails: " + r.text + lineRef(s.line);
    throw r;
}

void Evaluator::execDel(const Stmt &s, Frame &f)
{
    const auto one = [&](const Expr &t) {
        switch (t.kind) {
        case ExprKind::Name: f.scope->vars.erase(t.text); return;
        case ExprKind::Attribute: {
            const Value obj = eval(*t.children[0], f);
            if (obj.is(Kind::Instance))
                obj.as<InstanceObject>()->attrs.erase(t.text);
            return;
        }
        case ExprKind::Subscript: {
            const Value obj = eval(*t.children[0], f);
            if (t.children[1]->kind == ExprKind::Slice)
                return;
            const Value key = eval(*t.children[1], f);
            if (obj.is(Kind::Dict)) {
                auto *d = obj.as<DictObject>();
                for (size_t i = 0; i < d->entries.size(); ++i)
                    if (equal(d->entries[i].first, key).value_or(false)) {
                        d->entries.erase(d->entries.begin() + long(i));
                        d->index.clear();
                        for (size_t k = 0; k < d->entries.size(); ++k)
                            if (const auto h = hashOf(d->entries[k].first))
                                d->index.emplace(*h, k);
                        return;
                    }
            } else if (obj.is(Kind::List) && plain(key).is(Kind::Int)) {
                auto &items = obj.items();
                std::int64_t i = plain(key).asInt();
                if (i < 0)
                    i += std::int64_t(items.size());
                if (i >= 0 && i < std::int64_t(items.size()))
                    items.erase(items.begin() + long(i));
            }
            return;
        }
        default: return;
        }
    };
    if (s.value->kind == ExprKind::Tuple)
        for (const auto &c : s.value->children)
            one(*c);
    else
        one(*s.value);
}

// ------------------------------------------------------------------------------------------------- blocks not run

// The value an expression has without evaluating anything that could have effects: names, attributes of symbols.
std::optional<Value> Evaluator::peek(const Expr &e, Frame &f)
{
    switch (e.kind) {
    case ExprKind::Name: {
        if (Value *v = slot(e.text, f))
            return *v;
        if (auto it = globals_->vars.find(e.text); it != globals_->vars.end())
            return it->second;
        if (auto it = builtins_.find(e.text); it != builtins_.end())
            return it->second;
        return symbol(e.text);
    }
    case ExprKind::Attribute: {
        const auto obj = peek(*e.children[0], f);
        if (!obj)
            return std::nullopt;
        if (obj->is(Kind::Symbol))
            return symbol(obj->str() + "." + e.text);
        if (obj->is(Kind::Instance)) {
            auto *inst = obj->as<InstanceObject>();
            if (auto it = inst->attrs.find(e.text); it != inst->attrs.end())
                return it->second;
            if (auto m = classAttr(inst->cls, e.text))
                return *m;
        }
        if (obj->is(Kind::Class))
            if (auto m = classAttr(obj->as<ClassObject>(), e.text))
                return m->is(Kind::Wrapper) ? m->as<WrapperObject>()->function : *m;
        return std::nullopt;
    }
    default: return std::nullopt;
    }
}

bool Evaluator::exprBuilds(const Expr &e, Frame &f, int depth)
{
    if (e.kind == ExprKind::Call) {
        const Expr &callee = *e.children[0];
        if (const auto v = peek(callee, f)) {
            switch (v->kind()) {
            case Kind::Symbol:
                if (host_.buildsLayers(v->str()))
                    return true;
                break;
            case Kind::Function:
                if (depth < 4 && v->as<FunctionObject>()->def && blockBuilds(v->as<FunctionObject>()->def->body, f, depth + 1))
                    return true;
                break;
            case Kind::Class: {
                auto *cls = v->as<ClassObject>();
                if (cls->hostBase)
                    return true;
                if (auto init = classAttr(cls, "__init__"); init && init->is(Kind::Function) && depth < 4 &&
                                                            blockBuilds(init->as<FunctionObject>()->def->body, f, depth + 1))
                    return true;
                break;
            }
            case Kind::Host:
                if (v->host()->buildsOnCall())
                    return true;
                break;
            case Kind::Instance:
                if (HostObject *h = v->as<InstanceObject>()->host; h && h->buildsOnCall())
                    return true;
                break;
            default: break;
            }
        }
        if (callee.kind == ExprKind::Attribute)
            if (const auto recv = peek(*callee.children[0], f)) {
                HostObject *h = recv->host() ? recv->host()
                                : recv->is(Kind::Instance) ? recv->as<InstanceObject>()->host
                                                          : nullptr;
                if (h && h->buildsOnMethod(callee.text))
                    return true;
            }
    }
    for (const auto &c : e.children)
        if (c && exprBuilds(*c, f, depth))
            return true;
    for (const auto &a : e.args)
        if (a.value && exprBuilds(*a.value, f, depth))
            return true;
    return false;
}

bool Evaluator::blockBuilds(const Block &b, Frame &f, int depth)
{
    for (const auto &s : b) {
        if (s->kind == StmtKind::Def || s->kind == StmtKind::Class)
            continue;
        if (s->value && exprBuilds(*s->value, f, depth))
            return true;
        for (const auto &br : s->branches)
            if (exprBuilds(*br.first, f, depth) || blockBuilds(br.second, f, depth))
                return true;
        for (const auto &it : s->items)
            if (it && exprBuilds(*it, f, depth))
                return true;
        if (blockBuilds(s->body, f, depth) || blockBuilds(s->orelse, f, depth) || blockBuilds(s->finalbody, f, depth))
            return true;
        for (const auto &h : s->handlers)
            if (blockBuilds(h, f, depth))
                return true;
    }
    return false;
}

void Evaluator::refuseIfBuilds(const Stmt &s, const Block &body, Frame &f, const std::string &header, const Value &why)
{
    if (!blockBuilds(body, f, 0))
        return;
    fail(s.line, s.column,
         tx(QT_TRANSLATE_NOOP("convlens::core",
                              "`%1:` (line %2) decides which layers are built, but ConvLens cannot evaluate it: %3; "
                              "write the value it needs as a literal (for an input size, pass --input-shape)"),
            {header, std::to_string(s.line), whyNotValue(why)}));
}

Value Evaluator::makeFunction(const Stmt *def, const Expr *lambda, Frame &f)
{
    auto *fn = heap_.make<FunctionObject>();
    fn->def = def;
    fn->lambda = lambda;
    fn->name = def ? def->name : std::string("<lambda>");
    // A method's body does not see the class body's names (Python's scoping): its closure skips the class scope.
    fn->closure = f.type == Frame::Type::Class ? f.scope->parent : f.scope;
    fn->topLevel = f.type == Frame::Type::Module || f.type == Frame::Type::Library;
    fn->library = libraryDepth_ > 0;
    const auto &params = def ? def->params : lambda->params;
    for (const auto &p : params)
        fn->defaults.push_back(p.defaultValue ? std::optional<Value>(eval(*p.defaultValue, f)) : std::nullopt);
    return Value(fn);
}

void Evaluator::execDef(const Stmt &s, Frame &f)
{
    Value fn = makeFunction(&s, nullptr, f);
    functions_.push_back(fn.as<FunctionObject>());
    for (auto it = s.decorators.rbegin(); it != s.decorators.rend(); ++it) {
        const Value d = eval(**it, f);
        if (d.is(Kind::Builtin) && d.as<BuiltinObject>()->self.isNone()) {
            const std::string &n = d.as<BuiltinObject>()->name;
            if (n == "staticmethod")
                fn = Value(heap_.make<WrapperObject>(WrapperObject::Type::StaticMethod, fn));
            else if (n == "classmethod")
                fn = Value(heap_.make<WrapperObject>(WrapperObject::Type::ClassMethod, fn));
            else if (n == "property")
                fn = Value(heap_.make<WrapperObject>(WrapperObject::Type::Property, fn));
            continue;
        }
        if (d.is(Kind::Function) || d.is(Kind::Class)) { // a decorator written in the code: apply it
            CallArgs args;
            args.positional.push_back({fn, nullptr});
            const Value r = call(d, args, **it);
            if (!r.is(Kind::Unknown) && !r.isNone())
                fn = r;
        }
        // framework decorators (@tf.function, @torch.no_grad()) do not change what a function builds
    }
    assignName(s.name, fn, f);
}

void Evaluator::execClass(const Stmt &s, Frame &f)
{
    auto *cls = heap_.make<ClassObject>();
    cls->name = s.name;
    cls->library = libraryDepth_ > 0;
    cls->def = &s;
    cls->line = s.line;
    cls->column = s.column;
    cls->mro.push_back(cls);
    for (const auto &b : s.bases) {
        if (b.kind != Argument::Kind::Positional || !b.value)
            continue; // metaclass=…
        cls->baseNames.push_back(shortText(*b.value));
        const Value base = eval(*b.value, f);
        if (base.is(Kind::Class)) {
            auto *bc = base.as<ClassObject>();
            for (ClassObject *c : bc->mro)
                if (std::find(cls->mro.begin(), cls->mro.end(), c) == cls->mro.end())
                    cls->mro.push_back(c);
            if (!cls->hostBase)
                cls->hostBase = bc->hostBase;
        } else if (base.host() && base.host()->isClass()) {
            if (!cls->hostBase)
                cls->hostBase = base.host();
        } else if (base.is(Kind::Symbol)) {
            if (HostObject *h = host_.hostClass(*this, base.str(), *b.value); h && !cls->hostBase)
                cls->hostBase = h;
        }
    }
    Frame body;
    body.scope = heap_.scope(f.scope);
    body.type = Frame::Type::Class;
    body.outer = &f;
    execBlock(s.body, body);
    cls->attrs = std::move(body.scope->vars);
    for (auto &[name, v] : cls->attrs) {
        Value fn = v.is(Kind::Wrapper) ? v.as<WrapperObject>()->function : v;
        if (fn.is(Kind::Function) && !fn.as<FunctionObject>()->owner)
            fn.as<FunctionObject>()->owner = cls;
    }
    classes_.push_back(cls);
    assignName(s.name, Value(cls), f);
}

void Evaluator::assignName(const std::string &name, const Value &v, Frame &f)
{
    Scope *s = f.scope;
    if (s == globals_ || std::find(s->globalNames.begin(), s->globalNames.end(), name) != s->globalNames.end()) {
        globals_->vars[name] = v;
        globalStamps_[name] = ++assignments_;
        return;
    }
    if (std::find(s->nonlocalNames.begin(), s->nonlocalNames.end(), name) != s->nonlocalNames.end()) {
        for (Scope *p = s->parent; p && p != globals_; p = p->parent)
            if (auto it = p->vars.find(name); it != p->vars.end()) {
                it->second = v;
                return;
            }
    }
    s->vars[name] = v;
}

void Evaluator::assign(const Expr &target, const Value &v, Frame &f)
{
    switch (target.kind) {
    case ExprKind::Name: assignName(target.text, v, f); return;
    case ExprKind::Starred: assign(*target.children[0], v, f); return;
    case ExprKind::Tuple:
    case ExprKind::List: {
        const auto &kids = target.children;
        int star = -1;
        for (size_t i = 0; i < kids.size(); ++i)
            if (kids[i]->kind == ExprKind::Starred)
                star = int(i);
        std::string why;
        std::optional<std::vector<Value>> elements;
        if (HostObject *h = v.host())
            elements = h->unpack(*this, kids.size(), target);
        else if (!v.isUnevaluated())
            elements = iterate(v, target, &why);
        if (elements) {
            const std::vector<Value> el = *elements; // a copy: assigning may change the list
            const size_t n = kids.size();
            if (star < 0 && el.size() == n) {
                for (size_t i = 0; i < n; ++i)
                    assign(*kids[i], el[i], f);
                return;
            }
            if (star >= 0 && el.size() + 1 >= n) {
                const size_t tail = n - size_t(star) - 1;
                for (size_t i = 0; i < size_t(star); ++i)
                    assign(*kids[i], el[i], f);
                std::vector<Value> middle(el.begin() + star, el.end() - long(tail));
                assign(*kids[size_t(star)], list(std::move(middle), target.line), f);
                for (size_t i = 0; i < tail; ++i)
                    assign(*kids[size_t(star) + 1 + i], el[el.size() - tail + i], f);
                return;
            }
            const Value bad = unknown("cannot unpack " + std::to_string(el.size()) + " values into " +
                                          std::to_string(n) + " names" + lineRef(target.line),
                                      target.line);
            for (const auto &k : kids)
                assign(*k, bad, f);
            return;
        }
        const Value unknownValue =
            v.is(Kind::Unknown) ? v
                                : unknown(shortText(target) + " is unpacked from a value not evaluated here" +
                                              lineRef(target.line),
                                          target.line);
        for (const auto &k : kids)
            assign(*k, unknownValue, f);
        return;
    }
    case ExprKind::Attribute: {
        const Value obj = eval(*target.children[0], f);
        switch (obj.kind()) {
        case Kind::Instance: {
            auto *inst = obj.as<InstanceObject>();
            // a property setter or a class attribute is not distinguished: the instance keeps the value
            if (inst->host)
                inst->host->setAttr(*this, target.text, v, target);
            inst->attrs[target.text] = v;
            return;
        }
        case Kind::Class: obj.as<ClassObject>()->attrs[target.text] = v; return;
        case Kind::Host: obj.host()->setAttr(*this, target.text, v, target); return;
        default: return; // setting an attribute of something not evaluated: nothing the model depends on
        }
    }
    case ExprKind::Subscript: {
        const Value obj = eval(*target.children[0], f);
        const Expr &idx = *target.children[1];
        if (idx.kind == ExprKind::Slice)
            return; // slice assignment: not modelled
        setItem(obj, eval(idx, f), v, target);
        return;
    }
    default: return;
    }
}

void Evaluator::setItem(const Value &obj, const Value &index, const Value &v, const Expr &e)
{
    switch (obj.kind()) {
    case Kind::Dict: dictSet(obj, index, v, e.line); return;
    case Kind::List: {
        const Value i = plain(index);
        if (!i.is(Kind::Int) && !i.is(Kind::Bool))
            return;
        auto &items = obj.items();
        std::int64_t k = i.intOf();
        if (k < 0)
            k += std::int64_t(items.size());
        if (k >= 0 && k < std::int64_t(items.size()))
            items[size_t(k)] = v;
        return;
    }
    case Kind::Host: obj.host()->setItem(*this, index, v, e); return;
    case Kind::Instance:
        if (auto *h = obj.as<InstanceObject>()->host)
            h->setItem(*this, index, v, e);
        return;
    default: return;
    }
}

// ------------------------------------------------------------------------------------------------- expressions

Value *Evaluator::slot(const std::string &name, Frame &f)
{
    for (Scope *s = f.scope; s; s = s->parent) {
        auto it = s->vars.find(name);
        if (it != s->vars.end())
            return &it->second;
    }
    return nullptr;
}

Value Evaluator::lookup(const std::string &name, Frame &f, const Expr *)
{
    if (Value *v = slot(name, f))
        return *v;
    if (f.scope != globals_) { // a function defined in a class body, or a closure over the globals
        auto it = globals_->vars.find(name);
        if (it != globals_->vars.end())
            return it->second;
    }
    if (name == "__name__")
        return str("__main__");
    auto it = builtins_.find(name);
    if (it != builtins_.end())
        return it->second;
    return symbol(name, true);
}

Value Evaluator::eval(const Expr &e, Frame &f)
{
    WalkGuard guard(*this, walkDepth_, e.line, e.column);
    step(e.line, e.column);
    switch (e.kind) {
    case ExprKind::Name: return lookup(e.text, f, &e);
    case ExprKind::Int:
        if (e.overflow)
            return unknown("integer " + e.text + " does not fit in 64 bits", e.line);
        return Value::integer(e.intValue);
    case ExprKind::Float:
        if (e.imaginary)
            return unknown("complex number " + e.text + " is not supported", e.line);
        return Value::number(e.floatValue);
    case ExprKind::Str: {
        auto it = literals_.find(&e);
        if (it != literals_.end())
            return it->second;
        const Value v = str(e.text);
        literals_.emplace(&e, v);
        return v;
    }
    case ExprKind::FStr: return evalFString(e, f);
    case ExprKind::FormattedValue: return eval(*e.children[0], f);
    case ExprKind::None: return Value::none();
    case ExprKind::True: return Value::boolean(true);
    case ExprKind::False: return Value::boolean(false);
    case ExprKind::Ellipsis: return symbol("Ellipsis"); // Python's builtin: the axes not written in x[..., a:b]
    case ExprKind::Tuple:
    case ExprKind::List:
    case ExprKind::Set: {
        std::vector<Value> items;
        for (const auto &c : e.children) {
            if (c->kind == ExprKind::Starred) {
                const Value s = eval(*c->children[0], f);
                std::string why;
                auto more = iterate(s, *c, &why);
                if (!more)
                    return unknown("cannot expand " + shortText(*c) + lineRef(c->line), c->line);
                items.insert(items.end(), more->begin(), more->end());
                continue;
            }
            items.push_back(eval(*c, f));
        }
        if (e.kind == ExprKind::Set) {
            const Value set(heap_.make<DictObject>(Kind::Set));
            for (const auto &x : items)
                dictSet(set, x, Value::none(), e.line);
            return set;
        }
        return seq(e.kind == ExprKind::Tuple ? Kind::Tuple : Kind::List, std::move(items), e.line);
    }
    case ExprKind::Dict: {
        const Value d = dict(e.line);
        for (size_t i = 0; i + 1 < e.children.size(); i += 2) {
            const Value v = eval(*e.children[i + 1], f);
            if (!e.children[i]) { // **other
                if (!v.is(Kind::Dict))
                    return unknown("cannot expand **" + shortText(*e.children[i + 1]), e.line);
                for (const auto &[k, x] : v.as<DictObject>()->entries)
                    dictSet(d, k, x, e.line);
                continue;
            }
            dictSet(d, eval(*e.children[i], f), v, e.line);
        }
        return d;
    }
    case ExprKind::Attribute: return getAttr(eval(*e.children[0], f), e.text, e);
    case ExprKind::Call: return evalCall(e, f);
    case ExprKind::Subscript: return evalSubscript(e, f);
    case ExprKind::Slice: return unknown("a slice is not a value", e.line);
    case ExprKind::Unary: return unary(e.text, eval(*e.children[0], f), e);
    case ExprKind::Binary: {
        const Value a = eval(*e.children[0], f);
        const Value b = eval(*e.children[1], f);
        return binary(e.text, a, b, e);
    }
    case ExprKind::Compare: return compare(e, f);
    case ExprKind::And:
    case ExprKind::Or: {
        Value last;
        for (const auto &c : e.children) {
            last = eval(*c, f);
            const auto t = truth(last);
            if (!t)
                return unknown(shortText(*c) + " cannot be evaluated here" + lineRef(c->line), c->line);
            if (*t == (e.kind == ExprKind::Or))
                return last;
        }
        return last;
    }
    case ExprKind::Not: {
        const auto t = truth(eval(*e.children[0], f));
        if (!t)
            return unknown(shortText(e) + " cannot be evaluated here", e.line);
        return Value::boolean(!*t);
    }
    case ExprKind::IfElse: {
        const auto t = truth(eval(*e.children[1], f));
        if (!t)
            return unknown("the condition of `" + shortText(*e.children[0]) + " if … else …` cannot be evaluated here" +
                               lineRef(e.line),
                           e.line);
        return eval(*e.children[*t ? 0 : 2], f);
    }
    case ExprKind::Lambda: return makeFunction(nullptr, &e, f);
    case ExprKind::Comprehension: return evalComprehension(e, f);
    case ExprKind::Starred: return unknown("*" + shortText(*e.children[0]) + " is not a value", e.line);
    case ExprKind::Yield:
    case ExprKind::Await: return unknown(shortText(e) + " is not evaluated", e.line);
    case ExprKind::Walrus: {
        const Value v = eval(*e.children[1], f);
        assign(*e.children[0], v, f);
        return v;
    }
    }
    return Value::none();
}

Value Evaluator::evalComprehension(const Expr &e, Frame &f)
{
    // element [value] then clauses; Python 3 gives the comprehension its own scope
    const bool isDict = e.text == "dict";
    const size_t first = isDict ? 2 : 1;
    Frame inner;
    inner.scope = heap_.scope(f.scope);
    inner.type = Frame::Type::Comprehension;
    inner.outer = &f;
    inner.function = f.function;
    inner.firstArg = f.firstArg;
    std::vector<Value> out;
    const Value result = isDict ? dict(e.line) : Value();
    std::string failure;
    const int savedLoop = loopLine_, savedColumn = loopColumn_;
    loopLine_ = e.line;
    loopColumn_ = e.column;
    // clause k starts at child index `at`
    std::function<void(size_t, size_t)> run = [&](size_t clause, size_t at) {
        if (!failure.empty())
            return;
        if (clause == e.ops.size()) {
            if (isDict) {
                const Value k = eval(*e.children[0], inner);
                dictSet(result, k, eval(*e.children[1], inner), e.line);
            } else {
                out.push_back(eval(*e.children[0], inner));
                if (out.size() > limits_.maxItems)
                    failure = "the value built" + lineRef(e.line) + " is too large";
            }
            return;
        }
        if (e.ops[clause] == "if") {
            const auto t = truth(eval(*e.children[at], inner));
            if (!t) {
                failure = "the condition `" + shortText(*e.children[at]) + "` cannot be evaluated here";
                return;
            }
            if (*t)
                run(clause + 1, at + 1);
            return;
        }
        const Expr &target = *e.children[at];
        const Expr &iterExpr = *e.children[at + 1];
        const Value iterable = eval(iterExpr, inner);
        std::string why;
        auto items = iterate(iterable, iterExpr, &why);
        if (!items) {
            failure = "`" + shortText(iterExpr) + "` cannot be iterated here: " + why;
            return;
        }
        for (const auto &item : *items) {
            step(e.line, e.column);
            assign(target, item, inner);
            run(clause + 1, at + 2);
            if (!failure.empty())
                return;
        }
    };
    run(0, first);
    loopLine_ = savedLoop;
    loopColumn_ = savedColumn;
    if (!failure.empty())
        return unknown("the comprehension" + lineRef(e.line) + " is not evaluated: " + failure, e.line);
    if (isDict)
        return result;
    if (e.text == "set") {
        const Value set(heap_.make<DictObject>(Kind::Set));
        for (const auto &x : out)
            dictSet(set, x, Value::none(), e.line);
        return set;
    }
    // a generator expression is used once, where it is written: a list serves (sum(…), tuple(…), any(…))
    return list(std::move(out), e.line);
}

CallArgs Evaluator::evalArgs(const Expr &call, Frame &f)
{
    CallArgs args;
    for (const auto &a : call.args) {
        const Value v = eval(*a.value, f);
        switch (a.kind) {
        case Argument::Kind::Positional: args.positional.push_back({v, a.value.get()}); break;
        case Argument::Kind::Keyword: args.keywords.emplace_back(a.keyword, Arg{v, a.value.get()}); break;
        case Argument::Kind::Star: {
            std::string why;
            auto items = iterate(v, *a.value, &why);
            if (items) {
                for (const auto &x : *items)
                    args.positional.push_back({x, a.value.get()});
            } else if (args.unresolved.empty()) {
                args.unresolved = "*" + shortText(*a.value) + ": " + whyNotValue(v);
            }
            break;
        }
        case Argument::Kind::DoubleStar: {
            bool ok = v.is(Kind::Dict);
            if (ok)
                for (const auto &kv : v.as<DictObject>()->entries)
                    ok = ok && kv.first.is(Kind::Str);
            if (ok) {
                for (const auto &[k, x] : v.as<DictObject>()->entries)
                    args.keywords.emplace_back(k.str(), Arg{x, a.value.get()});
            } else if (args.unresolved.empty()) {
                args.unresolved = "**" + shortText(*a.value) + ": " + whyNotValue(v);
            }
            break;
        }
        }
    }
    return args;
}

Value Evaluator::evalCall(const Expr &call, Frame &f)
{
    const Expr &fn = *call.children[0];
    if (fn.kind == ExprKind::Attribute) {
        const Value recv = eval(*fn.children[0], f);
        const std::string &name = fn.text;
        switch (recv.kind()) {
        case Kind::Host: {
            LazyArgs lazy([&] { return evalArgs(call, f); });
            if (auto r = recv.host()->callMethod(*this, name, lazy, call))
                return *r;
            CallArgs &args = lazy.get();
            return host_.callUnevaluated(
                *this, unknown(shortText(call) + lineRef(call.line) + " is not evaluated", call.line), args, call);
        }
        case Kind::Instance: {
            auto *inst = recv.as<InstanceObject>();
            if (auto it = inst->attrs.find(name); it != inst->attrs.end()) {
                const Value callee = it->second;
                CallArgs args = evalArgs(call, f);
                return this->call(callee, args, call);
            }
            if (auto m = classAttr(inst->cls, name)) {
                if (m->is(Kind::Function)) {
                    CallArgs args = evalArgs(call, f);
                    return callFunction(m->as<FunctionObject>(), &recv, args, call);
                }
                const Value bound = bindAttribute(*m, recv, inst->cls, fn);
                CallArgs args = evalArgs(call, f);
                return this->call(bound, args, call);
            }
            if (inst->host) {
                LazyArgs lazy([&] { return evalArgs(call, f); });
                if (auto r = inst->host->callMethod(*this, name, lazy, call))
                    return *r;
            }
            break;
        }
        case Kind::Super: {
            const Value m = superAttr(*recv.as<SuperObject>(), name, fn);
            CallArgs args = evalArgs(call, f);
            return this->call(m, args, call);
        }
        case Kind::Symbol:
        case Kind::Unknown:
        case Kind::Class:
        case Kind::Function:
        case Kind::BoundMethod:
        case Kind::Builtin:
        case Kind::Wrapper:
        case Kind::HostMethod: break;
        case Kind::None:
        case Kind::Bool:
        case Kind::Int:
        case Kind::Float:
        case Kind::Str:
        case Kind::Tuple:
        case Kind::List:
        case Kind::Dict:
        case Kind::Set:
        case Kind::Range:
        case Kind::Slice: {
            CallArgs args = evalArgs(call, f);
            return callTypeMethod(recv, name, args, call);
        }
        }
        const Value callee = getAttr(recv, name, fn);
        CallArgs args = evalArgs(call, f);
        return this->call(callee, args, call);
    }
    const Value callee = eval(fn, f);
    if (callee.is(Kind::Builtin) && callee.as<BuiltinObject>()->self.isNone()) {
        const std::string &name = callee.as<BuiltinObject>()->name;
        if (name == "print") // its arguments are not evaluated: printing a model's output would run the model
            return unknown("print(...) is not evaluated", call.line);
        if (name == "super") {
            CallArgs args = evalArgs(call, f);
            return makeSuper(args, &f, call);
        }
    }
    CallArgs args = evalArgs(call, f);
    return this->call(callee, args, call);
}

Value Evaluator::evalSubscript(const Expr &e, Frame &f)
{
    const Value obj = eval(*e.children[0], f);
    const Expr &index = *e.children[1];
    const auto sliceValue = [&](const Expr &s) {
        Value bounds[3];
        for (int k = 0; k < 3; ++k)
            if (s.children[size_t(k)])
                bounds[k] = eval(*s.children[size_t(k)], f);
        return Value(heap_.make<SliceObject>(bounds[0], bounds[1], bounds[2]));
    };
    if (obj.is(Kind::Unknown))
        return obj;
    if (index.kind == ExprKind::Slice)
        return subscript(obj, sliceValue(index), e);
    if (index.kind == ExprKind::Tuple &&
        std::any_of(index.children.begin(), index.children.end(),
                    [](const ExprPtr &c) { return c->kind == ExprKind::Slice; })) {
        std::vector<Value> parts; // x[:, 1:] on a host object
        for (const auto &c : index.children)
            parts.push_back(c->kind == ExprKind::Slice ? sliceValue(*c) : eval(*c, f));
        return subscript(obj, tuple(std::move(parts), e.line), e);
    }
    return subscript(obj, eval(index, f), e);
}

Value Evaluator::subscript(const Value &obj, const Value &indexIn, const Expr &e)
{
    const auto opaque = [&](const std::string &why) { return unknown(why + lineRef(e.line), e.line); };
    if (obj.is(Kind::Unknown))
        return obj;
    if (HostObject *h = obj.host()) {
        if (auto r = h->getItem(*this, indexIn, e))
            return *r;
        if (!h->plainValue())
            return opaque("`" + shortText(e) + "` is not evaluated by ConvLens");
        return subscript(*h->plainValue(), indexIn, e);
    }
    if (obj.is(Kind::Instance)) {
        auto *inst = obj.as<InstanceObject>();
        if (auto m = classAttr(inst->cls, "__getitem__"); m && m->is(Kind::Function)) {
            CallArgs args;
            args.positional.push_back({indexIn, nullptr});
            return callFunction(m->as<FunctionObject>(), &obj, args, e);
        }
        if (inst->host)
            if (auto r = inst->host->getItem(*this, indexIn, e))
                return *r;
        return opaque("`" + shortText(e) + "` is not evaluated by ConvLens");
    }
    const Value index = plain(indexIn);
    if (index.is(Kind::Unknown))
        return index;
    const bool isStr = obj.is(Kind::Str);
    if (index.is(Kind::Slice)) {
        if (!obj.isSeq() && !isStr && !obj.is(Kind::Range))
            return opaque("`" + shortText(e) + "` is not evaluated by ConvLens");
        const auto *s = index.as<SliceObject>();
        std::optional<std::int64_t> bound[3];
        const Value parts[3] = {plain(s->lower), plain(s->upper), plain(s->step)};
        for (int k = 0; k < 3; ++k) {
            if (parts[k].isNone())
                continue;
            if (!parts[k].is(Kind::Int) && !parts[k].is(Kind::Bool))
                return opaque("`" + shortText(e) + "` is not evaluated by ConvLens");
            bound[k] = parts[k].intOf();
        }
        const std::int64_t n = isStr ? std::int64_t(obj.str().size())
                               : obj.is(Kind::Range) ? obj.as<RangeObject>()->length()
                                                     : std::int64_t(obj.items().size());
        const std::int64_t stride = bound[2].value_or(1);
        if (stride == 0)
            return opaque("slice step cannot be zero");
        const auto norm = [&](std::int64_t i, std::int64_t lo, std::int64_t hi) {
            i = std::clamp<std::int64_t>(i, -n - 1, n + 1);
            if (i < 0)
                i += n;
            return std::clamp(i, lo, hi);
        };
        std::int64_t start, stop;
        if (stride > 0) {
            start = bound[0] ? norm(*bound[0], 0, n) : 0;
            stop = bound[1] ? norm(*bound[1], 0, n) : n;
        } else {
            start = bound[0] ? norm(*bound[0], -1, n - 1) : n - 1;
            stop = bound[1] ? norm(*bound[1], -1, n - 1) : -1;
        }
        if (obj.is(Kind::Range)) {
            const auto *r = obj.as<RangeObject>();
            std::int64_t a = r->at(start), b = r->at(stop), st = r->step * stride;
            if (stride > 0 ? start >= stop : start <= stop)
                b = a;
            return Value(heap_.make<RangeObject>(a, b, st));
        }
        std::vector<Value> items;
        std::string chars;
        for (std::int64_t i = start; stride > 0 ? i < stop : i > stop;) {
            if (isStr)
                chars += obj.str()[size_t(i)];
            else
                items.push_back(obj.items()[size_t(i)]);
            if (__builtin_add_overflow(i, stride, &i))
                break;
        }
        charge(long(items.size() + chars.size()) / 16, e.line);
        if (isStr)
            return str(chars);
        return seq(obj.kind(), std::move(items), e.line);
    }
    if ((obj.isSeq() || isStr || obj.is(Kind::Range)) && (index.is(Kind::Int) || index.is(Kind::Bool))) {
        const std::int64_t n = isStr ? std::int64_t(obj.str().size())
                               : obj.is(Kind::Range) ? obj.as<RangeObject>()->length()
                                                     : std::int64_t(obj.items().size());
        std::int64_t i = index.intOf();
        if (i < 0 && i >= -n)
            i += n;
        if (i < 0 || i >= n)
            return opaque("index " + std::to_string(index.intOf()) + " is out of range in `" + shortText(e) + "`");
        if (isStr)
            return str(std::string(1, obj.str()[size_t(i)]));
        if (obj.is(Kind::Range))
            return Value::integer(obj.as<RangeObject>()->at(i));
        return obj.items()[size_t(i)];
    }
    if (obj.is(Kind::Dict)) {
        if (auto v = dictGet(obj, index))
            return *v;
        return opaque("`" + shortText(e) + "`: key not found");
    }
    return opaque("`" + shortText(e) + "` is not evaluated by ConvLens");
}

Value Evaluator::unary(const std::string &op, const Value &a0, const Expr &e)
{
    if (a0.is(Kind::Unknown))
        return a0;
    if (HostObject *h = a0.host()) {
        if (auto r = h->unary(*this, op, e))
            return *r;
        if (!h->plainValue())
            return unknown("`" + shortText(e) + "` is not evaluated by ConvLens" + lineRef(e.line), e.line);
    }
    const Value a1 = plain(a0);
    const Value a = a1.is(Kind::Bool) ? Value::integer(a1.intOf()) : a1;
    if (a.is(Kind::Int)) {
        if (op == "+")
            return a;
        if (op == "~")
            return Value::integer(~a.asInt());
        if (a.asInt() == std::numeric_limits<std::int64_t>::min())
            return unknown("integer overflow in `" + shortText(e) + "`", e.line);
        return Value::integer(-a.asInt());
    }
    if (a.is(Kind::Float) && op != "~")
        return Value::number(op == "-" ? -a.asFloat() : a.asFloat());
    return unknown("`" + shortText(e) + "` is not evaluated by ConvLens" + lineRef(e.line), e.line);
}

Value Evaluator::compare(const Expr &e, Frame &f)
{
    Value left = eval(*e.children[0], f);
    for (size_t i = 0; i < e.ops.size(); ++i) {
        const Value right = eval(*e.children[i + 1], f);
        const std::string &op = e.ops[i];
        std::optional<bool> r;
        // a host object compares itself (a traced size records the comparison), else its plain value does
        if (HostObject *h = left.host()) {
            if (auto v = h->binary(*this, op, right, false, e))
                r = truth(*v);
        } else if (HostObject *h2 = right.host()) {
            static const std::map<std::string, std::string> mirrored{{"<", ">"}, {">", "<"}, {"<=", ">="},
                                                                     {">=", "<="}, {"==", "=="}, {"!=", "!="}};
            if (auto m = mirrored.find(op); m != mirrored.end())
                if (auto v = h2->binary(*this, m->second, left, true, e))
                    r = truth(*v);
        }
        const Value a = plain(left), b = plain(right);
        if (r) {
            // decided by the host
        } else if (op == "==" || op == "!=") {
            r = equal(a, b);
            if (r && op == "!=")
                r = !*r;
        } else if (op == "<" || op == ">" || op == "<=" || op == ">=") {
            int c = 2;
            if (a.isNumber() && b.isNumber()) {
                if (!a.is(Kind::Float) && !b.is(Kind::Float))
                    c = a.intOf() < b.intOf() ? -1 : a.intOf() > b.intOf() ? 1 : 0;
                else
                    c = a.numberOf() < b.numberOf() ? -1 : a.numberOf() > b.numberOf() ? 1 : 0;
            } else if (a.is(Kind::Str) && b.is(Kind::Str)) {
                c = a.str().compare(b.str());
                c = c < 0 ? -1 : c > 0 ? 1 : 0;
            } else if (a.isSeq() && b.kind() == a.kind()) {
                const auto &x = a.items(), &y = b.items();
                size_t k = 0;
                for (; k < x.size() && k < y.size(); ++k) {
                    const auto q = equal(x[k], y[k]);
                    if (!q || !*q)
                        break;
                }
                if (k == x.size() || k == y.size())
                    c = x.size() < y.size() ? -1 : x.size() > y.size() ? 1 : 0;
                else if (x[k].isNumber() && y[k].isNumber())
                    c = x[k].numberOf() < y[k].numberOf() ? -1 : 1;
            }
            if (c != 2)
                r = op == "<" ? c < 0 : op == ">" ? c > 0 : op == "<=" ? c <= 0 : c >= 0;
        } else if (op == "in" || op == "not in") {
            if (b.is(Kind::Str) && a.is(Kind::Str)) {
                r = b.str().find(a.str()) != std::string::npos;
            } else if (b.is(Kind::Dict) || b.is(Kind::Set)) {
                r = dictGet(b, a).has_value();
                if (!hashOf(a))
                    r.reset();
            } else if (b.is(Kind::Range) && a.is(Kind::Int)) {
                const auto *rg = b.as<RangeObject>();
                const std::int64_t x = a.asInt();
                const bool inside = rg->step > 0 ? (x >= rg->start && x < rg->stop) : (x <= rg->start && x > rg->stop);
                r = inside && (x - rg->start) % rg->step == 0;
            } else if (b.isSeq()) {
                r = false;
                charge(long(b.items().size()) / 8, e.line);
                for (const auto &el : b.items()) {
                    const auto q = equal(a, el);
                    if (!q) {
                        r.reset();
                        break;
                    }
                    if (*q) {
                        r = true;
                        break;
                    }
                }
            }
            if (r && op == "not in")
                r = !*r;
        } else if (op == "is" || op == "is not") {
            if (a.is(Kind::Symbol) || b.is(Kind::Symbol)) {
                r = equal(a, b);
            } else if (!a.isUnevaluated() && !b.isUnevaluated()) {
                if (a.isObject() && b.isObject())
                    r = a.object() == b.object();
                else if (a.kind() != b.kind())
                    r = false;
                else if (a.isNone())
                    r = true;
                else if (a.is(Kind::Bool))
                    r = a.asBool() == b.asBool();
                else if (a.is(Kind::Int))
                    r = a.asInt() == b.asInt();
            }
            if (r && op == "is not")
                r = !*r;
        }
        if (!r) {
            const Value &missing = a.isUnevaluated() ? a : b;
            if (missing.is(Kind::Unknown))
                return missing; // the first reason, not a chain of them
            if (missing.isUnevaluated())
                return unknown("`" + sourceText(e) + "` cannot be evaluated here: " + whyNotValue(missing), e.line);
            return unknown("`" + shortText(e) + "` cannot be evaluated here" + lineRef(e.line), e.line);
        }
        if (!*r)
            return Value::boolean(false);
        left = right;
    }
    return Value::boolean(true);
}

// ------------------------------------------------------------------------------------------------- attributes

std::optional<Value> Evaluator::classAttr(ClassObject *cls, const std::string &name, std::size_t from)
{
    for (size_t i = from; i < cls->mro.size(); ++i) {
        auto it = cls->mro[i]->attrs.find(name);
        if (it != cls->mro[i]->attrs.end())
            return it->second;
    }
    return std::nullopt;
}

// A class attribute found for an instance (or the class itself): functions bind to the instance, static methods
// do not, class methods bind to the class, properties are read.
Value Evaluator::bindAttribute(const Value &found, const Value &self, ClassObject *cls, const Expr &site)
{
    if (found.is(Kind::Function)) {
        if (self.is(Kind::Class))
            return found; // Class.method: a plain function
        return Value(heap_.make<BoundMethodObject>(self, found));
    }
    if (found.is(Kind::Wrapper)) {
        const auto *w = found.as<WrapperObject>();
        switch (w->type) {
        case WrapperObject::Type::StaticMethod: return w->function;
        case WrapperObject::Type::ClassMethod:
            return Value(heap_.make<BoundMethodObject>(Value(static_cast<Object *>(cls)), w->function));
        case WrapperObject::Type::Property: {
            if (self.is(Kind::Class))
                return found;
            CallArgs none;
            if (w->function.is(Kind::Function))
                return callFunction(w->function.as<FunctionObject>(), &self, none, site);
            return unknown("property" + lineRef(site.line) + " is not evaluated", site.line);
        }
        }
    }
    return found;
}

std::optional<Value> Evaluator::findAttr(const Value &obj, const std::string &name, const Expr &site)
{
    switch (obj.kind()) {
    case Kind::Instance: {
        auto *inst = obj.as<InstanceObject>();
        if (auto it = inst->attrs.find(name); it != inst->attrs.end())
            return it->second;
        if (auto m = classAttr(inst->cls, name))
            return bindAttribute(*m, obj, inst->cls, site);
        if (name == "__class__")
            return Value(static_cast<Object *>(inst->cls));
        if (inst->host)
            return inst->host->getAttr(*this, name, site);
        return std::nullopt;
    }
    case Kind::Class: {
        auto *cls = obj.as<ClassObject>();
        if (auto m = classAttr(cls, name))
            return bindAttribute(*m, obj, cls, site);
        if (name == "__name__")
            return str(cls->name);
        if (cls->hostBase)
            return cls->hostBase->getAttr(*this, name, site);
        return std::nullopt;
    }
    case Kind::Host: {
        HostObject *h = obj.host();
        if (auto r = h->getAttr(*this, name, site))
            return r;
        if (h->plainValue())
            return findAttr(*h->plainValue(), name, site);
        return std::nullopt;
    }
    case Kind::Function:
        if (name == "__name__")
            return str(obj.as<FunctionObject>()->name);
        return std::nullopt;
    default: return std::nullopt;
    }
}

Value Evaluator::getAttr(const Value &obj, const std::string &name, const Expr &e)
{
    switch (obj.kind()) {
    case Kind::Symbol: {
        std::string path = obj.str() + "." + name;
        if (auto known = stdlib(path))
            return *known;
        return symbol(std::move(path), obj.as<SymbolObject>()->undefined);
    }
    case Kind::Unknown: return obj;
    case Kind::Super: return superAttr(*obj.as<SuperObject>(), name, e);
    case Kind::Instance:
    case Kind::Class:
    case Kind::Function: {
        if (auto v = findAttr(obj, name, e))
            return *v;
        const std::string owner = obj.is(Kind::Instance) ? "'" + obj.as<InstanceObject>()->cls->name + "' object"
                                  : obj.is(Kind::Class)  ? "class '" + obj.as<ClassObject>()->name + "'"
                                                         : "function";
        return unknown(owner + " has no attribute '" + name + "' (`" + shortText(e) + "`" + lineRef(e.line) + ")",
                       e.line);
    }
    case Kind::Host: {
        if (auto v = findAttr(obj, name, e))
            return *v;
        return Value(heap_.make<HostMethodObject>(obj, name));
    }
    case Kind::Str:
    case Kind::Tuple:
    case Kind::List:
    case Kind::Dict:
    case Kind::Set:
    case Kind::Int:
    case Kind::Float:
    case Kind::Bool:
    case Kind::Range:
        if (obj.is(Kind::Range) && (name == "start" || name == "stop" || name == "step")) {
            const auto *r = obj.as<RangeObject>();
            return Value::integer(name == "start" ? r->start : name == "stop" ? r->stop : r->step);
        }
        return Value(heap_.make<BuiltinObject>(name, obj));
    case Kind::None:
    case Kind::Slice:
    case Kind::BoundMethod:
    case Kind::Builtin:
    case Kind::Wrapper:
    case Kind::HostMethod: break;
    }
    return unknown("`" + shortText(e) + "` is not evaluated" + lineRef(e.line), e.line);
}

Value Evaluator::makeSuper(const CallArgs &args, Frame *f, const Expr &site)
{
    if (args.positional.size() == 2 && args.positional[0].value.is(Kind::Class))
        return Value(heap_.make<SuperObject>(args.positional[0].value.as<ClassObject>(), args.positional[1].value));
    // super(): the class that defined the running method, and its first argument
    for (Frame *fr = f; fr; fr = fr->outer) {
        if (fr->type == Frame::Type::Comprehension)
            continue;
        if (fr->type == Frame::Type::Function && fr->function && fr->function->owner && !fr->firstArg.isNone())
            return Value(heap_.make<SuperObject>(fr->function->owner, fr->firstArg));
        break;
    }
    return unknown("super()" + lineRef(site.line) + " is used outside a method", site.line);
}

Value Evaluator::superAttr(const SuperObject &s, const std::string &name, const Expr &site)
{
    ClassObject *cls = s.self.is(Kind::Instance) ? s.self.as<InstanceObject>()->cls
                       : s.self.is(Kind::Class)  ? s.self.as<ClassObject>()
                                                 : nullptr;
    if (cls) {
        const auto pos = std::find(cls->mro.begin(), cls->mro.end(), s.after);
        const size_t from = pos == cls->mro.end() ? cls->mro.size() : size_t(pos - cls->mro.begin()) + 1;
        if (auto m = classAttr(cls, name, from))
            return bindAttribute(*m, s.self, cls, site);
        // past the user classes: the host base (nn.Module.__init__, Layer.build)
        if (s.self.is(Kind::Instance))
            if (HostObject *h = s.self.as<InstanceObject>()->host)
                return Value(heap_.make<HostMethodObject>(Value(static_cast<Object *>(h)), name));
    }
    if (name == "__init__") // object.__init__
        return Value(heap_.make<BuiltinObject>("object.__init__", Value::none()));
    return unknown("super()." + name + lineRef(site.line) + " is not evaluated", site.line);
}

// ------------------------------------------------------------------------------------------------- calls

Value Evaluator::call(const Value &callee, CallArgs &args, const Expr &site)
{
    switch (callee.kind()) {
    case Kind::Function: return callFunction(callee.as<FunctionObject>(), nullptr, args, site);
    case Kind::BoundMethod: {
        const auto *bm = callee.as<BoundMethodObject>();
        if (bm->function.is(Kind::Function))
            return callFunction(bm->function.as<FunctionObject>(), &bm->self, args, site);
        CallArgs withSelf = args;
        withSelf.positional.insert(withSelf.positional.begin(), Arg{bm->self, nullptr});
        return call(bm->function, withSelf, site);
    }
    case Kind::Builtin: return callBuiltin(*callee.as<BuiltinObject>(), args, site);
    case Kind::Class: return instantiate(callee.as<ClassObject>(), args, site);
    case Kind::Instance: {
        auto *inst = callee.as<InstanceObject>();
        if (auto m = classAttr(inst->cls, "__call__"); m && m->is(Kind::Function))
            return callFunction(m->as<FunctionObject>(), &callee, args, site);
        if (inst->host)
            if (auto r = inst->host->call(*this, args, site))
                return *r;
        return unknown("'" + inst->cls->name + "' object is not callable" + lineRef(site.line), site.line);
    }
    case Kind::Host: {
        if (auto r = callee.host()->call(*this, args, site))
            return *r;
        return host_.callUnevaluated(*this,
                                     unknown(callee.host()->describe() + lineRef(site.line) + " is not callable",
                                             site.line),
                                     args, site);
    }
    case Kind::HostMethod: {
        const auto *hm = callee.as<HostMethodObject>();
        LazyArgs lazy(args);
        if (auto r = hm->self.host()->callMethod(*this, hm->name, lazy, site))
            return *r;
        return host_.callUnevaluated(
            *this, unknown(shortText(site) + lineRef(site.line) + " is not evaluated", site.line), args, site);
    }
    case Kind::Wrapper: return call(callee.as<WrapperObject>()->function, args, site);
    case Kind::Symbol: return callSymbol(callee.str(), args, site);
    case Kind::Unknown: return host_.callUnevaluated(*this, callee, args, site);
    case Kind::None:
    case Kind::Bool:
    case Kind::Int:
    case Kind::Float:
    case Kind::Str:
    case Kind::Tuple:
    case Kind::List:
    case Kind::Dict:
    case Kind::Set:
    case Kind::Range:
    case Kind::Slice:
    case Kind::Super: break;
    }
    const std::string what = site.kind == ExprKind::Call ? shortText(*site.children[0]) : shortText(site);
    return unknown(what + lineRef(site.line) + " is not callable", site.line);
}

Value Evaluator::callMethod(const Value &self, const std::string &name, CallArgs &args, const Expr &site)
{
    switch (self.kind()) {
    case Kind::Instance: {
        auto *inst = self.as<InstanceObject>();
        if (auto it = inst->attrs.find(name); it != inst->attrs.end())
            return call(it->second, args, site);
        if (auto m = classAttr(inst->cls, name)) {
            if (m->is(Kind::Function))
                return callFunction(m->as<FunctionObject>(), &self, args, site);
            return call(bindAttribute(*m, self, inst->cls, site), args, site);
        }
        if (inst->host) {
            LazyArgs lazy(args);
            if (auto r = inst->host->callMethod(*this, name, lazy, site))
                return *r;
        }
        return unknown("'" + inst->cls->name + "' object has no method '" + name + "'" + lineRef(site.line),
                       site.line);
    }
    case Kind::Host: {
        LazyArgs lazy(args);
        if (auto r = self.host()->callMethod(*this, name, lazy, site))
            return *r;
        return unknown(self.host()->describe() + " has no method '" + name + "'" + lineRef(site.line), site.line);
    }
    default: return call(getAttr(self, name, site), args, site);
    }
}

Value Evaluator::callSymbol(const std::string &path, CallArgs &args, const Expr &site)
{
    if (auto known = stdlib(path))
        return call(*known, args, site);
    return host_.callSymbol(*this, path, args, site);
}

Value Evaluator::callFunction(FunctionObject *fn, const Value *self, CallArgs &args, const Expr &site)
{
    ++fn->calls;
    struct DepthGuard {
        int &d;
        ~DepthGuard() { --d; }
    } guard{++callDepth_};
    if (callDepth_ > limits_.maxCallDepth)
        fail(site,
             tx(QT_TRANSLATE_NOOP("convlens::core", "nested too deeply (function calls more than %1 levels deep)"),
                {std::to_string(limits_.maxCallDepth)}));
    const std::vector<Param> &params = fn->def ? fn->def->params : fn->lambda->params;
    Scope *scope = heap_.scope(fn->closure);
    const std::string who = fn->name + "()";
    std::vector<Arg> positional;
    positional.reserve(args.positional.size() + 1);
    if (self)
        positional.push_back({*self, nullptr});
    positional.insert(positional.end(), args.positional.begin(), args.positional.end());
    std::vector<bool> bound(params.size(), false);
    size_t next = 0;
    for (size_t i = 0; i < params.size(); ++i) {
        const Param &p = params[i];
        if (p.kind == Param::Kind::Normal && !p.keywordOnly && next < positional.size()) {
            scope->vars[p.name] = positional[next++].value;
            bound[i] = true;
        } else if (p.kind == Param::Kind::VarArgs) {
            std::vector<Value> rest;
            for (; next < positional.size(); ++next)
                rest.push_back(positional[next].value);
            scope->vars[p.name] = tuple(std::move(rest), site.line);
            bound[i] = true;
        }
    }
    if (next < positional.size() && args.unresolved.empty())
        fail(site, who + " takes " + std::to_string(next) + " positional arguments but " +
                       std::to_string(positional.size()) + " were given");
    const bool hasKwArgs =
        std::any_of(params.begin(), params.end(), [](const Param &p) { return p.kind == Param::Kind::KwArgs; });
    const Value extra = hasKwArgs ? dict(site.line) : Value();
    for (const auto &[k, a] : args.keywords) {
        bool found = false;
        for (size_t i = 0; i < params.size(); ++i) {
            const Param &p = params[i];
            if (p.kind != Param::Kind::Normal || p.name != k)
                continue;
            if (bound[i])
                fail(site, who + " got multiple values for argument '" + k + "'");
            scope->vars[p.name] = a.value;
            bound[i] = found = true;
        }
        if (!found) {
            if (!hasKwArgs) {
                if (args.unresolved.empty())
                    fail(site, who + " got an unexpected keyword argument '" + k + "'");
                continue;
            }
            dictSet(extra, str(k), a.value, site.line);
        }
    }
    for (size_t i = 0; i < params.size(); ++i) {
        const Param &p = params[i];
        if (p.kind == Param::Kind::KwArgs) {
            scope->vars[p.name] = extra;
            continue;
        }
        if (bound[i] || p.kind != Param::Kind::Normal)
            continue;
        if (fn->defaults[i])
            scope->vars[p.name] = *fn->defaults[i];
        else if (!args.unresolved.empty())
            scope->vars[p.name] = unknown(args.unresolved, site.line);
        else
            fail(site, who + " missing required argument '" + p.name + "'");
    }
    struct LibraryGuard {
        int &depth;
        bool on;
        ~LibraryGuard()
        {
            if (on)
                --depth;
        }
    } library{libraryDepth_, fn->library};
    if (fn->library)
        ++libraryDepth_;
    Frame frame;
    frame.scope = scope;
    frame.type = Frame::Type::Function;
    frame.function = fn;
    frame.firstArg = positional.empty() ? Value() : positional[0].value;
    frame.outer = current_;
    Frame *saved = current_;
    current_ = &frame;
    struct Restore {
        Frame *&cur;
        Frame *was;
        ~Restore() { cur = was; }
    } restore{current_, saved};
    if (fn->lambda)
        return eval(*fn->lambda->children[0], frame);
    execBlock(fn->def->body, frame);
    return frame.result;
}

Value Evaluator::instantiate(ClassObject *cls, CallArgs &args, const Expr &site)
{
    cls->instantiated = true;
    auto *inst = heap_.make<InstanceObject>(cls);
    const Value self(static_cast<Object *>(inst));
    if (cls->hostBase) {
        if (HostObject *h = cls->hostBase->instantiateSubclass(*this, inst, site)) {
            inst->host = h;
            h->owner = inst;
        }
    }
    if (auto init = classAttr(cls, "__init__")) {
        if (init->is(Kind::Function))
            callFunction(init->as<FunctionObject>(), &self, args, site);
        else
            call(bindAttribute(*init, self, cls, site), args, site);
    } else if (inst->host) {
        LazyArgs lazy(args);
        inst->host->callMethod(*this, "__init__", lazy, site);
    } else if (!args.positional.empty() || !args.keywords.empty()) {
        fail(site, cls->name + "() takes no arguments");
    }
    return self;
}

} // namespace convlens::py
