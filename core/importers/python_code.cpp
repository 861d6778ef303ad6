// python_code.cpp — framework detection, syntax errors with their position, and the choice between the Keras and
// PyTorch recorders.
#include "importers/python_code.h"

#include "importers/recorder.h"
#include "model/text.h"
#include "python/parser.h"

#include <cctype>

namespace convlens {

Framework detectFramework(std::string_view source)
{
    const py::TokenStream ts = py::tokenize(source);
    const auto &t = ts.tokens;
    for (size_t i = 0; i < t.size(); ++i) {
        if (t[i].kind != py::TokenKind::Name)
            continue;
        if (t[i].text == "torch" || t[i].text == "torchvision")
            return Framework::PyTorch;
        // `nn.Conv2d`, but not `tf.nn.relu`
        const bool dotAfter = i + 1 < t.size() && t[i + 1].kind == py::TokenKind::Op && t[i + 1].text == ".";
        const bool dotBefore = i > 0 && t[i - 1].kind == py::TokenKind::Op && t[i - 1].text == ".";
        if (t[i].text == "nn" && dotAfter && !dotBefore)
            return Framework::PyTorch;
    }
    if (ts.error) { // the tokens stop at the error: look at the raw text for the rest
        const std::string_view rest = source;
        if (rest.find("torch") != std::string_view::npos)
            return Framework::PyTorch;
        for (size_t p = rest.find("nn."); p != std::string_view::npos; p = rest.find("nn.", p + 1))
            if (p == 0 || (rest[p - 1] != '.' && rest[p - 1] != '_' && !std::isalnum(static_cast<unsigned char>(rest[p - 1]))))
                return Framework::PyTorch;
    }
    return Framework::Keras;
}

LoadResult importPythonCode(std::string_view source, const std::string &fileName, const LoadOptions &opts)
{
    if ((long long)source.size() > kMaxSourceBytes)
        return LoadResult::failure(fileName, 0, 0,
                                   tx(QT_TRANSLATE_NOOP("convlens::core", "the code is larger than 16 MiB")));
    const py::Module module = py::parseModule(source);
    if (module.error)
        return LoadResult::failure(
            fileName, module.error->line, module.error->column,
            tx(QT_TRANSLATE_NOOP("convlens::core", "syntax error: %1"), {module.error->message}));
    const Framework f = opts.framework ? *opts.framework : detectFramework(source);
    return f == Framework::Keras ? importers::importKerasCode(module, fileName, opts)
                                 : importers::importTorchCode(module, fileName, opts);
}

} // namespace convlens
