// fuzz_weights_dir.cpp — a weights folder: the input is split into files (see README.md, "weights_dir input
// format"), written to a scratch folder and read against a small model that has conv, batch-norm and dense weights.
#include "fuzz_support.h"

#include "formats/weights_dir.h"
#include "importers/python_code.h"
#include "shape/infer.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <array>

namespace {

using namespace convlens;

// The arrays the model expects (and one it does not), so that most inputs reach the array checks.
constexpr std::array<const char *, 8> kNames = {
    "conv2d.kernel.npy", "conv2d.bias.npy",  "batch_normalization.gamma.npy", "batch_normalization.beta.npy",
    "batch_normalization.moving_mean.npy", "batch_normalization.moving_variance.npy", "dense.kernel.npy",
    "unrelated.npy"};

const ShapeReport &model()
{
    static const ShapeReport report = [] {
        const LoadResult r = importPythonCode(R"(import keras
from keras import layers
model = keras.Sequential([keras.Input(shape=(6, 6, 1)), layers.Conv2D(2, 3), layers.BatchNormalization(),
                          layers.Flatten(), layers.Dense(3, use_bias=False)])
)",
                                              "weights_model.py");
        if (!r.ok())
            std::abort();
        return infer(*r.graph);
    }();
    return report;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    fuzz::ensureApp();
    static QTemporaryDir dir;
    if (!dir.isValid())
        std::abort();
    for (const QString &f : QDir(dir.path()).entryList(QDir::Files))
        QFile::remove(dir.filePath(f));
    // Records: [name index: 1 byte][length: 2 bytes, little-endian][bytes]; a short tail is one last file.
    std::size_t at = 0;
    for (int files = 0; at < size && files < 16; ++files) {
        const char *name = kNames[data[at] % kNames.size()];
        std::size_t len = at + 3 <= size ? std::size_t(data[at + 1]) | std::size_t(data[at + 2]) << 8 : 0;
        at = std::min(at + 3, size);
        len = std::min(len, size - at);
        QFile f(dir.filePath(QString::fromLatin1(name)));
        if (f.open(QIODevice::WriteOnly | QIODevice::Append))
            f.write(reinterpret_cast<const char *>(data + at), qint64(len));
        at += len;
    }
    const WeightsDirResult r = loadWeightsDir(dir.path().toStdString(), model());
    for (const auto &e : r.errors)
        if (e.empty())
            std::abort();
    return 0;
}
