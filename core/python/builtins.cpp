// builtins.cpp — what Python gives without an import: the builtin functions, the methods of str, list, dict, tuple
// and set, arithmetic, equality, hashing, str()/repr() and the three string formattings (f-strings, %, .format),
// plus the few standard-library functions model code calls (math, collections.OrderedDict, functools, copy,
// operator). Every loop here charges the step budget for its work and every value it builds respects the size
// limits, so no builtin lets bad input hang or allocate hugely.
#include "model/text.h"
#include "python/evaluator.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#include <numeric>

namespace convlens::py {

namespace {

std::string lineRef(int line)
{
    return line > 0 ? " (line " + std::to_string(line) + ")" : std::string();
}

constexpr int kMaxValueDepth = kMaxNesting; // nesting of containers walked by equality, repr and hashing

std::string toLower(std::string s)
{
    for (char &c : s)
        if (c >= 'A' && c <= 'Z')
            c = char(c - 'A' + 'a');
    return s;
}

// repr(float) as Python 3 writes it: the shortest digits that read back to the same double, positional between
// 1e-4 and 1e16, scientific outside ("1e-05", "1e+16"), and integral values with ".0".
std::string floatRepr(double d)
{
    if (std::isnan(d))
        return "nan";
    if (std::isinf(d))
        return d > 0 ? "inf" : "-inf";
    if (d == 0)
        return std::signbit(d) ? "-0.0" : "0.0";
    char buf[64];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
    (void)ec;
    std::string sci(buf, end); // [-]d[.ddd]e±XX
    std::string sign;
    if (sci[0] == '-') {
        sign = "-";
        sci.erase(0, 1);
    }
    const auto epos = sci.find('e');
    std::string digits = sci.substr(0, epos);
    digits.erase(std::remove(digits.begin(), digits.end(), '.'), digits.end());
    const int exp = std::stoi(sci.substr(epos + 1));
    if (exp >= -5 && exp < 16) {
        std::string out;
        if (exp < 0) {
            out = "0." + std::string(size_t(-exp - 1), '0') + digits;
        } else if (size_t(exp) + 1 >= digits.size()) {
            out = digits + std::string(size_t(exp) + 1 - digits.size(), '0') + ".0";
        } else {
            out = digits.substr(0, size_t(exp) + 1) + "." + digits.substr(size_t(exp) + 1);
        }
        return sign + out;
    }
    std::string mant = digits.substr(0, 1);
    if (digits.size() > 1)
        mant += "." + digits.substr(1);
    const std::string e = std::to_string(std::abs(exp));
    return sign + mant + "e" + (exp < 0 ? "-" : "+") + (e.size() < 2 ? "0" : "") + e;
}

std::string strRepr(const std::string &s)
{
    const bool dq = s.find('\'') != std::string::npos && s.find('"') == std::string::npos;
    const char q = dq ? '"' : '\'';
    std::string out(1, q);
    for (char c : s) {
        switch (c) {
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (c == q)
                out += '\\';
            out += c;
        }
    }
    return out + q;
}

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

bool isTypeName(const std::string &n)
{
    static const char *const types[] = {"int", "float", "str", "bool", "tuple", "list", "dict", "set", "frozenset",
                                        "range", "object", "type", "slice"};
    return std::any_of(std::begin(types), std::end(types), [&](const char *t) { return n == t; });
}

bool isExceptionName(const std::string &n)
{
    const auto endsWith = [&](std::string_view tail) {
        return n.size() >= tail.size() && n.compare(n.size() - tail.size(), tail.size(), tail) == 0;
    };
    return endsWith("Error") || endsWith("Exception") || n == "StopIteration" || n == "NotImplemented";
}

} // namespace

// ------------------------------------------------------------------------------------------------- basics

Value Evaluator::plain(const Value &v) const
{
    if (const HostObject *h = v.host())
        if (auto p = h->plainValue())
            return *p;
    return v;
}

std::string Evaluator::typeName(const Value &v) const
{
    switch (v.kind()) {
    case Kind::None: return "NoneType";
    case Kind::Bool: return "bool";
    case Kind::Int: return "int";
    case Kind::Float: return "float";
    case Kind::Str: return "str";
    case Kind::Tuple: return "tuple";
    case Kind::List: return "list";
    case Kind::Dict: return "dict";
    case Kind::Set: return "set";
    case Kind::Range: return "range";
    case Kind::Slice: return "slice";
    case Kind::Function: return "function";
    case Kind::BoundMethod: return "method";
    case Kind::Builtin: return "builtin_function_or_method";
    case Kind::Class: return "type";
    case Kind::Instance: return v.as<InstanceObject>()->cls->name;
    case Kind::Wrapper: return "staticmethod";
    case Kind::Super: return "super";
    case Kind::Symbol: return v.str();
    case Kind::Unknown: return "unknown";
    case Kind::Host: return v.host()->describe();
    case Kind::HostMethod: return "method";
    }
    return "object";
}

std::string Evaluator::whyNotValue(const Value &v) const
{
    switch (v.kind()) {
    case Kind::Unknown: return v.str();
    case Kind::Symbol: {
        const std::string &path = v.str();
        if (path.find('.') == std::string::npos)
            return "name '" + path + "' is not defined";
        if (v.as<SymbolObject>()->undefined)
            return "name '" + path.substr(0, path.find('.')) + "' is not defined (`" + path +
                   "` would come from data, a file or the network, which ConvLens does not read)";
        return "`" + path + "` is not something ConvLens evaluates";
    }
    case Kind::Host: return v.host()->whyNotValue();
    case Kind::Function:
    case Kind::BoundMethod:
    case Kind::Builtin:
    case Kind::Class:
    case Kind::Wrapper:
    case Kind::HostMethod: return "it is a function or class, not a value";
    case Kind::Dict: return "a dict is not accepted here";
    case Kind::Set: return "a set is not accepted here";
    case Kind::Instance: return "it is a '" + v.as<InstanceObject>()->cls->name + "' object, not a value";
    case Kind::None:
    case Kind::Bool:
    case Kind::Int:
    case Kind::Float:
    case Kind::Str:
    case Kind::Tuple:
    case Kind::List:
    case Kind::Range:
    case Kind::Slice:
    case Kind::Super: break;
    }
    return "it cannot be used here";
}

std::optional<bool> Evaluator::truth(const Value &v0)
{
    const Value v = plain(v0);
    switch (v.kind()) {
    case Kind::None: return false;
    case Kind::Bool: return v.asBool();
    case Kind::Int: return v.asInt() != 0;
    case Kind::Float: return v.asFloat() != 0;
    case Kind::Str: return !v.str().empty();
    case Kind::Tuple:
    case Kind::List: return !v.items().empty();
    case Kind::Dict:
    case Kind::Set: return !v.as<DictObject>()->entries.empty();
    case Kind::Range: return v.as<RangeObject>()->length() > 0;
    case Kind::Symbol:
    case Kind::Unknown: return std::nullopt;
    case Kind::Host: return v.host()->truth(*this);
    case Kind::Instance:
        if (HostObject *h = v.as<InstanceObject>()->host)
            return h->truth(*this);
        return true;
    case Kind::Slice:
    case Kind::Function:
    case Kind::BoundMethod:
    case Kind::Builtin:
    case Kind::Class:
    case Kind::Wrapper:
    case Kind::Super:
    case Kind::HostMethod: return true;
    }
    return std::nullopt;
}

std::optional<bool> Evaluator::equal(const Value &a, const Value &b)
{
    return equalImpl(a, b, 0);
}

std::optional<bool> Evaluator::equalImpl(const Value &a0, const Value &b0, int depth)
{
    const Value a = plain(a0), b = plain(b0);
    if (a.isObject() && b.isObject() && a.object() == b.object() && !a.is(Kind::Unknown))
        return true; // identity implies equality (Python's containers compare elements so)
    if (a.is(Kind::Symbol) && b.is(Kind::Symbol) && !a.as<SymbolObject>()->undefined &&
        !b.as<SymbolObject>()->undefined)
        return a.str() == b.str(); // two imported names: `norm_layer == nn.InstanceNorm2d`
    const auto imported = [](const Value &v) { return v.is(Kind::Symbol) && !v.as<SymbolObject>()->undefined; };
    if ((imported(a) && !b.isObject()) || (imported(b) && !a.isObject()))
        return false; // an imported class or function is not None, a number or a string
    if (a.isUnevaluated() || b.isUnevaluated())
        return std::nullopt;
    if (depth > kMaxValueDepth)
        return std::nullopt;
    if (a.isNumber() && b.isNumber()) {
        if (!a.is(Kind::Float) && !b.is(Kind::Float))
            return a.intOf() == b.intOf();
        return a.numberOf() == b.numberOf();
    }
    if (a.kind() != b.kind())
        return false;
    switch (a.kind()) {
    case Kind::None: return true;
    case Kind::Str: return a.str() == b.str();
    case Kind::Tuple:
    case Kind::List: {
        const auto &x = a.items(), &y = b.items();
        if (x.size() != y.size())
            return false;
        charge(long(x.size()) / 8, 0);
        for (size_t i = 0; i < x.size(); ++i) {
            const auto r = equalImpl(x[i], y[i], depth + 1);
            if (!r || !*r)
                return r;
        }
        return true;
    }
    case Kind::Dict:
    case Kind::Set: {
        const auto &x = a.as<DictObject>()->entries, &y = b.as<DictObject>()->entries;
        if (x.size() != y.size())
            return false;
        for (const auto &[k, v] : x) {
            const auto other = dictGet(b, k);
            if (!other)
                return false;
            if (a.is(Kind::Dict)) {
                const auto r = equalImpl(v, *other, depth + 1);
                if (!r || !*r)
                    return r;
            }
        }
        return true;
    }
    case Kind::Range: {
        const auto *x = a.as<RangeObject>(), *y = b.as<RangeObject>();
        return x->length() == y->length() && (x->length() == 0 || (x->start == y->start && (x->length() == 1 || x->step == y->step)));
    }
    case Kind::Function:
    case Kind::Class:
    case Kind::Instance:
    case Kind::Host:
    case Kind::Builtin:
    case Kind::BoundMethod:
    case Kind::Wrapper:
    case Kind::Super:
    case Kind::HostMethod:
    case Kind::Slice: return a.object() == b.object();
    case Kind::Bool:
    case Kind::Int:
    case Kind::Float:
    case Kind::Symbol:
    case Kind::Unknown: break;
    }
    return std::nullopt;
}

std::optional<std::uint64_t> Evaluator::hashOf(const Value &v0, int depth) const
{
    const Value v = plain(v0);
    const auto mix = [](std::uint64_t h) {
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdULL;
        h ^= h >> 33;
        return h;
    };
    switch (v.kind()) {
    case Kind::None: return 0x9e3779b97f4a7c15ULL;
    case Kind::Bool:
    case Kind::Int: return mix(std::uint64_t(v.intOf()));
    case Kind::Float: {
        const double d = v.asFloat();
        if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9.2e18)
            return mix(std::uint64_t(std::int64_t(d))); // 1.0 == 1: the same key
        std::uint64_t bits = 0;
        std::memcpy(&bits, &d, sizeof bits);
        return mix(bits);
    }
    case Kind::Str: return std::hash<std::string>{}(v.str());
    case Kind::Tuple: {
        if (depth > 10)
            return std::nullopt;
        std::uint64_t h = 0x345678;
        for (const auto &x : v.items()) {
            const auto e = hashOf(x, depth + 1);
            if (!e)
                return std::nullopt;
            h = mix(h ^ *e) + 0x9e3779b9;
        }
        return h;
    }
    case Kind::List:
    case Kind::Dict:
    case Kind::Set:
    case Kind::Symbol:
    case Kind::Unknown:
    case Kind::Slice: return std::nullopt;
    case Kind::Range:
    case Kind::Function:
    case Kind::BoundMethod:
    case Kind::Builtin:
    case Kind::Class:
    case Kind::Instance:
    case Kind::Wrapper:
    case Kind::Super:
    case Kind::Host:
    case Kind::HostMethod: return mix(std::uint64_t(reinterpret_cast<std::uintptr_t>(v.object())));
    }
    return std::nullopt;
}

void Evaluator::dictSet(const Value &d, const Value &key, const Value &value, int line)
{
    auto *obj = d.as<DictObject>();
    const auto h = hashOf(key);
    if (h) {
        auto [lo, hi] = obj->index.equal_range(*h);
        for (auto it = lo; it != hi; ++it)
            if (equal(obj->entries[it->second].first, key).value_or(false)) {
                obj->entries[it->second].second = value;
                return;
            }
    } else {
        for (auto &e : obj->entries)
            if (equal(e.first, key).value_or(false)) {
                e.second = value;
                return;
            }
    }
    if (obj->entries.size() >= limits_.maxItems)
        fail(line, 0,
             tx(QT_TRANSLATE_NOOP("convlens::core", "a dict built here has more than %1 entries"),
                {std::to_string(limits_.maxItems)}));
    heap_.charge(2 * sizeof(Value) + 16);
    if (h)
        obj->index.emplace(*h, obj->entries.size());
    obj->entries.emplace_back(key, value);
}

std::optional<Value> Evaluator::dictGet(const Value &d, const Value &key)
{
    auto *obj = d.as<DictObject>();
    if (const auto h = hashOf(key)) {
        auto [lo, hi] = obj->index.equal_range(*h);
        for (auto it = lo; it != hi; ++it)
            if (equal(obj->entries[it->second].first, key).value_or(false))
                return obj->entries[it->second].second;
        return std::nullopt;
    }
    for (const auto &e : obj->entries)
        if (equal(e.first, key).value_or(false))
            return e.second;
    return std::nullopt;
}

namespace {

void reindex(DictObject &d, const std::function<std::optional<std::uint64_t>(const Value &)> &hash)
{
    d.index.clear();
    for (size_t i = 0; i < d.entries.size(); ++i)
        if (const auto h = hash(d.entries[i].first))
            d.index.emplace(*h, i);
}

} // namespace

std::optional<std::vector<Value>> Evaluator::iterate(const Value &v0, const Expr &site, std::string *why)
{
    const Value v = plain(v0);
    switch (v.kind()) {
    case Kind::Tuple:
    case Kind::List: charge(long(v.items().size()) / 8, site.line); return v.items();
    case Kind::Str: {
        std::vector<Value> out;
        for (char c : v.str()) // bytes: layer names and configs are ASCII
            out.push_back(str(std::string(1, c)));
        charge(long(out.size()), site.line);
        return out;
    }
    case Kind::Dict:
    case Kind::Set: {
        std::vector<Value> out;
        for (const auto &e : v.as<DictObject>()->entries)
            out.push_back(e.first);
        charge(long(out.size()) / 8, site.line);
        return out;
    }
    case Kind::Range: {
        const auto *r = v.as<RangeObject>();
        const std::int64_t n = r->length();
        if (std::uint64_t(n) > limits_.maxItems) {
            *why = "range of " + std::to_string(n) + " values is too large";
            return std::nullopt;
        }
        charge(long(n) / 8, site.line);
        std::vector<Value> out;
        out.reserve(size_t(n));
        for (std::int64_t i = 0; i < n; ++i)
            out.push_back(Value::integer(r->at(i)));
        return out;
    }
    case Kind::Host:
        if (auto items = v.host()->iterate(*this, site))
            return items;
        *why = v.host()->describe() + " cannot be iterated here";
        return std::nullopt;
    case Kind::Instance:
        if (HostObject *h = v.as<InstanceObject>()->host)
            if (auto items = h->iterate(*this, site))
                return items;
        *why = "'" + v.as<InstanceObject>()->cls->name + "' object cannot be iterated here";
        return std::nullopt;
    case Kind::Unknown:
    case Kind::Symbol: *why = whyNotValue(v); return std::nullopt;
    case Kind::None:
    case Kind::Bool:
    case Kind::Int:
    case Kind::Float:
    case Kind::Slice:
    case Kind::Function:
    case Kind::BoundMethod:
    case Kind::Builtin:
    case Kind::Class:
    case Kind::Wrapper:
    case Kind::Super:
    case Kind::HostMethod: break;
    }
    *why = "'" + typeName(v) + "' object is not iterable";
    return std::nullopt;
}

// ------------------------------------------------------------------------------------------------- str / repr

std::string Evaluator::toStr(const Value &v0)
{
    const Value v = plain(v0);
    if (v.is(Kind::Str))
        return v.str();
    return repr(v);
}

std::string Evaluator::repr(const Value &v)
{
    std::string out;
    std::vector<const Object *> active;
    reprImpl(v, out, active, 0);
    return out;
}

void Evaluator::reprImpl(const Value &v0, std::string &out, std::vector<const Object *> &active, int depth)
{
    const Value v = plain(v0);
    if (out.size() > limits_.maxStringBytes)
        return;
    if (depth > kMaxValueDepth) {
        out += "…";
        return;
    }
    switch (v.kind()) {
    case Kind::None: out += "None"; return;
    case Kind::Bool: out += v.asBool() ? "True" : "False"; return;
    case Kind::Int: out += std::to_string(v.asInt()); return;
    case Kind::Float: out += floatRepr(v.asFloat()); return;
    case Kind::Str: out += strRepr(v.str()); return;
    case Kind::Tuple:
    case Kind::List:
    case Kind::Dict:
    case Kind::Set: {
        const bool list = v.is(Kind::List), tup = v.is(Kind::Tuple), dict = v.is(Kind::Dict);
        if (std::find(active.begin(), active.end(), v.object()) != active.end()) { // a container inside itself
            out += list ? "[...]" : "{...}";
            return;
        }
        active.push_back(v.object());
        out += list ? "[" : tup ? "(" : "{";
        if (v.isSeq()) {
            const auto &el = v.items();
            charge(long(el.size()) / 8, 0);
            for (size_t i = 0; i < el.size() && out.size() <= limits_.maxStringBytes; ++i) {
                if (i)
                    out += ", ";
                reprImpl(el[i], out, active, depth + 1);
            }
            if (tup && el.size() == 1)
                out += ",";
        } else {
            const auto &entries = v.as<DictObject>()->entries;
            if (!dict && entries.empty()) {
                out.pop_back();
                out += "set()";
                active.pop_back();
                return;
            }
            bool first = true;
            for (const auto &[k, x] : entries) {
                if (out.size() > limits_.maxStringBytes)
                    break;
                if (!first)
                    out += ", ";
                first = false;
                reprImpl(k, out, active, depth + 1);
                if (dict) {
                    out += ": ";
                    reprImpl(x, out, active, depth + 1);
                }
            }
        }
        out += list ? "]" : tup ? ")" : "}";
        active.pop_back();
        return;
    }
    case Kind::Range: {
        const auto *r = v.as<RangeObject>();
        out += "range(" + std::to_string(r->start) + ", " + std::to_string(r->stop) +
               (r->step != 1 ? ", " + std::to_string(r->step) : std::string()) + ")";
        return;
    }
    case Kind::Function: out += "<function " + v.as<FunctionObject>()->name + ">"; return;
    case Kind::Class: out += "<class '" + v.as<ClassObject>()->name + "'>"; return;
    case Kind::Instance: out += "<" + v.as<InstanceObject>()->cls->name + " object>"; return;
    case Kind::Builtin: out += "<built-in function " + v.as<BuiltinObject>()->name + ">"; return;
    case Kind::Host: out += "<" + v.host()->describe() + ">"; return;
    case Kind::Symbol: out += v.str(); return;
    case Kind::Slice:
    case Kind::BoundMethod:
    case Kind::Wrapper:
    case Kind::Super:
    case Kind::Unknown:
    case Kind::HostMethod: out += "<" + typeName(v) + ">"; return;
    }
}

// ------------------------------------------------------------------------------------------------- arithmetic

Value Evaluator::binary(const std::string &op, const Value &a0, const Value &b0, const Expr &e)
{
    const auto opaque = [&](const std::string &why) { return unknown(why + lineRef(e.line), e.line); };
    if (HostObject *h = a0.host())
        if (auto r = h->binary(*this, op, b0, false, e))
            return *r;
    if (HostObject *h = b0.host())
        if (auto r = h->binary(*this, op, a0, true, e))
            return *r;
    if ((a0.host() && !a0.host()->plainValue()) || (b0.host() && !b0.host()->plainValue()))
        return opaque("`" + shortText(e) + "` is not evaluated by ConvLens");
    const Value a1 = plain(a0), b1 = plain(b0);
    if (a1.is(Kind::Unknown))
        return a1;
    if (b1.is(Kind::Unknown))
        return b1;
    const auto asNum = [](const Value &v) -> Value { return v.is(Kind::Bool) ? Value::integer(v.intOf()) : v; };
    const Value a = asNum(a1), b = asNum(b1);
    if (a.is(Kind::Int) && b.is(Kind::Int)) {
        if (op == "/") {
            if (b.asInt() == 0)
                return opaque("division by zero in `" + shortText(e) + "`");
            return Value::number(double(a.asInt()) / double(b.asInt()));
        }
        if (op == "**" && b.asInt() < 0) {
            if (a.asInt() == 0)
                return opaque("division by zero in `" + shortText(e) + "`");
            return Value::number(std::pow(double(a.asInt()), double(b.asInt())));
        }
        if (const auto r = intOp(op, a.asInt(), b.asInt()))
            return Value::integer(*r);
        if ((op == "//" || op == "%") && b.asInt() == 0)
            return opaque("division by zero in `" + shortText(e) + "`");
        if (op == "@")
            return opaque("`" + shortText(e) + "` is not evaluated by ConvLens");
        return opaque("integer overflow in `" + shortText(e) + "`");
    }
    const bool numA = a.is(Kind::Int) || a.is(Kind::Float), numB = b.is(Kind::Int) || b.is(Kind::Float);
    if (numA && numB) {
        const double x = a.numberOf(), y = b.numberOf();
        double r = 0;
        if (op == "+")
            r = x + y;
        else if (op == "-")
            r = x - y;
        else if (op == "*")
            r = x * y;
        else if (op == "/" || op == "//" || op == "%") {
            if (y == 0)
                return opaque("division by zero in `" + shortText(e) + "`");
            r = op == "/" ? x / y : op == "//" ? std::floor(x / y) : x - std::floor(x / y) * y;
        } else if (op == "**") {
            r = std::pow(x, y);
            if (std::isnan(r) && !std::isnan(x) && !std::isnan(y))
                return opaque("`" + shortText(e) + "` is a complex number");
        } else {
            return opaque("`" + shortText(e) + "` is not evaluated");
        }
        return Value::number(r);
    }
    if (a.is(Kind::Str) && b.is(Kind::Str) && op == "+") {
        if (a.str().size() + b.str().size() > limits_.maxStringBytes)
            return opaque("the string built is too large");
        return str(a.str() + b.str());
    }
    if (op == "*" && ((a.is(Kind::Str) && b.is(Kind::Int)) || (a.is(Kind::Int) && b.is(Kind::Str)))) {
        const Value &s = a.is(Kind::Str) ? a : b;
        const std::int64_t n = a.is(Kind::Int) ? a.asInt() : b.asInt();
        if (n <= 0 || s.str().empty())
            return str({});
        if (s.str().size() * std::uint64_t(std::min<std::int64_t>(n, 1 << 21)) > limits_.maxStringBytes)
            return opaque("the string built is too large");
        std::string out;
        for (std::int64_t i = 0; i < n; ++i)
            out += s.str();
        return str(std::move(out));
    }
    if (op == "%" && a.is(Kind::Str))
        return percentFormat(a, b, e);
    if (op == "+" && a.isSeq() && b.kind() == a.kind()) {
        std::vector<Value> items = a.items();
        items.insert(items.end(), b.items().begin(), b.items().end());
        charge(long(items.size()) / 8, e.line);
        return seq(a.kind(), std::move(items), e.line);
    }
    if (op == "*" && ((a.isSeq() && b.is(Kind::Int)) || (a.is(Kind::Int) && b.isSeq()))) {
        const Value &s = a.isSeq() ? a : b;
        const std::int64_t n = a.is(Kind::Int) ? a.asInt() : b.asInt();
        std::vector<Value> items;
        if (n > 0 && !s.items().empty()) {
            if (std::uint64_t(s.items().size()) * std::uint64_t(std::min<std::int64_t>(n, 1 << 21)) >
                limits_.maxItems)
                return opaque("the value built is too large");
            for (std::int64_t i = 0; i < n; ++i)
                items.insert(items.end(), s.items().begin(), s.items().end());
        }
        charge(long(items.size()) / 8, e.line);
        return seq(s.kind(), std::move(items), e.line);
    }
    if ((op == "|" || op == "&" || op == "-") && a.is(Kind::Set) && b.is(Kind::Set)) {
        const Value out(heap_.make<DictObject>(Kind::Set));
        for (const auto &[k, x] : a.as<DictObject>()->entries) {
            const bool inB = dictGet(b, k).has_value();
            if (op == "|" || (op == "&") == inB)
                dictSet(out, k, x, e.line);
        }
        if (op == "|")
            for (const auto &[k, x] : b.as<DictObject>()->entries)
                dictSet(out, k, x, e.line);
        return out;
    }
    if (op == "|" && a.is(Kind::Dict) && b.is(Kind::Dict)) {
        const Value out = dict(e.line);
        for (const Value *d : {&a, &b})
            for (const auto &[k, x] : d->as<DictObject>()->entries)
                dictSet(out, k, x, e.line);
        return out;
    }
    return opaque("`" + shortText(e) + "` is not evaluated by ConvLens");
}

// ------------------------------------------------------------------------------------------------- formatting

// A format spec as f-strings and str.format take it: [[fill]align][sign][0][width][,][.precision][type].
std::optional<std::string> Evaluator::formatSpec(const Value &v0, const std::string &spec)
{
    const Value v = plain(v0);
    if (spec.empty())
        return toStr(v);
    size_t i = 0;
    char fill = ' ', align = 0, sign = '-';
    const auto isAlign = [](char c) { return c == '<' || c == '>' || c == '^' || c == '='; };
    if (spec.size() >= 2 && isAlign(spec[1])) {
        fill = spec[0];
        align = spec[1];
        i = 2;
    } else if (!spec.empty() && isAlign(spec[0])) {
        align = spec[0];
        i = 1;
    }
    if (i < spec.size() && (spec[i] == '+' || spec[i] == '-' || spec[i] == ' '))
        sign = spec[i++];
    bool zero = false;
    if (i < spec.size() && spec[i] == '0') {
        zero = true;
        ++i;
    }
    int width = 0, precision = -1;
    while (i < spec.size() && std::isdigit(static_cast<unsigned char>(spec[i]))) {
        width = width * 10 + (spec[i++] - '0');
        if (width > 10000)
            return std::nullopt;
    }
    bool grouping = false;
    if (i < spec.size() && (spec[i] == ',' || spec[i] == '_')) {
        grouping = true;
        ++i;
    }
    if (i < spec.size() && spec[i] == '.') {
        precision = 0;
        ++i;
        while (i < spec.size() && std::isdigit(static_cast<unsigned char>(spec[i])) && precision < 100)
            precision = precision * 10 + (spec[i++] - '0');
    }
    const char type = i < spec.size() ? spec[i++] : '\0';
    if (i != spec.size())
        return std::nullopt;
    std::string s;
    const bool numeric = v.isNumber();
    if (type == 'f' || type == 'F' || type == 'e' || type == 'E' || type == '%' || type == 'g' || type == 'G') {
        if (!numeric)
            return std::nullopt;
        double d = v.numberOf();
        if (type == '%')
            d *= 100;
        char buf[512];
        const int p = precision < 0 ? 6 : precision;
        const auto fmt = type == 'e' || type == 'E' ? std::chars_format::scientific
                         : type == 'g' || type == 'G' ? std::chars_format::general
                                                      : std::chars_format::fixed;
        auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d, fmt, p);
        if (ec != std::errc())
            return std::nullopt;
        s.assign(buf, end);
        if (type == '%')
            s += '%';
    } else if (type == 'd' || type == 'x' || type == 'X' || type == 'o' || type == 'b') {
        if (!v.is(Kind::Int) && !v.is(Kind::Bool))
            return std::nullopt;
        const std::int64_t n = v.intOf();
        const int base = type == 'd' ? 10 : type == 'o' ? 8 : type == 'b' ? 2 : 16;
        char buf[80];
        auto [end, ec] = std::to_chars(buf, buf + sizeof buf, n, base);
        (void)ec;
        s.assign(buf, end);
        if (type == 'X')
            for (char &c : s)
                c = char(std::toupper(static_cast<unsigned char>(c)));
    } else if (type == 's' || type == '\0') {
        if (type == 's' && numeric)
            return std::nullopt;
        s = v.is(Kind::Float) && precision >= 0 ? floatRepr(v.asFloat()) : toStr(v);
        if (v.is(Kind::Float) && precision >= 0) {
            char buf[512];
            auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v.asFloat(), std::chars_format::general, precision);
            if (ec == std::errc())
                s.assign(buf, end);
        } else if (precision >= 0 && v.is(Kind::Str) && size_t(precision) < s.size()) {
            s.resize(size_t(precision));
        }
    } else {
        return std::nullopt;
    }
    if (grouping && numeric) {
        const size_t start = s[0] == '-' ? 1 : 0;
        size_t end = s.find_first_of(".e");
        if (end == std::string::npos)
            end = s.size();
        for (size_t k = end; k > start + 3; k -= 3)
            s.insert(k - 3, 1, ',');
    }
    if (numeric && sign != '-' && !s.empty() && s[0] != '-')
        s.insert(s.begin(), sign);
    if (int(s.size()) < width) {
        const size_t padding = size_t(width) - s.size();
        if (zero && !align && numeric) {
            const size_t at = !s.empty() && (s[0] == '-' || s[0] == '+' || s[0] == ' ') ? 1 : 0;
            s.insert(at, padding, '0');
        } else {
            const char a = align ? align : (numeric ? '>' : '<');
            const char fc = zero && !align ? '0' : fill;
            if (a == '<')
                s.append(padding, fc);
            else if (a == '^')
                s = std::string(padding / 2, fc) + s + std::string(padding - padding / 2, fc);
            else
                s.insert(0, padding, fc);
        }
    }
    return s;
}

Value Evaluator::evalFString(const Expr &e, Frame &f)
{
    std::string out;
    for (const auto &piece : e.children) {
        if (piece->kind == ExprKind::Str) {
            out += piece->text;
            continue;
        }
        const Value v = plain(eval(*piece->children[0], f));
        const bool plainValue = v.isNumber() || v.is(Kind::Str) || v.isNone() || v.isSeq() || v.is(Kind::Dict);
        if (!plainValue)
            return unknown("f-string" + lineRef(e.line) + ": " + whyNotValue(v), e.line);
        const bool asRepr = !piece->ops.empty() && piece->ops[0] == "r";
        std::optional<std::string> s = asRepr ? std::optional(repr(v)) : formatSpec(v, piece->text);
        if (!s)
            return unknown("f-string" + lineRef(e.line) + ": the format '" + piece->text + "' does not apply to " +
                               repr(v),
                           e.line);
        out += *s;
        if (out.size() > limits_.maxStringBytes)
            return unknown("the string built is too large", e.line);
    }
    return str(std::move(out));
}

Value Evaluator::percentFormat(const Value &fmtValue, const Value &b, const Expr &e)
{
    const auto opaque = [&] { return unknown("`" + shortText(e) + "` could not be formatted" + lineRef(e.line), e.line); };
    const std::vector<Value> args = b.is(Kind::Tuple) ? b.items() : std::vector<Value>{b};
    std::string out;
    size_t next = 0;
    const std::string &s = fmtValue.str();
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
        while (j < s.size() && (std::isdigit(static_cast<unsigned char>(s[j])) || s[j] == '.' || s[j] == '-' ||
                                s[j] == '+' || s[j] == ' '))
            ++j;
        if (j >= s.size() || next >= args.size())
            return opaque();
        const Value v = plain(args[next++]);
        if (v.isUnevaluated() || v.is(Kind::Host))
            return opaque();
        std::string flags = s.substr(i + 1, j - i - 1);
        const char conv = s[j];
        std::string spec;
        if (!flags.empty() && flags[0] == '-') // left-justify
            spec = "<" + flags.substr(1);
        else
            spec = flags;
        std::optional<std::string> piece;
        switch (conv) {
        case 'd':
        case 'i':
        case 'u':
            if (!v.isNumber())
                return opaque();
            piece = formatSpec(Value::integer(v.is(Kind::Float) ? std::int64_t(v.asFloat()) : v.intOf()), spec + "d");
            break;
        case 'f':
        case 'F':
        case 'e':
        case 'E':
        case 'g':
        case 'x':
        case 'X':
            if (!v.isNumber())
                return opaque();
            piece = formatSpec(v, spec + conv);
            break;
        case 's': piece = formatSpec(str(toStr(v)), spec); break;
        case 'r': piece = formatSpec(str(repr(v)), spec); break;
        default: return opaque();
        }
        if (!piece)
            return opaque();
        out += *piece;
        if (out.size() > limits_.maxStringBytes)
            return opaque();
        i = j;
    }
    if (next != args.size())
        return opaque();
    return str(std::move(out));
}

Value Evaluator::strFormat(const std::string &s, CallArgs &args, const Expr &e)
{
    const auto opaque = [&] { return unknown(shortText(e) + lineRef(e.line) + " is not evaluated by ConvLens", e.line); };
    std::string out;
    size_t autoIndex = 0;
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
        std::string spec;
        bool asRepr = false;
        if (const auto colon = field.find(':'); colon != std::string::npos) {
            spec = field.substr(colon + 1);
            field.resize(colon);
        }
        if (const auto bang = field.find('!'); bang != std::string::npos) {
            asRepr = field.substr(bang + 1) == "r";
            field.resize(bang);
        }
        const Value *v = nullptr;
        if (field.empty()) {
            if (autoIndex < args.positional.size())
                v = &args.positional[autoIndex].value;
            ++autoIndex;
        } else if (field.find_first_not_of("0123456789") == std::string::npos && field.size() < 9) {
            const size_t k = size_t(std::stoi(field));
            if (k < args.positional.size())
                v = &args.positional[k].value;
        } else if (const Arg *kw = args.keyword(field)) {
            v = &kw->value;
        }
        if (!v)
            return opaque();
        const Value pv = plain(*v);
        if (!(pv.isNumber() || pv.is(Kind::Str) || pv.isNone() || pv.isSeq()))
            return opaque();
        const auto piece = asRepr ? std::optional(repr(pv)) : formatSpec(pv, spec);
        if (!piece)
            return opaque();
        out += *piece;
        if (out.size() > limits_.maxStringBytes)
            return opaque();
        i = close;
    }
    return str(std::move(out));
}

// ------------------------------------------------------------------------------------------------- builtins

std::vector<Value> Evaluator::positionalValues(const CallArgs &args) const
{
    std::vector<Value> out;
    out.reserve(args.positional.size());
    for (const auto &a : args.positional)
        out.push_back(plain(a.value));
    return out;
}

std::optional<Value> Evaluator::stdlib(const std::string &path)
{
    static const char *const functions[] = {
        "math.floor", "math.ceil", "math.sqrt", "math.log", "math.log2", "math.log10", "math.exp", "math.pow",
        "math.fabs", "math.trunc", "math.gcd", "math.prod", "math.isqrt", "math.isclose", "math.radians",
        "math.degrees", "collections.OrderedDict", "OrderedDict", "functools.partial", "functools.reduce",
        "operator.mul", "operator.add", "copy.deepcopy", "copy.copy", "numpy.prod", "numpy.floor", "numpy.ceil",
        "numpy.sqrt", "numpy.log2"};
    const auto constant = [&]() -> std::optional<Value> {
        if (path == "math.pi" || path == "numpy.pi")
            return Value::number(3.14159265358979323846);
        if (path == "math.e")
            return Value::number(2.71828182845904523536);
        if (path == "math.tau")
            return Value::number(6.28318530717958647692);
        if (path == "math.inf" || path == "numpy.inf")
            return Value::number(HUGE_VAL);
        if (path == "math.nan")
            return Value::number(std::numeric_limits<double>::quiet_NaN());
        return std::nullopt;
    };
    if (auto c = constant())
        return c;
    if (std::none_of(std::begin(functions), std::end(functions), [&](const char *n) { return path == n; }))
        return std::nullopt;
    const std::string key = "\x02" + path;
    auto it = builtins_.find(key);
    if (it != builtins_.end())
        return it->second;
    const std::string name = path == "OrderedDict" ? "collections.OrderedDict" : path;
    Value v(heap_.make<BuiltinObject>(name, Value::none()));
    builtins_.emplace(key, v);
    return v;
}

bool Evaluator::isInstanceOf(const Value &obj0, const Value &cls)
{
    const Value obj = plain(obj0);
    if (cls.is(Kind::Class)) {
        if (!obj.is(Kind::Instance))
            return false;
        const auto &mro = obj.as<InstanceObject>()->cls->mro;
        return std::find(mro.begin(), mro.end(), cls.as<ClassObject>()) != mro.end();
    }
    if (cls.is(Kind::Builtin)) {
        const std::string &n = cls.as<BuiltinObject>()->name;
        switch (obj.kind()) {
        case Kind::Bool: return n == "bool" || n == "int" || n == "object";
        case Kind::Int: return n == "int" || n == "object";
        case Kind::Float: return n == "float" || n == "object";
        case Kind::Str: return n == "str" || n == "object";
        case Kind::Tuple: return n == "tuple" || n == "object";
        case Kind::List: return n == "list" || n == "object";
        case Kind::Dict: return n == "dict" || n == "collections.OrderedDict" || n == "object";
        case Kind::Set: return n == "set" || n == "object";
        case Kind::Range: return n == "range" || n == "object";
        default: return n == "object";
        }
    }
    return false;
}

Value Evaluator::callBuiltin(const BuiltinObject &b, CallArgs &args, const Expr &site)
{
    if (b.name == "__partial__") { // functools.partial(f, *args, **kw) called: f(*args, *more, **kw, **more_kw)
        const auto &parts = b.self.items();
        CallArgs merged;
        for (const auto &x : parts[1].items())
            merged.positional.push_back({x, nullptr});
        merged.positional.insert(merged.positional.end(), args.positional.begin(), args.positional.end());
        for (const auto &[k, x] : parts[2].as<DictObject>()->entries)
            if (!args.keyword(k.str()))
                merged.keywords.emplace_back(k.str(), Arg{x, nullptr});
        merged.keywords.insert(merged.keywords.end(), args.keywords.begin(), args.keywords.end());
        merged.unresolved = args.unresolved;
        return call(parts[0], merged, site);
    }
    if (!b.self.isNone())
        return callTypeMethod(b.self, b.name, args, site);
    return callBuiltinFunction(b.name, args, site);
}

Value Evaluator::callBuiltinFunction(const std::string &name, CallArgs &args, const Expr &site)
{
    const int line = site.line;
    const auto opaque = [&] { return unknown(shortText(site) + lineRef(line) + " could not be evaluated", line); };
    if (!args.unresolved.empty())
        return opaque();
    const std::vector<Value> a = positionalValues(args);
    const auto kw = [&](const char *k) -> std::optional<Value> {
        if (const Arg *x = args.keyword(k))
            return plain(x->value);
        return std::nullopt;
    };
    // functions that take any value (functions, classes, unknowns) as it is
    if (name == "object.__init__")
        return Value::none();
    if (name == "print")
        return unknown("print(...) is not evaluated", line);
    if (name == "super")
        return makeSuper(args, current_, site);
    if (name == "isinstance" && a.size() == 2) {
        const Value obj = args.positional[0].value;
        std::vector<Value> classes = a[1].is(Kind::Tuple) ? a[1].items() : std::vector<Value>{a[1]};
        bool unknownAnswer = false;
        for (const auto &c : classes) {
            HostObject *h = obj.host() ? obj.host() : obj.is(Kind::Instance) ? obj.as<InstanceObject>()->host : nullptr;
            if (h && (c.is(Kind::Symbol) || (c.host() && c.host()->isClass()))) {
                const auto r = h->isInstance(*this, c);
                if (!r)
                    unknownAnswer = true;
                else if (*r)
                    return Value::boolean(true);
                continue;
            }
            if (c.isUnevaluated()) {
                unknownAnswer = true;
                continue;
            }
            if (isInstanceOf(obj, c))
                return Value::boolean(true);
        }
        if (unknownAnswer || obj.isUnevaluated())
            return opaque();
        return Value::boolean(false);
    }
    if (name == "issubclass" && a.size() == 2 && a[0].is(Kind::Class)) {
        const auto &mro = a[0].as<ClassObject>()->mro;
        if (a[1].is(Kind::Class))
            return Value::boolean(std::find(mro.begin(), mro.end(), a[1].as<ClassObject>()) != mro.end());
        return opaque();
    }
    if ((name == "getattr" || name == "hasattr") && a.size() >= 2 && a[1].is(Kind::Str)) {
        const Value obj = args.positional[0].value;
        if (obj.isUnevaluated())
            return name == "getattr" && a.size() == 3 ? opaque() : opaque();
        std::optional<Value> v = findAttr(obj, a[1].str(), site);
        if (!v && !obj.is(Kind::Instance) && !obj.is(Kind::Class) && !obj.is(Kind::Host)) {
            const Value g = getAttr(obj, a[1].str(), site);
            if (!g.is(Kind::Unknown))
                v = g;
        }
        if (name == "hasattr")
            return Value::boolean(v.has_value());
        if (v)
            return *v;
        if (a.size() == 3)
            return args.positional[2].value;
        return unknown("'" + typeName(obj) + "' object has no attribute '" + a[1].str() + "'" + lineRef(line), line);
    }
    if (name == "setattr" && a.size() == 3 && a[1].is(Kind::Str)) {
        const Value obj = args.positional[0].value;
        const Value v = args.positional[2].value;
        if (obj.is(Kind::Instance)) {
            auto *inst = obj.as<InstanceObject>();
            if (inst->host)
                inst->host->setAttr(*this, a[1].str(), v, site);
            inst->attrs[a[1].str()] = v;
        } else if (obj.is(Kind::Class)) {
            obj.as<ClassObject>()->attrs[a[1].str()] = v;
        } else if (obj.host()) {
            obj.host()->setAttr(*this, a[1].str(), v, site);
        }
        return Value::none();
    }
    if (name == "callable" && a.size() == 1) {
        switch (a[0].kind()) {
        case Kind::Function:
        case Kind::BoundMethod:
        case Kind::Builtin:
        case Kind::Class:
        case Kind::HostMethod: return Value::boolean(true);
        case Kind::Instance: return Value::boolean(classAttr(a[0].as<InstanceObject>()->cls, "__call__").has_value() ||
                                                   a[0].as<InstanceObject>()->host);
        case Kind::Host: return Value::boolean(true);
        default: return a[0].isUnevaluated() ? opaque() : Value::boolean(false);
        }
    }
    if (name == "type" && a.size() == 1) {
        if (a[0].is(Kind::Instance))
            return Value(static_cast<Object *>(a[0].as<InstanceObject>()->cls));
        const std::string t = typeName(a[0]);
        if (isTypeName(t))
            return builtins_.at(t);
        return opaque();
    }
    if ((name == "staticmethod" || name == "classmethod" || name == "property") && a.size() >= 1) {
        const auto type = name == "staticmethod"  ? WrapperObject::Type::StaticMethod
                          : name == "classmethod" ? WrapperObject::Type::ClassMethod
                                                  : WrapperObject::Type::Property;
        return Value(heap_.make<WrapperObject>(type, args.positional[0].value));
    }
    if (name == "functools.partial" && !a.empty()) {
        // partial(f, *args, **kw): a tuple (f, args, kw) behind a builtin that merges them when called
        const Value frozen = tuple({args.positional[0].value,
                                    tuple(std::vector<Value>(a.begin() + 1, a.end()), line), [&] {
                                        const Value d = dict(line);
                                        for (const auto &[k, x] : args.keywords)
                                            dictSet(d, str(k), x.value, line);
                                        return d;
                                    }()},
                                   line);
        return Value(heap_.make<BuiltinObject>("__partial__", frozen));
    }
    if (name == "functools.reduce" && a.size() >= 2) {
        std::string why;
        auto items = iterate(a[1], site, &why);
        if (!items)
            return opaque();
        Value acc;
        size_t start = 0;
        if (a.size() == 3) {
            acc = a[2];
        } else {
            if (items->empty())
                return opaque();
            acc = (*items)[0];
            start = 1;
        }
        for (size_t i = start; i < items->size(); ++i) {
            CallArgs two;
            two.positional = {{acc, nullptr}, {(*items)[i], nullptr}};
            acc = call(args.positional[0].value, two, site);
        }
        return acc;
    }
    if ((name == "operator.mul" || name == "operator.add") && a.size() == 2)
        return binary(name == "operator.mul" ? "*" : "+", args.positional[0].value, args.positional[1].value, site);
    if ((name == "copy.deepcopy" || name == "copy.copy") && a.size() >= 1) {
        const Value v = args.positional[0].value;
        if (v.is(Kind::List))
            return list(v.items(), line);
        if (v.is(Kind::Dict)) {
            const Value d = dict(line);
            for (const auto &[k, x] : v.as<DictObject>()->entries)
                dictSet(d, k, x, line);
            return d;
        }
        return v; // immutable values, and objects whose copies the model would not tell apart
    }
    if (name == "collections.OrderedDict" || name == "dict") {
        if (a.size() > 1)
            return opaque();
        const Value d = dict(line);
        if (!a.empty()) {
            const Value &src = a[0];
            if (src.is(Kind::Dict)) {
                for (const auto &[k, x] : src.as<DictObject>()->entries)
                    dictSet(d, k, x, line);
            } else {
                std::string why;
                auto pairs = iterate(src, site, &why);
                if (!pairs)
                    return unknown(std::string(name == "dict" ? "dict" : "OrderedDict") + "(" +
                                       (args.positional[0].expr ? shortText(*args.positional[0].expr) : "…") + ")" +
                                       lineRef(line) + ": " + why,
                                   line);
                for (const auto &p : *pairs) {
                    std::string w2;
                    auto kv = iterate(p, site, &w2);
                    if (!kv || kv->size() != 2)
                        return unknown("OrderedDict(...)" + lineRef(line) + " expects (name, value) pairs", line);
                    dictSet(d, (*kv)[0], (*kv)[1], line);
                }
            }
        }
        for (const auto &[k, x] : args.keywords)
            dictSet(d, str(k), x.value, line);
        return d;
    }
    if (name == "open" || name == "input" || name == "eval" || name == "exec" || name == "__import__" ||
        name == "globals" || name == "locals" || name == "vars")
        return unknown(shortText(site) + lineRef(line) +
                           " needs the running program (files, input or evaluation), which ConvLens does not read",
                       line);
    if (isExceptionName(name)) {
        std::string msg = name;
        if (!a.empty())
            msg += ": " + toStr(a[0]);
        return unknown(msg, line);
    }
    for (const auto &v : a)
        if (v.isUnevaluated())
            return unknown("`" + sourceText(site) + "`" + lineRef(line) + " cannot be evaluated: " + whyNotValue(v),
                           line);
    const auto isNum = [](const Value &v) { return v.isNumber(); };
    if (name == "len" && a.size() == 1) {
        const Value obj = args.positional[0].value;
        if (HostObject *h = obj.host(); h && !h->plainValue()) {
            if (auto n = h->length(*this, site))
                return Value::integer(*n);
            return opaque();
        }
        if (obj.is(Kind::Instance)) {
            auto *inst = obj.as<InstanceObject>();
            if (auto m = classAttr(inst->cls, "__len__"); m && m->is(Kind::Function)) {
                CallArgs none;
                return callFunction(m->as<FunctionObject>(), &obj, none, site);
            }
            if (inst->host)
                if (auto n = inst->host->length(*this, site))
                    return Value::integer(*n);
            return opaque();
        }
        if (a[0].isSeq())
            return Value::integer(std::int64_t(a[0].items().size()));
        if (a[0].is(Kind::Dict) || a[0].is(Kind::Set))
            return Value::integer(std::int64_t(a[0].as<DictObject>()->entries.size()));
        if (a[0].is(Kind::Str))
            return Value::integer(std::int64_t(a[0].str().size()));
        if (a[0].is(Kind::Range))
            return Value::integer(a[0].as<RangeObject>()->length());
        return opaque();
    }
    if (name == "int" && !a.empty() && a.size() <= 2) {
        if (a.size() == 1 && (a[0].is(Kind::Int) || a[0].is(Kind::Bool)))
            return Value::integer(a[0].intOf());
        if (a.size() == 1 && a[0].is(Kind::Float) && std::isfinite(a[0].asFloat()) && std::fabs(a[0].asFloat()) < 9.2e18)
            return Value::integer(std::int64_t(a[0].asFloat()));
        if (a[0].is(Kind::Str)) {
            int base = 10;
            if (a.size() == 2) {
                if (!a[1].is(Kind::Int) || a[1].asInt() < 2 || a[1].asInt() > 36)
                    return opaque();
                base = int(a[1].asInt());
            }
            std::int64_t v = 0;
            std::string s = a[0].str();
            s.erase(0, s.find_first_not_of(" \t"));
            s.erase(s.find_last_not_of(" \t\n") + 1);
            if (!s.empty() && s[0] == '+')
                s.erase(0, 1);
            auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v, base);
            if (ec == std::errc() && p == s.data() + s.size())
                return Value::integer(v);
        }
        return opaque();
    }
    if (name == "float" && a.size() <= 1) {
        if (a.empty())
            return Value::number(0.0);
        if (isNum(a[0]))
            return Value::number(a[0].numberOf());
        if (a[0].is(Kind::Str)) {
            std::string s = toLower(a[0].str());
            s.erase(0, s.find_first_not_of(" \t"));
            s.erase(s.find_last_not_of(" \t\n") + 1);
            if (s == "inf" || s == "+inf" || s == "infinity")
                return Value::number(HUGE_VAL);
            if (s == "-inf" || s == "-infinity")
                return Value::number(-HUGE_VAL);
            if (s == "nan")
                return Value::number(std::numeric_limits<double>::quiet_NaN());
            double d = 0;
            auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
            if (ec == std::errc() && p == s.data() + s.size())
                return Value::number(d);
        }
        return opaque();
    }
    if (name == "str" && a.size() <= 1) {
        if (a.empty())
            return str({});
        if (a[0].is(Kind::Symbol) || a[0].is(Kind::Host) || a[0].is(Kind::Instance))
            return opaque();
        std::string s = toStr(a[0]);
        if (s.size() > limits_.maxStringBytes)
            return opaque();
        return str(std::move(s));
    }
    if (name == "repr" && a.size() == 1) {
        if (a[0].is(Kind::Symbol) || a[0].is(Kind::Host) || a[0].is(Kind::Instance))
            return opaque();
        return str(repr(a[0]));
    }
    if (name == "format" && !a.empty() && a.size() <= 2) {
        const auto s = formatSpec(a[0], a.size() == 2 && a[1].is(Kind::Str) ? a[1].str() : std::string());
        return s ? str(*s) : opaque();
    }
    if (name == "bool" && a.size() <= 1) {
        if (a.empty())
            return Value::boolean(false);
        const auto t = truth(a[0]);
        return t ? Value::boolean(*t) : opaque();
    }
    if ((name == "tuple" || name == "list" || name == "set" || name == "frozenset" || name == "iter") && a.size() <= 1) {
        if (a.empty())
            return name == "tuple" ? tuple({}, line) : name == "list" ? list({}, line)
                                                                      : Value(heap_.make<DictObject>(Kind::Set));
        std::string why;
        auto items = iterate(args.positional[0].value, site, &why);
        if (!items)
            return unknown(shortText(site) + lineRef(line) + " could not be evaluated: " + why, line);
        if (name == "set" || name == "frozenset") {
            const Value s(heap_.make<DictObject>(Kind::Set));
            for (const auto &x : *items)
                dictSet(s, x, Value::none(), line);
            return s;
        }
        return seq(name == "tuple" ? Kind::Tuple : Kind::List, std::move(*items), line);
    }
    if (name == "range" && !a.empty() && a.size() <= 3) {
        std::int64_t start = 0, stop = 0, stride = 1;
        for (const auto &v : a)
            if (!v.is(Kind::Int) && !v.is(Kind::Bool))
                return opaque();
        if (a.size() == 1)
            stop = a[0].intOf();
        else
            start = a[0].intOf(), stop = a[1].intOf();
        if (a.size() == 3)
            stride = a[2].intOf();
        if (stride == 0)
            return opaque();
        return Value(heap_.make<RangeObject>(start, stop, stride));
    }
    if (name == "slice" && !a.empty() && a.size() <= 3) {
        if (a.size() == 1)
            return Value(heap_.make<SliceObject>(Value(), a[0], Value()));
        return Value(heap_.make<SliceObject>(a[0], a[1], a.size() == 3 ? a[2] : Value()));
    }
    if (name == "zip" || name == "enumerate" || name == "reversed" || name == "sorted" || name == "map" ||
        name == "filter" || name == "any" || name == "all") {
        const size_t firstIterable = name == "map" || name == "filter" ? 1 : 0;
        if (a.size() <= firstIterable)
            return name == "zip" ? list({}, line) : opaque();
        std::vector<std::vector<Value>> lists;
        for (size_t i = firstIterable; i < args.positional.size(); ++i) {
            std::string why;
            auto items = iterate(args.positional[i].value, site, &why);
            if (!items)
                return unknown(shortText(site) + lineRef(line) + " could not be evaluated: " + why, line);
            lists.push_back(std::move(*items));
        }
        std::vector<Value> out;
        if (name == "zip") {
            size_t n = std::numeric_limits<size_t>::max();
            for (const auto &l : lists)
                n = std::min(n, l.size());
            for (size_t i = 0; i < n; ++i) {
                std::vector<Value> row;
                for (const auto &l : lists)
                    row.push_back(l[i]);
                out.push_back(tuple(std::move(row), line));
            }
        } else if (name == "enumerate") {
            std::int64_t start = 0;
            if (a.size() >= 2 && a[1].is(Kind::Int))
                start = a[1].asInt();
            else if (auto s = kw("start"); s && s->is(Kind::Int))
                start = s->asInt();
            for (size_t i = 0; i < lists[0].size(); ++i)
                out.push_back(tuple({Value::integer(start + std::int64_t(i)), lists[0][i]}, line));
        } else if (name == "reversed") {
            out.assign(lists[0].rbegin(), lists[0].rend());
        } else if (name == "any" || name == "all") {
            const bool any = name == "any";
            for (const auto &x : lists[0]) {
                const auto t = truth(x);
                if (!t)
                    return opaque();
                if (*t == any)
                    return Value::boolean(any);
            }
            return Value::boolean(!any);
        } else if (name == "map") {
            const size_t n = lists.empty() ? 0 : std::min_element(lists.begin(), lists.end(), [](auto &x, auto &y) {
                                                     return x.size() < y.size();
                                                 })->size();
            for (size_t i = 0; i < n; ++i) {
                CallArgs one;
                for (const auto &l : lists)
                    one.positional.push_back({l[i], nullptr});
                out.push_back(call(args.positional[0].value, one, site));
            }
        } else if (name == "filter") {
            for (const auto &x : lists[0]) {
                Value keep = x;
                if (!args.positional[0].value.isNone()) {
                    CallArgs one;
                    one.positional.push_back({x, nullptr});
                    keep = call(args.positional[0].value, one, site);
                }
                const auto t = truth(keep);
                if (!t)
                    return opaque();
                if (*t)
                    out.push_back(x);
            }
        } else { // sorted
            std::vector<std::pair<Value, Value>> keyed;
            const auto key = args.keyword("key");
            for (const auto &x : lists[0]) {
                Value k = x;
                if (key && !key->value.isNone()) {
                    CallArgs one;
                    one.positional.push_back({x, nullptr});
                    k = plain(call(key->value, one, site));
                }
                if (!k.isNumber() && !k.is(Kind::Str))
                    return opaque();
                keyed.emplace_back(k, x);
            }
            const bool mixed = std::any_of(keyed.begin(), keyed.end(), [&](auto &p) { return p.first.kind() != keyed[0].first.kind() && !(p.first.isNumber() && keyed[0].first.isNumber()); });
            if (mixed)
                return opaque();
            std::stable_sort(keyed.begin(), keyed.end(), [](const auto &x, const auto &y) {
                if (x.first.is(Kind::Str))
                    return x.first.str() < y.first.str();
                return x.first.numberOf() < y.first.numberOf();
            });
            if (auto r = kw("reverse"); r && truth(*r).value_or(false))
                std::reverse(keyed.begin(), keyed.end());
            for (auto &p : keyed)
                out.push_back(p.second);
        }
        return list(std::move(out), line);
    }
    if ((name == "max" || name == "min" || name == "sum" || name == "math.prod" || name == "numpy.prod") && !a.empty()) {
        std::vector<Value> items;
        if (a.size() == 1 || name == "sum") {
            std::string why;
            auto it = iterate(a[0], site, &why);
            if (!it)
                return opaque();
            items = std::move(*it);
        } else {
            items = a;
        }
        for (auto &v : items)
            v = plain(v);
        if (items.empty()) {
            if (name == "sum")
                return a.size() >= 2 ? a[1] : Value::integer(0);
            if (name == "math.prod" || name == "numpy.prod")
                return Value::integer(1);
            if (auto d = kw("default"))
                return *d;
            return opaque();
        }
        const auto key = args.keyword("key");
        if ((name == "max" || name == "min") && key && !key->value.isNone()) {
            Value best;
            Value bestKey;
            for (const auto &v : items) {
                CallArgs one;
                one.positional.push_back({v, nullptr});
                const Value k = plain(call(key->value, one, site));
                if (!k.isNumber())
                    return opaque();
                if (bestKey.isNone() || (name == "max" ? k.numberOf() > bestKey.numberOf() : k.numberOf() < bestKey.numberOf())) {
                    best = v;
                    bestKey = k;
                }
            }
            return best;
        }
        bool allInt = true, allStr = true;
        for (const auto &v : items) {
            allStr = allStr && v.is(Kind::Str);
            if (!isNum(v) && !allStr)
                return opaque();
            allInt = allInt && !v.is(Kind::Float);
        }
        if (allStr && (name == "max" || name == "min")) {
            const Value *best = &items[0];
            for (const auto &v : items)
                if (name == "max" ? v.str() > best->str() : v.str() < best->str())
                    best = &v;
            return *best;
        }
        if (allStr)
            return opaque();
        if (name == "sum" || name == "math.prod" || name == "numpy.prod") {
            const bool product = name != "sum";
            Value start = name == "sum" && a.size() >= 2 ? a[1] : Value::integer(product ? 1 : 0);
            if (!isNum(start))
                return opaque();
            if (allInt && !start.is(Kind::Float)) {
                std::int64_t s = start.intOf();
                for (const auto &v : items)
                    if (product ? __builtin_mul_overflow(s, v.intOf(), &s) : __builtin_add_overflow(s, v.intOf(), &s))
                        return opaque();
                return Value::integer(s);
            }
            double s = start.numberOf();
            for (const auto &v : items)
                s = product ? s * v.numberOf() : s + v.numberOf();
            return Value::number(s);
        }
        const Value *best = &items[0];
        for (const auto &v : items)
            if (name == "max" ? v.numberOf() > best->numberOf() : v.numberOf() < best->numberOf())
                best = &v;
        return best->is(Kind::Bool) ? Value::integer(best->intOf()) : *best;
    }
    if (name == "abs" && a.size() == 1 && isNum(a[0])) {
        if (a[0].is(Kind::Float))
            return Value::number(std::fabs(a[0].asFloat()));
        const std::int64_t i = a[0].intOf();
        if (i == std::numeric_limits<std::int64_t>::min())
            return opaque();
        return Value::integer(i < 0 ? -i : i);
    }
    if (name == "round" && !a.empty() && isNum(a[0])) {
        if (a.size() == 1 || a[1].isNone()) {
            const double r = std::nearbyint(a[0].numberOf()); // Python rounds half to even, as nearbyint does
            if (!std::isfinite(r) || std::fabs(r) >= 9.2e18)
                return opaque();
            return Value::integer(std::int64_t(r));
        }
        if (a[1].is(Kind::Int) && a[1].asInt() >= 0 && a[1].asInt() < 16) {
            if (!a[0].is(Kind::Float))
                return Value::integer(a[0].intOf());
            const double scale = std::pow(10.0, double(a[1].asInt()));
            return Value::number(std::nearbyint(a[0].asFloat() * scale) / scale);
        }
        return opaque();
    }
    if ((name == "divmod") && a.size() == 2 && isNum(a[0]) && isNum(a[1])) {
        const Value q = binary("//", a[0], a[1], site), m = binary("%", a[0], a[1], site);
        if (q.is(Kind::Unknown))
            return q;
        return tuple({q, m}, line);
    }
    if ((name == "pow" || name == "math.pow") && a.size() == 2)
        return binary("**", name == "math.pow" ? Value::number(a[0].numberOf()) : a[0], a[1], site);
    if (name == "ord" && a.size() == 1 && a[0].is(Kind::Str) && a[0].str().size() == 1)
        return Value::integer(static_cast<unsigned char>(a[0].str()[0]));
    if (name == "chr" && a.size() == 1 && a[0].is(Kind::Int) && a[0].asInt() >= 0 && a[0].asInt() < 128)
        return str(std::string(1, char(a[0].asInt())));
    if (name == "math.gcd") {
        std::int64_t g = 0;
        for (const auto &v : a) {
            if (!v.is(Kind::Int) && !v.is(Kind::Bool))
                return opaque();
            g = std::gcd(g, v.intOf());
        }
        return Value::integer(g);
    }
    if (name == "math.isclose" && a.size() == 2 && isNum(a[0]) && isNum(a[1]))
        return Value::boolean(std::fabs(a[0].numberOf() - a[1].numberOf()) <=
                              std::max(1e-9 * std::max(std::fabs(a[0].numberOf()), std::fabs(a[1].numberOf())), 0.0));
    if (name.rfind("math.", 0) == 0 || name.rfind("numpy.", 0) == 0) {
        const std::string fn = name.substr(name.find('.') + 1);
        if (a.size() == 2 && fn == "log" && isNum(a[0]) && isNum(a[1]))
            return Value::number(std::log(a[0].numberOf()) / std::log(a[1].numberOf()));
        if (a.size() != 1 || !isNum(a[0]))
            return opaque();
        const double x = a[0].numberOf();
        const auto toInt = [&](double r) -> Value {
            if (!std::isfinite(r) || std::fabs(r) >= 9.2e18)
                return opaque();
            return Value::integer(std::int64_t(r));
        };
        const bool np = name.rfind("numpy.", 0) == 0; // numpy keeps floats: np.floor(2.5) is 2.0
        if (fn == "floor")
            return np ? Value::number(std::floor(x)) : a[0].is(Kind::Float) ? toInt(std::floor(x)) : Value::integer(a[0].intOf());
        if (fn == "ceil")
            return np ? Value::number(std::ceil(x)) : a[0].is(Kind::Float) ? toInt(std::ceil(x)) : Value::integer(a[0].intOf());
        if (fn == "trunc")
            return toInt(std::trunc(x));
        if (fn == "isqrt") {
            if (!a[0].is(Kind::Int) || a[0].asInt() < 0)
                return opaque();
            std::int64_t r = std::int64_t(std::sqrt(double(a[0].asInt())));
            while (r * r > a[0].asInt())
                --r;
            while ((r + 1) * (r + 1) <= a[0].asInt())
                ++r;
            return Value::integer(r);
        }
        double r = 0;
        if (fn == "sqrt")
            r = std::sqrt(x);
        else if (fn == "log")
            r = std::log(x);
        else if (fn == "log2")
            r = std::log2(x);
        else if (fn == "log10")
            r = std::log10(x);
        else if (fn == "exp")
            r = std::exp(x);
        else if (fn == "fabs")
            r = std::fabs(x);
        else if (fn == "radians")
            r = x * 3.14159265358979323846 / 180;
        else if (fn == "degrees")
            r = x * 180 / 3.14159265358979323846;
        else
            return opaque();
        if (std::isnan(r) && !std::isnan(x))
            return unknown("math domain error in " + shortText(site) + lineRef(line), line);
        return Value::number(r);
    }
    return opaque();
}

Value Evaluator::callTypeMethod(const Value &self0, const std::string &name, CallArgs &args, const Expr &site)
{
    const int line = site.line;
    const Value self = plain(self0);
    const auto opaque = [&] { return unknown(shortText(site) + lineRef(line) + " is not evaluated by ConvLens", line); };
    const std::vector<Value> a = positionalValues(args);
    const auto arg = [&](size_t i) -> const Value * { return i < a.size() ? &a[i] : nullptr; };
    switch (self.kind()) {
    case Kind::Str: {
        const std::string &s = self.str();
        if (name == "lower" || name == "upper") {
            std::string r = s;
            for (char &c : r)
                c = name == "lower" ? (c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c)
                                    : (c >= 'a' && c <= 'z' ? char(c - 'a' + 'A') : c);
            return str(std::move(r));
        }
        if (name == "capitalize" || name == "title") {
            std::string r = toLower(s);
            bool start = true;
            for (char &c : r) {
                if (start && c >= 'a' && c <= 'z')
                    c = char(c - 'a' + 'A');
                start = name == "title" ? !std::isalpha(static_cast<unsigned char>(c)) : false;
            }
            return str(std::move(r));
        }
        if (name == "strip" || name == "lstrip" || name == "rstrip") {
            const std::string chars = arg(0) && arg(0)->is(Kind::Str) ? arg(0)->str() : std::string(" \t\n\r");
            size_t b = name == "rstrip" ? 0 : s.find_first_not_of(chars);
            size_t e = name == "lstrip" ? s.size() - 1 : s.find_last_not_of(chars);
            if (b == std::string::npos || e == std::string::npos || (s.empty()))
                return str({});
            return str(s.substr(b, e - b + 1));
        }
        if ((name == "startswith" || name == "endswith") && arg(0) && arg(0)->is(Kind::Str)) {
            const std::string &x = arg(0)->str();
            const bool r = x.size() <= s.size() && (name == "startswith" ? s.compare(0, x.size(), x) == 0
                                                                         : s.compare(s.size() - x.size(), x.size(), x) == 0);
            return Value::boolean(r);
        }
        if (name == "replace" && arg(1) && arg(0)->is(Kind::Str) && arg(1)->is(Kind::Str) && !arg(0)->str().empty()) {
            std::string out;
            const std::string &from = arg(0)->str(), &to = arg(1)->str();
            size_t pos = 0;
            while (true) {
                const auto hit = s.find(from, pos);
                out += s.substr(pos, hit == std::string::npos ? std::string::npos : hit - pos);
                if (hit == std::string::npos)
                    break;
                out += to;
                if (out.size() > limits_.maxStringBytes)
                    return opaque();
                pos = hit + from.size();
            }
            return str(std::move(out));
        }
        if (name == "join" && arg(0)) {
            std::string why;
            auto items = iterate(args.positional[0].value, site, &why);
            if (!items)
                return opaque();
            std::string out;
            bool first = true;
            for (const auto &e : *items) {
                const Value pe = plain(e);
                if (!pe.is(Kind::Str))
                    return opaque();
                if (!first)
                    out += s;
                out += pe.str();
                first = false;
                if (out.size() > limits_.maxStringBytes)
                    return opaque();
            }
            return str(std::move(out));
        }
        if (name == "split" && a.size() <= 2) {
            std::vector<Value> parts;
            if (!arg(0) || arg(0)->isNone()) {
                size_t i = 0;
                while (i < s.size()) {
                    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i])))
                        ++i;
                    size_t j = i;
                    while (j < s.size() && !std::isspace(static_cast<unsigned char>(s[j])))
                        ++j;
                    if (j > i)
                        parts.push_back(str(s.substr(i, j - i)));
                    i = j;
                }
            } else if (arg(0)->is(Kind::Str) && !arg(0)->str().empty()) {
                const std::string &sep = arg(0)->str();
                size_t pos = 0;
                while (true) {
                    const auto hit = s.find(sep, pos);
                    parts.push_back(str(s.substr(pos, hit == std::string::npos ? std::string::npos : hit - pos)));
                    if (hit == std::string::npos)
                        break;
                    pos = hit + sep.size();
                }
            } else {
                return opaque();
            }
            return list(std::move(parts), line);
        }
        if ((name == "find" || name == "count" || name == "index") && arg(0) && arg(0)->is(Kind::Str)) {
            const std::string &x = arg(0)->str();
            if (name == "count") {
                if (x.empty())
                    return Value::integer(std::int64_t(s.size()) + 1);
                std::int64_t n = 0;
                for (size_t p = s.find(x); p != std::string::npos; p = s.find(x, p + x.size()))
                    ++n;
                return Value::integer(n);
            }
            const auto p = s.find(x);
            if (p == std::string::npos)
                return name == "find" ? Value::integer(-1) : opaque();
            return Value::integer(std::int64_t(p));
        }
        if (name == "isdigit" || name == "isalpha" || name == "isalnum") {
            bool r = !s.empty();
            for (char c : s)
                r = r && (name == "isdigit" ? std::isdigit(static_cast<unsigned char>(c))
                          : name == "isalpha" ? std::isalpha(static_cast<unsigned char>(c))
                                              : std::isalnum(static_cast<unsigned char>(c)));
            return Value::boolean(r);
        }
        if (name == "zfill" && arg(0) && arg(0)->is(Kind::Int)) {
            const std::int64_t w = std::min<std::int64_t>(arg(0)->asInt(), 10000);
            std::string r = s;
            if (std::int64_t(r.size()) < w)
                r.insert(r.size() && (r[0] == '-' || r[0] == '+') ? 1 : 0, size_t(w) - r.size(), '0');
            return str(std::move(r));
        }
        if (name == "format")
            return strFormat(s, args, site);
        return opaque();
    }
    case Kind::List: {
        auto &items = self.items();
        if (name == "append" && a.size() == 1) {
            if (items.size() >= limits_.maxItems)
                fail(site, tx(QT_TRANSLATE_NOOP("convlens::core", "a list built here has more than %1 elements"),
                              {std::to_string(limits_.maxItems)}));
            heap_.charge(sizeof(Value));
            items.push_back(args.positional[0].value);
            return Value::none();
        }
        if (name == "extend" && a.size() == 1) {
            std::string why;
            auto more = iterate(args.positional[0].value, site, &why);
            if (!more)
                return unknown(shortText(site) + lineRef(line) + ": " + why, line);
            if (items.size() + more->size() > limits_.maxItems)
                fail(site, tx(QT_TRANSLATE_NOOP("convlens::core", "a list built here has more than %1 elements"),
                              {std::to_string(limits_.maxItems)}));
            heap_.charge(more->size() * sizeof(Value));
            items.insert(items.end(), more->begin(), more->end());
            return Value::none();
        }
        if (name == "insert" && a.size() == 2 && (a[0].is(Kind::Int) || a[0].is(Kind::Bool))) {
            std::int64_t i = a[0].intOf();
            const auto n = std::int64_t(items.size());
            i = i < 0 ? std::max<std::int64_t>(0, i + n) : std::min(i, n);
            heap_.charge(sizeof(Value));
            items.insert(items.begin() + long(i), args.positional[1].value);
            return Value::none();
        }
        if (name == "pop" && a.size() <= 1) {
            if (items.empty())
                return opaque();
            std::int64_t i = a.empty() ? -1 : a[0].intOf();
            if (i < 0)
                i += std::int64_t(items.size());
            if (i < 0 || i >= std::int64_t(items.size()))
                return opaque();
            const Value v = items[size_t(i)];
            items.erase(items.begin() + long(i));
            return v;
        }
        if ((name == "remove" || name == "index" || name == "count") && a.size() == 1) {
            std::int64_t count = 0;
            for (size_t i = 0; i < items.size(); ++i) {
                const auto q = equal(items[i], a[0]);
                if (!q)
                    return opaque();
                if (!*q)
                    continue;
                if (name == "remove") {
                    items.erase(items.begin() + long(i));
                    return Value::none();
                }
                if (name == "index")
                    return Value::integer(std::int64_t(i));
                ++count;
            }
            return name == "count" ? Value::integer(count) : opaque();
        }
        if (name == "copy" && a.empty())
            return list(items, line);
        if (name == "reverse" && a.empty()) {
            std::reverse(items.begin(), items.end());
            return Value::none();
        }
        if (name == "clear" && a.empty()) {
            items.clear();
            return Value::none();
        }
        if (name == "sort") {
            CallArgs sortArgs;
            sortArgs.positional.push_back({self, nullptr});
            sortArgs.keywords = args.keywords;
            const Value sorted = callBuiltinFunction("sorted", sortArgs, site);
            if (!sorted.is(Kind::List))
                return sorted;
            items = sorted.items();
            return Value::none();
        }
        return opaque();
    }
    case Kind::Tuple: {
        const auto &items = self.items();
        if ((name == "index" || name == "count") && a.size() == 1) {
            std::int64_t count = 0;
            for (size_t i = 0; i < items.size(); ++i) {
                const auto q = equal(items[i], a[0]);
                if (!q)
                    return opaque();
                if (*q && name == "index")
                    return Value::integer(std::int64_t(i));
                count += *q;
            }
            return name == "count" ? Value::integer(count) : opaque();
        }
        return opaque();
    }
    case Kind::Dict: {
        auto *d = self.as<DictObject>();
        if (name == "get" && arg(0)) {
            if (auto v = dictGet(self, a[0]))
                return *v;
            return arg(1) ? args.positional[1].value : Value::none();
        }
        if (name == "keys" || name == "values" || name == "items") {
            std::vector<Value> out;
            for (const auto &[k, v] : d->entries) {
                if (name == "keys")
                    out.push_back(k);
                else if (name == "values")
                    out.push_back(v);
                else
                    out.push_back(tuple({k, v}, line));
            }
            charge(long(out.size()) / 8, line);
            return list(std::move(out), line);
        }
        if (name == "copy") {
            const Value c = dict(line);
            for (const auto &[k, v] : d->entries)
                dictSet(c, k, v, line);
            return c;
        }
        if (name == "update") {
            if (arg(0)) {
                if (!a[0].is(Kind::Dict))
                    return opaque();
                for (const auto &[k, v] : a[0].as<DictObject>()->entries)
                    dictSet(self, k, v, line);
            }
            for (const auto &[k, v] : args.keywords)
                dictSet(self, str(k), v.value, line);
            return Value::none();
        }
        if (name == "setdefault" && arg(0)) {
            if (auto v = dictGet(self, a[0]))
                return *v;
            const Value v = arg(1) ? args.positional[1].value : Value::none();
            dictSet(self, a[0], v, line);
            return v;
        }
        if (name == "pop" && arg(0)) {
            for (size_t i = 0; i < d->entries.size(); ++i)
                if (equal(d->entries[i].first, a[0]).value_or(false)) {
                    const Value v = d->entries[i].second;
                    d->entries.erase(d->entries.begin() + long(i));
                    reindex(*d, [this](const Value &k) { return hashOf(k); });
                    return v;
                }
            return arg(1) ? args.positional[1].value : opaque();
        }
        return opaque();
    }
    case Kind::Set: {
        if ((name == "add" || name == "discard" || name == "remove") && a.size() == 1) {
            if (name == "add") {
                dictSet(self, args.positional[0].value, Value::none(), line);
                return Value::none();
            }
            auto *d = self.as<DictObject>();
            for (size_t i = 0; i < d->entries.size(); ++i)
                if (equal(d->entries[i].first, a[0]).value_or(false)) {
                    d->entries.erase(d->entries.begin() + long(i));
                    reindex(*d, [this](const Value &k) { return hashOf(k); });
                    break;
                }
            return Value::none();
        }
        if (name == "update" && a.size() == 1) {
            std::string why;
            auto items = iterate(args.positional[0].value, site, &why);
            if (!items)
                return opaque();
            for (const auto &x : *items)
                dictSet(self, x, Value::none(), line);
            return Value::none();
        }
        return opaque();
    }
    case Kind::Float:
        if (name == "is_integer" && a.empty())
            return Value::boolean(std::isfinite(self.asFloat()) && self.asFloat() == std::floor(self.asFloat()));
        return opaque();
    default: return opaque();
    }
}

} // namespace convlens::py
