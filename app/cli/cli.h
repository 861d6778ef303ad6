// cli.h — shared plumbing of convlens-cli's subcommands: options, model loading, exit codes (DESIGN.md contract).
#pragma once

#include "tensor/tensor.h"
#include "formats/model_file.h"
#include "setup/run_setup.h"
#include "shape/infer.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace convlens::cli {

enum Exit { ExitOk = 0, ExitRefused = 1, ExitUnreadable = 2 };

// Parsed command line: the subcommand, the MODEL path, COMMON options and the subcommand's own options.
struct Args {
    std::string command;
    std::string model;
    std::vector<std::string> positionals; // arguments after MODEL, where the subcommand takes some (export's OUT)
    LoadOptions load;
    std::map<std::string, std::string> options; // "--input" → "digit.png"; flags map to "" ("--json" → "")
    bool has(const std::string &opt) const { return options.count(opt) != 0; }
    std::string get(const std::string &opt, const std::string &fallback = {}) const;
};

// Parses argv. Subcommand options must be declared: `valueOptions` take a value, `flagOptions` do not. On error
// prints the message to stderr and returns nullopt.
// `extraPositionals`: how many arguments the subcommand takes after MODEL (into Args::positionals).
std::optional<Args> parseArgs(int argc, char **argv, const std::vector<std::string> &valueOptions,
                              const std::vector<std::string> &flagOptions, size_t extraPositionals = 0);

// Loads MODEL with the COMMON options. On failure prints "file:line: message" to stderr and returns nullopt
// (the caller exits with ExitUnreadable). Notes go to stderr only with --verbose.
std::optional<Graph> loadModel(const Args &args);

// Weights and inputs of a forward pass, chosen by core/setup exactly as the app chooses them: --weights DIR, else the
// trained `<model>.weights/` folder beside MODEL, else seeded initial weights; the input `choice`. Prints the notes
// on stderr ("note: …"; the weights note always when trained weights are used, otherwise with --verbose). On a fatal
// problem (an unreadable --weights folder or --input file) prints it and returns nullopt: exit ExitUnreadable.
struct RunSetup {
    WeightSet weights;
    std::map<std::string, Tensor> inputs; // per Input layer
    std::string weightsNote;              // "trained weights from autoencoder.weights", …
};
std::optional<RunSetup> setUpRun(const Args &args, const ShapeReport &report, const InputChoice &choice);

// "layer 'conv2d_1' (Conv2D) is refused: <error> — <fix>", or "the model does not resolve".
std::string refusalText(const ShapeReport &report);
// Non-empty when the forward pass would exceed `budget`: what it needs, the largest output, the budget.
std::string memoryRefusal(const ShapeReport &report, std::int64_t budget);

int cmdSummary(int argc, char **argv);
int cmdRun(int argc, char **argv);
int cmdBench(int argc, char **argv);
int cmdTrace(int argc, char **argv);
int cmdSolve(int argc, char **argv); // no MODEL: --from N --to M
int cmdExport(int argc, char **argv); // MODEL --to keras|pytorch OUT

} // namespace convlens::cli
