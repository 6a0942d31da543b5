#!/usr/bin/env bash
# The GPU device check (issue 16): on a machine with an NVIDIA GPU and CUDA, checks that sotto
# runs on the GPU, that its audio matches the CPU's, and prints the timing table of
# targets/README.md. Needs no network, no Python, no Rust: only, in one directory,
#
#   sotto                  a release binary built with --features cuda (CUDA 13) or cuda12
#   <pack>/voice.json …    a voice pack directory (the first one found beside the script)
#   sentences-dev.tsv      id<TAB>text[<TAB>…] (or give the file as the first argument)
#   check.sh               this script
#
# usage: ./check.sh [SENTENCES.tsv]
#   SOTTO_BIN, SOTTO_VOICE   override the binary and the pack
#   CUDA_HOME                toolkit root (headers for NVRTC; its lib64 joins LD_LIBRARY_PATH)
#   CHECK_KEEP=1             keep the scratch directory (audio, logs, kernel cache)
#   CHECK_WINDOWS="1 256 …"  GPU window sizes to time the dev set with besides the default
#                            (SOTTO_GPU_WINDOW; 1 means the pack's own windows)
#   CHECK_CARGO_TESTS=1      inside a checkout with cargo: also run the test suites on the GPU
#                            (SOTTO_CUDA_FEATURE=cuda12 for a CUDA 12 machine)
#   CHECK_DRY_RUN=1          run every step with --device cpu where the GPU would be (tries the
#                            script on a machine without a GPU; its GPU checks then fail)
# Exit status 0 when every check passed, 1 otherwise.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=${SOTTO_BIN:-$here/sotto}
[ -x "$bin" ] || bin=$(command -v sotto || true)
[ -x "$bin" ] || { echo "check: no sotto binary beside $0 (or SOTTO_BIN)" >&2; exit 2; }
voice=${SOTTO_VOICE:-}
if [ -z "$voice" ]; then
    for d in "$here"/*/; do [ -f "$d/voice.json" ] && { voice=${d%/}; break; }; done
fi
[ -n "$voice" ] && [ -f "$voice/voice.json" ] || { echo "check: no voice pack (a directory with voice.json) beside $0 (or SOTTO_VOICE)" >&2; exit 2; }
tsv=${1:-$here/sentences-dev.tsv}
[ -f "$tsv" ] || tsv=$here/../../../shared/eval/sentences-dev.tsv
[ -f "$tsv" ] || { echo "check: no sentences file (argument, or sentences-dev.tsv beside $0)" >&2; exit 2; }

# CUDA libraries from the usual places unless the loader already finds them.
for d in "${CUDA_HOME:-/nonexistent}/lib64" "${CUDA_HOME:-/nonexistent}"/targets/*/lib \
         /usr/local/cuda/lib64 /usr/local/cuda/targets/*/lib /usr/lib/aarch64-linux-gnu/tegra; do
    [ -d "$d" ] && LD_LIBRARY_PATH=${LD_LIBRARY_PATH:+$LD_LIBRARY_PATH:}$d
done
export LD_LIBRARY_PATH
unset SOTTO_CUDA_FAULT SOTTO_CACHE_DIR
gdev=gpu
[ "${CHECK_DRY_RUN:-0}" = 1 ] && gdev=cpu

work=$(mktemp -d "${TMPDIR:-/tmp}/sotto-check.XXXXXX")
[ "${CHECK_KEEP:-0}" = 1 ] || trap 'rm -rf "$work"' EXIT
cache=$work/kernel-cache
failures=0
pass() { echo "PASS  $*"; }
fail() { echo "FAIL  $*"; failures=$((failures + 1)); }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }
# run NAME ARGS…: runs sotto with the pack and the fresh kernel cache, stderr to $work/NAME.err
run() {
    local name=$1; shift
    "$bin" "$@" --voice "$voice" --cache-dir "$cache" 2> "$work/$name.err" > "$work/$name.out"
}

gpu_name=$(nvidia-smi --query-gpu=name,driver_version --format=csv,noheader 2>/dev/null | head -1)
[ -n "$gpu_name" ] || gpu_name=$({ tr -d '\0' < /proc/device-tree/model; } 2>/dev/null)
cpu_name=$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)
echo "check: $("$bin" --version) on GPU [${gpu_name:-unknown}], CPU [${cpu_name:-unknown}]"
echo "check: voice $voice, sentences $tsv ($(grep -c . "$tsv") rows), scratch $work"

# 1. Loads: first ever (fresh kernel cache: NVRTC compiles), then later (cache hit).
t=$(now); run warm1 warmup --device $gdev -v; rc=$?; gpu_first=$(since "$t")
if [ $rc -eq 0 ]; then pass "warmup --device gpu (fresh cache) in $gpu_first s"
else cat "$work/warm1.err"; fail "warmup --device gpu"; echo "check: no usable GPU, stopping"; exit 1; fi
grep -q "compiling GPU kernels" "$work/warm1.err" && pass "first use says it compiles kernels" \
    || fail "first use did not say it compiles kernels"
t=$(now); run warm2 warmup --device $gdev -v; gpu_later=$(since "$t")
grep -q "GPU kernels: cache hit" "$work/warm2.err" && pass "-v reports the kernel cache hit" \
    || fail "no cache hit reported: $(cat "$work/warm2.err")"
awk -v x="$gpu_later" 'BEGIN { exit !(x <= 1.0) }' && pass "later GPU load $gpu_later s <= 1 s" \
    || fail "later GPU load $gpu_later s > 1 s"
t=$(now); run cwarm1 warmup --device cpu; cpu_first=$(since "$t")
t=$(now); run cwarm2 warmup --device cpu; cpu_later=$(since "$t")
run auto say "Platform three." -o "$work/auto.wav" -v
grep -q "sotto: device: gpu (cuda runtime)" "$work/auto.err" && pass "--device auto chooses the GPU" \
    || fail "--device auto did not choose the GPU: $(cat "$work/auto.err")"
SOTTO_CUDA_FAULT=oom run oom say "Platform three." -o "$work/oom.wav"
[ "$(grep -c 'falling back: first run on the GPU (out of GPU memory)' "$work/oom.err")" = 1 ] \
    && pass "an out-of-memory under auto falls back once" || fail "oom fallback: $(cat "$work/oom.err")"

# 2. One sentence: time and first audio, from -v.
sentence=$(head -1 "$tsv" | cut -f2)
one() { # one DEVICE → "seconds first_audio_ms audio_seconds"
    run "one-$1" say "$sentence" -o "$work/one-$1.wav" --device "$1" -v
    sed -n 's/.* \([0-9.]*\) s of audio in \([0-9.]*\) s .*first audio after \([0-9]*\) ms.*/\2 \3 \1/p' "$work/one-$1.err"
}
read -r gpu_one gpu_first_audio audio_one <<< "$(one $gdev)"
read -r cpu_one cpu_first_audio audio_one <<< "$(one cpu)"
[ -n "${gpu_first_audio:-}" ] && [ -n "${cpu_first_audio:-}" ] && [ "$gpu_first_audio" -le "$cpu_first_audio" ] \
    && pass "first audio GPU ${gpu_first_audio} ms <= CPU ${cpu_first_audio} ms" \
    || fail "first audio GPU ${gpu_first_audio:-?} ms > CPU ${cpu_first_audio:-?} ms"

# 3. The dev set, each device in one process (load included).
t=$(now); run batch-gpu say --batch "$tsv" --out-dir "$work/gpu" --device $gdev; rc_g=$?; gpu_dev=$(since "$t")
t=$(now); run batch-cpu say --batch "$tsv" --out-dir "$work/cpu" --device cpu; rc_c=$?; cpu_dev=$(since "$t")
[ $rc_g -eq 0 ] && [ $rc_c -eq 0 ] && pass "dev set spoken on both" || fail "dev set: gpu rc $rc_g, cpu rc $rc_c"
speedup=$(awk -v g="$gpu_dev" -v c="$cpu_dev" 'BEGIN { printf "%.1f", c / g }')
awk -v s="$speedup" 'BEGIN { exit !(s >= 10) }' && pass "dev set GPU ${speedup}x the CPU" \
    || fail "dev set GPU only ${speedup}x the CPU (goal >= 10x)"

# 3b. The dev set on the GPU with other window sizes (1: the pack's own), for the trade-off.
windows_rows=""
for w in ${CHECK_WINDOWS:-1 256 2048}; do
    t=$(now); SOTTO_GPU_WINDOW=$w run "batch-gpu-$w" say --batch "$tsv" --out-dir "$work/gpu-$w" --device $gdev
    rc=$?; secs=$(since "$t")
    [ $rc -eq 0 ] || secs="failed (rc $rc)"
    windows_rows="$windows_rows| dev set on the GPU, \`SOTTO_GPU_WINDOW=$w\` | $secs s | |
"
done

# 4. GPU audio against the CPU's.
"$bin" compare "$work/cpu" "$work/gpu" > "$work/compare.txt"; rc=$?
snr=$(sed -n 's/^summary\t[0-9]* files\t\(SNR [^\t]*\)\t\(max [0-9]* LSB\).*/\1, \2/p' "$work/compare.txt")
[ $rc -eq 0 ] && pass "GPU audio within 60 dB of the CPU's: $snr" \
    || { fail "GPU audio vs CPU: $snr"; grep FAIL "$work/compare.txt" | head; }

# 5. Optional: the repository's test suites with the GPU present.
if [ "${CHECK_CARGO_TESTS:-0}" = 1 ] && command -v cargo > /dev/null && [ -f "$here/../../Cargo.toml" ]; then
    feature=${SOTTO_CUDA_FEATURE:-cuda}
    (cd "$here/../.." && cargo test -p sotto --features "$feature" --lib --test device --test say) \
        && pass "cargo tests with --features $feature" || fail "cargo tests with --features $feature"
fi

cat <<TABLE

GPU: ${gpu_name:-unknown}; CPU: ${cpu_name:-unknown} (one thread); $(grep -c . "$tsv") sentences
| | GPU (\`--device gpu\`) | CPU, same machine, one thread |
|---|---|---|
| first load ever (kernels compiled by NVRTC) | $gpu_first s | $cpu_first s |
| later loads (compiled kernels reused) | $gpu_later s | $cpu_later s |
| one sentence (${audio_one:-?} s audio): time / first audio | $gpu_one s / $gpu_first_audio ms | $cpu_one s / $cpu_first_audio ms |
| dev set, $(grep -c . "$tsv") sentences (load included) | $gpu_dev s | $cpu_dev s |
${windows_rows}| audio GPU vs CPU | $snr | |
TABLE
echo
[ $failures -eq 0 ] && echo "check: all passed" || echo "check: $failures failed"
[ $failures -eq 0 ]
