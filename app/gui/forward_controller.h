// forward_controller.h — the forward pass in the background. One compute::Runner lives on a worker thread; the GUI
// feeds it the Document's report after every edit, the input (a sample digit, an image or .npy file, a drawing) and
// the model's trained weights when it has them, and receives immutable snapshots of the activations.
//
// Why snapshots: the Runner is not thread-safe and a new edit may start a run at any moment, so the views never read
// the Runner. After each successful run the worker publishes a ForwardSnapshot sharing every activation with the
// Runner (Runner::sharedActivation: read-only storage the Runner never writes again, so the activations exist once)
// and the convolutions' weights (Runner::sharedWeights, replaced but never changed by the Runner). Views keep drawing
// the previous snapshot while the next run is under way.
//
// Requests are coalesced: everything changed in one turn of the event loop becomes one request, a request that has
// not started is replaced by a newer one, and a running one is cancelled (the Runner checks an atomic flag between
// layers and inside long kernels; a cancelled run leaves its activations untouched).
#pragma once

#include "compute/runner.h"
#include "live_text.h"
#include "shape/report.h"

#include <QImage>
#include <QObject>
#include <QString>
#include <QStringList>
#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

class QThread;
class QTimer;

namespace convlens {

// What the model input is made of. An image (sample digit, drawing, dropped picture) or a file (image or .npy, read
// on the worker by io/image_input). Empty: the first bundled sample digit.
struct InputSource {
    QImage image;          // used when set
    QString path;          // otherwise this file
    LiveText label;        // what the UI calls it: "sample digit 7_0.png", "your drawing", "photo.png"
    bool fallback = false; // nobody chose it: the first sample digit, said in the UI
};

struct ForwardSnapshot {
    quint64 generation = 0;
    ShapeReport report;                                       // the state these activations belong to
    std::vector<std::shared_ptr<const Tensor>> activations;   // per report layer; null when not computed (refused)
    std::vector<std::shared_ptr<const LayerWeights>> weights; // per report layer: convolutions only (what the step
                                                              // player traces); null for every other layer
    QStringList seededLayers; // layers running on seeded initial weights (no trained weights for them)
    LiveText weightsSource;   // "trained weights from …/autoencoder.weights", or empty
    LiveText weightsWarning;  // "the trained weights my_lenet.weights are missing…": the project names an absent folder
    QStringList notes;        // about the input ("resized from 640×480 to 28×28", "sample digit 0_0.png …")
    LiveText inputLabel; // the input's label (InputSource::label)
    double totalMs = 0;     // this run
    int computedLayers = 0; // layers this run recomputed

    int indexOf(const QString &layer) const { return report.indexOf(layer.toStdString()); }
    const Tensor *activation(int index) const;
    const Tensor *activation(const QString &layer) const { return activation(indexOf(layer)); }
    const LayerWeights *layerWeights(int index) const;
};

class ForwardWorker;

class ForwardController : public QObject {
    Q_OBJECT
public:
    explicit ForwardController(QObject *parent = nullptr);
    ~ForwardController() override;

    // A new model (document reset): the Runner starts afresh. `modelPath` is the file it came from: its trained
    // `<name>.weights/` folder is used when present (core/setup, as the CLI does); empty → seeded initial weights.
    void newModel(const QString &modelPath);
    // Trained weights from this folder (core/setup's explicit folder: every array must load, else the run fails and
    // says which) instead of the model's own; empty goes back to the model's. Reset by newModel().
    void setWeightsFolder(const QString &dir);
    QString weightsFolder() const { return m_weightsDir; }
    // The model state after an edit; recomputes from the first changed layer.
    void setReport(const ShapeReport &report);
    void setInput(const InputSource &source);
    const InputSource &input() const { return m_input; }
    void setMemoryBudget(std::int64_t bytes);

    std::shared_ptr<const ForwardSnapshot> snapshot() const { return m_snapshot; }
    bool busy() const { return m_doneGeneration < m_submittedGeneration || m_kickPending; }
    QString lastError() const { return m_lastError; } // of the latest finished run; empty when it succeeded
    // Runs the event loop until no request is pending or running (tests, --screenshot). False on timeout.
    bool waitUntilIdle(int timeoutMs = 30000);

Q_SIGNALS:
    void snapshotChanged(); // a run succeeded: snapshot() is new
    void runStarted();
    void progress(int done, int total, const QString &layer);
    void runFailed(const QString &error); // memory budget, bad input file, …
    void idle();                          // nothing pending or running any more

private:
    void schedule();
    void submit();
    void finished(quint64 generation, bool cancelled, const QString &error,
                  std::shared_ptr<const ForwardSnapshot> snapshot);

    friend class ForwardWorker;
    struct Request;
    QThread *m_thread = nullptr;
    ForwardWorker *m_worker = nullptr;
    QTimer *m_kick = nullptr;
    bool m_kickPending = false;

    // GUI-side state, turned into one request per event-loop turn.
    std::optional<ShapeReport> m_report;
    InputSource m_input;
    quint64 m_inputSerial = 1, m_modelSerial = 1;
    QString m_modelPath, m_weightsDir;
    quint64 m_weightsSerial = 1;
    std::int64_t m_budget = kDefaultMemoryBudget;

    quint64 m_submittedGeneration = 0, m_doneGeneration = 0;
    std::shared_ptr<const ForwardSnapshot> m_snapshot;
    QString m_lastError;

    // Shared with the worker.
    std::mutex m_mutex;
    std::unique_ptr<Request> m_pending;
    std::atomic<bool> m_cancel{false};
};

} // namespace convlens
