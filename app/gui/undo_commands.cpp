// undo_commands.cpp — ChangeParam (mergeable), GraphSnapshot and ReplaceModel.
#include "undo_commands.h"

namespace convlens {

ChangeParam::ChangeParam(Document *doc, std::string layer, std::string param, std::optional<ParamValue> value,
                         quint64 mergeSerial, QUndoCommand *parent)
    : QUndoCommand(parent), m_doc(doc), m_layer(std::move(layer)), m_param(std::move(param)),
      m_old(doc->paramValue(m_layer, m_param)), m_new(std::move(value)), m_serial(mergeSerial)
{
    updateText();
}

void ChangeParam::updateText()
{
    const QString value = m_new ? QString::fromStdString(m_new->toPython()) : QStringLiteral("default");
    setText(QObject::tr("Set %1.%2 = %3")
                .arg(QString::fromStdString(m_layer), QString::fromStdString(m_param), value));
}

void ChangeParam::undo()
{
    m_doc->setParamValue(m_layer, m_param, m_old);
}

void ChangeParam::redo()
{
    m_doc->setParamValue(m_layer, m_param, m_new);
}

bool ChangeParam::mergeWith(const QUndoCommand *other)
{
    const auto *o = static_cast<const ChangeParam *>(other);
    if (o->m_doc != m_doc || o->m_layer != m_layer || o->m_param != m_param || o->m_serial != m_serial)
        return false;
    // The document already holds o's value; this command keeps the value from before the interaction.
    m_new = o->m_new;
    updateText();
    setObsolete(m_new == m_old);
    return true;
}

GraphSnapshot::GraphSnapshot(Document *doc, const QString &text, Graph before, Graph after, QUndoCommand *parent)
    : QUndoCommand(text, parent), m_doc(doc), m_before(std::move(before)), m_after(std::move(after))
{
}

void GraphSnapshot::undo()
{
    m_doc->replaceGraph(m_before);
}

void GraphSnapshot::redo()
{
    m_doc->replaceGraph(m_after);
}

ReplaceModel::ReplaceModel(Document *doc, const QString &text, Document::ModelState before, Document::ModelState after,
                           QUndoCommand *parent)
    : QUndoCommand(text, parent), m_doc(doc), m_before(std::move(before)), m_after(std::move(after))
{
}

void ReplaceModel::undo()
{
    m_doc->setModelState(m_before);
}

void ReplaceModel::redo()
{
    m_doc->setModelState(m_after);
}

} // namespace convlens
