// cli.cpp — argument parsing and model loading shared by the subcommands.
#include "cli.h"

#include "compute/runner.h"
#include "formats/image_input.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <iostream>

namespace convlens::cli {

std::string Args::get(const std::string &opt, const std::string &fallback) const
{
    auto it = options.find(opt);
    return it == options.end() ? fallback : it->second;
}

namespace {

std::optional<Shape> parseShape(const std::string &text)
{
    Shape s;
    size_t pos = 0;
    while (pos <= text.size()) {
        const size_t comma = text.find(',', pos);
        const std::string part = text.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
        if (part.empty() || part.size() > 12 || !std::all_of(part.begin(), part.end(), [](unsigned char c) { return std::isdigit(c); }))
            return std::nullopt;
        s.push_back(std::stoll(part));
        if (s.back() == 0)
            return std::nullopt;
        if (comma == std::string::npos)
            break;
        pos = comma + 1;
    }
    return s.empty() ? std::nullopt : std::optional<Shape>(s);
}

} // namespace

std::optional<Args> parseArgs(int argc, char **argv, const std::vector<std::string> &valueOptions,
                              const std::vector<std::string> &flagOptions, size_t extraPositionals)
{
    Args a;
    a.command = argc > 1 ? argv[1] : "";
    const auto isIn = [](const std::vector<std::string> &v, const std::string &s) {
        return std::find(v.begin(), v.end(), s) != v.end();
    };
    for (int i = 2; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--framework" || arg == "--input-shape" || arg == "--call" || isIn(valueOptions, arg)) {
            if (i + 1 >= argc) {
                std::cerr << "convlens-cli " << a.command << ": " << arg << " needs a value\n";
                return std::nullopt;
            }
            const std::string value = argv[++i];
            if (arg == "--framework") {
                if (value == "keras")
                    a.load.framework = Framework::Keras;
                else if (value == "pytorch" || value == "torch")
                    a.load.framework = Framework::PyTorch;
                else {
                    std::cerr << "convlens-cli: --framework must be keras or pytorch, got '" << value << "'\n";
                    return std::nullopt;
                }
            } else if (arg == "--input-shape") {
                a.load.inputShape = parseShape(value);
                if (!a.load.inputShape) {
                    std::cerr << "convlens-cli: --input-shape must be positive integers separated by commas "
                                 "(e.g. 1,28,28), got '"
                              << value << "'\n";
                    return std::nullopt;
                }
            } else if (arg == "--call") {
                a.load.call = value;
            } else {
                a.options[arg] = value;
            }
        } else if (isIn(flagOptions, arg) || arg == "--verbose") {
            a.options[arg] = "";
        } else if (arg.rfind("--", 0) == 0) {
            std::cerr << "convlens-cli " << a.command << ": unknown option " << arg << "\n";
            return std::nullopt;
        } else if (a.model.empty()) {
            a.model = arg;
        } else if (a.positionals.size() < extraPositionals) {
            a.positionals.push_back(arg);
        } else {
            std::cerr << "convlens-cli " << a.command << ": unexpected argument '" << arg << "'\n";
            return std::nullopt;
        }
    }
    if (a.model.empty()) {
        std::cerr << "convlens-cli " << a.command << ": missing MODEL (a .json project or .py code)\n";
        return std::nullopt;
    }
    return a;
}

std::optional<Graph> loadModel(const Args &args)
{
    LoadResult res = loadModelFile(args.model, args.load);
    if (!res.ok()) {
        std::cerr << (res.error ? res.error->toString() : args.model + ": could not be read") << "\n";
        return std::nullopt;
    }
    if (args.has("--verbose"))
        for (const auto &n : res.notes)
            std::cerr << args.model << ": note: " << n << "\n";
    return std::move(res.graph);
}

std::optional<RunSetup> setUpRun(const Args &args, const ShapeReport &report, const InputChoice &choice)
{
    RunSetup out;
    const TrainedWeights trained = loadTrainedWeights(report, WeightsChoice{args.model, args.get("--weights")});
    if (!trained.ok()) {
        for (const auto &e : trained.errors)
            std::cerr << e << "\n";
        return std::nullopt;
    }
    if (!trained.missingDir.empty()) // said even without --verbose: the project ran on trained weights when saved
        std::cerr << args.model << ": warning: the trained weights " << trained.missingDir
                  << " are missing; running on seeded random weights\n";
    const bool verbose = args.has("--verbose");
    if (verbose)
        for (const auto &e : trained.errors) // the folder beside the model: arrays that do not fit are seeded
            std::cerr << "note: " << e << "\n";
    ResolvedWeights resolved = resolveWeights(trained, report, 0);
    out.weightsNote = weightsNote(trained, resolved, report.framework);
    if (verbose || !resolved.trainedLayers.empty())
        std::cerr << "note: " << out.weightsNote << "\n";
    out.weights = std::move(resolved.weights);

    PreparedInputs in = prepareInputs(report, choice);
    if (!in.ok()) {
        std::cerr << in.error << "\n";
        return std::nullopt;
    }
    for (const auto &n : in.notes)
        std::cerr << "note: " << n << "\n";
    out.inputs = std::move(in.tensors);
    return out;
}

std::string refusalText(const ShapeReport &report)
{
    if (report.firstRefused < 0)
        return "the model does not resolve";
    const LayerReport &bad = report.layers[size_t(report.firstRefused)];
    return "layer '" + bad.name + "' (" + bad.type + ") is refused: " + bad.error +
           (bad.fix.empty() ? "" : " — " + bad.fix);
}

std::string memoryRefusal(const ShapeReport &report, std::int64_t budget)
{
    Runner probe(1); // estimates from the report alone; nothing is allocated
    probe.setReport(report);
    const MemoryEstimate m = probe.estimateMemory();
    if (m.peakBytes <= budget)
        return {};
    return "the forward pass needs about " + formatBytes(m.peakBytes) + " of memory (the largest output is '" +
           m.largestLayer + "' = " + formatBytes(m.largestBytes) + "), more than the budget of " +
           formatBytes(budget) + "; use a smaller --input-shape";
}

} // namespace convlens::cli
