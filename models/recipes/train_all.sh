#!/usr/bin/env bash
# Starts (or resumes) every long job of the voice in the background, niced, with logs in
# models/work/logs: corpus rendering with sotto's own phoneme ids, HiFi-GAN distillation
# targets, acoustic-model training then its few-step distillation, and small-vocoder training.
# Each job skips what is done and resumes from its checkpoint (or from the committed snapshot
# in models/checkpoints/).
#   models/recipes/train_all.sh [SOTTO_BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || recipes/setup.sh
PY=.venv/bin/python
SOTTO=${1:-../target/release/sotto}
[ -x "$SOTTO" ] || (cd .. && cargo build --release -p sotto) 
mkdir -p work/logs work/ckpt
nohup nice -n 5 $PY recipes/render_teacher.py --texts corpus/texts.tsv --out work/corpus-sotto \
  --phonemizer sotto --sotto "$SOTTO" --voice voices/joe --jobs 2 --align --limit 8000 \
  >> work/logs/render-sotto.log 2>&1 &
wait $!
nohup nice -n 5 $PY recipes/vocoder/make_targets.py --corpus work/corpus-sotto --out work/voc-targets \
  --hours 1.0 >> work/logs/voc-targets.log 2>&1 &
nohup nice -n 5 bash -c "$PY recipes/acoustic/train.py --corpus work/corpus-sotto --ckpt work/ckpt/acoustic.pt \
    --init checkpoints/acoustic.pt --steps 5000 --threads 1 >> work/logs/acoustic-sotto.log 2>&1 &&
  $PY recipes/acoustic/distill.py --corpus work/corpus-sotto --teacher work/ckpt/acoustic.pt \
    --ckpt work/ckpt/distilled.pt --steps 1500 >> work/logs/distill.log 2>&1" &
# Small vocoder in two stages: 6 blocks, then grown to 12 (the new blocks start as identities).
# The committed snapshot is the end of stage 2, so with it only stage 2 resumes (and is done).
if [ -f checkpoints/vocoder.pt ]; then
  nohup nice -n 10 $PY recipes/vocoder/train.py --targets work/voc-targets --ckpt work/ckpt/vocoder12.pt \
    --init checkpoints/vocoder.pt --blocks 12 --steps 15000 --lr 5e-4 --warmup 300 --threads 1 \
    >> work/logs/vocoder12.log 2>&1 &
else
  nohup nice -n 10 bash -c "$PY recipes/vocoder/train.py --targets work/voc-targets --ckpt work/ckpt/vocoder.pt \
      --blocks 6 --steps 20000 --threads 1 >> work/logs/vocoder.log 2>&1 &&
    $PY recipes/vocoder/train.py --targets work/voc-targets --ckpt work/ckpt/vocoder12.pt \
      --grow-from work/ckpt/vocoder.pt --blocks 12 --steps 15000 --lr 5e-4 --warmup 300 --threads 1 \
      >> work/logs/vocoder12.log 2>&1" &
fi
echo "started; logs in models/work/logs"
