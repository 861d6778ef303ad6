// load.cpp — LoadError's "file:line:column: message" spelling.
#include "model/load.h"

namespace convlens {

std::string LoadError::toString() const
{
    std::string out = file;
    if (line > 0) {
        if (!out.empty())
            out += ':';
        out += std::to_string(line);
        if (column > 0) {
            out += ':';
            out += std::to_string(column);
        }
    }
    if (!out.empty())
        out += ": ";
    out += message;
    return out;
}

LoadResult LoadResult::failure(const std::string &file, int line, int column, std::string message)
{
    LoadResult r;
    r.error = LoadError{file, line, column, std::move(message)};
    return r;
}

} // namespace convlens
