// weights_dir.cpp — the weights directory: one .npy per array, named as the framework names it (DESIGN.md).
#include "formats/weights_dir.h"

#include "formats/npy.h"
#include "model/text.h"

#include <QDir>
#include <QFileInfo>

#include <set>

namespace convlens {

namespace {

// The file prefix of a layer's arrays: its state_dict prefix for a PyTorch module (so `layer1.0.conv1.weight.npy`,
// and a module called twice reads the same files), else its name.
const std::string &filePrefix(const LayerReport &l, Framework f)
{
    return f == Framework::PyTorch && !l.modulePath.empty() ? l.modulePath : l.name;
}

} // namespace

WeightsDirResult loadWeightsDir(const std::string &dir, const ShapeReport &report)
{
    WeightsDirResult r;
    const QDir d(QString::fromStdString(dir));
    if (!d.exists()) {
        r.errors.push_back(tx(QT_TRANSLATE_NOOP("convlens::core", "%1: no such directory"), {dir}));
        return r;
    }
    std::set<std::string> used;
    for (const LayerReport &l : report.layers) {
        for (const WeightSpec &s : expectedWeights(l, report.framework)) {
            const std::string file = weightFileName(filePrefix(l, report.framework), s.name);
            const std::string path = d.filePath(QString::fromStdString(file)).toStdString();
            used.insert(file);
            if (!QFileInfo::exists(QString::fromStdString(path))) {
                r.errors.push_back(
                    tx(QT_TRANSLATE_NOOP("convlens::core", "%1: missing — layer '%2' needs its '%3' of shape %4"),
                       {path, l.name, s.name, shapeTuple(s.shape)}));
                continue;
            }
            std::string err;
            auto header = readNpyHeader(path, &err);
            if (!header) {
                r.errors.push_back(err);
                continue;
            }
            if (header->kind != 'f') {
                r.errors.push_back(
                    tx(QT_TRANSLATE_NOOP(
                           "convlens::core",
                           "%1: layer '%2', weight '%3': dtype '%4' refused (weights must be float32 or float64)"),
                       {path, l.name, s.name, header->descr}));
                continue;
            }
            if (header->fortranOrder && header->shape.size() > 1) {
                r.errors.push_back(tx(
                    QT_TRANSLATE_NOOP("convlens::core",
                                      "%1: layer '%2', weight '%3': Fortran-order array refused (save it in C order)"),
                    {path, l.name, s.name}));
                continue;
            }
            if (header->shape != s.shape) {
                r.errors.push_back(
                    tx(QT_TRANSLATE_NOOP("convlens::core", "%1: layer '%2', weight '%3': expected shape %4, found %5"),
                       {path, l.name, s.name, shapeTuple(s.shape), shapeTuple(header->shape)}));
                continue;
            }
            auto arr = readNpy(path, &err);
            if (!arr) {
                r.errors.push_back(err);
                continue;
            }
            r.weights.layers[l.name][s.name] = NdArray{arr->header.shape, std::move(arr->values)};
        }
    }
    for (const QString &name : d.entryList({QStringLiteral("*.npy")}, QDir::Files, QDir::Name))
        if (!used.count(name.toStdString()))
            r.ignored.push_back(name.toStdString());
    return r;
}

bool saveWeightsDir(const WeightSet &set, const ShapeReport &report, const std::string &dir, std::string *error,
                    bool everyLayer)
{
    if (!QDir().mkpath(QString::fromStdString(dir))) {
        if (error)
            *error = tx(QT_TRANSLATE_NOOP("convlens::core", "%1: cannot create the directory"), {dir});
        return false;
    }
    const QDir d(QString::fromStdString(dir));
    if (auto problems = checkWeights(set, report); !problems.empty() && everyLayer) {
        if (error)
            *error = problems.front();
        return false;
    }
    for (const LayerReport &l : report.layers) {
        const auto specs = expectedWeights(l, report.framework);
        if (!everyLayer && !set.layers.count(l.name))
            continue;
        if (!everyLayer) {
            const auto &held = set.layers.at(l.name);
            for (const WeightSpec &s : specs)
                if (!held.count(s.name)) {
                    if (error)
                        *error =
                            tx(QT_TRANSLATE_NOOP("convlens::core", "%1: no '%2' array to write"), {l.name, s.name});
                    return false;
                }
        }
        for (const WeightSpec &s : specs) {
            const NdArray &a = set.layers.at(l.name).at(s.name);
            const std::string path =
                d.filePath(QString::fromStdString(weightFileName(filePrefix(l, report.framework), s.name))).toStdString();
            if (!writeNpy(path, a.shape, a.data, error))
                return false;
        }
        if (report.framework == Framework::PyTorch && l.op == Op::BatchNorm && !specs.empty()) {
            const std::int64_t zero = 0;
            const std::string path =
                d.filePath(QString::fromStdString(weightFileName(filePrefix(l, report.framework), "num_batches_tracked")))
                    .toStdString();
            if (!writeNpyInt64(path, {}, std::span<const std::int64_t>(&zero, 1), error))
                return false;
        }
    }
    return true;
}

} // namespace convlens
