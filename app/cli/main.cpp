// main.cpp — convlens-cli: dispatch to the subcommands of the DESIGN.md contract.
#include "cli.h"

#include <QCoreApplication>
#include <QGuiApplication>

#include <cstring>
#include <memory>
#include <iostream>

namespace {

void usage(std::ostream &os)
{
    os << "usage: convlens-cli <command> MODEL [options]\n"
          "  summary MODEL [COMMON] [--json]\n"
          "  run     MODEL [COMMON] --input IMAGE|ARRAY.npy [--weights DIR] [--dump DIR] [--json]\n"
          "  trace   MODEL [COMMON] --layer NAME|INDEX [--channel C] [--input …] [--weights DIR] [--json]\n"
          "          [--gif OUT.gif [--size WxH] [--fps F]] [--png|--svg OUT --step N] [--sheet OUT.png]\n"
          "  bench   MODEL [COMMON] [--runs N] [--threads T] [--json]\n"
          "  solve   --from N --to M [--framework keras|pytorch] [--json] [--max-kernel K] [--max-stride S]\n"
          "          [--max-dilation D] [--max-padding P] [--layers conv,maxpool,avgpool,transpose]\n"
          "  export  MODEL [COMMON] --to keras|pytorch OUT.py | --to onnx OUT.onnx [--weights DIR]\n"
          "COMMON: [--framework keras|pytorch] [--input-shape D,D,D] [--call EXPR] [--verbose]\n"
          "MODEL: a ConvLens project (.json), Keras Python code or PyTorch code (.py): nn.Module classes,\n"
          "       nn.Sequential; --call \"Net(10)\" builds the model when the code only defines it\n"
          "exit status: 0 the model resolves, 1 a layer is refused, 2 the input could not be read\n";
}

} // namespace

namespace {

// Whether the command paints (trace's exports): text needs a QGuiApplication for its fonts.
bool paints(int argc, char **argv)
{
    if (argc < 2 || std::strcmp(argv[1], "trace") != 0)
        return false;
    for (int i = 2; i < argc; ++i)
        for (const char *opt : {"--gif", "--png", "--svg", "--sheet"})
            if (!std::strcmp(argv[i], opt))
                return true;
    return false;
}

} // namespace

int main(int argc, char **argv)
{
    // QImage/QFile need an application object for plugins and codecs; painting text needs a GUI one, on the
    // offscreen platform (the CLI shows no window, and runs where there is no display).
    std::unique_ptr<QCoreApplication> app;
    if (paints(argc, argv)) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
        app = std::make_unique<QGuiApplication>(argc, argv);
    } else {
        app = std::make_unique<QCoreApplication>(argc, argv);
    }
    using namespace convlens::cli;
    if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h")) {
        usage(argc < 2 ? std::cerr : std::cout);
        return argc < 2 ? ExitUnreadable : ExitOk;
    }
    const std::string cmd = argv[1];
    if (cmd == "summary")
        return cmdSummary(argc, argv);
    if (cmd == "run")
        return cmdRun(argc, argv);
    if (cmd == "bench")
        return cmdBench(argc, argv);
    if (cmd == "trace")
        return cmdTrace(argc, argv);
    if (cmd == "solve")
        return cmdSolve(argc, argv);
    if (cmd == "export")
        return cmdExport(argc, argv);
    std::cerr << "convlens-cli: unknown command '" << cmd << "'\n";
    usage(std::cerr);
    return ExitUnreadable;
}
