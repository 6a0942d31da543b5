#!/usr/bin/env bash
# Starts (or resumes) the latent path's jobs in the background, logs in models/work/logs:
# the corpus rendered at noise_scale 0 with the teacher's latent beside the audio, the teacher's
# phoneme-level prior mean for it and for the rest of the corpus texts (ids only), then the
# phoneme prior (the latent path's acoustic model: its `m_p` goes through the teacher's flow) and
# the student vocoder on the teacher decoder's audio. Each job skips what is done and resumes from
# its checkpoint, else from the snapshot committed in models/checkpoints/. The student is the
# teacher-shaped one (vocoder/hifi_student.py: the teacher's decoder at half width, pruned from
# it); STUDENT=hifi-istft trains its variant with an iSTFT tail (hifi_student.py --tail istft,
# resuming from checkpoints/hifi-istft.pt: stage 1 widened to 96 channels, with the log-mel loss
# since step 12,800), STUDENT=istft the iSTFT ConvNeXt student
# (vocoder/train_latent.py) instead. (The
# earlier acoustic model toward `z`, acoustic/train.py --target latent, resumes from
# checkpoints/acoustic-latent.pt.)
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
nice -n 5 $PY recipes/latent/teacher_prior.py --corpus work/corpus-latent >> work/logs/teacher-prior.log 2>&1
nice -n 5 $PY recipes/latent/teacher_prior.py --corpus work/corpus-prior --texts corpus/texts.tsv --skip 8000 \
  --sotto "$SOTTO" --check 0 >> work/logs/teacher-prior.log 2>&1
DEV=(); [ -d work/dev-latent ] && DEV=(--dev work/dev-latent)
nohup nice -n 5 $PY recipes/latent/train_prior.py --corpus work/corpus-latent --corpus work/corpus-prior \
  "${DEV[@]}" --ckpt work/ckpt/prior-attn.pt --init checkpoints/phoneme-prior.pt --steps 10000 --batch 16 \
  --channels 256 --hidden 768 --blocks 6 --attention 2 --crop 256 --threads 1 --eval-every 500 \
  >> work/logs/prior-attn.log 2>&1 &
if [ "${STUDENT:-hifi}" = istft ]; then
  nohup nice -n 10 $PY recipes/vocoder/train_latent.py --corpus work/corpus-latent \
    --ckpt work/ckpt/vocoder-latent.pt --init "$(init vocoder-latent.pt vocoder-gan.pt)" \
    --steps 40000 --batch 8 --threads 1 >> work/logs/vocoder-latent.log 2>&1 &
elif [ "${STUDENT:-hifi}" = hifi-istft ]; then
  HIFI_INIT=checkpoints/hifi-istft.pt
  [ -f "$HIFI_INIT" ] || { HIFI_INIT=work/ckpt/hifi-istft-init.pt
    $PY recipes/vocoder/hifi_student.py --tail istft --from checkpoints/hifi-student.pt --out "$HIFI_INIT" \
      >> work/logs/hifi-istft.log 2>&1; }
  nohup nice -n 10 $PY recipes/vocoder/train_hifi_student.py --corpus work/corpus-latent \
    --ckpt work/ckpt/hifi-istft.pt --init "$HIFI_INIT" --steps 30000 --batch 8 --threads 1 --mel-weight 15 \
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
