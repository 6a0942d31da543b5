"""Distils HiFi-GAN V1 into the small vocoder (CPU, resumable).

    train.py --targets models/work/voc-targets --ckpt models/work/ckpt/vocoder.pt [--steps N]

Losses against HiFi-GAN's output for the same mel: complex-spectrum L1 in the head's own STFT
framing, log-magnitude L1 there, and a multi-resolution STFT loss (spectral convergence +
log-magnitude) on the waveform. Edge frames of each segment (zero-padded in training, real
context at inference) are left out of the losses.
"""

import argparse
import sys
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
from training import Progress, common_args, optimizer_step, restore, save  # noqa: E402
from model import BLOCKS, HOP, LEGACY_CONFIG, SmallVocoder, deepened, istft, macs_per_second, stft  # noqa: E402

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
    ap.add_argument("--blocks", type=int, default=BLOCKS)
    ap.add_argument("--grow-from", type=Path,
                    help="a checkpoint with fewer blocks to start from (when --ckpt is absent)")
    common_args(ap, steps=20000, threads=1, lr=1e-3, warmup=300)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    config = {"blocks": args.blocks}
    model = SmallVocoder(**config)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, betas=(0.8, 0.99), weight_decay=0.01)
    ck = restore(model, opt, args.ckpt, args.init)
    step = ck["step"] if ck else 0
    if ck is None and args.grow_from:
        old = torch.load(args.grow_from, map_location="cpu", weights_only=False)
        old_blocks = old.get("config", LEGACY_CONFIG)["blocks"]
        model.load_state_dict(deepened(old["model"], old_blocks, args.blocks))
        print(f"grown from {old_blocks} blocks (step {old['step']}) to {args.blocks}", flush=True)
    n_params = sum(p.numel() for p in model.parameters())
    print(f"parameters {n_params:,}, {macs_per_second(model) / 1e9:.3f} GMAC per audio second", flush=True)
    mels, audios = load_targets(args.targets)
    print(f"targets: {len(mels)} segments", flush=True)
    rng = np.random.default_rng(step)

    seg = mels.shape[1]
    lo, hi = MARGIN * HOP, (seg - MARGIN) * HOP
    progress = Progress(["cplx", "mag", "mrstft"])
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
        lr = optimizer_step(model.parameters(), opt, loss, step, args)
        step += 1
        progress.add([l_cplx.item(), l_mag.item(), l_mr.item()])
        progress.log(step, lr)
        if step % args.save_every == 0:
            save(args.ckpt, model=model.state_dict(), opt=opt.state_dict(), step=step, config=config)
    save(args.ckpt, model=model.state_dict(), opt=opt.state_dict(), step=step, config=config)


if __name__ == "__main__":
    main()
