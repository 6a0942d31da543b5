"""The Piper teacher's duration predictor (`/dp/*`) at `noise_w` 0, as a PyTorch module.

    teacher_durations.py --check DIR [--limit 20]

The teacher predicts each phoneme's frames with a stochastic duration predictor: normalising
flows (rational-quadratic splines conditioned on the text encoder's hidden state) run in reverse
from noise scaled by `noise_w`. At `noise_w` 0 the flows start from zeros and the durations are
a deterministic function of the ids, `ceil(exp(logw))` frames. On the dev set the teacher's text
encoder, flow and decoder speak closer to the sampled teacher with these durations (MCD 1.10 dB)
than with the shared encoder's (1.29 dB). The exported graph locates spline bins with boolean
indexing (NonZero, ScatterND); this module computes the same function with comparisons, gathers
and selects, which tract plans on fixed windows. `--check` compares its frames with the teacher's
own graph (`noise_w` 0) on DIR/<id>.npz ids.
"""

import argparse
import math
import sys
from pathlib import Path

import numpy as np
import onnx
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import teacher as T  # noqa: E402
from blocks import ChannelNorm  # noqa: E402
from teacher_encoder import CHANNELS, LN_EPS, TeacherTextEncoder  # noqa: E402

KERNEL = 3
DDS_LAYERS = 3
BINS = 10
TAIL_BOUND = 5.0
MIN_BIN_WIDTH = 1e-3
MIN_BIN_HEIGHT = 1e-3
MIN_DERIVATIVE = 1e-3
# The trained graph keeps the flows it runs in reverse: an affine one, then three spline ones.
CONV_FLOWS = (7, 5, 3)
# Largest share of ids whose frames may differ from the teacher's graph by one (a ceil tie).
CHECK_TOLERANCE = 1e-3


class DDSConv(nn.Module):
    """Dilated depthwise-separable convolutions (dilation 3^i), GELU, residual."""

    def __init__(self):
        super().__init__()
        self.convs_sep = nn.ModuleList(
            nn.Conv1d(CHANNELS, CHANNELS, KERNEL, groups=CHANNELS, dilation=KERNEL ** i,
                      padding=(KERNEL ** i * (KERNEL - 1)) // 2) for i in range(DDS_LAYERS))
        self.convs_1x1 = nn.ModuleList(nn.Conv1d(CHANNELS, CHANNELS, 1) for _ in range(DDS_LAYERS))
        self.norms_1 = nn.ModuleList(ChannelNorm(CHANNELS, LN_EPS) for _ in range(DDS_LAYERS))
        self.norms_2 = nn.ModuleList(ChannelNorm(CHANNELS, LN_EPS) for _ in range(DDS_LAYERS))

    def forward(self, x, mask, g=None):
        if g is not None:
            x = x + g
        for sep, norm_1, pw, norm_2 in zip(self.convs_sep, self.norms_1, self.convs_1x1, self.norms_2):
            y = F.gelu(norm_1(sep(x * mask)))
            x = x + F.gelu(norm_2(pw(y)))
        return x * mask


def inverse_spline(y, widths, heights, derivatives):
    """Inverts the monotonic rational-quadratic spline on [-TAIL_BOUND, TAIL_BOUND] (identity
    outside) at `y` [..., T]; bin parameters [..., T, BINS] (derivatives BINS - 1, unconstrained)."""
    inside = (y >= -TAIL_BOUND) & (y <= TAIL_BOUND)
    y_in = y.clamp(-TAIL_BOUND, TAIL_BOUND)
    edge = math.log(math.exp(1 - MIN_DERIVATIVE) - 1)
    derivatives = MIN_DERIVATIVE + F.softplus(F.pad(derivatives, (1, 1), value=edge))

    def knots(unnormalised, minimum):
        share = minimum + (1 - minimum * BINS) * unnormalised.softmax(dim=-1)
        cum = F.pad(share.cumsum(dim=-1), (1, 0))
        cum = 2 * TAIL_BOUND * cum - TAIL_BOUND  # starts at -TAIL_BOUND exactly
        cum = torch.cat([cum[..., :-1], torch.full_like(cum[..., -1:], TAIL_BOUND)], dim=-1)
        return cum, cum[..., 1:] - cum[..., :-1]

    cumwidths, widths = knots(widths, MIN_BIN_WIDTH)
    cumheights, heights = knots(heights, MIN_BIN_HEIGHT)
    locations = torch.cat([cumheights[..., :-1], cumheights[..., -1:] + 1e-6], dim=-1)
    bin_ix = ((y_in.unsqueeze(-1) >= locations).to(y.dtype).sum(dim=-1) - 1).clamp(0, BINS - 1)
    ix = bin_ix.to(torch.int64).unsqueeze(-1)

    def at(t):
        return t.gather(-1, ix).squeeze(-1)

    delta = heights / widths
    x_cw, x_w, y_ch, y_h = at(cumwidths), at(widths), at(cumheights), at(heights)
    d, d1, s = at(derivatives), at(derivatives[..., 1:]), at(delta)
    dy = y_in - y_ch
    a = dy * (d + d1 - 2 * s) + y_h * (s - d)
    b = y_h * d - dy * (d + d1 - 2 * s)
    c = -s * dy
    root = (2 * c) / (-b - torch.sqrt(b * b - 4 * a * c))
    return torch.where(inside, root * x_w + x_cw, y)


class ConvFlow(nn.Module):
    def __init__(self):
        super().__init__()
        self.pre = nn.Conv1d(1, CHANNELS, 1)
        self.convs = DDSConv()
        self.proj = nn.Conv1d(CHANNELS, 3 * BINS - 1, 1)

    def reverse(self, z, mask, g):
        z0, z1 = z[:, :1], z[:, 1:]
        h = self.proj(self.convs(self.pre(z0), mask, g)) * mask
        h = h.transpose(1, 2).unsqueeze(1)  # [b, 1, t, 3 * BINS - 1]
        scale = math.sqrt(CHANNELS)
        z1 = inverse_spline(z1, h[..., :BINS] / scale, h[..., BINS:2 * BINS] / scale, h[..., 2 * BINS:])
        return torch.cat([z0, z1], dim=1) * mask


class TeacherDurations(nn.Module):
    """ids [B, N] int64, mask [B, 1, N] -> `ln(1 + frames)` [B, 1, N] with `frames` the teacher's
    own at `noise_w` 0 (`ceil(exp(logw))`), zero where the mask is: the runtime's duration
    convention, so `length_scale` 1 gives the teacher's frames exactly."""

    def __init__(self, encoder: TeacherTextEncoder):
        super().__init__()
        self.encoder = encoder
        self.pre = nn.Conv1d(CHANNELS, CHANNELS, 1)
        self.convs = DDSConv()
        self.proj = nn.Conv1d(CHANNELS, CHANNELS, 1)
        self.flows = nn.ModuleList(ConvFlow() for _ in CONV_FLOWS)
        self.register_buffer("affine_m", torch.zeros(1, 2, 1))
        self.register_buffer("affine_inv_scale", torch.ones(1, 2, 1))

    def forward(self, ids, mask):
        return self.from_hidden(self.encoder.hidden(ids, mask), mask)

    def from_hidden(self, x, mask):
        """The same from the text encoder's hidden state (`TeacherTextEncoder.hidden`)."""
        g = self.proj(self.convs(self.pre(x), mask)) * mask
        z = torch.zeros_like(mask).repeat(1, 2, 1)
        for flow in self.flows:
            z = flow.reverse(z.flip(1), mask, g)
        z = z.flip(1)
        logw = ((z - self.affine_m) * self.affine_inv_scale * mask)[:, :1]
        return torch.log1p(torch.ceil(torch.exp(logw) * mask)) * mask

    @classmethod
    def from_teacher(cls) -> "TeacherDurations":
        """The predictor with the teacher voice's weights (and its text encoder's)."""
        src, _ = T.voice_paths()
        graph = onnx.load(str(src))
        weights = {i.name: onnx.numpy_helper.to_array(i) for i in graph.graph.initializer}
        inv_scale = next(weights[n.input[1]]
                         for n in graph.graph.node if n.name == "/dp/flows.0/Mul")
        model = cls(TeacherTextEncoder.from_teacher())
        state = {}
        for name, value in model.state_dict().items():
            if name.startswith("encoder."):
                state[name] = value
                continue
            if name == "affine_m":
                source = weights["dp.flows.0.m"]
            elif name == "affine_inv_scale":
                source = inv_scale
            else:
                key = name
                if name.startswith("flows."):
                    k = int(name.split(".")[1])
                    key = f"flows.{CONV_FLOWS[k]}." + name.split(".", 2)[2]
                key = "dp." + key
                if "norms_" in key:
                    key = key.replace(".weight", ".gamma").replace(".bias", ".beta")
                if key not in weights:
                    raise SystemExit(f"{src}: no initializer {key} for {name}")
                source = weights[key]
            state[name] = torch.from_numpy(np.array(source, dtype=np.float32)).reshape(value.shape)
        model.load_state_dict(state)
        return model.eval()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", type=Path, required=True, help="a corpus directory of <id>.npz with ids")
    ap.add_argument("--limit", type=int, default=20)
    args = ap.parse_args()
    model = TeacherDurations.from_teacher()
    teacher = T.Teacher(Path(__file__).resolve().parents[2] / "work" / "cache", noise_scale=0.0)
    teacher.scales[2] = 0.0
    ids_total = off = 0
    worst = 0
    for meta in sorted(args.check.glob("*.npz"))[: args.limit]:
        ids = np.load(meta)["ids"].astype(np.int64)
        n = len(ids)
        _, frames = teacher.synthesize(ids, 0)
        padded = torch.zeros(1, n + 37, dtype=torch.long)
        padded[0, :n] = torch.from_numpy(ids)
        mask = torch.zeros(1, 1, n + 37)
        mask[..., :n] = 1
        with torch.no_grad():
            ours = torch.expm1(model(padded, mask))[0, 0].round().long().numpy()
        diff = np.abs(ours[:n] - frames)
        ids_total += n
        off += int((diff > 0).sum())
        worst = max(worst, int(diff.max()), int(np.abs(ours[n:]).max()))
    print(f"frames differ from the teacher's graph at {off} of {ids_total} ids, by at most {worst}")
    if worst > 1 or off > CHECK_TOLERANCE * ids_total:
        raise SystemExit("the module does not reproduce the teacher's durations")


if __name__ == "__main__":
    main()
