"""Trains the acoustic model on the rendered teacher corpus (CPU, resumable).

    train.py --corpus models/work/corpus-espeak --ckpt models/work/ckpt/acoustic.pt
             [--target mel|latent] [--steps 20000] [--threads 2] [--batch 16] [--frames 256]

Losses: duration MSE in log(1 + frames), prior MSE (mu vs the target), and conditional flow
matching from x0 = mu + noise to the target. The target is the log-mel normalised by one mean and
std, or the teacher's noise-free latent normalised per channel (its 192 channels span a 10:1
range of scales). `--init` may be a checkpoint of the other target: every tensor whose shape
matches starts from it (the encoder and duration predictor whole), the rest fresh. Frame networks train on crops of `--frames` frames, as they run
at inference; losses skip a margin at crop edges that lie inside an utterance. Checkpoints every
`--save-every` steps (model, optimizer, step, mel statistics); the corpus is re-read every
`--refresh` steps so training can start while rendering goes on.
"""

import argparse
import random
import sys
from pathlib import Path

import numpy as np
import torch

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import corpus as C  # noqa: E402
from model import AcousticModel, count_params, expand  # noqa: E402
from training import Progress, common_args, optimizer_step, restore, save  # noqa: E402

MARGIN = 24
LATENT_CHANNELS = 192


def batches(data, batch, frames, rng):
    while True:
        items = [data[rng.randrange(len(data))] for _ in range(batch)]
        n = max(len(u.ids) for u in items)
        ids = torch.zeros(batch, n, dtype=torch.long)
        dur = torch.zeros(batch, n, dtype=torch.long)
        pmask = torch.zeros(batch, 1, n)
        mel = torch.zeros(batch, items[0].feats.shape[1], frames)
        fmask = torch.zeros(batch, 1, frames)
        lmask = torch.zeros(batch, 1, frames)
        starts = []
        for b, u in enumerate(items):
            ids[b, : len(u.ids)] = torch.from_numpy(u.ids)
            dur[b, : len(u.ids)] = torch.from_numpy(u.durations)
            pmask[b, 0, : len(u.ids)] = 1
            total = u.feats.shape[0]
            s = rng.randrange(total - frames + 1) if total > frames else 0
            seg = u.feats[s : s + frames].astype(np.float32)
            mel[b, :, : seg.shape[0]] = torch.from_numpy(seg.T)
            fmask[b, 0, : seg.shape[0]] = 1
            lo = MARGIN if s > 0 else 0
            hi = seg.shape[0] - (MARGIN if s + frames < total else 0)
            lmask[b, 0, lo:hi] = 1
            starts.append(s)
        yield ids, dur, pmask, mel, fmask, lmask, starts


def crop_expand(h, dur, starts, frames):
    total = int(dur.sum(dim=1).max())
    full = expand(h, dur, total + frames)
    return torch.stack([full[b, :, s : s + frames] for b, s in enumerate(starts)])


def masked_mean(x, mask):
    return (x * mask).sum() / (mask.sum() * (x.shape[1] if x.dim() == 3 else 1)).clamp(min=1)


def frame_stats(train, target):
    """Normalisation of the frame target: (mean, std) scalars for the mel, per-channel lists for the
    latent (from every 4th frame of up to 2,000 utterances)."""
    frames = np.concatenate([u.feats[::4] for u in train[:2000]]).astype(np.float64)
    if target == "mel":
        return float(frames.mean()), float(frames.std())
    return frames.mean(axis=0).tolist(), np.maximum(frames.std(axis=0), 1e-3).tolist()


def stats_tensors(stats):
    mean, std = stats
    if isinstance(mean, float):
        return mean, std
    return torch.tensor(mean, dtype=torch.float32).view(1, -1, 1), torch.tensor(std, dtype=torch.float32).view(1, -1, 1)


def encoder_from_onnx(model, path: Path):
    """Sets the encoder to the weights of an exported encoder graph (initializers `m.encoder.*`),
    so a model trained beside a shipped one shares its encoder exactly, not a rounded snapshot."""
    import onnx
    from onnx import numpy_helper

    inits = {i.name: numpy_helper.to_array(i) for i in onnx.load(str(path)).graph.initializer}
    state = {k: torch.from_numpy(inits[f"m.encoder.{k}"].copy()) for k in model.encoder.state_dict()}
    model.encoder.load_state_dict(state)
    print(f"encoder from {path}", flush=True)


def restore_matching(model, init: Path):
    """Starts `model` from every tensor of the `init` checkpoint whose name and shape match."""
    ck = torch.load(init, map_location="cpu", weights_only=False)
    own = model.state_dict()
    taken = {k: v.float() if v.is_floating_point() else v for k, v in ck["model"].items()
             if k in own and own[k].shape == v.shape}
    model.load_state_dict(taken, strict=False)
    fresh = sorted(k for k in own if k not in taken)
    print(f"started from {init} (step {ck['step']}): {len(taken)} tensors, fresh: {fresh}", flush=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--target", choices=C.TARGETS, default="mel")
    ap.add_argument("--freeze-encoder", action="store_true",
                    help="keep the encoder and duration predictor as initialised (shared with the mel path)")
    ap.add_argument("--encoder-onnx", type=Path,
                    help="start the encoder from this exported graph's fp32 weights (the pack's encoder.onnx)")
    ap.add_argument("--frames", type=int, default=256)
    ap.add_argument("--seed", type=int, default=1)
    common_args(ap, steps=20000, threads=2, lr=1e-3, warmup=500)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)

    model = AcousticModel(**({"out_channels": LATENT_CHANNELS} if args.target == "latent" else {}))
    if args.freeze_encoder:
        model.encoder.requires_grad_(False)
    trained = [p for p in model.parameters() if p.requires_grad]
    opt = torch.optim.AdamW(trained, lr=args.lr, betas=(0.9, 0.98), weight_decay=0.01)
    fresh = not args.ckpt.exists()
    init_target = None
    if fresh and args.init and args.init.exists():
        init_target = torch.load(args.init, map_location="cpu", weights_only=False).get("target", "mel")
    if init_target is not None and init_target != args.target:
        restore_matching(model, args.init)
        ck = None
    else:
        ck = restore(model, opt, args.ckpt, args.init)
    if fresh and args.encoder_onnx:
        # After any snapshot (whose weights are fp16): the shipped graph's exact encoder.
        encoder_from_onnx(model, args.encoder_onnx)
    step, stats = (ck["step"], ck["mel_stats"]) if ck else (0, None)
    print(f"parameters: {count_params(model):,} (encoder {count_params(model.encoder):,}, "
          f"prior {count_params(model.prior):,}, decoder {count_params(model.decoder):,})", flush=True)

    def load():
        data = C.load(args.corpus, target=args.target)
        train = [u for u in data if not C.is_valid_split(u.utt)]
        hours = sum(u.feats.shape[0] for u in train) * 256 / 22050 / 3600
        print(f"corpus: {len(train)} train utterances, {hours:.2f} h", flush=True)
        return train

    train = load()
    if stats is None:
        stats = frame_stats(train, args.target)
    mean, std = stats_tensors(stats)
    gen = batches(train, args.batch, args.frames, rng)

    def checkpoint():
        save(args.ckpt, model=model.state_dict(), opt=opt.state_dict(), step=step, mel_stats=stats, cfg=model.cfg,
             target=args.target)
    model.train()
    progress = Progress(["dur", "mu", "fm"])
    while step < args.steps:
        if step and step % args.refresh == 0:
            train = load()
            gen = batches(train, args.batch, args.frames, rng)
        ids, dur, pmask, mel, fmask, lmask, starts = next(gen)
        x1 = (mel - mean) / std * fmask
        if args.freeze_encoder:
            model.encoder.eval()
            with torch.no_grad():
                h, logd = model.encoder(ids, pmask)
        else:
            h, logd = model.encoder(ids, pmask)
        l_dur = masked_mean((logd - torch.log1p(dur.float()).unsqueeze(1)) ** 2, pmask)
        hx = crop_expand(h, dur, starts, args.frames) * fmask
        mu, cond = model.prior(hx, fmask)
        l_mu = masked_mean((mu - x1) ** 2, lmask)
        t = torch.rand(ids.shape[0])
        x0 = mu.detach() + torch.randn_like(mu)
        tt = t.view(-1, 1, 1)
        xt = ((1 - tt) * x0 + tt * x1) * fmask
        v = model.decoder(xt, mu.detach(), cond, fmask, t)
        l_fm = masked_mean((v - (x1 - x0)) ** 2, lmask)
        loss = l_mu + l_fm + (0 if args.freeze_encoder else l_dur)
        lr = optimizer_step(trained, opt, loss, step, args)
        step += 1
        progress.add([l_dur.item(), l_mu.item(), l_fm.item()])
        progress.log(step, lr)
        if step % args.save_every == 0:
            checkpoint()
    checkpoint()


if __name__ == "__main__":
    main()
