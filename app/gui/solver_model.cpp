// solver_model.cpp — the solver's table.
#include "solver_model.h"

namespace convlens {

void SolverModel::setResult(Framework fw, std::vector<teach::Solution> solutions)
{
    beginResetModel();
    m_fw = fw;
    m_solutions = std::move(solutions);
    endResetModel();
}

const teach::Solution *SolverModel::solution(int row) const
{
    return row >= 0 && size_t(row) < m_solutions.size() ? &m_solutions[size_t(row)] : nullptr;
}

int SolverModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_solutions.size());
}

int SolverModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SolverModel::data(const QModelIndex &index, int role) const
{
    const teach::Solution *s = index.isValid() ? solution(index.row()) : nullptr;
    if (!s)
        return {};
    const QString note = QString::fromStdString(s->note);
    switch (role) {
    case Qt::DisplayRole:
        switch (Column(index.column())) {
        case CodeColumn:
            return QString::fromStdString(s->code(m_fw));
        case FormulaColumn:
            return QString::fromStdString(s->formula);
        case NoteColumn:
            return note;
        case ColumnCount:
            break;
        }
        return {};
    case Qt::ToolTipRole:
        return note.isEmpty() ? QString::fromStdString(s->formula) : note;
    case KindRole:
        return int(s->kind);
    case NoteRole:
        return note;
    default:
        return {};
    }
}

QVariant SolverModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case CodeColumn:
        return tr("Layer");
    case FormulaColumn:
        return tr("Formula");
    case NoteColumn:
        return m_fw == Framework::Keras ? tr("In PyTorch") : tr("In Keras");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace convlens
