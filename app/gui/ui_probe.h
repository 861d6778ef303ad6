// ui_probe.h — where the window's widgets are, for the scripts that drive the real app with X11 events
// (tests/gui/x11/). Qt widgets are not X windows, so xdotool cannot find a button or a layer row by itself: with
// CONVLENS_UI_PROBE=FILE in the environment, the main window writes, twice a second, one line per named visible
// widget (its screen rectangle and text), per layer row of the list and the summary, per tab, plus the focus widget
// and the window title — the script reads the file to know where to click and what the window now says. Without the
// variable nothing runs.
#pragma once

#include <QObject>
#include <QString>

class QMainWindow;
class QTimer;

namespace convlens {

class MainWindow;

class UiProbe : public QObject {
    Q_OBJECT
public:
    // Starts writing when CONVLENS_UI_PROBE is set; otherwise does nothing.
    static void attachIfRequested(MainWindow *window);

private:
    UiProbe(MainWindow *window, const QString &path);
    void write();

    MainWindow *m_window;
    QString m_path;
    QTimer *m_timer;
};

} // namespace convlens
