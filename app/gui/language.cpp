// language.cpp — choosing and installing the UI translation.
#include "language.h"

#include "main_window.h"
#include "settings.h"

#include <QAction>
#include <QActionGroup>
#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QMenu>
#include <QPointer>
#include <QTranslator>

namespace convlens {

namespace {
// The translation context of the menu ("Language" in the .ts files).
class Language
{
    Q_DECLARE_TR_FUNCTIONS(Language)
};
} // namespace

QStringList uiLanguages()
{
    return {QStringLiteral("en"), QStringLiteral("zh_CN")};
}

QString resolveUiLanguage(const QString &setting)
{
    if (uiLanguages().contains(setting))
        return setting;
    // Chinese in any script or region reads the simplified translation (zh_TW and zh_HK readers read it too; better
    // than English for most of them).
    for (const QString &name : QLocale::system().uiLanguages())
        if (name.startsWith(u"zh"))
            return QStringLiteral("zh_CN");
    return QStringLiteral("en");
}

namespace {
struct Installed {
    QString language = QStringLiteral("en");
    QList<QPointer<QTranslator>> translators;
};
Installed &installed()
{
    static Installed i;
    return i;
}
} // namespace

bool installUiLanguage(QCoreApplication *app, const QString &language)
{
    Installed &now = installed();
    for (const QPointer<QTranslator> &t : std::as_const(now.translators))
        if (t) {
            QCoreApplication::removeTranslator(t);
            delete t;
        }
    now.translators.clear();
    now.language = QStringLiteral("en");
    if (language == u"en")
        return true;
    auto *mine = new QTranslator(app);
    if (!mine->load(QStringLiteral(":/i18n/convlens_%1.qm").arg(language))) {
        delete mine;
        return false;
    }
    QCoreApplication::installTranslator(mine);
    now.translators.append(mine);
    auto *qt = new QTranslator(app);
    if (qt->load(QStringLiteral("qtbase_%1").arg(language), QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt);
        now.translators.append(qt);
    } else {
        delete qt;
    }
    now.language = language;
    return true;
}

QString installedUiLanguage()
{
    return installed().language;
}

QMenu *createLanguageMenu(MainWindow *window)
{
    Settings *settings = window->settings();
    auto *menu = new QMenu(Language::tr("&Language"), window);
    menu->setObjectName(QStringLiteral("languageMenu"));
    auto *group = new QActionGroup(menu);
    const QString current = settings ? settings->language() : QString();
    // Each language in its own name, so a reader of either finds theirs.
    const QList<std::pair<QString, QString>> choices{
        {QString(), Language::tr("System language")},
        {QStringLiteral("en"), QStringLiteral("English")},
        {QStringLiteral("zh_CN"), QStringLiteral("中文（简体）")}};
    for (const auto &[code, label] : choices) {
        QAction *a = menu->addAction(label);
        a->setCheckable(true);
        a->setChecked(code == current);
        a->setData(code);
        group->addAction(a);
        QObject::connect(a, &QAction::triggered, menu, [window, code = code] {
            if (Settings *s = window->settings())
                s->setLanguage(code);
            const QString language = resolveUiLanguage(code);
            if (language != installedUiLanguage() && !installUiLanguage(QCoreApplication::instance(), language))
                window->prompts()->warn(window, Language::tr("Language"),
                                        Language::tr("This build has no %1 translation; the UI stays English.")
                                            .arg(language));
        });
    }
    return menu;
}

} // namespace convlens
