// settings.cpp — QSettings keys and defaults in one place.
#include "settings.h"

#include <QDir>

namespace convlens {

namespace {
const QString kGeometry = QStringLiteral("window/geometry");
const QString kState = QStringLiteral("window/state");
const QString kRecent = QStringLiteral("files/recent");
const QString kLastDir = QStringLiteral("files/lastDirectory");
const QString kLogScale = QStringLiteral("diagram/logScale");
} // namespace

Settings::Settings() : m_settings(QStringLiteral("ConvLens"), QStringLiteral("ConvLens")) {}
Settings::Settings(const QString &iniFile) : m_settings(iniFile, QSettings::IniFormat) {}

QByteArray Settings::windowGeometry() const { return m_settings.value(kGeometry).toByteArray(); }
void Settings::setWindowGeometry(const QByteArray &g) { m_settings.setValue(kGeometry, g); }
QByteArray Settings::windowState() const { return m_settings.value(kState).toByteArray(); }
void Settings::setWindowState(const QByteArray &s) { m_settings.setValue(kState, s); }

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

} // namespace convlens
