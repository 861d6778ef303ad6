// summary_delegate.cpp — the group rows of the summary table.
#include "summary_delegate.h"

#include "canvas_ink.h"
#include "layer_model.h"
#include "stack_delegate.h"

#include <QHeaderView>
#include <QMouseEvent>
#include <QPainter>
#include <QTableView>

namespace convlens {

namespace {
constexpr int kIndent = 14; // per group level, as in the Layers list
}

SummaryDelegate::SummaryDelegate(QTableView *table, StackDelegate *stack)
    : QStyledItemDelegate(table), m_table(table), m_stack(stack)
{
    table->viewport()->installEventFilter(this);
    connect(stack, &StackDelegate::groupsChanged, this, &SummaryDelegate::apply);
    // After the table's own header reacted to the same change (a reset forgets the row heights and hidden rows).
    if (QAbstractItemModel *model = table->model()) {
        connect(model, &QAbstractItemModel::modelReset, this, &SummaryDelegate::apply);
        connect(model, &QAbstractItemModel::rowsInserted, this, &SummaryDelegate::apply);
        connect(model, &QAbstractItemModel::rowsRemoved, this, &SummaryDelegate::apply);
        connect(model, &QAbstractItemModel::rowsMoved, this, &SummaryDelegate::apply);
        connect(model, &QAbstractItemModel::layoutChanged, this, &SummaryDelegate::apply);
    }
    apply();
}

int SummaryDelegate::lineHeight() const
{
    return m_table ? m_table->verticalHeader()->defaultSectionSize() : 20;
}

void SummaryDelegate::apply()
{
    if (!m_table || !m_stack || !m_table->model())
        return;
    const StackGroups &groups = m_stack->groups();
    const QSet<QString> &collapsed = m_stack->collapsedGroups();
    const int rows = m_table->model()->rowCount();
    const int line = lineHeight();
    QHeaderView *header = m_table->verticalHeader();
    for (int r = 0; r < rows; ++r) {
        const bool grouped = !groups.empty() && size_t(r) < groups.starting.size();
        const bool hide = grouped && groups.hidden(r, collapsed);
        if (m_table->isRowHidden(r) != hide)
            m_table->setRowHidden(r, hide);
        const int h = grouped ? int(groups.headers(r, collapsed).size()) * line +
                                    (groups.showsLayer(r, collapsed) ? line : 0)
                              : line;
        if (header->sectionSize(r) != h && !hide)
            header->resizeSection(r, h);
    }
    m_table->viewport()->update();
}

QString SummaryDelegate::headerText(int group, int column) const
{
    if (!m_stack || !m_table || group < 0 || size_t(group) >= m_stack->groups().groups.size())
        return {};
    const StackGroup &g = m_stack->groups().groups[size_t(group)];
    const auto *model = qobject_cast<const LayerModel *>(m_table->model());
    if (!model)
        return {};
    // A quiz hiding one of the group's answers hides the group's output and count too: they would give it away.
    bool hidesAnswer = false;
    for (int r = g.first; r <= g.last && !hidesAnswer; ++r)
        hidesAnswer = model->hiddenAnswers().contains(model->layerName(r));
    switch (column) {
    case LayerModel::NameColumn:
        return (m_stack->collapsed(g.key) ? QStringLiteral("▸ ") : QStringLiteral("▾ ")) + g.label;
    case LayerModel::TypeColumn: {
        // Keras: the nested model's class, as model.summary() writes it ("encoder (Functional)"); PyTorch paths
        // carry no class.
        const QString count = g.rowCount() == 1 ? tr("1 layer") : tr("%1 layers").arg(g.rowCount());
        const QString last = g.key.section(u'/', -1);
        return last.contains(u':') ? last.section(u':', -1) + QStringLiteral(" · ") + count : count;
    }
    case LayerModel::OutputColumn:
        return hidesAnswer ? QStringLiteral("?") : model->index(g.last, LayerModel::OutputColumn).data().toString();
    case LayerModel::ParamsColumn: {
        if (hidesAnswer)
            return QStringLiteral("?");
        const ShapeReport &report = model->report();
        std::vector<std::int64_t> params(report.layers.size());
        std::vector<QString> paths(report.layers.size());
        for (size_t r = 0; r < report.layers.size(); ++r) {
            const LayerReport &l = report.layers[r];
            if ((int(r) >= g.first && int(r) <= g.last) && l.status != LayerReport::Status::Ok)
                return QStringLiteral("—"); // a refused or blocked layer has no count
            params[r] = l.params;
            paths[r] = QString::fromStdString(l.modulePath);
        }
        return groupedNumber(groupParams(g, params, paths));
    }
    default:
        return {};
    }
}

std::vector<std::pair<int, QRect>> SummaryDelegate::headerRects(int row) const
{
    std::vector<std::pair<int, QRect>> out;
    if (!m_table || !m_stack || !m_table->model() || m_stack->groups().empty())
        return out;
    const QRect item = m_table->visualRect(m_table->model()->index(row, 0));
    const int line = lineHeight();
    int y = item.top();
    for (int g : m_stack->groups().headers(row, m_stack->collapsedGroups())) {
        out.emplace_back(g, QRect(0, y, m_table->viewport()->width(), line));
        y += line;
    }
    return out;
}

bool SummaryDelegate::eventFilter(QObject *watched, QEvent *event)
{
    // A press on a group row folds or unfolds the group (here and in the Layers list); it selects nothing.
    if (m_table && m_stack && watched == m_table->viewport() &&
        (event->type() == QEvent::MouseButtonPress || event->type() == QEvent::MouseButtonDblClick)) {
        const auto *e = static_cast<QMouseEvent *>(event);
        const QModelIndex index = m_table->indexAt(e->position().toPoint());
        if (e->button() == Qt::LeftButton && index.isValid())
            for (const auto &[g, rect] : headerRects(index.row()))
                if (rect.contains(e->position().toPoint())) {
                    if (event->type() == QEvent::MouseButtonPress) {
                        const QString key = m_stack->groups().groups[size_t(g)].key;
                        m_stack->setCollapsed(key, !m_stack->collapsed(key));
                    }
                    return true;
                }
    }
    return QStyledItemDelegate::eventFilter(watched, event);
}

void SummaryDelegate::paint(QPainter *p, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    if (!m_stack || m_stack->groups().empty() || size_t(index.row()) >= m_stack->groups().starting.size()) {
        QStyledItemDelegate::paint(p, option, index);
        return;
    }
    const StackGroups &groups = m_stack->groups();
    const QSet<QString> &collapsed = m_stack->collapsedGroups();
    const int row = index.row(), column = index.column();
    const int line = lineHeight();
    const QColor base = option.palette.color(QPalette::Normal, QPalette::Base);
    const QColor text = option.palette.color(QPalette::Normal, QPalette::Text);
    int y = option.rect.top();
    for (int gi : groups.headers(row, collapsed)) {
        const StackGroup &g = groups.groups[size_t(gi)];
        const QRect band(option.rect.left(), y, option.rect.width(), line);
        p->fillRect(band, mixColors(base, text, 0.08));
        QRect inner = band.adjusted(4, 0, -4, 0);
        QFont font = option.font;
        if (column == LayerModel::NameColumn) {
            inner.setLeft(inner.left() + g.depth * kIndent);
            font.setBold(true);
        }
        p->save();
        p->setFont(font);
        p->setPen(column == LayerModel::TypeColumn ? mixColors(text, base, 0.4) : text);
        const Qt::Alignment align =
            (column == LayerModel::ParamsColumn ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter;
        p->drawText(inner, align,
                    QFontMetrics(font).elidedText(headerText(gi, column), Qt::ElideRight, std::max(0, inner.width())));
        p->restore();
        y += line;
    }
    if (!groups.showsLayer(row, collapsed))
        return;
    QStyleOptionViewItem opt = option;
    opt.rect.setTop(y);
    if (column == LayerModel::NameColumn)
        opt.rect.setLeft(opt.rect.left() + groups.depth[size_t(row)] * kIndent);
    QStyledItemDelegate::paint(p, opt, index);
}

void SummaryDelegate::updateEditorGeometry(QWidget *editor, const QStyleOptionViewItem &option,
                                           const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    if (m_stack && !m_stack->groups().empty() && size_t(index.row()) < m_stack->groups().starting.size()) {
        const StackGroups &groups = m_stack->groups();
        opt.rect.setTop(opt.rect.top() +
                        int(groups.headers(index.row(), m_stack->collapsedGroups()).size()) * lineHeight());
        if (index.column() == LayerModel::NameColumn)
            opt.rect.setLeft(opt.rect.left() + groups.depth[size_t(index.row())] * kIndent);
    }
    QStyledItemDelegate::updateEditorGeometry(editor, opt, index);
}

} // namespace convlens
