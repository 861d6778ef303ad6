// file_size_limit.h — for the tests of failed saves: while a FileSizeLimit lives, a write that takes a file past
// `bytes` fails half-way, as on a full disk (RLIMIT_FSIZE, with SIGXFSZ ignored so the write returns an error
// instead of killing the test); unlike a read-only folder it stops root too. The old limit comes back on destruction.
#pragma once

#include <csignal>
#include <sys/resource.h>

namespace convlens::test {

class FileSizeLimit {
public:
    explicit FileSizeLimit(rlim_t bytes)
    {
        getrlimit(RLIMIT_FSIZE, &old_);
        oldHandler_ = std::signal(SIGXFSZ, SIG_IGN);
        rlimit tiny = old_;
        tiny.rlim_cur = bytes;
        active_ = setrlimit(RLIMIT_FSIZE, &tiny) == 0;
    }
    ~FileSizeLimit()
    {
        setrlimit(RLIMIT_FSIZE, &old_);
        std::signal(SIGXFSZ, oldHandler_);
    }
    FileSizeLimit(const FileSizeLimit &) = delete;
    FileSizeLimit &operator=(const FileSizeLimit &) = delete;
    bool active() const { return active_; } // false: the limit could not be set (check it in the test)

private:
    rlimit old_{};
    void (*oldHandler_)(int) = nullptr;
    bool active_ = false;
};

} // namespace convlens::test
