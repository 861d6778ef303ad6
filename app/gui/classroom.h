// classroom.h — the teaching features of the main window in one place (issue 11): the Teach menu and what it opens
// (the shape solver, the quiz, the step exports) and presentation mode (View ▸ Presentation). The main window creates one and knows
// nothing else of them; everything here goes through the window's public API, so the window's own code stays about
// editing and viewing models.
#pragma once

#include <QObject>
#include <QSize>

class QActionGroup;
class QMenu;

namespace convlens {

class MainWindow;
class Presentation;
class QuizDialog;
class Settings;
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
    // Teach ▸ Quiz…: "predict the shape" on the document's layers, or a random quiz (created on first use).
    QuizDialog *openQuiz();
    QuizDialog *quizDialog() const { return m_quiz; }

    // Teach ▸ Export step: what the step player shows, painted at exportSize() (app/render/step_export.h). An empty
    // path asks for one. False (with a message) when the player shows no layer or the file cannot be written.
    enum class StepExport { Animation, Png, Svg, ContactSheet };
    bool exportStep(StepExport kind, const QString &path = {});
    QSize exportSize() const { return m_exportSize; }
    void setExportSize(const QSize &size);

    // View ▸ Presentation (presentation.h).
    Presentation *presentation() const { return m_presentation; }

    // Where preferences are remembered: the window's settings; tests may pass their own (null: not remembered).
    void useSettings(Settings *settings);

private:
    MainWindow *m_window;
    Settings *m_settings = nullptr;
    QMenu *m_teach = nullptr;
    QActionGroup *m_sizes = nullptr;
    SolverDialog *m_solver = nullptr; // a child of the window
    Presentation *m_presentation = nullptr;
    QuizDialog *m_quiz = nullptr; // a child of the window
    QSize m_exportSize{1920, 1080};
};

} // namespace convlens
