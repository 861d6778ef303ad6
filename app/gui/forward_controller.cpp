// forward_controller.cpp — the worker (Runner, input conversion, trained weights, snapshots) and the GUI-side
// coalescing of requests.
#include "forward_controller.h"

#include "setup/run_setup.h"
#include "tensor/weights.h"

#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QThread>
#include <QTimer>
#include <algorithm>
#include <map>

namespace convlens {

namespace {

bool sameArrays(const LayerWeights &a, const LayerWeights &b)
{
    if (a.size() != b.size())
        return false;
    for (const auto &[k, v] : a) {
        const auto it = b.find(k);
        if (it == b.end() || it->second.shape != v.shape || it->second.data != v.data)
            return false;
    }
    return true;
}

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

} // namespace

const Tensor *ForwardSnapshot::activation(int i) const
{
    return i >= 0 && size_t(i) < activations.size() ? activations[size_t(i)].get() : nullptr;
}

const LayerWeights *ForwardSnapshot::layerWeights(int i) const
{
    return i >= 0 && size_t(i) < weights.size() ? weights[size_t(i)].get() : nullptr;
}

struct ForwardController::Request {
    quint64 generation = 0;
    ShapeReport report;
    InputSource input;
    quint64 inputSerial = 0, modelSerial = 0, weightsSerial = 0;
    QString modelPath, weightsDir;
    std::int64_t budget = kDefaultMemoryBudget;
};

// Lives on the worker thread; only process() runs there. Talks back with queued functor calls (no metatypes).
class ForwardWorker : public QObject {
public:
    explicit ForwardWorker(ForwardController *c) : m_c(c) {}
    void process();

private:
    void processRequest(const ForwardController::Request &req);
    void applyInput(const ForwardController::Request &r, Runner &runner);
    void post(quint64 gen, bool cancelled, const QString &error, std::shared_ptr<const ForwardSnapshot> s)
    {
        ForwardController *c = m_c;
        QMetaObject::invokeMethod(
            c, [c, gen, cancelled, error, s] { c->finished(gen, cancelled, error, s); }, Qt::QueuedConnection);
    }

    ForwardController *m_c;
    std::unique_ptr<Runner> m_runner;
    quint64 m_modelSerial = 0, m_inputSerial = 0, m_weightsSerial = 0;
    std::map<std::string, Shape> m_inputShapes; // of the tensors last given to the Runner
    Framework m_inputFramework = Framework::Keras;
    WeightSet m_trained;
    LiveText m_weightsSource;
    LiveText m_weightsWarning;
    QStringList m_weightNotes, m_inputNotes;
    LiveText m_inputLabel;
};

void ForwardWorker::applyInput(const ForwardController::Request &r, Runner &runner)
{
    const Framework f = r.report.framework;
    std::vector<const LayerReport *> inputs;
    for (const LayerReport &l : r.report.layers)
        if (l.op == Op::Input && l.ok() && l.output)
            inputs.push_back(&l);
    std::map<std::string, Shape> shapes;
    for (const LayerReport *l : inputs)
        shapes[l->name] = *l->output;
    if (r.inputSerial == m_inputSerial && shapes == m_inputShapes && f == m_inputFramework)
        return; // Runner::setInput invalidates everything downstream: only when something changed
    m_inputSerial = r.inputSerial;
    m_inputShapes = shapes;
    m_inputFramework = f;
    m_inputNotes.clear();
    m_inputLabel = r.input.label;

    InputChoice choice;
    const InputSource &src = r.input;
    choice.label = src.label.text().toStdString();
    if (!src.image.isNull()) {
        const QImage img = src.image.convertToFormat(src.image.isGrayscale() ? QImage::Format_Grayscale8
                                                                            : QImage::Format_RGB888);
        const int ch = img.format() == QImage::Format_Grayscale8 ? 1 : 3;
        choice.kind = InputChoice::Kind::Pixels;
        choice.pixels = Pixels{img.width(), img.height(), ch, {}};
        choice.pixels.data.resize(size_t(img.width()) * size_t(img.height()) * size_t(ch));
        for (int y = 0; y < img.height(); ++y)
            std::copy_n(img.constScanLine(y), size_t(img.width()) * size_t(ch),
                        choice.pixels.data.data() + size_t(y) * size_t(img.width()) * size_t(ch));
    } else if (!src.path.isEmpty()) {
        choice.kind = src.fallback ? InputChoice::Kind::SampleDigit : InputChoice::Kind::File;
        choice.path = src.path.toStdString();
    }
    PreparedInputs prepared = prepareInputs(r.report, choice);
    if (!prepared.ok()) { // the chosen file cannot be used: say so, and run on a seeded input
        m_inputNotes << QObject::tr("cannot use %1: %2").arg(src.label.text(), qs(prepared.error));
        choice.kind = InputChoice::Kind::SeededRandom;
        prepared = prepareInputs(r.report, choice);
    }
    for (const auto &n : prepared.notes)
        m_inputNotes << qs(n);
    for (auto &[name, tensor] : prepared.tensors)
        runner.setInput(name, std::move(tensor));
}

void ForwardWorker::process()
{
    ForwardController::Request req;
    {
        std::lock_guard lock(m_c->m_mutex);
        if (!m_c->m_pending)
            return; // a newer call took it already
        req = std::move(*m_c->m_pending);
        m_c->m_pending.reset();
        m_c->m_cancel = false;
    }
    // Nothing thrown on this thread may reach Qt's event loop (it would terminate the app and lose the document):
    // every failure is reported as the run's error, and the GUI keeps its previous maps.
    try {
        processRequest(req);
    } catch (const std::bad_alloc &) {
        m_runner.reset(); // its state is unknown; the next request starts afresh
        post(req.generation, false, QObject::tr("not enough memory for the forward pass"), nullptr);
    } catch (const std::exception &e) {
        m_runner.reset();
        post(req.generation, false, QObject::tr("the forward pass failed: %1").arg(QString::fromUtf8(e.what())),
             nullptr);
    } catch (...) {
        m_runner.reset();
        post(req.generation, false, QObject::tr("the forward pass failed"), nullptr);
    }
}

void ForwardWorker::processRequest(const ForwardController::Request &req)
{
    const bool newModel = req.modelSerial != m_modelSerial || !m_runner;
    const bool newWeights = newModel || req.weightsSerial != m_weightsSerial;
    if (newModel) {
        m_runner = std::make_unique<Runner>(0);
        m_modelSerial = req.modelSerial;
        m_inputSerial = 0;
        m_inputShapes.clear();
    }
    Runner &runner = *m_runner;
    runner.setMemoryBudget(req.budget);
    runner.setReport(req.report);
    const ShapeReport &report = runner.report();
    const Framework f = report.framework;
    // A rename keeps the layer's values: its trained arrays and its input's shape follow the new name, as the
    // Runner's own weights and activations did.
    for (const auto &[was, now] : runner.renamed()) {
        if (auto node = m_trained.layers.extract(was))
            m_trained.layers.insert({now, std::move(node.mapped())});
        if (auto node = m_inputShapes.extract(was)) {
            node.key() = now;
            m_inputShapes.insert(std::move(node));
        }
    }
    if (newWeights) {
        m_weightsSerial = req.weightsSerial;
        m_trained = {};
        m_weightsSource = {};
        m_weightsWarning = {};
        m_weightNotes.clear();
        if (!req.modelPath.isEmpty() || !req.weightsDir.isEmpty()) {
            TrainedWeights t =
                loadTrainedWeights(report, WeightsChoice{req.modelPath.toStdString(), req.weightsDir.toStdString()});
            if (!t.ok()) { // a folder the user chose must load whole: say what is wrong with it
                QStringList errors;
                for (const auto &e : t.errors)
                    errors << qs(e);
                post(req.generation, false,
                     QObject::tr("cannot use the weights in %1: %2").arg(req.weightsDir, errors.join(QStringLiteral("; "))),
                     nullptr);
                return;
            }
            if (!t.missingDir.empty())
                m_weightsWarning = LiveText::message(
                    "QObject", QT_TRANSLATE_NOOP("QObject", "the trained weights %1 are missing: seeded random weights"),
                    {QFileInfo(qs(t.missingDir)).fileName()});
            for (const auto &e : t.errors)
                m_weightNotes << qs(e);
            m_trained = std::move(t.set);
            if (!m_trained.layers.empty())
                m_weightsSource = LiveText::message("QObject", QT_TRANSLATE_NOOP("QObject", "trained weights from %1"),
                                               {QFileInfo(qs(t.dir)).fileName()});
        }
    }
    // Trained arrays wherever they still fit the layer (an edit may have changed its shape; undoing it brings them
    // back); the Runner seeds the others.
    QStringList seeded;
    for (const LayerReport &l : report.layers) {
        if (!l.ok() || expectedWeights(l, f).empty())
            continue;
        const LayerWeights *t = m_trained.find(l.name);
        if (t && weightsFitLayer(*t, l, f)) {
            const LayerWeights *cur = runner.layerWeights(l.name);
            if (!cur || !sameArrays(*cur, *t))
                runner.setLayerWeights(l.name, *t);
        } else {
            seeded << qs(l.name);
        }
    }
    // The budget is checked before the input tensor is made (issue 13: an Input((100000, 100000, 3)) typed into the
    // app allocated 120 GB here and killed it); Runner::run checks it again with everything it keeps.
    if (const MemoryEstimate mem = runner.estimateMemory(); mem.peakBytes > req.budget) {
        post(req.generation, false,
             QObject::tr("the forward pass needs about %1 of memory (the largest output is '%2' = %3), more than the "
                         "budget of %4; use a smaller input size")
                 .arg(qs(formatBytes(mem.peakBytes)), qs(mem.largestLayer), qs(formatBytes(mem.largestBytes)),
                      qs(formatBytes(req.budget))),
             nullptr);
        return;
    }
    applyInput(req, runner);

    ForwardController *c = m_c;
    const quint64 gen = req.generation;
    // At most ~30 progress events a second (the status bar is all that shows them): one per layer flooded the GUI
    // thread with 100,000 label updates on the 100,000-layer chain, most of its time while opening it.
    QElapsedTimer sinceProgress;
    const RunStatus st = runner.run(&m_c->m_cancel, [c, gen, &sinceProgress](int done, int total,
                                                                             const std::string &layer) {
        if (sinceProgress.isValid() && sinceProgress.elapsed() < 33)
            return;
        sinceProgress.start();
        const QString name = qs(layer);
        QMetaObject::invokeMethod(
            c,
            [c, gen, done, total, name] {
                if (gen == c->m_submittedGeneration)
                    Q_EMIT c->progress(done, total, name);
            },
            Qt::QueuedConnection);
    });
    if (st.cancelled) {
        post(gen, true, {}, nullptr);
        return;
    }
    if (!st.ok) {
        post(gen, false, qs(st.error), nullptr);
        return;
    }

    auto snap = std::make_shared<ForwardSnapshot>();
    snap->generation = gen;
    snap->report = report;
    snap->totalMs = st.totalMs;
    snap->computedLayers = int(st.computed.size());
    snap->seededLayers = seeded;
    snap->weightsSource = m_weightsSource;
    snap->weightsWarning = m_weightsWarning;
    snap->notes = m_inputNotes + m_weightNotes;
    snap->inputLabel = m_inputLabel;
    const size_t n = report.layers.size();
    snap->activations.resize(n);
    snap->weights.resize(n);
    for (size_t i = 0; i < n; ++i) {
        const LayerReport &l = report.layers[i];
        if (!l.ok())
            continue;
        // The Runner's own storage, not copies.
        snap->activations[i] = runner.sharedActivation(int(i));
        // Weights only where the step player reads them (window layers).
        if (l.op == Op::Conv || l.op == Op::DepthwiseConv || l.op == Op::SeparableConv || l.op == Op::ConvTranspose)
            snap->weights[i] = runner.sharedWeights(l.name);
    }
    post(gen, false, {}, std::move(snap));
}

// ------------------------------------------------------------------------------------------------ ForwardController

ForwardController::ForwardController(QObject *parent) : QObject(parent)
{
    m_kick = new QTimer(this);
    m_kick->setSingleShot(true);
    m_kick->setInterval(0);
    connect(m_kick, &QTimer::timeout, this, &ForwardController::submit);
    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("forward pass"));
    m_worker = new ForwardWorker(this);
    m_worker->moveToThread(m_thread);
    m_thread->start();
}

ForwardController::~ForwardController()
{
    {
        std::lock_guard lock(m_mutex);
        m_pending.reset();
        m_cancel = true;
    }
    m_thread->quit();
    m_thread->wait();
    delete m_worker; // its thread has finished: safe to delete from here
}

void ForwardController::newModel(const QString &modelPath)
{
    ++m_modelSerial;
    m_modelPath = modelPath;
    m_weightsDir.clear();
    schedule();
}

void ForwardController::setWeightsFolder(const QString &dir)
{
    m_weightsDir = dir;
    ++m_weightsSerial;
    schedule();
}

void ForwardController::setReport(const ShapeReport &report)
{
    m_report = report;
    schedule();
}

void ForwardController::setInput(const InputSource &source)
{
    m_input = source;
    ++m_inputSerial;
    schedule();
}

void ForwardController::setMemoryBudget(std::int64_t bytes)
{
    m_budget = bytes;
    schedule();
}

void ForwardController::schedule()
{
    m_kickPending = true;
    m_kick->start();
}

void ForwardController::submit()
{
    m_kickPending = false;
    if (!m_report) {
        if (!busy())
            Q_EMIT idle();
        return;
    }
    auto req = std::make_unique<Request>();
    req->generation = ++m_submittedGeneration;
    req->report = *m_report;
    req->input = m_input;
    req->inputSerial = m_inputSerial;
    req->modelSerial = m_modelSerial;
    req->modelPath = m_modelPath;
    req->weightsDir = m_weightsDir;
    req->weightsSerial = m_weightsSerial;
    req->budget = m_budget;
    {
        std::lock_guard lock(m_mutex);
        m_pending = std::move(req);
        m_cancel = true; // a run in progress is stale now
    }
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker] { w->process(); }, Qt::QueuedConnection);
    Q_EMIT runStarted();
}

void ForwardController::finished(quint64 generation, bool cancelled, const QString &error,
                                 std::shared_ptr<const ForwardSnapshot> snapshot)
{
    m_doneGeneration = std::max(m_doneGeneration, generation);
    if (!cancelled)
        m_lastError = error;
    if (snapshot && (!m_snapshot || snapshot->generation > m_snapshot->generation)) {
        m_snapshot = std::move(snapshot);
        Q_EMIT snapshotChanged();
    }
    if (!cancelled && !error.isEmpty())
        Q_EMIT runFailed(error);
    if (!busy())
        Q_EMIT idle();
}

bool ForwardController::waitUntilIdle(int timeoutMs)
{
    if (!busy())
        return true;
    QEventLoop loop;
    QTimer timeout;
    timeout.setSingleShot(true);
    connect(&timeout, &QTimer::timeout, &loop, &QEventLoop::quit);
    connect(this, &ForwardController::idle, &loop, &QEventLoop::quit);
    timeout.start(timeoutMs);
    loop.exec();
    return !busy();
}

} // namespace convlens
