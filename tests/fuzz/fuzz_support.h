// fuzz_support.h — what every fuzz harness shares: one libFuzzer entry point per file (LLVMFuzzerTestOneInput), the
// Qt application object some readers need, and a check that a refusal carries a message. A harness returns 0 and
// crashes (abort) only on a real defect: a refusal is a valid outcome.
#pragma once

#include <QCoreApplication>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

namespace convlens::fuzz {

inline std::string_view text(const std::uint8_t *data, std::size_t size)
{
    return {reinterpret_cast<const char *>(data), size};
}

// Readers that use QFile/QImage want an application object; one per process.
inline void ensureApp()
{
    static std::unique_ptr<QCoreApplication> app = [] {
        static int argc = 1;
        static char name[] = "convlens-fuzz";
        static char *argv[] = {name, nullptr};
        return QCoreApplication::instance() ? nullptr : std::make_unique<QCoreApplication>(argc, argv);
    }();
}

// A refusal without a message is a defect: the user would be told nothing.
inline void requireMessage(bool ok, const std::string &message, const char *what)
{
    if (!ok && message.empty()) {
        std::fprintf(stderr, "%s: refused without a message\n", what);
        std::abort();
    }
}

} // namespace convlens::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size);
