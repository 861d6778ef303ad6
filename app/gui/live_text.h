// live_text.h — a text composed from a translatable message and its arguments ("sample digit %1", "trained weights
// from %1"), kept as the message and the arguments so it can be composed again in the language installed now. Texts
// composed once (the input's name, the weights' source) live on in snapshots and labels; retranslate.h cannot look
// them up (a composed text is in no catalogue), so their owners keep a LiveText and call text() when they draw.
#pragma once

#include <QString>
#include <QStringList>

namespace convlens {

struct LiveText {
    const char *context = nullptr; // QCoreApplication::translate's context; null: a plain text, args.front()
    const char *source = nullptr;  // the message, marked for lupdate with QT_TRANSLATE_NOOP where it is written
    QStringList args;              // %1, %2, … in order

    static LiveText plain(const QString &text) { return {nullptr, nullptr, {text}}; }
    static LiveText message(const char *context, const char *source, const QStringList &args = {})
    {
        return {context, source, args};
    }
    QString text() const; // in the language installed now
    bool isEmpty() const { return !source && (args.isEmpty() || args.front().isEmpty()); }
    bool operator==(const LiveText &o) const { return text() == o.text(); }
};

} // namespace convlens
