// fuzz_keras_code.cpp — Keras Python code (the static Python subset and the Keras recorder) → graph or refusal.
#include "fuzz_support.h"

#include "importers/python_code.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace convlens;
    LoadOptions opts;
    opts.framework = Framework::Keras;
    const LoadResult r = importPythonCode(fuzz::text(data, size), "fuzz.py", opts);
    fuzz::requireMessage(r.ok(), r.error ? r.error->message : std::string(), "keras code");
    return 0;
}
