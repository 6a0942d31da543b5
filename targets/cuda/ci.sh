#!/usr/bin/env bash
# CI without a GPU (.ci/run): proves both GPU builds compile on x86-64 and runs the device
# suite (tests/device.rs: real "no driver" path, every injected fault) against a GPU build.
#
#   cuda12 (CUDA 12.6, JetPack 6):   cargo build of the sotto binary
#   cuda   (CUDA 13, JetPack 7.2+):  the device tests built and run with the feature
#
# Both reuse the tract crates of the plain build (same features); only cudarc, tract-gpu,
# tract-cuda, tract-transformers, tract-pulse-opl and sotto itself are compiled on top.
set -euo pipefail
cd "$(dirname "$0")/../.."
start=$SECONDS
cargo build -q -p sotto --features cuda12 --bin sotto
built=$SECONDS
cargo test -q -p sotto --features cuda --test device
echo "cuda: cuda12 built in $((built - start)) s, cuda device tests in $((SECONDS - built)) s" >&2
