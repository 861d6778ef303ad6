// bench_fma_peak — the machine's measured fp32 ceiling: a loop of independent fused multiply-adds on every thread at
// once, with the widest vectors the build targets (AVX-512: 16 lanes, AVX2: 8). The denominator of "fraction of the
// ceiling" in compare_peers.py.
//   bench_fma_peak [--threads T] [--json]        (T defaults to the hardware concurrency)
//
// Why measured, not computed: the nominal figure (cores × FMA units × lanes × 2 × clock) depends on how the core
// executes 512-bit FMAs (AMD Zen 4 splits each into two 256-bit halves, so its 512-bit rate is half what the lane
// count suggests) and on the clock under load, which no flag reports. 24 accumulators cover a 4-cycle FMA latency on
// two pipes with room to spare; the best of several repetitions is kept (a busy machine only lowers the number).
#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <thread>
#include <vector>

#if defined(__AVX512F__) || (defined(__AVX2__) && defined(__FMA__))
#include <immintrin.h>
#endif

namespace {

#if defined(__AVX512F__)
using Vec = __m512;
constexpr int kLanes = 16;
inline Vec vset(float s) { return _mm512_set1_ps(s); }
inline Vec vfma(Vec a, Vec b, Vec c) { return _mm512_fmadd_ps(a, b, c); }
inline float vsum(Vec v)
{
    alignas(64) float t[16];
    _mm512_store_ps(t, v);
    float s = 0;
    for (float x : t)
        s += x;
    return s;
}
constexpr const char *kIsa = "AVX-512";
#elif defined(__AVX2__) && defined(__FMA__)
using Vec = __m256;
constexpr int kLanes = 8;
inline Vec vset(float s) { return _mm256_set1_ps(s); }
inline Vec vfma(Vec a, Vec b, Vec c) { return _mm256_fmadd_ps(a, b, c); }
inline float vsum(Vec v)
{
    alignas(32) float t[8];
    _mm256_store_ps(t, v);
    float s = 0;
    for (float x : t)
        s += x;
    return s;
}
constexpr const char *kIsa = "AVX2";
#else
struct Vec {
    float v;
};
constexpr int kLanes = 1;
inline Vec vset(float s) { return {s}; }
inline Vec vfma(Vec a, Vec b, Vec c) { return {a.v * b.v + c.v}; }
inline float vsum(Vec v) { return v.v; }
constexpr const char *kIsa = "scalar";
#endif

constexpr int kAcc = 24;

// iterations × kAcc FMAs; the result is returned so the loop cannot be removed.
float fmaLoop(long iterations, float seed)
{
    Vec acc[kAcc];
    for (int i = 0; i < kAcc; ++i)
        acc[i] = vset(seed + float(i));
    const Vec a = vset(0.999999f), b = vset(1e-7f);
    for (long it = 0; it < iterations; ++it) {
#pragma GCC unroll 24
        for (int i = 0; i < kAcc; ++i)
            acc[i] = vfma(acc[i], a, b);
    }
    float s = 0;
    for (int i = 0; i < kAcc; ++i)
        s += vsum(acc[i]);
    return s;
}

double threadCpuSeconds()
{
    timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + 1e-9 * double(ts.tv_nsec);
}

struct Rate {
    double wall = 0; // GFLOP/s of all threads together, wall clock from the first start to the last finish
    double cpu = 0;  // the sum over threads of GFLOP/s per second of that thread's CPU time: what the threads would
                     // reach with the cores to themselves (a loaded machine lowers `wall`, hardly this)
};

Rate measure(int threads, long iterations)
{
    std::vector<std::thread> pool;
    std::vector<float> sink(static_cast<size_t>(threads));
    std::vector<double> cpu(static_cast<size_t>(threads));
    const auto t0 = std::chrono::steady_clock::now();
    for (int t = 0; t < threads; ++t)
        pool.emplace_back([&, t] {
            const double c0 = threadCpuSeconds();
            sink[size_t(t)] = fmaLoop(iterations, float(t));
            cpu[size_t(t)] = threadCpuSeconds() - c0;
        });
    for (auto &th : pool)
        th.join();
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    volatile float keep = sink[0];
    (void)keep;
    const double perThread = double(iterations) * kAcc * kLanes * 2.0 / 1e9;
    Rate r{double(threads) * perThread / s, 0};
    for (double c : cpu)
        r.cpu += perThread / c;
    return r;
}

} // namespace

int main(int argc, char **argv)
{
    int threads = int(std::max(1u, std::thread::hardware_concurrency()));
    bool json = false;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--threads") && i + 1 < argc)
            threads = std::max(1, std::atoi(argv[++i]));
        else if (!std::strcmp(argv[i], "--json"))
            json = true;
    }
    const long iterations = 20'000'000; // ~0.2 s per repetition at ~100 GFLOP/s per thread
    Rate one, all;
    for (int r = 0; r < 5; ++r) {
        const Rate a = measure(1, iterations), b = measure(threads, iterations);
        one = {std::max(one.wall, a.wall), std::max(one.cpu, a.cpu)};
        all = {std::max(all.wall, b.wall), std::max(all.cpu, b.cpu)};
    }
    if (json)
        std::printf("{\"isa\": \"%s\", \"lanes\": %d, \"threads\": %d, \"gflops_1\": %.1f, \"gflops\": %.1f, "
                    "\"gflops_cpu_1\": %.1f, \"gflops_cpu\": %.1f}\n",
                    kIsa, kLanes, threads, one.wall, all.wall, one.cpu, all.cpu);
    else
        std::printf("%s fp32 FMA ceiling (best of 5): %.1f GFLOP/s on 1 thread, %.1f GFLOP/s on %d threads "
                    "(wall clock); per CPU-second: %.1f and %.1f\n",
                    kIsa, one.wall, all.wall, threads, one.cpu, all.cpu);
}
