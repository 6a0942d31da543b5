#!/usr/bin/env bash
# Exports the current training checkpoints into a scratch pack and judges it on the dev set.
#   models/recipes/eval_voice.sh NAME [--vocoder small|hifigan] [other `sotto say` options]
# Writes models/work/eval/NAME/{wav/,judge.json} and prints the judge's summary. The pack
# (models/work/pack-eval) takes the acoustic model from work/ckpt/acoustic.pt, the small vocoder
# from work/ckpt/vocoder.pt and HiFi-GAN from the shipped pack. The reference renderings are the
# teacher fed with sotto's own ids (work/teacher-sotto-dev), as the model was trained on them.
# Set ACKPT to take another acoustic checkpoint (e.g. work/ckpt/distilled.pt), PACK another
# scratch pack, NO_EXPORT=1 to reuse the pack as it is, ONLY_EXPORT=1 to stop after building it,
# TEXTS to judge another sentence list.
set -euo pipefail
cd "$(dirname "$0")/.."
NAME=$1; shift
PY=.venv/bin/python
SOTTO=${SOTTO:-../target/release/sotto}
TEXTS=${TEXTS:-../../shared/eval/sentences-dev.tsv}
REF=${REF:-work/teacher-sotto-dev}
PACK=${PACK:-work/pack-eval}
ACKPT=${ACKPT:-work/ckpt/acoustic.pt}
OUT=work/eval/$NAME
mkdir -p "$PACK" "$OUT"
if [ -z "${NO_EXPORT:-}" ]; then
  $PY recipes/acoustic/export.py --ckpt "$ACKPT" --pack "$PACK" > /dev/null
  [ -f work/ckpt/vocoder.pt ] && $PY recipes/vocoder/export.py --ckpt work/ckpt/vocoder.pt \
    --out "$PACK/vocoder-small.onnx" > /dev/null
  ln -sf "$(realpath voices/joe/hifigan-v1.onnx)" "$PACK/hifigan-v1.onnx"
  $PY recipes/build_pack.py --pack "$PACK" --extra "$PACK/acoustic.json" > /dev/null
fi
[ -z "${ONLY_EXPORT:-}" ] || exit 0
rm -rf "$OUT/wav"
start=$(date +%s.%N)
"$SOTTO" say --voice "$PACK" --batch "$TEXTS" --out-dir "$OUT/wav" "$@"
echo "rendered in $(echo "$(date +%s.%N) - $start" | bc) s"
../../shared/eval/judge --texts "$TEXTS" --wavs "$OUT/wav" --ref "$REF" --json "$OUT/judge.json" \
  | tail -n 4
