// presentation.cpp — entering and leaving presentation mode, its bar, and the text size.
#include "presentation.h"

#include "diagram_view.h"
#include "feature_maps_view.h"
#include "layer_model.h"
#include "main_window.h"
#include "settings.h"
#include "step_player.h"

#include <QAction>
#include <QComboBox>
#include <QDockWidget>
#include <QEvent>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QScreen>
#include <QSlider>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QToolBar>
#include <QToolButton>

#include <algorithm>
#include <cmath>

namespace convlens {

namespace {

constexpr double kTextStep = 1.15;
constexpr int kMinBarPx = 13; // the bar's smallest text: a room still reads it

QFont pixelFont(int px)
{
    QFont f; // only the size is set: the family and the rest still come from the parent
    f.setPixelSize(px);
    return f;
}

} // namespace

Presentation::Presentation(MainWindow *window) : QObject(window), m_window(window)
{
    m_toggle = new QAction(tr("&Presentation"), this);
    m_toggle->setObjectName(QStringLiteral("presentationAction"));
    m_toggle->setCheckable(true);
    m_toggle->setShortcut(QKeySequence(Qt::Key_F11));
    m_toggle->setToolTip(tr("Full screen with one large view, for a projector (F11; Esc leaves)"));
    connect(m_toggle, &QAction::triggered, this, [this](bool on) { setActive(on); });

    m_larger = new QAction(tr("&Larger text"), this);
    m_larger->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Equal), QKeySequence(Qt::CTRL | Qt::Key_Plus)});
    m_larger->setEnabled(false);
    connect(m_larger, &QAction::triggered, this, &Presentation::larger);
    m_smaller = new QAction(tr("&Smaller text"), this);
    m_smaller->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Minus));
    m_smaller->setEnabled(false);
    connect(m_smaller, &QAction::triggered, this, &Presentation::smaller);

    auto *escape = new QAction(tr("Leave presentation"), this);
    escape->setShortcut(QKeySequence(Qt::Key_Escape));
    escape->setEnabled(false);
    connect(escape, &QAction::triggered, this, &Presentation::leave);
    connect(m_toggle, &QAction::toggled, escape, &QAction::setEnabled);

    // The menu bar is hidden while presenting: the window itself carries the shortcuts.
    for (QAction *a : {m_toggle, m_larger, m_smaller, escape})
        window->addAction(a);

    buildBar();
    useSettings(window->settings());
    window->installEventFilter(this); // a window (not full screen) resized: the bar fits it again
}

bool Presentation::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_window && event->type() == QEvent::Resize && m_active && !m_window->isFullScreen())
        fitBar();
    return QObject::eventFilter(watched, event);
}

void Presentation::useSettings(Settings *settings)
{
    m_settings = settings;
    m_textPx = settings ? settings->presentationTextPx() : Settings::kDefaultPresentationTextPx;
    applyText();
}

void Presentation::buildBar()
{
    m_bar = new QToolBar(tr("Presentation"), m_window);
    m_bar->setObjectName(QStringLiteral("presentationBar"));
    m_bar->setMovable(false);
    m_bar->setFloatable(false);
    m_bar->toggleViewAction()->setVisible(false);
    m_window->addToolBar(Qt::TopToolBarArea, m_bar);
    m_bar->hide();

    m_layer = new QComboBox(m_bar);
    m_layer->setObjectName(QStringLiteral("presentationLayer"));
    m_layer->setToolTip(tr("The layer shown"));
    m_layer->setModel(m_window->layerModel());
    m_layer->setModelColumn(LayerModel::NameColumn);
    // As wide as the longest name only while presenting: a hidden combo box sized to contents measured every name
    // after each model reset (a tenth of a second for a 100,000-layer chain).
    m_layer->setSizeAdjustPolicy(QComboBox::AdjustToContentsOnFirstShow);
    m_layer->setFocusPolicy(Qt::NoFocus); // the arrows and Space belong to the player
    connect(m_layer, &QComboBox::activated, this, [this](int row) {
        if (!m_syncing && row >= 0)
            m_window->selectLayer(m_window->layerModel()->layerName(row));
    });
    m_bar->addWidget(m_layer);

    m_viewBox = new QComboBox(m_bar);
    m_viewBox->setObjectName(QStringLiteral("presentationView"));
    m_viewBox->addItem(tr("Step player"), QStringLiteral("stepper"));
    m_viewBox->addItem(tr("Diagram"), QStringLiteral("diagram"));
    m_viewBox->addItem(tr("Feature maps"), QStringLiteral("maps"));
    m_viewBox->setFocusPolicy(Qt::NoFocus);
    connect(m_viewBox, &QComboBox::activated, this, [this](int i) {
        if (!m_syncing)
            showView(m_viewBox->itemData(i).toString());
    });
    m_bar->addWidget(m_viewBox);
    m_bar->addSeparator();

    StepPlayerView *player = m_window->stepPlayer();
    const auto button = [this](const QString &text, const QString &tip, const char *name) {
        auto *b = new QToolButton(m_bar);
        b->setText(text);
        b->setToolTip(tip);
        b->setObjectName(QString::fromLatin1(name));
        b->setFocusPolicy(Qt::NoFocus);
        b->setAutoRaise(true);
        m_bar->addWidget(b);
        return b;
    };
    connect(button(QStringLiteral("|◀"), tr("First step (Home)"), "presentationFirst"), &QToolButton::clicked, player,
            &StepPlayerView::firstStep);
    connect(button(QStringLiteral("◀"), tr("Step back (←)"), "presentationBack"), &QToolButton::clicked, player,
            [player] { player->stepBy(-1); });
    m_play = button(QStringLiteral("▶"), tr("Play / pause (Space)"), "presentationPlay");
    connect(m_play, &QToolButton::clicked, this, [this, player] {
        player->togglePlay();
        syncBar();
    });
    connect(button(QStringLiteral("▶▶"), tr("Step forward (→)"), "presentationForward"), &QToolButton::clicked, player,
            [player] { player->stepBy(1); });
    connect(button(QStringLiteral("▶|"), tr("Last step (End)"), "presentationLast"), &QToolButton::clicked, player,
            &StepPlayerView::lastStep);
    m_step = new QLabel(m_bar);
    m_step->setObjectName(QStringLiteral("presentationStep"));
    m_bar->addWidget(m_step);
    m_bar->addSeparator();

    m_speed = new QSlider(Qt::Horizontal, m_bar);
    m_speed->setObjectName(QStringLiteral("presentationSpeed"));
    m_speed->setRange(0, 300); // as the player's: 10^(v/100) steps per second
    m_speed->setFixedWidth(120);
    m_speed->setFocusPolicy(Qt::NoFocus);
    m_speed->setToolTip(tr("Steps per second"));
    connect(m_speed, &QSlider::valueChanged, this, [this](int v) {
        if (!m_syncing)
            m_window->stepPlayer()->setSpeed(std::pow(10.0, v / 100.0));
        syncBar();
    });
    m_bar->addWidget(m_speed);
    m_speedLabel = new QLabel(m_bar);
    m_bar->addWidget(m_speedLabel);
    m_bar->addSeparator();

    connect(button(QStringLiteral("A−"), tr("Smaller text (Ctrl+-)"), "presentationSmaller"), &QToolButton::clicked,
            this, &Presentation::smaller);
    connect(button(QStringLiteral("A+"), tr("Larger text (Ctrl+=)"), "presentationLarger"), &QToolButton::clicked,
            this, &Presentation::larger);
    auto *stretch = new QWidget(m_bar);
    stretch->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_bar->addWidget(stretch);
    connect(button(tr("Leave (Esc)"), tr("Leave presentation mode"), "presentationLeave"), &QToolButton::clicked, this,
            &Presentation::leave);

    connect(player, &StepPlayerView::stepChanged, this, &Presentation::syncBar);
    connect(m_window->selectionModel(), &QItemSelectionModel::currentChanged, this, &Presentation::syncBar);
    connect(m_window->viewTabs(), &QTabWidget::currentChanged, this, &Presentation::syncBar);
}

void Presentation::setActive(bool on)
{
    m_toggle->setChecked(on);
    if (on == m_active)
        return;
    MainWindow *w = m_window;
    if (on) {
        m_geometry = w->saveGeometry();
        m_state = w->saveState();
        m_windowStates = w->windowState();
        m_menuBarShown = !w->menuBar()->isHidden();
        m_statusBarShown = !w->statusBar()->isHidden();
        for (QDockWidget *d : w->findChildren<QDockWidget *>())
            d->hide(); // restoreState brings back the ones that were shown
        for (QToolBar *t : w->findChildren<QToolBar *>())
            if (t != m_bar)
                t->hide();
        w->menuBar()->hide();
        w->statusBar()->hide();
        w->viewTabs()->tabBar()->hide();
        // The window's zoom in/out share Ctrl+- with the text size.
        for (QAction *a : w->viewMenu()->actions())
            if (a->isEnabled() && (a->shortcut() == QKeySequence(QKeySequence::ZoomIn) ||
                                   a->shortcut() == QKeySequence(QKeySequence::ZoomOut))) {
                a->setEnabled(false);
                m_suspended.append(a);
            }
        m_active = true;
        m_layer->setSizeAdjustPolicy(QComboBox::AdjustToContents);
        m_bar->show();
        const QString current = view();
        showView(current.isEmpty() ? (w->stepPlayer()->applies() ? QStringLiteral("stepper")
                                                                  : QStringLiteral("diagram"))
                                   : current);
        applyText();
        w->setWindowState(w->windowState() | Qt::WindowFullScreen);
    } else {
        m_active = false;
        m_layer->setSizeAdjustPolicy(QComboBox::AdjustToContentsOnFirstShow);
        m_bar->hide();
        w->stepPlayer()->setPresentationText(0);
        w->diagramView()->setPresentationText(0);
        w->featureMapsView()->setPresentationText(0);
        w->viewTabs()->setFont(QFont());
        w->viewTabs()->tabBar()->show();
        w->menuBar()->setVisible(m_menuBarShown);
        w->statusBar()->setVisible(m_statusBarShown);
        for (const QPointer<QAction> &a : std::as_const(m_suspended))
            if (a)
                a->setEnabled(true);
        m_suspended.clear();
        w->setWindowState(m_windowStates);
        w->restoreGeometry(m_geometry);
        w->restoreState(m_state);
        m_bar->hide(); // restoreState remembers the bar as hidden too; in case it did not
    }
    m_larger->setEnabled(on);
    m_smaller->setEnabled(on);
    syncBar();
}

QString Presentation::view() const
{
    const QWidget *current = m_window->viewTabs()->currentWidget();
    if (current == m_window->stepPlayer())
        return QStringLiteral("stepper");
    if (current == m_window->diagramView())
        return QStringLiteral("diagram");
    if (current == m_window->featureMapsView())
        return QStringLiteral("maps");
    return {};
}

bool Presentation::showView(const QString &name)
{
    if (name != u"stepper" && name != u"diagram" && name != u"maps")
        return false;
    const bool ok = m_window->showView(name);
    syncBar();
    return ok;
}

void Presentation::setTextPx(int px)
{
    px = std::clamp(px, Settings::kMinPresentationTextPx, Settings::kMaxPresentationTextPx);
    if (px == m_textPx)
        return;
    m_textPx = px;
    if (m_settings)
        m_settings->setPresentationTextPx(px);
    applyText();
}

void Presentation::larger()
{
    setTextPx(std::max(m_textPx + 1, int(std::lround(m_textPx * kTextStep))));
}

void Presentation::smaller()
{
    setTextPx(std::min(m_textPx - 1, int(std::lround(m_textPx / kTextStep))));
}

void Presentation::applyText()
{
    if (!m_active)
        return;
    fitBar();
    // The views' headers in the views' font; each view scales its own drawing with the text: the player's numbers,
    // the diagram's boxes and labels, the maps' tiles and labels.
    m_window->viewTabs()->setFont(pixelFont(m_textPx * 3 / 4));
    m_window->stepPlayer()->setPresentationText(m_textPx);
    m_window->diagramView()->setPresentationText(m_textPx);
    m_window->featureMapsView()->setPresentationText(m_textPx);
    syncBar();
}

// The bar's text is three quarters of the text size (compact: the screen's height is for the view), made smaller
// while the bar would be wider than the screen — or than the window, when it is not full screen: a QToolBar in a
// QMainWindow sets the window's minimum width, so a wider bar pushed the window past a 1280 px projector (1325 px at
// 33 px text). The widest step and speed texts are reserved, so stepping does not widen it again.
void Presentation::fitBar()
{
    const QScreen *screen = m_window->screen();
    const bool fullScreen = m_window->isFullScreen() || (m_window->windowState() & Qt::WindowFullScreen);
    const int room = fullScreen || !m_window->isVisible() ? (screen ? screen->geometry().width() : m_window->width())
                                                          : m_window->width();
    const auto widthAt = [this](int px) {
        m_bar->setFont(pixelFont(px));
        const QFontMetrics fm = m_step->fontMetrics();
        m_step->setMinimumWidth(fm.horizontalAdvance(tr("step %1 / %2").arg(8888).arg(8888)));
        m_speedLabel->setMinimumWidth(fm.horizontalAdvance(tr("%1/s").arg(888)));
        return m_bar->sizeHint().width();
    };
    const int wanted = std::max(kMinBarPx, m_textPx * 3 / 4);
    int px = wanted;
    const int width = widthAt(px);
    if (width > room && px > kMinBarPx) {
        // The width grows about in proportion to the text (the speed slider's fixed width aside): one estimate, then
        // a pixel at a time to the largest text that fits (each try measures every name of the layer box once).
        const int fixed = m_speed->width() + 40;
        px = std::clamp(int(px * double(room - fixed) / double(std::max(1, width - fixed))), kMinBarPx, wanted - 1);
        if (widthAt(px) <= room) {
            while (px + 1 < wanted && widthAt(px + 1) <= room)
                ++px;
        } else {
            while (px > kMinBarPx && widthAt(px - 1) > room)
                --px;
            px = std::max(kMinBarPx, px - 1);
        }
        widthAt(px);
    }
    m_barPx = px;
}

void Presentation::syncBar()
{
    if (!m_active || m_syncing)
        return;
    m_syncing = true;
    const StepPlayerView *player = m_window->stepPlayer();
    m_layer->setCurrentIndex(m_window->layerModel()->rowOf(m_window->currentLayer()));
    m_viewBox->setCurrentIndex(std::max(0, m_viewBox->findData(view())));
    const bool stepping = view() == u"stepper" && player->applies();
    for (QToolButton *b : m_bar->findChildren<QToolButton *>())
        if (b->objectName() != u"presentationSmaller" && b->objectName() != u"presentationLarger" &&
            b->objectName() != u"presentationLeave" && b->objectName().startsWith(u"presentation"))
            b->setEnabled(stepping);
    m_speed->setEnabled(stepping);
    m_play->setText(player->playing() ? QStringLiteral("❚❚") : QStringLiteral("▶"));
    m_step->setText(stepping ? tr("step %1 / %2").arg(player->currentStep() + 1).arg(player->stepCount()) : QString());
    m_speed->setValue(int(std::lround(std::log10(player->speed()) * 100.0)));
    const double sps = player->speed();
    m_speedLabel->setText(tr("%1/s").arg(sps < 10 ? std::round(sps * 10) / 10 : std::round(sps)));
    m_syncing = false;
}

} // namespace convlens
