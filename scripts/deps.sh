#!/usr/bin/env bash
# deps.sh — installs the Debian packages ConvLens needs to build and test, skipping what is already there.
# Sourced by run.sh and test.sh; safe to run on its own.
set -euo pipefail

CONVLENS_PACKAGES=(
    cmake ninja-build g++ pkg-config
    qt6-base-dev qt6-base-dev-tools qt6-svg-dev libgl-dev
    libeigen3-dev
    libgif-dev          # giflib: animated GIF export of the step player
    libonnx-dev libprotobuf-dev protobuf-compiler # ONNX model files: onnx-ml.pb.h and libonnx_proto
    libhdf5-dev libzip-dev # Keras model files: .h5 / .weights.h5 (HDF5) and .keras (a zip)
    fonts-dejavu-core   # text in offscreen screenshots and GUI tests
    qt6-tools-dev qt6-l10n-tools  # Qt Linguist: lrelease compiles the UI translations at build time, lupdate lists
                                  # the strings for tst_translations
    qt6-translations-l10n         # Qt's own zh_CN (standard dialog buttons)
    fonts-noto-cjk      # the zh_CN UI's glyphs
)

missing=()
for p in "${CONVLENS_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
    echo "ConvLens: installing missing Debian packages: ${missing[*]}"
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || { echo "ConvLens: need root or sudo to install ${missing[*]}" >&2; exit 1; }
        SUDO="sudo"
    fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
