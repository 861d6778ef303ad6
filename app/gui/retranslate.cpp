// retranslate.cpp — the catalogue of every message of the embedded .ts files, and the walk over a widget tree.
#include "retranslate.h"

#include <QAbstractButton>
#include <QAction>
#include <QComboBox>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QGroupBox>
#include <QHash>
#include <QLabel>
#include <QLineEdit>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QWidget>
#include <QXmlStreamReader>

#include <algorithm>

namespace convlens {

namespace {

struct Message {
    QByteArray context, source;
};

// Every shown form of every message: its source and each translation, to the messages it may come from.
class Catalogue
{
public:
    Catalogue()
    {
        const QDir dir(QStringLiteral(":/i18n-src"));
        for (const QString &name : dir.entryList({QStringLiteral("*.ts")}, QDir::Files))
            read(dir.filePath(name));
    }

    const QList<Message> *find(const QString &shown) const
    {
        const auto it = m_byText.constFind(shown);
        return it == m_byText.cend() ? nullptr : &it.value();
    }

private:
    void read(const QString &path)
    {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return;
        QXmlStreamReader xml(&f);
        QString context, source, translation;
        bool numerus = false;
        while (!xml.atEnd()) {
            xml.readNext();
            if (xml.isStartElement()) {
                if (xml.name() == u"name")
                    context = xml.readElementText();
                else if (xml.name() == u"message") {
                    numerus = xml.attributes().value(QLatin1StringView("numerus")) == u"yes";
                    source.clear();
                    translation.clear();
                } else if (xml.name() == u"source")
                    source = xml.readElementText();
                else if (xml.name() == u"translation" && !numerus)
                    translation = xml.readElementText();
            } else if (xml.isEndElement() && xml.name() == u"message" && !numerus && !source.isEmpty()) {
                // A numerus message has a count in it: always composed, never a fixed text.
                const Message m{context.toUtf8(), source.toUtf8()};
                add(source, m);
                if (!translation.isEmpty() && translation != source)
                    add(translation, m);
            }
        }
    }

    void add(const QString &text, const Message &m)
    {
        QList<Message> &list = m_byText[text];
        for (const Message &have : std::as_const(list))
            if (have.context == m.context && have.source == m.source)
                return;
        list.append(m);
    }

    QHash<QString, QList<Message>> m_byText;
};

const Catalogue &catalogue()
{
    static const Catalogue c;
    return c;
}

// The class names of `owner` and its ancestors, nearest first ("convlens::MainWindow", …): tr()'s contexts.
QList<QByteArray> contextsNear(const QObject *owner)
{
    QList<QByteArray> out;
    for (const QObject *o = owner; o; o = o->parent())
        for (const QMetaObject *m = o->metaObject(); m; m = m->superClass())
            out.append(QByteArray(m->className()));
    return out;
}

template <typename Get, typename Set>
void update(const QObject *owner, Get get, Set set)
{
    const QString shown = get();
    if (shown.isEmpty())
        return;
    const QString now = retranslateText(shown, owner);
    if (now != shown)
        set(now);
}

void retranslateAction(QAction *a)
{
    update(a, [a] { return a->text(); }, [a](const QString &t) { a->setText(t); });
    update(a, [a] { return a->toolTip(); }, [a](const QString &t) { a->setToolTip(t); });
    update(a, [a] { return a->statusTip(); }, [a](const QString &t) { a->setStatusTip(t); });
}

void retranslateWidget(QWidget *w)
{
    update(w, [w] { return w->windowTitle(); }, [w](const QString &t) { w->setWindowTitle(t); });
    update(w, [w] { return w->toolTip(); }, [w](const QString &t) { w->setToolTip(t); });
    update(w, [w] { return w->statusTip(); }, [w](const QString &t) { w->setStatusTip(t); });
    update(w, [w] { return w->whatsThis(); }, [w](const QString &t) { w->setWhatsThis(t); });
    if (auto *l = qobject_cast<QLabel *>(w))
        update(w, [l] { return l->text(); }, [l](const QString &t) { l->setText(t); });
    else if (auto *b = qobject_cast<QAbstractButton *>(w))
        update(w, [b] { return b->text(); }, [b](const QString &t) { b->setText(t); });
    else if (auto *g = qobject_cast<QGroupBox *>(w))
        update(w, [g] { return g->title(); }, [g](const QString &t) { g->setTitle(t); });
    else if (auto *e = qobject_cast<QLineEdit *>(w)) // the placeholder only: the text is the user's
        update(w, [e] { return e->placeholderText(); }, [e](const QString &t) { e->setPlaceholderText(t); });
    else if (auto *c = qobject_cast<QComboBox *>(w)) {
        // Only the items the combo box holds itself: setItemText on an item model (the layer list) would edit it.
        if (qobject_cast<QStandardItemModel *>(c->model()) && c->model()->parent() == c)
            for (int i = 0; i < c->count(); ++i)
                update(w, [c, i] { return c->itemText(i); }, [c, i](const QString &t) { c->setItemText(i, t); });
    } else if (auto *tabs = qobject_cast<QTabWidget *>(w)) {
        for (int i = 0; i < tabs->count(); ++i) {
            update(w, [tabs, i] { return tabs->tabText(i); }, [tabs, i](const QString &t) { tabs->setTabText(i, t); });
            update(w, [tabs, i] { return tabs->tabToolTip(i); },
                   [tabs, i](const QString &t) { tabs->setTabToolTip(i, t); });
        }
    }
}

} // namespace

QString retranslateText(const QString &shown, const QObject *owner)
{
    const QList<Message> *messages = catalogue().find(shown);
    if (!messages || messages->isEmpty())
        return shown;
    const Message *pick = &messages->front();
    if (messages->size() > 1) {
        const QList<QByteArray> near = contextsNear(owner);
        for (const QByteArray &context : near) {
            const auto it = std::find_if(messages->cbegin(), messages->cend(),
                                         [&](const Message &m) { return m.context == context; });
            if (it != messages->cend()) {
                pick = &*it;
                break;
            }
        }
    }
    return QCoreApplication::translate(pick->context.constData(), pick->source.constData());
}

void retranslateWidgets(QWidget *root)
{
    if (!root)
        return;
    retranslateWidget(root);
    for (QWidget *w : root->findChildren<QWidget *>())
        retranslateWidget(w);
    for (QAction *a : root->findChildren<QAction *>())
        retranslateAction(a);
}

} // namespace convlens
