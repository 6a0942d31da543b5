"""The rendered corpus as training arrays: phoneme ids, teacher durations and log-mels.

Each rendered utterance DIR/<id>.wav + DIR/<id>.npz gets its mel cached as DIR/<id>.mel.npy
(float16, frames x 80). `load(DIR)` returns every utterance whose frames match its durations.
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
    mel: np.ndarray


def is_valid_split(utt: str) -> bool:
    return zlib.crc32(utt.encode()) % VALID_EVERY == 0


def load(corpus: Path, limit: int = 0):
    out = []
    for meta in sorted(corpus.glob("*.npz")):
        utt = meta.stem
        wav = corpus / f"{utt}.wav"
        if not wav.exists():
            continue
        cache = corpus / f"{utt}.mel.npy"
        try:
            d = np.load(meta)
            if cache.exists():
                mel = np.load(cache)
            else:
                mel = melspec.log_mel(melspec.read_wav(wav)).astype(np.float16)
                np.save(cache, mel)
        except (OSError, ValueError, EOFError):
            continue
        ids, dur = d["ids"].astype(np.int64), d["durations"].astype(np.int64)
        if mel.shape[0] != int(dur.sum()) or len(ids) != len(dur):
            continue
        out.append(Utterance(utt, ids, dur, mel))
        if limit and len(out) >= limit:
            break
    return out
