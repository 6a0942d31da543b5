"""The rendered corpus as training arrays: phoneme ids, teacher durations and frame targets.

The frame target is the log-mel (`target="mel"`: each DIR/<id>.wav gets its mel cached as
DIR/<id>.mel.npy, float16, frames x 80) or the teacher's noise-free latent (`target="latent"`:
DIR/<id>.z.npy written by `render_teacher.py --latent`, float16, frames x 192). `load(DIR)`
returns every utterance whose frames match its durations.
"""

import sys
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import melspec  # noqa: E402

VALID_EVERY = 100


@dataclass
class Utterance:
    utt: str
    ids: np.ndarray
    durations: np.ndarray
    feats: np.ndarray


def is_valid_split(utt: str) -> bool:
    return zlib.crc32(utt.encode()) % VALID_EVERY == 0


TARGETS = ("mel", "latent")


def load(corpus: Path, limit: int = 0, target: str = "mel"):
    assert target in TARGETS, target
    out = []
    for meta in sorted(corpus.glob("*.npz")):
        utt = meta.stem
        wav = corpus / f"{utt}.wav"
        if not wav.exists():
            continue
        cache = corpus / (f"{utt}.mel.npy" if target == "mel" else f"{utt}.z.npy")
        try:
            d = np.load(meta)
            if cache.exists():
                feats = np.load(cache)
            elif target == "mel":
                feats = melspec.log_mel(melspec.read_wav(wav)).astype(np.float16)
                np.save(cache, feats)
            else:
                continue
        except (OSError, ValueError, EOFError):
            continue
        ids, dur = d["ids"].astype(np.int64), d["durations"].astype(np.int64)
        if feats.shape[0] != int(dur.sum()) or len(ids) != len(dur):
            continue
        out.append(Utterance(utt, ids, dur, feats))
        if limit and len(out) >= limit:
            break
    return out
