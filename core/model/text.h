// text.h — the words of core's messages that a person reads beside the framework's own text: a formula's
// explanation, a fix, the step player's notes. They are English here, in the CLI and in the tests, and the UI's
// language in the app: QCoreApplication::translate finds the app's translator (context "convlens::core"). The
// framework's error text itself stays as the framework writes it.
#pragma once

#include <QtGlobal> // QT_TRANSLATE_NOOP, with which each call site marks its text for lupdate

#include <initializer_list>
#include <string>

namespace convlens {

// tx(QT_TRANSLATE_NOOP("convlens::core", "use groups dividing %1"), {str(c)}): the translated text with %1, %2, …
// replaced by `args` in order (one pass: an argument's own "%1" is never replaced again).
std::string tx(const char *source, std::initializer_list<std::string> args = {});

} // namespace convlens
