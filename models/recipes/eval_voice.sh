#!/usr/bin/env bash
# Exports the current training checkpoints into a scratch pack and judges it on the dev set.
#   models/recipes/eval_voice.sh NAME [--vocoder small|hifigan] [other `sotto say` options]
# Writes models/work/eval/NAME/{wav/,judge.json} and prints the judge's summary
# (recipes/judge_pack.sh, DNSMOS included). The pack
# (models/work/pack-eval) takes the acoustic model from work/ckpt/acoustic.pt, the small vocoder
# from work/ckpt/vocoder.pt and HiFi-GAN from the shipped pack. The reference renderings are the
# teacher fed with sotto's own ids (work/teacher-sotto-dev), as the model was trained on them.
# Set ACKPT to take another acoustic checkpoint (e.g. work/ckpt/distilled.pt), PACK another
# scratch pack, NO_EXPORT=1 to reuse the pack as it is, ONLY_EXPORT=1 to stop after building it,
# TEXTS to judge another sentence list, LIMIT=N its first N sentences.
set -euo pipefail
cd "$(dirname "$0")/.."
NAME=$1; shift
PY=.venv/bin/python
REF=${REF:-work/teacher-sotto-dev}
PACK=${PACK:-work/pack-eval}
ACKPT=${ACKPT:-work/ckpt/acoustic.pt}
mkdir -p "$PACK"
if [ -z "${NO_EXPORT:-}" ]; then
  $PY recipes/acoustic/export.py --ckpt "$ACKPT" --pack "$PACK" > /dev/null
  [ -f work/ckpt/vocoder.pt ] && $PY recipes/vocoder/export.py --ckpt work/ckpt/vocoder.pt \
    --out "$PACK/vocoder-small.onnx" > /dev/null
  ln -sf "$(realpath voices/joe/hifigan-v1.onnx)" "$PACK/hifigan-v1.onnx"
  $PY recipes/build_pack.py --pack "$PACK" --extra "$PACK/acoustic.json" > /dev/null
fi
[ -z "${ONLY_EXPORT:-}" ] || exit 0
exec recipes/judge_pack.sh "$PACK" "$NAME" "$REF" "$@"
