// properties_editor.cpp — lays the parameter fields (param_fields.h) out from the catalogue, plus the name, the inputs
// and what the shape engine resolved.
#include "properties_editor.h"

#include "document.h"
#include "layer_model.h"
#include "param_fields.h"

#include <QAbstractSpinBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QToolButton>

namespace convlens {

// ------------------------------------------------------------------------------------------------- editor
PropertiesEditor::PropertiesEditor(QWidget *parent) : QWidget(parent)
{
    m_outer = new QVBoxLayout(this);
    m_outer->setContentsMargins(6, 6, 6, 6);
    m_header = new QLabel(this);
    m_header->setWordWrap(true);
    m_header->setTextFormat(Qt::RichText);
    m_outer->addWidget(m_header);
    m_results = new QLabel(this);
    m_results->setWordWrap(true);
    m_results->setTextFormat(Qt::RichText);
    m_results->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_outer->addWidget(m_results);
    m_outer->addStretch(1);
    rebuild();
}

PropertiesEditor::~PropertiesEditor() = default;

void PropertiesEditor::setDocument(Document *document)
{
    if (m_document)
        disconnect(m_document, nullptr, this, nullptr);
    m_document = document;
    if (m_document)
        connect(m_document, &Document::reportChanged, this, &PropertiesEditor::refresh);
    m_layer.clear();
    rebuild();
}

void PropertiesEditor::setLayer(const QString &name)
{
    if (name == m_layer)
        return;
    m_layer = name;
    rebuild();
}

QWidget *PropertiesEditor::fieldWidget(const QString &param) const
{
    for (ParamField *f : m_fields)
        if (QString::fromStdString(f->def().name) == param)
            return f;
    return nullptr;
}

namespace {

// The editors a user types into inside a field: its spin boxes and line edits (not a spin box's own line edit).
QList<QWidget *> typingEditors(QWidget *field)
{
    QList<QWidget *> out;
    for (QWidget *w : field->findChildren<QWidget *>())
        if (qobject_cast<QAbstractSpinBox *>(w) ||
            (qobject_cast<QLineEdit *>(w) && !qobject_cast<QAbstractSpinBox *>(w->parentWidget())))
            out << w;
    return out;
}

} // namespace

std::optional<PropertiesEditor::FieldFocus> PropertiesEditor::fieldFocus(const QWidget *widget) const
{
    if (widget && widget == m_name)
        return FieldFocus{QStringLiteral("layerName"), 0};
    for (ParamField *f : m_fields)
        if (const int i = typingEditors(f).indexOf(const_cast<QWidget *>(widget)); i >= 0)
            return FieldFocus{QString::fromStdString(f->def().name), i};
    return std::nullopt;
}

void PropertiesEditor::restoreFieldFocus(const FieldFocus &focus)
{
    QWidget *target = nullptr;
    if (focus.field == u"layerName") {
        target = m_name;
    } else if (QWidget *f = fieldWidget(focus.field)) {
        const QList<QWidget *> editors = typingEditors(f);
        target = editors.value(focus.editor);
    }
    if (target && target->isEnabled())
        target->setFocus(Qt::OtherFocusReason);
}

void PropertiesEditor::refresh()
{
    const Layer *l = m_document ? m_document->graph().find(m_layer.toStdString()) : nullptr;
    if (!l) {
        if (!m_builtType.isEmpty())
            rebuild();
        return;
    }
    if (QString::fromStdString(l->type) != m_builtType || int(m_document->framework()) != m_builtFramework ||
        l->inputs.size() != m_builtInputCount) {
        rebuild();
        return;
    }
    updateValues();
}

void PropertiesEditor::rebuild()
{
    if (m_body) {
        m_body->hide();
        m_body->deleteLater();
    }
    m_body = nullptr;
    m_form = nullptr;
    m_name = nullptr;
    m_inputs = nullptr;
    m_fields.clear();
    m_builtType.clear();
    const Layer *l = m_document ? m_document->graph().find(m_layer.toStdString()) : nullptr;
    const KindDef *kind = l ? findKind(m_document->framework(), l->type) : nullptr;
    if (!l || !kind) {
        m_header->setText(tr("<i>Select a layer to edit its parameters.</i>"));
        m_results->clear();
        return;
    }
    m_builtType = QString::fromStdString(l->type);
    m_builtFramework = int(m_document->framework());
    m_builtInputCount = l->inputs.size();
    m_header->setText(QStringLiteral("<b>%1</b> — %2")
                          .arg(m_builtType, QCoreApplication::translate("convlens::catalogue", kind->summary.c_str())));

    m_body = new QWidget(this);
    m_form = new QFormLayout(m_body);
    m_form->setContentsMargins(0, 0, 0, 0);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_outer->insertWidget(1, m_body);

    m_name = new QLineEdit(m_body);
    m_name->setObjectName(QStringLiteral("layerName"));
    m_form->addRow(tr("name"), m_name);
    connect(m_name, &QLineEdit::editingFinished, this, [this] {
        const QString to = m_name->text().trimmed();
        if (!m_document || to == m_layer)
            return;
        const QString from = m_layer;
        m_layer = to; // follow the layer through the rename (the document emits while we are here)
        QString error;
        if (!m_document->renameLayer(from, to, &error)) {
            m_layer = from;
            m_name->setText(from);
            if (!error.isEmpty())
                Q_EMIT editRefused(error);
        }
    });
    buildInputsRow();

    Document *doc = m_document;
    for (const ParamDef &p : kind->params) {
        if (!shownInEditor(p))
            continue;
        const QString param = QString::fromStdString(p.name);
        auto onEdit = [this, doc, param](std::optional<ParamValue> v, bool interactive) {
            if (doc)
                doc->setParam(m_layer, param, std::move(v), interactive);
        };
        auto onFinished = [doc] {
            if (doc)
                doc->finishInteraction();
        };
        ParamField *field = makeField(p, onEdit, onFinished);
        field->setParent(m_body);
        field->setObjectName(param);
        if (!p.required)
            field->addResetButton();
        auto *label = new QLabel(p.required ? param + QStringLiteral(" *") : param, m_body);
        label->setToolTip(QCoreApplication::translate("convlens::catalogue", p.help.c_str()));
        m_form->addRow(label, field);
        m_fields.push_back(field);
    }
    updateValues();
}

void PropertiesEditor::buildInputsRow()
{
    const Graph &g = m_document->graph();
    const Layer *l = g.find(m_layer.toStdString());
    const KindDef *kind = findKind(g.framework, l->type);
    if (!kind || kind->maxInputs == 0)
        return;
    m_inputs = new QWidget(m_body);
    auto *col = new QVBoxLayout(m_inputs);
    col->setContentsMargins(0, 0, 0, 0);
    col->setSpacing(2);
    const int self = g.indexOf(l->name);
    QStringList candidates;
    for (int i = 0; i < self; ++i)
        candidates << QString::fromStdString(g.layers[size_t(i)].name);
    const auto current = [this]() {
        QStringList ins;
        if (const Layer *now = m_document->graph().find(m_layer.toStdString()))
            for (const auto &i : now->inputs)
                ins << QString::fromStdString(i);
        return ins;
    };
    for (size_t i = 0; i < l->inputs.size(); ++i) {
        auto *combo = new QComboBox(m_inputs);
        combo->setObjectName(QStringLiteral("input%1").arg(i));
        combo->addItems(candidates);
        combo->setCurrentText(QString::fromStdString(l->inputs[i]));
        combo->setToolTip(tr("Which layer feeds input %1").arg(i + 1));
        col->addWidget(combo);
        connect(combo, &QComboBox::activated, this, [this, combo, i, current] {
            QStringList ins = current();
            if (int(i) >= ins.size())
                return;
            ins[int(i)] = combo->currentText();
            QString error;
            if (!m_document->setInputs(m_layer, ins, &error) && !error.isEmpty())
                Q_EMIT editRefused(error);
        });
    }
    if (kind->maxInputs != 1) {
        auto *buttons = new QHBoxLayout;
        auto *add = new QToolButton(m_inputs);
        add->setText(tr("+ input"));
        add->setObjectName(QStringLiteral("addInput"));
        auto *remove = new QToolButton(m_inputs);
        remove->setText(tr("− input"));
        remove->setEnabled(int(l->inputs.size()) > kind->minInputs);
        buttons->addWidget(add);
        buttons->addWidget(remove);
        buttons->addStretch(1);
        col->addLayout(buttons);
        connect(add, &QToolButton::clicked, this, [this, current, candidates] {
            QStringList ins = current();
            ins << candidates.back();
            QString error;
            if (!m_document->setInputs(m_layer, ins, &error) && !error.isEmpty())
                Q_EMIT editRefused(error);
        });
        connect(remove, &QToolButton::clicked, this, [this, current] {
            QStringList ins = current();
            ins.removeLast();
            QString error;
            if (!m_document->setInputs(m_layer, ins, &error) && !error.isEmpty())
                Q_EMIT editRefused(error);
        });
    }
    m_form->addRow(kind->maxInputs == 1 ? tr("input") : tr("inputs"), m_inputs);
}

void PropertiesEditor::updateValues()
{
    const Layer *l = m_document ? m_document->graph().find(m_layer.toStdString()) : nullptr;
    if (!l)
        return;
    const KindDef *kind = findKind(m_document->framework(), l->type);
    if (m_name && !m_name->hasFocus())
        m_name->setText(m_layer);
    if (m_inputs) {
        for (size_t i = 0; i < l->inputs.size(); ++i)
            if (auto *combo = m_inputs->findChild<QComboBox *>(QStringLiteral("input%1").arg(i))) {
                const QSignalBlocker b(combo);
                combo->setCurrentText(QString::fromStdString(l->inputs[i]));
            }
    }
    for (ParamField *f : m_fields) {
        const auto it = l->params.find(f->def().name);
        const bool given = it != l->params.end();
        f->setValue(given ? it->second : l->param(*kind, f->def().name), given);
    }
    updateResults();
}

void PropertiesEditor::updateResults()
{
    const ShapeReport &rep = m_document->report();
    const int i = rep.indexOf(m_layer.toStdString());
    if (i < 0) {
        m_results->clear();
        return;
    }
    const LayerReport &r = rep.layers[size_t(i)];
    const Framework f = rep.framework;
    QString t;
    if (r.status == LayerReport::Status::Refused) {
        t += QStringLiteral("<div style='background:#fde2e0; color:#8a0018; padding:4px'><b>%1</b>")
                 .arg(tr("Refused"));
        t += QStringLiteral("<br>%1").arg(QString::fromStdString(r.error).toHtmlEscaped());
        if (!r.fix.empty())
            t += tr("<br><b>Fix:</b> %1").arg(QString::fromStdString(r.fix).toHtmlEscaped());
        t += QStringLiteral("</div>");
        m_results->setText(t);
        return;
    }
    if (r.status == LayerReport::Status::Blocked) {
        m_results->setText(tr("<i>No shape: a layer above this one is refused.</i>"));
        return;
    }
    QStringList ins;
    for (const Shape &s : r.inputShapes)
        ins << shapeText(s, f);
    t += QStringLiteral("<table cellspacing=2>");
    const QString dim = palette().color(QPalette::PlaceholderText).name();
    const auto row = [&t, &dim](const QString &k, const QString &v) {
        t += QStringLiteral("<tr><td style='color:%1'>%2</td><td>%3</td></tr>").arg(dim, k, v);
    };
    if (!ins.isEmpty())
        row(tr("input"), ins.join(QStringLiteral("<br>")));
    if (r.output)
        row(tr("output"), QStringLiteral("<b>%1</b>").arg(shapeText(*r.output, f)));
    if (r.padding)
        row(tr("padding"), tr("top %1, bottom %2, left %3, right %4")
                               .arg(r.padding->top).arg(r.padding->bottom).arg(r.padding->left).arg(r.padding->right));
    row(tr("params"), r.nonTrainableParams ? tr("%1 (%2 trainable)").arg(groupedNumber(r.params),
                                                                          groupedNumber(r.trainableParams))
                                           : groupedNumber(r.params));
    if (r.macs)
        row(tr("MACs"), groupedNumber(r.macs));
    if (r.rf.valid)
        row(tr("receptive field"), QStringLiteral("%1×%2").arg(r.rf.size[0]).arg(r.rf.size[1]));
    t += QStringLiteral("</table>");
    if (!r.formula.empty())
        t += QStringLiteral("<p style='font-family:monospace'>%1</p>")
                 .arg(QString::fromStdString(r.formula).toHtmlEscaped());
    m_results->setText(t);
}

} // namespace convlens
