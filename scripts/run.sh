#!/usr/bin/env bash
# run.sh — installs what is missing, builds ConvLens (Release) and launches it on the default example.
# Extra arguments go to the app, e.g. ./scripts/run.sh --example unet_same
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DCONVLENS_BUILD_TESTS=OFF -DCONVLENS_BUILD_GUI=ON >/dev/null
cmake --build build --target convlens convlens-cli
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
    echo "ConvLens: no display found; set DISPLAY, or use QT_QPA_PLATFORM=offscreen with --screenshot OUT.png" >&2
    exit 1
fi
exec ./build/app/gui/convlens "$@"
