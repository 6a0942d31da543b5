#!/usr/bin/env bash
# What the voice costs on the boards' CPUs, in aarch64 instructions per second of audio,
# counted under qemu-user with ../shared/tools/icount (a proxy for time: see its header).
#
#   bench/arm-cost.sh [TEXT_FILE]     (default bench/paragraph.txt)
#   VOCODER=teacher bench/arm-cost.sh  another vocoder of the pack (default: the voice's)
#
# Cross-builds `sotto` for aarch64 (PROFILE=release by default; PROFILE=dev reuses the CI's
# build in target/aarch64), then for each precision the shipped pack has and each CPU
# (cortex-a72 as tract's a72 kind: Pi 4; cortex-a76 as its a75 kind, FP16 and dot product:
# Pi 5) counts:
#   whole voice  `say` on TEXT_FILE minus `say` on one word (loading and start-up), per audio s
#   vocoder      `resynth` of a 3 s WAV minus a 0.1 s WAV, per audio s (mel vocoders only:
#                `resynth` analyses log-mel, so a latent vocoder's columns stay empty)
#   acoustic     whole voice minus vocoder (text frontend, encoder, prior, 2 decoder steps)
#   load         `warmup`: reading the pack, checking its files, planning every network, nothing
#                spoken; the files' checksums remembered from an earlier run, as at every start
#                but the first
#   load, hashing  the same with nothing remembered: every model file hashed
#   first word   the one-word run: loading plus one word spoken (every network runs one window)
# and prints a markdown table, then as its last line
#   arm-cost: cortex-a76 PREC RATIO MPS cortex-a72 PREC RATIO MPS
# (each CPU's cheapest precision for the whole voice, its ratio to fp32, and the whole voice's
# millions of instructions per audio second at that precision).
set -euo pipefail
shopt -s inherit_errexit
# A user's run: with these set, tract captures a backtrace for each error it makes and discards
# while optimizing (+9% instructions at load).
unset RUST_BACKTRACE RUST_LIB_BACKTRACE
cd "$(dirname "$0")/.."
text=$(realpath "${1:-bench/paragraph.txt}")
voice=$(realpath "${VOICE:-models/voices/joe}")
vocoder=${VOCODER:-$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["defaults"]["vocoder"])' "$voice/voice.json")}
interface=$(python3 -c 'import json, sys
print(next(m.get("interface", "mel") for m in json.load(open(sys.argv[1]))["models"]
           if m["role"] == "vocoder" and m["name"] == sys.argv[2]))' "$voice/voice.json" "$vocoder")
profile=${PROFILE:-release}
icount=$(realpath ../shared/tools/icount/icount)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SOTTO_CACHE_DIR=$work/cache

bin=$(source targets/aarch64/env.sh && aarch64_built "$profile" sotto -p sotto --bin sotto)
python3 - "$work" <<'EOF'
import struct, sys, wave
for name, seconds in (("short.wav", 0.1),):
    with wave.open(f"{sys.argv[1]}/{name}", "wb") as w:
        w.setnchannels(1); w.setsampwidth(2); w.setframerate(22050)
        w.writeframes(struct.pack("<h", 0) * int(22050 * seconds))
EOF
long_wav=tests/fixtures/sentence.wav

# count CPU KIND ARGS... -> instructions (the program's stderr goes to $work/err)
count() {
    local cpu=$1 kind=$2
    shift 2
    "$icount" --cpu "$cpu" --kind "$kind" -- "$bin" "$@" > /dev/null 2> "$work/err"
    sed -n 's/^icount \([0-9]*\)$/\1/p' "$work/err" | tail -1
}
seconds() { python3 -c "import wave,sys; w=wave.open(sys.argv[1]); print(w.getnframes()/w.getframerate())" "$1"; }

precisions=(fp32)
# int8 when a model on the chosen vocoder's path (its interface, or the shared encoder) has it.
python3 -c 'import json, sys
sys.exit(not any(m["precision"] == "int8" and (m["role"] == "encoder" or m.get("interface", "mel") == sys.argv[2])
                 for m in json.load(open(sys.argv[1]))["models"]))' "$voice/voice.json" "$interface" \
    && precisions+=(int8)
rows=$work/rows
for cpu_kind in cortex-a76:a75 cortex-a72:a72; do
    cpu=${cpu_kind%:*} kind=${cpu_kind#*:}
    for p in "${precisions[@]}"; do
        pick=(--precision "$p" --vocoder "$vocoder")
        hashing=$(count "$cpu" "$kind" warmup --voice "$voice" "${pick[@]}" \
            --cache-dir "$work/fresh-$cpu-$p")
        count "$cpu" "$kind" warmup --voice "$voice" "${pick[@]}" > /dev/null
        say=(say --voice "$voice" "${pick[@]}")
        whole=$(count "$cpu" "$kind" "${say[@]}" -o "$work/long.wav" < "$text")
        word=$(count "$cpu" "$kind" "${say[@]}" -o "$work/word.wav" "Hello.")
        load=$(count "$cpu" "$kind" warmup --voice "$voice" "${pick[@]}")
        voc_long=- voc_short=- short_secs=-
        if [[ $interface == mel ]]; then
            voc=(resynth --voice "$voice" "${pick[@]}")
            voc_long=$(count "$cpu" "$kind" "${voc[@]}" "$long_wav" -o "$work/r.wav")
            voc_short=$(count "$cpu" "$kind" "${voc[@]}" "$work/short.wav" -o "$work/r.wav")
            short_secs=$(seconds "$work/r.wav")
        fi
        echo "$cpu $p $whole $word $load $hashing $(seconds "$work/long.wav") $(seconds "$work/word.wav") \
$voc_long $voc_short $short_secs $(seconds "$long_wav")" >> "$rows"
    done
done

python3 - "$rows" "$profile" "$(basename "$text")" "$vocoder" <<'EOF'
import sys
rows = [l.split() for l in open(sys.argv[1])]
print(f"aarch64 instructions per second of audio (qemu-user + icount; {sys.argv[2]} build; "
      f"text {sys.argv[3]}; vocoder {sys.argv[4]}); G = 10^9, M = 10^6")
print()
print("| CPU | precision | whole voice M/s | acoustic M/s | vocoder M/s | vs fp32 | load G "
      "| load, hashing G | first word G |")
print("|---|---|---|---|---|---|---|---|---|")
cost = {}
for cpu, p, whole, word, load, hashing, secs, word_secs, vl, vs, short_secs, long_secs in rows:
    whole, word, load, hashing = map(int, (whole, word, load, hashing))
    secs, word_secs, long_secs = map(float, (secs, word_secs, long_secs))
    per_s = (whole - word) / (secs - word_secs)
    split = "| — | — "
    if vl != "-":
        voc = (int(vl) - int(vs)) / (long_secs - float(short_secs))
        split = f"| {(per_s - voc) / 1e6:.0f} | {voc / 1e6:.0f} "
    cost[cpu, p] = per_s
    base = cost.get((cpu, "fp32"), per_s)
    print(f"| {cpu} | {p} | {per_s / 1e6:.0f} {split}| "
          f"{per_s / base:.2f}x | {load / 1e9:.2f} | {hashing / 1e9:.2f} | {word / 1e9:.2f} |")
line = ["arm-cost:"]
for cpu in ("cortex-a76", "cortex-a72"):
    p = min((k[1] for k in cost if k[0] == cpu), key=lambda p: cost[cpu, p])
    line += [cpu, p, f"{cost[cpu, p] / cost[cpu, 'fp32']:.2f}", f"{cost[cpu, p] / 1e6:.0f}"]
print()
print(" ".join(line))
EOF
