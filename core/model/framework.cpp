// framework.cpp — framework names and shape spellings.
#include "model/framework.h"

namespace convlens {

std::string_view frameworkName(Framework f)
{
    return f == Framework::Keras ? "keras" : "pytorch";
}

std::string shapeToString(const Shape &s, Framework f)
{
    std::string out = f == Framework::Keras ? "(None" : "[1";
    for (std::int64_t d : s)
        out += ", " + std::to_string(d);
    return out + (f == Framework::Keras ? ")" : "]");
}

std::string shapeTuple(const Shape &s)
{
    std::string out = "(";
    for (size_t i = 0; i < s.size(); ++i)
        out += (i ? ", " : "") + std::to_string(s[i]);
    return out + (s.size() == 1 ? ",)" : ")");
}

} // namespace convlens
