// cli.h — shared plumbing of convlens-cli's subcommands: options, model loading, exit codes (DESIGN.md contract).
#pragma once

#include "tensor/tensor.h"
#include "formats/model_file.h"
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
    LoadOptions load;
    std::map<std::string, std::string> options; // "--input" → "digit.png"; flags map to "" ("--json" → "")
    bool has(const std::string &opt) const { return options.count(opt) != 0; }
    std::string get(const std::string &opt, const std::string &fallback = {}) const;
};

// Parses argv. Subcommand options must be declared: `valueOptions` take a value, `flagOptions` do not. On error
// prints the message to stderr and returns nullopt.
std::optional<Args> parseArgs(int argc, char **argv, const std::vector<std::string> &valueOptions,
                              const std::vector<std::string> &flagOptions);

// Loads MODEL with the COMMON options. On failure prints "file:line: message" to stderr and returns nullopt
// (the caller exits with ExitUnreadable). Notes go to stderr only with --verbose.
std::optional<Graph> loadModel(const Args &args);

// Loads an --input IMAGE|ARRAY.npy for a model input of `shape` (io/image_input.h). On failure prints the error to
// stderr and returns nullopt (the caller exits with ExitUnreadable); otherwise prints each note as "note: …".
std::optional<Tensor> loadInput(const std::string &path, Framework f, const Shape &shape);

// "layer 'conv2d_1' (Conv2D) is refused: <error> — <fix>", or "the model does not resolve".
std::string refusalText(const ShapeReport &report);
// Non-empty when the forward pass would exceed `budget`: what it needs, the largest output, the budget.
std::string memoryRefusal(const ShapeReport &report, std::int64_t budget);

int cmdSummary(int argc, char **argv);
int cmdRun(int argc, char **argv);
int cmdBench(int argc, char **argv);
int cmdTrace(int argc, char **argv);

} // namespace convlens::cli
