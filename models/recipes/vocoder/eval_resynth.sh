#!/usr/bin/env bash
# Judges a small-vocoder checkpoint by resynthesis of the dev-set teacher renderings, the way
# the runtime runs it (exported ONNX, `sotto resynth --vocoder small`, streaming windows).
#   models/recipes/vocoder/eval_resynth.sh NAME [CKPT]   (CKPT default work/ckpt/vocoder.pt)
#   VOCODER=hifigan models/recipes/vocoder/eval_resynth.sh NAME   (the yardstick, same path)
# Writes models/work/eval/NAME/{wav/,judge.json} and prints the judge's summary. The scratch
# pack (models/work/pack-eval, or $PACK) gets the exported vocoder; its other files are kept.
set -euo pipefail
cd "$(dirname "$0")/../.."
NAME=$1
CKPT=${2:-work/ckpt/vocoder.pt}
PY=.venv/bin/python
SOTTO=${SOTTO:-../target/release/sotto}
TEXTS=${TEXTS:-../../shared/eval/sentences-dev.tsv}
REF=${REF:-work/teacher-sotto-dev}
PACK=${PACK:-work/pack-eval}
OUT=work/eval/$NAME
mkdir -p "$PACK" "$OUT"
VOCODER=${VOCODER:-small}
if [ "$VOCODER" = small ]; then
  $PY recipes/vocoder/export.py --ckpt "$CKPT" --out "$PACK/vocoder-small.onnx"
  $PY recipes/build_pack.py --pack "$PACK" --extra "$PACK/acoustic.json" > /dev/null
fi
rm -rf "$OUT/wav"
mkdir -p "$OUT/wav"
for f in "$REF"/*.wav; do
  "$SOTTO" resynth --voice "$PACK" --vocoder "$VOCODER" "$f" -o "$OUT/wav/$(basename "$f")"
done
../../shared/eval/judge --texts "$TEXTS" --wavs "$OUT/wav" --ref "$REF" --json "$OUT/judge.json" \
  | tail -n 1
