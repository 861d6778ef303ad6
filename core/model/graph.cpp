// graph.cpp — graph lookup, structural validation with a stable topological order, and tf.keras-style naming.
#include "model/graph.h"

#include <algorithm>
#include <functional>
#include <map>
#include <queue>
#include <set>
#include <unordered_map>

namespace convlens {

ParamValue Layer::param(const KindDef &kind, const std::string &p) const
{
    if (auto it = params.find(p); it != params.end())
        return it->second;
    if (const ParamDef *d = findParam(kind, p))
        return d->defaultValue;
    return {};
}

int Graph::indexOf(const std::string &name) const
{
    for (size_t i = 0; i < layers.size(); ++i)
        if (layers[i].name == name)
            return int(i);
    return -1;
}

const Layer *Graph::find(const std::string &name) const
{
    const int i = indexOf(name);
    return i < 0 ? nullptr : &layers[size_t(i)];
}

std::vector<GraphError> validateAndOrder(Graph &g)
{
    std::vector<GraphError> errors;
    std::unordered_map<std::string, size_t> byName;
    byName.reserve(g.layers.size());
    for (size_t i = 0; i < g.layers.size(); ++i) {
        const Layer &l = g.layers[i];
        if (l.name.empty())
            errors.push_back({l.name, l.line, "layer " + std::to_string(i) + " has no name"});
        else if (!byName.emplace(l.name, i).second)
            errors.push_back({l.name, l.line, "two layers are named '" + l.name + "'; names must be unique"});
        const KindDef *k = findKind(g.framework, l.type);
        if (!k) {
            errors.push_back({l.name, l.line,
                              "unknown layer type '" + l.type + "' for " + std::string(frameworkName(g.framework))});
            continue;
        }
        if (auto problem = checkLayerParams(*k, l.params))
            errors.push_back({l.name, l.line, "layer '" + l.name + "' (" + l.type + "): " + problem->message});
        const int n = int(l.inputs.size());
        if (n < k->minInputs || (k->maxInputs >= 0 && n > k->maxInputs)) {
            std::string expected = k->minInputs == k->maxInputs ? std::to_string(k->minInputs)
                                   : k->maxInputs < 0         ? "at least " + std::to_string(k->minInputs)
                                        : std::to_string(k->minInputs) + " to " + std::to_string(k->maxInputs);
            errors.push_back({l.name, l.line,
                              "layer '" + l.name + "' (" + l.type + ") takes " + expected + " input(s), got " +
                                  std::to_string(n)});
        }
    }
    for (const Layer &l : g.layers)
        for (const auto &in : l.inputs)
            if (!byName.count(in))
                errors.push_back({l.name, l.line, "layer '" + l.name + "' uses '" + in + "', which is not defined"});
    for (const auto &o : g.outputs)
        if (!byName.count(o))
            errors.push_back({o, 0, "the model output '" + o + "' is not a layer"});
    if (!errors.empty())
        return errors;

    // Kahn's algorithm, always taking the lowest definition index that is ready: keeps the order the code defined
    // wherever it is already valid, and finds cycles.
    const size_t n = g.layers.size();
    std::vector<int> pending(n, 0);
    std::vector<std::vector<size_t>> consumers(n);
    for (size_t i = 0; i < n; ++i)
        for (const auto &in : g.layers[i].inputs) {
            ++pending[i];
            consumers[byName.at(in)].push_back(i);
        }
    std::priority_queue<size_t, std::vector<size_t>, std::greater<>> ready;
    for (size_t i = 0; i < n; ++i)
        if (pending[i] == 0)
            ready.push(i);
    std::vector<size_t> order;
    order.reserve(n);
    while (!ready.empty()) {
        const size_t i = ready.top();
        ready.pop();
        order.push_back(i);
        for (size_t c : consumers[i])
            if (--pending[c] == 0)
                ready.push(c);
    }
    if (order.size() != n) {
        // What Kahn's algorithm leaves is every cycle plus what hangs below one; peel off, from the bottom, layers
        // none of whose consumers are left, so that only the layers on a cycle are named.
        std::vector<bool> left(n, false);
        for (size_t i = 0; i < n; ++i)
            left[i] = pending[i] > 0;
        for (bool changed = true; changed;) {
            changed = false;
            for (size_t i = 0; i < n; ++i) {
                if (!left[i])
                    continue;
                const bool feedsLeft = std::any_of(consumers[i].begin(), consumers[i].end(),
                                                   [&](size_t c) { return left[c]; });
                if (!feedsLeft) {
                    left[i] = false;
                    changed = true;
                }
            }
        }
        std::string cycle;
        for (size_t i = 0; i < n; ++i)
            if (left[i])
                cycle += (cycle.empty() ? "'" : ", '") + g.layers[i].name + "'";
        const bool single = std::count(left.begin(), left.end(), true) == 1;
        errors.push_back({"", 0,
                          single ? "the layer " + cycle + " is its own input; a model must be a DAG"
                                 : "the layers " + cycle + " form a cycle; a model must be a DAG"});
        return errors;
    }
    bool inOrder = true; // the usual case (code defines a layer before its use): nothing to move
    for (size_t i = 0; i < n && inOrder; ++i)
        inOrder = order[i] == i;
    if (inOrder)
        return errors;
    std::vector<Layer> sorted;
    sorted.reserve(n);
    for (size_t i : order)
        sorted.push_back(std::move(g.layers[i]));
    g.layers = std::move(sorted);
    return errors;
}

void assignDefaultNames(Graph &g)
{
    std::set<std::string> taken;
    for (const Layer &l : g.layers)
        if (!l.name.empty())
            taken.insert(l.name);
    if (g.framework == Framework::PyTorch) {
        int index = 0;
        for (Layer &l : g.layers) {
            const KindDef *k = findKind(g.framework, l.type);
            const bool isInput = k && k->op == Op::Input;
            if (l.name.empty())
                l.name = isInput ? "input" : std::to_string(index);
            if (!isInput)
                ++index;
        }
        return;
    }
    // tf.keras 2 keeps one counter per base name: conv2d, conv2d_1, conv2d_2; inputs: input_1, input_2.
    std::map<std::string, int> counters;
    for (Layer &l : g.layers) {
        if (!l.name.empty())
            continue;
        const KindDef *k = findKind(g.framework, l.type);
        std::string base = k ? k->autoName : "layer";
        if (k && k->op == Op::Input && l.implicitInput) {
            l.name = "input";
            continue;
        }
        std::string name;
        do {
            int &c = counters[base];
            if (k && k->op == Op::Input)
                name = base + "_" + std::to_string(++c);
            else
                name = c == 0 ? base : base + "_" + std::to_string(c), ++c;
        } while (taken.count(name));
        taken.insert(name);
        l.name = name;
    }
}

} // namespace convlens
