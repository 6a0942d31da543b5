#!/usr/bin/env bash
# Starts (or resumes) the latent path's jobs in the background, logs in models/work/logs:
# the corpus rendered at noise_scale 0 with the teacher's latent beside the audio, then the
# acoustic model toward the latent (the shipped encoder frozen) and the student vocoder on the
# teacher decoder's audio. Each job skips what is done and resumes from its checkpoint, else from
# the snapshot committed in models/checkpoints/.
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
nohup nice -n 10 $PY recipes/acoustic/train.py --target latent --freeze-encoder \
  --encoder-onnx voices/joe/encoder.onnx --corpus work/corpus-latent --ckpt work/ckpt/acoustic-latent.pt \
  --init "$(init acoustic-latent.pt acoustic.pt)" --steps 8000 --threads 1 \
  >> work/logs/acoustic-latent.log 2>&1 &
nohup nice -n 10 $PY recipes/vocoder/train_latent.py --corpus work/corpus-latent \
  --ckpt work/ckpt/vocoder-latent.pt --init "$(init vocoder-latent.pt vocoder-gan.pt)" \
  --steps 40000 --batch 8 --threads 1 >> work/logs/vocoder-latent.log 2>&1 &
echo "started; logs in models/work/logs"
