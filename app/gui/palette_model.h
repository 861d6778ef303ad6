// palette_model.h — the layer kinds of the current framework, straight from the catalogue, grouped (convolutions,
// pooling, resizing, normalisation, activations, reshaping, merging, input). Rows drag as kLayerKindMime.
#pragma once

#include "model/catalogue.h"

#include <QAbstractListModel>
#include <vector>

namespace convlens {

class PaletteModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Roles { KindNameRole = Qt::UserRole + 1, GroupRole };

    explicit PaletteModel(QObject *parent = nullptr);
    void setFramework(Framework f);
    // The UI language changed: the group titles and tooltips are asked for again.
    void retranslate()
    {
        beginResetModel();
        endResetModel();
    }
    Framework framework() const { return m_framework; }
    const KindDef *kindAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    Qt::DropActions supportedDragActions() const override;

    static QString groupName(Op op);

private:
    Framework m_framework = Framework::Keras;
    std::vector<const KindDef *> m_kinds;
};

} // namespace convlens
