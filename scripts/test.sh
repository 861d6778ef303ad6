#!/usr/bin/env bash
# test.sh — installs what is missing, builds everything and runs every test headless.
#   ./scripts/test.sh              Release build in build/, all tests (core, golden, cli, gui)
#   ./scripts/test.sh --sanitize   ASan + UBSan build in build-asan/ (core, golden and cli tests; no GUI)
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/deps.sh
export QT_QPA_PLATFORM=offscreen
jobs=$(nproc)
if [ "${1:-}" = "--sanitize" ]; then
    cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCONVLENS_SANITIZE=ON \
          -DCONVLENS_BUILD_GUI=OFF >/dev/null
    cmake --build build-asan -j "$jobs"
    export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
    ctest --test-dir build-asan --output-on-failure -j "$jobs" --timeout 900
else
    cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DCONVLENS_BUILD_TESTS=ON -DCONVLENS_BUILD_GUI=ON >/dev/null
    cmake --build build -j "$jobs"
    ctest --test-dir build --output-on-failure -j "$jobs" --timeout 600
fi
