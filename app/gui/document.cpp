// document.cpp — the edit entry points (graph surgery in core's model/edit, conversion in model/translate, merge crops in
// shape/merge_fix) and re-inference.
#include "document.h"

#include "formats/model_file.h"
#include "model/edit.h"
#include "model/translate.h"
#include "shape/infer.h"
#include "shape/merge_fix.h"
#include "undo_commands.h"

#include <QFileInfo>
#include <set>

namespace convlens {

namespace {

void setError(QString *error, const std::string &message)
{
    if (error)
        *error = QString::fromStdString(message);
}

} // namespace

Document::Document(QObject *parent) : QObject(parent)
{
    connect(&m_undo, &QUndoStack::cleanChanged, this, [this](bool clean) { Q_EMIT modifiedChanged(!clean); });
    reinfer();
}

QString Document::displayName() const
{
    if (!m_filePath.isEmpty())
        return QFileInfo(m_filePath).fileName();
    return m_title.isEmpty() ? tr("Untitled") : m_title;
}

void Document::reset(Graph graph, const QString &filePath, const QString &title, const QString &modelPath)
{
    m_undo.clear();
    m_undo.setClean();
    setModelState({std::move(graph), title, filePath, modelPath});
    Q_EMIT modifiedChanged(false);
}

void Document::setModelState(const ModelState &state)
{
    m_graph = state.graph;
    m_title = state.title;
    m_modelPath = state.modelPath;
    const bool pathChanged = m_filePath != state.filePath;
    m_filePath = state.filePath;
    reinfer();
    Q_EMIT documentReset();
    Q_EMIT reportChanged();
    if (pathChanged)
        Q_EMIT filePathChanged();
}

void Document::replaceModel(Graph graph, const QString &title, const QString &commandText)
{
    ++m_mergeSerial;
    m_undo.push(new ReplaceModel(this, commandText, modelState(), {std::move(graph), title, {}, {}}));
}

void Document::reinfer()
{
    // inferGraph validates and orders first; our edits keep the graph valid and ordered, so that is a no-op pass.
    m_report = inferGraph(m_graph);
    // A refused merge says where its branches part and which crop reconciles them (the CLI summary prints the same).
    explainMergeRefusals(m_graph, m_report);
}

void Document::retranslate()
{
    reinfer();
    Q_EMIT reportChanged();
}

std::optional<ParamValue> Document::paramValue(const std::string &layer, const std::string &param) const
{
    const Layer *l = m_graph.find(layer);
    if (!l)
        return std::nullopt;
    if (auto it = l->params.find(param); it != l->params.end())
        return it->second;
    return std::nullopt;
}

void Document::setParamValue(const std::string &layer, const std::string &param,
                             const std::optional<ParamValue> &value)
{
    const int i = m_graph.indexOf(layer);
    if (i < 0)
        return;
    auto &params = m_graph.layers[size_t(i)].params;
    if (value)
        params[param] = *value;
    else
        params.erase(param);
    reinfer();
    Q_EMIT reportChanged();
}

void Document::replaceGraph(const Graph &graph)
{
    m_graph = graph;
    reinfer();
    Q_EMIT reportChanged();
}

bool Document::setParam(const QString &layer, const QString &param, std::optional<ParamValue> value,
                        bool interactive)
{
    const std::string l = layer.toStdString(), p = param.toStdString();
    if (!m_graph.find(l))
        return false;
    if (paramValue(l, p) == value)
        return false;
    if (!interactive)
        ++m_mergeSerial; // a discrete edit never merges with what came before …
    m_undo.push(new ChangeParam(this, l, p, std::move(value), m_mergeSerial));
    if (!interactive)
        ++m_mergeSerial; // … nor with what comes after
    return true;
}

void Document::finishInteraction()
{
    ++m_mergeSerial;
}

bool Document::pushSnapshot(const QString &text, Graph after)
{
    ++m_mergeSerial;
    m_undo.push(new GraphSnapshot(this, text, m_graph, std::move(after)));
    return true;
}

bool Document::setQuiz(const std::vector<QuizQuestion> &quiz)
{
    if (quiz == m_graph.quiz)
        return false;
    Graph g = m_graph;
    g.quiz = quiz;
    return pushSnapshot(tr("Edit the quiz"), std::move(g));
}

QString Document::addLayer(const QString &type, int position, QString *error)
{
    const KindDef *kind = findKind(m_graph.framework, type.toStdString());
    if (!kind) {
        if (error)
            *error = tr("'%1' is not a %2 layer")
                         .arg(type, QString::fromLatin1(frameworkName(m_graph.framework).data(),
                                                        qsizetype(frameworkName(m_graph.framework).size())));
        return {};
    }
    if (position < 0 || size_t(position) > m_graph.layers.size())
        position = int(m_graph.layers.size());
    Graph g = m_graph;
    Layer layer = edit::makeLayer(g, m_report, *kind, position);
    std::string err;
    const std::string name = edit::insertLayer(g, position, std::move(layer), &err);
    if (name.empty()) {
        setError(error, err);
        return {};
    }
    pushSnapshot(tr("Add %1").arg(QString::fromStdString(name)), std::move(g));
    const QString n = QString::fromStdString(name);
    Q_EMIT layersCreated({n});
    return n;
}

bool Document::removeLayers(const QStringList &names, QString *error)
{
    if (names.isEmpty())
        return false;
    std::set<std::string> set;
    for (const auto &n : names)
        set.insert(n.toStdString());
    Graph g = m_graph;
    std::string err;
    if (!edit::removeLayers(g, set, &err)) {
        setError(error, err);
        return false;
    }
    return pushSnapshot(names.size() == 1 ? tr("Delete %1").arg(names.front()) : tr("Delete %n layers", nullptr,
                                                                                          int(names.size())),
                        std::move(g));
}

bool Document::moveLayers(const QList<int> &rows, int destination, QString *error, QStringList *rewired)
{
    Graph g = m_graph;
    std::string err;
    if (!edit::moveLayers(g, std::vector<int>(rows.begin(), rows.end()), destination, &err)) {
        setError(error, err);
        return false;
    }
    QString text = rows.size() == 1 && size_t(rows.front()) < m_graph.layers.size()
                       ? tr("Move %1").arg(QString::fromStdString(m_graph.layers[size_t(rows.front())].name))
                       : tr("Move %n layers", nullptr, int(rows.size()));
    // Moving a layer re-chains it (the layer below its old place reads the one above it, the layer below its new place
    // reads it): expected. A connection that is not to the layer right above, or an input of a merge, that now reads
    // another layer is a skip connection the move rewired: say so, the user may not have meant it.
    const auto quoted = [](const std::string &n) { return QStringLiteral("‘%1’").arg(QString::fromStdString(n)); };
    QStringList changes;
    for (size_t i = 0; i < g.layers.size(); ++i) {
        const Layer &now = g.layers[i];
        const int b = m_graph.indexOf(now.name);
        if (b < 0)
            continue;
        const Layer &was = m_graph.layers[size_t(b)];
        for (size_t k = 0; k < now.inputs.size() && k < was.inputs.size(); ++k) {
            if (now.inputs[k] == was.inputs[k])
                continue;
            const bool chainBefore = b > 0 && was.inputs.size() == 1 && m_graph.layers[size_t(b) - 1].name == was.inputs[k];
            const bool chainAfter = i > 0 && now.inputs.size() == 1 && g.layers[i - 1].name == now.inputs[k];
            if (!chainBefore || !chainAfter)
                changes << tr("%1 now reads %2 instead of %3")
                               .arg(quoted(now.name), quoted(now.inputs[k]), quoted(was.inputs[k]));
        }
    }
    if (!changes.isEmpty())
        text += tr(" (rewires %n connection(s))", nullptr, int(changes.size()));
    if (rewired)
        *rewired = changes;
    return pushSnapshot(text, std::move(g));
}

QStringList Document::duplicateLayers(const QStringList &names, QString *error)
{
    std::vector<std::string> v;
    for (const auto &n : names)
        v.push_back(n.toStdString());
    Graph g = m_graph;
    std::string err;
    const auto created = edit::duplicateLayers(g, v, &err);
    if (created.empty()) {
        setError(error, err);
        return {};
    }
    QStringList out;
    for (const auto &c : created)
        out << QString::fromStdString(c);
    pushSnapshot(tr("Duplicate %1").arg(names.join(QStringLiteral(", "))), std::move(g));
    Q_EMIT layersCreated(out);
    return out;
}

bool Document::renameLayer(const QString &from, const QString &to, QString *error)
{
    Graph g = m_graph;
    std::string err;
    if (!edit::renameLayer(g, from.toStdString(), to.trimmed().toStdString(), &err)) {
        setError(error, err);
        return false;
    }
    return pushSnapshot(tr("Rename %1 to %2").arg(from, to.trimmed()), std::move(g));
}

bool Document::setInputs(const QString &layer, const QStringList &inputs, QString *error)
{
    std::vector<std::string> v;
    for (const auto &n : inputs)
        v.push_back(n.toStdString());
    Graph g = m_graph;
    std::string err;
    if (!edit::setInputs(g, layer.toStdString(), v, &err)) {
        setError(error, err);
        return false;
    }
    return pushSnapshot(tr("Connect %1 ← %2").arg(layer, inputs.join(QStringLiteral(", "))), std::move(g));
}

bool Document::switchSemantics(Framework to, QStringList *notes, QString *error)
{
    if (to == m_graph.framework)
        return false;
    SemanticsSwitch s = convlens::switchSemantics(m_graph, m_report, to);
    if (!s.graph) {
        setError(error, s.error);
        return false;
    }
    if (notes)
        for (const auto &n : s.notes)
            *notes << QString::fromStdString(n);
    return pushSnapshot(to == Framework::Keras ? tr("Switch to Keras semantics") : tr("Switch to PyTorch semantics"),
                        std::move(*s.graph));
}

QStringList Document::applyMergeFix(const QString &layer, QString *error)
{
    const int i = m_report.indexOf(layer.toStdString());
    const auto fix = i >= 0 ? mergeFix(m_graph, m_report, i) : std::nullopt;
    if (!fix) {
        if (error)
            *error = tr("‘%1’ has no crop that would fix it").arg(layer);
        return {};
    }
    Graph g = m_graph;
    std::string err;
    const std::vector<std::string> created = convlens::applyMergeFix(g, *fix, &err);
    if (created.empty()) {
        setError(error, err);
        return {};
    }
    QStringList names;
    for (const auto &c : created)
        names << QString::fromStdString(c);
    pushSnapshot(tr("Crop the inputs of %1").arg(layer), std::move(g));
    Q_EMIT layersCreated(names);
    return names;
}

bool Document::save(const QString &path, QString *error, const QString &weightsFolder)
{
    std::string err;
    if (!saveProjectFile(m_graph, path.toStdString(), &err, weightsFolder.toStdString())) {
        setError(error, err.empty() ? std::string("could not write the file") : err);
        return false;
    }
    const bool changed = m_filePath != path;
    m_filePath = path;
    m_undo.setClean();
    if (changed)
        Q_EMIT filePathChanged();
    return true;
}

} // namespace convlens
