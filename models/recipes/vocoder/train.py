"""Distils HiFi-GAN V1 into the small vocoder (CPU, resumable).

    train.py --targets models/work/voc-targets --ckpt models/work/ckpt/vocoder.pt [--steps N]

Losses against HiFi-GAN's output for the same mel: complex-spectrum L1 in the head's own STFT
framing, log-magnitude L1 there, and a multi-resolution STFT loss (spectral convergence +
log-magnitude) on the waveform. Edge frames of each segment (zero-padded in training, real
context at inference) are left out of the losses.
"""

import argparse
import math
import sys
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from model import HOP, SmallVocoder, istft, macs_per_second, stft  # noqa: E402

MARGIN = 8
RESOLUTIONS = [(512, 128), (1024, 256), (2048, 512), (256, 64)]


def load_targets(path: Path):
    mels, audios = [], []
    for shard in sorted(path.glob("shard-*.npz")):
        try:
            d = np.load(shard)
            mels.append(d["mel"])
            audios.append(d["audio"])
        except (OSError, ValueError, EOFError):
            continue
    return np.concatenate(mels), np.concatenate(audios)


def mr_stft_loss(y, t):
    loss = 0.0
    for n_fft, hop in RESOLUTIONS:
        w = torch.hann_window(n_fft)
        Y = torch.stft(y, n_fft, hop, window=w, return_complex=True).abs() + 1e-5
        T = torch.stft(t, n_fft, hop, window=w, return_complex=True).abs() + 1e-5
        sc = torch.linalg.norm(T - Y) / torch.linalg.norm(T)
        loss = loss + sc + F.l1_loss(torch.log(Y), torch.log(T))
    return loss / len(RESOLUTIONS)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--targets", type=Path, required=True)
    ap.add_argument("--ckpt", type=Path, required=True)
    ap.add_argument("--init", type=Path, help="snapshot (snapshot.py) to start from when --ckpt is absent")
    ap.add_argument("--steps", type=int, default=20000)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--warmup", type=int, default=300)
    ap.add_argument("--save-every", type=int, default=250)
    ap.add_argument("--refresh", type=int, default=1000)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    model = SmallVocoder()
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, betas=(0.8, 0.99), weight_decay=0.01)
    step = 0
    if args.ckpt.exists():
        ck = torch.load(args.ckpt, map_location="cpu", weights_only=False)
        model.load_state_dict(ck["model"])
        opt.load_state_dict(ck["opt"])
        step = ck["step"]
        print(f"resumed at step {step}", flush=True)
    elif args.init and args.init.exists():
        ck = torch.load(args.init, map_location="cpu", weights_only=False)
        model.load_state_dict({k: v.float() if v.is_floating_point() else v for k, v in ck["model"].items()})
        step = ck["step"]
        print(f"started from snapshot at step {step}", flush=True)
    n_params = sum(p.numel() for p in model.parameters())
    print(f"parameters {n_params:,}, {macs_per_second(model) / 1e9:.3f} GMAC per audio second", flush=True)
    mels, audios = load_targets(args.targets)
    print(f"targets: {len(mels)} segments", flush=True)
    rng = np.random.default_rng(step)

    def lr_at(s):
        if s < args.warmup:
            return args.lr * (s + 1) / args.warmup
        return args.lr * max(0.05, 0.5 * (1 + math.cos(math.pi * min(1.0, s / args.steps))))

    def save():
        args.ckpt.parent.mkdir(parents=True, exist_ok=True)
        tmp = args.ckpt.with_suffix(".tmp")
        torch.save({"model": model.state_dict(), "opt": opt.state_dict(), "step": step}, tmp)
        tmp.replace(args.ckpt)

    seg = mels.shape[1]
    lo, hi = MARGIN * HOP, (seg - MARGIN) * HOP
    t0, acc = time.time(), np.zeros(3)
    while step < args.steps:
        if step and step % args.refresh == 0:
            mels, audios = load_targets(args.targets)
        idx = rng.integers(0, len(mels), args.batch)
        mel = torch.from_numpy(mels[idx].astype(np.float32)).transpose(1, 2)
        target = torch.from_numpy(audios[idx].astype(np.float32) / 32768.0)
        spec = model(mel)
        y = istft(spec, seg)
        T = stft(target)
        P = torch.complex(spec[:, :513], spec[:, 513:])
        inner = slice(MARGIN, seg - MARGIN)
        l_cplx = (P[..., inner] - T[..., inner]).abs().mean()
        l_mag = F.l1_loss(torch.log(P[..., inner].abs() + 1e-5), torch.log(T[..., inner].abs() + 1e-5))
        l_mr = mr_stft_loss(y[:, lo:hi], target[:, lo:hi])
        loss = l_cplx * 10 + l_mag + l_mr * 2
        for g in opt.param_groups:
            g["lr"] = lr_at(step)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        step += 1
        acc += [l_cplx.item(), l_mag.item(), l_mr.item()]
        if step % 50 == 0:
            a = acc / 50
            el = time.time() - t0
            print(f"step {step} cplx {a[0]:.4f} mag {a[1]:.4f} mrstft {a[2]:.4f} lr {lr_at(step):.2e} "
                  f"{50 / el * 3600:.0f} steps/h", flush=True)
            t0, acc = time.time(), np.zeros(3)
        if step % args.save_every == 0:
            save()
    save()


if __name__ == "__main__":
    main()
