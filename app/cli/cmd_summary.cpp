// cmd_summary.cpp — `convlens-cli summary`: a Keras model.summary()-style or torchinfo-style table with the shape
// arithmetic of every layer, or the JSON object of the DESIGN.md contract.
#include "cli.h"
#include "json_writer.h"
#include "shape/merge_fix.h"
#include "shape/summary.h"

#include <algorithm>
#include <iomanip>
#include <iostream>
#include <set>
#include <sstream>
#include <utility>

namespace convlens::cli {

namespace {

std::string withCommas(std::int64_t v)
{
    std::string s = std::to_string(v < 0 ? -v : v);
    for (int i = int(s.size()) - 3; i > 0; i -= 3)
        s.insert(size_t(i), ",");
    return (v < 0 ? "-" : "") + s;
}

// Display width of UTF-8 text (formulas use ⌈ ⌉ − ·): count code points.
size_t displayWidth(const std::string &s)
{
    size_t n = 0;
    for (unsigned char c : s)
        n += (c & 0xC0) != 0x80;
    return n;
}

std::string pad(const std::string &s, size_t width)
{
    const size_t w = displayWidth(s);
    return w >= width ? s + " " : s + std::string(width - w, ' ');
}

void printDiagnostics(std::ostream &os, const ShapeReport &rep)
{
    if (rep.firstRefused < 0)
        return;
    const LayerReport &r = rep.layers[size_t(rep.firstRefused)];
    os << "\nRefused: " << r.name << " (" << r.type << ")" << (r.line > 0 ? " at line " + std::to_string(r.line) : "")
       << "\n  " << r.error << "\n";
    if (!r.fix.empty())
        os << "  Fix: " << r.fix << "\n";
    os << "Layers after it have no shape until it is fixed.\n";
}

void printArithmetic(std::ostream &os, const ShapeReport &rep)
{
    size_t nameWidth = 16;
    for (const auto &l : rep.layers)
        nameWidth = std::max(nameWidth, displayWidth(l.name) + 2);
    bool header = false;
    for (const auto &l : rep.layers) {
        if (l.implicitInput || !l.ok() || l.op == Op::Input)
            continue;
        if (!std::exchange(header, true))
            os << "\nShape arithmetic:\n";
        os << "  " << pad(l.name, nameWidth) << l.formula << "\n";
    }
}

void printKeras(std::ostream &os, const Graph &graph, const ShapeReport &rep)
{
    // one row per layer, nested model (its layers folded in) or shared layer, as model.summary() prints
    const std::vector<SummaryRow> rows = summaryRows(graph, rep);
    bool dag = false;
    for (const auto &s : rows)
        dag = dag || s.inputs.size() > 1;
    size_t w1 = 29;
    for (const auto &s : rows)
        w1 = std::max(w1, displayWidth(s.name) + displayWidth(s.report().type) + 5);
    const size_t w2 = 26, w3 = 11, w4 = dag ? 30 : 0;
    const std::string rule(w1 + w2 + w3 + w4, '_'), dbl(w1 + w2 + w3 + w4, '=');
    // tf.keras names a Sequential "sequential"; a Sequential is what leaves its input implicit.
    const bool sequential = std::any_of(rep.layers.begin(), rep.layers.end(),
                                        [](const LayerReport &l) { return l.implicitInput; });
    os << "Model: \"" << (sequential ? "sequential" : "model") << "\"\n" << rule << "\n";
    os << pad(" Layer (type)", w1) << pad("Output Shape", w2) << pad("Param #", w3) << (dag ? "Connected to" : "")
       << "\n" << dbl << "\n";
    bool first = true;
    for (const auto &s : rows) {
        const LayerReport &l = s.report();
        if (l.implicitInput)
            continue;
        if (!first)
            os << "\n";
        first = false;
        std::string shape = l.ok() ? shapeToString(*l.output, rep.framework)
                                   : (l.status == LayerReport::Status::Refused ? "refused" : "—");
        if (l.op == Op::Input && l.type == "InputLayer" && l.ok())
            shape = "[" + shape + "]";
        const std::string params = l.ok() ? withCommas(l.params) : "—";
        os << pad(" " + s.name + " (" + l.type + ")", w1) << pad(shape, w2) << pad(params, w3);
        if (dag) {
            const auto &ins = s.inputs;
            for (size_t i = 0; i < ins.size(); ++i)
                os << (i ? "\n" + std::string(w1 + w2 + w3, ' ') : "") << "['" << ins[i] << "[0][0]']";
        }
        os << "\n";
    }
    os << dbl << "\n";
    os << "Total params: " << withCommas(rep.totalParams) << "\n";
    os << "Trainable params: " << withCommas(rep.trainableParams) << "\n";
    os << "Non-trainable params: " << withCommas(rep.nonTrainableParams) << "\n" << rule << "\n";
    printArithmetic(os, rep);
    printDiagnostics(os, rep);
}

void printTorch(std::ostream &os, const ShapeReport &rep)
{
    const size_t w1 = 41, w2 = 26, w3 = 15;
    const std::string dbl(w1 + w2 + w3, '=');
    os << dbl << "\n" << pad("Layer (type:depth-idx)", w1) << pad("Output Shape", w2) << "Param #\n" << dbl << "\n";
    const LayerReport *last = nullptr;
    for (const auto &l : rep.layers)
        if (!l.implicitInput)
            last = &l;
    os << pad("Sequential", w1)
       << pad(rep.ok && last ? shapeToString(*last->output, rep.framework) : "—", w2) << "--\n";
    int idx = 0;
    for (const auto &l : rep.layers) {
        if (l.implicitInput)
            continue;
        ++idx;
        const std::string shape = l.ok() ? shapeToString(*l.output, rep.framework)
                                         : (l.status == LayerReport::Status::Refused ? "refused" : "—");
        const std::string params = !l.ok() ? "—" : l.params == 0 ? "--" : withCommas(l.params);
        os << pad("├─" + l.type + ": 1-" + std::to_string(idx), w1) << pad(shape, w2) << params << "\n";
    }
    os << dbl << "\n";
    os << "Total params: " << withCommas(rep.totalParams) << "\n";
    os << "Trainable params: " << withCommas(rep.trainableParams) << "\n";
    os << "Non-trainable params: " << withCommas(rep.nonTrainableParams) << "\n";
    std::ostringstream madds;
    madds << std::fixed << std::setprecision(2) << double(rep.totalMacs) / 1e6;
    os << "Total mult-adds (M): " << madds.str() << "\n" << dbl << "\n";
    printArithmetic(os, rep);
    printDiagnostics(os, rep);
}

void printJsonRows(std::ostream &os, const std::vector<SummaryRow> &rows, const std::string &indent)
{
    bool first = true;
    for (const auto &s : rows) {
        const LayerReport &l = s.report();
        if (l.implicitInput)
            continue;
        os << (first ? "\n" : ",\n") << indent;
        first = false;
        os << "{\"name\": " << jsonString(s.name) << ", \"type\": " << jsonString(l.type)
           << ", \"inputs\": " << jsonStrings(s.inputs)
           << ", \"output_shape\": " << (l.ok() ? jsonInts(*l.output) : "null") << ", \"params\": " << l.params
           << ", \"padding\": "
           << (l.padding ? jsonInts({l.padding->top, l.padding->bottom, l.padding->left, l.padding->right}) : "null")
           << ", \"macs\": " << l.macs << ", \"formula\": " << jsonString(l.formula) << ", \"error\": "
           << (l.status == LayerReport::Status::Refused ? jsonString(l.error + (l.fix.empty() ? "" : " Fix: " + l.fix))
                                                        : "null");
        if (s.nested()) { // a nested model: its own rows (Keras' expand_nested)
            os << ", \"inner\": [";
            printJsonRows(os, s.inner, indent + "  ");
            os << "\n" << indent << "]";
        }
        os << "}";
    }
}

void printJson(std::ostream &os, const Graph &graph, const ShapeReport &rep)
{
    os << "{\"framework\": " << jsonString(std::string(frameworkName(rep.framework)))
       << ", \"ok\": " << (rep.ok ? "true" : "false") << ", \"total_params\": " << rep.totalParams
       << ", \"layers\": [";
    printJsonRows(os, summaryRows(graph, rep), "  ");
    os << "\n]}\n";
}

} // namespace

int cmdSummary(int argc, char **argv)
{
    const auto args = parseArgs(argc, argv, {}, {"--json"});
    if (!args)
        return ExitUnreadable;
    auto graph = loadModel(*args);
    if (!graph)
        return ExitUnreadable;
    ShapeReport rep = infer(*graph);
    explainMergeRefusals(*graph, rep); // a refused merge: where its branches part, the crop that fixes it (as the app)
    // An input the code did not write (Sequential input_shape=, --input-shape) is not a listed layer, so its refusal
    // could not be told in the table or the JSON: it is bad input.
    if (rep.firstRefused >= 0 && rep.layers[size_t(rep.firstRefused)].implicitInput) {
        const LayerReport &in = rep.layers[size_t(rep.firstRefused)];
        std::cerr << args->model << (in.line > 0 ? ":" + std::to_string(in.line) : std::string()) << ": " << in.error
                  << (in.fix.empty() ? "" : " (" + in.fix + ")") << "\n";
        return ExitUnreadable;
    }
    if (args->has("--json"))
        printJson(std::cout, *graph, rep);
    else if (rep.framework == Framework::Keras)
        printKeras(std::cout, *graph, rep);
    else
        printTorch(std::cout, rep);
    return rep.ok ? ExitOk : ExitRefused;
}

} // namespace convlens::cli
