"""Building blocks shared by Sotto's models: channel norm and ConvNeXt-style 1-D blocks.

Both export to plain ONNX ops (reductions, depthwise and pointwise Conv, Erf-based GELU or Relu).
"""

import torch
import torch.nn as nn
import torch.nn.functional as F


class ChannelNorm(nn.Module):
    """LayerNorm over the channel axis of [B, C, T], exported as plain reductions."""

    def __init__(self, channels: int, eps: float = 1e-5):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(1, channels, 1))
        self.bias = nn.Parameter(torch.zeros(1, channels, 1))
        self.eps = eps

    def forward(self, x):
        mean = x.mean(dim=1, keepdim=True)
        var = (x - mean).pow(2).mean(dim=1, keepdim=True)
        return (x - mean) * torch.rsqrt(var + self.eps) * self.weight + self.bias


ACTIVATIONS = {"gelu": F.gelu, "relu": F.relu}


class ConvNeXtBlock(nn.Module):
    """Depthwise conv, channel norm, pointwise `channels → hidden → channels` with `act` between
    them, scaled residual. With `act="relu"` the hidden activation is non-negative, so a u8 tensor
    with zero point 0 holds it exactly and the two pointwise layers chain in int8."""

    def __init__(self, channels: int, hidden: int, kernel: int, cond_dim: int = 0, act: str = "gelu"):
        super().__init__()
        self.act = ACTIVATIONS[act]
        self.dw = nn.Conv1d(channels, channels, kernel, padding=kernel // 2, groups=channels)
        self.norm = ChannelNorm(channels)
        self.pw1 = nn.Conv1d(channels, hidden, 1)
        self.pw2 = nn.Conv1d(hidden, channels, 1)
        self.gamma = nn.Parameter(torch.full((1, channels, 1), 0.1))
        self.film = nn.Linear(cond_dim, channels) if cond_dim else None

    def forward(self, x, mask, cond=None):
        y = self.dw(x * mask)
        if self.film is not None:
            y = y + self.film(cond).unsqueeze(-1)
        y = self.pw2(self.act(self.pw1(self.norm(y))))
        return (x + self.gamma * y) * mask
