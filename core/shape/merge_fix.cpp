// merge_fix.cpp — where a merge's branches part, which layers shrank one of them, and the crop that reconciles them.
#include "shape/merge_fix.h"

#include "model/catalogue.h"
#include "model/edit.h"
#include "model/text.h"

#include <algorithm>
#include <array>
#include <set>

namespace convlens {

namespace {

using i64 = std::int64_t;
using HW = std::array<i64, 2>;

std::optional<HW> spatial(const LayerReport &l, Framework f)
{
    if (!l.ok() || !l.output || l.output->size() != 3)
        return std::nullopt;
    const Shape &s = *l.output;
    return f == Framework::Keras ? HW{s[0], s[1]} : HW{s[1], s[2]};
}

// The axis a merge joins along, in the framework layout without the batch axis (0…2), or -1 for Add.
i64 joinAxis(const Layer &merge, const KindDef &kind, Framework f)
{
    if (kind.op != Op::Concat)
        return -1;
    i64 a = merge.param(kind, f == Framework::Keras ? "axis" : "dim").asInt();
    if (a < 0)
        a += 4; // counted with the batch axis
    return a - 1;
}

bool slidesWindow(Op op)
{
    return op == Op::Conv || op == Op::DepthwiseConv || op == Op::SeparableConv || op == Op::MaxPool ||
           op == Op::AvgPool;
}

// Pixels a layer drops beyond its stride's scaling (a valid window's border, a pool's odd remainder), per axis.
HW droppedPixels(const ShapeReport &r, const LayerReport &l)
{
    if (l.inputs.empty() || !l.ok())
        return {0, 0};
    const int in = r.indexOf(l.inputs.front());
    const auto a = in >= 0 ? spatial(r.layers[size_t(in)], r.framework) : std::nullopt;
    const auto b = spatial(l, r.framework);
    if (!a || !b)
        return {0, 0};
    HW lost{0, 0};
    for (size_t k = 0; k < 2; ++k) {
        const i64 s = slidesWindow(l.op) ? l.spec.stride[k] : 1;
        lost[k] = std::max<i64>(0, (*a)[k] - (*b)[k] * s);
    }
    return lost;
}

// Every layer `name` depends on, itself included.
std::set<std::string> ancestors(const ShapeReport &r, const std::string &name)
{
    std::set<std::string> seen;
    std::vector<std::string> todo{name};
    while (!todo.empty()) {
        const std::string n = todo.back();
        todo.pop_back();
        if (!seen.insert(n).second)
            continue;
        if (const int i = r.indexOf(n); i >= 0)
            for (const auto &in : r.layers[size_t(i)].inputs)
                todo.push_back(in);
    }
    return seen;
}

// The layers from `from` back to `stop` (exclusive; or to an input layer). At an earlier merge the path follows its
// most recent input, the main line of the code, not a skip connection joining it (which would be the other branch).
std::vector<const LayerReport *> chainBack(const ShapeReport &r, const std::string &from, const std::string &stop)
{
    std::vector<const LayerReport *> out;
    std::string n = from;
    while (n != stop) {
        const int i = r.indexOf(n);
        if (i < 0)
            break;
        const LayerReport &l = r.layers[size_t(i)];
        out.push_back(&l);
        if (l.inputs.empty())
            break;
        n = *std::max_element(l.inputs.begin(), l.inputs.end(), [&r](const std::string &a, const std::string &b) {
            return r.indexOf(a) < r.indexOf(b);
        });
    }
    return out;
}

std::string quoted(const std::string &name)
{
    return "'" + name + "'";
}

std::string sizeText(const HW &s)
{
    return std::to_string(s[0]) + "×" + std::to_string(s[1]);
}

std::string cropCall(const Pad4 &c, Framework f)
{
    const auto n = [](i64 v) { return std::to_string(v); };
    if (f == Framework::Keras)
        return "Cropping2D(cropping=((" + n(c.top) + ", " + n(c.bottom) + "), (" + n(c.left) + ", " + n(c.right) +
               ")))";
    return "nn.ZeroPad2d((" + n(-c.left) + ", " + n(-c.right) + ", " + n(-c.top) + ", " + n(-c.bottom) + "))";
}

// "A, B and C"
std::string listText(const std::vector<std::string> &items)
{
    std::string head;
    for (size_t i = 0; i + 1 < items.size(); ++i)
        head += (i ? ", " : "") + items[i];
    if (items.size() < 2)
        return items.empty() ? std::string() : items.front();
    return tx(QT_TRANSLATE_NOOP("convlens::core", "%1 and %2"), {head, items.back()});
}

std::string cropAmount(const Pad4 &c)
{
    const auto n = [](i64 v) { return std::to_string(v); };
    if (c.top == c.bottom && c.top == c.left && c.left == c.right)
        return tx(QT_TRANSLATE_NOOP("convlens::core", "%1 px on every side"), {n(c.top)});
    std::string out;
    if (c.top || c.bottom) {
        const std::string rows = c.top == 1 ? tx(QT_TRANSLATE_NOOP("convlens::core", "%1 row"), {n(c.top)})
                                            : tx(QT_TRANSLATE_NOOP("convlens::core", "%1 rows"), {n(c.top)});
        out += c.top == c.bottom
                   ? tx(QT_TRANSLATE_NOOP("convlens::core", "%1 on each side"), {rows})
                   : tx(QT_TRANSLATE_NOOP("convlens::core", "%1 at the top and %2 at the bottom"), {rows, n(c.bottom)});
    }
    if (c.left || c.right) {
        const std::string cols = c.left == 1 ? tx(QT_TRANSLATE_NOOP("convlens::core", "%1 column"), {n(c.left)})
                                             : tx(QT_TRANSLATE_NOOP("convlens::core", "%1 columns"), {n(c.left)});
        out += (out.empty() ? "" : ", ") +
               (c.left == c.right ? tx(QT_TRANSLATE_NOOP("convlens::core", "%1 on each side"), {cols})
                                  : tx(QT_TRANSLATE_NOOP("convlens::core", "%1 on the left and %2 on the right"),
                                       {cols, n(c.right)}));
    }
    return out;
}

std::string windowText(const LayerReport &l)
{
    std::string t = quoted(l.name) + " (" + std::to_string(l.spec.kernel[0]) + "×" + std::to_string(l.spec.kernel[1]);
    if (l.spec.stride[0] > 1 || l.spec.stride[1] > 1)
        t += ", " + tx(QT_TRANSLATE_NOOP("convlens::core", "stride %1"), {std::to_string(l.spec.stride[0])});
    return t + ")";
}

} // namespace

std::optional<MergeFix> mergeFix(const Graph &graph, const ShapeReport &report, int layerIndex)
{
    if (layerIndex < 0 || size_t(layerIndex) >= report.layers.size() || size_t(layerIndex) >= graph.layers.size())
        return std::nullopt;
    const LayerReport &m = report.layers[size_t(layerIndex)];
    const Layer &layer = graph.layers[size_t(layerIndex)];
    const Framework f = report.framework;
    const KindDef *kind = findKind(f, layer.type);
    if (m.status != LayerReport::Status::Refused || !kind || (kind->op != Op::Concat && kind->op != Op::Add) ||
        m.inputs.size() < 2)
        return std::nullopt;

    // Every input must be a resolved rank-3 map agreeing with the others on every axis but the spatial ones (and the
    // concatenation axis).
    const i64 axis = joinAxis(layer, *kind, f);
    const size_t ha = f == Framework::Keras ? 0 : 1, ca = f == Framework::Keras ? 2 : 0;
    std::vector<HW> sizes;
    std::vector<const LayerReport *> ins;
    for (const auto &name : m.inputs) {
        const int i = report.indexOf(name);
        if (i < 0)
            return std::nullopt;
        const LayerReport &in = report.layers[size_t(i)];
        const auto s = spatial(in, f);
        if (!s)
            return std::nullopt;
        if (i64(ca) != axis && !ins.empty() && (*in.output)[ca] != (*ins.front()->output)[ca])
            return std::nullopt;
        sizes.push_back(*s);
        ins.push_back(&in);
    }
    HW target{sizes[0]};
    for (const HW &s : sizes)
        for (size_t k = 0; k < 2; ++k)
            if (i64(ha + k) != axis)
                target[k] = std::min(target[k], s[k]);

    MergeFix fix;
    fix.merge = m.name;
    size_t smallest = 0, largest = 0;
    for (size_t n = 0; n < ins.size(); ++n) {
        Pad4 c;
        for (size_t k = 0; k < 2; ++k) {
            if (i64(ha + k) == axis)
                continue;
            const i64 extra = sizes[n][k] - target[k];
            (k == 0 ? c.top : c.left) = extra / 2;
            (k == 0 ? c.bottom : c.right) = extra - extra / 2;
        }
        if (c.top + c.bottom + c.left + c.right > 0)
            fix.crops.push_back({ins[n]->name, c});
        const auto area = [&](size_t i) { return sizes[i][0] * sizes[i][1]; };
        if (area(n) < area(smallest))
            smallest = n;
        if (area(n) > area(largest))
            largest = n;
    }
    if (fix.crops.empty())
        return std::nullopt; // the spatial sizes agree: something else is wrong

    // Where the branches part, and what shrank them on the way here.
    const std::string big = ins[largest]->name, small = ins[smallest]->name;
    const std::set<std::string> bigAncestors = ancestors(report, big);
    for (const LayerReport *l : chainBack(report, small, {}))
        if (bigAncestors.count(l->name)) {
            fix.splitAt = l->name;
            break;
        }
    for (const std::string &branch : {small, big})
        for (const LayerReport *l : chainBack(report, branch, fix.splitAt)) {
            const HW lost = droppedPixels(report, *l);
            if ((lost[0] || lost[1]) && fix.shrunkBy.size() < 3 &&
                std::find(fix.shrunkBy.begin(), fix.shrunkBy.end(), l->name) == fix.shrunkBy.end())
                fix.shrunkBy.push_back(l->name);
        }
    std::reverse(fix.shrunkBy.begin(), fix.shrunkBy.end()); // in model order

    // The text: the sizes, where they part, what shrank, the exact crop.
    std::vector<std::string> got;
    for (size_t n = 0; n < ins.size(); ++n)
        got.push_back(
            tx(QT_TRANSLATE_NOOP("convlens::core", "%1 from %2"), {sizeText(sizes[n]), quoted(ins[n]->name)}));
    std::string t = tx(QT_TRANSLATE_NOOP("convlens::core", "%1 gets %2."), {quoted(m.name), listText(got)});
    if (!fix.splitAt.empty())
        t += " " + tx(QT_TRANSLATE_NOOP("convlens::core", "The branches part after %1."), {quoted(fix.splitAt)});
    if (!fix.shrunkBy.empty()) {
        std::vector<std::string> names;
        for (const std::string &name : fix.shrunkBy) {
            const LayerReport &l = report.layers[size_t(report.indexOf(name))];
            names.push_back(slidesWindow(l.op) ? windowText(l) : quoted(l.name));
        }
        t += " " + (names.size() == 1
                        ? tx(QT_TRANSLATE_NOOP("convlens::core", "%1 drops a border on the way, shrinking %2 to %3."),
                             {names.front(), quoted(small), sizeText(sizes[smallest])})
                        : tx(QT_TRANSLATE_NOOP("convlens::core", "%1 drop a border on the way, shrinking %2 to %3."),
                             {listText(names), quoted(small), sizeText(sizes[smallest])}));
    }
    for (const MergeCrop &c : fix.crops)
        t += " " + tx(QT_TRANSLATE_NOOP("convlens::core", "Crop %1 by %2: %3 between %1 and %4."),
                      {quoted(c.input), cropAmount(c.crop), cropCall(c.crop, f), quoted(m.name)});
    if (!fix.shrunkBy.empty())
        t +=
            " " +
            (f == Framework::Keras
                 ? tx(QT_TRANSLATE_NOOP("convlens::core",
                                        "Or keep the sizes with padding='same' in the layers that shrink them."))
                 : tx(QT_TRANSLATE_NOOP("convlens::core",
                                        "Or keep the sizes with padding=(k − 1) / 2 in the layers that shrink them.")));
    fix.text = t;
    return fix;
}

void explainMergeRefusals(const Graph &graph, ShapeReport &report)
{
    for (size_t i = 0; i < report.layers.size(); ++i)
        if (report.layers[i].status == LayerReport::Status::Refused &&
            (report.layers[i].op == Op::Concat || report.layers[i].op == Op::Add))
            if (const auto fix = mergeFix(graph, report, int(i)))
                report.layers[i].fix = fix->text;
}

std::vector<std::string> applyMergeFix(Graph &g, const MergeFix &fix, std::string *error)
{
    const auto fail = [error](const std::string &why) {
        if (error)
            *error = why;
        return std::vector<std::string>{};
    };
    Graph out = g;
    const bool torchNames = edit::hasTorchIndexNames(out);
    std::vector<std::string> created;
    for (const MergeCrop &c : fix.crops) {
        const int mi = out.indexOf(fix.merge);
        if (mi < 0)
            return fail("there is no layer '" + fix.merge + "' any more");
        Layer &merge = out.layers[size_t(mi)];
        const auto slot = std::find(merge.inputs.begin(), merge.inputs.end(), c.input);
        if (slot == merge.inputs.end())
            return fail("'" + fix.merge + "' no longer reads '" + c.input + "'");
        Layer crop;
        crop.inputs = {c.input};
        if (out.framework == Framework::Keras) {
            crop.type = "Cropping2D";
            crop.params["cropping"] = ParamValue(ParamList{ParamValue::ints({c.crop.top, c.crop.bottom}),
                                                           ParamValue::ints({c.crop.left, c.crop.right})});
            crop.name = edit::uniqueName(out, "cropping2d");
        } else {
            crop.type = "ZeroPad2d";
            crop.params["padding"] = ParamValue::ints({-c.crop.left, -c.crop.right, -c.crop.top, -c.crop.bottom});
            crop.name = edit::uniqueName(out, "crop");
        }
        *slot = crop.name;
        created.push_back(crop.name);
        out.layers.insert(out.layers.begin() + mi, std::move(crop));
    }
    if (!edit::isWellOrdered(out, error))
        return {};
    if (torchNames) {
        // Index names follow the Sequential order: the new layers get theirs, and so does everything after them.
        std::vector<int> rows;
        for (const auto &n : created)
            rows.push_back(out.indexOf(n));
        edit::renumberTorchLayers(out);
        created.clear();
        for (int r : rows)
            created.push_back(out.layers[size_t(r)].name);
    }
    g = std::move(out);
    return created;
}

} // namespace convlens
