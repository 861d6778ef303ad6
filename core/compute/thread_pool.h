// thread_pool.h — a small fixed pool of worker threads for the forward kernels (Eigen's own threading needs OpenMP,
// which convlens_core does not link). The calling thread works too, so ThreadPool(1) runs everything inline.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace convlens {

// More threads than this never help a forward pass and can exhaust the process (each thread reserves a stack).
inline constexpr int kMaxThreads = 256;

class ThreadPool {
public:
    explicit ThreadPool(int threads); // total threads including the caller; < 1 means hardware_concurrency;
                                      // capped at kMaxThreads
    ~ThreadPool();
    ThreadPool(const ThreadPool &) = delete;
    ThreadPool &operator=(const ThreadPool &) = delete;

    int size() const { return int(workers_.size()) + 1; }

    // Calls fn(task) for every task in [0, tasks), spread dynamically over the threads; returns when all are done.
    // A call from inside a task runs inline (no nested parallelism). An exception thrown by a task, on any thread,
    // stops the remaining tasks; parallelFor waits for every worker to leave the job and then rethrows the first one
    // on the calling thread (never std::terminate, never workers left running on a dead stack frame).
    void parallelFor(std::int64_t tasks, const std::function<void(std::int64_t)> &fn);

private:
    void workerLoop();
    void runTasks();

    std::vector<std::thread> workers_;
    std::mutex mutex_;
    std::condition_variable wake_, done_;
    const std::function<void(std::int64_t)> *job_ = nullptr;
    std::int64_t tasks_ = 0;
    std::atomic<std::int64_t> next_{0};
    int finished_ = 0; // workers done with the current generation
    std::atomic<std::uint64_t> generation_{0};
    bool stop_ = false;
    std::mutex callMutex_; // one parallelFor at a time per pool
    std::exception_ptr error_; // the first exception of the current job (guarded by mutex_)
};

} // namespace convlens
