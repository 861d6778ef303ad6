// quiz_dialog.h — Teach ▸ Quiz: "predict the shape".
//
// The teacher ticks the layers to ask about (their output shape, or the padding per side of a convolution or pooling
// layer); the questions are the document's quiz (Document::setQuiz, undoable, saved in the project file), and while
// the dialog is open the window's summary table, layer list and tooltips show "?" for them. Students type H, W and C
// (or top, bottom, left, right) and press Check: a right answer is marked ✓; a wrong one ✗ with the right numbers,
// the layer's formula and the term the answer missed (core teach/quiz.h).
//
// "Random quiz" draws a small model with odd sizes, stride 2 and 'same' (teach::randomQuiz) and shows it in Keras and
// in PyTorch side by side, each with its questions; "Open in the window" makes either one the document (undoable, as
// an import), with its quiz, ready to save.
#pragma once

#include "model/graph.h"
#include "shape/report.h"

#include <QDialog>
#include <QList>
#include <optional>

class QCheckBox;
class QGridLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;
class QStackedWidget;

namespace convlens {

class MainWindow;

// One model's questions: a row per question with the layer, its input, the answer fields, Check and the verdict.
class QuizPanel : public QWidget
{
    Q_OBJECT
public:
    explicit QuizPanel(const QString &title, QWidget *parent = nullptr);

    void setModel(const Graph &graph, const ShapeReport &report);
    const Graph &graph() const { return m_graph; }

    int questionCount() const { return int(m_rows.size()); }
    QuizQuestion question(int row) const { return m_graph.quiz[size_t(row)]; }
    // Types the numbers into the row's fields (H, W, C or top, bottom, left, right), as a student would.
    void typeAnswer(int row, const QList<qint64> &values);
    // Check pressed: false when a field is empty (nothing is judged then).
    bool check(int row);
    // The verdict shown: empty before Check; starts with ✓ or ✗.
    QString verdict(int row) const;
    std::optional<bool> right(int row) const { return m_rows[size_t(row)].right; }

private:
    struct Row {
        QList<QLineEdit *> fields;
        QLabel *verdict = nullptr;
        std::optional<bool> right;
    };
    QLabel *m_title = nullptr;
    QWidget *m_body = nullptr;
    QGridLayout *m_grid = nullptr;
    Graph m_graph;
    ShapeReport m_report;
    std::vector<Row> m_rows;
};

class QuizDialog : public QDialog
{
    Q_OBJECT
public:
    explicit QuizDialog(MainWindow *window);

    // The teacher's list: every quizzable layer and question kind, ticked when it is in the document's quiz.
    QListWidget *questionList() const { return m_questions; }
    void setAsked(const QString &layer, QuizQuestion::Ask ask, bool asked);

    QuizPanel *documentPanel() const { return m_docPanel; }
    // The random quiz, Keras and PyTorch side by side (shown after newRandomQuiz()).
    void newRandomQuiz(std::uint32_t seed);
    bool showingRandom() const;
    QuizPanel *kerasPanel() const { return m_kerasPanel; }
    QuizPanel *torchPanel() const { return m_torchPanel; }
    // Makes the Keras or PyTorch random model the window's document (one undoable step).
    void openInWindow(Framework fw);
    void showDocumentQuiz();

protected:
    void showEvent(QShowEvent *e) override;
    void hideEvent(QHideEvent *e) override;

private:
    void rebuild();
    void hideAnswers(bool on);

    MainWindow *m_window;
    QListWidget *m_questions = nullptr;
    QCheckBox *m_hide = nullptr;
    QStackedWidget *m_pages = nullptr;
    QuizPanel *m_docPanel = nullptr, *m_kerasPanel = nullptr, *m_torchPanel = nullptr;
    QSpinBox *m_seed = nullptr;
    bool m_rebuilding = false;
};

} // namespace convlens
