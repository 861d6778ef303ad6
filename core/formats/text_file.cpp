// text_file.cpp — see text_file.h.
#include "formats/text_file.h"

#include "importers/python_code.h"
#include "model/text.h"

#include <QFile>

namespace convlens {

std::string readTextFile(const std::string &path, QByteArray *data)
{
    QFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::ReadOnly))
        return tx(QT_TRANSLATE_NOOP("convlens::core", "cannot open the file: %1"), {file.errorString().toStdString()});
    if (file.size() > kMaxSourceBytes)
        return tx(QT_TRANSLATE_NOOP("convlens::core", "the file is larger than 16 MiB"));
    // QIODevice::read(n) allocates n bytes before it reads (a 16 MiB block per file made fuzz_keras_file spend 60 %
    // of its time in ASan's allocator): ask for the size, plus one byte that shows a file grown since, or one that
    // reports no size (/proc); then read on up to the limit plus one.
    const qint64 first = (file.isSequential() ? kMaxSourceBytes : file.size()) + 1;
    *data = file.read(first);
    if (data->size() == first && first <= kMaxSourceBytes)
        *data += file.read(kMaxSourceBytes + 1 - first);
    if (data->size() > kMaxSourceBytes)
        return tx(QT_TRANSLATE_NOOP("convlens::core", "the file is larger than 16 MiB"));
    if (file.error() != QFileDevice::NoError)
        return tx(QT_TRANSLATE_NOOP("convlens::core", "cannot read the file: %1"), {file.errorString().toStdString()});
    return {};
}

} // namespace convlens
