// text.cpp — tx(): core's readable words in the UI's language.
#include "model/text.h"

#include <QCoreApplication>

namespace convlens {

std::string tx(const char *source, std::initializer_list<std::string> args)
{
    const std::string text = QCoreApplication::translate("convlens::core", source).toStdString();
    std::string out;
    out.reserve(text.size() + 16);
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '%' && i + 1 < text.size() && text[i + 1] >= '1' && text[i + 1] <= '9') {
            const size_t k = size_t(text[i + 1] - '1');
            if (k < args.size()) {
                out += *(args.begin() + k);
                ++i;
                continue;
            }
        }
        out += c;
    }
    return out;
}

} // namespace convlens
