"""Trains the teacher-shaped student (hifi_student.py) on the teacher decoder's audio.

    train_hifi_student.py --corpus models/work/corpus-latent --ckpt models/work/ckpt/hifi-student.pt
                          --init INIT [--steps N] [--threads 1]

The same pairs and losses as train_latent.py (raw `z` -> the teacher's audio, a deterministic
target; complex-spectrum and log-magnitude L1 with the 0-1 kHz band weighted, multi-resolution
STFT, waveform L1), for a student that keeps the teacher decoder's graph at a fraction of its
width and starts from its most active channels. The spectral losses see both signals masked to
the utterance's frames. INIT is `hifi_student.py`'s pruned teacher (step 0) or a snapshot
(`snapshot.py`, its step kept); checkpoints every `--save-every` steps, resumable.
"""

import argparse
import random
import sys
from pathlib import Path

import torch
import torch.nn.functional as F

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
from hifi_student import LATENT_CHANNELS, HifiStudent, macs_per_second  # noqa: E402
from model import HOP, stft  # noqa: E402
from train import mr_stft_loss  # noqa: E402
from train_latent import SAMPLE_RATE, SEGMENT, batch, fit, load, spectral_losses  # noqa: E402
from training import common_args, save  # noqa: E402

# The teacher decoder's receptive field is 10.1 frames either side.
CONTEXT = 12


def losses(model, z, target, valid):
    wm = valid.repeat_interleave(HOP, dim=1)
    y = model(z)[:, 0, CONTEXT * HOP : (CONTEXT + SEGMENT) * HOP] * wm
    target = target * wm
    pad = (CONTEXT * HOP, CONTEXT * HOP)
    P = stft(F.pad(y, pad))[..., CONTEXT : CONTEXT + SEGMENT]
    T = stft(F.pad(target, pad))[..., CONTEXT : CONTEXT + SEGMENT]
    l_cplx, l_mag, low_cplx, low_mag = spectral_losses(P, T, valid)
    l_wave = (y - target).abs().sum() / wm.sum().clamp(min=1)
    l_mr = mr_stft_loss(y, target)
    return l_cplx, l_mag, l_mr, l_wave, low_cplx, low_mag


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, required=True)
    common_args(ap, steps=40000, threads=1, lr=2e-4, warmup=200, save_every=200, refresh=2000)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    source = args.ckpt if args.ckpt.exists() else args.init
    if source is None or not source.exists():
        sys.exit("no --ckpt to resume and no --init (hifi_student.py writes one)")
    ck = torch.load(source, map_location="cpu", weights_only=False)
    config = ck["config"]
    model = HifiStudent(config["widths"])
    model.load_state_dict({k: v.float() for k, v in ck["model"].items()})
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, betas=(0.8, 0.99), weight_decay=0.01)
    step = ck.get("step", 0)
    if source == args.ckpt:
        opt.load_state_dict(ck["opt"])
        print(f"resumed at step {step}", flush=True)
    else:
        print(f"started from {source} (step {step})", flush=True)
    data = load(args.corpus)
    print(f"corpus: {len(data)} utterances, {sum(len(a) for _, _, a in data) / SAMPLE_RATE / 3600:.2f} h; "
          f"widths {model.widths}, {sum(p.numel() for p in model.parameters()):,} parameters, "
          f"{macs_per_second(model.widths) / 1e9:.3f} GMAC per audio second", flush=True)
    zero, one = torch.zeros(LATENT_CHANNELS), torch.ones(LATENT_CHANNELS)
    rng = random.Random(step)

    def checkpoint(step):
        save(args.ckpt, model=model.state_dict(), opt=opt.state_dict(), step=step, config=config)

    fit(model, opt, args, step, data, lambda d: batch(d, args.batch, rng, zero, one, context=CONTEXT), losses,
        checkpoint)

if __name__ == "__main__":
    main()
