// fuzz_torch_code.cpp — PyTorch Python code (nn.Sequential, nn.Module classes) → graph or refusal.
#include "fuzz_support.h"

#include "importers/python_code.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace convlens;
    LoadOptions opts;
    opts.framework = Framework::PyTorch;
    opts.inputShape = Shape{3, 32, 32};
    const LoadResult r = importPythonCode(fuzz::text(data, size), "fuzz.py", opts);
    fuzz::requireMessage(r.ok(), r.error ? r.error->message : std::string(), "torch code");
    return 0;
}
