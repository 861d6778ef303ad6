// presentation.h — View ▸ Presentation (F11; Esc leaves): the main window full screen with one large view — the step
// player, the diagram or the feature maps — and one compact bar for the layer, the view, the step controls, the speed
// and the text size. Ctrl+= and Ctrl+- change the text, and with it the numbers in the player's cells, the formula and
// the arithmetic line, the diagram's boxes and labels, and the feature maps' tiles and labels; the size is remembered
// (Settings). The views refit themselves when the window is resized.
// Leaving restores the window as it was: docks, menu bar, status bar, tabs, geometry.
//
// Made for a 1280×720 projector: there the autoencoder's 7×7 max-pool layer shows its numbers at 28 px or more
// (tst_gui_presentation).
#pragma once

#include <QByteArray>
#include <QObject>
#include <QPointer>

class QAction;
class QComboBox;
class QLabel;
class QSlider;
class QToolBar;
class QToolButton;

namespace convlens {

class MainWindow;
class Settings;

class Presentation : public QObject
{
    Q_OBJECT
public:
    explicit Presentation(MainWindow *window);

    // View ▸ Presentation (F11), checkable; Larger text (Ctrl+=) and Smaller text (Ctrl+-), enabled while presenting.
    QAction *toggleAction() const { return m_toggle; }
    QAction *largerAction() const { return m_larger; }
    QAction *smallerAction() const { return m_smaller; }

    bool active() const { return m_active; }
    void setActive(bool on);
    void enter() { setActive(true); }
    void leave() { setActive(false); }

    // The text's pixel size in presentation mode (Settings::kMinPresentationTextPx … kMaxPresentationTextPx).
    int textPx() const { return m_textPx; }
    void setTextPx(int px);
    void larger();  // × 1.15
    void smaller(); // ÷ 1.15

    // The one view shown: "stepper", "diagram" or "maps".
    QString view() const;
    bool showView(const QString &view);

    QToolBar *bar() const { return m_bar; }
    // The bar's text size in pixels: three quarters of the text size, smaller when the bar would not fit the screen.
    int barTextPx() const { return m_barPx; }

    // Where the text size is remembered (the window's settings by default; null: not remembered).
    void useSettings(Settings *settings);

private:
    void buildBar();
    void applyText();
    void fitBar();
    void syncBar();
    bool eventFilter(QObject *watched, QEvent *event) override;

    MainWindow *m_window;
    Settings *m_settings = nullptr;
    bool m_active = false;
    int m_textPx = 22; // Settings::kDefaultPresentationTextPx

    QAction *m_toggle = nullptr, *m_larger = nullptr, *m_smaller = nullptr;
    QList<QPointer<QAction>> m_suspended; // the window's own Ctrl+- / Ctrl++ zoom, off while presenting
    QByteArray m_geometry, m_state;
    Qt::WindowStates m_windowStates;
    bool m_menuBarShown = true, m_statusBarShown = true;

    QToolBar *m_bar = nullptr;
    QComboBox *m_layer = nullptr, *m_viewBox = nullptr;
    QToolButton *m_play = nullptr;
    QLabel *m_step = nullptr, *m_speedLabel = nullptr;
    QSlider *m_speed = nullptr;
    bool m_syncing = false;
    int m_barPx = 0;
};

} // namespace convlens
