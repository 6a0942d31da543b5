"""Discriminators and losses for training the small vocoder against real speech.

Two discriminator families, as HiFi-GAN and Vocos use them:
- multi-period (MPD): the waveform folded into [T / p, p] for periods 2, 3, 5, 7, 11, each
  judged by a stack of (5, 1) convolutions that only mix samples one period apart;
- multi-resolution (MRD): log-magnitude spectrograms at three STFT resolutions, each judged by
  a small 2-D conv stack.
Both return their logits and every intermediate feature map (for feature matching).
Least-squares adversarial losses (HiFi-GAN's), L1 feature matching, and the HiFi-GAN log-mel L1.
"""

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.utils.parametrizations import weight_norm

PERIODS = (2, 3, 5, 7, 11)
MPD_CHANNELS = (32, 128, 256, 256, 256)
MRD_RESOLUTIONS = ((512, 128), (1024, 256), (2048, 512))
MRD_CHANNELS = 32
SLOPE = 0.1


def judge(convs, post, x):
    """Runs a discriminator's conv stack: its logits and every feature map."""
    feats = []
    for conv in convs:
        x = F.leaky_relu(conv(x), SLOPE)
        feats.append(x)
    x = post(x)
    feats.append(x)
    return x.flatten(1), feats


class PeriodDiscriminator(nn.Module):
    def __init__(self, period: int):
        super().__init__()
        self.period = period
        chans = (1,) + MPD_CHANNELS
        self.convs = nn.ModuleList(
            weight_norm(nn.Conv2d(a, b, (5, 1), (3 if i < len(chans) - 2 else 1, 1), padding=(2, 0)))
            for i, (a, b) in enumerate(zip(chans[:-1], chans[1:]))
        )
        self.post = weight_norm(nn.Conv2d(chans[-1], 1, (3, 1), padding=(1, 0)))

    def forward(self, x):
        b, t = x.shape
        if t % self.period:
            x = F.pad(x, (0, self.period - t % self.period), mode="reflect")
        return judge(self.convs, self.post, x.view(b, 1, -1, self.period))


class ResolutionDiscriminator(nn.Module):
    def __init__(self, n_fft: int, hop: int):
        super().__init__()
        self.n_fft, self.hop = n_fft, hop
        c = MRD_CHANNELS
        self.convs = nn.ModuleList([
            weight_norm(nn.Conv2d(1, c, (3, 9), padding=(1, 4))),
            weight_norm(nn.Conv2d(c, c, (3, 9), stride=(1, 2), padding=(1, 4))),
            weight_norm(nn.Conv2d(c, c, (3, 9), stride=(1, 2), padding=(1, 4))),
            weight_norm(nn.Conv2d(c, c, (3, 9), stride=(1, 2), padding=(1, 4))),
            weight_norm(nn.Conv2d(c, c, (3, 3), padding=(1, 1))),
        ])
        self.post = weight_norm(nn.Conv2d(c, 1, (3, 3), padding=(1, 1)))
        self.register_buffer("window", torch.hann_window(n_fft), persistent=False)

    def forward(self, x):
        spec = torch.stft(x, self.n_fft, self.hop, window=self.window, return_complex=True)
        x = torch.log(spec.abs().clamp(min=1e-5)).transpose(1, 2).unsqueeze(1)  # [B, 1, T, F]
        return judge(self.convs, self.post, x)


class Discriminators(nn.Module):
    def __init__(self):
        super().__init__()
        self.nets = nn.ModuleList(
            [PeriodDiscriminator(p) for p in PERIODS]
            + [ResolutionDiscriminator(n, h) for n, h in MRD_RESOLUTIONS]
        )

    def forward(self, x):
        return [net(x) for net in self.nets]


def d_loss(real, fake):
    """Least-squares discriminator loss: real → 1, fake → 0."""
    loss = 0.0
    for (r, _), (f, _) in zip(real, fake):
        loss = loss + ((1 - r) ** 2).mean() + (f**2).mean()
    return loss / len(real)


def g_adv_loss(fake):
    return sum(((1 - f) ** 2).mean() for f, _ in fake) / len(fake)


def feature_loss(real, fake):
    loss, n = 0.0, 0
    for (_, fr), (_, ff) in zip(real, fake):
        for a, b in zip(fr, ff):
            loss = loss + F.l1_loss(b, a.detach())
            n += 1
    return loss / n


class LogMel(nn.Module):
    """HiFi-GAN V1 log-mel (the runtime's and `melspec.py`'s analysis) on [B, T] audio, given
    the Slaney mel basis [80, 513]; frames = T // 256."""

    def __init__(self, basis: torch.Tensor):
        super().__init__()
        self.register_buffer("basis", basis.float(), persistent=False)
        self.register_buffer("window", torch.hann_window(1024, periodic=True), persistent=False)

    def forward(self, audio):
        x = F.pad(audio.unsqueeze(1), (384, 384), mode="reflect").squeeze(1)
        spec = torch.stft(x, 1024, 256, window=self.window, center=False, return_complex=True)
        mag = torch.sqrt(spec.real**2 + spec.imag**2 + 1e-9)
        return torch.log(torch.clamp(self.basis @ mag, min=1e-5))
