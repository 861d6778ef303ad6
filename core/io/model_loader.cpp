// model_loader.cpp — the entry points of model_loader.h for code and files: size limits, framework detection,
// syntax errors with their position, and the choice between the Keras and PyTorch importers.
#include "io/model_loader.h"

#include "io/python_import.h"
#include "io/python_parser.h"

#include <QFile>
#include <QFileInfo>

#include <cctype>

namespace convlens {

namespace {

constexpr qint64 kMaxSourceBytes = 16 << 20;

LoadResult failure(const std::string &file, int line, int column, std::string message)
{
    LoadResult r;
    r.error = LoadError{file, line, column, std::move(message)};
    return r;
}

} // namespace

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

Framework detectFramework(std::string_view source)
{
    const py::TokenStream ts = py::tokenize(source);
    const auto &t = ts.tokens;
    for (size_t i = 0; i < t.size(); ++i) {
        if (t[i].kind != py::TokenKind::Name)
            continue;
        if (t[i].text == "torch")
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
    if (qint64(source.size()) > kMaxSourceBytes)
        return failure(fileName, 0, 0, "the code is larger than 16 MiB");
    const py::Module module = py::parseModule(source);
    if (module.error)
        return failure(fileName, module.error->line, module.error->column, "syntax error: " + module.error->message);
    const Framework f = opts.framework ? *opts.framework : detectFramework(source);
    return f == Framework::Keras ? pyimport::importKerasCode(module, fileName, opts)
                                 : pyimport::importTorchCode(module, fileName, opts);
}

LoadResult loadModelFile(const std::string &path, const LoadOptions &opts)
{
    QFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::ReadOnly))
        return failure(path, 0, 0, "cannot open the file: " + file.errorString().toStdString());
    if (file.size() > kMaxSourceBytes)
        return failure(path, 0, 0, "the file is larger than 16 MiB");
    const QByteArray data = file.read(kMaxSourceBytes + 1); // size() is 0 for pipes: read at most one byte more
    if (data.size() > kMaxSourceBytes)
        return failure(path, 0, 0, "the file is larger than 16 MiB");
    if (file.error() != QFileDevice::NoError)
        return failure(path, 0, 0, "cannot read the file: " + file.errorString().toStdString());
    const std::string_view text(data.constData(), size_t(data.size()));
    if (QFileInfo(file.fileName()).suffix().compare(QStringLiteral("json"), Qt::CaseInsensitive) == 0)
        return loadProjectJson(text, path, opts);
    return importPythonCode(text, path, opts);
}

} // namespace convlens
