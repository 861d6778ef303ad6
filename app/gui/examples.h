// examples.h — the bundled example models (resources/examples/*.py, compiled in as Qt resources so an installed app
// has them; the source tree is the fallback while developing).
#pragma once

#include "formats/model_file.h"

#include <QList>
#include <QString>

namespace convlens {

struct ExampleInfo {
    QString id;    // file stem and --example NAME: "autoencoder"
    QString title; // menu text
};

QList<ExampleInfo> examples();
QString exampleTitle(const QString &id); // empty if unknown
// The example's file in the resources folder: its `<id>.weights/` folder beside it holds trained weights (the
// autoencoder and LeNet-5 have them; core/setup finds them from this path).
QString exampleModelPath(const QString &id);
// Loads an example by id; an unknown id is a LoadError naming the known ones.
LoadResult loadExample(const QString &id);

} // namespace convlens
