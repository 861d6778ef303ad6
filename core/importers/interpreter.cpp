// python_import.cpp — the evaluator shared by the Keras and PyTorch importers: statements, expressions, Python's
// integer and string arithmetic on known values, user functions, and the conversion of call arguments into layer
// parameters checked against the catalogue. Every loop it runs is bounded by the size of its input, a step budget
// or an allocation budget.
#include "importers/interpreter.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>

namespace convlens::pyimport {

using py::Expr;
using py::ExprKind;
using py::Stmt;
using py::StmtKind;
using K = Value::Kind;

// ------------------------------------------------------------------------------------------------- values

Value Value::boolean_(bool b)
{
    Value v;
    v.kind = K::Bool;
    v.boolean = b;
    return v;
}
Value Value::int_(std::int64_t i)
{
    Value v;
    v.kind = K::Int;
    v.integer = i;
    return v;
}
Value Value::float_(double d)
{
    Value v;
    v.kind = K::Float;
    v.number = d;
    return v;
}
Value Value::str(std::string s)
{
    Value v;
    v.kind = K::Str;
    v.text = std::move(s);
    return v;
}
Value Value::seq(Kind k, ValueList items)
{
    Value v;
    v.kind = k;
    std::size_t w = 1;
    int d = 0;
    for (const auto &x : items) {
        w = std::min<std::size_t>(w + x.weight, std::size_t(1) << 40);
        d = std::max(d, x.depth);
    }
    v.weight = w;
    v.depth = d + 1;
    v.items = std::make_shared<ValueList>(std::move(items));
    return v;
}
Value Value::symbol(std::string path)
{
    Value v;
    v.kind = K::Symbol;
    v.text = std::move(path);
    return v;
}
Value Value::opaque(std::string why, int line)
{
    Value v;
    v.kind = K::Opaque;
    v.text = std::move(why);
    v.line = line;
    return v;
}
Value Value::object(Kind k, int id, int line, int column)
{
    Value v;
    v.kind = k;
    v.id = id;
    v.line = line;
    v.column = column;
    return v;
}
const ValueList &Value::elements() const
{
    static const ValueList empty;
    return items ? *items : empty;
}

const CallArgs::Arg *CallArgs::keyword(const std::string &k) const
{
    for (const auto &kw : keywords)
        if (kw.first == k)
            return &kw.second;
    return nullptr;
}

namespace {

bool containsTensor(const Value &v, int depth = 0)
{
    if (v.kind == K::Tensor)
        return true;
    if ((v.isSeq() || v.kind == K::Dict) && depth < 4)
        for (const auto &e : v.elements())
            if (containsTensor(e, depth + 1))
                return true;
    return false;
}

std::string lineRef(int line)
{
    return line > 0 ? " (line " + std::to_string(line) + ")" : std::string();
}

} // namespace

bool CallArgs::hasTensor() const
{
    for (const auto &a : positional)
        if (containsTensor(a.value))
            return true;
    for (const auto &k : keywords)
        if (containsTensor(k.second.value))
            return true;
    return false;
}

// ------------------------------------------------------------------------------------------------- setup

Interpreter::Interpreter(Framework f, std::string fileName, const LoadOptions &opts)
    : framework_(f), file_(std::move(fileName)), opts_(opts)
{
}

LoadResult Interpreter::run(const py::Module &module)
{
    LoadResult result;
    try {
        globals_ = std::make_shared<Scope>();
        Frame top;
        top.scope = globals_;
        execBlock(module.body, top);
        importDefaultBodies(top);
        Graph g = assemble();
        if (droppedNotes_ > 0)
            notes_.push_back(std::to_string(droppedNotes_) + " more notes not shown");
        g.notes = notes_;
        result.graph = std::move(g);
    } catch (const ImportFailure &f) {
        result.error = LoadError{file_, f.line, f.column, f.message};
    } catch (const std::bad_alloc &) {
        result.error = LoadError{file_, 0, 0, "out of memory while reading the code"};
    }
    // Break reference cycles between scopes and the functions defined in them.
    functions_.clear();
    if (globals_)
        globals_->vars.clear();
    globals_.reset();
    result.notes = notes_;
    return result;
}

void Interpreter::fail(int line, int column, std::string message) const
{
    throw ImportFailure{line, column, std::move(message)};
}

void Interpreter::note(int line, std::string text)
{
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

void Interpreter::step(int line, int column)
{
    if (++steps_ > kMaxSteps)
        fail(line, column,
             "the code takes too long to evaluate (more than " + std::to_string(kMaxSteps) + " steps)");
}

bool Interpreter::charge(long long bytes)
{
    allocated_ += std::max(0LL, bytes);
    return allocated_ <= kAllocationBudget;
}

Value Interpreter::makeSeq(Value::Kind k, ValueList items, int line)
{
    Value v = Value::seq(k, std::move(items));
    if (v.depth > py::kMaxNesting)
        return Value::opaque("the value built" + lineRef(line) + " is nested too deeply", line);
    if (v.weight > kMaxValueWeight || !charge(static_cast<long long>(v.elements().size() * sizeof(Value))))
        return Value::opaque("the value built" + lineRef(line) + " is too large", line);
    return v;
}

// list.append / extend / insert / += change the variable's list: in place when nothing else shares it, so that
// building a list element by element stays linear.
void Interpreter::appendInPlace(Value &list, const ValueList &more, std::optional<std::size_t> at, int line)
{
    if (list.items.use_count() > 1) {
        charge(static_cast<long long>(list.items->size() * sizeof(Value)));
        list.items = std::make_shared<ValueList>(*list.items);
    }
    for (const auto &x : more) {
        list.weight = std::min<std::size_t>(list.weight + x.weight, std::size_t(1) << 40);
        list.depth = std::max(list.depth, x.depth + 1);
    }
    if (list.depth > py::kMaxNesting || list.weight > kMaxValueWeight ||
        !charge(static_cast<long long>(more.size() * sizeof(Value)))) {
        list = Value::opaque("the list built" + lineRef(line) + " is too large or nested too deeply", line);
        return;
    }
    const auto pos = at ? list.items->begin() + long(std::min(*at, list.items->size())) : list.items->end();
    list.items->insert(pos, more.begin(), more.end());
}

std::string Interpreter::lastSegment(const std::string &path)
{
    const auto dot = path.rfind('.');
    return dot == std::string::npos ? path : path.substr(dot + 1);
}

std::vector<std::string> Interpreter::segments(const std::string &path)
{
    std::vector<std::string> out;
    size_t start = 0;
    while (true) {
        const auto dot = path.find('.', start);
        out.push_back(path.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
        if (dot == std::string::npos)
            break;
        start = dot + 1;
    }
    return out;
}

bool underModule(const std::vector<std::string> &segs, const std::set<std::string> &modules)
{
    for (size_t i = 0; i + 1 < segs.size(); ++i)
        if (modules.count(segs[i]))
            return true;
    return false;
}

// ------------------------------------------------------------------------------------------------- statements

void Interpreter::execBlock(const py::Block &body, Frame &f)
{
    for (const auto &s : body) {
        exec(*s, f);
        if (f.returned)
            return;
    }
}

namespace {

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

void assignedNames(const py::Block &b, std::vector<std::string> &out)
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
                out += py::shortText(*t->children[i]);
            }
            out += " = ";
            continue;
        }
        out += py::shortText(*t) + " = ";
    }
    return out;
}

} // namespace

void Interpreter::exec(const Stmt &s, Frame &f)
{
    step(s.line, s.column);
    switch (s.kind) {
    case StmtKind::Import:
        for (const auto &[name, path] : s.imports)
            f.scope->vars[name] = Value::symbol(path);
        return;
    case StmtKind::Pass:
    case StmtKind::Global: return;
    case StmtKind::Expr: {
        if (isSilentExpression(*s.value))
            return;
        const long before = buildEvents_;
        eval(*s.value, f);
        if (buildEvents_ == before)
            note(s.line, "skipped " + py::shortText(*s.value) + " (does not build the model)");
        return;
    }
    case StmtKind::Assign:
    case StmtKind::AnnAssign: {
        if (!s.value)
            return;
        const long before = buildEvents_;
        const Value v = eval(*s.value, f);
        for (const auto &t : s.targets)
            assign(*t, v, f);
        if (buildEvents_ == before && (v.kind == K::Opaque || v.kind == K::UnknownLayer))
            note(s.line, "skipped " + targetsText(s) + py::shortText(*s.value) + " (does not build the model)");
        return;
    }
    case StmtKind::AugAssign: {
        const Expr &t = *s.targets[0];
        const long before = buildEvents_;
        const Value rhs = eval(*s.value, f);
        const std::string op = s.text.substr(0, s.text.size() - 1);
        if (t.kind == ExprKind::Name) {
            Value *target = slot(t.text, f);
            if (target && target->kind == K::List && rhs.isSeq() && op == "+") { // in place, like list.extend
                const ValueList more = rhs.elements();
                appendInPlace(*target, more, std::nullopt, s.line);
            } else {
                const Value cur = lookup(t.text, f);
                f.scope->vars[t.text] = binary(op, cur, rhs, *s.value);
            }
            const Value &now = f.scope->vars.count(t.text) ? f.scope->vars[t.text] : rhs;
            if (buildEvents_ == before && now.kind == K::Opaque)
                note(s.line, "skipped " + py::shortText(t) + " " + s.text + " " + py::shortText(*s.value) +
                                 " (does not build the model)");
        } else if (buildEvents_ == before) {
            note(s.line, "skipped " + py::shortText(t) + " " + s.text + " " + py::shortText(*s.value) +
                             " (does not build the model)");
        }
        return;
    }
    case StmtKind::Return:
        if (!f.inFunction)
            return;
        f.result = s.value ? eval(*s.value, f) : Value::none();
        f.returned = true;
        return;
    case StmtKind::If: execIf(s, f); return;
    case StmtKind::For:
    case StmtKind::While: {
        const std::string header = s.kind == StmtKind::For
                                       ? "for " + py::shortText(*s.targets[0]) + " in " + py::shortText(*s.value)
                                       : "while " + py::shortText(*s.value);
        note(s.line, "skipped `" + header + ":` (loops are not supported yet)");
        skipBlockNames(s, f,
                       "it is assigned in the loop at line " + std::to_string(s.line) +
                           ", which ConvLens skips (loops are not supported yet)",
                       false);
        return;
    }
    case StmtKind::With:
        for (size_t i = 0; i < s.items.size(); ++i)
            eval(*s.items[i], f);
        for (const auto &t : s.targets)
            assign(*t, Value::opaque("a `with` target is not evaluated", s.line), f);
        execBlock(s.body, f);
        return;
    case StmtKind::Try:
        execBlock(s.body, f);
        if (!f.returned)
            execBlock(s.orelse, f);
        if (!f.returned)
            execBlock(s.finalbody, f);
        return;
    case StmtKind::Def: {
        UserFunction fn;
        fn.def = &s;
        fn.closure = f.scope;
        fn.topLevel = !f.inFunction;
        for (const auto &p : s.params)
            fn.defaults.push_back(p.defaultValue ? std::optional<Value>(eval(*p.defaultValue, f)) : std::nullopt);
        functions_.push_back(std::move(fn));
        f.scope->vars[s.name] = Value::object(K::Function, int(functions_.size() - 1), s.line, s.column);
        return;
    }
    case StmtKind::Class: {
        UserClass c;
        c.name = s.name;
        c.line = s.line;
        c.column = s.column;
        for (const auto &b : s.bases)
            if (b.kind == py::Argument::Kind::Positional && b.value)
                c.bases.push_back(py::shortText(*b.value));
        classes_.push_back(c);
        f.scope->vars[s.name] = Value::object(K::Class, int(classes_.size() - 1), s.line, s.column);
        return;
    }
    case StmtKind::Other:
        if (s.text == "break" || s.text == "continue")
            return;
        note(s.line, "skipped a `" + s.text + "` statement (does not build the model)");
        return;
    case StmtKind::Py2Print: note(s.line, "skipped a Python 2 print statement (does not build the model)"); return;
    }
}

void Interpreter::execIf(const Stmt &s, Frame &f)
{
    for (const auto &[cond, body] : s.branches) {
        const Value c = eval(*cond, f);
        const auto t = truth(c);
        if (!t) {
            note(cond->line, "skipped `if " + py::shortText(*cond) + ":` (its condition cannot be evaluated here)");
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
    else
        note(s.line, "skipped `if " + py::shortText(*s.branches[0].first) + ":` (its condition is false)");
}

// Names a skipped block would have assigned become opaque, so that using them later says why instead of silently
// using a stale value. For an if block whose condition is unknown, names that already had a value keep it.
void Interpreter::skipBlockNames(const Stmt &s, Frame &f, const std::string &why, bool keepBound)
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
        f.scope->vars[n] = Value::opaque(n + ": " + why, s.line);
    }
}

void Interpreter::assign(const Expr &target, const Value &v, Frame &f)
{
    switch (target.kind) {
    case ExprKind::Name: f.scope->vars[target.text] = v; return;
    case ExprKind::Starred: assign(*target.children[0], v, f); return;
    case ExprKind::Tuple:
    case ExprKind::List: {
        const auto &kids = target.children;
        int star = -1;
        for (size_t i = 0; i < kids.size(); ++i)
            if (kids[i]->kind == ExprKind::Starred)
                star = int(i);
        if (v.isSeq()) {
            const ValueList &el = v.elements();
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
                ValueList middle(el.begin() + star, el.end() - long(tail));
                assign(*kids[size_t(star)], makeSeq(K::List, std::move(middle), target.line), f);
                for (size_t i = 0; i < tail; ++i)
                    assign(*kids[size_t(star) + 1 + i], el[el.size() - tail + i], f);
                return;
            }
            const Value bad = Value::opaque("cannot unpack " + std::to_string(el.size()) + " values into " +
                                                std::to_string(n) + " names" + lineRef(target.line),
                                            target.line);
            for (const auto &k : kids)
                assign(*k, bad, f);
            return;
        }
        const Value unknown =
            v.kind == K::Opaque ? v
                                : Value::opaque(py::shortText(target) + " is unpacked from a value not evaluated here" +
                                                    lineRef(target.line),
                                                target.line);
        for (const auto &k : kids)
            assign(*k, unknown, f);
        return;
    }
    default: return; // attributes and items: not modelled
    }
}

void Interpreter::importDefaultBodies(Frame &top)
{
    (void)top;
    const auto built = [&] {
        if (!models_.empty())
            return true;
        return std::any_of(layers_.begin(), layers_.end(), [](const LayerObj &l) { return l.owner != -2; });
    };
    if (built())
        return;
    // The builder is usually the last function and calls the helpers above it: try from the end, stop once a
    // model exists.
    for (size_t k = functions_.size(); k-- > 0;) {
        const UserFunction &fn = functions_[k];
        if (!fn.topLevel || fn.calls > 0)
            continue;
        bool allDefaults = true;
        for (size_t i = 0; i < fn.def->params.size(); ++i)
            if (fn.def->params[i].kind == py::Param::Kind::Normal && !fn.defaults[i])
                allDefaults = false;
        if (!allDefaults)
            continue;
        note(fn.def->line, "imported the body of " + fn.def->name +
                               "() with its default arguments (the code defines it but does not call it)");
        Expr call;
        call.kind = ExprKind::Call;
        call.line = fn.def->line;
        call.column = fn.def->column;
        CallArgs none;
        callFunction(int(k), none, call);
        if (built())
            return;
    }
}

// ------------------------------------------------------------------------------------------------- expressions

Value *Interpreter::slot(const std::string &name, Frame &f)
{
    for (Scope *s = f.scope.get(); s; s = s->parent.get()) {
        auto it = s->vars.find(name);
        if (it != s->vars.end())
            return &it->second;
    }
    return nullptr;
}

Value Interpreter::lookup(const std::string &name, Frame &f)
{
    if (Value *v = slot(name, f))
        return *v;
    if (name == "__name__")
        return Value::str("__main__");
    static const std::set<std::string> builtins{"len",   "int", "float", "str", "bool", "tuple", "list", "range",
                                                "max",   "min", "abs",   "round", "print", "dict", "sum"};
    if (builtins.count(name)) {
        Value b;
        b.kind = K::Builtin;
        b.text = name;
        return b;
    }
    return Value::symbol(name);
}

Value Interpreter::eval(const Expr &e, Frame &f)
{
    step(e.line, e.column);
    switch (e.kind) {
    case ExprKind::Name: return lookup(e.text, f);
    case ExprKind::Int:
        if (e.overflow)
            return Value::opaque("integer " + e.text + " does not fit in 64 bits", e.line);
        return Value::int_(e.intValue);
    case ExprKind::Float:
        if (e.imaginary)
            return Value::opaque("complex number " + e.text + " is not supported", e.line);
        return Value::float_(e.floatValue);
    case ExprKind::Str:
        if (!charge(static_cast<long long>(e.text.size())))
            return Value::opaque("the strings are too large", e.line);
        return Value::str(e.text);
    case ExprKind::FStr: return formatted(e, f);
    case ExprKind::FormattedValue: return eval(*e.children[0], f);
    case ExprKind::None: return Value::none();
    case ExprKind::True: return Value::boolean_(true);
    case ExprKind::False: return Value::boolean_(false);
    case ExprKind::Ellipsis: return Value::opaque("`...` is not a value ConvLens uses", e.line);
    case ExprKind::Tuple:
    case ExprKind::List: {
        ValueList items;
        for (const auto &c : e.children) {
            if (c->kind == ExprKind::Starred) {
                const Value s = eval(*c->children[0], f);
                if (!s.isSeq())
                    return Value::opaque("cannot expand " + py::shortText(*c) + lineRef(c->line), c->line);
                items.insert(items.end(), s.elements().begin(), s.elements().end());
                continue;
            }
            items.push_back(eval(*c, f));
        }
        return makeSeq(e.kind == ExprKind::Tuple ? K::Tuple : K::List, std::move(items), e.line);
    }
    case ExprKind::Dict: {
        ValueList items;
        for (size_t i = 0; i + 1 < e.children.size(); i += 2) {
            const Value v = eval(*e.children[i + 1], f);
            if (!e.children[i]) { // **other
                if (v.kind != K::Dict)
                    return Value::opaque("cannot expand **" + py::shortText(*e.children[i + 1]), e.line);
                items.insert(items.end(), v.elements().begin(), v.elements().end());
                continue;
            }
            items.push_back(eval(*e.children[i], f));
            items.push_back(v);
        }
        return makeSeq(K::Dict, std::move(items), e.line);
    }
    case ExprKind::Set: return Value::opaque("a set is not a value ConvLens uses" + lineRef(e.line), e.line);
    case ExprKind::Attribute: {
        const Value obj = eval(*e.children[0], f);
        return getAttribute(obj, e.text, e);
    }
    case ExprKind::Call: return evalCall(e, f);
    case ExprKind::Subscript: {
        const Value obj = eval(*e.children[0], f);
        return subscript(obj, *e.children[1], f, e);
    }
    case ExprKind::Slice: return Value::opaque("a slice is not a value", e.line);
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
                return Value::opaque(py::shortText(*c) + " cannot be evaluated here" + lineRef(c->line), c->line);
            if (*t == (e.kind == ExprKind::Or))
                return last;
        }
        return last;
    }
    case ExprKind::Not: {
        const auto t = truth(eval(*e.children[0], f));
        if (!t)
            return Value::opaque(py::shortText(e) + " cannot be evaluated here", e.line);
        return Value::boolean_(!*t);
    }
    case ExprKind::IfElse: {
        const auto t = truth(eval(*e.children[1], f));
        if (!t)
            return Value::opaque("the condition of `" + py::shortText(*e.children[0]) +
                                     " if … else …` cannot be evaluated here" + lineRef(e.line),
                                 e.line);
        return eval(*e.children[*t ? 0 : 2], f);
    }
    case ExprKind::Lambda: return Value::opaque("a lambda is not evaluated" + lineRef(e.line), e.line);
    case ExprKind::Comprehension:
        return Value::opaque("a comprehension" + lineRef(e.line) + " is not evaluated (loops are not supported yet)",
                             e.line);
    case ExprKind::Starred: return Value::opaque("*" + py::shortText(*e.children[0]) + " is not a value", e.line);
    case ExprKind::Yield:
    case ExprKind::Await: return Value::opaque(py::shortText(e) + " is not evaluated", e.line);
    case ExprKind::Walrus: {
        const Value v = eval(*e.children[1], f);
        assign(*e.children[0], v, f);
        return v;
    }
    }
    return Value::none();
}

CallArgs Interpreter::evalArgs(const Expr &call, Frame &f)
{
    CallArgs args;
    for (const auto &a : call.args) {
        const Value v = eval(*a.value, f);
        switch (a.kind) {
        case py::Argument::Kind::Positional: args.positional.push_back({v, a.value.get()}); break;
        case py::Argument::Kind::Keyword: args.keywords.emplace_back(a.keyword, CallArgs::Arg{v, a.value.get()}); break;
        case py::Argument::Kind::Star:
            if (v.isSeq()) {
                for (const auto &x : v.elements())
                    args.positional.push_back({x, a.value.get()});
            } else if (args.unresolved.empty()) {
                args.unresolved = "*" + py::shortText(*a.value) + ": " + whyNotValue(v, a.value.get());
            }
            break;
        case py::Argument::Kind::DoubleStar: {
            bool ok = v.kind == K::Dict;
            if (ok)
                for (size_t i = 0; i + 1 < v.elements().size(); i += 2)
                    ok = ok && v.elements()[i].kind == K::Str;
            if (ok) {
                for (size_t i = 0; i + 1 < v.elements().size(); i += 2)
                    args.keywords.emplace_back(v.elements()[i].text, CallArgs::Arg{v.elements()[i + 1], a.value.get()});
            } else if (args.unresolved.empty()) {
                args.unresolved = "**" + py::shortText(*a.value) + ": " + whyNotValue(v, a.value.get());
            }
            break;
        }
        }
    }
    return args;
}

Value Interpreter::evalCall(const Expr &call, Frame &f)
{
    const Expr &fn = *call.children[0];
    if (fn.kind == ExprKind::Attribute) {
        const Expr &recvExpr = *fn.children[0];
        // list.append / extend / insert on a variable change the variable's list in place
        if (recvExpr.kind == ExprKind::Name &&
            (fn.text == "append" || fn.text == "extend" || fn.text == "insert")) {
            Value *target = slot(recvExpr.text, f);
            if (target && target->kind == K::List) {
                CallArgs args = evalArgs(call, f);
                target = slot(recvExpr.text, f); // evaluating the arguments may have rebound it
                if (!target || target->kind != K::List)
                    return Value::none();
                if (fn.text == "append" && args.positional.size() == 1) {
                    appendInPlace(*target, {args.positional[0].value}, std::nullopt, call.line);
                } else if (fn.text == "extend" && args.positional.size() == 1 && args.positional[0].value.isSeq()) {
                    const ValueList more = args.positional[0].value.elements();
                    appendInPlace(*target, more, std::nullopt, call.line);
                } else if (fn.text == "insert" && args.positional.size() == 2 &&
                           args.positional[0].value.kind == K::Int) {
                    std::int64_t i = args.positional[0].value.integer;
                    const auto n = std::int64_t(target->elements().size());
                    i = i < 0 ? std::max<std::int64_t>(0, i + n) : std::min(i, n);
                    appendInPlace(*target, {args.positional[1].value}, std::size_t(i), call.line);
                } else {
                    *target = Value::opaque(recvExpr.text + "." + fn.text + "(...)" + lineRef(call.line) +
                                                " is not evaluated",
                                            call.line);
                }
                return Value::none();
            }
        }
        const Value recv = eval(recvExpr, f);
        if (recv.kind == K::Model)
            return modelMethod(recv.id, fn.text, call, f);
        if (recv.kind == K::Layer)
            return layerMethod(recv.id, fn.text, call, f);
        const Value callee = getAttribute(recv, fn.text, fn);
        CallArgs args = evalArgs(call, f);
        return callValue(callee, args, call);
    }
    const Value callee = eval(fn, f);
    if (callee.kind == K::Builtin && callee.text == "print")
        return Value::none();
    CallArgs args = evalArgs(call, f);
    return callValue(callee, args, call);
}

Value Interpreter::layerMethod(int, const std::string &, const Expr &call, Frame &)
{
    return Value::opaque(py::shortText(call) + lineRef(call.line) + " is not evaluated", call.line);
}

Value Interpreter::opaqueCall(const CallArgs &args, const Expr &call, const std::string &frameworkHint) const
{
    if (args.hasTensor())
        return Value::opaque(py::shortText(call) + lineRef(call.line) +
                                 " is applied to a tensor, but it is not a layer ConvLens knows" + frameworkHint,
                             call.line);
    return Value::opaque(py::shortText(call) + lineRef(call.line) + " is not evaluated by ConvLens", call.line);
}

Value Interpreter::callValue(const Value &callee, CallArgs &args, const Expr &call)
{
    switch (callee.kind) {
    case K::Symbol: {
        const std::string last = lastSegment(callee.text);
        if (last == "OrderedDict") {
            if (!args.unresolved.empty() || args.positional.size() > 1)
                return Value::opaque("OrderedDict(...)" + lineRef(call.line) + " could not be evaluated", call.line);
            ValueList items;
            if (!args.positional.empty()) {
                const Value &src = args.positional[0].value;
                if (src.kind == K::Dict)
                    return src;
                if (!src.isSeq())
                    return Value::opaque("OrderedDict(" + py::shortText(*args.positional[0].expr) + ")" +
                                             lineRef(call.line) + ": " + whyNotValue(src, args.positional[0].expr),
                                         call.line);
                for (const auto &pair : src.elements()) {
                    if (!pair.isSeq() || pair.elements().size() != 2)
                        return Value::opaque("OrderedDict(...)" + lineRef(call.line) +
                                                 " expects (name, value) pairs",
                                             call.line);
                    items.push_back(pair.elements()[0]);
                    items.push_back(pair.elements()[1]);
                }
            }
            for (const auto &kw : args.keywords) {
                items.push_back(Value::str(kw.first));
                items.push_back(kw.second.value);
            }
            return makeSeq(K::Dict, std::move(items), call.line);
        }
        if (last == "image_data_format") // the TensorFlow default; code branching on it then takes the right path
            return Value::str("channels_last");
        if (last == "image_dim_ordering")
            return Value::str("tf");
        return callSymbol(callee.text, args, call);
    }
    case K::Builtin: return callBuiltin(callee.text, args, call);
    case K::Function: return callFunction(callee.id, args, call);
    case K::Method: return callMethod(*callee.receiver, callee.text, args, call);
    case K::Layer: return callLayer(callee.id, args, call);
    case K::UnknownLayer: return callUnknownLayer(callee, args, call);
    case K::Model: return callModel(callee.id, args, call);
    case K::Class: return instantiate(classes_[size_t(callee.id)], args, call);
    case K::Opaque:
        if (args.hasTensor())
            return opaqueCall(args, call, "");
        return callee;
    default:
        return Value::opaque(py::shortText(*call.children[0]) + lineRef(call.line) + " is not callable", call.line);
    }
}

Value Interpreter::callFunction(int id, CallArgs &args, const Expr &call)
{
    UserFunction &fn = functions_[size_t(id)];
    ++fn.calls;
    const Stmt &def = *fn.def;
    struct DepthGuard {
        int &d;
        ~DepthGuard() { --d; }
    } guard{++callDepth_};
    if (callDepth_ > py::kMaxNesting)
        fail(call, "nested too deeply (function calls more than " + std::to_string(py::kMaxNesting) + " levels deep)");
    auto scope = std::make_shared<Scope>();
    scope->parent = fn.closure;
    const std::string who = def.name + "()";
    std::vector<bool> bound(def.params.size(), false);
    size_t next = 0;
    for (size_t i = 0; i < def.params.size(); ++i) {
        const py::Param &p = def.params[i];
        if (p.kind == py::Param::Kind::Normal && next < args.positional.size()) {
            scope->vars[p.name] = args.positional[next++].value;
            bound[i] = true;
        } else if (p.kind == py::Param::Kind::VarArgs) {
            ValueList rest;
            for (; next < args.positional.size(); ++next)
                rest.push_back(args.positional[next].value);
            scope->vars[p.name] = makeSeq(K::Tuple, std::move(rest), call.line);
            bound[i] = true;
        }
    }
    if (next < args.positional.size() && args.unresolved.empty())
        fail(call, who + " takes " + std::to_string(next) + " positional arguments but " +
                       std::to_string(args.positional.size()) + " were given");
    ValueList extra;
    for (const auto &[k, a] : args.keywords) {
        bool found = false;
        for (size_t i = 0; i < def.params.size(); ++i) {
            const py::Param &p = def.params[i];
            if (p.kind != py::Param::Kind::Normal || p.name != k)
                continue;
            if (bound[i])
                fail(call, who + " got multiple values for argument '" + k + "'");
            scope->vars[p.name] = a.value;
            bound[i] = found = true;
        }
        if (!found) {
            const bool hasKw = std::any_of(def.params.begin(), def.params.end(),
                                           [](const py::Param &p) { return p.kind == py::Param::Kind::KwArgs; });
            if (!hasKw && args.unresolved.empty())
                fail(call, who + " got an unexpected keyword argument '" + k + "'");
            extra.push_back(Value::str(k));
            extra.push_back(a.value);
        }
    }
    for (size_t i = 0; i < def.params.size(); ++i) {
        const py::Param &p = def.params[i];
        if (p.kind == py::Param::Kind::KwArgs) {
            scope->vars[p.name] = makeSeq(K::Dict, extra, call.line);
            continue;
        }
        if (bound[i] || p.kind != py::Param::Kind::Normal)
            continue;
        if (fn.defaults[i])
            scope->vars[p.name] = *fn.defaults[i];
        else if (!args.unresolved.empty())
            scope->vars[p.name] = Value::opaque(args.unresolved, call.line);
        else
            fail(call, who + " missing required argument '" + p.name + "'");
    }
    Frame frame;
    frame.scope = scope;
    frame.inFunction = true;
    execBlock(def.body, frame);
    scope->vars.clear(); // no cycles through closures of inner functions
    return frame.result;
}

namespace {

std::string toLower(std::string s)
{
    for (char &c : s)
        if (c >= 'A' && c <= 'Z')
            c = char(c - 'A' + 'a');
    return s;
}

} // namespace

Value Interpreter::callMethod(const Value &recv, const std::string &name, CallArgs &args, const Expr &call)
{
    const auto opaque = [&] {
        return Value::opaque(py::shortText(call) + lineRef(call.line) + " is not evaluated by ConvLens", call.line);
    };
    const auto argValue = [&](size_t i) -> const Value * {
        return i < args.positional.size() ? &args.positional[i].value : nullptr;
    };
    if (recv.kind == K::Str) {
        if (name == "lower" || name == "upper") {
            std::string s = recv.text;
            for (char &c : s)
                c = name == "lower" ? (c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c)
                                    : (c >= 'a' && c <= 'z' ? char(c - 'a' + 'A') : c);
            return Value::str(s);
        }
        if (name == "strip") {
            const auto b = recv.text.find_first_not_of(" \t\n\r");
            const auto e = recv.text.find_last_not_of(" \t\n\r");
            return Value::str(b == std::string::npos ? std::string() : recv.text.substr(b, e - b + 1));
        }
        if ((name == "startswith" || name == "endswith") && argValue(0) && argValue(0)->kind == K::Str) {
            const std::string &a = argValue(0)->text, &s = recv.text;
            const bool r = a.size() <= s.size() &&
                           (name == "startswith" ? s.compare(0, a.size(), a) == 0
                                                 : s.compare(s.size() - a.size(), a.size(), a) == 0);
            return Value::boolean_(r);
        }
        if (name == "replace" && argValue(1) && argValue(0)->kind == K::Str && argValue(1)->kind == K::Str &&
            !argValue(0)->text.empty()) {
            std::string out;
            const std::string &s = recv.text, &from = argValue(0)->text, &to = argValue(1)->text;
            size_t pos = 0;
            while (true) {
                const auto hit = s.find(from, pos);
                out += s.substr(pos, hit == std::string::npos ? std::string::npos : hit - pos);
                if (hit == std::string::npos)
                    break;
                out += to;
                if (!charge(static_cast<long long>(to.size())) || out.size() > (1u << 20))
                    return opaque();
                pos = hit + from.size();
            }
            return Value::str(out);
        }
        if (name == "join" && argValue(0) && argValue(0)->isSeq()) {
            std::string out;
            bool first = true;
            for (const auto &e : argValue(0)->elements()) {
                if (e.kind != K::Str)
                    return opaque();
                if (!first)
                    out += recv.text;
                out += e.text;
                first = false;
                if (out.size() > (1u << 20))
                    return opaque();
            }
            charge(static_cast<long long>(out.size()));
            return Value::str(out);
        }
        if (name == "format") {
            std::string out;
            size_t autoIndex = 0;
            const std::string &s = recv.text;
            for (size_t i = 0; i < s.size(); ++i) {
                if (s[i] == '{' && i + 1 < s.size() && s[i + 1] == '{') {
                    out += '{';
                    ++i;
                    continue;
                }
                if (s[i] == '}' && i + 1 < s.size() && s[i + 1] == '}') {
                    out += '}';
                    ++i;
                    continue;
                }
                if (s[i] != '{') {
                    out += s[i];
                    continue;
                }
                const auto close = s.find('}', i);
                if (close == std::string::npos)
                    return opaque();
                std::string field = s.substr(i + 1, close - i - 1);
                const auto colon = field.find(':');
                if (colon != std::string::npos)
                    field.resize(colon);
                const Value *v = nullptr;
                if (field.empty())
                    v = argValue(autoIndex++);
                else if (field.find_first_not_of("0123456789") == std::string::npos && field.size() < 9)
                    v = argValue(size_t(std::stoi(field)));
                else if (const auto *kw = args.keyword(field))
                    v = &kw->value;
                if (!v || (v->kind != K::Str && v->kind != K::Int && v->kind != K::Float && v->kind != K::Bool &&
                           v->kind != K::None))
                    return opaque();
                out += str(*v);
                if (out.size() > (1u << 20))
                    return opaque();
                i = close;
            }
            charge(static_cast<long long>(out.size()));
            return Value::str(out);
        }
        return opaque();
    }
    if (recv.kind == K::Dict) {
        const ValueList &el = recv.elements();
        if (name == "get" && argValue(0)) {
            for (size_t i = 0; i + 1 < el.size(); i += 2)
                if (equal(el[i], *argValue(0)).value_or(false))
                    return el[i + 1];
            return argValue(1) ? *argValue(1) : Value::none();
        }
        if (name == "keys" || name == "values" || name == "items") {
            ValueList out;
            for (size_t i = 0; i + 1 < el.size(); i += 2) {
                if (name == "keys")
                    out.push_back(el[i]);
                else if (name == "values")
                    out.push_back(el[i + 1]);
                else
                    out.push_back(makeSeq(K::Tuple, {el[i], el[i + 1]}, call.line));
            }
            return makeSeq(K::List, std::move(out), call.line);
        }
        if (name == "copy")
            return recv;
        return opaque();
    }
    if (recv.isSeq() && name == "copy")
        return recv;
    return opaque();
}

Value Interpreter::callBuiltin(const std::string &name, CallArgs &args, const Expr &call)
{
    const auto opaque = [&] {
        return Value::opaque(py::shortText(call) + lineRef(call.line) + " could not be evaluated", call.line);
    };
    if (!args.unresolved.empty())
        return opaque();
    std::vector<Value> a;
    for (const auto &p : args.positional)
        a.push_back(p.value);
    for (const auto &v : a)
        if (v.kind == K::Opaque)
            return v;
    const auto isNum = [](const Value &v) { return v.kind == K::Int || v.kind == K::Float || v.kind == K::Bool; };
    const auto num = [](const Value &v) {
        return v.kind == K::Float ? v.number : double(v.kind == K::Bool ? v.boolean : v.integer);
    };
    if (name == "len" && a.size() == 1) {
        if (a[0].isSeq())
            return Value::int_(std::int64_t(a[0].elements().size()));
        if (a[0].kind == K::Dict)
            return Value::int_(std::int64_t(a[0].elements().size() / 2));
        if (a[0].kind == K::Str)
            return Value::int_(std::int64_t(a[0].text.size()));
        return opaque();
    }
    if (name == "int" && a.size() == 1) {
        if (a[0].kind == K::Int)
            return a[0];
        if (a[0].kind == K::Bool)
            return Value::int_(a[0].boolean);
        if (a[0].kind == K::Float && std::isfinite(a[0].number) && std::fabs(a[0].number) < 9.2e18)
            return Value::int_(std::int64_t(a[0].number));
        if (a[0].kind == K::Str) {
            std::int64_t v = 0;
            std::string s = a[0].text;
            s.erase(0, s.find_first_not_of(" \t"));
            if (!s.empty() && s[0] == '+')
                s.erase(0, 1);
            auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
            if (ec == std::errc() && p == s.data() + s.size())
                return Value::int_(v);
        }
        return opaque();
    }
    if (name == "float" && a.size() == 1) {
        if (isNum(a[0]))
            return Value::float_(num(a[0]));
        if (a[0].kind == K::Str) {
            const std::string s = toLower(a[0].text);
            if (s == "inf" || s == "+inf" || s == "infinity")
                return Value::float_(HUGE_VAL);
            if (s == "-inf" || s == "-infinity")
                return Value::float_(-HUGE_VAL);
            if (s == "nan")
                return Value::float_(std::numeric_limits<double>::quiet_NaN());
            double d = 0;
            auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
            if (ec == std::errc() && p == s.data() + s.size())
                return Value::float_(d);
        }
        return opaque();
    }
    if (name == "str" && a.size() == 1) {
        if (a[0].kind == K::Symbol || a[0].kind == K::Layer || a[0].kind == K::Tensor || a[0].kind == K::Model)
            return opaque();
        return Value::str(str(a[0]));
    }
    if (name == "bool" && a.size() == 1) {
        const auto t = truth(a[0]);
        return t ? Value::boolean_(*t) : opaque();
    }
    if ((name == "tuple" || name == "list") && a.size() <= 1) {
        const K kind = name == "tuple" ? K::Tuple : K::List;
        if (a.empty())
            return makeSeq(kind, {}, call.line);
        if (a[0].isSeq())
            return makeSeq(kind, a[0].elements(), call.line);
        return opaque();
    }
    if (name == "range" && !a.empty() && a.size() <= 3) {
        std::int64_t start = 0, stop = 0, stride = 1;
        for (const auto &v : a)
            if (v.kind != K::Int)
                return opaque();
        if (a.size() == 1)
            stop = a[0].integer;
        else
            start = a[0].integer, stop = a[1].integer;
        if (a.size() == 3)
            stride = a[2].integer;
        if (stride == 0)
            return opaque();
        ValueList out;
        for (std::int64_t i = start; stride > 0 ? i < stop : i > stop;) {
            if (out.size() >= 100000)
                return opaque();
            out.push_back(Value::int_(i));
            if (__builtin_add_overflow(i, stride, &i))
                break;
        }
        return makeSeq(K::List, std::move(out), call.line);
    }
    if ((name == "max" || name == "min" || name == "sum") && !a.empty()) {
        const ValueList items = a.size() == 1 && a[0].isSeq() ? a[0].elements() : ValueList(a.begin(), a.end());
        if (items.empty() && name != "sum")
            return opaque();
        bool allInt = true;
        for (const auto &v : items) {
            if (!isNum(v))
                return opaque();
            allInt = allInt && v.kind != K::Float;
        }
        if (name == "sum") {
            if (allInt) {
                std::int64_t s = 0;
                for (const auto &v : items)
                    if (__builtin_add_overflow(s, std::int64_t(num(v)), &s))
                        return opaque();
                return Value::int_(s);
            }
            double s = 0;
            for (const auto &v : items)
                s += num(v);
            return Value::float_(s);
        }
        const Value *best = &items[0];
        for (const auto &v : items)
            if (name == "max" ? num(v) > num(*best) : num(v) < num(*best))
                best = &v;
        return *best;
    }
    if (name == "abs" && a.size() == 1 && isNum(a[0])) {
        if (a[0].kind == K::Float)
            return Value::float_(std::fabs(a[0].number));
        const std::int64_t i = std::int64_t(num(a[0]));
        if (i == std::numeric_limits<std::int64_t>::min())
            return opaque();
        return Value::int_(i < 0 ? -i : i);
    }
    if (name == "round" && !a.empty() && isNum(a[0])) {
        if (a.size() == 1) {
            const double r = std::nearbyint(num(a[0]));
            if (!std::isfinite(r) || std::fabs(r) >= 9.2e18)
                return opaque();
            return Value::int_(std::int64_t(r));
        }
        if (a[1].kind == K::Int && a[1].integer >= 0 && a[1].integer < 16) {
            const double scale = std::pow(10.0, double(a[1].integer));
            return Value::float_(std::nearbyint(num(a[0]) * scale) / scale);
        }
        return opaque();
    }
    if (name == "dict") {
        ValueList items;
        if (a.size() == 1 && a[0].kind == K::Dict)
            items = a[0].elements();
        else if (!a.empty())
            return opaque();
        for (const auto &kw : args.keywords) {
            items.push_back(Value::str(kw.first));
            items.push_back(kw.second.value);
        }
        return makeSeq(K::Dict, std::move(items), call.line);
    }
    return opaque();
}

Value Interpreter::getAttribute(const Value &obj, const std::string &name, const Expr &e)
{
    switch (obj.kind) {
    case K::Symbol: return Value::symbol(obj.text + "." + name);
    case K::Opaque: return obj;
    case K::Tensor:
        return Value::opaque("`" + py::shortText(e) + "` (a tensor's " + name +
                                 ") is not known while the code is read" + lineRef(e.line),
                             e.line);
    case K::Layer:
    case K::Model:
    case K::Str:
    case K::Tuple:
    case K::List:
    case K::Dict:
    case K::Int:
    case K::Float: {
        Value m;
        m.kind = K::Method;
        m.text = name;
        m.receiver = std::make_shared<Value>(obj);
        m.line = e.line;
        return m;
    }
    default: return Value::opaque("`" + py::shortText(e) + "` is not evaluated" + lineRef(e.line), e.line);
    }
}

std::string Interpreter::str(const Value &v)
{
    switch (v.kind) {
    case K::None: return "None";
    case K::Bool: return v.boolean ? "True" : "False";
    case K::Int: return std::to_string(v.integer);
    case K::Float: return ParamValue(v.number).toPython();
    case K::Str: return v.text;
    case K::Tuple:
    case K::List: {
        std::string out = v.kind == K::Tuple ? "(" : "[";
        const auto &el = v.elements();
        for (size_t i = 0; i < el.size() && out.size() < 200; ++i) {
            if (i)
                out += ", ";
            out += el[i].kind == K::Str ? "'" + el[i].text + "'" : str(el[i]);
        }
        if (v.kind == K::Tuple && el.size() == 1)
            out += ",";
        return out + (v.kind == K::Tuple ? ")" : "]");
    }
    default: return "<object>";
    }
}

namespace {

// Python's integer operators on 64-bit values; nullopt on overflow or division by zero.
std::optional<std::int64_t> intOp(const std::string &op, std::int64_t a, std::int64_t b)
{
    std::int64_t r = 0;
    if (op == "+")
        return __builtin_add_overflow(a, b, &r) ? std::nullopt : std::optional(r);
    if (op == "-")
        return __builtin_sub_overflow(a, b, &r) ? std::nullopt : std::optional(r);
    if (op == "*")
        return __builtin_mul_overflow(a, b, &r) ? std::nullopt : std::optional(r);
    if (op == "//" || op == "%") {
        if (b == 0 || (a == std::numeric_limits<std::int64_t>::min() && b == -1))
            return std::nullopt;
        std::int64_t q = a / b, m = a % b;
        if (m != 0 && ((m < 0) != (b < 0))) { // Python floors
            --q;
            m += b;
        }
        return op == "//" ? q : m;
    }
    if (op == "**") {
        if (b < 0)
            return std::nullopt;
        std::int64_t result = 1, base = a;
        while (b > 0) {
            if (b & 1)
                if (__builtin_mul_overflow(result, base, &result))
                    return std::nullopt;
            b >>= 1;
            if (b > 0 && __builtin_mul_overflow(base, base, &base))
                return std::nullopt;
        }
        return result;
    }
    if (op == "<<") {
        if (b < 0 || b >= 63)
            return a == 0 && b >= 0 ? std::optional<std::int64_t>(0) : std::nullopt;
        const std::int64_t shifted = static_cast<std::int64_t>(static_cast<std::uint64_t>(a) << b);
        return (shifted >> b) == a ? std::optional(shifted) : std::nullopt;
    }
    if (op == ">>") {
        if (b < 0)
            return std::nullopt;
        return b >= 63 ? (a < 0 ? -1 : 0) : a >> b;
    }
    if (op == "&")
        return a & b;
    if (op == "|")
        return a | b;
    if (op == "^")
        return a ^ b;
    return std::nullopt;
}

} // namespace

Value Interpreter::binary(const std::string &op, const Value &a0, const Value &b0, const Expr &e)
{
    const auto opaque = [&](const std::string &why) { return Value::opaque(why + lineRef(e.line), e.line); };
    if (a0.kind == K::Tensor || b0.kind == K::Tensor) {
        if (op == "+")
            return opaque("`" + py::shortText(e) + "` adds tensors with +, which is not a layer; write Add()([a, b])");
        return opaque("`" + py::shortText(e) + "` is tensor arithmetic, not a layer ConvLens imports");
    }
    if (a0.kind == K::Opaque)
        return a0;
    if (b0.kind == K::Opaque)
        return b0;
    const auto asNum = [](const Value &v) -> Value {
        return v.kind == K::Bool ? Value::int_(v.boolean ? 1 : 0) : v;
    };
    const Value a = asNum(a0), b = asNum(b0);
    if (a.kind == K::Int && b.kind == K::Int) {
        if (op == "/") {
            if (b.integer == 0)
                return opaque("division by zero in `" + py::shortText(e) + "`");
            return Value::float_(double(a.integer) / double(b.integer));
        }
        if (op == "**" && b.integer < 0) {
            if (a.integer == 0)
                return opaque("division by zero in `" + py::shortText(e) + "`");
            return Value::float_(std::pow(double(a.integer), double(b.integer)));
        }
        if (const auto r = intOp(op, a.integer, b.integer))
            return Value::int_(*r);
        if ((op == "//" || op == "%") && b.integer == 0)
            return opaque("division by zero in `" + py::shortText(e) + "`");
        return opaque("integer overflow in `" + py::shortText(e) + "`");
    }
    const bool numA = a.kind == K::Int || a.kind == K::Float, numB = b.kind == K::Int || b.kind == K::Float;
    if (numA && numB) {
        const double x = a.kind == K::Int ? double(a.integer) : a.number;
        const double y = b.kind == K::Int ? double(b.integer) : b.number;
        double r = 0;
        if (op == "+")
            r = x + y;
        else if (op == "-")
            r = x - y;
        else if (op == "*")
            r = x * y;
        else if (op == "/" || op == "//" || op == "%") {
            if (y == 0)
                return opaque("division by zero in `" + py::shortText(e) + "`");
            r = op == "/" ? x / y : op == "//" ? std::floor(x / y) : x - std::floor(x / y) * y;
        } else if (op == "**") {
            r = std::pow(x, y);
            if (std::isnan(r) && !std::isnan(x) && !std::isnan(y))
                return opaque("`" + py::shortText(e) + "` is a complex number");
        } else {
            return opaque("`" + py::shortText(e) + "` is not evaluated");
        }
        return Value::float_(r);
    }
    if (a.kind == K::Str && b.kind == K::Str && op == "+") {
        if (!charge(static_cast<long long>(a.text.size() + b.text.size())) || a.text.size() + b.text.size() > (1u << 20))
            return opaque("the string built is too large");
        return Value::str(a.text + b.text);
    }
    if (op == "*" && ((a.kind == K::Str && b.kind == K::Int) || (a.kind == K::Int && b.kind == K::Str))) {
        const Value &s = a.kind == K::Str ? a : b;
        const std::int64_t n = a.kind == K::Int ? a.integer : b.integer;
        if (n <= 0 || s.text.empty())
            return Value::str({});
        if (s.text.size() * std::uint64_t(std::min<std::int64_t>(n, 1 << 21)) > (1u << 20) ||
            !charge(static_cast<long long>(s.text.size()) * n))
            return opaque("the string built is too large");
        std::string out;
        for (std::int64_t i = 0; i < n; ++i)
            out += s.text;
        return Value::str(out);
    }
    if (op == "%" && a.kind == K::Str) {
        const ValueList argsList = b.kind == K::Tuple ? b.elements() : ValueList{b};
        std::string out;
        size_t next = 0;
        const std::string &s = a.text;
        for (size_t i = 0; i < s.size(); ++i) {
            if (s[i] != '%') {
                out += s[i];
                continue;
            }
            if (i + 1 < s.size() && s[i + 1] == '%') {
                out += '%';
                ++i;
                continue;
            }
            size_t j = i + 1;
            while (j < s.size() && (std::isdigit(static_cast<unsigned char>(s[j])) || s[j] == '.' || s[j] == '-'))
                ++j;
            if (j >= s.size() || next >= argsList.size())
                return opaque("`" + py::shortText(e) + "` could not be formatted");
            const Value &v = argsList[next++];
            const char conv = s[j];
            if (conv == 'd' || conv == 'i') {
                if (v.kind != K::Int)
                    return opaque("`" + py::shortText(e) + "` could not be formatted");
                out += std::to_string(v.integer);
            } else if (conv == 's' || conv == 'r') {
                if (v.kind == K::Opaque || v.kind == K::Symbol)
                    return opaque("`" + py::shortText(e) + "` could not be formatted");
                out += conv == 'r' && v.kind == K::Str ? "'" + v.text + "'" : str(v);
            } else {
                return opaque("`" + py::shortText(e) + "` could not be formatted");
            }
            i = j;
        }
        if (next != argsList.size() || !charge(static_cast<long long>(out.size())))
            return opaque("`" + py::shortText(e) + "` could not be formatted");
        return Value::str(out);
    }
    if (op == "+" && a.isSeq() && b.kind == a.kind) {
        ValueList items = a.elements();
        items.insert(items.end(), b.elements().begin(), b.elements().end());
        return makeSeq(a.kind, std::move(items), e.line);
    }
    if (op == "*" && ((a.isSeq() && b.kind == K::Int) || (a.kind == K::Int && b.isSeq()))) {
        const Value &s = a.isSeq() ? a : b;
        const std::int64_t n = a.kind == K::Int ? a.integer : b.integer;
        ValueList items;
        if (n > 0 && !s.elements().empty()) {
            if (std::uint64_t(s.elements().size()) * std::uint64_t(std::min<std::int64_t>(n, 1 << 21)) >
                kMaxValueWeight)
                return opaque("the value built is too large");
            for (std::int64_t i = 0; i < n; ++i)
                items.insert(items.end(), s.elements().begin(), s.elements().end());
        }
        return makeSeq(s.kind, std::move(items), e.line);
    }
    return opaque("`" + py::shortText(e) + "` is not evaluated by ConvLens");
}

Value Interpreter::unary(const std::string &op, const Value &a0, const Expr &e)
{
    if (a0.kind == K::Opaque)
        return a0;
    if (a0.kind == K::Tensor)
        return Value::opaque("`" + py::shortText(e) + "` is tensor arithmetic, not a layer ConvLens imports" +
                                 lineRef(e.line),
                             e.line);
    const Value a = a0.kind == K::Bool ? Value::int_(a0.boolean ? 1 : 0) : a0;
    if (a.kind == K::Int) {
        if (op == "+")
            return a;
        if (op == "~")
            return Value::int_(~a.integer);
        if (a.integer == std::numeric_limits<std::int64_t>::min())
            return Value::opaque("integer overflow in `" + py::shortText(e) + "`", e.line);
        return Value::int_(-a.integer);
    }
    if (a.kind == K::Float && op != "~")
        return Value::float_(op == "-" ? -a.number : a.number);
    return Value::opaque("`" + py::shortText(e) + "` is not evaluated by ConvLens" + lineRef(e.line), e.line);
}

std::optional<bool> Interpreter::truth(const Value &v)
{
    switch (v.kind) {
    case K::None: return false;
    case K::Bool: return v.boolean;
    case K::Int: return v.integer != 0;
    case K::Float: return v.number != 0;
    case K::Str: return !v.text.empty();
    case K::Tuple:
    case K::List:
    case K::Dict: return !v.elements().empty();
    case K::Symbol:
    case K::Opaque: return std::nullopt;
    default: return true;
    }
}

std::optional<bool> Interpreter::equal(const Value &a, const Value &b)
{
    const auto isNum = [](const Value &v) { return v.kind == K::Int || v.kind == K::Float || v.kind == K::Bool; };
    const auto num = [](const Value &v) {
        return v.kind == K::Float ? v.number : double(v.kind == K::Bool ? v.boolean : v.integer);
    };
    if (a.kind == K::Opaque || b.kind == K::Opaque || a.kind == K::Symbol || b.kind == K::Symbol)
        return std::nullopt;
    if (isNum(a) && isNum(b)) {
        if (a.kind != K::Float && b.kind != K::Float)
            return (a.kind == K::Bool ? a.boolean : a.integer) == (b.kind == K::Bool ? b.boolean : b.integer);
        return num(a) == num(b);
    }
    if (a.kind != b.kind)
        return false;
    switch (a.kind) {
    case K::None: return true;
    case K::Str: return a.text == b.text;
    case K::Tuple:
    case K::List:
    case K::Dict: {
        if (a.elements().size() != b.elements().size())
            return false;
        for (size_t i = 0; i < a.elements().size(); ++i) {
            const auto r = equal(a.elements()[i], b.elements()[i]);
            if (!r || !*r)
                return r;
        }
        return true;
    }
    case K::Layer:
    case K::Tensor:
    case K::Model:
    case K::Function:
    case K::Class: return a.id == b.id;
    default: return std::nullopt;
    }
}

Value Interpreter::compare(const Expr &e, Frame &f)
{
    Value left = eval(*e.children[0], f);
    for (size_t i = 0; i < e.ops.size(); ++i) {
        const Value right = eval(*e.children[i + 1], f);
        const std::string &op = e.ops[i];
        std::optional<bool> r;
        const auto isNum = [](const Value &v) { return v.kind == K::Int || v.kind == K::Float || v.kind == K::Bool; };
        const auto num = [](const Value &v) {
            return v.kind == K::Float ? v.number : double(v.kind == K::Bool ? v.boolean : v.integer);
        };
        if (op == "==" || op == "!=") {
            r = equal(left, right);
            if (r && op == "!=")
                r = !*r;
        } else if (op == "<" || op == ">" || op == "<=" || op == ">=") {
            int c = 2;
            if (isNum(left) && isNum(right)) {
                if (left.kind == K::Int && right.kind == K::Int)
                    c = left.integer < right.integer ? -1 : left.integer > right.integer ? 1 : 0;
                else
                    c = num(left) < num(right) ? -1 : num(left) > num(right) ? 1 : 0;
            } else if (left.kind == K::Str && right.kind == K::Str) {
                c = left.text.compare(right.text);
                c = c < 0 ? -1 : c > 0 ? 1 : 0;
            }
            if (c != 2)
                r = op == "<" ? c < 0 : op == ">" ? c > 0 : op == "<=" ? c <= 0 : c >= 0;
        } else if (op == "in" || op == "not in") {
            if (right.kind == K::Str && left.kind == K::Str) {
                r = right.text.find(left.text) != std::string::npos;
            } else if (right.isSeq() || right.kind == K::Dict) {
                r = false;
                const auto &el = right.elements();
                const size_t stride = right.kind == K::Dict ? 2 : 1;
                for (size_t k = 0; k < el.size(); k += stride) {
                    const auto q = equal(left, el[k]);
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
            if (left.kind == K::None || right.kind == K::None || left.kind == K::Bool || right.kind == K::Bool) {
                if (left.kind != K::Opaque && right.kind != K::Opaque && left.kind != K::Symbol &&
                    right.kind != K::Symbol)
                    r = left.kind == right.kind && (left.kind == K::None || left.boolean == right.boolean);
            }
            if (r && op == "is not")
                r = !*r;
        }
        if (!r)
            return Value::opaque("`" + py::shortText(e) + "` cannot be evaluated here" + lineRef(e.line), e.line);
        if (!*r)
            return Value::boolean_(false);
        left = right;
    }
    return Value::boolean_(true);
}

Value Interpreter::subscript(const Value &obj, const Expr &index, Frame &f, const Expr &e)
{
    const auto opaque = [&](const std::string &why) { return Value::opaque(why + lineRef(e.line), e.line); };
    if (obj.kind == K::Tensor)
        return opaque("`" + py::shortText(e) + "` slices a tensor, which is not a layer ConvLens imports");
    if (obj.kind == K::Opaque)
        return obj;
    if (index.kind == ExprKind::Slice) {
        std::optional<std::int64_t> bound[3];
        for (int k = 0; k < 3; ++k) {
            if (!index.children[size_t(k)])
                continue;
            const Value v = eval(*index.children[size_t(k)], f);
            if (v.kind == K::None)
                continue;
            if (v.kind != K::Int)
                return opaque("`" + py::shortText(e) + "` is not evaluated by ConvLens");
            bound[k] = v.integer;
        }
        if (!obj.isSeq() && obj.kind != K::Str)
            return opaque("`" + py::shortText(e) + "` is not evaluated by ConvLens");
        const std::int64_t n =
            obj.kind == K::Str ? std::int64_t(obj.text.size()) : std::int64_t(obj.elements().size());
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
        ValueList items;
        std::string chars;
        for (std::int64_t i = start; stride > 0 ? i < stop : i > stop;) {
            if (obj.kind == K::Str)
                chars += obj.text[size_t(i)];
            else
                items.push_back(obj.elements()[size_t(i)]);
            if (__builtin_add_overflow(i, stride, &i))
                break;
        }
        if (obj.kind == K::Str)
            return Value::str(chars);
        return makeSeq(obj.kind, std::move(items), e.line);
    }
    const Value idx = eval(index, f);
    if (idx.kind == K::Opaque)
        return idx;
    if ((obj.isSeq() || obj.kind == K::Str) && (idx.kind == K::Int || idx.kind == K::Bool)) {
        const std::int64_t n =
            obj.kind == K::Str ? std::int64_t(obj.text.size()) : std::int64_t(obj.elements().size());
        std::int64_t i = idx.kind == K::Bool ? idx.boolean : idx.integer;
        if (i < 0 && i >= -n)
            i += n;
        if (i < 0 || i >= n)
            return opaque("index " + std::to_string(idx.integer) + " is out of range in `" + py::shortText(e) + "`");
        if (obj.kind == K::Str)
            return Value::str(std::string(1, obj.text[size_t(i)]));
        return obj.elements()[size_t(i)];
    }
    if (obj.kind == K::Dict) {
        const auto &el = obj.elements();
        for (size_t i = 0; i + 1 < el.size(); i += 2)
            if (equal(el[i], idx).value_or(false))
                return el[i + 1];
        return opaque("`" + py::shortText(e) + "`: key not found");
    }
    return opaque("`" + py::shortText(e) + "` is not evaluated by ConvLens");
}

Value Interpreter::formatted(const Expr &e, Frame &f)
{
    std::string out;
    for (const auto &piece : e.children) {
        if (piece->kind == ExprKind::Str) {
            out += piece->text;
            continue;
        }
        const Value v = eval(*piece->children[0], f);
        if (v.kind != K::Str && v.kind != K::Int && v.kind != K::Float && v.kind != K::Bool && v.kind != K::None &&
            !v.isSeq())
            return Value::opaque("f-string" + lineRef(e.line) + ": " + whyNotValue(v, piece->children[0].get()),
                                 e.line);
        const std::string &spec = piece->text;
        std::string s = str(v);
        if (!spec.empty()) {
            // the common specs in layer names: width with zero fill (03d), fixed precision (.2f)
            size_t i = 0;
            const bool zero = spec[0] == '0';
            int width = 0, precision = -1;
            while (i < spec.size() && std::isdigit(static_cast<unsigned char>(spec[i])) && width < 1000)
                width = width * 10 + (spec[i++] - '0');
            if (i < spec.size() && spec[i] == '.') {
                precision = 0;
                ++i;
                while (i < spec.size() && std::isdigit(static_cast<unsigned char>(spec[i])) && precision < 100)
                    precision = precision * 10 + (spec[i++] - '0');
            }
            const char type = i < spec.size() ? spec[i] : '\0';
            if (type == 'f' && precision >= 0 && (v.kind == K::Float || v.kind == K::Int)) {
                char buf[128];
                const double d = v.kind == K::Float ? v.number : double(v.integer);
                auto [p, ec] = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::fixed, precision);
                s = ec == std::errc() ? std::string(buf, p) : s;
            }
            if (int(s.size()) < width) {
                const bool neg = zero && !s.empty() && s[0] == '-';
                const std::string fill(size_t(width) - s.size(), zero ? '0' : ' ');
                if (zero || v.kind == K::Int || v.kind == K::Float)
                    s = neg ? "-" + fill + s.substr(1) : fill + s;
                else
                    s += fill;
            }
        }
        out += s;
        if (out.size() > (1u << 20) || !charge(static_cast<long long>(s.size())))
            return Value::opaque("the string built is too large", e.line);
    }
    return Value::str(out);
}

// ------------------------------------------------------------------------------------------------- layers

std::string Interpreter::whyNotValue(const Value &v, const Expr *e) const
{
    (void)e;
    switch (v.kind) {
    case K::Opaque: return v.text;
    case K::Symbol:
        if (v.text.find('.') == std::string::npos)
            return "name '" + v.text + "' is not defined";
        return "`" + v.text + "` is not something ConvLens evaluates";
    case K::Layer: return "it is a layer object, not a value";
    case K::UnknownLayer: return "it is a " + v.text + " object, not a value";
    case K::Tensor: return "it is a tensor, not a value";
    case K::Model: return "it is a model, not a value";
    case K::Function:
    case K::Method:
    case K::Builtin:
    case K::Class: return "it is a function or class, not a value";
    case K::Dict: return "a dict is not accepted here";
    default: return "it cannot be used here";
    }
}

std::optional<ParamValue> Interpreter::toParam(const Value &v, const ParamDef *def, std::string *why) const
{
    switch (v.kind) {
    case K::None: return ParamValue{};
    case K::Bool: return ParamValue(v.boolean);
    case K::Int: return ParamValue(v.integer);
    case K::Float: return ParamValue(v.number);
    case K::Str: return ParamValue(v.text);
    case K::Tuple:
    case K::List: {
        if (v.weight > 10000) {
            *why = "the value is too large";
            return std::nullopt;
        }
        ParamList out;
        for (const auto &e : v.elements()) {
            auto p = toParam(e, nullptr, why);
            if (!p)
                return std::nullopt;
            out.push_back(std::move(*p));
        }
        return ParamValue(std::move(out));
    }
    case K::Symbol:
        // activation=tf.nn.relu, activation=keras.activations.relu, activation=relu (imported function)
        if (def && (def->type == ParamType::Choice || def->type == ParamType::OptChoice)) {
            const std::string last = lastSegment(v.text);
            if (std::find(def->choices.begin(), def->choices.end(), last) != def->choices.end())
                return ParamValue(last);
        }
        [[fallthrough]];
    default: *why = whyNotValue(v, nullptr); return std::nullopt;
    }
}

int Interpreter::newLayer(LayerObj obj)
{
    if (layers_.size() >= kMaxLayers)
        fail(obj.line, obj.column, "too many layers (more than " + std::to_string(kMaxLayers) + ")");
    layers_.push_back(std::move(obj));
    ++buildEvents_;
    return int(layers_.size() - 1);
}

int Interpreter::newModel(ModelObj m)
{
    if (models_.size() >= kMaxLayers)
        fail(m.line, m.column, "too many models");
    models_.push_back(std::move(m));
    ++buildEvents_;
    return int(models_.size() - 1);
}

namespace {

std::string kerasOneHint(const std::string &kw)
{
    static const std::map<std::string, std::string> renamed{
        {"border_mode", "padding"},     {"subsample", "strides"},       {"nb_filter", "filters"},
        {"init", "kernel_initializer"}, {"output_dim", "units"},        {"dim_ordering", "data_format"},
        {"W_regularizer", "kernel_regularizer"}, {"b_regularizer", "bias_regularizer"}, {"bias", "use_bias"},
        {"atrous_rate", "dilation_rate"}, {"p", "rate"}};
    auto it = renamed.find(kw);
    if (it == renamed.end())
        return {};
    return " (Keras 1 spelling; tf.keras calls it " + it->second + "=)";
}

} // namespace

int Interpreter::constructLayer(const KindDef &kind, const std::string &written, const CallArgs &args,
                                const Expr &call, std::size_t skipPositional, const SpecialKeyword &special)
{
    LayerObj obj;
    obj.kind = &kind;
    obj.written = written;
    obj.line = call.line;
    obj.column = call.column;
    const std::string cls = written + "()";
    if (!args.unresolved.empty())
        fail(call, written + "(...): cannot expand " + args.unresolved);
    std::vector<const ParamDef *> positional;
    for (const auto &p : kind.params)
        if (p.positional)
            positional.push_back(&p);
    std::map<std::string, const CallArgs::Arg *> given;
    const size_t npos = args.positional.size() > skipPositional ? args.positional.size() - skipPositional : 0;
    if (npos > positional.size()) {
        std::string names;
        for (const auto *p : positional)
            names += (names.empty() ? "" : ", ") + p->name;
        fail(call, cls + " takes at most " + std::to_string(positional.size()) + " positional argument" +
                       (positional.size() == 1 ? "" : "s") + (names.empty() ? "" : " (" + names + ")") + ", got " +
                       std::to_string(npos));
    }
    for (size_t i = 0; i < npos; ++i)
        given[positional[i]->name] = &args.positional[skipPositional + i];
    for (const auto &[kw, arg] : args.keywords) {
        if (special && special(kw, arg, obj))
            continue;
        const ParamDef *d = findParam(kind, kw);
        if (!d)
            fail(call, cls + " got an unexpected keyword argument '" + kw + "'" +
                           (framework_ == Framework::Keras ? kerasOneHint(kw) : std::string()));
        if (given.count(kw))
            fail(call, cls + " got multiple values for argument '" + kw + "'");
        given[kw] = &arg;
    }
    for (const auto &p : kind.params)
        if (p.required && !given.count(p.name))
            fail(call, cls + " missing required argument '" + p.name + "'");
    for (const auto &p : kind.params) {
        auto it = given.find(p.name);
        if (it == given.end())
            continue;
        const CallArgs::Arg &arg = *it->second;
        std::string why;
        auto value = toParam(arg.value, &p, &why);
        if (p.type == ParamType::Ignored) { // kept when it is a plain value, for the record
            if (value)
                obj.params[p.name] = std::move(*value);
            continue;
        }
        if (!value)
            fail(call, written + "(" + p.name + "=" + (arg.expr ? py::shortText(*arg.expr) : std::string("…")) +
                           "): " + why);
        const std::string err = checkParamType(p, *value);
        if (!err.empty())
            fail(call, written + "(" + p.name + "=" + value->toPython() + "): " + err);
        obj.params[p.name] = std::move(*value);
    }
    return newLayer(std::move(obj));
}

std::string Interpreter::describeLayer(int id) const
{
    const LayerObj &o = layers_[size_t(id)];
    if (!o.name.empty())
        return "'" + o.name + "'" + lineRef(o.line);
    return o.written + "(...)" + lineRef(o.line);
}

std::string Interpreter::unknownLayerMessage(const std::string &cls, int line) const
{
    std::string known;
    std::string suggestion;
    const std::string lower = toLower(cls);
    for (const auto &n : kindNames(framework_)) {
        const KindDef *k = findKind(framework_, n);
        if (k->op == Op::Input || (framework_ == Framework::PyTorch && (n == "cat" || n == "add")))
            continue;
        known += (known.empty() ? "" : ", ") + n;
        if (toLower(n) == lower)
            suggestion = n;
    }
    std::string msg = "unknown layer '" + cls + "'" + lineRef(line);
    if (!suggestion.empty())
        msg += "; did you mean " + suggestion + "?";
    const Framework other = framework_ == Framework::Keras ? Framework::PyTorch : Framework::Keras;
    if (suggestion.empty() && findKind(other, cls))
        msg += " (that is a " + std::string(other == Framework::Keras ? "Keras" : "PyTorch") +
               " name; is the framework right?)";
    return msg + "; ConvLens knows: " + known;
}

std::vector<std::string> Interpreter::kerasDefaultNames() const
{
    Graph tmp;
    tmp.framework = Framework::Keras;
    for (const auto &o : layers_) {
        Layer l;
        l.name = o.name;
        l.type = o.kind->className;
        l.implicitInput = o.implicitInput;
        tmp.layers.push_back(std::move(l));
    }
    assignDefaultNames(tmp);
    std::vector<std::string> names;
    for (auto &l : tmp.layers)
        names.push_back(std::move(l.name));
    return names;
}

Graph Interpreter::finishGraph(Graph g) const
{
    const auto errors = validateAndOrder(g);
    if (!errors.empty())
        fail(errors.front().line, 0, errors.front().message);
    return g;
}

} // namespace convlens::pyimport
