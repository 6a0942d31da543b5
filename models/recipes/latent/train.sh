#!/usr/bin/env bash
# Starts (or resumes) the latent path's jobs in the background, logs in models/work/logs:
# the corpus rendered at noise_scale 0 with the teacher's latent beside the audio, then the
# student vocoder on the teacher decoder's audio. (The latent path's acoustic side is the
# teacher's own text encoder, durations and flow, export_prior.py --teacher-encoder
# --teacher-durations: nothing to train. The
# phoneme prior that imitated the encoder, latent/train_prior.py, resumes from
# checkpoints/phoneme-prior.pt when run by hand.) Each job skips what is done and resumes from
# its checkpoint, else from the snapshot committed in models/checkpoints/. The student is the
# shipped one (hifi-student.onnx): the teacher's decoder pruned to half width with an iSTFT tail
# (vocoder/hifi_student.py --tail istft), stage 1 widened to 96 channels, log-mel loss since step
# 12,800, resuming from checkpoints/hifi-istft.pt. STUDENT=hifi trains the half-width student
# with the teacher's own tail instead, STUDENT=istft the iSTFT ConvNeXt student
# (vocoder/train_latent.py). (The earlier acoustic model toward `z`, acoustic/train.py --target
# latent, resumes from checkpoints/acoustic-latent.pt.)
#   models/recipes/latent/train.sh [SOTTO_BINARY]
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -x .venv/bin/python ] || recipes/setup.sh
PY=.venv/bin/python
SOTTO=${1:-../target/release/sotto}
[ -x "$SOTTO" ] || (cd .. && cargo build --release -p sotto)
mkdir -p work/logs work/ckpt
init() { [ -f "checkpoints/$1" ] && echo "checkpoints/$1" || echo "checkpoints/$2"; }
nohup nice -n 5 $PY recipes/render_teacher.py --texts corpus/texts.tsv --out work/corpus-latent \
  --phonemizer sotto --sotto "$SOTTO" --voice voices/joe --jobs 2 --align --latent --limit 8000 \
  >> work/logs/render-latent.log 2>&1 &
wait $!
if [ "${STUDENT:-hifi-istft}" = istft ]; then
  nohup nice -n 10 $PY recipes/vocoder/train_latent.py --corpus work/corpus-latent \
    --ckpt work/ckpt/vocoder-latent.pt --init "$(init vocoder-latent.pt vocoder-gan.pt)" \
    --steps 40000 --batch 8 --threads 1 >> work/logs/vocoder-latent.log 2>&1 &
elif [ "${STUDENT:-hifi-istft}" = hifi-istft ]; then
  HIFI_INIT=checkpoints/hifi-istft.pt
  [ -f "$HIFI_INIT" ] || { HIFI_INIT=work/ckpt/hifi-istft-init.pt
    $PY recipes/vocoder/hifi_student.py --tail istft --from checkpoints/hifi-student.pt --out "$HIFI_INIT" \
      >> work/logs/hifi-istft.log 2>&1; }
  nohup nice -n 10 $PY recipes/vocoder/train_hifi_student.py --corpus work/corpus-latent \
    --ckpt work/ckpt/hifi-istft.pt --init "$HIFI_INIT" --steps 36000 --batch 8 --threads 1 --mel-weight 15 \
    >> work/logs/hifi-istft.log 2>&1 &
else
  HIFI_INIT=checkpoints/hifi-student.pt
  if [ ! -f "$HIFI_INIT" ]; then
    HIFI_INIT=work/ckpt/hifi-init.pt
    [ -f "$HIFI_INIT" ] || $PY recipes/vocoder/hifi_student.py --teacher voices/joe/teacher-decoder.onnx \
      --latents work/corpus-latent --width 0.5 --out "$HIFI_INIT" >> work/logs/hifi-student.log 2>&1
  fi
  nohup nice -n 10 $PY recipes/vocoder/train_hifi_student.py --corpus work/corpus-latent \
    --ckpt work/ckpt/hifi-student.pt --init "$HIFI_INIT" --steps 20000 --batch 8 --threads 1 \
    >> work/logs/hifi-student.log 2>&1 &
fi
echo "started; logs in models/work/logs"
