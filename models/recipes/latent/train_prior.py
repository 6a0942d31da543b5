"""Trains the phoneme prior: phoneme ids -> the teacher's prior mean `m_p` (CPU, resumable).

    train_prior.py --corpus models/work/corpus-latent [--corpus models/work/corpus-prior]
                   --ckpt models/work/ckpt/phoneme-prior.pt
                   [--dev models/work/dev-latent] [--steps 20000] [--batch 32] [--threads 1]

The target is a function of the ids alone (`teacher_prior.py` writes it, DIR/<id>.mp.npy), so this
is plain regression at the phoneme level: MSE on `m_p` normalised per channel. Every
`--eval-every` steps the first 40 dev utterances go through the teacher's flow with the teacher's
durations and the latent's relative RMS error (per channel std, all frames) is logged: the number
that decides the voice's MCD.
"""

import argparse
import random
import sys
from pathlib import Path

import numpy as np
import torch
import torch.nn as nn

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import corpus as C  # noqa: E402
from blocks import ChannelNorm, ConvNeXtBlock  # noqa: E402
from training import Progress, common_args, optimizer_step, restore, save  # noqa: E402

N_SYMBOLS = 256
PRIOR_CHANNELS = 192
DEV_UTTERANCES = 40


class SelfAttention(nn.Module):
    """Pre-norm multi-head self-attention over the unmasked positions of [B, C, N], residual. The
    output projection starts at zero, so adding it to a trained network keeps that network's
    function."""

    def __init__(self, channels: int, heads: int):
        super().__init__()
        self.heads = heads
        self.norm = ChannelNorm(channels)
        self.qkv = nn.Conv1d(channels, 3 * channels, 1)
        self.proj = nn.Conv1d(channels, channels, 1)
        nn.init.zeros_(self.proj.weight)
        nn.init.zeros_(self.proj.bias)

    def forward(self, x, mask):
        b, c, n = x.shape
        q, k, v = self.qkv(self.norm(x)).view(b, 3, self.heads, c // self.heads, n).unbind(1)
        scores = torch.einsum("bhdi,bhdj->bhij", q, k) / (c // self.heads) ** 0.5
        scores = scores + (mask.unsqueeze(1) - 1.0) * 1e4
        y = torch.einsum("bhij,bhdj->bhdi", scores.softmax(dim=-1), v).reshape(b, c, n)
        return x + self.proj(y) * mask


class PhonemePrior(nn.Module):
    """ids [B, N], mask [B, 1, N] -> m_p [B, 192, N] (normalised): ConvNeXt blocks over phonemes,
    with `attention` self-attention layers spread evenly between them (the teacher's encoder
    attends over the whole sentence)."""

    def __init__(self, channels=256, hidden=1024, kernel=5, blocks=8, attention=0, heads=4):
        super().__init__()
        self.cfg = dict(channels=channels, hidden=hidden, kernel=kernel, blocks=blocks,
                        attention=attention, heads=heads)
        self.embed = nn.Embedding(N_SYMBOLS, channels)
        self.blocks = nn.ModuleList(ConvNeXtBlock(channels, hidden, kernel) for _ in range(blocks))
        self.attention = nn.ModuleList(SelfAttention(channels, heads) for _ in range(attention))
        self.after = {blocks * (i + 1) // attention - 1: i for i in range(attention)}
        self.norm = ChannelNorm(channels)
        self.out = nn.Conv1d(channels, PRIOR_CHANNELS, 1)

    def forward(self, ids, mask):
        h = self.embed(ids).transpose(1, 2) * mask
        for i, b in enumerate(self.blocks):
            h = b(h, mask)
            if i in self.after:
                h = self.attention[self.after[i]](h, mask)
        return self.out(self.norm(h)) * mask


def load(corpus: Path):
    out = []
    for meta in sorted(corpus.glob("*.npz")):
        mp = meta.with_suffix(".mp.npy")
        if not mp.exists():
            continue
        d = np.load(meta)
        target = np.load(mp)
        if target.shape[0] != len(d["ids"]):
            continue
        dur = d["durations"].astype(np.int64) if "durations" in d else None
        out.append((meta.stem, d["ids"].astype(np.int64), dur, target))
    return out


def crop(item, longest: int, rng: random.Random):
    """A random span of at most `longest` ids (the runtime's encoder window) and its targets."""
    utt, ids, dur, target = item
    if len(ids) <= longest:
        return item
    a = rng.randrange(len(ids) - longest + 1)
    return utt, ids[a : a + longest], None, target[a : a + longest]


def batch_of(items):
    n = max(len(u[1]) for u in items)
    ids = torch.zeros(len(items), n, dtype=torch.long)
    mask = torch.zeros(len(items), 1, n)
    target = torch.zeros(len(items), PRIOR_CHANNELS, n)
    for b, (_, i, _, t) in enumerate(items):
        ids[b, : len(i)] = torch.from_numpy(i)
        mask[b, 0, : len(i)] = 1
        target[b, :, : len(i)] = torch.from_numpy(t.T.astype(np.float32))
    return ids, mask, target


class LatentCheck:
    """The latent's error through the teacher's flow on the first dev utterances."""

    def __init__(self, dev: Path):
        import teacher_prior as TP

        self.flow = TP.session(TP.flow_graph(TP.CACHE / "joe-flow.onnx"))
        self.utts = load(dev)[:DEV_UTTERANCES]
        self.z = [np.load(dev / f"{u[0]}.z.npy").astype(np.float32) for u in self.utts]
        self.std = np.concatenate(self.z).std(axis=0) + 1e-3

    def __call__(self, model, mean, std):
        err = n = 0.0
        e_mp = n_mp = 0.0
        with torch.no_grad():
            for (utt, ids, dur, mp), zt in zip(self.utts, self.z):
                x = torch.from_numpy(ids)[None]
                pred = model(x, torch.ones(1, 1, len(ids)))[0] * std[0] + mean[0]
                pred = pred.numpy()
                e_mp += ((pred.T - mp.astype(np.float32)) ** 2).sum()
                n_mp += mp.size
                zp = np.repeat(pred, dur, axis=1)[None].astype(np.float32)
                z = self.flow.run(None, {"z_p": zp, "mask": np.ones((1, 1, zp.shape[2]), np.float32)})[0][0].T
                err += (((z - zt) / self.std) ** 2).sum()
                n += zt.size
        return float(np.sqrt(err / n)), float(np.sqrt(e_mp / n_mp))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, action="append", required=True,
                    help="a directory of <id>.npz and <id>.mp.npy (repeatable)")
    ap.add_argument("--dev", type=Path)
    ap.add_argument("--eval-every", type=int, default=1000)
    ap.add_argument("--channels", type=int, default=256)
    ap.add_argument("--hidden", type=int, default=1024)
    ap.add_argument("--blocks", type=int, default=8)
    ap.add_argument("--kernel", type=int, default=5)
    ap.add_argument("--attention", type=int, default=0, help="self-attention layers between the blocks")
    ap.add_argument("--heads", type=int, default=4)
    ap.add_argument("--crop", type=int, default=0, help="longest id span per example (0: whole sentences)")
    ap.add_argument("--seed", type=int, default=1)
    common_args(ap, steps=20000, threads=1, lr=1e-3, warmup=500, batch=32)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)

    model = PhonemePrior(args.channels, args.hidden, args.kernel, args.blocks, args.attention, args.heads)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, betas=(0.9, 0.98), weight_decay=0.01)
    ck = restore(model, opt, args.ckpt, args.init, strict=False)
    step = ck["step"] if ck else 0
    print(f"parameters: {sum(p.numel() for p in model.parameters()):,}", flush=True)

    data = [u for c in args.corpus for u in load(c) if not C.is_valid_split(u[0])]
    print(f"corpus: {len(data)} utterances, {sum(len(u[1]) for u in data):,} phonemes", flush=True)
    if ck and "stats" in ck:
        stats = ck["stats"]
    else:
        allmp = np.concatenate([u[3] for u in data[:2000]]).astype(np.float64)
        stats = (allmp.mean(axis=0).tolist(), np.maximum(allmp.std(axis=0), 1e-3).tolist())
    mean = torch.tensor(stats[0], dtype=torch.float32).view(1, -1, 1)
    std = torch.tensor(stats[1], dtype=torch.float32).view(1, -1, 1)
    check = LatentCheck(args.dev) if args.dev else None

    def checkpoint():
        save(args.ckpt, model=model.state_dict(), opt=opt.state_dict(), step=step, stats=stats, cfg=model.cfg)

    progress = Progress(["mse"])
    model.train()
    while step < args.steps:
        picks = [data[rng.randrange(len(data))] for _ in range(args.batch)]
        ids, mask, target = batch_of([crop(u, args.crop, rng) for u in picks] if args.crop else picks)
        pred = model(ids, mask)
        loss = (((pred - (target - mean) / std) * mask) ** 2).sum() / (mask.sum() * PRIOR_CHANNELS)
        lr = optimizer_step(model.parameters(), opt, loss, step, args)
        step += 1
        progress.add([loss.item()])
        progress.log(step, lr)
        if step % args.save_every == 0:
            checkpoint()
        if check and step % args.eval_every == 0:
            model.eval()
            z_err, mp_err = check(model, mean, std)
            model.train()
            print(f"step {step}: dev latent relative RMS error {z_err:.4f}, m_p RMS error {mp_err:.4f}", flush=True)
    checkpoint()


if __name__ == "__main__":
    main()
