"""The Piper teacher's text encoder (`/enc_p/*`) as a PyTorch module, weights read from its graph.

    teacher_encoder.py [--check DIR] [--limit 20]

The teacher's prior mean `m_p` is a function of the phoneme ids alone (`teacher_prior.py`), so the
latent path can carry the teacher's own text encoder instead of a phoneme prior trained to imitate
it. Its exported graph computes relative-position attention with length-dependent pads and reshapes
that tract cannot analyse on fixed windows; this module computes the same function by gathering
the relative logits and weights with index tables built from the window's length (the graph keeps
a free length axis; tract folds the tables per window). `--check` compares it with the teacher's own
graph on DIR/<id>.npz ids, padded to a longer window as the runtime pads them.
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
import teacher_prior as TP  # noqa: E402
from blocks import ChannelNorm  # noqa: E402

CHANNELS = 192
FILTER = 768
HEADS = 2
LAYERS = 6
KERNEL = 3
WINDOW = 4
N_SYMBOLS = 256
LN_EPS = 1e-5
MASKED_SCORE = -1e4
# The graph names its embedding table after the speaker-id input it shares a name with.
EMBEDDING = "sid"
# Largest |m_p| difference from the teacher's own graph that `--check` accepts.
CHECK_TOLERANCE = 1e-3


class RelativeAttention(nn.Module):
    """Multi-head self-attention with learned relative-position keys and values for offsets
    within ±`WINDOW` (zero beyond), as the teacher's encoder computes it."""

    def __init__(self):
        super().__init__()
        self.conv_q = nn.Conv1d(CHANNELS, CHANNELS, 1)
        self.conv_k = nn.Conv1d(CHANNELS, CHANNELS, 1)
        self.conv_v = nn.Conv1d(CHANNELS, CHANNELS, 1)
        self.conv_o = nn.Conv1d(CHANNELS, CHANNELS, 1)
        d = CHANNELS // HEADS
        self.emb_rel_k = nn.Parameter(torch.zeros(1, 2 * WINDOW + 1, d))
        self.emb_rel_v = nn.Parameter(torch.zeros(1, 2 * WINDOW + 1, d))

    def forward(self, x, mask):
        b, c, n = x.shape
        d = c // HEADS
        q = self.conv_q(x).view(b, HEADS, d, n).transpose(2, 3) / math.sqrt(d)
        k = self.conv_k(x).view(b, HEADS, d, n).transpose(2, 3)
        v = self.conv_v(x).view(b, HEADS, d, n).transpose(2, 3)
        pos = torch.arange(n, device=x.device)
        # Offset j - i of each pair as a column of the relative logits padded with one zero
        # column each side (0 and 2W+2 stand for every offset beyond the window).
        offset = (pos[None, :] - pos[:, None] + WINDOW + 1).clamp(0, 2 * WINDOW + 2)
        rel_logits = F.pad(q @ self.emb_rel_k[0].transpose(0, 1), (1, 1))  # [b, h, i, 2W+3]
        scores = q @ k.transpose(2, 3) + torch.gather(rel_logits, 3, offset.expand(b, HEADS, n, n))
        pair = mask.unsqueeze(2) * mask.unsqueeze(3)  # [b, 1, i, j]
        scores = scores.masked_fill(pair == 0, MASKED_SCORE)
        p = scores.softmax(dim=-1)
        # Weight of offset r - W at row i: column i + r of the weights padded by W each side.
        band = pos[:, None] + torch.arange(2 * WINDOW + 1, device=x.device)[None, :]
        rel_weights = torch.gather(F.pad(p, (WINDOW, WINDOW)), 3, band.expand(b, HEADS, n, 2 * WINDOW + 1))
        y = p @ v + rel_weights @ self.emb_rel_v[0]
        return self.conv_o(y.transpose(2, 3).reshape(b, c, n))


class FeedForward(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv_1 = nn.Conv1d(CHANNELS, FILTER, KERNEL, padding=KERNEL // 2)
        self.conv_2 = nn.Conv1d(FILTER, CHANNELS, KERNEL, padding=KERNEL // 2)

    def forward(self, x, mask):
        x = torch.relu(self.conv_1(x * mask))
        return self.conv_2(x * mask) * mask


class TeacherTextEncoder(nn.Module):
    """ids [B, N] int64, mask [B, 1, N] -> the teacher's prior mean `m_p` [B, 192, N], zero where
    the mask is: the padded positions change nothing at the others."""

    def __init__(self):
        super().__init__()
        self.emb = nn.Embedding(N_SYMBOLS, CHANNELS)
        self.attn_layers = nn.ModuleList(RelativeAttention() for _ in range(LAYERS))
        self.norm_layers_1 = nn.ModuleList(ChannelNorm(CHANNELS, LN_EPS) for _ in range(LAYERS))
        self.ffn_layers = nn.ModuleList(FeedForward() for _ in range(LAYERS))
        self.norm_layers_2 = nn.ModuleList(ChannelNorm(CHANNELS, LN_EPS) for _ in range(LAYERS))
        self.proj = nn.Conv1d(CHANNELS, 2 * CHANNELS, 1)

    def hidden(self, ids, mask):
        """The encoder's hidden state [B, 192, N] before the prior's projection (what the
        teacher's duration predictor reads)."""
        x = self.emb(ids).transpose(1, 2) * math.sqrt(CHANNELS) * mask
        for attn, norm_1, ffn, norm_2 in zip(self.attn_layers, self.norm_layers_1, self.ffn_layers,
                                             self.norm_layers_2):
            x = norm_1(x + attn(x, mask))
            x = norm_2(x + ffn(x, mask))
        return x * mask

    def forward(self, ids, mask):
        return self.proj(self.hidden(ids, mask))[:, :CHANNELS] * mask

    @classmethod
    def from_teacher(cls, graph: Path | None = None) -> "TeacherTextEncoder":
        """The encoder with the weights of the teacher's prior-mean graph (`teacher_prior.prior_graph`)."""
        graph = graph or TP.prior_graph(TP.CACHE / "joe-prior-mean.onnx")
        weights = {i.name: torch.from_numpy(onnx.numpy_helper.to_array(i).copy())
                   for i in onnx.load(str(graph)).graph.initializer}
        model = cls()
        state = {}
        for name in model.state_dict():
            source = EMBEDDING if name == "emb.weight" else f"enc_p.{'' if name.startswith('proj') else 'encoder.'}{name}"
            source = source.replace(".weight", ".gamma").replace(".bias", ".beta") if "norm_layers" in name else source
            if source not in weights:
                raise SystemExit(f"{graph}: no initializer {source} for {name}")
            state[name] = weights[source].reshape(model.state_dict()[name].shape)
        model.load_state_dict(state)
        return model.eval()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", type=Path, required=True, help="a corpus directory of <id>.npz with ids")
    ap.add_argument("--limit", type=int, default=20)
    args = ap.parse_args()
    model = TeacherTextEncoder.from_teacher()
    teacher = TP.session(TP.prior_graph(TP.CACHE / "joe-prior-mean.onnx"))
    worst = 0.0
    for meta in sorted(args.check.glob("*.npz"))[: args.limit]:
        ids = np.load(meta)["ids"].astype(np.int64)
        n = len(ids)
        ref = teacher.run(None, {"input": ids[None], "input_lengths": np.array([n], np.int64)})[0]
        padded = torch.zeros(1, n + 37, dtype=torch.long)
        padded[0, :n] = torch.from_numpy(ids)
        mask = torch.zeros(1, 1, n + 37)
        mask[..., :n] = 1
        with torch.no_grad():
            out = model(padded, mask).numpy()
        worst = max(worst, float(np.abs(out[..., :n] - ref).max()), float(np.abs(out[..., n:]).max()))
    print(f"largest |m_p| difference from the teacher's graph: {worst:.2e}")
    if worst > CHECK_TOLERANCE:
        raise SystemExit(f"the module differs from the teacher's graph by {worst:.2e} > {CHECK_TOLERANCE}")


if __name__ == "__main__":
    main()
