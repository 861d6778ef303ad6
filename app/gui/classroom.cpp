// classroom.cpp — the Teach menu and its dialogs and exports.
#include "classroom.h"

#include "language.h"
#include "main_window.h"
#include "presentation.h"
#include "quiz_dialog.h"
#include "settings.h"
#include "solver_dialog.h"
#include "step_export.h"
#include "step_player.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QMenu>
#include <QMenuBar>

namespace convlens {

Classroom::Classroom(MainWindow *window) : QObject(window), m_window(window)
{
    m_teach = new QMenu(tr("&Teach"), window);
    m_teach->setObjectName(QStringLiteral("teachMenu"));
    // Before Help, which stays the last menu.
    QMenuBar *bar = window->menuBar();
    const QList<QAction *> menus = bar->actions();
    bar->insertMenu(menus.isEmpty() ? nullptr : menus.back(), m_teach);
    m_teach->addAction(tr("&Solve for a size…"), this, [this] { openSolver(); });
    m_teach->addAction(tr("&Quiz: predict the shape…"), this, [this] { openQuiz(); });

    m_teach->addSeparator();
    QMenu *exports = m_teach->addMenu(tr("&Export step"));
    exports->setObjectName(QStringLiteral("exportStepMenu"));
    exports->addAction(tr("&Animation (GIF)…"), this, [this] { exportStep(StepExport::Animation); });
    exports->addAction(tr("Current step as &PNG…"), this, [this] { exportStep(StepExport::Png); });
    exports->addAction(tr("Current step as &SVG…"), this, [this] { exportStep(StepExport::Svg); });
    exports->addAction(tr("All steps as a &contact sheet…"), this, [this] { exportStep(StepExport::ContactSheet); });
    exports->addSection(tr("Frame size"));
    m_sizes = new QActionGroup(this);
    for (const QSize s : {QSize(1280, 720), QSize(1920, 1080), QSize(3840, 2160)}) {
        QAction *a = exports->addAction(QStringLiteral("%1 × %2").arg(s.width()).arg(s.height()));
        a->setCheckable(true);
        a->setData(s);
        m_sizes->addAction(a);
        connect(a, &QAction::triggered, this, [this, s] { setExportSize(s); });
    }

    m_presentation = new Presentation(window);
    QMenu *view = window->viewMenu();
    view->addSeparator();
    view->addAction(m_presentation->toggleAction());
    view->addAction(m_presentation->largerAction());
    view->addAction(m_presentation->smallerAction());
    view->addSeparator();
    view->addMenu(createLanguageMenu(window));

    useSettings(window->settings());
}

void Classroom::useSettings(Settings *settings)
{
    m_settings = settings;
    m_presentation->useSettings(settings);
    m_exportSize = settings ? settings->exportSize() : QSize(1920, 1080);
    for (QAction *a : m_sizes->actions())
        a->setChecked(a->data().toSize() == m_exportSize);
}

void Classroom::setExportSize(const QSize &size)
{
    m_exportSize = size;
    if (m_settings)
        m_settings->setExportSize(size);
    for (QAction *a : m_sizes->actions())
        a->setChecked(a->data().toSize() == size);
}

SolverDialog *Classroom::openSolver()
{
    if (!m_solver)
        m_solver = new SolverDialog(m_window->document(), m_window); // the document selects what it inserts
    m_solver->setAnchor(m_window->currentLayer());
    m_solver->show();
    m_solver->raise();
    m_solver->activateWindow();
    return m_solver;
}

QuizDialog *Classroom::openQuiz()
{
    if (!m_quiz)
        m_quiz = new QuizDialog(m_window);
    m_quiz->show();
    m_quiz->raise();
    m_quiz->activateWindow();
    return m_quiz;
}

bool Classroom::exportStep(StepExport kind, const QString &givenPath)
{
    const StepPlayerView *player = m_window->stepPlayer();
    if (!player->tracer()) {
        m_window->prompts()->warn(m_window, tr("Export step"),
                                  tr("The step player shows no layer: select a Conv2D, pooling or "
                                     "transposed-convolution layer and open the Step player first."));
        return false;
    }
    const QString layer = QString::fromStdString(player->tracer()->header().layer);
    const std::int64_t step = player->currentStep();
    QString title, suggestion, filter;
    switch (kind) {
    case StepExport::Animation:
        title = tr("Export the step animation");
        suggestion = layer + QStringLiteral(".gif");
        filter = tr("GIF animation (*.gif)");
        break;
    case StepExport::Png:
        title = tr("Export the current step as PNG");
        suggestion = QStringLiteral("%1_step%2.png").arg(layer).arg(step + 1);
        filter = tr("PNG image (*.png)");
        break;
    case StepExport::Svg:
        title = tr("Export the current step as SVG");
        suggestion = QStringLiteral("%1_step%2.svg").arg(layer).arg(step + 1);
        filter = tr("SVG drawing (*.svg)");
        break;
    case StepExport::ContactSheet:
        title = tr("Export all steps as a contact sheet");
        suggestion = layer + QStringLiteral("_steps.png");
        filter = tr("PNG image (*.png)");
        break;
    }
    QString path = givenPath;
    if (path.isEmpty()) {
        const QString dir = m_settings ? m_settings->lastDirectory() : QString();
        path = m_window->prompts()->teachingExportName(m_window, title,
                                                       dir.isEmpty() ? suggestion : dir + u'/' + suggestion, filter);
        if (path.isEmpty())
            return false;
        if (m_settings)
            m_settings->setLastDirectory(QFileInfo(path).absolutePath());
    }
    // The same drawing at the export size, the player's speed as the animation's.
    StepExporter exporter(*player->tracer(), ExportOptions{m_exportSize, std::clamp(player->speed(), 0.1, 50.0)});
    QApplication::setOverrideCursor(Qt::WaitCursor);
    QString error;
    bool ok = false;
    switch (kind) {
    case StepExport::Animation:
        ok = exporter.writeGif(path, &error);
        break;
    case StepExport::Png:
        ok = exporter.writePng(path, step, &error);
        break;
    case StepExport::Svg:
        ok = exporter.writeSvg(path, step, &error);
        break;
    case StepExport::ContactSheet:
        ok = exporter.writeContactSheet(path, &error);
        break;
    }
    QApplication::restoreOverrideCursor();
    if (!ok) {
        m_window->prompts()->warn(m_window, title, error);
        return false;
    }
    m_window->message(LiveText::message("convlens::Classroom", QT_TRANSLATE_NOOP("convlens::Classroom", "Wrote %1"),
                                        {QDir::toNativeSeparators(path)}));
    return true;
}

} // namespace convlens
