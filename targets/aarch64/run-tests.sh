#!/usr/bin/env bash
# Builds sotto's tests for aarch64-unknown-linux-gnu and runs them under qemu-user: the library
# and CLI unit tests, the end-to-end tests (which spawn the aarch64 `sotto` through qemu too),
# and tests/cross_arch.rs, which compares the aarch64 binary's audio with the x86-64 build's on
# a dot-product CPU (Pi 5 class) and on a Cortex-A72 (Pi 4). Installs its toolchain when
# missing (see env.sh); builds into target/aarch64.
set -euo pipefail
cd "$(dirname "$0")/../.."

# The x86-64 reference for tests/cross_arch.rs, built with the default toolchain before env.sh
# switches to Debian's (in CI `cargo test --workspace` has just built it).
cargo build -q -p sotto --bin sotto
export SOTTO_REFERENCE_BIN=$PWD/${CARGO_TARGET_DIR:-target}/debug/sotto

source targets/aarch64/env.sh

start=$SECONDS
"$AARCH64_CARGO" test -p sotto --target "$AARCH64_TARGET" --tests --no-run
built=$SECONDS
# Left to the x86-64 run, as emulation costs minutes per second of audio: sotto-text (pure
# Rust, no target-specific code, slow property tests), the host-only quantizer, and tests of
# target-independent logic over long inputs (text throughput, the bad-input suite spoken, window
# stitching, whole-sentence resynthesis, the CLI's device messages; the numerics of the same
# networks are compared end to end by cross_arch below).
"$AARCH64_CARGO" test -p sotto --target "$AARCH64_TARGET" --tests -- \
    --skip audio_matches_the_reference_build \
    --skip resynth_writes_a_wav_of_the_input_length \
    --skip cpu_is_said_only_when_verbose \
    --skip auto_falls_back_to_the_cpu_and_says_so \
    --skip phonemize_reads_a_megabyte_from_stdin_sentence_by_sentence \
    --skip say_survives_every_bad_input_of_the_shared_suite \
    --skip stitched_hifigan_windows_match_a_whole_utterance_run
for cpu in "$AARCH64_QEMU_CPU" cortex-a72; do
    echo "aarch64: audio against x86-64 on qemu -cpu $cpu" >&2
    CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_RUNNER="qemu-aarch64-static -cpu $cpu" \
        SOTTO_TEST_RUNNER="qemu-aarch64-static -cpu $cpu" \
        "$AARCH64_CARGO" test -q -p sotto --target "$AARCH64_TARGET" --test cross_arch -- --nocapture
done
echo "aarch64: tests built in $((built - start)) s, ran under qemu in $((SECONDS - built)) s" >&2
