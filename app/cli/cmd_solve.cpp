// cmd_solve.cpp — `convlens-cli solve --from N --to M`: every layer (core/teach/solver.h) that maps size N to M, as a
// list with formulas and notes, or the DESIGN.md JSON object. No MODEL: the command parses its own options.
#include "cli.h"
#include "json_writer.h"
#include "teach/solver.h"

#include <cstring>
#include <iostream>
#include <sstream>

namespace convlens::cli {

namespace {

std::optional<long long> parsePositive(const std::string &v, long long min)
{
    if (v.empty() || v.size() > 12 || v.find_first_not_of("0123456789") != std::string::npos)
        return std::nullopt;
    const long long x = std::stoll(v);
    return x >= min ? std::optional<long long>(x) : std::nullopt;
}

// --layers conv,maxpool,avgpool,transpose
bool parseLayers(const std::string &list, teach::SolverBounds &b)
{
    b.conv = b.maxPool = b.avgPool = b.transposed = false;
    std::stringstream ss(list);
    std::string item;
    bool any = false;
    while (std::getline(ss, item, ',')) {
        if (item == "conv")
            b.conv = true;
        else if (item == "maxpool")
            b.maxPool = true;
        else if (item == "avgpool")
            b.avgPool = true;
        else if (item == "transpose")
            b.transposed = true;
        else
            return false;
        any = true;
    }
    return any;
}

} // namespace

int cmdSolve(int argc, char **argv)
{
    std::optional<long long> from, to;
    Framework fw = Framework::Keras;
    teach::SolverBounds bounds;
    bool json = false;
    const auto fail = [](const std::string &msg) {
        std::cerr << "convlens-cli solve: " << msg << "\n";
        return int(ExitUnreadable);
    };
    for (int i = 2; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--json") {
            json = true;
            continue;
        }
        if (i + 1 >= argc)
            return fail(arg.rfind("--", 0) == 0 ? arg + " needs a value" : "unexpected argument '" + arg + "'");
        const std::string v = argv[++i];
        const auto bound = [&](int &field, long long min) {
            const auto x = parsePositive(v, min);
            if (!x || *x > teach::SolverBounds::kLimit)
                return false;
            field = int(*x);
            return true;
        };
        if (arg == "--from") {
            if (!(from = parsePositive(v, 1)))
                return fail("--from must be a positive integer, got '" + v + "'");
        } else if (arg == "--to") {
            if (!(to = parsePositive(v, 1)))
                return fail("--to must be a positive integer, got '" + v + "'");
        } else if (arg == "--framework") {
            if (v == "keras")
                fw = Framework::Keras;
            else if (v == "pytorch" || v == "torch")
                fw = Framework::PyTorch;
            else
                return fail("--framework must be keras or pytorch, got '" + v + "'");
        } else if (arg == "--max-kernel") {
            if (!bound(bounds.maxKernel, 1))
                return fail("--max-kernel must be 1…32");
        } else if (arg == "--max-stride") {
            if (!bound(bounds.maxStride, 1))
                return fail("--max-stride must be 1…32");
        } else if (arg == "--max-dilation") {
            if (!bound(bounds.maxDilation, 1))
                return fail("--max-dilation must be 1…32");
        } else if (arg == "--max-padding") {
            if (!bound(bounds.maxPadding, 0))
                return fail("--max-padding must be 0…32");
        } else if (arg == "--layers") {
            if (!parseLayers(v, bounds))
                return fail("--layers takes a comma-separated list of conv, maxpool, avgpool, transpose");
        } else {
            return fail("unknown option " + arg);
        }
    }
    if (!from || !to)
        return fail("needs --from N and --to M (sizes of one spatial axis)");

    const teach::SolveResult r = teach::solve(fw, *from, *to, bounds);
    if (!r.error.empty())
        return fail(r.error);

    if (json) {
        std::ostringstream os;
        os << "{\"framework\": " << jsonString(std::string(frameworkName(fw))) << ", \"from\": " << *from
           << ", \"to\": " << *to << ", \"solutions\": [";
        for (size_t i = 0; i < r.solutions.size(); ++i) {
            const teach::Solution &s = r.solutions[i];
            os << (i ? ",\n  " : "\n  ") << "{\"layer\": " << jsonString(s.layer) << ", \"kernel\": " << s.kernel
               << ", \"stride\": " << s.stride << ", \"padding\": "
               << (s.padding == teach::Solution::Padding::Explicit ? s.paddingText() : jsonString(s.paddingText()))
               << ", \"dilation\": " << s.dilation << ", \"formula\": " << jsonString(s.formula)
               << ", \"note\": " << (s.note.empty() ? std::string("null") : jsonString(s.note))
               // Extensions after the contract keys.
               << ", \"ceil_mode\": " << (s.ceilMode ? "true" : "false") << ", \"output_padding\": "
               << (s.outputPadding ? std::to_string(*s.outputPadding) : std::string("null"))
               << ", \"sides\": " << jsonInts({s.padBefore, s.padAfter}) << ", \"code\": " << jsonString(s.code(fw))
               << "}";
        }
        os << (r.solutions.empty() ? "]" : "\n]") << ", \"bounds\": {\"max_kernel\": " << bounds.maxKernel
           << ", \"max_stride\": " << bounds.maxStride << ", \"max_dilation\": " << bounds.maxDilation
           << ", \"max_padding\": " << bounds.maxPadding << "}}\n";
        std::cout << os.str();
        return ExitOk;
    }

    std::cout << *from << " → " << *to << " in " << (fw == Framework::Keras ? "Keras/TensorFlow" : "PyTorch") << ": "
              << r.solutions.size() << (r.solutions.size() == 1 ? " layer" : " layers") << " (kernel ≤ "
              << bounds.maxKernel << ", stride ≤ " << bounds.maxStride << ", dilation ≤ " << bounds.maxDilation
              << (fw == Framework::PyTorch ? ", padding ≤ " + std::to_string(bounds.maxPadding) : std::string())
              << ")\n";
    for (const teach::Solution &s : r.solutions) {
        std::cout << "  " << s.code(fw) << "\n      " << s.formula << "\n";
        if (!s.note.empty())
            std::cout << "      note: " << s.note << "\n";
    }
    return ExitOk;
}

} // namespace convlens::cli
