"""What the recipes' trainers share: options, resuming, atomic checkpoints, the learning-rate
schedule and the progress log."""

import argparse
import math
import time
from pathlib import Path

import numpy as np
import torch


def common_args(ap: argparse.ArgumentParser, steps: int, threads: int, lr: float, warmup: int,
                save_every: int = 250, refresh: int = 1000, batch: int = 16):
    ap.add_argument("--ckpt", type=Path, required=True, help="checkpoint to resume from and write")
    ap.add_argument("--init", type=Path, help="snapshot (snapshot.py) to start from when --ckpt is absent")
    ap.add_argument("--steps", type=int, default=steps, help="the schedule's length (and where it stops)")
    ap.add_argument("--threads", type=int, default=threads)
    ap.add_argument("--batch", type=int, default=batch)
    ap.add_argument("--lr", type=float, default=lr)
    ap.add_argument("--warmup", type=int, default=warmup)
    ap.add_argument("--save-every", type=int, default=save_every)
    ap.add_argument("--refresh", type=int, default=refresh, help="re-read the training data every N steps")


def restore(model, opt, ckpt: Path, init: Path | None, strict: bool = True):
    """Loads `ckpt` (model and optimizer) if it exists, else the `init` snapshot (model only; with
    `strict=False` the model's parameters the snapshot lacks keep their initial values and are
    named). Returns the checkpoint's dictionary, or None when training starts from scratch."""
    if ckpt.exists():
        ck = torch.load(ckpt, map_location="cpu", weights_only=False)
        model.load_state_dict(ck["model"])
        opt.load_state_dict(ck["opt"])
        print(f"resumed at step {ck['step']}", flush=True)
        return ck
    if init and init.exists():
        ck = torch.load(init, map_location="cpu", weights_only=False)
        missing, _ = model.load_state_dict(
            {k: v.float() if v.is_floating_point() else v for k, v in ck["model"].items()}, strict=strict)
        fresh = f" (fresh: {len(missing)} tensors, {missing[0]} …)" if missing else ""
        print(f"started from snapshot at step {ck['step']}{fresh}", flush=True)
        return ck
    return None


def save(path: Path, **state):
    """Writes a checkpoint atomically (a crash never leaves a truncated file behind)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    torch.save(state, tmp)
    tmp.replace(path)


def cosine_lr(step: int, base: float, warmup: int, total: int, floor: float = 0.05) -> float:
    """Linear warm-up, then cosine decay to `floor` × base at `total` steps."""
    if step < warmup:
        return base * (step + 1) / warmup
    return base * max(floor, 0.5 * (1 + math.cos(math.pi * min(1.0, step / total))))


def set_lr(opt, lr: float):
    for g in opt.param_groups:
        g["lr"] = lr


def optimizer_step(params, opt, loss, step: int, args) -> float:
    """One update by `loss` at the cosine schedule's rate for `step` (`args.lr`, `args.warmup`,
    `args.steps`), the gradients of `params` clipped to norm 1; returns the rate."""
    lr = cosine_lr(step, args.lr, args.warmup, args.steps)
    set_lr(opt, lr)
    opt.zero_grad(set_to_none=True)
    loss.backward()
    torch.nn.utils.clip_grad_norm_(params, 1.0)
    opt.step()
    return lr


class Progress:
    """Averages named losses and prints them with the step rate every `every` steps."""

    def __init__(self, names, every: int = 50):
        self.names, self.every = list(names), every
        self._reset()

    def _reset(self):
        self.t0, self.sum, self.count = time.time(), np.zeros(len(self.names)), np.zeros(len(self.names))

    def add(self, values, index=None):
        """Adds one value per name, or (with `index`) one value for the name at `index`."""
        if index is None:
            self.sum += values
            self.count += 1
        else:
            self.sum[index] += values
            self.count[index] += 1

    def log(self, step: int, lr: float | None = None):
        if step % self.every:
            return
        mean = self.sum / np.maximum(self.count, 1)
        rate = self.every / (time.time() - self.t0) * 3600
        parts = " ".join(f"{n} {v:.4f}" for n, v in zip(self.names, mean))
        lr_part = f" lr {lr:.2e}" if lr is not None else ""
        print(f"step {step} {parts}{lr_part} {rate:.0f} steps/h", flush=True)
        self._reset()
