// solver_model.h — the shape solver's list (core/teach/solver.h) as a table: the layer as code, its formula with the
// numbers, and the note on the other framework. Whole results in (setResult), as LayerModel takes whole reports.
#pragma once

#include "teach/solver.h"

#include <QAbstractTableModel>

namespace convlens {

class SolverModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { CodeColumn, FormulaColumn, NoteColumn, ColumnCount };
    enum Roles {
        KindRole = Qt::UserRole, // teach::SolveKind as int
        NoteRole,                // the note (empty when the frameworks agree)
    };

    using QAbstractTableModel::QAbstractTableModel;

    void setResult(Framework fw, std::vector<teach::Solution> solutions);
    const teach::Solution *solution(int row) const;
    Framework framework() const { return m_fw; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    Framework m_fw = Framework::Keras;
    std::vector<teach::Solution> m_solutions;
};

} // namespace convlens
