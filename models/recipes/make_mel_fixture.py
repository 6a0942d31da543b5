"""Writes the mel-analysis fixture: a short teacher-voice wav and its reference log-mel.

    make_mel_fixture.py TEACHER.wav  ->  tests/fixtures/speech.wav, tests/fixtures/speech.mel
The .mel file is little-endian f32, frames x 80, from melspec.py (numpy + librosa's basis).
"""

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import melspec  # noqa: E402
from teacher import write_wav  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]

audio = melspec.read_wav(sys.argv[1])
start = 256 * 40
clip = audio[start : start + 256 * 48]
out = ROOT / "tests" / "fixtures"
write_wav(out / "speech.wav", clip)
clip16 = melspec.read_wav(out / "speech.wav")
mel = melspec.log_mel(clip16)
mel.astype("<f4").tofile(out / "speech.mel")
print(mel.shape, float(mel.min()), float(mel.max()))
