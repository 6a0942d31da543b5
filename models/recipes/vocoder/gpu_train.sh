#!/usr/bin/env bash
# Trains the small vocoder against the teacher's audio on an NVIDIA GPU machine, self-contained:
# no network, only python3 with torch (and soundfile wheels in DATA/wheels for FLAC).
#   gpu_train.sh DATA OUT [MINUTES] [QAT_MINUTES] [BATCH] [TRAIN_GAN_ARGS…]
# DATA is what make_gan_data.py wrote (audio/*.flac, mel_basis.npy) plus init.pt (the generator
# to start from), optionally d.pt (discriminators to resume), and wheels/. OUT receives the
# generator (g-*.pt), discriminators (d.pt), the quantization-aware generator (qat/) and log.txt.
set -euo pipefail
data=$1 out=$2 minutes=${3:-6} qat=${4:-1.5} batch=${5:-32}
shift $(( $# < 5 ? $# : 5 ))
resume_d=()
[ -f "$data/d.pt" ] && resume_d=(--init-d "$data/d.pt")
mkdir -p "$out"
if ls "$data"/wheels/*.whl >/dev/null 2>&1; then
  python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade \
    --target /tmp/site "$data"/wheels/*.whl
  export PYTHONPATH=/tmp/site
fi
nvidia-smi -L || true
PYTHONUNBUFFERED=1 python3 "$(dirname "$0")/train_gan.py" --audio "$data/audio" \
  --basis "$data/mel_basis.npy" --init "$data/init.pt" --out "$out" \
  --minutes "$minutes" --qat-minutes "$qat" --batch "$batch" "${resume_d[@]}" "$@" 2>&1 | tee "$out/log.txt"
