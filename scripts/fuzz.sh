#!/usr/bin/env bash
# fuzz.sh — builds one libFuzzer target of tests/fuzz/ with clang under ASan + UBSan and fuzzes it.
#   ./scripts/fuzz.sh TARGET SECONDS [libFuzzer options…]   e.g. ./scripts/fuzz.sh project_json 60
#   ./scripts/fuzz.sh all SECONDS                            every target in turn, SECONDS each
# Targets: the CONVLENS_FUZZ_TARGETS list of tests/fuzz/CMakeLists.txt. Starts from the seed corpus
# (tests/fuzz/corpus/TARGET) and the regression inputs; new interesting inputs go to build-fuzz/corpus/TARGET (not
# committed). A crash leaves its input in build-fuzz/crashes/TARGET/ and fails the script: fix the bug, then commit the
# input to tests/fuzz/regressions/TARGET/ so that ctest replays it in every build.
# Prints libFuzzer's final stats line (runs, cov, ft) per target.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: fuzz.sh TARGET|all SECONDS [libFuzzer options]}
seconds=${2:?usage: fuzz.sh TARGET|all SECONDS [libFuzzer options]}
shift 2
./scripts/deps.sh
if ! command -v clang++ >/dev/null || ! ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1; then
    echo "fuzz.sh: installing clang (libFuzzer comes with it)"
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends clang
fi
targets=$(sed -n 's/^set(CONVLENS_FUZZ_TARGETS \(.*\))$/\1/p' tests/fuzz/CMakeLists.txt)
# Every harness is in the list (a fuzz_<name>.cpp left out would never be fuzzed, in CI or here).
for f in tests/fuzz/fuzz_*.cpp; do
    name=$(basename "$f" .cpp)
    name=${name#fuzz_}
    if [[ " $targets " != *" $name "* ]]; then
        echo "fuzz.sh: $f is not in CONVLENS_FUZZ_TARGETS of tests/fuzz/CMakeLists.txt" >&2
        exit 2
    fi
done
if [ "$target" = all ]; then
    run=$targets
elif [[ " $targets " == *" $target "* ]]; then
    run=$target
else
    echo "fuzz.sh: unknown target '$target'; the targets are: $targets" >&2
    exit 2
fi
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
      -DCONVLENS_FUZZ=ON -DCONVLENS_SANITIZE=ON -DCONVLENS_BUILD_GUI=OFF -DCONVLENS_NATIVE=OFF "${launcher[@]}" >/dev/null
# libhdf5's own over-reads in the libc calls ASan intercepts are suppressed (tests/fuzz/libhdf5.supp says why)
export ASAN_OPTIONS=detect_leaks=${CONVLENS_FUZZ_LEAKS:-0}:abort_on_error=1:allocator_may_return_null=1:suppressions=$PWD/tests/fuzz/libhdf5.supp
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export QT_QPA_PLATFORM=offscreen
build_targets=()
for t in $run; do build_targets+=("fuzz_$t"); done
cmake --build build-fuzz -j "$(nproc)" --target "${build_targets[@]}"
status=0
summary=""
for t in $run; do
    mkdir -p "build-fuzz/corpus/$t" "build-fuzz/crashes/$t"
    seeds=(tests/fuzz/corpus/"$t")
    [ -d "tests/fuzz/regressions/$t" ] && seeds+=(tests/fuzz/regressions/"$t")
    log="build-fuzz/fuzz_$t.log"
    # One request may be up to 2.5 GiB, except in the Keras file reader: libhdf5 1.10 asks for one block of the size a
    # corrupt object header claims (4 GiB seen on a 17 KB file, 16 GiB on a 23 KB one) and touches none of it (a
    # release build stays at 29 MB and refuses the file). That is libhdf5's allocation, not ours; -rss_limit_mb still
    # holds. A claim has no upper bound, and ASan touches 1/8 of a granted block in its shadow (2 GB and 16 s for the
    # 16 GiB one), so a C allocation (libhdf5's malloc) over 8 GiB fails as on a machine without the memory: libhdf5
    # then refuses the file. operator new over it (ConvLens' containers) still aborts as out-of-memory.
    malloc_limit=2560
    asan_extra=""
    if [ "$t" = keras_file ]; then
        malloc_limit=8192
        asan_extra=":max_allocation_size_mb=8192"
    fi
    echo "fuzz.sh: $t for ${seconds}s"
    if ! ASAN_OPTIONS="$ASAN_OPTIONS$asan_extra" "build-fuzz/tests/fuzz/fuzz_$t" "build-fuzz/corpus/$t" "${seeds[@]}" \
         -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=4096 -malloc_limit_mb="$malloc_limit" -timeout=20 \
         -print_final_stats=1 -artifact_prefix="build-fuzz/crashes/$t/" "$@" >"$log" 2>&1; then
        echo "fuzz.sh: $t FOUND A DEFECT; its input is in build-fuzz/crashes/$t/ — tail of $log:" >&2
        tail -n 40 "$log" >&2
        status=1
    fi
    stats=$(grep -E '^#[0-9]+' "$log" | tail -n 1 || true)
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    echo "fuzz.sh: $t: runs ${runs:-?}; last status: ${stats:-none}"
    cov=$(sed -n 's/.*cov: \([0-9]*\) ft: \([0-9]*\).*/cov \1, ft \2/p' <<<"$stats")
    summary+=$(printf '%-14s runs %10s  %s\n' "$t" "${runs:-?}" "${cov:-no coverage line}")$'\n'
done
echo "fuzz.sh: summary (${seconds}s per target)"
printf '%s' "$summary"
exit $status
