// value.h — ParamValue: one parameter value as written in Python code or a project file
// (None, bool, int, float, string, or a possibly nested tuple of those).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace convlens {

struct ParamValue;
using ParamList = std::vector<ParamValue>;

struct ParamValue {
    using Storage = std::variant<std::monostate, bool, std::int64_t, double, std::string, ParamList>;
    Storage v;

    ParamValue() = default;
    ParamValue(bool b) : v(b) {}
    ParamValue(int i) : v(std::int64_t{i}) {}
    ParamValue(std::int64_t i) : v(i) {}
    ParamValue(double d) : v(d) {}
    ParamValue(const char *s) : v(std::string(s)) {}
    ParamValue(std::string s) : v(std::move(s)) {}
    ParamValue(ParamList l) : v(std::move(l)) {}
    static ParamValue ints(std::initializer_list<std::int64_t> xs);

    bool isNone() const { return std::holds_alternative<std::monostate>(v); }
    bool isBool() const { return std::holds_alternative<bool>(v); }
    bool isInt() const { return std::holds_alternative<std::int64_t>(v); }
    bool isFloat() const { return std::holds_alternative<double>(v); }
    bool isNumber() const { return isInt() || isFloat(); }
    bool isString() const { return std::holds_alternative<std::string>(v); }
    bool isList() const { return std::holds_alternative<ParamList>(v); }

    bool asBool() const { return std::get<bool>(v); }
    std::int64_t asInt() const { return std::get<std::int64_t>(v); }
    double asNumber() const { return isInt() ? double(asInt()) : std::get<double>(v); }
    const std::string &asString() const { return std::get<std::string>(v); }
    const ParamList &asList() const { return std::get<ParamList>(v); }

    // A flat list of ints (a tuple like (3, 3)); nullopt if this is not one.
    std::optional<std::vector<std::int64_t>> intList() const;

    // Python spelling: None, True, 3, 0.5, 'same', (3, 3), ((1, 2), (0, 0))
    std::string toPython() const;

    bool operator==(const ParamValue &o) const { return v == o.v; }
};

} // namespace convlens
