// tst_gui_quiz.cpp — Teach ▸ Quiz in the real window: the teacher ticks the autoencoder's third pooling layer; the
// summary hides its shape ("?") while the quiz is open; a right prediction is marked ✓, a wrong one (the stride left
// at 1) gets ✗, the right numbers, the formula and "strides default to pool_size"; the padding question; the quiz is
// one undo step and survives Save and Open; the random quiz shows Keras and PyTorch side by side and opens in the
// window with its questions.
// CONVLENS_TEST_SHOTS=DIR saves the dialog with one wrong answer as quiz_wrong_answer.png, to look at.
#include "classroom.h"
#include "document.h"
#include "gui/gui_test_support.h"
#include "layer_model.h"
#include "main_window.h"
#include "quiz_dialog.h"
#include "teach/quiz.h"

#include <QListWidget>
#include <QTemporaryDir>
#include <QtTest>

using namespace convlens;

class TstGuiQuiz : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void rightAndWrong();
    void paddingQuestion();
    void savedWithTheProject();
    void randomSideBySide();

private:
    QuizDialog *openQuiz() { return cw.w->classroom()->openQuiz(); }
    QListWidgetItem *item(QuizDialog *d, const QString &text);
    QString shapeCell(const QString &layer) const;

    test::ComputedWindow cw;
    QTemporaryDir m_dir;
};

void TstGuiQuiz::init()
{
    cw.openWindow();
}

void TstGuiQuiz::cleanup()
{
    cw.w.reset();
}

QListWidgetItem *TstGuiQuiz::item(QuizDialog *d, const QString &text)
{
    const QList<QListWidgetItem *> found = d->questionList()->findItems(text, Qt::MatchExactly);
    return found.size() == 1 ? found.front() : nullptr;
}

QString TstGuiQuiz::shapeCell(const QString &layer) const
{
    LayerModel *m = cw.w->layerModel();
    return m->index(m->rowOf(layer), LayerModel::OutputColumn).data().toString();
}

void TstGuiQuiz::rightAndWrong()
{
    QCOMPARE(shapeCell(QStringLiteral("max_pooling2d_2")), QStringLiteral("(None, 4, 4, 8)"));
    QuizDialog *d = openQuiz();
    QVERIFY(d->isVisible());
    QListWidgetItem *pool = item(d, QStringLiteral("max_pooling2d_2 — output shape"));
    QVERIFY(pool);
    QVERIFY(item(d, QStringLiteral("max_pooling2d_2 — padding per side")));
    QVERIFY(!item(d, QStringLiteral("input_1 — output shape"))); // the input is given
    pool->setCheckState(Qt::Checked);
    QCOMPARE(cw.w->document()->graph().quiz.size(), size_t(1));
    QCOMPARE(shapeCell(QStringLiteral("max_pooling2d_2")), QStringLiteral("?")); // the answer is hidden
    QCOMPARE(shapeCell(QStringLiteral("conv2d_2")), QStringLiteral("(None, 7, 7, 8)"));

    QuizPanel *panel = d->documentPanel();
    QCOMPARE(panel->questionCount(), 1);
    // Empty fields: nothing judged.
    QVERIFY(!panel->check(0));
    QVERIFY(!panel->right(0).has_value());
    // Right.
    panel->typeAnswer(0, {4, 4, 8});
    QVERIFY(panel->check(0));
    QCOMPARE(panel->right(0), std::optional<bool>(true));
    QVERIFY2(panel->verdict(0).contains(QStringLiteral("✓")), qPrintable(panel->verdict(0)));
    // Wrong: the stride taken as 1 → ⌈7 / 1⌉ = 7.
    panel->typeAnswer(0, {7, 7, 8});
    QVERIFY(panel->check(0));
    QCOMPARE(panel->right(0), std::optional<bool>(false));
    const QString v = panel->verdict(0);
    QVERIFY2(v.contains(QStringLiteral("✗")), qPrintable(v));
    QVERIFY2(v.contains(QStringLiteral("4 × 4 × 8")), qPrintable(v));
    QVERIFY2(v.contains(QStringLiteral("strides default to pool_size")), qPrintable(v));
    QVERIFY2(v.contains(QString::fromStdString(cw.w->layerModel()->report().layers[size_t(
                 cw.w->layerModel()->rowOf(QStringLiteral("max_pooling2d_2")))].formula).toHtmlEscaped()),
             qPrintable(v));

    if (const QByteArray dir = qgetenv("CONVLENS_TEST_SHOTS"); !dir.isEmpty()) {
        // Two questions, one right and one wrong, for the picture.
        item(d, QStringLiteral("conv2d_2 — output shape"))->setCheckState(Qt::Checked);
        d->documentPanel()->typeAnswer(0, {7, 7, 16});
        d->documentPanel()->check(0);
        d->documentPanel()->typeAnswer(1, {7, 7, 8});
        d->documentPanel()->check(1);
        d->resize(1150, 420);
        QApplication::processEvents();
        d->grab().save(QString::fromLocal8Bit(dir) + QStringLiteral("/quiz_wrong_answer.png"));
        cw.w->document()->undoStack()->undo();
    }

    // The quiz is one undo step; closing the dialog shows the shapes again.
    cw.w->document()->undoStack()->undo();
    QVERIFY(cw.w->document()->graph().quiz.empty());
    QCOMPARE(d->documentPanel()->questionCount(), 0);
    QVERIFY(item(d, QStringLiteral("max_pooling2d_2 — output shape"))->checkState() == Qt::Unchecked);
    cw.w->document()->undoStack()->redo();
    QCOMPARE(shapeCell(QStringLiteral("max_pooling2d_2")), QStringLiteral("?"));
    d->close();
    QCOMPARE(shapeCell(QStringLiteral("max_pooling2d_2")), QStringLiteral("(None, 4, 4, 8)"));
}

void TstGuiQuiz::paddingQuestion()
{
    QuizDialog *d = openQuiz();
    item(d, QStringLiteral("max_pooling2d_2 — padding per side"))->setCheckState(Qt::Checked);
    QuizPanel *panel = d->documentPanel();
    QCOMPARE(panel->questionCount(), 1);
    QCOMPARE(panel->question(0).ask, QuizQuestion::Ask::Padding);
    // 7 → 4 with a 2×2 window: one pad row and column, at the bottom and right in TensorFlow.
    panel->typeAnswer(0, {1, 0, 1, 0});
    QVERIFY(panel->check(0));
    QCOMPARE(panel->right(0), std::optional<bool>(false));
    QVERIFY2(panel->verdict(0).contains(QStringLiteral("bottom and right")), qPrintable(panel->verdict(0)));
    panel->typeAnswer(0, {0, 1, 0, 1});
    QVERIFY(panel->check(0));
    QCOMPARE(panel->right(0), std::optional<bool>(true));
}

void TstGuiQuiz::savedWithTheProject()
{
    QuizDialog *d = openQuiz();
    item(d, QStringLiteral("conv2d_1 — output shape"))->setCheckState(Qt::Checked);
    item(d, QStringLiteral("max_pooling2d — padding per side"))->setCheckState(Qt::Checked);
    // In the model's order, whatever the order of the ticks.
    const std::vector<QuizQuestion> asked{{"max_pooling2d", QuizQuestion::Ask::Padding},
                                          {"conv2d_1", QuizQuestion::Ask::OutputShape}};
    QCOMPARE(cw.w->document()->graph().quiz, asked);
    const QString path = m_dir.filePath(QStringLiteral("quiz.json"));
    QVERIFY(cw.w->saveAs(path));
    QVERIFY(cw.w->newDocument());
    QVERIFY(cw.w->document()->graph().quiz.empty());
    QVERIFY(cw.w->openFile(path));
    QCOMPARE(cw.w->document()->graph().quiz, asked);
    QCOMPARE(d->documentPanel()->questionCount(), 2);
    QVERIFY(cw.warnings.isEmpty());
}

void TstGuiQuiz::randomSideBySide()
{
    QuizDialog *d = openQuiz();
    d->newRandomQuiz(7);
    QVERIFY(d->showingRandom());
    QuizPanel *keras = d->kerasPanel(), *torch = d->torchPanel();
    QCOMPARE(keras->graph().framework, Framework::Keras);
    QCOMPARE(torch->graph().framework, Framework::PyTorch);
    QVERIFY(keras->questionCount() >= 2);
    QVERIFY(torch->questionCount() >= 2);
    QCOMPARE(keras->graph().quiz, teach::randomQuiz(7).keras.quiz);
    // A wrong answer on each side: both judged.
    keras->typeAnswer(0, {1, 1, 1});
    QVERIFY(keras->check(0));
    QCOMPARE(keras->right(0), std::optional<bool>(false));
    torch->typeAnswer(0, {1, 1, 1});
    QVERIFY(torch->check(0));
    QCOMPARE(torch->right(0), std::optional<bool>(false));
    // Open the PyTorch one: it becomes the document with its questions, as one undoable step.
    d->openInWindow(Framework::PyTorch);
    QCOMPARE(cw.w->document()->framework(), Framework::PyTorch);
    QCOMPARE(cw.w->document()->graph().quiz, torch->graph().quiz);
    QVERIFY(!d->showingRandom());
    QCOMPARE(d->documentPanel()->questionCount(), torch->questionCount());
    cw.w->document()->undoStack()->undo();
    QCOMPARE(cw.w->document()->framework(), Framework::Keras);
}

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    TstGuiQuiz t;
    return QTest::qExec(&t, argc, argv);
}

#include "tst_gui_quiz.moc"
