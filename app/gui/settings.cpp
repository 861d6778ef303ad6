// settings.cpp — QSettings keys and defaults in one place.
#include "settings.h"

#include <algorithm>

#include <QDir>

namespace convlens {

namespace {
QString geometryKey(const QString &screen)
{
    return QStringLiteral("window/%1/geometry").arg(screen);
}
QString stateKey(const QString &screen)
{
    return QStringLiteral("window/%1/state").arg(screen);
}
const QString kRecent = QStringLiteral("files/recent");
const QString kLastDir = QStringLiteral("files/lastDirectory");
const QString kLogScale = QStringLiteral("diagram/logScale");
const QString kExportSize = QStringLiteral("teach/exportSize");
const QString kPresentationTextPx = QStringLiteral("teach/presentationTextPx");
const QString kLanguage = QStringLiteral("ui/language");
} // namespace

Settings::Settings() : m_settings(QStringLiteral("ConvLens"), QStringLiteral("ConvLens")) {}
Settings::Settings(const QString &iniFile) : m_settings(iniFile, QSettings::IniFormat) {}

QByteArray Settings::windowGeometry(const QString &screen) const
{
    return m_settings.value(geometryKey(screen)).toByteArray();
}
void Settings::setWindowGeometry(const QString &screen, const QByteArray &g)
{
    m_settings.setValue(geometryKey(screen), g);
}
QByteArray Settings::windowState(const QString &screen) const
{
    return m_settings.value(stateKey(screen)).toByteArray();
}
void Settings::setWindowState(const QString &screen, const QByteArray &s)
{
    m_settings.setValue(stateKey(screen), s);
}

QStringList Settings::recentFiles() const
{
    return m_settings.value(kRecent).toStringList();
}

void Settings::addRecentFile(const QString &path)
{
    QStringList files = recentFiles();
    files.removeAll(path);
    files.prepend(path);
    while (files.size() > maxRecentFiles)
        files.removeLast();
    m_settings.setValue(kRecent, files);
}

void Settings::removeRecentFile(const QString &path)
{
    QStringList files = recentFiles();
    files.removeAll(path);
    m_settings.setValue(kRecent, files);
}

bool Settings::diagramLogScale() const { return m_settings.value(kLogScale, false).toBool(); }
void Settings::setDiagramLogScale(bool on) { m_settings.setValue(kLogScale, on); }

QString Settings::lastDirectory() const { return m_settings.value(kLastDir, QDir::homePath()).toString(); }
void Settings::setLastDirectory(const QString &dir) { m_settings.setValue(kLastDir, dir); }

QSize Settings::exportSize() const
{
    const QSize s = m_settings.value(kExportSize, QSize(1920, 1080)).toSize();
    return s.width() >= 64 && s.height() >= 64 && s.width() <= 8192 && s.height() <= 8192 ? s : QSize(1920, 1080);
}
void Settings::setExportSize(const QSize &size) { m_settings.setValue(kExportSize, size); }

int Settings::presentationTextPx() const
{
    bool ok = false;
    const int px = m_settings.value(kPresentationTextPx, kDefaultPresentationTextPx).toInt(&ok);
    return ok ? std::clamp(px, kMinPresentationTextPx, kMaxPresentationTextPx) : kDefaultPresentationTextPx;
}
void Settings::setPresentationTextPx(int px)
{
    m_settings.setValue(kPresentationTextPx, std::clamp(px, kMinPresentationTextPx, kMaxPresentationTextPx));
}

QString Settings::language() const
{
    return m_settings.value(kLanguage).toString();
}
void Settings::setLanguage(const QString &language)
{
    m_settings.setValue(kLanguage, language);
}

} // namespace convlens
