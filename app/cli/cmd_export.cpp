// cmd_export.cpp — `convlens-cli export MODEL --to keras|pytorch|onnx OUT`: the model as runnable Keras or PyTorch
// code, or as an ONNX file (opset 13) with the weights the forward pass uses (`--weights DIR`, else the trained
// `<model>.weights/` folder beside MODEL, else the seeded initial values, as `run` chooses them) (core/export), saved
// atomically. Exit status as the other subcommands: 0 written; 1 a layer is refused (by the
// shape engine, or because the target framework cannot express it: the message names it) and nothing is written;
// 2 MODEL could not be read, the options are wrong or OUT could not be written (the old OUT is then untouched).
#include "cli.h"

#include "export/code_export.h"
#include "export/onnx_export.h"
#include "formats/save_file.h"

#include <iostream>

namespace convlens::cli {

namespace {

int exportOnnxFile(const Args &args, const ShapeReport &report, const std::string &out)
{
    TrainedWeights trained = loadTrainedWeights(report, WeightsChoice{args.model, args.get("--weights")});
    if (!trained.ok()) {
        for (const auto &e : trained.errors)
            std::cerr << e << "\n";
        return ExitUnreadable;
    }
    ResolvedWeights resolved = resolveWeights(std::move(trained), report, 0);
    const std::string note = weightsNote(trained, resolved, report.framework);
    const OnnxExport e = exportOnnx(report, std::move(resolved.weights), args.model);
    if (!e.ok()) {
        std::cerr << args.model << ": cannot export to onnx: " << e.error << "\n";
        return ExitRefused;
    }
    std::string error;
    if (!e.save(out, &error)) {
        std::cerr << "convlens-cli export: " << error << "\n";
        return ExitUnreadable;
    }
    std::cerr << "note: " << note << "\n";
    for (const auto &n : e.notes)
        std::cerr << "note: " << n << "\n";
    std::cout << out << ": ONNX opset 13, " << e.nodes << " nodes, " << e.weights << " weights\n";
    return ExitOk;
}

} // namespace

int cmdExport(int argc, char **argv)
{
    const auto args = parseArgs(argc, argv, {"--to", "--weights"}, {}, 1);
    if (!args)
        return ExitUnreadable;
    const std::string to = args->get("--to");
    if (to != "keras" && to != "pytorch" && to != "onnx") {
        std::cerr << "convlens-cli export: --to must be keras, pytorch or onnx"
                  << (to.empty() ? std::string() : ", got '" + to + "'") << "\n";
        return ExitUnreadable;
    }
    if (args->positionals.empty()) {
        std::cerr << "convlens-cli export: missing OUT (the file to write)\n";
        return ExitUnreadable;
    }
    const std::string out = args->positionals.front();
    const auto graph = loadModel(*args);
    if (!graph)
        return ExitUnreadable;
    const ShapeReport report = infer(*graph);
    if (to == "onnx")
        return exportOnnxFile(*args, report, out);
    if (args->has("--weights")) {
        std::cerr << "convlens-cli export: --weights applies to --to onnx only (code carries no weights)\n";
        return ExitUnreadable;
    }
    const Framework target = to == "keras" ? Framework::Keras : Framework::PyTorch;
    const CodeExport e = exportCode(*graph, report, target, args->model);
    if (!e.ok()) {
        std::cerr << args->model << ": cannot export to " << to << ": " << e.error << "\n";
        return ExitRefused;
    }
    std::string error;
    if (!saveFileAtomically(out, e.code, &error)) {
        std::cerr << "convlens-cli export: " << error << "\n";
        return ExitUnreadable;
    }
    for (const auto &n : e.notes)
        std::cerr << "note: " << n << "\n";
    std::cout << out << ": " << (target == Framework::Keras ? "Keras" : "PyTorch") << " code, "
              << e.graph.layers.size() << " layers";
    if (target == Framework::PyTorch)
        std::cout << "; read it back with --input-shape " << [&] {
            std::string s;
            for (auto d : e.inputShape)
                s += (s.empty() ? "" : ",") + std::to_string(d);
            return s;
        }();
    std::cout << "\n";
    return ExitOk;
}

} // namespace convlens::cli
