// fuzz_project_json.cpp — the project file reader; what it accepts must also survive shape inference.
#include "fuzz_support.h"

#include "formats/model_file.h"
#include "shape/infer.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace convlens;
    const LoadResult r = loadProjectJson(fuzz::text(data, size), "fuzz.json");
    fuzz::requireMessage(r.ok(), r.error ? r.error->message : std::string(), "project json");
    if (r.ok())
        (void)infer(*r.graph);
    return 0;
}
