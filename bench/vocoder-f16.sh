#!/usr/bin/env bash
# Does f16 pay for the small vocoder on a Cortex-A76 (Pi 5: FP16 arithmetic)? For each set of
# nodes tract's f32_to_f16 translates (runtime/examples/vocoder_f16.rs), counts aarch64
# instructions under qemu + ../shared/tools/icount (--kind a75: tract's FP16 kernels on) for
# the vocoder over a WAV's mel, 3 passes minus 1 (loading left out), and the SNR against f32.
#
#   bench/vocoder-f16.sh [WAV]     (default tests/fixtures/sentence.wav)
#
# PROFILE=dev (default) reuses the CI's aarch64 build in target/aarch64; PROFILE=release
# builds an optimized one.
set -euo pipefail
shopt -s inherit_errexit
cd "$(dirname "$0")/.."
wav=$(realpath "${1:-tests/fixtures/sentence.wav}")
voice=$(realpath "${VOICE:-models/voices/joe}")
profile=${PROFILE:-dev}
icount=$(realpath ../shared/tools/icount/icount)
configs=(f32 f16 "f16:==pw" "f16:==pw,dw" "f16:!=inp")

bin=$(
    source targets/aarch64/env.sh
    aarch64_built "$profile" examples/vocoder_f16 -p sotto --example vocoder_f16
)
seconds=$(python3 -c "import wave,sys; w=wave.open(sys.argv[1]); print(w.getnframes()/w.getframerate())" "$wav")
count() {
    "$icount" --cpu cortex-a76 --kind a75 -- "$bin" "$voice" small "$wav" "$1" "$2" 2> "$err" \
        > /dev/null
    sed -n 's/^icount \([0-9]*\)$/\1/p' "$err" | tail -1
}
err=$(mktemp)
trap 'rm -f "$err"' EXIT

echo "small vocoder on qemu cortex-a76 (tract kind a75), $profile build, $(basename "$wav") ($seconds s)"
echo
echo "| nodes in f16 | M instructions per audio s | vs f32 | SNR vs f32 |"
echo "|---|---|---|---|"
base=
for c in "${configs[@]}"; do
    one=$(count 1 "$c")
    snr=$(sed -n 's/.*SNR \([-0-9.]*\) dB.*/\1/p' "$err")
    three=$(count 3 "$c")
    per_s=$(python3 -c "print(($three - $one) / 2 / $seconds)")
    base=${base:-$per_s}
    python3 -c "
c, p, b, snr = '$c', $per_s, $base, '$snr'
label = {'f32': 'none (f32)', 'f16': 'all'}.get(c, c.split(':', 1)[-1])
print(f'| {label} | {p / 1e6:.0f} | {p / b:.2f}x | {snr + \" dB\" if snr else \"—\"} |')"
done
