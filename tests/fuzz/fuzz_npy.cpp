// fuzz_npy.cpp — .npy arrays from bytes (header dictionary, dtypes, byte orders, sizes that lie).
#include "fuzz_support.h"

#include "formats/npy.h"

#include <span>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace convlens;
    std::string error;
    // A small ceiling: a header promising more than the input holds must be refused before any allocation.
    const auto a = parseNpy(std::span<const char>(reinterpret_cast<const char *>(data), size), "fuzz.npy", &error,
                            std::int64_t(64) << 20);
    fuzz::requireMessage(a.has_value(), error, "npy");
    return 0;
}
