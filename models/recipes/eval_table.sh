#!/usr/bin/env bash
# Judges an acoustic checkpoint at 1, 2, 4 and 8 flow steps (HiFi-GAN V1, fp32, default
# temperature and seed) and times its acoustic model in tract, one markdown row per step count.
#   models/recipes/eval_table.sh LABEL CKPT [STEPS...]
# Renders through eval_voice.sh into models/work/eval/LABEL-sN/, JOBS (default 2) at a time.
set -euo pipefail
cd "$(dirname "$0")/.."
LABEL=$1 CKPT=$2; shift 2
[ $# -gt 0 ] || set -- 1 2 4 8
STEPS=("$@")
PACK=work/pack-$LABEL
export PACK ACKPT=$CKPT
ONLY_EXPORT=1 recipes/eval_voice.sh "$LABEL"
for n in "${STEPS[@]}"; do
  NO_EXPORT=1 recipes/eval_voice.sh "$LABEL-s$n" --steps "$n" > "work/eval/$LABEL-s$n.log" 2>&1 &
  while [ "$(jobs -r | wc -l)" -ge "${JOBS:-2}" ]; do sleep 5; done
done
wait
rtf=$(../target/release/examples/bench_acoustic "$PACK" ../../shared/eval/sentences-dev.tsv "${STEPS[@]}")
echo "| model | steps | WER | MCD vs teacher | acoustic RTF (tract, 1 thread) |"
echo "|---|---|---|---|---|"
for n in "${STEPS[@]}"; do
  python3 - "$LABEL" "$n" "work/eval/$LABEL-s$n/judge.json" "$rtf" <<'EOF'
import json, re, sys
label, n, path, rtf = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
summary = " ".join(json.load(open(path))["summary"])
wer = re.search(r"WER ([\d.]+)%", summary).group(1)
mcd = re.search(r"MCD ([\d.]+) dB", summary).group(1)
r = next(json.loads(l)["rtf"] for l in rtf.splitlines() if json.loads(l)["steps"] == n)
print(f"| {label} | {n} | {wer}% | {mcd} dB | {r:.4f} |")
EOF
done
