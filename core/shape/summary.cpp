// summary.cpp — folding a report into model.summary()'s rows (see summary.h).
#include "shape/summary.h"

#include <algorithm>
#include <map>
#include <set>

namespace convlens {

namespace {

// A Keras scope segment is "name:Type" (tower:Functional, lambda_1:Lambda, reflection_padding2d:ReflectionPadding2D).
std::string segmentName(const std::string &segment)
{
    return segment.substr(0, segment.rfind(':'));
}

std::vector<std::string> scopeSegments(const std::string &scope)
{
    std::vector<std::string> out;
    size_t start = 0;
    while (start < scope.size()) {
        const size_t slash = scope.find('/', start);
        out.push_back(scope.substr(start, slash == std::string::npos ? std::string::npos : slash - start));
        if (slash == std::string::npos)
            break;
        start = slash + 1;
    }
    return out;
}

class Folder {
public:
    Folder(const Graph &g, const ShapeReport &r) : graph(g), rep(r)
    {
        // PyTorch scopes are module paths for display; its rows stay one per call (torch.fx)
        for (size_t i = 0; keras() && i < graph.layers.size() && i < rep.layers.size(); ++i)
            segs.push_back(scopeSegments(graph.layers[i].scope));
        segs.resize(rep.layers.size());
    }

    // The row a layer shows as at nesting depth `depth`: its nested model's name, or its own (a shared layer's
    // first name).
    std::string displayName(size_t i, size_t depth) const
    {
        if (segs[i].size() > depth)
            return segmentName(segs[i][depth]);
        const LayerReport &l = rep.layers[i];
        return keras() && !l.modulePath.empty() ? l.modulePath : l.name;
    }

    bool keras() const { return rep.framework == Framework::Keras; }

    std::vector<SummaryRow> fold(const std::vector<size_t> &members, size_t depth) const
    {
        std::vector<SummaryRow> out;
        std::map<std::string, size_t> position;            // nested model or shared layer → its row
        std::map<std::string, std::vector<size_t>> grouped; // nested model → its layers
        for (size_t i : members) {
            const LayerReport &l = rep.layers[i];
            if (segs[i].size() > depth) {
                const std::string &g = segs[i][depth];
                if (position.emplace(g, out.size()).second)
                    out.emplace_back();
                grouped[g].push_back(i);
                continue;
            }
            const std::string key = keras() && !l.modulePath.empty() ? l.modulePath : std::string();
            if (!key.empty() && !position.emplace(key, out.size()).second)
                continue; // a later call of a shared layer: the same row
            SummaryRow &row = out.emplace_back();
            row.layer = &l;
            row.outputLayer = l.name;
            row.name = key.empty() ? l.name : key;
            row.inputs = inputsOf({i}, depth);
        }
        for (const auto &[g, ids] : grouped)
            out[position.at(g)] = nestedRow(g, ids, depth);
        return out;
    }

private:
    // The rows feeding `members` from outside them, as named at `depth`.
    std::vector<std::string> inputsOf(const std::vector<size_t> &members, size_t depth) const
    {
        // one member (every plain layer of a long chain): no set to build
        std::set<size_t> inside;
        if (members.size() > 1)
            inside.insert(members.begin(), members.end());
        const auto isInside = [&](size_t j) { return members.size() == 1 ? j == members[0] : inside.count(j) > 0; };
        std::vector<std::string> out;
        for (size_t i : members)
            for (const auto &in : rep.layers[i].inputs) {
                const int at = rep.indexOf(in); // the report's own name index (infer fills it)
                if (at < 0 || isInside(size_t(at)) || rep.layers[size_t(at)].implicitInput)
                    continue;
                out.push_back(displayName(size_t(at), depth));
            }
        return out;
    }

    SummaryRow nestedRow(const std::string &segment, const std::vector<size_t> &ids, size_t depth) const
    {
        SummaryRow s;
        s.inner = fold(ids, depth + 1);
        auto own = std::make_unique<LayerReport>();
        LayerReport &r = *own;
        r.name = segmentName(segment);
        const size_t colon = segment.rfind(':');
        r.type = colon == std::string::npos ? "Functional" : segment.substr(colon + 1);
        r.line = rep.layers[ids.front()].line;
        r.inputs = inputsOf(ids, depth);
        // its output: the first of its layers that a layer outside it (or the model's output) reads
        const std::set<size_t> inside(ids.begin(), ids.end());
        std::set<std::string> readOutside(rep.outputs.begin(), rep.outputs.end());
        for (size_t i = 0; i < rep.layers.size(); ++i)
            if (!inside.count(i))
                readOutside.insert(rep.layers[i].inputs.begin(), rep.layers[i].inputs.end());
        const LayerReport *output = nullptr;
        for (size_t i : ids)
            if (!output && readOutside.count(rep.layers[i].name))
                output = &rep.layers[i];
        if (!output)
            output = &rep.layers[ids.back()];
        s.outputLayer = output->name;
        std::set<std::string> counted;
        r.status = LayerReport::Status::Ok;
        for (size_t i : ids) {
            const LayerReport &l = rep.layers[i];
            if (l.status == LayerReport::Status::Refused && r.status != LayerReport::Status::Refused) {
                r.status = LayerReport::Status::Refused;
                r.error = "layer " + l.name + " (" + l.type + "): " + l.error;
                r.fix = l.fix;
            } else if (l.status == LayerReport::Status::Blocked && r.status == LayerReport::Status::Ok) {
                r.status = LayerReport::Status::Blocked;
            }
            r.macs += l.macs;
            if (!l.modulePath.empty() && !counted.insert(l.modulePath).second)
                continue;
            r.params += l.params;
            r.trainableParams += l.trainableParams;
            r.nonTrainableParams += l.nonTrainableParams;
        }
        if (r.ok() && output->ok()) {
            r.output = output->output;
            r.outputElements = output->outputElements;
            r.activationBytes = output->activationBytes;
        } else if (r.ok()) {
            r.status = LayerReport::Status::Blocked;
        }
        if (!r.ok())
            r.params = r.trainableParams = r.nonTrainableParams = r.macs = 0;
        r.formula = "a " + r.type + " model of " + std::to_string(s.inner.size()) + " rows";
        s.name = r.name;
        s.inputs = r.inputs;
        s.layer = own.get();
        s.own = std::move(own);
        return s;
    }

    const Graph &graph;
    const ShapeReport &rep;
    std::vector<std::vector<std::string>> segs;
};

} // namespace

std::vector<SummaryRow> summaryRows(const Graph &graph, const ShapeReport &report)
{
    const Folder folder(graph, report);
    std::vector<size_t> all(report.layers.size());
    for (size_t i = 0; i < all.size(); ++i)
        all[i] = i;
    return folder.fold(all, 0);
}

} // namespace convlens
