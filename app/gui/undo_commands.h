// undo_commands.h — every user edit is one of these QUndoCommands (STYLE.md §9). ChangeParam is the generic value
// change (tiled's ChangeValue): it merges consecutive changes of the same parameter made during one interaction (a
// spin-box drag, typing "16") into one step, and a merge that lands back on the old value makes it obsolete
// (okular's merge-until-the-drag-completes). Structural edits (add, remove, move, duplicate, rename, reconnect,
// semantics switch, merge crops) are GraphSnapshot commands: they keep the whole graph before and after, which for
// models of a few hundred layers is a few hundred KB at most and can never get the inverse of a splice wrong. An
// import is a ReplaceModel: the graph with its title and file.
#pragma once

#include "document.h"
#include "model/graph.h"

#include <QUndoCommand>
#include <optional>
#include <string>

namespace convlens {

// Merge ids of all mergeable commands, in one place (tiled's undocommands.h).
enum UndoCommandId {
    ChangeParamId = 1,
};

class ChangeParam : public QUndoCommand
{
public:
    // `value` nullopt removes the parameter (the catalogue default applies). `mergeSerial` identifies one
    // interaction: commands with equal serials on the same layer and parameter merge.
    ChangeParam(Document *doc, std::string layer, std::string param, std::optional<ParamValue> value,
                quint64 mergeSerial, QUndoCommand *parent = nullptr);

    void undo() override;
    void redo() override;
    int id() const override { return ChangeParamId; }
    bool mergeWith(const QUndoCommand *other) override;

    const std::string &layer() const { return m_layer; }
    const std::string &param() const { return m_param; }

private:
    void updateText();

    Document *m_doc;
    std::string m_layer, m_param;
    std::optional<ParamValue> m_old, m_new;
    quint64 m_serial;
};

class GraphSnapshot : public QUndoCommand
{
public:
    GraphSnapshot(Document *doc, const QString &text, Graph before, Graph after, QUndoCommand *parent = nullptr);
    void undo() override;
    void redo() override;

private:
    Document *m_doc;
    Graph m_before, m_after;
};

// A whole model swapped in (Import): the graph with its title and file, so undo brings the previous model back.
class ReplaceModel : public QUndoCommand
{
public:
    ReplaceModel(Document *doc, const QString &text, Document::ModelState before, Document::ModelState after,
                 QUndoCommand *parent = nullptr);
    void undo() override;
    void redo() override;

private:
    Document *m_doc;
    Document::ModelState m_before, m_after;
};

} // namespace convlens
