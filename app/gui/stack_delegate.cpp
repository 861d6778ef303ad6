// stack_delegate.cpp — painting a layer row with its status colours.
#include "stack_delegate.h"

#include "canvas_ink.h"
#include "layer_model.h"

#include <QApplication>
#include <QListView>
#include <QMouseEvent>
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

namespace {
constexpr int kIndent = 14; // per group level
} // namespace

StackDelegate::StackDelegate(QListView *view) : QStyledItemDelegate(view), m_view(view)
{
    view->viewport()->installEventFilter(this);
    if (QAbstractItemModel *model = view->model()) {
        connect(model, &QAbstractItemModel::modelReset, this, [this] {
            m_hidden.clear(); // the view forgot its hidden rows
            regroup();
        });
        connect(model, &QAbstractItemModel::dataChanged, this, &StackDelegate::regroup);
        connect(model, &QAbstractItemModel::rowsInserted, this, &StackDelegate::regroup);
        connect(model, &QAbstractItemModel::rowsRemoved, this, &StackDelegate::regroup);
    }
    regroup();
}

void StackDelegate::regroup()
{
    const QAbstractItemModel *model = m_view ? m_view->model() : nullptr;
    std::vector<QStringList> chains;
    bool any = false;
    if (model) {
        chains.reserve(size_t(model->rowCount()));
        for (int r = 0; r < model->rowCount(); ++r) {
            chains.push_back(scopeChain(model->index(r, 0).data(LayerModel::ScopeRole).toString()));
            any = any || !chains.back().isEmpty();
        }
    }
    m_groups = any ? StackGroups::compute(chains) : StackGroups{};
    applyHidden();
    Q_EMIT groupsChanged();
}

void StackDelegate::applyHidden()
{
    if (!m_view || !m_view->model())
        return;
    const int rows = m_view->model()->rowCount();
    m_hidden.resize(size_t(rows), false);
    for (int r = 0; r < rows; ++r) {
        const bool hide = !m_groups.empty() && m_groups.hidden(r, m_collapsed);
        if (hide != m_hidden[size_t(r)]) {
            m_view->setRowHidden(r, hide);
            m_hidden[size_t(r)] = hide;
        }
    }
}

void StackDelegate::setCollapsed(const QString &group, bool collapsed)
{
    if (collapsed == m_collapsed.contains(group))
        return;
    if (collapsed)
        m_collapsed.insert(group);
    else
        m_collapsed.remove(group);
    applyHidden();
    // The group's first row changes height: a header alone, or header and layer.
    for (const StackGroup &g : m_groups.groups)
        if (g.key == group && m_view && m_view->model())
            Q_EMIT sizeHintChanged(m_view->model()->index(g.first, 0));
    if (m_view)
        m_view->viewport()->update();
    Q_EMIT groupsChanged();
}

std::vector<std::pair<int, QRect>> StackDelegate::headerRects(int row) const
{
    std::vector<std::pair<int, QRect>> out;
    if (!m_view || !m_view->model() || m_groups.empty())
        return out;
    const QRect item = m_view->visualRect(m_view->model()->index(row, 0));
    const int h = headerHeight(m_view->fontMetrics());
    int y = item.top();
    for (int g : m_groups.headers(row, m_collapsed)) {
        out.emplace_back(g, QRect(item.left(), y, item.width(), h));
        y += h;
    }
    return out;
}

bool StackDelegate::eventFilter(QObject *watched, QEvent *event)
{
    // A press on a group header folds or unfolds the group; it neither selects nor starts a drag.
    if (m_view && watched == m_view->viewport() &&
        (event->type() == QEvent::MouseButtonPress || event->type() == QEvent::MouseButtonDblClick)) {
        const auto *e = static_cast<QMouseEvent *>(event);
        const QModelIndex index = m_view->indexAt(e->position().toPoint());
        if (e->button() == Qt::LeftButton && index.isValid())
            for (const auto &[g, rect] : headerRects(index.row()))
                if (rect.contains(e->position().toPoint())) {
                    if (event->type() == QEvent::MouseButtonPress) {
                        const QString key = m_groups.groups[size_t(g)].key;
                        setCollapsed(key, !collapsed(key));
                    }
                    return true;
                }
    }
    return QStyledItemDelegate::eventFilter(watched, event);
}

void StackDelegate::paint(QPainter *p, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear();
    const QWidget *w = option.widget;
    QStyle *style = w ? w->style() : QApplication::style();
    const int row = index.row();
    if (!m_groups.empty() && size_t(row) < m_groups.starting.size()) {
        // The headers of the groups beginning here: ▾/▸, the module path, the layer count and the group's output (its
        // last layer's).
        const QFontMetrics fm(opt.font);
        const int h = headerHeight(fm);
        const QColor base = opt.palette.color(QPalette::Normal, QPalette::Base);
        const QColor text = opt.palette.color(QPalette::Normal, QPalette::Text);
        int y = opt.rect.top();
        for (int gi : m_groups.headers(row, m_collapsed)) {
            const StackGroup &g = m_groups.groups[size_t(gi)];
            const QRect band(opt.rect.left() + g.depth * kIndent, y, opt.rect.width() - g.depth * kIndent, h);
            p->fillRect(band.adjusted(2, 1, -2, -1), mixColors(base, text, 0.08));
            const bool folded = m_collapsed.contains(g.key);
            const QString shape =
                index.model()->index(g.last, LayerModel::OutputColumn).data().toString();
            const int shapeW = std::min(fm.horizontalAdvance(shape) + 2, band.width() / 2);
            const QRect inner = band.adjusted(6, 0, -6, 0);
            QFont bold = opt.font;
            bold.setBold(true);
            p->save();
            p->setPen(text);
            p->drawText(QRect(inner.right() - shapeW + 1, inner.top(), shapeW, inner.height()),
                        Qt::AlignRight | Qt::AlignVCenter, fm.elidedText(shape, Qt::ElideLeft, shapeW));
            p->setFont(bold);
            const QString title = (folded ? QStringLiteral("▸ ") : QStringLiteral("▾ ")) + g.label;
            const int titleW = inner.width() - shapeW - 8;
            p->drawText(QRect(inner.left(), inner.top(), titleW, inner.height()), Qt::AlignLeft | Qt::AlignVCenter,
                        QFontMetrics(bold).elidedText(title, Qt::ElideRight, titleW));
            const int used = QFontMetrics(bold).horizontalAdvance(title) + 8;
            p->setFont(opt.font);
            p->setPen(mixColors(text, base, 0.4));
            if (used < titleW)
                p->drawText(QRect(inner.left() + used, inner.top(), titleW - used, inner.height()),
                            Qt::AlignLeft | Qt::AlignVCenter,
                            fm.elidedText(g.rowCount() == 1 ? tr("1 layer") : tr("%1 layers").arg(g.rowCount()),
                                          Qt::ElideRight, titleW - used));
            p->restore();
            y += h;
        }
        if (!m_groups.showsLayer(row, m_collapsed))
            return;
        opt.rect.setTop(y);
        opt.rect.setLeft(opt.rect.left() + m_groups.depth[size_t(row)] * kIndent);
    }
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
    const int layer = fm.height() * (skips ? 2 : 1) + 8;
    if (m_groups.empty())
        return QSize(260, layer);
    const int row = index.row();
    const int headers = int(m_groups.headers(row, m_collapsed).size());
    return QSize(260, headers * headerHeight(fm) + (m_groups.showsLayer(row, m_collapsed) ? layer : 0));
}

} // namespace convlens
