// tst_gui_solver.cpp — Teach ▸ Solve… in the real window: the dialog takes its `from` from the layer it inserts below,
// lists exactly what core's solver lists (its table model under QAbstractItemModelTester), and every row it offers,
// inserted into the autoencoder, gives the target size through the shape engine as one undo step that undo takes back
// whole; it follows the document into PyTorch semantics.
#include "classroom.h"
#include "gui/gui_test_support.h"
#include "main_window.h"
#include "solver_dialog.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QMenuBar>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QtTest>

using namespace convlens;

namespace {

// The output height of a layer, in either layout.
std::int64_t outputHeight(const Document &doc, const QString &layer)
{
    const int i = doc.report().indexOf(layer.toStdString());
    if (i < 0 || !doc.report().layers[size_t(i)].output)
        return -1;
    const Shape &s = *doc.report().layers[size_t(i)].output;
    return doc.framework() == Framework::Keras ? s[0] : s[1];
}

} // namespace

class TstGuiSolver : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void teachMenuOpensTheSolver();
    void everyRowInsertsItsSolution_data();
    void everyRowInsertsItsSolution();
    void insertButtonAndFrameworkSwitch();

private:
    std::unique_ptr<MainWindow> w;
    QStringList warnings, infos;
    std::unique_ptr<QAbstractItemModelTester> tester;
};

void TstGuiSolver::init()
{
    w = std::make_unique<MainWindow>(false);
    w->setPrompts(std::make_unique<test::RecordingPrompts>(&warnings, &infos));
    w->resize(1400, 900);
    w->show();
    QVERIFY(QTest::qWaitForWindowExposed(w.get()));
}

void TstGuiSolver::cleanup()
{
    tester.reset();
    w.reset();
}

void TstGuiSolver::teachMenuOpensTheSolver()
{
    QMenu *teach = w->classroom()->teachMenu();
    QVERIFY(w->menuBar()->actions().contains(teach->menuAction()));
    // Teach sits before Help, the last menu.
    const QList<QAction *> menus = w->menuBar()->actions();
    QCOMPARE(menus.indexOf(teach->menuAction()), menus.size() - 2);
    QVERIFY(w->selectLayer(QStringLiteral("max_pooling2d_1"))); // 14×14×8 → 7×7×8
    QAction *solve = nullptr;
    for (QAction *a : teach->actions())
        if (a->text().remove(u'&').startsWith(QStringLiteral("Solve")))
            solve = a;
    QVERIFY(solve);
    solve->trigger();
    SolverDialog *d = w->classroom()->solverDialog();
    QVERIFY(d && d->isVisible());
    QCOMPARE(d->anchor(), QStringLiteral("max_pooling2d_1"));
    QCOMPARE(d->fromBox()->value(), 7);
}

void TstGuiSolver::everyRowInsertsItsSolution_data()
{
    QTest::addColumn<int>("to");
    QTest::addRow("28 → 14") << 14;
    QTest::addRow("28 → 9") << 9;
    QTest::addRow("28 → 56") << 56;
}

void TstGuiSolver::everyRowInsertsItsSolution()
{
    QFETCH(int, to);
    QVERIFY(w->selectLayer(QStringLiteral("conv2d"))); // 28×28×16
    SolverDialog *d = w->classroom()->openSolver();
    tester = std::make_unique<QAbstractItemModelTester>(d->model(),
                                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(d->fromBox()->value(), 28);
    d->toBox()->setValue(to);
    const teach::SolveResult expected = teach::solve(Framework::Keras, 28, to);
    QCOMPARE(d->model()->rowCount(), int(expected.solutions.size()));
    QVERIFY(d->model()->rowCount() > 0);
    Document *doc = w->document();
    const Graph before = doc->graph();
    const int steps = doc->undoStack()->count();
    for (int row = 0; row < d->model()->rowCount(); ++row) {
        QCOMPARE(d->model()->index(row, SolverModel::CodeColumn).data().toString(),
                 QString::fromStdString(expected.solutions[size_t(row)].code(Framework::Keras)));
        d->setAnchor(QStringLiteral("conv2d"));
        d->setSizes(28, to);
        const QString code = d->model()->index(row, SolverModel::CodeColumn).data().toString();
        const QString name = d->insertSolution(row);
        QVERIFY2(!name.isEmpty(), qPrintable(code));
        QCOMPARE(doc->undoStack()->count(), steps + 1); // one step
        QVERIFY2(outputHeight(*doc, name) == to, qPrintable(code));
        // The layers below keep working: the inserted layer passes the 16 channels on.
        const LayerReport &l = doc->report().layers[size_t(doc->report().indexOf(name.toStdString()))];
        QCOMPARE(l.output->back(), 16);
        QCOMPARE(w->currentLayer(), name);
        doc->undoStack()->undo();
        QCOMPARE(doc->graph().layers.size(), before.layers.size());
        QVERIFY(doc->graph().indexOf(name.toStdString()) < 0);
    }
}

void TstGuiSolver::insertButtonAndFrameworkSwitch()
{
    QVERIFY(w->selectLayer(QStringLiteral("conv2d")));
    SolverDialog *d = w->classroom()->openSolver();
    d->toBox()->setValue(14);
    auto *insert = d->findChild<QPushButton *>(QStringLiteral("solverInsert"));
    QVERIFY(insert && !insert->isEnabled());
    d->table()->setCurrentIndex(d->model()->index(0, 0));
    QVERIFY(insert->isEnabled());
    QVERIFY(d->findChild<QLabel *>(QStringLiteral("solverDetail"))->text().contains(QStringLiteral("⌊(28 − 1) / 2⌋")));
    const int layers = int(w->document()->graph().layers.size());
    QTest::mouseClick(insert, Qt::LeftButton);
    QCOMPARE(int(w->document()->graph().layers.size()), layers + 1);
    // The anchor moved to the inserted layer: the next solve starts from its 14.
    QCOMPARE(d->fromBox()->value(), 14);

    // PyTorch semantics: the same dialog now lists torch layers.
    QVERIFY(w->document()->switchSemantics(Framework::PyTorch));
    QCOMPARE(d->model()->framework(), Framework::PyTorch);
    d->setSizes(28, 14);
    QCOMPARE(d->model()->rowCount(), int(teach::solve(Framework::PyTorch, 28, 14).solutions.size()));
    QCOMPARE(d->model()->headerData(SolverModel::NoteColumn, Qt::Horizontal).toString(), QStringLiteral("In Keras"));
}

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    TstGuiSolver t;
    return QTest::qExec(&t, argc, argv);
}

#include "tst_gui_solver.moc"
