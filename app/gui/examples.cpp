// examples.cpp — example list and loading from the resource (or the source tree).
#include "examples.h"

#include "importers/python_code.h"

#include <QFile>
#include <QStringList>

namespace convlens {

QList<ExampleInfo> examples()
{
    // Built at each call: the titles are in the language installed now (View ▸ Language switches it live).
    return {
        {QStringLiteral("autoencoder"), QObject::tr("Convolutional autoencoder (MNIST 28×28)")},
        {QStringLiteral("unet_same"), QObject::tr("U-Net (padding='same')")},
        {QStringLiteral("unet_valid"), QObject::tr("U-Net, original (valid, 572×572)")},
        {QStringLiteral("lenet5"), QObject::tr("LeNet-5")},
        {QStringLiteral("vgg16"), QObject::tr("VGG16")},
    };
}

QString exampleTitle(const QString &id)
{
    for (const auto &e : examples())
        if (e.id == id)
            return e.title;
    return {};
}

QString exampleModelPath(const QString &id)
{
    return QStringLiteral(CONVLENS_RESOURCES_DIR "/examples/") + id + QStringLiteral(".py");
}

LoadResult loadExample(const QString &id)
{
    const QString fileName = id + QStringLiteral(".py");
    if (exampleTitle(id).isEmpty()) {
        QStringList ids;
        for (const auto &e : examples())
            ids << e.id;
        LoadResult r;
        r.error = LoadError{id.toStdString(), 0, 0,
                            "unknown example '" + id.toStdString() + "'; expected one of " +
                                ids.join(QStringLiteral(", ")).toStdString()};
        return r;
    }
    const QStringList candidates{QStringLiteral(":/examples/") + fileName,
                                 QStringLiteral(CONVLENS_RESOURCES_DIR "/examples/") + fileName};
    for (const QString &path : candidates) {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            continue;
        const QByteArray code = f.readAll();
        return importPythonCode(std::string_view(code.constData(), size_t(code.size())), fileName.toStdString());
    }
    LoadResult r;
    r.error = LoadError{fileName.toStdString(), 0, 0, "the example file is missing from this build"};
    return r;
}

} // namespace convlens
