// golden_compare.h — what the golden tests (forward, ONNX, Keras files) share: an array against a real framework's
// output within 1e-4 × max|expected|, and reading a JSON truth file.
#pragma once

#include "formats/npy.h"
#include "model/framework.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

#include <algorithm>
#include <cmath>
#include <vector>

namespace convlens::golden {

inline QJsonObject readJson(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

// "" if `got` (framework order, no batch) matches `expected` (a batch of 1 first) within 1e-4 × max|expected|;
// else what differs, naming `tool` (the framework that made `expected`).
inline QString compareArrays(const std::vector<float> &got, const Shape &gotShape, const NpyArray &expected,
                             const QString &tool)
{
    Shape want = expected.header.shape;
    if (!want.empty() && want.front() == 1)
        want.erase(want.begin());
    if (want != gotShape)
        return QStringLiteral("shape %1, %2 says %3")
            .arg(QString::fromStdString(shapeTuple(gotShape)), tool, QString::fromStdString(shapeTuple(want)));
    double maxAbs = 0, maxErr = 0;
    size_t worst = 0;
    for (size_t i = 0; i < got.size(); ++i) {
        const double e = expected.values[i];
        maxAbs = std::max(maxAbs, std::abs(e));
        const double err = std::abs(double(got[i]) - e);
        if (!(err <= maxErr)) { // NaN counts as the worst
            maxErr = err;
            worst = i;
        }
    }
    if (!(maxErr <= 1e-4 * maxAbs))
        return QStringLiteral("max |error| %1 at flat index %2 (got %3, %4 %5); max |output| %6")
            .arg(maxErr)
            .arg(worst)
            .arg(got[worst])
            .arg(tool)
            .arg(expected.values[worst])
            .arg(maxAbs);
    return {};
}

} // namespace convlens::golden
