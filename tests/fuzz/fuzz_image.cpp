// fuzz_image.cpp — encoded images (PNG, JPEG, BMP, … whatever Qt decodes) → a model input of a fixed shape; sizes come
// from the header and are limited before decoding.
#include "fuzz_support.h"

#include "formats/image_input.h"

#include <span>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace convlens;
    fuzz::ensureApp();
    const std::span<const char> bytes(reinterpret_cast<const char *>(data), size);
    const bool keras = size % 2 == 0; // both layouts, from the input itself so a crash replays
    const InputResult r = keras ? imageBytesToInput(bytes, "fuzz.img", Framework::Keras, Shape{28, 28, 1})
                                : imageBytesToInput(bytes, "fuzz.img", Framework::PyTorch, Shape{3, 16, 16});
    fuzz::requireMessage(r.ok(), r.error, "image");
    return 0;
}
