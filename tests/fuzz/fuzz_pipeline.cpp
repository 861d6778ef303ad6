// fuzz_pipeline.cpp — the whole path a project file takes: JSON → shape inference → memory estimate → a small forward
// pass on a seeded input. Budgets keep each input to milliseconds: a model over 64 MiB or 2·10^7 multiply-adds is
// estimated and refused, not run.
#include "fuzz_support.h"

#include "compute/runner.h"
#include "formats/model_file.h"
#include "setup/run_setup.h"
#include "shape/infer.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace convlens;
    fuzz::ensureApp();
    const LoadResult r = loadProjectJson(fuzz::text(data, size), "fuzz.json");
    fuzz::requireMessage(r.ok(), r.error ? r.error->message : std::string(), "pipeline json");
    if (!r.ok())
        return 0;
    const ShapeReport report = infer(*r.graph);
    Runner runner(1);
    runner.setMemoryBudget(std::int64_t(64) << 20);
    runner.setReport(report);
    const MemoryEstimate m = runner.estimateMemory();
    if (m.peakBytes < 0)
        std::abort(); // a wrapped estimate
    if (!report.ok || m.peakBytes > runner.memoryBudget() || report.totalMacs > 20'000'000)
        return 0;
    InputChoice choice;
    choice.kind = InputChoice::Kind::SeededRandom;
    PreparedInputs in = prepareInputs(report, choice);
    if (!in.ok())
        return 0;
    for (auto &[name, tensor] : in.tensors)
        runner.setInput(name, std::move(tensor));
    const RunStatus st = runner.run();
    fuzz::requireMessage(st.ok, st.error, "pipeline run");
    return 0;
}
