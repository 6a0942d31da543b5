"""Trains the small vocoder against real speech: adversarial + feature matching + log-mel L1.

    train_gan.py --audio DIR --basis mel_basis.npy --init CKPT --out OUT [--minutes M] [--act relu]

DIR holds the teacher's renderings (*.wav or *.flac, 22050 Hz mono); their log-mels are computed
here with the runtime's analysis (the Slaney basis comes from `mel_basis.npy`, written by
`make_gan_data.py`, so no librosa is needed where this runs). Each training item is a crop of
SEGMENT frames with CONTEXT frames of mel on either side, exactly as the runtime's windows see
them; crops may run past an utterance's start or end into silence (silent log-mel frames, zero
audio), so the model learns utterance edges. The generator's inverse STFT runs over the whole
window and the middle SEGMENT * 256 samples are judged.

Self-contained for a GPU machine: needs torch, numpy and (for FLAC) soundfile. Trains for a wall
time budget (`--minutes`, learning rate on a cosine over that time), writes the generator in
files of at most 15 MB (OUT/g-*.pt; `load_generator_parts` reads them back), the discriminators
in fp16 (OUT/d.pt), and logs to stdout.
"""

import argparse
import math
import sys
import time
import zlib
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
from gan import Discriminators, LogMel, d_loss, feature_loss, g_adv_loss  # noqa: E402
from model import HOP, LEGACY_CONFIG, SmallVocoder, istft  # noqa: E402

SEGMENT = 64
CONTEXT = 24
SILENCE = math.log(1e-5)
VALID_EVERY = 50
PART_BYTES = 15_000_000
MEL_WEIGHT = 45.0
FM_WEIGHT = 2.0


def read_audio(path: Path) -> np.ndarray:
    if path.suffix == ".wav":
        import wave

        with wave.open(str(path)) as w:
            return np.frombuffer(w.readframes(w.getnframes()), dtype=np.int16).astype(np.float32) / 32768.0
    import soundfile

    audio, _ = soundfile.read(str(path), dtype="int16")
    return audio.astype(np.float32) / 32768.0


def is_valid(name: str) -> bool:
    return zlib.crc32(name.encode()) % VALID_EVERY == 0


def save_generator_parts(model, out: Path, **meta):
    """Writes the generator's state dict in files of at most PART_BYTES (OUT/g-NNN.pt)."""
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("g-*.pt"):
        old.unlink()
    parts, part, size = [], {}, 0
    for k, v in model.state_dict().items():
        n = v.numel() * v.element_size()
        if part and size + n > PART_BYTES:
            parts.append(part)
            part, size = {}, 0
        part[k] = v.detach().cpu()
        size += n
    parts.append(part)
    for i, p in enumerate(parts):
        tmp = out / f"g-{i:03d}.tmp"
        torch.save({"model": p, **meta}, tmp)
        tmp.replace(out / f"g-{i:03d}.pt")


def load_generator_parts(folder: Path) -> dict:
    """A checkpoint dictionary (model, step, config) from OUT/g-*.pt."""
    state, meta = {}, {}
    for f in sorted(folder.glob("g-*.pt")):
        d = torch.load(f, map_location="cpu", weights_only=False)
        state.update(d.pop("model"))
        meta = d
    return {"model": state, **meta}


class Crops:
    """Utterances padded with silence, and random aligned (mel window, audio segment) crops."""

    def __init__(self, audios, logmel, device, edge_frac):
        self.mels, self.audios, self.edge_frac = [], [], edge_frac
        pad = SEGMENT + CONTEXT
        for a in audios:
            frames = len(a) // HOP
            a = torch.from_numpy(a[: frames * HOP]).to(device)
            with torch.no_grad():
                mel = logmel(a[None])[0][:, :frames]
            self.mels.append(F.pad(mel, (pad, pad), value=SILENCE))
            self.audios.append(F.pad(a, (pad * HOP, pad * HOP)))
        self.frames = np.array([m.shape[1] - 2 * pad for m in self.mels])
        self.rng = np.random.default_rng(0)

    def batch(self, n):
        mels, audios = [], []
        pad = SEGMENT + CONTEXT
        for u in self.rng.choice(len(self.mels), n, p=self.frames / self.frames.sum()):
            f = self.frames[u]
            if self.rng.random() < self.edge_frac:
                a = int(self.rng.integers(-SEGMENT // 2, max(1, f - SEGMENT // 2)))
            else:
                a = int(self.rng.integers(0, max(1, f - SEGMENT + 1)))
            s = a + pad
            mels.append(self.mels[u][:, s - CONTEXT : s + SEGMENT + CONTEXT])
            audios.append(self.audios[u][s * HOP : (s + SEGMENT) * HOP])
        return torch.stack(mels), torch.stack(audios)


def generate(model, mel):
    """Audio of the middle SEGMENT frames of [B, 80, SEGMENT + 2 * CONTEXT] mel windows."""
    spec = model(mel)
    y = istft(spec, mel.shape[2])
    return y[:, CONTEXT * HOP : (CONTEXT + SEGMENT) * HOP]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--audio", type=Path, required=True)
    ap.add_argument("--basis", type=Path, required=True)
    ap.add_argument("--init", type=Path, help="generator checkpoint (.pt) or folder of g-*.pt parts")
    ap.add_argument("--init-d", type=Path, help="discriminators (d.pt) to resume")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--act", default="relu")
    ap.add_argument("--minutes", type=float, default=7.0)
    ap.add_argument("--qat-minutes", type=float, default=0.0,
                    help="then train this long with the int8 chain's arithmetic (OUT/qat)")
    ap.add_argument("--lr-qat", type=float, default=5e-5)
    ap.add_argument("--save-minutes", type=float, default=2.0)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr-g", type=float, default=2e-4)
    ap.add_argument("--lr-d", type=float, default=2e-4)
    ap.add_argument("--d-warmup", type=int, default=200, help="steps training only the discriminators")
    ap.add_argument("--lr-warmup", type=int, default=300,
                    help="steps of each phase over which the learning rates rise linearly "
                    "(its optimizers start without moments)")
    ap.add_argument("--edge-frac", type=float, default=0.2)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--limit", type=int, default=0, help="use only the first N files")
    args = ap.parse_args()

    device = "cuda" if torch.cuda.is_available() else "cpu"
    torch.set_num_threads(args.threads)
    torch.backends.cuda.matmul.allow_tf32 = True
    torch.backends.cudnn.allow_tf32 = True
    torch.backends.cudnn.benchmark = True
    torch.manual_seed(0)
    print(f"device {device}" + (f" ({torch.cuda.get_device_name()})" if device == "cuda" else ""), flush=True)

    files = sorted(p for p in args.audio.iterdir() if p.suffix in (".wav", ".flac"))
    if args.limit:
        files = files[: args.limit]
    train = [f for f in files if not is_valid(f.stem)]
    valid = [f for f in files if is_valid(f.stem)][:8]
    logmel = LogMel(torch.from_numpy(np.load(args.basis))).to(device)
    t0 = time.time()
    crops = Crops([read_audio(f) for f in train], logmel, device, args.edge_frac)
    valid_audio = [torch.from_numpy(read_audio(f)).to(device) for f in valid]
    hours = crops.frames.sum() * HOP / 22050 / 3600
    print(f"data: {len(train)} utterances, {hours:.2f} h, {len(valid)} held out; {time.time() - t0:.1f}s", flush=True)

    config = {"blocks": 12, "act": args.act}
    step, base_step = 0, 0
    if args.init is not None:
        ck = load_generator_parts(args.init) if args.init.is_dir() else torch.load(args.init, map_location="cpu", weights_only=False)
        config = {**ck.get("config", LEGACY_CONFIG), "act": args.act}
        gen = SmallVocoder(**{k: v for k, v in config.items() if k != "quant"})
        if config.get("quant"):
            gen.enable_quant()
        gen.load_state_dict({k: v.float() if v.is_floating_point() else v for k, v in ck["model"].items()})
        step, base_step = ck.get("gan_step", 0), ck.get("step", 0)
        print(f"generator from {args.init} (step {ck.get('step')}, gan step {step}), config {config}", flush=True)
    else:
        gen = SmallVocoder(**config)
    gen = gen.to(device)
    disc = Discriminators().to(device)
    if args.init_d is not None:
        disc.load_state_dict({k: v.float() for k, v in torch.load(args.init_d, map_location="cpu").items()})
        print(f"discriminators from {args.init_d}", flush=True)
    opt_g = torch.optim.AdamW(gen.parameters(), lr=args.lr_g, betas=(0.8, 0.99), weight_decay=0.01)
    opt_d = torch.optim.AdamW(disc.parameters(), lr=args.lr_d, betas=(0.8, 0.99), weight_decay=0.01)
    print(f"generator {sum(p.numel() for p in gen.parameters()):,} parameters, "
          f"discriminators {sum(p.numel() for p in disc.parameters()):,}", flush=True)

    def save(out: Path):
        save_generator_parts(gen, out, step=base_step, gan_step=step, config=config)
        torch.save({k: v.half().cpu() for k, v in disc.state_dict().items()}, out / "d.pt")

    def validate():
        gen.eval()
        total = 0.0
        with torch.no_grad():
            for a in valid_audio:
                frames = len(a) // HOP
                mel = logmel(a[None, : frames * HOP])[:, :, :frames]
                y = istft(gen(mel), frames)
                total += F.l1_loss(logmel(y), mel).item()
        gen.train()
        return total / max(1, len(valid_audio))

    def train(minutes: float, lr_g: float, out: Path):
        nonlocal step
        start = last_save = last_log = time.time()
        budget, sums, n, first, phase_step = minutes * 60, np.zeros(5), 0, True, 0
        print(f"step {step} valid mel L1 {validate():.4f}", flush=True)
        while time.time() - start < budget:
            frac = (time.time() - start) / budget
            cosine = 0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * frac))
            decay = cosine * min(1.0, (phase_step + 1) / args.lr_warmup)
            for opt, base in ((opt_g, lr_g), (opt_d, args.lr_d)):
                for g in opt.param_groups:
                    g["lr"] = base * decay
            mel, target = crops.batch(args.batch)
            y = generate(gen, mel)

            opt_d.zero_grad(set_to_none=True)
            l_d = d_loss(disc(target), disc(y.detach()))
            l_d.backward()
            torch.nn.utils.clip_grad_norm_(disc.parameters(), 10.0)
            opt_d.step()

            l_mel = F.l1_loss(logmel(y), logmel(target))
            if step >= args.d_warmup:
                real, fake = disc(target), disc(y)
                l_adv, l_fm = g_adv_loss(fake), feature_loss(real, fake)
                loss = l_adv + FM_WEIGHT * l_fm + MEL_WEIGHT * l_mel
                opt_g.zero_grad(set_to_none=True)
                loss.backward()
                torch.nn.utils.clip_grad_norm_(gen.parameters(), 10.0)
                opt_g.step()
            else:
                l_adv = l_fm = torch.zeros(())
            step += 1
            phase_step += 1
            sums += [l_d.item(), l_adv.item(), l_fm.item(), l_mel.item(), 1]
            n += 1
            now = time.time()
            if first or now - last_log > 30:
                m = sums / n
                print(f"step {step} d {m[0]:.3f} adv {m[1]:.3f} fm {m[2]:.3f} mel {m[3]:.4f} "
                      f"{n / (now - last_log) * 3600:.0f} steps/h, {now - start:.0f}s", flush=True)
                sums, n, last_log, first = np.zeros(5), 0, now, False
            if now - last_save > args.save_minutes * 60:
                save(out)
                last_save = now
                print(f"step {step} valid mel L1 {validate():.4f} (saved)", flush=True)
        save(out)
        print(f"phase done: step {step}, valid mel L1 {validate():.4f}, {time.time() - start:.0f}s", flush=True)

    if args.minutes > 0:
        train(args.minutes, args.lr_g, args.out)
    if args.qat_minutes > 0:
        gen.enable_quant()
        gen.to(device)
        config = {**config, "quant": True}
        opt_g = torch.optim.AdamW(gen.parameters(), lr=args.lr_qat, betas=(0.8, 0.99), weight_decay=0.01)
        print("quantization-aware phase: int8 weights, u8 activations", flush=True)
        train(args.qat_minutes, args.lr_qat, args.out / "qat")


if __name__ == "__main__":
    main()
