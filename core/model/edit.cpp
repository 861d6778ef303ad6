// graph_edit.cpp — chain-preserving structural edits on a Graph (see graph_edit.h for the rules).
#include "model/edit.h"

#include <algorithm>
#include <map>

namespace convlens::edit {

namespace {

const KindDef *kindOf(const Graph &g, const Layer &l)
{
    return findKind(g.framework, l.type);
}

bool isInputKind(const Graph &g, const Layer &l)
{
    const KindDef *k = kindOf(g, l);
    return k && k->op == Op::Input;
}

void replaceReferences(Graph &g, const std::string &from, const std::string &to)
{
    for (Layer &l : g.layers)
        for (auto &in : l.inputs)
            if (in == from)
                in = to;
    for (auto &o : g.outputs)
        if (o == from)
            o = to;
}

// A renamed layer keeps its quiz questions (a removed one's are dropped, not handed to its producer).
void renameInQuiz(Graph &g, const std::string &from, const std::string &to)
{
    for (QuizQuestion &q : g.quiz)
        if (q.layer == from)
            q.layer = to;
}

// Takes g.layers[i] out of the graph and returns it. `spliceAll` (a removal): every consumer takes its first input
// instead. Otherwise (a move) only the chain closes over the gap, the layer right below it; skip connections keep
// reading it by name, and the move is refused later if it would then come after one of them.
Layer takeOut(Graph &g, size_t i, bool spliceAll)
{
    Layer l = std::move(g.layers[i]);
    g.layers.erase(g.layers.begin() + std::ptrdiff_t(i));
    if (!spliceAll) {
        if (i < g.layers.size() && !l.inputs.empty())
            for (auto &in : g.layers[i].inputs)
                if (in == l.name) {
                    in = l.inputs.front();
                    break;
                }
        return l;
    }
    if (!l.inputs.empty()) {
        replaceReferences(g, l.name, l.inputs.front());
    } else {
        std::erase(g.outputs, l.name);
    }
    // An output list that now names one layer twice (spliced onto its producer) keeps one.
    std::vector<std::string> outs;
    for (const auto &o : g.outputs)
        if (std::find(outs.begin(), outs.end(), o) == outs.end())
            outs.push_back(o);
    g.outputs = std::move(outs);
    return l;
}

// Puts `l` (named, inputs as wanted except the chain input) at `pos` and splices it after the layer above.
void putIn(Graph &g, size_t pos, Layer l, bool rechain)
{
    const bool input = isInputKind(g, l);
    std::string prev = (!input && pos > 0) ? g.layers[pos - 1].name : std::string();
    if (!prev.empty() && rechain) {
        if (l.inputs.empty())
            l.inputs.push_back(prev);
        else
            l.inputs.front() = prev;
    }
    if (!prev.empty()) {
        if (pos < g.layers.size()) {
            auto &nextInputs = g.layers[pos].inputs;
            if (auto it = std::find(nextInputs.begin(), nextInputs.end(), prev); it != nextInputs.end())
                *it = l.name;
        } else {
            // Appending after a declared model output: the new layer becomes that output.
            for (auto &o : g.outputs)
                if (o == prev)
                    o = l.name;
        }
    }
    g.layers.insert(g.layers.begin() + std::ptrdiff_t(pos), std::move(l));
}

std::int64_t channelsOf(const Shape &s, Framework f)
{
    if (s.empty())
        return 1;
    return f == Framework::PyTorch ? s.front() : s.back();
}

} // namespace

bool isWellOrdered(const Graph &g, std::string *error)
{
    std::map<std::string, size_t> seen;
    for (size_t i = 0; i < g.layers.size(); ++i) {
        const Layer &l = g.layers[i];
        for (const auto &in : l.inputs) {
            if (!seen.count(in)) {
                if (error)
                    *error = "'" + l.name + "' would come before '" + in + "', which it uses";
                return false;
            }
        }
        if (!seen.emplace(l.name, i).second) {
            if (error)
                *error = "two layers are named '" + l.name + "'";
            return false;
        }
    }
    return true;
}

std::string uniqueName(const Graph &g, const std::string &base)
{
    const std::string b = base.empty() ? std::string("layer") : base;
    if (!g.find(b))
        return b;
    for (int n = 1;; ++n) {
        std::string candidate = b + "_" + std::to_string(n);
        if (!g.find(candidate))
            return candidate;
    }
}

bool hasTorchIndexNames(const Graph &g)
{
    if (g.framework != Framework::PyTorch)
        return false;
    int index = 0;
    for (const Layer &l : g.layers) {
        if (isInputKind(g, l))
            continue;
        if (l.name != std::to_string(index++))
            return false;
    }
    return true;
}

void renumberTorchLayers(Graph &g)
{
    // Two passes through temporary names so that "1"→"2" never collides with the old "2".
    std::vector<std::pair<std::string, std::string>> renames;
    int index = 0;
    for (const Layer &l : g.layers)
        if (!isInputKind(g, l))
            renames.emplace_back(l.name, std::to_string(index++));
    for (size_t i = 0; i < renames.size(); ++i) {
        const std::string tmp = "\x01tmp" + std::to_string(i);
        replaceReferences(g, renames[i].first, tmp);
        renameInQuiz(g, renames[i].first, tmp);
        for (Layer &l : g.layers)
            if (l.name == renames[i].first)
                l.name = tmp;
    }
    for (size_t i = 0; i < renames.size(); ++i) {
        const std::string tmp = "\x01tmp" + std::to_string(i);
        replaceReferences(g, tmp, renames[i].second);
        renameInQuiz(g, tmp, renames[i].second);
        for (Layer &l : g.layers)
            if (l.name == tmp)
                l.name = renames[i].second;
    }
}

Layer makeLayer(const Graph &g, const ShapeReport &report, const KindDef &kind, int position)
{
    Layer l;
    l.type = kind.className;
    const bool torch = g.framework == Framework::PyTorch;
    // The output shape of the layer the new one will read (the one above the insertion point).
    std::optional<Shape> above;
    if (position > 0 && size_t(position) <= g.layers.size()) {
        const int r = report.indexOf(g.layers[size_t(position - 1)].name);
        if (r >= 0 && report.layers[size_t(r)].output)
            above = report.layers[size_t(r)].output;
    }
    const bool isPool = kind.op == Op::MaxPool || kind.op == Op::AvgPool;
    for (const ParamDef &p : kind.params) {
        if (!p.required)
            continue;
        ParamValue v;
        const std::string &n = p.name;
        if (n == "filters" || n == "out_channels")
            v = 16;
        else if (n == "units" || n == "out_features")
            v = 10;
        else if (n == "in_channels" || n == "num_features" || n == "num_channels")
            v = std::int64_t(above ? channelsOf(*above, g.framework) : 1);
        else if (n == "in_features")
            v = std::int64_t(above && !above->empty() ? above->back() : 1);
        else if (n == "rate")
            v = 0.5;
        else if (n == "shape")
            v = torch ? ParamValue::ints({1, 28, 28}) : ParamValue::ints({28, 28, 1});
        else if (n == "target_shape")
            v = ParamValue::ints({-1});
        else if (n == "normalized_shape") // LayerNorm: the last axis of the input
            v = std::int64_t(above && !above->empty() ? above->back() : 1);
        else if (n == "unflattened_size")
            v = above && !above->empty() ? ParamValue::ints({above->front(), 1}) : ParamValue::ints({1, 1});
        else if (n == "dim")
            v = 1;
        else if (n == "dims") { // permute: the last two axes swapped
            ParamList perm;
            const std::int64_t rank = std::int64_t(above ? above->size() : 3) + 1;
            for (std::int64_t i = 0; i < rank; ++i)
                perm.emplace_back(rank > 2 && i >= rank - 2 ? 2 * rank - 3 - i : i);
            v = ParamValue(std::move(perm));
        }
        else {
            switch (p.type) {
            case ParamType::IntOrPair:
            case ParamType::OptIntOrPair:
                v = isPool ? 2 : 3;
                if (!torch)
                    v = isPool ? ParamValue::ints({2, 2}) : ParamValue::ints({3, 3});
                break;
            case ParamType::Int:
            case ParamType::OutputSize:
            case ParamType::TorchPad4:
            case ParamType::PadSpec2D:
                v = 1;
                break;
            case ParamType::NonNegInt:
                v = 0;
                break;
            case ParamType::Float:
            case ParamType::OptFloat:
            case ParamType::ScaleFactor:
                v = 1.0;
                break;
            case ParamType::Choice:
            case ParamType::OptChoice:
                v = p.choices.empty() ? ParamValue() : ParamValue(p.choices.front() == "linear" && p.choices.size() > 1
                                                                      ? p.choices[1]
                                                                      : p.choices.front());
                break;
            case ParamType::ShapeTuple:
                v = ParamValue::ints({1});
                break;
            case ParamType::Axis:
                v = -1;
                break;
            case ParamType::Bool: // optional: the catalogue default
            case ParamType::KerasPadding:
            case ParamType::TorchPadding:
            case ParamType::OptAxis:
            case ParamType::Ignored:
                break;
            }
        }
        l.params[p.name] = v;
    }
    if (kind.op == Op::Input)
        l.implicitInput = false;
    // nn.Upsample needs one of size= and scale_factor=, neither of which is required alone.
    if (kind.op == Op::Upsample && torch)
        l.params["scale_factor"] = 2;
    // Keras Normalization without statistics waits for adapt() on data and cannot run: start from ones it can.
    if (kind.className == "Normalization" && !torch) {
        l.params["mean"] = 0.5;
        l.params["variance"] = 0.25;
    }
    if (kind.className == "depth_to_space" && !torch) // TensorFlow refuses a block of 1
        l.params["block_size"] = 2;
    return l;
}

std::string insertLayer(Graph &g, int position, Layer layer, std::string *error)
{
    if (position < 0 || size_t(position) > g.layers.size()) {
        if (error)
            *error = "no such position";
        return {};
    }
    const KindDef *k = kindOf(g, layer);
    if (!k) {
        if (error)
            *error = "unknown layer type '" + layer.type + "'";
        return {};
    }
    const bool input = k->op == Op::Input;
    if (!input && position == 0) {
        if (error)
            *error = "a " + layer.type + " needs a layer above it to read from; drop it below the input";
        return {};
    }
    const bool torchNames = hasTorchIndexNames(g);
    if (layer.name.empty() || g.find(layer.name))
        layer.name = uniqueName(g, input ? std::string("input") : (k->autoName.empty() ? "layer" : k->autoName));
    // A layer that joins several inputs starts with the layer above twice (a valid model); the user reconnects.
    layer.inputs.clear();
    if (!input) {
        const std::string prev = g.layers[size_t(position - 1)].name;
        for (int i = 0; i < std::max(k->minInputs, 1); ++i)
            layer.inputs.push_back(prev);
    }
    std::string name = layer.name;
    putIn(g, size_t(position), std::move(layer), false);
    if (torchNames && !input) {
        renumberTorchLayers(g);
        name = g.layers[size_t(position)].name;
    }
    return name;
}

bool removeLayers(Graph &g, const std::set<std::string> &names, std::string *error)
{
    for (const Layer &l : g.layers) {
        if (!names.count(l.name) || !l.inputs.empty())
            continue;
        for (const Layer &c : g.layers)
            if (!names.count(c.name) && std::find(c.inputs.begin(), c.inputs.end(), l.name) != c.inputs.end()) {
                if (error)
                    *error = "'" + l.name + "' is an input that '" + c.name +
                             "' reads; remove or reconnect that layer first";
                return false;
            }
    }
    const bool torchNames = hasTorchIndexNames(g);
    Graph out = g;
    std::erase_if(out.quiz, [&](const QuizQuestion &q) { return names.count(q.layer) > 0; });
    for (size_t i = out.layers.size(); i-- > 0;)
        if (names.count(out.layers[i].name))
            takeOut(out, i, true);
    if (torchNames)
        renumberTorchLayers(out);
    g = std::move(out);
    return true;
}

bool moveLayers(Graph &g, std::vector<int> rows, int dest, std::string *error)
{
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    if (rows.empty() || rows.front() < 0 || size_t(rows.back()) >= g.layers.size() || dest < 0 ||
        size_t(dest) > g.layers.size()) {
        if (error)
            *error = "nothing to move";
        return false;
    }
    for (int r : rows)
        if (isInputKind(g, g.layers[size_t(r)])) {
            if (error)
                *error = "the input layer '" + g.layers[size_t(r)].name + "' stays where it is";
            return false;
        }
    const bool torchNames = hasTorchIndexNames(g);
    Graph out = g;
    // Whether each moved layer read the layer right above it (it follows the chain) before the move.
    std::vector<bool> chained;
    for (int r : rows) {
        const Layer &l = g.layers[size_t(r)];
        chained.push_back(r > 0 && !l.inputs.empty() && l.inputs.front() == g.layers[size_t(r - 1)].name);
    }
    // The layer the block goes in front of (empty: the end); it is never moved itself unless it is in the block.
    std::string anchor;
    for (int d = dest; size_t(d) < g.layers.size(); ++d)
        if (std::find(rows.begin(), rows.end(), d) == rows.end()) {
            anchor = g.layers[size_t(d)].name;
            break;
        }
    std::vector<Layer> moved;
    for (size_t i = rows.size(); i-- > 0;)
        moved.insert(moved.begin(), takeOut(out, size_t(rows[i]), false));
    size_t pos = anchor.empty() ? out.layers.size() : size_t(out.indexOf(anchor));
    if (pos == 0) {
        if (error)
            *error = "a layer cannot go above the input";
        return false;
    }
    for (size_t i = 0; i < moved.size(); ++i) {
        Layer l = std::move(moved[i]);
        const bool rechain = chained[i] || l.inputs.size() == 1 || l.inputs.empty();
        putIn(out, pos, std::move(l), rechain);
        ++pos;
    }
    if (!isWellOrdered(out, error))
        return false;
    if (torchNames)
        renumberTorchLayers(out);
    if (out.layers.size() == g.layers.size()) {
        bool same = true;
        for (size_t i = 0; i < out.layers.size() && same; ++i)
            same = out.layers[i].name == g.layers[i].name && out.layers[i].inputs == g.layers[i].inputs;
        if (same) {
            if (error)
                *error = "the layers are already there";
            return false;
        }
    }
    g = std::move(out);
    return true;
}

std::vector<std::string> duplicateLayers(Graph &g, const std::vector<std::string> &names, std::string *error)
{
    Graph out = g;
    const bool torchNames = hasTorchIndexNames(g);
    std::vector<std::pair<int, std::string>> placed; // final position, temporary name
    // Bottom-up so earlier positions stay valid.
    std::vector<int> rows;
    for (const auto &n : names) {
        const int r = out.indexOf(n);
        if (r < 0) {
            if (error)
                *error = "no layer named '" + n + "'";
            return {};
        }
        rows.push_back(r);
    }
    std::sort(rows.rbegin(), rows.rend());
    for (int r : rows) {
        Layer copy = out.layers[size_t(r)];
        if (isInputKind(out, copy)) {
            if (error)
                *error = "the input layer '" + copy.name + "' cannot be duplicated";
            return {};
        }
        const KindDef *k = kindOf(out, copy);
        copy.name = uniqueName(out, k && !k->autoName.empty() ? k->autoName : copy.name + "_copy");
        copy.line = 0;
        const std::string name = copy.name;
        putIn(out, size_t(r + 1), std::move(copy), true);
        placed.emplace_back(r + 1, name);
    }
    std::vector<std::string> result;
    for (const auto &p : placed)
        result.push_back(p.second);
    if (torchNames) {
        // Names change with renumbering: report the new names by position in the final graph.
        std::vector<int> positions;
        for (const auto &n : result)
            positions.push_back(out.indexOf(n));
        renumberTorchLayers(out);
        result.clear();
        for (int p : positions)
            result.push_back(out.layers[size_t(p)].name);
    }
    g = std::move(out);
    return result;
}

bool renameLayer(Graph &g, const std::string &from, const std::string &to, std::string *error)
{
    const int i = g.indexOf(from);
    if (i < 0) {
        if (error)
            *error = "no layer named '" + from + "'";
        return false;
    }
    if (to.empty() || to.find_first_of(" \t\n\r'\"") != std::string::npos) {
        if (error)
            *error = "a layer name cannot be empty or contain spaces or quotes";
        return false;
    }
    if (to == from)
        return false;
    if (g.find(to)) {
        if (error)
            *error = "there is already a layer named '" + to + "'";
        return false;
    }
    g.layers[size_t(i)].name = to;
    replaceReferences(g, from, to);
    renameInQuiz(g, from, to);
    return true;
}

bool setInputs(Graph &g, const std::string &layer, const std::vector<std::string> &inputs, std::string *error)
{
    const int i = g.indexOf(layer);
    if (i < 0) {
        if (error)
            *error = "no layer named '" + layer + "'";
        return false;
    }
    Layer &l = g.layers[size_t(i)];
    if (const KindDef *k = kindOf(g, l)) {
        const int n = int(inputs.size());
        if (n < k->minInputs || (k->maxInputs >= 0 && n > k->maxInputs)) {
            if (error)
                *error = l.type + " takes " +
                         (k->maxInputs < 0 ? "at least " + std::to_string(k->minInputs)
                                           : std::to_string(k->minInputs)) +
                         " input(s)";
            return false;
        }
    }
    for (const auto &in : inputs) {
        const int j = g.indexOf(in);
        if (j < 0 || j >= i) {
            if (error)
                *error = "'" + layer + "' can only read layers above it; '" + in + "' is not";
            return false;
        }
    }
    if (l.inputs == inputs)
        return false;
    l.inputs = inputs;
    return true;
}

ParamValue shapeValue(const Shape &s)
{
    ParamList l;
    for (auto d : s)
        l.emplace_back(d);
    return ParamValue(std::move(l));
}

std::optional<std::string> overrideInputShape(Graph &g, const Shape &shape)
{
    std::vector<Layer *> inputs;
    for (auto &l : g.layers) {
        const KindDef *k = findKind(g.framework, l.type);
        if (k && k->op == Op::Input)
            inputs.push_back(&l);
    }
    if (inputs.size() != 1)
        return "--input-shape applies to a model with one input; this one has " + std::to_string(inputs.size());
    inputs[0]->params["shape"] = shapeValue(shape);
    return std::nullopt;
}

} // namespace convlens::edit
