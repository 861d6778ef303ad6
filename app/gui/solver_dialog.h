// solver_dialog.h — Teach ▸ Solve…: which layer takes this size to that one? From (prefilled with the output height of
// the layer it inserts below) and to, the bounds, the list with formulas and notes; Insert puts the chosen layer below
// that layer as one undo step, with as many channels as it receives so the model below keeps its shapes.
#pragma once

#include "solver_model.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTableView;

namespace convlens {

class Document;

class SolverDialog : public QDialog
{
    Q_OBJECT
public:
    SolverDialog(Document *doc, QWidget *parent = nullptr);

    // The layer the solution goes below; `from` becomes its output height (when it has a spatial output).
    void setAnchor(const QString &layer);
    QString anchor() const { return m_anchor; }
    void setSizes(int from, int to);
    SolverModel *model() { return &m_model; }
    QTableView *table() const { return m_table; }
    QSpinBox *fromBox() const { return m_from; }
    QSpinBox *toBox() const { return m_to; }
    QLabel *summaryLabel() const { return m_summary; }

    // Inserts the solution of `row` below the anchor (one undo step); the new layer's name, empty on failure.
    QString insertSolution(int row, QString *error = nullptr);

Q_SIGNALS:
    void inserted(const QString &layer);

private:
    void solveNow();
    void updateDetail();

    Document *m_doc;
    QString m_anchor;
    SolverModel m_model;
    QSpinBox *m_from, *m_to, *m_maxKernel, *m_maxStride, *m_maxDilation, *m_maxPadding;
    QCheckBox *m_conv, *m_maxPool, *m_avgPool, *m_transposed;
    QTableView *m_table;
    QLabel *m_summary, *m_anchorLabel, *m_detail;
    QPushButton *m_insert;
};

} // namespace convlens
