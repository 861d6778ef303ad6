// ui_probe.cpp — the probe file: "key<TAB>x<TAB>y<TAB>w<TAB>h<TAB>text", screen coordinates.
#include "ui_probe.h"

#include "elided_label.h"
#include "layer_model.h"
#include "main_window.h"
#include "input_panel.h"

#include <QAbstractButton>
#include <QAbstractSpinBox>
#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include "stack_delegate.h"
#include "summary_delegate.h"
#include <QSaveFile>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>

namespace convlens {

namespace {

QString line(const QString &key, const QRect &r, const QString &text)
{
    QString t = text;
    t.replace(u'\n', u' ').replace(u'\t', u' ');
    return QStringLiteral("%1\t%2\t%3\t%4\t%5\t%6\n").arg(key).arg(r.x()).arg(r.y()).arg(r.width()).arg(r.height()).arg(t);
}

QRect onScreen(const QWidget *w, const QRect &local)
{
    return QRect(w->mapToGlobal(local.topLeft()), local.size());
}

QString textOf(const QWidget *w)
{
    if (auto *l = qobject_cast<const ElidedLabel *>(w))
        return l->fullText();
    if (auto *l = qobject_cast<const QLabel *>(w))
        return l->text();
    if (auto *b = qobject_cast<const QAbstractButton *>(w))
        return b->text();
    if (auto *e = qobject_cast<const QLineEdit *>(w))
        return e->text();
    if (auto *s = qobject_cast<const QAbstractSpinBox *>(w))
        return s->text();
    if (auto *c = qobject_cast<const QComboBox *>(w))
        return c->currentText();
    return w->toolTip();
}

} // namespace

void UiProbe::attachIfRequested(MainWindow *window)
{
    const QString path = qEnvironmentVariable("CONVLENS_UI_PROBE");
    if (!path.isEmpty())
        new UiProbe(window, path);
}

UiProbe::UiProbe(MainWindow *window, const QString &path) : QObject(window), m_window(window), m_path(path)
{
    m_timer = new QTimer(this);
    m_timer->setInterval(500);
    connect(m_timer, &QTimer::timeout, this, &UiProbe::write);
    m_timer->start();
}

void UiProbe::write()
{
    QString out;
    out += line(QStringLiteral("window"), m_window->frameGeometry(), m_window->windowTitle());
    const QWidget *focus = QApplication::focusWidget();
    out += line(QStringLiteral("focus"), focus ? onScreen(focus, focus->rect()) : QRect(),
                focus ? focus->objectName() + u' ' + QString::fromLatin1(focus->metaObject()->className()) : QString());
    for (const QWidget *top : QApplication::topLevelWidgets())
        if (top->isVisible() && top != m_window)
            out += line(QStringLiteral("toplevel/") + top->objectName(), top->frameGeometry(), top->windowTitle());
    // Every named visible widget of every window (dialogs included).
    for (QWidget *top : QApplication::topLevelWidgets()) {
        if (!top->isVisible())
            continue;
        const auto widgets = top->findChildren<QWidget *>();
        for (const QWidget *w : widgets)
            if (!w->objectName().isEmpty() && !w->objectName().startsWith(u"qt_") && w->isVisible())
                out += line(w->objectName(), onScreen(w, w->rect()), textOf(w));
    }
    // The rows of the layer list and of the summary, by layer name.
    const LayerModel *model = m_window->layerModel();
    const QListView *stack = m_window->stackView();
    const QTableView *table = m_window->summaryView();
    const auto *delegate = qobject_cast<const StackDelegate *>(stack->itemDelegate());
    for (int r = 0; r < model->rowCount(); ++r) {
        const QString name = model->layerName(r);
        const QString shape = model->index(r, LayerModel::OutputColumn).data().toString();
        if (stack->isVisible() && !stack->isRowHidden(r))
            if (QRect v = stack->visualRect(model->index(r, 0)); v.intersects(stack->viewport()->rect())) {
                // Group headers above the row ("group/layer1.0", folded or open), then the layer's own line.
                if (delegate)
                    for (const auto &[g, rect] : delegate->headerRects(r)) {
                        const QString key = delegate->groups().groups[size_t(g)].key;
                        out += line(QStringLiteral("group/") + key, onScreen(stack->viewport(), rect),
                                    delegate->collapsed(key) ? QStringLiteral("folded") : QStringLiteral("open"));
                        v.setTop(rect.bottom() + 1);
                    }
                if (!delegate || delegate->groups().empty() ||
                    delegate->groups().showsLayer(r, delegate->collapsedGroups()))
                    out += line(QStringLiteral("row/") + name, onScreen(stack->viewport(), v), shape);
            }
        if (table->isVisible() && !table->isRowHidden(r))
            if (QRect v = table->visualRect(model->index(r, 0)); v.intersects(table->viewport()->rect())) {
                // Group rows above the row ("summarygroup/layer1.0": path, output, parameters), then the layer's.
                if (const auto *sd = qobject_cast<const SummaryDelegate *>(table->itemDelegate()))
                    for (const auto &[g, rect] : sd->headerRects(r)) {
                        out += line(QStringLiteral("summarygroup/") + delegate->groups().groups[size_t(g)].key,
                                    onScreen(table->viewport(), rect),
                                    QStringList{sd->headerText(g, LayerModel::NameColumn),
                                                sd->headerText(g, LayerModel::OutputColumn),
                                                sd->headerText(g, LayerModel::ParamsColumn)}
                                        .join(u'|'));
                        v.setTop(rect.bottom() + 1);
                    }
                if (!delegate || delegate->groups().showsLayer(r, delegate->collapsedGroups()))
                    out += line(QStringLiteral("summary/") + name, onScreen(table->viewport(), v), shape);
            }
    }
    // Tabs: the central views and the docks tabbed together.
    for (const QTabBar *bar : m_window->findChildren<QTabBar *>())
        if (bar->isVisible())
            for (int i = 0; i < bar->count(); ++i)
                out += line(QStringLiteral("tab/") + bar->tabText(i).remove(u'&'), onScreen(bar, bar->tabRect(i)),
                            bar->currentIndex() == i ? QStringLiteral("current") : QString());
    QSaveFile f(m_path);
    if (f.open(QIODevice::WriteOnly)) {
        f.write(out.toUtf8());
        f.commit();
    }
}

} // namespace convlens
