"""Distils the flow decoder to few steps: a step-size-conditioned student (CPU, resumable).

    distill.py --corpus models/work/corpus-sotto --teacher models/work/ckpt/acoustic.pt \
               --ckpt models/work/ckpt/distilled.pt [--steps 2000] [--teacher-steps 8]

The teacher is the trained flow-matching model; its encoder and prior are kept frozen and shared.
For each batch the teacher integrates the ODE from x0 = mu + T * noise with `--teacher-steps`
Euler steps (T drawn from the temperatures used at inference). The student decoder, initialised
from the teacher and given the step size dt as an extra input (zero-initialised, so it starts as
the teacher), learns the mean velocity over [t, t + dt] on that trajectory,
(x(t + dt) - x(t)) / dt, for dt in 1, 1/2, 1/4 and 1/8 and t on the dt grid. Sampling with N
steps then takes dt = 1/N. Checkpoints hold the whole model (teacher encoder and prior plus the
student decoder), in the format export.py reads.
"""

import argparse
import random
import sys
from pathlib import Path

import torch

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import corpus as C  # noqa: E402
from model import AcousticModel  # noqa: E402
from train import batches, crop_expand  # noqa: E402
from training import Progress, save  # noqa: E402

STEP_SIZES = [1.0, 0.5, 0.25, 0.125]
STEP_WEIGHTS = [0.35, 0.3, 0.2, 0.15]
TEMPERATURES = [0.667, 1.0]


@torch.no_grad()
def trajectory(decoder, x0, mu, cond, mask, steps):
    xs = [x0]
    x = x0
    for k in range(steps):
        t = torch.full((x0.shape[0],), k / steps)
        x = x + decoder(x, mu, cond, mask, t) / steps
        xs.append(x)
    return torch.stack(xs)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--teacher", type=Path, required=True)
    ap.add_argument("--ckpt", type=Path, required=True)
    ap.add_argument("--steps", type=int, default=2000)
    ap.add_argument("--teacher-steps", type=int, default=8)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--frames", type=int, default=256)
    ap.add_argument("--lr", type=float, default=2e-4)
    ap.add_argument("--save-every", type=int, default=100)
    ap.add_argument("--seed", type=int, default=2)
    args = ap.parse_args()
    assert args.teacher_steps % 8 == 0, "--teacher-steps must be a multiple of 8"
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)

    tk = torch.load(args.teacher, map_location="cpu", weights_only=False)
    teacher = AcousticModel(**tk.get("cfg", {}))
    teacher.load_state_dict(tk["model"])
    teacher.eval()
    student = AcousticModel(**{**tk.get("cfg", {}), "step_cond": True})
    missing, unexpected = student.load_state_dict(tk["model"], strict=False)
    assert not unexpected and all(k.startswith("decoder.dt_mlp.") for k in missing), (missing, unexpected)
    opt = torch.optim.AdamW(student.decoder.parameters(), lr=args.lr, betas=(0.9, 0.98), weight_decay=0.0)
    step = 0
    if args.ckpt.exists():
        ck = torch.load(args.ckpt, map_location="cpu", weights_only=False)
        student.load_state_dict(ck["model"])
        opt.load_state_dict(ck["opt"])
        step = ck["distill_step"]
        print(f"resumed at distillation step {step}", flush=True)

    def checkpoint():
        save(args.ckpt, model=student.state_dict(), opt=opt.state_dict(), step=tk["step"],
             distill_step=step, mel_stats=tk["mel_stats"], cfg=student.cfg, target=tk.get("target", "mel"))

    data = [u for u in C.load(args.corpus, target=tk.get("target", "mel")) if not C.is_valid_split(u.utt)]
    gen = batches(data, args.batch, args.frames, rng)
    student.decoder.train()
    n = args.teacher_steps
    progress = Progress([f"dt{d:g}" for d in STEP_SIZES], every=25)
    while step < args.steps:
        ids, dur, pmask, mel, fmask, lmask, starts = next(gen)
        with torch.no_grad():
            h, _ = teacher.encoder(ids, pmask)
            hx = crop_expand(h, dur, starts, args.frames) * fmask
            mu, cond = teacher.prior(hx, fmask)
            temp = torch.tensor([rng.choice(TEMPERATURES) for _ in range(args.batch)]).view(-1, 1, 1)
            x0 = (mu + temp * torch.randn_like(mu)) * fmask
            xs = trajectory(teacher.decoder, x0, mu, cond, fmask, n)
        kinds = rng.choices(range(len(STEP_SIZES)), weights=STEP_WEIGHTS, k=args.batch)
        xt, target, t, dt = [], [], [], []
        for b, kind in enumerate(kinds):
            d = STEP_SIZES[kind]
            span = round(d * n)
            k = rng.randrange(round(1 / d)) * span
            xt.append(xs[k, b])
            target.append((xs[k + span, b] - xs[k, b]) / d)
            t.append(k / n)
            dt.append(d)
        v = student.decoder(torch.stack(xt), mu, cond, fmask, torch.tensor(t), torch.tensor(dt))
        err = ((v - torch.stack(target)) ** 2 * lmask).mean(dim=(1, 2)) / lmask.mean(dim=(1, 2)).clamp(min=1e-3)
        loss = err.mean()
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(student.decoder.parameters(), 1.0)
        opt.step()
        step += 1
        for kind, e in zip(kinds, err.detach().numpy()):
            progress.add(e, kind)
        progress.log(step)
        if step % args.save_every == 0:
            checkpoint()
    checkpoint()


if __name__ == "__main__":
    main()
