// infer.cpp — the shape-inference driver: walks the graph in order, resolves each layer with its family's rules
// (shape/rules/, in each framework's own semantics, DESIGN.md "Semantics"), records a refusal on the layer that raised
// it and blocks everything downstream. Totals at the end.
#include "shape/infer.h"

#include "model/text.h"
#include "shape/rules/rules.h"

#include <limits>
#include <set>
#include <unordered_map>

namespace convlens {

namespace {

using namespace rules;

void checkDataFormat(const LayerCtx &cx)
{
    if (cx.keras()) {
        const ParamValue df = cx.p("data_format");
        if (df.isString() && df.asString() != "channels_last")
            refuse("data_format='" + df.asString() + "' is not supported by ConvLens",
                   tx(QT_TRANSLATE_NOOP("convlens::core", "use channels_last")));
    }
}

// The one dispatch over Op: each case is a family's rule (shape/rules/<family>.cpp).
void resolveLayer(const LayerCtx &cx, const std::vector<Shape> &ins, const std::vector<ReceptiveField> &rfs)
{
    checkDataFormat(cx);
    cx.r.spec.op = cx.kind.op;
    const ReceptiveField noRf;
    const ReceptiveField &rf = rfs.empty() ? noRf : rfs[0];
    switch (cx.kind.op) {
    case Op::Input:
        inferInput(cx);
        return;
    case Op::Conv:
        inferConv(cx, ins[0], rf);
        break;
    case Op::DepthwiseConv:
        inferDepthwise(cx, ins[0], rf, false);
        break;
    case Op::SeparableConv:
        inferDepthwise(cx, ins[0], rf, true);
        break;
    case Op::ConvTranspose:
        inferConvTranspose(cx, ins[0], rf);
        break;
    case Op::MaxPool:
        inferPool(cx, ins[0], rf, true);
        break;
    case Op::AvgPool:
        inferPool(cx, ins[0], rf, false);
        break;
    case Op::GlobalMaxPool:
    case Op::GlobalAvgPool:
        inferGlobalPool(cx, ins[0]);
        break;
    case Op::AdaptiveAvgPool:
    case Op::AdaptiveMaxPool:
        inferAdaptivePool(cx, ins[0]);
        break;
    case Op::Upsample:
        inferUpsample(cx, ins[0], rf);
        break;
    case Op::Pad:
        inferPad(cx, ins[0], rf);
        break;
    case Op::Crop:
        inferCrop(cx, ins[0], rf);
        break;
    case Op::BatchNorm:
        inferBatchNorm(cx, ins[0]);
        cx.r.rf = rf;
        break;
    case Op::Dropout:
        inferDropout(cx, ins[0]);
        cx.r.rf = rf;
        break;
    case Op::Activation:
        inferActivation(cx, ins[0]);
        cx.r.rf = rf;
        break;
    case Op::Flatten:
        inferFlatten(cx, ins[0]);
        break;
    case Op::Dense:
        inferDense(cx, ins[0]);
        break;
    case Op::Reshape:
        inferReshape(cx, ins[0]);
        break;
    case Op::Concat:
        inferConcat(cx, ins);
        mergeRf(cx, rfs);
        break;
    case Op::Add:
        inferAdd(cx, ins);
        mergeRf(cx, rfs);
        break;
    case Op::Arith:
        inferArith(cx, ins);
        mergeRf(cx, rfs);
        break;
    case Op::Reduce:
        inferReduce(cx, ins[0]);
        break;
    case Op::Permute:
        inferPermute(cx, ins[0]);
        break;
    case Op::Slice:
        inferSlice(cx, ins[0]);
        break;
    case Op::PixelShuffle:
        inferPixelShuffle(cx, ins[0]);
        break;
    case Op::GroupNorm:
        inferGroupNorm(cx, ins[0]);
        cx.r.rf = rf;
        break;
    case Op::LayerNorm:
        inferLayerNorm(cx, ins[0]);
        cx.r.rf = rf;
        break;
    case Op::LocalResponseNorm:
        inferLocalResponseNorm(cx, ins[0]);
        cx.r.rf = rf;
        break;
    case Op::PReLU:
        inferPReLU(cx, ins[0]);
        cx.r.rf = rf;
        break;
    case Op::ChannelShuffle:
        inferChannelShuffle(cx, ins[0]);
        cx.r.rf = rf;
        break;
    }
    if (cx.r.output && cx.r.output->size() != 3)
        cx.r.rf.valid = false;
}

// Totals of per-layer numbers that are each ≤ 2^62: a sum stops at INT64_MAX instead of wrapping.
i64 saturatingAdd(i64 a, i64 b)
{
    i64 r = 0;
    return __builtin_add_overflow(a, b, &r) ? std::numeric_limits<i64>::max() : r;
}

} // namespace

int ShapeReport::indexOf(const std::string &name) const
{
    if (const auto it = byName.find(name);
        it != byName.end() && size_t(it->second) < layers.size() && layers[size_t(it->second)].name == name)
        return it->second;
    for (size_t i = 0; i < layers.size(); ++i)
        if (layers[i].name == name)
            return int(i);
    return -1;
}

ShapeReport infer(const Graph &graph)
{
    ShapeReport rep;
    rep.framework = graph.framework;
    rep.layers.resize(graph.layers.size());
    std::unordered_map<std::string, size_t> index;
    index.reserve(graph.layers.size());
    rep.byName.reserve(graph.layers.size());
    for (size_t i = 0; i < graph.layers.size(); ++i) {
        index[graph.layers[i].name] = i;
        rep.byName.emplace(graph.layers[i].name, int(i));
    }

    for (size_t i = 0; i < graph.layers.size(); ++i) {
        const Layer &l = graph.layers[i];
        LayerReport &r = rep.layers[i];
        r.name = l.name;
        r.type = l.type;
        r.inputs = l.inputs;
        r.implicitInput = l.implicitInput;
        r.line = l.line;
        r.modulePath = l.modulePath;
        const KindDef *kind = findKind(graph.framework, l.type);
        if (!kind) {
            r.status = LayerReport::Status::Refused;
            r.error = tx(QT_TRANSLATE_NOOP("convlens::core", "unknown layer type '%1'"), {l.type});
            r.fix = tx(QT_TRANSLATE_NOOP("convlens::core", "use one of the %1 layers"),
                       {std::string(frameworkName(graph.framework))});
            continue;
        }
        r.op = kind->op;
        // A file reader's row for a node it could not map (an ONNX op with no layer): refused with the reader's
        // message, kept in the graph so the rows above it still show their shapes (formats/onnx_model.cpp).
        if (const auto refused = l.params.find("refused_by_reader");
            refused != l.params.end() && refused->second.isString()) {
            r.status = LayerReport::Status::Refused;
            r.error = refused->second.asString();
            r.fix = tx(QT_TRANSLATE_NOOP("convlens::core",
                                         "remove or replace this node in the model, or export the model without it"));
            continue;
        }
        // The rules read parameters as the catalogue types them; a graph that skipped validateAndOrder (an edit in
        // progress) must not reach them with a missing or mistyped one.
        if (auto problem = checkLayerParams(*kind, l.params)) {
            r.status = LayerReport::Status::Refused;
            r.error = tx(QT_TRANSLATE_NOOP("convlens::core", "'%1' (%2): %3"), {l.name, l.type, problem->message});
            r.fix = tx(QT_TRANSLATE_NOOP("convlens::core", "give %1 a value"), {problem->param});
            continue;
        }
        std::vector<Shape> inShapes;
        std::vector<ReceptiveField> rfs;
        bool blocked = false;
        for (const auto &in : l.inputs) {
            auto it = index.find(in);
            if (it == index.end() || it->second >= i || !rep.layers[it->second].ok()) {
                blocked = true;
                break;
            }
            inShapes.push_back(*rep.layers[it->second].output);
            rfs.push_back(rep.layers[it->second].rf);
        }
        if (blocked) {
            r.status = LayerReport::Status::Blocked;
            continue;
        }
        r.inputShapes = inShapes;
        if (kind->op != Op::Input && (int(inShapes.size()) < kind->minInputs ||
                                      (kind->maxInputs >= 0 && int(inShapes.size()) > kind->maxInputs))) {
            r.status = LayerReport::Status::Refused;
            r.error = "layer " + l.name + " (" + l.type + ") has " + std::to_string(inShapes.size()) + " inputs";
            continue;
        }
        try {
            resolveLayer(LayerCtx{graph.framework, l, *kind, r}, inShapes, rfs);
            // One guard for every rule: an output size beyond kMaxDim (a saturated, overflowing formula included)
            // is a refusal here, so no later layer, memory estimate or allocation sees it.
            for (const i64 d : *r.output)
                if (d > kMaxDim)
                    refuse("the output of '" + l.name + "' (" + l.type + ") " +
                               shapeToString(*r.output, graph.framework) + " is too large (a size over 2^31)",
                           tx(QT_TRANSLATE_NOOP("convlens::core", "use a smaller input, stride, scale or kernel")));
            r.status = LayerReport::Status::Ok;
            r.outputElements = product(*r.output);
            r.activationBytes = mul(r.outputElements, 4);
        } catch (const Refusal &ref) {
            const std::string keep = r.name;
            r.status = LayerReport::Status::Refused;
            r.output.reset();
            r.padding.reset();
            r.params = r.trainableParams = r.nonTrainableParams = r.macs = 0;
            r.formula.clear();
            r.error = ref.error;
            r.fix = ref.fix;
        }
    }

    rep.ok = true;
    std::set<std::string> counted; // a PyTorch module called twice has one set of parameters
    for (size_t i = 0; i < rep.layers.size(); ++i) {
        const LayerReport &r = rep.layers[i];
        if (r.status == LayerReport::Status::Refused && rep.firstRefused < 0)
            rep.firstRefused = int(i);
        if (!r.ok()) {
            rep.ok = false;
            continue;
        }
        rep.totalMacs = saturatingAdd(rep.totalMacs, r.macs);
        rep.totalActivationBytes = saturatingAdd(rep.totalActivationBytes, r.activationBytes);
        if (!r.modulePath.empty() && !counted.insert(r.modulePath).second)
            continue;
        rep.totalParams = saturatingAdd(rep.totalParams, r.params);
        rep.trainableParams = saturatingAdd(rep.trainableParams, r.trainableParams);
        rep.nonTrainableParams = saturatingAdd(rep.nonTrainableParams, r.nonTrainableParams);
    }
    rep.outputs = graph.outputs;
    if (rep.outputs.empty() && !graph.layers.empty())
        rep.outputs.push_back(graph.layers.back().name);
    return rep;
}

ShapeReport inferGraph(Graph &graph)
{
    assignDefaultNames(graph);
    const auto errors = validateAndOrder(graph);
    if (errors.empty())
        return infer(graph);
    // Structural errors: report every layer as given, the offending ones refused, the rest blocked.
    ShapeReport rep;
    rep.framework = graph.framework;
    for (const Layer &l : graph.layers) {
        LayerReport r;
        r.name = l.name;
        r.type = l.type;
        r.inputs = l.inputs;
        r.line = l.line;
        r.implicitInput = l.implicitInput;
        r.modulePath = l.modulePath;
        for (const auto &e : errors)
            if (e.layer == l.name) {
                r.status = LayerReport::Status::Refused;
                r.error += (r.error.empty() ? "" : "; ") + e.message;
            }
        rep.layers.push_back(std::move(r));
    }
    for (size_t i = 0; i < rep.layers.size(); ++i)
        if (rep.layers[i].status == LayerReport::Status::Refused) {
            rep.firstRefused = int(i);
            break;
        }
    if (rep.firstRefused < 0 && !rep.layers.empty()) { // a cycle: name it on the first layer
        rep.firstRefused = 0;
        rep.layers[0].status = LayerReport::Status::Refused;
        rep.layers[0].error = errors[0].message;
    }
    return rep;
}

} // namespace convlens
