#!/usr/bin/env bash
# Vocoder speed, tract vs onnxruntime, same ONNX and windows, one thread each, same machine and
# run. Prints a markdown table for the README.
#   bench/vocoder.sh [VOCODER...]   (default: every vocoder of the shipped voice)
set -euo pipefail
cd "$(dirname "$0")/.."
VOICE=models/voices/joe
WAV=tests/fixtures/sentence.wav
PY=models/.venv/bin/python
[ -x "$PY" ] || { echo "run models/recipes/setup.sh first (onnxruntime for the peer)" >&2; exit 1; }
cargo build --release --quiet --example bench_vocoder
names=("$@")
[ ${#names[@]} -gt 0 ] || mapfile -t names < <($PY -c "import json;[print(m['name']) for m in json.load(open('$VOICE/voice.json'))['models'] if m['role']=='vocoder']" | uniq)
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)
echo "CPU: $cpu; one thread; input $(basename $WAV); best of 3"
echo
echo "| vocoder | tract RTF | onnxruntime RTF | tract / ort | tract load s | ort load s |"
echo "|---|---|---|---|---|---|"
for n in "${names[@]}"; do
  t=$(RAYON_NUM_THREADS=1 target/release/examples/bench_vocoder "$VOICE" "$n" "$WAV" 3)
  o=$(OMP_NUM_THREADS=1 $PY bench/ort_vocoder.py "$VOICE" "$n" "$WAV" 3)
  $PY - "$t" "$o" <<'PYEOF'
import json, sys
t, o = json.loads(sys.argv[1]), json.loads(sys.argv[2])
print(f"| {t['vocoder']} | {t['rtf']:.3f} | {o['rtf']:.3f} | {t['rtf'] / o['rtf']:.2f}x | {t['load_s']:.2f} | {o['load_s']:.2f} |")
PYEOF
done
