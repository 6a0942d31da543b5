#!/usr/bin/env bash
# Exports the latent acoustic checkpoint into a scratch pack beside the shipped models and judges
# the whole voice on the dev set, rendered by `sotto say --batch` (seed 0) as users run it.
#   models/recipes/latent/eval_voice.sh NAME [--vocoder teacher|student] [other `sotto say` options]
# Writes models/work/eval/NAME/{wav/,judge.json} and prints the judge's summary (with DNSMOS,
# recipes/judge_pack.sh).
# The pack (models/work/pack-latent) takes the shipped pack's files, the teacher's decoder
# (export_decoder.py), the acoustic model from ACKPT (default work/ckpt/acoustic-latent.pt) and,
# when STUDENT_CKPT (default work/ckpt/vocoder-latent.pt) exists, the student vocoder; with HIFI_CKPT
# the teacher-shaped student (vocoder `hifi-student`). References: the teacher's own
# renderings of the dev set (work/dev-teacher). With PRIOR_CKPT (a train_prior.py checkpoint) the
# latent path is the phoneme prior and the teacher's flow (export_prior.py) instead of ACKPT;
# with PRIOR_CKPT=teacher it is the teacher's own text encoder, durations and flow (the shipped form).
# NO_EXPORT=1 reuses the pack, TEXTS judges another sentence list, LIMIT=N judges its first N
# sentences.
set -euo pipefail
cd "$(dirname "$0")/../.."
NAME=$1; shift
PY=.venv/bin/python
REF=${REF:-work/dev-teacher}
PACK=${PACK:-work/pack-latent}
ACKPT=${ACKPT:-work/ckpt/acoustic-latent.pt}
STUDENT_CKPT=${STUDENT_CKPT:-work/ckpt/vocoder-latent.pt}
mkdir -p "$PACK"
if [ -z "${NO_EXPORT:-}" ]; then
  for f in voices/joe/*.onnx voices/joe/acoustic.json; do
    case $(basename "$f") in
      prior-latent.onnx | decoder-latent.onnx | vocoder-latent.onnx | encoder-latent.onnx | flow-latent.onnx \
        | hifi-student.onnx) ;;
      *) ln -sf "$(realpath "$f")" "$PACK/" ;;
    esac
  done
  rm -f "$PACK"/{prior,decoder,vocoder,encoder,flow}-latent.onnx "$PACK/hifi-student.onnx"
  [ -f "$PACK/teacher-decoder.onnx" ] || $PY recipes/latent/export_decoder.py --pack "$PACK" > /dev/null
  if [ "${PRIOR_CKPT:-}" = teacher ]; then
    $PY recipes/latent/export_prior.py --teacher-encoder --teacher-durations --pack "$PACK" > /dev/null 2>&1
  elif [ -n "${PRIOR_CKPT:-}" ]; then
    $PY recipes/latent/export_prior.py --ckpt "$PRIOR_CKPT" --pack "$PACK" > /dev/null 2>&1
  else
    $PY recipes/acoustic/export.py --ckpt "$ACKPT" --pack "$PACK" --check-encoder voices/joe/encoder.onnx \
      > /dev/null 2>&1
  fi
  [ -f "$STUDENT_CKPT" ] && $PY recipes/vocoder/export.py --ckpt "$STUDENT_CKPT" \
    --out "$PACK/vocoder-latent.onnx" > /dev/null 2>&1
  [ -z "${HIFI_CKPT:-}" ] || $PY recipes/vocoder/export.py --ckpt "$HIFI_CKPT" --out "$PACK/hifi-student.onnx" \
    > /dev/null 2>&1
  $PY recipes/build_pack.py --pack "$PACK" --extra "$PACK/acoustic.json" \
    --extra "$PACK/acoustic-latent.json" > /dev/null
fi
exec recipes/judge_pack.sh "$PACK" "$NAME" "$REF" "$@"
