// guide_dialog.h — Help ▸ Guide: a short built-in guide with pictures (resources/guide/, compiled in): what the
// views show, how padding and stride are drawn in the step player, what the weights banner means, and the keyboard
// shortcuts. A plain QTextBrowser over HTML written here (translatable); no network, no external viewer.
#pragma once

#include <QDialog>

class QTextBrowser;

namespace convlens {

class GuideDialog : public QDialog {
    Q_OBJECT
public:
    explicit GuideDialog(QWidget *parent = nullptr);
    QTextBrowser *browser() const { return m_browser; }
    // The pictures the guide shows (resource paths), each of which must load.
    static QStringList pictures();

private:
    QTextBrowser *m_browser;
};

} // namespace convlens
