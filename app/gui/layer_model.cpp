// layer_model.cpp — display text for each column, status colours, drag and drop of rows and palette kinds.
#include "layer_model.h"

#include "document.h"

#include <QBrush>
#include <QColor>
#include <QDataStream>
#include <QFont>
#include <QIODevice>
#include <QItemSelectionModel>
#include <QLocale>
#include <QMimeData>

namespace convlens {

QString shapeText(const Shape &s, Framework f)
{
    return QString::fromStdString(shapeToString(s, f));
}

QString compactShapeText(const Shape &s, Framework)
{
    QStringList parts;
    for (auto d : s)
        parts << QString::number(d);
    return parts.join(QChar(0x00D7));
}

QString groupedNumber(std::int64_t n)
{
    QString digits = QString::number(n < 0 ? -n : n);
    for (qsizetype i = digits.size() - 3; i > 0; i -= 3)
        digits.insert(i, u',');
    return n < 0 ? u'-' + digits : digits;
}

QString paddingText(const LayerReport &r)
{
    if (!r.padding)
        return QStringLiteral("—");
    const Pad4 &p = *r.padding;
    if (p == Pad4{})
        return QStringLiteral("0");
    if (p.top == p.bottom && p.left == p.right && p.top == p.left)
        return QString::number(p.top);
    return QStringLiteral("t%1 b%2 l%3 r%4").arg(p.top).arg(p.bottom).arg(p.left).arg(p.right);
}

QList<int> selectedLayerRows(const QItemSelectionModel *selection)
{
    QList<int> rows;
    if (!selection)
        return rows;
    for (const QModelIndex &i : selection->selectedIndexes())
        rows << i.row();
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    return rows;
}

LayerModel::LayerModel(Document *document, QObject *parent) : QAbstractTableModel(parent), m_document(document)
{
}

void LayerModel::setReport(const ShapeReport &report)
{
    // Same layers in the same order: only values changed, so keep the selection and the views' state. A rename
    // (one row's name differs, same kind, everything else in place) is such a change too: a reset would close the
    // very editor that is committing the new name.
    bool sameRows = report.layers.size() == m_report.layers.size();
    int renamed = 0;
    for (size_t i = 0; sameRows && i < report.layers.size(); ++i)
        if (report.layers[i].name != m_report.layers[i].name) {
            sameRows = report.layers[i].type == m_report.layers[i].type && ++renamed == 1;
        }
    if (sameRows) {
        const bool frameworkChanged = report.framework != m_report.framework;
        m_report = report;
        if (!m_report.layers.empty())
            Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        if (frameworkChanged) // the header names the layout
            Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
        return;
    }
    beginResetModel();
    m_report = report;
    endResetModel();
}

int LayerModel::rowOf(const QString &layerName) const
{
    return m_report.indexOf(layerName.toStdString());
}

QString LayerModel::layerName(int row) const
{
    if (row < 0 || size_t(row) >= m_report.layers.size())
        return {};
    return QString::fromStdString(m_report.layers[size_t(row)].name);
}

int LayerModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_report.layers.size());
}

int LayerModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QStringList LayerModel::skipInputs(int row) const
{
    const LayerReport &r = m_report.layers[size_t(row)];
    QStringList out;
    const std::string above = row > 0 ? m_report.layers[size_t(row - 1)].name : std::string();
    for (const auto &in : r.inputs)
        if (in != above)
            out << QString::fromStdString(in);
    return out;
}

QString LayerModel::toolTip(int row) const
{
    const LayerReport &r = m_report.layers[size_t(row)];
    const Framework f = m_report.framework;
    QString t = QStringLiteral("<b>%1</b> (%2)").arg(QString::fromStdString(r.name).toHtmlEscaped(),
                                                   QString::fromStdString(r.type));
    if (!r.inputs.empty()) {
        QStringList ins;
        for (const auto &i : r.inputs)
            ins << QString::fromStdString(i).toHtmlEscaped();
        t += tr("<br>inputs: %1").arg(ins.join(QStringLiteral(", ")));
    }
    if (r.status == LayerReport::Status::Refused) {
        t += QStringLiteral("<br><span style='color:#b00020'>%1</span>")
                 .arg(QString::fromStdString(r.error).toHtmlEscaped());
        if (!r.fix.empty())
            t += tr("<br><i>Fix:</i> %1").arg(QString::fromStdString(r.fix).toHtmlEscaped());
        return t;
    }
    if (r.status == LayerReport::Status::Blocked)
        return t + tr("<br>no shape: a layer above it is refused");
    if (r.output)
        t += tr("<br>output: %1").arg(shapeText(*r.output, f));
    t += tr("<br>params: %1").arg(groupedNumber(r.params));
    if (r.macs)
        t += tr("<br>MACs: %1").arg(groupedNumber(r.macs));
    if (r.padding)
        t += tr("<br>padding (top, bottom, left, right): %1, %2, %3, %4")
                 .arg(r.padding->top).arg(r.padding->bottom).arg(r.padding->left).arg(r.padding->right);
    if (r.rf.valid)
        t += tr("<br>receptive field: %1×%2").arg(r.rf.size[0]).arg(r.rf.size[1]);
    if (!r.formula.empty())
        t += QStringLiteral("<br><tt>%1</tt>").arg(QString::fromStdString(r.formula).toHtmlEscaped());
    return t;
}

void LayerModel::setHiddenAnswers(const QStringList &layers)
{
    if (layers == m_hidden)
        return;
    m_hidden = layers;
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

QVariant LayerModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    const LayerReport &r = m_report.layers[size_t(row)];
    const Framework f = m_report.framework;
    using S = LayerReport::Status;
    // A quiz's answer stays hidden wherever the model shows it.
    if (r.status == S::Ok && !m_hidden.isEmpty() && m_hidden.contains(QString::fromStdString(r.name))) {
        const int c = index.column();
        const bool answerColumn = c == OutputColumn || c == ParamsColumn || c == PaddingColumn || c == FormulaColumn;
        if ((role == Qt::DisplayRole && answerColumn) || role == OutputShapeRole)
            return QStringLiteral("?");
        if (role == Qt::ToolTipRole)
            return tr("A quiz question: predict this layer's output (Teach ▸ Quiz)");
    }
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        switch (index.column()) {
        case NameColumn:
            return QString::fromStdString(r.name);
        case TypeColumn:
            return QString::fromStdString(r.type);
        case OutputColumn:
            if (r.status == S::Refused)
                return tr("✗ refused");
            return r.output ? shapeText(*r.output, f) : QStringLiteral("—");
        case ParamsColumn:
            return r.status == S::Ok ? groupedNumber(r.params) : QStringLiteral("—");
        case PaddingColumn:
            return r.status == S::Ok ? paddingText(r) : QStringLiteral("—");
        case FormulaColumn:
            if (r.status == S::Refused)
                return QString::fromStdString(r.error + (r.fix.empty() ? std::string() : "  Fix: " + r.fix));
            if (r.status == S::Blocked)
                return tr("blocked: a layer above is refused");
            return QString::fromStdString(r.formula);
        }
        return {};
    case Qt::ToolTipRole:
        return toolTip(row);
    case Qt::ForegroundRole:
        if (r.status == S::Blocked)
            return QBrush(QColor(0x9a, 0x9a, 0x9a));
        if (r.status == S::Refused)
            return QBrush(QColor(0xa0, 0x10, 0x20));
        return {};
    case Qt::BackgroundRole:
        if (r.status == S::Refused)
            return QBrush(QColor(0xfd, 0xe2, 0xe0));
        return {};
    case Qt::FontRole:
        if (index.column() == NameColumn && r.status == S::Refused) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == ParamsColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case LayerNameRole:
        return QString::fromStdString(r.name);
    case StatusRole:
        return int(r.status);
    case InputsRole: {
        QStringList ins;
        for (const auto &i : r.inputs)
            ins << QString::fromStdString(i);
        return ins;
    }
    case SkipInputsRole:
        return skipInputs(row);
    case OutputShapeRole:
        return r.output ? shapeText(*r.output, f) : QString();
    case ErrorRole:
        return QString::fromStdString(r.error);
    case FixRole:
        return QString::fromStdString(r.fix);
    case TypeRole:
        return QString::fromStdString(r.type);
    case ImplicitInputRole:
        return r.implicitInput;
    case ScopeRole:
        if (m_document && size_t(row) < m_document->graph().layers.size() &&
            m_document->graph().layers[size_t(row)].name == r.name)
            return QString::fromStdString(m_document->graph().layers[size_t(row)].scope);
        return QString();
    }
    return {};
}

QVariant LayerModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Vertical)
        return section + 1;
    const bool keras = m_report.framework == Framework::Keras;
    switch (section) {
    case NameColumn: return tr("Layer");
    case TypeColumn: return tr("Type");
    case OutputColumn: return keras ? tr("Output shape") : tr("Output shape [N, C, H, W]");
    case ParamsColumn: return tr("Param #");
    case PaddingColumn: return tr("Padding");
    case FormulaColumn: return tr("Formula");
    }
    return {};
}

Qt::ItemFlags LayerModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::ItemIsDropEnabled; // drops land between rows, never on one
    Qt::ItemFlags f = Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemIsDragEnabled;
    if (index.column() == NameColumn && m_document)
        f |= Qt::ItemIsEditable;
    return f;
}

bool LayerModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!m_document || role != Qt::EditRole || !index.isValid() || index.column() != NameColumn)
        return false;
    QString error;
    const QString from = layerName(index.row());
    if (value.toString() == from)
        return false;
    if (!m_document->renameLayer(from, value.toString(), &error)) {
        if (!error.isEmpty())
            Q_EMIT editRefused(error);
        return false;
    }
    return true;
}

QStringList LayerModel::mimeTypes() const
{
    return {QString::fromLatin1(kLayerRowsMime), QString::fromLatin1(kLayerKindMime)};
}

QMimeData *LayerModel::mimeData(const QModelIndexList &indexes) const
{
    QList<int> rows;
    for (const QModelIndex &i : indexes)
        if (i.isValid() && !rows.contains(i.row()))
            rows << i.row();
    std::sort(rows.begin(), rows.end());
    QByteArray bytes;
    QDataStream out(&bytes, QIODevice::WriteOnly);
    out << rows;
    auto *mime = new QMimeData;
    mime->setData(QString::fromLatin1(kLayerRowsMime), bytes);
    QStringList names;
    for (int r : rows)
        names << layerName(r);
    mime->setText(names.join(u'\n'));
    return mime;
}

bool LayerModel::canDropMimeData(const QMimeData *data, Qt::DropAction action, int, int,
                                 const QModelIndex &parent) const
{
    if (!m_document || parent.isValid() || !data)
        return false;
    if (data->hasFormat(QString::fromLatin1(kLayerKindMime)))
        return action == Qt::CopyAction || action == Qt::MoveAction;
    return data->hasFormat(QString::fromLatin1(kLayerRowsMime)) && action == Qt::MoveAction;
}

bool LayerModel::dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                              const QModelIndex &parent)
{
    if (!canDropMimeData(data, action, row, column, parent))
        return false;
    const int dest = row < 0 ? rowCount() : row;
    QString error;
    bool ok = false;
    if (data->hasFormat(QString::fromLatin1(kLayerKindMime))) {
        const QString kind = QString::fromUtf8(data->data(QString::fromLatin1(kLayerKindMime)));
        ok = !m_document->addLayer(kind, dest, &error).isEmpty();
    } else {
        QList<int> rows;
        QDataStream in(data->data(QString::fromLatin1(kLayerRowsMime)));
        in >> rows;
        QStringList rewired;
        ok = m_document->moveLayers(rows, dest, &error, &rewired);
        if (ok && !rewired.isEmpty())
            Q_EMIT connectionsRewired(rewired);
    }
    if (!ok && !error.isEmpty())
        Q_EMIT editRefused(error);
    // The document did the whole edit as one undo step. A view that then tries to remove the dragged rows (as after
    // an ordinary move) calls removeRows, which this model does not implement, so nothing else happens.
    return ok;
}

Qt::DropActions LayerModel::supportedDropActions() const
{
    return Qt::MoveAction | Qt::CopyAction;
}

Qt::DropActions LayerModel::supportedDragActions() const
{
    return Qt::MoveAction;
}

} // namespace convlens
