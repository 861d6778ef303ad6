// fuzz_onnx.cpp — libFuzzer target for the ONNX reader: the input is written to a file (the reader resolves
// external data relative to it, so the file sits alone in a fresh temporary folder) and opened as a model and as
// weights. Neither may crash, hang or allocate beyond what the file holds; any refusal is fine.
// Seed corpus corpus/onnx/: the bad files of tests/golden/files/bad and the smallest golden ONNX files.
#include "formats/onnx_model.h"
#include "shape/infer.h"

#include <QTemporaryDir>

#include <cstdint>
#include <cstdio>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static QTemporaryDir dir;
    const std::string path = dir.filePath(QStringLiteral("input.onnx")).toStdString();
    std::FILE *f = std::fopen(path.c_str(), "wb");
    if (!f)
        return 0;
    if (size > 0) // fwrite(nullptr, …, 0) is undefined behaviour, and an empty input may come as a null pointer
        std::fwrite(data, 1, size, f);
    std::fclose(f);
    const convlens::LoadResult r = convlens::loadOnnxModel(path);
    if (r.ok()) {
        (void)convlens::infer(*r.graph);
        (void)convlens::loadOnnxWeights(path);
    }
    return 0;
}
