// stack_delegate.cpp — painting a layer row with its status colours.
#include "stack_delegate.h"

#include "canvas_ink.h"
#include "layer_model.h"

#include <QApplication>
#include <QPainter>

namespace convlens {

StackRowGeometry stackRowGeometry(const QRect &rect, bool hasSkips, int lineHeight, int shapeWidth, int nameWidth)
{
    StackRowGeometry g;
    const QRect inner = rect.adjusted(6, 3, -6, -3);
    const QRect line1(inner.left(), inner.top(), inner.width(), lineHeight);
    g.shape = QRect(line1.right() - shapeWidth + 1, line1.top(), shapeWidth, lineHeight);
    const int nameW = std::max(0, (line1.width() - shapeWidth - 8));
    const int name = nameWidth < 0 ? nameW * 3 / 5 : std::min(nameWidth, nameW);
    g.name = QRect(line1.left(), line1.top(), name, lineHeight);
    g.type = QRect(g.name.right() + 6, line1.top(), std::max(0, nameW - g.name.width() - 6), lineHeight);
    if (hasSkips)
        g.skips = QRect(inner.left() + 12, line1.bottom() + 1, inner.width() - 12, lineHeight);
    return g;
}

void StackDelegate::paint(QPainter *p, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear();
    const QWidget *w = option.widget;
    QStyle *style = w ? w->style() : QApplication::style();
    const auto status = LayerReport::Status(index.data(LayerModel::StatusRole).toInt());
    if (status == LayerReport::Status::Refused && !(opt.state & QStyle::State_Selected))
        p->fillRect(opt.rect, QColor(0xfd, 0xe2, 0xe0));
    style->drawControl(QStyle::CE_ItemViewItem, &opt, p, w);

    const QStringList skips = index.data(LayerModel::SkipInputsRole).toStringList();
    const QFontMetrics fm(opt.font);
    const QString shape = index.siblingAtColumn(LayerModel::OutputColumn).data().toString();
    const int shapeW = std::min(fm.horizontalAdvance(shape) + 2, opt.rect.width() / 2);
    QFont boldFont = opt.font;
    boldFont.setBold(true);
    const QString name = index.data(LayerModel::LayerNameRole).toString();
    const StackRowGeometry g = stackRowGeometry(opt.rect, !skips.isEmpty(), fm.height(), shapeW,
                                                QFontMetrics(boldFont).horizontalAdvance(name) + 2);
    const bool selected = opt.state & QStyle::State_Selected;
    const QPalette::ColorRole textRole = selected ? QPalette::HighlightedText : QPalette::Text;
    QColor text = opt.palette.color(QPalette::Normal, textRole);
    const QColor base = opt.palette.color(QPalette::Normal, QPalette::Base);
    QColor dim = selected ? text : mixColors(text, base, 0.4);
    if (status == LayerReport::Status::Blocked && !selected)
        text = dim = mixColors(text, base, 0.55);
    if (status == LayerReport::Status::Refused && !selected)
        text = QColor(0xa0, 0x10, 0x20);
    p->save();
    p->setFont(boldFont);
    p->setPen(text);
    const QFontMetrics bfm(boldFont);
    p->drawText(g.name, Qt::AlignLeft | Qt::AlignVCenter, bfm.elidedText(name, Qt::ElideRight, g.name.width()));
    p->setFont(opt.font);
    p->setPen(dim);
    // The type only where it fits as a recognisable word (a couple of letters and "…" say nothing).
    if (g.type.width() >= fm.horizontalAdvance(QStringLiteral("Conv…")))
        p->drawText(g.type, Qt::AlignLeft | Qt::AlignVCenter,
                    fm.elidedText(index.data(LayerModel::TypeRole).toString(), Qt::ElideRight, g.type.width()));
    p->setPen(text);
    p->drawText(g.shape, Qt::AlignRight | Qt::AlignVCenter, fm.elidedText(shape, Qt::ElideLeft, g.shape.width()));
    if (!skips.isEmpty()) {
        p->setPen(selected ? text : base.lightnessF() < 0.5 ? QColor(0x86, 0xb4, 0xe8) : QColor(0x2a, 0x5d, 0x9a));
        p->drawText(g.skips, Qt::AlignLeft | Qt::AlignVCenter,
                    fm.elidedText(tr("↳ from %1").arg(skips.join(QStringLiteral(", "))), Qt::ElideRight,
                                  g.skips.width()));
    }
    p->restore();
}

QSize StackDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QFontMetrics fm(option.font);
    const bool skips = !index.data(LayerModel::SkipInputsRole).toStringList().isEmpty();
    return QSize(260, fm.height() * (skips ? 2 : 1) + 8);
}

} // namespace convlens
