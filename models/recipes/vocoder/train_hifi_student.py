"""Trains the teacher-shaped student (hifi_student.py) on the teacher decoder's audio.

    train_hifi_student.py --corpus models/work/corpus-latent --ckpt models/work/ckpt/hifi-student.pt
                          --init INIT [--steps N] [--threads 1]

The same pairs and losses as train_latent.py (raw `z` -> the teacher's audio, a deterministic
target; complex-spectrum and log-magnitude L1 with the 0-1 kHz band weighted, multi-resolution
STFT, waveform L1), for a student that keeps the teacher decoder's graph at a fraction of its
width and starts from its most active channels. The spectral losses see both signals masked to
the utterance's frames. INIT is `hifi_student.py`'s pruned teacher (step 0) or a snapshot
(`snapshot.py`, its step kept); checkpoints every `--save-every` steps, resumable.

`--feature-weight W` adds feature matching: each stage's stream after the first (FEATURE_STAGES)
(that the student has) goes through a learned 1x1 projection to the teacher's width and is compared with the teacher's
own stream on the same `z` (the frozen teacher run in PyTorch, `--teacher`), the squared error
divided by the teacher stream's variance. A half-width student can hold 97-99% of each teacher
stream's variance (its leading principal components) but, trained on the audio alone, its
streams explain only 65-81% of the teacher's. The projections are saved as `proj` in the
checkpoint and are not part of the exported graph.
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
from hifi_student import LATENT_CHANNELS, TEACHER_WIDTHS, HifiStudent, load_student, macs_per_second, teacher_state  # noqa: E402
from model import HOP, stft  # noqa: E402
from train import mr_stft_loss  # noqa: E402
from train_latent import SAMPLE_RATE, SEGMENT, batch, fit, load, log_mel_loss, spectral_losses  # noqa: E402
from training import common_args, save  # noqa: E402

# The teacher decoder's receptive field is 10.1 frames either side.
CONTEXT = 12
FEATURE_STAGES = (1, 2, 3)
ROOT = HERE.parents[2]


class FeatureMatch(torch.nn.Module):
    """The frozen teacher and one 1x1 projection per matched stage (student width -> teacher's)."""

    def __init__(self, teacher_onnx: Path, widths):
        super().__init__()
        self.teacher = HifiStudent()
        self.teacher.load_state_dict(teacher_state(teacher_onnx))
        self.teacher.requires_grad_(False).eval()
        self.stages = [s for s in FEATURE_STAGES if s < len(widths)]
        self.proj = torch.nn.ModuleList(torch.nn.Conv1d(widths[s], TEACHER_WIDTHS[s], 1) for s in self.stages)

    def loss(self, z, streams):
        """Sum over matched stages of the projected stream's squared error over the teacher
        stream's variance."""
        with torch.no_grad():
            targets = self.teacher.stages(z)
        total = 0.0
        for proj, s in zip(self.proj, self.stages):
            t = targets[s]
            total = total + ((proj(streams[s]) - t) ** 2).mean() / t.var().clamp(min=1e-8)
        return total


def losses(model, z, target, valid, features=None, weight=0.0, mel_weight=0.0):
    wm = valid.repeat_interleave(HOP, dim=1)
    streams = model.stages(z)
    y = model.head(streams[-1])[:, 0, CONTEXT * HOP : (CONTEXT + SEGMENT) * HOP] * wm
    target = target * wm
    pad = (CONTEXT * HOP, CONTEXT * HOP)
    P = stft(F.pad(y, pad))[..., CONTEXT : CONTEXT + SEGMENT]
    T = stft(F.pad(target, pad))[..., CONTEXT : CONTEXT + SEGMENT]
    l_cplx, l_mag, low_cplx, low_mag = spectral_losses(P, T, valid)
    l_wave = (y - target).abs().sum() / wm.sum().clamp(min=1)
    l_mr = mr_stft_loss(y, target)
    terms = (l_cplx, l_mag, l_mr, l_wave, low_cplx, low_mag)
    if mel_weight > 0:
        terms = (*terms, mel_weight * log_mel_loss(P, T, valid))
    return terms if features is None else (*terms, weight * features.loss(z, streams))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--feature-weight", type=float, default=0.0)
    ap.add_argument("--mel-weight", type=float, default=0.0,
                    help="weight of the log-mel L1 in the judge's MCD framing (log_mel_loss)")
    ap.add_argument("--teacher", type=Path, default=ROOT / "models/voices/joe/teacher-decoder.onnx")
    common_args(ap, steps=40000, threads=1, lr=2e-4, warmup=200, save_every=200, refresh=2000)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    source = args.ckpt if args.ckpt.exists() else args.init
    if source is None or not source.exists():
        sys.exit("no --ckpt to resume and no --init (hifi_student.py writes one)")
    ck = torch.load(source, map_location="cpu", weights_only=False)
    config = ck["config"]
    model = load_student(ck)
    features = FeatureMatch(args.teacher, model.widths) if args.feature_weight > 0 else None
    params = list(model.parameters())
    if features is not None:
        if "proj" in ck:
            features.proj.load_state_dict(ck["proj"])
        params += list(features.proj.parameters())
    opt = torch.optim.AdamW(params, lr=args.lr, betas=(0.8, 0.99), weight_decay=0.01)
    step = ck.get("step", 0)
    if source == args.ckpt and ("proj" in ck) == (features is not None):
        opt.load_state_dict(ck["opt"])
        print(f"resumed at step {step}", flush=True)
    else:
        print(f"started from {source} (step {step})", flush=True)
    data = load(args.corpus)
    print(f"corpus: {len(data)} utterances, {sum(len(a) for _, _, a in data) / SAMPLE_RATE / 3600:.2f} h; "
          f"widths {model.widths}, {sum(p.numel() for p in model.parameters()):,} parameters, "
          f"{macs_per_second(model.widths, model.tail) / 1e9:.3f} GMAC per audio second ({model.tail} tail)", flush=True)
    zero, one = torch.zeros(LATENT_CHANNELS), torch.ones(LATENT_CHANNELS)
    rng = random.Random(step)

    def checkpoint(step):
        extra = {} if features is None else {"proj": features.proj.state_dict()}
        save(args.ckpt, model=model.state_dict(), opt=opt.state_dict(), step=step, config=config, **extra)

    fit(model, opt, args, step, data, lambda d: batch(d, args.batch, rng, zero, one, context=CONTEXT),
        lambda m, z, t, v: losses(m, z, t, v, features, args.feature_weight, args.mel_weight), checkpoint,
        extra=(("mel",) if args.mel_weight > 0 else ()) + (() if features is None else ("features",)))

if __name__ == "__main__":
    main()
