// cmd_trace.cpp — `convlens-cli trace MODEL [COMMON] --layer NAME|INDEX [--channel C] [--input-channel C]
// [--input IMAGE|ARRAY.npy] [--weights DIR] [--json]`: the window trace of one layer on one channel (core/trace), the
// same object the step player draws, as one line of arithmetic per step or as the DESIGN.md `trace --json` object.
//
// - INDEX is the position in the summary's layer order (implicit inputs not counted); a layer whose name is the
//   same text wins over an index.
// - Without --input the first bundled sample digit (resources/digits/*.png) is used, or, when it does not fit, a
//   seeded random input in [0, 1); a note on stderr says which. Weights as `run` and the app choose them
//   (core/setup): --weights DIR, else the trained `<model>.weights/` folder beside MODEL, else seeded initial values.
// - Exit status as `summary`: 0 the model resolves; 1 a layer is refused (the trace is still printed when the traced
//   layer resolves; when the traced layer itself has no shape, only a message on stderr); 2 bad input: unreadable
//   model, input or weights, an unknown layer, a channel out of range, or a layer the player does not apply to
//   (Dense, Flatten, … have no sliding window) — a message on stderr, nothing on stdout.
//
// Exports (the step player's drawing at a chosen size, app/render): `--gif OUT.gif [--size WxH] [--fps F]` one frame
// per step; `--png OUT.png --step N` and `--svg OUT.svg --step N` one step (N from 1, as the player counts); `--sheet
// OUT.png` every step on one contact sheet. They replace the text/JSON output with one line saying what was written;
// a bad size, fps or step, or a file that cannot be written, exits 2.
//
// JSON: the contract keys first, in the documented order; the extensions after them, a consumer of the contract can
// ignore them (their list: kTraceJsonExtensionKeys and the step and cell lists in trace/trace.h; the README says
// what each holds).
#include "cli.h"
#include "json_writer.h"

#include "compute/runner.h"
#include "step_export.h"
#include "trace/trace.h"

#include <QDir>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <iostream>

namespace convlens::cli {

namespace {

using i64 = std::int64_t;

std::string pair(const Cell &c)
{
    return jsonInts({c[0], c[1]});
}

bool isConvKind(Op op)
{
    return op == Op::Conv || op == Op::DepthwiseConv || op == Op::SeparableConv || op == Op::ConvTranspose;
}

// Steps are computed and written one at a time (issue 13: a 4096×4096 trace held every step and grew past 15 GB);
// memory stays at one step plus a 1 MiB output buffer.
void writeJson(std::ostream &os, const LayerTracer &tracer)
{
    const WindowTrace &t = tracer.header();
    const i64 stepCount = tracer.stepCount();
    std::string out;
    out.reserve(size_t(2) << 20);
    const Pad4 &p = t.padding;
    out += "{\"layer\": " + jsonString(t.layer) + ", \"type\": " + jsonString(t.type) +
           ", \"channel\": " + std::to_string(t.channel) +
           ", \"padding\": " + jsonInts({p.top, p.bottom, p.left, p.right}) + ", \"input_hw\": " + pair(t.inputHw) +
           ", \"output_hw\": " + pair(t.outputHw) + ", \"steps\": [";
    const bool conv = isConvKind(t.op);
    for (i64 i = 0; i < stepCount; ++i) {
        const TraceStep s = tracer.step(i);
        out += i ? ",\n  " : "\n  ";
        out += "{\"out\": " + pair(s.out) + ", \"result\": " + jsonNumber(s.result) + ", \"cells\": [";
        for (size_t j = 0; j < s.cells.size(); ++j) {
            const TraceCell &c = s.cells[j];
            out += j ? ", " : "";
            out += "{\"pos\": " + pair(c.pos) + ", \"in\": " + (c.in ? pair(*c.in) : std::string("null")) +
                   ", \"value\": " + (c.value ? jsonNumber(*c.value) : std::string("null")) + ", \"pad\": " +
                   (!c.pad ? std::string("null") : jsonString(std::string(padKindName(*c.pad)))) +
                   ", \"tap\": " + pair(c.tap);
            if (conv && c.weight)
                out += ", \"w\": " + jsonNumber(*c.weight);
            out += "}";
        }
        out += "], \"window\": " + pair(s.windowOrigin) + ", \"arithmetic\": " + jsonString(s.arithmetic);
        if (conv) {
            out += ", \"partials\": [";
            for (size_t j = 0; j < s.partials.size(); ++j)
                out += (j ? ", " : "") + std::string("{\"channel\": ") + std::to_string(s.partials[j].channel) +
                       ", \"value\": " + jsonNumber(s.partials[j].value) + "}";
            out += "]";
        }
        if (t.op == Op::AvgPool)
            out += ", \"divisor\": " + std::to_string(s.divisor);
        out += "}";
        if (out.size() > (1u << 20)) {
            os << out;
            out.clear();
        }
    }
    out += stepCount == 0 ? "]" : "\n]";
    out += ", \"input_channel\": " + std::to_string(t.inputChannel) +
           ", \"input_channels\": " + jsonInts(t.inputChannels) + ", \"kernel\": " + pair(t.kernel) +
           ", \"stride\": " + pair(t.stride) + ", \"dilation\": " + pair(t.dilation) +
           ", \"effective_kernel\": " + pair(t.effectiveKernel) + ", \"padded_hw\": " + pair(t.paddedHw) +
           ", \"overhang\": " + pair(t.overhang);
    if (t.op == Op::MaxPool || t.op == Op::AvgPool)
        out += ", \"pad_kind\": " + jsonString(std::string(padKindName(t.padKind))) +
               ", \"ceil_mode\": " + (t.ceilMode ? "true" : "false") +
               ", \"divisor_override\": " + (t.divisorOverride > 0 ? std::to_string(t.divisorOverride) : "null");
    if (conv)
        out += ", \"bias\": " + (t.bias ? jsonNumber(*t.bias) : std::string("null")) +
               ", \"activation\": " + jsonString(std::string(traits(t.activation).keras));
    out += ", \"formula\": " + jsonString(t.formula) + ", \"note\": " + jsonString(t.note);
    if (t.op == Op::ConvTranspose) {
        out += ", \"output\": [";
        for (i64 y = 0; y < t.outputHw[0]; ++y) {
            out += y ? ", [" : "[";
            for (i64 x = 0; x < t.outputHw[1]; ++x)
                out += (x ? ", " : "") + jsonNumber(t.output[size_t(y * t.outputHw[1] + x)]);
            out += "]";
        }
        out += "]";
    }
    out += "}\n";
    os << out;
}

void writeText(std::ostream &os, const LayerTracer &tracer)
{
    const WindowTrace &t = tracer.header();
    const i64 stepCount = tracer.stepCount();
    const Pad4 &p = t.padding;
    const bool transposed = t.op == Op::ConvTranspose;
    os << "trace of '" << t.layer << "' (" << t.type << "), channel " << t.channel << ": input " << t.inputHw[0] << "×"
       << t.inputHw[1] << ", " << (transposed ? "cropped" : "padding") << " top " << p.top << ", bottom " << p.bottom
       << ", left " << p.left << ", right " << p.right;
    if (t.overhang[0] + t.overhang[1] > 0)
        os << " (+ ceil_mode overhang bottom " << t.overhang[0] << ", right " << t.overhang[1] << ")";
    os << " → output " << t.outputHw[0] << "×" << t.outputHw[1] << ", " << stepCount
       << (transposed ? " steps (one per input cell)" : " steps") << "\n";
    if (!t.formula.empty())
        os << t.formula << "\n";
    if (!t.note.empty())
        os << "note: " << t.note << "\n";
    std::string out;
    for (i64 i = 0; i < stepCount; ++i) {
        const TraceStep s = tracer.step(i);
        out += (transposed ? "in (" : "out (") + std::to_string(s.out[0]) + ", " + std::to_string(s.out[1]) +
               "): " + s.arithmetic + "\n";
        if (out.size() > (1u << 20)) {
            os << out;
            out.clear();
        }
    }
    os << out;
    if (transposed && t.bias)
        os << "every output cell then gets the bias " << traceNumber(*t.bias)
           << (t.activation != Act::Linear ? " and " + std::string(traits(t.activation).keras) : std::string())
           << "\n";
}

bool parseCount(const std::string &text, i64 &out)
{
    if (text.empty() || text.size() > 12 ||
        !std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); }))
        return false;
    out = std::stoll(text);
    return true;
}

} // namespace

int cmdTrace(int argc, char **argv)
{
    const auto args =
        parseArgs(argc, argv,
                  {"--layer", "--channel", "--input-channel", "--input", "--weights", "--gif", "--png", "--svg",
                   "--sheet", "--size", "--fps", "--step"},
                  {"--json"});
    if (!args)
        return ExitUnreadable;
    if (!args->has("--layer")) {
        std::cerr << "convlens-cli trace: missing --layer NAME|INDEX (the layer to trace, e.g. --layer max_pooling2d_2 "
                     "or its position in the summary)\n";
        return ExitUnreadable;
    }
    i64 channel = 0, inputChannel = -1;
    if (args->has("--channel") && !parseCount(args->get("--channel"), channel)) {
        std::cerr << "convlens-cli trace: --channel must be a non-negative integer, got '" << args->get("--channel")
                  << "'\n";
        return ExitUnreadable;
    }
    if (args->has("--input-channel") && !parseCount(args->get("--input-channel"), inputChannel)) {
        std::cerr << "convlens-cli trace: --input-channel must be a non-negative integer, got '"
                  << args->get("--input-channel") << "'\n";
        return ExitUnreadable;
    }
    // Export options are checked before any work.
    ExportOptions exportOptions;
    const bool exporting = args->has("--gif") || args->has("--png") || args->has("--svg") || args->has("--sheet");
    i64 exportStep = 0;
    if (args->has("--size")) {
        exportOptions.size = StepExporter::parseSize(QString::fromStdString(args->get("--size")));
        if (!exportOptions.size.isValid()) {
            std::cerr << "convlens-cli trace: --size must be WIDTHxHEIGHT, each 64…8192 (e.g. 1280x720), got '"
                      << args->get("--size") << "'\n";
            return ExitUnreadable;
        }
    }
    if (args->has("--fps")) {
        bool ok = false;
        exportOptions.fps = QString::fromStdString(args->get("--fps")).toDouble(&ok);
        if (!ok || !(exportOptions.fps >= 0.1 && exportOptions.fps <= 50)) {
            std::cerr << "convlens-cli trace: --fps must be a number from 0.1 to 50, got '" << args->get("--fps")
                      << "'\n";
            return ExitUnreadable;
        }
    }
    if ((args->has("--png") || args->has("--svg")) != args->has("--step")) {
        std::cerr << "convlens-cli trace: --png and --svg take the step to draw: --step N (from 1)\n";
        return ExitUnreadable;
    }
    if (args->has("--step") && (!parseCount(args->get("--step"), exportStep) || exportStep < 1)) {
        std::cerr << "convlens-cli trace: --step must be a step number from 1, got '" << args->get("--step") << "'\n";
        return ExitUnreadable;
    }
    if (!exporting && (args->has("--size") || args->has("--fps") || args->has("--step"))) {
        std::cerr << "convlens-cli trace: --size, --fps and --step go with --gif, --png, --svg or --sheet\n";
        return ExitUnreadable;
    }

    auto graph = loadModel(*args);
    if (!graph)
        return ExitUnreadable;
    const ShapeReport report = infer(*graph);

    // --layer: a name, else a position in the summary's order (implicit inputs are not listed there).
    const std::string want = args->get("--layer");
    int index = report.indexOf(want);
    std::vector<int> listed;
    for (size_t i = 0; i < report.layers.size(); ++i)
        if (!report.layers[i].implicitInput)
            listed.push_back(int(i));
    if (index < 0) {
        i64 n = 0;
        if (parseCount(want, n) && n < i64(listed.size()))
            index = listed[size_t(n)];
    }
    if (index < 0) {
        std::string names;
        for (size_t i = 0; i < listed.size(); ++i)
            names += (i ? ", " : "") + std::to_string(i) + " " + report.layers[size_t(listed[i])].name;
        std::cerr << args->model << ": no layer '" << want << "'; the layers are: " << names << "\n";
        return ExitUnreadable;
    }
    const LayerReport &layer = report.layers[size_t(index)];
    std::string why;
    if (!traceable(layer, &why)) {
        std::cerr << args->model << ": " << why << "\n";
        return layer.ok() ? ExitUnreadable : ExitRefused;
    }
    const i64 channels = traceChannelCount(layer);
    if (channel >= channels) {
        std::cerr << args->model << ": channel " << channel << " is out of range: '" << layer.name << "' has "
                  << channels << " channels (0 to "
                  << channels - 1 << ")\n";
        return ExitUnreadable;
    }

    // Only the layers up to the traced one need computing (report order puts producers first).
    ShapeReport upTo = report;
    upTo.layers.resize(size_t(index) + 1);
    int inputs = 0;
    for (const auto &l : upTo.layers)
        inputs += l.op == Op::Input && l.output;
    if (args->has("--input") && inputs != 1) {
        std::cerr << args->model << ": trace takes one --input, but the layer depends on " << inputs
                  << " model inputs\n";
        return ExitUnreadable;
    }
    // Without --input: the first sample digit when it fits (one spatial input), else a seeded random input.
    const InputChoice choice = args->has("--input")
                                   ? InputChoice{InputChoice::Kind::File, args->get("--input"), {}, {}}
                                   : InputChoice{};
    // The budget is checked before the input is decoded or allocated (issue 13: Input((100000, 100000, 3)) died of
    // bad_alloc here), and a refusal exits as `run`'s does.
    if (const std::string overBudget = memoryRefusal(upTo, kDefaultMemoryBudget); !overBudget.empty()) {
        std::cerr << args->model << ": " << overBudget << "\n";
        return ExitRefused;
    }
    auto setup = setUpRun(*args, upTo, choice);
    if (!setup)
        return ExitUnreadable;
    Runner runner(0);
    runner.setReport(upTo);
    runner.setWeights(std::move(setup->weights));
    for (auto &[name, tensor] : setup->inputs)
        runner.setInput(name, std::move(tensor));
    const RunStatus st = runner.run();
    if (!st.ok) {
        std::cerr << args->model << ": " << st.error << "\n";
        return ExitRefused; // as `run`
    }
    const int producer = upTo.indexOf(layer.inputs.empty() ? std::string() : layer.inputs.front());
    const Tensor *input = runner.activation(producer);
    if (!input) {
        std::cerr << args->model << ": the input of '" << layer.name << "' was not computed\n";
        return ExitRefused;
    }
    std::string error;
    if (exporting) {
        auto tracer = LayerTracer::create(layer, *input, runner.layerWeights(layer.name), channel,
                                          TraceOptions{inputChannel}, &error);
        if (!tracer) {
            std::cerr << args->model << ": " << error << "\n";
            return ExitUnreadable;
        }
        StepExporter exporter(std::move(*tracer), exportOptions);
        const i64 steps = exporter.stepCount();
        if (args->has("--step") && exportStep > steps) {
            std::cerr << args->model << ": '" << layer.name << "' has " << steps << " steps on channel " << channel
                      << ", not " << exportStep << "\n";
            return ExitUnreadable;
        }
        const QSize size = exportOptions.size;
        const auto done = [&](const char *opt, bool ok, const QString &failure, const std::string &what) {
            if (!ok) {
                std::cerr << "convlens-cli trace: " << failure.toStdString() << "\n";
                return false;
            }
            std::cout << args->get(opt) << ": " << what << "\n";
            return true;
        };
        const std::string frame = std::to_string(size.width()) + "×" + std::to_string(size.height());
        QString failure;
        if (args->has("--gif") &&
            !done("--gif", exporter.writeGif(QString::fromStdString(args->get("--gif")), &failure), failure,
                  std::to_string(steps) + " frames, " + frame + ", " + QString::number(exportOptions.fps).toStdString() +
                      " fps"))
            return ExitUnreadable;
        const std::string stepText = "step " + std::to_string(exportStep) + " of " + std::to_string(steps) + ", " + frame;
        if (args->has("--png") &&
            !done("--png", exporter.writePng(QString::fromStdString(args->get("--png")), exportStep - 1, &failure), failure,
                  stepText))
            return ExitUnreadable;
        if (args->has("--svg") &&
            !done("--svg", exporter.writeSvg(QString::fromStdString(args->get("--svg")), exportStep - 1, &failure), failure,
                  stepText))
            return ExitUnreadable;
        if (args->has("--sheet") &&
            !done("--sheet", exporter.writeContactSheet(QString::fromStdString(args->get("--sheet")), &failure), failure,
                  "contact sheet of " + std::to_string(steps) + " steps"))
            return ExitUnreadable;
    } else {
        const auto tracer = LayerTracer::create(layer, *input, runner.layerWeights(layer.name), channel,
                                                TraceOptions{inputChannel}, &error);
        if (!tracer) {
            std::cerr << args->model << ": " << error << "\n";
            return ExitUnreadable;
        }
        if (args->has("--json"))
            writeJson(std::cout, *tracer);
        else
            writeText(std::cout, *tracer);
    }
    if (!report.ok && report.firstRefused >= 0) {
        const LayerReport &bad = report.layers[size_t(report.firstRefused)];
        std::cerr << args->model << ": note: layer '" << bad.name << "' (" << bad.type << ") is refused: " << bad.error
                  << "\n";
        return ExitRefused;
    }
    return ExitOk;
}

} // namespace convlens::cli
