// document.h — one open model: its Graph, the ShapeReport computed from it, the undo stack and the file it lives in.
// "Modified" is !undoStack.isClean(). Views never change the graph directly: they call the edit functions here,
// which push QUndoCommands; every change re-runs shape::infer on the GUI thread (microseconds) and emits
// reportChanged(), after which graph() and report() describe the new state.
#pragma once

#include "model/graph.h"
#include "shape/report.h"

#include <QObject>
#include <QStringList>
#include <QUndoStack>
#include <optional>

namespace convlens {

class Document : public QObject
{
    Q_OBJECT
public:
    explicit Document(QObject *parent = nullptr);

    const Graph &graph() const { return m_graph; }
    const ShapeReport &report() const { return m_report; }
    Framework framework() const { return m_graph.framework; }
    QUndoStack *undoStack() { return &m_undo; }
    bool isModified() const { return !m_undo.isClean(); }

    // The project file this document saves to; empty for a new, example or imported model.
    QString filePath() const { return m_filePath; }
    // The file the model was read from (project, code or example): its `<name>.weights/` folder holds the trained
    // weights the forward pass uses (core/setup). Empty for new and pasted models.
    QString modelPath() const { return m_modelPath; }
    // What the title bar shows: the file name, or the example/import title, or "Untitled".
    QString displayName() const;

    // Replaces the whole document (New, Open, Example): clears the undo history, marks it unmodified.
    void reset(Graph graph, const QString &filePath, const QString &title, const QString &modelPath = {});
    // Replaces the model as one undoable step (Import): undo brings the previous model, title and file back.
    void replaceModel(Graph graph, const QString &title, const QString &commandText);

    // ---- edits: each pushes one undo command, or refuses (false/empty, *error says why) and changes nothing.
    // `interactive`: part of an ongoing interaction (spin-box drag, typing); merges with the previous change of the
    // same parameter until finishInteraction().
    bool setParam(const QString &layer, const QString &param, std::optional<ParamValue> value,
                  bool interactive = false);
    void finishInteraction();
    QString addLayer(const QString &type, int position, QString *error = nullptr);
    bool removeLayers(const QStringList &names, QString *error = nullptr);
    // *rewired (optional) lists, one line each, the connections the move changed beyond the plain chain: a skip
    // connection or a merge input that now reads another layer ("'concatenate' now reads 'conv2d_1' instead of …").
    bool moveLayers(const QList<int> &rows, int destination, QString *error = nullptr,
                    QStringList *rewired = nullptr);
    QStringList duplicateLayers(const QStringList &names, QString *error = nullptr);
    bool renameLayer(const QString &from, const QString &to, QString *error = nullptr);
    bool setInputs(const QString &layer, const QStringList &inputs, QString *error = nullptr);
    bool switchSemantics(Framework to, QStringList *notes = nullptr, QString *error = nullptr);
    // Inserts the crop core's merge analysis proposes for the refused merge `layer` (shape/merge_fix.h), as one step.
    QStringList applyMergeFix(const QString &layer, QString *error = nullptr);

    // The model's "predict the shape" quiz (Teach ▸ Quiz), saved with the project; one undoable step.
    bool setQuiz(const std::vector<QuizQuestion> &quiz);

    // Atomic save as a project file (QSaveFile through core); on success the document is clean and lives there.
    // `weightsFolder`: the trained weights' folder beside `path` the project names ("my_lenet.weights"), or empty.
    bool save(const QString &path, QString *error = nullptr, const QString &weightsFolder = {});

    // ---- for the undo commands
    std::optional<ParamValue> paramValue(const std::string &layer, const std::string &param) const;
    void setParamValue(const std::string &layer, const std::string &param, const std::optional<ParamValue> &value);
    void replaceGraph(const Graph &graph);
    struct ModelState {
        Graph graph;
        QString title, filePath, modelPath;
    };
    ModelState modelState() const { return {m_graph, m_title, m_filePath, m_modelPath}; }
    void setModelState(const ModelState &state); // a whole model swapped in: documentReset() follows
    // The UI language changed: infers again, so core's words in the report (formulas, fixes) are in the new one;
    // reportChanged() follows. Not an edit: nothing goes on the undo stack.
    void retranslate();

Q_SIGNALS:
    void reportChanged();                  // graph() and report() changed (after every edit, undo, redo, reset)
    void documentReset();                  // a different model was loaded (views refit, selection clears, the
                                           // forward pass starts afresh with modelPath()'s weights)
    void filePathChanged();
    void modifiedChanged(bool modified);
    void layersCreated(const QStringList &names); // an edit added these layers (views select them)

private:
    void reinfer();
    bool pushSnapshot(const QString &text, Graph after);

    Graph m_graph;
    ShapeReport m_report;
    QUndoStack m_undo;
    QString m_filePath, m_title, m_modelPath;
    quint64 m_mergeSerial = 1;
};

} // namespace convlens
