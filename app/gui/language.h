// language.h — the UI's language (Qt Linguist, resources/translations/): the system locale's, unless View ▸ Language
// overrides it. The translations are compiled with lrelease at build time and embedded as ":/i18n/convlens_<lang>.qm";
// Qt's own (standard dialog buttons) come from Qt's translations folder when it has them. convlens-cli installs none
// and stays English; core's words (the quiz, the solver's notes) go through QCoreApplication::translate and follow.
#pragma once

#include <QString>
#include <QStringList>

class QCoreApplication;
class QMenu;

namespace convlens {

class MainWindow;

// The languages the UI has: "en" (the source) and the translations ("zh_CN").
QStringList uiLanguages();
// The language to use for a setting ("" = the system locale's; "en"; "zh_CN"): a translation when the setting or the
// system locale asks for one we have, else "en".
QString resolveUiLanguage(const QString &setting);
// Installs the translators for `language` into `app` in place of the ones installed before (none for "en"); Qt then
// sends every widget QEvent::LanguageChange. False when the translation is missing (the UI is then English).
bool installUiLanguage(QCoreApplication *app, const QString &language);
// The language installUiLanguage installed last ("en" before any).
QString installedUiLanguage();
// View ▸ Language: System / English / 中文（简体）, checked as the window's settings say; a choice applies at once
// (the windows retranslate themselves on QEvent::LanguageChange) and is remembered. Without settings (tests) nothing
// is remembered.
QMenu *createLanguageMenu(MainWindow *window);

} // namespace convlens
