// classroom.h — the teaching features of the main window in one place (issue 11): the Teach menu and what it opens
// (the shape solver; later the quiz and the step exports) and presentation mode. The main window creates one and
// knows nothing else of them; everything here goes through the window's public API, so the window's own code stays
// about editing and viewing models.
#pragma once

#include <QObject>

class QMenu;

namespace convlens {

class MainWindow;
class SolverDialog;

class Classroom : public QObject
{
    Q_OBJECT
public:
    explicit Classroom(MainWindow *window);

    QMenu *teachMenu() const { return m_teach; }
    // Teach ▸ Solve…: the solver, anchored below the current layer (created on first use, then reused).
    SolverDialog *openSolver();
    SolverDialog *solverDialog() const { return m_solver; }

private:
    MainWindow *m_window;
    QMenu *m_teach = nullptr;
    SolverDialog *m_solver = nullptr; // a child of the window
};

} // namespace convlens
