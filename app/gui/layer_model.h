// layer_model.h — the layers of the document as a table (one row per layer, in graph order): Layer, Type, Output
// shape, Param #, Padding, Formula. The layer stack (a list over column 0), the summary table and the diagram all
// share this model and one QItemSelectionModel, so a selection anywhere is a selection everywhere.
// It takes whole reports (setReport) and pushes edits back through the Document (rename in setData, drops of palette
// kinds and of rows), as tiled's LayerModel does.
#pragma once

#include "shape/report.h"

#include <QAbstractTableModel>
#include <QStringList>

class QItemSelectionModel;

namespace convlens {

class Document;

inline constexpr const char *kLayerRowsMime = "application/x-convlens-layer-rows";
inline constexpr const char *kLayerKindMime = "application/x-convlens-layer-kind";

QString shapeText(const Shape &s, Framework f);       // "(None, 14, 14, 16)" / "[1, 16, 14, 14]"
QString compactShapeText(const Shape &s, Framework f); // "14×14×16" / "16×14×14"
QString paddingText(const LayerReport &r);             // "0/1, 0/1" style: "t0 b1 l0 r1", "—" when none
QString groupedNumber(std::int64_t n);                 // 1,234,567

// The rows with any selected cell, sorted: a selection made in the layer list holds only column 0 of each row, one
// made in the summary table every column (QItemSelectionModel::selectedRows would miss the former).
QList<int> selectedLayerRows(const QItemSelectionModel *selection);

class LayerModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, TypeColumn, OutputColumn, ParamsColumn, PaddingColumn, FormulaColumn, ColumnCount };
    enum Roles {
        LayerNameRole = Qt::UserRole + 1, // QString
        StatusRole,                       // int(LayerReport::Status)
        InputsRole,                       // QStringList, in order
        SkipInputsRole,                   // QStringList: inputs other than the layer right above (skip connections)
        OutputShapeRole,                  // QString in the framework's style, empty when none
        ErrorRole,                        // QString
        FixRole,                          // QString
        TypeRole,                         // QString (catalogue class name)
        ImplicitInputRole,                // bool
        ScopeRole,                        // QString: Layer::scope, the module or nested model that made it
    };

    explicit LayerModel(Document *document = nullptr, QObject *parent = nullptr);

    void setReport(const ShapeReport &report);
    // Teach ▸ Quiz: the layers whose output shape, padding, parameter count and formula show "?" (the answers), and
    // their tooltips too. Empty: nothing hidden.
    void setHiddenAnswers(const QStringList &layers);
    const QStringList &hiddenAnswers() const { return m_hidden; }
    const ShapeReport &report() const { return m_report; }
    int rowOf(const QString &layerName) const;
    QString layerName(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;

    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    bool canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                         const QModelIndex &parent) const override;
    bool dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                      const QModelIndex &parent) override;
    Qt::DropActions supportedDropActions() const override;
    Qt::DropActions supportedDragActions() const override;

Q_SIGNALS:
    void editRefused(const QString &message); // a rename or drop the document refused
    void connectionsRewired(const QStringList &changes); // a dropped move changed skip connections (Document)

private:
    QStringList skipInputs(int row) const;
    QString toolTip(int row) const;

    Document *m_document;
    ShapeReport m_report;
    QStringList m_hidden;
};

} // namespace convlens
