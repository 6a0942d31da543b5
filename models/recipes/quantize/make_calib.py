"""Calibration / held-out inputs for `sotto-quantize` on the HiFi-GAN vocoder.

Writes `[1, 80, T]` float32 log-mel `.npy` files (one file per sample, the file stem is the
sample name) computed with `models/recipes/melspec.py` from teacher speech:

    models/.venv/bin/python models/recipes/quantize/make_calib.py \
        --wavs models/work/teacher-dev --out models/work/quant/hifigan \
        --frames 96 --calib 16 --heldout 8

Calibration samples come from the first wavs (sorted), held-out ones from the last, so the two
sets never share an utterance.
"""

import argparse
import pathlib
import sys

import numpy as np

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))
from melspec import log_mel, read_wav  # noqa: E402


def segments(wavs, n, frames, rng):
    out = []
    for w in wavs:
        if len(out) >= n:
            break
        mel = log_mel(read_wav(w))  # [frames, 80]
        if mel.shape[0] < frames:
            continue
        start = int(rng.integers(0, mel.shape[0] - frames + 1))
        out.append((w.stem, mel[start : start + frames].T[None].astype(np.float32)))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--wavs", type=pathlib.Path, required=True)
    ap.add_argument("--out", type=pathlib.Path, required=True)
    ap.add_argument("--frames", type=int, default=96)
    ap.add_argument("--calib", type=int, default=16)
    ap.add_argument("--heldout", type=int, default=8)
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    rng = np.random.default_rng(a.seed)
    wavs = sorted(a.wavs.glob("*.wav"))
    cal = segments(wavs, a.calib, a.frames, rng)
    held = segments(list(reversed(wavs)), a.heldout, a.frames, rng)
    for sub, items in (("calib", cal), ("heldout", held)):
        d = a.out / sub
        d.mkdir(parents=True, exist_ok=True)
        for stem, m in items:
            np.save(d / f"{stem}.npy", m)
        print(f"{d}: {len(items)} x {items[0][1].shape}")


if __name__ == "__main__":
    main()
