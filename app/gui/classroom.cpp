// classroom.cpp — the Teach menu and its dialogs.
#include "classroom.h"

#include "main_window.h"
#include "solver_dialog.h"

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

} // namespace convlens
