// elided_label.h — a one-line label that shortens its text with "…" to the width it is given, the full text in its
// tooltip. The status bar's message and the forward-pass summary share one line: each keeps to its own part instead
// of QStatusBar's temporary message being drawn over the permanent widget.
#pragma once

#include <QLabel>

namespace convlens {

class ElidedLabel : public QLabel {
    Q_OBJECT
public:
    explicit ElidedLabel(QWidget *parent = nullptr);
    void setFullText(const QString &text);
    QString fullText() const { return m_full; }
    QSize minimumSizeHint() const override;
    QSize sizeHint() const override;

protected:
    void resizeEvent(QResizeEvent *e) override;

private:
    void elide();
    QString m_full;
};

} // namespace convlens
