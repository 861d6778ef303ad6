// settings.h — every remembered preference, typed, with its default (STYLE.md §11). Widgets never spell a
// QSettings key.
#pragma once

#include <QByteArray>
#include <QSettings>
#include <QSize>
#include <QStringList>

namespace convlens {

class Settings
{
public:
    Settings();                              // the user's settings (organisation/application name)
    explicit Settings(const QString &iniFile); // a specific file (tests)

    // The window and its docks, remembered per screen size ("1920x1080", the screen's available area): a layout made
    // for a large monitor is not forced onto a laptop screen, and comes back when the monitor does.
    QByteArray windowGeometry(const QString &screen) const;
    void setWindowGeometry(const QString &screen, const QByteArray &g);
    QByteArray windowState(const QString &screen) const;
    void setWindowState(const QString &screen, const QByteArray &s);

    static constexpr int maxRecentFiles = 8;
    QStringList recentFiles() const;
    void addRecentFile(const QString &path);  // most recent first, no duplicates, at most maxRecentFiles
    void removeRecentFile(const QString &path);

    bool diagramLogScale() const;             // default: linear
    void setDiagramLogScale(bool on);

    QString lastDirectory() const;            // for file dialogs; default: home
    void setLastDirectory(const QString &dir);

    // Teach ▸ Export step: the frame size of animations, slides and contact-sheet thumbnails' aspect; default a
    // 1920×1080 slide.
    QSize exportSize() const;
    void setExportSize(const QSize &size);

    // View ▸ Presentation: the pixel size of the text (Ctrl+= / Ctrl+-); the cells' numbers grow with it. Default 22,
    // kept within the bounds below.
    static constexpr int kMinPresentationTextPx = 12, kMaxPresentationTextPx = 72, kDefaultPresentationTextPx = 22;
    int presentationTextPx() const;
    void setPresentationTextPx(int px);

    // View ▸ Language: "" follows the system locale, else "en" or "zh_CN" (language.h).
    QString language() const;
    void setLanguage(const QString &language);

    void sync() { m_settings.sync(); }

private:
    QSettings m_settings;
};

} // namespace convlens
