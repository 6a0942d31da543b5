#!/usr/bin/env bash
# The whole voice, Sotto (tract) vs the Piper voice it was distilled from (onnxruntime): load
# time, first-audio latency, RTF and peak RSS, one thread each, same machine and run. Prints a
# markdown table for the README.
#   bench/voice.sh [TEXT_FILE]   (default bench/paragraph.txt; best of 3 runs per system)
# Sotto's times include its text frontend; Piper's exclude phonemization (it is fed the ids
# `sotto phonemize --ids` prints), which favours the peer. RTF is over speech seconds on both
# sides: the silences Sotto inserts between sentences (the voice's sentence_silence) are left
# out of its audio seconds, as Piper's per-sentence synthesis has none.
set -euo pipefail
cd "$(dirname "$0")/.."
TEXT=${1:-bench/paragraph.txt}
PY=models/.venv/bin/python
REPEATS=${REPEATS:-3}
[ -x "$PY" ] || { echo "run models/recipes/setup.sh first (onnxruntime and the Piper voice for the peer)" >&2; exit 1; }
cargo build --release --quiet -p sotto
SOTTO=${CARGO_TARGET_DIR:-target}/release/sotto
VOICE=${VOICE:-models/voices/joe}
tmp=$(mktemp -d)
[ -n "${KEEP:-}" ] || trap 'rm -rf "$tmp"' EXIT

# Runs a command under /usr/bin/time; prints its stdout, its stderr, then "rss_kb N".
measured() { /usr/bin/time -f "rss_kb %M" -o "$tmp/rss" "$@" 2> "$tmp/err" > "$tmp/out"; cat "$tmp/out" "$tmp/err" "$tmp/rss"; }

sotto_row() {
  local label=$1; shift
  local best=""
  for _ in $(seq $REPEATS); do
    local r
    r=$(measured "$SOTTO" say --voice "$VOICE" -v -o "$tmp/a.wav" "$@" < "$TEXT" | $PY -c '
import re, sys, json
s = sys.stdin.read()
silence = json.load(open(sys.argv[1]))["defaults"]["sentence_silence"]
load = float(re.search(r"loaded in ([0-9.]+) ms", s).group(1)) / 1e3
m = re.search(r"(\d+) sentences, ([0-9.]+) s of audio in ([0-9.]+) s \(RTF [0-9.]+\), first audio after ([0-9.]+) ms", s)
speech = float(m.group(2)) - (int(m.group(1)) - 1) * silence
rss = int(re.search(r"rss_kb (\d+)", s).group(1))
print(json.dumps({"load_s": load, "audio_s": speech, "rtf": float(m.group(3)) / speech,
                  "first_audio_s": float(m.group(4)) / 1e3, "rss_kb": rss}))' "$VOICE/voice.json")
    best=$(printf '%s\n%s\n' "$best" "$r" | $PY -c '
import sys, json
rows = [json.loads(l) for l in sys.stdin if l.strip()]
print(json.dumps(min(rows, key=lambda r: r["rtf"])))')
  done
  echo "$label	$best"
}

"$SOTTO" phonemize --voice "$VOICE" --ids < "$TEXT" > "$tmp/ids"
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)
{
  grep -q "vocoder-small" "$VOICE/voice.json" && sotto_row "Sotto fp32, small vocoder" --vocoder small --precision fp32
  sotto_row "Sotto fp32, HiFi-GAN V1" --vocoder hifigan --precision fp32
  grep -q '"teacher-decoder.onnx"' "$VOICE/voice.json" \
    && sotto_row "Sotto fp32, latent path, the teacher's decoder" --vocoder teacher --precision fp32
  grep -q '"vocoder-latent.onnx"' "$VOICE/voice.json" \
    && sotto_row "Sotto fp32, latent path, student vocoder" --vocoder student --precision fp32
  grep -q '"hifi-student.onnx"' "$VOICE/voice.json" \
    && sotto_row "Sotto fp32, latent path, teacher-shaped student" --vocoder hifi-student --precision fp32
  if "$SOTTO" say --help | grep -q int8 && grep -q '"int8"' "$VOICE/voice.json"; then
    sotto_row "Sotto int8, small vocoder" --vocoder small --precision int8
  fi
  peer=$(OMP_NUM_THREADS=1 measured "$PY" bench/piper_ort.py "$tmp/ids" $REPEATS)
  echo "Piper joe-medium, onnxruntime	$(echo "$peer" | $PY -c '
import sys, json, re
s = sys.stdin.read()
row = json.loads(next(l for l in s.splitlines() if l.startswith("{")))
row["rss_kb"] = int(re.search(r"rss_kb (\d+)", s).group(1))
print(json.dumps(row))')"
  base=$(measured "$PY" -c "import numpy, onnxruntime" | sed -n 's/rss_kb //p')
  echo "baseline	{\"rss_kb\": $base}"
} > "$tmp/rows"
$PY - "$tmp/rows" "$cpu" "$(basename "$TEXT")" "$REPEATS" <<'PYEOF'
import json, sys
rows = [l.split("\t", 1) for l in open(sys.argv[1]).read().splitlines()]
rows = {k: json.loads(v) for k, v in rows}
base = rows.pop("baseline")["rss_kb"]
peer = rows["Piper joe-medium, onnxruntime"]
print(f"CPU: {sys.argv[2]}; one thread; text: {sys.argv[3]} ({peer['audio_s']:.1f} s as Piper speaks it); best of {sys.argv[4]}")
print()
print("| system | load s | first audio s | RTF | speed vs Piper | peak RSS MB |")
print("|---|---|---|---|---|---|")
for name, r in rows.items():
    print(f"| {name} | {r['load_s']:.3f} | {r['first_audio_s']:.3f} | {r['rtf']:.4f} | "
          f"{peer['rtf'] / r['rtf']:.2f}x | {r['rss_kb'] / 1024:.0f} |")
print()
print(f"Piper's peak RSS includes the Python interpreter with numpy and onnxruntime imported: "
      f"{base / 1024:.0f} MB on their own.")
PYEOF
