#!/usr/bin/env bash
# Renders a sentence list with a voice pack as users run it (`sotto say --batch`, seed 0) and
# judges it against reference renderings, DNSMOS included.
#   models/recipes/judge_pack.sh PACK NAME REF [other `sotto say` options]
# Writes models/work/eval/NAME/{wav/,judge.json} and prints the render time and the judge's
# summary. SOTTO names the binary, TEXTS the sentence list (default the dev set), LIMIT=N judges
# its first N sentences.
set -euo pipefail
cd "$(dirname "$0")/.."
PACK=$1 NAME=$2 REF=$3
shift 3
SOTTO=${SOTTO:-../target/release/sotto}
TEXTS=${TEXTS:-../../shared/eval/sentences-dev.tsv}
OUT=work/eval/$NAME
mkdir -p "$OUT"
if [ -n "${LIMIT:-}" ]; then
  head -n "$LIMIT" "$TEXTS" > "$OUT/texts.tsv"
  TEXTS=$OUT/texts.tsv
fi
rm -rf "$OUT/wav"
start=$(date +%s.%N)
"$SOTTO" say --voice "$PACK" --batch "$TEXTS" --out-dir "$OUT/wav" --seed 0 "$@"
echo "rendered in $(echo "$(date +%s.%N) - $start" | bc) s"
../../shared/eval/judge --texts "$TEXTS" --wavs "$OUT/wav" --ref "$REF" --mos --json "$OUT/judge.json" \
  | tail -n 4
