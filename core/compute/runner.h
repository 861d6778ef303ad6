// runner.h — runs a model's forward pass and keeps every layer's activation. After an edit (a new ShapeReport, new
// weights for a layer, a new input) only the layers that changed and everything downstream of them are recomputed.
// A run is cancellable (an atomic flag checked between layers and inside long kernels) and reports progress; a
// cancelled or failed run leaves the previous activations exactly as they were. Before allocating, the activation
// memory is estimated from the report and a run over the budget (default 2 GiB) is refused with a clear message.
//
// Not thread-safe: drive one Runner from one thread at a time (the GUI's worker thread); read activations only
// while no run is in progress.
#pragma once

#include "compute/forward.h"
#include "tensor/tensor.h"
#include "tensor/weights.h"
#include "shape/report.h"

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace convlens {

inline constexpr std::int64_t kDefaultMemoryBudget = std::int64_t(2) << 30; // 2 GiB

struct MemoryEstimate {
    std::int64_t activationBytes = 0; // every layer's output kept by the Runner
    std::int64_t weightBytes = 0;     // parameters, twice (the framework-layout arrays and the kernels' copy)
    std::int64_t peakBytes = 0;       // activations + weights + the outputs being recomputed (old ones are kept
                                      // until the run succeeds) + the largest kernel workspace
    std::string largestLayer;         // the layer with the largest output
    std::int64_t largestBytes = 0;
};

struct RunStatus {
    bool ok = false;
    bool cancelled = false;
    std::string error;                  // why the run failed (memory budget, weights, input shape…)
    std::vector<int> computed;          // indices (report order) of the layers this run computed
    std::vector<double> layerMs;        // per report layer: milliseconds of this run, -1 if not computed
    double totalMs = 0;
};

class Runner {
public:
    using Progress = std::function<void(int done, int total, const std::string &layer)>;

    explicit Runner(int threads = 0); // 0: hardware concurrency
    ~Runner();

    // A new model state. Layers whose kind, inputs, shapes or resolved parameters are unchanged (matched by name)
    // keep their activations unless something upstream changed. A rename changes no value: a layer whose name is new,
    // at the position of a layer whose name is gone, with everything else the same (inputs read through the renames),
    // is the same layer — it keeps its activation, its weights (seeded or given) and its input tensor under the new
    // name, and nothing downstream recomputes.
    void setReport(ShapeReport report);
    const ShapeReport &report() const { return report_; }
    // The renames the last setReport recognised, old name → new name (callers keyed by name follow them).
    const std::map<std::string, std::string> &renamed() const { return renamed_; }

    // The model input (single-input models) or a named Input layer's tensor. Shapes are checked when running.
    void setInput(Tensor input);
    void setInput(const std::string &inputLayer, Tensor input);

    // Weights. Layers without weights get seeded framework-style initial values on the next run (see
    // initializeMissingWeights); setWeights/setLayerWeights mark the layers whose arrays differ as changed.
    void setWeights(WeightSet w);
    void setLayerWeights(const std::string &layer, LayerWeights w);
    // A layer's arrays (nullptr: none yet — seeded on the next run). sharedWeights: the same arrays as shared,
    // read-only storage for the app's snapshots; the Runner replaces a layer's arrays, never changes them.
    const LayerWeights *layerWeights(const std::string &layer) const;
    std::shared_ptr<const LayerWeights> sharedWeights(const std::string &layer) const;
    void setSeed(std::uint64_t seed) { seed_ = seed; }

    void setThreads(int threads);
    int threads() const;
    void setMemoryBudget(std::int64_t bytes) { budget_ = bytes; }
    std::int64_t memoryBudget() const { return budget_; }

    // Forces every layer to be recomputed on the next run (benchmarks).
    void invalidateAll();

    // Estimate for the next run (from the report alone; nothing is allocated).
    MemoryEstimate estimateMemory() const;

    // Which outputs a run keeps. All (the default): every layer's, for the app's views and --dump. Outputs: a layer's
    // output is released as soon as the last layer reading it has run and only the model outputs stay, so a one-shot
    // run (convlens-cli run) holds the few activations alive at once instead of all of them; released layers are out
    // of date afterwards (a later run computes everything again). The kernels' rearranged copy of a layer's weights
    // is dropped once the layer has run, too (the framework arrays stay).
    enum class Keep { All, Outputs };
    void setKeep(Keep keep) { keep_ = keep; }
    // Called on the running thread with each layer's output as soon as it is computed, before it may be released
    // (the CLI's per-layer statistics). A run that fails or is cancelled later has still called it.
    using LayerDone = std::function<void(int reportIndex, const Tensor &output)>;
    void setLayerDone(LayerDone fn) { layerDone_ = std::move(fn); }

    // Computes every layer that is out of date. `cancel` may be set from another thread.
    RunStatus run(const std::atomic<bool> *cancel = nullptr, const Progress &progress = {});

    // The layer's output from the last successful run that computed it — possibly out of date after an edit (the GUI
    // keeps showing it while the next run is under way; see upToDate). nullptr: never computed, or the layer changed
    // kind/shape/parameters or is refused/blocked in the current report.
    const Tensor *activation(const std::string &layer) const;
    const Tensor *activation(int reportIndex) const;
    // The same tensor as shared, read-only storage: the app's snapshots hold these instead of copies. The Runner never
    // writes into a tensor it has handed out — a rerun puts the layer's new output in new storage and recycles the old
    // one only when nobody else holds it any more.
    std::shared_ptr<const Tensor> sharedActivation(int reportIndex) const;
    bool upToDate(int reportIndex) const;
    // Index of the first layer that the next run would compute, -1 if everything is up to date.
    int firstOutOfDate() const;

private:
    struct Slot {
        std::shared_ptr<Tensor> value; // shared read-only with snapshots (sharedActivation)
        bool valid = false;
        bool prepared = false;
        PreparedLayer weights;
    };
    std::vector<bool> outOfDate() const;

    ShapeReport report_;
    std::vector<Slot> slots_;
    std::map<std::string, std::string> renamed_;
    std::map<std::string, Tensor> inputs_;
    std::optional<Tensor> singleInput_;
    std::map<std::string, std::shared_ptr<const LayerWeights>> weights_;
    std::uint64_t seed_ = 0;
    std::int64_t budget_ = kDefaultMemoryBudget;
    std::unique_ptr<ThreadPool> pool_;
    BufferPool buffers_{0}; // storage of replaced activations, reused by the next run
    Keep keep_ = Keep::All;
    LayerDone layerDone_;
};

// Human-readable byte count: "512 B", "3.4 MiB", "2.0 GiB".
std::string formatBytes(std::int64_t bytes);

} // namespace convlens
