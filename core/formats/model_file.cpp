// model_file.cpp — the ModelFormat list and loadModelFile: size limits, reading the bytes once, and the choice of
// format.

#include "formats/model_file.h"

#include "formats/keras_model.h"
#include "formats/onnx_model.h"
#include "formats/text_file.h"
#include "importers/python_code.h"
#include "model/text.h"

#include <QFile>
#include <QFileInfo>

namespace convlens {

namespace {

bool readText(const std::string &path, QByteArray *data, LoadResult *failed)
{
    if (std::string why = readTextFile(path, data); !why.empty()) {
        *failed = LoadResult::failure(path, 0, 0, why);
        return false;
    }
    return true;
}

bool hasSuffix(const std::string &path, const char *suffix)
{
    return QFileInfo(QString::fromStdString(path)).suffix().compare(QLatin1String(suffix), Qt::CaseInsensitive) == 0;
}

const ModelFormat kFormats[] = {
    // Before the project format: a Keras `.json` is told from a project by its first bytes.
    {"Keras model", "*.keras *.h5 *.hdf5 *.json",
     [](const std::string &path, std::string_view head) { return isKerasFile(path, head); },
     [](const std::string &path, const LoadOptions &opts) { return loadKerasModel(path, opts); }},
    {"ConvLens project", "*.json",
     [](const std::string &path, std::string_view) { return hasSuffix(path, "json"); },
     [](const std::string &path, const LoadOptions &opts) {
         QByteArray data;
         LoadResult failed;
         if (!readText(path, &data, &failed))
             return failed;
         return loadProjectJson(std::string_view(data.constData(), size_t(data.size())), path, opts);
     }},
    {"ONNX model", "*.onnx",
     [](const std::string &path, std::string_view) { return isOnnxFile(path); },
     [](const std::string &path, const LoadOptions &opts) { return loadOnnxModel(path, opts); }},
    {"Python code", "*.py *.txt",
     [](const std::string &, std::string_view) { return true; },
     [](const std::string &path, const LoadOptions &opts) {
         QByteArray data;
         LoadResult failed;
         if (!readText(path, &data, &failed))
             return failed;
         return importPythonCode(std::string_view(data.constData(), size_t(data.size())), path, opts);
     }},
};

} // namespace

std::span<const ModelFormat> modelFormats()
{
    return kFormats;
}

LoadResult loadModelFile(const std::string &path, const LoadOptions &opts)
{
    QFile file(QString::fromStdString(path));
    std::string head;
    if (file.open(QIODevice::ReadOnly))
        head = file.read(64).toStdString();
    for (const ModelFormat &f : modelFormats())
        if (f.supports(path, head))
            return f.load(path, opts);
    return LoadResult::failure(path, 0, 0, tx(QT_TRANSLATE_NOOP("convlens::core", "no reader for this file")));
}

} // namespace convlens
