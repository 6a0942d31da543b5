"""Sotto's acoustic model: phoneme encoder, duration predictor, frame prior and flow decoder.

Every network is convolutional with a local receptive field (ConvNeXt-style blocks: depthwise
conv, channel norm, pointwise MLP) so the runtime can run it on fixed-size chunks with context.
Padding is handled by an explicit mask input, never by data-dependent shapes.

  encoder   ids [B, N], mask [B, 1, N]           -> h [B, C, N], log_dur [B, 1, N]
  prior     h_frames [B, C, F], mask [B, 1, F]   -> mu [B, D, F], cond [B, C, F]
  decoder   x [B, D, F], mu, cond, mask, t [B] [, dt [B]]  -> velocity [B, D, F]

D is the frame target's width: 80 for the log-mel, 192 for the teacher's latent (`out_channels`).
Flow matching runs from x0 = mu + temperature * noise (t = 0) to the normalised target (t = 1). A decoder
distilled for few steps (`step_cond`) also takes the step size dt and returns the mean velocity
over [t, t + dt] rather than the instantaneous one.
"""

import math

import torch
import torch.nn as nn
import torch.nn.functional as F

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from blocks import ChannelNorm, ConvNeXtBlock  # noqa: E402,F401

N_MELS = 80
N_SYMBOLS = 256


class Encoder(nn.Module):
    def __init__(self, channels=192, hidden=576, kernel=5, blocks=4, dur_blocks=2):
        super().__init__()
        self.embed = nn.Embedding(N_SYMBOLS, channels)
        self.blocks = nn.ModuleList(ConvNeXtBlock(channels, hidden, kernel) for _ in range(blocks))
        self.dur_blocks = nn.ModuleList(ConvNeXtBlock(channels, channels * 2, 3) for _ in range(dur_blocks))
        self.dur_out = nn.Conv1d(channels, 1, 1)

    def forward(self, ids, mask):
        h = self.embed(ids).transpose(1, 2) * mask
        for b in self.blocks:
            h = b(h, mask)
        d = h.detach() if self.training else h
        for b in self.dur_blocks:
            d = b(d, mask)
        return h, self.dur_out(d) * mask


class Prior(nn.Module):
    def __init__(self, channels=192, hidden=576, kernel=7, blocks=3, out_channels=N_MELS):
        super().__init__()
        self.blocks = nn.ModuleList(ConvNeXtBlock(channels, hidden, kernel) for _ in range(blocks))
        self.mu = nn.Conv1d(channels, out_channels, 1)

    def forward(self, h, mask):
        for b in self.blocks:
            h = b(h, mask)
        return self.mu(h) * mask, h


def time_embedding(t, dim: int):
    half = dim // 2
    freqs = torch.exp(-math.log(1000.0) * torch.arange(half, dtype=torch.float32, device=t.device) / half)
    args = t.float()[:, None] * 1000.0 * freqs[None, :]
    return torch.cat([torch.sin(args), torch.cos(args)], dim=1)


class Decoder(nn.Module):
    def __init__(self, channels=192, hidden=576, kernel=7, blocks=6, cond_channels=192, t_dim=64,
                 step_cond=False, out_channels=N_MELS):
        super().__init__()
        self.t_dim = t_dim
        self.t_mlp = nn.Sequential(nn.Linear(t_dim, 128), nn.SiLU(), nn.Linear(128, 128))
        self.step_cond = step_cond
        if step_cond:
            self.dt_mlp = nn.Sequential(nn.Linear(t_dim, 128), nn.SiLU(), nn.Linear(128, 128))
            nn.init.zeros_(self.dt_mlp[2].weight)
            nn.init.zeros_(self.dt_mlp[2].bias)
        self.inp = nn.Conv1d(out_channels * 2 + cond_channels, channels, 1)
        self.blocks = nn.ModuleList(ConvNeXtBlock(channels, hidden, kernel, cond_dim=128) for _ in range(blocks))
        self.norm = ChannelNorm(channels)
        self.out = nn.Conv1d(channels, out_channels, 1)
        nn.init.zeros_(self.out.weight)
        nn.init.zeros_(self.out.bias)

    def forward(self, x, mu, cond, mask, t, dt=None):
        temb = self.t_mlp(time_embedding(t, self.t_dim))
        if self.step_cond:
            temb = temb + self.dt_mlp(time_embedding(dt, self.t_dim))
        h = self.inp(torch.cat([x, mu, cond], dim=1)) * mask
        for b in self.blocks:
            h = b(h, mask, temb)
        return self.out(self.norm(h)) * mask


class AcousticModel(nn.Module):
    def __init__(self, **cfg):
        super().__init__()
        self.cfg = cfg
        c = cfg.get("channels", 192)
        d = cfg.get("out_channels", N_MELS)
        self.encoder = Encoder(channels=c, blocks=cfg.get("enc_blocks", 4))
        self.prior = Prior(channels=c, blocks=cfg.get("prior_blocks", 3), out_channels=d)
        self.decoder = Decoder(channels=cfg.get("dec_channels", c), blocks=cfg.get("dec_blocks", 6), cond_channels=c,
                               step_cond=cfg.get("step_cond", False), out_channels=d)


def expand(h, durations, frames: int):
    """Repeats each column of h [B, C, N] durations[b, n] times; pads to `frames`."""
    out = h.new_zeros(h.shape[0], h.shape[1], frames)
    for b in range(h.shape[0]):
        rep = torch.repeat_interleave(h[b], durations[b].clamp(min=0), dim=1)[:, :frames]
        out[b, :, : rep.shape[1]] = rep
    return out


def count_params(m: nn.Module) -> int:
    return sum(p.numel() for p in m.parameters())
