// palette_model.cpp — catalogue kinds sorted by group, tooltips listing their parameters.
#include "palette_model.h"

#include "layer_model.h"

#include <QCoreApplication>
#include <QMimeData>
#include <algorithm>

namespace convlens {

namespace {

// The palette's group order: convolutions first, the input last.
int groupRank(Op op)
{
    switch (traits(op).family) {
    case Family::Conv: return 0;
    case Family::Pool: return 1;
    case Family::Resample:
    case Family::Pad: return 2;
    case Family::Norm: return 3;
    case Family::Elementwise: return op == Op::Dropout ? 3 : 4;
    case Family::Dense:
    case Family::Reshape: return 5;
    case Family::Merge: return 6;
    case Family::Input: return 7;
    }
    return 8;
}

} // namespace

QString PaletteModel::groupName(Op op)
{
    switch (groupRank(op)) {
    case 0: return tr("Convolution");
    case 1: return tr("Pooling");
    case 2: return tr("Resize and pad");
    case 3: return tr("Normalisation");
    case 4: return tr("Activation");
    case 5: return tr("Dense and reshape");
    case 6: return tr("Merge");
    case 7: return tr("Input");
    }
    return {};
}

PaletteModel::PaletteModel(QObject *parent) : QAbstractListModel(parent)
{
    setFramework(Framework::Keras);
}

void PaletteModel::setFramework(Framework f)
{
    if (f == m_framework && !m_kinds.empty())
        return;
    beginResetModel();
    m_framework = f;
    m_kinds.clear();
    for (const KindDef &k : catalogue())
        if (k.framework == f)
            m_kinds.push_back(&k);
    std::stable_sort(m_kinds.begin(), m_kinds.end(),
                     [](const KindDef *a, const KindDef *b) { return groupRank(a->op) < groupRank(b->op); });
    endResetModel();
}

const KindDef *PaletteModel::kindAt(int row) const
{
    return row >= 0 && size_t(row) < m_kinds.size() ? m_kinds[size_t(row)] : nullptr;
}

int PaletteModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_kinds.size());
}

QVariant PaletteModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const KindDef &k = *m_kinds[size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case KindNameRole:
        return QString::fromStdString(k.className);
    case GroupRole:
        return groupName(k.op);
    case Qt::ToolTipRole: {
        QString t = QStringLiteral("<b>%1</b> — %2<br>")
                        .arg(QString::fromStdString(k.className),
                             QCoreApplication::translate("convlens::catalogue", k.summary.c_str()).toHtmlEscaped());
        QStringList ps;
        for (const ParamDef &p : k.params)
            if (p.type != ParamType::Ignored && p.name != "data_format")
                ps << QStringLiteral("%1%2").arg(QString::fromStdString(p.name),
                                                 p.required ? QStringLiteral(" (required)") : QString());
        if (!ps.isEmpty())
            t += tr("Parameters: %1").arg(ps.join(QStringLiteral(", ")));
        return QString(t + tr("<br><i>Drag onto the layer stack, or double-click to insert below the selection.</i>"));
    }
    }
    return {};
}

Qt::ItemFlags PaletteModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemIsDragEnabled;
}

QStringList PaletteModel::mimeTypes() const
{
    return {QString::fromLatin1(kLayerKindMime)};
}

QMimeData *PaletteModel::mimeData(const QModelIndexList &indexes) const
{
    if (indexes.isEmpty() || !indexes.front().isValid())
        return nullptr;
    auto *mime = new QMimeData;
    const QString name = data(indexes.front(), KindNameRole).toString();
    mime->setData(QString::fromLatin1(kLayerKindMime), name.toUtf8());
    mime->setText(name);
    return mime;
}

Qt::DropActions PaletteModel::supportedDragActions() const
{
    return Qt::CopyAction;
}

} // namespace convlens
