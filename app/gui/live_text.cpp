// live_text.cpp — composing a LiveText in the language installed now.
#include "live_text.h"

#include <QCoreApplication>

namespace convlens {

QString LiveText::text() const
{
    if (!source)
        return args.value(0);
    const QString message = QCoreApplication::translate(context, source);
    // One multi-argument call: an argument holding "%1" (a file name) is not substituted again.
    switch (args.size()) {
    case 0:
        return message;
    case 1:
        return message.arg(args[0]);
    case 2:
        return message.arg(args[0], args[1]);
    default:
        return message.arg(args[0], args[1], args[2]);
    }
}

} // namespace convlens
