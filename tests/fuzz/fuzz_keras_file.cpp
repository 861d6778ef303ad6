// fuzz_keras_file.cpp — libFuzzer target for the Keras file readers: the input is written to a file in a fresh
// temporary folder, named by its first bytes (HDF5 signature → .h5, zip "PK" → .keras, else .json), and opened as a
// model and, when it loads, for its weights (and as a weights-only file). Nothing may crash, hang or allocate beyond
// the budget; any refusal is fine as long as it says why.
// Seed corpus corpus/keras_file/: the bad keras_* files of tests/golden/files/bad and the smallest golden files.
#include "formats/keras_model.h"
#include "fuzz_support.h"
#include "shape/infer.h"

#include <QTemporaryDir>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    convlens::fuzz::ensureApp();
    static QTemporaryDir dir;
    const char *ext = ".json";
    if (size >= 8 && std::memcmp(data, "\x89HDF\r\n\x1a\n", 8) == 0)
        ext = ".h5";
    else if (size >= 2 && data[0] == 'P' && data[1] == 'K')
        ext = ".keras";
    const std::string path = dir.filePath(QStringLiteral("input")).toStdString() + ext;
    std::FILE *f = std::fopen(path.c_str(), "wb");
    if (!f)
        return 0;
    if (size > 0) // fwrite(nullptr, …, 0) is undefined behaviour, and an empty input may come as a null pointer
        std::fwrite(data, 1, size, f);
    std::fclose(f);
    const convlens::LoadResult r = convlens::loadKerasModel(path);
    convlens::fuzz::requireMessage(r.ok(), r.error ? r.error->message : std::string(), "loadKerasModel");
    if (r.ok()) {
        const convlens::ShapeReport report = convlens::infer(*r.graph);
        (void)convlens::loadKerasWeights(path, report);
        if (std::strcmp(ext, ".h5") == 0)
            (void)convlens::loadKerasWeightsFile(path, {}, report);
    }
    std::remove(path.c_str());
    return 0;
}
