// host.cpp — what a host object does when its host does not say otherwise: nothing, so that the evaluator falls
// back to Python's behaviour for an object without the feature.
#include "python/host.h"

#include "python/evaluator.h"

namespace convlens::py {

const Arg *CallArgs::keyword(std::string_view k) const
{
    for (const auto &kw : keywords)
        if (kw.first == k)
            return &kw.second;
    return nullptr;
}

std::optional<Value> HostObject::getAttr(Evaluator &, const std::string &, const Expr &)
{
    return std::nullopt;
}

bool HostObject::setAttr(Evaluator &, const std::string &, const Value &, const Expr &)
{
    return false;
}

std::optional<Value> HostObject::call(Evaluator &, CallArgs &, const Expr &)
{
    return std::nullopt;
}

std::optional<Value> HostObject::callMethod(Evaluator &ev, const std::string &name, LazyArgs &args, const Expr &call)
{
    const auto attr = getAttr(ev, name, call);
    if (!attr)
        return std::nullopt;
    return ev.call(*attr, args.get(), call);
}

std::optional<Value> HostObject::binary(Evaluator &, const std::string &, const Value &, bool, const Expr &)
{
    return std::nullopt;
}

std::optional<Value> HostObject::unary(Evaluator &, const std::string &, const Expr &)
{
    return std::nullopt;
}

std::optional<Value> HostObject::getItem(Evaluator &, const Value &, const Expr &)
{
    return std::nullopt;
}

bool HostObject::setItem(Evaluator &, const Value &, const Value &, const Expr &)
{
    return false;
}

std::optional<std::vector<Value>> HostObject::iterate(Evaluator &, const Expr &)
{
    return std::nullopt;
}

std::optional<std::vector<Value>> HostObject::unpack(Evaluator &ev, std::size_t, const Expr &at)
{
    return iterate(ev, at);
}

std::optional<std::int64_t> HostObject::length(Evaluator &, const Expr &)
{
    return std::nullopt;
}

std::optional<bool> HostObject::truth(Evaluator &)
{
    return true; // Python objects are true unless they say otherwise
}

std::optional<bool> HostObject::isInstance(Evaluator &, const Value &)
{
    return std::nullopt;
}

HostObject *HostObject::instantiateSubclass(Evaluator &, InstanceObject *, const Expr &)
{
    return nullptr;
}

HostObject *Host::hostClass(Evaluator &, const std::string &, const Expr &)
{
    return nullptr;
}

Value Host::callUnevaluated(Evaluator &ev, const Value &callee, CallArgs &, const Expr &call)
{
    if (callee.is(Kind::Unknown))
        return callee;
    return ev.unknown(shortText(call) + (call.line > 0 ? " (line " + std::to_string(call.line) + ")" : "") +
                          " is not evaluated by ConvLens",
                      call.line);
}

} // namespace convlens::py
