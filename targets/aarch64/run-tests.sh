#!/usr/bin/env bash
# Tests sotto as an aarch64 program under qemu-user. Installs its toolchain when missing (see
# env.sh); builds into target/aarch64.
#
#   targets/aarch64/run-tests.sh          the end-to-end tests (what CI runs)
#   targets/aarch64/run-tests.sh --cuda   also cross-builds the Jetson binary (`--features
#                                         cuda12`, JetPack 6; tract is compiled again with the
#                                         GPU crates' features: tens of minutes on two cores)
#   targets/aarch64/run-tests.sh --full   all of the above, and every test binary of the crate
#
# End-to-end: the `sotto` binary is cross-built for aarch64-unknown-linux-gnu, and the
# end-to-end test harnesses (built natively) spawn it through qemu ($SOTTO_TEST_BIN,
# $SOTTO_TEST_RUNNER): every CLI test then exercises the aarch64 program. tests/cross_arch.rs
# compares its audio with the x86-64 build's, on a dot-product CPU (Pi 5 class) and on a
# Cortex-A72 (Pi 4). The C ABI's libsotto.so is cross-built too, and the C example
# (runtime/capi/examples/speak.c), compiled with the cross compiler against it, must speak under
# qemu exactly what the aarch64 `sotto say` speaks, marks included. The board tarball is packed
# from the same build (tarball.sh with PROFILE=dev) and its binary must speak under qemu with the
# voice packed beside it. --full cross-builds the
# library's own tests as well (much longer).
set -euo pipefail
shopt -s inherit_errexit
cd "$(dirname "$0")/../.."
full=false cuda=false
case "${1:-}" in
    --full) full=true cuda=true ;;
    --cuda) cuda=true ;;
    "") ;;
    *) echo "usage: $0 [--cuda|--full]" >&2; exit 2 ;;
esac

# Left to the native run, as emulation costs minutes per second of audio: tests of
# target-independent logic over long inputs (text throughput, the bad-input suite spoken, window
# stitching, whole-sentence resynthesis, the CLI's device messages); the numerics of the same
# networks are compared end to end by cross_arch.
SKIP=(audio_matches_the_reference_build resynth_writes_a_wav_of_the_input_length
    cpu_is_said_only_when_verbose auto_falls_back_to_the_cpu_and_says_so
    phonemize_reads_a_megabyte_from_stdin_sentence_by_sentence
    say_survives_every_bad_input_of_the_shared_suite
    stitched_hifigan_windows_match_a_whole_utterance_run)
skip_args=()
for t in "${SKIP[@]}"; do skip_args+=(--skip "$t"); done
E2E_TESTS=(--test cli --test say --test device)

# Native pieces first, with the default toolchain, before env.sh switches to Debian's: the
# x86-64 reference binary for cross_arch and the end-to-end harnesses.
cargo build -q -p sotto --bin sotto
cargo test -q -p sotto "${E2E_TESTS[@]}" --test cross_arch --no-run
reference=$(realpath -m "${CARGO_TARGET_DIR:-target}")/debug/sotto

# The CPU qemu emulates; env.sh explains the default.
export AARCH64_QEMU_CPU=${AARCH64_QEMU_CPU:-neoverse-n1}
start=$SECONDS
aarch64_out=$(
    source targets/aarch64/env.sh
    "$AARCH64_CARGO" build -q -p sotto -p sotto-capi --bin sotto --lib --target "$AARCH64_TARGET" >&2
    echo "$(realpath -m "$CARGO_TARGET_DIR")/$AARCH64_TARGET/debug"
)
aarch64_bin=$aarch64_out/sotto
built=$SECONDS

echo "aarch64: the C example against libsotto.so ($(du -h "$aarch64_out/libsotto.so" | cut -f1), debug) on qemu -cpu $AARCH64_QEMU_CPU" >&2
capi_work=$(mktemp -d)
trap 'rm -rf "$capi_work"' EXIT
aarch64-linux-gnu-gcc -std=c99 -Wall -Werror -O1 -I runtime/capi/include \
    runtime/capi/examples/speak.c -o "$capi_work/speak" \
    -L"$aarch64_out" -Wl,-rpath,"$aarch64_out" -lsotto -lm
capi_text="Your train leaves at seven. Mind the gap, please."
qemu=(qemu-aarch64-static -cpu "$AARCH64_QEMU_CPU")
"${qemu[@]}" "$capi_work/speak" tests/fixtures/tiny-voice "$capi_text" \
    "$capi_work/c.wav" "$capi_work/c.jsonl"
"${qemu[@]}" "$aarch64_bin" say --voice tests/fixtures/tiny-voice -o "$capi_work/say.wav" \
    --marks "$capi_work/say.jsonl" "$capi_text"
cmp <(tail -c +45 "$capi_work/c.wav") <(tail -c +45 "$capi_work/say.wav")
diff <(grep -o '"start_sample":[0-9]*' "$capi_work/c.jsonl") \
    <(grep -o '"start_sample":[0-9]*' "$capi_work/say.jsonl")
echo "aarch64: C example audio and $(wc -l < "$capi_work/c.jsonl") marks equal sotto say's" >&2
PROFILE=dev targets/aarch64/tarball.sh

echo "aarch64: end-to-end tests on qemu -cpu $AARCH64_QEMU_CPU" >&2
SOTTO_TEST_BIN=$aarch64_bin SOTTO_TEST_RUNNER="qemu-aarch64-static -cpu $AARCH64_QEMU_CPU" \
    cargo test -q -p sotto "${E2E_TESTS[@]}" -- "${skip_args[@]}"
for cpu in "$AARCH64_QEMU_CPU" cortex-a72; do
    echo "aarch64: audio against x86-64 on qemu -cpu $cpu" >&2
    SOTTO_TEST_BIN=$aarch64_bin SOTTO_TEST_RUNNER="qemu-aarch64-static -cpu $cpu" \
        SOTTO_REFERENCE_BIN=$reference cargo test -q -p sotto --test cross_arch -- --nocapture
done

if $full; then
    (
        source targets/aarch64/env.sh
        export SOTTO_REFERENCE_BIN=$reference
        "$AARCH64_CARGO" test -p sotto --target "$AARCH64_TARGET" --tests -- "${skip_args[@]}"
    )
fi
echo "aarch64: binary built in $((built - start)) s, tests ran in $((SECONDS - built)) s" >&2
if $cuda; then
    cuda_start=$SECONDS
    (
        source targets/aarch64/env.sh
        "$AARCH64_CARGO" build -q -p sotto --features cuda12 --bin sotto --target "$AARCH64_TARGET"
    )
    echo "aarch64: the cuda12 (JetPack 6) binary cross-built in $((SECONDS - cuda_start)) s" >&2
fi
