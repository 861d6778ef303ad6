// stack_delegate.h — how one row of the layer stack looks: name and type on the first line, the output shape on the
// right, skip connections ("← conv2d_3") on a second line. The rectangles come from a plain function
// (stackRowGeometry) so they can be tested without painting. Rows of an imported nn.Module class or nested Keras
// model sit under collapsible group headers (stack_groups.h): the delegate draws the headers above a group's first
// row, indents the rows, and a click on a header collapses or expands its group.
#pragma once

#include "stack_groups.h"

#include <QPointer>
#include <QRect>
#include <QStyledItemDelegate>

class QListView;

namespace convlens {

struct StackRowGeometry {
    QRect name, type, shape, skips;
};
// `rect` is the row; `hasSkips` adds the second line; `lineHeight` the font's line height. `nameWidth` is what the
// name needs: it gets that much (the shape keeps its own width), and the type takes what is left, possibly nothing —
// a name and a shape are what a user reads; the type is in the tooltip and the summary. Without it (−1), the name
// gets three fifths of what the shape leaves.
StackRowGeometry stackRowGeometry(const QRect &rect, bool hasSkips, int lineHeight, int shapeWidth,
                                  int nameWidth = -1);

class StackDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    // Draws `view`'s rows and groups them by LayerModel::ScopeRole (set the view's model first).
    explicit StackDelegate(QListView *view);
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    const StackGroups &groups() const { return m_groups; }
    bool collapsed(const QString &group) const { return m_collapsed.contains(group); }
    const QSet<QString> &collapsedGroups() const { return m_collapsed; }
    void setCollapsed(const QString &group, bool collapsed);
    // The headers drawn at the top of `row`'s item, as group indexes and rectangles in the view's viewport.
    std::vector<std::pair<int, QRect>> headerRects(int row) const;

Q_SIGNALS:
    void groupsChanged(); // regrouped after an edit, or a group folded or unfolded (the summary follows)

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void regroup();
    void applyHidden();
    int headerHeight(const QFontMetrics &fm) const { return fm.height() + 6; }

    QPointer<QListView> m_view;
    StackGroups m_groups;
    QSet<QString> m_collapsed; // by group key; kept across edits and re-imports of the same code
    std::vector<bool> m_hidden; // the rows this delegate hid in the view
};

} // namespace convlens
