// retranslate.h — View ▸ Language applied live. The UI is built in code: a widget keeps the text tr() returned, not
// the message it came from, so there is nothing to call tr() on again. Instead of a retranslateUi() per class (some
// 500 strings in 25 files, each a chance to forget one), the texts on screen are looked up in the translation
// catalogue — the .ts files, embedded as ":/i18n-src/convlens_<lang>.ts" — as a source or as any language's
// translation, and replaced by the message's translation in the language now installed. What that covers: the texts
// a widget was given once (menus, actions, dock, tool-bar and window titles, labels, buttons, check boxes, tabs, group
// boxes, combo-box items, tool tips, placeholders). What it cannot: texts composed with arguments ("%1 channels");
// their owners write them again (the main window re-infers the shapes, which recomputes core's formulas through
// tx(), and refreshes its views). docs/decisions.md says why.
#pragma once

#include <QString>

class QObject;
class QWidget;

namespace convlens {

// The current translation of the message whose source or translation `shown` is (the first message of the
// context nearest `owner` — its class or an ancestor's — when several contexts have the text), or `shown` when the
// catalogue has no such message.
QString retranslateText(const QString &shown, const QObject *owner = nullptr);

// Retranslates `root`, every widget under it and their actions, as above. Item-view models are their owners' job.
void retranslateWidgets(QWidget *root);

} // namespace convlens
