"""Distillation targets for the small vocoder: HiFi-GAN V1 audio for mel segments of the corpus.

    make_targets.py --corpus models/work/corpus-espeak --out models/work/voc-targets --hours 1.5

Each segment is SEGMENT mel frames of a corpus utterance; HiFi-GAN runs on it with CONTEXT frames
on each side (real neighbours, or the utterance edge) and the middle SEGMENT * 256 samples are
kept, so targets equal a whole-utterance HiFi-GAN run. Written in shards (resumable):
OUT/shard-NNN.npz with mel [N, SEGMENT, 80] float16 and audio [N, SEGMENT * 256] int16.
"""

import argparse
import random
import sys
import time
from pathlib import Path

import numpy as np
import torch

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
import corpus as C  # noqa: E402
from hifigan import load_generator  # noqa: E402

SEGMENT = 64
CONTEXT = 24
SHARD = 256


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--hours", type=float, default=1.5)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--seed", type=int, default=3)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    args.out.mkdir(parents=True, exist_ok=True)
    gen = load_generator()
    data = [u for u in C.load(args.corpus) if not C.is_valid_split(u.utt) and u.feats.shape[0] > SEGMENT]
    rng = random.Random(args.seed)
    total = int(args.hours * 3600 * 22050 / 256 / SEGMENT)
    n_shards = (total + SHARD - 1) // SHARD
    t0 = time.time()
    for s in range(n_shards):
        path = args.out / f"shard-{s:03d}.npz"
        srng = random.Random(args.seed * 1000 + s)
        if path.exists():
            continue
        mels, audios = [], []
        for _ in range(SHARD):
            u = data[srng.randrange(len(data))]
            T = u.feats.shape[0]
            a = srng.randrange(T - SEGMENT + 1)
            lo, hi = max(0, a - CONTEXT), min(T, a + SEGMENT + CONTEXT)
            mel = torch.from_numpy(u.feats[lo:hi].astype(np.float32).T)[None]
            with torch.no_grad():
                audio = gen(mel)[0, 0].numpy()
            off = (a - lo) * 256
            audios.append((np.clip(audio[off : off + SEGMENT * 256], -1, 1) * 32767).round().astype(np.int16))
            mels.append(u.feats[a : a + SEGMENT])
        np.savez(path, mel=np.stack(mels), audio=np.stack(audios))
        done = (s + 1) * SHARD * SEGMENT * 256 / 22050 / 3600
        print(f"shard {s + 1}/{n_shards}: {done:.2f} h, {time.time() - t0:.0f}s", flush=True)


if __name__ == "__main__":
    main()
