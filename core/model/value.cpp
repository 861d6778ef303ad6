// value.cpp — ParamValue helpers: int-list view and Python spelling.
#include "model/value.h"

#include <cmath>
#include <sstream>

namespace convlens {

ParamValue ParamValue::ints(std::initializer_list<std::int64_t> xs)
{
    ParamList l;
    for (auto x : xs)
        l.emplace_back(x);
    return ParamValue(std::move(l));
}

std::optional<std::vector<std::int64_t>> ParamValue::intList() const
{
    if (!isList())
        return std::nullopt;
    std::vector<std::int64_t> out;
    for (const auto &e : asList()) {
        if (!e.isInt())
            return std::nullopt;
        out.push_back(e.asInt());
    }
    return out;
}

static std::string pythonFloat(double d)
{
    if (std::isnan(d))
        return "float('nan')";
    if (std::isinf(d))
        return d > 0 ? "float('inf')" : "float('-inf')";
    std::ostringstream os;
    os.precision(12);
    os << d;
    std::string s = os.str();
    if (s.find_first_of(".eE") == std::string::npos)
        s += ".0";
    return s;
}

std::string ParamValue::toPython() const
{
    if (isNone())
        return "None";
    if (isBool())
        return asBool() ? "True" : "False";
    if (isInt())
        return std::to_string(asInt());
    if (isFloat())
        return pythonFloat(std::get<double>(v));
    if (isString()) {
        std::string out = "'";
        for (char c : asString()) {
            if (c == '\'' || c == '\\')
                out += '\\';
            out += c;
        }
        return out + "'";
    }
    const auto &l = asList();
    std::string out = "(";
    for (size_t i = 0; i < l.size(); ++i) {
        if (i)
            out += ", ";
        out += l[i].toPython();
    }
    if (l.size() == 1)
        out += ",";
    return out + ")";
}

} // namespace convlens
