// runner.cpp — incremental forward passes with staging: a run computes into a scratch list and commits only when every
// layer succeeded, so cancelling or failing never leaves a half-updated set of activations.
#include "compute/runner.h"


#include <chrono>
#include <cstdio>
#include <limits>
#include <set>

namespace convlens {

namespace {

bool sameResolved(const ResolvedLayer &a, const ResolvedLayer &b)
{
    return a.op == b.op && a.kernel == b.kernel && a.stride == b.stride && a.dilation == b.dilation && a.pad == b.pad &&
           a.padKind == b.padKind && a.ceilMode == b.ceilMode && a.divisorOverride == b.divisorOverride &&
           a.outputPadding == b.outputPadding && a.inChannels == b.inChannels && a.outChannels == b.outChannels &&
           a.groups == b.groups && a.depthMultiplier == b.depthMultiplier && a.bias == b.bias &&
           a.activation == b.activation && a.alpha == b.alpha && a.axis == b.axis && a.flattenEnd == b.flattenEnd &&
           a.scale == b.scale && a.interpolation == b.interpolation && a.alignCorners == b.alignCorners &&
           a.epsilon == b.epsilon && a.bnCenter == b.bnCenter && a.bnScale == b.bnScale && a.rate == b.rate &&
           a.target == b.target && a.beta == b.beta && a.padMode == b.padMode && a.padValue == b.padValue &&
           a.arith == b.arith && a.hasScalar == b.hasScalar && a.scalarFirst == b.scalarFirst && a.scalar == b.scalar &&
           a.reduce == b.reduce && a.dims == b.dims && a.sliceStart == b.sliceStart && a.sliceStep == b.sliceStep &&
           a.shuffle == b.shuffle && a.runningStats == b.runningStats;
}

using Renames = std::map<std::string, std::string>;

std::string renamedTo(const Renames &renames, const std::string &name)
{
    const auto it = renames.find(name);
    return it == renames.end() ? name : it->second;
}

// `a` from the old report, `b` from the new one; names of `a` are read through the renames.
bool sameLayer(const LayerReport &a, const LayerReport &b, const Renames &renames)
{
    if (renamedTo(renames, a.name) != b.name || a.inputs.size() != b.inputs.size())
        return false;
    for (size_t k = 0; k < a.inputs.size(); ++k)
        if (renamedTo(renames, a.inputs[k]) != b.inputs[k])
            return false;
    return a.type == b.type && a.op == b.op && a.status == b.status && a.output == b.output &&
           a.inputShapes == b.inputShapes && sameResolved(a.spec, b.spec);
}

// Renames between two reports: position i holds a name the other report lacks on both sides. Edits that add, remove
// or move layers change the count or the order, so they are never taken for renames (and a wrong pairing would be
// harmless anyway: sameLayer still compares everything but the names).
Renames findRenames(const ShapeReport &from, const ShapeReport &to)
{
    Renames r;
    if (from.layers.size() != to.layers.size())
        return r;
    for (size_t i = 0; i < to.layers.size(); ++i) {
        const std::string &a = from.layers[i].name, &b = to.layers[i].name;
        if (a != b && to.indexOf(a) < 0 && from.indexOf(b) < 0)
            r[a] = b;
    }
    return r;
}

bool sameArrays(const LayerWeights &a, const LayerWeights &b)
{
    if (a.size() != b.size())
        return false;
    for (const auto &[k, v] : a) {
        auto it = b.find(k);
        if (it == b.end() || it->second.shape != v.shape || it->second.data != v.data)
            return false;
    }
    return true;
}

std::int64_t outputBytes(const LayerReport &l)
{
    if (l.activationBytes > 0)
        return l.activationBytes;
    return l.output ? 4 * elementCount(*l.output) : 0;
}

// Sums of per-layer sizes near 2^62 must not wrap below the budget (issue 13: a wrapped estimate let `bench` allocate
// and abort): they stop at kSaturated, which is over any budget.
constexpr std::int64_t kSaturated = std::numeric_limits<std::int64_t>::max();
std::int64_t saturatingAdd(std::int64_t a, std::int64_t b)
{
    std::int64_t r = 0;
    return __builtin_add_overflow(a, b, &r) ? kSaturated : r;
}

} // namespace

std::string formatBytes(std::int64_t b)
{
    char buf[64];
    if (b == kSaturated)
        return "an amount too large to count (over 8 EiB)";
    if (b < 1024)
        std::snprintf(buf, sizeof buf, "%lld B", static_cast<long long>(b));
    else if (b < (std::int64_t(1) << 20))
        std::snprintf(buf, sizeof buf, "%.1f KiB", double(b) / 1024.0);
    else if (b < (std::int64_t(1) << 30))
        std::snprintf(buf, sizeof buf, "%.1f MiB", double(b) / double(1 << 20));
    else
        std::snprintf(buf, sizeof buf, "%.1f GiB", double(b) / double(1 << 30));
    return buf;
}

Runner::Runner(int threads) : pool_(std::make_unique<ThreadPool>(threads)) {}
Runner::~Runner() = default;

void Runner::setThreads(int threads)
{
    pool_ = std::make_unique<ThreadPool>(threads);
}

int Runner::threads() const
{
    return pool_->size();
}

void Runner::setReport(ShapeReport report)
{
    const Renames renames = findRenames(report_, report);
    Renames kept; // the renames whose layers really are the same
    std::vector<Slot> slots(report.layers.size());
    for (size_t i = 0; i < report.layers.size(); ++i) {
        const LayerReport &l = report.layers[i];
        int old = report_.indexOf(l.name);
        if (old < 0 && renames.count(report_.layers.size() > i ? report_.layers[i].name : std::string()))
            old = int(i);
        if (old < 0 || size_t(old) >= slots_.size() || !sameLayer(report_.layers[size_t(old)], l, renames))
            continue;
        if (const std::string &was = report_.layers[size_t(old)].name; was != l.name)
            kept[was] = l.name;
        slots[i] = std::move(slots_[size_t(old)]);
        // Valid only if every producer is still valid (report order puts producers first).
        if (slots[i].valid)
            for (const auto &in : l.inputs) {
                const int p = report.indexOf(in);
                if (p < 0 || size_t(p) >= i || !slots[size_t(p)].valid)
                    slots[i].valid = false;
            }
    }
    for (const auto &[was, now] : kept) {
        if (auto node = weights_.extract(was)) {
            node.key() = now;
            weights_.insert(std::move(node));
        }
        if (auto in = inputs_.find(was); in != inputs_.end()) {
            inputs_[now] = std::move(in->second);
            inputs_.erase(was);
        }
    }
    report_ = std::move(report);
    slots_ = std::move(slots);
    renamed_ = std::move(kept);
}

void Runner::setInput(Tensor input)
{
    singleInput_ = std::move(input);
    inputs_.clear();
    for (size_t i = 0; i < report_.layers.size(); ++i)
        if (report_.layers[i].op == Op::Input)
            slots_[i].valid = false;
}

void Runner::setInput(const std::string &layer, Tensor input)
{
    inputs_[layer] = std::move(input);
    const int i = report_.indexOf(layer);
    if (i >= 0)
        slots_[size_t(i)].valid = false;
}

void Runner::setWeights(WeightSet w)
{
    for (size_t i = 0; i < report_.layers.size(); ++i) {
        const std::string &name = report_.layers[i].name;
        const LayerWeights *a = layerWeights(name), *b = w.find(name);
        if ((a == nullptr) != (b == nullptr) || (a && !sameArrays(*a, *b))) {
            slots_[i].valid = false;
            slots_[i].prepared = false;
        }
    }
    weights_.clear();
    for (auto &[name, arrays] : w.layers)
        weights_[name] = std::make_shared<const LayerWeights>(std::move(arrays));
}

const LayerWeights *Runner::layerWeights(const std::string &layer) const
{
    const auto it = weights_.find(layer);
    return it == weights_.end() ? nullptr : it->second.get();
}

std::shared_ptr<const LayerWeights> Runner::sharedWeights(const std::string &layer) const
{
    const auto it = weights_.find(layer);
    return it == weights_.end() ? nullptr : it->second;
}

void Runner::setLayerWeights(const std::string &layer, LayerWeights w)
{
    weights_[layer] = std::make_shared<const LayerWeights>(std::move(w));
    const int i = report_.indexOf(layer);
    if (i >= 0) {
        slots_[size_t(i)].valid = false;
        slots_[size_t(i)].prepared = false;
    }
}

void Runner::invalidateAll()
{
    for (auto &s : slots_)
        s.valid = false;
}

std::vector<bool> Runner::outOfDate() const
{
    std::vector<bool> dirty(report_.layers.size(), false);
    for (size_t i = 0; i < report_.layers.size(); ++i) {
        const LayerReport &l = report_.layers[i];
        if (!l.ok())
            continue;
        bool d = !slots_[i].valid;
        for (const auto &in : l.inputs) {
            const int p = report_.indexOf(in);
            if (p >= 0 && dirty[size_t(p)])
                d = true;
        }
        dirty[i] = d;
    }
    return dirty;
}

bool Runner::upToDate(int i) const
{
    if (i < 0 || size_t(i) >= slots_.size() || !slots_[size_t(i)].value)
        return false;
    return !outOfDate()[size_t(i)];
}

int Runner::firstOutOfDate() const
{
    const auto dirty = outOfDate();
    for (size_t i = 0; i < dirty.size(); ++i)
        if (dirty[i])
            return int(i);
    return -1;
}

MemoryEstimate Runner::estimateMemory() const
{
    MemoryEstimate m;
    const auto dirty = outOfDate();
    std::int64_t recomputed = 0, workspace = 0;
    for (size_t i = 0; i < report_.layers.size(); ++i) {
        const LayerReport &l = report_.layers[i];
        if (!l.ok())
            continue;
        const std::int64_t b = outputBytes(l);
        m.activationBytes = saturatingAdd(m.activationBytes, b);
        if (dirty[i] && slots_[i].value)
            recomputed = saturatingAdd(recomputed, b);
        if (b > m.largestBytes) {
            m.largestBytes = b;
            m.largestLayer = l.name;
        }
        workspace = std::max(workspace, workspaceBytes(l, report_.framework, threads()));
        m.weightBytes = saturatingAdd(m.weightBytes, l.params > kSaturated / 8 ? kSaturated : 8 * l.params);
    }
    m.peakBytes = saturatingAdd(saturatingAdd(m.activationBytes, m.weightBytes), saturatingAdd(recomputed, workspace));
    return m;
}

const Tensor *Runner::activation(const std::string &layer) const
{
    return activation(report_.indexOf(layer));
}

const Tensor *Runner::activation(int i) const
{
    if (i < 0 || size_t(i) >= slots_.size())
        return nullptr;
    return slots_[size_t(i)].value.get();
}

std::shared_ptr<const Tensor> Runner::sharedActivation(int i) const
{
    if (i < 0 || size_t(i) >= slots_.size())
        return nullptr;
    return slots_[size_t(i)].value;
}

RunStatus Runner::run(const std::atomic<bool> *cancel, const Progress &progress)
{
    RunStatus st;
    const auto t0 = std::chrono::steady_clock::now();
    const size_t n = report_.layers.size();
    st.layerMs.assign(n, -1.0);
    const Framework f = report_.framework;

    const MemoryEstimate mem = estimateMemory();
    if (mem.peakBytes > budget_) {
        const int bigIndex = report_.indexOf(mem.largestLayer);
        const Shape bigShape = bigIndex >= 0 ? report_.layers[size_t(bigIndex)].output.value_or(Shape{}) : Shape{};
        st.error = "the forward pass needs about " + formatBytes(mem.peakBytes) + " of memory (activations " +
                   formatBytes(mem.activationBytes) + ", the largest output '" + mem.largestLayer + "' " +
                   shapeTuple(bigShape) + " = " + formatBytes(mem.largestBytes) + "; weights " +
                   formatBytes(mem.weightBytes) + "), more than the budget of " + formatBytes(budget_) +
                   "; use a smaller input size or fewer filters, or raise the budget";
        return st;
    }

    // Weights for layers that have none (or whose shapes an edit changed): seeded initial values. Those layers are
    // recomputed.
    std::vector<std::string> initialised;
    try {
        for (const LayerReport &l : report_.layers) { // tensor/weights.h initializeMissingWeights, kept shared
            const auto specs = expectedWeights(l, report_.framework);
            if (specs.empty() || weightsMatch(layerWeights(l.name), specs))
                continue;
            weights_[l.name] = std::make_shared<const LayerWeights>(initialLayerWeights(l, report_.framework, seed_));
            initialised.push_back(l.name);
        }
    } catch (const std::bad_alloc &) {
        st.error = "not enough memory for the weights (" + formatBytes(mem.weightBytes) + ")";
        return st;
    }
    for (const std::string &name : initialised) {
        const int i = report_.indexOf(name);
        if (i >= 0) {
            slots_[size_t(i)].valid = false;
            slots_[size_t(i)].prepared = false;
        }
    }
    const auto dirty = outOfDate();
    std::vector<int> todo;
    for (size_t i = 0; i < n; ++i)
        if (dirty[i])
            todo.push_back(int(i));

    // Keep at most one spare set of activations for reuse.
    buffers_.setMaxBytes(mem.activationBytes);
    ExecContext ctx{pool_.get(), cancel, &buffers_};
    std::vector<std::optional<Tensor>> staged(n);
    // A failed or cancelled run hands its scratch outputs back to the pool; the kept activations are untouched.
    struct Recycle {
        std::vector<std::optional<Tensor>> &staged;
        BufferPool &pool;
        ~Recycle()
        {
            for (auto &t : staged)
                if (t)
                    pool.give(std::move(t->data));
        }
    } recycle{staged, buffers_};
    // Keep::Outputs: the last layer of this run reading each output, and the outputs that stay.
    std::vector<int> lastReader(n, -1);
    std::vector<bool> kept(n, keep_ == Keep::All), released(n, false);
    if (keep_ == Keep::Outputs) {
        for (int i : todo)
            for (const auto &name : report_.layers[size_t(i)].inputs)
                if (const int p = report_.indexOf(name); p >= 0)
                    lastReader[size_t(p)] = i;
        for (const auto &name : report_.outputs)
            if (const int p = report_.indexOf(name); p >= 0)
                kept[size_t(p)] = true;
        if (report_.outputs.empty() && n > 0)
            kept[n - 1] = true;
    }
    const auto release = [&](int p) {
        if (kept[size_t(p)] || !staged[size_t(p)])
            return;
        buffers_.give(std::move(staged[size_t(p)]->data)); // the next layers of this run reuse it
        staged[size_t(p)].reset();
        released[size_t(p)] = true;
    };
    const auto current = [&](int i) -> const Tensor * {
        if (staged[size_t(i)])
            return &*staged[size_t(i)];
        return activation(i);
    };
    int done = 0;
    for (int i : todo) {
        if (ctx.cancelled()) {
            st.cancelled = true;
            return st;
        }
        const LayerReport &l = report_.layers[size_t(i)];
        if (progress)
            progress(done, int(todo.size()), l.name);
        const auto lt0 = std::chrono::steady_clock::now();
        std::vector<const Tensor *> ins;
        Tensor inputCopy;
        if (l.op == Op::Input) {
            const Tensor *src = nullptr;
            if (auto it = inputs_.find(l.name); it != inputs_.end())
                src = &it->second;
            else if (singleInput_)
                src = &*singleInput_;
            if (!src) {
                st.error = "no input tensor for the model input '" + l.name + "'";
                return st;
            }
            if (!l.output || src->shape != *l.output) {
                st.error = "the input has shape " + shapeTuple(src->shape) + " but the model input '" + l.name +
                           "' is " + shapeTuple(l.output.value_or(Shape{}));
                return st;
            }
            ins.push_back(src);
        } else {
            for (const auto &name : l.inputs) {
                const int p = report_.indexOf(name);
                const Tensor *t = p >= 0 ? current(p) : nullptr;
                if (!t) {
                    st.error = "layer '" + l.name + "': its input '" + name + "' has no value";
                    return st;
                }
                ins.push_back(t);
            }
        }
        Slot &slot = slots_[size_t(i)];
        try {
            if (!slot.prepared) {
                slot.weights = prepareLayer(l, f, layerWeights(l.name));
                slot.prepared = true;
            }
            staged[size_t(i)] = forwardLayer(l, f, ins, slot.weights, ctx);
        } catch (const std::bad_alloc &) {
            st.error = "layer '" + l.name + "': not enough memory";
            return st;
        } catch (const std::exception &e) {
            st.error = e.what();
            return st;
        } catch (...) {
            st.error = "layer '" + l.name + "': the computation failed";
            return st;
        }
        if (ctx.cancelled()) {
            st.cancelled = true;
            return st;
        }
        st.layerMs[size_t(i)] =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - lt0).count();
        st.computed.push_back(i);
        ++done;
        if (layerDone_)
            layerDone_(i, *staged[size_t(i)]);
        if (keep_ == Keep::Outputs) {
            // The kernels' copy of the weights too (a Winograd F(4×4) copy is 4× the arrays): prepared again, from
            // the arrays that stay, should a later run need it.
            slot.weights = PreparedLayer{};
            slot.prepared = false;
            for (const auto &name : l.inputs)
                if (const int p = report_.indexOf(name); p >= 0 && lastReader[size_t(p)] == i)
                    release(p);
            if (lastReader[size_t(i)] < 0)
                release(i); // read by no layer of this run
        }
    }
    for (int i : todo) {
        Slot &slot = slots_[size_t(i)];
        // The old output's storage is reused only when no snapshot holds it (a count of 1 cannot rise behind our back:
        // only this thread hands out new references).
        if (slot.value && slot.value.use_count() == 1)
            buffers_.give(std::move(slot.value->data));
        slot.value.reset();
        if (staged[size_t(i)])
            slot.value = std::make_shared<Tensor>(std::move(*staged[size_t(i)]));
        staged[size_t(i)].reset();
        slot.valid = !released[size_t(i)];
    }
    if (progress)
        progress(done, int(todo.size()), {});
    st.ok = true;
    st.totalMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    return st;
}

} // namespace convlens
