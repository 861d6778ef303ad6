// stack_delegate.h — how one row of the layer stack looks: name and type on the first line, the output shape on the
// right, skip connections ("← conv2d_3") on a second line. The rectangles come from a plain function
// (stackRowGeometry) so they can be tested without painting.
#pragma once

#include <QRect>
#include <QStyledItemDelegate>

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
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace convlens
