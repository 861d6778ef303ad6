// import_dialog.cpp — the dialog's widgets and the call into core's importer.
#include "import_dialog.h"

#include "canvas_ink.h"
#include "formats/text_file.h"
#include "importers/python_code.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QTextBlock>
#include <QVBoxLayout>

namespace convlens {

ImportDialog::ImportDialog(QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("Import model code"));
    resize(760, 560);
    auto *v = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    m_framework = new QComboBox(this);
    m_framework->addItem(tr("Detect from the code"), -1);
    m_framework->addItem(QStringLiteral("Keras / TensorFlow"), int(Framework::Keras));
    m_framework->addItem(QStringLiteral("PyTorch (nn.Sequential)"), int(Framework::PyTorch));
    form->addRow(tr("Framework"), m_framework);
    m_shape = new QLineEdit(this);
    m_shape->setObjectName(QStringLiteral("inputShape"));
    m_shapeHint = new QLabel(this);
    m_shapeHint->setForegroundRole(QPalette::PlaceholderText);
    auto *shapeRow = new QHBoxLayout;
    shapeRow->addWidget(m_shape, 1);
    shapeRow->addWidget(m_shapeHint);
    form->addRow(tr("Input shape"), shapeRow);
    m_call = new QLineEdit(this);
    m_call->setObjectName(QStringLiteral("importCall"));
    m_call->setPlaceholderText(tr("only for code that defines a builder and never calls it, e.g. LeNet.build(28, 28, 1, 10)"));
    form->addRow(tr("Call"), m_call);
    v->addLayout(form);
    m_code = new QPlainTextEdit(this);
    m_code->setObjectName(QStringLiteral("importCode"));
    m_code->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_code->setPlaceholderText(tr("Paste Keras code (Sequential or functional) or a PyTorch nn.Sequential here."));
    m_code->setLineWrapMode(QPlainTextEdit::NoWrap);
    v->addWidget(m_code, 1);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("importError"));
    m_error->setWordWrap(true);
    QPalette errorPalette = m_error->palette();
    errorPalette.setColor(QPalette::WindowText, errorTextColor(palette()));
    m_error->setPalette(errorPalette);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    v->addWidget(m_error);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Import"));
    buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("importButton"));
    auto *fromFile = buttons->addButton(tr("From file…"), QDialogButtonBox::ActionRole);
    v->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &ImportDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(fromFile, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Import model code"), {},
                                                          tr("Python code (*.py *.txt);;All files (*)"));
        if (!path.isEmpty())
            loadFile(path);
    });
    connect(m_framework, &QComboBox::currentIndexChanged, this, [this] { updateShapeHint(); });
    connect(m_code, &QPlainTextEdit::textChanged, this, [this] { updateShapeHint(); });
    updateShapeHint();
    // Pasting is what the dialog is for: the text box has the focus as soon as it opens.
    m_code->setFocus(Qt::OtherFocusReason);
}

bool ImportDialog::torchCode() const
{
    const int f = m_framework->currentData().toInt();
    return f == int(Framework::PyTorch) ||
           (f < 0 && detectFramework(m_code->toPlainText().toStdString()) == Framework::PyTorch);
}

void ImportDialog::updateShapeHint()
{
    // The placeholder is words, not numbers: a grey "1,28,28" reads as a value that is already there.
    const bool torch = torchCode();
    m_shapeHint->setText(torch ? tr("required for PyTorch, e.g. 1,28,28") : tr("optional, e.g. 28,28,1"));
    m_shape->setPlaceholderText(torch ? tr("channels, height, width") : tr("height, width, channels (overrides Input)"));
}

// The importers speak to the command line ("pass --input-shape C,H,W"); here the same thing is the field above.
QString ImportDialog::guiWording(QString message)
{
    // The zh_CN translation of core's messages words the same requests its own way ("请用 --input-shape C,H,W 指定",
    // "例如 --call \"f(…)\"", resources/translations): those phrasings too.
    static const QRegularExpression pass(
        QStringLiteral("pass --input-shape ([A-Z](?:,[A-Z])+)|"
                       "请用 --input-shape ([A-Z](?:,[A-Z])+) (?:指定|给出[^；。，]*)"));
    const QString field = tr("enter the input shape (\\1) in the Input shape field");
    message.replace(pass, QString(field).replace(QStringLiteral("\\1"), QStringLiteral("\\1\\2")));
    static const QRegularExpression orPass(QStringLiteral("或用 --input-shape ([A-Z](?:,[A-Z])+) 指定"));
    message.replace(orPass, QStringLiteral("或") + field);
    message.replace(QStringLiteral("--input-shape"), tr("the input shape"));
    static const QRegularExpression call(QStringLiteral("(?:e\\.g\\.|例如) --call \"([^\"]*)\""));
    message.replace(call, tr("write the call with its arguments in the Call field, e.g. \\1"));
    return message;
}

void ImportDialog::setCode(const QString &code)
{
    m_code->setPlainText(code);
}

void ImportDialog::setFramework(std::optional<Framework> f)
{
    m_framework->setCurrentIndex(f ? m_framework->findData(int(*f)) : 0);
}

void ImportDialog::setInputShape(const QString &text)
{
    m_shape->setText(text);
}

void ImportDialog::setCall(const QString &expr)
{
    m_call->setText(expr);
}

bool ImportDialog::loadFile(const QString &path)
{
    // what the file holds, not a 16 MiB buffer, and a larger file refused rather than cut
    QByteArray data;
    if (const std::string why = readTextFile(path.toStdString(), &data); !why.empty()) {
        m_error->setText(tr("Cannot read %1: %2").arg(path, QString::fromStdString(why)));
        return false;
    }
    m_code->setPlainText(QString::fromUtf8(data));
    m_sourceName = QFileInfo(path).fileName();
    return true;
}

QString ImportDialog::errorText() const
{
    return m_error->text();
}

bool ImportDialog::tryImport()
{
    LoadOptions opts;
    const int f = m_framework->currentData().toInt();
    if (f >= 0)
        opts.framework = Framework(f);
    const QString shapeText = m_shape->text().trimmed();
    if (shapeText.isEmpty() && torchCode() && !m_code->toPlainText().trimmed().isEmpty()) {
        m_error->setText(tr("PyTorch code does not say how large its input is: enter the input shape as channels, "
                            "height, width in the Input shape field (1,28,28 for an MNIST digit)."));
        m_shape->setFocus(Qt::OtherFocusReason);
        return false;
    }
    if (!shapeText.isEmpty()) {
        Shape s;
        QString cleaned = shapeText;
        cleaned.remove(u'(').remove(u')').remove(u'[').remove(u']');
        for (const QString &part : cleaned.split(u',', Qt::SkipEmptyParts)) {
            bool ok = false;
            const qlonglong d = part.trimmed().toLongLong(&ok);
            if (!ok || d <= 0) {
                m_error->setText(tr("The input shape must be positive sizes separated by commas, like 1,28,28."));
                return false;
            }
            s.push_back(d);
        }
        opts.inputShape = s;
    }
    if (const QString call = m_call->text().trimmed(); !call.isEmpty())
        opts.call = call.toStdString();
    const std::string code = m_code->toPlainText().toStdString();
    m_result = importPythonCode(code, m_sourceName.toStdString(), opts);
    if (!m_result.ok()) {
        const LoadError e = m_result.error.value_or(LoadError{m_sourceName.toStdString(), 0, 0, "import failed"});
        QString text = guiWording(QString::fromStdString(e.toString()));
        for (const auto &n : m_result.notes) // what the importer skipped may be why
            text += u'\n' + tr("Note: %1").arg(QString::fromStdString(n));
        m_error->setText(text);
        // a builder that nothing calls: the Call field gets it with its parameters, for the user to fill in
        static const QRegularExpression builder(QStringLiteral("nothing calls: ([A-Za-z_][\\w.]*\\([^)]*\\))"));
        if (const auto m = builder.match(QString::fromStdString(e.message)); m.hasMatch() && m_call->text().isEmpty()) {
            m_call->setText(m.captured(1));
            const int open = int(m.captured(1).indexOf(u'('));
            m_call->setSelection(open + 1, int(m.captured(1).size()) - open - 2);
            m_call->setFocus(Qt::OtherFocusReason);
            return false;
        }
        if (e.line > 0) {
            const QTextBlock block = m_code->document()->findBlockByNumber(e.line - 1);
            if (block.isValid()) {
                QTextCursor c(block);
                c.movePosition(QTextCursor::EndOfBlock, QTextCursor::KeepAnchor);
                m_code->setTextCursor(c);
            }
        }
        return false;
    }
    m_error->clear();
    return true;
}

void ImportDialog::accept()
{
    if (tryImport())
        QDialog::accept();
}

} // namespace convlens
