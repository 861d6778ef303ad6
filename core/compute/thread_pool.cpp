// thread_pool.cpp — generation-counted dispatch: each parallelFor publishes a job and bumps an atomic generation;
// workers claim tasks with an atomic counter so uneven tasks balance themselves. Between jobs a worker spins for a
// few tens of microseconds before sleeping: a forward pass issues one job per layer in quick succession, and waking
// a sleeping thread costs far more than that on a busy machine.
#include "compute/thread_pool.h"

#include <algorithm>
#include <chrono>
#include <utility>
#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define CONVLENS_PAUSE() _mm_pause()
#else
#define CONVLENS_PAUSE() ((void)0)
#endif

namespace convlens {

namespace {
thread_local bool t_insideTask = false;
constexpr auto kSpin = std::chrono::microseconds(50);
} // namespace

ThreadPool::ThreadPool(int threads)
{
    if (threads < 1)
        threads = int(std::max(1u, std::thread::hardware_concurrency()));
    threads = std::min(threads, kMaxThreads);
    for (int i = 1; i < threads; ++i)
        workers_.emplace_back([this] { workerLoop(); });
}

ThreadPool::~ThreadPool()
{
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
        generation_.fetch_add(1, std::memory_order_release);
    }
    wake_.notify_all();
    for (auto &t : workers_)
        t.join();
}

void ThreadPool::runTasks()
{
    const bool wasInside = t_insideTask;
    t_insideTask = true;
    try {
        for (;;) {
            const std::int64_t i = next_.fetch_add(1, std::memory_order_relaxed);
            if (i >= tasks_)
                break;
            (*job_)(i);
        }
    } catch (...) {
        // Keep the first exception for parallelFor to rethrow; the tasks nobody has claimed yet are skipped.
        next_.store(tasks_, std::memory_order_relaxed);
        std::lock_guard lock(mutex_);
        if (!error_)
            error_ = std::current_exception();
    }
    t_insideTask = wasInside;
}

void ThreadPool::workerLoop()
{
    std::uint64_t seen = 0;
    for (;;) {
        const auto spinUntil = std::chrono::steady_clock::now() + kSpin;
        for (int i = 0; generation_.load(std::memory_order_acquire) == seen; ++i) {
            CONVLENS_PAUSE();
            if ((i & 63) == 63 && std::chrono::steady_clock::now() > spinUntil)
                break;
        }
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [&] { return generation_.load(std::memory_order_relaxed) != seen; });
            if (stop_)
                return;
            seen = generation_.load(std::memory_order_relaxed);
        }
        runTasks();
        {
            std::lock_guard lock(mutex_);
            ++finished_;
        }
        done_.notify_one();
    }
}

void ThreadPool::parallelFor(std::int64_t tasks, const std::function<void(std::int64_t)> &fn)
{
    if (tasks <= 0)
        return;
    if (workers_.empty() || tasks == 1 || t_insideTask) {
        for (std::int64_t i = 0; i < tasks; ++i)
            fn(i);
        return;
    }
    std::lock_guard call(callMutex_);
    {
        std::lock_guard lock(mutex_);
        job_ = &fn;
        tasks_ = tasks;
        next_.store(0, std::memory_order_relaxed);
        finished_ = 0;
        generation_.fetch_add(1, std::memory_order_release);
    }
    wake_.notify_all();
    runTasks();
    std::unique_lock lock(mutex_);
    // Every worker must have taken this generation and finished claiming before the job is replaced: a worker that
    // woke late could otherwise run the next job's tasks through a half-published job_ pointer.
    done_.wait(lock, [&] { return finished_ == int(workers_.size()); });
    job_ = nullptr;
    if (std::exception_ptr error = std::exchange(error_, nullptr))
        std::rethrow_exception(error);
}

} // namespace convlens
