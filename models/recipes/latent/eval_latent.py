"""Judges the latent models in PyTorch, before any export: the acoustic model's predicted `z`
against the teacher's, and audio through the teacher's decoder or the student vocoder.

    eval_latent.py --dev models/work/dev-latent --out models/work/eval/NAME
                   [--acoustic CKPT] [--vocoder CKPT] [--steps 2] [--temperature 0] [--limit N]

DEV is `render_teacher.py --latent --align` of the dev sentences: ids, the teacher's durations
and its noise-free `z`. The acoustic model is given the teacher's durations, so predicted and
true `z` align frame by frame (`--own-durations`: its own, as the runtime rounds them); without `--acoustic` the teacher's own `z` is used (the
vocoder's resynthesis). Audio goes through the student vocoder (`--vocoder`) or else the
teacher's decoder (onnxruntime), into OUT/<id>.wav for `../shared/eval/judge`. A vocoder
checkpoint is either the iSTFT student (`train_latent.py`) or the teacher-shaped one
(`train_hifi_student.py`, its config naming `widths`).

Prints the smoothing guard over speech frames: per-channel variance of predicted vs true `z`
(ratio of means; 1 = as detailed), lag-1 autocorrelation of each, and the error's RMS relative
to each channel's std; with a vocoder, the student's per-band log-magnitude L1 against the
teacher's audio (0-1, 1-2, 2-4, 4-8, 8-11 kHz) and its waveform SNR.
"""

import argparse
import sys
import wave
from pathlib import Path

import numpy as np
import torch

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parent / "acoustic"))
sys.path.insert(0, str(HERE))
import teacher as T  # noqa: E402
from model import AcousticModel  # noqa: E402  (acoustic/model.py)

BANDS_HZ = [0, 1000, 2000, 4000, 8000, 11025]


def read_pcm(path: Path) -> np.ndarray:
    with wave.open(str(path)) as w:
        return np.frombuffer(w.readframes(w.getnframes()), dtype=np.int16).astype(np.float32) / 32768.0


def vocoder_module():
    import importlib.util

    spec = importlib.util.spec_from_file_location("vocoder_model", HERE.parent / "vocoder" / "model.py")
    vm = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(vm)
    return vm


def load_vocoder(path: Path):
    """A student vocoder checkpoint and a function `z [F, 192]` -> audio for it."""
    ck = torch.load(path, map_location="cpu", weights_only=False)
    if "widths" in ck["config"]:
        sys.path.insert(0, str(HERE.parent / "vocoder"))
        from hifi_student import load_student

        student = load_student(ck)
        student.eval()

        @torch.no_grad()
        def vocode(z):
            return student(torch.from_numpy(z).T[None])[0, 0].numpy()

        return student, vocode
    vm = vocoder_module()
    student = vm.SmallVocoder(**ck["config"])
    student.load_state_dict(ck["model"])
    student.eval()
    mean, std = torch.tensor(ck["latent_stats"][0]), torch.tensor(ck["latent_stats"][1])

    @torch.no_grad()
    def vocode(z):
        zn = ((torch.from_numpy(z) - mean) / std).T[None]
        return vm.istft(student(zn), zn.shape[2])[0].numpy()

    return student, vocode


@torch.no_grad()
def predict_z(model, stats, ids, durations, steps, temperature, seed):
    """`z` (and the prior's mean) for `ids`; `durations` None takes the model's own, as the
    runtime rounds them."""
    ids_t = torch.from_numpy(ids)[None]
    pmask = torch.ones(1, 1, len(ids))
    h, log_dur = model.encoder(ids_t, pmask)
    if durations is None:
        durations = rounded_durations(log_dur)
    frames = int(durations.sum())
    hx = torch.repeat_interleave(h[0], torch.from_numpy(durations), dim=1)[None]
    fmask = torch.ones(1, 1, frames)
    mu, cond = model.prior(hx, fmask)
    g = torch.Generator().manual_seed(seed)
    x = mu + temperature * torch.randn(mu.shape, generator=g)
    for k in range(steps):
        t = torch.full((1,), k / steps)
        dt = torch.full((1,), 1 / steps)
        x = x + model.decoder(x, mu, cond, fmask, t, dt if model.decoder.step_cond else None) / steps
    mean = torch.tensor(stats[0]).view(1, -1, 1)
    std = torch.tensor(stats[1]).view(1, -1, 1)
    return (x * std + mean)[0].T.numpy(), (mu * std + mean)[0].T.numpy()


def rounded_durations(log_dur):
    """Frames per id from the encoder's `ln(1 + frames)`, as the runtime rounds them."""
    return torch.round(torch.clamp(torch.exp(log_dur.reshape(-1)) - 1, min=0)).long().numpy()


@torch.no_grad()
def own_durations(model, ids):
    _, log_dur = model.encoder(torch.from_numpy(ids)[None], torch.ones(1, 1, len(ids)))
    return rounded_durations(log_dur)


class PhonemePriorPath:
    """`z` from the phoneme prior (`train_prior.py`): its `m_p`, repeated by the durations, through
    the teacher's flow."""

    def __init__(self, ckpt: Path):
        import teacher_prior as TP
        from train_prior import PhonemePrior

        ck = torch.load(ckpt, map_location="cpu", weights_only=False)
        self.model = PhonemePrior(**ck["cfg"])
        self.model.load_state_dict({k: v.float() if v.is_floating_point() else v for k, v in ck["model"].items()})
        self.model.eval()
        self.mean = torch.tensor(ck["stats"][0]).view(1, -1, 1)
        self.std = torch.tensor(ck["stats"][1]).view(1, -1, 1)
        self.flow = TP.session(TP.flow_graph(TP.CACHE / "joe-flow.onnx"))

    @torch.no_grad()
    def __call__(self, ids, durations):
        m_p = (self.model(torch.from_numpy(ids)[None], torch.ones(1, 1, len(ids))) * self.std + self.mean)[0].numpy()
        zp = np.repeat(m_p, durations, axis=1)[None].astype(np.float32)
        return self.flow.run(None, {"z_p": zp, "mask": np.ones((1, 1, zp.shape[2]), np.float32)})[0][0].T


def lag1(z):
    a, b = z[:-1] - z.mean(0), z[1:] - z.mean(0)
    return float((a * b).sum() / np.sqrt((a * a).sum() * (b * b).sum()))


def band_l1(y, t):
    import scipy.signal

    _, _, Y = scipy.signal.stft(y, 22050, nperseg=1024, noverlap=768)
    f, _, X = scipy.signal.stft(t, 22050, nperseg=1024, noverlap=768)
    d = np.abs(np.log(np.abs(Y) + 1e-5) - np.log(np.abs(X) + 1e-5))
    return [float(d[(f >= lo) & (f < hi)].mean()) for lo, hi in zip(BANDS_HZ[:-1], BANDS_HZ[1:])]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dev", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--acoustic", type=Path)
    ap.add_argument("--vocoder", type=Path)
    ap.add_argument("--steps", type=int, default=2)
    ap.add_argument("--temperature", type=float, default=0.0)
    ap.add_argument("--phoneme-prior", type=Path,
                    help="z from this phoneme prior through the teacher's flow (durations: the teacher's, or "
                         "with --own-durations the acoustic model's)")
    ap.add_argument("--prior-only", action="store_true", help="the prior's mean alone, no flow")
    ap.add_argument("--own-durations", action="store_true",
                    help="the acoustic model's durations instead of the teacher's (no z statistics)")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--threads", type=int, default=1)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    args.out.mkdir(parents=True, exist_ok=True)

    model = stats = None
    if args.acoustic:
        ck = torch.load(args.acoustic, map_location="cpu", weights_only=False)
        model = AcousticModel(**ck["cfg"])
        model.load_state_dict(ck["model"])
        model.eval()
        stats = ck["mel_stats"]
    prior_path = PhonemePriorPath(args.phoneme_prior) if args.phoneme_prior else None
    student = vstats = None
    if args.vocoder:
        student, vocode = load_vocoder(args.vocoder)
    else:
        import onnxruntime as ort

        dec_path = T.decoder_graph(HERE.parents[1] / "work" / "cache" / "teacher-decoder.onnx")
        dec = ort.InferenceSession(str(dec_path), providers=["CPUExecutionProvider"])

    utts = sorted(p.name[: -len(".z.npy")] for p in args.dev.glob("*.z.npy"))
    if args.limit:
        utts = utts[: args.limit]
    var_p, var_t, lag_p, lag_t, err, bands = [], [], [], [], [], []
    signal = noise = 0.0
    for utt in utts:
        z_true = np.load(args.dev / f"{utt}.z.npy").astype(np.float32)
        meta = np.load(args.dev / f"{utt}.npz")
        ids, durations = meta["ids"].astype(np.int64), meta["durations"].astype(np.int64)
        z = z_true
        if prior_path is not None:
            z = prior_path(ids, own_durations(model, ids) if args.own_durations else durations)
        elif model is not None:
            own = None if args.own_durations else durations
            z_flow, z_mu = predict_z(model, stats, ids, own, args.steps, args.temperature, 0)
            z = z_mu if args.prior_only else z_flow
        if (model is not None or prior_path is not None) and not args.own_durations:
            speech = np.abs(read_pcm(args.dev / f"{utt}.wav")).reshape(-1, 256).max(1) > 0.01
            speech = speech[: len(z)]
            var_p.append(z[speech].var(0))
            var_t.append(z_true[speech].var(0))
            lag_p.append(lag1(z[speech]))
            lag_t.append(lag1(z_true[speech]))
            err.append(((z[speech] - z_true[speech]) ** 2).mean(0) / np.maximum(z_true[speech].var(0), 1e-6))
        if student is not None:
            audio = vocode(z)
        else:
            audio = dec.run(None, {"z": z.T[None].astype(np.float32)})[0].reshape(-1)
        T.write_wav(args.out / f"{utt}.wav", audio)
        if student is not None and model is None:
            ref = read_pcm(args.dev / f"{utt}.wav")
            bands.append(band_l1(audio, ref))
            signal += float((ref ** 2).sum())
            noise += float(((audio[: len(ref)] - ref) ** 2).sum())
    if var_p:
        vp, vt = np.mean(var_p, 0), np.mean(var_t, 0)
        print(f"z: variance ratio {vp.mean() / vt.mean():.3f} (per channel median {np.median(vp / vt):.3f}), "
              f"lag-1 autocorrelation {np.mean(lag_p):.3f} vs teacher {np.mean(lag_t):.3f}, "
              f"relative RMS error {np.sqrt(np.mean(err)):.3f}")
    if bands:
        b = np.mean(bands, 0)
        names = [f"{lo / 1000:g}-{hi / 1000:g} kHz" for lo, hi in zip(BANDS_HZ[:-1], BANDS_HZ[1:])]
        print("log-magnitude L1 by band: " + ", ".join(f"{n} {v:.3f}" for n, v in zip(names, b))
              + f"; waveform SNR {10 * np.log10(signal / max(noise, 1e-30)):.2f} dB")
    print(f"wrote {len(utts)} wavs to {args.out}")


if __name__ == "__main__":
    main()
