// summary_delegate.h — the summary table's groups, the same as the Layers list's (stack_groups.h). Above the first row
// of an imported nn.Module class's module or a nested Keras model, a group row across the columns: ▾/▸ and the module
// path (indented by depth) under Layer, the nested model's class or the layer count under Type, the group's output
// (its last layer's) and its parameter count — the sum of its layers', a module called twice counted once — as Keras's
// model.summary() gives a nested model's one row. The group's layers are indented under it (expand_nested). A click on
// a group row folds or unfolds the group here and in the Layers list: the folds are the list's (StackDelegate).
//
// As in the list, the model stays flat: a group row is drawn at the top of its first layer's row (taller by a line),
// a folded group's other rows are hidden in the table.
#pragma once

#include "stack_groups.h"

#include <QPointer>
#include <QStyledItemDelegate>

class QTableView;

namespace convlens {

class StackDelegate;

class SummaryDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    // Draws `table`'s rows (set its model first) with `stack`'s groups and folds.
    SummaryDelegate(QTableView *table, StackDelegate *stack);
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    void updateEditorGeometry(QWidget *editor, const QStyleOptionViewItem &option,
                              const QModelIndex &index) const override;

    // The group rows drawn at the top of `row`, as group indexes and rectangles (the whole width) in the viewport.
    std::vector<std::pair<int, QRect>> headerRects(int row) const;
    // What a group row says in `column` (LayerModel's columns): the path, the type or count, the output, the params.
    QString headerText(int group, int column) const;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void apply(); // hidden rows and row heights after the stack regrouped or folded
    int lineHeight() const;

    QPointer<QTableView> m_table;
    QPointer<StackDelegate> m_stack;
    std::vector<bool> m_hidden;
};

} // namespace convlens
