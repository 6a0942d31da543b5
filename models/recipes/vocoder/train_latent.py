"""Trains the student vocoder on the teacher's decoder: noise-free latent `z` -> the teacher's audio.

    train_latent.py --corpus models/work/corpus-latent --ckpt models/work/ckpt/vocoder-latent.pt
                    [--init models/checkpoints/vocoder-gan.pt] [--steps N] [--threads 1]

The corpus is `render_teacher.py --latent`: each utterance's wav is exactly the teacher's decoder
run on its z.npy, so the target is a deterministic function of the input and plain regression
can match it (from log-mel the phase is undetermined and regression averages it). The student is
the small vocoder (ReLU ConvNeXt, inverse-STFT head) with a 192-channel input conv; its input is
z normalised per channel by the corpus statistics (kept in the checkpoint, folded into the input
conv at export). `--init` takes every tensor of a mel vocoder whose shape matches (all but the
input conv).

Each item is a crop of SEGMENT frames with CONTEXT frames of z on either side, as the runtime's
windows see them; crops may start before an utterance or end after it (zero z, as the teacher's
own zero padding), and only frames inside the utterance are judged. Losses: complex-spectrum L1
and log-magnitude L1 in the head's own framing, both weighted LOW_WEIGHT more below LOW_HZ (where
today's vocoder loses its sound: the fundamental and first harmonics), multi-resolution STFT, and
waveform L1. The log prints each loss and the low band's separately; checkpoints every
`--save-every` steps, resumable.

`--qat` fine-tunes a trained student (`--init`, its own step count from 0) in the int8 chain's
arithmetic (model.py `enable_quant`: per-tensor int8 weights, u8 activations with the runtime's
rounding and clipping); its checkpoint records `quant` and the activation ranges, which
`export.py` writes beside the graph for `sotto-quantize --ranges`.
"""

import argparse
import random
import sys
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
import corpus as C  # noqa: E402
from training import Progress, common_args, optimizer_step, save  # noqa: E402
from model import BINS, HOP, N_FFT, SmallVocoder, istft, macs_per_second, stft  # noqa: E402
from train import mr_stft_loss  # noqa: E402

SEGMENT = 64
CONTEXT = 24
EDGE_SHARE = 0.2
LATENT_CHANNELS = 192
SAMPLE_RATE = 22050
LOW_HZ = 1000.0
LOW_BIN = int(LOW_HZ / (SAMPLE_RATE / N_FFT)) + 1
LOW_WEIGHT = 4.0
WAVE_WEIGHT = 10.0
CPLX_WEIGHT = 10.0
MEL_BANDS = 80
MEL_FMAX = 8000.0


def read_pcm(path: Path) -> np.ndarray:
    import wave

    with wave.open(str(path)) as w:
        return np.frombuffer(w.readframes(w.getnframes()), dtype=np.int16)


def load(corpus: Path):
    """(name, z float16 [F, 192], audio int16 [F * 256]) for every training utterance rendered."""
    out = []
    for z_path in sorted(corpus.glob("*.z.npy")):
        name = z_path.name[: -len(".z.npy")]
        wav = corpus / f"{name}.wav"
        if C.is_valid_split(name) or not wav.exists():
            continue
        try:
            z = np.load(z_path)
            audio = read_pcm(wav)
        except (OSError, ValueError, EOFError):
            continue
        if len(audio) != z.shape[0] * HOP or z.shape[1] != LATENT_CHANNELS:
            continue
        out.append((name, z, audio))
    return out


def latent_stats(data):
    frames = np.concatenate([z[::4] for _, z, _ in data[:2000]]).astype(np.float64)
    return frames.mean(axis=0).tolist(), np.maximum(frames.std(axis=0), 1e-3).tolist()


def batch(data, size, rng, mean, std, context=CONTEXT):
    """z windows [B, 192, SEGMENT + 2 context] (zero outside the utterance, then normalised, as
    the input conv folded with the normalisation sees them), target audio [B, SEGMENT * HOP] and
    its validity mask per frame."""
    width = SEGMENT + 2 * context
    zs = np.zeros((size, width, LATENT_CHANNELS), np.float32)
    audio = np.zeros((size, SEGMENT * HOP), np.float32)
    valid = np.zeros((size, SEGMENT), np.float32)
    for b in range(size):
        _, z, pcm = data[rng.randrange(len(data))]
        frames = z.shape[0]
        if rng.random() < EDGE_SHARE:
            start = rng.choice([-SEGMENT // 2, frames - SEGMENT // 2])
        else:
            start = rng.randrange(max(1, frames - SEGMENT + 1))
        lo, hi = start - context, start + SEGMENT + context
        a, e = max(lo, 0), min(hi, frames)
        if e > a:
            zs[b, a - lo : e - lo] = z[a:e]
        a, e = max(start, 0), min(start + SEGMENT, frames)
        if e > a:
            audio[b, (a - start) * HOP : (e - start) * HOP] = pcm[a * HOP : e * HOP] / 32768.0
            valid[b, a - start : e - start] = 1.0
    z = (torch.from_numpy(zs) - mean) / std
    return z.transpose(1, 2), torch.from_numpy(audio), torch.from_numpy(valid)


def spectral_losses(P, T, valid):
    """Complex and log-magnitude L1 of spectra `P` against `T` ([B, BINS, SEGMENT], frames
    masked by `valid`), the band below LOW_HZ weighted LOW_WEIGHT; then the same two over that
    band alone (reported, not optimised)."""
    m = valid[:, None, :]
    n = m.sum().clamp(min=1)
    weight = torch.ones(BINS, 1)
    weight[:LOW_BIN] = LOW_WEIGHT
    cplx = (P - T).abs()
    mag = (torch.log(P.abs() + 1e-5) - torch.log(T.abs() + 1e-5)).abs()
    l_cplx = (cplx * weight * m).sum() / (n * weight.sum())
    l_mag = (mag * weight * m).sum() / (n * weight.sum())
    low_cplx = (cplx[:, :LOW_BIN] * m).sum() / (n * LOW_BIN)
    low_mag = (mag[:, :LOW_BIN] * m).sum() / (n * LOW_BIN)
    return l_cplx, l_mag, low_cplx, low_mag


def _mel_filterbank(n_mels=MEL_BANDS, fmax=MEL_FMAX):
    """Triangular filters on the HTK mel scale from 0 Hz to `fmax` over N_FFT's bins (the
    judge's MCD framing)."""
    mel = lambda f: 2595.0 * np.log10(1.0 + f / 700.0)  # noqa: E731
    hz = 700.0 * (10 ** (np.linspace(0.0, mel(fmax), n_mels + 2) / 2595.0) - 1.0)
    bins = np.fft.rfftfreq(N_FFT, 1.0 / SAMPLE_RATE)
    fb = np.zeros((n_mels, BINS), np.float32)
    for i in range(n_mels):
        lo, mid, hi = hz[i : i + 3]
        fb[i] = np.maximum(0.0, np.minimum((bins - lo) / (mid - lo), (hi - bins) / (hi - mid)))
    return torch.from_numpy(fb)


MEL_FB = _mel_filterbank()


def log_mel_loss(P, T, valid):
    """L1 between the log mel amplitudes of spectra `P` and `T` ([B, BINS, frames], frames
    masked by `valid`): what the mel-cepstral distortion measures."""
    m = valid[:, None, :]
    lp = torch.log((MEL_FB @ P.abs()).clamp(min=1e-5))
    lt = torch.log((MEL_FB @ T.abs()).clamp(min=1e-5))
    return ((lp - lt).abs() * m).sum() / (m.sum().clamp(min=1) * MEL_FB.shape[0])


def losses(model, z, target, valid):
    spec = model(z)
    width = z.shape[2]
    y = istft(spec, width)[:, CONTEXT * HOP : (CONTEXT + SEGMENT) * HOP]
    P = torch.complex(spec[:, :BINS], spec[:, BINS:])[..., CONTEXT : CONTEXT + SEGMENT]
    padded = F.pad(target, (CONTEXT * HOP, CONTEXT * HOP))
    T = stft(padded)[..., CONTEXT : CONTEXT + SEGMENT]
    l_cplx, l_mag, low_cplx, low_mag = spectral_losses(P, T, valid)
    wm = valid.repeat_interleave(HOP, dim=1)
    l_wave = ((y - target).abs() * wm).sum() / wm.sum().clamp(min=1)
    l_mr = mr_stft_loss(y * wm, target * wm)
    return l_cplx, l_mag, l_mr, l_wave, low_cplx, low_mag


def fit(model, opt, args, step, data, draw, loss_terms, checkpoint, extra=()):
    """A student's training loop from `step` to `args.steps`: `draw(data)` gives a batch
    (z, target, valid), `loss_terms` its six terms (as `losses`) and then one weighted term per
    name in `extra`, added to the loss as they are; the corpus is re-read every `args.refresh`
    steps and `checkpoint(step)` called every `args.save_every` and at the end."""
    progress = Progress(["cplx", "mag", "mrstft", "wave", "low_cplx", "low_mag", *extra])
    model.train()
    while step < args.steps:
        if step and step % args.refresh == 0:
            data = load(args.corpus)
        terms = loss_terms(model, *draw(data))
        l_cplx, l_mag, l_mr, l_wave = terms[:4]
        loss = CPLX_WEIGHT * l_cplx + l_mag + 2 * l_mr + WAVE_WEIGHT * l_wave + sum(terms[6:])
        lr = optimizer_step(model.parameters(), opt, loss, step, args)
        step += 1
        progress.add([v.item() for v in terms])
        progress.log(step, lr)
        if step % args.save_every == 0:
            checkpoint(step)
    checkpoint(step)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--channels", type=int, default=256)
    ap.add_argument("--hidden", type=int, default=768)
    ap.add_argument("--blocks", type=int, default=12)
    ap.add_argument("--qat", action="store_true", help="fine-tune --init in the int8 chain's arithmetic")
    common_args(ap, steps=40000, threads=1, lr=5e-4, warmup=500, save_every=200, refresh=2000)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    config = {"blocks": args.blocks, "channels": args.channels, "hidden": args.hidden, "act": "relu",
              "in_channels": LATENT_CHANNELS}
    model = SmallVocoder(**config)
    if args.qat:
        model.enable_quant()
        config["quant"] = True
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, betas=(0.8, 0.99), weight_decay=0.01)
    data = load(args.corpus)
    print(f"corpus: {len(data)} utterances, {sum(len(a) for _, _, a in data) / SAMPLE_RATE / 3600:.2f} h", flush=True)
    step, stats = 0, None
    if args.ckpt.exists():
        ck = torch.load(args.ckpt, map_location="cpu", weights_only=False)
        model.load_state_dict(ck["model"])
        opt.load_state_dict(ck["opt"])
        step, stats = ck["step"], ck["latent_stats"]
        print(f"resumed at step {step}", flush=True)
    elif args.init and args.init.exists():
        ck = torch.load(args.init, map_location="cpu", weights_only=False)
        own = model.state_dict()
        taken = {k: v.float() for k, v in ck["model"].items() if k in own and own[k].shape == v.shape}
        model.load_state_dict(taken, strict=False)
        if "latent_stats" in ck:
            stats = ck["latent_stats"]
            step = 0 if args.qat else ck["step"]
        fresh = sorted(set(own) - set(taken))
        shown = ", ".join(fresh[:4]) + (f" and {len(fresh) - 4} more" if len(fresh) > 4 else "")
        print(f"started from {args.init} (step {ck.get('step')}): {len(taken)} tensors, "
              f"fresh: {shown or 'none'}", flush=True)
    if stats is None:
        stats = latent_stats(data)
    mean = torch.tensor(stats[0], dtype=torch.float32)
    std = torch.tensor(stats[1], dtype=torch.float32)
    print(f"parameters {sum(p.numel() for p in model.parameters()):,}, "
          f"{macs_per_second(model) / 1e9:.3f} GMAC per audio second", flush=True)
    rng = random.Random(step)

    def checkpoint(step):
        save(args.ckpt, model=model.state_dict(), opt=opt.state_dict(), step=step, config=config,
             latent_stats=stats)

    fit(model, opt, args, step, data, lambda d: batch(d, args.batch, rng, mean, std), losses, checkpoint)

if __name__ == "__main__":
    main()
