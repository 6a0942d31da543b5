#!/usr/bin/env bash
# Builds the release `sotto` binary for aarch64-unknown-linux-gnu (Raspberry Pi 4/5, Jetson Orin
# CPU) and prints its size; extra arguments go to cargo (e.g. --features cuda12 for Jetson on
# JetPack 6, --features cuda on JetPack 7.2+).
set -euo pipefail
cd "$(dirname "$0")/../.."
source targets/aarch64/env.sh

start=$SECONDS
"$AARCH64_CARGO" build --release -p sotto --bin sotto --target "$AARCH64_TARGET" "$@"
bin=$CARGO_TARGET_DIR/$AARCH64_TARGET/release/sotto
echo "aarch64: built $bin in $((SECONDS - start)) s, $(stat -c %s "$bin") bytes" >&2
