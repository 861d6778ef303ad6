// import_dialog.h — paste (or load) Keras or PyTorch code and import it. The framework is detected from the code
// unless chosen; PyTorch code declares no input, so the input shape field (C,H,W) is needed for it (for Keras it
// optionally overrides the Input, H,W,C). Code that only defines a builder (`class LeNet: @staticmethod def
// build(width, height, depth, classes)`) is built by the Call field (`LeNet.build(28, 28, 1, 10)`, the CLI's --call),
// which a failed import fills with the builder it names. A failed import stays in the dialog with the message, the
// importer's notes and the line marked.
#pragma once

#include "formats/model_file.h"

#include <QDialog>
#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace convlens {

class ImportDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ImportDialog(QWidget *parent = nullptr);

    void setCode(const QString &code);
    void setFramework(std::optional<Framework> f); // nullopt = detect
    void setInputShape(const QString &text);       // "1,28,28"
    void setCall(const QString &expr);             // "LeNet.build(28, 28, 1, 10)"
    bool loadFile(const QString &path);

    // Runs the import; on success the dialog accepts and result() holds the model.
    bool tryImport();
    const LoadResult &result() const { return m_result; }
    QString errorText() const;

    QPlainTextEdit *codeEdit() const { return m_code; }
    QLineEdit *shapeEdit() const { return m_shape; }
    QLineEdit *callEdit() const { return m_call; }
    // An importer message as the dialog says it: the command line's "--input-shape" becomes the field's name.
    static QString guiWording(QString message);

public Q_SLOTS:
    void accept() override;

private:
    void updateShapeHint();
    bool torchCode() const; // chosen, or detected from the code

    QComboBox *m_framework;
    QLineEdit *m_shape;
    QLineEdit *m_call;
    QLabel *m_shapeHint;
    QPlainTextEdit *m_code;
    QLabel *m_error;
    LoadResult m_result;
    QString m_sourceName = QStringLiteral("<pasted>");
};

} // namespace convlens
