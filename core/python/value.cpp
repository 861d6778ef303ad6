// value.cpp — accessors of Value and the arithmetic of ranges.
#include "python/value.h"

#include "python/host.h"

#include <limits>

namespace convlens::py {

Value::Value(Object *o) : kind_(o->kind), o_(o) {}

const std::string &Value::str() const
{
    static const std::string empty;
    switch (kind_) {
    case Kind::Str: return as<StrObject>()->text;
    case Kind::Symbol: return as<SymbolObject>()->path;
    case Kind::Unknown: return as<UnknownObject>()->why;
    default: return empty;
    }
}

std::vector<Value> &Value::items() const
{
    return as<SeqObject>()->items;
}

HostObject *Value::host() const
{
    return kind_ == Kind::Host ? as<HostObject>() : nullptr;
}

std::int64_t RangeObject::length() const
{
    // in unsigned 64-bit arithmetic: stop − start may not fit in a signed 64-bit value
    if (step > 0 ? start >= stop : start <= stop)
        return 0;
    const std::uint64_t span = step > 0 ? std::uint64_t(stop) - std::uint64_t(start)
                                        : std::uint64_t(start) - std::uint64_t(stop);
    const std::uint64_t s = step > 0 ? std::uint64_t(step) : std::uint64_t(0) - std::uint64_t(step);
    const std::uint64_t n = (span - 1) / s + 1;
    return n > std::uint64_t(std::numeric_limits<std::int64_t>::max()) ? std::numeric_limits<std::int64_t>::max()
                                                                        : std::int64_t(n);
}

} // namespace convlens::py
